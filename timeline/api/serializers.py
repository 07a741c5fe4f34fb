"""Serializers: brief ones for embedded relations, full ones per resource, write ones for curators.

Events are read through one lean function, ``event_representation``, fed either by model instances (detail,
write responses) or by ``values()`` rows (the list and the exports, see ``event_rows``), so the hot path builds
plain dicts without model instances or per-field serializer calls. ``EventSerializer`` declares the same fields
for validation and for the OpenAPI schema; a test pins that both agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from timeline.choices import ActorKind
from timeline.display import date_display
from timeline.models import Actor, ActorAlias, Article, Event, Resolution

MAX_ID = 2**63 - 1

# The columns the event list reads, article included: one query with a join, no model instances.
EVENT_COLUMNS = (
    "id",
    "title",
    "summary",
    "kind",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "quote",
    "quote_start",
    "quote_end",
    "is_curated",
    "article_id",
    "article__title",
    "article__published_on",
)
# How many citing events a resolution's detail embeds; the rest are at events_url.
RESOLUTION_EVENTS_LIMIT = 200


class DetailUrl:
    """Absolute detail URLs without a ``reverse()`` per row: reverse once, then fill in the key."""

    SENTINEL = "0"

    def __init__(self, request, view_name: str, kwarg: str = "pk") -> None:
        path = reverse(view_name, kwargs={kwarg: self.SENTINEL})
        assert path.endswith(f"/{self.SENTINEL}/")
        prefix = path[: -len(f"{self.SENTINEL}/")]
        self.prefix = request.build_absolute_uri(prefix) if request is not None else prefix

    def __call__(self, key) -> str:
        return f"{self.prefix}{key}/"


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def actor_brief(slug: str, name: str, kind: str, iso3: str | None) -> dict:
    return {"slug": slug, "name": name, "kind": kind, "iso3": iso3}


def resolution_brief(symbol: str, number: int, year: int | None, adopted_on) -> dict:
    return {"symbol": symbol, "number": number, "year": year, "adopted_on": _iso(adopted_on)}


def event_representation(row: dict, *, url: str, actors: list[dict], resolutions: list[dict]) -> dict:
    """The API's event object from a ``values(*EVENT_COLUMNS)`` row and its embedded relations."""
    return {
        "id": row["id"],
        "url": url,
        "title": row["title"],
        "summary": row["summary"],
        "kind": row["kind"],
        "date_start": row["date_start"].isoformat(),
        "date_end": row["date_end"].isoformat(),
        "date_precision": row["date_precision"],
        "date_text": row["date_text"],
        "date_display": date_display(row["date_start"], row["date_end"], row["date_precision"]),
        "actors": actors,
        "resolutions": resolutions,
        "article": {
            "id": row["article_id"],
            "title": row["article__title"],
            "published_on": _iso(row["article__published_on"]),
        },
        "quote": row["quote"],
        "quote_start": row["quote_start"],
        "quote_end": row["quote_end"],
        "is_curated": row["is_curated"],
    }


def event_rows(rows: list[dict], request) -> list[dict]:
    """Represent ``values(*EVENT_COLUMNS)`` rows: two more queries (actors, resolutions), whatever their number."""
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    actors: dict[int, list[dict]] = defaultdict(list)
    for event_id, *fields in (
        Event.actors.through.objects.filter(event_id__in=ids)
        .order_by("actor__name", "actor_id")
        .values_list("event_id", "actor__slug", "actor__name", "actor__kind", "actor__iso3")
    ):
        actors[event_id].append(actor_brief(*fields))
    resolutions: dict[int, list[dict]] = defaultdict(list)
    for event_id, *fields in (
        Event.resolutions.through.objects.filter(event_id__in=ids)
        .order_by("resolution__body", "resolution__number", "resolution_id")
        .values_list(
            "event_id", "resolution__symbol", "resolution__number", "resolution__year", "resolution__adopted_on"
        )
    ):
        resolutions[event_id].append(resolution_brief(*fields))
    url = DetailUrl(request, "api:event-detail")
    return [
        event_representation(row, url=url(row["id"]), actors=actors[row["id"]], resolutions=resolutions[row["id"]])
        for row in rows
    ]


def event_instance_row(event: Event) -> dict:
    """The ``values(*EVENT_COLUMNS)`` row of a model instance."""
    row = {column: getattr(event, column) for column in EVENT_COLUMNS if "__" not in column}
    row["article__title"] = event.article.title
    row["article__published_on"] = event.article.published_on
    return row


# Brief serializers: embedded relations (schema and instances).


class ActorBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["slug", "name", "kind", "iso3"]
        read_only_fields = fields

    def to_representation(self, instance: Actor) -> dict:
        return actor_brief(instance.slug, instance.name, instance.kind, instance.iso3)


class ResolutionBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Resolution
        fields = ["symbol", "number", "year", "adopted_on"]
        read_only_fields = fields

    def to_representation(self, instance: Resolution) -> dict:
        return resolution_brief(instance.symbol, instance.number, instance.year, instance.adopted_on)


class ArticleBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["id", "title", "published_on"]
        read_only_fields = fields


class EventBriefSerializer(serializers.ModelSerializer):
    """An event inside another resource: enough to list it and follow its url."""

    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail", help_text="The event's API URL.")
    date_display = serializers.SerializerMethodField(help_text='The dates as words, e.g. "August 2017".')

    class Meta:
        model = Event
        fields = ["id", "url", "title", "kind", "date_start", "date_end", "date_precision", "date_display"]
        read_only_fields = fields

    def get_date_display(self, event) -> str:
        return date_display(event["date_start"], event["date_end"], event["date_precision"])

    def to_representation(self, event) -> dict:
        # Fed with values() rows; see brief_event_rows().
        return {
            "id": event["id"],
            "url": self.context["event_url"](event["id"]),
            "title": event["title"],
            "kind": event["kind"],
            "date_start": event["date_start"].isoformat(),
            "date_end": event["date_end"].isoformat(),
            "date_precision": event["date_precision"],
            "date_display": self.get_date_display(event),
        }


BRIEF_EVENT_COLUMNS = ("id", "title", "kind", "date_start", "date_end", "date_precision")


# Events.


class EventSerializer(serializers.ModelSerializer):
    """An event as readers see it (read-only; curators write through ``EventWriteSerializer``)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail", help_text="The event's API URL.")
    date_display = serializers.SerializerMethodField(
        help_text='The dates as words at their precision: "16 August 2017", "August 2017", "1950–1953".'
    )
    actors = ActorBriefSerializer(many=True, read_only=True, help_text="Who took part, by name.")
    resolutions = ResolutionBriefSerializer(many=True, read_only=True, help_text="The resolutions it cites.")
    article = ArticleBriefSerializer(read_only=True, help_text="The article that reports it.")

    class Meta:
        model = Event
        fields = [
            "id",
            "url",
            "title",
            "summary",
            "kind",
            "date_start",
            "date_end",
            "date_precision",
            "date_text",
            "date_display",
            "actors",
            "resolutions",
            "article",
            "quote",
            "quote_start",
            "quote_end",
            "is_curated",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "date_start": {"help_text": "First day of the event's interval."},
            "date_end": {"help_text": "Last day of the event's interval (inclusive)."},
            "quote_start": {"help_text": "Offset of the quote's first character in the article body."},
            "quote_end": {"help_text": "Offset just past the quote's last character in the article body."},
        }

    def get_date_display(self, event: Event) -> str:
        return date_display(event.date_start, event.date_end, event.date_precision)

    def to_representation(self, event: Event) -> dict:
        # Needs Event.objects.with_related() (article joined, actors and resolutions prefetched in order).
        request = self.context.get("request")
        return event_representation(
            event_instance_row(event),
            url=DetailUrl(request, "api:event-detail")(event.pk),
            actors=[actor_brief(a.slug, a.name, a.kind, a.iso3) for a in event.actors.all()],
            resolutions=[resolution_brief(r.symbol, r.number, r.year, r.adopted_on) for r in event.resolutions.all()],
        )


class BoundedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary key that cannot overflow the database's integer column (an error, not a 500)."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str) or not str(data).strip().isdigit():
            self.fail("incorrect_type", data_type=type(data).__name__)
        if int(data) > MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(int(data))


class EventWriteSerializer(serializers.ModelSerializer):
    """What a curator sends to create or edit an event; relations by natural key."""

    article = BoundedPrimaryKeyRelatedField(
        queryset=Article.objects.all(), help_text="The id of the article that reports the event."
    )
    actors = serializers.SlugRelatedField(
        many=True,
        slug_field="slug",
        queryset=Actor.objects.all(),
        required=False,
        help_text="The slugs of the actors involved (replaces the current list).",
    )
    resolutions = serializers.SlugRelatedField(
        many=True,
        slug_field="symbol",
        queryset=Resolution.objects.all(),
        required=False,
        help_text='The symbols of the resolutions cited, e.g. "S/RES/2371 (2017)" (replaces the current list).',
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "summary",
            "kind",
            "date_start",
            "date_end",
            "date_precision",
            "date_text",
            "article",
            "actors",
            "resolutions",
            "quote",
            "quote_start",
            "quote_end",
        ]

    def _current(self, attrs: dict, name: str):
        if name in attrs:
            return attrs[name]
        return getattr(self.instance, name, None) if self.instance is not None else None

    def validate(self, attrs: dict) -> dict:
        date_start, date_end = self._current(attrs, "date_start"), self._current(attrs, "date_end")
        if date_start and date_end and date_start > date_end:
            raise serializers.ValidationError({"date_end": ["date_end must not be before date_start."]})
        quote_start, quote_end = self._current(attrs, "quote_start"), self._current(attrs, "quote_end")
        if quote_start is not None and quote_end is not None and quote_start > quote_end:
            raise serializers.ValidationError({"quote_end": ["quote_end must not be before quote_start."]})
        article = self._current(attrs, "article")
        if article is not None and "quote_end" in attrs and quote_end is not None and quote_end > len(article.body):
            raise serializers.ValidationError(
                {"quote_end": [f"quote_end is past the end of the article's body ({len(article.body)} characters)."]}
            )
        quote = self._current(attrs, "quote")
        offsets_sent = {"quote_start", "quote_end"} <= set(attrs)
        if article is not None and offsets_sent and quote and article.body[quote_start:quote_end] != quote:
            raise serializers.ValidationError(
                {"quote": ["quote must be the article's body between quote_start and quote_end."]}
            )
        return attrs


# Actors.


class ActorAliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActorAlias
        fields = ["name", "valid_from", "valid_to"]
        read_only_fields = fields


class ActorSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:actor-detail", lookup_field="slug", help_text="The actor's API URL."
    )

    class Meta:
        model = Actor
        fields = ["slug", "url", "name", "short_name", "kind", "iso3"]
        read_only_fields = fields


class ActorDetailSerializer(ActorSerializer):
    aliases = ActorAliasSerializer(many=True, read_only=True, help_text="Other names matched in article text.")
    event_count = serializers.IntegerField(read_only=True, help_text="How many visible events involve the actor.")
    first_event_date = serializers.DateField(
        read_only=True, allow_null=True, help_text="The earliest date_start of its events (null without events)."
    )
    last_event_date = serializers.DateField(
        read_only=True, allow_null=True, help_text="The latest date_end of its events (null without events)."
    )
    events_url = serializers.SerializerMethodField(help_text="The event list filtered on this actor.")

    class Meta(ActorSerializer.Meta):
        fields = [
            *ActorSerializer.Meta.fields,
            "description",
            "is_auto_created",
            "aliases",
            "event_count",
            "first_event_date",
            "last_event_date",
            "events_url",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_events_url(self, actor: Actor) -> str:
        return _events_url(self.context.get("request"), actor=actor.slug)


class ActorWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["slug", "name", "short_name", "kind", "iso3", "description"]

    def validate_iso3(self, value: str | None) -> str | None:
        value = (value or "").strip().upper()
        if value and (len(value) != 3 or not value.isalpha()):
            raise serializers.ValidationError("Enter three letters (ISO 3166 alpha-3).")
        return value or None

    def validate(self, attrs: dict) -> dict:
        if "aliases" in self.initial_data:
            # Refused rather than ignored: a client must not believe its aliases were saved.
            raise serializers.ValidationError(
                {"aliases": ["Aliases are not written through the API; edit them in the admin."]}
            )
        kind = attrs.get("kind", getattr(self.instance, "kind", None))
        iso3 = attrs.get("iso3", getattr(self.instance, "iso3", None))
        if iso3 and kind != ActorKind.STATE:
            raise serializers.ValidationError({"iso3": ["Only a state has an ISO 3166 code."]})
        if iso3 and Actor.objects.filter(iso3=iso3).exclude(pk=getattr(self.instance, "pk", None)).exists():
            raise serializers.ValidationError({"iso3": ["Another actor already has this code."]})
        return attrs


# Resolutions.


class ResolutionSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:resolution-detail", help_text="The API URL.")

    class Meta:
        model = Resolution
        fields = ["id", "url", "symbol", "body", "number", "year", "adopted_on", "agenda", "vote", "meeting_record"]
        read_only_fields = fields


class ResolutionDetailSerializer(ResolutionSerializer):
    event_count = serializers.IntegerField(read_only=True, help_text="How many visible events cite it.")
    events = serializers.SerializerMethodField(
        help_text=f"The visible events that cite it, by date; the first {RESOLUTION_EVENTS_LIMIT} "
        "(all of them are at events_url)."
    )
    events_url = serializers.SerializerMethodField(help_text="The event list filtered on this resolution.")

    class Meta(ResolutionSerializer.Meta):
        fields = [*ResolutionSerializer.Meta.fields, "is_auto_created", "event_count", "events", "events_url"]
        read_only_fields = fields

    @extend_schema_field(EventBriefSerializer(many=True))
    def get_events(self, resolution: Resolution) -> list[dict]:
        rows = (
            Event.objects.visible()
            .filter(resolutions=resolution)
            .order_by("date_start", "id")
            .values(*BRIEF_EVENT_COLUMNS)[:RESOLUTION_EVENTS_LIMIT]
        )
        return brief_event_rows(rows, self.context.get("request"))

    @extend_schema_field(OpenApiTypes.URI)
    def get_events_url(self, resolution: Resolution) -> str:
        return _events_url(self.context.get("request"), resolution=resolution.symbol)


class ResolutionWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Resolution
        fields = ["symbol", "body", "number", "year", "adopted_on", "agenda", "vote", "meeting_record"]


# Articles.


class ArticleSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:article-detail", help_text="The API URL.")

    class Meta:
        model = Article
        fields = ["id", "url", "source_name", "title", "published_on"]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    actors = ActorBriefSerializer(many=True, read_only=True, help_text="Every actor the article mentions.")
    resolutions = ResolutionBriefSerializer(
        many=True, read_only=True, help_text="Every resolution the article mentions."
    )
    events = serializers.SerializerMethodField(help_text="The article's visible events, by date.")

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "dateline_text", "body", "actors", "resolutions", "events"]
        read_only_fields = fields

    @extend_schema_field(EventBriefSerializer(many=True))
    def get_events(self, article: Article) -> list[dict]:
        rows = Event.objects.visible().filter(article=article).order_by("date_start", "id").values(*BRIEF_EVENT_COLUMNS)
        return brief_event_rows(rows, self.context.get("request"))


def brief_event_rows(rows: Iterable[dict], request) -> list[dict]:
    serializer = EventBriefSerializer(context={"request": request, "event_url": DetailUrl(request, "api:event-detail")})
    return [serializer.to_representation(row) for row in rows]


def _events_url(request, **params: str) -> str:
    from urllib.parse import urlencode

    path = f"{reverse('api:event-list')}?{urlencode(params)}"
    return request.build_absolute_uri(path) if request is not None else path


def visible_event_filter(prefix: str) -> Q:
    """Restrict an aggregate over ``<prefix>`` events to the ones readers see."""
    return Q(**{f"{prefix}__is_rejected": False})
