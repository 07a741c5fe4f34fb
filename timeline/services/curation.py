"""A curator's review of extracted events: accept, reject, or save an edit.

``is_curated`` and ``is_rejected`` are what ``loadseeds`` respects: a reload never changes or deletes a
curated event and never brings a rejected one back. Rejected events stay in the database (curators see them in
the admin; readers, the API and the timeline page do not).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet

from timeline.models import Event


def _event_ids(events: Iterable[Event] | QuerySet[Event]) -> list[int]:
    if isinstance(events, QuerySet):
        return list(events.values_list("pk", flat=True))
    return [event.pk for event in events]


def events_mark_curated(*, events: Iterable[Event] | QuerySet[Event]) -> int:
    """Mark events as reviewed by a curator: they become curated and visible (a rejection is undone).

    Returns how many events changed.
    """
    with transaction.atomic():
        return (
            Event.objects.filter(pk__in=_event_ids(events))
            .exclude(is_curated=True, is_rejected=False)
            .update(is_curated=True, is_rejected=False)
        )


def events_reject(*, events: Iterable[Event] | QuerySet[Event]) -> int:
    """Hide events from readers without deleting them; reloads keep them rejected. Returns how many changed."""
    with transaction.atomic():
        return Event.objects.filter(pk__in=_event_ids(events), is_rejected=False).update(is_rejected=True)


def events_restore(*, events: Iterable[Event] | QuerySet[Event]) -> int:
    """Undo a rejection: the events are visible again. Returns how many changed."""
    with transaction.atomic():
        return Event.objects.filter(pk__in=_event_ids(events), is_rejected=True).update(is_rejected=False)


def event_save_curated(*, event: Event) -> Event:
    """Save a curator's edit of an event (new or existing) and mark it curated, so reloads keep the edit.

    Many-to-many changes (actors, resolutions) are saved by the caller afterwards, as a model form does.
    """
    with transaction.atomic():
        event.is_curated = True
        event.save()
    return event
