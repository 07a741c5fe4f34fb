"""Read queries of the timeline endpoint: event counts per year, month or day.

Two ways to the same answer:

* ``filtered_period_counts``: a ``GROUP BY`` of the period over the (filtered) visible events; any database.
* ``visible_period_counts``: on PostgreSQL, the unfiltered answer rolled up from ``timeline_event_day_count``,
  the per-day count of visible events that triggers keep exact (migration 0004). A few thousand rows instead of
  every event.
"""

# ruff: noqa: S608 (the SQL interpolates a constant table name and a keyword from a fixed choice, never input)

from __future__ import annotations

import datetime as dt

from django.db import connections
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncDay, TruncMonth, TruncYear

INTERVALS = {"year": TruncYear, "month": TruncMonth, "day": TruncDay}
DAY_COUNT_TABLE = "timeline_event_day_count"


def filtered_period_counts(queryset: QuerySet, *, interval: str, descending: bool) -> list[tuple[dt.date, int]]:
    """(period start, number of events) of ``queryset``'s events by the period their date_start falls in."""
    rows = (
        queryset.order_by()
        .annotate(period=INTERVALS[interval]("date_start"))
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
    if interval not in INTERVALS:
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
