"""The reference data: read from the fixtures, in a fresh database, right, and loadable with loaddata."""

import datetime as dt

import pytest
from django.core.management import call_command

from timeline.models import Actor, ActorAlias, Resolution
from timeline.reference import ACTOR_FIXTURES, reference_data_read

pytestmark = pytest.mark.django_db


def test_every_member_state_and_both_observers_are_actors():
    states = Actor.objects.filter(kind="state")
    assert states.count() == 195
    assert states.exclude(iso3__isnull=False).count() == 0
    assert set(states.filter(iso3__in=["VAT", "PSE"]).values_list("slug", flat=True)) == {"holy-see", "palestine"}


@pytest.mark.parametrize(
    ("alias", "slug"),
    [
        ("DPRK", "north-korea"),
        ("North Korea", "north-korea"),
        ("Democratic People's Republic of Korea", "north-korea"),
        ("the Democratic People's Republic of Korea", "north-korea"),
        ("DPR Korea", "north-korea"),
        ("Republic of Korea", "south-korea"),
        ("ROK", "south-korea"),
        ("South Korea", "south-korea"),
        ("US", "united-states"),
        ("USA", "united-states"),
        ("United States", "united-states"),
        ("UK", "united-kingdom"),
        ("United Kingdom", "united-kingdom"),
        ("Russia", "russia"),
        ("Syria", "syria"),
        ("Iran", "iran"),
        ("IAEA", "iaea"),
        ("OPCW", "opcw"),
        ("1718 Committee", "1718-committee"),
        ("Joint Investigative Mechanism", "opcw-un-jim"),
        ("UN Security Council", "security-council"),
    ],
)
def test_aliases_reach_the_right_actor(alias, slug):
    assert ActorAlias.objects.get(name__iexact=alias, valid_from__isnull=True).actor.slug == slug


@pytest.mark.parametrize(
    ("day", "slug"),
    [
        (dt.date(2005, 6, 1), "kofi-annan"),
        (dt.date(2016, 12, 31), "ban-ki-moon"),
        (dt.date(2017, 8, 16), "antonio-guterres"),
    ],
)
def test_secretary_general_title_follows_the_term_of_office(day, slug):
    holders = ActorAlias.objects.filter(name__iexact="UN chief", valid_from__lte=day, valid_to__gte=day)
    assert [alias.actor.slug for alias in holders] == [slug]


def test_every_security_council_resolution_is_present():
    # 1-2640 from the Library's tables (less 666 and 695), then 2641-2803 from the public record.
    assert Resolution.objects.filter(body="S").count() == 2801
    assert Resolution.objects.get(body="S", number=2728).symbol == "S/RES/2728 (2024)"
    resolution = Resolution.objects.get(symbol="S/RES/2371 (2017)")
    assert resolution.adopted_on == dt.date(2017, 8, 5)
    assert resolution.number == 2371
    assert resolution.vote == "15-0-0"
    assert "Democratic People's Republic of Korea" in resolution.agenda


def test_reading_the_fixtures_gives_rows_by_natural_key():
    reference = reference_data_read()
    assert len([fields for fields in reference.actors if fields["kind"] == "state"]) == 195
    dprk = next(fields for fields in reference.aliases if fields["name"] == "DPRK")
    assert dprk["actor_slug"] == "north-korea" and "actor" not in dprk
    assert len(reference.resolutions) == 2801 + 19  # and the Assembly's emergency-special-session ones


def test_loaddata_on_the_fixture_files_works_and_is_idempotent():
    call_command("loaddata", *ACTOR_FIXTURES, "resolutions.json", verbosity=0)
    assert Actor.objects.filter(kind="state").count() == 195
    assert Resolution.objects.count() == 2801 + 19
    assert ActorAlias.objects.filter(name__iexact="DPRK").count() == 1
