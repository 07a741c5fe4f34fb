"""GET /api/events/export/?format=csv|ics|timelinejs|json: streamed, filtered, capped, parsed back by real parsers."""

import csv
import datetime as dt
import io
import json

import icalendar
import pytest

from tests.factories import EventFactory
from timeline.models import Actor, Resolution
from timeline.selectors import keyset

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def events():
    dprk, us = Actor.objects.get(slug="north-korea"), Actor.objects.get(slug="united-states")
    resolution = Resolution.objects.get(symbol="S/RES/2371 (2017)")
    return {
        "war": EventFactory(
            title="Korean War", date_start=D(1950, 1, 1), date_end=D(1953, 12, 31), date_precision="year"
        ),
        "august": EventFactory(
            title="Sanctions, in August",
            summary='The "Council" acted; unanimously.\nSecond line.',
            date_start=D(2017, 8, 1),
            date_end=D(2017, 8, 31),
            date_precision="month",
            kind="sanctions",
            actors=[dprk, us],
            resolutions=[resolution],
        ),
        "day": EventFactory(title="Guterres speaks — «dialogue»", date_start=D(2017, 8, 16), actors=[dprk]),
        "rejected": EventFactory(title="Rejected", is_rejected=True),
    }


def export(client, query: str, **headers):
    response = client.get(f"/api/events/export/?{query}", **headers)
    assert response.status_code == 200, response.content
    assert response.streaming
    return response, b"".join(response.streaming_content)


def test_csv_opens_in_a_spreadsheet(api_client, events):
    response, body = export(api_client, "format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == ["Korean War", "Sanctions, in August", "Guterres speaks — «dialogue»"]
    august = rows[1]
    assert august["actors"] == "Democratic People's Republic of Korea; United States of America"
    assert august["actor_slugs"] == "north-korea; united-states"
    assert august["resolutions"] == "S/RES/2371 (2017)"
    assert august["summary"] == 'The "Council" acted; unanimously.\nSecond line.'
    assert august["date_display"] == "August 2017"
    assert (august["date_start"], august["date_end"], august["date_precision"]) == ("2017-08-01", "2017-08-31", "month")


def test_csv_cells_never_start_a_formula(api_client):
    EventFactory(title='=HYPERLINK("http://evil")')
    _, body = export(api_client, "format=csv")
    row = next(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert row["title"] == '\'=HYPERLINK("http://evil")'


def test_ics_is_rfc5545_with_all_day_events(api_client, events):
    response, body = export(api_client, "format=ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"\r\n" in body and b"\n" not in body.replace(b"\r\n", b"")  # CRLF line endings only
    calendar = icalendar.Calendar.from_ical(body)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    vevents = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in vevents] == [
        "Korean War",
        "Sanctions, in August",
        "Guterres speaks — «dialogue»",
    ]
    war, august, day = vevents
    # All-day: VALUE=DATE, and DTEND is the day after the last day (exclusive).
    assert war["DTSTART"].params.get("VALUE") == "DATE"
    assert (war.decoded("DTSTART"), war.decoded("DTEND")) == (D(1950, 1, 1), D(1954, 1, 1))
    assert (august.decoded("DTSTART"), august.decoded("DTEND")) == (D(2017, 8, 1), D(2017, 9, 1))
    assert (day.decoded("DTSTART"), day.decoded("DTEND")) == (D(2017, 8, 16), D(2017, 8, 17))
    assert b"DTSTART;VALUE=DATE:20170816" in body
    assert str(day["UID"]) == f"event-{events['day'].pk}@timeline-service"
    assert all("DTSTAMP" in event for event in vevents)
    # The same event has the same UID in every export.
    _, again = export(api_client, "format=ics&kind=statement")
    assert f"UID:event-{events['day'].pk}@timeline-service".encode() in again


def test_timelinejs_dates_carry_only_what_the_precision_allows(api_client, events):
    response, body = export(api_client, "format=timelinejs")
    assert response["Content-Type"] == "application/json"
    document = json.loads(body)
    assert document["title"]["text"]["headline"]
    war, august, day = document["events"]
    assert war["start_date"] == {"year": "1950"}
    assert war["end_date"] == {"year": "1953"}
    assert august["start_date"] == {"year": "2017", "month": "8"}
    assert "end_date" not in august  # one month: no separate end
    assert day["start_date"] == {"year": "2017", "month": "8", "day": "16"}
    assert day["text"]["headline"] == "Guterres speaks — «dialogue»"
    assert august["display_date"] == "August 2017"
    assert august["group"] == "Sanctions"
    assert "&quot;Council&quot;" in august["text"]["text"]  # HTML-escaped for TimelineJS


def test_json_is_the_list_of_events_as_the_api_shows_them(api_client, events):
    _, body = export(api_client, "format=json")
    exported = json.loads(body)
    listed = api_client.get("/api/events/?page_size=500").json()["results"]
    assert exported == listed
    assert json.loads(export(api_client, "")[1]) == listed  # json is the default


def test_filters_apply_to_exports(api_client, events):
    _, body = export(api_client, "format=json&actor=north-korea&date_from=2017-08-10")
    assert [event["title"] for event in json.loads(body)] == ["Sanctions, in August", "Guterres speaks — «dialogue»"]
    _, body = export(api_client, "format=json&ordering=-date")
    assert [event["title"] for event in json.loads(body)][0] == "Guterres speaks — «dialogue»"


def test_accept_header_does_not_get_in_the_way(api_client, events):
    response, _ = export(api_client, "format=csv", HTTP_ACCEPT="text/csv")
    assert response["Content-Type"].startswith("text/csv")
    response, _ = export(api_client, "format=ics", HTTP_ACCEPT="text/html")
    assert response["Content-Type"].startswith("text/calendar")


def test_export_is_not_taken_for_an_event_id(api_client):
    response = api_client.get("/api/events/export/")
    assert response.status_code == 200


def test_rows_are_read_in_chunks_without_loss(api_client, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(keyset, "CHUNK_SIZE", 4)
    created = [EventFactory(date_start=D(2017, 1, 1) + dt.timedelta(days=i // 3)).pk for i in range(10)]
    with django_assert_num_queries(1 + 3 * 4):  # the cap count, then 3 chunks of events, actors, resolutions, mentions
        _, body = export(api_client, "format=json")
    assert [event["id"] for event in json.loads(body)] == created
    _, body = export(api_client, "format=json&ordering=-date")
    assert [event["id"] for event in json.loads(body)] == created[::-1]


def test_row_cap_answers_400(api_client, events, settings):
    settings.EXPORT_MAX_ROWS = 2
    response = api_client.get("/api/events/export/?format=csv")
    assert response.status_code == 400
    assert "more than 2 events" in response.json()["detail"][0]
    export(api_client, "format=csv&kind=sanctions")  # narrowed below the cap: fine


def test_unknown_format_is_400(api_client):
    response = api_client.get("/api/events/export/?format=xlsx")
    assert response.status_code == 400
    assert "format" in response.json()


def test_bad_filter_is_400_not_an_empty_file(api_client):
    response = api_client.get("/api/events/export/?format=csv&actor=atlantis")
    assert response.status_code == 400
    assert "actor" in response.json()
