"""Writing synthetic rows: ``COPY`` on PostgreSQL, batched ``bulk_create`` elsewhere, and deleting them again."""

# ruff: noqa: S608 (the SQL here interpolates table and column names from model metadata, never input)

from __future__ import annotations

import io

from django.db import connection
from django.db.models import Model

from timeline.models import Actor, Article, Event, Mention
from timeline.synthetic.draw import PERSON_SLUG_PREFIX, SOURCE_PREFIX
from timeline.synthetic.rows import ARTICLE_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS, Batch

# (model, its columns, the batch attribute holding its rows), in the order foreign keys need.
TABLES = (
    (Article, ARTICLE_COLUMNS, "articles"),
    (Event, EVENT_COLUMNS, "events"),
    (Mention, MENTION_COLUMNS, "mentions"),
)
# (link table, owner column, other column, the batch attribute holding its pairs).
LINKS = (
    (Article.actors.through, "article_id", "actor_id", "article_actors"),
    (Article.resolutions.through, "article_id", "resolution_id", "article_resolutions"),
    (Event.actors.through, "event_id", "actor_id", "event_actors"),
    (Event.resolutions.through, "event_id", "resolution_id", "event_resolutions"),
    (Mention.actors.through, "mention_id", "actor_id", "mention_actors"),
    (Mention.resolutions.through, "mention_id", "resolution_id", "mention_resolutions"),
)
# The tables whose planner statistics a large run changes.
ANALYZED = (Article, Event, Mention, Article.actors.through, Event.actors.through, Event.resolutions.through)


def _copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return str(value)


def _copy_rows(cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(map(_copy_text, row)))
        buffer.write("\n")
    buffer.seek(0)
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)  # "trigger" is a keyword
    cursor.copy_expert(f"COPY {table} ({quoted}) FROM STDIN", buffer)


def batch_copy(batch: Batch) -> None:
    """Write a batch with PostgreSQL's ``COPY``."""
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg2 cursor underneath Django's wrapper, for copy_expert
        for model, columns, rows in TABLES:
            _copy_rows(raw, model._meta.db_table, columns, getattr(batch, rows))
        for through, left, right, rows in LINKS:
            _copy_rows(raw, through._meta.db_table, (left, right), getattr(batch, rows))


def batch_bulk_create(batch: Batch) -> None:
    """Write a batch through the ORM (SQLite and any other database)."""
    for model, columns, rows in TABLES:
        model.objects.bulk_create(
            [model(**dict(zip(columns, row, strict=True))) for row in getattr(batch, rows)], batch_size=500
        )
    for through, left, right, rows in LINKS:
        through.objects.bulk_create([through(**{left: a, right: b}) for a, b in getattr(batch, rows)], batch_size=2000)


def max_id(model: type[Model]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
        return cursor.fetchone()[0]


def sequences_reset() -> None:
    """After explicit ids, move PostgreSQL's identity sequences past them."""
    if connection.vendor != "postgresql":
        return
    tables = [model for model, _columns, _rows in TABLES] + [through for through, *_rest in LINKS]
    with connection.cursor() as cursor:
        for model in tables:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))",
                [table],
            )


def tables_analyze() -> None:
    """Fresh planner statistics on PostgreSQL after a large run.

    Outside a transaction also VACUUM, which sets the visibility map so index-only scans work at once instead of
    after autovacuum gets round to a million new rows.
    """
    if connection.vendor != "postgresql":
        return
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for model in ANALYZED:
            cursor.execute(f"{command} {model._meta.db_table}")


def rows_delete() -> int:
    """Delete every synthetic article with its events, mentions and links, and the synthetic people no longer
    linked to anything; returns how many articles went. The caller holds the transaction."""
    article_table = Article._meta.db_table
    synthetic_articles = f"SELECT id FROM {article_table} WHERE source_name LIKE %s"
    owners = {
        "article_id": synthetic_articles,
        "event_id": f"SELECT id FROM {Event._meta.db_table} WHERE article_id IN ({synthetic_articles})",
        # A real article loaded later may have reported a synthetic happening: its mention goes with the event.
        "mention_id": f"SELECT id FROM {Mention._meta.db_table} WHERE article_id IN ({synthetic_articles}) "
        f"OR event_id IN (SELECT id FROM {Event._meta.db_table} WHERE article_id IN ({synthetic_articles}))",
    }
    pattern = [SOURCE_PREFIX + "%"]
    with connection.cursor() as cursor:
        for through, left, _right, _rows in LINKS:
            parameters = pattern * owners[left].count("%s")
            cursor.execute(f"DELETE FROM {through._meta.db_table} WHERE {left} IN ({owners[left]})", parameters)
        cursor.execute(f"DELETE FROM {Mention._meta.db_table} WHERE id IN ({owners['mention_id']})", pattern * 2)
        cursor.execute(f"DELETE FROM {Event._meta.db_table} WHERE id IN ({owners['event_id']})", pattern)
        cursor.execute(f"DELETE FROM {article_table} WHERE source_name LIKE %s", pattern)
        deleted = cursor.rowcount
    Actor.objects.filter(slug__startswith=PERSON_SLUG_PREFIX, events__isnull=True, articles__isnull=True).delete()
    return deleted
