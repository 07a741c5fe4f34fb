"""Event counts per period: the API's timeline (``/api/timeline/``) and the timeline page's density strip.

Two ways to the API's answer:

* ``filtered_period_counts``: a ``GROUP BY`` of the period over the (filtered) visible events; any database.
* ``visible_period_counts``: on PostgreSQL, the unfiltered answer rolled up from ``timeline_event_day_count``,
  the per-day count of visible events that triggers keep exact (migration 0004). A few thousand rows instead of
  every event.
"""

# ruff: noqa: S608 (the SQL interpolates a constant table name and a keyword from a fixed choice, never input)

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connections
from django.db.models import Count, DateField, Max, Min, QuerySet, Value
from django.db.models.functions import Greatest, Trunc, TruncDay, TruncMonth, TruncYear

from timeline.selectors.dates import INTERVALS, period_starts

TRUNCATE = {"year": TruncYear, "month": TruncMonth, "day": TruncDay}
DAY_COUNT_TABLE = "timeline_event_day_count"
assert tuple(TRUNCATE) == INTERVALS


def filtered_period_counts(queryset: QuerySet, *, interval: str, descending: bool) -> list[tuple[dt.date, int]]:
    """(period start, number of events) of ``queryset``'s events by the period their date_start falls in."""
    rows = (
        queryset.order_by()
        .annotate(period=TRUNCATE[interval]("date_start"))
        .values_list("period")
        .annotate(count=Count("id"))
        .order_by("-period" if descending else "period")
    )
    return list(rows)


def has_day_counts(using: str) -> bool:
    """Whether the database ``using`` keeps ``timeline_event_day_count`` (PostgreSQL, after migration 0004)."""
    return connections[using].vendor == "postgresql"


def visible_period_counts(*, interval: str, descending: bool, using: str) -> list[tuple[dt.date, int]]:
    """The same as ``filtered_period_counts`` over every visible event, from the per-day counts. One query."""
    if interval not in TRUNCATE:
        raise ValueError(f"unknown interval {interval!r}")
    order = "DESC" if descending else "ASC"
    if interval == "day":
        sql = f"SELECT day, events FROM {DAY_COUNT_TABLE} ORDER BY day {order}"
    else:
        sql = (
            f"SELECT date_trunc('{interval}', day::timestamp)::date AS period, sum(events)::bigint "
            f"FROM {DAY_COUNT_TABLE} GROUP BY 1 ORDER BY 1 {order}"
        )
    with connections[using].cursor() as cursor:
        cursor.execute(sql)
        return [(period, count) for period, count in cursor.fetchall()]


def event_counts(queryset: QuerySet, *, interval: str, ordering: str, filtered: bool) -> list[tuple[dt.date, int]]:
    """Counts per period of ``queryset``'s visible events; ``filtered`` says whether any event filter narrowed it.

    Without a filter on PostgreSQL the answer comes from the per-day counts, else from a ``GROUP BY``.
    """
    descending = ordering == "-date"
    if not filtered and has_day_counts(queryset.db):
        return visible_period_counts(interval=interval, descending=descending, using=queryset.db)
    return filtered_period_counts(queryset, interval=interval, descending=descending)


@dataclass(frozen=True)
class Density:
    """Counts for every period from ``start`` to ``end`` (zeros included), at an interval that fits the span."""

    interval: str
    start: dt.date | None = None
    end: dt.date | None = None
    periods: tuple[tuple[dt.date, int], ...] = ()
    total: int = 0


def event_density(queryset: QuerySet, *, date_from: dt.date | None, date_to: dt.date | None) -> Density:
    """Events per year, month or day (by start date) from ``date_from`` to ``date_to`` (each else the data's),
    in 2 queries.

    The interval follows the span: more than three years → years, more than three months → months, else days.
    """
    span = queryset.order_by().aggregate(first=Min("date_start"), last=Max("date_start"))
    if span["first"] is None:
        return Density(interval="year")
    # The strip covers the asked range (a year shows its twelve months), else the data's.
    start = date_from or span["first"]
    end = date_to or span["last"]
    if end < start or (end - start).days > 1000 * 366:
        start, end = span["first"], span["last"]
    days = (end - start).days
    interval = "year" if days > 3 * 366 else "month" if days > 92 else "day"
    counts = dict(
        queryset.order_by()
        # An event that began before the strip's range still counts, in its first bar.
        .annotate(
            period=Trunc(
                Greatest("date_start", Value(start, output_field=DateField())), interval, output_field=DateField()
            )
        )
        .values_list("period")
        .annotate(count=Count("id", distinct=True))
        .values_list("period", "count")
    )
    counts = {(period.date() if isinstance(period, dt.datetime) else period): count for period, count in counts.items()}
    periods = tuple((period, counts.get(period, 0)) for period in period_starts(interval, start, end))
    return Density(interval=interval, start=start, end=end, periods=periods, total=sum(counts.values()))
