"""EventFilterSet and friends used directly, as the HTML page uses them (no DRF request involved)."""

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict

from tests.factories import ActorAliasFactory, ActorFactory, EventFactory
from timeline.api.filtersets import ActorFilterSet, EventFilterSet, ResolutionFilterSet
from timeline.models import Actor, Event, Resolution
from timeline.selectors.dates import parse_partial_date
from timeline.selectors.events import EVENT_ORDERINGS

pytestmark = pytest.mark.django_db
D = dt.date


def run(query: str) -> EventFilterSet:
    return EventFilterSet(data=QueryDict(query), queryset=Event.objects.visible().order_by("date_start", "id"))


def titles(query: str) -> list[str]:
    filterset = run(query)
    assert filterset.is_valid(), filterset.errors
    # The filterset validates the ordering; the selectors apply it.
    ordered = filterset.qs.order_by(*EVENT_ORDERINGS[filterset.selected_ordering()])
    return list(ordered.values_list("title", flat=True))


@pytest.fixture
def events():
    dprk, us = Actor.objects.get(slug="north-korea"), Actor.objects.get(slug="united-states")
    korea = Actor.objects.get(slug="south-korea")
    sanctions = Resolution.objects.get(symbol="S/RES/2371 (2017)")
    return {
        "august": EventFactory(
            title="August sanctions",
            summary="The Council imposed sanctions.",
            kind="sanctions",
            date_start=D(2017, 8, 1),
            date_end=D(2017, 8, 31),
            date_precision="month",
            actors=[dprk, us],
            resolutions=[sanctions],
        ),
        "war": EventFactory(
            title="Korean War",
            date_start=D(1950, 1, 1),
            date_end=D(1953, 12, 31),
            date_precision="year",
            kind="conflict",
            actors=[dprk, korea],
        ),
        "talks": EventFactory(
            title="Six-Party Talks",
            kind="meeting",
            date_start=D(2017, 8, 16),
            actors=[dprk],
            is_curated=True,
        ),
        "rejected": EventFactory(title="Rejected", is_rejected=True, actors=[dprk]),
    }


def test_parse_partial_date_gives_the_whole_period():
    assert parse_partial_date("2017") == (D(2017, 1, 1), D(2017, 12, 31))
    assert parse_partial_date("2016-02") == (D(2016, 2, 1), D(2016, 2, 29))
    assert parse_partial_date("2017-08-16") == (D(2017, 8, 16), D(2017, 8, 16))


@pytest.mark.parametrize("value", ["2017-13", "2017-02-30", "17", "2017/08", "2017-8", "August 2017", "0000"])
def test_parse_partial_date_rejects(value):
    from django import forms

    with pytest.raises(forms.ValidationError):
        parse_partial_date(value)


def test_date_from_inside_a_month_finds_the_month_event(events):
    assert titles("date_from=2017-08-10") == ["August sanctions", "Six-Party Talks"]
    assert titles("date_from=2017-08-17") == ["August sanctions"]
    assert titles("date_from=2017-09") == []


def test_date_to_inside_a_range_finds_the_range_event(events):
    assert titles("date_to=1951") == ["Korean War"]
    assert titles("date_to=1949") == []
    assert titles("date_from=1953-12-31&date_to=1953-12-31") == ["Korean War"]
    assert titles("date_from=1954&date_to=2017-07") == []


def test_date_from_and_date_to_of_the_same_month(events):
    assert titles("date_from=2017-08&date_to=2017-08") == ["August sanctions", "Six-Party Talks"]


def test_date_from_after_date_to_is_an_error_on_date_from(events):
    filterset = run("date_from=2017-09&date_to=2017-08")
    assert not filterset.is_valid()
    assert "date_from" in filterset.errors


def test_repeated_actors_mean_all_of_them(events):
    assert titles("actor=north-korea") == ["Korean War", "August sanctions", "Six-Party Talks"]
    assert titles("actor=north-korea&actor=united-states") == ["August sanctions"]
    assert titles("actor=north-korea&actor=south-korea") == ["Korean War"]
    assert titles("actor=united-states&actor=south-korea") == []


def test_unknown_actor_slug_is_an_error_naming_it(events):
    filterset = run("actor=north-korea&actor=atlantis")
    assert not filterset.is_valid()
    assert "atlantis" in str(filterset.errors["actor"])


def test_actor_kind(events):
    person = ActorFactory(kind="person")
    EventFactory(title="Person event", actors=[person])
    assert titles("actor_kind=person") == ["Person event"]
    assert titles("actor_kind=state") == ["Korean War", "August sanctions", "Six-Party Talks"]


@pytest.mark.parametrize("value", ["S/RES/2371 (2017)", "2371", "s/res/2371 (2017)", "S/RES/2371", "S/RES/2371(2017)"])
def test_resolution_by_symbol_or_number(events, value):
    assert titles(urlencode({"resolution": value})) == ["August sanctions"]


def test_unknown_resolution_is_an_error(events):
    filterset = run("resolution=S/RES/99999999")
    assert not filterset.is_valid()
    assert "resolution" in filterset.errors


def test_kind_precision_curated_article(events):
    assert titles("kind=meeting") == ["Six-Party Talks"]
    assert titles("precision=year") == ["Korean War"]
    assert titles("curated=true") == ["Six-Party Talks"]
    assert titles("curated=false") == ["Korean War", "August sanctions"]
    assert titles(f"article={events['war'].article_id}") == ["Korean War"]


@pytest.mark.parametrize("query", ["kind=party", "precision=decade", "curated=maybe", "ordering=title", "article=x"])
def test_values_outside_the_choices_are_errors(events, query):
    filterset = run(query)
    assert not filterset.is_valid()
    assert query.split("=")[0] in filterset.errors


def test_text_search_in_title_summary_and_quote(events):
    assert titles("q=sanctions") == ["August sanctions"]
    assert titles("q=Korean") == ["Korean War"]
    assert titles("q=happened") == ["Korean War", "August sanctions", "Six-Party Talks"]  # in every quote
    assert titles("q=nothing-like-this") == []


def test_ordering_both_ways(events):
    assert titles("ordering=-date") == ["Six-Party Talks", "August sanctions", "Korean War"]
    assert titles("ordering=date") == ["Korean War", "August sanctions", "Six-Party Talks"]


def test_rejected_events_are_never_in_the_results(events):
    assert "Rejected" not in titles("")


def test_actor_filterset_matches_names_short_names_and_aliases():
    ActorAliasFactory(actor=ActorFactory(slug="test-zorblax", name="Zorblax Council"), name="The Zorb")

    def slugs(query):
        filterset = ActorFilterSet(data=QueryDict(query), queryset=Actor.objects.all())
        assert filterset.is_valid(), filterset.errors
        return set(filterset.qs.values_list("slug", flat=True))

    assert slugs("q=zorblax") == {"test-zorblax"}
    assert slugs("q=the zorb") == {"test-zorblax"}
    assert "north-korea" in slugs("q=DPRK")  # short name and alias
    assert "north-korea" in slugs("q=north korea&kind=state")
    assert "north-korea" not in slugs("q=north korea&kind=person")


def test_resolution_filterset_year_and_q():
    def symbols(query):
        filterset = ResolutionFilterSet(data=QueryDict(query), queryset=Resolution.objects.all())
        assert filterset.is_valid(), filterset.errors
        return set(filterset.qs.values_list("symbol", flat=True))

    assert "S/RES/2371 (2017)" in symbols("year=2017")
    assert "S/RES/2371 (2017)" not in symbols("year=2016")
    assert symbols("q=2371") == {"S/RES/2371 (2017)"}
    assert "S/RES/2371 (2017)" in symbols("q=Democratic People's Republic of Korea")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text index")
def test_text_search_uses_the_gin_index_and_date_from_a_bounded_range(events):
    article = events["war"].article
    Event.objects.bulk_create(
        Event(article=article, title=f"Filler {i}", date_start=D(2000, 1, 1), date_end=D(2000, 1, 1))
        for i in range(500)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE timeline_event")
        cursor.execute("SET LOCAL enable_seqscan = off")
    search = run("q=sanctions")
    assert search.is_valid()
    assert "event_search" in search.qs.explain()
    dated = run("date_from=2017-08-10")
    assert dated.is_valid()
    assert '"date_start" >=' in str(dated.qs.query)  # bounded by the longest event span


def test_text_search_stems_words_on_postgresql(events):
    if connection.vendor == "postgresql":
        assert titles("q=sanction") == ["August sanctions"]  # "sanctions" and "sanction" share a stem
        assert titles('q="Korean War"') == ["Korean War"]  # web-search syntax: a phrase
