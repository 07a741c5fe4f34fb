"""Load the reference data (fixtures/actors.json, fixtures/resolutions.json) into the database.

Used by the data migration, so a fresh database has it after ``migrate``, and by ``loadseeds``, so fixture
additions reach an existing database. It only adds what is missing (by natural key): a curator's edits to a
reference actor or resolution are never overwritten. Takes an app registry so the migration can pass its
historical models.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps as global_apps
from django.conf import settings

FIXTURE_FILES = ("actors.json", "resolutions.json")


@dataclass
class ReferenceSyncResult:
    actors: int = 0
    aliases: int = 0
    resolutions: int = 0

    @property
    def total(self) -> int:
        return self.actors + self.aliases + self.resolutions


def read_fixture(name: str, fixtures_dir: Path | None = None) -> list[dict]:
    directory = fixtures_dir or Path(settings.FIXTURES_DIR)
    return json.loads((directory / name).read_text(encoding="utf-8"))


def reference_data_sync(*, apps=global_apps, fixtures_dir: Path | None = None) -> ReferenceSyncResult:
    """Create the reference actors, aliases and resolutions that the database lacks."""
    actor_model = apps.get_model("timeline", "Actor")
    alias_model = apps.get_model("timeline", "ActorAlias")
    resolution_model = apps.get_model("timeline", "Resolution")
    result = ReferenceSyncResult()

    rows = read_fixture("actors.json", fixtures_dir)
    actor_rows = [row["fields"] for row in rows if row["model"] == "timeline.actor"]
    existing_slugs = set(actor_model.objects.values_list("slug", flat=True))
    new_actors = [actor_model(**fields) for fields in actor_rows if fields["slug"] not in existing_slugs]
    actor_model.objects.bulk_create(new_actors, batch_size=500)
    result.actors = len(new_actors)

    actor_ids = dict(actor_model.objects.values_list("slug", "id"))
    existing_aliases = {
        (name.lower(), valid_from.isoformat() if valid_from else None)
        for name, valid_from in alias_model.objects.values_list("name", "valid_from")
    }
    new_aliases = []
    for row in rows:
        if row["model"] != "timeline.actoralias":
            continue
        fields = dict(row["fields"])
        key = (fields["name"].lower(), fields["valid_from"])
        if key in existing_aliases:
            continue
        existing_aliases.add(key)
        fields["actor_id"] = actor_ids[fields.pop("actor")[0]]
        new_aliases.append(alias_model(**fields))
    alias_model.objects.bulk_create(new_aliases, batch_size=500)
    result.aliases = len(new_aliases)

    existing_symbols = set(resolution_model.objects.values_list("symbol", flat=True))
    existing_numbers = set(resolution_model.objects.values_list("body", "number"))
    new_resolutions = [
        resolution_model(**row["fields"])
        for row in read_fixture("resolutions.json", fixtures_dir)
        if row["fields"]["symbol"] not in existing_symbols
        and (row["fields"]["body"], row["fields"]["number"]) not in existing_numbers
    ]
    resolution_model.objects.bulk_create(new_resolutions, batch_size=500)
    result.resolutions = len(new_resolutions)
    return result
