"""``updated_at`` on events and the ``updated_since`` filter, shared by the list, the timeline counts and exports."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from tests.factories import EventFactory
from timeline.api.filtersets import EventFilterSet
from timeline.models import Event

pytestmark = pytest.mark.django_db


def _age(event: Event, *, days: int) -> None:
    Event.objects.filter(pk=event.pk).update(updated_at=timezone.now() - dt.timedelta(days=days))


@pytest.fixture
def events():
    old, recent = EventFactory(title="Old"), EventFactory(title="Recent")
    _age(old, days=30)
    _age(recent, days=1)
    return old, recent


def test_event_carries_updated_at(api_client, events):
    old, _ = events
    body = api_client.get(f"/api/events/{old.pk}/").json()
    listed = {row["id"]: row for row in api_client.get("/api/events/").json()["results"]}
    stored = Event.objects.get(pk=old.pk).updated_at
    assert dt.datetime.fromisoformat(body["updated_at"]) == stored
    assert listed[old.pk]["updated_at"] == body["updated_at"]


@pytest.mark.parametrize(
    "value",
    [
        (timezone.now() - dt.timedelta(days=7)).date().isoformat(),
        (timezone.now() - dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        (timezone.now() - dt.timedelta(days=7)).astimezone(dt.timezone(dt.timedelta(hours=5))).isoformat(),
    ],
)
def test_updated_since_keeps_only_later_saves(api_client, events, value):
    _, recent = events
    titles = [row["title"] for row in api_client.get("/api/events/", {"updated_since": value}).json()["results"]]
    assert titles == [recent.title]


def test_an_edit_moves_an_event_into_updated_since(api_client, events, curator):
    old, _ = events
    since = (timezone.now() - dt.timedelta(minutes=1)).isoformat()
    assert api_client.get("/api/events/", {"updated_since": since}).json()["results"] == []
    api_client.force_authenticate(curator)
    assert api_client.patch(f"/api/events/{old.pk}/", {"title": "Old, edited"}, format="json").status_code == 200
    api_client.force_authenticate(None)
    titles = [row["title"] for row in api_client.get("/api/events/", {"updated_since": since}).json()["results"]]
    assert titles == ["Old, edited"]


def test_timeline_counts_and_exports_share_the_filter(api_client, events):
    since = (timezone.now() - dt.timedelta(days=7)).date().isoformat()
    counts = api_client.get("/api/timeline/", {"interval": "year", "updated_since": since}).json()
    assert sum(bucket["count"] for bucket in counts["buckets"]) == 1
    exported = api_client.get("/api/events/export/", {"format": "json", "updated_since": since})
    assert exported.status_code == 200
    assert [row["title"] for row in json.loads(b"".join(exported.streaming_content))] == ["Recent"]


@pytest.mark.parametrize("value", ["yesterday", "2017-13-01", "2017-08-16T25:00", "0001-01-01T00:00:00+05:00"])
def test_a_bad_updated_since_answers_400_naming_it(api_client, value):
    for url in ("/api/events/", "/api/timeline/", "/api/events/export/"):
        response = api_client.get(url, {"updated_since": value})
        assert response.status_code == 400, (url, response.content)
        assert "updated_since" in response.json()


def test_filterset_directly(events):
    _, recent = events
    since = (timezone.now() - dt.timedelta(days=7)).isoformat()
    filterset = EventFilterSet({"updated_since": since}, queryset=Event.objects.all())
    assert filterset.is_valid(), filterset.errors
    assert list(filterset.qs) == [recent]
