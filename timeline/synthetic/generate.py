"""``synthetic_generate`` and ``synthetic_clear``: the entry points ``generate_synthetic`` and the benchmarks call."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from timeline.choices import ActorKind
from timeline.models import Actor, Article, Event, Mention
from timeline.synthetic.draw import PERSON_SLUG_PREFIX, SOURCE_PREFIX, Drawer, person_names, pools_read
from timeline.synthetic.rows import batches
from timeline.synthetic.write import (
    batch_bulk_create,
    batch_copy,
    max_id,
    rows_delete,
    sequences_reset,
    tables_analyze,
)

EVENTS_PER_ARTICLE = 8


@dataclass
class SyntheticResult:
    """What one run created and how long it took."""

    articles: int
    events: int
    mentions: int
    event_actor_links: int
    event_resolution_links: int
    people_created: int
    popular_slugs: list[str]
    seconds: float


def _people_ensure(*, count: int) -> int:
    """Make sure synthetic people ``synthetic-person-00001``..``count`` exist; returns how many were created."""
    existing = set(Actor.objects.filter(slug__startswith=PERSON_SLUG_PREFIX).values_list("slug", flat=True))
    new = [
        Actor(slug=slug, name=name, kind=ActorKind.PERSON) for slug, name in person_names(count) if slug not in existing
    ]
    Actor.objects.bulk_create(new, batch_size=1000)
    return len(new)


def synthetic_generate(
    *,
    events: int,
    seed: int = 1,
    articles: int | None = None,
    people: int | None = None,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> SyntheticResult:
    """Create ``events`` synthetic events, one mention each, in ``articles`` articles (default: events / 8).

    Runs in one transaction; raises ``ValueError`` when synthetic articles already exist (``synthetic_clear``
    first) or the numbers make no sense. ``people`` synthetic people join the reference actors (default: one per
    500 events, at least 50).
    """
    if events < 1:
        raise ValueError("events must be at least 1")
    articles = articles or max(1, events // EVENTS_PER_ARTICLE)
    if not 1 <= articles <= events:
        raise ValueError("articles must be between 1 and the number of events")
    people = people if people is not None else max(50, events // 500)
    today = today or timezone.localdate()
    report = progress or (lambda message: None)
    started = time.monotonic()
    is_postgresql = connection.vendor == "postgresql"
    with transaction.atomic():
        if Article.objects.filter(source_name__startswith=SOURCE_PREFIX).exists():
            raise ValueError("synthetic articles already exist; clear them first (generate_synthetic --clear)")
        if is_postgresql:
            # Explicit ids below: keep other writers out until the sequences have moved past them.
            tables = ", ".join(model._meta.db_table for model in (Article, Event, Mention))
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
        people_created = _people_ensure(count=people)
        pools = pools_read(people=people)
        drawer = Drawer(seed=seed, today=today, pools=pools)
        sizes = drawer.article_sizes(events=events, articles=articles)
        write = batch_copy if is_postgresql else batch_bulk_create
        totals = {"articles": 0, "events": 0, "mentions": 0, "actors": 0, "resolutions": 0}
        for batch in batches(
            drawer=drawer,
            sizes=sizes,
            article_id_base=max_id(Article),
            event_id_base=max_id(Event),
            mention_id_base=max_id(Mention),
            now=timezone.now(),
        ):
            write(batch)
            totals["articles"] += len(batch.articles)
            totals["events"] += len(batch.events)
            totals["mentions"] += len(batch.mentions)
            totals["actors"] += len(batch.event_actors)
            totals["resolutions"] += len(batch.event_resolutions)
            elapsed = time.monotonic() - started
            report(
                f"{totals['events']:,}/{events:,} events, {totals['articles']:,} articles "
                f"({elapsed:.1f} s, {totals['events'] / max(elapsed, 1e-9):,.0f} events/s)"
            )
        sequences_reset()
    tables_analyze()
    return SyntheticResult(
        articles=totals["articles"],
        events=totals["events"],
        mentions=totals["mentions"],
        event_actor_links=totals["actors"],
        event_resolution_links=totals["resolutions"],
        people_created=people_created,
        popular_slugs=list(Actor.objects.filter(id__in=pools.popular_ids).values_list("slug", flat=True)),
        seconds=time.monotonic() - started,
    )


def synthetic_clear() -> int:
    """Delete every synthetic article with its events, mentions and links, and the synthetic people; returns
    how many articles went."""
    with transaction.atomic():
        return rows_delete()
