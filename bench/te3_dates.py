"""Benchmark the date finder against the TempEval-3 platinum corpus (TimeML).

Usage: ``python bench/te3_dates.py [DIR] [--verbose]``; ``DIR`` defaults to ``../shared/data/te3-platinum``
relative to the repository root (the parent of this script's folder).

For every ``*.tml`` file the document creation time (``<DCT>``) is the base date, the inline tags of
``<TEXT>`` are stripped to get plain text, and the ``TIMEX3`` spans are recorded as gold. Scored gold items
are the TIMEX3 of type DATE whose value is a calendar value: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``,
``YYYY-Www`` and centuries ``CC`` (both systems are scored on the same set). ``PRESENT_REF``, ``XXXX-..``,
seasons and other values are left out.

Per system the table shows:

* found: gold DATEs overlapped by at least one predicted mention;
* right value: gold DATEs whose overlapping prediction, rendered at the gold's precision, equals the gold
  value. An interval counts when both of its ends render to the gold value; a range that covers several
  gold items ("2009-2010" is two TIMEX3 in TimeML) is compared by its start for a gold item in its first
  half and by its end for one in its second half;
* spurious: predicted mentions that overlap no gold TIMEX3 of any type (DATE, TIME, DURATION, SET).

The baseline is plain ``dateparser.search.search_dates`` with ``RELATIVE_BASE`` set to the DCT.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from dateparser.search import search_dates  # noqa: E402

from timeline.extraction.dates import find_dates  # noqa: E402

DEFAULT_DIR = REPO_ROOT.parent / "shared" / "data" / "te3-platinum"
CALENDAR_VALUE = re.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|\d{4}-W\d{2}|\d{2})$")
TAG = re.compile(r"<(/?)(\w+)([^>]*?)(/?)>")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Gold:
    """One gold TIMEX3 with offsets into the stripped text."""

    start: int
    end: int
    kind: str
    value: str
    text: str


@dataclass(frozen=True)
class Prediction:
    """A predicted mention as an interval (a point for the baseline)."""

    start: int
    end: int
    date_start: date
    date_end: date
    text: str


@dataclass(frozen=True)
class Document:
    name: str
    dct: date
    text: str
    golds: list[Gold]


def parse_document(path: Path) -> Document:
    """Read one TimeML file: the DCT, the plain text of <TEXT> and its TIMEX3 spans."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"(\d{4}-\d{2}-\d{2})", raw)
    if dct_match is None:
        raise ValueError(f"{path.name}: no DCT")
    dct = date.fromisoformat(dct_match.group(1))
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    golds: list[Gold] = []
    position = 0
    for tag in TAG.finditer(body):
        chunk = html.unescape(body[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name = tag.group(1) == "/", tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(ATTRIBUTE.findall(tag.group(3))))
        elif open_timex is not None:
            start, attributes = open_timex
            text_so_far = "".join(pieces)
            golds.append(
                Gold(start, length, attributes.get("type", ""), attributes.get("value", ""), text_so_far[start:length])
            )
            open_timex = None
    pieces.append(html.unescape(body[position:]))
    return Document(path.name, dct, "".join(pieces), golds)


def render(day: date, gold_value: str) -> str:
    """Render a date at the precision of a gold value."""
    if re.fullmatch(r"\d{2}", gold_value):
        return f"{day.year // 100:02d}"
    if "-W" in gold_value:
        iso_year, iso_week, _ = day.isocalendar()
        return f"{iso_year}-W{iso_week:02d}"
    return day.isoformat()[: len(gold_value)]


def is_right(prediction: Prediction, gold: Gold) -> bool:
    first, last = render(prediction.date_start, gold.value), render(prediction.date_end, gold.value)
    if first == last:
        return first == gold.value
    covers_other_gold = prediction.end - prediction.start > gold.end - gold.start
    if not covers_other_gold:
        return False
    middle = (prediction.start + prediction.end) / 2
    return (first if gold.start < middle else last) == gold.value


def our_predictions(document: Document) -> list[Prediction]:
    return [
        Prediction(m.start, m.end, m.date_start, m.date_end, m.text)
        for m in find_dates(document.text, base=document.dct)
    ]


def baseline_predictions(document: Document) -> list[Prediction]:
    base = datetime.combine(document.dct, datetime.min.time())  # naive, as dateparser expects
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(document.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    predictions: list[Prediction] = []
    cursor = 0
    for substring, moment in found:
        start = document.text.find(substring, cursor)
        if start < 0:
            start = document.text.find(substring)
        if start < 0:
            continue
        cursor = start + len(substring)
        predictions.append(Prediction(start, cursor, moment.date(), moment.date(), substring))
    return predictions


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score(documents: list[Document], system: str, verbose: bool) -> dict[str, float]:
    """Score one system over all documents; with ``verbose`` print misses and spurious mentions."""
    predict = our_predictions if system == "find_dates" else baseline_predictions
    gold_count = found = right = spurious = predicted = 0
    elapsed = 0.0
    for document in documents:
        started = time.perf_counter()
        predictions = predict(document)
        elapsed += time.perf_counter() - started
        predicted += len(predictions)
        scored = [g for g in document.golds if g.kind == "DATE" and CALENDAR_VALUE.match(g.value)]
        for gold in scored:
            gold_count += 1
            hits = [p for p in predictions if overlaps(p.start, p.end, gold.start, gold.end)]
            if hits:
                found += 1
            if any(is_right(p, gold) for p in hits):
                right += 1
            elif verbose:
                shown = ", ".join(f"{p.text!r}={p.date_start}..{p.date_end}" for p in hits) or "not found"
                print(f"  [{system}] {document.name}: gold {gold.text!r}={gold.value}: {shown}")
        for prediction in predictions:
            if not any(overlaps(prediction.start, prediction.end, g.start, g.end) for g in document.golds):
                spurious += 1
                if verbose:
                    context = document.text[max(0, prediction.start - 40) : prediction.end + 30].replace("\n", " ")
                    print(f"  [{system}] {document.name}: spurious {prediction.text!r} in ...{context}...")
    return {
        "gold": gold_count,
        "found": found,
        "right": right,
        "spurious": spurious,
        "predicted": predicted,
        "ms": elapsed * 1000,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and spurious mentions")
    arguments = parser.parse_args(argv)
    paths = sorted(arguments.directory.glob("*.tml"))
    if not paths:
        print(f"no .tml files in {arguments.directory}", file=sys.stderr)
        return 1
    documents = [parse_document(path) for path in paths]
    # Warm dateparser's language data once so neither system pays the one-off loading cost in its timing.
    find_dates("on 1 January 2000", base=date(2000, 1, 2))
    search_dates("on 1 January 2000", languages=["en"])

    rows = [(name, score(documents, name, arguments.verbose)) for name in ("find_dates", "search_dates")]
    print(f"\nTempEval-3 platinum: {len(documents)} documents, calendar DATE values only\n")
    header = (
        f"{'system':<14}{'gold DATEs':>11}{'found':>14}{'right value':>16}{'spurious':>10}{'predicted':>11}{'ms':>9}"
    )
    print(header)
    print("-" * len(header))
    for name, result in rows:
        gold = result["gold"] or 1
        print(
            f"{name:<14}{result['gold']:>11}"
            f"{result['found']:>6} ({result['found'] / gold:5.1%})"
            f"{result['right']:>8} ({result['right'] / gold:5.1%})"
            f"{result['spurious']:>10}{result['predicted']:>11}{result['ms']:>9.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
