"""Where events took place in the API: the location field, the country= filter and the GeoJSON export."""

import datetime as dt
import json

import pytest

from tests.factories import EventFactory
from timeline.selectors import keyset

pytestmark = pytest.mark.django_db
D = dt.date

GENEVA = {
    "location_country": "CHE",
    "location_place": "Geneva",
    "location_lat": 46.20222,
    "location_lon": 6.14569,
    "location_precision": "place",
}


@pytest.fixture
def located():
    return {
        "geneva": EventFactory(title="Talks in Geneva", date_start=D(2017, 8, 1), **GENEVA),
        "dprk": EventFactory(
            title="Test in the DPRK", date_start=D(2017, 9, 3), location_country="PRK", location_precision="country"
        ),
        "nowhere": EventFactory(title="A statement", date_start=D(2017, 9, 4)),
    }


def test_location_field(api_client, located):
    results = api_client.get("/api/events/").json()["results"]
    by_title = {event["title"]: event["location"] for event in results}
    assert by_title["Talks in Geneva"] == {
        "country": "CHE",
        "place": "Geneva",
        "lat": 46.20222,
        "lon": 6.14569,
        "precision": "place",
    }
    assert by_title["Test in the DPRK"] == {
        "country": "PRK",
        "place": None,
        "lat": None,
        "lon": None,
        "precision": "country",
    }
    assert by_title["A statement"] is None
    detail = api_client.get(f"/api/events/{located['geneva'].pk}/").json()
    assert detail["location"]["place"] == "Geneva"


def test_country_filter_is_repeatable_any_of(api_client, located, django_assert_num_queries):
    with django_assert_num_queries(4):  # events, actors, resolutions, mentions
        response = api_client.get("/api/events/?country=PRK")
    assert [e["title"] for e in response.json()["results"]] == ["Test in the DPRK"]
    titles = [e["title"] for e in api_client.get("/api/events/?country=prk&country=CHE").json()["results"]]
    assert titles == ["Talks in Geneva", "Test in the DPRK"]


def test_unknown_country_is_400_naming_it(api_client):
    response = api_client.get("/api/events/?country=XYZ")
    assert response.status_code == 400
    assert "country" in response.json()
    assert "XYZ" in json.dumps(response.json())


def test_country_filter_in_timeline_counts(api_client, located):
    data = api_client.get("/api/timeline/?interval=month&country=CHE").json()
    assert [(b["period"], b["count"]) for b in data["buckets"]] == [("2017-08", 1)]


def test_country_filter_in_exports(api_client, located):
    body = b"".join(api_client.get("/api/events/export/?format=json&country=PRK").streaming_content)
    assert [e["title"] for e in json.loads(body)] == ["Test in the DPRK"]


def test_geojson_is_a_feature_collection_of_located_events(api_client, located, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(keyset, "CHUNK_SIZE", 500)
    with django_assert_num_queries(1 + 4):  # the cap count, then one chunk of events, actors, resolutions, mentions
        response = api_client.get("/api/events/export/?format=geojson")
        body = b"".join(response.streaming_content)
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(body)
    assert data["type"] == "FeatureCollection"
    features = {f["properties"]["title"]: f for f in data["features"]}
    assert set(features) == {"Talks in Geneva", "Test in the DPRK"}
    geneva = features["Talks in Geneva"]
    assert geneva["geometry"] == {"type": "Point", "coordinates": [6.14569, 46.20222]}
    assert geneva["properties"]["location"]["country"] == "CHE"
    assert features["Test in the DPRK"]["geometry"] is None  # a country, no point of its own
    filtered = json.loads(b"".join(api_client.get("/api/events/export/?format=geojson&country=CHE").streaming_content))
    assert [f["properties"]["title"] for f in filtered["features"]] == ["Talks in Geneva"]
