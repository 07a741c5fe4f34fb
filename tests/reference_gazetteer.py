"""The gazetteer over the shipped reference actors, built from the actor fixtures without a database."""

import datetime as dt
import json
from collections import defaultdict
from functools import cache

from tests.conftest import ROOT
from timeline.extraction.actors import AliasSpec, Gazetteer, GazetteerEntry
from timeline.reference import ACTOR_FIXTURES


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@cache
def reference_gazetteer() -> Gazetteer:
    rows = [
        row for name in ACTOR_FIXTURES for row in json.loads((ROOT / "fixtures" / name).read_text(encoding="utf-8"))
    ]
    aliases: dict[str, list[AliasSpec]] = defaultdict(list)
    for row in rows:
        if row["model"] == "timeline.actoralias":
            fields = row["fields"]
            aliases[fields["actor"][0]].append(
                AliasSpec(fields["name"], _day(fields["valid_from"]), _day(fields["valid_to"]))
            )
    return Gazetteer(
        GazetteerEntry(
            slug=row["fields"]["slug"],
            name=row["fields"]["name"],
            kind=row["fields"]["kind"],
            iso3=row["fields"]["iso3"],
            aliases=tuple(aliases[row["fields"]["slug"]]),
        )
        for row in rows
        if row["model"] == "timeline.actor"
    )
