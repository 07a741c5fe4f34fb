"""Resolution of relative expressions against the publication date: tense, weekdays, relative periods, anchors.

"Friday" in a past-tense sentence is the latest Friday on or before ``base``, in a future-tense sentence the
next one on or after it; "5 March" without a year is its latest past (or next future) occurrence; an explicit
year earlier in the sentence ("In 2015, ... in March") sets the year of the yearless mentions that follow.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from timeline.extraction.dates.context import Context
from timeline.extraction.dates.intervals import Candidate, month_interval, shift_month, week_interval, year_interval


def yearless_day(context: Context, month: int, day: int, start: int, end: int) -> date | None:
    """Resolve "5 March" without a year: latest past occurrence, or next one in future-tense text."""
    base = context.base
    future = context.is_future(start, end)
    years = (base.year, base.year + 1, base.year + 2) if future else (base.year, base.year - 1, base.year - 2)
    for year in years:  # several years, because 29 February only exists in leap years
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if (candidate >= base) if future else (candidate <= base):
            return candidate
    return None


def yearless_month(context: Context, month: int, start: int, end: int, relation: str | None) -> int:
    """Year of a month named without one, from "last"/"next"/"this" or else from the sentence's tense."""
    base = context.base
    relation = (relation or "").lower()
    if relation == "this":
        return base.year
    if relation == "last":
        return base.year if month < base.month else base.year - 1
    if relation in ("next", "coming"):
        return base.year if month > base.month else base.year + 1
    if context.is_future(start, end):
        return base.year if month >= base.month else base.year + 1
    return base.year if month <= base.month else base.year - 1


def weekday_date(context: Context, target: int, relation: str, start: int, end: int) -> date:
    """The day of weekday ``target`` (0 = Monday) that "last"/"next"/"this" or else the tense points at."""
    base = context.base
    back = (base.weekday() - target) % 7
    ahead = (target - base.weekday()) % 7
    if relation in ("last", "past"):
        return base - timedelta(days=back or 7)
    if relation in ("next", "coming"):
        return base + timedelta(days=ahead or 7)
    if context.is_future(start, end):
        return base + timedelta(days=ahead)
    return base - timedelta(days=back)


def relative_day(base: date, words: str) -> date:
    """today, yesterday, tomorrow, last night, the day before yesterday... (``words`` lower-cased)."""
    offsets = {"yesterday": -1, "tomorrow": 1, "last night": -1}
    if words.startswith("the day before"):
        offset = -2
    elif words.startswith("the day after"):
        offset = 2
    else:
        offset = offsets.get(words, 0)
    return base + timedelta(days=offset)


def relative_period(base: date, unit: str, step: int, modifier: str) -> tuple[date, date]:
    """this week, last month, next year (``step`` -1, 0 or 1); "earlier"/"later" cut the current unit at base."""
    if unit == "week":
        first, last = week_interval(base + timedelta(weeks=step))
    elif unit == "month":
        year, month = shift_month(base.year, base.month, step)
        first, last = month_interval(year, month)
    else:
        first, last = year_interval(base.year + step)
    # "earlier this month" is the part of the month that has already happened. "early", "mid" and "late"
    # narrow the unit without giving a more precise date, so "early this year" is this year, as "early
    # December 2016" is December 2016.
    if step == 0 and modifier == "earlier":
        last = base
    elif step == 0 and modifier == "later":
        first = base
    return first, last


def unit_interval(day: date, unit: str) -> tuple[date, date]:
    """The day, ISO week, month or year that holds ``day``."""
    if unit == "day":
        return day, day
    if unit == "week":
        return week_interval(day)
    if unit == "month":
        return month_interval(day.year, day.month)
    return year_interval(day.year)


def apply_anchors(context: Context, mentions: list[Candidate]) -> list[Candidate]:
    """Give a yearless month or day the year of an explicit date earlier in the same sentence.

    In "It acceded on 2 January 2015 and the treaty entered into force on 1 April", the April is the
    first one after the anchor, not the latest before the publication date. Future-tense mentions keep
    their own reading, and so does a result that a past-tense sentence would put after ``base``.
    """
    resolved: list[Candidate] = []
    for item in mentions:
        anchor = next((kept for kept in reversed(resolved) if kept.anchor), None)
        if item.tense_resolved and item.month is not None and anchor is not None:
            sentence_start, _ = context.sentence_bounds(item.start, item.end)
            if anchor.start >= sentence_start and not context.is_future(item.start, item.end):
                rebased = _first_on_or_after(anchor.date_start, item.month, item.day)
                if rebased is not None and rebased[0] <= context.base:
                    item = replace(item, date_start=rebased[0], date_end=rebased[1], year_given=False)
        resolved.append(item)
    return resolved


def _first_on_or_after(anchor: date, month: int, day: int | None) -> tuple[date, date] | None:
    """The first ``day month`` (or whole ``month``) that does not start before ``anchor``'s day or month."""
    for year in (anchor.year, anchor.year + 1):
        if day is None:
            first, last = month_interval(year, month)
            if (year, month) >= (anchor.year, anchor.month):
                return first, last
            continue
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= anchor:
            return candidate, candidate
    return None
