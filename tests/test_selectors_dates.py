"""timeline.selectors.dates: partial dates and calendar periods."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from timeline.selectors.dates import parse_partial_date, period_end, period_label, period_starts

D = dt.date


def test_parse_partial_date_names_the_bad_value():
    with pytest.raises(ValidationError) as error:
        parse_partial_date("2017-02-30")
    assert "'2017-02-30' is not a real date" in error.value.messages[0]
    with pytest.raises(ValidationError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        parse_partial_date("August 2017")


@pytest.mark.parametrize(
    ("start", "interval", "end", "label"),
    [
        (D(2016, 1, 1), "year", D(2016, 12, 31), "2016"),
        (D(2016, 2, 1), "month", D(2016, 2, 29), "2016-02"),
        (D(2017, 8, 16), "day", D(2017, 8, 16), "2017-08-16"),
        (D(999, 1, 1), "year", D(999, 12, 31), "0999"),
    ],
)
def test_period_end_and_label(start, interval, end, label):
    assert period_end(start, interval) == end
    assert period_label(start, interval) == label
    # The label is a partial date the filters take, covering exactly the period.
    assert parse_partial_date(label) == (start, end)


def test_period_starts_cover_the_range_at_each_interval():
    assert period_starts("year", D(2016, 5, 5), D(2018, 1, 1)) == [D(2016, 1, 1), D(2017, 1, 1), D(2018, 1, 1)]
    assert period_starts("month", D(2016, 11, 20), D(2017, 2, 1)) == [
        D(2016, 11, 1),
        D(2016, 12, 1),
        D(2017, 1, 1),
        D(2017, 2, 1),
    ]
    assert period_starts("day", D(2016, 12, 30), D(2017, 1, 1)) == [D(2016, 12, 30), D(2016, 12, 31), D(2017, 1, 1)]
