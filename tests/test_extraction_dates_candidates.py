"""Candidate finding (timeline.extraction.dates.candidates): which expressions are dates, and which are not."""

from __future__ import annotations

from datetime import date

import pytest

from tests.date_helpers import AUG_16, JAN_18, Expected, d, summarise
from timeline.extraction.dates import find_dates

CASES: list[tuple[str, date, Expected]] = [
    # explicit full dates
    ("The Council met on 16 August 2017 in New York.", JAN_18, ("16 August 2017", AUG_16, AUG_16, "day")),
    ("The Council met on August 16, 2017 in New York.", JAN_18, ("August 16, 2017", AUG_16, AUG_16, "day")),
    ("The report was issued on 16 Aug. 2017.", JAN_18, ("16 Aug. 2017", AUG_16, AUG_16, "day")),
    ("Published 2017-08-16 by the Department.", JAN_18, ("2017-08-16", AUG_16, AUG_16, "day")),
    ("On Wednesday, 16 August 2017, he spoke.", JAN_18, ("Wednesday, 16 August 2017", AUG_16, AUG_16, "day")),
    (
        "It entered into force on the 3rd of May 1999.",
        AUG_16,
        ("the 3rd of May 1999", d("1999-05-03"), d("1999-05-03"), "day"),
    ),
    # month and year
    ("Fighting resumed in August 2017.", JAN_18, ("August 2017", d("2017-08-01"), d("2017-08-31"), "month")),
    (
        "The raid took place in May 2010 on the high seas.",
        AUG_16,
        ("May 2010", d("2010-05-01"), d("2010-05-31"), "month"),
    ),
    ("The mission was renewed in Sept. 2016.", AUG_16, ("Sept. 2016", d("2016-09-01"), d("2016-09-30"), "month")),
    (
        "Talks collapsed in early December 2016.",
        AUG_16,
        ("early December 2016", d("2016-12-01"), d("2016-12-31"), "month"),
    ),
    # bare years in date-like contexts
    ("The treaty was signed in 2015.", AUG_16, ("2015", d("2015-01-01"), d("2015-12-31"), "year")),
    ("The mission has been deployed since 1997.", AUG_16, ("1997", d("1997-01-01"), d("1997-12-31"), "year")),
    ("Hunger should be eradicated by 2030.", AUG_16, ("2030", d("2030-01-01"), d("2030-12-31"), "year")),
    ("Elections are planned for mid-2018.", AUG_16, ("mid-2018", d("2018-01-01"), d("2018-12-31"), "year")),
    (
        "She recalled the 2010 commando raid on the flotilla.",
        AUG_16,
        ("2010", d("2010-01-01"), d("2010-12-31"), "year"),
    ),
    ("In 2003, the mission was established.", AUG_16, ("2003", d("2003-01-01"), d("2003-12-31"), "year")),
    # decades and centuries
    ("Such wars were common in the 1990s.", AUG_16, ("the 1990s", d("1990-01-01"), d("1999-12-31"), "year")),
    ("The worst famine of the 20th century.", AUG_16, ("the 20th century", d("1900-01-01"), d("1999-12-31"), "year")),
]


@pytest.mark.parametrize(("text", "base", "expected"), CASES, ids=[case[2][0] for case in CASES])
def test_finds_and_resolves(text: str, base: date, expected: Expected) -> None:
    assert summarise(text, base) == [expected]


NEGATIVE_CASES: list[str] = [
    # pronouns and words that contain weekday abbreviations
    "We welcome the decision, and we urge all parties to comply.",
    "Wed to the idea of dialogue, the envoy pressed on.",
    "The weapons were sent to the Wedding Hall.",
    # resolution symbols and numbers
    "Unanimously adopting resolution 2371 (2017), the Council imposed a ban.",
    "The Council recalled S/RES/2371 (2017) and resolution 2270 (2016).",
    "The number 2371 appears in the annex.",
    # durations
    "The ceasefire held for 45 days.",
    "Talks continued for two weeks.",
    "The conflict has lasted half a century.",
    "It took three years to rebuild the school.",
    "The past few months have been difficult.",
    "Aid has declined over the last year.",
    "In the coming weeks the Council will decide.",
    # meeting numbers, articles, paragraphs
    "The Council met at its 8151st meeting.",
    "Under paragraph 8 and Article 51 of the Charter, States may act.",
    # money, percentages and counts
    "The appeal raised $2017 from donors.",
    "The plan costs US$ 1,950 million.",
    "Each family received 2,000 dollars.",
    "Prices rose 20 per cent, and wages 15%.",
    "Some 2,371 people were displaced.",
    "The camp now hosts 1953 refugees.",
    "The agency counted 2016 people in the camp.",
    # "May" the modal verb, "march" the verb, names
    "Countries may be asked to contribute, and this may take time.",
    "May I thank the President for convening this meeting.",
    "Prime Minister Theresa May said the vote would proceed.",
    "Protesters plan to march on the capital.",
    "Deputy Secretary-General Jan Eliasson briefed the Council.",
    "The signing of the Good Friday Agreement was celebrated.",
    # names with years and anaphoric phrases are not resolved
    "The 2030 Agenda for Sustainable Development guides the work.",
    "Tensions are the highest since the Cold War.",
    "The meeting starts at 3 p.m.",
    "Meetings are held on Fridays.",
    "The Council meets every Monday and every May.",
    "Boris Johnson and May met in London.",
    "August was the deadliest period so far.",
    "The number of refugees rose to 2000 by the end of the period.",
    "See documents S/2017/685 and A/72/2017.",
]


@pytest.mark.parametrize("text", NEGATIVE_CASES)
def test_rejects_non_dates(text: str) -> None:
    assert summarise(text, AUG_16) == []


def test_impossible_dates_are_rejected() -> None:
    assert find_dates("It was signed on 31 February 2017.", base=AUG_16) == []


def test_never_invents_a_day_or_month() -> None:
    (mention,) = find_dates("The agreement was reached in 2015.", base=d("2015-11-23"))
    assert (mention.date_start, mention.date_end, mention.precision) == (d("2015-01-01"), d("2015-12-31"), "year")
