"""How an interval reads: timeline.display.date_display."""

import datetime as dt

import pytest

from timeline.display import date_display

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        (D(2017, 8, 16), D(2017, 8, 16), "day", "16 August 2017"),
        (D(2017, 5, 1), D(2017, 5, 3), "day", "1–3 May 2017"),
        (D(2017, 4, 30), D(2017, 5, 3), "day", "30 April–3 May 2017"),
        (D(2016, 12, 30), D(2017, 1, 2), "day", "30 December 2016–2 January 2017"),
        (D(2017, 8, 1), D(2017, 8, 31), "month", "August 2017"),
        # "Earlier this month" in an article of 16 August: month precision never shows the days.
        (D(2017, 8, 1), D(2017, 8, 16), "month", "August 2017"),
        (D(2017, 8, 1), D(2017, 9, 30), "month", "August–September 2017"),
        (D(2016, 12, 1), D(2017, 1, 31), "month", "December 2016–January 2017"),
        (D(2017, 8, 14), D(2017, 8, 20), "week", "Week of 14 August 2017"),
        (D(2017, 1, 1), D(2017, 12, 31), "year", "2017"),
        (D(1950, 1, 1), D(1953, 12, 31), "year", "1950–1953"),
    ],
)
def test_date_display(start, end, precision, expected):
    assert date_display(start, end, precision) == expected


def test_ranges_use_an_en_dash():
    assert "\u2013" in date_display(D(1950, 1, 1), D(1953, 12, 31), "year")
    assert "-" not in date_display(D(1950, 1, 1), D(1953, 12, 31), "year")


def test_month_names_do_not_depend_on_the_active_language():
    from django.utils import translation

    with translation.override("fr"):
        assert date_display(D(2017, 8, 16), D(2017, 8, 16), "day") == "16 August 2017"
