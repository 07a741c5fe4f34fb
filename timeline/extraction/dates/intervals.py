"""Intervals and precision: the calendar arithmetic every date rule shares, and how candidates become mentions.

A date is an inclusive interval with a precision (:data:`PRECISIONS`). This module holds the calendar helpers
(month, year and ISO-week intervals), the :class:`Candidate` every rule returns, the choice among overlapping
candidates (the longest span wins) and the joining of adjacent mentions into ranges ("from X to Y").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from timeline.calendar import month_end
from timeline.extraction.dates.context import Context

PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")


def month_interval(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), month_end(year, month)


def year_interval(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def week_interval(day: date) -> tuple[date, date]:
    """The ISO week (Monday..Sunday) containing ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


@dataclass(frozen=True)
class Candidate:
    """A resolved candidate before overlap resolution.

    ``month``/``day`` are kept with ``year_given`` so that a yearless start of a range ("from 3 March to
    5 May 2017") can borrow the year of its end.
    """

    start: int
    end: int
    date_start: date
    date_end: date
    precision: str
    year_given: bool = True
    month: int | None = None
    day: int | None = None
    # ``anchor``: the text gave a year here that sets the time of what follows ("In 2015, ... in March").
    # ``tense_resolved``: the year was chosen from the tense and may be replaced by an anchor's.
    anchor: bool = False
    tense_resolved: bool = False
    # An explicit but impossible date ("31 February 2017") still claims its span, so that its parts
    # ("February 2017") are not reported instead; it is dropped after overlap resolution.
    valid: bool = True


_PRECISION_RANK = {name: rank for rank, name in enumerate(PRECISIONS)}
_MERGE_GAP = re.compile(r"\s*(?:-|–|—)\s*|\s+(?i:to|until|till|through|and)\s+")
_RANGE_OPENER = re.compile(r"\b(?i:from|between)\s+$")


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates (the earliest on a tie), in text order."""
    chosen: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if all(candidate.end <= kept.start or candidate.start >= kept.end for kept in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def merge_ranges(context: Context, mentions: list[Candidate]) -> list[Candidate]:
    """Join "from <date> to <date>", "between <date> and <date>" and "<date> - <date>" into one interval."""
    merged: list[Candidate] = []
    index = 0
    while index < len(mentions):
        current = mentions[index]
        if index + 1 < len(mentions):
            following = mentions[index + 1]
            gap = context.text[current.end : following.start]
            join = gap.strip().lower()
            opener = _RANGE_OPENER.search(context.text, max(0, current.start - 10), current.start)
            opener_word = opener.group().split()[0].lower() if opener else ""
            is_dash = join in ("-", "–", "—")
            is_range = _MERGE_GAP.fullmatch(gap) is not None and (
                is_dash
                or (opener_word == "from" and join in ("to", "until", "till", "through"))
                or (opener_word == "between" and join == "and")
            )
            if is_range:
                combined = _combine(current, following, opener.start() if opener else current.start)
                if combined is not None:
                    merged.append(combined)
                    index += 2
                    continue
        merged.append(current)
        index += 1
    return merged


def _combine(first: Candidate, last: Candidate, start: int) -> Candidate | None:
    date_start = first.date_start
    if not first.year_given and last.year_given and first.month is not None:
        # "from 3 March to 5 May 2017": the start borrows the year of the end.
        year = last.date_end.year
        try:
            date_start = date(year, first.month, first.day or 1)
            if date_start > last.date_start:
                date_start = date(year - 1, first.month, first.day or 1)
        except ValueError:
            return None
    if date_start > last.date_end:
        return None
    precision = max(first.precision, last.precision, key=_PRECISION_RANK.__getitem__)
    return Candidate(start, last.end, date_start, last.date_end, precision)
