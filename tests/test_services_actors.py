"""Actor services: curators' edits, deletes, merges and aliases, and the people loadseeds creates; all or nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.conftest import deleting_fails_at
from tests.factories import ArticleFactory, machine_event
from timeline.models import Actor, ActorAlias, Event
from timeline.services.actors import (
    actor_alias_add,
    actor_alias_update,
    actor_aliases_delete,
    actor_create,
    actor_merge,
    actor_update,
    actors_auto_create,
    actors_delete,
    actors_make_alias_of,
)

pytestmark = pytest.mark.django_db


def make_actor(slug: str, name: str, **fields) -> Actor:
    return Actor.objects.create(slug=slug, name=name, kind=fields.pop("kind", "person"), **fields)


def test_create_and_update_save_the_fields_given():
    actor = actor_create(data={"slug": "test-envoy", "name": "An Envoy", "kind": "person"})
    assert Actor.objects.get(slug="test-envoy").name == "An Envoy"
    actor_update(actor=actor, data={"short_name": "Envoy", "description": "Appointed in 2018."})
    stored = Actor.objects.get(pk=actor.pk)
    assert (stored.name, stored.short_name, stored.description) == ("An Envoy", "Envoy", "Appointed in 2018.")


def test_update_refuses_an_unknown_field_and_the_database_rules_hold():
    actor = make_actor("test-a", "A")
    with pytest.raises(ValueError, match="aliases"):
        actor_update(actor=actor, data={"name": "B", "aliases": ["x"]})
    assert Actor.objects.get(pk=actor.pk).name == "A"
    with pytest.raises(IntegrityError), transaction.atomic():
        actor_update(actor=actor, data={"iso3": "XYZ"})  # an ISO code is for states only


def test_delete_removes_aliases_and_links_but_keeps_the_events():
    actor = make_actor("test-gone", "Gone")
    ActorAlias.objects.create(actor=actor, name="The Gone One")
    event = machine_event(ArticleFactory())
    event.actors.add(actor)
    assert actors_delete(actors=Actor.objects.filter(pk=actor.pk)) == 1
    assert not ActorAlias.objects.filter(name="The Gone One").exists()
    assert Event.objects.filter(pk=event.pk).exists() and not event.actors.exists()


def test_delete_is_all_or_nothing():
    first, second = make_actor("test-1", "One"), make_actor("test-2", "Two")
    ActorAlias.objects.create(actor=first, name="Number One")

    with deleting_fails_at(Actor, second.pk), pytest.raises(RuntimeError):
        actors_delete(actors=[first, second])
    assert Actor.objects.filter(slug__in=["test-1", "test-2"]).count() == 2
    assert ActorAlias.objects.filter(name="Number One").exists()


def test_auto_create_flags_new_people_and_leaves_known_ones():
    make_actor("test-known", "Known Person")
    created = actors_auto_create(
        people=[("test-known", "Known", "Minister"), ("test-new", "New Person", "Foreign Minister")],
        source_name="a.txt",
    )
    assert created == ["test-new"]
    new = Actor.objects.get(slug="test-new")
    assert (new.kind, new.is_auto_created, new.description) == ("person", True, "Named as Foreign Minister in a.txt.")
    assert Actor.objects.get(slug="test-known").name == "Known Person"


def test_auto_create_is_all_or_nothing(monkeypatch):
    real = Actor.objects.get_or_create

    def second_fails(**kwargs):
        if kwargs["slug"] == "test-second":
            raise RuntimeError("boom")
        return real(**kwargs)

    monkeypatch.setattr(Actor.objects, "get_or_create", second_fails)
    with pytest.raises(RuntimeError), transaction.atomic():  # loadseeds' transaction per article
        actors_auto_create(people=[("test-first", "F", "Envoy"), ("test-second", "S", "Envoy")], source_name="a.txt")
    assert not Actor.objects.filter(slug="test-first").exists()


def test_merge_moves_events_articles_and_aliases_and_deletes_the_duplicate():
    keep = make_actor("wang-yi-ref", "Wang Yi")
    duplicate = make_actor("foreign-minister-wang-yi", "Foreign Minister Wang Yi", is_auto_created=True)
    ActorAlias.objects.create(actor=duplicate, name="FM Wang")
    first, second = ArticleFactory(source_name="1.txt"), ArticleFactory(source_name="2.txt")
    first.actors.add(duplicate)
    second.actors.add(duplicate, keep)
    only_duplicate = machine_event(first, "only duplicate")
    only_duplicate.actors.add(duplicate)
    both = machine_event(second, "both")
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
    event = machine_event(ArticleFactory())
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


def test_make_alias_of_merges_and_adds_the_alias_or_does_nothing():
    target = make_actor("test-wang-yi", "Wang Yi")
    auto = make_actor("foreign-minister-wang", "Foreign Minister Wang", is_auto_created=True)
    with pytest.raises(ValidationError):
        actors_make_alias_of(target=target, actors=[auto], alias_name="DPRK")  # another actor's name
    assert Actor.objects.filter(pk=auto.pk).exists(), "the merge was undone with the refused alias"

    actors_make_alias_of(target=target, actors=[auto], alias_name="FM Wang")
    assert not Actor.objects.filter(pk=auto.pk).exists()
    assert {"Foreign Minister Wang", "FM Wang"} <= set(target.aliases.values_list("name", flat=True))


def test_alias_update_and_delete():
    actor = make_actor("test-a", "A")
    alias = actor_alias_update(alias=ActorAlias(actor=actor), data={"name": "Alias A"})
    assert ActorAlias.objects.get(pk=alias.pk).name == "Alias A"
    with pytest.raises(IntegrityError), transaction.atomic():
        actor_alias_update(alias=ActorAlias(actor=actor), data={"name": "alias a"})  # unique ignoring case
    assert actor_aliases_delete(aliases=[alias]) == 1
    assert not ActorAlias.objects.filter(actor=actor).exists()
