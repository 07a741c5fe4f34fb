"""Pagination: a keyset cursor for the events feed, numbered pages for the small reference lists.

Both reject a bad ``page_size`` (not a whole number in 1..500) with 400 instead of clamping it silently, and a
bad ``cursor`` or ``page`` with 400 instead of DRF's 404.
"""

from __future__ import annotations

from django.core.paginator import InvalidPage
from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from timeline.inputs import ascii_int
from timeline.selectors.events import DEFAULT_ORDERING
from timeline.selectors.keyset import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Cursor, KeysetPage, keyset_page


def strict_page_size(request, *, param: str = "page_size", default: int = DEFAULT_PAGE_SIZE) -> int:
    raw = request.query_params.get(param)
    if raw is None or raw.strip() == "":
        return default
    message = f"Enter a whole number from 1 to {MAX_PAGE_SIZE}."
    size = ascii_int(raw.strip())
    if size is None or not 1 <= size <= MAX_PAGE_SIZE:
        raise ValidationError({param: [message]})
    return size


class EventCursorPagination(BasePagination):
    """Keyset pagination on (date_start, id) in the ordering the view passes (``date`` or ``-date``): the links
    around ``timeline.selectors.keyset.keyset_page``, which says why it costs the same at any depth."""

    page_size_query_param = "page_size"
    cursor_query_param = "cursor"
    page_size = DEFAULT_PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE
    invalid_cursor_message = "Invalid cursor: use the next and previous links of a previous answer."

    def paginate_queryset(self, queryset: QuerySet, request, view=None, *, ordering: str = DEFAULT_ORDERING):
        """One page of ``queryset`` in ``ordering`` (``date`` or ``-date``), at the request's cursor."""
        self.request = request
        size = strict_page_size(request, param=self.page_size_query_param, default=self.page_size)
        self.page: KeysetPage = keyset_page(queryset, cursor=self.decode_cursor(request), size=size, ordering=ordering)
        return self.page.rows

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
        page = self.page
        if not page.has_next:
            return None
        # An empty page read backwards: nothing is before the position, so the feed starts again at the top.
        return self._link(page.next_cursor())

    def get_previous_link(self) -> str | None:
        page = self.page
        if not page.has_previous:
            return None
        if page.rows:
            return self._link(page.previous_cursor())
        # An empty page read forwards (rows deleted meanwhile): the previous page ends at the position itself.
        cursor = page.cursor
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
