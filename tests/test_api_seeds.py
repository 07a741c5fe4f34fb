"""The API over the seeds as loadseeds loads them: the questions an analyst asks first."""

import io

import pytest
from django.core.management import call_command

from tests.conftest import SEEDS_DIR

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeds():
    call_command("loadseeds", str(SEEDS_DIR), stdout=io.StringIO(), stderr=io.StringIO())


def test_dprk_in_august_2017_gives_the_six_party_meeting_and_the_sanctions(client, seeds):
    response = client.get("/api/events/?actor=north-korea&date_from=2017-08&date_to=2017-08")
    assert response.status_code == 200
    events = response.json()["results"]
    assert [(e["date_start"], e["date_end"], e["kind"]) for e in events] == [
        ("2017-08-01", "2017-08-16", "sanctions"),
        ("2017-08-15", "2017-08-15", "meeting"),
    ]
    sanctions, meeting = events
    assert [r["symbol"] for r in sanctions["resolutions"]] == ["S/RES/2371 (2017)"]
    assert sanctions["resolutions"][0]["adopted_on"] == "2017-08-05"
    assert sanctions["date_display"] == "August 2017"
    assert "Six-Party Talks" in meeting["quote"]
    assert {"china", "japan", "south-korea", "russia", "united-states"} <= {a["slug"] for a in meeting["actors"]}


def test_the_korean_war_is_found_inside_its_years(client, seeds):
    events = client.get("/api/events/?date_to=1951").json()["results"]
    assert [(e["date_display"], e["date_precision"]) for e in events] == [("1950–1953", "year")]


def test_resolution_by_number_and_timeline_counts(client, seeds):
    events = client.get("/api/events/?resolution=2371").json()["results"]
    assert [e["kind"] for e in events] == ["sanctions"]
    buckets = client.get("/api/timeline/?interval=year").json()["buckets"]
    # Extractor 4: the Council meeting of 18 January 2018 is an event of its own beside the statement.
    assert [(b["period"], b["count"]) for b in buckets] == [("1950", 1), ("2017", 3), ("2018", 3)]
