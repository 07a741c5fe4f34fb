"""PostgreSQL only: ``timeline_event_day_count``, the number of visible events per ``date_start`` day, kept exact
by the database itself.

The unfiltered timeline (``GET /api/timeline/?interval=...`` with no event filter) rolls these days up into
months or years instead of grouping every visible event (``timeline.api.selectors``).

Why triggers rather than the service layer: every writer must keep the counts right without knowing about
them: loadseeds, the curation services, the API, the admin, ``generate_synthetic``'s ``COPY`` and raw SQL.
The triggers are statement-level with transition tables, so a ``COPY`` of 50,000 rows costs one
``GROUP BY`` over those rows and one upsert per distinct day, not 50,000 row triggers. PostgreSQL requires a
separate trigger per event when transition tables are used (and no column list on the UPDATE trigger), so
there are three that share one function, plus one for ``TRUNCATE`` (which has no transition table).

* A visible row is one with ``is_rejected = false``.
* Per statement: delta(day) = visible new rows - visible old rows; upsert ``events += delta`` in day order (a
  fixed lock order, so two statements that touch the same days cannot deadlock within one statement), then
  delete the days of this statement that reached 0. The table never holds a day with 0 events.
* The initial fill runs under a SHARE lock on ``timeline_event``: no writer can slip between the fill and the
  triggers.

On SQLite this migration does nothing; the timeline view uses the GROUP BY query there.
"""

# ruff: noqa: S608 (constant SQL: table, function and trigger names, never input)

from django.db import migrations

TABLE = "timeline_event_day_count"
FUNCTION = "timeline_event_day_count_sync"
TRUNCATE_FUNCTION = "timeline_event_day_count_truncate"

# The delta of one statement, per day; OLD or NEW may be missing (INSERT, DELETE).
DELTA = {
    "INSERT": "SELECT date_start AS day, count(*) AS n FROM new_events WHERE NOT is_rejected GROUP BY date_start",
    "DELETE": "SELECT date_start AS day, -count(*) AS n FROM old_events WHERE NOT is_rejected GROUP BY date_start",
}
DELTA["UPDATE"] = f"{DELTA['INSERT']} UNION ALL {DELTA['DELETE']}"


def _apply(delta: str, touched: str | None) -> str:
    statements = f"""
        INSERT INTO {TABLE} AS c (day, events)
        SELECT day, sum(n) FROM ({delta}) AS d GROUP BY day HAVING sum(n) <> 0 ORDER BY day
        ON CONFLICT (day) DO UPDATE SET events = c.events + EXCLUDED.events;"""
    if touched:
        statements += f"""
        DELETE FROM {TABLE} WHERE events <= 0 AND day IN (SELECT date_start FROM {touched});"""
    return statements


FORWARD = f"""
LOCK TABLE timeline_event IN SHARE MODE;

CREATE TABLE {TABLE} (day date PRIMARY KEY, events integer NOT NULL);

CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN{_apply(DELTA["INSERT"], None)}
    ELSIF TG_OP = 'UPDATE' THEN{_apply(DELTA["UPDATE"], "old_events")}
    ELSIF TG_OP = 'DELETE' THEN{_apply(DELTA["DELETE"], "old_events")}
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION {TRUNCATE_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {TABLE};
    RETURN NULL;
END
$$;

CREATE TRIGGER {TABLE}_insert AFTER INSERT ON timeline_event
    REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}();
CREATE TRIGGER {TABLE}_update AFTER UPDATE ON timeline_event
    REFERENCING OLD TABLE AS old_events NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}();
CREATE TRIGGER {TABLE}_delete AFTER DELETE ON timeline_event
    REFERENCING OLD TABLE AS old_events FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}();
CREATE TRIGGER {TABLE}_truncate AFTER TRUNCATE ON timeline_event
    FOR EACH STATEMENT EXECUTE FUNCTION {TRUNCATE_FUNCTION}();

INSERT INTO {TABLE} (day, events)
SELECT date_start, count(*) FROM timeline_event WHERE NOT is_rejected GROUP BY date_start ORDER BY date_start;
ANALYZE {TABLE};
"""

BACKWARD = f"""
DROP TRIGGER IF EXISTS {TABLE}_insert ON timeline_event;
DROP TRIGGER IF EXISTS {TABLE}_update ON timeline_event;
DROP TRIGGER IF EXISTS {TABLE}_delete ON timeline_event;
DROP TRIGGER IF EXISTS {TABLE}_truncate ON timeline_event;
DROP FUNCTION IF EXISTS {FUNCTION}();
DROP FUNCTION IF EXISTS {TRUNCATE_FUNCTION}();
DROP TABLE IF EXISTS {TABLE};
"""


def create_day_counts(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FORWARD)


def drop_day_counts(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("timeline", "0003_event_search_and_span_indexes")]

    operations = [migrations.RunPython(create_day_counts, drop_day_counts, elidable=False)]
