"""PostgreSQL-only indexes for the API's event filters.

* ``event_search``: GIN over the tsvector that ``EventFilterSet.filter_q`` searches
  (``timeline.api.filtersets.event_search_vector``), so ``q`` is answered from the index. Built from the same
  Django expression, so the index expression and the query's expression cannot drift apart.
* ``event_span``: a B-tree on ``date_end - date_start``. ``MAX()`` of it, read from the end of this index,
  bounds the date-overlap filter from below (``longest_event_span``), so ``date_from`` is a range scan on the
  index ``(date_start, id, date_end)``.

Why not ``Meta.indexes``: a GinIndex, or an index on a date difference, cannot be created on SQLite, and the
project migrates SQLite too. On SQLite this migration does nothing (its data sets are small; ``q`` is a
substring match there).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

SEARCH_INDEX = "event_search"
SPAN_INDEX = "event_span"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    event = apps.get_model("timeline", "Event")
    index = GinIndex(SearchVector("title", "summary", "quote", config="english"), name=SEARCH_INDEX)
    schema_editor.add_index(event, index)
    schema_editor.execute(f"CREATE INDEX {SPAN_INDEX} ON timeline_event ((date_end - date_start))")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {SPAN_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("timeline", "0002_reference_data")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
