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

from timeline.reference import reference_data_read


@dataclass
class ReferenceSyncResult:
    """How many rows of each kind were added."""

    actors: int = 0
    aliases: int = 0
    resolutions: int = 0

    @property
    def total(self) -> int:
        return self.actors + self.aliases + self.resolutions


def reference_data_sync(*, apps=global_apps, fixtures_dir: Path | None = None) -> ReferenceSyncResult:
    """Create the reference actors, aliases and resolutions that the database lacks, in one transaction."""
    actor_model = apps.get_model("timeline", "Actor")
    alias_model = apps.get_model("timeline", "ActorAlias")
    resolution_model = apps.get_model("timeline", "Resolution")
    reference = reference_data_read(fixtures_dir)
    result = ReferenceSyncResult()
    with transaction.atomic():
        existing_slugs = set(actor_model.objects.values_list("slug", flat=True))
        new_actors = [actor_model(**fields) for fields in reference.actors if fields["slug"] not in existing_slugs]
        actor_model.objects.bulk_create(new_actors, batch_size=500)
        result.actors = len(new_actors)

        actor_ids = dict(actor_model.objects.values_list("slug", "id"))
        existing_aliases = {
            (name.lower(), valid_from.isoformat() if valid_from else None)
            for name, valid_from in alias_model.objects.values_list("name", "valid_from")
        }
        new_aliases = []
        for fields in reference.aliases:
            key = (fields["name"].lower(), fields["valid_from"])
            if key in existing_aliases:
                continue
            existing_aliases.add(key)
            fields = dict(fields)
            fields["actor_id"] = actor_ids[fields.pop("actor_slug")]
            new_aliases.append(alias_model(**fields))
        alias_model.objects.bulk_create(new_aliases, batch_size=500)
        result.aliases = len(new_aliases)

        existing_symbols = set(resolution_model.objects.values_list("symbol", flat=True))
        existing_numbers = set(resolution_model.objects.values_list("body", "number"))
        new_resolutions = [
            resolution_model(**fields)
            for fields in reference.resolutions
            if fields["symbol"] not in existing_symbols and (fields["body"], fields["number"]) not in existing_numbers
        ]
        resolution_model.objects.bulk_create(new_resolutions, batch_size=500)
        result.resolutions = len(new_resolutions)
    return result
