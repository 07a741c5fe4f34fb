"""Extraction in worker processes (loadseeds --jobs N): pure, so a spawned worker needs no Django set-up.

Each worker builds the gazetteer once from the entries it is started with, then turns raw article bytes into
``ExtractedArticle`` records; the parent process stays the single writer.
"""

from __future__ import annotations

from collections.abc import Iterable

from timeline.extraction.actors import Gazetteer, GazetteerEntry
from timeline.extraction.article import ArticleError
from timeline.extraction.events import ExtractedArticle, extract_article

_gazetteer: Gazetteer | None = None


def worker_init(entries: Iterable[GazetteerEntry]) -> None:
    global _gazetteer  # noqa: PLW0603 - one gazetteer per worker process, built once
    _gazetteer = Gazetteer(entries)


def worker_extract(raw: bytes, source_name: str) -> ExtractedArticle | str:
    """The extracted article, or the reason it cannot be loaded (exceptions do not travel well across processes)."""
    assert _gazetteer is not None, "worker_init did not run"
    try:
        return extract_article(raw, source_name=source_name, gazetteer=_gazetteer)
    except ArticleError as error:
        return error.reason
