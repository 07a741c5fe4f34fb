"""The text being read: sentence bounds and the tense of the clause around a mention.

Expressions whose meaning depends on tense (weekdays, month names without a year) are resolved from the
nearest tense marker in the sentence around the mention ("will", "scheduled", "said", "-ed" verbs...); news
defaults to the past.
"""

from __future__ import annotations

import re
from datetime import date

# Tense markers. Future markers are checked as phrases; past markers include any "-ed" word that is not
# on the short list of words that merely end that way.
_FUTURE_MARKER = re.compile(
    r"(?i:\b(?:will|shall|won't|going\s+to|due\s+to|is\s+due|are\s+due|scheduled|slated|upcoming|forthcoming|"
    r"expected\s+to|is\s+to|are\s+to|set\s+to|plans?\s+to|planned|intends?\s+to|aims?\s+to|hopes?\s+to|"
    r"to\s+be\s+held|to\s+take\s+place|from\s+now|ahead\s+of|next|would(?!\s+have)|"
    # The operative verbs of a resolution or decision in the present tense ask for what is to come: "the
    # resolution calls for ... an inaugural meeting on 19 June", "decides that ... on 1 June".
    r"calls\s+(?:for|on|upon)|decides|requests|demands)\b|'ll\b)"
)
# The end of a period that a verb prolongs lies after the prolonging: "extended the mission through 31 October"
# or "renewed ... until the end of October" in April is this October, whatever the tense of the verb.
_PROLONGED_UNTIL = re.compile(
    r"(?i:\b(?:extend|renew|prolong)\w*\b[^.;:]*\b(?:until|till|through|to)(?:\s+the\s+(?:end|beginning|start|middle)\s+of)?)\s+$"
)
# "by <date>" after an infinitive or a modal sets a target, which lies ahead: "inspections to begin by
# 1 October", "decided to establish the Mission by 1 July".
_TARGET_BY = re.compile(r"(?i:\b(?:to\s+[a-z]+|will|shall|must|should)\b[^.;:]*\bby)\s+$")
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


class Context:
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
        if _PROLONGED_UNTIL.search(self.text, sentence_start, start) or _TARGET_BY.search(
            self.text, sentence_start, start
        ):
            return True
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
