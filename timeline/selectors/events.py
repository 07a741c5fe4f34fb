"""Reads of events: the list's lean rows and their actors and resolutions, one event with its relations, the
events embedded in a resolution or an article, an article's events for its page.

The Event field groups are written here once; the serializers, the admin form, the services and the synthetic
generator build their field lists from them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from timeline.models import Actor, Article, Event, Mention, Resolution

# The largest value of a 64-bit id column: a larger id can match no row, and is an error, never an overflow.
MAX_ID = 2**63 - 1

# The Event's own content, in groups so that every list (API, admin, services, COPY) keeps its order.
EVENT_TEXT_FIELDS = ("title", "summary", "kind")
EVENT_DATE_FIELDS = ("date_start", "date_end", "date_precision", "date_text")
EVENT_QUOTE_FIELDS = ("quote", "quote_start", "quote_end")
EVENT_CONTENT_FIELDS = (*EVENT_TEXT_FIELDS, *EVENT_DATE_FIELDS, *EVENT_QUOTE_FIELDS)
EVENT_RELATION_FIELDS = ("actors", "resolutions")

# The columns the event list and the exports read, article included: one query with a join, no model instances.
EVENT_COLUMNS = (
    "id",
    *EVENT_CONTENT_FIELDS,
    "is_curated",
    "mention_count",
    "updated_at",
    "article_id",
    "article__title",
    "article__published_on",
    "location_country",
    "location_place",
    "location_lat",
    "location_lon",
    "location_precision",
)
# The columns of one mention as an event embeds it: the reporting article, the evidence and the date it gives.
MENTION_COLUMNS = (
    "article_id",
    "article__title",
    "article__published_on",
    "article__source_name",
    *EVENT_QUOTE_FIELDS,
    "date_text",
    "date_start",
    "date_end",
    "date_precision",
)
# Mentions in the order readers follow them: the earliest report first.
MENTION_ORDERING = ("article__published_on", "article_id", "id")
# The columns of an event embedded in another resource (a resolution's or an article's events).
BRIEF_EVENT_COLUMNS = ("id", "title", "kind", "date_start", "date_end", "date_precision")

# The timeline's orders, by their ``ordering`` value; ties are broken by id so that the keyset is total.
EVENT_ORDERINGS = {"date": ("date_start", "id"), "-date": ("-date_start", "-id")}
DEFAULT_ORDERING = "date"

ActorBrief = tuple[str, str, str, "str | None"]  # slug, name, kind, iso3
ResolutionBrief = tuple[str, int, "int | None", object]  # symbol, number, year, adopted_on
MentionRow = dict  # a values(*MENTION_COLUMNS) row


def visible_events() -> QuerySet[Event]:
    """Every event a reader may see, in date order."""
    return Event.objects.visible().order_by(*EVENT_ORDERINGS[DEFAULT_ORDERING])


def event_detail(*, pk: int) -> Event:
    """One event with everything its representation reads (article joined, actors and resolutions in order)."""
    return Event.objects.with_related().get(pk=pk)


def event_related(
    event_ids: Iterable[int],
) -> tuple[dict[int, list[ActorBrief]], dict[int, list[ResolutionBrief]]]:
    """The actors (by name) and resolutions (by body and number) of the given events, in two queries."""
    ids = list(event_ids)
    actors: dict[int, list[ActorBrief]] = defaultdict(list)
    resolutions: dict[int, list[ResolutionBrief]] = defaultdict(list)
    if not ids:
        return actors, resolutions
    for event_id, *fields in (
        Event.actors.through.objects.filter(event_id__in=ids)
        .order_by("actor__name", "actor_id")
        .values_list("event_id", "actor__slug", "actor__name", "actor__kind", "actor__iso3")
    ):
        actors[event_id].append(tuple(fields))
    for event_id, *fields in (
        Event.resolutions.through.objects.filter(event_id__in=ids)
        .order_by("resolution__body", "resolution__number", "resolution_id")
        .values_list(
            "event_id", "resolution__symbol", "resolution__number", "resolution__year", "resolution__adopted_on"
        )
    ):
        resolutions[event_id].append(tuple(fields))
    return actors, resolutions


def event_mentions(event_ids: Iterable[int]) -> dict[int, list[MentionRow]]:
    """The mentions of the given events, earliest report first, with their articles: one query."""
    ids = list(event_ids)
    mentions: dict[int, list[MentionRow]] = defaultdict(list)
    if not ids:
        return mentions
    for row in (
        Mention.objects.filter(event_id__in=ids).order_by(*MENTION_ORDERING).values("event_id", *MENTION_COLUMNS)
    ):
        mentions[row.pop("event_id")].append(row)
    return mentions


def mentions_ordered():
    """Mentions with their articles in reading order (to prefetch under events)."""
    return Mention.objects.select_related("article").order_by(*MENTION_ORDERING)


def brief_events(*, limit: int | None = None) -> QuerySet[Event]:
    """Visible events by date with only ``BRIEF_EVENT_COLUMNS`` (to prefetch under a resolution or an article)."""
    # The article is loaded too: a prefetch under an article sets it on every event without another query.
    queryset = (
        Event.objects.visible().order_by(*EVENT_ORDERINGS[DEFAULT_ORDERING]).only(*BRIEF_EVENT_COLUMNS, "article")
    )
    return queryset[:limit] if limit is not None else queryset


def article_page_events(*, article: Article) -> list[Event]:
    """The visible events this article reports, by date, with their related rows (the article page).

    Each event carries ``here``, the article's own mention of it (its sentence, offsets and date words), which
    may differ from the event's primary mention when another article reported the happening too.
    """
    mentions = (
        article.mentions.filter(event__is_rejected=False)
        .select_related("event__article")
        .prefetch_related(
            Prefetch("event__actors", queryset=Actor.objects.order_by("name", "id")),
            Prefetch("event__resolutions", queryset=Resolution.objects.order_by("body", "number", "id")),
        )
        .order_by("event__date_start", "event_id", "id")
    )
    events: dict[int, Event] = {}
    for mention in mentions:
        # A curator may have merged two of this article's mentions into one event: it is listed once.
        if mention.event_id not in events:
            mention.event.here = mention
            events[mention.event_id] = mention.event
    return list(events.values())
