"""Score the whole pipeline on real UN texts with hand-made gold (``../shared/data/un-dev`` by default).

Usage: ``python bench/extraction_eval.py [DIR] [--database-url URL] [-v] [--json]``

``DIR`` holds ``articles/*.txt``, ``gold.jsonl`` and ``events_gold.jsonl`` in the format that
``ANNOTATION.md`` of un-dev describes. The script loads ``DIR/articles`` with ``loadseeds`` into a fresh
database (a temporary SQLite file unless ``--database-url`` names an empty PostgreSQL database), reads the
events, articles and actors back through the REST API with Django's test client, and prints:

* **events**: each system entry is one article's report of a happening: a mention of an event (or, for an
  event without mentions, the event itself in its article). An entry *matches* a gold happening of the same
  article when its quote contains the gold ``evidence`` (or one of its ``alt_evidence``) after folding case,
  whitespace and quotes, **and** its date as that article gives it equals the gold ``value``.
  Recall is over core happenings; precision is the share of entries that match a gold happening, core or
  optional. ``entries per happening`` is the mean, over gold happening ids found at least once, of the
  number of distinct events that match it anywhere in the set (1.0 when every happening is one event, however
  many articles report it). ``kind`` is the share of matched core happenings whose event has the gold kind.
  ``found at any date`` counts quote matches whatever their date, to tell a missed happening from a
  misdated one. ``over-merged`` counts events two of whose entries report different gold happenings (a merge
  across articles that should not have happened; worse than a split).
* **dates**: the date finder over each article (its dateline and every prose sentence, resolved as extraction
  resolves them: `timeline.extraction.events.article_dates`) against gold
  ``dates``, as sets of intervals per article: recall over core, precision over core + optional.
* **actors**: each article's actors from ``/api/articles/{id}/``; a system actor matches a gold actor when its
  ISO3 is the gold key (states) or its name or one of its aliases equals the key or one of the gold names.
  Recall over core, precision over all gold actors (core and optional).
* **resolutions**: each article's resolution symbols against gold ``resolutions``.

``-v`` lists every miss and every spurious item per article, which is how to tune the rules. The figures
depend only on the texts and the code: no text of the set is special-cased anywhere in the project.
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import re
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
DEFAULT_DIR = REPO_ROOT.parent / "shared" / "data" / "un-dev"

QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "`": "'"})


def fold(text: str) -> str:
    """Case, whitespace and quote folding, as ANNOTATION.md defines evidence matching."""
    text = unicodedata.normalize("NFC", text).translate(QUOTES).lower()
    return re.sub(r"\s+", " ", text).strip()


def gold_interval(value: str) -> tuple[date, date]:
    """``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``a/b`` of one of those, as an inclusive interval."""
    if "/" in value:
        first, last = value.split("/", 1)
        return gold_interval(first)[0], gold_interval(last)[1]
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    day = date(*parts)
    return day, day


@dataclass
class Score:
    """Recall over core gold items and precision over system items."""

    core: int = 0
    core_found: int = 0
    system: int = 0
    system_right: int = 0

    @property
    def recall(self) -> float:
        return self.core_found / self.core if self.core else 1.0

    @property
    def precision(self) -> float:
        return self.system_right / self.system if self.system else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name:<12} R {self.recall:.3f} ({self.core_found}/{self.core})   "
            f"P {self.precision:.3f} ({self.system_right}/{self.system})"
        )


@dataclass
class Report:
    events: Score = field(default_factory=Score)
    dates: Score = field(default_factory=Score)
    actors: Score = field(default_factory=Score)
    resolutions: Score = field(default_factory=Score)
    found_any_date: int = 0
    kind_right: int = 0
    kind_total: int = 0
    entries_per_happening: float = 0.0
    happenings_found: int = 0
    events_total: int = 0
    # Events whose mentions report different gold happenings: what merging across articles got wrong.
    over_merged: int = 0
    details: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.kind_total if self.kind_total else 1.0

    def as_dict(self) -> dict:
        def score(value: Score) -> dict:
            return {"recall": round(value.recall, 3), "precision": round(value.precision, 3)}

        return {
            "events": {
                **score(self.events),
                "entries_per_happening": round(self.entries_per_happening, 3),
                "kind_accuracy": round(self.kind_accuracy, 3),
                "found_at_any_date": self.found_any_date,
                "core_happenings": self.events.core,
                "events": self.events_total,
                "entries": self.events.system,
                "over_merged": self.over_merged,
            },
            "dates": score(self.dates),
            "actors": score(self.actors),
            "resolutions": score(self.resolutions),
        }


# ------------------------------------------------------------------------------------------------ loading
def load(folder: Path) -> None:
    """Migrate the (empty) database and load every article of ``folder`` with the real command."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("loadseeds", str(folder), verbosity=0)


def api_get(client, url: str) -> dict | list:
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}: {response.content[:300]!r}")
    return response.json()


def all_pages(client, url: str) -> list[dict]:
    results: list[dict] = []
    while url:
        page = api_get(client, url)
        results += page["results"]
        url = page.get("next")
    return results


def entries_of(event: dict) -> list[dict]:
    """One entry per (article, quote, date) report of ``event``: its mentions, or the event itself."""
    mentions = event.get("mentions")
    if mentions:
        return [
            {
                "article": mention["article"]["id"],
                "quote": mention["quote"],
                "date": (mention["date_start"], mention["date_end"]),
            }
            for mention in mentions
        ]
    return [
        {
            "article": event["article"]["id"],
            "quote": event["quote"],
            "date": (event["date_start"], event["date_end"]),
        }
    ]


# ------------------------------------------------------------------------------------------------ scoring
def score_events(report: Report, events: list[dict], articles: dict[str, dict], gold_events: dict) -> None:
    entries_by_article: dict[int, list[tuple[dict, dict]]] = defaultdict(list)
    for event in events:
        for entry in entries_of(event):
            entries_by_article[entry["article"]].append((event, entry))
    report.events_total = len(events)
    events_by_happening: dict[str, set[int]] = defaultdict(set)
    # per event, the sets of gold happenings that each of its matching entries reports
    reported_by_event: dict[int, list[frozenset[str]]] = defaultdict(list)

    for file, record in gold_events.items():
        article = articles.get(file)
        entries = entries_by_article.get(article["id"], []) if article else []
        happenings = record["happenings"]
        matched_entries: set[int] = set()
        entry_happenings: dict[int, set[str]] = defaultdict(set)
        for happening in happenings:
            evidence = [fold(text) for text in [happening["evidence"], *happening.get("alt_evidence", [])]]
            start, end = gold_interval(happening["value"])
            wanted = (start.isoformat(), end.isoformat())
            quoted = [(i, event, entry) for i, (event, entry) in enumerate(entries) if _quotes(entry, evidence)]
            dated = [(i, event, entry) for i, event, entry in quoted if entry["date"] == wanted]
            for i, event, _entry in dated:
                matched_entries.add(i)
                events_by_happening[happening["id"]].add(event["id"])
                entry_happenings[i].add(happening["id"])
            if not happening["core"]:
                continue
            report.events.core += 1
            report.found_any_date += bool(quoted)
            if dated:
                report.events.core_found += 1
                kind = dated[0][1]["kind"]
                report.kind_total += 1
                report.kind_right += kind == happening["kind"]
                if kind != happening["kind"]:
                    report.details[file].append(f"  kind   {kind} != {happening['kind']}: {happening['id']}")
            elif quoted:
                dates = sorted({"/".join(entry["date"]) for _i, _e, entry in quoted})
                report.details[file].append(f"  date   {happening['id']}: got {', '.join(dates)}")
            else:
                report.details[file].append(f"  miss   {happening['id']}: {happening['evidence']!r}")
        for i, ids in entry_happenings.items():
            reported_by_event[entries[i][0]["id"]].append(frozenset(ids))
        report.events.system += len(entries)
        report.events.system_right += len(matched_entries)
        for i, (event, entry) in enumerate(entries):
            if i not in matched_entries:
                span = "/".join(entry["date"])
                report.details[file].append(f"  extra  {span} [{event['kind']}] {entry['quote'][:110]!r}")
    sizes = [len(ids) for ids in events_by_happening.values()]
    report.happenings_found = len(sizes)
    report.entries_per_happening = sum(sizes) / len(sizes) if sizes else 0.0
    for event_id, reported in sorted(reported_by_event.items()):
        # over-merged: two of its entries report happenings with nothing in common
        if any(not (first & second) for index, first in enumerate(reported) for second in reported[index + 1 :]):
            report.over_merged += 1
            ids = sorted(set().union(*reported))
            report.details["(identity)"].append(f"  merged event {event_id}: {', '.join(ids)}")
    for happening_id, ids in sorted(events_by_happening.items()):
        if len(ids) > 1:
            report.details["(identity)"].append(f"  split  {happening_id}: {len(ids)} events {sorted(ids)}")


def _quotes(entry: dict, evidence: list[str]) -> bool:
    quote = fold(entry["quote"])
    return any(text in quote for text in evidence)


def score_dates(report: Report, folder: Path, gold: dict[str, dict]) -> None:
    from timeline.extraction.article import parse_article
    from timeline.extraction.events import article_dates

    for file, record in gold.items():
        parsed = parse_article((folder / "articles" / file).read_bytes())
        found: dict[tuple[date, date], str] = {(parsed.published_on, parsed.published_on): parsed.dateline_text}
        for mention in article_dates(parsed):
            found.setdefault((mention.date_start, mention.date_end), mention.text)
        gold_all = {gold_interval(item["value"]): item for item in record["dates"]}
        for interval, item in gold_all.items():
            if item["core"]:
                report.dates.core += 1
                if interval in found:
                    report.dates.core_found += 1
                else:
                    report.details[file].append(f"  date?  {item['value']} {item['text']!r}")
        report.dates.system += len(found)
        for interval, text in found.items():
            if interval in gold_all:
                report.dates.system_right += 1
            else:
                report.details[file].append(f"  date!  {interval[0]}/{interval[1]} {text!r}")


def score_actors_and_resolutions(report: Report, client, articles: dict[str, dict], gold: dict[str, dict]) -> None:
    aliases: dict[str, list[str]] = {}
    for file, record in gold.items():
        article = articles.get(file)
        detail = api_get(client, f"/api/articles/{article['id']}/") if article else {"actors": [], "resolutions": []}
        system = detail["actors"]
        for actor in system:
            if actor["slug"] not in aliases:
                names = [alias["name"] for alias in api_get(client, f"/api/actors/{actor['slug']}/")["aliases"]]
                aliases[actor["slug"]] = names
        system_names = {
            actor["slug"]: {fold(name) for name in [actor["name"], actor["iso3"] or "", *aliases[actor["slug"]]]}
            for actor in system
        }
        matched: set[str] = set()
        for item in record["actors"]:
            gold_names = {fold(name) for name in [item["key"], *item["names"]]}
            hits = [slug for slug, names in system_names.items() if names & gold_names]
            matched.update(hits)
            if item["core"]:
                report.actors.core += 1
                if hits:
                    report.actors.core_found += 1
                else:
                    report.details[file].append(f"  actor? {item['key']} ({item['kind']}) {item['names'][:3]}")
        report.actors.system += len(system)
        report.actors.system_right += len(matched)
        for slug in system_names:
            if slug not in matched:
                report.details[file].append(f"  actor! {slug}")

        symbols = {resolution["symbol"] for resolution in detail["resolutions"]}
        wanted = set(record["resolutions"])
        report.resolutions.core += len(wanted)
        report.resolutions.core_found += len(wanted & symbols)
        report.resolutions.system += len(symbols)
        report.resolutions.system_right += len(wanted & symbols)
        for symbol in sorted(wanted - symbols):
            report.details[file].append(f"  res?   {symbol}")
        for symbol in sorted(symbols - wanted):
            report.details[file].append(f"  res!   {symbol}")


def read_jsonl(path: Path) -> dict[str, dict]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {record["file"]: record for record in records}


def evaluate(folder: Path) -> Report:
    from django.test import Client

    gold = read_jsonl(folder / "gold.jsonl")
    gold_events = read_jsonl(folder / "events_gold.jsonl")
    load(folder / "articles")
    client = Client()
    articles = {article["source_name"]: article for article in all_pages(client, "/api/articles/?page_size=500")}
    events = all_pages(client, "/api/events/?page_size=500")

    report = Report()
    score_events(report, events, articles, gold_events)
    score_dates(report, folder, gold)
    score_actors_and_resolutions(report, client, articles, gold)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--database-url", help="an empty database to load into (default: a temporary SQLite file)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss and spurious item")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    folder = args.folder.resolve()
    if not (folder / "gold.jsonl").exists():
        parser.error(f"{folder} has no gold.jsonl")

    with tempfile.TemporaryDirectory() as scratch:
        os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch}/eval.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        os.environ.setdefault("DJANGO_DEBUG", "1")
        os.environ.setdefault("API_ANON_RATE", "off")
        import django

        django.setup()
        from django.conf import settings

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        started = time.perf_counter()
        report = evaluate(folder)
        seconds = time.perf_counter() - started

    if args.json:
        print(json.dumps(report.as_dict(), indent=2))
        return 0
    if args.verbose:
        for file in sorted(report.details):
            print(file)
            print("\n".join(report.details[file]))
        print()
    print(f"un-dev evaluation of {folder} ({len(read_jsonl(folder / 'gold.jsonl'))} texts, {seconds:.1f} s)")
    print(report.events.line("events"))
    print(
        f"{'':<12} entries per happening {report.entries_per_happening:.3f} "
        f"({report.happenings_found} happenings found, {report.events_total} events)   "
        f"kind {report.kind_accuracy:.3f} ({report.kind_right}/{report.kind_total})   "
        f"found at any date {report.found_any_date}/{report.events.core}   over-merged {report.over_merged}"
    )
    print(report.dates.line("dates"))
    print(report.actors.line("actors"))
    print(report.resolutions.line("resolutions"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
