"""Load the reference actors, aliases and Security Council resolutions into a fresh database."""

from django.db import migrations


def load_reference_data(apps, schema_editor):
    from timeline.services.reference import reference_data_sync

    reference_data_sync(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("timeline", "0001_initial")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
