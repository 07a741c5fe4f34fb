"""Find dated expressions in English news text and resolve them to honest intervals.

The public surface is :func:`find_dates`, the :class:`DateMention` dataclass and :data:`PRECISIONS`.

Every mention is an inclusive interval ``date_start..date_end`` with a precision (``day``, ``week``,
``month`` or ``year``) that says how much the text actually gave: "in 2015" is the whole of 2015 at year
precision, never a made-up day. Relative expressions ("yesterday", "last week", "earlier this month",
"Thursday", "March") are resolved against ``base``, the article's publication date.

How it works, and why it is not just ``dateparser.search.search_dates``:

* Candidate expressions are found by the regular expressions below, each written for one shape of date
  (full date, month and year, bare year in a date-like context, range, weekday, relative period...).
  ``search_dates`` on its own reads "We" as Wednesday and "2371" as a year, fills in days the text never
  gave, and misses ranges, so candidate finding and rejection are done here.
* Explicit calendar phrases ("16 Aug. 2017", "May 2010", "Feb. 28", "four years ago") are handed to
  ``dateparser``'s :class:`~dateparser.date.DateDataParser` (English only, ``RELATIVE_BASE`` = ``base``);
  its ``period`` tells the precision and it rejects impossible dates such as 31 February.
* Expressions whose meaning depends on tense (weekdays and month names without a year) are resolved
  by rules of our own: in a past-tense sentence "Friday" is the latest Friday on or before ``base``, in a
  future-tense sentence the next one on or after it. Tense is read from the nearest tense marker in the
  sentence around the mention ("will", "scheduled", "said", "-ed" verbs...); news defaults to the past.
* Overlapping candidates are resolved by keeping the longest span, and adjacent mentions joined by
  "from ... to ..." / "between ... and ..." / a dash are merged into one range.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

__all__ = ["PRECISIONS", "DateMention", "find_dates"]

PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")


@dataclass(frozen=True)
class DateMention:
    """One dated expression found in a text.

    ``text`` is exactly ``source[start:end]``; ``date_start..date_end`` is an inclusive interval whose
    granularity is ``precision`` (one of :data:`PRECISIONS`).
    """

    text: str
    start: int
    end: int
    date_start: date
    date_end: date
    precision: str


# ---------------------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------------------

MONTH_NUMBERS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_WEEKDAY_NUMBERS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

_NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}

_ORDINAL_CENTURIES: dict[str, int] = {
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty first": 21,
}

# Month names are matched case-sensitively: lower-case "may" and "march" are a modal verb and a verb, and
# "august" is an adjective. Full names come first so that "September" is not read as "Sep".
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b)"
_MONTH = rf"(?:{_MONTH_FULL}\b|{_MONTH_ABBR})"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
# Years that may sit inside an explicit date; bare years are held to a narrower window further down.
_YEAR = r"(?:1\d{3}|20\d{2})"
_WEEKDAY_PREFIX = (
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tue\.|Tues\.|Wed\.|Thu\.|Thur\.|"
    r"Thurs\.|Fri\.|Sat\.|Sun\.),?\s+)"
)
# A number followed by one of these is a quantity, not a year ("2,000 dollars", "20 per cent").
_NOT_A_YEAR_AFTER = re.compile(
    r"\s*(?:%|(?i:per\s*cent|percent|million|billion|trillion|thousand|dollars?|euros?|pounds|francs|"
    r"people|persons|refugees|migrants|children|women|men|girls|boys|troops|soldiers|peacekeepers|civilians|"
    r"cases|deaths|casualties|victims|families|households|homes|houses|schools|members|staff|workers|"
    r"tonnes|tons|metres|meters|kilometres|kilometers|km|miles|hectares|units|copies|votes|signatures|"
    r"participants|delegates|students|patients|doses|residents|inhabitants|vehicles|trucks|km2)\b)"
)
# Words after which a four-digit number is read as a year ("in 2015", "since 1997", "by 2030").
_YEAR_CONTEXT = re.compile(
    r"(?i:\b(?:in|since|by|until|till|before|after|from|of|during|through|throughout|around|circa|for|"
    r"early|mid|late|year|years|end|start|beginning|middle|summer|winter|spring|autumn|fall|"
    r"spanning|as\s+of|as\s+early\s+as|as\s+late\s+as|back\s+in|beyond)|mid-)\s*$"
)
# "a 2010 commando raid", "his 2007 campaign": a determiner, a year, then a lower-case word.
_YEAR_DETERMINER = re.compile(r"(?i:\b(?:a|an|the|his|her|its|their|our|this|that|whose))\s+$")
_LOWERCASE_WORD_AFTER = re.compile(r"\s+[a-z][a-z-]+\b")
# A year in a list right after another year: "in 2008, 2009 and 2010".
_YEAR_LIST_CONTEXT = re.compile(r"(?:19|20)\d{2}s?\s*(?:,|,?\s*(?:and|or))\s*$")
_SCENE_SETTING_BEFORE = re.compile(r"(?i:\b(?:in|during))\s+$")
_CURRENCY_BEFORE = re.compile(r"(?:[$€£¥]|\b(?:US|USD|EUR|GBP|CHF|No|no|Nos|nos)\.?)\s*$")
# Modifiers that narrow a unit without giving a more precise date; they are kept in the span only.
_MODIFIER_BEFORE = re.compile(
    r"(?i:\b(?:early|mid|late|the\s+(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of)"
    r"(?:\s+|\s*-\s*)|\bmid-)$"
)
# Words after which a bare month name is a month ("in March", "since June", "late last July").
_MONTH_CONTEXT_BEFORE = re.compile(
    r"(?i:\b(?:in|on|of|since|until|till|by|before|after|during|from|through|throughout|early|mid|late|"
    r"end|beginning|start|middle|around|as\s+of))[\s-]+$"
)
# A month in a list or range after another date: "in March and May", "March, April or June".
_MONTH_LIST_BEFORE = re.compile(rf"(?:{_MONTH_FULL}|\d)\s*,?\s*(?i:and|or|to|through|until)\s+$|{_MONTH_FULL},\s*$")
# "the March elections", "its June session": a determiner, the month, then a lower-case noun.
_MONTH_DETERMINER_BEFORE = re.compile(r"(?i:\b(?:the|its|his|her|their|our|a|an))\s+$")

# Tense markers. Future markers are checked as phrases; past markers include any "-ed" word that is not
# on the short list of words that merely end that way.
_FUTURE_MARKER = re.compile(
    r"(?i:\b(?:will|shall|won't|going\s+to|due\s+to|is\s+due|are\s+due|scheduled|slated|upcoming|forthcoming|"
    r"expected\s+to|is\s+to|are\s+to|set\s+to|plans?\s+to|planned|intends?\s+to|aims?\s+to|hopes?\s+to|"
    r"to\s+be\s+held|to\s+take\s+place|from\s+now|ahead\s+of|next|would(?!\s+have))\b|'ll\b)"
)
# A scheduled act reported in the past points forward, but only for a date that follows it: "agreed to meet
# again ... on 12 March" (future), not "on Thursday agreed to meet" (the agreeing was on Thursday). Other
# infinitives stay neutral: in "agreed to sell its stake in October" the October is the agreeing.
_INTENTION_MARKER = re.compile(r"(?i:\bto\s+(?:meet|reconvene|resume|hold|convene|vote|visit|travel|return)\b)")
_PAST_MARKER = re.compile(
    r"(?i:\b(?:said|says|was|were|had|did|told|took|met|held|made|went|came|gave|began|became|saw|left|"
    r"wrote|spoke|brought|won|lost|fell|rose|sent|ago|last|earlier|previously|[a-z]{3,}ed)\b)"
)
_NOT_PAST_ED = frozenset(
    {
        "united",
        "need",
        "indeed",
        "hundred",
        "speed",
        "proceed",
        "succeed",
        "exceed",
        "seed",
        "feed",
        "breed",
        "greed",
        "creed",
        "ahmed",
        "mohammed",
        "mohamed",
        "muhammed",
        "hamed",
        "related",
        "concerned",
        "based",
        "armed",
        "interested",
        "scheduled",
        "planned",
        "expected",
        "proposed",
        "intended",
        "needed",
    }
)
_SINCE_BEFORE = re.compile(r"(?i:\bsince)\s+$")
_PASSIVE_BEFORE = re.compile(r"(?i:\b(?:be|being)\s+)$")

# Where a sentence ends: terminal punctuation then a capital, or a blank line. Abbreviations such as
# "Mr." and "Feb." are filtered out afterwards.
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9])|\n\s*\n")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|No|Nos|Gen|Col|Lt|Sgt|Capt|Sen|Rep|Gov|Prof|Mt|Jr|Sr|Jan|Feb|Mar|Apr|Jun|Jul|"
    r"Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|vs|etc|approx|para|art)|"
    r"\b[A-Z]|\.[A-Z])\.$"
)


# ---------------------------------------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    """Last day of ``year-month``."""
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def _month_interval(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), _month_end(year, month)


def _year_interval(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _week_interval(day: date) -> tuple[date, date]:
    """The ISO week (Monday..Sunday) containing ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_number(token: str) -> int:
    return MONTH_NUMBERS[token.rstrip(".").lower()]


def _day_number(token: str) -> int:
    return int(re.sub(r"\D", "", token))


@lru_cache(maxsize=32)
def _parser_for(base: date) -> DateDataParser:
    """One DateDataParser per publication date; building it is cheap, but reusing keeps its caches warm."""
    return DateDataParser(
        languages=["en"],
        settings={
            # dateparser wants a naive datetime; a publication date has no time zone to speak of.
            "RELATIVE_BASE": datetime.combine(base, time()),
            # A month without a day must not borrow the base's day; we only read the month anyway.
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_TIME_AS_PERIOD": False,
        },
    )


@lru_cache(maxsize=4096)
def _dateparser_parse(phrase: str, base: date) -> tuple[date, str] | None:
    """Parse a phrase we already isolated with dateparser; return the date and dateparser's period."""
    data = _parser_for(base).get_date_data(phrase)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


# ---------------------------------------------------------------------------------------------------------
# Context: tense and sentence bounds
# ---------------------------------------------------------------------------------------------------------


class _Context:
    """Per-call state: the text, the base date and lazily computed sentence boundaries."""

    def __init__(self, text: str, base: date) -> None:
        self.text = text
        self.base = base
        self._breaks: list[int] | None = None

    def _sentence_breaks(self) -> list[int]:
        if self._breaks is None:
            breaks: list[int] = []
            for match in _SENTENCE_BREAK.finditer(self.text):
                before = self.text[max(0, match.start() - 12) : match.start() + 1]
                if match.group().startswith(".") and _ABBREVIATIONS.search(before):
                    continue
                breaks.append(match.end())
            self._breaks = breaks
        return self._breaks

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        """Start and end offsets of the sentence holding ``text[start:end]``."""
        sentence_start, sentence_end = 0, len(self.text)
        for position in self._sentence_breaks():
            if position <= start:
                sentence_start = position
            elif position >= end:
                sentence_end = position
                break
        return sentence_start, sentence_end

    def is_future(self, start: int, end: int) -> bool:
        """Whether the clause around ``text[start:end]`` talks about the future.

        The tense marker nearest to the mention wins, so that in "said it will meet on Monday" the Monday
        is read with "will", while in "on Friday announced it will close" it is read with "announced".
        """
        if _SINCE_BEFORE.search(self.text, max(0, start - 10), start):
            return False  # "the first meeting since Monday" looks back whatever the verb
        sentence_start, sentence_end = self.sentence_bounds(start, end)
        best_distance: int | None = None
        future = False
        for marker_is_future, pattern in ((True, _FUTURE_MARKER), (True, _INTENTION_MARKER), (False, _PAST_MARKER)):
            for match in pattern.finditer(self.text, sentence_start, sentence_end):
                if match.start() < end and match.end() > start:
                    continue  # words of the mention itself ("last", "next") are handled by its own rule
                if pattern is _INTENTION_MARKER and match.end() > start:
                    continue
                word = match.group().lower()
                if not marker_is_future:
                    if word in _NOT_PAST_ED:
                        continue
                    if word.endswith("ed") and _PASSIVE_BEFORE.search(self.text, sentence_start, match.start()):
                        continue  # "will be held": the participle belongs to a future clause
                distance = start - match.end() if match.end() <= start else match.start() - end
                if best_distance is None or distance < best_distance:
                    best_distance, future = distance, marker_is_future
        return future


# ---------------------------------------------------------------------------------------------------------
# Candidates
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    """A resolved candidate before overlap resolution.

    ``month``/``day`` are kept with ``year_given`` so that a yearless start of a range ("from 3 March to
    5 May 2017") can borrow the year of its end.
    """

    start: int
    end: int
    date_start: date
    date_end: date
    precision: str
    year_given: bool = True
    month: int | None = None
    day: int | None = None
    # ``anchor``: the text gave a year here that sets the time of what follows ("In 2015, ... in March").
    # ``tense_resolved``: the year was chosen from the tense and may be replaced by an anchor's.
    anchor: bool = False
    tense_resolved: bool = False
    # An explicit but impossible date ("31 February 2017") still claims its span, so that its parts
    # ("February 2017") are not reported instead; it is dropped after overlap resolution.
    valid: bool = True


_Resolver = Callable[[re.Match[str], _Context], "_Candidate | None"]
_RULES: list[tuple[re.Pattern[str], _Resolver]] = []


def _rule(pattern: str) -> Callable[[_Resolver], _Resolver]:
    """Register a resolver for a regex; the resolver returns None to reject a match."""

    def register(resolver: _Resolver) -> _Resolver:
        _RULES.append((re.compile(pattern), resolver))
        return resolver

    return register


def _span_with_modifier(context: _Context, start: int) -> int:
    """Move ``start`` back over "early", "mid-", "the end of"... so that the span says what the text says."""
    match = _MODIFIER_BEFORE.search(context.text, max(0, start - 30), start)
    return match.start() if match else start


def _yearless_day(context: _Context, month: int, day: int, start: int, end: int) -> date | None:
    """Resolve "5 March" without a year: latest past occurrence, or next one in future-tense text."""
    base = context.base
    future = context.is_future(start, end)
    years = (base.year, base.year + 1, base.year + 2) if future else (base.year, base.year - 1, base.year - 2)
    for year in years:  # several years, because 29 February only exists in leap years
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if (candidate >= base) if future else (candidate <= base):
            return candidate
    return None


def _yearless_month(context: _Context, month: int, start: int, end: int, relation: str | None) -> int:
    """Year of a month named without one, from "last"/"next"/"this" or else from the sentence's tense."""
    base = context.base
    relation = (relation or "").lower()
    if relation == "this":
        return base.year
    if relation == "last":
        return base.year if month < base.month else base.year - 1
    if relation in ("next", "coming"):
        return base.year if month > base.month else base.year + 1
    if context.is_future(start, end):
        return base.year if month >= base.month else base.year + 1
    return base.year if month <= base.month else base.year - 1


# --- explicit calendar dates -----------------------------------------------------------------------------


def _explicit_day(context: _Context, start: int, end: int, phrase: str) -> _Candidate | None:
    parsed = _dateparser_parse(phrase, context.base)
    if parsed is None or parsed[1] != "day":
        return _Candidate(start, end, context.base, context.base, "day", valid=False)
    return _Candidate(start, end, parsed[0], parsed[0], "day", month=parsed[0].month, day=parsed[0].day, anchor=True)


@_rule(rf"\b{_WEEKDAY_PREFIX}?(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b(?![.,]?\d)")
def _day_month_year(match: re.Match[str], context: _Context) -> _Candidate | None:
    """16 August 2017, Wednesday, 16 Aug. 2017, the 16th of August 2017."""
    phrase = f"{_day_number(match['d'])} {match['m'].rstrip('.')} {match['y']}"
    return _explicit_day(context, match.start(), match.end(), phrase)


@_rule(rf"\b{_WEEKDAY_PREFIX}?(?P<m>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b(?![.,]?\d)")
def _month_day_year(match: re.Match[str], context: _Context) -> _Candidate | None:
    """August 16, 2017 and Sept. 3 2012."""
    phrase = f"{_day_number(match['d'])} {match['m'].rstrip('.')} {match['y']}"
    return _explicit_day(context, match.start(), match.end(), phrase)


@_rule(r"(?<![\w/.-])(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w/-])")
def _iso_date(match: re.Match[str], context: _Context) -> _Candidate | None:
    """2017-08-16."""
    return _explicit_day(context, match.start(), match.end(), match.group())


@_rule(rf"\b(?P<m>{_MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR})\b(?![.,]?\d)")
def _month_year(match: re.Match[str], context: _Context) -> _Candidate | None:
    """August 2017, Aug. 2017, May 2010."""
    if _NOT_A_YEAR_AFTER.match(context.text, match.end()):
        return None  # "in May 2000 people fled" is a count, not a year
    parsed = _dateparser_parse(f"{match['m'].rstrip('.')} {match['y']}", context.base)
    if parsed is None or parsed[1] != "month":
        return None
    year, month = parsed[0].year, parsed[0].month
    start = _span_with_modifier(context, match.start())
    return _Candidate(start, match.end(), *_month_interval(year, month), "month", month=month, anchor=True)


def _yearless_explicit_day(match: re.Match[str], context: _Context, start: int | None = None) -> _Candidate | None:
    start = match.start() if start is None else start
    # dateparser validates the day and month (it rejects "31 April"); the year is our decision.
    parsed = _dateparser_parse(f"{_day_number(match['d'])} {match['m'].rstrip('.')}", context.base)
    if parsed is None or parsed[1] != "day":
        return None
    month, day = parsed[0].month, parsed[0].day
    resolved = _yearless_day(context, month, day, start, match.end())
    if resolved is None:
        return None
    return _Candidate(
        start, match.end(), resolved, resolved, "day", year_given=False, month=month, day=day, tense_resolved=True
    )


@_rule(rf"\b{_WEEKDAY_PREFIX}?(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH})(?![\w-])")
def _day_month(match: re.Match[str], context: _Context) -> _Candidate | None:
    """5 March, on 5 March, the 5th of March (no year): latest past or next future occurrence."""
    if context.text[max(0, match.start() - 1) : match.start()] in (",", "."):
        return None  # "2,5 March" or "1.5 May" are numbers
    return _yearless_explicit_day(match, context)


@_rule(rf"\b{_WEEKDAY_PREFIX}?(?P<m>{_MONTH})\s+(?P<d>{_DAY})\b(?![.,:]?\d|\s*(?:%|(?i:per\s*cent)))")
def _month_day(match: re.Match[str], context: _Context) -> _Candidate | None:
    """April 7 and Feb. 28 (no year)."""
    return _yearless_explicit_day(match, context)


# --- ranges ----------------------------------------------------------------------------------------------

_RANGE_JOIN = r"(?:\s*(?:-|–|—)\s*|\s+(?i:to|and|until|till|through|thru)\s+)"


def _check_range_words(match: re.Match[str], *, bare_and: bool = False) -> bool:
    """Check the words around a range: "from X and Y" is not one; bare "X to Y" needs "from" first."""
    prefix = (match["pre"] or "").lower()
    join = match["join"].strip().lower()
    if prefix == "from":
        return join != "and"
    if prefix == "between":
        return join in ("and", "-", "–", "—")
    return join in ("-", "–", "—", "/") or (bare_and and join == "and")


@_rule(
    rf"(?:\b(?P<pre>(?i:from|between))\s+)?\b(?P<y1>(?:19|20)\d{{2}})(?P<join>{_RANGE_JOIN}|/)"
    rf"(?P<y2>(?:19|20)\d{{2}}|\d{{2}})(?![\w%]|[.,]\d)"
)
def _year_range(match: re.Match[str], context: _Context) -> _Candidate | None:
    """from 1950 to 1953, between 2010 and 2015, 1950-1953, 2016–2017, 1957-58."""
    if not _check_range_words(match):
        return None
    before = context.text[max(0, match.start() - 8) : match.start()]
    if re.search(r"[\w/.-]$|[$€£]\s*$", before) or _CURRENCY_BEFORE.search(before):
        return None  # part of a symbol, a phone number or an amount
    if _NOT_A_YEAR_AFTER.match(context.text, match.end()):
        return None
    first = int(match["y1"])
    second_text = match["y2"]
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
    if not first < second <= first + 100:
        return None
    start = match.start() if match["pre"] else _span_with_modifier(context, match.start())
    return _Candidate(start, match.end(), date(first, 1, 1), date(second, 12, 31), "year")


@_rule(
    rf"(?:\b(?P<pre>(?i:from|between))\s+)?\b(?P<d1>{_DAY})(?P<join>{_RANGE_JOIN})(?P<d2>{_DAY})\s+"
    rf"(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR})\b(?![.,]?\d))?"
)
def _day_range(match: re.Match[str], context: _Context) -> _Candidate | None:
    """from 3 to 5 May 2017, 3-5 May 2017, between 3 and 5 May, on 16 and 17 August."""
    if not _check_range_words(match, bare_and=True):
        return None
    return _day_range_candidate(match, context)


@_rule(
    rf"\b(?P<m>{_MONTH})\s+(?P<d1>{_DAY})(?P<join>\s*(?:-|–|—)\s*|\s+(?i:to|through)\s+)(?P<d2>{_DAY})"
    rf"(?:,?\s+(?P<y>{_YEAR}))?\b(?![.,]?\d)"
)
def _month_day_range(match: re.Match[str], context: _Context) -> _Candidate | None:
    """May 3-5, 2017."""
    return _day_range_candidate(match, context)


def _day_range_candidate(match: re.Match[str], context: _Context) -> _Candidate | None:
    """Interval of a day range within one month; without a year, the last day is resolved by tense."""
    first_day, last_day = _day_number(match["d1"]), _day_number(match["d2"])
    if first_day >= last_day:
        return None
    month_token = match["m"].rstrip(".")
    if match["y"]:
        first = _dateparser_parse(f"{first_day} {month_token} {match['y']}", context.base)
        last = _dateparser_parse(f"{last_day} {month_token} {match['y']}", context.base)
        if first is None or last is None:
            return None
        return _Candidate(match.start(), match.end(), first[0], last[0], "day")
    month = _month_number(month_token)
    last_date = _yearless_day(context, month, last_day, match.start(), match.end())
    if last_date is None:
        return None
    return _Candidate(
        match.start(), match.end(), last_date.replace(day=first_day), last_date, "day", year_given=False, month=month
    )


@_rule(
    rf"(?:\b(?P<pre>(?i:from|between))\s+)?\b(?P<m1>{_MONTH_FULL})(?P<join>{_RANGE_JOIN})"
    rf"(?P<m2>{_MONTH_FULL})\b(?:,?\s+(?P<y>{_YEAR})\b(?![.,]?\d))?"
)
def _month_range(match: re.Match[str], context: _Context) -> _Candidate | None:
    """between March and May 2017, March-May 2017, from January to June."""
    if not _check_range_words(match):
        return None
    if not match["y"] and not match["pre"]:
        return None  # "March-May" alone is too weak a signal
    first_month, last_month = _month_number(match["m1"]), _month_number(match["m2"])
    if match["y"]:
        last_year = int(match["y"])
    else:
        last_year = _yearless_month(context, last_month, match.start(), match.end(), None)
    first_year = last_year if first_month <= last_month else last_year - 1
    return _Candidate(
        match.start(),
        match.end(),
        date(first_year, first_month, 1),
        _month_end(last_year, last_month),
        "month",
        bool(match["y"]),
    )


# --- bare years, decades, centuries ----------------------------------------------------------------------


@_rule(r"(?<![\w$€£¥/.,:])(?P<y>(?:19|20)\d{2})(?![\w%]|[.,]\d|\s*\(|-\d)")
def _bare_year(match: re.Match[str], context: _Context) -> _Candidate | None:
    """A four-digit year 1900-2099, only where the words around it make it a year."""
    text = context.text
    before = text[max(0, match.start() - 30) : match.start()]
    if before.endswith("-") and not before.lower().endswith("mid-"):
        return None  # "963-2017" in a phone number, "S/RES-2017" in a code
    if _CURRENCY_BEFORE.search(before) or before.endswith("("):
        return None  # "$2017", "No. 2017", "resolution 2371 (2017)"
    if _NOT_A_YEAR_AFTER.match(text, match.end()):
        return None  # "2000 people", "1950 million"
    accepted = bool(_YEAR_CONTEXT.search(before) or _YEAR_LIST_CONTEXT.search(before))
    if not accepted and _YEAR_DETERMINER.search(before):
        # "a 2010 commando raid", "his 2007 presidential campaign", "the 2015 agreement"
        accepted = bool(_LOWERCASE_WORD_AFTER.match(text, match.end()))
    if not accepted and text.startswith("'s", match.end()):
        accepted = True  # "2015's elections"
    if not accepted:
        return None
    year = int(match["y"])
    start = _span_with_modifier(context, match.start())
    # Only "in 2015" / "during 2015" set the scene for later months; "since 1997" or "by 2030" do not.
    anchor = bool(_SCENE_SETTING_BEFORE.search(before))
    return _Candidate(start, match.end(), *_year_interval(year), "year", anchor=anchor)


@_rule(r"\b(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]+)?(?P<y>(?:1[5-9]|20)\d0)(?:'s|s)\b")
def _decade(match: re.Match[str], context: _Context) -> _Candidate | None:
    """the 1990s, the early 2000s: the whole decade, at year precision."""
    decade = int(match["y"])
    return _Candidate(match.start(), match.end(), date(decade, 1, 1), date(decade + 9, 12, 31), "year")


@_rule(
    r"\b(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]+)?(?P<n>1[5-9]th|2[01](?:st|th)|"
    r"(?i:fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[\s-]first))"
    r"[\s-]+(?i:century)\b"
)
def _century(match: re.Match[str], context: _Context) -> _Candidate | None:
    """the 20th century: 1900-1999 (the common reading, as in TimeML), at year precision."""
    token = re.sub(r"[\s-]+", " ", match["n"].lower())
    number = _ORDINAL_CENTURIES.get(token) or int(re.sub(r"\D", "", token))
    first_year = (number - 1) * 100
    return _Candidate(match.start(), match.end(), date(first_year, 1, 1), date(first_year + 99, 12, 31), "year")


# --- month names without a year --------------------------------------------------------------------------


@_rule(
    r"(?:\b(?P<rel>(?i:last|next|this|coming))\s+)?(?:\b(?P<of>(?i:the\s+month\s+of))\s+)?"
    rf"\b(?P<m>{_MONTH_FULL})\b(?![\w-]|'(?!s\b)|\s+\d)"
)
def _month_alone(match: re.Match[str], context: _Context) -> _Candidate | None:
    """March, in August, last May, late last July, the month of January."""
    text = context.text
    month_name = match["m"]
    prefix_start = match.start()
    if _EVERY_BEFORE.search(text, max(0, prefix_start - 10), prefix_start):
        return None  # "every May" recurs
    before = text[max(0, prefix_start - 30) : prefix_start]
    after = text[match.end() : match.end() + 30]
    # A month name stands for a month only with a date-like word around it: otherwise "May" is the modal
    # verb or a surname, "March" a verb, "June" or "August" a first name.
    accepted = bool(
        match["rel"]
        or match["of"]
        or _MONTH_CONTEXT_BEFORE.search(before)
        or _MODIFIER_BEFORE.search(before)
        or _MONTH_LIST_BEFORE.search(before)
        or (_MONTH_DETERMINER_BEFORE.search(before) and re.match(r"\s+[a-z]", after))
        or (month_name != "May" and after.startswith("'s"))  # "August's attacks", but "May's government"
    )
    if not accepted:
        return None
    month = MONTH_NUMBERS[month_name.lower()]
    year = _yearless_month(context, month, match.start(), match.end(), match["rel"])
    start = _span_with_modifier(context, match.start())
    return _Candidate(
        start,
        match.end(),
        *_month_interval(year, month),
        "month",
        year_given=False,
        month=month,
        tense_resolved=not match["rel"],
    )


# --- relative days and weekdays --------------------------------------------------------------------------


@_rule(
    r"\b(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|(?:earlier\s+|later\s+)?today|"
    r"tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night))\b"
)
def _relative_day(match: re.Match[str], context: _Context) -> _Candidate | None:
    """today, yesterday('s), tomorrow, tonight, this morning, last night."""
    words = " ".join(match["w"].lower().split())
    offsets = {"yesterday": -1, "tomorrow": 1, "last night": -1}
    if words.startswith("the day before"):
        offset = -2
    elif words.startswith("the day after"):
        offset = 2
    else:
        offset = offsets.get(words, 0)
    day = context.base + timedelta(days=offset)
    return _Candidate(match.start(), match.end(), day, day, "day")


_EVERY_BEFORE = re.compile(r"(?i:\b(?:every|each))\s+$")
_HOLIDAY_BEFORE = re.compile(r"\b(?:Good|Black|Ash|Holy|Super|Cyber|Maundy|Palm|Easter|Bloody|Whit)\s+$")


@_rule(
    r"(?:\b(?P<rel>(?i:last|next|this|coming|past))\s+)?\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b(?!s)"
)
def _weekday(match: re.Match[str], context: _Context) -> _Candidate | None:
    """Friday, on Friday, last Friday, next Monday; the tense of the sentence picks the week."""
    if not match["rel"] and _HOLIDAY_BEFORE.search(context.text, max(0, match.start() - 10), match.start()):
        return None  # Good Friday, Black Monday, Super Tuesday...
    if _EVERY_BEFORE.search(context.text, max(0, match.start() - 10), match.start()):
        return None  # "every Monday" is a recurring set, not a date
    base = context.base
    target = _WEEKDAY_NUMBERS[match["wd"].lower()]
    relation = (match["rel"] or "").lower()
    back = (base.weekday() - target) % 7
    ahead = (target - base.weekday()) % 7
    if relation in ("last", "past"):
        day = base - timedelta(days=back or 7)
    elif relation in ("next", "coming"):
        day = base + timedelta(days=ahead or 7)
    elif context.is_future(match.start(), match.end()):
        day = base + timedelta(days=ahead)
    else:
        day = base - timedelta(days=back)
    return _Candidate(match.start(), match.end(), day, day, "day")


# --- relative weeks, months and years --------------------------------------------------------------------


_DURATION_LEAD = re.compile(r"(?i:\b(?:over|within|for|throughout|during))\s+$")


@_rule(
    r"\b(?:(?P<mod>(?i:earlier|later|early|late|mid|the\s+(?:end|beginning|start|middle)\s+of))(?:\s+|\s*-\s*))?"
    r"(?P<the>(?i:the)\s+)?(?P<rel>(?i:this|last|next|coming|current))\s+"
    r"(?P<unit>(?i:week|month|year))\b"
)
def _relative_period(match: re.Match[str], context: _Context) -> _Candidate | None:
    """this week, last month, next year, earlier this month, later this year, the last week."""
    base = context.base
    relation = match["rel"].lower()
    unit = match["unit"].lower()
    modifier = " ".join((match["mod"] or "").lower().split())
    if match["the"] and relation == "this":
        return None  # "the this week" is not English; be safe
    if match["the"] and relation in ("next", "coming") and unit != "year":
        return None  # "the next week" usually means the following seven days: a duration
    if (
        match["the"]
        and relation == "last"
        and _DURATION_LEAD.search(context.text, max(0, match.start() - 20), match.start())
    ):
        return None  # "over the last year" is the past twelve months, not the previous calendar year
    step = {"this": 0, "current": 0, "last": -1, "next": 1, "coming": 1}[relation]
    if unit == "week":
        first, last = _week_interval(base + timedelta(weeks=step))
    elif unit == "month":
        year, month = _shift_month(base.year, base.month, step)
        first, last = _month_interval(year, month)
    else:
        first, last = _year_interval(base.year + step)
    if step == 0 and modifier in ("earlier", "early"):
        last = base  # "earlier this month": the part of the month that has already happened
    elif step == 0 and modifier in ("later", "late"):
        first = base
    return _Candidate(match.start(), match.end(), first, last, unit)


@_rule(r"\b(?P<mod>(?i:earlier|later))\s+(?i:in\s+the)\s+(?P<unit>(?i:week|month|year))\b")
def _earlier_in_the(match: re.Match[str], context: _Context) -> _Candidate | None:
    """earlier in the month, later in the year: the current unit, up to or from the base date."""
    base = context.base
    unit = match["unit"].lower()
    if unit == "week":
        first, last = _week_interval(base)
    elif unit == "month":
        first, last = _month_interval(base.year, base.month)
    else:
        first, last = _year_interval(base.year)
    if match["mod"].lower() == "earlier":
        last = base
    else:
        first = base
    return _Candidate(match.start(), match.end(), first, last, unit)


@_rule(
    r"\b(?P<n>\d{1,2}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty))\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b"
)
def _ago(match: re.Match[str], context: _Context) -> _Candidate | None:
    """four years ago, two weeks ago, a month ago: dateparser does the arithmetic, we keep its precision."""
    token = match["n"].lower()
    count = int(token) if token.isdigit() else _NUMBER_WORDS[token]
    unit = match["unit"].lower()
    parsed = _dateparser_parse(f"{count} {unit}s ago", context.base)
    if parsed is None:
        return None
    day, _period = parsed
    if unit == "day":
        first = last = day
    elif unit == "week":
        first, last = _week_interval(day)
    elif unit == "month":
        first, last = _month_interval(day.year, day.month)
    else:
        first, last = _year_interval(day.year)
    return _Candidate(match.start(), match.end(), first, last, unit)


# ---------------------------------------------------------------------------------------------------------
# Selection and merging
# ---------------------------------------------------------------------------------------------------------

_PRECISION_RANK = {name: rank for rank, name in enumerate(PRECISIONS)}
_MERGE_GAP = re.compile(r"\s*(?:-|–|—)\s*|\s+(?i:to|until|till|through|and)\s+")
_RANGE_OPENER = re.compile(r"\b(?i:from|between)\s+$")


def _candidates(context: _Context) -> Iterator[_Candidate]:
    for pattern, resolver in _RULES:
        for match in pattern.finditer(context.text):
            candidate = resolver(match, context)
            if candidate is not None:
                yield candidate


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest of overlapping candidates (the earliest on a tie), in text order."""
    chosen: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if all(candidate.end <= kept.start or candidate.start >= kept.end for kept in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def _merge_ranges(context: _Context, mentions: list[_Candidate]) -> list[_Candidate]:
    """Join "from <date> to <date>", "between <date> and <date>" and "<date> - <date>" into one interval."""
    merged: list[_Candidate] = []
    index = 0
    while index < len(mentions):
        current = mentions[index]
        if index + 1 < len(mentions):
            following = mentions[index + 1]
            gap = context.text[current.end : following.start]
            join = gap.strip().lower()
            opener = _RANGE_OPENER.search(context.text, max(0, current.start - 10), current.start)
            opener_word = opener.group().split()[0].lower() if opener else ""
            is_dash = join in ("-", "–", "—")
            is_range = _MERGE_GAP.fullmatch(gap) is not None and (
                is_dash
                or (opener_word == "from" and join in ("to", "until", "till", "through"))
                or (opener_word == "between" and join == "and")
            )
            if is_range:
                combined = _combine(current, following, opener.start() if opener else current.start)
                if combined is not None:
                    merged.append(combined)
                    index += 2
                    continue
        merged.append(current)
        index += 1
    return merged


def _apply_anchors(context: _Context, mentions: list[_Candidate]) -> list[_Candidate]:
    """Give a yearless month or day the year of an explicit date earlier in the same sentence.

    In "It acceded on 2 January 2015 and the treaty entered into force on 1 April", the April is the
    first one after the anchor, not the latest before the publication date. Future-tense mentions keep
    their own reading, and so does a result that a past-tense sentence would put after ``base``.
    """
    resolved: list[_Candidate] = []
    for item in mentions:
        anchor = next((kept for kept in reversed(resolved) if kept.anchor), None)
        if item.tense_resolved and item.month is not None and anchor is not None:
            sentence_start, _ = context.sentence_bounds(item.start, item.end)
            if anchor.start >= sentence_start and not context.is_future(item.start, item.end):
                rebased = _first_on_or_after(anchor.date_start, item.month, item.day)
                if rebased is not None and rebased[0] <= context.base:
                    item = replace(item, date_start=rebased[0], date_end=rebased[1], year_given=False)
        resolved.append(item)
    return resolved


def _first_on_or_after(anchor: date, month: int, day: int | None) -> tuple[date, date] | None:
    """The first ``day month`` (or whole ``month``) that does not start before ``anchor``'s day or month."""
    for year in (anchor.year, anchor.year + 1):
        if day is None:
            first, last = _month_interval(year, month)
            if (year, month) >= (anchor.year, anchor.month):
                return first, last
            continue
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= anchor:
            return candidate, candidate
    return None


def _combine(first: _Candidate, last: _Candidate, start: int) -> _Candidate | None:
    date_start = first.date_start
    if not first.year_given and last.year_given and first.month is not None:
        # "from 3 March to 5 May 2017": the start borrows the year of the end.
        year = last.date_end.year
        try:
            date_start = date(year, first.month, first.day or 1)
            if date_start > last.date_start:
                date_start = date(year - 1, first.month, first.day or 1)
        except ValueError:
            return None
    if date_start > last.date_end:
        return None
    precision = max(first.precision, last.precision, key=_PRECISION_RANK.__getitem__)
    return _Candidate(start, last.end, date_start, last.date_end, precision)


def find_dates(text: str, *, base: date) -> list[DateMention]:
    """All dated expressions in ``text`` (typically one sentence), resolved against ``base``.

    ``base`` is the article's publication date. Mentions come back in order of appearance and never
    overlap; each carries the exact substring it came from and its character offsets.
    """
    if isinstance(base, datetime):
        base = base.date()  # a datetime is a date subclass; intervals are dates
    context = _Context(text, base)
    selected = [item for item in _select(list(_candidates(context))) if item.valid]
    chosen = _merge_ranges(context, _apply_anchors(context, selected))
    return [
        DateMention(
            text=text[item.start : item.end],
            start=item.start,
            end=item.end,
            date_start=item.date_start,
            date_end=item.date_end,
            precision=item.precision,
        )
        for item in chosen
    ]
