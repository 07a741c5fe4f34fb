"""The service's URLs plus the benchmark's anchor view, mounted only when ``bench.settings`` is in use."""

from django.urls import path

from bench import anchor
from config.urls import urlpatterns as service_urlpatterns

urlpatterns = [
    path("bench/anchor/events/", anchor.events, name="bench-anchor-events"),
    *service_urlpatterns,
]
