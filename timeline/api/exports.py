"""Streamed exports of the event list: CSV, iCalendar, TimelineJS and JSON.

Rows are read in keyset chunks on (date_start, id) (three queries per chunk: events with their article,
actors, resolutions), so memory stays constant whatever the number of events, on SQLite and PostgreSQL alike
(no server-side cursor needed). Each format is a generator of ``str`` chunks fed to a StreamingHttpResponse.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator

import icalendar
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils.html import escape

from timeline.api.pagination import Cursor, EventCursorPagination
from timeline.api.serializers import EVENT_COLUMNS, event_rows
from timeline.choices import EventKind

CHUNK_SIZE = 1000
FORMATS = ("csv", "ics", "timelinejs", "json")
CSV_COLUMNS = (
    "id",
    "date_start",
    "date_end",
    "date_precision",
    "date_display",
    "date_text",
    "kind",
    "title",
    "summary",
    "actors",
    "actor_slugs",
    "resolutions",
    "article_id",
    "article_title",
    "article_published_on",
    "quote",
    "is_curated",
    "url",
)
# A cell starting with one of these is a formula to a spreadsheet; a leading apostrophe keeps it text (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ICS_PRODID = "-//Timeline service//UN news timeline//EN"
ICS_UID_DOMAIN = "timeline-service"


def iter_events(queryset: QuerySet, request, *, chunk_size: int | None = None) -> Iterator[dict]:
    """Every event of ``queryset`` (in its date order) as the API represents it, read in keyset chunks."""
    chunk_size = chunk_size or CHUNK_SIZE
    ordering = tuple(queryset.query.order_by) or ("date_start", "id")
    descending = ordering[0].startswith("-")
    order = ("-date_start", "-id") if descending else ("date_start", "id")
    rows_queryset = queryset.order_by(*order).values(*EVENT_COLUMNS)
    cursor = None
    while True:
        chunk = rows_queryset
        if cursor is not None:
            chunk = chunk.filter(EventCursorPagination._after(cursor, descending=descending))
        rows = list(chunk[:chunk_size])
        yield from event_rows(rows, request)
        if len(rows) < chunk_size:
            return
        cursor = Cursor(rows[-1]["date_start"], rows[-1]["id"])


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def csv_chunks(events: Iterator[dict]) -> Iterator[str]:
    """UTF-8 CSV with a byte-order mark (so spreadsheets detect the encoding), one row per event."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield "\ufeff" + buffer.getvalue()
    for event in events:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(
            [
                event["id"],
                event["date_start"],
                event["date_end"],
                event["date_precision"],
                event["date_display"],
                _cell(event["date_text"]),
                event["kind"],
                _cell(event["title"]),
                _cell(event["summary"]),
                "; ".join(_cell(actor["name"]) for actor in event["actors"]),
                "; ".join(actor["slug"] for actor in event["actors"]),
                "; ".join(resolution["symbol"] for resolution in event["resolutions"]),
                event["article"]["id"],
                _cell(event["article"]["title"]),
                event["article"]["published_on"],
                _cell(event["quote"]),
                "true" if event["is_curated"] else "false",
                event["url"],
            ]
        )
        yield buffer.getvalue()


def _day_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=1) if day < dt.date.max else day


def ics_chunks(events: Iterator[dict], *, stamp: dt.datetime) -> Iterator[str]:
    """RFC 5545: one all-day VEVENT per event, DTEND exclusive (the day after date_end), a stable UID."""
    header = icalendar.Calendar()
    header.add("prodid", ICS_PRODID)
    header.add("version", "2.0")
    header.add("calscale", "GREGORIAN")
    header.add("method", "PUBLISH")
    header.add("x-wr-calname", "UN news timeline")
    head = header.to_ical().decode()
    # to_ical() closes the calendar; stream its opening lines, then the events, then the closing line.
    end = "END:VCALENDAR\r\n"
    assert head.endswith(end)
    yield head[: -len(end)]
    for event in events:
        vevent = icalendar.Event()
        vevent.add("uid", f"event-{event['id']}@{ICS_UID_DOMAIN}")
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", dt.date.fromisoformat(event["date_start"]))
        vevent.add("dtend", _day_after(dt.date.fromisoformat(event["date_end"])))
        vevent.add("summary", event["title"])
        description = [event["summary"], f"“{event['quote']}”" if event["quote"] else "", _source(event)]
        vevent.add("description", "\n\n".join(part for part in description if part))
        vevent.add("categories", [EventKind(event["kind"]).label if event["kind"] in EventKind.values else "Other"])
        vevent.add("url", event["url"])
        vevent.add("transp", "TRANSPARENT")
        yield vevent.to_ical().decode()
    yield end


def _source(event: dict) -> str:
    article = event["article"]
    return f"Source: {article['title']} ({article['published_on']}). Date: {event['date_display']}."


def _timelinejs_date(day: str, precision: str) -> dict[str, str]:
    """Only the parts the precision allows: a year-precise date has no month, a month-precise one no day."""
    date = dt.date.fromisoformat(day)
    parts = {"year": str(date.year)}
    if precision in ("month", "week", "day"):
        parts["month"] = str(date.month)
    if precision in ("week", "day"):
        parts["day"] = str(date.day)
    return parts


def timelinejs_event(event: dict) -> dict:
    precision = event["date_precision"]
    start = _timelinejs_date(event["date_start"], precision)
    end = _timelinejs_date(event["date_end"], precision)
    text = [f"<p>{escape(event['summary'])}</p>" if event["summary"] else ""]
    if event["quote"]:
        text.append(f"<blockquote>{escape(event['quote'])}</blockquote>")
    text.append(f"<p><small>{escape(_source(event))}</small></p>")
    item = {
        "unique_id": f"event-{event['id']}",
        "start_date": start,
        "display_date": event["date_display"],
        "text": {"headline": escape(event["title"]), "text": "".join(text)},
        "group": EventKind(event["kind"]).label if event["kind"] in EventKind.values else "Other",
    }
    if end != start:
        item["end_date"] = end
    return item


def timelinejs_chunks(events: Iterator[dict]) -> Iterator[str]:
    """TimelineJS 3's published JSON format: ``{"title": {...}, "events": [...]}``."""
    title = {"text": {"headline": "UN news timeline", "text": "Dated, attributed events from United Nations news."}}
    yield '{"title": ' + json.dumps(title, ensure_ascii=False) + ', "events": ['
    separator = "\n"
    for event in events:
        yield separator + json.dumps(timelinejs_event(event), ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


def json_chunks(events: Iterator[dict]) -> Iterator[str]:
    """A JSON array of events exactly as the API represents them."""
    yield "["
    separator = "\n"
    for event in events:
        yield separator + json.dumps(event, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


def export_response(queryset: QuerySet, request, export_format: str) -> StreamingHttpResponse:
    events = iter_events(queryset, request)
    if export_format == "csv":
        chunks, content_type, extension = csv_chunks(events), "text/csv; charset=utf-8", "csv"
    elif export_format == "ics":
        stamp = dt.datetime.now(tz=dt.UTC).replace(microsecond=0)
        chunks, content_type, extension = ics_chunks(events, stamp=stamp), "text/calendar; charset=utf-8", "ics"
    elif export_format == "timelinejs":
        chunks, content_type, extension = timelinejs_chunks(events), "application/json", "timelinejs.json"
    elif export_format == "json":
        chunks, content_type, extension = json_chunks(events), "application/json", "json"
    else:  # The view validates the format first.
        raise ValueError(export_format)
    response = StreamingHttpResponse((chunk.encode("utf-8") for chunk in chunks), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="timeline-events.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
