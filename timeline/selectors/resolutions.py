"""Reads of resolutions: the list, and the detail with its visible events."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from timeline.models import Resolution
from timeline.selectors.events import brief_events

# How many citing events a resolution's detail embeds; the rest are at its events_url.
RESOLUTION_EVENTS_LIMIT = 200


def resolution_list() -> QuerySet[Resolution]:
    return Resolution.objects.order_by("body", "number", "id")


def resolution_detail_list() -> QuerySet[Resolution]:
    """Resolutions with the number of visible events citing them and the first ``RESOLUTION_EVENTS_LIMIT`` of
    those events by date (``visible_events``)."""
    return (
        resolution_list()
        .annotate(event_count=Count("events", filter=Q(events__is_rejected=False)))
        .prefetch_related(
            Prefetch("events", queryset=brief_events(limit=RESOLUTION_EVENTS_LIMIT), to_attr="visible_events")
        )
    )
