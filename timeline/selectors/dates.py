"""Partial dates and calendar periods: ``2017``, ``2017-08`` and ``2017-08-16`` as the days they cover."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError

from timeline.calendar import month_end

DATE_FORMAT_MESSAGE = "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD."
PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)  # 0-9 only, see timeline/inputs.py
INTERVALS = ("year", "month", "day")


def parse_partial_date(value: str) -> tuple[dt.date, dt.date]:
    """``"2017"``, ``"2017-08"`` or ``"2017-08-16"`` -> the first and last day it covers.

    Raises ``ValidationError`` (Django's, which forms and DRF both report on the parameter) with a message fit
    for a user.
    """
    match = PARTIAL_DATE_RE.match(value.strip())
    if not match:
        raise ValidationError(DATE_FORMAT_MESSAGE, code="invalid")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            return dt.date(year, month, 1), month_end(year, month)
        return dt.date(year, month, day), dt.date(year, month, day)
    except ValueError:
        raise ValidationError(
            f"{DATE_FORMAT_MESSAGE} %(value)s is not a real date.", code="invalid_date", params={"value": repr(value)}
        ) from None


def period_end(start: dt.date, interval: str) -> dt.date:
    """The last day of the year, month or day that starts on ``start``."""
    if interval == "year":
        return dt.date(start.year, 12, 31)
    if interval == "month":
        return month_end(start.year, start.month)
    return start


def period_label(start: dt.date, interval: str) -> str:
    """The period as a partial date: ``"2017"``, ``"2017-08"`` or ``"2017-08-16"`` (what the filters take)."""
    year = f"{start.year:04d}"
    if interval == "year":
        return year
    if interval == "month":
        return f"{year}-{start.month:02d}"
    return f"{year}-{start.month:02d}-{start.day:02d}"


def period_starts(interval: str, start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of every year, month or day from the one holding ``start`` to the one holding ``end``."""
    if interval == "year":
        return [dt.date(year, 1, 1) for year in range(start.year, end.year + 1)]
    if interval == "month":
        periods = []
        year, month = start.year, start.month
        while (year, month) <= (end.year, end.month):
            periods.append(dt.date(year, month, 1))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return periods
    return [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]
