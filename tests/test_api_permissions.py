"""Anonymous users read; writes need an authenticated user with model permissions (session or token)."""

import datetime as dt

import pytest
from rest_framework.authtoken.models import Token

from tests.factories import ActorFactory, ArticleFactory, EventFactory, ResolutionFactory
from timeline.models import Actor, Event, Resolution

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def event():
    return EventFactory(title="Original", actors=[Actor.objects.get(slug="north-korea")])


@pytest.fixture
def plain_user(django_user_model):
    return django_user_model.objects.create_user(username="reader", password="reader-pass-1234")


def writes(event):
    """(method, url, payload) for every kind of write on events, actors and resolutions."""
    actor = ActorFactory()
    resolution = ResolutionFactory()
    return [
        ("post", "/api/events/", new_event_payload(event.article_id)),
        ("patch", f"/api/events/{event.pk}/", {"title": "Edited"}),
        ("put", f"/api/events/{event.pk}/", new_event_payload(event.article_id)),
        ("delete", f"/api/events/{event.pk}/", None),
        ("post", "/api/actors/", {"slug": "test-new-actor", "name": "New", "kind": "group"}),
        ("patch", f"/api/actors/{actor.slug}/", {"name": "Renamed"}),
        ("delete", f"/api/actors/{actor.slug}/", None),
        ("post", "/api/resolutions/", {"symbol": "S/RES/999999 (2031)", "body": "S", "number": 999999, "year": 2031}),
        ("patch", f"/api/resolutions/{resolution.pk}/", {"agenda": "Renamed"}),
        ("delete", f"/api/resolutions/{resolution.pk}/", None),
    ]


def new_event_payload(article_id):
    return {
        "title": "A curated event",
        "summary": "Written by hand.",
        "kind": "meeting",
        "date_start": "2017-08-01",
        "date_end": "2017-08-31",
        "date_precision": "month",
        "date_text": "in August 2017",
        "article": article_id,
        "actors": ["north-korea", "united-states"],
        "resolutions": ["S/RES/2371 (2017)"],
    }


def test_anonymous_users_read(api_client, event):
    for url in ["/api/events/", f"/api/events/{event.pk}/", "/api/actors/", "/api/resolutions/", "/api/articles/"]:
        assert api_client.get(url).status_code == 200


def test_anonymous_writes_are_refused(api_client, event):
    for method, url, payload in writes(event):
        response = getattr(api_client, method)(url, payload, format="json")
        assert response.status_code in (401, 403), (method, url)
    assert Event.objects.get(pk=event.pk).title == "Original"


def test_authenticated_user_without_permissions_gets_403(api_client, event, plain_user):
    api_client.force_authenticate(plain_user)
    for method, url, payload in writes(event):
        response = getattr(api_client, method)(url, payload, format="json")
        assert response.status_code == 403, (method, url)
    assert Event.objects.get(pk=event.pk).title == "Original"


def test_curator_with_permissions_writes(api_client, event, curator):
    api_client.force_authenticate(curator)
    expected = {"post": 201, "patch": 200, "put": 200, "delete": 204}
    for method, url, payload in writes(event):
        if method == "delete" and "/events/" in url:
            continue  # checked last, after the edits
        response = getattr(api_client, method)(url, payload, format="json")
        assert response.status_code == expected[method], (method, url, response.content)
    assert api_client.delete(f"/api/events/{event.pk}/").status_code == 204


def test_patch_marks_the_event_curated_and_answers_the_read_shape(api_client, event, curator):
    assert not event.is_curated
    api_client.force_authenticate(curator)
    response = api_client.patch(
        f"/api/events/{event.pk}/",
        {"title": "Edited", "actors": ["united-states"], "resolutions": ["S/RES/2371 (2017)"]},
        format="json",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["title"] == "Edited" and data["is_curated"] is True
    assert [actor["slug"] for actor in data["actors"]] == ["united-states"]
    assert data["resolutions"][0]["symbol"] == "S/RES/2371 (2017)"
    event.refresh_from_db()
    assert event.is_curated and event.title == "Edited"
    assert data == api_client.get(f"/api/events/{event.pk}/").json()


def test_put_replaces_and_marks_curated(api_client, event, curator):
    api_client.force_authenticate(curator)
    response = api_client.put(f"/api/events/{event.pk}/", new_event_payload(event.article_id), format="json")
    assert response.status_code == 200, response.content
    event.refresh_from_db()
    assert event.is_curated and event.date_precision == "month" and event.date_end == dt.date(2017, 8, 31)
    assert set(event.actors.values_list("slug", flat=True)) == {"north-korea", "united-states"}


def test_post_creates_a_curated_event(api_client, curator):
    api_client.force_authenticate(curator)
    article = ArticleFactory()
    response = api_client.post("/api/events/", new_event_payload(article.pk), format="json")
    assert response.status_code == 201, response.content
    created = Event.objects.get(pk=response.json()["id"])
    assert created.is_curated and created.article == article
    assert response.json()["date_display"] == "August 2017"


def test_delete_hides_the_event_without_losing_it(api_client, event, curator):
    api_client.force_authenticate(curator)
    assert api_client.delete(f"/api/events/{event.pk}/").status_code == 204
    assert api_client.get(f"/api/events/{event.pk}/").status_code == 404
    assert Event.objects.get(pk=event.pk).is_rejected  # kept, so a reload does not bring it back


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"date_start": "2017-08-31", "date_end": "2017-08-01"}, "date_end"),
        ({"date_end": "2010-01-01"}, "date_end"),  # before the stored date_start
        ({"actors": ["atlantis"]}, "actors"),
        ({"resolutions": ["S/RES/0 (1900)"]}, "resolutions"),
        ({"kind": "party"}, "kind"),
        ({"date_precision": "decade"}, "date_precision"),
        ({"article": 99999999999999999999}, "article"),
        ({"quote_start": 10, "quote_end": 2}, "quote_end"),
    ],
)
def test_invalid_writes_are_400_naming_the_field(api_client, event, curator, payload, field):
    api_client.force_authenticate(curator)
    response = api_client.patch(f"/api/events/{event.pk}/", payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    event.refresh_from_db()
    assert not event.is_curated


def test_actor_writes_validate_iso3(api_client, curator):
    api_client.force_authenticate(curator)
    response = api_client.post("/api/actors/", {"slug": "test-x", "name": "X", "kind": "group", "iso3": "XXX"})
    assert response.status_code == 400 and "iso3" in response.json()
    response = api_client.post("/api/actors/", {"slug": "test-x", "name": "X", "kind": "state", "iso3": "PRK"})
    assert response.status_code == 400 and "iso3" in response.json()
    response = api_client.post("/api/actors/", {"slug": "test-x", "name": "X", "kind": "group", "iso3": ""})
    assert response.status_code == 201, response.content
    assert Actor.objects.get(slug="test-x").iso3 is None


def test_resolution_writes_keep_numbers_unique(api_client, curator):
    api_client.force_authenticate(curator)
    response = api_client.post(
        "/api/resolutions/", {"symbol": "S/RES/2371 bis", "body": "S", "number": 2371, "year": 2017}
    )
    assert response.status_code == 400
    assert Resolution.objects.filter(number=2371).count() == 1


def test_token_authentication(api_client, curator, event):
    response = api_client.post("/api/auth/token/", {"username": "curator", "password": "curator-pass-1234"})
    assert response.status_code == 200
    token = response.json()["token"]
    assert Token.objects.get(user=curator).key == token
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.patch(f"/api/events/{event.pk}/", {"title": "By token"}, format="json").status_code == 200
    assert api_client.post("/api/auth/token/", {"username": "curator", "password": "wrong"}).status_code == 400


def test_session_authentication_needs_csrf(curator, event):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.login(username="curator", password="curator-pass-1234")
    response = client.patch(f"/api/events/{event.pk}/", {"title": "No CSRF"}, format="json")
    assert response.status_code == 403
