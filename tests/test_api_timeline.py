"""GET /api/timeline/: event counts per year, month or day, with every event filter."""

import datetime as dt

import pytest

from tests.factories import EventFactory
from timeline.models import Actor

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def events():
    dprk = Actor.objects.get(slug="north-korea")
    for day in (5, 16, 16):
        EventFactory(date_start=D(2017, 8, day), actors=[dprk])
    EventFactory(date_start=D(2017, 9, 1), date_end=D(2017, 9, 30), date_precision="month", kind="meeting")
    EventFactory(date_start=D(1950, 1, 1), date_end=D(1953, 12, 31), date_precision="year", actors=[dprk])
    EventFactory(date_start=D(2017, 8, 20), is_rejected=True)


def get(client, query, status=200):
    response = client.get(f"/api/timeline/?{query}")
    assert response.status_code == status, response.content
    return response.json()


def test_month_buckets(api_client, events):
    assert get(api_client, "interval=month") == {
        "interval": "month",
        "buckets": [
            {"period": "1950-01", "start": "1950-01-01", "end": "1950-01-31", "count": 1},
            {"period": "2017-08", "start": "2017-08-01", "end": "2017-08-31", "count": 3},
            {"period": "2017-09", "start": "2017-09-01", "end": "2017-09-30", "count": 1},
        ],
    }


def test_month_is_the_default_interval(api_client, events):
    assert get(api_client, "")["interval"] == "month"


def test_year_and_day_buckets(api_client, events):
    assert get(api_client, "interval=year")["buckets"] == [
        {"period": "1950", "start": "1950-01-01", "end": "1950-12-31", "count": 1},
        {"period": "2017", "start": "2017-01-01", "end": "2017-12-31", "count": 4},
    ]
    days = get(api_client, "interval=day&date_from=2017-08&date_to=2017-08")["buckets"]
    assert days == [
        {"period": "2017-08-05", "start": "2017-08-05", "end": "2017-08-05", "count": 1},
        {"period": "2017-08-16", "start": "2017-08-16", "end": "2017-08-16", "count": 2},
    ]


def test_every_event_filter_applies(api_client, events):
    assert [b["count"] for b in get(api_client, "interval=year&actor=north-korea")["buckets"]] == [1, 3]
    assert get(api_client, "interval=year&kind=meeting")["buckets"] == [
        {"period": "2017", "start": "2017-01-01", "end": "2017-12-31", "count": 1}
    ]
    assert get(api_client, "interval=year&date_to=1951")["buckets"][0]["period"] == "1950"


def test_newest_first(api_client, events):
    assert [b["period"] for b in get(api_client, "interval=year&ordering=-date")["buckets"]] == ["2017", "1950"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("interval=week", "interval"), ("interval=decade", "interval"), ("date_from=2017-13", "date_from")],
)
def test_bad_interval_or_filter_is_400(api_client, events, query, parameter):
    assert parameter in get(api_client, query, status=400)


def test_empty_interval_means_the_default(api_client, events):
    assert get(api_client, "interval=")["interval"] == "month"


def test_one_query(api_client, events, django_assert_num_queries):
    with django_assert_num_queries(1):
        get(api_client, "interval=day")
    with django_assert_num_queries(2):  # the actor slug, then the counts
        get(api_client, "interval=day&actor=north-korea")
