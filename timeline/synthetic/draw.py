"""The synthetic vocabulary and every random choice of the generator, from one seeded ``random.Random``."""

from __future__ import annotations

import calendar
import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass

from timeline.calendar import month_end
from timeline.choices import DatePrecision, EventKind
from timeline.models import Actor, Resolution

SOURCE_PREFIX = "synthetic-"
PERSON_SLUG_PREFIX = "synthetic-person-"
FIRST_DAY = dt.date(1945, 1, 1)
# The actors that show up everywhere in UN news; whichever of them exist become the ~5% actors.
POPULAR_SLUGS = ("security-council", "antonio-guterres", "north-korea", "united-states", "russia")
POPULAR_SHARE = 0.05
RESOLUTION_SHARE = 0.10
MULTI_YEAR_SHARE = 0.01

FIRST_NAMES = (
    "Amina Carlos Chen Daniel Elena Fatima Hiroshi Ibrahim Ines Jonas Karim Leila Maria Mohammed Nadia Olga Pablo "
    "Priya Rafael Sara Tomas Wei Yusuf Zainab Aleksander Beatriz Kwame Lindiwe Marta Noura"
).split()
LAST_NAMES = (
    "Abdi Alvarez Bakr Chowdhury Dlamini Eriksen Fernandes Gomez Haddad Ivanova Jensen Kamara Kowalski Lee Mensah "
    "Nakamura Okafor Petrov Quispe Rahman Santos Tanaka Usman Varga Wang Xu Yilmaz Zubiri Moreau Castillo"
).split()
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
# What each kind of event says happened, and the trigger lemma the extractor gives those words
# (``timeline.extraction.happenings``).
VERBS = {
    EventKind.STATEMENT: ("issued a statement on", "statement"),
    EventKind.MEETING: ("met to discuss", "meet"),
    EventKind.RESOLUTION: ("adopted a resolution on", "adopt"),
    EventKind.SANCTIONS: ("imposed sanctions over", "impose"),
    EventKind.TEST_OR_LAUNCH: ("reported a launch linked to", "launch"),
    EventKind.CONFLICT: ("reported fighting affecting", "fight"),
    EventKind.AGREEMENT: ("signed an agreement on", "sign"),
    EventKind.OTHER: ("addressed", "address"),
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
class Pools:
    """The actors and resolutions events are drawn from, with the weights of the draw."""

    actor_names: dict[int, str]
    popular_ids: list[int]
    other_cum_weights: list[float]
    other_ids: list[int]
    resolution_ids: list[int]
    resolution_symbols: dict[int, str]


def display_day(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def cumulate(weights: Iterable[float]) -> list[float]:
    total, result = 0.0, []
    for weight in weights:
        total += weight
        result.append(total)
    return result


def person_names(count: int) -> list[tuple[str, str]]:
    """``(slug, name)`` of synthetic people 1..``count``; the same names for the same count."""
    rng = random.Random(count)
    people = []
    for number in range(1, count + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        people.append((f"{PERSON_SLUG_PREFIX}{number:05d}", f"{first} {last} ({number})"))
    return people


def pools_read(*, people: int) -> Pools:
    """The reference actors and ``people`` synthetic people, the popular few apart, and the known resolutions."""
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
    cum = cumulate(1 / (rank**0.35) for rank in range(1, len(others) + 1))
    resolutions = list(Resolution.objects.filter(is_auto_created=False).order_by("id").values_list("id", "symbol"))
    return Pools(
        actor_names={actor_id: name for actor_id, _slug, name in actors + synthetic},
        popular_ids=popular_ids,
        other_cum_weights=cum,
        other_ids=others,
        resolution_ids=[resolution_id for resolution_id, _symbol in resolutions],
        resolution_symbols=dict(resolutions),
    )


class Drawer:
    """Every random choice of the generator, from one seeded ``random.Random``."""

    def __init__(self, *, seed: int, today: dt.date, pools: Pools) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.pools = pools
        # More news in recent decades: the year's weight grows linearly from 1945 to today.
        self.years = list(range(FIRST_DAY.year, today.year + 1))
        self.year_cum = cumulate(1 + index for index in range(len(self.years)))
        self.kinds = list(KIND_WEIGHTS)
        self.kind_cum = cumulate(KIND_WEIGHTS.values())
        self.counts = list(ACTOR_COUNT_WEIGHTS)
        self.count_cum = cumulate(ACTOR_COUNT_WEIGHTS.values())

    def article_sizes(self, *, events: int, articles: int) -> list[int]:
        """How many events each article has: ``articles`` positive counts summing to ``events``."""
        if articles <= 1:
            return [events]
        cuts = sorted(self.rng.sample(range(1, events), articles - 1))
        return [b - a for a, b in zip([0, *cuts], [*cuts, events], strict=True)]

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
            return day, day, DatePrecision.DAY, display_day(day)
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

    def topic(self) -> str:
        return self.rng.choice(TOPICS)

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
