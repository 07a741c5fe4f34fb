"""The unfiltered timeline from the per-day counts (migration 0004, ``timeline.selectors.counts``).

On PostgreSQL, triggers keep ``timeline_event_day_count`` equal to a fresh ``GROUP BY date_start`` of the
visible events whatever writes them (ORM, services, bulk_create, COPY, raw SQL, cascades, TRUNCATE), and
``/api/timeline/`` without filters answers from it, the same JSON as the filtered GROUP BY. On SQLite there is
no such table: the endpoint groups the events, and must give the same answers.
"""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, EventFactory
from timeline.models import Actor, Article, Event
from timeline.selectors.counts import DAY_COUNT_TABLE, filtered_period_counts, visible_period_counts
from timeline.services.events import event_reject, event_update, events_reject, events_restore
from timeline.synthetic import synthetic_clear, synthetic_generate

pytestmark = pytest.mark.django_db
D = dt.date
POSTGRESQL = connection.vendor == "postgresql"
INTERVALS = ("year", "month", "day")
# A filter every event passes (no event starts after 9999): forces the GROUP BY path with the same answer.
MATCH_ALL = "date_to=9999"


def fresh_counts() -> dict[dt.date, int]:
    return dict(Event.objects.visible().order_by().values_list("date_start").annotate(n=Count("id")))


def stored_counts() -> dict[dt.date, int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT day, events FROM {DAY_COUNT_TABLE}")  # noqa: S608 (a constant)
        return dict(cursor.fetchall())


def get(client, query: str) -> dict:
    response = client.get(f"/api/timeline/?{query}")
    assert response.status_code == 200, response.content
    return response.json()


def assert_consistent(client) -> None:
    """The stored counts (PostgreSQL) and the fast path's JSON (any database) agree with a fresh GROUP BY."""
    if POSTGRESQL:
        assert stored_counts() == fresh_counts()
        assert 0 not in stored_counts().values()
    for interval in INTERVALS:
        for ordering in ("", "&ordering=-date"):
            fast = get(client, f"interval={interval}{ordering}")
            slow = get(client, f"interval={interval}{ordering}&{MATCH_ALL}")
            assert fast == slow, (interval, ordering)
        if POSTGRESQL:
            for descending in (False, True):
                assert visible_period_counts(
                    interval=interval, descending=descending, using="default"
                ) == filtered_period_counts(Event.objects.visible(), interval=interval, descending=descending)


@pytest.fixture
def events():
    dprk = Actor.objects.get(slug="north-korea")
    article = ArticleFactory()
    return [
        EventFactory(article=article, date_start=D(2017, 8, 5), actors=[dprk]),
        EventFactory(article=article, date_start=D(2017, 8, 16)),
        EventFactory(article=article, date_start=D(2017, 8, 16), is_curated=True),
        EventFactory(date_start=D(2017, 9, 1), date_end=D(2017, 9, 30), date_precision="month"),
        EventFactory(date_start=D(1950, 1, 1), date_end=D(1953, 12, 31), date_precision="year"),
        EventFactory(date_start=D(2017, 8, 20), is_rejected=True),
        EventFactory(date_start=D(2016, 12, 31), is_rejected=True, is_curated=True),
    ]


def test_the_day_counts_exist_only_on_postgresql(events):
    tables = connection.introspection.table_names()
    if POSTGRESQL:
        assert DAY_COUNT_TABLE in tables
        assert stored_counts() == {D(2017, 8, 5): 1, D(2017, 8, 16): 2, D(2017, 9, 1): 1, D(1950, 1, 1): 1}
    else:
        # SQLite: migration 0004 does nothing, the endpoint groups the events.
        assert DAY_COUNT_TABLE not in tables


def test_inserts_one_by_one_and_in_bulk(api_client, events):
    assert_consistent(api_client)
    article = ArticleFactory()
    Event.objects.bulk_create(
        [
            Event(
                article=article,
                title=f"Bulk {n}",
                date_start=D(2017, 8, 16) + dt.timedelta(days=n % 40),
                date_end=D(2017, 12, 31),
                date_precision="day",
                is_rejected=n % 7 == 0,
            )
            for n in range(200)
        ]
    )
    assert_consistent(api_client)
    assert get(api_client, "interval=year")["buckets"][-1]["count"] == 4 + sum(1 for n in range(200) if n % 7)


def test_updates_that_move_date_start_or_toggle_rejection(api_client, events, curator):
    first, second, third = events[:3]
    # One row: the ORM's save, then the API's service (marks it curated).
    first.date_start = first.date_end = D(2017, 8, 16)
    first.save()
    assert_consistent(api_client)
    event_update(event=second, data={"date_start": D(1999, 1, 2), "date_end": D(1999, 1, 2)}, user=curator)
    assert_consistent(api_client)
    # Rejected and restored, one by one and in bulk.
    event_reject(event=third, user=curator)
    assert_consistent(api_client)
    events_reject(events=Event.objects.filter(date_start__year=2017))
    assert_consistent(api_client)
    assert get(api_client, "interval=year")["buckets"] == [
        {"period": "1950", "start": "1950-01-01", "end": "1950-12-31", "count": 1},
        {"period": "1999", "start": "1999-01-01", "end": "1999-12-31", "count": 1},
    ]
    events_restore(events=Event.objects.all())
    assert_consistent(api_client)
    # A bulk UPDATE that both moves days and toggles rejection, and one that touches neither column.
    Event.objects.filter(date_precision="day").update(
        date_start=D(2001, 2, 3), date_end=D(2001, 2, 3), is_rejected=False
    )
    assert_consistent(api_client)
    Event.objects.update(title="Renamed")
    assert_consistent(api_client)
    if POSTGRESQL:
        with connection.cursor() as cursor:  # a writer that knows nothing about the counts
            cursor.execute("UPDATE timeline_event SET is_rejected = NOT is_rejected, date_start = date_start - 1")
        assert_consistent(api_client)


def test_deletes_and_cascades(api_client, events):
    events[0].delete()
    assert_consistent(api_client)
    Article.objects.filter(pk=events[1].article_id).delete()  # cascades to the article's events
    assert_consistent(api_client)
    Event.objects.filter(is_rejected=True).delete()  # rejected rows were never counted
    assert_consistent(api_client)
    Event.objects.all().delete()
    assert_consistent(api_client)
    assert get(api_client, "interval=month") == {"interval": "month", "buckets": []}
    if POSTGRESQL:
        assert stored_counts() == {}


def test_truncate_clears_the_counts(api_client, events):
    if POSTGRESQL:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the fixture's deferred FK checks would block it
            cursor.execute("TRUNCATE timeline_event CASCADE")
        assert stored_counts() == {}
    else:
        Event.objects.all().delete()  # SQLite has no TRUNCATE; the endpoint must still follow
    assert_consistent(api_client)
    assert get(api_client, "interval=day")["buckets"] == []


def test_synthetic_copy_and_clear(api_client, events):
    # On PostgreSQL generate_synthetic writes with COPY (statement triggers fire once per batch).
    synthetic_generate(events=400, seed=7, today=D(2026, 6, 30))
    assert Event.objects.count() == len(events) + 400
    assert_consistent(api_client)
    synthetic_clear()
    assert_consistent(api_client)
    assert Event.objects.count() == len(events)


def test_fast_path_is_one_query_on_the_counts(api_client, events, django_assert_num_queries):
    for query in ("interval=month", "interval=year&ordering=-date", "interval=day&q=", "interval=month&actor="):
        with django_assert_num_queries(1), CaptureQueriesContext(connection) as captured:
            get(api_client, query)
        sql = captured.captured_queries[0]["sql"]
        if POSTGRESQL:
            assert DAY_COUNT_TABLE in sql and "timeline_event " not in sql, sql
        else:
            assert DAY_COUNT_TABLE not in sql and "timeline_event" in sql, sql


def test_any_filter_takes_the_group_by_path(api_client, events, django_assert_num_queries):
    with django_assert_num_queries(1), CaptureQueriesContext(connection) as captured:
        body = get(api_client, "interval=year&curated=false")
    assert DAY_COUNT_TABLE not in captured.captured_queries[0]["sql"]
    assert [bucket["count"] for bucket in body["buckets"]] == [1, 3]
    assert [bucket["count"] for bucket in get(api_client, "interval=year&curated=true")["buckets"]] == [1]


def test_bad_input_is_still_400(api_client, events):
    assert "interval" in api_client.get("/api/timeline/?interval=week").json()
    response = api_client.get("/api/timeline/?date_from=2017-13")
    assert response.status_code == 400
    assert "date_from" in response.json()
