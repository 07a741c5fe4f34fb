"""Tests for timeline.extraction.dates: pure Python, no database.

Most cases are (sentence, base date, expected mentions) triples. Seed-article sentences come first; the
rest cover one rule each with a positive and a negative case. Base dates used below:

* 2017-08-16 is a Wednesday (seed article 000), 2018-01-18 a Thursday (seed article 003),
* 2017-08-20 a Sunday.
"""

from __future__ import annotations

import dataclasses
import time
from datetime import date, datetime

import pytest

from timeline.extraction.dates import PRECISIONS, DateMention, find_dates

AUG_16 = date(2017, 8, 16)  # Wednesday
JAN_18 = date(2018, 1, 18)  # Thursday
AUG_20 = date(2017, 8, 20)  # Sunday

Expected = tuple[str, date, date, str]  # (text, date_start, date_end, precision)


def summarise(text: str, base: date) -> list[Expected]:
    """Mentions reduced to comparable tuples, after checking the offsets agree with the text."""
    mentions = find_dates(text, base=base)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    return [(m.text, m.date_start, m.date_end, m.precision) for m in mentions]


def d(iso: str) -> date:
    return date.fromisoformat(iso)


# ---------------------------------------------------------------------------------------------------------
# Seed sentences
# ---------------------------------------------------------------------------------------------------------

SEED_CASES: list[tuple[str, date, list[Expected]]] = [
    (
        "Addressing the growing tensions on the Korean Peninsula, United Nations Secretary-General António "
        "Guterres today said it was important to dial down rhetoric and dial up diplomacy.",
        AUG_16,
        [("today", d("2017-08-16"), d("2017-08-16"), "day")],
    ),
    (
        "The message echoes what Mr. Guterres said he had told yesterday's meeting of the representatives "
        "of the Six-Party Talks",
        AUG_16,
        [("yesterday", d("2017-08-15"), d("2017-08-15"), "day")],
    ),
    (
        "Earlier this month, the UN Security Council strengthened sanctions against DPRK's exports.",
        AUG_16,
        [("Earlier this month", d("2017-08-01"), d("2017-08-16"), "month")],
    ),
    (
        "Unanimously adopting resolution 2371 (2017), the Council imposed a full ban on the export of coal, "
        "iron and iron ore from the north-east Asian country.",
        AUG_16,
        [],
    ),
    (
        "ravaged the Peninsula from 1950 to 1953.",
        AUG_16,
        [("from 1950 to 1953", d("1950-01-01"), d("1953-12-31"), "year")],
    ),
    (
        "He noted that more than three million people died in the Korean War, which ravaged the Peninsula "
        "from 1950 to 1953.",
        AUG_16,
        [("from 1950 to 1953", d("1950-01-01"), d("1953-12-31"), "year")],
    ),
    ('"We need to heed the lessons of history not to repeat the mistakes," he said.', AUG_16, []),
    (
        "Worldwide concerns over nuclear weapons are the highest they have been since the Cold War, United "
        "Nations Secretary-General António Guterres said Thursday, calling for comprehensive political "
        "solutions that include dialogue and negotiation to prevent, mitigate and resolve conflicts.",
        JAN_18,
        [("Thursday", d("2018-01-18"), d("2018-01-18"), "day")],
    ),
    (
        "The Security Council meeting today on the theme of non-proliferation of weapons of mass destruction "
        "was convened by Kazakhstan in its capacity as the President of the Security Council for the month "
        "of January.",
        JAN_18,
        [
            ("today", d("2018-01-18"), d("2018-01-18"), "day"),
            ("the month of January", d("2018-01-01"), d("2018-01-31"), "month"),
        ],
    ),
    ("Worldwide concerns over nuclear weapons are the highest they have been since the Cold War", JAN_18, []),
    ("16 August 2017 – Addressing the growing tensions", AUG_16, [("16 August 2017", AUG_16, AUG_16, "day")]),
]


@pytest.mark.parametrize(("text", "base", "expected"), SEED_CASES)
def test_seed_sentences(text: str, base: date, expected: list[Expected]) -> None:
    assert summarise(text, base) == expected


# ---------------------------------------------------------------------------------------------------------
# One rule at a time: positives
# ---------------------------------------------------------------------------------------------------------

POSITIVE_CASES: list[tuple[str, date, Expected]] = [
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
    # ranges
    ("The war lasted 1950-1953.", AUG_16, ("1950-1953", d("1950-01-01"), d("1953-12-31"), "year")),
    ("The 2016–2017 budget was approved.", AUG_16, ("2016–2017", d("2016-01-01"), d("2017-12-31"), "year")),
    ("The expedition of 1957-58 crossed Antarctica.", AUG_16, ("1957-58", d("1957-01-01"), d("1958-12-31"), "year")),
    (
        "Prices doubled between 2010 and 2015.",
        AUG_16,
        ("between 2010 and 2015", d("2010-01-01"), d("2015-12-31"), "year"),
    ),
    (
        "Floods hit the region between March and May 2017.",
        AUG_16,
        ("between March and May 2017", d("2017-03-01"), d("2017-05-31"), "month"),
    ),
    (
        "The conference will be held from 3 to 5 May 2018.",
        AUG_16,
        ("from 3 to 5 May 2018", d("2018-05-03"), d("2018-05-05"), "day"),
    ),
    ("The summit ran 3-5 May 2017 in Geneva.", AUG_16, ("3-5 May 2017", d("2017-05-03"), d("2017-05-05"), "day")),
    (
        "The embargo applied from March 2016 to May 2017.",
        AUG_16,
        ("from March 2016 to May 2017", d("2016-03-01"), d("2017-05-31"), "month"),
    ),
    (
        "Inspectors were on site from 3 March to 5 May 2017.",
        AUG_16,
        ("from 3 March to 5 May 2017", d("2017-03-03"), d("2017-05-05"), "day"),
    ),
    # relative days
    ("The Secretary-General today said the crisis must end.", AUG_16, ("today", AUG_16, AUG_16, "day")),
    ("He briefed yesterday's meeting.", AUG_16, ("yesterday", d("2017-08-15"), d("2017-08-15"), "day")),
    ("The Council will vote tomorrow.", AUG_16, ("tomorrow", d("2017-08-17"), d("2017-08-17"), "day")),
    ("The envoy arrives tonight.", AUG_16, ("tonight", AUG_16, AUG_16, "day")),
    ("Shelling resumed this morning.", AUG_16, ("this morning", AUG_16, AUG_16, "day")),
    # weekdays by tense
    ("The Council adopted the text on Friday.", AUG_20, ("Friday", d("2017-08-18"), d("2017-08-18"), "day")),
    ("The Council will meet on Monday.", AUG_16, ("Monday", d("2017-08-21"), d("2017-08-21"), "day")),
    ("Mr. Guterres said Wednesday that talks must resume.", AUG_16, ("Wednesday", AUG_16, AUG_16, "day")),
    (
        "The FAA on Friday announced it will close 149 towers.",
        AUG_20,
        ("Friday", d("2017-08-18"), d("2017-08-18"), "day"),
    ),
    ("He said the Council will vote on Friday.", AUG_16, ("Friday", d("2017-08-18"), d("2017-08-18"), "day")),
    ("The talks are scheduled to resume on Tuesday.", AUG_16, ("Tuesday", d("2017-08-22"), d("2017-08-22"), "day")),
    ("The envoy visited Aleppo last Wednesday.", AUG_16, ("last Wednesday", d("2017-08-09"), d("2017-08-09"), "day")),
    (
        "The envoy travels to Aleppo next Wednesday.",
        AUG_16,
        ("next Wednesday", d("2017-08-23"), d("2017-08-23"), "day"),
    ),
    # relative weeks, months and years
    (
        "Later this month, the Council will review the mission.",
        AUG_16,
        ("Later this month", AUG_16, d("2017-08-31"), "month"),
    ),
    ("The Council holds its debate this month.", AUG_16, ("this month", d("2017-08-01"), d("2017-08-31"), "month")),
    ("Aid convoys were blocked last month.", AUG_16, ("last month", d("2017-07-01"), d("2017-07-31"), "month")),
    ("Aid convoys will resume next month.", AUG_16, ("next month", d("2017-09-01"), d("2017-09-30"), "month")),
    ("Exports fell this year.", AUG_16, ("this year", d("2017-01-01"), d("2017-12-31"), "year")),
    ("Earlier this year, exports fell.", AUG_16, ("Earlier this year", d("2017-01-01"), AUG_16, "year")),
    ("The mission was renewed last year.", AUG_16, ("last year", d("2016-01-01"), d("2016-12-31"), "year")),
    ("The mission expires next year.", AUG_16, ("next year", d("2018-01-01"), d("2018-12-31"), "year")),
    ("Six deaths were reported last week.", AUG_16, ("last week", d("2017-08-07"), d("2017-08-13"), "week")),
    ("The envoy is in Damascus this week.", AUG_16, ("this week", d("2017-08-14"), d("2017-08-20"), "week")),
    ("The envoy goes to Damascus next week.", AUG_16, ("next week", d("2017-08-21"), d("2017-08-27"), "week")),
    ("Deaths were reported in the last week.", AUG_16, ("the last week", d("2017-08-07"), d("2017-08-13"), "week")),
    (
        "The plant was ordered shut four years ago.",
        AUG_16,
        ("four years ago", d("2013-01-01"), d("2013-12-31"), "year"),
    ),
    # month names without a year
    ("The Council met in March to discuss the crisis.", AUG_16, ("March", d("2017-03-01"), d("2017-03-31"), "month")),
    ("The talks collapsed in December.", AUG_16, ("December", d("2016-12-01"), d("2016-12-31"), "month")),
    ("The talks will resume in December.", AUG_16, ("December", d("2017-12-01"), d("2017-12-31"), "month")),
    ("The report is due to be published in May.", AUG_16, ("May", d("2018-05-01"), d("2018-05-31"), "month")),
    ("The mandate was extended in August.", AUG_16, ("August", d("2017-08-01"), d("2017-08-31"), "month")),
    ("The president lost his bid last May.", AUG_16, ("last May", d("2017-05-01"), d("2017-05-31"), "month")),
    ("He was reported missing late last July.", AUG_16, ("late last July", d("2017-07-01"), d("2017-07-31"), "month")),
    # day and month without a year
    ("The ceasefire was agreed on 5 March.", AUG_16, ("5 March", d("2017-03-05"), d("2017-03-05"), "day")),
    ("The ceasefire was agreed on 20 August.", AUG_16, ("20 August", d("2016-08-20"), d("2016-08-20"), "day")),
    ("The Assembly will meet on 5 September.", AUG_16, ("5 September", d("2017-09-05"), d("2017-09-05"), "day")),
    ("On Feb. 28, the bank released a note.", AUG_16, ("Feb. 28", d("2017-02-28"), d("2017-02-28"), "day")),
    ("The ministers met on 9 and 10 March.", AUG_16, ("9 and 10 March", d("2017-03-09"), d("2017-03-10"), "day")),
    ("The 2017/18 budget was approved.", AUG_16, ("2017/18", d("2017-01-01"), d("2018-12-31"), "year")),
    ("Earlier in the month, the Council met.", AUG_16, ("Earlier in the month", d("2017-08-01"), AUG_16, "month")),
    ("It will be the first meeting since Monday.", AUG_16, ("Monday", d("2017-08-14"), d("2017-08-14"), "day")),
    ("He said the Council would vote on Friday.", AUG_16, ("Friday", d("2017-08-18"), d("2017-08-18"), "day")),
    ("August's attacks killed 40 civilians.", AUG_16, ("August", d("2017-08-01"), d("2017-08-31"), "month")),
    ("The March elections were postponed.", AUG_16, ("March", d("2017-03-01"), d("2017-03-31"), "month")),
    # decades and centuries
    ("Such wars were common in the 1990s.", AUG_16, ("the 1990s", d("1990-01-01"), d("1999-12-31"), "year")),
    ("The worst famine of the 20th century.", AUG_16, ("the 20th century", d("1900-01-01"), d("1999-12-31"), "year")),
]


@pytest.mark.parametrize(("text", "base", "expected"), POSITIVE_CASES, ids=[case[2][0] for case in POSITIVE_CASES])
def test_finds_and_resolves(text: str, base: date, expected: Expected) -> None:
    assert summarise(text, base) == [expected]


# ---------------------------------------------------------------------------------------------------------
# Negatives: nothing here is a date
# ---------------------------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------------------
# Behaviour across the whole result
# ---------------------------------------------------------------------------------------------------------


def test_several_mentions_come_back_in_order_without_overlap() -> None:
    text = (
        "On 5 March, the Council adopted resolution 2345 (2017); in August 2017 it met again, and it "
        "will meet next week and in December."
    )
    mentions = find_dates(text, base=AUG_16)
    assert [m.text for m in mentions] == ["5 March", "August 2017", "next week", "December"]
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))
    assert mentions[-1].date_start == d("2017-12-01")  # "will meet ... in December": future tense


def test_longest_span_wins_over_its_parts() -> None:
    # "16 August", "August 2017" and "2017" are all inside "16 August 2017"; only the whole is kept.
    assert [m.text for m in find_dates("It was adopted on 16 August 2017.", base=JAN_18)] == ["16 August 2017"]


def test_tense_is_read_per_sentence_in_a_longer_text() -> None:
    text = "The envoy met the parties on Monday. He will return on Monday."
    first, second = find_dates(text, base=AUG_16)
    assert first.date_start == d("2017-08-14")
    assert second.date_start == d("2017-08-21")


@pytest.mark.parametrize(
    ("text", "expected_last"),
    [
        # The explicit date earlier in the sentence sets the year of the yearless one that follows.
        ("It acceded on 2 January 2015 and the treaty entered into force on 1 April.", d("2015-04-01")),
        ("In 2015, the Council met in March.", d("2015-03-01")),
        ("The Council met in December 2016 and again in March.", d("2017-03-01")),
        # "since 1997" does not set the scene, and a future-tense mention keeps its own reading.
        ("The mission has been deployed since 1997, and in March it was renewed.", d("2017-03-01")),
        ("Adopted in 2015, the plan will be reviewed in March.", d("2018-03-01")),
    ],
)
def test_yearless_mentions_take_the_year_of_an_earlier_explicit_date(text: str, expected_last: date) -> None:
    assert find_dates(text, base=AUG_16)[-1].date_start == expected_last


def test_never_invents_a_day_or_month() -> None:
    (mention,) = find_dates("The agreement was reached in 2015.", base=d("2015-11-23"))
    assert (mention.date_start, mention.date_end, mention.precision) == (d("2015-01-01"), d("2015-12-31"), "year")


def test_impossible_dates_are_rejected() -> None:
    assert find_dates("It was signed on 31 February 2017.", base=AUG_16) == []


def test_datetime_base_is_accepted() -> None:
    (mention,) = find_dates("He spoke yesterday.", base=datetime(2017, 8, 16, 15, 30))  # noqa: DTZ001
    assert mention.date_start == d("2017-08-15")


def test_contract_types() -> None:
    assert PRECISIONS == ("day", "week", "month", "year")
    (mention,) = find_dates("He spoke today.", base=AUG_16)
    assert isinstance(mention, DateMention)
    assert mention.precision in PRECISIONS
    assert mention.date_start <= mention.date_end
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.start = 0  # type: ignore[misc]


def test_empty_text() -> None:
    assert find_dates("", base=AUG_16) == []


def test_typical_article_is_fast() -> None:
    paragraph = (
        "Earlier this month, the Security Council strengthened sanctions, Mr. Guterres said on Wednesday. "
        "He noted that the Korean War ravaged the Peninsula from 1950 to 1953, and that resolution 2371 "
        "(2017) was adopted on 5 August 2017. The Council will meet again next week, in September, and "
        "by 2030 the goals must be met. We need dialogue, he told yesterday's meeting of 45 delegations. "
    )
    article = paragraph * 8  # about 600 words
    find_dates("warm up the language data on 1 May 2000", base=date(2000, 6, 1))
    started = time.perf_counter()
    mentions = find_dates(article, base=date(2019, 3, 7))  # a base never seen before: no cached parses
    elapsed = time.perf_counter() - started
    assert len(mentions) >= 8 * 7
    assert elapsed < 0.040, f"took {elapsed * 1000:.1f} ms"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A meeting agreed in the past for a date after the article: the next 12 March.
        (
            "The envoy told the Council on Wednesday that the parties had agreed to meet again in Tunis on 12 March.",
            [("Wednesday", date(2018, 2, 28)), ("12 March", date(2018, 3, 12))],
        ),
        # The date before the infinitive dates the agreeing, not the meeting.
        ("The parties on Thursday agreed to meet the mediator.", [("Thursday", date(2018, 3, 1))]),
        # Other infinitives stay neutral: the selling was agreed in (last) October.
        ("The company agreed to sell its stake in October.", [("October", date(2017, 10, 1))]),
    ],
)
def test_scheduled_meetings_point_forward_only_after_the_infinitive(sentence, expected):
    found = [(m.text, m.date_start) for m in find_dates(sentence, base=date(2018, 3, 3))]
    assert found == expected
