"""Shared helpers of the date-finder tests: base dates and a comparable summary of what find_dates returns.

Base dates: 2017-08-16 is a Wednesday (seed article 000), 2018-01-18 a Thursday (seed article 003),
2017-08-20 a Sunday.
"""

from __future__ import annotations

from datetime import date

from timeline.extraction.dates import find_dates

AUG_16 = date(2017, 8, 16)  # Wednesday
JAN_18 = date(2018, 1, 18)  # Thursday
AUG_20 = date(2017, 8, 20)  # Sunday

Expected = tuple[str, date, date, str]  # (text, date_start, date_end, precision)


def summarise(text: str, base: date) -> list[Expected]:
    """Mentions reduced to comparable tuples, after checking the offsets agree with the text."""
    mentions = find_dates(text, base=base)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    return [(m.text, m.date_start, m.date_end, m.precision) for m in mentions]


def d(iso: str) -> date:
    return date.fromisoformat(iso)
