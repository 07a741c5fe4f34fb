"""/api/schema/ (OpenAPI 3 by drf-spectacular) and /api/docs/ (Swagger UI from the app's own static files)."""

import re

import pytest
from django.contrib.staticfiles import finders

from tests.conftest import run_manage

pytestmark = pytest.mark.django_db

EVENT_FILTERS = {
    "date_from",
    "date_to",
    "actor",
    "country",
    "actor_kind",
    "resolution",
    "article",
    "kind",
    "precision",
    "q",
    "curated",
    "ordering",
}


@pytest.fixture(scope="module")
def schema():
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def test_schema_validates_without_warnings():
    """The command the issue names: drf-spectacular's own validation, warnings treated as errors."""
    result = run_manage("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
    assert result.returncode == 0, result.stderr


def test_every_event_filter_is_documented(schema):
    def parameters(path):
        return {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}

    events = parameters("/api/events/")
    assert EVENT_FILTERS | {"cursor", "page_size"} <= set(events)
    assert all(events[name].get("description") for name in EVENT_FILTERS)
    assert events["actor"]["schema"]["type"] == "array" and events["actor"].get("explode", True)
    assert events["page_size"]["schema"]["maximum"] == 500
    assert set(events["kind"]["schema"]["enum"]) >= {"statement", "meeting", "sanctions"}
    timeline = parameters("/api/timeline/")
    assert EVENT_FILTERS | {"interval"} <= set(timeline)
    assert set(timeline["interval"]["schema"]["enum"]) == {"year", "month", "day"}
    export = parameters("/api/events/export/")
    assert EVENT_FILTERS | {"format"} <= set(export)
    assert set(export["format"]["schema"]["enum"]) == {"csv", "ics", "timelinejs", "json", "geojson"}
    assert {"kind", "q"} <= set(parameters("/api/actors/"))
    assert {"year", "q"} <= set(parameters("/api/resolutions/"))


def test_event_response_fields_match_what_the_api_returns(schema, api_client):
    from tests.factories import EventFactory
    from timeline.models import Actor, Resolution

    event = EventFactory(
        actors=[Actor.objects.get(slug="north-korea")], resolutions=[Resolution.objects.get(number=2371)]
    )
    components = schema["components"]["schemas"]

    def properties(name):
        return set(components[name]["properties"])

    listed = api_client.get("/api/events/").json()
    item = listed["results"][0]
    assert set(item) == properties("Event")
    assert set(item["actors"][0]) == properties("ActorBrief")
    assert set(item["resolutions"][0]) == properties("ResolutionBrief")
    assert set(item["article"]) == properties("ArticleBrief")
    assert set(listed) == properties("PaginatedEventList")
    assert set(api_client.get(f"/api/events/{event.pk}/").json()) == properties("Event")
    assert set(api_client.get("/api/actors/north-korea/").json()) == properties("ActorDetail")
    assert set(api_client.get(f"/api/resolutions/{Resolution.objects.get(number=2371).pk}/").json()) == properties(
        "ResolutionDetail"
    )
    assert set(api_client.get(f"/api/articles/{event.article_id}/").json()) == properties("ArticleDetail")
    assert set(api_client.get("/api/timeline/").json()) == properties("Timeline")


def test_schema_endpoint_serves_openapi_3(api_client):
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_docs_page_uses_only_the_apps_own_static_files(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    urls += re.findall(r"""url:\s*["']([^"']+)["']""", html)
    assert urls, html
    assert not [url for url in urls if re.match(r"^(https?:)?//", url)], urls
    assert "cdn" not in html.lower()
    static = [url for url in urls if url.startswith("/static/")]
    assert any("swagger-ui" in url for url in static)
    for url in static:
        assert finders.find(url.removeprefix("/static/")), url
