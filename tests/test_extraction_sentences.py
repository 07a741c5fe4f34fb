"""Tests for timeline.extraction.sentences (pure Python, no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.extraction.article import parse_article
from timeline.extraction.sentences import Sentence, split_sentences

ARTICLES = Path(__file__).resolve().parent / "articles"


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def prose_sentences(article) -> list:
    """The sentences extraction reads: those of the prose paragraphs, with offsets into the body."""
    return [s for p in article.prose_paragraphs() for s in split_sentences(p.text, offset=p.start)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Mr. Guterres and Mrs. Smith met Ms. Jones and Dr. Brown in St. Petersburg today.",
        "Gen. Haftar and Lt. Col. Ali spoke to the U.N. envoy and the U.S. Ambassador.",
        "The list appears as Annex No. 5 of the report, which cites Art. 2 of the Charter.",
        "Donors, e.g. Japan and Norway, pledged funds, i.e. most of the appeal.",
        "The meeting opened at 10 a.m. New York time and closed at 6 p.m. Geneva time.",
        "John F. Kennedy admired the work of J. R. R. Tolkien.",
        "Some 3.5 million people, or 1.2 per cent, need help.",
        "He paused… then he continued, and Mr. Ban paused... Guterres went on.",
        '"I will remain in close contact with all concerned parties and stand ready to assist in any way," '
        "said Mr. Guterres.",
        '"We need to heed the lessons of history not to repeat the mistakes," he said.',
        "“Are we ready?” she asked.",
    ],
)
def test_no_false_breaks(sentence: str) -> None:
    assert texts(sentence) == [sentence]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Council met. It adopted a text.", ["The Council met.", "It adopted a text."]),
        ("Is it over? No! It is not.", ["Is it over?", "No!", "It is not."]),
        (
            'He welcomed "renewed dialogue." These include steps.',
            ['He welcomed "renewed dialogue."', "These include steps."],
        ),
        ("Talks were held in 1953. 2017 was different.", ["Talks were held in 1953.", "2017 was different."]),
        ("He spoke. “We must act,” he said.", ["He spoke.", "“We must act,” he said."]),
        (
            "The mission was led by the U.S. The Council agreed.",
            ["The mission was led by the U.S.", "The Council agreed."],
        ),
        ("It ended at 5 p.m. The next day was calm.", ["It ended at 5 p.m.", "The next day was calm."]),
        ("Food, water, etc. However, funds ran out.", ["Food, water, etc.", "However, funds ran out."]),
        ("Heading without stop\n\nNext paragraph starts.", ["Heading without stop", "Next paragraph starts."]),
        ("He waited ... The vote came.", ["He waited ...", "The vote came."]),
        ("(This is an aside.) Then it went on.", ["(This is an aside.)", "Then it went on."]),
    ],
)
def test_breaks(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_and_stripping() -> None:
    text = "  First one.   Second one!\n\n  Third?  "
    sentences = split_sentences(text, offset=100)
    assert [s.text for s in sentences] == ["First one.", "Second one!", "Third?"]
    for sentence in sentences:
        assert text[sentence.start - 100 : sentence.end - 100] == sentence.text
    assert sentences[0] == Sentence("First one.", 102, 112)


def test_empty_and_whitespace() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []
    assert texts("no final punctuation") == ["no final punctuation"]


def test_lowercase_after_period_does_not_split() -> None:
    assert texts("He said it was 5 p.m. and left. then nothing.") == ["He said it was 5 p.m. and left. then nothing."]


def test_prose_sentences_skip_headings_and_pull_quotes() -> None:
    article = parse_article((ARTICLES / "03_refugees_pull_quote.txt").read_bytes())
    sentences = prose_sentences(article)
    assert all(article.body[s.start : s.end] == s.text for s in sentences)
    assert "Funding falls short" not in [s.text for s in sentences]
    assert not any("flee twice" in s.text for s in sentences)


def test_abbreviation_heavy_article() -> None:
    article = parse_article((ARTICLES / "05_abbreviations.txt").read_bytes())
    sentences = [s.text for s in prose_sentences(article)]
    assert len(sentences) == 9
    assert sentences[2] == (
        "Lt. Col. Ahmed Ali of the eastern forces did not attend, i.e. the military track remains open."
    )
    assert sentences[-1] == "Mr. Salamé later flew to St. Petersburg for talks."
    assert "The U.N. appeal for 2018 asks for $313 million." in sentences
