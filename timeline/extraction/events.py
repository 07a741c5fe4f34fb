"""Turn one article's raw bytes into the records the timeline stores: pure Python, no database.

``extract_article`` runs the parser, the sentence splitter, the date finder, the actor gazetteer and the
resolution finder, and assembles:

* the article's **main event**, dated by its dateline: what the article reports (its title and lead);
* one **event per dated mention** in a sentence, when that date is not simply the dateline's day (a sentence
  that says "today" is part of what the article reports, and belongs to the main event);
* every actor and resolution the article mentions, in sentences with or without a date.

An event's actors are those named in its own sentence. Its resolutions also come from the sentences that follow
it in the same paragraph until the next dated sentence, because UN writing often cites the resolution one
sentence after the dated action ("Earlier this month, the Council strengthened sanctions. Unanimously adopting
resolution 2371 (2017), ...").

The event kind comes from the transparent rule table ``KIND_RULES``: the first rule whose pattern matches the
sentence wins.
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
from timeline.extraction.resolutions import ResolutionMention, find_resolutions
from timeline.extraction.sentences import Sentence, split_sentences

# Bump when extraction rules change: loadseeds then re-extracts articles whose files did not change.
EXTRACTOR_VERSION = "3"

TITLE_MAX_CHARS = 100

# (kind, pattern) in priority order; matched case-insensitively against the sentence.
KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (
            "sanctions",
            r"\bsanction(s|ed|ing)?\b|\bembargo\b|\basset freeze\b|\b(full|total) ban on\b"
            r"|\b(tighten|impose|strengthen|extend)\w* (new |further |its )?measures\b",
        ),
        ("resolution", r"\badopt(s|ed|ing)? (a |the |its )?(draft )?resolution\b|\bresolution\b.*\badopted\b"),
        (
            "test_or_launch",
            r"\b(nuclear|missile|weapons?) tests?\b|\b(missile|rocket|satellite)s? launch(es)?\b"
            r"|\blaunch(ed|es|ing)? (a |an |two |three |several )?([\w-]+ ){0,2}(missiles?|rockets?|satellites?)\b"
            r"|\btest-fir(e|ed|ing)\b|\bdetonat(e|ed|ion)\b",
        ),
        (
            "conflict",
            r"(?<!cold )\bwar\b|\battack(s|ed)?\b|\bfighting\b|\bclashes\b|\bkilled\b|\bairstrikes?\b"
            r"|\bshelling\b|\bhostilities\b|\bbombing\b",
        ),
        (
            "agreement",
            r"\bsigned\b|\bsigning\b|\breached (an? |the )?(\w+ )?(agreement|deal|accord)\b|\bagreed\b"
            r"|\bceasefire\b|\bcease-fire\b|\bpeace (deal|accord|agreement)\b|\bratif(y|ied|ication)\b",
        ),
        (
            "meeting",
            r"\bmeeting\b|\btalks\b|\bsummit\b|\bconference\b|\bconvened\b|\bsession\b|\bmet\b"
            r"|\bbrief(s|ed|ing)\b|\bdebate\b",
        ),
        (
            "statement",
            r"\bsaid\b|\bsays\b|\btold\b|\btells\b|\bstressed\b|\burged?\b|\burges\b|\bstatement\b"
            r"|\bremarks\b|\bcalled for\b|\bcalls for\b|\bwelcomed\b|\bnoted\b|\bwarned\b|\bwarns\b"
            r"|\bannounced\b|\bdeclared\b|\bexpressed\b|\bcondemned\b|\bappealed\b",
        ),
    )
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


def classify(sentence: str) -> str:
    """The event kind of a sentence: the first rule of ``KIND_RULES`` that matches, else "other"."""
    for kind, pattern in KIND_RULES:
        if pattern.search(sentence):
            return kind
    return "other"


_QUOTE_THEN_SPEAKER = re.compile(
    r"^[\"“](?P<quote>[^\"“”]{3,}?)[,.!?]?[\"”],?\s+(?P<speaker>(?:[A-Z][\w.’'\-]*\s){0,3}?[\w.’'\-]+)\s+"
    r"(?:said|says|stressed|added|noted|warned|told)\b"
    r"|^[\"“](?P<quote2>[^\"“”]{3,}?)[,.!?]?[\"”],?\s+(?:said|says|stressed|added|noted|warned)\s+"
    r"(?P<speaker2>(?:[A-Z][\w.’'\-]*\s?){1,4})"
)


def make_title(sentence: str, mention: DateMention | None = None) -> str:
    """A short readable title from the sentence.

    A quotation with its speaker becomes ``Speaker: “quotation”``; otherwise a leading date phrase and filler
    openings ("He noted that") are dropped. Titles are cut at a word boundary.
    """
    quoted = _QUOTE_THEN_SPEAKER.match(sentence.strip())
    if quoted:
        quote = (quoted.group("quote") or quoted.group("quote2")).strip()
        speaker = (quoted.group("speaker") or quoted.group("speaker2")).strip().rstrip(",.")
        if speaker.lower() not in {"he", "she", "they", "it"}:
            return _cut(f"{speaker}: “{quote}”")
    text = sentence
    if mention is not None and mention.start <= 2:
        # "Earlier this month, the Council ..." -> "the Council ..."
        text = text[mention.end :].lstrip(" ,;:–-")
    text = _LEADING_FILLER.sub("", text.strip().strip("\"“”'‘’"))
    text = _cut(text.rstrip(" ."))
    return text[:1].upper() + text[1:] if text else _cut(sentence)


def _cut(text: str) -> str:
    if len(text) <= TITLE_MAX_CHARS:
        return text
    cut = text[:TITLE_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return f"{cut}…"


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

    article_actor_slugs: list[str] = [m.slug for m in gazetteer.find(parsed.title, on=published_on)]
    article_resolutions: list[ResolutionRef] = [resolution_ref(m) for m in find_resolutions(parsed.title)]
    new_people: dict[str, NewPerson] = {}
    events: list[ExtractedEvent] = []
    main_event: ExtractedEvent | None = None

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
            resolutions = [resolution_ref(m) for m in find_resolutions(sentence.text)]
            dates = find_dates(sentence.text, base=published_on)
            analysed.append((sentence, actors, resolutions, dates))
            article_actor_slugs += actors
            article_resolutions += resolutions

        for index, (sentence, actors, resolutions, dates) in enumerate(analysed):
            if main_event is None:
                # The lead reports the main event; any other date it carries still gives an event below.
                main_event = _main_event(parsed, sentence, actors, resolutions, gazetteer)
            # Resolutions cited in the undated sentences that follow belong to this sentence's events.
            context_resolutions = list(resolutions)
            context_text = [sentence.text]
            for following, _actors, following_resolutions, following_dates in analysed[index + 1 :]:
                if following_dates:
                    break
                context_resolutions += following_resolutions
                if len(context_text) < 2:
                    context_text.append(following.text)
            seen_intervals: set[tuple[date, date, str]] = set()
            for mention in dates:
                interval = (mention.date_start, mention.date_end, mention.precision)
                if interval == (published_on, published_on, "day") or interval in seen_intervals:
                    continue
                seen_intervals.add(interval)
                events.append(
                    ExtractedEvent(
                        title=make_title(sentence.text, mention),
                        summary=" ".join(context_text),
                        kind=classify(sentence.text),
                        date_start=mention.date_start,
                        date_end=mention.date_end,
                        date_precision=mention.precision,
                        date_text=mention.text,
                        quote=sentence.text,
                        quote_start=sentence.start,
                        quote_end=sentence.end,
                        actors=unique(actors),
                        resolutions=unique(context_resolutions),
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
    return ExtractedArticle(
        source_name=source_name,
        content_hash=hashlib.sha256(raw).hexdigest(),
        title=parsed.title,
        published_on=published_on,
        dateline_text=parsed.dateline_text,
        body=body,
        events=[main_event, *events],
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
) -> ExtractedEvent:
    """The event the article reports: dated by the dateline, titled by the article, quoted from its lead."""
    title_actors = [m.slug for m in gazetteer.find(parsed.title, on=parsed.published_on)]
    return ExtractedEvent(
        title=parsed.title,
        summary=lead.text,
        # The title says what the article reports; the lead only decides when the title matches no rule.
        kind=title_kind if (title_kind := classify(parsed.title)) != "other" else classify(lead.text),
        date_start=parsed.published_on,
        date_end=parsed.published_on,
        date_precision="day",
        date_text=parsed.dateline_text,
        quote=lead.text,
        quote_start=lead.start,
        quote_end=lead.end,
        actors=unique([*title_actors, *actors]),
        resolutions=unique([*(resolution_ref(m) for m in find_resolutions(parsed.title)), *resolutions]),
        is_main=True,
    )
