"""The rows of synthetic articles, events and mentions with their links, whole articles per batch.

Rows are tuples in the order of the ``*_COLUMNS`` lists, ready for ``COPY``; ids are explicit (after the largest
one in the table), so links need no round trip to the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from timeline.choices import DatePrecision
from timeline.selectors.events import EVENT_CONTENT_FIELDS, EVENT_DATE_FIELDS, EVENT_QUOTE_FIELDS
from timeline.synthetic.draw import SOURCE_PREFIX, VERBS, Drawer, display_day

EXTRACTOR_VERSION = "synthetic"
BATCH_EVENTS = 50_000

ARTICLE_COLUMNS = (
    "id",
    "source_name",
    "title",
    "published_on",
    "dateline_text",
    "body",
    "content_hash",
    "extractor_version",
    "loaded_at",
    "updated_at",
)
# Synthetic events are not located (COPY writes every column: Django's defaults are not the database's).
LOCATION_COLUMNS = ("location_country", "location_place", "location_lat", "location_lon", "location_precision")
NO_LOCATION = ("", "", None, None, "")
EVENT_COLUMNS = (
    "id",
    "article_id",
    *EVENT_CONTENT_FIELDS,
    "is_main",
    "is_curated",
    "is_rejected",
    "mention_count",
    "created_at",
    "updated_at",
    *LOCATION_COLUMNS,
)
MENTION_COLUMNS = (
    "id",
    "event_id",
    "article_id",
    *EVENT_QUOTE_FIELDS,
    *EVENT_DATE_FIELDS,
    "kind",
    "trigger",
    "title",
    "summary",
    "is_main",
    "fingerprint",
    "merge_rule",
    "created_at",
    *LOCATION_COLUMNS,
)


@dataclass
class Batch:
    """The rows of some whole articles; the link lists hold ``(owner id, actor or resolution id)`` pairs."""

    articles: list[tuple] = field(default_factory=list)
    article_actors: list[tuple[int, int]] = field(default_factory=list)
    article_resolutions: list[tuple[int, int]] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    event_actors: list[tuple[int, int]] = field(default_factory=list)
    event_resolutions: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[tuple] = field(default_factory=list)
    mention_actors: list[tuple[int, int]] = field(default_factory=list)
    mention_resolutions: list[tuple[int, int]] = field(default_factory=list)


def fingerprint(*, is_main: bool, quote: str, date_text: str, start: dt.date, end: dt.date) -> str:
    """The mention's identity within its article, computed as the extractor does (``ExtractedEvent``)."""
    if is_main:
        return "main"
    key = f"{date_text.lower()}|{start}|{end}|{' '.join(quote.split()).lower()}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]


def batches(
    *,
    drawer: Drawer,
    sizes: list[int],
    article_id_base: int,
    event_id_base: int,
    mention_id_base: int,
    now: dt.datetime,
) -> Iterator[Batch]:
    """The rows to write, about ``BATCH_EVENTS`` events at a time, whole articles per batch.

    Article number ``n`` (from 1) is ``synthetic-00000n.txt``; each event has exactly one mention.
    """
    pools = drawer.pools
    names = pools.actor_names
    event_id = event_id_base
    mention_id = mention_id_base
    batch = Batch()
    for index, size in enumerate(sizes):
        article_id = article_id_base + index + 1
        published_on = drawer.day()
        dateline = display_day(published_on)
        sentences: list[str] = []
        fingerprints: set[str] = set()
        offset = 0
        article_actor_ids: set[int] = set()
        article_resolution_ids: set[int] = set()
        title = ""
        for position in range(size):
            event_id += 1
            mention_id += 1
            is_main = position == 0
            kind = drawer.kind()
            actor_ids = drawer.actors()
            resolution_id = drawer.resolution()
            if is_main:
                start = end = published_on
                precision, date_text = DatePrecision.DAY, dateline
            else:
                start, end, precision, date_text = drawer.interval(published_on)
            subject = " and ".join(names[actor_id] for actor_id in actor_ids[:2])
            verb, trigger = VERBS[kind]
            event_title = f"{subject} {verb} {drawer.topic()}"[:300]
            citation = f", citing resolution {pools.resolution_symbols[resolution_id]}" if resolution_id else ""
            if is_main:
                sentence = f"{dateline} – {event_title}{citation}."
                title = event_title[:500]
            else:
                sentence = f"{date_text[0].upper()}{date_text[1:]}, {event_title}{citation}."
                offset += 1 if position % 4 else 2  # a space, or a paragraph break every few sentences
            quote_start = offset
            offset += len(sentence)
            sentences.append(sentence)
            summary = sentence if is_main else ""
            batch.events.append(
                (
                    event_id,
                    article_id,
                    event_title,
                    summary,
                    kind,
                    start,
                    end,
                    precision,
                    date_text,
                    sentence,
                    quote_start,
                    offset,
                    is_main,
                    False,
                    False,
                    1,
                    now,
                    now,
                    *NO_LOCATION,
                )
            )
            mark = fingerprint(is_main=is_main, quote=sentence, date_text=date_text, start=start, end=end)
            if mark in fingerprints:  # the same sentence twice in one article: the extractor would keep one
                mark = f"{mark[:32]}-{position}"
            fingerprints.add(mark)
            batch.mentions.append(
                (
                    mention_id,
                    event_id,
                    article_id,
                    sentence,
                    quote_start,
                    offset,
                    start,
                    end,
                    precision,
                    date_text,
                    kind,
                    trigger,
                    event_title,
                    summary,
                    is_main,
                    mark,
                    "",
                    now,
                    *NO_LOCATION,
                )
            )
            batch.event_actors.extend((event_id, actor_id) for actor_id in actor_ids)
            batch.mention_actors.extend((mention_id, actor_id) for actor_id in actor_ids)
            article_actor_ids.update(actor_ids)
            if resolution_id:
                batch.event_resolutions.append((event_id, resolution_id))
                batch.mention_resolutions.append((mention_id, resolution_id))
                article_resolution_ids.add(resolution_id)
        body = "".join(
            (("" if position == 0 else (" " if position % 4 else "\n\n")) + sentence)
            for position, sentence in enumerate(sentences)
        )
        batch.articles.append(
            (
                article_id,
                f"{SOURCE_PREFIX}{index + 1:06d}.txt",
                title,
                published_on,
                dateline,
                body,
                hashlib.sha256(body.encode()).hexdigest(),
                EXTRACTOR_VERSION,
                now,
                now,
            )
        )
        batch.article_actors.extend((article_id, actor_id) for actor_id in sorted(article_actor_ids))
        batch.article_resolutions.extend((article_id, res_id) for res_id in sorted(article_resolution_ids))
        if len(batch.events) >= BATCH_EVENTS:
            yield batch
            batch = Batch()
    if batch.events or batch.articles:
        yield batch
