"""Actors, resolutions and articles: list and detail endpoints, their filters and their query counts."""

import datetime as dt

import pytest

from tests.factories import ActorAliasFactory, ActorFactory, ArticleFactory, EventFactory, ResolutionFactory
from timeline.models import Actor, Resolution

pytestmark = pytest.mark.django_db
D = dt.date


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


# Actors.


def test_actor_list_filters_by_kind_and_by_any_name(api_client):
    ActorAliasFactory(actor=ActorFactory(slug="test-zorblax", name="Zorblax Council", kind="group"), name="The Zorb")
    data = get_json(api_client, "/api/actors/?q=zorb")
    assert data["count"] == 1
    assert data["results"] == [
        {
            "slug": "test-zorblax",
            "url": "http://testserver/api/actors/test-zorblax/",
            "name": "Zorblax Council",
            "short_name": "",
            "kind": "group",
            "iso3": None,
        }
    ]
    assert get_json(api_client, "/api/actors/?q=the zorb")["count"] == 1  # alias only
    states = get_json(api_client, "/api/actors/?kind=state&page_size=500")
    assert states["count"] == Actor.objects.filter(kind="state").count() >= 195
    assert {actor["kind"] for actor in states["results"]} == {"state"}
    assert "north-korea" in {a["slug"] for a in get_json(api_client, "/api/actors/?q=DPRK")["results"]}


def test_actor_detail_has_aliases_event_count_and_first_and_last_dates(api_client):
    dprk = Actor.objects.get(slug="north-korea")
    EventFactory(actors=[dprk], date_start=D(1950, 1, 1), date_end=D(1953, 12, 31), date_precision="year")
    EventFactory(actors=[dprk], date_start=D(2017, 8, 16))
    EventFactory(actors=[dprk], date_start=D(2020, 1, 1), is_rejected=True)  # not counted
    data = get_json(api_client, "/api/actors/north-korea/")
    assert data["name"] == "Democratic People's Republic of Korea"
    assert data["short_name"] == "DPRK" and data["iso3"] == "PRK"
    assert "DPRK" in {alias["name"] for alias in data["aliases"]}
    assert data["event_count"] == 2
    assert (data["first_event_date"], data["last_event_date"]) == ("1950-01-01", "2017-08-16")
    assert data["events_url"] == "http://testserver/api/events/?actor=north-korea"


def test_actor_without_events(api_client):
    data = get_json(api_client, "/api/actors/south-korea/")
    assert (data["event_count"], data["first_event_date"], data["last_event_date"]) == (0, None, None)


def test_unknown_actor_is_404(api_client):
    get_json(api_client, "/api/actors/atlantis/", status=404)


# Resolutions.


def test_resolution_list_filters(api_client):
    data = get_json(api_client, "/api/resolutions/?year=2017&page_size=500")
    assert data["count"] == Resolution.objects.filter(year=2017).count() > 0
    assert "S/RES/2371 (2017)" in {r["symbol"] for r in data["results"]}
    assert [r["symbol"] for r in get_json(api_client, "/api/resolutions/?q=2371")["results"]] == ["S/RES/2371 (2017)"]
    agenda = get_json(api_client, "/api/resolutions/?q=non-proliferation&year=2017&page_size=500")["results"]
    assert "S/RES/2371 (2017)" in {r["symbol"] for r in agenda}


def test_resolution_detail_lists_the_events_that_cite_it(api_client):
    resolution = Resolution.objects.get(symbol="S/RES/2371 (2017)")
    later = EventFactory(title="Later", date_start=D(2017, 9, 1), resolutions=[resolution])
    earlier = EventFactory(title="Earlier", date_start=D(2017, 8, 5), resolutions=[resolution])
    EventFactory(title="Hidden", resolutions=[resolution], is_rejected=True)
    EventFactory(title="Unrelated")
    data = get_json(api_client, f"/api/resolutions/{resolution.pk}/")
    assert data["symbol"] == "S/RES/2371 (2017)" and data["adopted_on"] == "2017-08-05" and data["number"] == 2371
    assert data["event_count"] == 2
    assert [event["title"] for event in data["events"]] == ["Earlier", "Later"]
    assert data["events"][0] == {
        "id": earlier.pk,
        "url": f"http://testserver/api/events/{earlier.pk}/",
        "title": "Earlier",
        "kind": "statement",
        "date_start": "2017-08-05",
        "date_end": "2017-08-05",
        "date_precision": "day",
        "date_display": "5 August 2017",
    }
    assert later.pk in {event["id"] for event in get_json(api_client, data["events_url"])["results"]}


# Articles.


def test_article_list_and_detail(api_client):
    article = ArticleFactory(title="Guterres on Korea", body="Full body text.")
    article.actors.set([Actor.objects.get(slug="north-korea"), Actor.objects.get(slug="antonio-guterres")])
    article.resolutions.set([Resolution.objects.get(symbol="S/RES/2371 (2017)")])
    EventFactory(article=article, title="Second", date_start=D(2017, 8, 16))
    EventFactory(article=article, title="First", date_start=D(2017, 8, 5))
    EventFactory(article=article, title="Hidden", is_rejected=True)
    listed = get_json(api_client, "/api/articles/")
    assert listed["results"][0]["title"] == "Guterres on Korea"
    assert "body" not in listed["results"][0]
    data = get_json(api_client, f"/api/articles/{article.pk}/")
    assert data["body"] == "Full body text."
    assert [actor["slug"] for actor in data["actors"]] == ["antonio-guterres", "north-korea"]
    assert data["resolutions"] == [
        {"symbol": "S/RES/2371 (2017)", "number": 2371, "year": 2017, "adopted_on": "2017-08-05"}
    ]
    assert [event["title"] for event in data["events"]] == ["First", "Second"]


def test_article_list_filters(api_client):
    ArticleFactory(title="Old", published_on=D(2016, 1, 1))
    ArticleFactory(title="New", published_on=D(2017, 8, 16))
    assert [a["title"] for a in get_json(api_client, "/api/articles/?published_from=2017")["results"]] == ["New"]
    assert [a["title"] for a in get_json(api_client, "/api/articles/?published_to=2016-12")["results"]] == ["Old"]
    assert [a["title"] for a in get_json(api_client, "/api/articles/?q=ol")["results"]] == ["Old"]


# Query counts: fixed whatever the number of rows and related rows.


@pytest.fixture
def related_rows():
    def make(n: int):
        actors = list(Actor.objects.filter(kind="state").order_by("id")[:3])
        resolutions = [ResolutionFactory() for _ in range(2)]
        article = ArticleFactory()
        article.actors.set(actors)
        article.resolutions.set(resolutions)
        for i in range(n):
            EventFactory(article=article, actors=actors, resolutions=resolutions, date_start=D(2017, 1, 1 + i % 28))
            ArticleFactory()
            ActorAliasFactory(actor=actors[0])
        return article, actors[0], resolutions[0]

    return make


@pytest.mark.parametrize("n", [3, 30])
def test_resource_query_counts(api_client, django_assert_num_queries, related_rows, n):
    article, actor, resolution = related_rows(n)
    with django_assert_num_queries(2):  # count, page
        assert len(get_json(api_client, "/api/actors/?page_size=100")["results"]) == 100
    with django_assert_num_queries(2):  # actor with its counts and dates, aliases
        assert get_json(api_client, f"/api/actors/{actor.slug}/")["event_count"] == n
    with django_assert_num_queries(2):  # count, page
        get_json(api_client, "/api/resolutions/?page_size=100")
    with django_assert_num_queries(2):  # resolution with its count, events
        assert len(get_json(api_client, f"/api/resolutions/{resolution.pk}/")["events"]) == n
    with django_assert_num_queries(2):  # count, page
        assert len(get_json(api_client, "/api/articles/?page_size=100")["results"]) == n + 1
    with django_assert_num_queries(4):  # article, actors, resolutions, events
        assert len(get_json(api_client, f"/api/articles/{article.pk}/")["events"]) == n
