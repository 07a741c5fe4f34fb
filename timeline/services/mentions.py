"""Mentions: one article's reports of happenings, and the events (happenings) they build.

``article_mentions_replace`` is the only writer of an article's mentions. It keeps these rules (DESIGN.md, "Data
model semantics"; issue "Happenings, not sentences"):

* A mention is identified within its article by its fingerprint (its sentence and date words). On a reload a
  mention with the same fingerprint is updated in place and stays with its event, so curated events, rejected
  events and a curator's merges and splits survive.
* A new mention that reports a happening another article already reported **joins that event** instead of
  founding a new one. Candidates have compatible dates (nested intervals: never two different days), the same kind
  family, and no mention from the same article yet. Identity needs evidence (``MERGE_RULES``): the same resolution
  adopted, the same trigger with the same core actors, or near-identical wording. Over-merging is worse than a
  missed merge, so the thresholds are strict. The rule and its score are stored on the mention.
* A new mention whose reworded sentence replaces a removed one of the same article, at the same date, takes the
  removed one's place in its event ("reworded"), so a rejected or curated happening stays so through an edit.
* When a new mention matches several machine events that agree on their dates, they are one happening that was
  reported in pieces: they merge into one. That makes the result independent of the order of loading for chains
  of reports, not only for pairs.
* An event's fields follow its mentions (``event_refresh``): its date is the most precise date they all agree on,
  its actors and resolutions are their union, and its title, summary, kind, article and quote are those of its
  primary mention (the most precise, then the earliest published). Curated and rejected events keep their fields;
  only their ``mention_count`` follows. An event is deleted when its last mention goes, unless a curator touched it.

Every function runs inside the caller's transaction (``article_save``); on PostgreSQL the caller holds an advisory
lock, so two loaders never found two events for one happening at the same time.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from timeline.models import Actor, Article, Event, Mention

# Kinds that can describe one happening: a resolution adopted is "resolution" in one text and "sanctions" in another.
KIND_FAMILIES = {
    "resolution": "decision",
    "sanctions": "decision",
    "statement": "statement",
    "meeting": "meeting",
    "test_or_launch": "test_or_launch",
    "conflict": "conflict",
    "agreement": "agreement",
    "other": "other",
}
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
MERGE_THRESHOLD = 0.6
# Two reports of a statement on one day, by the same person, in articles about the same state.
SPEAKER_SCORE = 0.7
# Words of one act of speaking: a person's remarks of one day are one statement, whichever of them a report uses
# ("told the Council", "said", "his address"). A briefing or a condemnation is another act.
SPEECH_TRIGGERS = frozenset(
    {
        "say",
        "tell",
        "address",
        "remarks",
        "statement",
        "stress",
        "warn",
        "urge",
        "express",
        "reiterate",
        "appeal",
        "promise",
        "announce",
    }
)
WORDING_THRESHOLD = 0.6
REWORDED_THRESHOLD = 0.5
# Actors that take part in nearly everything say nothing about identity.
UBIQUITOUS_ACTORS = {"united-nations"}
# Serialises the merge step of concurrent loaders on PostgreSQL (an arbitrary, fixed key).
MERGE_LOCK_KEY = 72_617_001

STOPWORDS = frozenset(
    """a an the of to in on at by for with from and or but as is are was were be been its it his her their this that
    these those which who whom has have had will would also after before over under into about than said says today
    yesterday not no mr ms""".split()
)
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True)
class MentionDraft:
    """What extraction says one article reports, with actors and resolutions already resolved to ids."""

    fingerprint: str
    quote: str
    quote_start: int | None
    quote_end: int | None
    date_start: date
    date_end: date
    date_precision: str
    date_text: str
    kind: str
    trigger: str
    title: str
    summary: str
    is_main: bool
    actor_ids: tuple[int, ...] = ()
    resolution_ids: tuple[int, ...] = ()
    # Where its clause says the happening took place: the Mention's ``location_*`` fields ("" / None: unknown).
    location_country: str = ""
    location_place: str = ""
    location_lat: float | None = None
    location_lon: float | None = None
    location_precision: str = ""

    def location_values(self) -> dict:
        return {name: getattr(self, name) for name in LOCATION_FIELDS}


LOCATION_FIELDS = ("location_country", "location_place", "location_lat", "location_lon", "location_precision")
LOCATION_RANK = {"place": 0, "country": 1}


def agreed_location(mentions) -> dict:
    """The event's location: the most precise one that its located mentions agree on (same country; a place
    only when every mention with a place names that place). Unlocated mentions do not disagree."""
    located = [m for m in mentions if m.location_country]
    if not located or len({m.location_country for m in located}) > 1:
        return dict.fromkeys(LOCATION_FIELDS, "") | {"location_lat": None, "location_lon": None}
    with_place = [m for m in located if m.location_precision == "place"]
    if with_place and len({m.location_place for m in with_place}) == 1:
        chosen = with_place[0]
    else:
        chosen = located[0]
        return {
            "location_country": chosen.location_country,
            "location_place": "",
            "location_lat": None,
            "location_lon": None,
            "location_precision": "country",
        }
    return {name: getattr(chosen, name) for name in LOCATION_FIELDS}


@dataclass
class MentionChanges:
    """What ``article_mentions_replace`` did, for loadseeds' summary."""

    events_created: int = 0
    events_deleted: int = 0
    events_kept: int = 0  # curated or rejected events this article reports, whose fields stayed as they were
    mentions_created: int = 0
    mentions_updated: int = 0
    mentions_deleted: int = 0
    mentions_merged: int = 0  # new mentions that joined an event another article had already reported
    events: list[tuple] = field(default_factory=list)  # (date_start, date_end, precision, kind, title) per new event


@dataclass
class _Known:
    """A mention already in the database, as the merge rules see it."""

    id: int
    event_id: int
    article_id: int
    date_start: date
    date_end: date
    kind: str
    trigger: str
    words: frozenset[str]
    actor_ids: frozenset[int]
    resolution_ids: frozenset[int]


# ------------------------------------------------------------------------------------------------- evidence
def content_words(text: str) -> frozenset[str]:
    """The lower-cased content words of a quote, accents folded: what "similar wording" compares."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return frozenset(word for word in WORD.findall(folded) if word not in STOPWORDS and len(word) > 2)


def jaccard(first: frozenset, second: frozenset) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def nested(start: date, end: date, other_start: date, other_end: date) -> bool:
    """Whether one interval lies within the other: "August 2017" and "5 August 2017" agree, 5 and 6 August do not."""
    return (start <= other_start and other_end <= end) or (other_start <= start and end <= other_end)


def merge_score(draft: MentionDraft, known: _Known, *, draft_words: frozenset[str]) -> tuple[str, float]:
    """The strongest evidence that ``draft`` and ``known`` report the same happening: ``(rule, score)``.

    The caller has checked dates and kind family. A score below ``MERGE_THRESHOLD`` is no evidence.
    """
    best = ("", 0.0)
    family = KIND_FAMILIES.get(draft.kind, "other")
    shared_resolutions = set(draft.resolution_ids) & known.resolution_ids
    if family == "decision" and shared_resolutions:
        best = ("same resolution", 1.0)
    draft_actors = frozenset(draft.actor_ids)
    if draft.trigger and draft.trigger == known.trigger and draft_actors & known.actor_ids:
        overlap = jaccard(draft_actors, known.actor_ids)
        score = 0.5 + overlap / 2
        if overlap >= 0.5 and score > best[1]:
            best = ("same trigger and actors", round(score, 3))
    wording = jaccard(draft_words, known.words)
    if wording >= WORDING_THRESHOLD and wording > best[1]:
        best = ("similar wording", round(wording, 3))
    return best


def same_speaker_and_topic(
    draft: MentionDraft,
    known: _Known,
    *,
    people: frozenset[int],
    draft_states: frozenset[int],
    known_states: frozenset[int],
) -> bool:
    """A statement of one day, by the same person (``people``: the ids of person actors), in two articles that
    share a state. A briefing and remarks to reporters are two happenings, so the triggers must be the same, or
    both words of speaking (:data:`SPEECH_TRIGGERS`)."""
    return (
        KIND_FAMILIES.get(draft.kind) == "statement"
        and draft.date_precision == "day"
        and (draft.date_start, draft.date_end) == (known.date_start, known.date_end)
        and bool(draft.trigger)
        and (draft.trigger == known.trigger or {draft.trigger, known.trigger} <= SPEECH_TRIGGERS)
        and bool(set(draft.actor_ids) & known.actor_ids & people)
        and bool(draft_states & known_states)
    )


# ------------------------------------------------------------------------------------------------- writing
def merge_lock() -> None:
    """Take the transaction-scoped merge lock on PostgreSQL (SQLite's write transactions are serial already)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [MERGE_LOCK_KEY])


def article_mentions_replace(*, article: Article, drafts: list[MentionDraft]) -> MentionChanges:
    """Make ``article``'s mentions those of ``drafts``: update, merge, found and delete, keeping curators' work."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("article_mentions_replace runs inside article_save's transaction")
    merge_lock()
    changes = MentionChanges()
    existing = {mention.fingerprint: mention for mention in Mention.objects.filter(article=article)}
    wanted = {draft.fingerprint: draft for draft in drafts}
    touched: set[int] = set()

    for fingerprint, draft in wanted.items():
        mention = existing.get(fingerprint)
        if mention is not None and _update(mention, draft):
            changes.mentions_updated += 1
            touched.add(mention.event_id)

    removed = [mention for fingerprint, mention in existing.items() if fingerprint not in wanted]
    removed_words = {mention.id: content_words(mention.quote) for mention in removed}
    succeeded: set[int] = set()  # removed mentions that a reworded sentence took the place of
    new_drafts = sorted(
        (draft for fingerprint, draft in wanted.items() if fingerprint not in existing),
        key=lambda draft: (not draft.is_main, draft.quote_start or 0, draft.date_start, draft.fingerprint),
    )
    for draft in new_drafts:
        words = content_words(draft.quote)
        successor = _reworded(draft, words, [m for m in removed if m.id not in succeeded], removed_words)
        if successor is not None:
            succeeded.add(successor[0].id)
            _create(article, draft, event_id=successor[0].event_id, rule="reworded", score=successor[1])
            touched.add(successor[0].event_id)
            changes.mentions_created += 1
            continue
        event_id, rule, score, bridged = _matching_event(article, draft, words)
        if event_id is None:
            event = _found_event(article, draft)
            changes.events_created += 1
            changes.events.append((draft.date_start, draft.date_end, draft.date_precision, draft.kind, draft.title))
            event_id = event.id
        else:
            changes.mentions_merged += 1
            for other in bridged:
                Mention.objects.filter(event_id=other).update(event_id=event_id)
                touched.add(other)
        _create(article, draft, event_id=event_id, rule=rule, score=score)
        touched.add(event_id)
        changes.mentions_created += 1

    if removed:
        Mention.objects.filter(id__in=[mention.id for mention in removed]).delete()
        changes.mentions_deleted = len(removed)
        touched.update(mention.event_id for mention in removed)

    for event in Event.objects.filter(id__in=touched).order_by("id"):
        outcome = event_refresh(event=event, edited_article=article)
        changes.events_deleted += outcome == "deleted"
    if existing:
        changes.events_kept = (
            Event.objects.filter(Q(is_curated=True) | Q(is_rejected=True), mentions__article=article).distinct().count()
        )
    return changes


def _update(mention: Mention, draft: MentionDraft) -> bool:
    """Bring a kept mention up to date (offsets move when the text around it is edited); whether anything changed."""
    values = {
        "quote": draft.quote,
        "quote_start": draft.quote_start,
        "quote_end": draft.quote_end,
        "date_start": draft.date_start,
        "date_end": draft.date_end,
        "date_precision": draft.date_precision,
        "date_text": draft.date_text[:200],
        "kind": draft.kind,
        "trigger": draft.trigger[:40],
        "title": draft.title[:300],
        "summary": draft.summary,
        "is_main": draft.is_main,
        **draft.location_values(),
    }
    changed = [name for name, value in values.items() if getattr(mention, name) != value]
    actor_ids = set(mention.actors.values_list("id", flat=True))
    resolution_ids = set(mention.resolutions.values_list("id", flat=True))
    if changed:
        for name in changed:
            setattr(mention, name, values[name])
        mention.save(update_fields=changed)
    if actor_ids != set(draft.actor_ids):
        mention.actors.set(draft.actor_ids)
        changed.append("actors")
    if resolution_ids != set(draft.resolution_ids):
        mention.resolutions.set(draft.resolution_ids)
        changed.append("resolutions")
    return bool(changed)


def _create(article: Article, draft: MentionDraft, *, event_id: int, rule: str, score: float | None) -> Mention:
    mention = Mention.objects.create(
        event_id=event_id,
        article=article,
        quote=draft.quote,
        quote_start=draft.quote_start,
        quote_end=draft.quote_end,
        date_start=draft.date_start,
        date_end=draft.date_end,
        date_precision=draft.date_precision,
        date_text=draft.date_text[:200],
        kind=draft.kind,
        trigger=draft.trigger[:40],
        title=draft.title[:300],
        summary=draft.summary,
        is_main=draft.is_main,
        fingerprint=draft.fingerprint,
        merge_rule=rule,
        merge_score=score,
        **draft.location_values(),
    )
    Mention.actors.through.objects.bulk_create(
        [
            Mention.actors.through(mention_id=mention.id, actor_id=actor_id)
            for actor_id in dict.fromkeys(draft.actor_ids)
        ]
    )
    Mention.resolutions.through.objects.bulk_create(
        [
            Mention.resolutions.through(mention_id=mention.id, resolution_id=resolution_id)
            for resolution_id in dict.fromkeys(draft.resolution_ids)
        ]
    )
    return mention


def _found_event(article: Article, draft: MentionDraft) -> Event:
    """A new event for a happening no other article has reported yet; ``event_refresh`` fills in the rest."""
    return Event.objects.create(
        article=article,
        title=draft.title[:300],
        summary=draft.summary,
        kind=draft.kind,
        date_start=draft.date_start,
        date_end=draft.date_end,
        date_precision=draft.date_precision,
        date_text=draft.date_text[:200],
        quote=draft.quote,
        quote_start=draft.quote_start,
        quote_end=draft.quote_end,
        is_main=draft.is_main,
        **draft.location_values(),
    )


def _reworded(
    draft: MentionDraft, words: frozenset[str], removed: list[Mention], removed_words: dict[int, frozenset[str]]
) -> tuple[Mention, float] | None:
    """The removed mention of the same article that ``draft`` rewords: same date, most of the same words."""
    best: tuple[Mention, float] | None = None
    for mention in removed:
        same_date = (mention.date_start, mention.date_end) == (draft.date_start, draft.date_end)
        if not same_date or mention.is_main != draft.is_main:
            continue
        score = 1.0 if draft.is_main else jaccard(words, removed_words[mention.id])
        if score >= REWORDED_THRESHOLD and (best is None or score > best[1]):
            best = (mention, round(score, 3))
    return best


def _candidates(article: Article, draft: MentionDraft) -> list[_Known]:
    """Mentions of other articles that could report the same happening: compatible dates, same kind family."""
    family = KIND_FAMILIES.get(draft.kind, "other")
    kinds = [kind for kind, kind_family in KIND_FAMILIES.items() if kind_family == family]
    rows = list(
        Mention.objects.filter(
            date_start__lte=draft.date_end,
            date_end__gte=draft.date_start,
            kind__in=kinds,
            event__date_start__lte=draft.date_end,
            event__date_end__gte=draft.date_start,
        )
        .exclude(article=article)
        .exclude(event__mentions__article=article)
        .values("id", "event_id", "article_id", "date_start", "date_end", "kind", "trigger", "quote")
    )
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    actors: dict[int, set[int]] = defaultdict(set)
    for mention_id, actor_id in Mention.actors.through.objects.filter(mention_id__in=ids).values_list(
        "mention_id", "actor_id"
    ):
        actors[mention_id].add(actor_id)
    resolutions: dict[int, set[int]] = defaultdict(set)
    for mention_id, resolution_id in Mention.resolutions.through.objects.filter(mention_id__in=ids).values_list(
        "mention_id", "resolution_id"
    ):
        resolutions[mention_id].add(resolution_id)
    return [
        _Known(
            id=row["id"],
            event_id=row["event_id"],
            article_id=row["article_id"],
            date_start=row["date_start"],
            date_end=row["date_end"],
            kind=row["kind"],
            trigger=row["trigger"],
            words=content_words(row["quote"]),
            actor_ids=frozenset(actors[row["id"]]),
            resolution_ids=frozenset(resolutions[row["id"]]),
        )
        for row in rows
        if nested(draft.date_start, draft.date_end, row["date_start"], row["date_end"])
    ]


def _ubiquitous_ids() -> frozenset[int]:
    return frozenset(Actor.objects.filter(slug__in=UBIQUITOUS_ACTORS).values_list("id", flat=True))


def _speakers_and_topics(
    article: Article, draft: MentionDraft, candidates: list[_Known]
) -> tuple[frozenset[int], dict[int, frozenset[int]]]:
    """The person actors among the mentions' actors, and the states each article names (two queries, and only
    for statements)."""
    if KIND_FAMILIES.get(draft.kind) != "statement":
        return frozenset(), defaultdict(frozenset)
    actor_ids = set(draft.actor_ids).union(*(known.actor_ids for known in candidates))
    people = frozenset(Actor.objects.filter(id__in=actor_ids, kind="person").values_list("id", flat=True))
    states: dict[int, set[int]] = defaultdict(set)
    article_ids = {article.pk, *(known.article_id for known in candidates)}
    for article_id, actor_id in Article.actors.through.objects.filter(
        article_id__in=article_ids, actor__kind="state"
    ).values_list("article_id", "actor_id"):
        states[article_id].add(actor_id)
    return people, defaultdict(frozenset, {key: frozenset(value) for key, value in states.items()})


def _matching_event(
    article: Article, draft: MentionDraft, words: frozenset[str]
) -> tuple[int | None, str, float | None, list[int]]:
    """The event ``draft`` joins, with the rule and score, and other machine events it shows to be the same one."""
    candidates = _candidates(article, draft)
    if not candidates:
        return None, "", None, []
    ubiquitous = _ubiquitous_ids()
    scoped = MentionDraft(**{**draft.__dict__, "actor_ids": tuple(set(draft.actor_ids) - ubiquitous)})
    people, states_by_article = _speakers_and_topics(article, draft, candidates)
    best_by_event: dict[int, tuple[str, float]] = {}
    for known in candidates:
        known.actor_ids = known.actor_ids - ubiquitous
        rule, score = merge_score(scoped, known, draft_words=words)
        draft_states, known_states = states_by_article[article.pk], states_by_article[known.article_id]
        if (
            rule == "same trigger and actors"
            and set(scoped.actor_ids) & known.actor_ids <= people
            and not draft_states & known_states
        ):
            # One person's statements of one day on two subjects are two happenings.
            rule, score = "", 0.0
        if score < SPEAKER_SCORE and same_speaker_and_topic(
            scoped, known, people=people, draft_states=draft_states, known_states=known_states
        ):
            rule, score = "same speaker and topic", SPEAKER_SCORE
        if score >= MERGE_THRESHOLD and score > best_by_event.get(known.event_id, ("", 0.0))[1]:
            best_by_event[known.event_id] = (rule, score)
    if not best_by_event:
        return None, "", None, []
    events = {
        event.id: event for event in Event.objects.filter(id__in=best_by_event).select_related("article").order_by("id")
    }
    # The best evidence wins; ties go to the event whose date is most precise, then to the earliest report, so the
    # choice does not depend on which article happened to be loaded first.
    ranked = sorted(
        best_by_event,
        key=lambda event_id: (
            -best_by_event[event_id][1],
            PRECISION_RANK.get(events[event_id].date_precision, 9),
            events[event_id].article.published_on,
            events[event_id].article.source_name,
            events[event_id].quote_start or 0,
        ),
    )
    chosen = events[ranked[0]]
    bridged = [
        event_id
        for event_id in ranked[1:]
        if not (events[event_id].is_curated or events[event_id].is_rejected)
        and nested(chosen.date_start, chosen.date_end, events[event_id].date_start, events[event_id].date_end)
    ]
    rule, score = best_by_event[chosen.id]
    return chosen.id, rule, score, bridged


def _primary_key(mention: Mention) -> tuple:
    return (
        PRECISION_RANK.get(mention.date_precision, 9),
        (mention.date_end - mention.date_start).days,
        mention.article.published_on,
        mention.article.source_name,
        mention.quote_start or 0,
        mention.fingerprint,
    )


def _relocated_quote(event: Event, mentions: list[Mention], *, body: str) -> dict:
    """The quote fields of a curated or rejected event after its article was edited (its fields stay, but
    ``quote_start``/``quote_end`` must still point at the quote in the new body).

    The quote found again in the body gets its new offsets (the occurrence nearest the old ones). A rejected event's
    quote is the machine's: when its sentence was reworded, it follows its mention in that article. A curator's
    quote that the new text no longer holds keeps its words and loses its offsets (null), which the admin shows as
    a quote missing from the article, for the curator to look at.
    """
    if not event.article_id or not event.quote:
        return {}
    own = next((mention for mention in mentions if mention.article_id == event.article_id), None)
    start, end = event.quote_start, event.quote_end
    if start is not None and end is not None and body[start:end] == event.quote:
        return {}
    found = _occurrences(body, event.quote)
    if found:
        best = min(found, key=lambda index: abs(index - (start or 0)))
        return {"quote_start": best, "quote_end": best + len(event.quote)}
    if event.is_rejected and not event.is_curated and own is not None:
        return {"quote": own.quote, "quote_start": own.quote_start, "quote_end": own.quote_end}
    return {"quote_start": None, "quote_end": None}


def _occurrences(text: str, needle: str) -> list[int]:
    found, index = [], text.find(needle)
    while index >= 0:
        found.append(index)
        index = text.find(needle, index + 1)
    return found


def event_refresh(*, event: Event, edited_article: Article | None = None) -> str:
    """Make ``event`` follow its mentions: ``"deleted"``, ``"kept"`` (curated or rejected) or ``"refreshed"``.

    ``edited_article`` is the article just (re-)extracted: when it is the event's own, a kept event's quote
    offsets are re-located in its new body.
    """
    mentions = list(
        Mention.objects.filter(event=event).select_related("article").prefetch_related("actors", "resolutions")
    )
    if not mentions:
        if event.is_curated or event.is_rejected:
            if event.mention_count:
                Event.objects.filter(id=event.id).update(mention_count=0)
            return "kept"
        event.delete()
        return "deleted"
    if event.is_curated or event.is_rejected:
        values = {"mention_count": len(mentions)}
        if edited_article is not None and edited_article.id == event.article_id:
            values.update(_relocated_quote(event, mentions, body=edited_article.body))
        changed = {name: value for name, value in values.items() if getattr(event, name) != value}
        if changed.keys() - {"mention_count"}:
            changed["updated_at"] = timezone.now()  # readers of /api/changes/ see the new offsets
        if changed:
            Event.objects.filter(id=event.id).update(**changed)
        return "kept"
    mentions.sort(key=_primary_key)
    primary = mentions[0]
    dated = next(
        (
            candidate
            for candidate in mentions
            if all(
                other.date_start <= candidate.date_start and candidate.date_end <= other.date_end for other in mentions
            )
        ),
        primary,
    )
    values = {
        "article_id": primary.article_id,
        "title": primary.title or event.title,
        "summary": primary.summary,
        "kind": primary.kind,
        "date_start": dated.date_start,
        "date_end": dated.date_end,
        "date_precision": dated.date_precision,
        "date_text": dated.date_text,
        "quote": primary.quote,
        "quote_start": primary.quote_start,
        "quote_end": primary.quote_end,
        "is_main": any(mention.is_main for mention in mentions),
        "mention_count": len(mentions),
        **agreed_location(mentions),
    }
    changed = [name for name, value in values.items() if getattr(event, name) != value]
    if changed:
        for name in changed:
            setattr(event, name, values[name])
        event.save(update_fields=[*changed, "updated_at"])
    actor_ids = list(dict.fromkeys(actor.id for mention in mentions for actor in mention.actors.all()))
    resolution_ids = list(dict.fromkeys(res.id for mention in mentions for res in mention.resolutions.all()))
    if set(event.actors.values_list("id", flat=True)) != set(actor_ids):
        event.actors.set(actor_ids)
    if set(event.resolutions.values_list("id", flat=True)) != set(resolution_ids):
        event.resolutions.set(resolution_ids)
    return "refreshed"


# ------------------------------------------------------------------------------------------- curators' identity
CURATOR_RULE = "curator"


def events_merge(*, target: Event, others: list[Event]) -> Event:
    """A curator says ``others`` report the same happening as ``target``: their mentions join it and they go.

    The target becomes curated, so no reload changes or splits it again; a machine target first takes the date,
    actors and resolutions its mentions now agree on, a curated one keeps its fields and gains the relations.
    """
    other_ids = [event.pk for event in others if event.pk != target.pk]
    with transaction.atomic():
        merge_lock()
        Mention.objects.filter(event_id__in=other_ids).update(
            event_id=target.pk, merge_rule=CURATOR_RULE, merge_score=None
        )
        target = Event.objects.get(pk=target.pk)
        if not (target.is_curated or target.is_rejected):
            event_refresh(event=target)
        else:
            actor_ids = Mention.actors.through.objects.filter(mention__event=target).values_list("actor_id", flat=True)
            resolution_ids = Mention.resolutions.through.objects.filter(mention__event=target).values_list(
                "resolution_id", flat=True
            )
            target.actors.add(*set(actor_ids))
            target.resolutions.add(*set(resolution_ids))
        Event.objects.filter(pk__in=other_ids).delete()
        Event.objects.filter(pk=target.pk).update(
            is_curated=True, mention_count=Mention.objects.filter(event_id=target.pk).count()
        )
        target.refresh_from_db()
    return target


def mention_split(*, mention: Mention) -> Event:
    """A curator says ``mention`` reports a happening of its own: it leaves its event for a new, curated one.

    The new event takes the mention's own words, date, actors and resolutions; the event it left follows its
    remaining mentions (or keeps its fields and only its count, when a curator owns it).
    """
    with transaction.atomic():
        merge_lock()
        mention = Mention.objects.select_related("event").get(pk=mention.pk)
        old = mention.event
        if Mention.objects.filter(event=old).count() < 2:
            raise ValueError("The event has no other mention: there is nothing to split it from.")
        event = Event.objects.create(
            article_id=mention.article_id,
            title=mention.title or old.title,
            summary=mention.summary,
            kind=mention.kind,
            date_start=mention.date_start,
            date_end=mention.date_end,
            date_precision=mention.date_precision,
            date_text=mention.date_text,
            quote=mention.quote,
            quote_start=mention.quote_start,
            quote_end=mention.quote_end,
            is_main=mention.is_main,
            is_curated=True,
            mention_count=1,
            **{name: getattr(mention, name) for name in LOCATION_FIELDS},
        )
        event.actors.set(mention.actors.all())
        event.resolutions.set(mention.resolutions.all())
        Mention.objects.filter(pk=mention.pk).update(event=event, merge_rule="", merge_score=None)
        event_refresh(event=Event.objects.get(pk=old.pk))
    return event
