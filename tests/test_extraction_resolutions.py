"""Tests for timeline.extraction.resolutions (pure Python, no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.extraction.article import parse_article
from timeline.extraction.resolutions import ResolutionMention, find_resolutions

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLES = Path(__file__).resolve().parent / "articles"


def cited(text: str) -> list[tuple[str, int, int | None, str, str]]:
    """(symbol, number, year, body, cited text) for each mention."""
    return [(m.symbol, m.number, m.year, m.body, text[m.start : m.end]) for m in find_resolutions(text)]


def test_single_with_year() -> None:
    text = "Unanimously adopting resolution 2371 (2017), the Council imposed a ban."
    assert find_resolutions(text) == [ResolutionMention("S/RES/2371 (2017)", 2371, 2017, "S", 21, 43)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Resolution 2397 (2017) was adopted.", [("S/RES/2397 (2017)", 2397, 2017, "S", "Resolution 2397 (2017)")]),
        ("see S/RES/2371 (2017).", [("S/RES/2371 (2017)", 2371, 2017, "S", "S/RES/2371 (2017)")]),
        ("see S/RES/2371(2017).", [("S/RES/2371 (2017)", 2371, 2017, "S", "S/RES/2371(2017)")]),
        (
            "under Security Council resolution 1718 (2006),",
            [("S/RES/1718 (2006)", 1718, 2006, "S", "Security Council resolution 1718 (2006)")],
        ),
        (
            "the Council’s resolution 2375 (2017)",
            [("S/RES/2375 (2017)", 2375, 2017, "S", "Council’s resolution 2375 (2017)")],
        ),
        ("as resolution 2371 demands", [("", 2371, None, "S", "resolution 2371")]),
        ("General Assembly resolution 72/1", [("A/RES/72/1", 1, None, "A", "General Assembly resolution 72/1")]),
        ("resolution 71/1 was adopted", [("A/RES/71/1", 1, None, "A", "resolution 71/1")]),
        ("document A/RES/72/1 says", [("A/RES/72/1", 1, None, "A", "A/RES/72/1")]),
        ("document A/RES/ES-10/19 says", [("A/RES/ES-10/19", 19, None, "A", "A/RES/ES-10/19")]),
        (
            "General Assembly resolution 181 (II)",
            [("A/RES/181(II)", 181, None, "A", "General Assembly resolution 181 (II)")],
        ),
    ],
)
def test_forms(text: str, expected: list[tuple]) -> None:
    assert cited(text) == expected


def test_list_of_two() -> None:
    text = "resolutions 2270 (2016) and 2321 (2016) require"
    assert cited(text) == [
        ("S/RES/2270 (2016)", 2270, 2016, "S", "resolutions 2270 (2016)"),
        ("S/RES/2321 (2016)", 2321, 2016, "S", "2321 (2016)"),
    ]


def test_list_of_three() -> None:
    text = "Building on resolutions 2270 (2016), 2321 (2016) and 2371 (2017), the text"
    assert [m.symbol for m in find_resolutions(text)] == ["S/RES/2270 (2016)", "S/RES/2321 (2016)", "S/RES/2371 (2017)"]


def test_list_of_bare_numbers() -> None:
    assert [(m.number, m.symbol) for m in find_resolutions("resolutions 1718, 1874 and 2087 were")] == [
        (1718, ""),
        (1874, ""),
        (2087, ""),
    ]


def test_general_assembly_session_is_kept() -> None:
    (mention,) = find_resolutions("A/RES/72/1")
    assert mention.session == 72 and mention.body == "A"


@pytest.mark.parametrize(
    "text",
    [
        "in defiance of Council resolutions must be fully implemented",
        "resolution 5 per cent of the budget",
        "a resolution of the conflict in 2017",
        "Human Rights Council resolution 35/1 and resolution 35/2",
        "the 2371 ships and 2017 events",
        "UN/RES/2371 is not a symbol",
    ],
)
def test_not_resolutions(text: str) -> None:
    assert find_resolutions(text) == []


def test_other_numbers_in_citation_are_ignored() -> None:
    text = "Under paragraph 8 of resolution 2397 (2017), paragraph 9 and 15 members"
    assert [m.number for m in find_resolutions(text)] == [2397]
    assert [m.number for m in find_resolutions("resolution 2371 and 15 members agreed")] == [2371]
    assert [m.number for m in find_resolutions("resolution 2371 (2017) and 300 ships")] == [2371]


def test_seeds() -> None:
    korea = parse_article((SEEDS / "000_7e3c3fa8f530c069.txt").read_bytes())
    assert [m.symbol for m in find_resolutions(korea.body)] == ["S/RES/2371 (2017)"]
    mention = find_resolutions(korea.body)[0]
    assert korea.body[mention.start : mention.end] == "resolution 2371 (2017)"
    dialogue = parse_article((SEEDS / "003_f49dd6a5590883b7.txt").read_bytes())
    assert find_resolutions(dialogue.body) == []


def test_noisy_article() -> None:
    article = parse_article((ARTICLES / "01_sanctions_list.txt").read_bytes())
    assert [m.symbol for m in find_resolutions(article.body)] == [
        "S/RES/2270 (2016)",
        "S/RES/2321 (2016)",
        "S/RES/2371 (2017)",
        "S/RES/2397 (2017)",
        "S/RES/1718 (2006)",
    ]
