"""Synthetic timelines for benchmarks: articles, events, actors and resolutions in realistic proportions.

The generator writes what loadseeds would have written for a large archive of UN news, fast enough to make a
million events in a few minutes: on PostgreSQL it streams rows with ``COPY`` (events and M2M rows), elsewhere it
uses batched ``bulk_create``. Proportions (the scale issue):

* about 3 actors per event (1 to 6), drawn from the reference actors plus synthetic people; a few "popular"
  actors (``POPULAR_SLUGS``) each appear in about 5% of all events, the rest follow a flat Zipf law so no other
  actor comes near that;
* 10% of the events cite a resolution (the reference Security Council resolutions);
* dates from 1945 to ``today``, more of them in recent decades; precisions day/month/year, and 1% of the events
  span several years;
* every article has a main event dated by its dateline and a few more, each quoting its own sentence of the body
  (``quote == body[quote_start:quote_end]``), (synthetic events have no mentions yet).

Everything is drawn from one ``random.Random(seed)``, so the same seed, ``today`` and reference data give the
same rows. Synthetic articles are named ``synthetic-000001.txt`` and so on; synthetic people have slugs
``synthetic-person-00001``; ``synthetic_clear`` removes both.
"""

# ruff: noqa: S608 (the SQL here interpolates table and column names from model metadata, never input)

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import io
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from timeline.choices import ActorKind, DatePrecision, EventKind
from timeline.models import Actor, Article, Event, Resolution
from timeline.selectors.dates import month_end
from timeline.selectors.events import EVENT_CONTENT_FIELDS

SOURCE_PREFIX = "synthetic-"
PERSON_SLUG_PREFIX = "synthetic-person-"
EXTRACTOR_VERSION = "synthetic"
FIRST_DAY = dt.date(1945, 1, 1)
# The actors that show up everywhere in UN news; whichever of them exist become the ~5% actors.
POPULAR_SLUGS = ("security-council", "antonio-guterres", "north-korea", "united-states", "russia")
POPULAR_SHARE = 0.05
RESOLUTION_SHARE = 0.10
MULTI_YEAR_SHARE = 0.01
EVENTS_PER_ARTICLE = 8
BATCH_EVENTS = 50_000

FIRST_NAMES = (
    "Amina Carlos Chen Daniel Elena Fatima Hiroshi Ibrahim Ines Jonas Karim Leila Maria Mohammed Nadia Olga Pablo "
    "Priya Rafael Sara Tomas Wei Yusuf Zainab Aleksander Beatriz Kwame Lindiwe Marta Noura"
).split()
LAST_NAMES = (
    "Abdi Alvarez Bakr Chowdhury Dlamini Eriksen Fernandes Gomez Haddad Ivanova Jensen Kamara Kowalski Lee Mensah "
    "Nakamura Okafor Petrov Quispe Rahman Santos Tanaka Usman Varga Wang Xu Yilmaz Zubiri Moreau Castillo"
).split()
ROLES = ("Foreign Minister", "Special Envoy", "Ambassador", "Under-Secretary-General", "President", "Prime Minister")
TOPICS = (
    "the humanitarian situation",
    "the ceasefire",
    "the nuclear programme",
    "the peace process",
    "sanctions implementation",
    "the protection of civilians",
    "refugee returns",
    "the electoral calendar",
    "climate-related security risks",
    "the mandate of the mission",
)
VERBS = {
    EventKind.STATEMENT: "issued a statement on",
    EventKind.MEETING: "met to discuss",
    EventKind.RESOLUTION: "adopted a resolution on",
    EventKind.SANCTIONS: "imposed sanctions over",
    EventKind.TEST_OR_LAUNCH: "reported a launch linked to",
    EventKind.CONFLICT: "reported fighting affecting",
    EventKind.AGREEMENT: "signed an agreement on",
    EventKind.OTHER: "addressed",
}
KIND_WEIGHTS = {
    EventKind.STATEMENT: 30,
    EventKind.MEETING: 25,
    EventKind.RESOLUTION: 8,
    EventKind.SANCTIONS: 5,
    EventKind.TEST_OR_LAUNCH: 4,
    EventKind.CONFLICT: 10,
    EventKind.AGREEMENT: 6,
    EventKind.OTHER: 12,
}
# Actors per event: 1..6, mean 3.
ACTOR_COUNT_WEIGHTS = {1: 10, 2: 25, 3: 32, 4: 20, 5: 9, 6: 4}


@dataclass
class SyntheticResult:
    """What one run created and how long it took."""

    articles: int
    events: int
    event_actor_links: int
    event_resolution_links: int
    people_created: int
    popular_slugs: list[str]
    seconds: float


@dataclass
class _Pools:
    actor_ids: list[int]
    actor_names: dict[int, str]
    popular_ids: list[int]
    other_cum_weights: list[float]
    other_ids: list[int]
    resolution_ids: list[int]
    resolution_symbols: dict[int, str]


def _display_day(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


class _Drawer:
    """Every random choice of the generator, from one seeded ``random.Random``."""

    def __init__(self, *, seed: int, today: dt.date, pools: _Pools) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.pools = pools
        # More news in recent decades: the year's weight grows linearly from 1945 to today.
        self.years = list(range(FIRST_DAY.year, today.year + 1))
        self.year_cum = []
        total = 0.0
        for index, _year in enumerate(self.years):
            total += 1 + index
            self.year_cum.append(total)
        self.kinds = list(KIND_WEIGHTS)
        self.kind_cum = _cumulate(KIND_WEIGHTS.values())
        self.counts = list(ACTOR_COUNT_WEIGHTS)
        self.count_cum = _cumulate(ACTOR_COUNT_WEIGHTS.values())

    def day(self) -> dt.date:
        year = self.rng.choices(self.years, cum_weights=self.year_cum)[0]
        last = self.today if year == self.today.year else dt.date(year, 12, 31)
        first = dt.date(year, 1, 1)
        return first + dt.timedelta(days=self.rng.randrange((last - first).days + 1))

    def interval(self, published_on: dt.date) -> tuple[dt.date, dt.date, str, str]:
        """A secondary event's (start, end, precision, date_text), no later than its article's year end."""
        rng = self.rng
        roll = rng.random()
        if roll < MULTI_YEAR_SHARE:
            end_year = published_on.year - rng.randrange(0, 3)
            start_year = max(FIRST_DAY.year, end_year - rng.randrange(1, 6))
            end_year = max(end_year, start_year + 1)
            end = min(dt.date(end_year, 12, 31), max(self.today, published_on))
            return dt.date(start_year, 1, 1), end, DatePrecision.YEAR, f"from {start_year} to {end_year}"
        # Most secondary dates lie within a year or two before the article; some reach far back.
        back = rng.randrange(0, 60) if rng.random() < 0.8 else rng.randrange(0, 365 * 30)
        day = max(FIRST_DAY, published_on - dt.timedelta(days=back))
        if roll < 0.75:
            return day, day, DatePrecision.DAY, _display_day(day)
        if roll < 0.93:
            end = min(month_end(day.year, day.month), max(published_on, day))
            return (
                day.replace(day=1),
                end,
                DatePrecision.MONTH,
                f"{calendar.month_name[day.month]} {day.year}",
            )
        end = min(dt.date(day.year, 12, 31), max(published_on, day))
        return day.replace(month=1, day=1), end, DatePrecision.YEAR, f"in {day.year}"

    def kind(self) -> str:
        return self.rng.choices(self.kinds, cum_weights=self.kind_cum)[0]

    def actors(self) -> list[int]:
        rng, pools = self.rng, self.pools
        wanted = rng.choices(self.counts, cum_weights=self.count_cum)[0]
        chosen = [actor_id for actor_id in pools.popular_ids if rng.random() < POPULAR_SHARE]
        wanted = min(wanted, len(chosen) + len(pools.other_ids))
        while len(chosen) < wanted:
            actor_id = rng.choices(pools.other_ids, cum_weights=pools.other_cum_weights)[0]
            if actor_id not in chosen:
                chosen.append(actor_id)
        return chosen

    def resolution(self) -> int | None:
        if not self.pools.resolution_ids or self.rng.random() >= RESOLUTION_SHARE:
            return None
        return self.rng.choice(self.pools.resolution_ids)


def _cumulate(weights) -> list[float]:
    total, result = 0.0, []
    for weight in weights:
        total += weight
        result.append(total)
    return result


def synthetic_people_ensure(*, count: int) -> int:
    """Make sure synthetic people ``synthetic-person-00001``..``count`` exist; returns how many were created."""
    existing = set(Actor.objects.filter(slug__startswith=PERSON_SLUG_PREFIX).values_list("slug", flat=True))
    rng = random.Random(count)
    new = []
    for number in range(1, count + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        slug = f"{PERSON_SLUG_PREFIX}{number:05d}"
        if slug not in existing:
            new.append(Actor(slug=slug, name=f"{first} {last} ({number})", kind=ActorKind.PERSON))
    Actor.objects.bulk_create(new, batch_size=1000)
    return len(new)


def _pools(*, people: int) -> _Pools:
    actors = list(
        Actor.objects.filter(is_auto_created=False)
        .exclude(slug__startswith=PERSON_SLUG_PREFIX)
        .order_by("id")
        .values_list("id", "slug", "name")
    )
    synthetic = list(
        Actor.objects.filter(slug__startswith=PERSON_SLUG_PREFIX)
        .order_by("slug")
        .values_list("id", "slug", "name")[:people]
    )
    by_slug = {slug: actor_id for actor_id, slug, _name in actors}
    popular_ids = [by_slug[slug] for slug in POPULAR_SLUGS if slug in by_slug]
    if not popular_ids and actors:
        popular_ids = [actor_id for actor_id, _slug, _name in actors[:3]]
    others = [actor_id for actor_id, _slug, _name in actors + synthetic if actor_id not in popular_ids]
    # A flat Zipf law (s = 0.35) over the shuffled rest: a long tail, no second tier of 5% actors.
    random.Random(len(others)).shuffle(others)
    cum = _cumulate(1 / (rank**0.35) for rank in range(1, len(others) + 1))
    resolutions = list(Resolution.objects.filter(is_auto_created=False).order_by("id").values_list("id", "symbol"))
    return _Pools(
        actor_ids=[actor_id for actor_id, _slug, _name in actors + synthetic],
        actor_names={actor_id: name for actor_id, _slug, name in actors + synthetic},
        popular_ids=popular_ids,
        other_cum_weights=cum,
        other_ids=others,
        resolution_ids=[resolution_id for resolution_id, _symbol in resolutions],
        resolution_symbols=dict(resolutions),
    )


@dataclass
class _Batch:
    articles: list[tuple]
    article_actors: list[tuple[int, int]]
    article_resolutions: list[tuple[int, int]]
    events: list[tuple]
    event_actors: list[tuple[int, int]]
    event_resolutions: list[tuple[int, int]]


ARTICLE_COLUMNS = (
    "id",
    "source_name",
    "title",
    "published_on",
    "dateline_text",
    "body",
    "content_hash",
    "extractor_version",
    "loaded_at",
    "updated_at",
)
EVENT_COLUMNS = (
    "id",
    "article_id",
    *EVENT_CONTENT_FIELDS,
    "is_main",
    "is_curated",
    "is_rejected",
    "mention_count",  # synthetic events carry no Mention rows yet
    "created_at",
    "updated_at",
)


def _article_sizes(*, rng: random.Random, events: int, articles: int) -> list[int]:
    """How many events each article has: ``articles`` positive counts summing to ``events``."""
    if articles <= 1:
        return [events]
    cuts = sorted(rng.sample(range(1, events), articles - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, events], strict=True)]


def _batches(
    *,
    drawer: _Drawer,
    sizes: list[int],
    first_article_number: int,
    article_id_base: int,
    event_id_base: int,
    now: dt.datetime,
) -> Iterator[_Batch]:
    """The rows to write, about ``BATCH_EVENTS`` events at a time, whole articles per batch."""
    pools = drawer.pools
    names = pools.actor_names
    event_id = event_id_base
    batch = _Batch([], [], [], [], [], [])
    for index, size in enumerate(sizes):
        article_id = article_id_base + index + 1
        number = first_article_number + index
        published_on = drawer.day()
        dateline = _display_day(published_on)
        sentences: list[str] = []
        offset = 0
        article_actor_ids: set[int] = set()
        article_resolution_ids: set[int] = set()
        title = ""
        for position in range(size):
            event_id += 1
            kind = drawer.kind()
            actor_ids = drawer.actors()
            resolution_id = drawer.resolution()
            if position == 0:
                start = end = published_on
                precision, date_text = DatePrecision.DAY, dateline
            else:
                start, end, precision, date_text = drawer.interval(published_on)
            subject = " and ".join(names[actor_id] for actor_id in actor_ids[:2])
            topic = drawer.rng.choice(TOPICS)
            event_title = f"{subject} {VERBS[kind]} {topic}"[:300]
            citation = f", citing resolution {pools.resolution_symbols[resolution_id]}" if resolution_id else ""
            if position == 0:
                sentence = f"{dateline} – {event_title}{citation}."
                title = event_title[:500]
            else:
                sentence = f"{date_text[0].upper()}{date_text[1:]}, {event_title}{citation}."
            if position:
                offset += 1 if position % 4 else 2  # a space, or a paragraph break every few sentences
            quote_start = offset
            offset += len(sentence)
            sentences.append(sentence)
            batch.events.append(
                (
                    event_id,
                    article_id,
                    event_title,
                    sentence if position == 0 else "",
                    kind,
                    start,
                    end,
                    precision,
                    date_text,
                    sentence,
                    quote_start,
                    offset,
                    position == 0,
                    False,
                    False,
                    0,
                    now,
                    now,
                )
            )
            batch.event_actors.extend((event_id, actor_id) for actor_id in actor_ids)
            article_actor_ids.update(actor_ids)
            if resolution_id:
                batch.event_resolutions.append((event_id, resolution_id))
                article_resolution_ids.add(resolution_id)
        body = "".join(
            (("" if position == 0 else (" " if position % 4 else "\n\n")) + sentence)
            for position, sentence in enumerate(sentences)
        )
        batch.articles.append(
            (
                article_id,
                f"{SOURCE_PREFIX}{number:06d}.txt",
                title,
                published_on,
                dateline,
                body,
                hashlib.sha256(body.encode()).hexdigest(),
                EXTRACTOR_VERSION,
                now,
                now,
            )
        )
        batch.article_actors.extend((article_id, actor_id) for actor_id in sorted(article_actor_ids))
        batch.article_resolutions.extend((article_id, res_id) for res_id in sorted(article_resolution_ids))
        if len(batch.events) >= BATCH_EVENTS:
            yield batch
            batch = _Batch([], [], [], [], [], [])
    if batch.events or batch.articles:
        yield batch


def _copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return str(value)


def _copy_rows(cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(map(_copy_text, row)))
        buffer.write("\n")
    buffer.seek(0)
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


def _write_postgresql(batch: _Batch) -> None:
    article_actors = Article.actors.through._meta.db_table
    article_resolutions = Article.resolutions.through._meta.db_table
    event_actors = Event.actors.through._meta.db_table
    event_resolutions = Event.resolutions.through._meta.db_table
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg2 cursor underneath Django's wrapper, for copy_expert
        _copy_rows(raw, Article._meta.db_table, ARTICLE_COLUMNS, batch.articles)
        _copy_rows(raw, Event._meta.db_table, EVENT_COLUMNS, batch.events)
        _copy_rows(raw, article_actors, ("article_id", "actor_id"), batch.article_actors)
        _copy_rows(raw, article_resolutions, ("article_id", "resolution_id"), batch.article_resolutions)
        _copy_rows(raw, event_actors, ("event_id", "actor_id"), batch.event_actors)
        _copy_rows(raw, event_resolutions, ("event_id", "resolution_id"), batch.event_resolutions)


def _write_orm(batch: _Batch) -> None:
    Article.objects.bulk_create(
        [Article(**dict(zip(ARTICLE_COLUMNS, row, strict=True))) for row in batch.articles], batch_size=500
    )
    Event.objects.bulk_create([Event(**dict(zip(EVENT_COLUMNS, row, strict=True))) for row in batch.events], 500)
    for through, left, right, rows in (
        (Article.actors.through, "article_id", "actor_id", batch.article_actors),
        (Article.resolutions.through, "article_id", "resolution_id", batch.article_resolutions),
        (Event.actors.through, "event_id", "actor_id", batch.event_actors),
        (Event.resolutions.through, "event_id", "resolution_id", batch.event_resolutions),
    ):
        through.objects.bulk_create([through(**{left: a, right: b}) for a, b in rows], batch_size=2000)


def _max_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
        return cursor.fetchone()[0]


def _reset_sequences() -> None:
    """After explicit ids, move PostgreSQL's identity sequences past them."""
    if connection.vendor != "postgresql":
        return
    tables = [Article, Event, Article.actors.through, Article.resolutions.through]
    tables += [Event.actors.through, Event.resolutions.through]
    with connection.cursor() as cursor:
        for model in tables:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))",
                [table],
            )


def synthetic_generate(
    *,
    events: int,
    seed: int = 1,
    articles: int | None = None,
    people: int | None = None,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> SyntheticResult:
    """Create ``events`` synthetic events in ``articles`` articles (default: one article per 8 events).

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
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {Article._meta.db_table}, {Event._meta.db_table} IN EXCLUSIVE MODE")
        people_created = synthetic_people_ensure(count=people)
        pools = _pools(people=people)
        drawer = _Drawer(seed=seed, today=today, pools=pools)
        sizes = _article_sizes(rng=drawer.rng, events=events, articles=articles)
        write = _write_postgresql if is_postgresql else _write_orm
        totals = {"articles": 0, "events": 0, "actors": 0, "resolutions": 0}
        for batch in _batches(
            drawer=drawer,
            sizes=sizes,
            first_article_number=1,
            article_id_base=_max_id(Article),
            event_id_base=_max_id(Event),
            now=timezone.now(),
        ):
            write(batch)
            totals["articles"] += len(batch.articles)
            totals["events"] += len(batch.events)
            totals["actors"] += len(batch.event_actors)
            totals["resolutions"] += len(batch.event_resolutions)
            elapsed = time.monotonic() - started
            report(
                f"{totals['events']:,}/{events:,} events, {totals['articles']:,} articles "
                f"({elapsed:.1f} s, {totals['events'] / max(elapsed, 1e-9):,.0f} events/s)"
            )
        _reset_sequences()
    if is_postgresql:
        # Fresh statistics for the planner; outside a transaction also VACUUM, which sets the visibility map so
        # index-only scans work at once instead of after autovacuum gets round to a million new rows.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            for model in (Article, Event, Article.actors.through, Event.actors.through, Event.resolutions.through):
                cursor.execute(f"{command} {model._meta.db_table}")
    return SyntheticResult(
        articles=totals["articles"],
        events=totals["events"],
        event_actor_links=totals["actors"],
        event_resolution_links=totals["resolutions"],
        people_created=people_created,
        popular_slugs=list(Actor.objects.filter(id__in=pools.popular_ids).values_list("slug", flat=True)),
        seconds=time.monotonic() - started,
    )


def synthetic_clear() -> int:
    """Delete every synthetic article with its events and links, and the synthetic people; returns articles."""
    article_table = Article._meta.db_table
    event_table = Event._meta.db_table
    synthetic_articles = f"SELECT id FROM {article_table} WHERE source_name LIKE %s"
    synthetic_events = f"SELECT id FROM {event_table} WHERE article_id IN ({synthetic_articles})"
    pattern = SOURCE_PREFIX + "%"
    with transaction.atomic(), connection.cursor() as cursor:
        for through in (Event.actors.through, Event.resolutions.through):
            cursor.execute(f"DELETE FROM {through._meta.db_table} WHERE event_id IN ({synthetic_events})", [pattern])
        cursor.execute(f"DELETE FROM {event_table} WHERE article_id IN ({synthetic_articles})", [pattern])
        for through in (Article.actors.through, Article.resolutions.through):
            cursor.execute(
                f"DELETE FROM {through._meta.db_table} WHERE article_id IN ({synthetic_articles})", [pattern]
            )
        cursor.execute(f"DELETE FROM {article_table} WHERE source_name LIKE %s", [pattern])
        deleted = cursor.rowcount
        Actor.objects.filter(slug__startswith=PERSON_SLUG_PREFIX, events__isnull=True, articles__isnull=True).delete()
    return deleted
