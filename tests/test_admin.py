"""The curator's workflow in the Django admin, through the test client: edit, review, merge, reload."""

import datetime as dt
import io
import re
import shutil

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import SEEDS_DIR
from timeline.models import Actor, ActorAlias, Article, Event, Resolution

pytestmark = pytest.mark.django_db

SEED_2017 = "000_7e3c3fa8f530c069.txt"
EVENTS_URL = reverse("admin:timeline_event_changelist")
ACTORS_URL = reverse("admin:timeline_actor_changelist")


def make_article(name: str = "a.txt", **fields) -> Article:
    defaults = {"title": "An article", "published_on": dt.date(2017, 8, 16), "body": "Body."}
    return Article.objects.create(source_name=name, **{**defaults, **fields})


def make_event(article: Article, title: str = "An event", **fields) -> Event:
    day = fields.pop("day", dt.date(2017, 8, 16))
    defaults = {"date_start": day, "date_end": day, "date_precision": "day"}
    return Event.objects.create(article=article, title=title, **{**defaults, **fields})


def load(*paths) -> str:
    out = io.StringIO()
    call_command("loadseeds", *[str(path) for path in paths], stdout=out, stderr=io.StringIO())
    return out.getvalue()


def changelist_titles(response) -> list[str]:
    """The event titles in the changelist's rows, as the curator reads them."""
    return re.findall(r'<th class="field-title"><a href="[^"]*">([^<]*)</a>', response.content.decode())


def event_form_data(event: Event, **changes) -> dict:
    data = {
        "title": event.title,
        "summary": event.summary,
        "kind": event.kind,
        "article": event.article_id,
        "date_start": event.date_start.isoformat(),
        "date_end": event.date_end.isoformat(),
        "date_precision": event.date_precision,
        "date_text": event.date_text,
        "quote": event.quote,
        "quote_start": "" if event.quote_start is None else event.quote_start,
        "quote_end": "" if event.quote_end is None else event.quote_end,
        "actors": list(event.actors.values_list("pk", flat=True)),
        "resolutions": list(event.resolutions.values_list("pk", flat=True)),
        "is_main": "on" if event.is_main else "",
        "is_curated": "on" if event.is_curated else "",
        "is_rejected": "on" if event.is_rejected else "",
    }
    # The read-only inline of the event's reports posts its management form and ids, as the browser does.
    mention_ids = list(
        event.mentions.order_by("article__published_on", "article_id", "id").values_list("pk", flat=True)
    )
    data.update({"mentions-TOTAL_FORMS": len(mention_ids), "mentions-INITIAL_FORMS": len(mention_ids)})
    for index, mention_id in enumerate(mention_ids):
        data.update({f"mentions-{index}-id": mention_id, f"mentions-{index}-event": event.pk})
    data.update(changes)
    return {key: value for key, value in data.items() if value != "" or key in {"title", "summary"}}


@pytest.fixture
def seed_copy(tmp_path):
    path = tmp_path / SEED_2017
    shutil.copy(SEEDS_DIR / SEED_2017, path)
    return path


# ------------------------------------------------------------------------------------- events changelist
def many_events(count: int) -> None:
    actors = list(Actor.objects.filter(slug__in=["north-korea", "china", "antonio-guterres"]))
    resolution = Resolution.objects.get(symbol="S/RES/2371 (2017)")
    for index in range(count):
        if index % 10 == 0:
            article = make_article(f"{index}.txt", title=f"Article {index}")
        event = make_event(article, f"Event {index}", day=dt.date(2017, 1, 1) + dt.timedelta(days=index))
        event.actors.set(actors)
        event.resolutions.add(resolution)


@pytest.mark.parametrize("count", [5, 100])
def test_event_changelist_runs_a_fixed_number_of_queries(admin_client, django_assert_num_queries, count):
    many_events(count)
    # session, user, year filter, 2 counts, rows, prefetched actors, date hierarchy (2)
    with django_assert_num_queries(9):
        response = admin_client.get(EVENTS_URL)
    assert response.status_code == 200
    assert len(changelist_titles(response)) == count


def test_event_changelist_shows_dates_at_their_precision_and_actor_labels(admin_client):
    article = make_article(title="Korean War story")
    war = make_event(
        article, "Korean War", date_start=dt.date(1950, 1, 1), date_end=dt.date(1953, 12, 31), date_precision="year"
    )
    war.actors.add(Actor.objects.get(slug="north-korea"))
    make_event(
        article, "Sanctions", date_start=dt.date(2017, 8, 1), date_end=dt.date(2017, 8, 31), date_precision="month"
    )

    page = admin_client.get(EVENTS_URL).content.decode()

    assert '<td class="field-date">1950–1953</td>' in page
    assert '<td class="field-date">August 2017</td>' in page
    assert '<td class="field-actor_list">DPRK</td>' in page
    assert "Korean War story" in page


def test_event_search_covers_actor_names_and_quotes(admin_client):
    article = make_article()
    dprk_event = make_event(article, "Launch")
    dprk_event.actors.add(Actor.objects.get(slug="north-korea"))
    make_event(article, "Statement", quote="The Council welcomed the agreement.")

    assert changelist_titles(admin_client.get(EVENTS_URL, {"q": "DPRK"})) == ["Launch"]
    assert changelist_titles(admin_client.get(EVENTS_URL, {"q": "welcomed"})) == ["Statement"]


def test_event_filters_year_by_overlap_and_actor_kind(admin_client):
    article = make_article()
    war = make_event(
        article, "Korean War", date_start=dt.date(1950, 1, 1), date_end=dt.date(1953, 12, 31), date_precision="year"
    )
    war.actors.add(Actor.objects.get(slug="north-korea"), Actor.objects.get(slug="china"))
    speech = make_event(article, "Speech")
    speech.actors.add(Actor.objects.get(slug="antonio-guterres"))

    assert changelist_titles(admin_client.get(EVENTS_URL, {"year": "1951"})) == ["Korean War"]
    assert changelist_titles(admin_client.get(EVENTS_URL, {"actor_kind": "state"})) == ["Korean War"]
    assert changelist_titles(admin_client.get(EVENTS_URL, {"actor_kind": "person"})) == ["Speech"]
    assert changelist_titles(admin_client.get(EVENTS_URL, {"is_rejected__exact": "1"})) == []


# -------------------------------------------------------------------------------------- event change page
def test_change_page_shows_the_quote_highlighted_in_its_paragraph_escaped(admin_client):
    body = "First paragraph.\n\nBefore <script>alert(1)</script> the quote: The Council met today. After it.\n\nLast."
    article = make_article(body=body)
    quote = "The Council met today."
    start = body.index(quote)
    event = make_event(article, "Meeting", quote=quote, quote_start=start, quote_end=start + len(quote))

    page = admin_client.get(reverse("admin:timeline_event_change", args=[event.pk])).content.decode()

    assert (
        "Before &lt;script&gt;alert(1)&lt;/script&gt; the quote: <mark>The Council met today.</mark> After it." in page
    )
    assert "<script>alert(1)" not in page
    context = re.search(r'<div class="readonly quote-context"[^>]*>(.*?)</div>', page, re.DOTALL).group(1)
    assert "First paragraph." not in context and "Last." not in context, "only the quote's paragraph"


def test_saving_an_event_in_the_admin_marks_it_curated(admin_client):
    event = make_event(make_article(), "Machine title")

    response = admin_client.post(
        reverse("admin:timeline_event_change", args=[event.pk]), event_form_data(event, title="Curator title")
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert (event.title, event.is_curated) == ("Curator title", True)


def test_a_curators_date_fix_survives_reloading_the_same_and_a_changed_file(admin_client, seed_copy):
    load(seed_copy)
    article = Article.objects.get(source_name=SEED_2017)
    war = article.events.get(date_precision="year")
    assert (war.date_start, war.date_end) == (dt.date(1950, 1, 1), dt.date(1953, 12, 31))

    response = admin_client.post(
        reverse("admin:timeline_event_change", args=[war.pk]),
        event_form_data(war, date_start="1950-06-25", date_end="1953-07-27", date_precision="day"),
    )
    assert response.status_code == 302

    load(seed_copy)  # the same file: nothing changes
    seed_copy.write_text(seed_copy.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8")
    assert "1 updated" in load(seed_copy)

    war = Event.objects.get(pk=war.pk)
    assert (war.date_start, war.date_end, war.date_precision, war.is_curated) == (
        dt.date(1950, 6, 25),
        dt.date(1953, 7, 27),
        "day",
        True,
    )
    assert article.events.filter(date_text__iexact="from 1950 to 1953").count() == 1, "no machine duplicate"


def test_review_actions_mark_curated_and_reject_and_rejection_survives_reload(admin_client, seed_copy):
    load(seed_copy)
    article = Article.objects.get(source_name=SEED_2017)
    war = article.events.get(date_precision="year")
    main = article.events.get(is_main=True)

    admin_client.post(EVENTS_URL, {"action": "reject", "_selected_action": [war.pk]})
    admin_client.post(EVENTS_URL, {"action": "mark_curated", "_selected_action": [main.pk]})

    assert Event.objects.get(pk=war.pk).is_rejected
    assert Event.objects.get(pk=main.pk).is_curated
    seed_copy.write_text(seed_copy.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    load(seed_copy)
    assert Event.objects.filter(pk=war.pk, is_rejected=True).exists()
    assert not article.events.filter(is_rejected=False, date_precision="year").exists(), "not resurrected"


# ---------------------------------------------------------------------------------------------- actors
def test_merge_action_asks_which_actor_to_keep_then_merges(admin_client):
    reference = Actor.objects.get(slug="north-korea")
    duplicate = Actor.objects.create(
        slug="pyongyang-govt", name="Pyongyang Government", kind="state", is_auto_created=True
    )
    event = make_event(make_article())
    event.actors.add(duplicate)

    confirm = admin_client.post(
        ACTORS_URL, {"action": "merge_actors", "_selected_action": [reference.pk, duplicate.pk]}
    )
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "Choose the actor to keep" in page
    assert re.search(rf'<input type="radio" name="keep" value="{reference.pk}"[^>]*checked', page)

    done = admin_client.post(
        ACTORS_URL,
        {
            "action": "merge_actors",
            "_selected_action": [reference.pk, duplicate.pk],
            "post": "yes",
            "keep": reference.pk,
        },
    )
    assert done.status_code == 302
    assert not Actor.objects.filter(pk=duplicate.pk).exists()
    assert list(event.actors.values_list("slug", flat=True)) == ["north-korea"]
    assert reference.aliases.filter(name="Pyongyang Government").exists()


def test_alias_action_turns_an_auto_created_actor_into_an_alias(admin_client):
    guterres = Actor.objects.get(slug="antonio-guterres")
    auto = Actor.objects.create(slug="mr-antonio", name="Mr. António", kind="person", is_auto_created=True)
    article = make_article()
    article.actors.add(auto)

    form = admin_client.post(ACTORS_URL, {"action": "make_alias_of_existing", "_selected_action": [auto.pk]})
    assert form.status_code == 200
    assert "Existing actor" in form.content.decode()
    assert "admin/js/autocomplete.js" in form.content.decode()

    done = admin_client.post(
        ACTORS_URL,
        {
            "action": "make_alias_of_existing",
            "_selected_action": [auto.pk],
            "post": "yes",
            "target": guterres.pk,
            "alias_name": "Secretary-General António",
        },
    )
    assert done.status_code == 302
    assert not Actor.objects.filter(pk=auto.pk).exists()
    assert {"Mr. António", "Secretary-General António"} <= set(guterres.aliases.values_list("name", flat=True))
    assert list(article.actors.values_list("slug", flat=True)) == ["antonio-guterres"]


def test_alias_action_refuses_reference_actors_and_taken_names(admin_client):
    china = Actor.objects.get(slug="china")
    refused = admin_client.post(
        ACTORS_URL, {"action": "make_alias_of_existing", "_selected_action": [china.pk]}, follow=True
    )
    assert "Only auto-created actors can become aliases" in refused.content.decode()

    auto = Actor.objects.create(slug="auto", name="Auto Person", kind="person", is_auto_created=True)
    taken = admin_client.post(
        ACTORS_URL,
        {
            "action": "make_alias_of_existing",
            "_selected_action": [auto.pk],
            "post": "yes",
            "target": china.pk,
            "alias_name": "DPRK",
        },
    )
    assert taken.status_code == 200
    assert "already an alias of" in taken.content.decode()
    assert Actor.objects.filter(pk=auto.pk).exists(), "nothing happened"


def test_actor_changelist_counts_events_and_autocomplete_searches_aliases(admin_client, django_assert_num_queries):
    dprk = Actor.objects.get(slug="north-korea")
    for index in range(3):
        make_event(make_article(f"{index}.txt"), f"E{index}").actors.add(dprk)

    page = admin_client.get(ACTORS_URL, {"q": "north korea"}).content.decode()
    assert re.search(r'<td class="field-event_count">3</td>', page)

    autocomplete = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "timeline", "model_name": "event", "field_name": "actors", "term": "D.P.R.K."},
    )
    assert [row["id"] for row in autocomplete.json()["results"]] == [str(dprk.pk)]

    # session, user, 2 counts, rows with event counts, prefetched aliases
    with django_assert_num_queries(6):
        assert admin_client.get(ACTORS_URL).status_code == 200


# ------------------------------------------------------------------------------------------- resolutions
def test_resolution_search_by_symbol_or_number_and_year_filter(admin_client):
    url = reverse("admin:timeline_resolution_changelist")
    by_number = admin_client.get(url, {"q": "2371"}).content.decode()
    assert "S/RES/2371 (2017)" in by_number
    assert "S/RES/2372 (2017)" not in by_number
    assert "S/RES/2371 (2017)" in admin_client.get(url, {"q": "S/RES/2371"}).content.decode()
    assert admin_client.get(url, {"q": "non-proliferation"}).status_code == 200
    by_year = admin_client.get(url, {"year": "1950"}).content.decode()
    assert "S/RES/82 (1950)" in by_year and "S/RES/2371 (2017)" not in by_year


# ---------------------------------------------------------------------------------------------- articles
def test_article_change_page_lists_its_events_inline(admin_client):
    article = make_article(title="Korea story")
    make_event(
        article,
        "Sanctions adopted",
        date_start=dt.date(2017, 8, 1),
        date_end=dt.date(2017, 8, 31),
        date_precision="month",
    )

    page = admin_client.get(reverse("admin:timeline_article_change", args=[article.pk])).content.decode()

    assert 'value="Sanctions adopted"' in page
    assert "August 2017" in page
    assert "Re-extract this article" in page


def test_reextract_button_keeps_curated_events(admin_client, seed_copy, settings):
    settings.SEEDS_DIR = seed_copy.parent
    load(seed_copy)
    article = Article.objects.get(source_name=SEED_2017)
    war = article.events.get(date_precision="year")
    war.title = "The Korean War (curated)"
    war.is_curated = True
    war.save()
    count = article.events.count()

    response = admin_client.post(reverse("admin:timeline_article_reextract", args=[article.pk]), follow=True)

    assert response.status_code == 200
    assert "re-extraction failed" not in response.content.decode()
    assert Event.objects.get(pk=war.pk).title == "The Korean War (curated)"
    assert article.events.count() == count
    assert admin_client.get(reverse("admin:timeline_article_reextract", args=[article.pk])).status_code == 405


def test_reextract_reports_a_missing_file_instead_of_failing(admin_client, tmp_path, settings):
    settings.SEEDS_DIR = tmp_path
    article = make_article("gone.txt")
    response = admin_client.post(
        reverse("admin:timeline_article_changelist"),
        {"action": "reextract_articles", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "re-extraction failed" in response.content.decode()


def article_form_with_one_event(article, event, **event_fields) -> dict:
    """The POST data of an article's change page with one event in its inline."""
    fields = {
        "date_start": "2017-08-16",
        "date_end": "2017-08-16",
        "date_precision": "day",
        "title": event.title,
        "kind": "other",
        **event_fields,
    }
    return {
        "title": article.title,
        "published_on": "2017-08-16",
        "dateline_text": "",
        "source_name": article.source_name,
        "body": article.body,
        "events-TOTAL_FORMS": "1",
        "events-INITIAL_FORMS": "1",
        "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "1000",
        "events-0-id": event.pk,
        "events-0-article": article.pk,
        **{f"events-0-{name}": value for name, value in fields.items()},
    }


def test_editing_an_event_inline_marks_it_curated(admin_client):
    article = make_article()
    event = make_event(article, "Machine title")
    url = reverse("admin:timeline_article_change", args=[article.pk])
    data = article_form_with_one_event(
        article, event, date_start="2017-08-15", date_end="2017-08-15", title="Curator title", kind="meeting"
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    assert (event.title, event.date_start, event.is_curated) == ("Curator title", dt.date(2017, 8, 15), True)
    assert ActorAlias.objects.exists()


def test_deleting_an_event_inline_rejects_it_so_reloads_cannot_bring_it_back(admin_client):
    article = make_article()
    event = make_event(article, "Machine title")
    url = reverse("admin:timeline_article_change", args=[article.pk])
    data = article_form_with_one_event(article, event, DELETE="on")

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    assert event.is_rejected


# -------------------------------------------------------------------------- events: merge and split mentions
MENTIONS_URL = reverse("admin:timeline_mention_changelist")
PRESS_RELEASE = """# Security Council condemns missile launch by the DPRK

5 July 2017 – The Security Council today strongly condemned the ballistic missile launch conducted by the
Democratic People's Republic of Korea.
"""
NEWS_STORY = """# Council members voice alarm over Pyongyang's latest test

6 July 2017 – Members of the Security Council yesterday denounced the intercontinental missile test, calling
it a grave threat to regional peace.
"""


def _two_reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "press.txt").write_text(PRESS_RELEASE, encoding="utf-8")
    (folder / "news.txt").write_text(NEWS_STORY, encoding="utf-8")
    load(folder)
    press = Event.objects.get(mentions__article__source_name="press.txt", is_main=True)
    news = Event.objects.get(mentions__article__source_name="news.txt", date_start=dt.date(2017, 7, 5))
    return folder, press, news


def test_a_curator_merges_two_events_and_the_merge_survives_reloads(admin_client, tmp_path):
    folder, press, news = _two_reports(tmp_path)
    assert press.pk != news.pk, "the machine did not merge them (different words, no shared resolution)"

    response = admin_client.post(
        EVENTS_URL, {"action": "merge_events", "_selected_action": [press.pk, news.pk]}, follow=True
    )
    assert "Merged 2 events" in response.content.decode()
    merged = Event.objects.get(mentions__article__source_name="press.txt", is_main=True)
    assert merged.mention_count == 2 and merged.is_curated
    assert set(merged.mentions.values_list("article__source_name", flat=True)) == {"press.txt", "news.txt"}
    assert set(merged.mentions.values_list("merge_rule", flat=True)) <= {"", "curator"}

    call_command("loadseeds", str(folder), "--force", stdout=io.StringIO(), stderr=io.StringIO())
    (folder / "news.txt").write_text(NEWS_STORY + "\nThe Council will meet again next week.\n", encoding="utf-8")
    load(folder)
    again = Event.objects.get(pk=merged.pk)
    assert again.mention_count == 2
    assert set(again.mentions.values_list("article__source_name", flat=True)) == {"press.txt", "news.txt"}
    # The API shows one event with both reports.
    data = admin_client.get(f"/api/events/{merged.pk}/").json()
    assert [mention["article"]["title"] for mention in data["mentions"]] == [
        "Security Council condemns missile launch by the DPRK",
        "Council members voice alarm over Pyongyang's latest test",
    ]


def test_a_curator_splits_a_mention_off_and_the_split_survives_reloads(admin_client, tmp_path):
    folder, press, news = _two_reports(tmp_path)
    admin_client.post(EVENTS_URL, {"action": "merge_events", "_selected_action": [press.pk, news.pk]})
    merged = Event.objects.get(mentions__article__source_name="press.txt", is_main=True)
    wrong = merged.mentions.get(article__source_name="news.txt")
    page = admin_client.get(reverse("admin:timeline_event_change", args=[merged.pk])).content.decode()
    reports = f"{MENTIONS_URL}?event__id__exact={merged.pk}"
    assert "Split off a report" in page and reports in page
    listed = admin_client.get(reports).content.decode()
    assert "Council members voice alarm" in listed and "split_off" in listed

    response = admin_client.post(MENTIONS_URL, {"action": "split_off", "_selected_action": [wrong.pk]}, follow=True)
    assert "Split 1 mention off" in response.content.decode()
    alone = Event.objects.get(mentions=wrong)
    assert alone.pk != merged.pk and alone.is_curated and alone.mention_count == 1
    assert alone.date_start == dt.date(2017, 7, 5) and alone.quote == wrong.quote
    assert Event.objects.get(pk=merged.pk).mention_count == 1

    call_command("loadseeds", str(folder), "--force", stdout=io.StringIO(), stderr=io.StringIO())
    assert Event.objects.get(mentions__pk=wrong.pk).pk == alone.pk
    assert Event.objects.get(pk=merged.pk).mentions.get().article.source_name == "press.txt"

    # The only mention of an event cannot be split from it.
    response = admin_client.post(MENTIONS_URL, {"action": "split_off", "_selected_action": [wrong.pk]}, follow=True)
    assert "nothing to split" in response.content.decode()


# ----------------------------------------------------------------------------------- writes through services
def spy(monkeypatch, name: str) -> list[dict]:
    """Record the calls the admin makes to one of its services (and still make them)."""
    import timeline.admin as admin_module

    calls: list[dict] = []
    real = getattr(admin_module, name)

    def recording(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(admin_module, name, recording)
    return calls


def test_adding_an_actor_with_an_alias_saves_both_through_the_actor_services(admin_client, monkeypatch):
    actor_calls, alias_calls = spy(monkeypatch, "actor_update"), spy(monkeypatch, "actor_alias_update")
    data = {"slug": "test-envoy", "name": "Special Envoy Test", "kind": "person", "short_name": "", "description": ""}
    data |= {"aliases-TOTAL_FORMS": "1", "aliases-INITIAL_FORMS": "0", "aliases-0-name": "The Envoy"}

    response = admin_client.post(reverse("admin:timeline_actor_add"), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    actor = Actor.objects.get(slug="test-envoy")
    assert list(actor.aliases.values_list("name", flat=True)) == ["The Envoy"]
    assert actor_calls[0]["actor"].pk == actor.pk and actor_calls[0]["data"]["name"] == "Special Envoy Test"
    assert [call["alias"].name for call in alias_calls] == ["The Envoy"]


def test_deleting_actors_resolutions_and_events_in_the_admin_goes_through_their_services(admin_client, monkeypatch):
    actor_calls, resolution_calls = spy(monkeypatch, "actors_delete"), spy(monkeypatch, "resolutions_delete")
    event_calls = spy(monkeypatch, "events_delete")
    event = make_event(make_article(), "Deleted by a curator")
    doomed = Actor.objects.create(slug="test-doomed", name="Doomed", kind="group")
    ActorAlias.objects.create(actor=doomed, name="Doomed Group")
    resolution = Resolution.objects.create(symbol="S/RES/999003 (2031)", number=999003, year=2031)

    action = {"action": "delete_selected", "post": "yes"}
    admin_client.post(ACTORS_URL, {**action, "_selected_action": [doomed.pk]})
    admin_client.post(reverse("admin:timeline_resolution_delete", args=[resolution.pk]), {"post": "yes"})
    admin_client.post(EVENTS_URL, {**action, "_selected_action": [event.pk]})

    assert not Actor.objects.filter(slug="test-doomed").exists()
    assert not ActorAlias.objects.filter(name="Doomed Group").exists()
    assert not Resolution.objects.filter(pk=resolution.pk).exists()
    assert not Event.objects.filter(pk=event.pk).exists()
    assert len(actor_calls) == len(resolution_calls) == len(event_calls) == 1


def test_an_event_edit_saves_its_actors_with_it(admin_client, monkeypatch):
    calls = spy(monkeypatch, "event_save_curated")
    event = make_event(make_article(), "Machine title")
    dprk = Actor.objects.get(slug="north-korea")

    response = admin_client.post(
        reverse("admin:timeline_event_change", args=[event.pk]), event_form_data(event, actors=[dprk.pk])
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(Event.objects.get(pk=event.pk).actors.all()) == [dprk]
    assert list(calls[0]["relations"]["actors"]) == [dprk]


def test_an_article_edit_saves_its_resolutions_through_the_article_service(admin_client, monkeypatch):
    calls = spy(monkeypatch, "article_update")
    article = make_article()
    event = make_event(article)
    resolution = Resolution.objects.get(symbol="S/RES/2371 (2017)")
    data = article_form_with_one_event(article, event, title=event.title) | {"resolutions": [resolution.pk]}

    response = admin_client.post(reverse("admin:timeline_article_change", args=[article.pk]), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(Article.objects.get(pk=article.pk).resolutions.all()) == [resolution]
    assert calls and list(calls[0]["data"]["resolutions"]) == [resolution]
