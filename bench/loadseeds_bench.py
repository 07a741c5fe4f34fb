"""loadseeds at volume: articles per second on SQLite and PostgreSQL, for ``--jobs`` values and Celery workers.

Copies the seed articles (``seeds/*.txt``) into ``--files`` uniquely named files with slightly varied text (a
changed title and an extra closing sentence, so every file is a distinct article with its own hash), then, for
each database and each jobs value, runs ``manage.py loadseeds <dir> --jobs J`` on a fresh database (migrated
first, not timed) and prints the articles per second and the peak RSS of the loadseeds process.

    .venv/bin/python bench/loadseeds_bench.py --files 300 --jobs 1,2
    .venv/bin/python bench/loadseeds_bench.py --files 1000 --databases postgresql
    .venv/bin/python bench/loadseeds_bench.py --files 300 --jobs 1,2 --workers 1,2   # and loadseeds --queue

With ``--workers N`` it also starts N ``celery -A config worker --concurrency 1`` processes on the fresh database
(broker ``--broker``, a queue of its own; start-up not timed) and times ``loadseeds --queue`` until the last result
is back. The closing table gives each run's rate as a ratio to ``--jobs 1`` on the same database.

The PostgreSQL database (``--pg-name``, default ``timeline_bench_loadseeds``) is created and dropped by this
script; it never touches another database.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = {"host": "127.0.0.1", "port": "5432", "user": "postgres"}


def make_files(target: Path, count: int) -> int:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    if not seeds:
        sys.exit("no seeds/*.txt to copy")
    texts = [seed.read_text(encoding="utf-8", errors="replace") for seed in seeds]
    for number in range(count):
        text = texts[number % len(texts)]
        # Vary the title line and add a closing sentence: a distinct file, still a well-formed article.
        lines = text.splitlines()
        for index, line in enumerate(lines):
            if line.strip():
                lines[index] = f"{line.rstrip()} (copy {number})"
                break
        lines.append("")
        lines.append(f"This is synthetic copy number {number} of the article, made for a loading benchmark.")
        (target / f"bench-{number:05d}-{seeds[number % len(seeds)].name}").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )
    return count


def run(args: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run a command; returns the completed process, its wall time and its own peak RSS in MB (from wait4)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.monotonic()
        process = subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=err, text=True)
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        completed = subprocess.CompletedProcess(args, process.returncode, out.read(), err.read())
    return completed, elapsed, usage.ru_maxrss // 1024


def psql(*sql: str) -> None:
    for statement in sql:
        subprocess.run(
            ["psql", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "-d", "postgres", "-qc", statement],
            check=True,
            capture_output=True,
        )


def start_workers(count: int, env: dict[str, str], workdir: Path) -> list[subprocess.Popen]:
    """``count`` Celery workers of one process each, in process groups of their own; returns once all are ready."""
    workers = []
    for number in range(count):
        log = workdir / f"worker-{number}.log"
        workers.append(
            subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "config", "worker", "-n", f"bench{number}@%h"]
                + ["--concurrency", "1", "--loglevel", "info"],
                env=env,
                cwd=ROOT,
                stdout=log.open("w"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    deadline = time.monotonic() + 120
    for number in range(count):
        log = workdir / f"worker-{number}.log"
        while " ready." not in log.read_text(errors="replace"):
            if time.monotonic() > deadline or workers[number].poll() is not None:
                stop_workers(workers)
                sys.exit(f"worker {number} did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.2)
    return workers


def stop_workers(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
    for worker in workers:
        worker.wait(timeout=60)


def bench_one(
    *,
    database: str,
    files_dir: Path,
    files: int,
    jobs: int,
    pg_name: str,
    workdir: Path,
    workers: int = 0,
    broker: str = "",
) -> dict:
    env = {**os.environ, "DJANGO_DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if database == "sqlite":
        db_file = workdir / f"loadseeds-{jobs}.sqlite3"
        db_file.unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{db_file}"
    else:
        psql(f'DROP DATABASE IF EXISTS "{pg_name}"', f'CREATE DATABASE "{pg_name}"')
        env["DATABASE_URL"] = f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{pg_name}"
    python = sys.executable
    migrate, _, _ = run([python, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    if migrate.returncode:
        sys.exit(f"migrate failed on {database}:\n{migrate.stderr}")
    if workers:
        env.update({"CELERY_BROKER_URL": broker, "CELERY_RESULT_BACKEND": broker})
        env["CELERY_QUEUE"] = f"bench-{uuid.uuid4().hex[:12]}"
        started = start_workers(workers, env, workdir)
        try:
            loaded, seconds, peak_mb = run([python, "manage.py", "loadseeds", str(files_dir), "--queue"], env)
        finally:
            stop_workers(started)
    else:
        loaded, seconds, peak_mb = run([python, "manage.py", "loadseeds", str(files_dir), "--jobs", str(jobs)], env)
    if loaded.returncode:
        sys.exit(f"loadseeds failed on {database}:\n{loaded.stdout}\n{loaded.stderr}")
    created = re.search(r"(\d+)\s+created", loaded.stdout)
    if database == "postgresql":
        psql(f'DROP DATABASE IF EXISTS "{pg_name}"')
    return {
        "database": database,
        "mode": f"--queue, {workers} worker{'s' if workers > 1 else ''}" if workers else f"--jobs {jobs}",
        "jobs": jobs,
        "files": files,
        "created": int(created.group(1)) if created else None,
        "seconds": seconds,
        "rate": files / seconds,
        "peak_mb": peak_mb,
        "summary": loaded.stdout.strip().splitlines()[-2:],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=300, help="number of article files (default 300)")
    parser.add_argument("--jobs", default="1", help="comma-separated --jobs values to try (default 1)")
    parser.add_argument(
        "--workers", default="", help="comma-separated numbers of Celery workers for loadseeds --queue (default none)"
    )
    parser.add_argument(
        "--broker",
        default="redis://127.0.0.1:6379/5",
        help="Redis URL for --workers (default redis://127.0.0.1:6379/5)",
    )
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite, postgresql or both")
    parser.add_argument("--pg-name", default="timeline_bench_loadseeds", help="PostgreSQL database to create")
    options = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="loadseeds-bench-") as tmp:
        workdir = Path(tmp)
        files_dir = workdir / "articles"
        files_dir.mkdir()
        make_files(files_dir, options.files)
        runs = [(int(value), 0) for value in options.jobs.split(",") if value.strip()]
        runs += [(1, int(value)) for value in options.workers.split(",") if value.strip()]
        for database in options.databases.split(","):
            for jobs, workers in runs:
                result = bench_one(
                    database=database.strip(),
                    files_dir=files_dir,
                    files=options.files,
                    jobs=jobs,
                    pg_name=options.pg_name,
                    workdir=workdir,
                    workers=workers,
                    broker=options.broker,
                )
                results.append(result)
                print(
                    f"{result['database']:<10} {result['mode']}  {result['files']} files in "
                    f"{result['seconds']:.1f} s = {result['rate']:.1f} articles/s  (loadseeds: "
                    f"{' | '.join(result['summary'])})",
                    flush=True,
                )
    print()
    baseline = {r["database"]: r["rate"] for r in results if r["mode"] == "--jobs 1"}
    print(
        f"{'database':<10} {'run':<20} {'files':>6} {'seconds':>8} {'articles/s':>11} {'x --jobs 1':>11} "
        f"{'peak RSS MB':>12}"
    )
    for result in results:
        ratio = result["rate"] / baseline[result["database"]] if result["database"] in baseline else float("nan")
        print(
            f"{result['database']:<10} {result['mode']:<20} {result['files']:>6} {result['seconds']:>8.1f} "
            f"{result['rate']:>11.1f} {ratio:>11.2f} {result['peak_mb']:>12}"
        )
    print("(peak RSS is the loadseeds process's own; with --queue the work happens in the workers)")
    print(f"(machine: {os.cpu_count()} CPUs; wall time of `manage.py loadseeds` incl. Django start-up)")


if __name__ == "__main__":
    main()
