"""Candidate finding: one regular expression per shape of date, each with a resolver that accepts or rejects it.

``search_dates`` on its own reads "We" as Wednesday and "2371" as a year, fills in days the text never gave,
and misses ranges, so candidate finding and rejection are done here. Explicit calendar phrases ("16 Aug.
2017", "May 2010", "Feb. 28", "four years ago") are handed to ``dateparser``'s
:class:`~dateparser.date.DateDataParser` (English only, ``RELATIVE_BASE`` = ``base``); its ``period`` tells the
precision and it rejects impossible dates such as 31 February. Relative expressions are resolved by
:mod:`timeline.extraction.dates.relative`.

Rules are tried in the order they are registered; a new date shape is one more ``@_rule``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from functools import lru_cache

from dateparser.date import DateDataParser

from timeline.calendar import month_end
from timeline.extraction.dates.context import Context
from timeline.extraction.dates.intervals import Candidate, month_interval, year_interval
from timeline.extraction.dates.relative import (
    relative_day,
    relative_period,
    unit_interval,
    weekday_date,
    yearless_day,
    yearless_month,
)

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


_Resolver = Callable[[re.Match[str], Context], "Candidate | None"]
_RULES: list[tuple[re.Pattern[str], _Resolver]] = []


def _rule(pattern: str) -> Callable[[_Resolver], _Resolver]:
    """Register a resolver for a regex; the resolver returns None to reject a match."""

    def register(resolver: _Resolver) -> _Resolver:
        _RULES.append((re.compile(pattern), resolver))
        return resolver

    return register


def _span_with_modifier(context: Context, start: int) -> int:
    """Move ``start`` back over "early", "mid-", "the end of"... so that the span says what the text says."""
    match = _MODIFIER_BEFORE.search(context.text, max(0, start - 30), start)
    return match.start() if match else start


# --- explicit calendar dates -----------------------------------------------------------------------------


def _explicit_day(context: Context, start: int, end: int, phrase: str) -> Candidate | None:
    parsed = _dateparser_parse(phrase, context.base)
    if parsed is None or parsed[1] != "day":
        return Candidate(start, end, context.base, context.base, "day", valid=False)
    return Candidate(start, end, parsed[0], parsed[0], "day", month=parsed[0].month, day=parsed[0].day, anchor=True)


@_rule(rf"\b{_WEEKDAY_PREFIX}?(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b(?![.,]?\d)")
def _day_month_year(match: re.Match[str], context: Context) -> Candidate | None:
    """16 August 2017, Wednesday, 16 Aug. 2017, the 16th of August 2017."""
    phrase = f"{_day_number(match['d'])} {match['m'].rstrip('.')} {match['y']}"
    return _explicit_day(context, match.start(), match.end(), phrase)


@_rule(rf"\b{_WEEKDAY_PREFIX}?(?P<m>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b(?![.,]?\d)")
def _month_day_year(match: re.Match[str], context: Context) -> Candidate | None:
    """August 16, 2017 and Sept. 3 2012."""
    phrase = f"{_day_number(match['d'])} {match['m'].rstrip('.')} {match['y']}"
    return _explicit_day(context, match.start(), match.end(), phrase)


@_rule(r"(?<![\w/.-])(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w/-])")
def _iso_date(match: re.Match[str], context: Context) -> Candidate | None:
    """2017-08-16."""
    return _explicit_day(context, match.start(), match.end(), match.group())


@_rule(rf"\b(?P<m>{_MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR})\b(?![.,]?\d)")
def _month_year(match: re.Match[str], context: Context) -> Candidate | None:
    """August 2017, Aug. 2017, May 2010."""
    if _NOT_A_YEAR_AFTER.match(context.text, match.end()):
        return None  # "in May 2000 people fled" is a count, not a year
    parsed = _dateparser_parse(f"{match['m'].rstrip('.')} {match['y']}", context.base)
    if parsed is None or parsed[1] != "month":
        return None
    year, month = parsed[0].year, parsed[0].month
    start = _span_with_modifier(context, match.start())
    return Candidate(start, match.end(), *month_interval(year, month), "month", month=month, anchor=True)


def _yearless_explicit_day(match: re.Match[str], context: Context, start: int | None = None) -> Candidate | None:
    start = match.start() if start is None else start
    # dateparser validates the day and month (it rejects "31 April"); the year is our decision.
    parsed = _dateparser_parse(f"{_day_number(match['d'])} {match['m'].rstrip('.')}", context.base)
    if parsed is None or parsed[1] != "day":
        return None
    month, day = parsed[0].month, parsed[0].day
    resolved = yearless_day(context, month, day, start, match.end())
    if resolved is None:
        return None
    return Candidate(
        start, match.end(), resolved, resolved, "day", year_given=False, month=month, day=day, tense_resolved=True
    )


@_rule(rf"\b{_WEEKDAY_PREFIX}?(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH})(?![\w-])")
def _day_month(match: re.Match[str], context: Context) -> Candidate | None:
    """5 March, on 5 March, the 5th of March (no year): latest past or next future occurrence."""
    if context.text[max(0, match.start() - 1) : match.start()] in (",", "."):
        return None  # "2,5 March" or "1.5 May" are numbers
    return _yearless_explicit_day(match, context)


@_rule(rf"\b{_WEEKDAY_PREFIX}?(?P<m>{_MONTH})\s+(?P<d>{_DAY})\b(?![.,:]?\d|\s*(?:%|(?i:per\s*cent)))")
def _month_day(match: re.Match[str], context: Context) -> Candidate | None:
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
def _year_range(match: re.Match[str], context: Context) -> Candidate | None:
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
    return Candidate(start, match.end(), date(first, 1, 1), date(second, 12, 31), "year")


@_rule(
    rf"(?:\b(?P<pre>(?i:from|between))\s+)?\b(?P<d1>{_DAY})(?P<join>{_RANGE_JOIN})(?P<d2>{_DAY})\s+"
    rf"(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR})\b(?![.,]?\d))?"
)
def _day_range(match: re.Match[str], context: Context) -> Candidate | None:
    """from 3 to 5 May 2017, 3-5 May 2017, between 3 and 5 May, on 16 and 17 August."""
    if not _check_range_words(match, bare_and=True):
        return None
    return _day_range_candidate(match, context)


@_rule(
    rf"\b(?P<m>{_MONTH})\s+(?P<d1>{_DAY})(?P<join>\s*(?:-|–|—)\s*|\s+(?i:to|through)\s+)(?P<d2>{_DAY})"
    rf"(?:,?\s+(?P<y>{_YEAR}))?\b(?![.,]?\d)"
)
def _month_day_range(match: re.Match[str], context: Context) -> Candidate | None:
    """May 3-5, 2017."""
    return _day_range_candidate(match, context)


def _day_range_candidate(match: re.Match[str], context: Context) -> Candidate | None:
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
        return Candidate(match.start(), match.end(), first[0], last[0], "day")
    month = _month_number(month_token)
    last_date = yearless_day(context, month, last_day, match.start(), match.end())
    if last_date is None:
        return None
    return Candidate(
        match.start(), match.end(), last_date.replace(day=first_day), last_date, "day", year_given=False, month=month
    )


@_rule(
    rf"(?:\b(?P<pre>(?i:from|between))\s+)?\b(?P<m1>{_MONTH_FULL})(?P<join>{_RANGE_JOIN})"
    rf"(?P<m2>{_MONTH_FULL})\b(?:,?\s+(?P<y>{_YEAR})\b(?![.,]?\d))?"
)
def _month_range(match: re.Match[str], context: Context) -> Candidate | None:
    """between March and May 2017, March-May 2017, from January to June."""
    if not _check_range_words(match):
        return None
    if not match["y"] and not match["pre"]:
        return None  # "March-May" alone is too weak a signal
    first_month, last_month = _month_number(match["m1"]), _month_number(match["m2"])
    if match["y"]:
        last_year = int(match["y"])
    else:
        last_year = yearless_month(context, last_month, match.start(), match.end(), None)
    first_year = last_year if first_month <= last_month else last_year - 1
    return Candidate(
        match.start(),
        match.end(),
        date(first_year, first_month, 1),
        month_end(last_year, last_month),
        "month",
        bool(match["y"]),
    )


# --- bare years, decades, centuries ----------------------------------------------------------------------


@_rule(r"(?<![\w$€£¥/.,:])(?P<y>(?:19|20)\d{2})(?![\w%]|[.,]\d|\s*\(|-\d)")
def _bare_year(match: re.Match[str], context: Context) -> Candidate | None:
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
    return Candidate(start, match.end(), *year_interval(year), "year", anchor=anchor)


@_rule(r"\b(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]+)?(?P<y>(?:1[5-9]|20)\d0)(?:'s|s)\b")
def _decade(match: re.Match[str], context: Context) -> Candidate | None:
    """the 1990s, the early 2000s: the whole decade, at year precision."""
    decade = int(match["y"])
    return Candidate(match.start(), match.end(), date(decade, 1, 1), date(decade + 9, 12, 31), "year")


@_rule(
    r"\b(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]+)?(?P<n>1[5-9]th|2[01](?:st|th)|"
    r"(?i:fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[\s-]first))"
    r"[\s-]+(?i:century)\b"
)
def _century(match: re.Match[str], context: Context) -> Candidate | None:
    """the 20th century: 1900-1999 (the common reading, as in TimeML), at year precision."""
    token = re.sub(r"[\s-]+", " ", match["n"].lower())
    number = _ORDINAL_CENTURIES.get(token) or int(re.sub(r"\D", "", token))
    first_year = (number - 1) * 100
    return Candidate(match.start(), match.end(), date(first_year, 1, 1), date(first_year + 99, 12, 31), "year")


# --- month names without a year --------------------------------------------------------------------------


@_rule(
    r"(?:\b(?P<rel>(?i:last|next|this|coming))\s+)?(?:\b(?P<of>(?i:the\s+month\s+of))\s+)?"
    rf"\b(?P<m>{_MONTH_FULL})\b(?![\w-]|'(?!s\b)|\s+\d)"
)
def _month_alone(match: re.Match[str], context: Context) -> Candidate | None:
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
    year = yearless_month(context, month, match.start(), match.end(), match["rel"])
    start = _span_with_modifier(context, match.start())
    return Candidate(
        start,
        match.end(),
        *month_interval(year, month),
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
def _relative_day(match: re.Match[str], context: Context) -> Candidate | None:
    """today, yesterday('s), tomorrow, tonight, this morning, last night."""
    day = relative_day(context.base, " ".join(match["w"].lower().split()))
    return Candidate(match.start(), match.end(), day, day, "day")


_EVERY_BEFORE = re.compile(r"(?i:\b(?:every|each))\s+$")
_HOLIDAY_BEFORE = re.compile(r"\b(?:Good|Black|Ash|Holy|Super|Cyber|Maundy|Palm|Easter|Bloody|Whit)\s+$")


@_rule(
    r"(?:\b(?P<rel>(?i:last|next|this|coming|past))\s+)?\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b(?!s)"
)
def _weekday(match: re.Match[str], context: Context) -> Candidate | None:
    """Friday, on Friday, last Friday, next Monday; the tense of the sentence picks the week."""
    if not match["rel"] and _HOLIDAY_BEFORE.search(context.text, max(0, match.start() - 10), match.start()):
        return None  # Good Friday, Black Monday, Super Tuesday...
    if _EVERY_BEFORE.search(context.text, max(0, match.start() - 10), match.start()):
        return None  # "every Monday" is a recurring set, not a date
    target = _WEEKDAY_NUMBERS[match["wd"].lower()]
    day = weekday_date(context, target, (match["rel"] or "").lower(), match.start(), match.end())
    return Candidate(match.start(), match.end(), day, day, "day")


# --- relative weeks, months and years --------------------------------------------------------------------


_DURATION_LEAD = re.compile(r"(?i:\b(?:over|within|for|throughout|during))\s+$")


@_rule(
    r"\b(?:(?P<mod>(?i:earlier|later|early|late|mid|the\s+(?:end|beginning|start|middle)\s+of))(?:\s+|\s*-\s*))?"
    r"(?P<the>(?i:the)\s+)?(?P<rel>(?i:this|last|next|coming|current))\s+"
    r"(?P<unit>(?i:week|month|year))\b"
)
def _relative_period(match: re.Match[str], context: Context) -> Candidate | None:
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
    first, last = relative_period(base, unit, step, modifier)
    return Candidate(match.start(), match.end(), first, last, unit)


@_rule(r"\b(?P<mod>(?i:earlier|later))\s+(?i:in\s+the)\s+(?P<unit>(?i:week|month|year))\b")
def _earlier_in_the(match: re.Match[str], context: Context) -> Candidate | None:
    """earlier in the month, later in the year: the current unit, up to or from the base date."""
    base = context.base
    unit = match["unit"].lower()
    first, last = unit_interval(base, unit)
    if match["mod"].lower() == "earlier":
        last = base
    else:
        first = base
    return Candidate(match.start(), match.end(), first, last, unit)


@_rule(
    r"\b(?P<n>\d{1,2}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty))\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b"
)
def _ago(match: re.Match[str], context: Context) -> Candidate | None:
    """four years ago, two weeks ago, a month ago: dateparser does the arithmetic, we keep its precision."""
    token = match["n"].lower()
    count = int(token) if token.isdigit() else _NUMBER_WORDS[token]
    unit = match["unit"].lower()
    parsed = _dateparser_parse(f"{count} {unit}s ago", context.base)
    if parsed is None:
        return None
    day, _period = parsed
    first, last = unit_interval(day, unit)
    return Candidate(match.start(), match.end(), first, last, unit)


def find_candidates(context: Context) -> Iterator[Candidate]:
    """Every accepted candidate of every rule, rule by rule, in registration order."""
    for pattern, resolver in _RULES:
        for match in pattern.finditer(context.text):
            candidate = resolver(match, context)
            if candidate is not None:
                yield candidate
