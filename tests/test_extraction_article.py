"""Tests for timeline.extraction.article (pure Python, no database)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from timeline.extraction.article import ArticleError, ParsedArticle, parse_article, parse_dateline_date
from timeline.extraction.sentences import split_sentences


def prose_sentences(article) -> list:
    """The sentences extraction reads: those of the prose paragraphs, with offsets into the body."""
    return [s for p in article.prose_paragraphs() for s in split_sentences(p.text, offset=p.start)]


REPO_SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEEDS = REPO_SEEDS
ARTICLES = Path(__file__).resolve().parent / "articles"

KOREA_2017 = "000_7e3c3fa8f530c069.txt"
DIALOGUE_2018 = "003_f49dd6a5590883b7.txt"
MARKDOWN_LEFTOVERS = re.compile(r"\]\(|\[[^\]]*\]|\*|(?<!\w)_|_(?!\w)|^#", re.M)


def parse_file(folder: Path, name: str) -> ParsedArticle:
    return parse_article((folder / name).read_bytes())


@pytest.fixture(scope="module")
def korea() -> ParsedArticle:
    return parse_file(SEEDS, KOREA_2017)


@pytest.fixture(scope="module")
def dialogue() -> ParsedArticle:
    return parse_file(SEEDS, DIALOGUE_2018)


def all_articles() -> list[tuple[str, ParsedArticle]]:
    found = [(name, parse_file(SEEDS, name)) for name in (KOREA_2017, DIALOGUE_2018)]
    found += [(p.name, parse_article(p.read_bytes())) for p in sorted(ARTICLES.glob("0*.txt"))]
    return found


# --- the two seeds ----------------------------------------------------------------------------------


def test_seed_titles_and_dates(korea: ParsedArticle, dialogue: ParsedArticle) -> None:
    assert korea.title == "As tensions on Korean Peninsula grow, UN chief urges world to 'dial up' diplomacy"
    assert korea.published_on == date(2017, 8, 16)
    assert korea.dateline_text == "16 August 2017"
    assert dialogue.title == "Dialogue and confidence vital to prevent, resolve conflicts, says UN chief"
    assert dialogue.published_on == date(2018, 1, 18)
    assert dialogue.dateline_text == "18 January 2018"


def test_body_starts_after_the_dateline_dash(korea: ParsedArticle) -> None:
    assert korea.body.startswith("Addressing the growing tensions on the Korean Peninsula, United Nations ")
    assert "16 August 2017" not in korea.body
    assert korea.lead == korea.paragraphs[0].text


def test_repeated_title_removed_from_lead(dialogue: ParsedArticle) -> None:
    assert dialogue.body.startswith("Worldwide concerns over nuclear weapons are the highest")
    assert "says UN chief Worldwide" not in dialogue.body
    assert dialogue.title not in dialogue.body


def test_broken_paragraphs_are_joined(korea: ParsedArticle, dialogue: ParsedArticle) -> None:
    assert "died in the Korean War, which ravaged the Peninsula from 1950 to 1953." in korea.body
    assert "Democratic People’s Republic of Korea (DPRK) to participate" in dialogue.body
    joined = [p for p in korea.paragraphs if "which ravaged" in p.text]
    assert len(joined) == 1 and joined[0].text.startswith("He noted that more than three million")


def test_heading_kept_in_body_but_out_of_sentences(dialogue: ParsedArticle) -> None:
    headings = [p for p in dialogue.paragraphs if p.is_heading]
    assert [p.text for p in headings] == ["Unity within the Security Council vital"]
    # Not glued to the paragraph after it.
    following = dialogue.paragraphs[dialogue.paragraphs.index(headings[0]) + 1]
    assert following.text.startswith("The UN chief also highlighted")
    assert not any("Unity within the Security Council vital" in s.text for s in prose_sentences(dialogue))


def test_pull_quote_split_from_attribution(dialogue: ParsedArticle) -> None:
    pull = [p for p in dialogue.paragraphs if p.is_pull_quote]
    assert [p.text for p in pull] == [
        "The UN’s position as an “honest broker” allows us to act as a venue in which all parties can "
        "engage in dialogue",
        "Secretary-General Guterres",
    ]
    assert "dialogueSecretary" not in dialogue.body
    sentences = prose_sentences(dialogue)
    assert not any("allows us to act as a venue" in s.text for s in sentences)
    assert not any(s.text == "Secretary-General Guterres" for s in sentences)
    # The first time the idea is stated in running text, it is a sentence.
    assert any("allows it to serve as a venue" in s.text for s in sentences)


def test_no_markdown_left(korea: ParsedArticle, dialogue: ParsedArticle) -> None:
    for article in (korea, dialogue):
        assert not MARKDOWN_LEFTOVERS.search(article.body), MARKDOWN_LEFTOVERS.search(article.body)
    assert "United Nations Secretary-General António Guterres" in korea.body
    assert "efforts are critical, stressed the UN chief" in dialogue.body
    assert "(IAEA)" in dialogue.body
    assert "theme of non-proliferation of weapons of mass destruction: confidence-building measures was" in (
        dialogue.body
    )


def test_quotes_kept_as_written(korea: ParsedArticle, dialogue: ParsedArticle) -> None:
    assert '"I will remain in close contact' in korea.body
    assert "“verifiable disarmament and non-proliferation”" in dialogue.body
    assert "The UN’s position" in dialogue.body


def test_seed_paragraph_and_sentence_counts(korea: ParsedArticle, dialogue: ParsedArticle) -> None:
    # 13 source paragraphs after the title, one pair joined.
    assert len(korea.paragraphs) == 12
    assert len(prose_sentences(korea)) == 15
    # 16 source paragraphs after the title, one pair joined, the glued pull quote split in two.
    assert len(dialogue.paragraphs) == 16
    assert len(prose_sentences(dialogue)) == 13


# --- invariants on every good article -----------------------------------------------------------------


@pytest.mark.parametrize(("name", "article"), all_articles(), ids=lambda value: value if isinstance(value, str) else "")
def test_offsets_are_consistent(name: str, article: ParsedArticle) -> None:
    body = article.body
    assert body == body.strip() and "\n\n\n" not in body and "\r" not in body
    assert "\n\n".join(p.text for p in article.paragraphs) == body
    for paragraph in article.paragraphs:
        assert body[paragraph.start : paragraph.end] == paragraph.text
        assert "\n" not in paragraph.text and "  " not in paragraph.text
    for sentence in prose_sentences(article):
        assert body[sentence.start : sentence.end] == sentence.text
    assert not MARKDOWN_LEFTOVERS.search(body), (name, MARKDOWN_LEFTOVERS.search(body))
    assert "\ufeff" not in body and "\ufeff" not in article.title


# --- hand-written noisy articles --------------------------------------------------------------------


def test_markdown_heading_title_and_joins_before_capitalised_word() -> None:
    article = parse_file(ARTICLES, "01_sanctions_list.txt")
    assert article.title == "Security Council tightens measures on DPRK after latest missile launch"
    assert article.published_on == date(2017, 12, 22)
    assert "while the representative of the Russian Federation stressed" in article.body
    assert "some $3.5 million since August." in article.body
    assert [p.text for p in article.paragraphs if p.is_heading] == ["Humanitarian exemptions preserved"]
    assert "the Council must keep the door open to dialogue, and" in article.body


def test_bom_crlf_plain_title_em_dash_and_wrapped_lines() -> None:
    raw = (ARTICLES / "02_climate_bom_crlf.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # the fixture really is noisy
    article = parse_article(raw)
    assert article.title == "Countries must raise climate ambition, UN chief tells summit"
    assert article.published_on == date(2017, 12, 12)
    assert article.body.startswith("Two years after the Paris Agreement was adopted, Secretary-General António")
    assert [p.text for p in article.paragraphs if p.is_heading] == ["Finance is the key"]
    assert "urged all investors" in article.body
    assert len(article.paragraphs) == 5


def test_hyphen_dateline_title_repeat_and_generic_pull_quote() -> None:
    article = parse_file(ARTICLES, "03_refugees_pull_quote.txt")
    assert article.published_on == date(2017, 6, 20)
    assert article.body.startswith("The number of people displaced by war")
    assert [p.text for p in article.paragraphs if p.is_pull_quote] == [
        "No family should have to flee twice, and no country should face this alone",
        "High Commissioner Filippo Grandi",
    ]
    assert [p.text for p in article.paragraphs if p.is_heading] == ["Funding falls short"]
    assert article.body.endswith("carried most of the burden.")
    assert "Global Trends report" in article.body


def test_truncated_file_keeps_its_last_words() -> None:
    article = parse_file(ARTICLES, "04_truncated_2016.txt")
    assert article.title == "‘No time to lose’ on refugee crisis, Ban tells Assembly summit"
    assert article.published_on == date(2016, 9, 19)
    assert article.body.endswith("The Assembly is expected to resume its debate on the")
    assert not article.paragraphs[-1].is_heading
    assert prose_sentences(article)[-1].text == "The Assembly is expected to resume its debate on the"


def test_title_repeat_not_removed_when_lead_continues_the_phrase() -> None:
    raw = "# UN chief urges calm\n\n1 May 2018 – UN chief urges calm in the region, spokesman says.\n"
    article = parse_article(raw.encode())
    assert article.body == "UN chief urges calm in the region, spokesman says."


def test_file_without_title_uses_first_sentence() -> None:
    article = parse_article("\n2 May 2018 – The Council met today. It adjourned.\n".encode())
    assert article.published_on == date(2018, 5, 2)
    assert article.title == "The Council met today."
    assert article.body == "The Council met today. It adjourned."


def test_dateline_alone_on_its_line_and_other_date_styles() -> None:
    article = parse_article(b"Title here\n\nWednesday, 16 August 2017\n\nThe Council met.\n")
    assert article.published_on == date(2017, 8, 16)
    assert article.body == "The Council met."
    assert parse_dateline_date("August 16, 2017") == date(2017, 8, 16)
    assert parse_dateline_date("GENEVA, 16 August 2017") == date(2017, 8, 16)
    assert parse_dateline_date("August 2017") is None  # no day: not a dateline date
    assert parse_dateline_date("31 February 2017") is None


def test_sentence_ending_paragraph_is_not_joined_to_lowercase_start() -> None:
    raw = b"T\n\n1 May 2018 - First paragraph ends here.\n\nsecond starts lowercase but is separate.\n"
    article = parse_article(raw)
    assert len(article.paragraphs) == 2


def test_unbalanced_markdown_and_html_are_cleaned() -> None:
    raw = (
        b"# *Title* with [link](http://x.org/a_(b))\n\n"
        b"1 May 2018 \xe2\x80\x93 A **bold claim and <em>tags</em> &amp; stuff.\n"
    )
    article = parse_article(raw)
    assert article.title == "Title with link"
    assert article.body == "A bold claim and tags & stuff."


# --- bad files ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("bad_empty.txt", "empty file"),
        ("bad_blank.txt", "empty file"),
        ("bad_latin1.txt", "not UTF-8 text (invalid byte 0xe9 at offset 17)"),
        ("bad_no_dateline.txt", "no dateline"),
        ("bad_not_a_date.txt", "dateline is not a date: '32 Foo 2017'"),
    ],
)
def test_bad_files_raise_with_reason(name: str, reason: str) -> None:
    with pytest.raises(ArticleError) as caught:
        parse_file(ARTICLES, name)
    assert caught.value.reason == reason
    assert isinstance(caught.value, ValueError)
    assert str(caught.value) == reason


def test_bom_only_file_is_empty() -> None:
    with pytest.raises(ArticleError, match="empty file"):
        parse_article(b"\xef\xbb\xbf\r\n")


def test_title_starting_with_a_number_is_not_a_dateline() -> None:
    article = parse_article("2030 Agenda on track, Assembly hears\n\n5 July 2018 – Member States said.\n".encode())
    assert article.title == "2030 Agenda on track, Assembly hears"
    assert article.published_on == date(2018, 7, 5)


def test_pull_quote_on_its_own_lines_is_flagged() -> None:
    raw = (
        "Title\n\n4 June 2018 – The agency reported record numbers.\n\n"
        "No family should have to flee twice\n\nHigh Commissioner Filippo Grandi\n\n"
        "Donors must act now\nSpecial Envoy Jane Roe\n\n"
        "The report was published on Monday.\n"
    ).encode()
    article = parse_article(raw)
    assert [(p.text, p.is_pull_quote) for p in article.paragraphs] == [
        ("The agency reported record numbers.", False),
        ("No family should have to flee twice", True),
        ("High Commissioner Filippo Grandi", True),
        ("Donors must act now", True),
        ("Special Envoy Jane Roe", True),
        ("The report was published on Monday.", False),
    ]
    assert [s.text for s in prose_sentences(article)] == [
        "The agency reported record numbers.",
        "The report was published on Monday.",
    ]


def test_plain_title_directly_above_dateline() -> None:
    article = parse_article("Council extends mission\n6 June 2018 – The Council extended it.\n".encode())
    assert article.title == "Council extends mission"
    assert article.published_on == date(2018, 6, 6)
    assert article.body == "The Council extended it."


def test_dateline_with_place_name() -> None:
    article = parse_article("Title\n\nGENEVA, 7 June 2018 – Talks resumed.\n".encode())
    assert article.published_on == date(2018, 6, 7)
    assert article.dateline_text == "GENEVA, 7 June 2018"
    assert article.body == "Talks resumed."
