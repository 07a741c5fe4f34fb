"""Writes to events from the API: a curator creates, edits or rejects an event.

Every write marks the event curated, so ``loadseeds`` never changes or deletes it afterwards. A rejection keeps
the row (``is_rejected``) so a reload does not bring a machine-extracted event back; see ``services.curation``.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from timeline.models import Event
from timeline.selectors.events import EVENT_CONTENT_FIELDS, EVENT_RELATION_FIELDS
from timeline.services.curation import events_reject

logger = logging.getLogger(__name__)

# The fields a curator may set; anything else in ``data`` is an error in the caller.
EVENT_FIELDS = frozenset({*EVENT_CONTENT_FIELDS, "article"})
EVENT_RELATIONS = frozenset(EVENT_RELATION_FIELDS)


def _split(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    unknown = set(data) - EVENT_FIELDS - EVENT_RELATIONS
    if unknown:
        raise ValueError(f"Not an editable event field: {', '.join(sorted(unknown))}")
    fields = {name: value for name, value in data.items() if name in EVENT_FIELDS}
    relations = {name: value for name, value in data.items() if name in EVENT_RELATIONS}
    return fields, relations


def _user_label(user: AbstractBaseUser | AnonymousUser | None) -> str:
    return getattr(user, "get_username", lambda: "unknown")() if user is not None else "unknown"


def event_create(*, data: dict[str, Any], user: AbstractBaseUser | AnonymousUser | None) -> Event:
    """Create an event from validated data (relations as lists of model instances); it is curated from the start."""
    fields, relations = _split(data)
    with transaction.atomic():
        event = Event(**fields, is_curated=True)
        event.save()
        for name, values in relations.items():
            getattr(event, name).set(values)
    logger.info("Event %s created by %s", event.pk, _user_label(user))
    return event


def event_update(*, event: Event, data: dict[str, Any], user: AbstractBaseUser | AnonymousUser | None) -> Event:
    """Apply a curator's changes (a full or partial set of fields; relations replace the current lists).

    Marks the event curated, even when nothing else changed: a curator looked at it and kept it.
    """
    fields, relations = _split(data)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(event, name, value)
        event.is_curated = True
        event.save()
        for name, values in relations.items():
            getattr(event, name).set(values)
    logger.info("Event %s edited by %s: %s", event.pk, _user_label(user), ", ".join(sorted(data)) or "no change")
    return event


def event_reject(*, event: Event, user: AbstractBaseUser | AnonymousUser | None) -> None:
    """Hide an event from readers for good (what DELETE means in the API); the row stays for curators."""
    with transaction.atomic():
        events_reject(events=[event])
    logger.info("Event %s rejected by %s", event.pk, _user_label(user))
