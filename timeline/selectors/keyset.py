"""Keyset pagination of events on ``(date_start, id)``: one cursor format and one query, used by the API's
feed, the exports and the timeline page.

A page is ``WHERE date_start >= :d AND (date_start > :d OR id > :id) ORDER BY date_start, id LIMIT n+1``: a
bounded range on the index ``(date_start, id, date_end)``, so page 10,000 costs what page 1 costs, and rows
inserted meanwhile neither shift nor duplicate the rows already read. Works on model instances and on
``values()`` dicts.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from timeline.selectors.events import EVENT_ORDERINGS, MAX_ID

CHUNK_SIZE = 1000  # rows per query when every row is read (the exports)
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


@dataclass(frozen=True)
class Cursor:
    """A position in the feed: the (date_start, id) of a row, and which way to read from it.

    Encoded as URL-safe base64 of a small JSON object, opaque to clients.
    """

    date_start: dt.date
    pk: int
    backwards: bool = False  # read the rows before the position (the "previous" link)
    inclusive: bool = False  # the row at the position itself belongs to the page

    def encode(self) -> str:
        payload = {"d": self.date_start.isoformat(), "i": self.pk}
        if self.backwards:
            payload["b"] = 1
        if self.inclusive:
            payload["x"] = 1
        raw = json.dumps(payload, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        """Raises ``ValueError`` for anything that is not a cursor this service made."""
        text = text.strip()
        if not text or len(text) > 200:
            raise ValueError("bad length")
        try:
            payload = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError("not base64 JSON") from error
        if not isinstance(payload, dict) or not isinstance(payload.get("d"), str):
            raise ValueError("not a cursor")
        pk = payload.get("i")
        if not isinstance(pk, int) or isinstance(pk, bool) or not 0 <= pk <= MAX_ID:
            raise ValueError("bad id")
        return cls(
            date_start=dt.date.fromisoformat(payload["d"]),
            pk=pk,
            backwards=payload.get("b") == 1,
            inclusive=payload.get("x") == 1,
        )

    @classmethod
    def of(cls, row, *, backwards: bool = False) -> Cursor:
        """The position of ``row`` (a model instance or a ``values()`` dict)."""
        return cls(_value(row, "date_start"), _value(row, "id"), backwards=backwards)


def _value(row, key: str):
    return row[key] if isinstance(row, dict) else getattr(row, key)


def _after(cursor: Cursor, *, descending: bool) -> Q:
    """Rows that come after the cursor's position in the given direction (the position too if inclusive)."""
    day, pk = cursor.date_start, cursor.pk
    if descending:
        same_day = Q(id__lte=pk) if cursor.inclusive else Q(id__lt=pk)
        return Q(date_start__lte=day) & (Q(date_start__lt=day) | same_day)
    same_day = Q(id__gte=pk) if cursor.inclusive else Q(id__gt=pk)
    return Q(date_start__gte=day) & (Q(date_start__gt=day) | same_day)


def _order(descending: bool) -> tuple[str, str]:
    return EVENT_ORDERINGS["-date" if descending else "date"]


@dataclass(frozen=True)
class KeysetPage:
    """One page of rows in the asked order, whether pages exist on either side, and the cursor it was read from."""

    rows: list
    has_next: bool
    has_previous: bool
    cursor: Cursor | None

    def next_cursor(self) -> Cursor | None:
        """The position after the last row (None without a next page or rows)."""
        return Cursor.of(self.rows[-1]) if self.has_next and self.rows else None

    def previous_cursor(self) -> Cursor | None:
        """The position before the first row, read backwards (None without a previous page or rows)."""
        return Cursor.of(self.rows[0], backwards=True) if self.has_previous and self.rows else None


def keyset_page(queryset: QuerySet, *, cursor: Cursor | None, size: int, ordering: str) -> KeysetPage:
    """The page of ``queryset`` at ``cursor`` (the first page if None), ``size`` rows in ``ordering`` order."""
    descending = ordering == "-date"
    limit = size + 1
    if cursor is None:
        rows = list(queryset.order_by(*_order(descending))[:limit])
        return KeysetPage(rows[:size], has_next=len(rows) > size, has_previous=False, cursor=None)
    if not cursor.backwards:
        rows = list(queryset.filter(_after(cursor, descending=descending)).order_by(*_order(descending))[:limit])
        return KeysetPage(rows[:size], has_next=len(rows) > size, has_previous=True, cursor=cursor)
    before = _after(cursor, descending=not descending)
    rows = list(queryset.filter(before).order_by(*_order(not descending))[:limit])
    page = rows[:size]
    page.reverse()
    return KeysetPage(page, has_next=True, has_previous=len(rows) > size, cursor=cursor)


def keyset_chunks(queryset: QuerySet, *, ordering: str, chunk_size: int | None = None) -> Iterator[list]:
    """Every row of ``queryset`` in ``ordering`` order, ``chunk_size`` rows (one query) at a time."""
    chunk_size = chunk_size or CHUNK_SIZE
    descending = ordering == "-date"
    ordered = queryset.order_by(*_order(descending))
    cursor = None
    while True:
        chunk = ordered if cursor is None else ordered.filter(_after(cursor, descending=descending))
        rows = list(chunk[:chunk_size])
        if rows:
            yield rows
        if len(rows) < chunk_size:
            return
        cursor = Cursor.of(rows[-1])
