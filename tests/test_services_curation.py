"""Curation services: reviewing events and correcting actors."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from timeline.models import Actor, ActorAlias, Article, Event
from timeline.services.actors import actor_alias_add, actor_merge
from timeline.services.curation import event_save_curated, events_mark_curated, events_reject, events_restore

pytestmark = pytest.mark.django_db


def make_article(name: str = "a.txt", **fields) -> Article:
    defaults = {"title": "An article", "published_on": dt.date(2017, 8, 16), "body": "Body."}
    return Article.objects.create(source_name=name, **{**defaults, **fields})


def make_event(article: Article, title: str = "An event", **fields) -> Event:
    day = fields.pop("day", dt.date(2017, 8, 16))
    defaults = {"date_start": day, "date_end": day, "date_precision": "day"}
    return Event.objects.create(article=article, title=title, **{**defaults, **fields})


def make_actor(slug: str, name: str, **fields) -> Actor:
    return Actor.objects.create(slug=slug, name=name, kind=fields.pop("kind", "person"), **fields)


# ------------------------------------------------------------------------------------------------ events
def test_mark_curated_accepts_and_unrejects_only_the_given_events():
    article = make_article()
    first, second, untouched = (make_event(article, f"e{i}") for i in range(3))
    events_reject(events=[second])

    changed = events_mark_curated(events=Event.objects.filter(pk__in=[first.pk, second.pk]))

    assert changed == 2
    assert set(Event.objects.filter(is_curated=True).values_list("title", flat=True)) == {"e0", "e1"}
    assert not Event.objects.filter(is_rejected=True).exists()
    untouched.refresh_from_db()
    assert not untouched.is_curated
    assert events_mark_curated(events=[first]) == 0, "marking twice changes nothing"


def test_reject_hides_from_readers_but_keeps_the_row():
    article = make_article()
    kept, rejected = make_event(article, "kept"), make_event(article, "rejected")

    assert events_reject(events=[rejected]) == 1

    assert list(Event.objects.visible().values_list("title", flat=True)) == ["kept"]
    assert Event.objects.filter(pk=rejected.pk, is_rejected=True).exists()
    assert events_reject(events=[rejected]) == 0
    assert events_restore(events=[rejected]) == 1
    assert Event.objects.visible().count() == 2
    assert kept.pk


def test_event_save_curated_saves_the_edit_and_marks_it():
    event = make_event(make_article(), "Machine title")
    event.title = "Curator title"
    event.date_start = event.date_end = dt.date(2017, 8, 15)

    event_save_curated(event=event)

    stored = Event.objects.get(pk=event.pk)
    assert (stored.title, stored.date_start, stored.is_curated) == ("Curator title", dt.date(2017, 8, 15), True)


def test_event_save_curated_keeps_the_database_interval_rule():
    event = make_event(make_article())
    event.date_start = dt.date(2018, 1, 1)
    with pytest.raises(IntegrityError):
        event_save_curated(event=event)


# ------------------------------------------------------------------------------------------------ actors
def test_merge_moves_events_articles_and_aliases_and_deletes_the_duplicate():
    keep = make_actor("wang-yi-ref", "Wang Yi")
    duplicate = make_actor("foreign-minister-wang-yi", "Foreign Minister Wang Yi", is_auto_created=True)
    ActorAlias.objects.create(actor=duplicate, name="FM Wang")
    first, second = make_article("1.txt"), make_article("2.txt")
    first.actors.add(duplicate)
    second.actors.add(duplicate, keep)
    only_duplicate = make_event(first, "only duplicate")
    only_duplicate.actors.add(duplicate)
    both = make_event(second, "both")
    both.actors.add(duplicate, keep)

    result = actor_merge(keep=keep, merge=[duplicate])

    assert result == keep
    assert not Actor.objects.filter(pk=duplicate.pk).exists()
    assert set(keep.events.values_list("title", flat=True)) == {"only duplicate", "both"}
    assert both.actors.filter(pk=keep.pk).count() == 1, "no duplicate link"
    assert set(keep.articles.values_list("source_name", flat=True)) == {"1.txt", "2.txt"}
    assert {"FM Wang", "Foreign Minister Wang Yi"} <= set(keep.aliases.values_list("name", flat=True))


def test_merge_does_not_steal_a_name_another_actor_holds_and_fills_blank_fields():
    dprk = Actor.objects.get(slug="north-korea")
    keep = make_actor("korea-north", "Korea North", kind="state")
    duplicate = make_actor("dprk-dup", "DPRK", kind="state", short_name="N. Korea", description="From a test.")

    actor_merge(keep=keep, merge=[duplicate])

    keep.refresh_from_db()
    assert ActorAlias.objects.get(name__iexact="dprk", valid_from__isnull=True).actor == dprk
    assert set(keep.aliases.values_list("name", flat=True)) == {"N. Korea"}
    assert (keep.short_name, keep.description) == ("N. Korea", "From a test.")


def test_merge_is_all_or_nothing(monkeypatch):
    keep = make_actor("keep", "Keep")
    duplicate = make_actor("dup", "Dup")
    event = make_event(make_article())
    event.actors.add(duplicate)

    def explode(name):  # fails after the links moved and the duplicate was deleted
        raise RuntimeError("boom")

    monkeypatch.setattr("timeline.services.actors._alias_owner", explode)
    with pytest.raises(RuntimeError):
        actor_merge(keep=keep, merge=[duplicate])

    assert Actor.objects.filter(pk=duplicate.pk).exists()
    assert list(event.actors.values_list("slug", flat=True)) == ["dup"]


def test_merge_of_an_actor_with_itself_changes_nothing():
    keep = make_actor("keep", "Keep")
    assert actor_merge(keep=keep, merge=[keep]) == keep
    assert Actor.objects.filter(pk=keep.pk).exists()


def test_alias_add_creates_returns_existing_and_refuses_another_actors_name():
    actor = make_actor("wang", "Wang Yi")

    alias = actor_alias_add(actor=actor, name="  Foreign   Minister Wang ")
    assert alias.name == "Foreign Minister Wang"
    assert actor_alias_add(actor=actor, name="foreign minister wang") == alias

    with pytest.raises(ValidationError, match="already an alias of"):
        actor_alias_add(actor=actor, name="dprk")
    with pytest.raises(ValidationError):
        actor_alias_add(actor=actor, name="   ")
