"""Article services: loadseeds' row and links, curators' edits and deletes; all or nothing."""

import datetime as dt

import pytest
from django.db import transaction

from tests.factories import ArticleFactory, EventFactory
from timeline.models import Actor, Article, Event, Mention, Resolution
from timeline.services.articles import article_store, article_update, articles_delete

pytestmark = pytest.mark.django_db

FIELDS = {
    "title": "Council meets",
    "published_on": dt.date(2017, 8, 16),
    "body": "The Council met.",
    "content_hash": "h",
}


def ids(*slugs: str) -> list[int]:
    return list(Actor.objects.filter(slug__in=slugs).order_by("slug").values_list("id", flat=True))


def test_store_creates_the_article_with_exactly_its_links_then_replaces_them():
    resolution = Resolution.objects.get(symbol="S/RES/2371 (2017)")
    article = article_store(
        article=None,
        source_name="new.txt",
        data=FIELDS,
        actor_ids=ids("north-korea", "security-council"),
        resolution_ids=[resolution.pk],
    )
    stored = Article.objects.get(source_name="new.txt")
    assert stored.pk == article.pk and stored.title == "Council meets"
    assert set(stored.actors.values_list("slug", flat=True)) == {"north-korea", "security-council"}
    assert list(stored.resolutions.all()) == [resolution]

    article_store(
        article=stored, source_name="new.txt", data={"title": "Edited"}, actor_ids=ids("iaea"), resolution_ids=[]
    )
    stored.refresh_from_db()
    assert stored.title == "Edited"
    assert list(stored.actors.values_list("slug", flat=True)) == ["iaea"]
    assert not stored.resolutions.exists()


def test_store_is_all_or_nothing_within_the_callers_transaction(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(Article.resolutions.through.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError), transaction.atomic():  # loadseeds' transaction per article
        article_store(article=None, source_name="half.txt", data=FIELDS, actor_ids=ids("iaea"), resolution_ids=[1])
    assert not Article.objects.filter(source_name="half.txt").exists()
    assert not Article.actors.through.objects.filter(article__source_name="half.txt").exists()


def test_update_saves_fields_and_relations():
    article = ArticleFactory()
    article_update(article=article, data={"title": "Retitled", "actors": Actor.objects.filter(slug="iaea")})
    stored = Article.objects.get(pk=article.pk)
    assert stored.title == "Retitled"
    assert list(stored.actors.values_list("slug", flat=True)) == ["iaea"]


def test_update_is_all_or_nothing():
    article = ArticleFactory(title="Kept")
    with pytest.raises(ValueError):  # the row is saved, then its actors fail
        article_update(article=article, data={"title": "Changed", "actors": [Actor(slug="unsaved")]})
    assert Article.objects.get(pk=article.pk).title == "Kept"


def test_delete_takes_the_events_and_mentions_along():
    event = EventFactory()
    other = EventFactory()
    assert articles_delete(articles=[event.article]) == 1
    assert list(Event.objects.values_list("pk", flat=True)) == [other.pk]
    assert list(Mention.objects.values_list("event_id", flat=True)) == [other.pk]
