"""``manage.py generate_synthetic --events N --seed S``: a large synthetic timeline for benchmarks (thin)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from timeline.synthetic import synthetic_clear, synthetic_generate


class Command(BaseCommand):
    help = (
        "Generate synthetic articles, events (one mention each), actor and resolution links in realistic "
        "proportions (about 3 actors per event, a few actors in 5% of events, 10% citing a resolution, dates "
        "1945..today, 1% multi-year). Deterministic for a given --seed. Uses COPY on PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, required=True, metavar="N", help="number of events to create")
        parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
        parser.add_argument(
            "--articles", type=int, default=None, metavar="M", help="number of articles (default: events / 8)"
        )
        parser.add_argument(
            "--people", type=int, default=None, metavar="P", help="synthetic people (default: events / 500, >= 50)"
        )
        parser.add_argument(
            "--clear", action="store_true", help="first delete the synthetic data of an earlier run (synthetic-*)"
        )

    def handle(self, *args, **options):
        if options["clear"]:
            deleted = synthetic_clear()
            self.stdout.write(f"Deleted {deleted:,} synthetic articles with their events.")
        progress = self.stdout.write if options["verbosity"] >= 1 else None
        try:
            result = synthetic_generate(
                events=options["events"],
                seed=options["seed"],
                articles=options["articles"],
                people=options["people"],
                progress=progress,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {result.articles:,} articles, {result.events:,} events, {result.mentions:,} mentions, "
                f"{result.event_actor_links:,} event-actor links, {result.event_resolution_links:,} event-resolution "
                f"links, {result.people_created:,} synthetic people in {result.seconds:.1f} s "
                f"({result.events / max(result.seconds, 1e-9):,.0f} events/s). "
                f"Popular actors: {', '.join(result.popular_slugs)}."
            )
        )
