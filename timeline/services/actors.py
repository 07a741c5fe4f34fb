"""Writes to actors and their aliases: curators' edits (API and admin), merges, aliases, and the people
``loadseeds`` finds named with a title.

Merges and aliases matter beyond the current data: ``loadseeds`` resolves names through aliases, so a name a
curator turned into an alias resolves to the right actor on every later reload instead of re-creating a
duplicate. The reference actors are written by ``services.reference``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from timeline.choices import ActorKind
from timeline.models import Actor, ActorAlias, Article, Event
from timeline.services.common import model_save, primary_keys

# What a curator may set on an actor and on an alias (slug and is_auto_created too, in the admin).
ACTOR_FIELDS = frozenset({"slug", "name", "short_name", "kind", "iso3", "description", "is_auto_created"})
ALIAS_FIELDS = frozenset({"actor", "name", "valid_from", "valid_to"})


def actor_create(*, data: Mapping[str, Any]) -> Actor:
    """Create an actor from validated data."""
    return actor_update(actor=Actor(), data=data)


def actor_update(*, actor: Actor, data: Mapping[str, Any]) -> Actor:
    """Save ``actor`` (new or existing) with ``data`` applied, in one transaction."""
    return model_save(instance=actor, data=data, fields=ACTOR_FIELDS)


def actors_delete(*, actors: Iterable[Actor] | QuerySet[Actor]) -> int:
    """Delete actors with their aliases and their links to events, mentions and articles; returns how many went.

    The events stay (with their other actors). A reference actor comes back with the next ``loadseeds``
    (``services.reference`` adds what the fixtures have and the database lacks); to fold a duplicate into
    another actor, ``actor_merge`` keeps its events.
    """
    with transaction.atomic():
        deleted = Actor.objects.filter(pk__in=primary_keys(actors)).delete()[1]
    return deleted.get(Actor._meta.label, 0)


def actors_auto_create(*, people: Iterable[tuple[str, str, str]], source_name: str) -> list[str]:
    """Create the people ``loadseeds`` found named with a title and the gazetteer does not know, flagged
    ``is_auto_created`` for curators. ``people`` are ``(slug, name, title)``; returns the slugs created (an
    existing slug is left as it is). Inside ``loadseeds``' transaction per article it adds no savepoint."""
    created_slugs = []
    with transaction.atomic(savepoint=False):
        for slug, name, title in people:
            _actor, created = Actor.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "kind": ActorKind.PERSON,
                    "is_auto_created": True,
                    "description": f"Named as {title} in {source_name}.",
                },
            )
            if created:
                created_slugs.append(slug)
    return created_slugs


def _alias_owner(name: str) -> ActorAlias | None:
    """The unbounded alias that already holds ``name`` (aliases are unique ignoring case), if any."""
    return ActorAlias.objects.select_related("actor").filter(name__iexact=name, valid_from__isnull=True).first()


def _relink(through, *, owner_field: str, merged_ids: list[int], keep_id: int) -> int:
    """Point every row of an actor M2M table from the merged actors to the kept one, without duplicates."""
    owner_ids = set(through.objects.filter(actor_id__in=merged_ids).values_list(owner_field, flat=True))
    linked = set(
        through.objects.filter(actor_id=keep_id, **{f"{owner_field}__in": owner_ids}).values_list(
            owner_field, flat=True
        )
    )
    through.objects.bulk_create(
        [through(**{owner_field: owner_id, "actor_id": keep_id}) for owner_id in sorted(owner_ids - linked)]
    )
    return len(owner_ids)


def actor_merge(*, keep: Actor, merge: Iterable[Actor]) -> Actor:
    """Merge duplicate actors into ``keep``, in one transaction.

    Every event link, article link and alias of the merged actors moves to ``keep``; their names (and short
    names) become aliases of ``keep`` where no other alias holds them already; blank fields of ``keep``
    (short name, description, ISO code of a state) are filled from the merged actors; then the merged actors
    are deleted. Returns ``keep``.
    """
    merged = [actor for actor in merge if actor.pk != keep.pk]
    if not merged:
        return keep
    merged_ids = [actor.pk for actor in merged]
    with transaction.atomic():
        _relink(Event.actors.through, owner_field="event_id", merged_ids=merged_ids, keep_id=keep.pk)
        _relink(Article.actors.through, owner_field="article_id", merged_ids=merged_ids, keep_id=keep.pk)
        ActorAlias.objects.filter(actor_id__in=merged_ids).update(actor_id=keep.pk)

        new_names: dict[str, str] = {}
        for actor in merged:
            for name in (actor.name, actor.short_name):
                name = (name or "").strip()
                if name and name.lower() not in {keep.name.lower(), *new_names}:
                    new_names[name.lower()] = name

        inherited_iso3 = None
        for actor in merged:
            keep.short_name = keep.short_name or actor.short_name
            keep.description = keep.description or actor.description
            if keep.kind == ActorKind.STATE and not keep.iso3 and actor.iso3:
                inherited_iso3 = inherited_iso3 or actor.iso3

        Actor.objects.filter(pk__in=merged_ids).delete()
        if inherited_iso3:
            keep.iso3 = inherited_iso3
        keep.save()
        for name in new_names.values():
            if _alias_owner(name) is None:
                ActorAlias.objects.create(actor=keep, name=name)
    return keep


def actors_make_alias_of(*, target: Actor, actors: Iterable[Actor], alias_name: str = "") -> Actor:
    """Auto-created actors that are really ``target``: merge them into it (their names become its aliases) and,
    when given, add ``alias_name`` as another alias, all in one transaction. Raises ``ValidationError`` (and
    changes nothing) when the alias is another actor's name."""
    with transaction.atomic():
        actor_merge(keep=target, merge=actors)
        if alias_name:
            actor_alias_add(actor=target, name=alias_name)
    return target


def actor_alias_add(
    *, actor: Actor, name: str, valid_from: dt.date | None = None, valid_to: dt.date | None = None
) -> ActorAlias:
    """Give ``actor`` another name. Returns the alias (the existing one if the actor already has it).

    Raises ``ValidationError`` when the name is empty or is already another actor's alias.
    """
    name = " ".join(name.split())
    if not name:
        raise ValidationError("An alias needs a name.")
    with transaction.atomic():
        existing = ActorAlias.objects.select_related("actor").filter(name__iexact=name, valid_from=valid_from).first()
        if existing is not None:
            if existing.actor_id == actor.pk:
                return existing
            raise ValidationError(f"“{name}” is already an alias of {existing.actor.name}.")
        return ActorAlias.objects.create(actor=actor, name=name, valid_from=valid_from, valid_to=valid_to)


def actor_alias_update(*, alias: ActorAlias, data: Mapping[str, Any]) -> ActorAlias:
    """Save ``alias`` (new or existing) with ``data`` applied, in one transaction. The database refuses a name
    another alias holds (ignoring case), so a duplicate is an ``IntegrityError``, never a second row."""
    return model_save(instance=alias, data=data, fields=ALIAS_FIELDS)


def actor_aliases_delete(*, aliases: Iterable[ActorAlias] | QuerySet[ActorAlias]) -> int:
    """Delete aliases; the name no longer resolves to the actor on later reloads. Returns how many went."""
    with transaction.atomic():
        return ActorAlias.objects.filter(pk__in=primary_keys(aliases)).delete()[0]
