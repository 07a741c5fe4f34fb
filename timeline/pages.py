"""The reader's pages: the timeline at ``/`` and an article's text with its extractions at ``/articles/<pk>/``.

Both are rendered on the server (the events are in the HTML; the small script only adds actor suggestions).
The timeline page takes the API's filter parameters (``date_from``, ``date_to``, ``actor`` (repeatable, AND),
``actor_kind``, ``resolution``, ``article``, ``kind``, ``precision``, ``q``, ``curated``, ``ordering``) through
the API's own ``EventFilterSet``, so a page URL and an API URL with the same query select the same events.

Pagination is the API's keyset on ``(date_start, id)`` with the API's cursors (``timeline.selectors.keyset``):
a page costs the same at any depth and stays stable while events are added. Each page runs a fixed number of
queries whatever its size (pinned in tests/test_pages.py). The reads are in ``timeline/selectors/``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from rest_framework.exceptions import ValidationError as DrfValidationError

from timeline.api.filtersets import EventFilterSet
from timeline.choices import ActorKind, DatePrecision, EventKind
from timeline.display import event_date
from timeline.highlights import actor_highlights, date_highlights, highlight_paragraphs
from timeline.inputs import ascii_int
from timeline.models import Actor, Article, Event
from timeline.selectors.actors import actor_slugs_named, actors_by_slug, article_page_actors
from timeline.selectors.counts import event_density
from timeline.selectors.dates import period_label
from timeline.selectors.events import article_page_events, visible_events
from timeline.selectors.keyset import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Cursor, keyset_page

FILTER_PARAMETERS = (
    "q",
    "actor",
    "date_from",
    "date_to",
    "kind",
    "resolution",
    "actor_kind",
    "precision",
    "article",
    "curated",
    "ordering",
)
MAX_NAME_LENGTH = 200  # an actor's name or slug typed into the form; longer names no actor
CURSOR_MESSAGE = "not a cursor this page made; start again from the first page"


# --------------------------------------------------------------------------------------------- query strings
def query_string(params: QueryDict, **changes) -> str:
    """``params`` with some keys replaced (a list value repeats the key, ``None`` drops it), as ``?a=b``.

    The cursor is always dropped unless given: a new filter starts at the first page.
    """
    query = params.copy()
    query.pop("cursor", None)
    for key, value in changes.items():
        query.pop(key, None)
        if value is None:
            continue
        query.setlist(key, value if isinstance(value, list) else [value])
    encoded = urlencode([(key, value) for key in query for value in query.getlist(key) if value != ""], doseq=False)
    return f"?{encoded}" if encoded else "?"


def clean_params(request: HttpRequest) -> QueryDict:
    """The filters in the request, without empty values (an empty form field means "no filter")."""
    params = QueryDict(mutable=True)
    for key in request.GET:
        values = [value.strip() for value in request.GET.getlist(key) if value.strip()]
        if values:
            params.setlist(key, values)
    return params


# -------------------------------------------------------------------------------------------- density strip
@dataclass
class Bucket:
    period: str
    label: str
    count: int
    href: str
    x: float = 0
    width: float = 0
    height: float = 0

    @property
    def y(self) -> float:
        return 64 - self.height

    @property
    def fill_x(self) -> float:
        return self.x + self.gap / 2

    @property
    def fill_width(self) -> float:
        return self.width - self.gap

    @property
    def gap(self) -> float:
        return min(self.width * 0.25, 6)


@dataclass
class Density:
    interval: str
    buckets: list[Bucket] = field(default_factory=list)
    total: int = 0
    zoom_out_href: str | None = None
    zoom_out_label: str = ""


def density(queryset, params: QueryDict, *, date_from, date_to) -> Density:
    """The strip of events per year, month or day over the query's date range (``date_from`` and ``date_to``,
    the filter's (first day, last day) or None) or else the data's (counted by ``event_density``).

    Each bar links to the same filters narrowed to its period, which is how the strip zooms.
    """
    counts = event_density(
        queryset, date_from=date_from[0] if date_from else None, date_to=date_to[1] if date_to else None
    )
    if counts.start is None:
        return Density(interval="year")
    interval, periods = counts.interval, counts.periods
    result = Density(interval=interval, total=counts.total)
    tallest = max((count for _, count in periods), default=1)
    width = 1000 / len(periods)
    for index, (period, count) in enumerate(periods):
        if interval == "year":
            label = f"{period.year}"
        elif interval == "month":
            label = f"{period:%B %Y}"
        else:
            label = f"{period.day} {period:%B %Y}"
        key = period_label(period, interval)
        result.buckets.append(
            Bucket(
                period=key,
                label=label,
                count=count,
                href=query_string(params, date_from=key, date_to=key),
                x=index * width,
                width=width,
                height=0 if not count else max(4.0, 56 * count / tallest),
            )
        )
    if params.get("date_from") or params.get("date_to"):
        if interval == "day" and date_from and date_from[0].day == 1 and len(periods) > 1:
            year = str(counts.start.year)
            result.zoom_out_href = query_string(params, date_from=year, date_to=year)
            result.zoom_out_label = f"Zoom out to {year}"
        else:
            result.zoom_out_href = query_string(params, date_from=None, date_to=None)
            result.zoom_out_label = "Zoom out to all dates"
    return result


# --------------------------------------------------------------------------------------------- the timeline
@dataclass
class MonthGroup:
    label: str
    events: list[Event] = field(default_factory=list)


@dataclass
class YearGroup:
    year: int
    months: list[MonthGroup] = field(default_factory=list)


def group_by_year_and_month(events: list[Event]) -> list[YearGroup]:
    """Consecutive events grouped by the year, then the month, they start in. Events known only to the year
    form a group without a month label, so "1950–1953" is not filed under January 1950."""
    years: list[YearGroup] = []
    for event in events:
        if not years or years[-1].year != event.date_start.year:
            years.append(YearGroup(event.date_start.year))
        label = "" if event.date_precision == DatePrecision.YEAR else f"{event.date_start:%B}"
        months = years[-1].months
        if not months or months[-1].label != label:
            months.append(MonthGroup(label))
        months[-1].events.append(event)
    return years


def _error_messages(errors) -> list[tuple[str, str]]:
    """(parameter, message) pairs from a form's, Django's or DRF's validation errors."""
    if isinstance(errors, DrfValidationError):
        errors = errors.detail
    if isinstance(errors, DjangoValidationError):
        errors = errors.message_dict if hasattr(errors, "error_dict") else {"": errors.messages}
    if isinstance(errors, dict):
        pairs = []
        for key, value in errors.items():
            values = value if isinstance(value, list | tuple) else [value]
            pairs.extend((str(key), str(message)) for message in values)
        return pairs
    if isinstance(errors, list | tuple):
        return [("", str(message)) for message in errors]
    return [("", str(errors))]


def _nameable(value: str) -> bool:
    return len(value) <= MAX_NAME_LENGTH and value.isprintable()


def _resolve_actor_names(params: QueryDict) -> tuple[QueryDict | None, dict[str, Actor]]:
    """Actors named in ``actor=`` by slug; a name, short name or alias typed into the form without the
    suggestions (no JavaScript) is turned into its slug. Returns (params to redirect to, or None; actors)."""
    # A value no actor could be named (a NUL byte, which PostgreSQL refuses in any string, or an essay) is left
    # for the filter, which reports it as an unknown actor.
    values = params.getlist("actor")
    if not values:
        return None, {}
    actors = actors_by_slug([value for value in values if _nameable(value)])
    unknown = [value for value in values if value not in actors]
    if not unknown:
        return None, actors
    replaced = []
    changed = False
    for value in values:
        if value in actors:
            replaced.append(value)
            continue
        matches = actor_slugs_named(value) if _nameable(value) else set()
        if len(matches) == 1:
            replaced.append(matches.pop())
            changed = True
        else:
            replaced.append(value)
    if not changed:
        return None, actors
    redirect = params.copy()
    redirect.setlist("actor", list(dict.fromkeys(replaced)))
    return redirect, actors


@dataclass
class MapPoint:
    """A located event of the page on the map: an equirectangular projection onto a 360 × 180 view box."""

    event: Event
    x: float
    y: float
    label: str


def map_points(events: list[Event]) -> list[MapPoint]:
    """The page's events that have coordinates, as points of the map (no query: the events are loaded)."""
    points = []
    for event in events:
        if event.location_lat is None or event.location_lon is None:
            continue
        place = event.location_place or event.location_country
        points.append(
            MapPoint(
                event=event, x=event.location_lon + 180, y=90 - event.location_lat, label=f"{place}: {event.title}"
            )
        )
    return points


@require_GET
def timeline_page(request: HttpRequest) -> HttpResponse:
    """The filtered timeline, grouped by year and month, with a density strip and cursor pagination."""
    params = clean_params(request)
    redirect_params, selected_actors = _resolve_actor_names(params)
    if redirect_params is not None:
        return HttpResponseRedirect(request.path + query_string(redirect_params))

    errors: list[tuple[str, str]] = []
    cursor = None
    if params.get("cursor"):
        try:
            cursor = Cursor.decode(params["cursor"])
        except ValueError:
            errors.append(("cursor", CURSOR_MESSAGE))
    page_size = DEFAULT_PAGE_SIZE
    if params.get("page_size"):
        page_size = ascii_int(params["page_size"]) or 0
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            errors.append(("page_size", f"must be a whole number from 1 to {MAX_PAGE_SIZE}."))

    events: list[Event] = []
    next_cursor = previous_cursor = None
    strip = Density(interval="year")
    if not errors:
        filterset = EventFilterSet(data=params, queryset=visible_events(), request=request)
        if not filterset.is_valid():
            errors = _error_messages(filterset.errors)
        else:
            try:
                queryset = filterset.qs
                cleaned = filterset.form.cleaned_data
                strip = density(queryset, params, date_from=cleaned.get("date_from"), date_to=cleaned.get("date_to"))
                page = keyset_page(
                    queryset.with_related(), cursor=cursor, size=page_size, ordering=filterset.selected_ordering()
                )
            except (DjangoValidationError, DrfValidationError) as error:
                errors = _error_messages(error)
            else:
                events = page.rows
                # An empty page (events deleted meanwhile) offers no way on: the filters start again at the top.
                next_cursor, previous_cursor = page.next_cursor(), page.previous_cursor()

    active_slugs = params.getlist("actor")
    for event in events:
        event.date_label = event_date(event)
        event.actor_links = [
            (actor, query_string(params, actor=[*active_slugs, actor.slug]), actor.slug in active_slugs)
            for actor in event.actors.all()
        ]
        event.resolution_links = [
            (resolution, query_string(params, resolution=resolution.symbol)) for resolution in event.resolutions.all()
        ]
    context = {
        "params": params,
        "errors": errors,
        "years": group_by_year_and_month(events),
        "event_count": len(events),
        "strip": strip,
        "map_points": map_points(events),
        "next_href": query_string(params, cursor=next_cursor.encode()) if next_cursor else None,
        "previous_href": query_string(params, cursor=previous_cursor.encode()) if previous_cursor else None,
        "selected_actors": [
            (selected_actors[slug], query_string(params, actor=[s for s in active_slugs if s != slug]))
            for slug in active_slugs
            if slug in selected_actors
        ],
        "kind_choices": EventKind.choices,
        "actor_kind_choices": ActorKind.choices,
        "is_filtered": any(key in params for key in FILTER_PARAMETERS),
        "clear_href": "?",
        "page_size": page_size,
    }
    return render(request, "timeline/timeline_page.html", context, status=400 if errors else 200)


# ------------------------------------------------------------------------------------------ the article page
def _actor_names(actors: list[Actor], published_on: dt.date) -> dict[str, tuple[str, str]]:
    """Every name an actor goes by in this article: name, short name and the aliases valid on its date."""
    names: dict[str, tuple[str, str]] = {}
    for actor in actors:
        link = (f"/?{urlencode({'actor': actor.slug})}", actor.name)
        candidates = [actor.name, actor.short_name]
        candidates += [
            alias.name
            for alias in actor.aliases.all()
            if (alias.valid_from is None or alias.valid_from <= published_on)
            and (alias.valid_to is None or published_on <= alias.valid_to)
        ]
        for name in candidates:
            if name and len(name) > 1:
                names.setdefault(name, link)
    return names


@require_GET
def article_page(request: HttpRequest, pk: int) -> HttpResponse:
    """An article's text with each extracted date (linked to its event) and actor (linked to the timeline
    filtered by it) marked, then its events: the quickest way to check the machine's reading."""
    article = get_object_or_404(Article, pk=pk)
    events = article_page_events(article=article)
    actors = article_page_actors(article=article)
    names = _actor_names(actors, article.published_on)
    highlights = [*date_highlights(article.body, events), *actor_highlights(article.body, names)]
    for event in events:
        event.date_label = event_date(event)
    return render(
        request,
        "timeline/article_page.html",
        {
            "article": article,
            "paragraphs": highlight_paragraphs(article.body, highlights),
            "events": events,
            "actors": actors,
            "timeline_href": "/?" + urlencode({"article": article.pk}),
        },
    )
