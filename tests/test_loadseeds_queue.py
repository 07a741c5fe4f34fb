"""``loadseeds --queue`` with real ``celery -A config worker`` processes and the Redis broker.

The workers are child processes started by the fixtures below, each on a database of its own (a SQLite file or a
PostgreSQL database of the same vendor as this run), so they see what the command writes. The broker is Redis at
``TEST_CELERY_BROKER_URL`` (default ``redis://127.0.0.1:6379/5``); every test uses a queue of its own name, so
stale tasks of an earlier run never reach these workers. A missing Redis fails these tests, it does not skip them.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis

from tests.conftest import ROOT, SEEDS_DIR, run_manage

BROKER_URL = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/5")
ARTICLES_DIR = ROOT / "tests" / "articles"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATELINE = re.compile(rf"^(\s*)(\d{{1,2}}) ({MONTHS}) (\d{{4}})", re.MULTILINE)

# Everything a load writes that a reader sees, as sorted JSON: two databases loaded from the same files must give
# the same snapshot, whatever the ids and whichever worker loaded which file first.
SNAPSHOT = """
import json
from timeline.models import Actor, Article, Event, Mention
articles = sorted(
    [a.source_name, a.title, a.content_hash, str(a.published_on), sorted(a.actors.values_list("slug", flat=True)),
     sorted(a.resolutions.values_list("symbol", flat=True))]
    for a in Article.objects.all()
)
events = sorted(
    [str(e.date_start), str(e.date_end), e.date_precision, e.date_text, e.kind, e.title, e.summary, e.quote,
     e.is_curated, e.is_rejected, sorted(e.actors.values_list("slug", flat=True)),
     sorted(e.resolutions.values_list("symbol", flat=True)),
     sorted(e.mentions.values_list("article__source_name", flat=True))]
    for e in Event.objects.all()
)
mentions = sorted(
    [m.article.source_name, m.quote, m.quote_start, m.quote_end, m.date_text, str(m.date_start), str(m.date_end),
     m.date_precision]
    for m in Mention.objects.select_related("article")
)
actors = sorted([a.slug, a.name, a.kind, a.iso3, a.is_auto_created] for a in Actor.objects.all())
print(json.dumps({"articles": articles, "events": events, "mentions": mentions, "actors": actors}))
"""


def write_articles(folder: Path, count: int) -> int:
    """``count`` distinct, well-formed articles from the seeds and tests/articles, in families that report the
    same happenings (copies of one text), the same text a day later, or a year later; returns how many."""
    sources = sorted(SEEDS_DIR.glob("*.txt")) + sorted(ARTICLES_DIR.glob("0*.txt"))
    texts = [source.read_text(encoding="utf-8-sig") for source in sources]
    for number in range(count):
        text = texts[number % len(texts)]
        family = (number // len(texts)) % 3

        def shifted(match: re.Match, family=family) -> str:
            day, year = int(match.group(2)), int(match.group(4))
            if family == 1:
                day = day % 27 + 1
            elif family == 2:
                year += 1
            return f"{match.group(1)}{day} {match.group(3)} {year}"

        text = DATELINE.sub(shifted, text, count=1)
        lines = text.splitlines()
        for index, line in enumerate(lines):
            if line.strip():
                lines[index] = f"{line.rstrip()} (copy {number})"
                break
        lines += ["", f"This is copy {number} of the article, made for the queue test."]
        (folder / f"q{number:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


@pytest.fixture(scope="module")
def broker():
    """The Redis broker; fails (not skips) with the command to start it when it is down."""
    client = redis.Redis.from_url(BROKER_URL)
    try:
        client.ping()
    except redis.ConnectionError as error:
        pytest.fail(f"Redis is not running at {BROKER_URL} ({error}); start it with `redis-server --daemonize yes`")
    return client


@pytest.fixture
def queue_env(broker):
    """Environment for the command and its workers: the test broker and a queue of this test's own."""
    return {
        "CELERY_BROKER_URL": BROKER_URL,
        "CELERY_RESULT_BACKEND": BROKER_URL,
        "CELERY_QUEUE": f"timeline-test-{uuid.uuid4().hex[:12]}",
        "DJANGO_DEBUG": "1",
    }


@pytest.fixture
def databases(tmp_path):
    """``make(label)`` gives the URL of a new migrated database of this run's vendor; all are dropped at the end."""
    base = os.environ.get("DATABASE_URL", "")
    created: list[str] = []

    def make(label: str) -> str:
        if base.startswith("postgres"):
            name = f"{base.rsplit('/', 1)[1].split('?')[0]}_queue_{label}_{os.getpid()}"[:63]
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
            created.append(name)
            url = f"postgres://postgres@127.0.0.1:5432/{name}"
        else:
            url = f"sqlite:///{tmp_path / f'{label}.sqlite3'}"
        migrated = run_manage("migrate", "-v0", env={"DATABASE_URL": url})
        assert migrated.returncode == 0, migrated.stderr
        return url

    yield make
    for name in created:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=False)


class Worker:
    """One ``celery -A config worker`` process (and its pool child) in a process group of its own."""

    def __init__(self, *, name: str, env: dict, log: Path) -> None:
        self.log = log
        celery = Path(sys.executable).with_name("celery")
        command = [str(celery)] if celery.exists() else [sys.executable, "-m", "celery"]
        self.process = subprocess.Popen(
            [*command, "-A", "config", "worker", "-n", f"{name}@%h", "--concurrency", "1", "--loglevel", "info"],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.log.read_text(errors="replace"):
                return
            assert self.process.poll() is None, f"the worker exited:\n{self.log.read_text(errors='replace')}"
            time.sleep(0.2)
        pytest.fail(f"the worker did not get ready in {timeout} s:\n{self.log.read_text(errors='replace')}")

    def pool_child(self) -> int:
        """The pid of the pool process that runs the tasks."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        assert children, "the worker has no pool process"
        return int(children[0])

    def kill_hard(self) -> None:
        """kill -9 the worker and its pool process at once, as a machine that dies would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)


@pytest.fixture
def workers(tmp_path):
    """``start(name, env)`` starts a worker and waits until it is ready; every worker stops at the end."""
    started: list[Worker] = []

    def start(name: str, env: dict) -> Worker:
        worker = Worker(name=name, env=env, log=tmp_path / f"{name}.log")
        started.append(worker)
        worker.wait_ready()
        return worker

    yield start
    for worker in started:
        worker.stop()


def snapshot(url: str) -> dict:
    result = run_manage("shell", "-c", SNAPSHOT, env={"DATABASE_URL": url}, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def article_count(env: dict) -> int:
    result = run_manage("shell", "-c", "from timeline.models import Article; print(Article.objects.count())", env=env)
    assert result.returncode == 0, result.stderr
    return int(result.stdout.split()[-1])


def loadseeds(*args: str, env: dict, timeout: int = 900) -> subprocess.CompletedProcess:
    return run_manage("loadseeds", *args, env=env, timeout=timeout)


def summary_line(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith("Articles:"))


@pytest.mark.slow
def test_two_workers_load_what_a_direct_load_loads(tmp_path, databases, queue_env, workers):
    folder = tmp_path / "articles"
    folder.mkdir()
    count = write_articles(folder, 210)
    (folder / "zz_empty.txt").write_bytes(b"")
    (folder / "zz_latin1.txt").write_bytes((ARTICLES_DIR / "bad_latin1.txt").read_bytes())
    direct_db, queue_db = databases("direct"), databases("queued")

    direct = loadseeds(str(folder), env={**queue_env, "DATABASE_URL": direct_db})
    assert direct.returncode == 1, direct.stdout + direct.stderr

    worker_env = {**queue_env, "DATABASE_URL": queue_db}
    workers("w1", worker_env)
    workers("w2", worker_env)
    queued = loadseeds(str(folder), "--queue", env=worker_env)
    assert queued.returncode == 1, queued.stdout + queued.stderr
    assert "Traceback" not in queued.stderr
    # The same summary, the same bad files named with their reasons.
    assert summary_line(queued.stdout) == summary_line(direct.stdout)
    assert f"Articles: {count} created, 0 updated, 0 unchanged, 2 failed." in queued.stdout
    for name in ("zz_empty.txt", "zz_latin1.txt"):
        direct_reason = next(line for line in direct.stderr.splitlines() if name in line)
        assert direct_reason in queued.stderr
    assert "2 of 212 files failed" in queued.stderr

    expected, got = snapshot(direct_db), snapshot(queue_db)
    assert len(got["articles"]) == count
    assert len(got["events"]) < len(got["mentions"])  # copies of one text merged into shared happenings
    for part in ("articles", "actors", "mentions", "events"):
        assert got[part] == expected[part], f"{part} differ between the direct and the queued load"

    # Idempotent through the queue as well.
    again = loadseeds(str(folder), "--queue", env=worker_env)
    assert f"Articles: 0 created, 0 updated, {count} unchanged, 2 failed." in again.stdout
    assert snapshot(queue_db) == got


@pytest.mark.slow
def test_a_worker_killed_mid_task_loses_no_article(tmp_path, databases, queue_env, workers, broker):
    folder = tmp_path / "articles"
    folder.mkdir()
    count = write_articles(folder, 70)
    direct_db, queue_db = databases("direct"), databases("killed")
    direct = loadseeds(str(folder), env={**queue_env, "DATABASE_URL": direct_db})
    assert direct.returncode == 0, direct.stdout + direct.stderr

    # A short visibility timeout, so the tasks a dead machine held come back within seconds, not an hour.
    worker_env = {**queue_env, "DATABASE_URL": queue_db, "CELERY_VISIBILITY_TIMEOUT": "6"}
    doomed = workers("doomed", worker_env)
    command = subprocess.Popen(
        [sys.executable, "manage.py", "loadseeds", str(folder), "--queue"],
        cwd=ROOT,
        env={**os.environ, **worker_env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

    def loaded() -> int:
        return article_count(worker_env)

    def wait_until_busy(minimum: int) -> None:
        """Until at least ``minimum`` articles are in and the worker holds an unacknowledged task."""
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if loaded() >= minimum and broker.hlen("unacked") > 0:
                return
            time.sleep(0.1)
        pytest.fail("the worker never got busy")

    # 1. The pool process dies mid-task: the worker sees it and puts the task back at once (reject_on_worker_lost).
    wait_until_busy(5)
    os.kill(doomed.pool_child(), signal.SIGKILL)
    # 2. Later the whole worker dies with its pool, as a machine would: its task waits in Redis's unacked set until
    #    the visibility timeout, then another worker gets it.
    wait_until_busy(25)
    assert loaded() < count
    doomed.kill_hard()
    workers("rescuer", worker_env)
    out, err = command.communicate(timeout=900)
    assert command.returncode == 0, out + err
    assert "0 failed" in out

    # Nothing lost, nothing half-written, nothing twice: the same articles, actors and mentions as the direct load.
    # The redelivered task loads its article after others it preceded, and how mentions group into events across
    # articles can still depend on that order (a known weakness of the merge, see the README): events are compared
    # in the two-worker test above, whose order follows the command's.
    got, expected = snapshot(queue_db), snapshot(direct_db)
    assert len(got["articles"]) == count
    for part in ("articles", "actors", "mentions"):
        assert got[part] == expected[part], f"{part} differ after the worker was killed"
    log = (tmp_path / "doomed.log").read_text(errors="replace")
    assert "WorkerLostError" in log or "signal 9" in log, log[-2000:]


def test_unreachable_broker_fails_before_sending(tmp_path, databases):
    url = databases("nobroker")
    result = loadseeds(
        str(SEEDS_DIR), "--queue", env={"DATABASE_URL": url, "CELERY_BROKER_URL": "redis://127.0.0.1:1/0"}, timeout=120
    )
    assert result.returncode == 1
    assert "cannot reach the Celery broker at redis://127.0.0.1:1/0 (CELERY_BROKER_URL)" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--queue", "--dry-run"], "--queue sends the files to Celery workers"),
        (["--queue", "--jobs", "2"], "--queue sends the files to Celery workers"),
        (["--no-wait"], "--no-wait goes with --queue."),
    ],
)
def test_queue_options_that_do_not_go_together(options, message):
    result = loadseeds(str(SEEDS_DIR), *options, env={})
    assert result.returncode == 1
    assert message in result.stderr


def test_no_wait_sends_and_leaves_the_loading_to_the_workers(tmp_path, databases, queue_env, workers, broker):
    url = databases("nowait")
    env = {**queue_env, "DATABASE_URL": url}
    sent = loadseeds(str(SEEDS_DIR), "--queue", "--no-wait", env=env)
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert "Queued 2 files for the workers" in sent.stdout
    assert "No Celery worker consumes the queue" in sent.stderr  # told the tasks wait for one
    assert broker.llen(queue_env["CELERY_QUEUE"]) == 2
    workers("late", env)
    deadline = time.monotonic() + 120
    while article_count(env) < 2:
        assert time.monotonic() < deadline, "the worker did not load the queued files"
        time.sleep(0.2)
    assert broker.llen(queue_env["CELERY_QUEUE"]) == 0
    again = loadseeds(str(SEEDS_DIR), "--queue", env=env)
    assert "Articles: 0 created, 0 updated, 2 unchanged, 0 failed." in again.stdout
