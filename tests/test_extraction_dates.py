"""Tests for the public surface of timeline.extraction.dates (find_dates on whole sentences): pure Python.

Rule-by-rule cases live in the test files of the modules: test_extraction_dates_candidates, _relative,
_intervals and _context.

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

from tests.date_helpers import AUG_16, JAN_18, Expected, d, summarise
from timeline.extraction.dates import MONTH_NUMBERS, PRECISIONS, DateMention, find_dates

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


def test_month_numbers_cover_full_names_and_abbreviations() -> None:
    assert MONTH_NUMBERS["september"] == MONTH_NUMBERS["sept"] == MONTH_NUMBERS["sep"] == 9
    assert len({MONTH_NUMBERS[name] for name in MONTH_NUMBERS}) == 12
