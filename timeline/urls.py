from django.urls import include, path

urlpatterns = [
    path("api/", include(("timeline.api.urls", "api"), namespace="api")),
    path("", include("timeline.page_urls")),
]
