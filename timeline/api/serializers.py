"""Serializers: brief ones for embedded relations, full ones per resource, write ones for curators.

They represent and validate; the rows come from ``timeline/selectors/`` and writes go through
``timeline/services/`` (the write serializers refuse ``save()``). The event list and the exports take a
lean path, ``event_rows``, that builds plain dicts from ``values()`` rows without model instances or per-field
serializer calls; ``EventSerializer`` represents one event (detail, write responses) through its declared
fields, and a test pins that both agree.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from timeline.choices import ActorKind
from timeline.display import date_display
from timeline.inputs import is_ascii_digits
from timeline.models import Actor, ActorAlias, Article, Event, Mention, Resolution
from timeline.selectors.events import (
    EVENT_DATE_FIELDS,
    EVENT_QUOTE_FIELDS,
    EVENT_TEXT_FIELDS,
    MAX_ID,
    event_mentions,
    event_related,
)
from timeline.selectors.resolutions import RESOLUTION_EVENTS_LIMIT


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


def _datetime(value) -> str | None:
    """A datetime as DRF's DateTimeField writes it (ISO 8601 in the current time zone, "Z" for UTC)."""
    return serializers.DateTimeField().to_representation(value) if value is not None else None


def actor_brief(slug: str, name: str, kind: str, iso3: str | None) -> dict:
    return {"slug": slug, "name": name, "kind": kind, "iso3": iso3}


def resolution_brief(symbol: str, number: int, year: int | None, adopted_on) -> dict:
    return {"symbol": symbol, "number": number, "year": year, "adopted_on": _iso(adopted_on)}


def mention_representation(row: dict) -> dict:
    """One article's report of an event, from a ``values(*MENTION_COLUMNS)`` row."""
    return {
        "article": {
            "id": row["article_id"],
            "title": row["article__title"],
            "published_on": _iso(row["article__published_on"]),
            "source_name": row["article__source_name"],
        },
        "quote": row["quote"],
        "quote_start": row["quote_start"],
        "quote_end": row["quote_end"],
        "date_text": row["date_text"],
        "date_start": row["date_start"].isoformat(),
        "date_end": row["date_end"].isoformat(),
        "date_precision": row["date_precision"],
    }


def location_representation(row) -> dict | None:
    """``{country, place, lat, lon, precision}`` from an event's ``location_*`` values, or ``None`` (unknown)."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    if not get("location_country"):
        return None
    return {
        "country": get("location_country"),
        "place": get("location_place") or None,
        "lat": get("location_lat"),
        "lon": get("location_lon"),
        "precision": get("location_precision") or "country",
    }


def event_representation(
    row: dict, *, url: str, actors: list[dict], resolutions: list[dict], mentions: list[dict]
) -> dict:
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
        "mentions": mentions,
        "mention_count": row["mention_count"],
        "location": location_representation(row),
        "updated_at": _datetime(row["updated_at"]),
    }


def event_rows(rows: list[dict], request) -> list[dict]:
    """Represent ``values(*EVENT_COLUMNS)`` rows: three more queries (actors, resolutions, mentions), whatever
    their number."""
    if not rows:
        return []
    actors, resolutions = event_related(row["id"] for row in rows)
    mentions = event_mentions(row["id"] for row in rows)
    url = DetailUrl(request, "api:event-detail")
    return [
        event_representation(
            row,
            url=url(row["id"]),
            actors=[actor_brief(*fields) for fields in actors[row["id"]]],
            resolutions=[resolution_brief(*fields) for fields in resolutions[row["id"]]],
            mentions=[mention_representation(mention) for mention in mentions[row["id"]]],
        )
        for row in rows
    ]


# Brief serializers: embedded relations (schema and instances).


class ActorBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["slug", "name", "kind", "iso3"]
        read_only_fields = fields


class ResolutionBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Resolution
        fields = ["symbol", "number", "year", "adopted_on"]
        read_only_fields = fields


class ArticleBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["id", "title", "published_on"]
        read_only_fields = fields


class MentionArticleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["id", "title", "published_on", "source_name"]
        read_only_fields = fields


class MentionSerializer(serializers.ModelSerializer):
    """One article's report of an event: its evidence sentence and the date as that article gives it."""

    article = MentionArticleSerializer(read_only=True, help_text="The article that reports it.")

    class Meta:
        model = Mention
        fields = ["article", *EVENT_QUOTE_FIELDS, "date_text", "date_start", "date_end", "date_precision"]
        read_only_fields = fields
        extra_kwargs = {
            "quote_start": {"help_text": "Offset of the quote's first character in the article body."},
            "quote_end": {"help_text": "Offset just past the quote's last character in the article body."},
            "date_start": {"help_text": "First day of the date as this article gives it."},
            "date_end": {"help_text": "Last day of the date as this article gives it (inclusive)."},
        }


class EventBriefSerializer(serializers.ModelSerializer):
    """An event inside another resource: enough to list it and follow its url."""

    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail", help_text="The event's API URL.")
    date_display = serializers.SerializerMethodField(help_text='The dates as words, e.g. "August 2017".')

    class Meta:
        model = Event
        fields = ["id", "url", "title", "kind", "date_start", "date_end", "date_precision", "date_display"]
        read_only_fields = fields

    def get_date_display(self, event: Event) -> str:
        return date_display(event.date_start, event.date_end, event.date_precision)


# Events.


class EventSerializer(serializers.ModelSerializer):
    """An event as readers see it (read-only; curators write through ``EventWriteSerializer``)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail", help_text="The event's API URL.")
    date_display = serializers.SerializerMethodField(
        help_text='The dates as words at their precision: "16 August 2017", "August 2017", "1950–1953".'
    )
    actors = ActorBriefSerializer(many=True, read_only=True, help_text="Who took part, by name.")
    resolutions = ResolutionBriefSerializer(many=True, read_only=True, help_text="The resolutions it cites.")
    article = ArticleBriefSerializer(read_only=True, help_text="The article of its primary mention.")
    mentions = MentionSerializer(
        many=True, read_only=True, help_text="Every article's report of it, the earliest first."
    )
    location = serializers.SerializerMethodField(
        help_text="Where it took place: {country (ISO3), place, lat, lon, precision (place | country)}, or null."
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "url",
            *EVENT_TEXT_FIELDS,
            *EVENT_DATE_FIELDS,
            "date_display",
            "actors",
            "resolutions",
            "article",
            *EVENT_QUOTE_FIELDS,
            "is_curated",
            "mentions",
            "mention_count",
            "location",
            "updated_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "mention_count": {"help_text": "How many article reports it has."},
            "updated_at": {"help_text": "When the event itself was last saved (ISO 8601)."},
            "date_start": {"help_text": "First day of the event's interval."},
            "date_end": {"help_text": "Last day of the event's interval (inclusive)."},
            "quote_start": {"help_text": "Offset of the quote's first character in the article body."},
            "quote_end": {"help_text": "Offset just past the quote's last character in the article body."},
        }

    def get_date_display(self, event: Event) -> str:
        return date_display(event.date_start, event.date_end, event.date_precision)

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "country": {"type": "string"},
                "place": {"type": "string", "nullable": True},
                "lat": {"type": "number", "nullable": True},
                "lon": {"type": "number", "nullable": True},
                "precision": {"type": "string", "enum": ["place", "country"]},
            },
        }
    )
    def get_location(self, event: Event) -> dict | None:
        return location_representation(event)


class BoundedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary key that cannot overflow the database's integer column (an error, not a 500)."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str) or not is_ascii_digits(str(data).strip()):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if len(str(data).strip()) > 19 or int(data) > MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(int(data))


class ValidateOnlyMixin:
    """A write serializer validates; the view saves ``validated_data`` through the entity's service
    (``timeline/services/``), so ``save()`` here would be a write that skips it."""

    def create(self, validated_data):
        raise NotImplementedError("Save through timeline.services, not the serializer.")

    def update(self, instance, validated_data):
        raise NotImplementedError("Save through timeline.services, not the serializer.")


class EventWriteSerializer(ValidateOnlyMixin, serializers.ModelSerializer):
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
        fields = [*EVENT_TEXT_FIELDS, *EVENT_DATE_FIELDS, "article", "actors", "resolutions", *EVENT_QUOTE_FIELDS]

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


class ActorWriteSerializer(ValidateOnlyMixin, serializers.ModelSerializer):
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
    events = EventBriefSerializer(
        source="visible_events",
        many=True,
        read_only=True,
        help_text=f"The visible events that cite it, by date; the first {RESOLUTION_EVENTS_LIMIT} "
        "(all of them are at events_url).",
    )
    events_url = serializers.SerializerMethodField(help_text="The event list filtered on this resolution.")

    class Meta(ResolutionSerializer.Meta):
        fields = [*ResolutionSerializer.Meta.fields, "is_auto_created", "event_count", "events", "events_url"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_events_url(self, resolution: Resolution) -> str:
        return _events_url(self.context.get("request"), resolution=resolution.symbol)


class ResolutionWriteSerializer(ValidateOnlyMixin, serializers.ModelSerializer):
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
    events = EventBriefSerializer(
        source="visible_events", many=True, read_only=True, help_text="The article's visible events, by date."
    )

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "dateline_text", "body", "actors", "resolutions", "events"]
        read_only_fields = fields


def _events_url(request, **params: str) -> str:
    path = f"{reverse('api:event-list')}?{urlencode(params)}"
    return request.build_absolute_uri(path) if request is not None else path
