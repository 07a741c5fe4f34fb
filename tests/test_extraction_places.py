"""Where a happening took place: the GeoNames gazetteer, the happening's own clause, and the word traps."""

import pytest

from tests.reference_gazetteer import reference_gazetteer
from timeline.extraction.events import extract_article
from timeline.extraction.places import UN_HEADQUARTERS, load_places


@pytest.fixture(scope="module")
def places():
    return load_places().with_countries({"DPRK": "PRK", "Democratic People's Republic of Korea": "PRK"})


def test_the_gazetteer_is_geonames_at_scale():
    gazetteer = load_places()
    assert len(gazetteer.countries) >= 240
    assert len(gazetteer.cities) > 20_000
    assert gazetteer.countries["switzerland"] == "CHE"


def test_a_city_after_a_locative_preposition_is_a_place_with_coordinates(places):
    location = places.locate("The meeting in Geneva ended on Friday.", kind="meeting")
    assert (location.country, location.place, location.precision) == ("CHE", "Geneva", "place")
    assert location.lat == pytest.approx(46.2, abs=0.1) and location.lon == pytest.approx(6.15, abs=0.1)


def test_a_small_city_needs_its_country_named_in_the_article(places):
    sentence = "The DPRK launched a ballistic missile from Sunan on Tuesday."
    located = places.locate(sentence, kind="test_or_launch", context_countries={"PRK"})
    assert (located.country, located.place) == ("PRK", "Sunan")
    # Without the country anywhere in the article, a town of 37,000 is not trusted.
    assert places.locate("A rocket was launched from Sunan.", kind="test_or_launch") is None


def test_a_country_after_a_preposition_gives_country_precision(places):
    location = places.locate("The nuclear test in the DPRK on 9 September was condemned.", kind="test_or_launch")
    assert location.country == "PRK" and location.precision == "country" and location.place == ""


def test_countries_outside_the_happenings_clause_locate_nothing(places):
    sentence = "The Council met today, and the talks in Syria continued."
    trigger_start = sentence.index("met")
    location = places.locate(sentence, trigger_start=trigger_start, kind="meeting")
    assert location.place == UN_HEADQUARTERS[1]  # not Syria: that is another clause
    named_only = "The Secretary-General condemned the attack, which China and France had also deplored."
    assert places.locate(named_only, trigger_start=named_only.index("condemned"), kind="statement") is None


def test_a_security_council_meeting_without_a_place_is_at_headquarters(places):
    location = places.locate("The Security Council adopted resolution 2371 (2017) today.", kind="resolution")
    assert (location.country, location.precision) == ("USA", "place")
    assert places.locate("The Secretary-General said he was concerned.", kind="statement") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "In most cases, the talks were held.",  # "Most", a Czech town, in lower case
        "It was of concern to the Council of Europe.",  # "Of", a Turkish town
        "Most delegations spoke at length.",  # capitalised, but no locative preposition
        "The split in the Council was evident.",  # "Split", Croatia
        "He spoke of a male candidate.",  # "Male", Maldives
        "The meeting was held in Council chambers.",  # "Council", a US hamlet of 800
    ],
)
def test_common_words_that_are_place_names_locate_nothing(places, sentence):
    assert places.locate(sentence, kind="statement") is None


def test_a_city_that_is_also_a_country_is_the_country(places):
    assert places.locate("Talks were held in Kuwait.", kind="meeting").precision == "country"


def test_extracted_events_carry_their_location():
    raw = (
        "# Missile launch condemned\n\n"
        "29 August 2017 – The Democratic People's Republic of Korea today launched a ballistic missile from "
        "Sunan that flew over Japan, the Secretary-General said.\n"
    ).encode()
    article = extract_article(raw, source_name="x.txt", gazetteer=reference_gazetteer())
    location = article.events[0].location
    assert location is not None and (location.country, location.place) == ("PRK", "Sunan")


def test_a_place_of_the_happening_a_statement_talks_about_is_not_the_statements(places):
    sentence = "Mr. Guterres condemned the attacks near the airport in Kabul, Afghanistan."
    assert places.locate(sentence, trigger_start=sentence.index("condemned"), kind="statement") is None
    attack = "The attack in Kabul on 26 August killed dozens."
    assert places.locate(attack, trigger_start=attack.index("attack"), kind="conflict").place == "Kabul"


def test_an_opening_participle_does_not_locate_the_main_clause(places):
    sentence = "Condemning the bombing in Baghdad, the Security Council today declared it would not be intimidated."
    location = places.locate(sentence, trigger_start=sentence.index("declared"), kind="resolution")
    assert location.place == UN_HEADQUARTERS[1]
