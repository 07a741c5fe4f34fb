"""The reference data as the fixtures hold it, read into plain rows keyed by natural key: the actor lists
(``ACTOR_FIXTURES``: states and the base organisations and people in ``actors.json``, then the UN system,
peace operations, armed groups and officials by term, each with its aliases) and ``resolutions.json``
(Security Council resolutions and the General Assembly's emergency-special-session ones).

Reading only: ``timeline.services.reference`` writes whatever of it the database lacks. A new reference list is
a fixture file, a reader here and a few lines there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# Actor fixture files in load order; only ``actors.json`` is required (a test directory may hold just that).
ACTOR_FIXTURES = ("actors.json", "un_system.json", "missions.json", "armed_groups.json", "officials.json")


@dataclass(frozen=True)
class ReferenceData:
    """The fixtures' rows: model fields, with an alias's actor as its slug (``actor_slug``)."""

    actors: list[dict]
    aliases: list[dict]
    resolutions: list[dict]


def read_fixture(name: str, fixtures_dir: Path | None = None) -> list[dict]:
    """The rows of one fixture file (Django's fixture format) in ``fixtures_dir`` (default ``FIXTURES_DIR``)."""
    directory = fixtures_dir or Path(settings.FIXTURES_DIR)
    return json.loads((directory / name).read_text(encoding="utf-8"))


def reference_data_read(fixtures_dir: Path | None = None) -> ReferenceData:
    """Every reference actor, alias and resolution the fixtures hold, in fixture order."""
    directory = fixtures_dir or Path(settings.FIXTURES_DIR)
    actor_rows = [
        row
        for name in ACTOR_FIXTURES
        if name == "actors.json" or (directory / name).exists()
        for row in read_fixture(name, directory)
    ]
    aliases = []
    for row in actor_rows:
        if row["model"] == "timeline.actoralias":
            fields = dict(row["fields"])
            fields["actor_slug"] = fields.pop("actor")[0]  # a natural key: (slug,)
            aliases.append(fields)
    return ReferenceData(
        actors=[row["fields"] for row in actor_rows if row["model"] == "timeline.actor"],
        aliases=aliases,
        resolutions=[row["fields"] for row in read_fixture("resolutions.json", fixtures_dir)],
    )
