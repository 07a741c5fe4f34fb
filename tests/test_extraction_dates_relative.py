"""Resolution of relative expressions (timeline.extraction.dates.relative): weekdays, yearless months, anchors."""

from __future__ import annotations

from datetime import date

import pytest

from tests.date_helpers import AUG_16, AUG_20, Expected, d, summarise
from timeline.extraction.dates import find_dates

CASES: list[tuple[str, date, Expected]] = [
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
]


@pytest.mark.parametrize(("text", "base", "expected"), CASES, ids=[case[2][0] for case in CASES])
def test_finds_and_resolves(text: str, base: date, expected: Expected) -> None:
    assert summarise(text, base) == [expected]


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


@pytest.mark.parametrize(
    ("sentence", "base", "expected"),
    [
        # The end of a prolonged period lies after the prolonging, whatever the verb's tense.
        ("The Council extended the mission through 31 October.", d("2005-04-28"), ("31 October", d("2005-10-31"))),
        (
            "The Council extended the mission until the end of October.",
            d("2005-04-28"),
            ("the end of October", d("2005-10-01")),
        ),
        # A target after an infinitive or a modal lies ahead.
        (
            "It endorsed the plan, with inspections to begin by 1 October.",
            d("2013-09-27"),
            ("1 October", d("2013-10-01")),
        ),
        # A resolution's present-tense operative verb asks for what is to come.
        (
            "The resolution calls for an inaugural meeting on 19 June.",
            d("2006-03-15"),
            ("19 June", d("2006-06-19")),
        ),
        # Without a prolonging verb or a target, "until" keeps the past reading of a past-tense sentence.
        ("Fighting continued until 5 March.", AUG_16, ("5 March", d("2017-03-05"))),
        ("Talks were held in the capital by 5 March.", AUG_16, ("5 March", d("2017-03-05"))),
    ],
)
def test_deadlines_and_targets_of_yearless_dates_point_forward(sentence, base, expected):
    assert [(m.text, m.date_start) for m in find_dates(sentence, base=base)] == [expected]


def test_early_this_year_is_the_whole_year_but_earlier_this_year_stops_today():
    (early,) = find_dates("Preparations have been under way since early this year.", base=d("2007-07-31"))
    assert (early.date_start, early.date_end, early.precision) == (d("2007-01-01"), d("2007-12-31"), "year")
    (earlier,) = find_dates("Earlier this year, exports fell.", base=d("2007-07-31"))
    assert (earlier.date_start, earlier.date_end) == (d("2007-01-01"), d("2007-07-31"))
