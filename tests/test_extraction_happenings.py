"""Clause-level analysis (timeline.extraction.happenings) and what it changes in extraction: date roles,
several happenings per sentence, kinds from triggers, stable trigger lemmas and readable titles."""

import datetime as dt

import pytest

from tests.reference_gazetteer import reference_gazetteer
from timeline.extraction.dates import find_dates
from timeline.extraction.events import TITLE_MAX_CHARS, classify, extract_article, make_title
from timeline.extraction.happenings import date_role, find_triggers, governing_trigger, main_trigger


def role_of(sentence: str, date_text: str, base=dt.date(2018, 4, 27)) -> str:
    [mention] = [m for m in find_dates(sentence, base=base) if m.text == date_text]
    return date_role(sentence, mention.start, mention.end)


@pytest.mark.parametrize(
    ("sentence", "date_text", "role"),
    [
        ("The Council adopted the resolution on 9 September 2016.", "9 September 2016", "happening"),
        ("The Council extended the mandate until 30 June 2018.", "30 June 2018", "deadline"),
        ("The mandate is set to expire on 17 November 2018.", "17 November 2018", "deadline"),
        ("Seats to be vacated on 31 December 2018 by Belgium.", "31 December 2018", "deadline"),
        ("Inspections are to begin by 1 October 2018.", "1 October 2018", "deadline"),
        ("It will report every 90 days beginning on 1 June 2018.", "1 June 2018", "schedule"),
        ("Fighting has displaced thousands since January 2018.", "January 2018", "period_start"),
        (
            "The region has been in turmoil since November 2010, when he refused to step down.",
            "November 2010",
            "happening",
        ),
        ("It welcomed progress under the 2016 peace agreement.", "2016", "attributive"),
    ],
)
def test_date_roles(sentence, date_text, role):
    assert role_of(sentence, date_text) == role


def extract_text(body: str, published: str = "28 April 2018"):
    raw = f"\n\n# A test article\n\n{published} – {body}\n".encode()
    return extract_article(raw, source_name="t.txt", gazetteer=reference_gazetteer())


def test_deadlines_schedules_and_period_starts_give_no_event():
    article = extract_text(
        "The Security Council today extended the mission until 31 October 2018. "
        "It asked for reports every 90 days beginning on 1 June 2018. "
        "Fighting has displaced thousands since January 2018."
    )
    assert [(e.date_start, e.is_main) for e in article.events] == [(dt.date(2018, 4, 28), True)]
    assert article.events[0].kind == "resolution"
    assert article.events[0].trigger == "extend"


def test_a_sentence_with_two_happenings_gives_two_events():
    article = extract_text(
        "Unanimously adopting resolution 2321 (2018) today, the Council condemned the test of 9 September 2016."
    )
    main, test = article.events
    assert (main.date_start, main.kind, main.trigger) == (dt.date(2018, 4, 28), "resolution", "adopt")
    assert (test.date_start, test.kind, test.trigger) == (dt.date(2016, 9, 9), "test_or_launch", "test")
    assert test.quote == main.quote


def test_attributive_year_only_when_nothing_better_dates_the_sentence():
    with_today = extract_text("The Council today authorized a mission under the 2016 peace agreement.")
    assert [e.date_precision for e in with_today.events] == ["day"]
    alone = extract_text("The Council met. Donors praised the 2016 peace agreement.")
    [year] = [e for e in alone.events if not e.is_main]
    assert (year.date_start, year.date_precision, year.confidence) == (dt.date(2016, 1, 1), "year", 0.5)


def test_a_distinct_happening_on_the_dateline_day_is_an_event_of_its_own():
    article = extract_text(
        "The Security Council today adopted resolution 2400 (2018). "
        "Rebels reportedly declared a ceasefire tonight in the capital. "
        "The Council today also adopted a presidential text."
    )
    kinds = [(e.kind, e.trigger) for e in article.events]
    assert kinds == [("resolution", "adopt"), ("other", "declare")]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The Security Council today strongly condemned the attack on the base.", "statement"),
        ("The following Security Council press statement was issued today.", "statement"),
        ("Adopting resolution 2216 (2015), the Council imposed an arms embargo on the leaders.", "sanctions"),
        ("The Council unanimously adopted resolution 2177 (2014).", "resolution"),
        ("Gunmen launched an attack on the hotel.", "conflict"),
        ("The mission confirmed that the former president has surrendered.", "other"),
        ("The envoy met in Cairo today with the Secretary-General of the League.", "meeting"),
    ],
)
def test_kind_comes_from_the_happenings_own_trigger(sentence, kind):
    assert classify(sentence) == kind


@pytest.mark.parametrize("form", ["adopted", "adopting", "adoption", "adopts"])
def test_trigger_lemmas_are_stable_across_phrasings(form):
    [trigger] = find_triggers(f"The {form} of the text" if form == "adoption" else f"The Council {form} the text")
    assert trigger.lemma == "adopt"


def test_a_date_attaches_to_the_noun_it_determines():
    sentence = "He said the Council unequivocally condemned Tuesday's attack on the headquarters."
    [mention] = find_dates(sentence, base=dt.date(2003, 8, 20))
    trigger = governing_trigger(sentence, find_triggers(sentence), mention.start, mention.end)
    assert (trigger.lemma, trigger.kind) == ("attack", "conflict")
    assert main_trigger(sentence).lemma == "say"


@pytest.mark.parametrize(
    "sentence",
    [
        "Reaffirming its commitment to a just and lasting political solution, the Security Council unanimously "
        "extended the mandate of the United Nations Mission for the Referendum in Western Sahara (MINURSO) "
        "through 31 October.",
        "The General Assembly this afternoon appointed by acclamation Kofi Annan of Ghana as the seventh "
        "Secretary-General of the United Nations, with a term beginning on 1 January 1997.",
    ],
)
def test_titles_are_headlines_of_the_clause(sentence):
    title = make_title(sentence)
    assert len(title) <= TITLE_MAX_CHARS
    assert "…" not in title
    assert not title.lower().startswith(("reaffirming", "this afternoon"))
    assert title.split()[-1].lower() not in {"the", "of", "in", "a", "for"}
    assert all(word in sentence for word in title.replace("(", " ").replace(")", " ").split()[1:])


def test_summary_is_never_the_quote_or_the_title():
    article = extract_text(
        "The Council adopted a text on 9 September 2016. It asked the parties to talk. They agreed on 10 May 2017."
    )
    for event in article.events:
        assert event.summary != event.quote
        assert event.summary != event.title
