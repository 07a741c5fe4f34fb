"""Tests for timeline.extraction.actors (pure Python, no database)."""

from __future__ import annotations

import random
import string
import time
from datetime import date
from pathlib import Path

import pytest

from timeline.extraction.actors import (
    ActorMention,
    AliasSpec,
    Gazetteer,
    GazetteerEntry,
    find_titled_people,
    fold_text,
)
from timeline.extraction.article import parse_article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLES = Path(__file__).resolve().parent / "articles"

GUTERRES_TERM = (date(2017, 1, 1), date(2026, 12, 31))
BAN_TERM = (date(2007, 1, 1), date(2016, 12, 31))
ROLE_ALIASES = ("Secretary-General", "the Secretary-General", "UN chief", "UN Secretary-General")
AUG_2017 = date(2017, 8, 16)


def plain(*names: str) -> tuple[AliasSpec, ...]:
    return tuple(AliasSpec(name) for name in names)


def roles(term: tuple[date, date]) -> tuple[AliasSpec, ...]:
    return tuple(AliasSpec(name, *term) for name in ROLE_ALIASES)


ENTRIES = [
    GazetteerEntry(
        "dprk",
        "Democratic People's Republic of Korea",
        "state",
        "PRK",
        plain("DPRK", "DPR Korea", "North Korea", "Democratic People's Republic of Korea"),
    ),
    GazetteerEntry("rok", "Republic of Korea", "state", "KOR", plain("Republic of Korea", "South Korea", "ROK")),
    GazetteerEntry(
        "usa", "United States", "state", "USA", plain("United States", "US", "USA", "United States of America")
    ),
    GazetteerEntry("japan", "Japan", "state", "JPN", plain("Japanese")),
    GazetteerEntry("iran", "Iran", "state", "IRN", plain("Iranian", "Islamic Republic of Iran")),
    GazetteerEntry("united-nations", "United Nations", "organization", None, plain("UN")),
    GazetteerEntry("security-council", "Security Council", "un_body", None, plain("UN Security Council")),
    GazetteerEntry(
        "antonio-guterres",
        "António Guterres",
        "person",
        None,
        plain("Guterres", "António Guterres", "Antonio Guterres") + roles(GUTERRES_TERM),
    ),
    GazetteerEntry("ban-ki-moon", "Ban Ki-moon", "person", None, plain("Ban Ki-moon") + roles(BAN_TERM)),
]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(ENTRIES)


def found(gazetteer: Gazetteer, text: str, on: date = AUG_2017) -> list[tuple[str, str]]:
    return [(m.slug, m.text) for m in gazetteer.find(text, on=on)]


def test_longest_match_dprk_is_not_also_rok(gazetteer: Gazetteer) -> None:
    text = "the Democratic People's Republic of Korea (DPRK), Japan, the Republic of Korea and the United States"
    assert found(gazetteer, text) == [
        ("dprk", "Democratic People's Republic of Korea"),
        ("dprk", "DPRK"),
        ("japan", "Japan"),
        ("rok", "Republic of Korea"),
        ("usa", "United States"),
    ]


def test_curly_apostrophe_and_offsets(gazetteer: Gazetteer) -> None:
    text = "decision of the Democratic People’s Republic of Korea to take part"
    (mention,) = gazetteer.find(text, on=AUG_2017)
    assert mention == ActorMention("dprk", "Democratic People’s Republic of Korea", 16, 53)
    assert text[mention.start : mention.end] == mention.text


def test_whitespace_inside_name(gazetteer: Gazetteer) -> None:
    text = "the Democratic People’s Republic of\n\nKorea (DPRK) and the United  States"
    assert found(gazetteer, text) == [
        ("dprk", "Democratic People’s Republic of\n\nKorea"),
        ("dprk", "DPRK"),
        ("usa", "United  States"),
    ]


def test_longest_alias_of_one_entry(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "the United States of America and the USA") == [
        ("usa", "United States of America"),
        ("usa", "USA"),
    ]


def test_pronoun_us_is_not_the_united_states(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "It allows us to act. Tell us more, Us.") == []
    assert found(gazetteer, "US forces and US-led talks") == [("usa", "US"), ("usa", "US")]


def test_acronym_is_case_sensitive_multiword_is_not(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "the dprk and the Dprk") == []
    assert found(gazetteer, "north korea and SOUTH KOREA") == [("dprk", "north korea"), ("rok", "SOUTH KOREA")]


def test_possessives(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "DPRK's exports and the UN’s position and Guterres' remarks") == [
        ("dprk", "DPRK"),
        ("united-nations", "UN"),
        ("antonio-guterres", "Guterres"),
    ]


def test_word_boundaries(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "UNICEF, USAID, Japanese-made, Iranians, Guterress") == [("japan", "Japanese")]


def test_accent_insensitive(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "António Guterres and Antonio Guterres and ANTÓNIO GUTERRES") == [
        ("antonio-guterres", "António Guterres"),
        ("antonio-guterres", "Antonio Guterres"),
        ("antonio-guterres", "ANTÓNIO GUTERRES"),
    ]


def test_honorifics_covered_by_surname(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "said Mr. Guterres") == [("antonio-guterres", "Guterres")]


@pytest.mark.parametrize(
    ("on", "slug"),
    [
        (date(2016, 5, 1), "ban-ki-moon"),
        (date(2016, 12, 31), "ban-ki-moon"),
        (date(2017, 1, 1), "antonio-guterres"),
        (date(2018, 1, 18), "antonio-guterres"),
    ],
)
def test_role_alias_resolves_by_date(gazetteer: Gazetteer, on: date, slug: str) -> None:
    text = "the Secretary-General said, and the UN chief agreed with UN Secretary-General remarks"
    assert found(gazetteer, text, on) == [
        (slug, "Secretary-General"),
        (slug, "UN chief"),
        (slug, "UN Secretary-General"),
    ]


def test_role_alias_outside_every_term_matches_nothing(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "the Secretary-General and the UN chief", date(1990, 1, 1)) == [
        ("united-nations", "UN"),  # "UN chief" is nobody in 1990, but "UN" still is the UN
    ]


def test_role_alias_not_for_other_roles(gazetteer: Gazetteer) -> None:
    text = (
        "Deputy Secretary-General Amina Mohammed, the Under-Secretary-General, the Assistant Secretary-General, "
        "former UN Secretary-General Ban Ki-moon and the Secretary-General-designate"
    )
    assert found(gazetteer, text, date(2018, 1, 18)) == [("united-nations", "UN"), ("ban-ki-moon", "Ban Ki-moon")]


def test_seed_mentions(gazetteer: Gazetteer) -> None:
    article = parse_article((SEEDS / "003_f49dd6a5590883b7.txt").read_bytes())
    mentions = gazetteer.find(article.body, on=article.published_on)
    slugs = [m.slug for m in mentions]
    assert "rok" in slugs and slugs.count("dprk") == 3
    # The DPRK's full name (split over a stray blank line in the source) is one mention of the DPRK.
    full = [m for m in mentions if m.text.startswith("Democratic")]
    assert [(m.slug, m.text) for m in full] == [("dprk", "Democratic People’s Republic of Korea")]
    assert ("iran", "Iranian") in [(m.slug, m.text) for m in mentions]
    assert all(article.body[m.start : m.end] == m.text for m in mentions)
    positions = [(m.start, m.end) for m in mentions]
    assert positions == sorted(positions)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(positions, positions[1:], strict=False))


def test_seed_2016_article_is_ban(gazetteer: Gazetteer) -> None:
    article = parse_article((ARTICLES / "04_truncated_2016.txt").read_bytes())
    people = {m.slug for m in gazetteer.find(article.body, on=article.published_on)} & {
        "ban-ki-moon",
        "antonio-guterres",
    }
    assert people == {"ban-ki-moon"}


def test_fold_text_preserves_length() -> None:
    text = "“Democratic People’s Republic” – São Tomé, Côte d’Ivoire, Łódź\u00a0x"
    assert len(fold_text(text)) == len(text)
    assert fold_text(text) == "\"Democratic People's Republic\" – Sao Tome, Cote d'Ivoire, Lodz x"


def test_entry_lookup_and_validation() -> None:
    gazetteer = Gazetteer(ENTRIES)
    assert gazetteer.entry("rok").iso3 == "KOR"
    assert "rok" in gazetteer and "nope" not in gazetteer and len(gazetteer) == len(ENTRIES)
    with pytest.raises(KeyError):
        gazetteer.entry("nope")
    with pytest.raises(ValueError, match="duplicate"):
        Gazetteer([ENTRIES[0], ENTRIES[0]])
    with pytest.raises(ValueError, match="kind"):
        Gazetteer([GazetteerEntry("x", "X", "planet", None, ())])


def test_ambiguous_surface_prefers_time_bounded_then_first() -> None:
    entries = [
        GazetteerEntry("a", "Alpha", "organization", None, plain("The Chief")),
        GazetteerEntry("b", "Beta", "person", None, (AliasSpec("The Chief", date(2000, 1, 1), date(2030, 1, 1)),)),
        GazetteerEntry("c", "Gamma", "organization", None, plain("Agency")),
        GazetteerEntry("d", "Delta", "organization", None, plain("Agency")),
    ]
    gazetteer = Gazetteer(entries)
    assert found(gazetteer, "Chief and Agency", date(2010, 1, 1)) == [("b", "Chief"), ("c", "Agency")]
    assert found(gazetteer, "Chief and Agency", date(1990, 1, 1)) == [("a", "Chief"), ("c", "Agency")]


def _random_word(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(length)).title()


def test_speed_with_large_gazetteer() -> None:
    rng = random.Random(7)
    entries = list(ENTRIES)
    for index in range(300):
        first, last = _random_word(rng, 6), _random_word(rng, 8)
        aliases = plain(last, f"{first} {last}", f"Republic of {last}", f"{last} Authority") + (
            AliasSpec(f"Minister {last}", date(2010, 1, 1), date(2020, 1, 1)),
        )
        entries.append(GazetteerEntry(f"e{index}", f"{first} {last}", "organization", None, aliases))
    gazetteer = Gazetteer(entries)
    assert sum(1 + len(e.aliases) for e in entries) > 1500
    article = parse_article((SEEDS / "003_f49dd6a5590883b7.txt").read_bytes())
    text = " ".join(article.body.split()[:600])
    gazetteer.find(text, on=article.published_on)  # warm-up
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        gazetteer.find(text, on=article.published_on)
    assert (time.perf_counter() - started) / runs < 0.005


# --- people introduced by a title ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("President Xi Jinping said", [("President", "Xi Jinping")]),
        ("met Foreign Minister Wang Yi today", [("Foreign Minister", "Wang Yi")]),
        ("Prime Minister Shinzo Abe's visit", [("Prime Minister", "Shinzo Abe")]),
        ("Ambassador Nikki Haley of the United States", [("Ambassador", "Nikki Haley")]),
        ("Crown Prince Mohammed bin Salman", [("Crown Prince", "Mohammed bin Salman")]),
        ("President Bashar al-Assad", [("President", "Bashar al-Assad")]),
        ("President Donald J. Trump", [("President", "Donald J. Trump")]),
        ("General Assembly President Miroslav Lajčák spoke", [("President", "Miroslav Lajčák")]),
        ("the President of the Security Council", []),
        ("President Trump", []),
        ("Mr. Guterres", []),
        ("Secretary-General António Guterres", [("Secretary-General", "António Guterres")]),
        ("President Nursultan Nazarbayev Thursday", [("President", "Nursultan Nazarbayev")]),
        ("the Special Envoy United Nations Office", []),
    ],
)
def test_find_titled_people(text: str, expected: list[tuple[str, str]]) -> None:
    results = find_titled_people(text)
    assert [(title, name) for title, name, _, _ in results] == expected
    for _, name, start, end in results:
        assert text[start:end] == name


def test_titled_people_in_noisy_article() -> None:
    article = parse_article((ARTICLES / "02_climate_bom_crlf.txt").read_bytes())
    names = [name for _, name, _, _ in find_titled_people(article.body)]
    assert names == ["António Guterres", "Emmanuel Macron"]


def test_find_accepts_a_datetime(gazetteer: Gazetteer) -> None:
    from datetime import UTC, datetime

    assert found(gazetteer, "the UN chief", datetime(2016, 3, 1, 12, 0, tzinfo=UTC)) == [("ban-ki-moon", "UN chief")]
