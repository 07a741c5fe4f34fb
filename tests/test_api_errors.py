"""Every bad parameter answers 400 with JSON naming the parameter and the problem; no input reaches a 500."""

import base64
import json

import pytest

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def some_events():
    for _ in range(3):
        EventFactory()


@pytest.mark.parametrize(
    ("url", "parameter", "words"),
    [
        ("/api/events/?date_from=2017-13", "date_from", "YYYY, YYYY-MM or YYYY-MM-DD"),
        ("/api/events/?date_to=2017-02-30", "date_to", "YYYY, YYYY-MM or YYYY-MM-DD"),
        ("/api/events/?date_from=yesterday", "date_from", "YYYY, YYYY-MM or YYYY-MM-DD"),
        ("/api/events/?date_from=2017-09&date_to=2017-08", "date_from", "after date_to"),
        ("/api/events/?actor=north-korea&actor=atlantis", "actor", "atlantis"),
        ("/api/events/?resolution=S/RES/99999 (2017)", "resolution", "Unknown resolution"),
        ("/api/events/?page_size=0", "page_size", "1 to 500"),
        ("/api/events/?page_size=501", "page_size", "1 to 500"),
        ("/api/events/?page_size=100000", "page_size", "1 to 500"),
        ("/api/events/?page_size=abc", "page_size", "1 to 500"),
        ("/api/events/?page_size=-3", "page_size", "1 to 500"),
        ("/api/events/?cursor=garbage", "cursor", "Invalid cursor"),
        ("/api/events/?kind=party", "kind", "valid choice"),
        ("/api/events/?precision=decade", "precision", "valid choice"),
        ("/api/events/?actor_kind=alien", "actor_kind", "valid choice"),
        ("/api/events/?ordering=title", "ordering", "valid choice"),
        ("/api/events/?ordering=-id", "ordering", "valid choice"),
        ("/api/events/?curated=maybe", "curated", "true or false"),
        ("/api/events/?article=abc", "article", "whole number"),
        ("/api/events/?article=99999999999999999999999", "article", "less than or equal"),
        ("/api/events/export/?format=xlsx", "format", "csv, ics, timelinejs, json"),
        ("/api/events/export/?format=csv&page_size=0", None, None),  # exports are not paginated: 200
        ("/api/timeline/?interval=week", "interval", "year, month, day"),
        ("/api/timeline/?interval=year&kind=party", "kind", "valid choice"),
        ("/api/actors/?kind=alien", "kind", "valid choice"),
        ("/api/actors/?page_size=0", "page_size", "1 to 500"),
        ("/api/actors/?page=abc", "page", "Invalid page"),
        ("/api/actors/?page=999", "page", "Invalid page"),
        ("/api/resolutions/?year=abc", "year", "number"),
        ("/api/resolutions/?year=99999999999999999999", "year", "less than or equal"),
        ("/api/articles/?published_from=2017-13", "published_from", "YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_bad_parameter_is_400_naming_it(api_client, url, parameter, words):
    response = api_client.get(url)
    if parameter is None:
        assert response.status_code == 200
        return
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert parameter in body, body
    assert words in " ".join(body[parameter]), body


def _cursor(payload) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "%00",
        "!!!!",
        _cursor([1, 2]),
        _cursor({"d": "2017-13-01", "i": 1}),
        _cursor({"d": "2017-08-16", "i": "1"}),
        _cursor({"d": "2017-08-16", "i": 2**64}),
        _cursor({"d": "2017-08-16", "i": -1}),
        _cursor({"i": 1}),
        "A" * 500,
    ],
)
def test_malformed_cursor_is_400_not_404(api_client, cursor):
    response = api_client.get(f"/api/events/?cursor={cursor}")
    assert response.status_code == 400
    assert "cursor" in response.json()


@pytest.mark.parametrize(
    "url",
    [
        "/api/events/?q=%00",
        "/api/events/?actor=%00",
        "/api/events/?resolution=%00",
        "/api/events/?q=" + "x" * 5000,
        "/api/events/?q=" + '"unbalanced & | ! (',
        "/api/events/?date_from=9999-12-31&date_to=9999",
        "/api/events/?date_from=0001&date_to=0001",
        "/api/events/export/?format=ics&date_from=0001",
        "/api/events/?actor=" + "a" * 300,
        "/api/events/99999999999999999999999/",
        "/api/resolutions/99999999999999999999999/",
        "/api/articles/99999999999999999999999/",
        "/api/actors/" + "x" * 300 + "/",
        "/api/timeline/?interval=%00",
        "/api/events/export/?format=%00",
    ],
)
def test_strange_input_never_reaches_a_500(api_client, url):
    response = api_client.get(url)
    assert response.status_code in (200, 400, 404), response.content
    if response.status_code != 200 or not response.streaming:
        assert response["Content-Type"].startswith("application/json") or response.status_code == 404


def test_unknown_query_parameters_are_ignored(api_client):
    assert api_client.get("/api/events/?colour=blue").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "parameter"),
    [("actor=a%25s", "actor"), ("resolution=9%25d9", "resolution"), ("date_from=2017-02-30%25", "date_from")],
)
def test_percent_signs_in_values_are_reported_not_crashed(client, query, parameter):
    for path in ("/api/events/", "/api/timeline/"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400
        assert parameter in response.json()


@pytest.mark.django_db
def test_quote_offsets_must_stay_inside_the_article(api_client, curator):
    event = EventFactory()
    api_client.force_authenticate(curator)
    response = api_client.patch(f"/api/events/{event.pk}/", {"quote_start": 0, "quote_end": 99_999_999}, format="json")
    assert response.status_code == 400
    assert "quote_end" in response.json()
    body = event.article.body
    response = api_client.patch(
        f"/api/events/{event.pk}/", {"quote_start": 0, "quote_end": 5, "quote": "not the text"}, format="json"
    )
    assert response.status_code == 400
    assert "quote" in response.json()
    response = api_client.patch(
        f"/api/events/{event.pk}/", {"quote_start": 0, "quote_end": 4, "quote": body[:4]}, format="json"
    )
    assert response.status_code == 200, response.content


@pytest.mark.django_db
def test_aliases_sent_to_the_actor_api_are_refused_not_dropped(api_client, curator):
    api_client.force_authenticate(curator)
    response = api_client.post(
        "/api/actors/",
        {"slug": "new-envoy", "name": "New Envoy", "kind": "person", "aliases": ["Envoy"]},
        format="json",
    )
    assert response.status_code == 400
    assert "aliases" in response.json()
