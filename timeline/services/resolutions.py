"""Writes to resolutions: curators' edits (API and admin), deletes, and the records ``loadseeds`` creates for a
resolution cited in full that the reference data lacks. The reference resolutions are written by
``services.reference``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from timeline.models import Resolution
from timeline.services.common import model_save, primary_keys

RESOLUTION_FIELDS = frozenset(
    {"body", "number", "year", "symbol", "adopted_on", "agenda", "vote", "meeting_record", "is_auto_created"}
)


def resolution_create(*, data: Mapping[str, Any]) -> Resolution:
    """Create a resolution from validated data."""
    return resolution_update(resolution=Resolution(), data=data)


def resolution_update(*, resolution: Resolution, data: Mapping[str, Any]) -> Resolution:
    """Save ``resolution`` (new or existing) with ``data`` applied, in one transaction."""
    return model_save(instance=resolution, data=data, fields=RESOLUTION_FIELDS)


def resolutions_delete(*, resolutions: Iterable[Resolution] | QuerySet[Resolution]) -> int:
    """Delete resolutions and their links to events, mentions and articles (the events stay); returns how many
    went. A reference resolution comes back with the next ``loadseeds``."""
    with transaction.atomic():
        deleted = Resolution.objects.filter(pk__in=primary_keys(resolutions)).delete()[1]
    return deleted.get(Resolution._meta.label, 0)


def resolution_auto_create(*, symbol: str, body: str, number: int, year: int | None) -> tuple[Resolution, bool]:
    """The record of a resolution cited in full (a newer Council resolution, any Assembly one), created flagged
    ``is_auto_created`` when the database lacks it; returns it and whether it was created.

    Called inside ``loadseeds``' transaction per article: no savepoint of its own (``get_or_create`` has one).
    """
    with transaction.atomic(savepoint=False):
        return Resolution.objects.get_or_create(
            symbol=symbol, defaults={"body": body, "number": number, "year": year, "is_auto_created": True}
        )
