"""Celery tasks: ``loadseeds --queue`` sends one ``article_load`` task per file; ``celery -A config worker`` runs them.

A task carries the file's bytes (base64 in JSON), its name and where the sender read it, so a worker on another
machine needs the database and the broker, not the files. It calls the same service as a direct load
(``article_ingest_content``): one transaction per article, unchanged files skipped, curated and rejected events
kept, mentions merged under the article's row lock. That is what makes redelivery safe: a task whose worker died
(``acks_late`` and ``reject_on_worker_lost`` in config/settings.py) runs again, and either finds nothing of the
article (its transaction never committed) or finds it current and reports it unchanged.
"""

from __future__ import annotations

import base64
import datetime
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from celery import shared_task
from celery.result import AsyncResult
from django.db import InterfaceError, OperationalError
from kombu.utils.url import maybe_sanitize_url

from timeline.extraction.actors import Gazetteer
from timeline.services.ingest import (
    MAX_FILE_BYTES,
    GazetteerMark,
    IngestResult,
    Outcome,
    article_ingest_content,
    article_pending,
    gazetteer_build,
    gazetteer_mark,
)

# One gazetteer per worker process, rebuilt only when a task names another one (a later loadseeds run).
_gazetteers: dict[GazetteerMark, Gazetteer] = {}


def _gazetteer(mark: GazetteerMark) -> Gazetteer:
    if mark not in _gazetteers:
        _gazetteers.clear()
        _gazetteers[mark] = gazetteer_build(mark=mark)
    return _gazetteers[mark]


@shared_task(
    name="timeline.article_load",
    acks_late=True,
    reject_on_worker_lost=True,
    # The database went away (restart, failover): the transaction rolled back whole, so try again later.
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=8,
)
def article_load(*, source_name: str, content: str, source_path: str, mark: list[int], force: bool = False) -> dict:
    """Load one article from its base64 ``content``; returns the ``IngestResult`` as JSON."""
    result = article_ingest_content(
        raw=base64.b64decode(content),
        source_name=source_name,
        source_path=source_path,
        gazetteer=_gazetteer((mark[0], mark[1])),
        force=force,
    )
    return result_to_json(result)


def articles_enqueue(
    *, paths: list[Path], max_bytes: int = MAX_FILE_BYTES, force: bool = False, keep_results: bool = True
) -> Iterator[tuple[Path, IngestResult | AsyncResult]]:
    """Send one task per file that needs loading, in order; yields each file with its task, or with its result
    when nothing needs sending (unchanged, unreadable or too large: checked here, where the file is)."""
    mark = list(gazetteer_mark())
    for path in paths:
        pending = article_pending(path=path, max_bytes=max_bytes, force=force)
        if isinstance(pending, IngestResult):
            yield path, pending
            continue
        task = article_load.apply_async(
            kwargs={
                "source_name": path.name,
                "content": base64.b64encode(pending).decode("ascii"),
                "source_path": str(path.resolve()),
                "mark": mark,
                "force": force,
            },
            ignore_result=not keep_results,
        )
        yield path, task


class BrokerUnreachable(Exception):
    """The Celery broker does not answer; the message says where it was looked for."""


def workers_check(*, timeout: float = 1.0) -> str:
    """A warning when no worker consumes the queue (the tasks will wait for one), else "".

    Raises ``BrokerUnreachable`` when the broker itself does not answer, so the command fails before it sends.
    """
    app = article_load.app
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=timeout)
    except Exception as error:  # kombu raises the transport's own errors
        url = maybe_sanitize_url(app.conf.broker_url)
        raise BrokerUnreachable(f"cannot reach the Celery broker at {url} (CELERY_BROKER_URL): {error}") from error
    queue = app.conf.task_default_queue
    answers = app.control.inspect(timeout=timeout).active_queues() or {}
    if not any(q["name"] == queue for queues in answers.values() for q in queues):
        return (
            f"No Celery worker consumes the queue {queue!r} yet: the files wait there until one starts "
            "(`celery -A config worker`, with the same DATABASE_URL and CELERY_BROKER_URL)."
        )
    return ""


def task_outcome(path: Path, task: AsyncResult, *, timeout: float | None = None) -> IngestResult:
    """Wait for a task and return its file's result; a task that raised is that file's failure, with the reason."""
    value = task.get(timeout=timeout, propagate=False)
    if task.successful():
        return result_from_json(value)
    return IngestResult(path.name, Outcome.FAILED, reason=f"the worker failed: {type(value).__name__}: {value}")


def result_to_json(result: IngestResult) -> dict:
    data = asdict(result)
    data["outcome"] = str(result.outcome)
    data["events"] = [
        [value.isoformat() if isinstance(value, datetime.date) else value for value in event] for event in result.events
    ]
    return data


def result_from_json(data: dict) -> IngestResult:
    data = dict(data)
    data["outcome"] = Outcome(data["outcome"])
    data["events"] = [
        (datetime.date.fromisoformat(event[0]), datetime.date.fromisoformat(event[1]), *event[2:])
        for event in data["events"]
    ]
    return IngestResult(**data)
