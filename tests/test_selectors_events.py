"""timeline.selectors.events, actors, resolutions, articles: the rows the API and the pages read."""

import datetime as dt

import pytest

from tests.factories import ActorAliasFactory, ArticleFactory, EventFactory, ResolutionFactory
from timeline.api.serializers import EventSerializer, EventWriteSerializer
from timeline.models import Actor, Event
from timeline.selectors.actors import actor_detail_list, actor_slugs_named, article_page_actors
from timeline.selectors.articles import article_detail_list
from timeline.selectors.events import EVENT_COLUMNS, EVENT_CONTENT_FIELDS, event_related, visible_events
from timeline.selectors.resolutions import resolution_detail_list

pytestmark = pytest.mark.django_db
D = dt.date


def test_every_content_field_of_the_model_is_in_the_groups():
    # A new Event field must be a decision here: content, or bookkeeping the readers never see.
    bookkeeping = {"id", "article", "actors", "resolutions", "is_main", "is_curated", "is_rejected", "mention_count"}
    bookkeeping |= {"created_at", "updated_at"}
    model_fields = {field.name for field in Event._meta.get_fields() if field.concrete or field.many_to_many}
    location = {name for name in model_fields if name.startswith("location_")}  # the "location" object
    assert location and location <= set(EVENT_COLUMNS)
    assert model_fields - bookkeeping - location == set(EVENT_CONTENT_FIELDS)
    assert set(EVENT_CONTENT_FIELDS) <= set(EVENT_COLUMNS)
    assert set(EVENT_CONTENT_FIELDS) <= set(EventSerializer.Meta.fields)
    assert set(EVENT_CONTENT_FIELDS) <= set(EventWriteSerializer.Meta.fields)


def test_related_rows_in_order_in_two_queries(django_assert_num_queries):
    dprk, usa = Actor.objects.get(slug="north-korea"), Actor.objects.get(slug="united-states")
    late, early = ResolutionFactory(number=990400), ResolutionFactory(number=990300)
    first = EventFactory(actors=[usa, dprk], resolutions=[late, early])
    second = EventFactory()
    with django_assert_num_queries(2):
        actors, resolutions = event_related([first.pk, second.pk])
    by_name = sorted([dprk, usa], key=lambda actor: actor.name)
    assert actors[first.pk] == [(actor.slug, actor.name, actor.kind, actor.iso3) for actor in by_name]
    assert [number for _, number, *_ in resolutions[first.pk]] == [990300, 990400]
    assert actors[second.pk] == [] and resolutions[second.pk] == []
    with django_assert_num_queries(0):
        assert event_related([]) == ({}, {})


def test_rejected_events_are_never_read():
    resolution = ResolutionFactory()
    article = ArticleFactory()
    shown = EventFactory(article=article, resolutions=[resolution])
    EventFactory(article=article, resolutions=[resolution], is_rejected=True)
    assert list(visible_events()) == [shown]
    detail = resolution_detail_list().get(pk=resolution.pk)
    assert detail.event_count == 1 and [event.pk for event in detail.visible_events] == [shown.pk]
    assert [event.pk for event in article_detail_list().get(pk=article.pk).visible_events] == [shown.pk]


def test_actor_detail_counts_and_dates_of_visible_events_only():
    dprk = Actor.objects.get(slug="north-korea")
    EventFactory(actors=[dprk], date_start=D(2016, 1, 6), date_end=D(2016, 1, 6))
    EventFactory(actors=[dprk], date_start=D(2017, 8, 1), date_end=D(2017, 8, 31))
    EventFactory(actors=[dprk], date_start=D(2020, 1, 1), date_end=D(2020, 1, 1), is_rejected=True)
    actor = actor_detail_list().get(pk=dprk.pk)
    assert (actor.event_count, actor.first_event_date, actor.last_event_date) == (2, D(2016, 1, 6), D(2017, 8, 31))


def test_actor_names_resolve_to_slugs_but_dated_titles_do_not():
    dprk = Actor.objects.get(slug="north-korea")
    ActorAliasFactory(actor=dprk, name="Hermit Kingdom")
    ActorAliasFactory(actor=dprk, name="The Kingdom Then", valid_from=D(2000, 1, 1))
    assert actor_slugs_named("hermit kingdom") == {"north-korea"}
    assert actor_slugs_named(dprk.name.upper()) == {"north-korea"}
    assert actor_slugs_named("The Kingdom Then") == set()


def test_article_page_actors_include_those_of_visible_events_only():
    dprk, usa = Actor.objects.get(slug="north-korea"), Actor.objects.get(slug="united-states")
    article = ArticleFactory()
    EventFactory(article=article, actors=[dprk])
    EventFactory(article=article, actors=[usa], is_rejected=True)
    assert article_page_actors(article=article) == [dprk]
