"""Ingestion (``loadseeds``): read article files, extract them, and store each one through the entity services
(``articles.article_store``, ``actors.actors_auto_create``, ``resolutions.resolution_auto_create``,
``mentions.article_mentions_replace``) in one transaction per article.

Rules it keeps (DESIGN.md, "loadseeds contract"):

* An article is identified by its file name. A file whose bytes and extractor version are unchanged is skipped
  without a single write, so a second run changes nothing.
* A changed file re-extracts its article in one transaction: the machine's events are replaced, while events a
  curator edited (``is_curated``) or rejected (``is_rejected``) are kept untouched, and an extracted event whose
  fingerprint matches a kept one is not created again.
* Concurrent runs serialise on the article row (``select_for_update``); the unique constraints on
  ``Article.source_name`` and ``(Event.article, Event.fingerprint)`` make a duplicate impossible, not unlikely.
"""

from __future__ import annotations

import enum
import hashlib
import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Max, Prefetch

from timeline.extraction.actors import AliasSpec, Gazetteer, GazetteerEntry
from timeline.extraction.article import ArticleError
from timeline.extraction.events import EXTRACTOR_VERSION, ExtractedArticle, ResolutionRef, extract_article
from timeline.extraction.parallel import worker_extract, worker_init
from timeline.models import Actor, ActorAlias, Article, Resolution
from timeline.services.actors import actors_auto_create
from timeline.services.articles import article_store
from timeline.services.mentions import MentionDraft, article_mentions_replace
from timeline.services.reference import reference_data_sync
from timeline.services.resolutions import resolution_auto_create

MAX_FILE_BYTES = 2 * 1024 * 1024


class Outcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass
class IngestResult:
    """What happened to one file."""

    source_name: str
    outcome: Outcome
    reason: str = ""
    events_created: int = 0
    events_deleted: int = 0
    events_kept: int = 0
    mentions_merged: int = 0  # reports that joined an event another article had already reported
    actors_linked: int = 0
    actors_created: list[str] = field(default_factory=list)
    resolutions_linked: int = 0
    resolutions_created: list[str] = field(default_factory=list)
    article_id: int | None = None
    # (date_start, date_end, precision, kind, title) of each event written, for `loadseeds -v 3`.
    events: list[tuple] = field(default_factory=list)


class IngestError(Exception):
    """A file that cannot be loaded; ``reason`` is one line for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


GazetteerMark = tuple[int, int]


def gazetteer_mark() -> GazetteerMark:
    """The highest actor and alias ids: names the gazetteer as the database holds it now.

    ``loadseeds --queue`` sends it with every task, so that each worker, whenever and wherever it runs, extracts
    with the gazetteer the command saw when it started (as a direct load does), not one that includes the people
    other articles auto-created in the meantime: the result does not depend on which worker ran first.
    """
    actor_top = Actor.objects.aggregate(top=Max("id"))["top"] or 0
    alias_top = ActorAlias.objects.aggregate(top=Max("id"))["top"] or 0
    return (actor_top, alias_top)


def gazetteer_entries(*, mark: GazetteerMark | None = None) -> list[GazetteerEntry]:
    """Every actor in the database with its aliases, as the gazetteer's entries (up to ``mark`` when given)."""
    actors = Actor.objects.order_by("id")
    aliases_qs = ActorAlias.objects.all()
    if mark is not None:
        actors = actors.filter(id__lte=mark[0])
        aliases_qs = aliases_qs.filter(id__lte=mark[1])
    entries = []
    for actor in actors.prefetch_related(Prefetch("aliases", queryset=aliases_qs)):
        aliases = tuple(
            AliasSpec(name=alias.name, valid_from=alias.valid_from, valid_to=alias.valid_to)
            for alias in actor.aliases.all()
        )
        entries.append(
            GazetteerEntry(slug=actor.slug, name=actor.name, kind=actor.kind, iso3=actor.iso3, aliases=aliases)
        )
    return entries


def gazetteer_build(*, mark: GazetteerMark | None = None) -> Gazetteer:
    """The actor gazetteer over every actor in the database and its aliases (up to ``mark`` when given)."""
    return Gazetteer(gazetteer_entries(mark=mark))


def article_read(*, path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of an article file; ``IngestError`` when it is not a readable .txt file within the size limit."""
    if path.suffix.lower() != ".txt":
        raise IngestError(f"not a .txt article (suffix {path.suffix or 'none'!r})")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(
                f"file too large ({size / 1_000_000:.1f} MB; the limit is {max_bytes / 1_000_000:.1f} MB)"
            )
        return path.read_bytes()
    except OSError as error:
        raise IngestError(f"cannot read the file ({error.strerror or error})") from error


def _extracted(raw: bytes, *, path: Path, gazetteer: Gazetteer, source_path: str | None = None) -> ExtractedArticle:
    """Extract read bytes and remember where they came from; ``IngestError`` for unusable input."""
    try:
        extracted = extract_article(raw, source_name=path.name, gazetteer=gazetteer)
    except ArticleError as error:
        raise IngestError(error.reason) from error
    extracted.source_path = source_path if source_path is not None else str(path.resolve())
    return extracted


def article_extract(*, path: Path, gazetteer: Gazetteer, max_bytes: int = MAX_FILE_BYTES) -> ExtractedArticle:
    """Read and extract one file without touching the database; ``IngestError`` for unusable input."""
    return _extracted(article_read(path=path, max_bytes=max_bytes), path=path, gazetteer=gazetteer)


def article_pending(*, path: Path, max_bytes: int = MAX_FILE_BYTES, force: bool = False) -> bytes | IngestResult:
    """The file's bytes when it needs (re-)extraction, else the result that says why not (unchanged or failed)."""
    try:
        raw = article_read(path=path, max_bytes=max_bytes)
    except IngestError as error:
        return IngestResult(path.name, Outcome.FAILED, reason=error.reason)
    return _unchanged(source_name=path.name, raw=raw, force=force) or raw


def _unchanged(*, source_name: str, raw: bytes, force: bool) -> IngestResult | None:
    """The result "unchanged" when the database already holds these bytes, extracted by this extractor."""
    if force:
        return None
    row = Article.objects.filter(source_name=source_name).values("id", "content_hash", "extractor_version").first()
    if row and _is_current(row, raw):
        return IngestResult(source_name, Outcome.UNCHANGED, article_id=row["id"])
    return None


def article_ingest_content(
    *, raw: bytes, source_name: str, source_path: str, gazetteer: Gazetteer, force: bool = False
) -> IngestResult:
    """Load one article from bytes read elsewhere (a queued task's payload), as ``article_ingest`` loads a file.

    The same checks, the same extraction and the same single transaction: a worker on another machine needs no
    access to the file, only to the database. ``source_path`` is where the sender read it, kept for re-extraction.
    """
    unchanged = _unchanged(source_name=source_name, raw=raw, force=force)
    if unchanged is not None:
        return unchanged
    try:
        extracted = _extracted(raw, path=Path(source_name), gazetteer=gazetteer, source_path=source_path)
    except IngestError as error:
        return IngestResult(source_name, Outcome.FAILED, reason=error.reason)
    return article_save_retrying(extracted=extracted, force=force)


def article_ingest(
    *, path: Path, gazetteer: Gazetteer, max_bytes: int = MAX_FILE_BYTES, force: bool = False
) -> IngestResult:
    """Load one article file: skip it when unchanged, otherwise (re-)extract it in its own transaction."""
    pending = article_pending(path=path, max_bytes=max_bytes, force=force)
    if isinstance(pending, IngestResult):
        return pending
    try:
        extracted = _extracted(pending, path=path, gazetteer=gazetteer)
    except IngestError as error:
        return IngestResult(path.name, Outcome.FAILED, reason=error.reason)
    return article_save_retrying(extracted=extracted, force=force)


# PostgreSQL's "deadlock detected" and "could not serialize": the transaction rolled back whole and may run again.
RETRYABLE_PGCODES = {"40P01", "40001"}
SAVE_ATTEMPTS = 3


def article_save_retrying(*, extracted: ExtractedArticle, force: bool = False) -> IngestResult:
    """``article_save``, run again when a concurrent writer made its transaction roll back.

    Another process may create the same article between our check and our insert (the unique constraint rejects
    ours), or two loaders may wait on each other's per-day counter rows (PostgreSQL picks one as a deadlock
    victim). Either way our transaction rolled back whole; the next attempt runs under the article's row lock
    and sees the other's work.
    """
    attempt = 1
    while True:
        try:
            return article_save(extracted=extracted, force=force)
        except (IntegrityError, OperationalError) as error:
            retryable = isinstance(error, IntegrityError) or (
                getattr(error.__cause__, "pgcode", None) in RETRYABLE_PGCODES
            )
            if not retryable or attempt >= SAVE_ATTEMPTS:
                raise
            attempt += 1


def articles_ingest(
    *, paths: list[Path], jobs: int = 1, max_bytes: int = MAX_FILE_BYTES, force: bool = False
) -> Iterator[IngestResult]:
    """Load many files, in order, yielding each file's result as it is written.

    With ``jobs > 1`` extraction runs in that many worker processes (spawned, pure Python) while this process
    stays the only writer, one transaction per article. At most ``4 * jobs`` articles are in flight, so memory
    stays flat however many files there are.
    """
    entries = gazetteer_entries()
    if jobs <= 1:
        gazetteer = Gazetteer(entries)
        for path in paths:
            yield article_ingest(path=path, gazetteer=gazetteer, max_bytes=max_bytes, force=force)
        return
    context = multiprocessing.get_context("spawn")
    window = 4 * jobs
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=worker_init, initargs=(entries,)) as pool:
        in_flight: deque[tuple[Path, IngestResult | Future]] = deque()
        for path in paths:
            pending = article_pending(path=path, max_bytes=max_bytes, force=force)
            item = pending if isinstance(pending, IngestResult) else pool.submit(worker_extract, pending, path.name)
            in_flight.append((path, item))
            while len(in_flight) > window:
                yield _finish(*in_flight.popleft(), force=force)
        while in_flight:
            yield _finish(*in_flight.popleft(), force=force)


def _finish(path: Path, item: IngestResult | Future, *, force: bool) -> IngestResult:
    if isinstance(item, IngestResult):
        return item
    extracted = item.result()
    if isinstance(extracted, str):
        return IngestResult(path.name, Outcome.FAILED, reason=extracted)
    extracted.source_path = str(path.resolve())
    return article_save_retrying(extracted=extracted, force=force)


def _is_current(row: dict, raw: bytes) -> bool:
    return row["content_hash"] == hashlib.sha256(raw).hexdigest() and row["extractor_version"] == EXTRACTOR_VERSION


def article_name_clash(*, article: Article | None, source_path: str) -> str | None:
    """Why a file may not update ``article`` (the article loaded under the same file name), or None.

    Articles are keyed by their file name (DESIGN.md's natural key), so ``colB/report.txt`` would silently
    overwrite the article of ``colA/report.txt``. When the article came from another path and that file is still
    there, the two are different files: refused, naming both. When the old file is gone, the file was moved and
    the article follows it.
    """
    if article is None or not article.source_path or not source_path or article.source_path == source_path:
        return None
    if not Path(article.source_path).is_file():
        return None
    return (
        f"same file name as {article.source_path} (article {article.pk}), which is a different file; articles are "
        "keyed by file name, so rename one of them"
    )


@transaction.atomic
def article_save(*, extracted: ExtractedArticle, force: bool = False) -> IngestResult:
    """Write one extracted article and its events, keeping curated and rejected events."""
    article = Article.objects.select_for_update().filter(source_name=extracted.source_name).first()
    if (
        article is not None
        and not force
        and article.content_hash == extracted.content_hash
        and article.extractor_version == EXTRACTOR_VERSION
    ):
        # Another run loaded the same bytes while we were extracting.
        return IngestResult(extracted.source_name, Outcome.UNCHANGED, article_id=article.id)
    clash = article_name_clash(article=article, source_path=extracted.source_path)
    if clash:
        return IngestResult(extracted.source_name, Outcome.FAILED, reason=clash)
    outcome = Outcome.UPDATED if article is not None else Outcome.CREATED
    result = IngestResult(extracted.source_name, outcome, article_id=article.id if article else None)
    fields = {
        "title": extracted.title[:500],
        "published_on": extracted.published_on,
        "dateline_text": extracted.dateline_text[:100],
        "body": extracted.body,
        "content_hash": extracted.content_hash,
        "extractor_version": EXTRACTOR_VERSION,
        "source_path": extracted.source_path[:1000],
    }
    actor_ids = _actor_ids(extracted, result)
    resolution_ids = _resolution_ids(extracted, result)
    article_actor_ids = list(dict.fromkeys(actor_ids[slug] for slug in extracted.actors if slug in actor_ids))
    article_resolution_ids = list(
        dict.fromkeys(resolution_ids[ref] for ref in extracted.resolutions if ref in resolution_ids)
    )
    result.actors_linked = len(article_actor_ids)
    result.resolutions_linked = len(article_resolution_ids)
    article = article_store(
        article=article,
        source_name=extracted.source_name,
        data=fields,
        actor_ids=article_actor_ids,
        resolution_ids=article_resolution_ids,
    )
    result.article_id = article.id
    drafts = [
        MentionDraft(
            fingerprint=event.fingerprint,
            quote=event.quote,
            quote_start=event.quote_start,
            quote_end=event.quote_end,
            date_start=event.date_start,
            date_end=event.date_end,
            date_precision=event.date_precision,
            date_text=event.date_text,
            kind=event.kind,
            trigger=getattr(event, "trigger", ""),
            title=event.title,
            summary=event.summary,
            is_main=event.is_main,
            actor_ids=tuple(dict.fromkeys(actor_ids[slug] for slug in event.actors if slug in actor_ids)),
            resolution_ids=tuple(
                dict.fromkeys(resolution_ids[ref] for ref in event.resolutions if ref in resolution_ids)
            ),
            **_location_draft(getattr(event, "location", None)),
        )
        for event in extracted.events
    ]
    changes = article_mentions_replace(article=article, drafts=drafts)
    result.events_created = changes.events_created
    result.events_deleted = changes.events_deleted
    result.events_kept = changes.events_kept
    result.mentions_merged = changes.mentions_merged
    result.events = changes.events
    return result


def _actor_ids(extracted: ExtractedArticle, result: IngestResult) -> dict[str, int]:
    """Ids of the article's actors by slug, creating the titled people the gazetteer did not know."""
    result.actors_created.extend(
        actors_auto_create(
            people=[(person.slug, person.name, person.title) for person in extracted.new_people],
            source_name=extracted.source_name,
        )
    )
    slugs = set(extracted.actors) | {person.slug for person in extracted.new_people}
    for event in extracted.events:
        slugs.update(event.actors)
    return dict(Actor.objects.filter(slug__in=slugs).values_list("slug", "id"))


def _resolution_ids(extracted: ExtractedArticle, result: IngestResult) -> dict[ResolutionRef, int]:
    """Ids of the cited resolutions, creating a record for a fully cited one the reference data lacks."""
    refs = set(extracted.resolutions)
    for event in extracted.events:
        refs.update(event.resolutions)
    ids: dict[ResolutionRef, int] = {}
    for ref in refs:
        found = resolution_lookup(ref)
        if found is None and ref.symbol:
            # Cited in full but not in the reference data (a newer Council resolution, any Assembly one).
            resolution, created = resolution_auto_create(
                symbol=ref.symbol, body=ref.body, number=ref.number, year=ref.year
            )
            found = resolution.id
            if created:
                result.resolutions_created.append(resolution.symbol)
        if found is not None:
            ids[ref] = found
    return ids


def resolution_lookup(ref: ResolutionRef) -> int | None:
    """The id of the cited resolution: by symbol, or a Council resolution cited by number alone ("resolution 2371").

    An Assembly resolution is never looked up by number alone: A/RES/71/5 and A/RES/72/5 share it.
    """
    if ref.symbol:
        return Resolution.objects.filter(symbol=ref.symbol).values_list("id", flat=True).first()
    if ref.body == "S":
        return Resolution.objects.filter(body="S", number=ref.number).values_list("id", flat=True).first()
    return None


def articles_preview(*, articles: list[ExtractedArticle]) -> list[dict]:
    """What ``loadseeds --dry-run --json`` prints: the extracted articles with their actors and resolutions as the
    database knows them (reads only). The schema is DESIGN.md's "loadseeds contract"."""
    slugs = {slug for a in articles for slug in a.actors} | {s for a in articles for e in a.events for s in e.actors}
    actors = {row["slug"]: row for row in Actor.objects.filter(slug__in=slugs).values("slug", "name", "kind", "iso3")}
    for article in articles:
        for person in article.new_people:
            actors.setdefault(person.slug, {"slug": person.slug, "name": person.name, "kind": "person", "iso3": None})
    refs = {ref for a in articles for ref in a.resolutions} | {
        r for a in articles for e in a.events for r in e.resolutions
    }
    found = {ref: resolution_lookup(ref) for ref in refs}
    records = {
        row["id"]: row
        for row in Resolution.objects.filter(id__in=[i for i in found.values() if i]).values(
            "id", "symbol", "number", "year"
        )
    }

    def resolution_json(ref: ResolutionRef) -> dict:
        record = records.get(found[ref])
        if record:
            return {"symbol": record["symbol"], "number": record["number"], "year": record["year"]}
        return {"symbol": ref.symbol or None, "number": ref.number, "year": ref.year}

    def actor_json(slug: str) -> dict:
        return actors.get(slug, {"slug": slug, "name": slug, "kind": None, "iso3": None})

    return [
        {
            "file": article.source_name,
            "title": article.title,
            "published_on": article.published_on.isoformat(),
            "actors": [actor_json(slug) for slug in article.actors],
            "resolutions": [resolution_json(ref) for ref in article.resolutions],
            "events": [
                {
                    "title": event.title,
                    "date_start": event.date_start.isoformat(),
                    "date_end": event.date_end.isoformat(),
                    "date_precision": event.date_precision,
                    "date_text": event.date_text,
                    "quote": event.quote,
                    "actors": [actor_json(slug) for slug in event.actors],
                    "resolutions": [resolution_json(ref) for ref in event.resolutions],
                    "kind": event.kind,
                }
                for event in article.events
            ],
        }
        for article in articles
    ]


def article_reextract(*, article: Article, gazetteer: Gazetteer | None = None) -> IngestResult:
    """Extract an article again from the file it was loaded from (else seeds/), keeping curated and rejected events."""
    from django.conf import settings

    path = Path(article.source_path) if article.source_path else Path(settings.SEEDS_DIR) / article.source_name
    if not path.exists():
        return IngestResult(article.source_name, Outcome.FAILED, reason=f"its file {path} no longer exists")
    return article_ingest(path=path, gazetteer=gazetteer or gazetteer_build(), force=True)


def reference_data_ensure() -> int:
    """Add reference actors and resolutions that the fixtures have and the database lacks."""
    return reference_data_sync().total


def _location_draft(location) -> dict:
    """A mention draft's ``location_*`` values for an extracted location (or none)."""
    if location is None:
        return {}
    return {
        "location_country": location.country,
        "location_place": location.place[:200],
        "location_lat": location.lat,
        "location_lon": location.lon,
        "location_precision": location.precision,
    }
