"""The database cache's table (``DJANGO_CACHE_URL=db``, the default with ``DJANGO_DEBUG=0``): the throttles count
there, shared by every worker. ``createcachetable`` makes it only for the caches the settings configure, so with
another cache this does nothing; switching to the database cache later takes ``manage.py createcachetable``."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("timeline", "0007_mentions")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True)]
