"""Reads of articles: the list (without bodies) and the detail with its actors, resolutions and events."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from timeline.models import Actor, Article, Resolution
from timeline.selectors.events import brief_events


def article_list() -> QuerySet[Article]:
    """Articles, newest first, without their bodies."""
    return Article.objects.order_by("-published_on", "id").defer("body")


def article_detail_list() -> QuerySet[Article]:
    """Articles with their actors (by name), resolutions (by body and number) and visible events by date
    (``visible_events``)."""
    return Article.objects.order_by("-published_on", "id").prefetch_related(
        Prefetch("actors", queryset=Actor.objects.order_by("name", "id")),
        Prefetch("resolutions", queryset=Resolution.objects.order_by("body", "number", "id")),
        Prefetch("events", queryset=brief_events(), to_attr="visible_events"),
    )
