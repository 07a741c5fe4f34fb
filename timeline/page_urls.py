"""The reader's pages (timeline/pages.py); included from timeline/urls.py."""

from django.urls import path

from timeline import pages

urlpatterns = [
    path("", pages.timeline_page, name="timeline-page"),
    path("articles/<int:pk>/", pages.article_page, name="article-page"),
]
