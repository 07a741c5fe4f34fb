"""The API against a hand-written SQL anchor, on the same database in the same run, under gunicorn.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/timeline_bench .venv/bin/python bench/api_bench.py

Starts gunicorn with the production settings (``DJANGO_DEBUG=0``, a random secret key, ``API_ANON_RATE=off``,
2 sync workers on a free port of 127.0.0.1) and ``DJANGO_SETTINGS_MODULE=bench.settings``, which only adds the
anchor view (``bench/anchor.py``) to the URLconf. Load comes from separate processes (``--concurrency``), each a
Python ``http.client`` loop, bounded by ``--seconds`` and ``--max-requests`` per measurement. Every round runs
each variant once, in a rotated order; the table shows the medians over ``--rounds`` rounds:

* ``anchor``: one page of an actor's events in a date range, one SQL query, JSON built by PostgreSQL;
* ``api_list``: the same page from ``/api/events/?actor=&date_from=&date_to=&page_size=50``;
* ``api_deep``: the page reached by following ``next`` ``--depth`` times (cursor pagination);
* ``api_first``: the first page of the same unfiltered-by-date chain, the reference for ``api_deep``;
* ``api_timeline``: ``/api/timeline/?interval=month``;
* ``export``: ``/api/events/export/?format=csv`` of about ``--export-rows`` rows, one request at a time: its time
  and the growth of the serving worker's peak RSS (VmHWM, sampled from /proc with VmRSS).

Exit status 1 when a request fails (non-2xx) or the anchor and the API disagree on the page's events.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/timeline_bench"


# ---------------------------------------------------------------------------------------------------- the server
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "API_ANON_RATE": "off",
        "PYTHONPATH": str(ROOT),
    }


class Gunicorn:
    """gunicorn serving the project on a free loopback port; ``workers()`` lists its worker pids."""

    def __init__(self, *, database_url: str, workers: int = 2, timeout: int = 120) -> None:
        self.port = free_port()
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "config.wsgi:application",
                "--config",
                str(ROOT / "config" / "gunicorn.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                str(timeout),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=server_env(database_url),
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                status, _ = get(self.port, "/healthz")
                if status in (200, 503):
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                raise SystemExit("gunicorn exited at start-up")
            time.sleep(0.2)
        self.stop()
        raise SystemExit("gunicorn did not answer /healthz within 30 s")

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def get(port: int, path: str, timeout: float = 120) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept": "application/json"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def local_path(url: str | None) -> str | None:
    """``http://host/api/events/?x`` -> ``/api/events/?x``."""
    if not url:
        return None
    parts = urllib.parse.urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


# ---------------------------------------------------------------------------------------------------- the load
def _load_worker(port: int, path: str, deadline: float, max_requests: int, queue) -> None:
    latencies, errors, statuses = [], 0, {}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.monotonic() < deadline and len(latencies) + errors < max_requests:
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Accept": "application/json", "Connection": "keep-alive"})
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            continue
        latencies.append(time.perf_counter() - started)
        statuses[response.status] = statuses.get(response.status, 0) + 1
        if response.will_close:
            connection.close()  # gunicorn's sync workers close after each response; reconnect on the next
    connection.close()
    queue.put((latencies, errors, statuses))


@dataclass
class Measurement:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(port: int, path: str, *, concurrency: int, seconds: float, max_requests: int) -> Measurement:
    """``concurrency`` client processes hit ``path`` until ``seconds`` pass or ``max_requests`` are done."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    started = time.monotonic()
    deadline = started + seconds
    per_worker = max(1, max_requests // concurrency)
    processes = [
        context.Process(target=_load_worker, args=(port, path, deadline, per_worker, queue)) for _ in range(concurrency)
    ]
    for process in processes:
        process.start()
    results = [queue.get(timeout=seconds + 120) for _ in processes]
    elapsed = time.monotonic() - started
    for process in processes:
        process.join()
    latencies = [value for result in results for value in result[0]]
    statuses: dict[int, int] = {}
    for result in results:
        for status, count in result[2].items():
            statuses[status] = statuses.get(status, 0) + count
    return Measurement(
        requests=len(latencies),
        seconds=elapsed,
        p50_ms=percentile(latencies, 0.50) * 1000,
        p99_ms=percentile(latencies, 0.99) * 1000,
        errors=sum(result[1] for result in results),
        statuses=statuses,
    )


# ---------------------------------------------------------------------------------------------------- the export
def proc_status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def measure_export(server: Gunicorn, path: str) -> dict:
    """One export request: seconds, bytes, rows, and the largest growth of a worker's RSS during it (MB)."""
    workers = server.workers()
    before = {pid: proc_status_kb(pid, "VmRSS") for pid in workers}
    peaks = dict(before)
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            for pid in workers:
                peaks[pid] = max(peaks[pid], proc_status_kb(pid, "VmRSS"))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)
    connection.request("GET", path)
    response = connection.getresponse()
    size, newlines, first_byte = 0, 0, None
    while chunk := response.read(65536):
        first_byte = first_byte or time.perf_counter() - started
        size += len(chunk)
        newlines += chunk.count(b"\n")
    elapsed = time.perf_counter() - started
    connection.close()
    stop.set()
    sampler.join()
    hwm_growth = max(
        (
            max(peaks[pid], proc_status_kb(pid, "VmHWM") if proc_status_kb(pid, "VmHWM") > before[pid] else 0)
            - before[pid]
        )
        for pid in workers
    )
    return {
        "status": response.status,
        "seconds": elapsed,
        "first_byte_s": first_byte or elapsed,
        "mb": size / 1e6,
        "lines": newlines,
        "rss_growth_mb": max(0, hwm_growth) / 1024,
        "content_type": response.getheader("Content-Type", ""),
    }


# ---------------------------------------------------------------------------------------------------- the run
def django_setup(database_url: str):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    return connection


def pick_parameters(database_url: str, export_rows: int) -> dict:
    """The popular actor, and a date range that holds about ``export_rows`` events, from the data itself."""
    connection = django_setup(database_url)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.slug, count(*) FROM timeline_event_actors ea JOIN timeline_actor a ON a.id = ea.actor_id "
            "GROUP BY a.slug ORDER BY count(*) DESC LIMIT 1"
        )
        slug, actor_events = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM timeline_event WHERE NOT is_rejected")
        (events,) = cursor.fetchone()
        # The most recent start date such that events starting on or after it number export_rows.
        cursor.execute(
            "SELECT date_start FROM timeline_event WHERE NOT is_rejected ORDER BY date_start DESC, id DESC "
            "OFFSET %s LIMIT 1",
            [max(0, export_rows - 1)],
        )
        row = cursor.fetchone()
        export_from = row[0].isoformat() if row else "1945-01-01"
    connection.close()
    return {"actor": slug, "actor_events": actor_events, "events": events, "export_from": export_from}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=8.0, help="per variant per round (default 8)")
    parser.add_argument("--max-requests", type=int, default=5000, help="per variant per round (default 5000)")
    parser.add_argument("--concurrency", type=int, default=4, help="client processes (default 4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--depth", type=int, default=200, help="next links to follow for the deep page")
    parser.add_argument("--date-from", default="2000-01-01")
    parser.add_argument("--date-to", default="2020-12-31")
    parser.add_argument("--export-rows", type=int, default=100_000)
    parser.add_argument("--export-formats", default="csv,json")
    parser.add_argument(
        "--variants",
        default="anchor,api_list,anchor_first,api_first,api_deep,anchor_deep,api_timeline,export",
        help="comma-separated subset of the default list",
    )
    parser.add_argument("--json-out", help="also write the results as JSON to this file")
    options = parser.parse_args()

    print(f"database: {options.database_url}", flush=True)
    params = pick_parameters(options.database_url, options.export_rows)
    print(
        f"{params['events']:,} events; popular actor {params['actor']} in {params['actor_events']:,} events; "
        f"export range date_from={params['export_from']}",
        flush=True,
    )
    query = urllib.parse.urlencode(
        {"actor": params["actor"], "date_from": options.date_from, "date_to": options.date_to, "page_size": 50}
    )
    paths = {
        "anchor": f"/bench/anchor/events/?{query}",
        "api_list": f"/api/events/?{query}",
        "api_timeline": "/api/timeline/?interval=month",
    }
    failures: list[str] = []
    server = Gunicorn(database_url=options.database_url, workers=options.workers)
    try:
        variants = [name.strip() for name in options.variants.split(",") if name.strip()]
        if {"anchor", "api_list"} <= set(variants):
            # Correctness first: the anchor and the API must show the same events.
            anchor_status, anchor_body = get(server.port, paths["anchor"])
            api_status, api_body = get(server.port, paths["api_list"])
            if anchor_status != 200 or api_status != 200:
                print(f"anchor {anchor_status}, api {api_status}: {api_body[:300]!r}")
                return 1
            anchor_ids = [event["id"] for event in json.loads(anchor_body)["results"]]
            api_ids = [event["id"] for event in json.loads(api_body)["results"]]
            if anchor_ids != api_ids:
                failures.append(f"anchor and API pages differ: {anchor_ids[:5]}... vs {api_ids[:5]}...")
            print(f"page check: anchor and API return the same {len(api_ids)} events: {anchor_ids == api_ids}")

        # The deep pages: follow next --depth times on the actor's chain without a date range.
        chain = urllib.parse.urlencode({"actor": params["actor"], "page_size": 50})
        paths["api_first"] = f"/api/events/?{chain}"
        paths["anchor_first"] = f"/bench/anchor/events/?{chain}"
        for first, deep in (("api_first", "api_deep"), ("anchor_first", "anchor_deep")):
            if deep not in variants:
                continue
            path, started = paths[first], time.perf_counter()
            for _ in range(options.depth):
                status, body = get(server.port, path)
                following = local_path(json.loads(body).get("next")) if status == 200 else None
                if not following:
                    break
                path = following
            paths[deep] = path
            print(f"{deep}: followed next {options.depth} times in {time.perf_counter() - started:.1f} s -> {path}")

        variants = [name for name in variants if name != "export"]
        for name in variants:  # warm every worker's caches and PostgreSQL's buffers
            measure(server.port, paths[name], concurrency=options.concurrency, seconds=1, max_requests=50)
        rounds: dict[str, list[Measurement]] = {name: [] for name in variants}
        for round_number in range(options.rounds):
            order = variants[round_number % len(variants) :] + variants[: round_number % len(variants)]
            for name in order:
                result = measure(
                    server.port,
                    paths[name],
                    concurrency=options.concurrency,
                    seconds=options.seconds,
                    max_requests=options.max_requests,
                )
                rounds[name].append(result)
                bad = {s: c for s, c in result.statuses.items() if s >= 300}
                if result.errors or bad:
                    failures.append(f"{name}: {result.errors} connection errors, statuses {bad}")
                print(
                    f"round {round_number + 1} {name:<13} {result.rps:8.1f} req/s  p50 {result.p50_ms:7.1f} ms  "
                    f"p99 {result.p99_ms:7.1f} ms  ({result.requests} requests)",
                    flush=True,
                )

        exports = {}
        for export_format in options.export_formats.split(",") if "export" in options.variants else []:
            export_path = f"/api/events/export/?format={export_format}&date_from={params['export_from']}"
            get(server.port, f"/api/events/export/?format={export_format}&date_from=2025-12-01")  # warm up
            runs = [measure_export(server, export_path) for _ in range(options.rounds)]
            for run in runs:
                if run["status"] != 200:
                    failures.append(f"export {export_format}: status {run['status']}")
            exports[export_format] = runs
            print(
                f"export {export_format}: "
                + "; ".join(
                    f"{run['seconds']:.2f} s, {run['mb']:.1f} MB, {run['lines']:,} lines, "
                    f"RSS +{run['rss_growth_mb']:.1f} MB"
                    for run in runs
                ),
                flush=True,
            )
    finally:
        server.stop()

    def median(name: str, attribute: str) -> float:
        return statistics.median(getattr(result, attribute) for result in rounds[name])

    print()
    print(
        f"Medians of {options.rounds} rounds, concurrency {options.concurrency}, "
        f"gunicorn {options.workers} sync workers"
    )
    print(f"{'variant':<14} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}  path")
    for name in variants:
        print(
            f"{name:<14} {median(name, 'rps'):8.1f} {median(name, 'p50_ms'):8.1f} {median(name, 'p99_ms'):8.1f}  "
            f"{paths[name][:90]}"
        )
    for export_format, runs in exports.items():
        print(
            f"export {export_format:<7} {statistics.median(r['seconds'] for r in runs):7.2f} s for "
            f"{runs[0]['lines']:,} lines ({runs[0]['mb']:.1f} MB), first byte "
            f"{statistics.median(r['first_byte_s'] for r in runs):.2f} s, "
            f"peak RSS growth {max(r['rss_growth_mb'] for r in runs):.1f} MB"
        )
    ratio = depth_ratio = None
    if {"api_list", "anchor"} <= set(variants):
        ratio = median("api_list", "rps") / median("anchor", "rps")
        print(f"ratio API list / anchor (req/s): {ratio:.2f}   (target >= 0.5)")
    if {"api_deep", "api_first"} <= set(variants):
        depth_ratio = median("api_deep", "p50_ms") / median("api_first", "p50_ms")
        print(f"deep page p50 / first page p50: {depth_ratio:.2f}   (target <= 1.5)")
    if "api_timeline" in variants:
        print(f"timeline month p50: {median('api_timeline', 'p50_ms'):.1f} ms   (target < 100)")
    if options.json_out:
        Path(options.json_out).write_text(
            json.dumps(
                {
                    "params": params,
                    "paths": paths,
                    "medians": {name: {k: median(name, k) for k in ("rps", "p50_ms", "p99_ms")} for name in variants},
                    "exports": exports,
                    "ratio_api_anchor": ratio,
                    "deep_first_ratio": depth_ratio,
                },
                indent=2,
            )
        )
    for failure in failures:
        print("FAILED:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
