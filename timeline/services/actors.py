"""A curator's corrections to actors: merge duplicates, add aliases.

Both matter beyond the current data: ``loadseeds`` resolves names through aliases, so a name a curator turned
into an alias resolves to the right actor on every later reload instead of re-creating a duplicate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from timeline.choices import ActorKind
from timeline.models import Actor, ActorAlias, Article, Event


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
