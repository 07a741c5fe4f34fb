"""The API's routes, under /api/ in the "api" namespace: plural resources, the timeline counts, auth, schema."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from timeline.api import views

# No format suffixes: the export owns the ``format`` query parameter, and /events/export/ must never read as
# an event id (ids are digits only).
router = DefaultRouter(trailing_slash=True)
router.include_format_suffixes = False
router.register("events", views.EventViewSet, basename="event")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("resolutions", views.ResolutionViewSet, basename="resolution")
router.register("articles", views.ArticleViewSet, basename="article")

urlpatterns = [
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.SwaggerView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
