"""Article -> events, without a database: main event, dated events, context, kinds, titles, fingerprints."""

import datetime as dt

import pytest

from tests.conftest import ROOT, SEEDS_DIR
from tests.reference_gazetteer import reference_gazetteer
from timeline.extraction.article import ArticleError
from timeline.extraction.dates import find_dates
from timeline.extraction.events import classify, extract_article, make_title

ARTICLES = ROOT / "tests" / "articles"


def extract(path):
    return extract_article(path.read_bytes(), source_name=path.name, gazetteer=reference_gazetteer())


def dated(article, start, end=None):
    end = end or start
    return [
        e
        for e in article.events
        if (e.date_start, e.date_end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    ]


def test_first_event_is_the_main_event_on_the_dateline():
    article = extract(SEEDS_DIR / "000_7e3c3fa8f530c069.txt")
    main = article.events[0]
    assert main.is_main
    assert (main.date_start, main.date_end, main.date_precision) == (dt.date(2017, 8, 16), dt.date(2017, 8, 16), "day")
    assert main.title == article.title
    assert main.quote.startswith("Addressing the growing tensions")
    assert main.actors == ["antonio-guterres"]
    assert sum(e.is_main for e in article.events) == 1


def test_today_sentences_belong_to_the_main_event():
    article = extract(SEEDS_DIR / "000_7e3c3fa8f530c069.txt")
    # "Mr. Guterres today said ..." is part of what the article reports, not a second event that day.
    assert len(dated(article, "2017-08-16")) == 1


def test_resolution_cited_in_the_following_sentence_joins_the_dated_event():
    article = extract(SEEDS_DIR / "000_7e3c3fa8f530c069.txt")
    [sanctions] = dated(article, "2017-08-01", "2017-08-16")
    assert [r.symbol for r in sanctions.resolutions] == ["S/RES/2371 (2017)"]
    assert "Unanimously adopting resolution 2371 (2017)" in sanctions.summary
    assert sanctions.kind == "sanctions"


def test_other_dates_in_the_lead_sentence_give_events():
    # Lead of a Saturday (3 March 2018) article: "told the Security Council on Wednesday".
    article = extract(ARTICLES / "05_abbreviations.txt")
    [briefing] = dated(article, "2018-02-28")
    assert briefing.date_text == "Wednesday"
    # "The Special Representative for Libya" is Ghassan Salamé's title in his term (the longest alias wins).
    assert {"ghassan-salame", "security-council"} <= set(briefing.actors)
    assert briefing.quote == article.events[0].quote


def test_secretary_general_resolves_by_the_article_date():
    assert "ban-ki-moon" in extract(ARTICLES / "04_truncated_2016.txt").actors
    assert "antonio-guterres" in extract(ARTICLES / "02_climate_bom_crlf.txt").actors


def test_every_quote_is_an_exact_slice_of_the_body():
    for path in [*SEEDS_DIR.glob("*.txt"), *ARTICLES.glob("0*.txt")]:
        article = extract(path)
        for event in article.events:
            assert article.body[event.quote_start : event.quote_end] == event.quote, path.name


def test_article_records_actors_of_undated_sentences():
    article = extract(SEEDS_DIR / "003_f49dd6a5590883b7.txt")
    dated_actors = {slug for event in article.events for slug in event.actors}
    assert "iaea" in article.actors
    assert "iaea" not in dated_actors


def test_titled_unknown_people_are_proposed_once():
    article = extract(ARTICLES / "02_climate_bom_crlf.txt")
    assert [(p.slug, p.name) for p in article.new_people] == [("emmanuel-macron", "Emmanuel Macron")]
    assert "emmanuel-macron" in article.actors


def test_fingerprints_are_unique_and_stable_across_offsets():
    first = extract(SEEDS_DIR / "000_7e3c3fa8f530c069.txt")
    fingerprints = [e.fingerprint for e in first.events]
    assert len(set(fingerprints)) == len(fingerprints)
    shifted_raw = (
        (SEEDS_DIR / "000_7e3c3fa8f530c069.txt")
        .read_bytes()
        .replace(b"Speaking to the press", b"Speaking at length to the press")
    )
    shifted = extract_article(shifted_raw, source_name="x.txt", gazetteer=reference_gazetteer())
    assert [e.fingerprint for e in shifted.events] == fingerprints
    assert [e.quote_start for e in shifted.events] != [e.quote_start for e in first.events]


def test_unusable_input_raises_article_error():
    with pytest.raises(ArticleError):
        extract_article(b"", source_name="empty.txt", gazetteer=reference_gazetteer())


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The Council imposed a full ban on the export of coal.", "sanctions"),
        ("The Security Council tightened measures on the country.", "sanctions"),
        ("The Council unanimously adopted resolution 2397 (2017) on Friday.", "resolution"),
        ("The country launched an intercontinental ballistic missile on Tuesday.", "test_or_launch"),
        ("It conducted its sixth nuclear test in September.", "test_or_launch"),
        ("More than three million people died in the Korean War.", "conflict"),
        ("The parties signed a ceasefire in Khartoum.", "agreement"),
        ("Ministers will meet at a summit in Geneva next week.", "meeting"),
        ("Mr. Guterres stressed the need for dialogue.", "statement"),
        ("Concerns are the highest since the Cold War.", "other"),
        # Entry into force is an agreement's happening (extractor 4; the old keyword table said "other").
        ("The Paris Agreement entered into force in 2016.", "agreement"),
    ],
)
def test_kind_rules(sentence, kind):
    assert classify(sentence) == kind


def test_title_drops_a_leading_date_phrase():
    sentence = "Earlier this month, the UN Security Council strengthened sanctions against DPRK's exports."
    [mention] = find_dates(sentence, base=dt.date(2017, 8, 16))
    assert make_title(sentence, mention) == "The UN Security Council strengthened sanctions against DPRK's exports"


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        (
            '"We are not winning this battle yet," Mr. Guterres said, adding that 2017 was warm.',
            "Mr. Guterres: “We are not winning this battle yet”",
        ),
        (
            "He noted that more than three million people died in the Korean War.",
            "More than three million people died in the Korean War",
        ),
    ],
)
def test_titles_are_short_and_readable(sentence, title):
    assert make_title(sentence) == title


def test_long_titles_are_cut_at_a_word_without_an_ellipsis():
    # Extractor 4: a headline is at most 100 characters and never ends in "…" or a dangling function word.
    sentence = "The Council " + "discussed the situation in the region at length " * 5 + "yesterday."
    title = make_title(sentence)
    assert len(title) <= 100
    assert "…" not in title
    assert title.split()[-1] in sentence.split()
    assert title.split()[-1].lower() not in {"the", "in", "at", "of", "a"}
