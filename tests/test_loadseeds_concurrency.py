"""Two loadseeds processes over the same files at the same time create no duplicates (constraints, not luck)."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEEDS_DIR, run_manage


def seed_variants(folder, copies: int) -> None:
    seeds = sorted(SEEDS_DIR.glob("*.txt"))
    for index in range(copies):
        source = seeds[index % len(seeds)]
        text = source.read_text(encoding="utf-8") + f"\n\nCopy {index} of this article.\n"
        (folder / f"copy_{index:03d}.txt").write_text(text, encoding="utf-8")


@pytest.fixture
def scratch_database(tmp_path):
    """A database of its own, of the same vendor as this test run, migrated by a child process."""
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        name = f"timeline_concurrency_{os.getpid()}"
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        url = f"postgres://postgres@127.0.0.1:5432/{name}"
    else:
        name = None
        url = f"sqlite:///{tmp_path / 'concurrency.sqlite3'}"
    result = run_manage("migrate", "-v0", env={"DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    yield url
    if name:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=False)


@pytest.mark.slow
def test_concurrent_runs_do_not_duplicate(tmp_path, scratch_database):
    folder = tmp_path / "articles"
    folder.mkdir()
    seed_variants(folder, 24)
    env = {**os.environ, "DATABASE_URL": scratch_database}

    def two_at_once(*options: str) -> None:
        runs = [
            subprocess.Popen(
                [sys.executable, "manage.py", "loadseeds", str(folder), *options],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        for run in runs:
            out, err = run.communicate(timeout=300)
            assert run.returncode == 0, out + err
            assert "Traceback" not in err

    two_at_once()  # both create: the article row and the unique constraints keep one copy of everything
    two_at_once("--force")  # both re-extract every article at once: deletes and inserts race on the same days

    expected = json.loads(
        run_manage("loadseeds", str(folder), "--dry-run", "--json", env={"DATABASE_URL": scratch_database}).stdout
    )
    counts = run_manage(
        "shell",
        "-c",
        "from django.db import connection; from timeline.models import Article, Event, Mention\n"
        "days = -1\n"
        "if connection.vendor == 'postgresql':\n"
        "    with connection.cursor() as c:\n"
        "        c.execute('SELECT COALESCE(SUM(events), 0) FROM timeline_event_day_count')\n"
        "        days = c.fetchone()[0]\n"
        "print(Article.objects.count(), Event.objects.count(), Mention.objects.count(), days)",
        env={"DATABASE_URL": scratch_database},
    )
    assert counts.returncode == 0, counts.stderr
    articles, events, mentions, day_counts = map(int, counts.stdout.split()[-4:])
    assert articles == 24
    # Every article keeps one mention per happening it reports, and the copies of one text report the same
    # happenings: one event each, however the two loaders interleaved.
    assert mentions == sum(len(article["events"]) for article in expected)
    happenings = {(e["date_start"], e["date_end"], e["quote"]) for article in expected for e in article["events"]}
    assert events == len(happenings)
    if scratch_database.startswith("postgres"):
        # The per-day counters the triggers keep agree with the rows, after racing deletes and inserts.
        assert day_counts == events
