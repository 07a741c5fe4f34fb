"""Reads of actors: the list, the detail with aliases and event statistics, lookups by slug or by name."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet

from timeline.models import Actor, ActorAlias, Article


def actor_list() -> QuerySet[Actor]:
    return Actor.objects.order_by("name", "id")


def actor_detail_list() -> QuerySet[Actor]:
    """Actors with their aliases and the count and date range of their visible events (one query + aliases)."""
    visible = Q(events__is_rejected=False)
    return (
        actor_list()
        .prefetch_related(Prefetch("aliases", queryset=ActorAlias.objects.order_by("name", "valid_from", "id")))
        .annotate(
            event_count=Count("events", filter=visible),
            first_event_date=Min("events__date_start", filter=visible),
            last_event_date=Max("events__date_end", filter=visible),
        )
    )


def article_page_actors(*, article: Article) -> list[Actor]:
    """Every actor the article or one of its visible events names, by name, with their aliases."""
    return list(
        Actor.objects.filter(Q(articles=article) | Q(events__article=article, events__is_rejected=False))
        .distinct()
        .prefetch_related(Prefetch("aliases", queryset=ActorAlias.objects.order_by("name", "id")))
        .order_by("name", "id")
    )


def actors_by_slug(slugs: Iterable[str]) -> dict[str, Actor]:
    return {actor.slug: actor for actor in Actor.objects.filter(slug__in=list(slugs))}


def actor_slugs_named(name: str) -> set[str]:
    """The slugs of actors whose name, short name, slug or timeless alias is ``name`` (case-insensitive)."""
    return set(
        Actor.objects.filter(
            Q(name__iexact=name)
            | Q(short_name__iexact=name)
            | Q(slug__iexact=name)
            | Q(aliases__name__iexact=name, aliases__valid_from__isnull=True)
        ).values_list("slug", flat=True)
    )
