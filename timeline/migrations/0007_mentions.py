"""Events become happenings with mentions: one article's report of a happening is a ``Mention``.

The fingerprint moves from the event to its mention. The copy is plain SQL that both SQLite and PostgreSQL run, so
a database of a million synthetic events migrates in a few statements rather than a million ORM saves.
"""

import django.db.models.deletion
from django.db import migrations, models

COPY_EVENTS_TO_MENTIONS = """
INSERT INTO timeline_mention (event_id, article_id, quote, quote_start, quote_end, date_start, date_end,
    date_precision, date_text, kind, "trigger", title, summary, is_main, fingerprint, merge_rule, created_at)
SELECT id, article_id, quote, quote_start, quote_end, date_start, date_end, date_precision, date_text, kind, '',
    title, summary, is_main, CASE WHEN fingerprint = '' THEN 'event-' || id ELSE fingerprint END, '', created_at
FROM timeline_event
"""
COPY_ACTORS = """
INSERT INTO timeline_mention_actors (mention_id, actor_id)
SELECT mention.id, link.actor_id FROM timeline_event_actors link JOIN timeline_mention mention
    ON mention.event_id = link.event_id
"""
COPY_RESOLUTIONS = """
INSERT INTO timeline_mention_resolutions (mention_id, resolution_id)
SELECT mention.id, link.resolution_id FROM timeline_event_resolutions link JOIN timeline_mention mention
    ON mention.event_id = link.event_id
"""
COUNT_MENTIONS = "UPDATE timeline_event SET mention_count = 1"


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0006_assembly_resolution_numbers_repeat"),
    ]

    operations = [
        migrations.CreateModel(
            name="Mention",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("quote", models.TextField(blank=True, help_text="The sentence that reports the happening.")),
                ("quote_start", models.PositiveIntegerField(blank=True, null=True)),
                ("quote_end", models.PositiveIntegerField(blank=True, null=True)),
                ("date_start", models.DateField()),
                ("date_end", models.DateField()),
                (
                    "date_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("week", "Week"), ("month", "Month"), ("year", "Year")], max_length=10
                    ),
                ),
                ("date_text", models.CharField(blank=True, help_text="The words the date came from.", max_length=200)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("statement", "Statement"),
                            ("meeting", "Meeting"),
                            ("resolution", "Resolution"),
                            ("sanctions", "Sanctions"),
                            ("test_or_launch", "Test or launch"),
                            ("conflict", "Conflict"),
                            ("agreement", "Agreement"),
                            ("other", "Other"),
                        ],
                        default="other",
                        max_length=20,
                    ),
                ),
                (
                    "trigger",
                    models.CharField(
                        blank=True, help_text="The word that says what happened, as a lemma.", max_length=40
                    ),
                ),
                (
                    "title",
                    models.CharField(blank=True, help_text="The headline this article's words give.", max_length=300),
                ),
                ("summary", models.TextField(blank=True)),
                (
                    "is_main",
                    models.BooleanField(default=False, help_text="The happening the article reports (its dateline's)."),
                ),
                ("fingerprint", models.CharField(max_length=64)),
                (
                    "merge_rule",
                    models.CharField(blank=True, help_text="Why it joined an existing event.", max_length=40),
                ),
                ("merge_score", models.FloatField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "ordering": ["id"],
            },
        ),
        migrations.AddField(
            model_name="mention",
            name="actors",
            field=models.ManyToManyField(blank=True, related_name="mentions", to="timeline.actor"),
        ),
        migrations.AddField(
            model_name="mention",
            name="article",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="mentions", to="timeline.article"
            ),
        ),
        migrations.AddField(
            model_name="mention",
            name="event",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="mentions", to="timeline.event"
            ),
        ),
        migrations.AddField(
            model_name="mention",
            name="resolutions",
            field=models.ManyToManyField(blank=True, related_name="mentions", to="timeline.resolution"),
        ),
        # Every existing event becomes a happening with one mention: its article's report, with the same quote,
        # date, kind, fingerprint, actors and resolutions. Curated and rejected events keep their status.
        migrations.RunSQL(COPY_EVENTS_TO_MENTIONS, reverse_sql=migrations.RunSQL.noop),
        migrations.RunSQL(COPY_ACTORS, reverse_sql=migrations.RunSQL.noop),
        migrations.RunSQL(COPY_RESOLUTIONS, reverse_sql=migrations.RunSQL.noop),
        migrations.RemoveConstraint(
            model_name="event",
            name="event_unique_fingerprint",
        ),
        migrations.RemoveField(
            model_name="event",
            name="fingerprint",
        ),
        migrations.AddField(
            model_name="event",
            name="mention_count",
            field=models.PositiveIntegerField(default=0, help_text="How many article reports it has."),
        ),
        migrations.RunSQL(COUNT_MENTIONS, reverse_sql=migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="mention",
            index=models.Index(fields=["date_start", "date_end"], name="mention_date_start_end"),
        ),
        migrations.AddConstraint(
            model_name="mention",
            constraint=models.CheckConstraint(
                condition=models.Q(("date_start__lte", models.F("date_end"))), name="mention_date_interval"
            ),
        ),
        migrations.AddConstraint(
            model_name="mention",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("quote_start__isnull", True),
                    ("quote_end__isnull", True),
                    ("quote_start__lte", models.F("quote_end")),
                    _connector="OR",
                ),
                name="mention_quote_span",
            ),
        ),
        migrations.AddConstraint(
            model_name="mention",
            constraint=models.UniqueConstraint(fields=("article", "fingerprint"), name="mention_unique_fingerprint"),
        ),
    ]
