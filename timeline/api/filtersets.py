"""FilterSets for the API (and the HTML page, which reuses ``EventFilterSet`` with ``request.GET``).

They depend on a query dict and a queryset only, never on a DRF request. Every bad value is a form error on the
parameter's own name, so the API answers 400 with ``{"<parameter>": ["<problem>"]}``.

Date filters take ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and mean the whole period; an event matches when its
interval overlaps the query interval. Related records are resolved to ids while the form validates (one query
per parameter), so the event query itself filters on plain ids: ``actor=a&actor=b`` becomes one ``EXISTS`` per
actor on the event-actor table.
"""

from __future__ import annotations

import datetime as dt
import re

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.validators import ProhibitNullCharactersValidator
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from drf_spectacular.utils import extend_schema_field

from timeline.choices import ActorKind, DatePrecision, EventKind, ResolutionBody
from timeline.extraction.places import iso3_codes
from timeline.inputs import is_ascii_digits
from timeline.models import Actor, ActorAlias, Article, Event, Mention, Resolution
from timeline.selectors.dates import parse_partial_date
from timeline.selectors.events import DEFAULT_ORDERING, EVENT_ORDERINGS, MAX_ID

# "S/RES/2371 (2017)", "S/RES/2371", "s/res/2371(2017)", "2371": body, number, year.
RESOLUTION_RE = re.compile(
    r"^(?:(?P<body>A/HRC|S|A)\s*/\s*RES\s*/\s*)?(?P<number>\d{1,9})(?:\s*\(\s*(?P<year>\d{4})\s*\))?$",
    re.IGNORECASE | re.ASCII,
)
SLUG_RE = re.compile(r"^[-\w]+$")
# The text search configuration; migration 0003 builds the GIN index on exactly this expression.
SEARCH_CONFIG = "english"


def event_search_vector() -> SearchVector:
    """The full-text document of an event (PostgreSQL); must stay identical to the index in migration 0003."""
    return SearchVector("title", "summary", "quote", config=SEARCH_CONFIG)


def longest_event_span() -> dt.timedelta | None:
    """The longest interval of any event (PostgreSQL), from the end of the index ``event_span`` (migration 0003).

    It bounds the overlap filter from below (``date_start >= date_from - span``), so a ``date_from`` query is a
    range on the index ``(date_start, id, date_end)`` instead of a walk from the first event. None on SQLite,
    where the same ``MAX()`` would be a full scan.
    """
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT MAX(date_end - date_start) FROM timeline_event")
        days = cursor.fetchone()[0]
    return dt.timedelta(days=int(days or 0))


class PartialDateField(forms.CharField):
    """A form field for YYYY, YYYY-MM or YYYY-MM-DD; cleans to the (first day, last day) it covers."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return parse_partial_date(value)


class StrictBooleanField(forms.Field):
    """true/false (also 1/0, yes/no); anything else is an error, not silently ignored."""

    TRUE = frozenset({"true", "1", "yes"})
    FALSE = frozenset({"false", "0", "no"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError("Enter true or false.", code="invalid")


class AsciiIntegerField(forms.IntegerField):
    """A whole number written in the ASCII digits 0-9 (not '²', '٢٠١٧', '1_0' or '1.0'; see timeline/inputs.py)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not is_ascii_digits(text) or len(text) > 4300:  # Python's own limit on int() of a string
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)  # max_value then names the bound


class BoundedIntegerField(AsciiIntegerField):
    """An id: a positive integer that fits the database's 64-bit column."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class ActorSlugsField(forms.Field):
    """One or more actor slugs (the parameter repeated); cleans to the actors' ids in the order given.

    An unknown slug is an error naming it. One query, whatever the number of slugs.
    """

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if value in self.empty_values:
            return []
        values = [value] if isinstance(value, str) else list(value)
        slugs: list[str] = []
        for item in values:
            item = str(item).strip()
            if item and item not in slugs:
                slugs.append(item)
        return slugs

    def clean(self, value):
        slugs = super().clean(value)
        if not slugs:
            return []
        well_formed = [slug for slug in slugs if SLUG_RE.match(slug)]
        ids = dict(Actor.objects.filter(slug__in=well_formed).values_list("slug", "id")) if well_formed else {}
        unknown = [slug for slug in slugs if slug not in ids]
        if unknown:
            # Messages take the user's text as a parameter: a "%" in it must not be read as a format directive.
            raise forms.ValidationError(
                [
                    forms.ValidationError(
                        "Unknown actor slug: %(slug)s.", code="unknown_actor", params={"slug": repr(slug)}
                    )
                    for slug in unknown
                ]
            )
        return [ids[slug] for slug in slugs]


class CountriesField(forms.Field):
    """One or more ISO3 country codes (the parameter repeated; any of them matches); an unknown code is an error."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if value in self.empty_values:
            return []
        values = [value] if isinstance(value, str) else list(value)
        return list(dict.fromkeys(str(item).strip().upper() for item in values if str(item).strip()))

    def clean(self, value):
        codes = super().clean(value)
        known = iso3_codes()
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise forms.ValidationError(
                [
                    forms.ValidationError(
                        "Unknown ISO3 country code: %(code)s.", code="unknown_country", params={"code": repr(code)}
                    )
                    for code in unknown
                ]
            )
        return codes


class ResolutionField(forms.CharField):
    """A resolution by symbol ("S/RES/2371 (2017)") or number ("2371"); cleans to the matching ids.

    A bare number matches that number in every body (usually one Security Council resolution). No match is an
    error naming the value.
    """

    default_validators = [ProhibitNullCharactersValidator()]

    def clean(self, value):
        text = super().clean(value)
        if text in self.empty_values:
            return []
        text = " ".join(text.split())
        match = RESOLUTION_RE.match(text)
        condition = Q(symbol__iexact=text)
        if match:
            parsed = Q(number=int(match["number"]))
            if match["body"]:
                parsed &= Q(body=match["body"].upper())
            if match["year"]:
                parsed &= Q(year=int(match["year"]))
            condition |= parsed
        ids = list(Resolution.objects.filter(condition).values_list("id", flat=True))
        if not ids:
            raise forms.ValidationError(
                "Unknown resolution: %(value)s. Give a symbol like 'S/RES/2371 (2017)' or a number like '2371'.",
                code="unknown_resolution",
                params={"value": repr(text)},
            )
        return ids


class IsoDateTimeField(forms.CharField):
    """An ISO 8601 moment: a date (its midnight) or a date and time; without an offset it is UTC."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        text = value.strip()
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            raise forms.ValidationError(
                "Enter an ISO 8601 date or date and time, e.g. 2017-08-16 or 2017-08-16T10:00:00Z.", code="invalid"
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        try:
            return moment.astimezone(dt.UTC)
        except OverflowError:
            raise forms.ValidationError("That moment is out of range.", code="invalid") from None


class DocumentedFilter(django_filters.Filter):
    """A filter whose OpenAPI schema is ``schema`` plus its own help text (drf-spectacular reads both)."""

    schema: dict = {"type": "string"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        extend_schema_field({**self.schema, "description": self.extra.get("help_text", "")})(self)


class PartialDateFilter(DocumentedFilter):
    field_class = PartialDateField
    schema = {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$", "example": "2017-08"}


class IsoDateTimeFilter(DocumentedFilter):
    field_class = IsoDateTimeField
    schema = {"type": "string", "format": "date-time", "example": "2017-08-16T10:00:00Z"}


class ActorSlugsFilter(DocumentedFilter):
    field_class = ActorSlugsField
    schema = {"type": "array", "items": {"type": "string"}, "example": ["north-korea"]}


class CountriesFilter(DocumentedFilter):
    field_class = CountriesField
    schema = {"type": "array", "items": {"type": "string", "pattern": "^[A-Za-z]{3}$"}, "example": ["PRK"]}


class ResolutionFilter(DocumentedFilter):
    field_class = ResolutionField
    schema = {"type": "string", "example": "S/RES/2371 (2017)"}


class StrictBooleanFilter(DocumentedFilter):
    field_class = StrictBooleanField
    schema = {"type": "boolean"}


class IdFilter(DocumentedFilter):
    field_class = BoundedIntegerField
    schema = {"type": "integer", "minimum": 1}


class YearFilter(DocumentedFilter):
    field_class = AsciiIntegerField
    schema = {"type": "integer", "minimum": 1, "maximum": 9999}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


class EventFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from[0] > date_to[1]:
            self.add_error("date_from", "date_from must not be after date_to.")
        return cleaned


MAX_Q_LENGTH = 200
MAX_Q_WORDS = 8
MAX_Q_ALTERNATIVES = 3


def validate_search_text(value: str) -> None:
    """A text search a request can afford: every extra word and 'or' is one more pass over the text index (and
    on SQLite one more substring scan), so a long or many-branched ``q`` is a 400, not a worker tied up."""
    words = value.split()
    alternatives = 1 + sum(1 for word in words if word.lower() == "or")
    if len(value) > MAX_Q_LENGTH or len(words) - (alternatives - 1) > MAX_Q_WORDS or alternatives > MAX_Q_ALTERNATIVES:
        raise forms.ValidationError(
            "Too complex a search: at most %(length)s characters, %(words)s words and %(alternatives)s "
            "alternatives ('or').",
            code="too_complex",
            params={"length": MAX_Q_LENGTH, "words": MAX_Q_WORDS, "alternatives": MAX_Q_ALTERNATIVES},
        )


def text_search(queryset: QuerySet, fields: tuple[str, ...], value: str) -> QuerySet:
    """Case-insensitive substring match on any of ``fields`` (the SQLite fallback, and short lists)."""
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": value})
    return queryset.filter(condition)


class EventFilterSet(django_filters.FilterSet):
    """Every filter of ``/api/events/``, ``/api/timeline/`` and ``/api/events/export/`` (and the HTML page)."""

    date_from = PartialDateFilter(
        method="filter_date_from",
        help_text="Events whose interval ends on or after the first day of this date (YYYY, YYYY-MM or YYYY-MM-DD): "
        "date_from=2017-08-10 finds an event of August 2017.",
    )
    date_to = PartialDateFilter(
        method="filter_date_to",
        help_text="Events whose interval starts on or before the last day of this date (YYYY, YYYY-MM or "
        "YYYY-MM-DD): date_to=1951 finds an event of 1950-1953.",
    )
    actor = ActorSlugsFilter(
        method="filter_actor",
        help_text="An actor's slug; repeat the parameter for events involving all of them. "
        "An unknown slug answers 400.",
    )
    actor_kind = django_filters.ChoiceFilter(
        choices=ActorKind.choices, method="filter_actor_kind", help_text="Events involving an actor of this kind."
    )
    resolution = ResolutionFilter(
        method="filter_resolution",
        help_text="Events citing this resolution, by symbol ('S/RES/2371 (2017)') or number ('2371'). "
        "An unknown resolution answers 400.",
    )
    article = IdFilter(
        method="filter_article", help_text="Events reported by this article (its id), in any of their mentions."
    )
    min_mentions = IdFilter(
        field_name="mention_count",
        lookup_expr="gte",
        help_text="Events reported by at least this many articles (1 or more).",
    )
    country = CountriesFilter(
        method="filter_country",
        help_text="Events located in this country (ISO3 code, e.g. PRK); repeat the parameter for events in any "
        "of them. An unknown code answers 400.",
    )
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, help_text="The event's kind.")
    precision = django_filters.ChoiceFilter(
        field_name="date_precision", choices=DatePrecision.choices, help_text="The precision of the event's date."
    )
    q = django_filters.CharFilter(
        method="filter_q",
        validators=[ProhibitNullCharactersValidator(), validate_search_text],
        help_text="Text in the title, summary or quote: full-text search (web-search syntax, English stemming) "
        f"on PostgreSQL, a case-insensitive substring match on SQLite. At most {MAX_Q_LENGTH} characters, "
        f"{MAX_Q_WORDS} words and {MAX_Q_ALTERNATIVES} alternatives ('or'); more answers 400.",
    )
    updated_since = IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Events saved at or after this moment (ISO 8601: 2017-08-16, 2017-08-16T10:00:00Z or with an "
        "offset; a date means its midnight in UTC, a time without offset is UTC). For browsing recent edits; a "
        "mirror that must miss nothing follows the change feed instead.",
    )
    curated = StrictBooleanFilter(field_name="is_curated", help_text="true: only curated events; false: only others.")
    ordering = django_filters.ChoiceFilter(
        choices=[(value, value) for value in EVENT_ORDERINGS],
        method="filter_ordering",
        help_text="date (oldest first, the default) or -date (newest first); ties are ordered by id.",
    )

    class Meta:
        model = Event
        fields: list[str] = []
        form = EventFilterForm

    def filter_date_from(self, queryset, name, value):
        # Overlap: the event ends on or after the query's first day. date_end is in the index
        # (date_start, id, date_end); the lower bound on date_start makes the scan a bounded range.
        queryset = queryset.filter(date_end__gte=value[0])
        span = longest_event_span()
        if span is not None:
            queryset = queryset.filter(date_start__gte=_minus(value[0], span))
        return queryset

    def filter_date_to(self, queryset, name, value):
        # Overlap: the event starts on or before the query's last day, a range on the index's leading column.
        return queryset.filter(date_start__lte=value[1])

    def filter_actor(self, queryset, name, value):
        through = Event.actors.through
        for actor_id in value:
            queryset = queryset.filter(Exists(through.objects.filter(event_id=OuterRef("pk"), actor_id=actor_id)))
        return queryset

    def filter_country(self, queryset, name, value):
        return queryset.filter(location_country__in=value) if value else queryset

    def filter_article(self, queryset, name, value):
        return queryset.filter(Exists(Mention.objects.filter(event_id=OuterRef("pk"), article_id=value)))

    def filter_actor_kind(self, queryset, name, value):
        through = Event.actors.through
        return queryset.filter(Exists(through.objects.filter(event_id=OuterRef("pk"), actor__kind=value)))

    def filter_resolution(self, queryset, name, value):
        through = Event.resolutions.through
        return queryset.filter(Exists(through.objects.filter(event_id=OuterRef("pk"), resolution_id__in=value)))

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if connection.vendor == "postgresql":
            return queryset.alias(search=event_search_vector()).filter(
                search=SearchQuery(value, search_type="websearch", config=SEARCH_CONFIG)
            )
        return text_search(queryset, ("title", "summary", "quote"), value)

    def filter_ordering(self, queryset, name, value):
        # Validated here, applied by the selectors: the ordering is passed along as a value (selected_ordering).
        return queryset

    def selected_ordering(self) -> str:
        """The ``ordering`` asked for (``date`` or ``-date``); call after ``is_valid()``."""
        return self.form.cleaned_data.get("ordering") or DEFAULT_ORDERING

    def narrows(self) -> bool:
        """Whether any event filter was given (``ordering`` only orders; empty values filter nothing)."""
        return any(
            value is not None and value != "" and value != []
            for name, value in self.form.cleaned_data.items()
            if name != "ordering"
        )


def _minus(day: dt.date, span: dt.timedelta) -> dt.date:
    try:
        return day - span
    except OverflowError:
        return dt.date.min


class ActorFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=ActorKind.choices, help_text="The actor's kind.")
    q = django_filters.CharFilter(
        method="filter_q", help_text="Text in the actor's name, short name or any alias (case-insensitive)."
    )

    class Meta:
        model = Actor
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        aliases = ActorAlias.objects.filter(actor_id=OuterRef("pk"), name__icontains=value)
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value) | Exists(aliases))


class ResolutionFilterSet(django_filters.FilterSet):
    year = YearFilter(field_name="year", help_text="The year of adoption.")
    body = django_filters.ChoiceFilter(choices=ResolutionBody.choices, help_text="The adopting body.")
    q = django_filters.CharFilter(
        method="filter_q", help_text="Text in the symbol or agenda (case-insensitive), or the exact number."
    )

    class Meta:
        model = Resolution
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q(symbol__icontains=value) | Q(agenda__icontains=value)
        if is_ascii_digits(value) and len(value) <= 9:
            condition |= Q(number=int(value))
        return queryset.filter(condition)


class ArticleFilterSet(django_filters.FilterSet):
    published_from = PartialDateFilter(
        method="filter_published_from",
        help_text="Articles published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).",
    )
    published_to = PartialDateFilter(
        method="filter_published_to",
        help_text="Articles published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).",
    )
    q = django_filters.CharFilter(method="filter_q", help_text="Text in the title (case-insensitive).")

    class Meta:
        model = Article
        fields: list[str] = []

    def filter_published_from(self, queryset, name, value):
        return queryset.filter(published_on__gte=value[0])

    def filter_published_to(self, queryset, name, value):
        return queryset.filter(published_on__lte=value[1])

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return text_search(queryset, ("title",), value) if value else queryset
