"""Turn one article's raw bytes into the records the timeline stores: pure Python, no database.

``extract_article`` runs the parser, the sentence splitter, the date finder, the actor gazetteer, the
resolution finder and the place finder, and assembles:

* the article's **main event**, dated by its dateline (or by the day of a statement its lead introduces):
  what the article reports, its title and lead, of the kind of the lead's main trigger (or the headline's,
  when the headline reports a decision);
* one **event per happening a sentence dates**, each date attached to the trigger of its clause
  (:mod:`timeline.extraction.happenings`); deadlines, schedules, period starts and statistics date nothing;
* events of the dateline's day for happenings the text reports as done without a date, once per kind
  (:func:`timeline.extraction.happenings.past_happening`, ``companion_happenings``);
* every actor and resolution the article mentions, in sentences with or without a date.

An event's actors are those named in its own sentence (and, in a statement the lead introduces, its speaker
for "I"). Its resolutions also come from the undated sentences that follow it in the same paragraph, because
UN writing often cites the resolution one sentence after the dated action ("Earlier this month, the Council
strengthened sanctions. Unanimously adopting resolution 2371 (2017), ..."). Its kind comes from its trigger's
lemma, and its location from its trigger's clause (:mod:`timeline.extraction.places`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from timeline.extraction.actors import Gazetteer, find_titled_people
from timeline.extraction.article import ParsedArticle, parse_article
from timeline.extraction.dates import DateMention, find_dates
from timeline.extraction.happenings import (
    Trigger,
    companion_happenings,
    date_role,
    find_triggers,
    governing_trigger,
    in_own_clause,
    in_relative_clause,
    is_tally,
    main_trigger,
    past_happening,
    resolution_kind,
)
from timeline.extraction.places import Location, PlaceGazetteer, load_places
from timeline.extraction.resolutions import ResolutionMention, find_resolutions
from timeline.extraction.sentences import Sentence, split_sentences

# Bump when extraction rules change: loadseeds then re-extracts articles whose files did not change.
EXTRACTOR_VERSION = "6"

TITLE_MAX_CHARS = 100

# Confidence of a happening that the text reports as done without dating it: the dateline's day is its date
# by the conventions of news writing, not by the words of its sentence.
UNDATED_CONFIDENCE = 0.6

# Kinds of an organ's decision: a headline that reports one names the article's main happening.
DECISION_KINDS = frozenset({"resolution", "sanctions"})

# A lead that introduces a text by someone: its "I" is that person.
_INTRODUCING = re.compile(
    r"(?i:^(?:the\s+)?following\s+(?:is\s+)?(?:the\s+)?.*\b(?:statement|message|remarks|address|letter|note)\b)"
)
# A lead that introduces a text made on another day: "The following statement by Secretary-General Kofi Annan
# was made in New York on 12 August:". That day dates the text and its "today" and "yesterday".
_INTRODUCED_TEXT = re.compile(
    r"(?i:^the\s+following\s+(?:is\s+the\s+(?:full\s+)?text\s+of\s+(?:the\s+|a\s+)?)?(?:[\w-]+\s+){0,2}"
    r"(?:statement|message|remarks|address|letter|note|communiqu[eé]|declaration)\b.*"
    r"\b(?:was|were)\s+(?:\w+ly\s+)?(?:made|issued|delivered|released|given|sent|read|attributable)\b.*:\s*$)"
)

# Words that open a sentence without saying what happened; dropped from the front of a title.
_LEADING_FILLER = re.compile(
    r"^(?:(?:he|she|they|it|the secretary-general|the un chief|mr\.? \w+|ms\.? \w+)\s+"
    r"(?:noted|said|added|recalled|stressed|explained|told \w+)(?:\s+also)?\s+(?:that\s+)?"
    r"|the message echoes what\s+|in (?:his|her|their) remarks,\s+|however,\s+|meanwhile,\s+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ResolutionRef:
    """A resolution as cited: enough to find or create its record."""

    body: str
    number: int
    year: int | None
    symbol: str


@dataclass(frozen=True)
class NewPerson:
    """Someone named with a title ("Foreign Minister Wang Yi") whom the gazetteer does not know."""

    slug: str
    name: str
    title: str


@dataclass
class ExtractedEvent:
    title: str
    summary: str
    kind: str
    date_start: date
    date_end: date
    date_precision: str
    date_text: str
    quote: str
    quote_start: int
    quote_end: int
    actors: list[str] = field(default_factory=list)  # slugs
    resolutions: list[ResolutionRef] = field(default_factory=list)
    is_main: bool = False
    # The lemma of the word that says what happened ("adopt", "condemn", "attack"), stable across phrasings.
    trigger: str = ""
    # 1.0 for a date that says when the happening took place; lower for an attributive year ("the 2016 peace
    # agreement"), which only names the happening by its year.
    confidence: float = 1.0
    # Where the happening's own clause says it took place (``None`` when it says nothing).
    location: Location | None = None

    @property
    def fingerprint(self) -> str:
        """Identity of a machine-extracted event within its article, stable while its sentence and date words are.

        Offsets are left out on purpose: an edit elsewhere in the file must not make a curated event's twin
        reappear beside it.
        """
        if self.is_main:
            return "main"
        quote = " ".join(self.quote.split()).lower()
        key = f"{self.date_text.lower()}|{self.date_start}|{self.date_end}|{quote}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]


@dataclass
class ExtractedArticle:
    source_name: str
    content_hash: str
    title: str
    published_on: date
    dateline_text: str
    body: str
    events: list[ExtractedEvent]
    actors: list[str]  # slugs, in order of first mention
    resolutions: list[ResolutionRef]
    new_people: list[NewPerson]
    source_path: str = ""  # set by the caller that read the file; extraction itself never touches the disk


def slugify(value: str) -> str:
    ascii_value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_value.lower()).strip("-")


def resolution_ref(mention: ResolutionMention) -> ResolutionRef:
    symbol = mention.symbol
    if not symbol and mention.year is not None and mention.body == "S":
        symbol = f"S/RES/{mention.number} ({mention.year})"
    return ResolutionRef(body=mention.body, number=mention.number, year=mention.year, symbol=symbol)


def classify(sentence: str, trigger: Trigger | None = None) -> str:
    """The kind of the happening whose trigger is ``trigger`` (by default the sentence's main trigger).

    The kind comes from the trigger's own word ("condemned the attack" is a statement, "the attack on
    6 April" a conflict); an adoption is ``sanctions`` only when its clause imposes or tightens sanctions.
    """
    trigger = main_trigger(sentence) if trigger is None else trigger
    if trigger is None:
        return "other"
    return resolution_kind(trigger, sentence)


_QUOTE_THEN_SPEAKER = re.compile(
    r"^[\"“](?P<quote>[^\"“”]{3,}?)[,.!?]?[\"”],?\s+(?P<speaker>(?:[A-Z][\w.’'\-]*\s){0,3}?[\w.’'\-]+)\s+"
    r"(?:said|says|stressed|added|noted|warned|told)\b"
    r"|^[\"“](?P<quote2>[^\"“”]{3,}?)[,.!?]?[\"”],?\s+(?:said|says|stressed|added|noted|warned)\s+"
    r"(?P<speaker2>(?:[A-Z][\w.’'\-]*\s?){1,4})"
)
# Where a headline's clause ends after its trigger: a comma, a semicolon, a dash, a bracket that is not a
# resolution's year, a subordinate clause.
_TITLE_END = re.compile(r",|;|:|\s[—–-]\s|\s\((?!\d{4}\))|\s(?:which|who|where|while|because|as well as)\b")
_DATE_PREPOSITION = re.compile(r"(?i:\b(?:on|in|at|during|of|since|from)\s+)$")
_RELATIVE_DAY_WORDS = re.compile(
    r"(?i:\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|yesterday)(?:'s|’s)?\s*)"
)
# Function words a headline must not end on once it is shortened.
_DANGLING = frozenset(
    "a an the of to in on at by for from with and or but as that which who its their his her our this these those "
    "into onto over under than then also its is are was were be been has have had".split()
)


def make_title(sentence: str, mention: DateMention | None = None, trigger: Trigger | None = None) -> str:
    """A headline of the happening built from its clause: who did what, at most ``TITLE_MAX_CHARS``.

    A quotation with its speaker becomes ``Speaker: “quotation”``. Otherwise the title runs from the subject
    of the trigger's clause (after the last comma before the trigger) to the end of the clause's object, with
    its date words left out ("today", "on 9 September 2016"). A title never ends in a cut word or "…".
    """
    text = sentence.strip()
    quoted = _QUOTE_THEN_SPEAKER.match(text)
    if quoted:
        quote = (quoted.group("quote") or quoted.group("quote2")).strip()
        speaker = (quoted.group("speaker") or quoted.group("speaker2")).strip().rstrip(",.")
        if speaker.lower() not in {"he", "she", "they", "it"}:
            return _cut(f"{speaker}: “{quote}”")
    trigger = main_trigger(text) if trigger is None else trigger
    start, end = 0, len(text)
    spans = [(mention.start, mention.end)] if mention is not None else []
    if trigger is not None:
        comma = text.rfind(", ", 0, trigger.start)
        start = comma + 2 if comma >= 0 else 0
        subject = text.find(", ")
        if comma >= 0 and not text[start : trigger.start].strip() and 0 < subject < 60:
            # "Mr. Annan, speaking as ..., said that": the subject opens the sentence, before the comma
            shift = trigger.start - (subject + 1)
            text = f"{text[:subject]} {text[trigger.start :]}"
            spans = [(s - shift, e - shift) for s, e in spans if s >= trigger.start]
            trigger = Trigger(
                trigger.lemma, trigger.kind, trigger.start - shift, trigger.end - shift, trigger.text, trigger.verbal
            )
            start = 0
        # "said that the United Nations, along with the rest of the world, must change": what is said runs on
        # past an aside's comma, so a reported clause is cut by length, not at its first comma.
        reported = trigger.kind == "statement" and re.match(r"\s+that\b", text[trigger.end :])
        following = _TITLE_END.search(text, trigger.end + (TITLE_MAX_CHARS // 2 if reported else 0))
        end = following.start() if following else len(text)
    spans += [(m.start, m.end) for m in find_dates(text, base=_ANY_DAY)]
    pieces: list[str] = []
    position = start
    for span_start, span_end in sorted(set(spans)):
        if span_start < position or span_end > end:
            continue
        preposition = _DATE_PREPOSITION.search(text, position, span_start)
        pieces.append(text[position : preposition.start() if preposition else span_start])
        position = span_end
    pieces.append(text[position:end])
    title = " ".join("".join(pieces).split())
    title = _RELATIVE_DAY_WORDS.sub("", title)
    title = title.strip(" ,;:–-\"“”'‘’.")
    unfilled = _LEADING_FILLER.sub("", title).strip(" ,;:–-")
    if len(unfilled) >= 40:  # "He said that X must change" -> "X must change", unless nothing would be left
        title = unfilled
    if len(title) < 12:  # nothing left to say who did what: fall back to the sentence
        title = " ".join(text.split()).rstrip(" .")
    title = _cut(title)
    return title[:1].upper() + title[1:]


_ANY_DAY = date(2000, 1, 1)  # only the spans of date words matter for a title, not their values


def _cut(text: str) -> str:
    """Shorten to ``TITLE_MAX_CHARS`` at a word boundary, never leaving a dangling function word or "…"."""
    text = text.rstrip(" .,;:")
    if len(text) <= TITLE_MAX_CHARS:
        return text
    words = text[: TITLE_MAX_CHARS + 1].split()
    if len(text) > TITLE_MAX_CHARS and not text[TITLE_MAX_CHARS].isspace():
        words = words[:-1]  # the last word was cut
    while len(words) > 1 and (
        words[-1].lower().strip(",;:") in _DANGLING or " ".join(words).count("(") > " ".join(words).count(")")
    ):
        words.pop()
    return " ".join(words).rstrip(" ,;:–-")


def summarise(sentences: list[Sentence], index: int, *, avoid: set[str]) -> str:
    """What a reader wants next to the quote: the sentences that follow it in the paragraph, else the one
    before; never the quote or the title again."""
    for chosen in (sentences[index + 1 : index + 3], sentences[max(0, index - 1) : index]):
        text = " ".join(sentence.text for sentence in chosen)
        if text and text not in avoid:
            return text
    return ""


def unique(values: Iterable) -> list:
    return list(dict.fromkeys(values))


def extract_article(raw: bytes, *, source_name: str, gazetteer: Gazetteer) -> ExtractedArticle:
    """Everything the timeline needs from one article file. Raises ``ArticleError`` for unusable input."""
    parsed: ParsedArticle = parse_article(raw)
    published_on = parsed.published_on
    body = parsed.body

    sentences_by_paragraph: list[list[Sentence]] = [
        split_sentences(paragraph.text, paragraph.start) for paragraph in parsed.prose_paragraphs()
    ]

    lead = next((sentences[0] for sentences in sentences_by_paragraph if sentences), None)
    introduced = _introduced_text_date(lead.text, published_on) if lead is not None else None
    # The day that dates the main happening and resolves the text's relative dates.
    base = introduced.date_start if introduced is not None else published_on
    speaker = None
    if lead is not None:
        speaker = _introduced_speaker(
            lead.text, [m.slug for m in gazetteer.find(lead.text, on=published_on)], gazetteer
        )

    article_actor_slugs: list[str] = [m.slug for m in gazetteer.find(parsed.title, on=published_on)]
    article_resolutions: list[ResolutionRef] = [resolution_ref(m) for m in find_resolutions(parsed.title)]
    new_people: dict[str, NewPerson] = {}
    events: list[ExtractedEvent] = []
    main_event: ExtractedEvent | None = None
    # Triggers and kinds of the happenings already dated by the dateline: a later sentence that says "today"
    # gives an event of its own only when it reports another happening.
    main_lemmas: set[str] = set()
    main_kinds: set[str] = set()

    for sentences in sentences_by_paragraph:
        analysed = []
        for sentence in sentences:
            mentions = gazetteer.find(sentence.text, on=published_on)
            actors = [m.slug for m in mentions]
            known_spans = [(m.start, m.end) for m in mentions]
            for title, name, start, end in find_titled_people(sentence.text):
                if any(s <= start < e or s < end <= e for s, e in known_spans):
                    continue
                slug = slugify(name)
                if slug:
                    new_people.setdefault(slug, NewPerson(slug=slug, name=name, title=title))
                    actors.append(slug)
            if speaker and speaker not in actors and _first_person(sentence.text):
                actors.append(speaker)  # "As I promised the Security Council yesterday": the introduced speaker
            resolutions = [resolution_ref(m) for m in find_resolutions(sentence.text)]
            dates = find_dates(sentence.text, base=base)
            analysed.append((sentence, actors, resolutions, dates))
            article_actor_slugs += actors
            article_resolutions += resolutions

        for index, (sentence, actors, resolutions, dates) in enumerate(analysed):
            triggers = find_triggers(sentence.text)
            if main_event is None:
                # The lead reports the main event; any other happening it reports still gives an event below.
                main_event = _main_event(parsed, sentence, actors, resolutions, gazetteer, triggers, introduced)
                main_event.summary = summarise(sentences, index, avoid={sentence.text, main_event.title})
                main_lemmas.add(main_event.trigger)
                main_kinds.add(main_event.kind)
            # Resolutions cited in the undated sentences that follow belong to this sentence's events.
            context_resolutions = list(resolutions)
            for _following, _actors, following_resolutions, following_dates in analysed[index + 1 :]:
                if following_dates:
                    break
                context_resolutions += following_resolutions
            events.extend(
                _sentence_events(
                    sentence,
                    dates,
                    triggers,
                    published_on=base,
                    date_text=introduced.text if introduced is not None else parsed.dateline_text,
                    summary=lambda title, i=index, s=sentence, ss=sentences: summarise(ss, i, avoid={s.text, title}),
                    actors=unique(actors),
                    resolutions=unique(context_resolutions),
                    main_lemmas=main_lemmas,
                    main_kinds=main_kinds,
                    article_kinds={event.kind for event in events},
                    is_lead=main_event.quote_start == sentence.start,
                )
            )

    if main_event is None:
        # An article whose body has no sentence at all still reports something: its title.
        main_event = ExtractedEvent(
            title=parsed.title,
            summary="",
            kind=classify(parsed.title),
            date_start=published_on,
            date_end=published_on,
            date_precision="day",
            date_text=parsed.dateline_text,
            quote="",
            quote_start=0,
            quote_end=0,
            actors=unique(article_actor_slugs),
            resolutions=unique(article_resolutions),
            is_main=True,
        )
    events = _without_unnamed_repeats([main_event, *events])
    _locate_events(events, parsed, gazetteer, published_on)
    return ExtractedArticle(
        source_name=source_name,
        content_hash=hashlib.sha256(raw).hexdigest(),
        title=parsed.title,
        published_on=published_on,
        dateline_text=parsed.dateline_text,
        body=body,
        events=events,
        actors=unique(article_actor_slugs),
        resolutions=unique(article_resolutions),
        new_people=list(new_people.values()),
    )


def _main_event(
    parsed: ParsedArticle,
    lead: Sentence,
    actors: list[str],
    resolutions: list[ResolutionRef],
    gazetteer: Gazetteer,
    triggers: list[Trigger],
    introduced: DateMention | None = None,
) -> ExtractedEvent:
    """The event the article reports: dated by the dateline, quoted from its lead, of the lead's trigger.

    Its title is the article's headline when that fits, else a headline built from the lead's clause. A lead
    that introduces a text made on another day (``introduced``) dates it by that day.
    """
    title_actors = [m.slug for m in gazetteer.find(parsed.title, on=parsed.published_on)]
    trigger = main_trigger(lead.text, triggers) or main_trigger(parsed.title)
    headline = main_trigger(parsed.title)
    if (
        headline is not None
        and headline.verbal
        and headline.kind in DECISION_KINDS
        and (trigger is None or trigger.kind not in DECISION_KINDS)
    ):
        # "Security Council Adopts Resolution 2177 (2014)" over a lead that "called on Member States": the
        # headline names the decision that the lead describes by its content.
        trigger = headline
    title = parsed.title if len(parsed.title) <= TITLE_MAX_CHARS else make_title(lead.text, trigger=trigger)
    return ExtractedEvent(
        title=_cut(title),
        summary="",
        kind=classify(lead.text if trigger in triggers else parsed.title, trigger),
        date_start=introduced.date_start if introduced else parsed.published_on,
        date_end=introduced.date_end if introduced else parsed.published_on,
        date_precision="day",
        date_text=introduced.text if introduced else parsed.dateline_text,
        quote=lead.text,
        quote_start=lead.start,
        quote_end=lead.end,
        actors=unique([*title_actors, *actors]),
        resolutions=unique([*(resolution_ref(m) for m in find_resolutions(parsed.title)), *resolutions]),
        is_main=True,
        trigger=trigger.lemma if trigger else "",
    )


def _places_for(gazetteer: Gazetteer) -> PlaceGazetteer:
    """GeoNames places that also know the actor gazetteer's names of states ("DPRK", "Syrian Arab Republic")."""
    cached = getattr(gazetteer, "_places", None)
    if cached is None:
        extra = {}
        for entry in gazetteer.entries:
            if entry.kind == "state" and entry.iso3:
                extra[entry.name] = entry.iso3
                extra.update({alias.name: entry.iso3 for alias in entry.aliases if not alias.is_time_bounded})
        cached = load_places().with_countries(extra)
        gazetteer._places = cached
    return cached


def _locate_events(events: list[ExtractedEvent], parsed: ParsedArticle, gazetteer: Gazetteer, day: date) -> None:
    """Give each event the location of its own clause: the clause of its trigger in its quote."""
    places = _places_for(gazetteer)
    context = frozenset(places.countries_named(parsed.title + "\n" + parsed.body))
    for event in events:
        if not event.quote:
            continue
        trigger = next((t for t in find_triggers(event.quote) if t.lemma == event.trigger), None)
        event.location = places.locate(
            event.quote,
            trigger_start=trigger.start if trigger is not None else None,
            kind=event.kind,
            context_countries=context,
        )


def article_dates(parsed: ParsedArticle) -> list[DateMention]:
    """Every date the article's prose gives, resolved as :func:`extract_article` resolves it: against the
    dateline, or against the day of a text that the lead introduces as made on another day."""
    sentences = [
        sentence
        for paragraph in parsed.prose_paragraphs()
        for sentence in split_sentences(paragraph.text, paragraph.start)
    ]
    introduced = _introduced_text_date(sentences[0].text, parsed.published_on) if sentences else None
    base = introduced.date_start if introduced is not None else parsed.published_on
    return [mention for sentence in sentences for mention in find_dates(sentence.text, base=base)]


def _without_unnamed_repeats(events: list[ExtractedEvent]) -> list[ExtractedEvent]:
    """Drop a dated event whose sentence names no happening (no trigger: "The world body held a secret ballot
    on 17 June") when another event of the article has that very date: it is that happening told again."""
    named = {(e.date_start, e.date_end) for e in events if e.trigger or e.is_main}
    return [e for e in events if e.is_main or e.trigger or (e.date_start, e.date_end) not in named]


def _introduced_speaker(lead: str, lead_actors: list[str], gazetteer: Gazetteer) -> str | None:
    """The person whose text the lead introduces ("The following statement by Secretary-General Kofi Annan
    was made ...:", "Following is the text of Ban Ki-moon's statement ..."): the "I" of that text."""
    if not _INTRODUCING.match(lead):
        return None
    people = [slug for slug in lead_actors if slug in gazetteer and gazetteer.entry(slug).kind == "person"]
    return people[0] if len(set(people)) == 1 else None


def _first_person(text: str) -> bool:
    """Whether the sentence speaks in the first person singular outside any quotation."""
    outside = re.sub(r"“[^”]*”|\"[^\"]*\"", " ", text)
    return bool(re.search(r"\b(?:I|my|me|myself)\b", outside))


def _introduced_text_date(lead: str, published_on: date) -> DateMention | None:
    """The day on which the text that the lead introduces was made ("... was made in New York on 12 August:")."""
    if not _INTRODUCED_TEXT.match(lead):
        return None
    for mention in find_dates(lead, base=published_on):
        if (
            mention.precision == "day"
            and mention.date_start <= published_on
            and date_role(lead, mention.start, mention.end) == "happening"
        ):
            return mention
    return None


def _sentence_events(
    sentence: Sentence,
    dates: list[DateMention],
    triggers: list[Trigger],
    *,
    published_on: date,
    date_text: str,
    summary,
    actors: list[str],
    resolutions: list[ResolutionRef],
    main_lemmas: set[str],
    main_kinds: set[str],
    article_kinds: set[str],
    is_lead: bool,
) -> list[ExtractedEvent]:
    """The happenings a sentence dates, one per date that says when something happened.

    Deadlines, schedules and period starts date nothing. An attributive year gives a low-confidence event only
    when the sentence has no better date. A date of the dateline's day gives an event only when its trigger is
    a happening other than those the dateline already dates (the main event's, or another "today" event's).
    A sentence that dates nothing but reports something done (:func:`past_happening`), and an adjunct that
    says what was done just before ("after briefing the Council"), give an event of the dateline's day
    (``published_on`` here: the day that dates the article's text), once per kind of happening.
    """
    text = sentence.text
    if is_tally(text):
        return []  # "There have been more than 3,000 homicides reported this year": a statistic, not a happening
    roles = [date_role(text, m.start, m.end) for m in dates]
    dated = [m for m, role in zip(dates, roles, strict=True) if role == "happening"]
    attributive = [m for m, role in zip(dates, roles, strict=True) if role == "attributive"]
    chosen: list[tuple[DateMention, float]] = [(m, 1.0) for m in dated]
    if not dated and attributive:
        chosen = [(attributive[0], 0.5)]
    events: list[ExtractedEvent] = []
    for trigger, companion in _undated_triggers(text, triggers, chosen, roles, published_on, is_lead):
        lemma, kind = trigger.lemma, classify(text, trigger)
        if lemma in main_lemmas or (not companion and (kind in main_kinds or kind in article_kinds)):
            # A happening of that kind is already the day's, or the article has dated one: "UNOCI repelled the
            # attack" after "the attack on 9 April" is that attack again.
            continue
        main_lemmas.add(lemma)
        main_kinds.add(kind)
        title = make_title(text, None, trigger)
        events.append(
            ExtractedEvent(
                title=title,
                summary=summary(title),
                kind=kind,
                date_start=published_on,
                date_end=published_on,
                date_precision="day",
                date_text=date_text,
                quote=text,
                quote_start=sentence.start,
                quote_end=sentence.end,
                actors=actors,
                resolutions=resolutions,
                trigger=lemma,
                confidence=UNDATED_CONFIDENCE,
            )
        )
    seen: set[tuple[date, date, str]] = set()
    governed = [(m, c, governing_trigger(text, triggers, m.start, m.end)) for m, c in chosen]
    own = {id(t) for m, _c, t in governed if t is not None and in_own_clause(text, t, m.start)}
    for mention, confidence, trigger in governed:
        if in_relative_clause(text, mention.start, triggers):
            continue  # ", which holds the rotating presidency this month": a description, not a happening
        if trigger is not None and id(trigger) in own and not in_own_clause(text, trigger, mention.start):
            # "It elected Kenya on 18 June because, during the first round on 17 June, ...": the trigger has
            # its own date; a date of a clause without a trigger dates nothing.
            continue
        lemma = trigger.lemma if trigger else ""
        kind = classify(text, trigger) if trigger else "other"
        interval = (mention.date_start, mention.date_end, mention.precision)
        if interval == (published_on, published_on, "day"):
            # The lead reports the dateline's happening: its "today" is that happening's date, whatever verb
            # of a side clause ("individuals it said were ...") happens to govern it.
            if is_lead or trigger is None or lemma in main_lemmas or kind in main_kinds:
                continue  # the dateline's happening again
            main_lemmas.add(lemma)
            main_kinds.add(kind)
        if interval in seen:
            continue
        seen.add(interval)
        title = make_title(text, mention, trigger)
        events.append(
            ExtractedEvent(
                title=title,
                summary=summary(title),
                kind=kind,
                date_start=mention.date_start,
                date_end=mention.date_end,
                date_precision=mention.precision,
                date_text=mention.text,
                quote=text,
                quote_start=sentence.start,
                quote_end=sentence.end,
                actors=actors,
                resolutions=resolutions,
                trigger=lemma,
                confidence=confidence,
            )
        )
    return events


def _undated_triggers(
    text: str,
    triggers: list[Trigger],
    chosen: list[tuple[DateMention, float]],
    roles: list[str],
    day: date,
    is_lead: bool,
) -> list[tuple[Trigger, bool]]:
    """The triggers of happenings that the sentence reports as done on ``day`` without a date of their own,
    each with whether an adjunct of another act gives it (:func:`companion_happenings`)."""
    if any((m.date_start, m.date_end) != (day, day) for m, _confidence in chosen):
        return []  # the sentence dates its happenings itself
    if any(role not in ("happening", "deadline") for role in roles):
        return []  # "since 2011", "every 90 days", "the 2016 agreement": not news of the day
    found = []
    main = past_happening(text, triggers)
    if main is not None and not is_lead and not chosen:
        found.append((main, False))
    found += [(t, True) for t in companion_happenings(text, triggers, main or main_trigger(text, triggers))]
    return found
