"""The timeline page in a real browser: Debian's chromium driven by Playwright, against a live server.

Needs ``apt-get install chromium`` and the ``playwright`` package (no ``playwright install``: the browser is
Debian's). A missing browser fails these tests rather than skipping them. Screenshots go to
``artifacts/screenshots/``.
"""

import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections

from tests.conftest import ROOT, SEEDS_DIR
from timeline.models import Article, Event
from timeline.services.reference import reference_data_sync

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def seeds() -> dict:
    """Load the two seeds and read, before the browser starts, everything the tests expect to see.

    (Playwright's sync API runs an event loop in the test's thread; an ORM call under it would open a database
    connection of its own that outlives the test, so the tests make none.)
    """
    reference_data_sync()  # a transactional test may start after another one flushed the reference data
    call_command("loadseeds", str(SEEDS_DIR), stdout=io.StringIO(), stderr=io.StringIO())
    assert Event.objects.count() == 7  # extractor 4: seed 003 gives the Council meeting its own event
    six_party = Event.objects.get(date_text="yesterday")
    return {
        "all": titles_of(),
        "north-korea": titles_of(actors__slug="north-korea"),
        "antonio-guterres": titles_of(actors__slug="antonio-guterres"),
        "six_party": six_party,
        "six_party_article_title": six_party.article.title,
        "article_2017": Article.objects.get(source_name__startswith="000").pk,
    }


@pytest.fixture
def browser(seeds, monkeypatch):
    # The live server answers each keep-alive connection of the browser in a thread of its own; without
    # persistent database connections, none is left open when the test database is dropped (PostgreSQL).
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def shown_titles(page) -> list[str]:
    return [title.strip() for title in page.locator(".event__title").all_inner_texts()]


def shown_dates(page) -> list[str]:
    return page.locator(".event__when time").all_inner_texts()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path


def titles_of(**filters) -> list[str]:
    return list(Event.objects.filter(**filters).order_by("date_start", "id").values_list("title", flat=True))


def test_reader_filters_the_seeds_by_actor_and_dates_and_opens_an_article(browser, live_server, seeds):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Timeline"
    assert shown_titles(page) == seeds["all"]
    assert shown_dates(page)[0] == "1950–1953"
    screenshot(page, "timeline-desktop")

    # Click the "DPRK" chip of an event: only the DPRK's events remain.
    page.locator(".chip", has_text=re.compile(r"^DPRK$")).first.click()
    page.wait_for_url(re.compile(r"actor=north-korea"))
    assert shown_titles(page) == seeds["north-korea"]
    assert page.locator(".chip--active", has_text="DPRK").count() >= 1

    # Narrow by a date range typed into the filter bar.
    page.get_by_label("From", exact=True).fill("2017-08-10")
    page.get_by_label("To", exact=True).fill("2017-08-15")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"date_from=2017-08-10"))
    assert "actor=north-korea" in page.url, "the actor filter is kept"
    assert shown_dates(page) == ["August 2017", "15 August 2017"]
    screenshot(page, "timeline-filtered-desktop")

    # Follow the event to its article: the date it was read from is marked and linked back to it.
    six_party = seeds["six_party"]
    page.get_by_role("link", name=six_party.title).click()
    page.wait_for_url(re.compile(rf"/articles/{six_party.article_id}/#event-{six_party.pk}$"))
    assert page.locator("h1").inner_text() == seeds["six_party_article_title"]
    marked = page.locator(f'a.hl-date[href="#event-{six_party.pk}"]')
    assert marked.inner_text() == "yesterday"
    assert page.locator("a.hl-actor", has_text="DPRK").first.get_attribute("href") == "/?actor=north-korea"
    assert page.locator(f"#event-{six_party.pk}").is_visible()
    screenshot(page, "article-desktop")
    page.close()


def test_actor_typed_by_name_and_density_strip_zoom(browser, live_server, seeds):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(live_server.url + "/")

    # The actor field suggests actors from the API as one types, by name or alias.
    page.get_by_label("Actor", exact=True).press_sequentially("dprk", delay=30)
    suggestion = page.locator('#actor-suggestions option[value="north-korea"]')
    suggestion.wait_for(state="attached", timeout=5000)
    assert "Democratic People's Republic of Korea" in suggestion.get_attribute("label")

    # Typing a name (no suggestion chosen) works too: the server turns it into the slug.
    page.get_by_label("Actor", exact=True).fill("Antonio Guterres")
    page.get_by_label("Actor", exact=True).press("Enter")
    page.wait_for_url(re.compile(r"actor=antonio-guterres"))
    assert shown_titles(page) == seeds["antonio-guterres"]

    # The density strip zooms from years to the months of 2017.
    page.goto(live_server.url + "/")
    page.locator('.density__bar[aria-label^="2017:"]').click()
    page.wait_for_url(re.compile(r"date_from=2017&date_to=2017"))
    assert "Events per month" in page.locator(".density figcaption").inner_text()
    assert set(shown_dates(page)) == {"August 2017", "15 August 2017", "16 August 2017"}

    # A bad date shows a message, not an error page.
    page.get_by_label("From", exact=True).fill("2017-13")
    page.get_by_role("button", name="Apply filters").click()
    assert page.locator('[role="alert"]').inner_text().count("date_from") == 1
    page.close()


def test_keyboard_and_phone_width(browser, live_server, seeds):
    page = browser.new_page(viewport=PHONE)
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.get_by_label("Text", exact=True).focus()
    page.keyboard.type("Korean War")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=Korean"))
    assert shown_dates(page) == ["1950–1953"]
    outline = page.evaluate(
        "() => { const a = document.querySelector('.event__title a'); a.focus();"
        " return getComputedStyle(a).outlineStyle; }"
    )
    assert outline != "none", "a focused link is visible"

    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scrolling"
    screenshot(page, "timeline-phone")
    page.goto(live_server.url + f"/articles/{seeds['article_2017']}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "article-phone")
    page.close()


def test_swagger_ui_renders_with_every_request_kept_on_the_server(browser, live_server, seeds):
    """/api/docs/ draws the operations from the app's own static files; any request off the server is refused."""
    page = browser.new_page(viewport=DESKTOP)
    origin = live_server.url
    outside = []

    def only_our_server(route):
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_our_server)
    page.goto(f"{origin}/api/docs/")
    page.wait_for_selector(".opblock-summary-path", timeout=15_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/events/" in path for path in paths)
    assert any("/api/timeline/" in path for path in paths)
    assert outside == []
    screenshot(page, "api-docs-desktop")
    page.close()


ADOPTION_RELEASE = """# Security Council requires Syria's chemical weapons to be destroyed

27 September 2013 – The Security Council today unanimously adopted resolution 2118 (2013), requiring the
verification and destruction of Syria's chemical weapons stockpiles.
"""
ADOPTION_STORY = """# Inspectors prepare to travel to Syria

28 September 2013 – Chemical weapons inspectors are preparing to travel to Syria after the Security Council
yesterday adopted resolution 2118 (2013) on the destruction of the country's stockpiles.
"""


@pytest.fixture
def reported_twice(seeds, tmp_path) -> dict:
    """The adoption of resolution 2118 in a press release and, the day after, in a news story: one event."""
    (tmp_path / "release.txt").write_text(ADOPTION_RELEASE, encoding="utf-8")
    (tmp_path / "story.txt").write_text(ADOPTION_STORY, encoding="utf-8")
    call_command("loadseeds", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    adoption = Event.objects.get(resolutions__number=2118, date_start="2013-09-27")
    assert adoption.mention_count == 2, "the machine merged the two reports"
    story = Article.objects.get(source_name="story.txt")
    return {"adoption": adoption.pk, "story": story.pk, "story_title": story.title}


def test_an_event_reported_by_two_articles_shows_both_and_each_article_shows_its_report(
    reported_twice, browser, live_server
):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(live_server.url + "/?resolution=2118")
    event = page.locator(f"#event-{reported_twice['adoption']}")
    assert event.count() == 1, "one entry for the happening, not one per article"
    reports = event.locator(".event__reports")
    assert reports.locator("summary").inner_text() == "Reported in 2 articles"
    reports.locator("summary").click()
    links = reports.locator("a")
    assert links.all_inner_texts() == [
        "Security Council requires Syria's chemical weapons to be destroyed",
        reported_twice["story_title"],
    ]
    screenshot(page, "timeline-reported-twice")

    # The later article shows its own report: its sentence, and the words that date it there.
    links.nth(1).click()
    page.wait_for_url(re.compile(rf"/articles/{reported_twice['story']}/#event-{reported_twice['adoption']}$"))
    item = page.locator(f"#event-{reported_twice['adoption']}")
    assert item.locator(".event__datetext").inner_text() == "Dated here by “yesterday”"
    assert "yesterday adopted resolution 2118" in item.locator(".event__quote").inner_text()
    assert item.locator(".event__reports").inner_text().startswith("Reported in 2 articles")
    assert page.locator(f'a.hl-date[href="#event-{reported_twice["adoption"]}"]').inner_text() == "yesterday"
    page.close()


def test_map_of_the_located_events_draws_with_every_request_kept_on_the_server(browser, live_server, seeds):
    """The page's map is drawn from the app alone (inline SVG, the app's CSS); any request off the server is refused."""
    page = browser.new_page(viewport=DESKTOP)
    origin = live_server.url
    outside = []

    def only_our_server(route):
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_our_server)
    page.goto(f"{origin}/")
    chart = page.locator(".event-map__chart")
    chart.wait_for(timeout=15_000)
    assert chart.bounding_box()["width"] > 300
    points = page.locator(".event-map__point")
    assert points.count() >= 1
    label = points.first.get_attribute("aria-label")
    assert label.startswith("United Nations Headquarters, New York: ")
    target = points.first.get_attribute("href")
    assert target.startswith("#event-") and page.locator(target).count() == 1  # the point links to its event
    assert outside == []
    screenshot(page, "map-desktop")
    page.close()
