"""Mixed reads under load, and optionally a PostgreSQL restart in the middle of them.

    .venv/bin/python bench/load_fault.py --seconds 60                      # 60 s at concurrency 16
    .venv/bin/python bench/load_fault.py --seconds 10                      # the short form CI runs
    .venv/bin/python bench/load_fault.py --seconds 30 --restart-postgres   # restart PostgreSQL a third of the way

Without ``--url`` it starts gunicorn itself with the production settings (``DJANGO_DEBUG=0``, ``API_ANON_RATE=off``,
2 workers) on ``DATABASE_URL`` (default: the local ``timeline_bench``). ``--concurrency`` threads (default 16)
send a mix of reads (events list with filters and cursors, an event, the month and year histograms, actors,
resolutions, articles, the schema, ``/healthz``) until the time is up.

Passes (exit 0) when there were no connection errors, no 4xx (every read in the mix is valid) and no 5xx.
With ``--restart-postgres`` it runs
``--restart-command`` (default ``pg_ctlcluster --skip-systemctl-redirect 15 main restart``: every database of
that cluster goes down for a moment, so only use it on a cluster of your own) after a third of the time, then
requires that: the server kept answering (no connection errors), ``/healthz`` answered 503 or 200 throughout,
5xx answers happened only while PostgreSQL was down (up to ``--grace`` seconds after it came back) and were all
503, and every
kind of request succeeds again afterwards, without restarting gunicorn.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import random
import shlex
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.api_bench import DEFAULT_DATABASE_URL, Gunicorn, local_path  # noqa: E402

DEFAULT_RESTART = "pg_ctlcluster --skip-systemctl-redirect 15 main restart"


def discover(host: str, port: int) -> list[str]:
    """The mix of read paths, built from what the service holds (an actor, an event, a cursor)."""
    paths = [
        "/api/events/?page_size=50",
        "/api/events/?date_from=2000&date_to=2010&page_size=20",
        "/api/events/?ordering=-date&page_size=10",
        "/api/timeline/?interval=year",
        "/api/timeline/?interval=month&date_from=2015",
        "/api/actors/",
        "/api/resolutions/",
        "/api/articles/",
        "/healthz",
    ]
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("GET", "/api/actors/?kind=un_body", headers={"Accept": "application/json"})
        body = json.loads(connection.getresponse().read() or b"{}")
        actors = body.get("results", body) if isinstance(body, dict) else body
        if actors:
            slug = actors[0]["slug"]
            paths += [f"/api/events/?actor={urllib.parse.quote(slug)}&page_size=50", f"/api/actors/{slug}/"]
        connection.request("GET", "/api/events/?page_size=5", headers={"Accept": "application/json"})
        events = json.loads(connection.getresponse().read() or b"{}")
        if events.get("results"):
            paths.append(f"/api/events/{events['results'][0]['id']}/")
        if events.get("next"):
            paths.append(local_path(events["next"]))
    except (OSError, ValueError, KeyError, http.client.HTTPException) as error:
        print(f"discovery incomplete ({error}); using the generic mix", flush=True)
    finally:
        connection.close()
    return paths


class Recorder:
    """Thread-safe tallies: per status, per path kind, with the times of 5xx and connection errors."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: Counter[int] = Counter()
        self.by_path: Counter[tuple[str, int]] = Counter()
        self.errors: list[tuple[float, str]] = []
        self.server_errors: list[tuple[float, str, int]] = []
        self.last_ok: dict[str, float] = {}
        self.latencies: list[float] = []

    def record(self, path: str, status: int | None, elapsed: float, error: str = "") -> None:
        now = time.monotonic()
        kind = path.split("?")[0]
        with self.lock:
            if status is None:
                self.errors.append((now, f"{path}: {error}"))
                return
            self.statuses[status] += 1
            self.by_path[(kind, status)] += 1
            self.latencies.append(elapsed)
            if status >= 500:
                self.server_errors.append((now, path, status))
            elif status < 400:
                self.last_ok[kind] = now


def client(host: str, port: int, paths: list[str], deadline: float, recorder: Recorder, seed: int) -> None:
    rng = random.Random(seed)
    connection = http.client.HTTPConnection(host, port, timeout=30)
    while time.monotonic() < deadline:
        path = rng.choice(paths)
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Accept": "application/json"})
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as error:
            recorder.record(path, None, 0, f"{type(error).__name__}: {error}")
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=30)
            continue
        recorder.record(path, response.status, time.perf_counter() - started)
        if response.will_close:
            connection.close()
    connection.close()


def wait_for_postgres(database_url: str, timeout: float = 60) -> float:
    """Seconds until ``pg_isready`` says the database accepts connections again."""
    parts = urllib.parse.urlsplit(database_url)
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        ready = subprocess.run(
            ["pg_isready", "-q", "-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)], check=False
        )
        if ready.returncode == 0:
            return time.monotonic() - started
        time.sleep(0.2)
    return timeout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--url", help="an already running service, e.g. http://127.0.0.1:8000 (else gunicorn)")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--restart-postgres", action="store_true", help="restart PostgreSQL a third of the way in")
    parser.add_argument("--restart-command", default=DEFAULT_RESTART)
    parser.add_argument("--grace", type=float, default=5.0, help="seconds after PostgreSQL is back to recover")
    options = parser.parse_args()

    server = None
    if options.url:
        parts = urllib.parse.urlsplit(options.url)
        host, port = parts.hostname or "127.0.0.1", parts.port or 80
    else:
        server = Gunicorn(database_url=options.database_url, workers=options.workers)
        host, port = "127.0.0.1", server.port
    failures: list[str] = []
    recorder = Recorder()
    try:
        paths = discover(host, port)
        print(
            f"{len(paths)} kinds of reads at concurrency {options.concurrency} for {options.seconds:.0f} s", flush=True
        )
        started = time.monotonic()
        deadline = started + options.seconds
        threads = [
            threading.Thread(target=client, args=(host, port, paths, deadline, recorder, seed), daemon=True)
            for seed in range(options.concurrency)
        ]
        for thread in threads:
            thread.start()
        outage = None
        if options.restart_postgres:
            time.sleep(options.seconds / 3)
            print(f"restarting PostgreSQL: {options.restart_command}", flush=True)
            down = time.monotonic()
            subprocess.run(shlex.split(options.restart_command), check=True, capture_output=True)
            back = down + wait_for_postgres(options.database_url)
            outage = (down, back)
            print(f"PostgreSQL accepted connections again after {back - down:.1f} s", flush=True)
        for thread in threads:
            thread.join(timeout=options.seconds + 60)
        elapsed = time.monotonic() - started

        total = sum(recorder.statuses.values())
        print(f"{total} responses in {elapsed:.1f} s ({total / elapsed:.0f}/s), statuses {dict(recorder.statuses)}")
        latencies = sorted(recorder.latencies)
        if latencies:
            print(
                f"latency p50 {latencies[len(latencies) // 2] * 1000:.1f} ms, "
                f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.1f} ms"
            )
        client_errors = {kind: n for (kind, status), n in recorder.by_path.items() if 400 <= status < 500}
        if client_errors:
            failures.append(f"4xx answers to valid reads: {client_errors}")
        if recorder.errors:
            failures.append(f"{len(recorder.errors)} connection errors, first: {recorder.errors[0][1]}")
        if outage is None:
            if recorder.server_errors:
                failures.append(f"{len(recorder.server_errors)} 5xx, first: {recorder.server_errors[0][1:]}")
        else:
            down, back = outage
            during = [e for e in recorder.server_errors if down <= e[0] <= back + options.grace]
            outside = [e for e in recorder.server_errors if not down <= e[0] <= back + options.grace]
            healthz = Counter(
                status for (kind, status), n in recorder.by_path.items() if kind == "/healthz" for _ in range(n)
            )
            print(f"during the outage: {len(during)} 5xx ({Counter(e[2] for e in during)}); /healthz {dict(healthz)}")
            if outside:
                failures.append(f"{len(outside)} 5xx outside the outage window, first: {outside[0][1:]}")
            not_503 = [e for e in during if e[2] != 503]
            if not_503:
                # An unreachable database is a 503 to retry (timeline.api.exceptions), never a 500.
                failures.append(f"{len(not_503)} answers other than 503 during the outage, first: {not_503[0][1:]}")
            if set(healthz) - {200, 503}:
                failures.append(f"/healthz answered {dict(healthz)}")
            if deadline - (back + options.grace) < 1:
                failures.append("--seconds too short to see a recovery after the restart")
            stale = sorted(kind for kind in {p.split("?")[0] for p in paths} if recorder.last_ok.get(kind, 0) < back)
            if stale:
                failures.append(f"no successful answer after PostgreSQL came back for: {stale}")
            else:
                print("every kind of read succeeded again after the restart, without restarting gunicorn")
        statuses = sorted(recorder.by_path.items())
        for (kind, status), count in itertools.islice(statuses, 40):
            if status >= 400:
                print(f"  {status} x{count}: {kind}")
    finally:
        if server:
            server.stop()
    for failure in failures:
        print("FAILED:", failure)
    if not failures:
        print("PASSED")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
