"""Load the reference rows added since 0002: the UN system, peace operations, armed groups, officials by term,
Security Council resolutions after June 2022 and the Assembly's emergency-special-session resolutions.

It only adds what the database lacks (by natural key), so on a fresh database, where 0002 already read the
same fixtures, it changes nothing, and a curator's edits are never overwritten.
"""

from django.db import migrations


def load_reference_data(apps, schema_editor):
    from timeline.services.reference import reference_data_sync

    reference_data_sync(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("timeline", "0009_feed_event_updated_at")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
