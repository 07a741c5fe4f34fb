from django.contrib import admin
from django.urls import include, path

from timeline import views

urlpatterns = [
    path("", include("timeline.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
