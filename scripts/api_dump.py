"""Dump every API answer on the seeds, to compare two versions of the code byte for byte.

Run from a checkout (its code is what answers): it migrates a scratch SQLite database (or the empty one
``--database-url`` names), loads ``seeds/`` and
GETs every list, detail, timeline and export endpoint (plus a few filtered lists and a second cursor page), then
writes one file per request into ``--out`` and a ``SHA256SUMS`` listing. The iCalendar ``DTSTAMP`` (the moment
of the export) is replaced by a fixed value; nothing else is touched. Compare two dumps with
``diff -r before/ after/``::

    cd /path/to/checkout && .venv/bin/python scripts/api_dump.py --out /tmp/api-before
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import tempfile
from pathlib import Path

DTSTAMP = re.compile(rb"DTSTAMP:\d{8}T\d{6}Z")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the answers (created)")
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="articles to load (default seeds/)")
    parser.add_argument(
        "--database-url",
        help="an empty scratch database to use instead of a new SQLite file (it is migrated and loaded)",
    )
    args = parser.parse_args()
    database = Path(tempfile.mkdtemp(prefix="api-dump-")) / "db.sqlite3"
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["API_ANON_RATE"] = "off"
    sys.path.insert(0, os.getcwd())

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", "--noinput", verbosity=0)
    call_command("loadseeds", str(args.seeds), verbosity=0)

    from timeline.models import Actor, Article, Event, Resolution

    client = Client()
    paths = ["/api/events/", "/api/events/?page_size=2", "/api/events/?ordering=-date", "/api/timeline/"]
    paths += [f"/api/timeline/?interval={interval}" for interval in ("year", "month", "day")]
    paths += [f"/api/events/export/?format={name}" for name in ("csv", "ics", "timelinejs", "json")]
    paths += ["/api/events/?actor=north-korea", "/api/events/?date_from=2017-08&date_to=2017-08"]
    paths += ["/api/actors/", "/api/actors/?q=korea", "/api/resolutions/", "/api/resolutions/?year=2017"]
    paths += ["/api/articles/", "/"]
    paths += [f"/api/events/{pk}/" for pk in Event.objects.order_by("pk").values_list("pk", flat=True)]
    paths += [f"/api/articles/{pk}/" for pk in Article.objects.order_by("pk").values_list("pk", flat=True)]
    paths += [f"/articles/{pk}/" for pk in Article.objects.order_by("pk").values_list("pk", flat=True)]
    linked = Actor.objects.filter(events__isnull=False).distinct().order_by("slug")
    paths += [f"/api/actors/{slug}/" for slug in linked.values_list("slug", flat=True)]
    cited = Resolution.objects.filter(events__isnull=False).distinct().order_by("pk")
    paths += [f"/api/resolutions/{pk}/" for pk in cited.values_list("pk", flat=True)]
    second = client.get("/api/events/?page_size=2").json().get("next")
    if second:
        paths.append(second.replace("http://testserver", ""))

    args.out.mkdir(parents=True, exist_ok=True)
    sums = []
    for path in paths:
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        body = DTSTAMP.sub(b"DTSTAMP:19700101T000000Z", body)
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", path.strip("/")) or "root"
        (args.out / name).write_bytes(f"{response.status_code} {response.get('Content-Type')}\n".encode() + body)
        sums.append(f"{hashlib.sha256(body).hexdigest()}  {response.status_code}  {path}")
    (args.out / "SHA256SUMS").write_text("\n".join(sums) + "\n")
    print(f"{len(paths)} answers in {args.out}")


if __name__ == "__main__":
    main()
