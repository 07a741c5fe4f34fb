"""The reader's pages, through the test client: what a reader sees at ``/`` and ``/articles/<pk>/``."""

import datetime as dt
import html
import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import SEEDS_DIR
from timeline.models import Actor, Article, Event, Resolution

pytestmark = pytest.mark.django_db

PAGE = reverse("timeline-page")


def titles(response) -> list[str]:
    """Event titles in the order the page shows them."""
    found = re.findall(r'<h4 class="event__title"><a href="[^"]*">(.*?)</a></h4>', response.content.decode())
    return [html.unescape(title) for title in found]


def dates(response) -> list[str]:
    return re.findall(r'<time datetime="[^"]*">([^<]*)</time>', response.content.decode())


def link(response, rel: str) -> str | None:
    match = re.search(rf'rel="{rel}" href="([^"]*)"', response.content.decode())
    return html.unescape(match.group(1)) if match else None


def make_article(name: str = "a.txt", **fields) -> Article:
    defaults = {"title": "An article", "published_on": dt.date(2017, 8, 16), "body": "Body."}
    return Article.objects.create(source_name=name, **{**defaults, **fields})


def make_event(article: Article, title: str, day: dt.date, **fields) -> Event:
    return Event.objects.create(
        article=article,
        title=title,
        date_start=day,
        date_end=fields.pop("date_end", day),
        date_precision=fields.pop("date_precision", "day"),
        **fields,
    )


@pytest.fixture
def seeds():
    call_command("loadseeds", str(SEEDS_DIR), stdout=io.StringIO(), stderr=io.StringIO())
    return Article.objects.order_by("published_on")


# --------------------------------------------------------------------------------------------- the timeline
def test_timeline_shows_the_seeds_in_order_with_dates_at_their_precision(client, seeds):
    response = client.get(PAGE)

    assert response.status_code == 200
    page = response.content.decode()
    expected = list(Event.objects.order_by("date_start", "id").values_list("title", flat=True))
    assert titles(response) == expected
    assert dates(response)[:4] == ["1950–1953", "August 2017", "15 August 2017", "16 August 2017"]
    assert re.findall(r'<h2 class="year__title"[^>]*>(\d{4})</h2>', page) == ["1950", "2017", "2018"]
    assert '<h3 class="month__title">August 2017</h3>' in page
    assert "7 events." in page  # extractor 4: seed 003 gives the Council meeting its own event


def test_each_event_has_actor_chips_resolution_links_and_its_quote_linked_to_the_article(client, seeds):
    page = client.get(PAGE).content.decode()
    sanctions = Event.objects.get(date_text="Earlier this month")
    item = page[page.index(f'id="event-{sanctions.pk}"') :]
    item = item[: item.index("</li>\n      \n      <li") if "</li>\n      \n      <li" in item else 4000]

    assert '<a class="chip" href="?actor=north-korea"' in item and ">DPRK</a>" in item
    assert 'href="?resolution=S%2FRES%2F2371+%282017%29"' in item
    assert html.escape(sanctions.quote, quote=True) in item or sanctions.quote.replace("'", "&#x27;") in item
    assert f'href="/articles/{sanctions.article_id}/#event-{sanctions.pk}"' in item


def test_filter_by_actor_shows_only_its_events_and_the_chip_to_remove_it(client, seeds):
    response = client.get(PAGE, {"actor": "north-korea"})

    expected = list(Event.objects.filter(actors__slug="north-korea").order_by("date_start", "id"))
    assert titles(response) == [event.title for event in expected]
    assert len(expected) == 2
    page = response.content.decode()
    assert 'aria-label="Remove the filter Democratic People&#x27;s Republic of Korea"' in page
    assert '<input type="hidden" name="actor" value="north-korea">' in page


def test_several_actors_mean_events_involving_all_of_them(client, seeds):
    response = client.get(PAGE, {"actor": ["north-korea", "antonio-guterres"]})
    assert titles(response) == [
        Event.objects.get(date_text="yesterday").title,
    ]


def test_an_actor_name_typed_without_suggestions_becomes_its_slug(client, seeds):
    response = client.get(PAGE, {"actor": "DPRK", "date_from": "2017"})
    assert response.status_code == 302
    assert response["Location"] == "/?actor=north-korea&date_from=2017"


def test_filter_by_date_range_is_an_overlap_and_shows_in_the_form(client, seeds):
    response = client.get(PAGE, {"date_from": "1952", "date_to": "2017-08-10"})

    assert dates(response) == ["1950–1953", "August 2017"]
    page = response.content.decode()
    assert 'name="date_from" type="text" inputmode="numeric" value="1952"' in page
    assert 'value="2017-08-10"' in page


def test_kind_text_and_resolution_filters(client, seeds):
    assert dates(client.get(PAGE, {"kind": "sanctions"})) == ["August 2017"]
    assert dates(client.get(PAGE, {"resolution": "2371"})) == ["August 2017"]
    assert dates(client.get(PAGE, {"q": "Korean War"})) == ["1950–1953"]
    assert 'value="sanctions" selected' in client.get(PAGE, {"kind": "sanctions"}).content.decode()


def test_rejected_events_are_not_shown(client, seeds):
    war = Event.objects.get(date_precision="year")
    war.is_rejected = True
    war.save()
    assert "1950–1953" not in dates(client.get(PAGE))


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"date_from": "2017-13"}, "date_from"),
        ({"date_from": "last year"}, "date_from"),
        ({"actor": "nobody-at-all"}, "actor"),
        ({"cursor": "garbage"}, "cursor"),
        ({"cursor": "n.2017-02-30.1"}, "cursor"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "many"}, "page_size"),
        ({"kind": "party"}, "kind"),
    ],
)
def test_invalid_filters_answer_400_with_a_message_on_the_page(client, seeds, query, parameter):
    response = client.get(PAGE, query)

    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    assert f"<code>{parameter}</code>" in page
    assert titles(response) == []
    assert '<form class="filters"' in page, "the reader can correct the filter"


def test_cursor_pagination_walks_forward_and_back_without_gaps(client):
    article = make_article()
    days = [dt.date(2017, 8, 16)] * 3 + [
        dt.date(2016, 1, 1),
        dt.date(2018, 5, 5),
        dt.date(2019, 1, 1),
        dt.date(2015, 3, 3),
    ]
    for index, day in enumerate(days):
        make_event(article, f"E{index}", day)
    expected = list(Event.objects.order_by("date_start", "id").values_list("title", flat=True))

    seen, pages, url = [], [], f"{PAGE}?page_size=3"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        pages.append(titles(response))
        seen += pages[-1]
        url = link(response, "next")
        url = url and PAGE + url
    assert seen == expected
    assert [len(page) for page in pages] == [3, 3, 1]

    last = client.get(
        PAGE + "?page_size=3&cursor=" + link(client.get(f"{PAGE}?page_size=3"), "next").split("cursor=")[1]
    )
    back = client.get(PAGE + link(last, "prev"))
    assert titles(back) == pages[0]
    assert link(back, "prev") is None, "the first page has no Previous"


def test_newest_first_ordering_pages_backwards_in_time(client):
    article = make_article()
    for index in range(5):
        make_event(article, f"E{index}", dt.date(2017, 1, 1) + dt.timedelta(days=index))
    first = client.get(PAGE, {"ordering": "-date", "page_size": 2})
    assert titles(first) == ["E4", "E3"]
    second = client.get(PAGE + link(first, "next"))
    assert titles(second) == ["E2", "E1"]
    assert "ordering=-date" in link(second, "prev")


def test_density_strip_counts_per_year_and_zooms_into_months_then_days(client, seeds):
    page = client.get(PAGE).content.decode()
    assert "Events per year" in page
    assert 'aria-label="2017: 3 events"' in page
    assert 'href="?date_from=2017&amp;date_to=2017"' in page

    zoomed = client.get(PAGE, {"date_from": "2017", "date_to": "2017"}).content.decode()
    assert "Events per month" in zoomed
    assert 'aria-label="August 2017: 3 events"' in zoomed
    assert 'href="?date_from=2017-08&amp;date_to=2017-08"' in zoomed

    days = client.get(PAGE, {"date_from": "2017-08", "date_to": "2017-08"}).content.decode()
    assert "Events per day" in days
    assert 'aria-label="15 August 2017: 1 event"' in days
    assert "Zoom out to 2017" in days


@pytest.mark.parametrize("count", [3, 60])
def test_timeline_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    actors = list(Actor.objects.filter(slug__in=["north-korea", "china", "japan"]))
    resolution = Resolution.objects.get(symbol="S/RES/2371 (2017)")
    for index in range(count):
        if index % 10 == 0:
            article = make_article(f"{index}.txt")
        event = make_event(article, f"E{index}", dt.date(2017, 1, 1) + dt.timedelta(days=index))
        event.actors.set(actors)
        event.resolutions.add(resolution)

    # density (span, counts), events, their actors, their resolutions, their mentions with articles
    with django_assert_num_queries(6):
        response = client.get(PAGE, {"page_size": 100})
    assert len(titles(response)) == count
    # + the page's lookup of the named actor (for its chip) and the filterset's validation of the slug
    with django_assert_num_queries(8):
        response = client.get(PAGE, {"page_size": 100, "actor": "north-korea"})
    assert len(titles(response)) == count


def test_page_assets_are_served_by_the_app_and_form_controls_are_labelled(client, seeds):
    page = client.get(PAGE).content.decode()
    assert not re.search(r'(src|href)="(https?:)?//', page), "no asset from another host"
    assert '<link rel="stylesheet" href="/static/timeline/timeline.css">' in page
    for control in re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', page):
        assert f'<label for="{control}">' in page
    assert finders.find("timeline/timeline.js") and finders.find("timeline/timeline.css")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


# ------------------------------------------------------------------------------------------ the article page
def test_article_page_marks_dates_linked_to_events_and_actors_linked_to_the_timeline(client, seeds):
    article = Article.objects.get(published_on=dt.date(2017, 8, 16))
    yesterday = article.events.get(date_text="yesterday")

    response = client.get(reverse("article-page", kwargs={"pk": article.pk}))

    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(rf'<a class="hl-date" href="#event-{yesterday.pk}" title="[^"]*">yesterday</a>', page)
    assert re.search(r'<a class="hl-date" href="#event-\d+" title="[^"]*">from 1950 to 1953</a>', page)
    assert re.search(r'<a class="hl-actor" href="/\?actor=north-korea" title="[^"]*">DPRK</a>', page)
    # The longest name wins: no "Republic of Korea" link inside the DPRK's full name.
    assert re.search(
        r'<a class="hl-actor" href="/\?actor=north-korea" title="[^"]*">'
        r"the Democratic People&#x27;s Republic of Korea</a>",
        page,
    )
    assert f'id="event-{yesterday.pk}"' in page
    assert f'href="/?article={article.pk}"' in page


def test_article_page_escapes_the_text_and_does_not_mark_lowercase_us(client):
    body = "Officials told us <b>nothing</b> about the US plan.\n\nSecond paragraph."
    article = make_article(body=body)
    article.actors.add(Actor.objects.get(slug="united-states"))

    page = client.get(reverse("article-page", kwargs={"pk": article.pk})).content.decode()

    assert "told us &lt;b&gt;nothing&lt;/b&gt; about the" in page
    assert re.search(r'<a class="hl-actor" href="/\?actor=united-states" title="[^"]*">US</a> plan', page)
    assert "<p>Second paragraph.</p>" in page


def test_article_page_runs_a_fixed_number_of_queries_and_404s_for_unknown(client, seeds, django_assert_num_queries):
    article = Article.objects.get(published_on=dt.date(2017, 8, 16))
    # article, events, their actors, their resolutions, highlighted actors, their aliases
    with django_assert_num_queries(6):
        assert client.get(reverse("article-page", kwargs={"pk": article.pk})).status_code == 200
    assert client.get(reverse("article-page", kwargs={"pk": 999999})).status_code == 404
