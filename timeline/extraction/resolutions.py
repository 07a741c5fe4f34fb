"""Find citations of Security Council and General Assembly resolutions in text.

Recognised forms (each numbered resolution yields one :class:`ResolutionMention`):

* ``resolution 2371 (2017)``, ``Resolution 2397 (2017)``, ``Security Council resolution 1718 (2006)``,
  ``UNSC resolution 2371``, ``UNSCR 2371 (2017)``;
* lists: ``resolutions 2270 (2016) and 2321 (2016)``, ``resolutions 2270 (2016), 2321 (2016) and
  2371 (2017)``, ``resolutions 1718, 1874 and 2087``;
* symbols: ``S/RES/2371 (2017)``, ``S/RES/2371(2017)``, ``A/RES/72/1``, ``A/RES/ES-10/19``,
  ``A/RES/181(II)``;
* General Assembly forms: ``General Assembly resolution 72/1``, ``resolution 72/1`` (the session/number
  form is only used by the Assembly), ``General Assembly resolution 377 (V)``.

Decisions:

* ``body`` is ``"S"`` (Security Council) or ``"A"`` (General Assembly). A bare number with no qualifier is
  taken to be a Security Council resolution. Resolutions of other organs (Human Rights Council, ECOSOC …)
  are recognised and skipped.
* ``symbol`` is the canonical UN document symbol, or ``""`` when the text does not give enough to build it
  (a Security Council resolution cited without its year: ``symbol=""``, ``year=None``; look it up by
  number). General Assembly symbols do not need a year: ``A/RES/72/1`` has ``number=1``, ``session=72``,
  ``year=None`` (a session spans two calendar years, so the year is not guessed).
* ``start``/``end`` cover the citation: the first item of a list includes the qualifier and the word
  "resolution(s)" ("Security Council resolutions 2270 (2016)"), later items cover just their own number and
  year ("2321 (2016)"). Numbers that are not resolution numbers ("paragraph 8 of resolution 2371") are not
  reported.

This module is pure Python (no Django).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ResolutionMention", "find_resolutions"]


@dataclass(frozen=True)
class ResolutionMention:
    """One cited resolution; ``text[start:end]`` is the citation."""

    symbol: str
    number: int
    year: int | None
    body: str
    start: int
    end: int
    session: int | None = None  # General Assembly session ("72" in A/RES/72/1)


_MIN_YEAR, _MAX_YEAR = 1946, 2100
_ROMAN = r"(?:X{0,3}(?:IX|IV|V?I{0,3})|XL|L)"

_QUALIFIER = (
    r"(?P<qual>Security\s+Council|General\s+Assembly|Human\s+Rights\s+Council|Economic\s+and\s+Social\s+Council"
    r"|Trusteeship\s+Council|ECOSOC|HRC|UNSC|UNGA|Council|Assembly)(?:['’]s)?\s+"
)
_ITEM = (
    r"(?:(?P<session>\d{1,3})/(?P<ga_number>\d{1,4})(?![\d/])"  # 72/1 (General Assembly)
    r"|(?P<number>\d{1,4})(?![\d/.,]\d)(?:\s*\(\s*(?:(?P<year>\d{4})|(?P<roman>" + _ROMAN + r"))\s*\))?)"
)
_SEPARATOR = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to)\s+|\s*[&–-]\s*)"
_CITATION_RE = re.compile(
    r"(?<![\w/])(?:"
    # Document symbols.
    r"(?P<s_symbol>S/RES/(?P<s_number>\d{1,4})(?:\s*\(\s*(?P<s_year>\d{4})\s*\))?)"
    r"|(?P<a_symbol>A/RES/(?:(?P<a_es>ES-)?(?P<a_session>\d{1,3})/(?P<a_number>\d{1,4})"
    r"|(?P<a_old_number>\d{1,4})\s*\(\s*(?P<a_roman>" + _ROMAN + r")\s*\)))"
    # "resolution(s) …" optionally qualified by the organ, or the UNSCR shorthand.
    r"|(?:" + _QUALIFIER + r")?(?P<keyword>[Rr]esolutions?|RESOLUTIONS?|UNSCRs?)(?:\s+(?:No\.?|number)\s*)?\s+"
    r"(?P<first>" + _ITEM + r")"
    r")(?![\w/])"
)
_ITEM_RE = re.compile(_ITEM)
_CONTINUATION_RE = re.compile(_SEPARATOR + r"(?:resolutions?\s+)?(?P<item>" + _ITEM + r")(?![\w/])")
_NOT_A_RESOLUTION_AFTER = re.compile(
    r"\s*(?:%|per\s*cent|percent|million|billion|thousand|members|people|persons|countries|states|times|"
    r"years|days|months|votes|in\s+favour)\b",
    re.I,
)
_BODY_BY_QUALIFIER = {
    "security council": "S",
    "unsc": "S",
    "council": "S",
    "general assembly": "A",
    "unga": "A",
    "assembly": "A",
}


def _normalise_qualifier(qualifier: str | None) -> str | None:
    return re.sub(r"\s+", " ", qualifier).lower() if qualifier else None


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    year = int(text)
    return year if _MIN_YEAR <= year <= _MAX_YEAR else None


def _from_item(item: re.Match[str], body_hint: str | None, start: int, end: int) -> ResolutionMention | None:
    """Build a mention from an ``_ITEM`` match; ``body_hint`` comes from the qualifier, if any."""
    if item.group("session"):
        if body_hint == "S":
            return None  # "Council resolution 72/1" is not a Security Council citation
        session, number = int(item.group("session")), int(item.group("ga_number"))
        return ResolutionMention(f"A/RES/{session}/{number}", number, None, "A", start, end, session)
    number = int(item.group("number"))
    if number == 0:
        return None
    if item.group("roman"):  # pre-1976 General Assembly numbering: 181 (II)
        if body_hint == "S":
            return None
        roman = item.group("roman")
        return ResolutionMention(f"A/RES/{number}({roman})", number, None, "A", start, end)
    year = _year(item.group("year"))
    if body_hint == "A":
        return ResolutionMention("", number, year, "A", start, end)
    symbol = f"S/RES/{number} ({year})" if year else ""
    return ResolutionMention(symbol, number, year, "S", start, end)


def find_resolutions(text: str) -> list[ResolutionMention]:
    """Return every resolution cited in ``text``, in order of appearance."""
    mentions: list[ResolutionMention] = []
    consumed = 0  # end of the last list handled by hand; finditer must not re-read its items
    for match in _CITATION_RE.finditer(text):
        if match.start() < consumed:
            continue
        if match.group("s_symbol"):
            number, year = int(match.group("s_number")), _year(match.group("s_year"))
            symbol = f"S/RES/{number} ({year})" if year else ""
            mentions.append(ResolutionMention(symbol, number, year, "S", match.start(), match.end()))
            continue
        if match.group("a_symbol"):
            if match.group("a_roman"):
                number, roman = int(match.group("a_old_number")), match.group("a_roman")
                mentions.append(
                    ResolutionMention(f"A/RES/{number}({roman})", number, None, "A", match.start(), match.end())
                )
                continue
            number, session = int(match.group("a_number")), int(match.group("a_session"))
            prefix = "ES-" if match.group("a_es") else ""
            mentions.append(
                ResolutionMention(
                    f"A/RES/{prefix}{session}/{number}",
                    number,
                    None,
                    "A",
                    match.start(),
                    match.end(),
                    None if prefix else session,
                )
            )
            continue

        qualifier = _normalise_qualifier(match.group("qual"))
        if match.group("keyword").upper().startswith("UNSCR"):
            qualifier = "unsc"
        # Resolutions of another organ (Human Rights Council, ECOSOC, …) are read, then dropped.
        other_organ = qualifier is not None and qualifier not in _BODY_BY_QUALIFIER
        body_hint = _BODY_BY_QUALIFIER.get(qualifier) if qualifier else None

        first = _ITEM_RE.fullmatch(match.group("first"))
        assert first is not None  # the same sub-pattern just matched
        if first.group("number") and _NOT_A_RESOLUTION_AFTER.match(text, match.end()):
            continue  # "resolution 2 per cent" and the like
        item_mentions = [_from_item(first, body_hint, match.start(), match.end())]

        # Further items of a list: "…, 2321 (2016) and 2371 (2017)".
        position = match.end()
        first_has_year = bool(first.group("year") or first.group("roman") or first.group("session"))
        while True:
            more = _CONTINUATION_RE.match(text, position)
            if not more:
                break
            item = _ITEM_RE.fullmatch(more.group("item"))
            assert item is not None
            if item.group("number"):
                has_year = bool(item.group("year") or item.group("roman"))
                # A bare number continues the list only if the list is of bare numbers and it is a
                # plausible resolution number ("resolution 2371 and 15 members" is not a list).
                if not has_year and (first_has_year or len(item.group("number")) < 3):
                    break
                if not has_year and _NOT_A_RESOLUTION_AFTER.match(text, more.end()):
                    break
            item_mentions.append(_from_item(item, body_hint, more.start("item"), more.end()))
            position = more.end()
        consumed = position
        if not other_organ:
            mentions.extend(m for m in item_mentions if m is not None)
    return mentions
