"""Pagination: a keyset cursor for the events feed, numbered pages for the small reference lists.

Both reject a bad ``page_size`` (not a whole number in 1..500) with 400 instead of clamping it silently, and a
bad ``cursor`` or ``page`` with 400 instead of DRF's 404.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass

from django.core.paginator import InvalidPage
from django.db.models import Q, QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
MAX_ID = 2**63 - 1


def strict_page_size(request, *, param: str = "page_size", default: int = DEFAULT_PAGE_SIZE) -> int:
    raw = request.query_params.get(param)
    if raw is None or raw.strip() == "":
        return default
    message = f"Enter a whole number from 1 to {MAX_PAGE_SIZE}."
    try:
        size = int(raw.strip())
    except ValueError:
        raise ValidationError({param: [message]}) from None
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ValidationError({param: [message]})
    return size


@dataclass(frozen=True)
class Cursor:
    """A position in the feed: the (date_start, id) of a row, and which way to read from it."""

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


def _value(row, key: str):
    return row[key] if isinstance(row, dict) else getattr(row, key)


class EventCursorPagination(BasePagination):
    """Keyset pagination on (date_start, id), in the queryset's order (``date`` or ``-date``).

    A page is ``WHERE date_start >= :d AND (date_start > :d OR id > :id) ORDER BY date_start, id LIMIT n+1``:
    a bounded range on the index ``(date_start, id, date_end)``, so page 10,000 costs what page 1 costs, and
    rows inserted meanwhile neither shift nor duplicate the rows already read. Works on model instances and on
    ``values()`` dicts.
    """

    page_size_query_param = "page_size"
    cursor_query_param = "cursor"
    page_size = DEFAULT_PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE
    invalid_cursor_message = "Invalid cursor: use the next and previous links of a previous answer."

    def paginate_queryset(self, queryset: QuerySet, request, view=None):
        self.request = request
        self.page_size = strict_page_size(request, param=self.page_size_query_param, default=self.page_size)
        cursor = self.decode_cursor(request)
        ordering = tuple(queryset.query.order_by) or ("date_start", "id")
        self.descending = ordering[0].startswith("-")
        self.cursor = cursor
        limit = self.page_size + 1

        if cursor is None:
            rows = list(queryset.order_by(*self._ordering(self.descending))[:limit])
            self.has_next, self.has_previous = len(rows) > self.page_size, False
            rows = rows[: self.page_size]
        elif not cursor.backwards:
            after = self._after(cursor, descending=self.descending)
            rows = list(queryset.filter(after).order_by(*self._ordering(self.descending))[:limit])
            self.has_next, self.has_previous = len(rows) > self.page_size, True
            rows = rows[: self.page_size]
        else:
            before = self._after(cursor, descending=not self.descending)
            rows = list(queryset.filter(before).order_by(*self._ordering(not self.descending))[:limit])
            self.has_next, self.has_previous = True, len(rows) > self.page_size
            rows = rows[: self.page_size]
            rows.reverse()
        self.rows = rows
        return rows

    @staticmethod
    def _ordering(descending: bool) -> tuple[str, str]:
        return ("-date_start", "-id") if descending else ("date_start", "id")

    @staticmethod
    def _after(cursor: Cursor, *, descending: bool) -> Q:
        """Rows that come after the cursor's position in the given direction (the position too if inclusive)."""
        day, pk = cursor.date_start, cursor.pk
        if descending:
            same_day = Q(id__lte=pk) if cursor.inclusive else Q(id__lt=pk)
            return Q(date_start__lte=day) & (Q(date_start__lt=day) | same_day)
        same_day = Q(id__gte=pk) if cursor.inclusive else Q(id__gt=pk)
        return Q(date_start__gte=day) & (Q(date_start__gt=day) | same_day)

    def decode_cursor(self, request) -> Cursor | None:
        raw = request.query_params.get(self.cursor_query_param)
        if raw is None or raw == "":
            return None
        try:
            return Cursor.decode(raw)
        except ValueError:
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from None

    def _link(self, cursor: Cursor | None) -> str:
        url = self.request.build_absolute_uri()
        if cursor is None:
            return remove_query_param(url, self.cursor_query_param)
        return replace_query_param(url, self.cursor_query_param, cursor.encode())

    def get_next_link(self) -> str | None:
        if not self.has_next:
            return None
        if self.rows:
            last = self.rows[-1]
            return self._link(Cursor(_value(last, "date_start"), _value(last, "id")))
        # An empty page read backwards: nothing is before the position, so the feed starts again at the top.
        return self._link(None)

    def get_previous_link(self) -> str | None:
        if not self.has_previous:
            return None
        if self.rows:
            first = self.rows[0]
            return self._link(Cursor(_value(first, "date_start"), _value(first, "id"), backwards=True))
        # An empty page read forwards (rows deleted meanwhile): the previous page ends at the position itself.
        cursor = self.cursor
        return self._link(Cursor(cursor.date_start, cursor.pk, backwards=True, inclusive=True))

    def get_paginated_response(self, data) -> Response:
        return Response({"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data})

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The next page, or null on the last page.",
                },
                "previous": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The previous page, or null on the first page.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "An opaque position from a next or previous link; a malformed cursor answers 400.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Events per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}); "
                "outside that range answers 400.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
            },
        ]


class StrictPageNumberPagination(PageNumberPagination):
    """Numbered pages with a count; a bad ``page`` or ``page_size`` answers 400."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        return strict_page_size(request, param=self.page_size_query_param, default=self.page_size)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, page_size)
        page_number = request.query_params.get(self.page_query_param) or 1
        try:
            self.page = paginator.page(page_number)
        except InvalidPage as error:
            raise ValidationError({self.page_query_param: [f"Invalid page: {error}"]}) from None
        return list(self.page)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Results per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}); outside answers 400."
                )
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}
            if parameter["name"] == self.page_query_param:
                parameter["description"] = "A page number from 1; a page past the end answers 400."
        return parameters
