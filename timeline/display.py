"""How a dated interval reads to a person, at the precision the text gave ("16 August 2017", "August 2017")."""

from __future__ import annotations

import datetime as dt

EN_DASH = "–"


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def date_display(date_start: dt.date, date_end: dt.date, precision: str) -> str:
    """The interval in words, never claiming more precision than ``precision``.

    day: "16 August 2017", "1–3 May 2017", "30 April–2 May 2017", "30 December 2016–2 January 2017";
    week: "Week of 14 August 2017"; month: "August 2017", "August–September 2017", "December 2016–January 2017";
    year: "2017", "1950–1953".
    """
    if precision == "year":
        if date_start.year == date_end.year:
            return str(date_start.year)
        return f"{date_start.year}{EN_DASH}{date_end.year}"
    if precision == "month":
        if (date_start.year, date_start.month) == (date_end.year, date_end.month):
            return f"{date_start:%B %Y}"
        if date_start.year == date_end.year:
            return f"{date_start:%B}{EN_DASH}{date_end:%B %Y}"
        return f"{date_start:%B %Y}{EN_DASH}{date_end:%B %Y}"
    if precision == "week":
        return f"Week of {_day(date_start)}"
    if date_start == date_end:
        return _day(date_start)
    if (date_start.year, date_start.month) == (date_end.year, date_end.month):
        return f"{date_start.day}{EN_DASH}{_day(date_end)}"
    if date_start.year == date_end.year:
        return f"{date_start.day} {date_start:%B}{EN_DASH}{_day(date_end)}"
    return f"{_day(date_start)}{EN_DASH}{_day(date_end)}"


def event_date(event) -> str:
    """An event's date at its precision: "16 August 2017", "August 2017", "1950–1953"."""
    return date_display(event.date_start, event.date_end, event.date_precision)
