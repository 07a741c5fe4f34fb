"""Writes of the reference data: the actors, aliases and resolutions the fixtures have and the database lacks.

Used by the data migration ``0002_reference_data``, so a fresh database has it after ``migrate``, and by
``loadseeds``, so fixture additions reach an existing database. It only adds what is missing (by natural key): a
curator's edits to a reference actor or resolution are never overwritten. It takes an app registry so that the
migration can pass its historical models. The fixtures are read by ``timeline.reference``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.apps import apps as global_apps
from django.db import transaction
from django.db.models import UniqueConstraint

from timeline.reference import ReferenceData, reference_data_read


@dataclass
class ReferenceSyncResult:
    """How many rows of each kind were added."""

    actors: int = 0
    aliases: int = 0
    resolutions: int = 0

    @property
    def total(self) -> int:
        return self.actors + self.aliases + self.resolutions


@dataclass
class _Missing:
    """The fixtures' rows the database lacks, by natural key."""

    actors: list[dict]
    aliases: list[dict]
    resolutions: list[dict]

    def __bool__(self) -> bool:
        return bool(self.actors or self.aliases or self.resolutions)


def _missing(reference: ReferenceData, actor_model, alias_model, resolution_model) -> _Missing:
    existing_slugs = set(actor_model.objects.values_list("slug", flat=True))
    existing_aliases = {
        (name.lower(), valid_from.isoformat() if valid_from else None)
        for name, valid_from in alias_model.objects.values_list("name", "valid_from")
    }
    aliases = []
    for fields in reference.aliases:
        key = (fields["name"].lower(), fields["valid_from"])
        if key not in existing_aliases:
            existing_aliases.add(key)
            aliases.append(fields)
    existing_symbols = set(resolution_model.objects.values_list("symbol", flat=True))
    existing_numbers = set(resolution_model.objects.values_list("body", "number"))
    numbers_unique_for_all = any(
        isinstance(constraint, UniqueConstraint)
        and tuple(constraint.fields) == ("body", "number")
        and constraint.condition is None
        for constraint in resolution_model._meta.constraints
    )
    seen_numbers: set[tuple[str, int]] = set()
    return _Missing(
        actors=[fields for fields in reference.actors if fields["slug"] not in existing_slugs],
        aliases=aliases,
        resolutions=[
            fields
            for fields in reference.resolutions
            # Council numbers are unique; Assembly numbers repeat across sessions, so only the symbol counts
            # (except under the schema of migration 0002, where every body's numbers were unique).
            if fields["symbol"] not in existing_symbols
            and (
                (fields["body"] != "S" and not numbers_unique_for_all)
                or (fields["body"], fields["number"]) not in existing_numbers
            )
            and not (numbers_unique_for_all and (fields["body"], fields["number"]) in seen_numbers)
            and not seen_numbers.add((fields["body"], fields["number"]))
        ],
    )


def reference_data_sync(*, apps=global_apps, fixtures_dir: Path | None = None) -> ReferenceSyncResult:
    """Create the reference actors, aliases and resolutions that the database lacks, in one transaction.

    When nothing is missing (every ``loadseeds`` run but the first after a fixture change) it only reads: no
    transaction, so no write lock for concurrent loaders to wait on.
    """
    models = [apps.get_model("timeline", name) for name in ("Actor", "ActorAlias", "Resolution")]
    actor_model, alias_model, resolution_model = models
    reference = reference_data_read(fixtures_dir)
    if not _missing(reference, *models):
        return ReferenceSyncResult()
    with transaction.atomic():
        missing = _missing(reference, *models)  # again, now that this transaction writes
        actor_model.objects.bulk_create([actor_model(**fields) for fields in missing.actors], batch_size=500)
        actor_ids = dict(actor_model.objects.values_list("slug", "id"))
        new_aliases = []
        for fields in missing.aliases:
            fields = dict(fields)
            fields["actor_id"] = actor_ids[fields.pop("actor_slug")]
            new_aliases.append(alias_model(**fields))
        alias_model.objects.bulk_create(new_aliases, batch_size=500)
        resolution_model.objects.bulk_create(
            [resolution_model(**fields) for fields in missing.resolutions], batch_size=500
        )
    return ReferenceSyncResult(
        actors=len(missing.actors), aliases=len(missing.aliases), resolutions=len(missing.resolutions)
    )
