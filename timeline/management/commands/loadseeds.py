"""``manage.py loadseeds [PATH ...]``: load article files into the timeline (thin: the work is in services)."""

from __future__ import annotations

import errno
import json
import os
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from timeline.services.ingest import (
    MAX_FILE_BYTES,
    IngestError,
    IngestResult,
    Outcome,
    article_extract,
    articles_ingest,
    articles_preview,
    gazetteer_build,
    reference_data_ensure,
)

PROGRESS_FROM_FILES = 20


def display(path: Path) -> str:
    """The path as text that prints anywhere: bytes that are not UTF-8 as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def display_name(path: Path) -> str:
    return os.fsencode(path.name).decode("utf-8", "backslashreplace")


SUBFOLDER = "a subfolder: skipped (loadseeds reads the .txt files of the folders it is given, not below)"


def entry_problem(path: Path, *, named: bool) -> str | None:
    """Why ``path`` (given on the command line when ``named``, else found in a folder) is no article, or None."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not valid UTF-8; rename the file"
    if path.is_symlink() and not path.exists():
        try:
            path.resolve(strict=True)
        except RuntimeError:
            return "a symbolic link that loops"
        except OSError as error:
            if error.errno == errno.ELOOP:
                return "a symbolic link that loops"
        return "a broken symbolic link (its target does not exist)"
    if path.is_dir():
        if named:
            return None
        if path.suffix.lower() == ".txt":
            return "a folder, not an article file"
        return SUBFOLDER
    if not path.exists():
        return "no such file or folder"
    if not path.is_file():
        return "not a regular file"
    if not named and path.suffix.lower() != ".txt":
        return f"not a .txt article (suffix {path.suffix or 'none'!r})"
    return None


class Command(BaseCommand):
    help = (
        "Load news articles (.txt) into the timeline: dates, actors, resolutions and events. "
        "PATH may be a file or a folder of .txt files (default: seeds/). Unchanged files are skipped; events a "
        "curator edited or rejected are never changed. Exits 1 when any file failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders (default: seeds/)")
        parser.add_argument("--dry-run", action="store_true", help="extract and report, write nothing")
        parser.add_argument(
            "--json", action="store_true", help="with --dry-run: print only JSON on stdout (messages go to stderr)"
        )
        parser.add_argument("--force", action="store_true", help="re-extract every file even when it has not changed")
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            metavar="N",
            help="extract in N worker processes (this process stays the only writer); default 1",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="send one Celery task per file (CELERY_BROKER_URL) for `celery -A config worker` processes on any "
            "machines sharing this database to load; waits for them and prints the same summary",
        )
        parser.add_argument(
            "--no-wait",
            action="store_true",
            help="with --queue: exit once every task is sent; the workers' results are not collected",
        )
        parser.add_argument(
            "--max-bytes", type=int, default=MAX_FILE_BYTES, help=f"refuse larger files (default {MAX_FILE_BYTES})"
        )

    def handle(self, *args, **options):
        if options["json"] and not options["dry_run"]:
            raise CommandError("--json goes with --dry-run (a real load prints a summary, not JSON).")
        if options["jobs"] < 1:
            raise CommandError("--jobs must be 1 or more.")
        if options["queue"] and (options["dry_run"] or options["jobs"] != 1):
            raise CommandError("--queue sends the files to Celery workers; it goes with neither --dry-run nor --jobs.")
        if options["no_wait"] and not options["queue"]:
            raise CommandError("--no-wait goes with --queue.")
        self.verbosity = options["verbosity"]
        self.messages = self.stderr if options["json"] else self.stdout
        files, failures = self.collect(options["paths"])
        if not files and not failures:
            raise CommandError("No .txt files found in the given paths.")
        total = len(files) + len(failures)
        started = time.monotonic()
        if options["dry_run"]:
            self.dry_run(files, failures, as_json=options["json"], max_bytes=options["max_bytes"])
        elif options["queue"]:
            reference_data_ensure()
            self.enqueue(
                files, failures, force=options["force"], max_bytes=options["max_bytes"], wait=not options["no_wait"]
            )
        else:
            reference_data_ensure()
            self.load(files, failures, force=options["force"], max_bytes=options["max_bytes"], jobs=options["jobs"])
        elapsed = time.monotonic() - started
        failed = [result for result in failures if result.outcome == Outcome.FAILED]
        if self.verbosity >= 1:
            rate = len(files) / elapsed if elapsed > 0 else 0.0
            self.messages.write(f"{total} files in {elapsed:.2f} s ({rate:.1f} articles/s)")
        if failed:
            raise CommandError(f"{len(failed)} of {total} files failed to load (see above).")

    def collect(self, raw_paths: list[str]) -> tuple[list[Path], list[IngestResult]]:
        """The .txt files to load, and a failure line for every entry that cannot be one.

        Nothing is skipped in silence: a file name that is not UTF-8, a broken or looping symbolic link, a folder
        named like an article, a subfolder (not descended into), another suffix, and a second file with a file
        name already taken in this run (articles are keyed by file name) each get a line; the rest still load.
        """
        paths = [Path(p) for p in raw_paths] or [Path(settings.SEEDS_DIR)]
        files: list[Path] = []
        failures: list[IngestResult] = []
        by_name: dict[str, Path] = {}

        def consider(path: Path, *, named: bool) -> None:
            problem = entry_problem(path, named=named)
            if problem == SUBFOLDER:
                # Not an error: a line, and the load goes on.
                self.stderr.write(self.style.WARNING(f"{display(path)}: {problem}"))
                return
            if problem:
                failures.append(self.fail(path, problem))
                return
            if path.is_dir():
                return
            taken = by_name.get(path.name)
            if taken is not None and taken.resolve() != path.resolve():
                failures.append(
                    self.fail(
                        path,
                        f"same file name as {display(taken)}; articles are keyed by file name, so rename one of them",
                    )
                )
                return
            by_name[path.name] = path
            files.append(path)

        for path in paths:
            if path.is_dir():
                for child in sorted(path.iterdir()):
                    if not child.name.startswith("."):
                        consider(child, named=False)
            else:
                consider(path, named=True)
        return list(dict.fromkeys(files)), failures

    def fail(self, path: Path, reason: str) -> IngestResult:
        self.stderr.write(self.style.ERROR(f"{display(path)}: {reason}"))
        return IngestResult(display_name(path), Outcome.FAILED, reason=reason)

    def progress(self, done: int, total: int) -> None:
        if total < PROGRESS_FROM_FILES or self.verbosity < 1:
            return
        step = max(1, total // 20)
        if done % step == 0 or done == total:
            self.stderr.write(f"[{done}/{total}] {100 * done // total}%", ending="\r" if sys.stderr.isatty() else "\n")

    def load(self, files: list[Path], failures: list[IngestResult], *, force: bool, max_bytes: int, jobs: int) -> None:
        results: list[IngestResult] = []
        ingested = articles_ingest(paths=files, jobs=jobs, max_bytes=max_bytes, force=force)
        for done, (path, result) in enumerate(zip(files, ingested, strict=True), start=1):
            self.report(path, result, results, failures)
            self.progress(done, len(files))
        self.summary(results, failures)

    def enqueue(self, files: list[Path], failures: list[IngestResult], *, force: bool, max_bytes: int, wait: bool):
        """``--queue``: one task per file for the Celery workers, then (unless ``--no-wait``) their results."""
        from timeline.tasks import BrokerUnreachable, articles_enqueue, task_outcome, workers_check

        try:
            warning = workers_check()
        except BrokerUnreachable as error:
            raise CommandError(str(error)) from error
        if warning:
            self.stderr.write(self.style.WARNING(warning))
        results: list[IngestResult] = []
        sent: list[tuple[Path, object]] = []
        for path, item in articles_enqueue(paths=files, max_bytes=max_bytes, force=force, keep_results=wait):
            if isinstance(item, IngestResult):
                self.report(path, item, results, failures)
            else:
                sent.append((path, item))
        if not wait:
            if self.verbosity >= 1:
                unchanged = sum(1 for r in results if r.outcome == Outcome.UNCHANGED)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Queued {len(sent)} files for the workers; {unchanged} unchanged, {len(failures)} failed "
                        "here. Not waiting for the results (--no-wait)."
                    )
                )
            return
        if self.verbosity >= 1 and sent:
            self.stderr.write(f"Queued {len(sent)} files; waiting for the workers.")
        for done, (path, task) in enumerate(sent, start=1):
            self.report(path, task_outcome(path, task), results, failures)
            self.progress(done, len(sent))
        self.summary(results, failures)

    def report(self, path: Path, result: IngestResult, results: list[IngestResult], failures: list[IngestResult]):
        """Count one file's result and print its line (failures always, the rest at ``-v 2``)."""
        results.append(result)
        if result.outcome == Outcome.FAILED:
            failures.append(self.fail(path, result.reason))
        elif self.verbosity >= 2:
            self.stdout.write(
                f"{path.name}: {result.outcome}, events +{result.events_created} -{result.events_deleted} "
                f"(kept {result.events_kept} curated), actors {result.actors_linked}, "
                f"resolutions {result.resolutions_linked}"
            )
            if self.verbosity >= 3:
                for event in result.events:
                    self.stdout.write(self.event_line(*event))

    @staticmethod
    def event_line(date_start, date_end, precision: str, kind: str, title: str) -> str:
        interval = str(date_start) if date_start == date_end else f"{date_start}..{date_end}"
        return f"    {interval} ({precision}) [{kind}] {title}"

    def summary(self, results: list[IngestResult], failures: list[IngestResult]) -> None:
        if self.verbosity < 1:
            return
        counts = {outcome: sum(1 for r in results if r.outcome == outcome) for outcome in Outcome}
        counts[Outcome.FAILED] = len(failures)
        created = sum(r.events_created for r in results)
        deleted = sum(r.events_deleted for r in results)
        kept = sum(r.events_kept for r in results)
        new_actors = sorted({slug for r in results for slug in r.actors_created})
        new_resolutions = sorted({symbol for r in results for symbol in r.resolutions_created})
        line = (
            f"Articles: {counts[Outcome.CREATED]} created, {counts[Outcome.UPDATED]} updated, "
            f"{counts[Outcome.UNCHANGED]} unchanged, {counts[Outcome.FAILED]} failed. "
            f"Events: {created} created, {deleted} deleted, {kept} kept (curated or rejected). "
            f"Actors: {sum(r.actors_linked for r in results)} linked, {len(new_actors)} auto-created. "
            f"Resolutions: {sum(r.resolutions_linked for r in results)} linked, {len(new_resolutions)} created."
        )
        changed = counts[Outcome.CREATED] + counts[Outcome.UPDATED]
        style = self.style.SUCCESS if not failures else self.style.WARNING
        self.stdout.write(style(line))
        if not changed and not failures:
            self.stdout.write(self.style.SUCCESS("Nothing changed: every article is up to date."))
        if new_actors and self.verbosity >= 1:
            self.stdout.write(f"Auto-created actors to review: {', '.join(new_actors)}")

    def dry_run(self, files: list[Path], failures: list[IngestResult], *, as_json: bool, max_bytes: int) -> None:
        gazetteer = gazetteer_build()
        articles = []
        for done, path in enumerate(files, start=1):
            try:
                extracted = article_extract(path=path, gazetteer=gazetteer, max_bytes=max_bytes)
            except IngestError as error:
                failures.append(self.fail(path, error.reason))
                continue
            articles.append(extracted)
            if self.verbosity >= 2 or (not as_json and self.verbosity >= 1):
                self.messages.write(f"{path.name}: {len(extracted.events)} events (dry run, nothing written)")
            if self.verbosity >= 3:
                for event in extracted.events:
                    self.messages.write(
                        self.event_line(event.date_start, event.date_end, event.date_precision, event.kind, event.title)
                    )
            self.progress(done, len(files))
        payload = articles_preview(articles=articles)
        if as_json:
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        elif self.verbosity >= 1:
            events = sum(len(a["events"]) for a in payload)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Dry run: {len(payload)} articles would load with {events} events; {len(failures)} failed. "
                    "Nothing was written."
                )
            )
