"""timeline.api.renderers: each export format is a DRF renderer that streams; the format parameter picks it."""

import csv
import io
import json
import types

import icalendar
import pytest
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from timeline.api import renderers
from timeline.api.renderers import (
    EXPORT_RENDERERS,
    CSVRenderer,
    ExportFormatNegotiation,
    ICSRenderer,
    JSONExportRenderer,
    TimelineJSRenderer,
)
from timeline.api.views import EventViewSet

EVENT = {
    "id": 7,
    "url": "http://testserver/api/events/7/",
    "title": "=Sanctions",
    "summary": "The Council imposed sanctions.",
    "kind": "sanctions",
    "date_start": "2017-08-01",
    "date_end": "2017-08-31",
    "date_precision": "month",
    "date_text": "August 2017",
    "date_display": "August 2017",
    "actors": [{"slug": "north-korea", "name": "North Korea", "kind": "state", "iso3": "PRK"}],
    "resolutions": [{"symbol": "S/RES/2371 (2017)", "number": 2371, "year": 2017, "adopted_on": "2017-08-05"}],
    "article": {"id": 3, "title": "Council acts", "published_on": "2017-08-16"},
    "quote": "It happened.",
    "quote_start": 0,
    "quote_end": 12,
    "is_curated": False,
    "mentions": [
        {
            "article": {"id": 3, "title": "Council acts", "published_on": "2017-08-16", "source_name": "a.txt"},
            "quote": "It happened.",
            "quote_start": 0,
            "quote_end": 12,
            "date_text": "August 2017",
            "date_start": "2017-08-01",
            "date_end": "2017-08-31",
            "date_precision": "month",
        },
        {
            "article": {"id": 9, "title": "=Press release", "published_on": "2017-08-20", "source_name": "b.txt"},
            "quote": "It was done in August.",
            "quote_start": 40,
            "quote_end": 62,
            "date_text": "in August",
            "date_start": "2017-08-01",
            "date_end": "2017-08-31",
            "date_precision": "month",
        },
    ],
    "mention_count": 2,
}


def test_every_format_is_a_renderer_on_the_export_view():
    view_renderers = EventViewSet.export.kwargs["renderer_classes"]
    assert tuple(view_renderers) == EXPORT_RENDERERS
    assert renderers.FORMATS == ("csv", "ics", "timelinejs", "json", "geojson")
    for renderer in EXPORT_RENDERERS:
        assert renderer.media_type and renderer.format and renderer.extension


def test_render_is_a_generator_that_reads_the_events_lazily():
    consumed = []

    def events():
        for index in range(3):
            consumed.append(index)
            yield {**EVENT, "id": index}

    chunks = JSONExportRenderer().render(events())
    assert isinstance(chunks, types.GeneratorType) and consumed == []
    first = next(chunks)
    assert first == b"[" and consumed == []
    body = first + b"".join(chunks)
    assert [event["id"] for event in json.loads(body)] == [0, 1, 2]


def test_csv_has_a_bom_header_and_defuses_formulas():
    body = b"".join(CSVRenderer().render([EVENT])).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0]["title"] == "'=Sanctions" and rows[0]["resolutions"] == "S/RES/2371 (2017)"


def test_every_format_carries_the_count_and_every_source():
    body = b"".join(CSVRenderer().render([EVENT])).decode("utf-8")
    row = next(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert row["mention_count"] == "2" and row["source_article_ids"] == "3; 9"
    # Every source cell is defused, not only the first.
    assert row["sources"] == "Council acts (2017-08-16); '=Press release (2017-08-20)"
    ics = icalendar.Calendar.from_ical(b"".join(ICSRenderer().render([EVENT])))
    description = str(ics.walk("VEVENT")[0]["description"])
    assert "Reported in 2 articles: Council acts (2017-08-16); =Press release (2017-08-20)." in description
    document = json.loads(b"".join(TimelineJSRenderer().render([EVENT])))
    assert (
        "Reported in 2 articles: Council acts (2017-08-16); =Press release (2017-08-20)"
        in (document["events"][0]["text"]["text"])
    )
    single = {**EVENT, "mentions": EVENT["mentions"][:1], "mention_count": 1}
    document = json.loads(b"".join(TimelineJSRenderer().render([single])))
    assert "Source: Council acts (2017-08-16). Date: August 2017." in document["events"][0]["text"]["text"]


def test_ics_and_timelinejs_render_one_item_per_event():
    ics = b"".join(ICSRenderer().render([EVENT])).decode()
    assert ics.startswith("BEGIN:VCALENDAR") and ics.count("BEGIN:VEVENT") == 1 and ics.endswith("END:VCALENDAR\r\n")
    document = json.loads(b"".join(TimelineJSRenderer().render([EVENT])))
    assert document["events"][0]["start_date"] == {"year": "2017", "month": "8"}


@pytest.mark.parametrize("renderer", EXPORT_RENDERERS)
def test_streaming_response_names_the_file_and_its_type(renderer):
    response = renderer().streaming_response(iter([EVENT]))
    assert response.streaming
    assert response["Content-Type"].startswith(renderer.media_type)
    assert response["Content-Disposition"] == f'attachment; filename="timeline-events.{renderer.extension}"'
    assert b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("query", "accept", "expected"),
    [
        ("format=csv", "application/json", CSVRenderer),
        ("format=ICS", "text/html", ICSRenderer),
        ("format=timelinejs", "text/csv", TimelineJSRenderer),
        ("", "text/csv", JSONExportRenderer),
        ("format=xlsx", "text/csv", CSVRenderer),  # unknown: the view answers 400 in JSON
    ],
)
def test_the_format_parameter_picks_the_renderer_whatever_accept_says(query, accept, expected):
    request = APIRequestFactory().get(f"/api/events/export/?{query}", HTTP_ACCEPT=accept)
    instances = [renderer() for renderer in EXPORT_RENDERERS]
    renderer, media_type = ExportFormatNegotiation().select_renderer(Request(request), instances)
    assert type(renderer) is expected and media_type == expected.media_type
