"""timeline.selectors.keyset: the one cursor and keyset page of the API's feed, the exports and the page."""

import datetime as dt

import pytest

from tests.factories import EventFactory
from timeline.models import Event
from timeline.selectors.events import MAX_ID
from timeline.selectors.keyset import Cursor, keyset_chunks, keyset_page

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def events():
    # Three events on one day, so the id decides the order within it, and one on each side.
    days = [D(2017, 1, 1), D(2017, 8, 16), D(2017, 8, 16), D(2017, 8, 16), D(2018, 1, 1)]
    return [EventFactory(date_start=day, date_end=day).pk for day in days]


def ids(rows) -> list[int]:
    return [row.pk for row in rows]


def test_cursor_round_trips_and_stays_opaque():
    cursor = Cursor(D(2017, 8, 16), 42, backwards=True, inclusive=True)
    text = cursor.encode()
    assert "2017" not in text and "=" not in text
    assert Cursor.decode(text) == cursor
    assert Cursor.decode(Cursor(D(2017, 8, 16), 42).encode()) == Cursor(D(2017, 8, 16), 42)


@pytest.mark.parametrize(
    "text",
    ["", "garbage", "n.2017-08-16.42", "x" * 201, Cursor(D(2017, 1, 1), 0).encode()[:-3] + "@@@"],
)
def test_cursor_rejects_what_it_did_not_make(text):
    with pytest.raises(ValueError):
        Cursor.decode(text)


def test_cursor_rejects_an_id_past_the_column():
    import base64
    import json

    raw = json.dumps({"d": "2017-01-01", "i": MAX_ID + 1}).encode()
    with pytest.raises(ValueError):
        Cursor.decode(base64.urlsafe_b64encode(raw).decode())


@pytest.mark.parametrize("ordering", ["date", "-date"])
def test_pages_walk_forward_and_back_without_gaps(events, ordering):
    expected = events if ordering == "date" else events[::-1]
    queryset = Event.objects.all()
    seen, page = [], keyset_page(queryset, cursor=None, size=2, ordering=ordering)
    assert not page.has_previous
    pages = [page]
    while True:
        seen += ids(page.rows)
        if not page.has_next:
            break
        page = keyset_page(queryset, cursor=page.next_cursor(), size=2, ordering=ordering)
        pages.append(page)
    assert seen == expected
    assert [len(p.rows) for p in pages] == [2, 2, 1]
    # Back from the last page: the same pages, in the same row order.
    back = keyset_page(queryset, cursor=pages[-1].previous_cursor(), size=2, ordering=ordering)
    assert ids(back.rows) == ids(pages[1].rows) and back.has_next and back.has_previous
    first = keyset_page(queryset, cursor=back.previous_cursor(), size=2, ordering=ordering)
    assert ids(first.rows) == ids(pages[0].rows) and not first.has_previous
    assert first.previous_cursor() is None


def test_inclusive_cursor_keeps_its_own_row(events):
    queryset = Event.objects.all()
    page = keyset_page(queryset, cursor=Cursor(D(2017, 8, 16), events[2], inclusive=True), size=10, ordering="date")
    assert ids(page.rows) == events[2:]


def test_pages_work_on_values_rows(events):
    page = keyset_page(Event.objects.values("id", "date_start"), cursor=None, size=3, ordering="date")
    assert [row["id"] for row in page.rows] == events[:3]
    assert page.next_cursor() == Cursor(D(2017, 8, 16), events[2])


def test_an_empty_page_offers_no_cursor():
    page = keyset_page(Event.objects.all(), cursor=Cursor(D(2017, 1, 1), 1), size=5, ordering="date")
    assert page.rows == [] and page.next_cursor() is None and page.previous_cursor() is None


@pytest.mark.parametrize("ordering", ["date", "-date"])
def test_chunks_read_every_row_once(events, ordering, django_assert_num_queries):
    with django_assert_num_queries(3):  # 2 + 2 + 1 rows
        chunks = list(keyset_chunks(Event.objects.all(), ordering=ordering, chunk_size=2))
    assert [ids(chunk) for chunk in chunks] == [
        (events if ordering == "date" else events[::-1])[i : i + 2] for i in (0, 2, 4)
    ]
