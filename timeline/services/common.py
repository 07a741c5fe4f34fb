"""What every entity service shares: applying validated data to a model instance and saving it atomically."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction

ModelT = TypeVar("ModelT", bound=models.Model)


def primary_keys(rows: Iterable[models.Model] | models.QuerySet) -> list[int]:
    """The ids of model instances or of a queryset's rows (one query for a queryset, none for instances)."""
    if isinstance(rows, models.QuerySet):
        return list(rows.values_list("pk", flat=True))
    return [row.pk for row in rows]


def model_save(
    *,
    instance: ModelT,
    data: Mapping[str, Any],
    fields: frozenset[str],
    relations: frozenset[str] = frozenset(),
) -> ModelT:
    """Set ``data`` on ``instance`` (new or existing) and save it, in one transaction.

    ``fields`` are the plain fields a caller may set, ``relations`` the many-to-many ones (a list replaces the
    current one). A name in neither is the caller's error (``ValueError``), never silently dropped.
    """
    unknown = set(data) - fields - relations
    if unknown:
        raise ValueError(f"Not an editable {instance._meta.verbose_name} field: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        for name, value in data.items():
            if name in fields:
                setattr(instance, name, value)
        instance.save()
        for name, value in data.items():
            if name in relations:
                getattr(instance, name).set(value)
    return instance
