"""GET /api/events/ and /api/events/{id}/: fields, filters over HTTP, ordering, cursor pagination, query counts."""

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.db import connection

from tests.factories import ArticleFactory, EventFactory, MentionFactory, ResolutionFactory
from timeline.models import Actor, Event, Resolution

pytestmark = pytest.mark.django_db
D = dt.date
EVENT_FIELDS = [
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
    "mentions",
    "mention_count",
    "location",
    "updated_at",
]


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def titles(client, query="") -> list[str]:
    return [event["title"] for event in get_json(client, f"/api/events/?{query}")["results"]]


@pytest.fixture
def korea_story():
    """The article of 16 August 2017 as loadseeds would load it: talks, sanctions, the war, a rejected event."""
    dprk, us = Actor.objects.get(slug="north-korea"), Actor.objects.get(slug="united-states")
    guterres = Actor.objects.get(slug="antonio-guterres")
    article = ArticleFactory(title="Guterres urges dialogue on the Korean Peninsula")
    return {
        "talks": EventFactory(
            article=article,
            title="Six-Party Talks",
            kind="meeting",
            date_start=D(2017, 8, 16),
            actors=[dprk, us, guterres],
        ),
        "sanctions": EventFactory(
            article=article,
            title="Sanctions on the DPRK",
            kind="sanctions",
            date_start=D(2017, 8, 5),
            actors=[dprk],
            resolutions=[Resolution.objects.get(symbol="S/RES/2371 (2017)")],
        ),
        "war": EventFactory(
            article=article,
            title="Korean War",
            kind="conflict",
            date_start=D(1950, 1, 1),
            date_end=D(1953, 12, 31),
            date_precision="year",
            date_text="from 1950 to 1953",
            actors=[dprk],
        ),
        "rejected": EventFactory(article=article, title="Not an event", is_rejected=True, actors=[dprk]),
    }


def test_list_is_ordered_by_date_with_every_field(api_client, korea_story):
    data = get_json(api_client, "/api/events/")
    assert list(data) == ["next", "previous", "results"]
    assert [event["title"] for event in data["results"]] == ["Korean War", "Sanctions on the DPRK", "Six-Party Talks"]
    war = data["results"][0]
    assert list(war) == EVENT_FIELDS
    assert war["date_start"] == "1950-01-01"
    assert war["date_end"] == "1953-12-31"
    assert war["date_precision"] == "year"
    assert war["date_display"] == "1950–1953"
    assert war["date_text"] == "from 1950 to 1953"
    assert war["url"] == f"http://testserver/api/events/{korea_story['war'].pk}/"
    assert war["actors"] == [
        {"slug": "north-korea", "name": "Democratic People's Republic of Korea", "kind": "state", "iso3": "PRK"}
    ]
    sanctions = data["results"][1]
    assert sanctions["resolutions"] == [
        {"symbol": "S/RES/2371 (2017)", "number": 2371, "year": 2017, "adopted_on": "2017-08-05"}
    ]
    assert sanctions["article"] == {
        "id": korea_story["sanctions"].article_id,
        "title": "Guterres urges dialogue on the Korean Peninsula",
        "published_on": "2017-08-16",
    }
    talks = data["results"][2]
    assert [actor["slug"] for actor in talks["actors"]] == ["antonio-guterres", "north-korea", "united-states"]
    assert talks["actors"][0]["iso3"] is None


def test_done_when_dprk_in_august_2017(api_client, korea_story):
    """The issue's acceptance query: the Six-Party Talks meeting and the sanctions with S/RES/2371 (2017)."""
    results = get_json(api_client, "/api/events/?actor=north-korea&date_from=2017-08&date_to=2017-08")["results"]
    assert [event["title"] for event in results] == ["Sanctions on the DPRK", "Six-Party Talks"]
    assert results[0]["resolutions"][0]["symbol"] == "S/RES/2371 (2017)"


def test_detail_matches_the_list_item(api_client, korea_story):
    listed = get_json(api_client, "/api/events/")["results"]
    for item in listed:
        assert get_json(api_client, f"/api/events/{item['id']}/") == item


def test_detail_of_a_rejected_or_missing_event_is_404(api_client, korea_story):
    get_json(api_client, f"/api/events/{korea_story['rejected'].pk}/", status=404)
    get_json(api_client, "/api/events/999999/", status=404)
    get_json(api_client, "/api/events/99999999999999999999999/", status=404)


def test_rejected_events_never_listed(api_client, korea_story):
    assert "Not an event" not in titles(api_client)
    assert "Not an event" not in titles(api_client, "actor=north-korea&page_size=500")


def test_date_filters_overlap_at_the_edges(api_client):
    EventFactory(title="August", date_start=D(2017, 8, 1), date_end=D(2017, 8, 31), date_precision="month")
    EventFactory(title="War", date_start=D(1950, 1, 1), date_end=D(1953, 12, 31), date_precision="year")
    assert titles(api_client, "date_from=2017-08-10") == ["August"]
    assert titles(api_client, "date_to=1951") == ["War"]
    assert titles(api_client, "date_from=2017-08-31&date_to=2017-08-31") == ["August"]
    assert titles(api_client, "date_from=2017-09-01") == []
    assert titles(api_client, "date_to=1949-12-31") == []


def test_repeated_actor_means_all_of_them(api_client, korea_story):
    assert titles(api_client, "actor=north-korea") == ["Korean War", "Sanctions on the DPRK", "Six-Party Talks"]
    assert titles(api_client, "actor=north-korea&actor=united-states") == ["Six-Party Talks"]
    assert titles(api_client, "actor=united-states&actor=south-korea") == []


def test_actor_kind(api_client, korea_story):
    assert titles(api_client, "actor_kind=person") == ["Six-Party Talks"]


@pytest.mark.parametrize("value", ["S/RES/2371 (2017)", "2371"])
def test_resolution_by_symbol_and_by_number(api_client, korea_story, value):
    assert titles(api_client, urlencode({"resolution": value})) == ["Sanctions on the DPRK"]


def test_resolution_number_matches_only_that_resolution(api_client, korea_story):
    other = ResolutionFactory()
    EventFactory(title="Other resolution", resolutions=[other])
    assert titles(api_client, f"resolution={other.number}") == ["Other resolution"]


def test_article_kind_precision_curated_q(api_client, korea_story):
    other = EventFactory(title="Elsewhere", kind="statement", is_curated=True, summary="A statement on Yemen.")
    assert titles(api_client, f"article={other.article_id}") == ["Elsewhere"]
    assert titles(api_client, "kind=meeting") == ["Six-Party Talks"]
    assert titles(api_client, "precision=year") == ["Korean War"]
    assert titles(api_client, "curated=true") == ["Elsewhere"]
    assert "Elsewhere" not in titles(api_client, "curated=false")
    assert titles(api_client, "q=Yemen") == ["Elsewhere"]
    assert titles(api_client, "q=sanctions") == ["Sanctions on the DPRK"]


def test_ordering_both_ways(api_client, korea_story):
    oldest_first = titles(api_client, "ordering=date")
    assert oldest_first == ["Korean War", "Sanctions on the DPRK", "Six-Party Talks"]
    assert titles(api_client, "ordering=-date") == list(reversed(oldest_first))


def test_same_day_events_are_ordered_by_id(api_client):
    events = [EventFactory(date_start=D(2017, 8, 16)) for _ in range(4)]
    ids = [event.pk for event in events]
    assert [e["id"] for e in get_json(api_client, "/api/events/")["results"]] == sorted(ids)
    assert [e["id"] for e in get_json(api_client, "/api/events/?ordering=-date")["results"]] == sorted(ids)[::-1]


# Cursor pagination.


def walk(client, url, link="next") -> list[dict]:
    """Every event, page by page, following the given link."""
    seen = []
    while url:
        data = get_json(client, url)
        seen.extend(data["results"])
        url = data[link]
    return seen


@pytest.fixture
def many_events():
    # Several events per day, so pages split days in the middle.
    return [EventFactory(date_start=D(2017, 1, 1) + dt.timedelta(days=i // 3)) for i in range(23)]


@pytest.mark.parametrize("ordering", ["date", "-date"])
def test_pages_cover_every_event_once_in_order(api_client, many_events, ordering):
    expected = [e["id"] for e in get_json(api_client, f"/api/events/?page_size=500&ordering={ordering}")["results"]]
    assert len(expected) == 23
    forward = walk(api_client, f"/api/events/?page_size=5&ordering={ordering}")
    assert [e["id"] for e in forward] == expected


def test_default_page_size_is_50(api_client):
    for _ in range(55):
        EventFactory()
    data = get_json(api_client, "/api/events/")
    assert len(data["results"]) == 50
    assert data["next"] and data["previous"] is None
    assert len(get_json(api_client, data["next"])["results"]) == 5


def test_previous_links_walk_back(api_client, many_events):
    data = get_json(api_client, "/api/events/?page_size=5")
    pages = [data["results"]]
    while data["next"]:
        data = get_json(api_client, data["next"])
        pages.append(data["results"])
    # From the last page, the previous links give the same pages in reverse.
    back = []
    while data["previous"]:
        data = get_json(api_client, data["previous"])
        back.append(data["results"])
    assert back == pages[-2::-1]
    assert data["previous"] is None


def test_links_keep_the_filters(api_client, many_events):
    data = get_json(api_client, "/api/events/?page_size=2&kind=statement&date_from=2017")
    assert "kind=statement" in data["next"] and "date_from=2017" in data["next"] and "page_size=2" in data["next"]


def test_cursor_is_stable_while_rows_are_inserted(api_client, many_events):
    original = {event.pk for event in many_events}
    data = get_json(api_client, "/api/events/?page_size=5")
    seen = [e["id"] for e in data["results"]]
    boundary = Event.objects.get(pk=seen[-1])
    # Insert before the cursor, on the cursor's very day, and after it, between every page.
    inserted = []
    while data["next"]:
        inserted += [
            EventFactory(date_start=D(2016, 1, 1)).pk,
            EventFactory(date_start=boundary.date_start).pk,
            EventFactory(date_start=D(2030, 1, 1)).pk,
        ]
        data = get_json(api_client, data["next"])
        seen += [e["id"] for e in data["results"]]
        if len(inserted) > 30:
            break
    original_seen = [pk for pk in seen if pk in original]
    assert sorted(original_seen) == sorted(original)  # nothing skipped
    assert len(seen) == len(set(seen))  # nothing duplicated
    rows = {e.pk: (e.date_start, e.pk) for e in Event.objects.filter(pk__in=seen)}
    assert [rows[pk] for pk in seen] == sorted(rows[pk] for pk in seen)  # still in order


def test_deep_page_query_is_a_bounded_range(api_client, many_events, django_assert_num_queries):
    data = get_json(api_client, "/api/events/?page_size=5")
    data = get_json(api_client, data["next"])
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        get_json(api_client, data["next"])
    event_query = captured.captured_queries[0]["sql"]
    assert "OFFSET" not in event_query.upper()
    assert '"date_start" >=' in event_query and "LIMIT 6" in event_query


# Query counts: fixed whatever the page size.


def _events_with_relations(n: int):
    actors = list(Actor.objects.filter(kind="state").order_by("id")[:4])
    resolutions = list(Resolution.objects.order_by("-number")[:3])
    for i in range(n):
        EventFactory(date_start=D(2017, 8, 1) + dt.timedelta(days=i % 20), actors=actors, resolutions=resolutions)


@pytest.mark.parametrize("n", [3, 30])
def test_list_runs_four_queries_whatever_the_page_size(api_client, django_assert_num_queries, n):
    _events_with_relations(n)
    with django_assert_num_queries(4):  # events with their article, actors, resolutions, mentions
        data = get_json(api_client, f"/api/events/?page_size={n}")
    assert len(data["results"]) == n
    assert all(len(e["actors"]) == 4 and len(e["resolutions"]) == 3 for e in data["results"])


@pytest.mark.parametrize("n", [3, 30])
def test_filtered_list_resolves_slugs_in_one_more_query(api_client, django_assert_num_queries, n):
    _events_with_relations(n)
    slugs = list(Actor.objects.filter(kind="state").order_by("id").values_list("slug", flat=True)[:2])
    with django_assert_num_queries(3):  # actors by slug, resolution by symbol, events (none: nothing to embed)
        data = get_json(api_client, f"/api/events/?actor={slugs[0]}&actor={slugs[1]}&resolution=2371&page_size=50")
    assert data["results"] == []
    EventFactory(actors=Actor.objects.filter(slug__in=slugs), resolutions=Resolution.objects.filter(number=2371))
    with django_assert_num_queries(6):  # the same, then the actors, resolutions and mentions of the page
        data = get_json(api_client, f"/api/events/?actor={slugs[0]}&actor={slugs[1]}&resolution=2371&page_size=50")
    assert len(data["results"]) == 1


def test_detail_runs_four_queries(api_client, django_assert_num_queries):
    _events_with_relations(1)
    event = Event.objects.get()
    with django_assert_num_queries(4):  # event with its article, actors, resolutions, mentions with articles
        data = get_json(api_client, f"/api/events/{event.pk}/")
    assert len(data["actors"]) == 4 and len(data["resolutions"]) == 3


# Mentions: one happening, every article that reports it.


@pytest.fixture
def reported_twice():
    """The adoption of resolution 2371, reported by a press release and, four days later, by a news story."""
    press = ArticleFactory(title="Security Council tightens sanctions", published_on=D(2017, 8, 5))
    news = ArticleFactory(title="Guterres urges dialogue", published_on=D(2017, 8, 9))
    adoption = EventFactory(article=press, title="Council adopts resolution 2371", kind="resolution", mention=False)
    MentionFactory(event=adoption, article=news, quote="Earlier this month, the Council acted.", date_text="Earlier")
    MentionFactory(event=adoption, article=press, quote="The Council today adopted 2371.", date_text="today")
    Event.objects.filter(pk=adoption.pk).update(mention_count=2)
    alone = EventFactory(article=news, title="Guterres calls for talks", date_start=D(2017, 8, 9))
    return {"press": press, "news": news, "adoption": adoption, "alone": alone}


def test_an_event_lists_every_mention_earliest_report_first(api_client, reported_twice):
    adoption = reported_twice["adoption"]
    data = get_json(api_client, f"/api/events/{adoption.pk}/")
    assert data["mention_count"] == 2
    assert [mention["article"]["title"] for mention in data["mentions"]] == [
        "Security Council tightens sanctions",
        "Guterres urges dialogue",
    ]
    press = data["mentions"][0]
    assert list(press) == [
        "article",
        "quote",
        "quote_start",
        "quote_end",
        "date_text",
        "date_start",
        "date_end",
        "date_precision",
    ]
    assert press["article"] == {
        "id": reported_twice["press"].pk,
        "title": "Security Council tightens sanctions",
        "published_on": "2017-08-05",
        "source_name": reported_twice["press"].source_name,
    }
    assert press["quote"] == "The Council today adopted 2371." and press["date_text"] == "today"
    # The list's lean path represents the event exactly as the detail does.
    listed = next(e for e in get_json(api_client, "/api/events/")["results"] if e["id"] == adoption.pk)
    assert listed == data


def test_article_matches_events_with_a_mention_in_it(api_client, reported_twice):
    news = reported_twice["news"]
    # The adoption's primary article is the press release, but the news story reports it too.
    assert sorted(titles(api_client, f"article={news.pk}")) == [
        "Council adopts resolution 2371",
        "Guterres calls for talks",
    ]
    assert titles(api_client, f"article={reported_twice['press'].pk}") == ["Council adopts resolution 2371"]


def test_min_mentions_filters_on_the_count(api_client, reported_twice):
    assert titles(api_client, "min_mentions=2") == ["Council adopts resolution 2371"]
    assert len(titles(api_client, "min_mentions=1")) == 2
    assert titles(api_client, "min_mentions=3") == []
    for bad in ("0", "-1", "two", "1.5"):
        assert "min_mentions" in get_json(api_client, f"/api/events/?min_mentions={bad}", status=400)


@pytest.mark.parametrize("extra", [0, 5])
def test_mentions_cost_one_query_whatever_their_number(api_client, reported_twice, django_assert_num_queries, extra):
    adoption = reported_twice["adoption"]
    for index in range(extra):
        MentionFactory(event=adoption, article=ArticleFactory(title=f"Echo {index}"))
    with django_assert_num_queries(4):  # events, actors, resolutions, mentions with their articles
        data = get_json(api_client, "/api/events/?min_mentions=2")
    assert len(data["results"][0]["mentions"]) == 2 + extra
