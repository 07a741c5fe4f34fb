"""Sentence bounds and tense (timeline.extraction.dates.context)."""

from __future__ import annotations

from tests.date_helpers import AUG_16, d
from timeline.extraction.dates import find_dates
from timeline.extraction.dates.context import Context


def test_tense_is_read_per_sentence_in_a_longer_text() -> None:
    text = "The envoy met the parties on Monday. He will return on Monday."
    first, second = find_dates(text, base=AUG_16)
    assert first.date_start == d("2017-08-14")
    assert second.date_start == d("2017-08-21")


def test_nearest_tense_marker_wins() -> None:
    text = "The FAA on Friday announced it will close 149 towers."
    context = Context(text, AUG_16)
    friday = text.index("Friday")
    assert not context.is_future(friday, friday + len("Friday"))
    towers = text.index("149")
    assert context.is_future(towers, towers + 3)


def test_sentence_bounds_skip_abbreviations() -> None:
    text = "Mr. Guterres spoke on Monday. He will return on Friday."
    context = Context(text, AUG_16)
    monday = text.index("Monday")
    assert context.sentence_bounds(monday, monday + 6) == (0, text.index("He"))
