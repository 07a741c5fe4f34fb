"""Event services: curators create, edit, review, reject, restore and delete events, all or nothing."""

import datetime as dt

import pytest
from django.db import IntegrityError

from tests.factories import ArticleFactory, machine_event
from timeline.models import Actor, Event, Mention
from timeline.services.events import (
    event_create,
    event_reject,
    event_save_curated,
    event_update,
    events_delete,
    events_mark_curated,
    events_reject,
    events_restore,
)

pytestmark = pytest.mark.django_db


def test_mark_curated_accepts_and_unrejects_only_the_given_events():
    article = ArticleFactory()
    first, second, untouched = (machine_event(article, f"e{i}") for i in range(3))
    events_reject(events=[second])

    changed = events_mark_curated(events=Event.objects.filter(pk__in=[first.pk, second.pk]))

    assert changed == 2
    assert set(Event.objects.filter(is_curated=True).values_list("title", flat=True)) == {"e0", "e1"}
    assert not Event.objects.filter(is_rejected=True).exists()
    untouched.refresh_from_db()
    assert not untouched.is_curated
    assert events_mark_curated(events=[first]) == 0, "marking twice changes nothing"


def test_reject_hides_from_readers_but_keeps_the_row():
    article = ArticleFactory()
    kept, rejected = machine_event(article, "kept"), machine_event(article, "rejected")

    assert events_reject(events=[rejected]) == 1

    assert list(Event.objects.visible().values_list("title", flat=True)) == ["kept"]
    assert Event.objects.filter(pk=rejected.pk, is_rejected=True).exists()
    assert events_reject(events=[rejected]) == 0
    assert events_restore(events=[rejected]) == 1
    assert Event.objects.visible().count() == 2
    assert kept.pk


def test_event_save_curated_saves_the_edit_and_marks_it():
    event = machine_event(ArticleFactory(), "Machine title")
    event.title = "Curator title"
    event.date_start = event.date_end = dt.date(2017, 8, 15)

    event_save_curated(event=event)

    stored = Event.objects.get(pk=event.pk)
    assert (stored.title, stored.date_start, stored.is_curated) == ("Curator title", dt.date(2017, 8, 15), True)


def test_event_save_curated_keeps_the_database_interval_rule():
    event = machine_event(ArticleFactory())
    event.date_start = dt.date(2018, 1, 1)
    with pytest.raises(IntegrityError):
        event_save_curated(event=event)


def test_event_save_curated_saves_relations_with_the_event():
    event = machine_event(ArticleFactory())
    dprk = Actor.objects.get(slug="north-korea")
    event_save_curated(event=event, relations={"actors": [dprk]})
    assert list(Event.objects.get(pk=event.pk).actors.values_list("slug", flat=True)) == ["north-korea"]


def test_event_create_is_curated_with_its_relations_and_update_marks_curated():
    article = ArticleFactory()
    dprk = Actor.objects.get(slug="north-korea")
    data = {"title": "Made by hand", "article": article, "date_start": dt.date(2017, 8, 1)}
    data |= {"date_end": dt.date(2017, 8, 31), "date_precision": "month", "actors": [dprk]}
    event = event_create(data=data, user=None)
    stored = Event.objects.get(pk=event.pk)
    assert (stored.title, stored.is_curated, list(stored.actors.all())) == ("Made by hand", True, [dprk])

    machine = machine_event(article, "Machine")
    event_update(event=machine, data={"title": "Fixed", "actors": []}, user=None)
    machine.refresh_from_db()
    assert (machine.title, machine.is_curated, machine.actors.count()) == ("Fixed", True, 0)


def test_event_create_is_all_or_nothing():
    article = ArticleFactory()
    data = {"title": "Half written", "article": article, "date_start": dt.date(2017, 8, 1)}
    data |= {"date_end": dt.date(2017, 8, 1), "date_precision": "day", "actors": [Actor(slug="unsaved")]}
    with pytest.raises(ValueError):  # the event row is written, then its actors fail
        event_create(data=data, user=None)
    assert not Event.objects.filter(title="Half written").exists()


def test_event_update_refuses_an_unknown_field_and_writes_nothing():
    event = machine_event(ArticleFactory(), "Kept")
    with pytest.raises(ValueError, match="is_rejected"):
        event_update(event=event, data={"title": "Changed", "is_rejected": True}, user=None)
    assert Event.objects.get(pk=event.pk).title == "Kept"


def test_event_update_is_all_or_nothing():
    event = machine_event(ArticleFactory(), "Kept")
    with pytest.raises(ValueError):  # the row is saved, then its actors fail
        event_update(event=event, data={"title": "Changed", "actors": [Actor(slug="unsaved")]}, user=None)
    stored = Event.objects.get(pk=event.pk)
    assert (stored.title, stored.is_curated) == ("Kept", False)


def test_event_reject_keeps_the_row():
    event = machine_event(ArticleFactory())
    event_reject(event=event, user=None)
    assert Event.objects.filter(pk=event.pk, is_rejected=True).exists()


def test_events_delete_removes_events_with_their_mentions():
    article = ArticleFactory()
    gone, kept = machine_event(article, "gone"), machine_event(article, "kept")
    Mention.objects.create(
        event=gone,
        article=article,
        date_start=gone.date_start,
        date_end=gone.date_end,
        date_precision="day",
        fingerprint="main",
    )
    assert events_delete(events=Event.objects.filter(pk=gone.pk)) == 1
    assert list(Event.objects.values_list("title", flat=True)) == ["kept"]
    assert not Mention.objects.exists()
    assert kept.pk
