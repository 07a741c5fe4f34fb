"""The export formats, as DRF renderers: CSV, iCalendar, TimelineJS, JSON and GeoJSON.

Each renderer's ``render()`` takes an iterator of events as the API represents them and returns a generator of
byte chunks, which the export view streams in a StreamingHttpResponse: memory stays constant whatever the number of
events (the rows are read in keyset chunks, see ``timeline.selectors.keyset.keyset_chunks``). A new format is one
more ``ExportRenderer`` subclass listed in ``EXPORT_RENDERERS``. Errors are never rendered here: the export view
answers them in JSON. An export that fails after its 200 has gone out ends in ``EXPORT_FAILED_MARKER`` and an
aborted connection (see ``_fail_visibly``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
from collections.abc import Iterable, Iterator

import icalendar
from django.http import StreamingHttpResponse
from django.utils.html import escape
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import BaseRenderer

from timeline.choices import EventKind

logger = logging.getLogger(__name__)

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
    "mention_count",
    "source_article_ids",
    "sources",
    "quote",
    "is_curated",
    "url",
)
# A cell starting with one of these is a formula to a spreadsheet; a leading apostrophe keeps it text (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ICS_PRODID = "-//Timeline service//UN news timeline//EN"
ICS_UID_DOMAIN = "timeline-service"


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
                event["mention_count"],
                "; ".join(str(mention["article"]["id"]) for mention in event["mentions"]),
                "; ".join(_cell(_report(mention)) for mention in event["mentions"]),
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


def _report(mention: dict) -> str:
    article = mention["article"]
    return f"{article['title']} ({article['published_on']})"


def _source(event: dict) -> str:
    """Every article that reports the event (the primary one when the mentions are not embedded)."""
    reports = [_report(mention) for mention in event.get("mentions") or []] or [_report(event)]
    label = "Source" if len(reports) == 1 else f"Reported in {len(reports)} articles"
    return f"{label}: {'; '.join(reports)}. Date: {event['date_display']}."


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


def geojson_feature(event: dict) -> dict:
    """A located event as a GeoJSON Feature: a Point where the text names a place, else no geometry (the country is
    in the properties); the properties are the event as the API represents it, less its mentions."""
    location = event["location"]
    geometry = None
    if location["lat"] is not None and location["lon"] is not None:
        geometry = {"type": "Point", "coordinates": [location["lon"], location["lat"]]}
    properties = {key: value for key, value in event.items() if key != "mentions"}
    return {"type": "Feature", "id": event["id"], "geometry": geometry, "properties": properties}


def geojson_chunks(events: Iterator[dict]) -> Iterator[str]:
    """A GeoJSON FeatureCollection (RFC 7946) of the located events."""
    yield '{"type": "FeatureCollection", "features": ['
    separator = "\n"
    for event in events:
        if event.get("location") is None:
            continue
        yield separator + json.dumps(geojson_feature(event), ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


class ExportRenderer(BaseRenderer):
    """A file format of the export: ``format`` is the value of the ``format`` parameter that asks for it."""

    extension: str
    description: str = ""

    def only_exported(self, queryset):
        """The events this format can hold (all of them, but for GeoJSON)."""
        return queryset

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset={self.charset}" if self.charset else self.media_type

    def chunks(self, events: Iterator[dict]) -> Iterator[str]:
        raise NotImplementedError

    def render(self, data: Iterable[dict], accepted_media_type=None, renderer_context=None) -> Iterator[bytes]:
        """The file as a generator of UTF-8 chunks, from an iterable of events (read lazily, once)."""
        return (chunk.encode("utf-8") for chunk in self.chunks(iter(data)))

    def streaming_response(self, events: Iterable[dict], *, head: bool = False) -> StreamingHttpResponse:
        """The export's response; for ``head`` the headers only (a HEAD reads no event and renders nothing)."""
        body = iter(()) if head else _fail_visibly(self.render(events))
        response = StreamingHttpResponse(body, content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="timeline-events.{self.extension}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


EXPORT_FAILED_MARKER = "\n# EXPORT FAILED: this file is incomplete; download it again.\n"


def _fail_visibly(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The chunks; when producing one fails (the database went away mid-export, a statement was cancelled), a last
    line says the file is incomplete (it also breaks the JSON and iCalendar syntax on purpose) and the error goes
    on to the server, which then aborts the connection without the closing chunk of the chunked encoding: no
    client takes a cut-off export for a complete 200."""
    try:
        yield from chunks
    except Exception:
        logger.exception("export failed mid-stream; the client gets a marked, aborted body")
        yield EXPORT_FAILED_MARKER.encode()
        raise


class CSVRenderer(ExportRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"
    extension = "csv"

    def chunks(self, events):
        return csv_chunks(events)


class ICSRenderer(ExportRenderer):
    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"
    extension = "ics"

    def chunks(self, events):
        return ics_chunks(events, stamp=dt.datetime.now(tz=dt.UTC).replace(microsecond=0))


class TimelineJSRenderer(ExportRenderer):
    media_type = "application/json"
    format = "timelinejs"
    charset = None
    extension = "timelinejs.json"

    def chunks(self, events):
        return timelinejs_chunks(events)


class JSONExportRenderer(ExportRenderer):
    media_type = "application/json"
    format = "json"
    charset = None
    extension = "json"

    def chunks(self, events):
        return json_chunks(events)


class GeoJSONRenderer(ExportRenderer):
    media_type = "application/geo+json"
    format = "geojson"
    charset = None
    extension = "geojson"

    def only_exported(self, queryset):
        return queryset.exclude(location_country="")

    def chunks(self, events):
        return geojson_chunks(events)


# In the order the documentation lists them; the first is never a default (json is, see DEFAULT_EXPORT_FORMAT).
EXPORT_RENDERERS: tuple[type[ExportRenderer], ...] = (
    CSVRenderer,
    ICSRenderer,
    TimelineJSRenderer,
    JSONExportRenderer,
    GeoJSONRenderer,
)
FORMATS = tuple(renderer.format for renderer in EXPORT_RENDERERS)
DEFAULT_EXPORT_FORMAT = "json"


def requested_format(request) -> str:
    """The ``format`` parameter, trimmed and lower-cased (json when absent or empty)."""
    return request.query_params.get("format", DEFAULT_EXPORT_FORMAT).strip().lower() or DEFAULT_EXPORT_FORMAT


class ExportFormatNegotiation(BaseContentNegotiation):
    """The renderer is the one the ``format`` parameter names, whatever the Accept header says.

    An unknown format gets the first renderer; the view then answers 400 naming ``format`` (in JSON, as every
    error of the export).
    """

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = requested_format(request)
        renderer = next((renderer for renderer in renderers if renderer.format == wanted), renderers[0])
        return renderer, renderer.media_type
