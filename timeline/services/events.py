"""Writes to events by curators, from the API and the admin alike: create, edit, review, reject, restore, delete.

``is_curated`` and ``is_rejected`` are what ``loadseeds`` respects: a reload never changes or deletes a curated
event and never brings a rejected one back. Every edit marks the event curated. A rejection keeps the row
(``is_rejected``): curators see it in the admin; readers, the API and the timeline page do not, and a reload does
not bring the machine's twin back. Merging events and splitting a report off are in ``services.mentions``;
loadseeds' writes are in ``services.ingest``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import QuerySet

from timeline.models import Event
from timeline.selectors.events import EVENT_CONTENT_FIELDS, EVENT_RELATION_FIELDS
from timeline.services.common import model_save, primary_keys

logger = logging.getLogger(__name__)

# The fields a curator may set; anything else in ``data`` is an error in the caller.
EVENT_FIELDS = frozenset({*EVENT_CONTENT_FIELDS, "article"})
EVENT_RELATIONS = frozenset(EVENT_RELATION_FIELDS)

User = AbstractBaseUser | AnonymousUser | None


def _user_label(user: User) -> str:
    return getattr(user, "get_username", lambda: "unknown")() if user is not None else "unknown"


def event_create(*, data: dict[str, Any], user: User) -> Event:
    """Create an event from validated data (relations as lists of model instances); it is curated from the start."""
    event = model_save(instance=Event(is_curated=True), data=data, fields=EVENT_FIELDS, relations=EVENT_RELATIONS)
    logger.info("Event %s created by %s", event.pk, _user_label(user))
    return event


def event_update(*, event: Event, data: dict[str, Any], user: User) -> Event:
    """Apply a curator's changes (a full or partial set of fields; relations replace the current lists).

    Marks the event curated, even when nothing else changed: a curator looked at it and kept it.
    """
    event.is_curated = True
    model_save(instance=event, data=data, fields=EVENT_FIELDS, relations=EVENT_RELATIONS)
    logger.info("Event %s edited by %s: %s", event.pk, _user_label(user), ", ".join(sorted(data)) or "no change")
    return event


def event_save_curated(*, event: Event, relations: dict[str, Any] | None = None) -> Event:
    """Save a curator's edit of an event (new or existing, its fields already set, as a model form leaves it) and
    mark it curated, so reloads keep the edit. ``relations`` (``actors``, ``resolutions``: lists that replace the
    current ones) are saved in the same transaction."""
    event.is_curated = True
    return model_save(instance=event, data=relations or {}, fields=frozenset(), relations=EVENT_RELATIONS)


def event_reject(*, event: Event, user: User) -> None:
    """Hide an event from readers for good (what DELETE means in the API); the row stays for curators."""
    events_reject(events=[event])
    logger.info("Event %s rejected by %s", event.pk, _user_label(user))


def events_mark_curated(*, events: Iterable[Event] | QuerySet[Event]) -> int:
    """Mark events as reviewed by a curator: they become curated and visible (a rejection is undone).

    Returns how many events changed.
    """
    with transaction.atomic():
        return (
            Event.objects.filter(pk__in=primary_keys(events))
            .exclude(is_curated=True, is_rejected=False)
            .update(is_curated=True, is_rejected=False)
        )


def events_reject(*, events: Iterable[Event] | QuerySet[Event]) -> int:
    """Hide events from readers without deleting them; reloads keep them rejected. Returns how many changed."""
    with transaction.atomic():
        return Event.objects.filter(pk__in=primary_keys(events), is_rejected=False).update(is_rejected=True)


def events_restore(*, events: Iterable[Event] | QuerySet[Event]) -> int:
    """Undo a rejection: the events are visible again. Returns how many changed."""
    with transaction.atomic():
        return Event.objects.filter(pk__in=primary_keys(events), is_rejected=True).update(is_rejected=False)


def events_delete(*, events: Iterable[Event] | QuerySet[Event]) -> int:
    """Delete events with their mentions (the admin's delete). Unlike a rejection this forgets them: the next
    reload of their articles extracts them again. Returns how many events went."""
    with transaction.atomic():
        deleted = Event.objects.filter(pk__in=primary_keys(events)).delete()[1]
    return deleted.get(Event._meta.label, 0)
