"""Clause-level analysis (timeline.extraction.happenings) and what it changes in extraction: date roles,
several happenings per sentence, kinds from triggers, stable trigger lemmas and readable titles."""

import datetime as dt

import pytest

from tests.reference_gazetteer import reference_gazetteer
from timeline.extraction.article import parse_article
from timeline.extraction.dates import find_dates
from timeline.extraction.events import TITLE_MAX_CHARS, article_dates, classify, extract_article, make_title
from timeline.extraction.happenings import (
    companion_happenings,
    date_role,
    find_triggers,
    governing_trigger,
    main_trigger,
    past_happening,
)


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


# --- happenings the text reports as done without a date: the dateline's day --------------------------------


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("The Security Council adopted resolution 1769 unanimously.", "adopt"),
        ("Mr. Ban told the Council that the force must deploy.", "tell"),
        ("The General Assembly has elected five non-permanent members.", "elect"),
        ("Suspected suicide bombers struck the airport gates with two explosions.", "strike"),
        ("Resolution 2177 (2014) was adopted unanimously during a meeting.", "adopt"),
    ],
)
def test_an_undated_report_of_something_done_is_a_happening(sentence, lemma):
    trigger = past_happening(sentence)
    assert trigger is not None and trigger.lemma == lemma


@pytest.mark.parametrize(
    "sentence",
    [
        "The Council had adopted resolution 1718 after the first test.",  # pluperfect: background
        "The Council had also condemned the launches.",
        "The Council is expected to adopt a resolution.",  # not done yet
        "The Council will meet again to consider the report.",
        "The mandate would be extended by the Council.",
        "It recalled the resolution which the Council adopted.",  # main verb outside the lexicon
        "“The Council adopted a weak text,” he says.",  # the past verb is inside a quotation
        "The Council adopted a similar text the same day.",  # another time, anaphorically
        "The Council adopted a resolution on the matter two years ago.",
        "There have been more than 3,000 homicides reported.",  # a tally
        "More than 200,000 people have been killed and the conflict has spread.",
        "Adopted by consensus, the text sets out the rules.",  # a participle opens the sentence
        "By the text, the Council reiterated its call to the parties.",  # content of a resolution
        "The Council condemns the attack.",  # present: a stance, not news of a day
    ],
)
def test_what_is_not_an_undated_happening(sentence):
    assert past_happening(sentence) is None


def test_an_adjunct_says_what_was_done_just_before():
    sentence = "Alain Le Roy told reporters after briefing the Security Council that Mr. Gbagbo was in custody."
    triggers = find_triggers(sentence)
    assert [t.lemma for t in companion_happenings(sentence, triggers, main_trigger(sentence, triggers))] == ["brief"]


def test_an_undated_sentence_gives_an_event_of_the_dateline_day_once_per_kind():
    article = extract_text(
        "The Security Council today adopted resolution 2177 (2014) on Ebola.\n\n"
        "Mr. Ban told the Council that the outbreak was a threat to peace. He also said that aid must flow. "
        "The Council adopted the text unanimously."
    )
    day = dt.date(2018, 4, 28)
    others = [e for e in article.events if not e.is_main]
    assert [(e.trigger, e.kind, e.date_start, e.date_precision) for e in others] == [("tell", "statement", day, "day")]
    assert others[0].confidence < 1.0
    assert others[0].date_text == "28 April 2018"


def test_a_lead_introducing_a_statement_made_on_another_day_dates_it_and_its_relative_dates():
    article = extract_text(
        "The following statement by UN Secretary-General Kofi Annan was made in New York on 12 August:\n\n"
        "As I promised the Security Council yesterday, I have today been in touch with the two Prime Ministers.",
        published="14 August 2006",
    )
    main, *others = article.events
    assert (main.date_start, main.date_text) == (dt.date(2006, 8, 12), "12 August")
    promised = next(e for e in others if e.trigger == "promise")
    assert promised.date_start == dt.date(2006, 8, 11)
    assert "kofi-annan" in promised.actors  # "I" is the Secretary-General whose statement it is


def test_a_headline_that_reports_a_decision_names_the_main_happening():
    raw = (
        "# Security Council Adopts Resolution 2177 (2014) Urging Immediate Action\n\n"
        "18 September 2014 – Determining that the outbreak constituted a threat to international peace, the "
        "Security Council this afternoon called on Member States to respond urgently.\n\n"
        "Resolution 2177 (2014) was adopted unanimously during a meeting."
    ).encode()
    article = extract_article(raw, source_name="t.txt", gazetteer=reference_gazetteer())
    assert [(e.kind, e.trigger) for e in article.events] == [("resolution", "adopt")]


@pytest.mark.parametrize(("text", "verbal"), [("Council Adopts Resolution", True), ("the attacks on", False)])
def test_a_verb_in_s_is_a_verb(text, verbal):
    [trigger] = find_triggers(text)
    assert trigger.verbal is verbal


@pytest.mark.parametrize(
    ("sentence", "lemmas"),
    [
        (
            "The Assembly placed on record his many achievements, adopting a resolution to that effect by acclamation.",
            ["adopt"],
        ),
        ("I welcome the resolution you have just adopted unanimously.", ["adopt"]),
        ("Mr. Annan, speaking after taking the oath of office, said that the UN must change.", ["oath"]),
        ("The Council will meet after briefing the press.", []),  # nothing done yet
    ],
)
def test_happenings_a_sentence_places_on_the_day_of_what_it_reports(sentence, lemmas):
    triggers = find_triggers(sentence)
    main = past_happening(sentence, triggers) or main_trigger(sentence, triggers)
    assert [t.lemma for t in companion_happenings(sentence, triggers, main)] == lemmas


@pytest.mark.parametrize(
    "sentence",
    ["Mr. Annan spoke as the Secretary-General elect.", "President-elect Ouattara spoke.", "Kenya won 129 votes."],
)
def test_titles_and_counts_are_not_elections_or_votes(sentence):
    assert [t.lemma for t in find_triggers(sentence) if t.lemma in ("elect", "vote")] == []


def test_a_statistic_is_not_a_happening_even_with_a_date():
    article = extract_text(
        "The Council met today on the crisis.\n\n"
        "There have been more than 3,000 homicides reported this year, and over 1,500 kidnappings."
    )
    assert [e.is_main for e in article.events] == [True]


def test_an_undated_sentence_about_a_happening_the_article_dated_is_that_happening():
    article = extract_text(
        "The Council met today on the crisis.\n\n"
        "On 9 April, forces launched an attack on the hotel. The peacekeepers repelled the attack."
    )
    assert [(e.kind, e.date_start) for e in article.events if not e.is_main] == [("conflict", dt.date(2018, 4, 9))]


def test_an_opening_participle_of_speech_gives_way_to_the_speakers_verb():
    sentence = "Welcoming tonight's resolution, Secretary-General Kofi Annan said it could serve as a base."
    assert main_trigger(sentence).lemma == "say"
    reported = "Condemning the bombing, the Council declared that the world body would not be intimidated."
    assert main_trigger(reported).lemma == "declare"  # the bombing before "declared" is not what it declared


def test_a_dated_sentence_that_names_no_happening_repeats_the_one_of_that_date():
    article = extract_text(
        "The Assembly met today.\n\n"
        "The world body held a secret ballot on 17 April, filling all vacancies. "
        "On 17 April, it elected India, Ireland, Mexico and Norway."
    )
    assert [(e.trigger, e.date_start) for e in article.events if not e.is_main] == [("elect", dt.date(2018, 4, 17))]


def test_a_date_in_a_clause_without_a_trigger_does_not_date_the_main_verb_when_it_has_its_own():
    article = extract_text(
        "The Assembly met today.\n\n"
        "It elected Kenya by a restricted ballot on 26 April because, during the first round on 25 April, no "
        "candidate obtained a majority."
    )
    assert [(e.trigger, e.date_start) for e in article.events if not e.is_main] == [("elect", dt.date(2018, 4, 26))]


def test_the_use_of_chemical_weapons_is_a_conflict_happening():
    sentence = "Deeply outraged by the use of chemical weapons on 21 August in a suburb, the Council acted."
    [mention] = find_dates(sentence, base=dt.date(2013, 9, 27))
    trigger = governing_trigger(sentence, find_triggers(sentence), mention.start, mention.end)
    assert (trigger.lemma, trigger.kind) == ("use weapons", "conflict")


def test_article_dates_resolve_an_introduced_statement_against_its_own_day():
    raw = (
        "# Statement\n\n14 August 2006 – The following statement by the Secretary-General was made on 12 August:\n\n"
        "As I promised the Council yesterday, I called the leaders."
    ).encode()
    dates = [(m.text, m.date_start) for m in article_dates(parse_article(raw))]
    assert ("yesterday", dt.date(2006, 8, 11)) in dates


def test_a_date_in_a_relative_clause_that_names_no_happening_dates_nothing():
    article = extract_text(
        "The Council met today.\n\n"
        "Ambassador Gerard Araud of France, which holds the rotating presidency this month, told reporters that "
        "the Council was alarmed."
    )
    assert [e.date_precision for e in article.events if not e.is_main] != ["month"]
    assert all(e.date_text != "this month" for e in article.events)
