"""generate_synthetic: deterministic, realistic proportions, every model constraint kept (SQLite and PostgreSQL)."""

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from timeline.models import Actor, Article, Event, Mention
from timeline.synthetic import (
    POPULAR_SLUGS,
    SOURCE_PREFIX,
    synthetic_clear,
    synthetic_generate,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 30)
EVENTS = 3000


def signature() -> list[tuple]:
    """Everything a user sees of the synthetic data, without database ids."""
    rows = []
    for event in (
        Event.objects.filter(article__source_name__startswith=SOURCE_PREFIX)
        .select_related("article")
        .prefetch_related("actors", "resolutions")
        .order_by("article__source_name", "quote_start")
    ):
        rows.append(
            (
                event.article.source_name,
                event.article.published_on,
                event.title,
                event.kind,
                event.date_start,
                event.date_end,
                event.date_precision,
                event.quote,
                tuple(sorted(actor.slug for actor in event.actors.all())),
                tuple(sorted(resolution.symbol for resolution in event.resolutions.all())),
            )
        )
    return rows


def test_same_seed_same_data_other_seed_other_data():
    synthetic_generate(events=300, seed=7, today=TODAY)
    first = signature()
    assert len(first) == 300
    synthetic_clear()
    assert not Event.objects.filter(article__source_name__startswith=SOURCE_PREFIX).exists()
    synthetic_generate(events=300, seed=7, today=TODAY)
    assert signature() == first
    synthetic_clear()
    synthetic_generate(events=300, seed=8, today=TODAY)
    assert signature() != first


def test_proportions_are_realistic():
    result = synthetic_generate(events=EVENTS, seed=1, today=TODAY)
    assert result.events == EVENTS
    assert result.articles == EVENTS // 8
    events = Event.objects.filter(article__source_name__startswith=SOURCE_PREFIX)
    assert events.count() == EVENTS

    # About three actors per event.
    links = Event.actors.through.objects.filter(event__in=events)
    assert 2.6 <= links.count() / EVENTS <= 3.4
    # The popular actors each appear in about 5% of the events; no other actor comes near.
    per_actor = Counter(links.values_list("actor__slug", flat=True))
    popular = [slug for slug in POPULAR_SLUGS if Actor.objects.filter(slug=slug).exists()]
    assert popular, "the reference actors include the popular ones"
    for slug in popular:
        assert 0.03 <= per_actor[slug] / EVENTS <= 0.075, slug
    others = [count for slug, count in per_actor.items() if slug not in popular]
    assert max(others) / EVENTS < 0.05
    # 10% cite a resolution.
    citing = events.filter(resolutions__isnull=False).distinct().count()
    assert 0.07 <= citing / EVENTS <= 0.13
    # Dates between 1945 and today, every precision, about 1% spanning several years.
    assert events.order_by("date_start").first().date_start >= dt.date(1945, 1, 1)
    assert events.order_by("-date_end").first().date_end <= TODAY
    precisions = Counter(events.values_list("date_precision", flat=True))
    assert precisions["day"] > precisions["month"] > 0 and precisions["year"] > 0
    multi_year = sum(1 for start, end in events.values_list("date_start", "date_end") if end.year - start.year >= 1)
    assert 0.003 <= multi_year / EVENTS <= 0.03
    # A main event per article, dated by its dateline.
    assert events.filter(is_main=True).count() == result.articles


def test_rows_keep_every_model_constraint():
    synthetic_generate(events=500, seed=2, today=TODAY)
    articles = Article.objects.filter(source_name__startswith=SOURCE_PREFIX).prefetch_related("events")
    assert articles.order_by("source_name").first().source_name == "synthetic-000001.txt"
    for article in articles:
        for event in article.events.all():
            assert event.date_start <= event.date_end
            assert 0 <= event.quote_start <= event.quote_end <= len(article.body)
            assert article.body[event.quote_start : event.quote_end] == event.quote
            if event.is_main:
                assert event.date_start == event.date_end == article.published_on
        # An article records the actors of its events.
        event_actors = set(
            Event.actors.through.objects.filter(event__article=article).values_list("actor_id", flat=True)
        )
        assert set(article.actors.values_list("id", flat=True)) == event_actors
    # Django's own validation agrees (check constraints included).
    for event in Event.objects.filter(article__source_name__startswith=SOURCE_PREFIX)[:50]:
        event.full_clean()
    # Every event is one mention's happening, as loadseeds founds it: the same article, quote, date, kind, actors
    # and resolutions, a trigger lemma and a fingerprint.
    events = Event.objects.filter(article__source_name__startswith=SOURCE_PREFIX).prefetch_related(
        "actors", "resolutions", "mentions__actors", "mentions__resolutions"
    )
    for event in events:
        (mention,) = event.mentions.all()
        assert event.mention_count == 1
        same = ("article_id", "quote", "quote_start", "quote_end", "date_start", "date_end", "date_precision")
        same += ("date_text", "kind", "title", "summary", "is_main")
        assert {name: getattr(mention, name) for name in same} == {name: getattr(event, name) for name in same}
        assert set(mention.actors.all()) == set(event.actors.all())
        assert set(mention.resolutions.all()) == set(event.resolutions.all())
        assert mention.trigger and mention.merge_rule == ""
        assert (mention.fingerprint == "main") == event.is_main
        mention.full_clean()
    # New rows after explicit ids get fresh ones (PostgreSQL's identity sequence moved past them).
    article = Article.objects.create(source_name="after.txt", title="t", published_on=TODAY, body="b")
    event = Event.objects.create(article=article, title="t", date_start=TODAY, date_end=TODAY, date_precision="day")
    Mention.objects.create(
        event=event, article=article, date_start=TODAY, date_end=TODAY, date_precision="day", fingerprint="main"
    )


def test_the_api_shows_each_synthetic_event_with_its_report(api_client):
    synthetic_generate(events=40, seed=3, today=TODAY)
    body = api_client.get("/api/events/?page_size=40").json()
    assert len(body["results"]) == 40
    for event in body["results"]:
        assert event["mention_count"] == 1
        (mention,) = event["mentions"]
        assert mention["article"] == {**event["article"], "source_name": mention["article"]["source_name"]}
        assert mention["article"]["source_name"].startswith(SOURCE_PREFIX)
        assert (mention["quote"], mention["date_start"], mention["date_end"]) == (
            event["quote"],
            event["date_start"],
            event["date_end"],
        )


def test_clear_removes_mentions_and_links_and_leaves_other_data():
    other = Article.objects.create(source_name="real.txt", title="t", published_on=TODAY, body="b")
    synthetic_generate(events=60, seed=5, today=TODAY)
    assert Mention.objects.filter(article__source_name__startswith=SOURCE_PREFIX).count() == 60
    assert synthetic_clear() == 7
    assert not Mention.objects.filter(article__source_name__startswith=SOURCE_PREFIX).exists()
    assert not Mention.actors.through.objects.filter(mention__article__source_name__startswith=SOURCE_PREFIX).exists()
    assert not Actor.objects.filter(slug__startswith="synthetic-person-").exists()
    assert Article.objects.filter(pk=other.pk).exists()


def test_command_prints_progress_and_refuses_a_second_run_without_clear():
    out = StringIO()
    call_command("generate_synthetic", "--events", "80", "--seed", "4", stdout=out)
    assert "Created 10 articles, 80 events, 80 mentions" in out.getvalue()
    assert " s (" in out.getvalue()
    with pytest.raises(CommandError, match="already exist"):
        call_command("generate_synthetic", "--events", "80", "--seed", "4", stdout=StringIO())
    out = StringIO()
    call_command("generate_synthetic", "--events", "40", "--articles", "40", "--clear", stdout=out)
    assert "Deleted 10 synthetic articles" in out.getvalue()
    assert Article.objects.filter(source_name__startswith=SOURCE_PREFIX).count() == 40
    with pytest.raises(CommandError, match="articles must be"):
        call_command("generate_synthetic", "--events", "5", "--articles", "6", "--clear", stdout=StringIO())
