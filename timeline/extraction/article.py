"""Parse a raw UN-News-style article file into a clean, offset-stable structure.

Expected input (``seeds/*.txt``)::

    <blank lines>
    # Title of the story            (the "# " is optional)

    16 August 2017 – First sentence of the lead …

    Further paragraphs …

What :func:`parse_article` returns
----------------------------------
``ParsedArticle.body`` is the text that gets stored and that every character offset (sentences,
actor mentions, resolution citations, event quotes) refers to. It is built like this:

* The title and the dateline are **not** part of the body. The title is ``ParsedArticle.title`` and the
  date words are ``ParsedArticle.dateline_text``; the body starts with the lead, i.e. the text of the
  dateline paragraph *after* the dash.
* Paragraphs are separated by exactly one blank line (``"\\n\\n"``); inside a paragraph all whitespace
  (including the single line breaks of a wrapped source paragraph) is collapsed to one space.
* Inline markdown is removed: ``[text](url)`` keeps ``text``, ``**bold**``/``*italic*``/``_italic_``/
  ``__bold__`` keep their content, heading markers (``#``), blockquote markers (``>``), list bullets,
  images, HTML tags and horizontal rules are dropped, HTML entities are decoded.
* Quotes are kept as written (curly or straight); the gazetteer is quote-insensitive.
* Text is NFC-normalised, ``\\r\\n``/``\\r`` become ``\\n``, a UTF-8 BOM is dropped, zero-width characters
  and soft hyphens are removed, exotic spaces become plain spaces.
* A paragraph broken in the middle of a sentence by a blank line is re-joined (see :func:`_should_join`).
* The title repeated at the start of the lead ("18 January 2018 – <title> Worldwide concerns …") is removed.
* A pull quote glued to its attribution ("… engage in dialogueSecretary-General Guterres") is split into
  two paragraphs, both flagged ``is_pull_quote`` so that sentence-level extraction skips them.
* Short title-like lines between paragraphs (sub-headings) are kept but flagged ``is_heading``.

Every :class:`Paragraph` satisfies ``body[p.start:p.end] == p.text``.

Errors
------
:class:`ArticleError` (a ``ValueError``) with a short ``reason``: ``"empty file"``,
``"not UTF-8 text (invalid byte 0xe9 at offset 40)"``, ``"no dateline"``,
``"dateline is not a date: '32 Foo 2017'"``.

This module is pure Python (no Django).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from timeline.extraction.dates import MONTH_NUMBERS
from timeline.extraction.sentences import split_sentences

__all__ = ["ArticleError", "Paragraph", "ParsedArticle", "parse_article", "parse_dateline_date"]


class ArticleError(ValueError):
    """The file cannot be read as an article; ``reason`` says why in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the body: ``body[start:end] == text``.

    ``is_heading``: a sub-heading line (not prose, no sentences should be taken from it).
    ``is_pull_quote``: a pull quote or its attribution (repeats text of the article; not prose).
    """

    start: int
    end: int
    text: str
    is_heading: bool = False
    is_pull_quote: bool = False

    @property
    def is_prose(self) -> bool:
        """True for ordinary running-text paragraphs (the ones to take sentences from)."""
        return not (self.is_heading or self.is_pull_quote)


@dataclass(frozen=True)
class ParsedArticle:
    """A parsed article. All offsets refer to ``body``."""

    title: str
    published_on: date
    dateline_text: str
    body: str
    paragraphs: tuple[Paragraph, ...] = field(default=())

    @property
    def lead(self) -> str:
        """Text of the first prose paragraph (the dateline paragraph after the dash), or ``""``."""
        for paragraph in self.paragraphs:
            if paragraph.is_prose:
                return paragraph.text
        return ""

    def prose_paragraphs(self) -> Iterator[Paragraph]:
        """Iterate over the paragraphs that are neither headings nor pull quotes."""
        return (p for p in self.paragraphs if p.is_prose)


# --------------------------------------------------------------------------------------------------
# Decoding and low-level text clean-up
# --------------------------------------------------------------------------------------------------

_BOM = b"\xef\xbb\xbf"
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES_RE = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def _decode(raw: bytes) -> str:
    """Decode bytes as UTF-8 (BOM tolerated), normalise line ends and Unicode form."""
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    if not raw.strip():
        raise ArticleError("empty file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start]
        raise ArticleError(f"not UTF-8 text (invalid byte 0x{bad:02x} at offset {exc.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH_RE.sub("", text)
    text = _CONTROL_RE.sub("", text)
    if not text.strip():
        raise ArticleError("empty file")
    return text


# --------------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------------

_IMAGE_RE = re.compile(r"!\[[^\]]*\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_LINK_RE = re.compile(r"\[([^\[\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK_RE = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_AUTOLINK_RE = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_BOLD_RES = (
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    re.compile(r"(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])"),
)
_ITALIC_RES = (
    re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"),
)
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_HEADING_MARK_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_QUOTE_MARK_RE = re.compile(r"^\s{0,3}>\s?")
_LIST_MARK_RE = re.compile(r"^\s{0,3}(?:[-*+•]|\d{1,2}[.)])\s+(?=\S)")
_RULE_RE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")


def _strip_inline_markdown(text: str) -> str:
    """Remove inline markdown and HTML from one paragraph, keeping the visible text."""
    text = _IMAGE_RE.sub("", text)
    text = _LINK_RE.sub(r"\1", text)
    text = _REF_LINK_RE.sub(r"\1", text)
    text = _AUTOLINK_RE.sub(r"\1", text)
    text = _HTML_TAG_RE.sub("", text)
    for pattern in _BOLD_RES:
        text = pattern.sub(r"\1", text)
    for pattern in _ITALIC_RES:
        text = pattern.sub(r"\1", text)
    # Whatever emphasis markers are left are unbalanced; news prose has no use for them.
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"(?<!\s)\*|\*(?!\s)", "", text)
    text = _ESCAPE_RE.sub(r"\1", text)
    return html.unescape(text)


def _collapse_spaces(text: str) -> str:
    """Collapse runs of whitespace (including line breaks) to single spaces and trim."""
    return _SPACES_RE.sub(" ", text.replace("\n", " ")).strip()


# --------------------------------------------------------------------------------------------------
# Blocks: the unit between blank lines
# --------------------------------------------------------------------------------------------------

TEXT, MD_HEADING, BOLD_HEADING, LIST_ITEM, PULL_QUOTE = "text", "md_heading", "bold_heading", "list", "pull_quote"


@dataclass
class _Block:
    """A cleaned paragraph under construction."""

    text: str
    kind: str = TEXT
    heading: bool = False


def _raw_blocks(text: str) -> list[str]:
    """Split the decoded file on blank lines; a ``#`` heading line is always a block of its own."""
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append("\n".join(current))
            current.clear()

    for line in text.split("\n"):
        if not line.strip():
            flush()
        elif _HEADING_MARK_RE.match(line):
            flush()
            blocks.append(line)
        else:
            current.append(line)
    flush()
    return blocks


def _clean_block(raw: str) -> _Block | None:
    """Turn one raw block into a cleaned :class:`_Block`, or ``None`` if nothing visible is left."""
    if _RULE_RE.match(raw):
        return None
    kind = TEXT
    heading = _HEADING_MARK_RE.match(raw)
    if heading:
        raw, kind = heading.group(2), MD_HEADING
    lines = []
    for line in raw.split("\n"):
        line = _QUOTE_MARK_RE.sub("", line)
        line, bullets = _LIST_MARK_RE.subn("", line)
        if bullets and kind == TEXT:
            kind = LIST_ITEM
        lines.append(line.strip())
    joined = ""
    for line in lines:
        if not line:
            continue
        if joined and re.search(r"[^\W\d_]-$", joined) and line[:1].islower():
            joined += line  # a word hyphenated across a line break: "non-\nproliferation"
        else:
            joined = f"{joined} {line}" if joined else line
    stripped = joined.strip()
    if kind == TEXT and re.fullmatch(r"(\*\*|__)[^*_]+\1", stripped):
        kind = BOLD_HEADING  # a paragraph that is entirely bold is a sub-heading
    cleaned = _collapse_spaces(_strip_inline_markdown(joined))
    if not cleaned:
        return None
    return _Block(cleaned, kind, heading=kind in (MD_HEADING, BOLD_HEADING))


# --------------------------------------------------------------------------------------------------
# Dateline
# --------------------------------------------------------------------------------------------------

# Month names and abbreviations -> number: the date finder's table, so both read a month the same way.
_MONTHS = MONTH_NUMBERS
# "<date words> – rest": en/em dash with or without spaces, or a hyphen with spaces around it.
_DATELINE_RE = re.compile(r"(?P<date>[^\n–—]{3,60}?)\s*(?:[–—]+|\s-{1,2}(?=\s))\s*(?P<rest>.*)\Z", re.S)
_SIMPLE_DATE_RE = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})", re.I
)
_DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "DATE_ORDER": "DMY",
    "PREFER_LOCALE_DATE_ORDER": False,
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_MIN_YEAR, _MAX_YEAR = 1945, 2100


def _looks_like_dateline_date(words: str) -> bool:
    """Is ``words`` shaped like the date part of a dateline (short, with a digit, no prose)?"""
    if not re.search(r"\d", words) or len(words) > 50:
        return False
    tokens = re.findall(r"[^\W\d_]+|\d+", words)
    if not 1 <= len(tokens) <= 7:
        return False
    # Prose ("In 2017 – …", "about 300 people – …") has lowercase words that are not month names.
    return not any(t[0].islower() and t.lower() not in _MONTHS for t in tokens if t.isalpha())


def parse_dateline_date(words: str) -> date | None:
    """Parse the date words of a dateline ("16 August 2017"); ``None`` unless day, month and year are given."""
    words = words.strip().strip(",.:")
    simple = _SIMPLE_DATE_RE.fullmatch(words)
    if simple and simple.group(2).lower() in _MONTHS:
        try:
            parsed = date(int(simple.group(3)), _MONTHS[simple.group(2).lower()], int(simple.group(1)))
        except ValueError:
            return None
        return parsed if _MIN_YEAR <= parsed.year <= _MAX_YEAR else None
    import dateparser  # imported lazily: it is slow to import and rarely needed

    candidates = [words]
    if "," in words:  # "GENEVA, 16 August 2017" or "New York, 16 August 2017"
        candidates.append(words.split(",", 1)[1].strip())
    for candidate in candidates:
        result = dateparser.parse(candidate, languages=["en"], settings=_DATEPARSER_SETTINGS)
        if result is not None and _MIN_YEAR <= result.year <= _MAX_YEAR:
            return result.date()
    return None


@dataclass
class _Dateline:
    index: int  # index of the raw block holding the dateline
    date_text: str
    published_on: date
    rest: str  # raw text of the block after the dash (may be empty)


def _match_dateline(raw: str) -> tuple[str, str] | None:
    """Split a raw block into (date words, rest) if it is shaped like a dateline paragraph."""
    first_line = raw.lstrip().split("\n", 1)[0]
    plain = _collapse_spaces(_strip_inline_markdown(first_line))
    if _looks_like_dateline_date(plain) and parse_dateline_date(plain) is not None:
        rest = raw.lstrip().split("\n", 1)[1] if "\n" in raw.lstrip() else ""
        return plain, rest  # a date alone on its own line
    match = _DATELINE_RE.match(raw.lstrip())
    if not match:
        return None
    words = _collapse_spaces(_strip_inline_markdown(match.group("date")))
    if not _looks_like_dateline_date(words):
        return None
    return words, match.group("rest")


def _find_dateline(blocks: list[str], first: int, last: int) -> _Dateline:
    """Find the dateline among ``blocks[first:last]``; raise :class:`ArticleError` if there is none."""
    for index in range(first, min(last, len(blocks))):
        found = _match_dateline(blocks[index])
        if found is None:
            continue
        words, rest = found
        parsed = parse_dateline_date(words)
        if parsed is None:
            raise ArticleError(f"dateline is not a date: {words!r}")
        return _Dateline(index, words, parsed, rest)
    raise ArticleError("no dateline")


# --------------------------------------------------------------------------------------------------
# Title repeated after the dateline
# --------------------------------------------------------------------------------------------------

_QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"'})


def _strip_repeated_title(lead: str, title: str) -> str:
    """Drop ``title`` from the start of ``lead`` when the lead merely repeats it before the real text.

    Comparison ignores case, quote style and whitespace. The title is only removed when what follows it
    starts a new sentence (capital letter, digit or quote), so a lead that legitimately begins with the
    same words and carries on ("… diplomacy, the Secretary-General said") is left alone.
    """
    wanted = [c for c in title.translate(_QUOTE_FOLD).casefold() if not c.isspace()]
    if not wanted:
        return lead
    folded = lead.translate(_QUOTE_FOLD)
    position = 0
    for char in wanted:
        while position < len(folded) and folded[position].isspace():
            position += 1
        if position >= len(folded) or folded[position].casefold() != char:
            return lead
        position += 1
    rest = lead[position:]
    if rest and not (rest[0].isspace() or rest[0] in ":.;,–—-"):
        return lead  # the title ends in the middle of a word
    rest = rest.lstrip(" :;,.–—-")
    if rest and (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'“‘"):
        return rest
    return lead


# --------------------------------------------------------------------------------------------------
# Pull quotes glued to their attribution
# --------------------------------------------------------------------------------------------------

_ATTRIBUTION_TITLES = (
    r"(?:UN\s+|United\s+Nations\s+)?(?:Deputy\s+|Assistant\s+|Under-)?Secretary-General"
    r"|UN\s+chief|(?:Vice-)?President|Prime\s+Minister|Foreign\s+Minister|Minister|Ambassador"
    r"|(?:Deputy\s+)?High\s+Commissioner|Special\s+(?:Envoy|Representative|Rapporteur|Adviser|Coordinator)"
    r"|Director-General|Executive\s+(?:Director|Secretary)|Emergency\s+Relief\s+Coordinator"
    r"|Spokesperson|Mr\.|Ms\.|Mrs\.|Dr\."
)
_NAME_TOKEN = r"[A-Z][\w’'.-]*"  # noqa: S105 - a regex, not a secret
_ATTRIBUTION_RE = re.compile(
    rf"(?:{_ATTRIBUTION_TITLES})(?:\s+{_NAME_TOKEN}){{0,4}}"  # "Secretary-General Guterres"
    rf"|{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|of|the|for|and)){{1,5}}"  # "Filippo Grandi", "UNHCR chief Grandi"
)
_GLUE_RE = re.compile(r"(?<=[^\W\d_]{3})(?<=[a-z])(?=[A-Z])|(?<=[a-z][.!?][”\"’])(?=[A-Z])|(?<=[a-z][.!?])(?=[A-Z])")


_TITLED_ATTRIBUTION_RE = re.compile(rf"(?:{_ATTRIBUTION_TITLES})(?:\s+{_NAME_TOKEN}){{1,4}}")


def _split_attribution_line(raw: str) -> list[str]:
    """Split a raw block whose last line is an attribution ("…alone\nHigh Commissioner Filippo Grandi")."""
    lines = raw.strip().split("\n")
    if len(lines) < 2:
        return [raw]
    quote, attribution = "\n".join(lines[:-1]).rstrip(), lines[-1].strip()
    if _TITLED_ATTRIBUTION_RE.fullmatch(attribution) and not _SENTENCE_END_RE.search(quote):
        return [quote, attribution]
    return [raw]


def _mark_standalone_pull_quotes(blocks: list[_Block], first: int) -> None:
    """Flag a quote paragraph without final punctuation that is followed by an attribution line.

    UN News pull quotes are a bare quotation (no closing period) with the speaker on the next line:
    "No family should have to flee twice" / "High Commissioner Filippo Grandi". ``first`` is the index of
    the first block that may be a pull quote (the lead never is).
    """
    for index in range(max(first, 0) + 1, len(blocks)):
        quote, attribution = blocks[index - 1], blocks[index]
        if quote.kind != TEXT or attribution.kind != TEXT or quote.heading:
            continue
        if not _TITLED_ATTRIBUTION_RE.fullmatch(attribution.text) or _SENTENCE_END_RE.search(quote.text):
            continue
        if len(quote.text.split()) < 4:
            continue
        quote.kind = attribution.kind = PULL_QUOTE


def _split_pull_quote(text: str) -> tuple[str, str] | None:
    """Split "… engage in dialogueSecretary-General Guterres" into (quote, attribution), else ``None``."""
    for glue in _GLUE_RE.finditer(text):
        quote, attribution = text[: glue.start()], text[glue.start() :]
        if len(quote.split()) < 4 or len(attribution.split()) > 8:
            continue
        if not _ATTRIBUTION_RE.fullmatch(attribution):
            continue
        if attribution.split()[0].upper() == attribution.split()[0] and "." in attribution.split()[0]:
            continue  # "U.S" style abbreviations, not a glued name
        return quote.rstrip(), attribution.strip()
    return None


# --------------------------------------------------------------------------------------------------
# Re-joining paragraphs broken mid-sentence; headings
# --------------------------------------------------------------------------------------------------

# Words that cannot end a sentence: a paragraph ending with one of them continues in the next block.
_CONTINUATION_WORDS = frozenset(
    """
    a an the of and or nor but which that who whom whose where when while whether if than as to in on at by
    for from with without into onto over under between among against about after before during since until
    upon via within across through towards toward per its their his her our your my this these those such
    is are was were be been being has have had will would shall should can could may might must do does did
    not both either neither including notably especially like said says also very more most so
    """.split()
)
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’)\]]*$")
_HEADING_MAX_WORDS, _HEADING_MAX_CHARS = 14, 110


def _last_word(text: str) -> str:
    match = re.search(r"([^\W\d_]+)\W*$", text)
    return match.group(1).lower() if match else ""


def _should_join(previous: _Block, following: _Block) -> bool:
    """Decide whether two consecutive blocks are one paragraph split by a stray blank line.

    Only plain text blocks are joined. The first part must not end a sentence; then they are joined when
    the second part starts with a lowercase letter ("… which" / "ravaged the Peninsula …"), or when the
    first part ends with a comma/semicolon or with a word that cannot end a sentence ("… Republic of" /
    "Korea (DPRK) …"). A sub-heading ("Unity within the Security Council vital") ends with a content word
    and is followed by a capitalised paragraph, so it is never joined.
    """
    if previous.kind != TEXT or following.kind != TEXT or previous.heading or following.heading:
        return False
    text = previous.text
    if _SENTENCE_END_RE.search(text) or text.endswith(":"):
        return False
    if following.text[:1].islower():
        return True
    return text.endswith((",", ";", "–", "—")) or _last_word(text) in _CONTINUATION_WORDS


def _looks_like_heading(block: _Block) -> bool:
    """A short, capitalised line without final punctuation that does not trail off mid-phrase."""
    text = block.text
    if block.kind != TEXT:
        return block.heading
    if len(text) > _HEADING_MAX_CHARS or len(text.split()) > _HEADING_MAX_WORDS:
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    if _SENTENCE_END_RE.search(text) or text.endswith((",", ";", ":", "–", "—", "-")):
        return False
    return _last_word(text) not in _CONTINUATION_WORDS


def _join(previous: str, following: str) -> str:
    if re.search(r"[^\W\d_]-$", previous) and following[:1].islower():
        return previous + following
    return f"{previous} {following}"


# --------------------------------------------------------------------------------------------------
# Title fallback
# --------------------------------------------------------------------------------------------------


def _title_from_lead(lead: str, limit: int = 120) -> str:
    """A stand-in title when the file has none: the first sentence of the lead, shortened at a word."""
    sentences = split_sentences(lead)
    first = sentences[0].text if sentences else lead
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


# --------------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------------

_HEADER_BLOCKS = 4  # the dateline must be within the first few blocks


def parse_article(raw: bytes) -> ParsedArticle:
    """Parse the bytes of an article file; raise :class:`ArticleError` for files that are not articles."""
    text = _decode(raw)
    raw_blocks = _raw_blocks(text)
    if not raw_blocks:
        raise ArticleError("empty file")

    # A plain title directly followed by the dateline line, without a blank line in between.
    first_lines = raw_blocks[0].split("\n")
    for number, line in enumerate(first_lines[1:], start=1):
        if _match_dateline(line) is not None:
            raw_blocks[0:1] = ["\n".join(first_lines[:number]), "\n".join(first_lines[number:])]
            break

    # Title: the first block, unless the file starts directly with the dateline.
    title = ""
    first_is_heading = bool(_HEADING_MARK_RE.match(raw_blocks[0]))
    if not first_is_heading and _match_dateline(raw_blocks[0]) is not None:
        dateline = _find_dateline(raw_blocks, 0, 1)
    else:
        title_block = _clean_block(raw_blocks[0])
        title = title_block.text if title_block else ""
        dateline = _find_dateline(raw_blocks, 1, 1 + _HEADER_BLOCKS)

    blocks: list[_Block] = []
    lead_block = _clean_block(dateline.rest) if dateline.rest.strip() else None
    if lead_block is not None:
        lead_block.kind, lead_block.heading = TEXT, False
        if title:
            lead_block.text = _strip_repeated_title(lead_block.text, title)
        blocks.append(lead_block)
    for raw_block in (part for raw in raw_blocks[dateline.index + 1 :] for part in _split_attribution_line(raw)):
        block = _clean_block(raw_block)
        if block is None:
            continue
        split = _split_pull_quote(block.text) if block.kind == TEXT else None
        if split:
            blocks.append(_Block(split[0], PULL_QUOTE))
            blocks.append(_Block(split[1], PULL_QUOTE))
        else:
            blocks.append(block)
    _mark_standalone_pull_quotes(blocks, 1 if lead_block is not None else 0)

    merged: list[_Block] = []
    for block in blocks:
        if merged and _should_join(merged[-1], block):
            merged[-1].text = _join(merged[-1].text, block.text)
        else:
            merged.append(block)

    for index, block in enumerate(merged):
        # The lead is never a heading, and a heading needs something after it (a cut-off last line is text).
        has_lead = lead_block is not None
        if (index > 0 or not has_lead) and index < len(merged) - 1 and _looks_like_heading(block):
            block.heading = True

    paragraphs: list[Paragraph] = []
    position = 0
    for block in merged:
        start = position
        paragraphs.append(
            Paragraph(start, start + len(block.text), block.text, block.heading, block.kind == PULL_QUOTE)
        )
        position = start + len(block.text) + 2
    body = "\n\n".join(block.text for block in merged)

    if not title:
        first_prose = next((p.text for p in paragraphs if p.is_prose), "")
        title = _title_from_lead(first_prose) if first_prose else dateline.date_text

    return ParsedArticle(
        title=title,
        published_on=dateline.published_on,
        dateline_text=dateline.date_text,
        body=body,
        paragraphs=tuple(paragraphs),
    )
