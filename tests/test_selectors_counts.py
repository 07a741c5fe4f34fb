"""timeline.selectors.counts: counts per period for the API's timeline and the page's density strip."""

import datetime as dt

import pytest

from tests.factories import EventFactory
from timeline.models import Event
from timeline.selectors.counts import event_counts, event_density

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def events():
    EventFactory(date_start=D(2016, 12, 30), date_end=D(2017, 1, 2))
    EventFactory(date_start=D(2017, 8, 1), date_end=D(2017, 8, 31), date_precision="month")
    EventFactory(date_start=D(2017, 8, 16))
    EventFactory(date_start=D(2017, 8, 16))
    EventFactory(date_start=D(2017, 9, 1), is_rejected=True)


def test_counts_per_month_in_both_orders(events):
    visible = Event.objects.visible()
    assert event_counts(visible, interval="month", ordering="date", filtered=True) == [
        (D(2016, 12, 1), 1),
        (D(2017, 8, 1), 3),
    ]
    assert event_counts(visible, interval="year", ordering="-date", filtered=True) == [
        (D(2017, 1, 1), 3),
        (D(2016, 1, 1), 1),
    ]


def test_unfiltered_counts_agree_with_the_filtered_query(events):
    # On PostgreSQL the unfiltered answer comes from the per-day counts; on SQLite from the same GROUP BY.
    visible = Event.objects.visible()
    for interval in ("year", "month", "day"):
        assert event_counts(visible, interval=interval, ordering="date", filtered=False) == event_counts(
            visible, interval=interval, ordering="date", filtered=True
        )


def test_density_follows_the_span_and_fills_empty_periods(events, django_assert_num_queries):
    visible = Event.objects.visible()
    with django_assert_num_queries(2):  # span, counts
        density = event_density(visible, date_from=None, date_to=None)
    # 30 Dec 2016 to 16 Aug 2017: more than three months, so months, empty ones included.
    assert density.interval == "month"
    assert density.periods[0] == (D(2016, 12, 1), 1)
    assert density.periods[-1] == (D(2017, 8, 1), 3)
    assert len(density.periods) == 9 and density.total == 4
    assert all(count == 0 for _, count in density.periods[1:-1])


def test_density_over_the_asked_range_counts_earlier_starts_in_the_first_bar(events):
    density = event_density(Event.objects.visible(), date_from=D(2017, 1, 1), date_to=D(2017, 1, 31))
    assert density.interval == "day" and len(density.periods) == 31
    # The event of 30 December 2016 overlaps January and is counted on its first day.
    assert density.periods[0] == (D(2017, 1, 1), 1)


def test_density_of_nothing():
    density = event_density(Event.objects.visible(), date_from=None, date_to=None)
    assert density.start is None and density.periods == () and density.total == 0
