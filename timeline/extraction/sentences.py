"""Rule-based sentence splitter for English news prose, keeping character offsets.

A boundary is a ``.``, ``!``, ``?`` or ellipsis, optionally followed by closing quotes/brackets, then
whitespace, then something that can start a sentence: an uppercase letter, a digit, or an opening
quote/bracket. Blank lines (paragraph breaks) are always boundaries. A period does **not** end a
sentence after:

* titles and honorifics (``Mr.``, ``Mrs.``, ``Ms.``, ``Dr.``, ``St.``, ``Gen.``, ``Lt.`` …);
* ``No.``/``Art.``/``para.``/``p.``/``vol.`` when a number follows ("No. 5");
* ``e.g.``, ``i.e.``, ``cf.``, ``viz.``;
* initials ("John F. Kennedy", "J. R. R. Tolkien").

Ambiguous abbreviations that can also close a sentence (``U.S.``, ``U.N.``, ``a.m.``, ``p.m.``, ``etc.``,
``Inc.``, month abbreviations) and ellipses end a sentence only when the next word is a typical sentence
opener ("The", "He", "However", …). Decimals ("3.5") never match because no space follows the period.

This module is pure Python (no Django).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]


@dataclass(frozen=True)
class Sentence:
    """A sentence and its span: ``source[start:end] == text`` (``source`` being what was split)."""

    text: str
    start: int
    end: int


_TITLES = frozenset(
    "Mr Mrs Ms Messrs Mmes Dr Prof St Gen Lt Col Maj Capt Cpt Sgt Cpl Pte Adm Cmdr Brig Rev Hon Sen Rep Gov "
    "Amb Pres Supt Insp Mt Ft".split()
)
_NUMBER_ABBREVIATIONS = frozenset("No Nos no nos Art Arts art para paras p pp vol Vol fig Fig ch Ch sec Sec".split())
_NEVER_FINAL_DOTTED = frozenset({"e.g", "i.e", "cf", "viz", "E.g", "I.e", "Cf", "Viz"})
_AMBIGUOUS = frozenset("etc Inc Ltd Co Corp Jr Sr vs approx Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
# Words that typically open a sentence; after an ambiguous abbreviation they signal a real boundary.
_SENTENCE_OPENERS = frozenset(
    """
    The A An He She It They We I You This That These Those There Here In On At By For From With Without
    But And Or So Yet However Meanwhile Moreover Furthermore Nevertheless Instead Also Still Then Thus
    According After Before Since While When Where If Although Though As Its His Her Their Our My Your
    Some Many Most Several All Both Each Every No None Other Others Such Speaking Earlier Later Today
    Yesterday Tomorrow Last Next Under Over During Despite Following Amid Among Asked Noting Calling
    """.split()
)

_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n\s*")
_CANDIDATE_RE = re.compile(r"(?P<punct>\.{3}|…|[.!?]+)(?P<close>[\"'”’)\]]*)(?=\s+(?P<next>\S))")
_OPENING = "\"'“‘([«"
_WORD_BEFORE_RE = re.compile(r"(\S+)$")
_NEXT_WORD_RE = re.compile(r"\s*[\"'“‘(\[«]*([^\s\"'“‘(\[«.,;:!?]+)")
_INITIAL_RE = re.compile(r"[A-Z]")
_DOTTED_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in _OPENING


def _next_word(text: str, position: int) -> str:
    match = _NEXT_WORD_RE.match(text, position)
    return match.group(1) if match else ""


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    """Decide whether the punctuation in ``match`` ends a sentence."""
    after = match.end()
    next_char = match.group("next")
    if not _starts_sentence(next_char):
        return False
    if next_char in _OPENING:
        # Opening quote or bracket: look at what it opens; "(a)" or "'s" style continuations do not count.
        following = _next_word(text, after)
        if not following or not (following[0].isupper() or following[0].isdigit()):
            return False
    punct = match.group("punct")
    next_word = _next_word(text, after)
    if punct in ("...", "…"):
        return next_word in _SENTENCE_OPENERS
    if punct != ".":
        return True  # "!", "?", "?!", "..": a real end

    before = _WORD_BEFORE_RE.search(text, max(0, match.start() - 80), match.start())
    word = before.group(1).lstrip(_OPENING) if before else ""
    if not word or match.group("close"):
        return True  # '… mistakes." He' - a period inside closing quotes ends the sentence
    if word in _TITLES:
        return False
    if word in _NUMBER_ABBREVIATIONS and next_char.isdigit():
        return False
    if word in _NEVER_FINAL_DOTTED:
        return False
    if _INITIAL_RE.fullmatch(word) or _DOTTED_RE.fullmatch(word) or word in _AMBIGUOUS:
        return next_word in _SENTENCE_OPENERS
    return True


def _trimmed(text: str, start: int, end: int, offset: int) -> Sentence | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    return Sentence(text[start:end], start + offset, end + offset)


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Split ``text`` into sentences; offsets are positions in ``text`` plus ``offset``.

    Pass a paragraph with ``offset=paragraph.start`` to get offsets into the article body.
    """
    sentences: list[Sentence] = []
    chunk_start = 0
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK_RE.finditer(text)] + [(len(text), len(text))]
    for break_start, break_end in breaks:
        start = chunk_start
        for match in _CANDIDATE_RE.finditer(text, chunk_start, break_start):
            if _is_boundary(text, match):
                sentence = _trimmed(text, start, match.end(), offset)
                if sentence:
                    sentences.append(sentence)
                start = match.end()
        sentence = _trimmed(text, start, break_start, offset)
        if sentence:
            sentences.append(sentence)
        chunk_start = break_end
    return sentences
