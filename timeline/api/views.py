"""The REST API's views: events (list, detail, curator writes, export), timeline counts, actors, resolutions,
articles. Anonymous users read; writes need model permissions (``DjangoModelPermissionsOrAnonReadOnly``)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import Http404, HttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from timeline.api import renderers
from timeline.api.filtersets import ActorFilterSet, ArticleFilterSet, EventFilterSet, ResolutionFilterSet
from timeline.api.pagination import EventCursorPagination, StrictPageNumberPagination
from timeline.api.schema import ApiAutoSchema
from timeline.api.serializers import (
    ActorDetailSerializer,
    ActorSerializer,
    ActorWriteSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
    EventSerializer,
    EventWriteSerializer,
    ResolutionDetailSerializer,
    ResolutionSerializer,
    ResolutionWriteSerializer,
    event_rows,
)
from timeline.inputs import ascii_int
from timeline.models import Actor, Event, Resolution
from timeline.selectors import actors as actor_selectors
from timeline.selectors import articles as article_selectors
from timeline.selectors import events as event_selectors
from timeline.selectors import resolutions as resolution_selectors
from timeline.selectors.counts import event_counts
from timeline.selectors.dates import INTERVALS, period_end, period_label
from timeline.selectors.events import EVENT_COLUMNS, MAX_ID
from timeline.selectors.keyset import keyset_chunks
from timeline.services.actors import actor_create, actor_update, actors_delete
from timeline.services.events import event_create, event_reject, event_update
from timeline.services.resolutions import resolution_create, resolution_update, resolutions_delete

BAD_REQUEST = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description='A bad parameter: {"<parameter>": ["<problem>"]}.',
)
NOT_FOUND = OpenApiResponse(response=OpenApiTypes.OBJECT, description='{"detail": "No ... matches the given query."}')


class SwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI from the app's own static files, its start-up script a file of its own (``?script``) and its page
    style in timeline/swagger.css, so it runs under the Content-Security-Policy (no inline script or style).

    OPTIONS answers the allowed methods: DRF's metadata would be rendered by the HTML template renderer, which has
    no template for it.
    """

    template_name = "timeline/swagger_ui.html"

    def options(self, request, *args, **kwargs):
        return HttpResponse(status=200, headers={"Allow": "GET, HEAD, OPTIONS"})


class IdLookupMixin:
    """A numeric id in the URL that does not fit the id column is a 404, not a database overflow."""

    def get_object(self):
        raw = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        if ascii_int(str(raw), maximum=MAX_ID) is None:
            raise Http404
        return super().get_object()


def filterset_for(view, queryset: QuerySet):
    """The view's valid filterset over ``queryset``; a bad parameter answers 400 naming it."""
    filterset = DjangoFilterBackend().get_filterset(view.request, queryset, view)
    if not filterset.is_valid():
        raise translate_validation(filterset.errors)
    return filterset


@extend_schema_view(
    list=extend_schema(
        summary="The timeline: events by date",
        description="Visible events ordered by date_start then id (or the reverse with ordering=-date), with cursor "
        "pagination. An event matches date_from/date_to when its interval overlaps the query interval.",
        responses={200: EventSerializer(many=True), 400: BAD_REQUEST},
    ),
    retrieve=extend_schema(summary="One event", responses={200: EventSerializer, 404: NOT_FOUND}),
    create=extend_schema(
        summary="Create an event (curators)",
        request=EventWriteSerializer,
        responses={201: EventSerializer, 400: BAD_REQUEST},
    ),
    update=extend_schema(
        summary="Replace an event (curators); marks it curated",
        request=EventWriteSerializer,
        responses={200: EventSerializer, 400: BAD_REQUEST},
    ),
    partial_update=extend_schema(
        summary="Edit an event (curators); marks it curated",
        request=EventWriteSerializer,
        responses={200: EventSerializer, 400: BAD_REQUEST},
    ),
    destroy=extend_schema(
        summary="Reject an event (curators)",
        description="Hides the event from readers for good; the row stays so a reload does not bring it back.",
        responses={204: None},
    ),
)
class EventViewSet(IdLookupMixin, viewsets.ModelViewSet):
    """Events: the timeline's rows."""

    schema = ApiAutoSchema()

    queryset = event_selectors.visible_events()
    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    pagination_class = EventCursorPagination
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        if self.action in ("retrieve", "update", "partial_update"):
            return self.queryset.with_related()
        return self.queryset

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return EventWriteSerializer
        return EventSerializer

    def list(self, request, *args, **kwargs):
        # The lean path: values() rows with their article, then actors and resolutions in one query each.
        filterset = filterset_for(self, self.get_queryset())
        rows = self.paginator.paginate_queryset(
            filterset.qs.values(*EVENT_COLUMNS), request, view=self, ordering=filterset.selected_ordering()
        )
        return self.paginator.get_paginated_response(event_rows(rows, request))

    def _read_response(self, event: Event, status_code: int = status.HTTP_200_OK) -> Response:
        event = event_selectors.event_detail(pk=event.pk)
        return Response(EventSerializer(event, context=self.get_serializer_context()).data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = event_create(data=serializer.validated_data, user=request.user)
        return self._read_response(event, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        event = self.get_object()
        serializer = self.get_serializer(event, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        event = event_update(event=event, data=serializer.validated_data, user=request.user)
        return self._read_response(event)

    def perform_destroy(self, instance: Event) -> None:
        event_reject(event=instance, user=self.request.user)

    @extend_schema(
        filters=True,
        summary="Export the filtered events (streamed)",
        description="Every event matching the filters, streamed: csv (UTF-8 with BOM, one row per event, actors "
        "and resolutions joined with '; '), ics (RFC 5545, all-day events, DTEND exclusive), timelinejs "
        "(TimelineJS 3 JSON; dates carry only the parts their precision allows) or json (an array of events "
        f"as in the list). More than EXPORT_MAX_ROWS (default {settings.EXPORT_MAX_ROWS}) events answers 400.",
        parameters=[
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                required=False,
                enum=[*renderers.FORMATS],
                default="json",
                description="The file format: csv, ics, timelinejs or json (default json).",
            )
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(response=OpenApiTypes.STR, description="CSV, one row per event."),
            (200, "text/calendar"): OpenApiResponse(response=OpenApiTypes.STR, description="iCalendar."),
            (200, "application/json"): OpenApiResponse(
                response=OpenApiTypes.ANY, description="JSON array of events, or a TimelineJS document."
            ),
            (400, "application/json"): BAD_REQUEST,
        },
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="export",
        url_name="export",
        pagination_class=None,
        renderer_classes=renderers.EXPORT_RENDERERS,
        # The export answers in the format its parameter names, whatever the Accept header says.
        content_negotiation_class=renderers.ExportFormatNegotiation,
    )
    def export(self, request, *args, **kwargs):
        if renderers.requested_format(request) not in renderers.FORMATS:
            raise ValidationError({"format": [f"Choose one of: {', '.join(renderers.FORMATS)}."]})
        filterset = filterset_for(self, self.get_queryset())
        queryset = request.accepted_renderer.only_exported(filterset.qs)
        limit = settings.EXPORT_MAX_ROWS
        # Count at most limit + 1 rows: as cheap as the answer needs.
        if queryset.order_by()[: limit + 1].count() > limit:
            raise ValidationError(
                {
                    "detail": [
                        f"This export would have more than {limit} events, the most one export may stream. "
                        "Narrow it with filters such as date_from, date_to, actor or kind."
                    ]
                }
            )
        if request.method == "HEAD":
            # The headers a GET would send, without reading or rendering a single event.
            return request.accepted_renderer.streaming_response((), head=True)
        rows = queryset.values(*EVENT_COLUMNS)
        chunks = keyset_chunks(rows, ordering=filterset.selected_ordering())
        return request.accepted_renderer.streaming_response(
            event for chunk in chunks for event in event_rows(chunk, request)
        )

    def handle_exception(self, exc):
        # Every error of the export is JSON, whatever format was asked for.
        if self.action == "export":
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)


class TimelineBucketSerializer(serializers.Serializer):
    period = serializers.CharField(help_text='The period: "2017" (year), "2017-08" (month) or "2017-08-16" (day).')
    start = serializers.DateField(help_text="The period's first day.")
    end = serializers.DateField(help_text="The period's last day.")
    count = serializers.IntegerField(help_text="How many matching events start in the period.")


class TimelineSerializer(serializers.Serializer):
    interval = serializers.ChoiceField(choices=list(INTERVALS), help_text="The bucket size asked for.")
    buckets = TimelineBucketSerializer(many=True, help_text="Periods with at least one event, in date order.")


class TimelineView(GenericAPIView):
    """Counts of events per period (by date_start), with every event filter."""

    schema = ApiAutoSchema()

    queryset = event_selectors.visible_events()
    filterset_class = EventFilterSet
    filter_backends = [DjangoFilterBackend]
    pagination_class = None
    serializer_class = TimelineSerializer

    @extend_schema(
        filters=True,
        summary="Event counts per year, month or day",
        description="Buckets the matching events by the period their date_start falls in, computed in SQL. "
        "Empty periods are left out. ordering=-date lists the newest period first.",
        parameters=[
            OpenApiParameter(
                "interval",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                enum=list(INTERVALS),
                default="month",
                description="The bucket size: year, month (default) or day.",
            )
        ],
        responses={200: TimelineSerializer, 400: BAD_REQUEST},
    )
    def get(self, request, *args, **kwargs):
        interval = request.query_params.get("interval", "month").strip().lower() or "month"
        if interval not in INTERVALS:
            raise ValidationError({"interval": [f"Choose one of: {', '.join(INTERVALS)}."]})
        filterset = filterset_for(self, self.get_queryset())
        rows = event_counts(
            filterset.qs,
            interval=interval,
            ordering=filterset.selected_ordering(),
            filtered=filterset.narrows(),
        )
        buckets = [
            {
                "period": period_label(start, interval),
                "start": start.isoformat(),
                "end": period_end(start, interval).isoformat(),
                "count": count,
            }
            for start, count in rows
        ]
        return Response({"interval": interval, "buckets": buckets})


class WriteThenReadMixin:
    """Writes validate with ``write_serializer_class``, save through the resource's service (``write`` and
    ``perform_destroy``) and answer with the detail representation of the result, read back through
    ``get_queryset`` so its annotations (counts, first and last dates) are there too."""

    list_serializer_class: type[serializers.Serializer]
    detail_serializer_class: type[serializers.Serializer]
    write_serializer_class: type[serializers.Serializer]

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return self.write_serializer_class
        if self.action == "list":
            return self.list_serializer_class
        return self.detail_serializer_class

    def _read_response(self, instance, status_code: int = status.HTTP_200_OK) -> Response:
        self.action = "retrieve"
        instance = self.get_queryset().get(pk=instance.pk)
        context = self.get_serializer_context()
        return Response(self.detail_serializer_class(instance, context=context).data, status=status_code)

    def write(self, instance: Model | None, data: dict) -> Model:
        """Create (``instance`` is None) or update through the service; each resource names its own."""
        raise NotImplementedError

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._read_response(self.write(None, serializer.validated_data), status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return self._read_response(self.write(instance, serializer.validated_data))


@extend_schema_view(
    list=extend_schema(summary="Actors", responses={200: ActorSerializer(many=True), 400: BAD_REQUEST}),
    retrieve=extend_schema(summary="One actor", responses={200: ActorDetailSerializer, 404: NOT_FOUND}),
    create=extend_schema(request=ActorWriteSerializer, responses={201: ActorDetailSerializer, 400: BAD_REQUEST}),
    update=extend_schema(request=ActorWriteSerializer, responses={200: ActorDetailSerializer, 400: BAD_REQUEST}),
    partial_update=extend_schema(
        request=ActorWriteSerializer, responses={200: ActorDetailSerializer, 400: BAD_REQUEST}
    ),
)
class ActorViewSet(WriteThenReadMixin, viewsets.ModelViewSet):
    """People, states, organisations, UN bodies and groups."""

    schema = ApiAutoSchema()

    queryset = actor_selectors.actor_list()
    filterset_class = ActorFilterSet
    pagination_class = StrictPageNumberPagination
    lookup_field = "slug"
    lookup_value_regex = r"[-\w]+"

    def get_queryset(self):
        return self.queryset if self.action == "list" else actor_selectors.actor_detail_list()

    list_serializer_class = ActorSerializer
    detail_serializer_class = ActorDetailSerializer
    write_serializer_class = ActorWriteSerializer

    def write(self, instance: Actor | None, data: dict) -> Actor:
        return actor_create(data=data) if instance is None else actor_update(actor=instance, data=data)

    def perform_destroy(self, instance: Actor) -> None:
        actors_delete(actors=[instance])


@extend_schema_view(
    list=extend_schema(summary="Resolutions", responses={200: ResolutionSerializer(many=True), 400: BAD_REQUEST}),
    retrieve=extend_schema(summary="One resolution", responses={200: ResolutionDetailSerializer, 404: NOT_FOUND}),
    create=extend_schema(
        request=ResolutionWriteSerializer, responses={201: ResolutionDetailSerializer, 400: BAD_REQUEST}
    ),
    update=extend_schema(
        request=ResolutionWriteSerializer, responses={200: ResolutionDetailSerializer, 400: BAD_REQUEST}
    ),
    partial_update=extend_schema(
        request=ResolutionWriteSerializer, responses={200: ResolutionDetailSerializer, 400: BAD_REQUEST}
    ),
)
class ResolutionViewSet(WriteThenReadMixin, IdLookupMixin, viewsets.ModelViewSet):
    """United Nations resolutions."""

    schema = ApiAutoSchema()

    queryset = resolution_selectors.resolution_list()
    filterset_class = ResolutionFilterSet
    pagination_class = StrictPageNumberPagination
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return self.queryset if self.action == "list" else resolution_selectors.resolution_detail_list()

    list_serializer_class = ResolutionSerializer
    detail_serializer_class = ResolutionDetailSerializer
    write_serializer_class = ResolutionWriteSerializer

    def write(self, instance: Resolution | None, data: dict) -> Resolution:
        if instance is None:
            return resolution_create(data=data)
        return resolution_update(resolution=instance, data=data)

    def perform_destroy(self, instance: Resolution) -> None:
        resolutions_delete(resolutions=[instance])


@extend_schema_view(
    list=extend_schema(summary="Articles", responses={200: ArticleSerializer(many=True), 400: BAD_REQUEST}),
    retrieve=extend_schema(summary="One article", responses={200: ArticleDetailSerializer, 404: NOT_FOUND}),
)
class ArticleViewSet(IdLookupMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The news articles the events come from (written by loadseeds only)."""

    schema = ApiAutoSchema()

    queryset = article_selectors.article_list()
    filterset_class = ArticleFilterSet
    pagination_class = StrictPageNumberPagination
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return self.queryset if self.action == "list" else article_selectors.article_detail_list()

    def get_serializer_class(self):
        return ArticleSerializer if self.action == "list" else ArticleDetailSerializer


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as the header 'Authorization: Token <token>'.")


@extend_schema(summary="Get an API token", responses={200: TokenSerializer, 400: BAD_REQUEST})
class TokenView(ObtainAuthToken):
    """Exchange a username and password for the user's API token (for scripts)."""
