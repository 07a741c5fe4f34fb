"""The reader's pages: the timeline at ``/`` and an article's text with its extractions at ``/articles/<pk>/``.

Both are rendered on the server (the events are in the HTML; the small script only adds actor suggestions).
The timeline page takes the API's filter parameters (``date_from``, ``date_to``, ``actor`` (repeatable, AND),
``actor_kind``, ``resolution``, ``article``, ``kind``, ``precision``, ``q``, ``curated``, ``ordering``) through
the API's own ``EventFilterSet``, so a page URL and an API URL with the same query select the same events.

Pagination is by keyset on ``(date_start, id)``: ``cursor=n.2017-08-16.42`` is "the events after that one",
``cursor=p.…`` "the events before it"; a page costs the same at any depth and stays stable while events are
added. Each page runs a fixed number of queries whatever its size (pinned in tests/test_pages.py).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, DateField, Max, Min, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Greatest, Trunc
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from rest_framework.exceptions import ValidationError as DrfValidationError

from timeline.api.filtersets import EventFilterSet
from timeline.choices import ActorKind, DatePrecision, EventKind
from timeline.models import Actor, ActorAlias, Article, Event
from timeline.templatetags.timeline_extras import (
    actor_highlights,
    date_highlights,
    event_date,
    highlight_paragraphs,
)

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
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
PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
CURSOR_PATTERN = re.compile(r"([np])\.(\d{4}-\d{2}-\d{2})\.(\d{1,18})")


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


# ----------------------------------------------------------------------------------------------- pagination
@dataclass(frozen=True)
class Cursor:
    forward: bool
    date_start: dt.date
    pk: int

    def encode(self) -> str:
        return f"{'n' if self.forward else 'p'}.{self.date_start.isoformat()}.{self.pk}"

    @classmethod
    def decode(cls, value: str) -> Cursor:
        match = CURSOR_PATTERN.fullmatch(value)
        if not match:
            raise ValueError("not a cursor this page made; start again from the first page")
        try:
            day = dt.date.fromisoformat(match.group(2))
        except ValueError as error:
            raise ValueError("not a cursor this page made; start again from the first page") from error
        return cls(forward=match.group(1) == "n", date_start=day, pk=int(match.group(3)))


def keyset_page(
    queryset: QuerySet[Event], *, cursor: Cursor | None, page_size: int, descending: bool
) -> tuple[list[Event], str | None, str | None]:
    """One page of events in ``(date_start, id)`` order and the cursors of the pages around it."""
    forward = cursor is None or cursor.forward
    towards_later = forward != descending
    if cursor is not None:
        if towards_later:
            keyset = Q(date_start__gt=cursor.date_start) | Q(date_start=cursor.date_start, id__gt=cursor.pk)
        else:
            keyset = Q(date_start__lt=cursor.date_start) | Q(date_start=cursor.date_start, id__lt=cursor.pk)
        queryset = queryset.filter(keyset)
    order = ["date_start", "id"] if towards_later else ["-date_start", "-id"]
    rows = list(queryset.order_by(*order).with_related()[: page_size + 1])
    has_more = len(rows) > page_size
    rows = rows[:page_size]
    if not forward:
        rows.reverse()
    if not rows:
        return rows, None, None
    first, last = rows[0], rows[-1]
    next_cursor = previous_cursor = None
    if (forward and has_more) or not forward:
        next_cursor = Cursor(True, last.date_start, last.pk).encode()
    if (not forward and has_more) or (forward and cursor is not None):
        previous_cursor = Cursor(False, first.date_start, first.pk).encode()
    return rows, next_cursor, previous_cursor


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


def partial_date_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """``2017`` → 1 Jan..31 Dec 2017, ``2017-08`` → the month, ``2017-08-16`` → the day; ``None`` if not one.

    Only sizes the density strip; the filter itself is the API's ``EventFilterSet``.
    """
    match = PARTIAL_DATE.fullmatch(value or "")
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day:
            return dt.date(year, month, day), dt.date(year, month, day)
        if month:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def _periods(interval: str, start: dt.date, end: dt.date) -> list[dt.date]:
    periods = []
    if interval == "year":
        periods = [dt.date(year, 1, 1) for year in range(start.year, end.year + 1)]
    elif interval == "month":
        year, month = start.year, start.month
        while (year, month) <= (end.year, end.month):
            periods.append(dt.date(year, month, 1))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        periods = [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]
    return periods


def density(queryset: QuerySet[Event], params: QueryDict) -> Density:
    """Events per year, month or day (by start date) over the query's date range or else the data's, in 2
    queries.

    The interval follows the span: more than three years → years, more than three months → months, else
    days; each bar links to the same filters narrowed to its period, which is how the strip zooms.
    """
    span = queryset.order_by().aggregate(first=Min("date_start"), last=Max("date_start"))
    # (Counted by start date; an event that starts before the range shown is counted in its first bar.)
    if span["first"] is None:
        return Density(interval="year")
    query_from = partial_date_bounds(params.get("date_from"))
    query_to = partial_date_bounds(params.get("date_to"))
    # The strip covers the asked range (a year shows its twelve months), else the data's.
    start = query_from[0] if query_from else span["first"]
    end = query_to[1] if query_to else span["last"]
    if end < start or (end - start).days > 1000 * 366:
        start, end = span["first"], span["last"]
    days = (end - start).days
    interval = "year" if days > 3 * 366 else "month" if days > 92 else "day"

    counts = dict(
        queryset.order_by()
        # An event that began before the strip's range still counts, in its first bar.
        .annotate(
            period=Trunc(
                Greatest("date_start", Value(start, output_field=DateField())), interval, output_field=DateField()
            )
        )
        .values_list("period")
        .annotate(count=Count("id", distinct=True))
        .values_list("period", "count")
    )
    counts = {(period.date() if isinstance(period, dt.datetime) else period): count for period, count in counts.items()}
    result = Density(interval=interval, total=sum(counts.values()))
    periods = _periods(interval, start, end)
    tallest = max(counts.values(), default=1)
    width = 1000 / len(periods)
    for index, period in enumerate(periods):
        if interval == "year":
            key, label = f"{period.year}", f"{period.year}"
        elif interval == "month":
            key, label = f"{period:%Y-%m}", f"{period:%B %Y}"
        else:
            key, label = period.isoformat(), f"{period.day} {period:%B %Y}"
        count = counts.get(period, 0)
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
        if interval == "day" and query_from and query_from[0].day == 1 and len(periods) > 1:
            year = str(start.year)
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


def _resolve_actor_names(params: QueryDict) -> tuple[QueryDict | None, dict[str, Actor]]:
    """Actors named in ``actor=`` by slug; a name, short name or alias typed into the form without the
    suggestions (no JavaScript) is turned into its slug. Returns (params to redirect to, or None; actors)."""
    values = params.getlist("actor")
    if not values:
        return None, {}
    actors = {actor.slug: actor for actor in Actor.objects.filter(slug__in=values)}
    unknown = [value for value in values if value not in actors]
    if not unknown:
        return None, actors
    replaced = []
    changed = False
    for value in values:
        if value in actors:
            replaced.append(value)
            continue
        matches = set(
            Actor.objects.filter(
                Q(name__iexact=value)
                | Q(short_name__iexact=value)
                | Q(slug__iexact=value)
                | Q(aliases__name__iexact=value, aliases__valid_from__isnull=True)
            ).values_list("slug", flat=True)
        )
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
        except ValueError as error:
            errors.append(("cursor", str(error)))
    page_size = DEFAULT_PAGE_SIZE
    if params.get("page_size"):
        try:
            page_size = int(params["page_size"])
        except ValueError:
            page_size = 0
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            errors.append(("page_size", f"must be a whole number from 1 to {MAX_PAGE_SIZE}."))

    events: list[Event] = []
    next_cursor = previous_cursor = None
    strip = Density(interval="year")
    if not errors:
        filterset = EventFilterSet(data=params, queryset=Event.objects.visible(), request=request)
        if not filterset.is_valid():
            errors = _error_messages(filterset.errors)
        else:
            try:
                queryset = filterset.qs
                strip = density(queryset, params)
                events, next_cursor, previous_cursor = keyset_page(
                    queryset, cursor=cursor, page_size=page_size, descending=params.get("ordering") == "-date"
                )
            except (DjangoValidationError, DrfValidationError) as error:
                errors = _error_messages(error)

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
        "next_href": query_string(params, cursor=next_cursor) if next_cursor else None,
        "previous_href": query_string(params, cursor=previous_cursor) if previous_cursor else None,
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
    events = list(article.events.visible().with_related().order_by("date_start", "id"))
    actors = list(
        Actor.objects.filter(Q(articles=article) | Q(events__article=article, events__is_rejected=False))
        .distinct()
        .prefetch_related(Prefetch("aliases", queryset=ActorAlias.objects.order_by("name", "id")))
        .order_by("name", "id")
    )
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
