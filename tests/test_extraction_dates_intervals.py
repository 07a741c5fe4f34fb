"""Intervals and precision (timeline.extraction.dates.intervals): ranges, overlaps and precisions."""

from __future__ import annotations

from datetime import date

import pytest

from tests.date_helpers import AUG_16, JAN_18, Expected, d, summarise
from timeline.extraction.dates import find_dates
from timeline.extraction.dates.intervals import PRECISIONS, week_interval

CASES: list[tuple[str, date, Expected]] = [
    # ranges
    ("The war lasted 1950-1953.", AUG_16, ("1950-1953", d("1950-01-01"), d("1953-12-31"), "year")),
    ("The 2016–2017 budget was approved.", AUG_16, ("2016–2017", d("2016-01-01"), d("2017-12-31"), "year")),
    ("The expedition of 1957-58 crossed Antarctica.", AUG_16, ("1957-58", d("1957-01-01"), d("1958-12-31"), "year")),
    (
        "Prices doubled between 2010 and 2015.",
        AUG_16,
        ("between 2010 and 2015", d("2010-01-01"), d("2015-12-31"), "year"),
    ),
    (
        "Floods hit the region between March and May 2017.",
        AUG_16,
        ("between March and May 2017", d("2017-03-01"), d("2017-05-31"), "month"),
    ),
    (
        "The conference will be held from 3 to 5 May 2018.",
        AUG_16,
        ("from 3 to 5 May 2018", d("2018-05-03"), d("2018-05-05"), "day"),
    ),
    ("The summit ran 3-5 May 2017 in Geneva.", AUG_16, ("3-5 May 2017", d("2017-05-03"), d("2017-05-05"), "day")),
    (
        "The embargo applied from March 2016 to May 2017.",
        AUG_16,
        ("from March 2016 to May 2017", d("2016-03-01"), d("2017-05-31"), "month"),
    ),
    (
        "Inspectors were on site from 3 March to 5 May 2017.",
        AUG_16,
        ("from 3 March to 5 May 2017", d("2017-03-03"), d("2017-05-05"), "day"),
    ),
]


@pytest.mark.parametrize(("text", "base", "expected"), CASES, ids=[case[2][0] for case in CASES])
def test_finds_and_resolves(text: str, base: date, expected: Expected) -> None:
    assert summarise(text, base) == [expected]


def test_longest_span_wins_over_its_parts() -> None:
    # "16 August", "August 2017" and "2017" are all inside "16 August 2017"; only the whole is kept.
    assert [m.text for m in find_dates("It was adopted on 16 August 2017.", base=JAN_18)] == ["16 August 2017"]


def test_calendar_helpers() -> None:
    assert PRECISIONS == ("day", "week", "month", "year")
    assert week_interval(AUG_16) == (d("2017-08-14"), d("2017-08-20"))
