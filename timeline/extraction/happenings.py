"""Clause-level analysis of a sentence: which word says what happened (the trigger) and what each date is for.

Pure Python, no database. Two questions are answered here, for :mod:`timeline.extraction.events`:

* **What role does a date play?** Only a date that says when something happened dates a happening. A deadline,
  an expiry or a "by" target ("until 30 June 2018", "through 31 October", "set to expire on", "to be vacated
  on 31 December", "by 1 October"), a schedule ("every 90 days beginning on 1 June") and the start of a period
  ("since January") do not: :func:`date_role` tells them apart from the prepositions and verbs that introduce
  the date. An attributive year ("the 2016 peace agreement") only names a happening by its year.
* **Which trigger does a date modify?** :func:`find_triggers` finds the verbs and event nouns of a sentence
  from a lexicon of lemmas (``adopt``, ``condemn``, ``attack``…), each with its kind in the DESIGN.md
  taxonomy; :func:`governing_trigger` picks, for a date, the nearest trigger in the same clause, and
  :func:`main_trigger` the trigger of the sentence's main clause. A lemma is stable across phrasings
  ("adopted", "adopting", "adoption" -> ``adopt``), so it can identify one happening across articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (lemma, kind, pattern of its surface forms). Verbs list their inflections and nominalisations; the pattern
# is matched case-insensitively on word boundaries.
_LEXICON: tuple[tuple[str, str, str], ...] = (
    # resolutions and decisions of an organ
    ("adopt", "resolution", r"adopt(?:s|ed|ing)?|adoption"),
    ("authorize", "resolution", r"authori[sz](?:e|es|ed|ing)|authori[sz]ation"),
    ("extend", "resolution", r"extend(?:s|ed|ing)?|extension"),
    ("renew", "resolution", r"renew(?:s|ed|ing)?|renewal"),
    ("establish", "resolution", r"establish(?:es|ed|ing)?|establishment"),
    ("approve", "resolution", r"approv(?:e|es|ed|ing)|approval"),
    ("endorse", "resolution", r"endors(?:e|es|ed|ing)"),
    ("vote", "resolution", r"vot(?:e|es|ed)"),
    # measures that a resolution imposes: a sanctions trigger only with such an object (see find_triggers)
    ("impose", "sanctions", r"impos(?:e|es|ed|ing)"),
    ("tighten", "sanctions", r"tighten(?:s|ed|ing)?"),
    ("strengthen", "sanctions", r"strengthen(?:s|ed|ing)?"),
    # statements, briefings, remarks
    ("condemn", "statement", r"condemn(?:s|ed|ing)?|condemnation"),
    ("welcome", "statement", r"welcom(?:e|es|ed|ing)"),
    ("say", "statement", r"say|says|said"),
    ("tell", "statement", r"tell|tells|told"),
    ("urge", "statement", r"urg(?:e|es|ed|ing)"),
    ("express", "statement", r"express(?:es|ed|ing)?"),
    ("stress", "statement", r"stress(?:es|ed|ing)"),
    ("warn", "statement", r"warn(?:s|ed|ing)?"),
    ("reiterate", "statement", r"reiterat(?:e|es|ed|ing)"),
    ("announce", "statement", r"announc(?:e|es|ed|ing)|announcement"),
    ("appeal", "statement", r"appeal(?:s|ed|ing)"),
    ("call", "statement", r"call(?:s|ed|ing)?\s+(?:on|upon|for)"),
    ("deplore", "statement", r"deplor(?:e|es|ed|ing)"),
    ("praise", "statement", r"prais(?:e|es|ed|ing)"),
    ("address", "statement", r"address(?:es|ed|ing)?"),
    ("react", "statement", r"react(?:s|ed|ing)?"),
    ("statement", "statement", r"(?:press\s+)?statements?"),
    ("remarks", "statement", r"remarks"),
    ("declare", "statement", r"declar(?:e|es|ed|ing)|declaration"),
    ("confirm", "statement", r"confirm(?:s|ed|ing)?"),
    ("promise", "statement", r"promis(?:e|es|ed)"),
    # meetings
    ("meet", "meeting", r"meet|meets|met"),
    ("brief", "meeting", r"brief(?:s|ed|ing)"),
    ("convene", "meeting", r"conven(?:e|es|ed|ing)"),
    ("consultations", "meeting", r"consultations"),
    ("talks", "meeting", r"talks"),
    ("summit", "meeting", r"summit"),
    ("meeting", "meeting", r"meeting"),
    ("conference", "meeting", r"conference"),
    ("postpone", "meeting", r"postpon(?:e|es|ed|ing)"),
    # violence
    ("attack", "conflict", r"attack(?:s|ed|ing)?"),
    ("strike", "conflict", r"strike|strikes|struck|airstrikes?"),
    ("bomb", "conflict", r"bomb(?:s|ed|ing|ings)?|blasts?|explosions?"),
    ("kill", "conflict", r"kill(?:s|ed|ing|ings)?"),
    ("shell", "conflict", r"shell(?:s|ed|ing)"),
    ("clash", "conflict", r"clash(?:es|ed)"),
    ("fight", "conflict", r"fighting|fought"),
    ("offensive", "conflict", r"offensive"),
    ("war", "conflict", r"(?<!cold\s)war"),
    ("raid", "conflict", r"raids?"),
    ("repel", "conflict", r"repel(?:s|led|ling)?"),
    ("fire", "conflict", r"(?:sniper|artillery|mortar|rocket|gun)\s+fire"),
    ("operation", "conflict", r"military\s+operations?"),
    ("use weapons", "conflict", r"use\s+of\s+(?:chemical\s+|nuclear\s+|biological\s+|heavy\s+)?weapons"),
    # tests and launches
    ("launch", "test_or_launch", r"launch(?:es|ed|ing)?"),
    ("test", "test_or_launch", r"tests?|test-fir(?:e|ed|ing)"),
    ("detonate", "test_or_launch", r"detonat(?:e|es|ed|ing|ion)"),
    # agreements
    ("sign", "agreement", r"sign(?:s|ed|ing)"),
    ("agree", "agreement", r"agree(?:s|d)?|agreements?"),
    ("ratify", "agreement", r"ratif(?:y|ies|ied|ication)"),
    ("take effect", "agreement", r"(?:came|come|comes|coming)\s+into\s+effect|took\s+effect|takes?\s+effect"),
    ("enter into force", "agreement", r"(?:enter|enters|entered|entering)\s+into\s+force|entry\s+into\s+force"),
    # other happenings
    ("elect", "other", r"elect(?:s|ed|ing)?|election"),
    ("appoint", "other", r"appoint(?:s|ed|ing)?|appointment"),
    ("surrender", "other", r"surrender(?:s|ed|ing)?"),
    ("oath", "other", r"oath\s+of\s+office"),
    ("dismiss", "other", r"dismiss(?:es|ed|al)"),
    ("resign", "other", r"resign(?:s|ed)|resignation"),
    ("arrest", "other", r"arrest(?:s|ed)?|custody"),
    ("set up", "other", r"set\s+up"),
    ("refuse", "other", r"refus(?:e|es|ed)"),
    ("claim", "other", r"claim(?:s|ed)"),
    ("abolish", "other", r"abolish(?:es|ed)?"),
    ("letter", "other", r"letter"),
)
_TRIGGER_RE = re.compile(
    "|".join(rf"(?P<t{index}>\b(?:{forms})\b)" for index, (_lemma, _kind, forms) in enumerate(_LEXICON)),
    re.IGNORECASE,
)
# Forms that are verbs rather than nouns: they head a clause, and win over a noun as its trigger.
_NOUN_FORM = re.compile(
    r"(?i:.*(?:ion|ment|al|ings?|s)$|statements?|remarks|talks|summit|meeting|conference|offensive|raids?|fire|"
    r"custody|letter|oath of office|agreements?|tests?|attack|blasts?|explosions?|airstrikes?|operations?|use of .*)"
)
_VERB_ENDINGS = re.compile(r"(?i:.*(?:ed|es)$|said|told|met|struck|fought|says|tells|meets)")
_SANCTIONS_OBJECT = re.compile(
    r"(?i:\b(?:impos\w+|tighten\w*|strengthen\w*|expand\w*)\b[^.;]{0,60}\b(?:sanctions|embargo|asset\s*s?\s+freeze|"
    r"travel\s+ban)\b)"
)
# A launch whose object is an attack is the attack; "launched a missile" stays a launch.
_LAUNCH_OF_VIOLENCE = re.compile(r"(?i:\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:attacks?|offensive|raids?|assault))")
# "declared a ceasefire", "declared a state of emergency": the declaring is the happening, not a statement.
_DECLARED_ACT = re.compile(r"(?i:\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:cease-?fire|truce|state\s+of|independence))")
# "confirmed that X has surrendered": the confirmed happening is what the sentence reports.
_MEASURES_AFTER = re.compile(
    r"(?i:\s+(?:an?\s+|the\s+|its\s+|new\s+|further\s+)*(?:[\w-]+\s+){0,2}(?:sanctions|embargo|measures|ban|"
    r"asset\s*s?\s+freeze|travel\s+ban))"
)
_DETERMINED_BEFORE = re.compile(r"(?i:\b(?:the|a|an|its|his|her|their|our|this|that)|['’]s)\s+(?:[\w-]+\s+)?$")
_WEAPON_BEFORE = re.compile(r"(?i:nuclear|missile|weapons?|rocket|ballistic|the)\s+$")
# Lemmas whose form in -s is only ever a verb ("adopts", "condemns"), unlike "attacks" or "talks".
_VERB_ONLY = frozenset(
    "adopt authorize extend renew establish approve endorse impose tighten strengthen condemn welcome urge "
    "stress warn reiterate announce deplore praise declare confirm promise brief convene postpone repel "
    "detonate sign ratify elect appoint dismiss resign refuse abolish say tell meet call".split()
)
_REPORTING_THAT = frozenset({"confirm", "say", "tell", "announce", "declare"})

CLAUSE_BREAK = re.compile(
    r"[;:—–]|,\s+(?:which|who|where|when|while|and|but|as|after|before|following|because)\b|\s+\((?!\d{4}\))"
    r"|\s+because\b"
)


@dataclass(frozen=True)
class Trigger:
    """A word or phrase that says what happened: ``text`` is ``sentence[start:end]``."""

    lemma: str
    kind: str
    start: int
    end: int
    text: str
    verbal: bool


def find_triggers(sentence: str) -> list[Trigger]:
    """Every trigger of the lexicon in ``sentence``, in order, with the kind that its own words give."""
    triggers: list[Trigger] = []
    for match in _TRIGGER_RE.finditer(sentence):
        index = int(next(name for name, value in match.groupdict().items() if value)[1:])
        lemma, kind, _forms = _LEXICON[index]
        text = match.group()
        after = sentence[match.end() : match.end() + 60]
        if lemma == "launch" and _LAUNCH_OF_VIOLENCE.match(after):
            continue  # "launched an attack": the attack is the trigger
        if (
            lemma == "elect"
            and text.lower() == "elect"
            and re.search(r"(?:-|\b[A-Z][\w-]*\s)$", sentence[: match.start()])
        ):
            continue  # "President-elect", "the Secretary-General elect": a title, not an election
        if lemma == "vote" and re.search(r"\d\s+$", sentence[: match.start()]):
            continue  # "Kenya, with 129 votes": a count, not a vote taken
        if kind == "sanctions" and not _MEASURES_AFTER.match(after):
            continue  # "strengthened its presence": not a measure against anyone
        if lemma == "declare" and _DECLARED_ACT.match(after):
            kind = "other"
        if lemma == "test" and not re.search(
            r"(?i:nuclear|missile|weapons?|rocket|ballistic|the)\s+$", sentence[: match.start()]
        ):
            continue  # "must be tested", "a test of will": not a weapons test
        verbal = bool(_VERB_ENDINGS.fullmatch(text)) or not _NOUN_FORM.fullmatch(text)
        if lemma in _VERB_ONLY and text.lower().endswith("s"):
            verbal = True  # "Council Adopts Resolution", "he condemns": no noun ends so
        if text.lower().endswith("ing"):
            # "adopting", "condemning": a participle heads its clause; after a determiner or a possessive
            # ("yesterday's meeting", "the deadly bombing") the -ing word is a noun.
            verbal = not _DETERMINED_BEFORE.search(sentence, 0, match.start())
        triggers.append(Trigger(lemma, kind, match.start(), match.end(), text, verbal))
    return triggers


def resolution_kind(trigger: Trigger, sentence: str) -> str:
    """A resolution's kind is sanctions when the clause says that it imposes or tightens sanctions."""
    if trigger.kind == "resolution" and _SANCTIONS_OBJECT.search(sentence):
        return "sanctions"
    if trigger.lemma == "approve" and not re.search(r"(?i:council|assembly|member\s+states|resolution)", sentence):
        return "agreement"  # "the approved texts are a compromise": an outcome agreed, not a resolution
    return trigger.kind


def _clause_bounds(sentence: str, position: int) -> tuple[int, int]:
    start, end = 0, len(sentence)
    for match in CLAUSE_BREAK.finditer(sentence):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            end = match.start()
            break
    return start, end


_POSSESSIVE_AFTER = re.compile(r"['’]s\s+")
# An opening phrase that is a clause of its own up to its comma: a participle ("Unanimously adopting
# resolution 2321 (2018) today, ...") or a subordinate clause ("As I promised the Council yesterday, ...").
_PARTICIPLE_OPENING = re.compile(
    r"(?:(?:[A-Z]\w+ly\s+[a-z]|[A-Z])\w+ing\b|(?:As|When|After|Before|Once|While|Since|Following)\s)[^,]*(?=,)"
)
_NOUN_TO_DATE = re.compile(r"\s+(?:of|on|in)\s+")


def governing_trigger(sentence: str, triggers: list[Trigger], start: int, end: int) -> Trigger | None:
    """The trigger that the date at ``sentence[start:end]`` modifies: the nearest one in its clause.

    A noun right before the date and joined to it by "of"/"on"/"in" ("the test of 9 September 2016", "the
    attack on 6 April"), or right after a possessive date ("Tuesday's attack"), is the date's own happening;
    otherwise the nearest trigger of the clause wins, a verb before a noun on a tie. With no trigger in the
    clause, the nearest of the sentence. An opening participial phrase ("Unanimously adopting resolution 2321
    (2018) today, the Council ...") is a clause of its own up to its comma.
    """
    if not triggers:
        return None
    clause_start, clause_end = _clause_bounds(sentence, start)
    opening = _PARTICIPLE_OPENING.match(sentence)
    if opening and end <= opening.end():
        clause_end = min(clause_end, opening.end())
    in_clause = [t for t in triggers if clause_start <= t.start and t.end <= clause_end] or triggers

    def distance(trigger: Trigger) -> tuple[int, int]:
        gap = start - trigger.end if trigger.end <= start else trigger.start - end
        return gap, 0 if trigger.verbal else 1

    # "yesterday's meeting", "Tuesday's attack": a possessive date belongs to the noun it determines.
    possessive = _POSSESSIVE_AFTER.match(sentence, end)
    for trigger in in_clause:
        if trigger.verbal:
            continue
        if possessive and possessive.end() <= trigger.start <= possessive.end() + 30:
            return trigger
        if trigger.end <= start and _NOUN_TO_DATE.fullmatch(sentence, trigger.end, start):
            return trigger
    return min(in_clause, key=distance)


def in_own_clause(sentence: str, trigger: Trigger, start: int) -> bool:
    """Whether ``trigger`` lies in the clause of the date at ``start`` (else it was only the nearest of the
    sentence, for a date in a clause with no trigger of its own)."""
    clause_start, clause_end = _clause_bounds(sentence, start)
    opening = _PARTICIPLE_OPENING.match(sentence)
    if opening and start < opening.end():
        clause_end = min(clause_end, opening.end())
    return clause_start <= trigger.start and trigger.end <= clause_end


def in_relative_clause(sentence: str, start: int, triggers: list[Trigger]) -> bool:
    """Whether the date at ``start`` lies in a relative clause in the present that names no happening (", which
    holds the rotating presidency this month,"): it describes someone, it dates nothing. In the past, the
    clause tells what its antecedent did, and dates it."""
    clause_start, clause_end = _clause_bounds(sentence, start)
    if not re.search(r",\s+(?:which|who|whose|where)\s*$", sentence[max(0, clause_start - 10) : clause_start]):
        return False
    if re.match(r"\s*(?:\w+ly\s+)?(?:\w+ed|was|were|had|began|broke|took|saw|fought|ran)\b", sentence[clause_start:]):
        return False  # "the Korean War, which ravaged the Peninsula from 1950 to 1953": the war's own years
    comma = sentence.find(",", start)
    end = min(clause_end, comma if comma >= 0 else clause_end)
    return not any(clause_start <= t.start and t.end <= end for t in triggers)


def main_trigger(sentence: str, triggers: list[Trigger] | None = None) -> Trigger | None:
    """The trigger of the sentence's main happening: its first verb, or its first noun when it has no verb.

    A reporting verb followed by "that" gives way to the happening it reports ("confirmed that Laurent Gbagbo
    has surrendered"), unless what follows is only talk.
    """
    triggers = find_triggers(sentence) if triggers is None else triggers
    verbs = [t for t in triggers if t.verbal]
    if not verbs:
        return triggers[0] if triggers else None
    first = verbs[0]
    opening = _PARTICIPLE_OPENING.match(sentence)
    if first.kind == "statement" and opening and first.end <= opening.end():
        # "Welcoming tonight's resolution, Kofi Annan said ...": the speaker's act is the main clause's verb
        main_clause = [t for t in verbs if t.start > opening.end()]
        if main_clause and main_clause[0].kind == "statement":
            first = main_clause[0]
    if first.lemma in _REPORTING_THAT and re.match(r"\s+that\b", sentence[first.end :]):
        reported = [t for t in verbs if t.start > first.end and t.kind != "statement"]
        if reported:
            return reported[0]
    return first


_DEADLINE_BEFORE = re.compile(
    r"(?i:\b(?:until|till|through|by|no\s+later\s+than|(?:expire|expires|expiring|expiry|expiration|vacated|ending|"
    r"end|ends|deadline)(?:\s+(?:on|in|at|of))?)\s+(?:the\s+(?:end|beginning|start|middle)\s+of\s+)?)$"
)
_SCHEDULE_BEFORE = re.compile(
    r"(?i:\b(?:every|each)\b[^.;]{0,40}\b(?:beginning|starting|commencing|from)(?:\s+(?:on|in))?\s+)$"
)
_PERIOD_START_BEFORE = re.compile(
    r"(?i:\b(?:since|beginning|starting|commencing|as\s+of|as\s+from)(?:\s+(?:on|in))?\s+)$"
)
_WHEN_AFTER = re.compile(r"(?i:^,?\s+when\b)")
_ATTRIBUTIVE_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_DETERMINER_BEFORE = re.compile(r"(?i:\b(?:a|an|the|his|her|its|their|our|this|that|whose)\s+)$")

ROLES = ("happening", "deadline", "schedule", "period_start", "attributive")


def date_role(sentence: str, start: int, end: int) -> str:
    """What the date at ``sentence[start:end]`` is for: one of :data:`ROLES`.

    ``happening`` dates what happened; ``deadline`` is an end, expiry or target; ``schedule`` the start of a
    recurrence; ``period_start`` the start of a state that lasts ("since January", which is not January,
    unless a "when" clause follows and says what happened then); ``attributive`` a year that only names a
    happening ("the 2016 peace agreement").
    """
    before = sentence[max(0, start - 80) : start]
    text = sentence[start:end]
    if _SCHEDULE_BEFORE.search(before):
        return "schedule"
    if _DEADLINE_BEFORE.search(before):
        return "deadline"
    if _PERIOD_START_BEFORE.search(before) or text.lower().startswith("since "):
        return "happening" if _WHEN_AFTER.match(sentence[end:]) else "period_start"
    if _ATTRIBUTIVE_YEAR.match(text) and _DETERMINER_BEFORE.search(before) and re.match(r"\s+[a-z]", sentence[end:]):
        return "attributive"
    return "happening"


# --- happenings the text does not date: the dateline's day -----------------------------------------------------

# Past forms of the lexicon's verbs that do not end in -ed.
_IRREGULAR_PAST = frozenset({"said", "told", "met", "struck", "fought", "set up", "took effect", "came into effect"})
_ADVERBS = r"(?:(?:\w+ly|also|already|just|now|not|never|again|then|since|first)\s+)*"
# "had adopted", "had also said": what happened before the reported happening (background), not it.
_PLUPERFECT_BEFORE = re.compile(rf"(?i:\b(?:had|['’]d)\s+{_ADVERBS}(?:been\s+{_ADVERBS})?)$")
# "to adopt", "will meet", "would be extended", "is expected": not (yet) a happening.
_UNREALISED_BEFORE = re.compile(
    rf"(?i:\b(?:to|will|would|could|can|must|should|may|might|shall|is|are|am|be|being|['’]ll)\s+{_ADVERBS}"
    rf"(?:be\s+{_ADVERBS}|have\s+{_ADVERBS}(?:been\s+)?)?)$"
)
# "the resolution which it adopted": a relative clause describes, it does not report.
_RELATIVE_BEFORE = re.compile(r"(?i:\b(?:who|whom|which|whose)\s+(?:[\w’'-]+\s+){0,3})$")
# A happening placed at another time by an anaphoric phrase: "the same day", "at the time", "two years ago".
_OTHER_TIME = re.compile(
    r"(?i:\b(?:(?:the\s+)?(?:same|that|previous|following|next)\s+(?:day|week|month|year|morning|evening)|"
    r"the\s+day\s+(?:before|after)|at\s+the\s+time|ago|previously|formerly|in\s+the\s+past|in\s+recent\s+"
    r"(?:days|weeks|months|years)|over\s+the\s+(?:past|last)|so\s+far|to\s+date|once\s+again|since\s+then|"
    r"back\s+then|earlier|recently|originally)\b)"
)
# A tally is a state of affairs, not a happening: "There have been more than 3,000 homicides".
_TALLY = re.compile(
    r"(?i:^\W*(?:there\s+(?:have|has|had|were|was)\s+been\b|(?:(?:more\s+than|over|at\s+least|some|nearly|almost|"
    r"about|an\s+estimated)\s+)?[\d,.]+\s+(?:(?:million|thousand|hundred)\s+)?(?:[\w-]+\s+){0,3}?(?:have|has)\s+been\b))"
)
# "By the text, the Council reiterated ...": what a resolution says, not another happening.
_TEXT_CONTENT = re.compile(
    r"(?i:^\W*(?:further\s+|also\s+)?(?:by|under|in|through)\s+(?:the|that|this|its|the\s+same)\s+"
    r"(?:(?:new|latest)\s+)?(?:text|resolution|terms|decision|statement|declaration)\b)"
)
# "after briefing the Security Council", "after it voted", "after its adoption of": a happening of the same day
# that the main clause reports as just done.
_AFTER_ADJUNCT = re.compile(
    r"(?i:\b(?:after|following|upon)\s+(?:\w+ing\s+)?(?:(?:it|he|she|they|its|his|her|their|the)\s+)?$)"
)


_JUST_DONE_BEFORE = re.compile(r"(?i:\b(?:has|have|['’]ve)\s+just\s+(?:\w+ly\s+)?)$")
_TRAILING_PARTICIPLE_BEFORE = re.compile(r",\s+(?:\w+ly\s+)?$")
# A clause in the simple past, whatever its verb: "The Assembly placed on record his achievements".
_PAST_CLAUSE = re.compile(
    r"^(?![^,]*\b(?:had|will|would|to|is|are)\s+\w+ed\b)[^,;]*?\b(?:[A-Z][\w-]+|the\s+\w+)\s+(?:\w+ly\s+)?[a-z]+ed\b"
)


def is_tally(sentence: str) -> bool:
    """Whether the sentence counts what has happened ("There have been 3,000 homicides this year", "200,000
    people have been killed"): a statistic, not a happening."""
    return bool(_TALLY.match(sentence))


def _inside_quotation(sentence: str, position: int) -> bool:
    before = sentence[:position]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _is_past(sentence: str, trigger: Trigger) -> bool:
    """Whether the verb ``trigger`` reports something done: a simple past or a present perfect."""
    text = trigger.text.lower()
    if not (text.endswith("ed") or text in _IRREGULAR_PAST):
        return False
    before = sentence[: trigger.start]
    return not (_PLUPERFECT_BEFORE.search(before) or _UNREALISED_BEFORE.search(before))


def past_happening(sentence: str, triggers: list[Trigger] | None = None) -> Trigger | None:
    """The happening that a sentence without a date reports as done, or ``None``.

    News reports what happened on the day of its dateline in the simple past or the present perfect, and gives
    a date only to what happened on another day. So an undated sentence whose main verb reports something done
    ("The Council adopted resolution 1769", "Mr. Ban told the Council", "the General Assembly has elected")
    reports a happening of the dateline's day. Not when the verb is a pluperfect (background), a modal, an
    infinitive or a present passive (not yet done), in a relative clause or inside a quotation, opens the
    sentence as a participle, or when an anaphoric phrase puts it at another time ("the same day", "at the
    time", "earlier"); a tally ("There have been 3,000 homicides", "200,000 people have been killed") is a
    state of affairs, and "By the text, the Council reiterated ..." is what a resolution says.
    """
    triggers = find_triggers(sentence) if triggers is None else triggers
    if _TALLY.match(sentence) or _TEXT_CONTENT.match(sentence) or _OTHER_TIME.search(sentence):
        return None
    trigger = main_trigger(sentence, triggers)
    if trigger is None or not trigger.verbal or trigger.start == 0 or not sentence[: trigger.start].strip("“\"‘' "):
        return None
    if not _is_past(sentence, trigger):
        return None
    if _RELATIVE_BEFORE.search(sentence[: trigger.start]) or _inside_quotation(sentence, trigger.start):
        return None
    return trigger


def companion_happenings(sentence: str, triggers: list[Trigger], main: Trigger | None) -> list[Trigger]:
    """Happenings that the sentence places on the day of what it reports, besides its main happening.

    An adjunct of a reported act ("told reporters after briefing the Security Council", "after taking the
    oath of office", "after it voted"), a trailing participle of a past clause ("The Assembly placed on record
    his achievements, adopting a resolution to that effect") and a perfect of the moment ("the resolution you
    have just adopted").
    """
    if _OTHER_TIME.search(sentence) or _TALLY.match(sentence):
        return []
    main_done = main is not None and _is_past(sentence, main)
    found = []
    for trigger in triggers:
        if trigger.kind == "statement" or _inside_quotation(sentence, trigger.start):
            continue
        window = max(0, trigger.start - 30)
        participle = trigger.verbal and trigger.text.lower().endswith("ing")
        if participle and _TRAILING_PARTICIPLE_BEFORE.search(sentence, window, trigger.start):
            # ", adopting a resolution": the participle shares the tense of the clause it follows
            before = sentence[: trigger.start]
            if (main_done and trigger.start > main.end) or (trigger is main and _PAST_CLAUSE.search(before)):
                found.append(trigger)
        elif trigger is main:
            continue
        else:
            just_done = _JUST_DONE_BEFORE.search(sentence, window, trigger.start) and _is_past(sentence, trigger)
            after_main = (
                main_done
                and _AFTER_ADJUNCT.search(sentence, window, trigger.start)
                and (participle or not trigger.verbal or _is_past(sentence, trigger))
            )
            if just_done or after_main:
                found.append(trigger)
    return found
