"""loadseeds end to end: the seed examples through the database, idempotence, curation, bad input, JSON."""

import datetime as dt
import io
import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import SEEDS_DIR
from timeline.models import Actor, Article, Event, Resolution

pytestmark = pytest.mark.django_db

SEED_2017 = "000_7e3c3fa8f530c069.txt"
SEED_2018 = "003_f49dd6a5590883b7.txt"


def load(*paths, **options) -> str:
    out = io.StringIO()
    call_command("loadseeds", *[str(p) for p in paths], stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def event_on(article: Article, start: str, end: str, precision: str) -> Event:
    matches = article.events.filter(
        date_start=dt.date.fromisoformat(start), date_end=dt.date.fromisoformat(end), date_precision=precision
    )
    assert matches.count() == 1, list(article.events.values_list("date_start", "date_end", "date_text"))
    return matches.get()


def slugs(event: Event) -> set[str]:
    return set(event.actors.values_list("slug", flat=True))


@pytest.fixture
def seeds_loaded():
    load(SEEDS_DIR)
    return Article.objects.get(source_name=SEED_2017), Article.objects.get(source_name=SEED_2018)


def test_seed_2017_events_in_the_database(seeds_loaded):
    article, _ = seeds_loaded
    assert article.published_on == dt.date(2017, 8, 16)
    assert article.title == "As tensions on Korean Peninsula grow, UN chief urges world to 'dial up' diplomacy"

    main = event_on(article, "2017-08-16", "2017-08-16", "day")
    assert main.is_main
    assert "antonio-guterres" in slugs(main)

    six_party = event_on(article, "2017-08-15", "2017-08-15", "day")
    assert "yesterday" in six_party.date_text.lower()
    assert "Six-Party Talks" in six_party.quote
    assert {"china", "north-korea", "japan", "south-korea", "russia", "united-states"} <= slugs(six_party)
    assert six_party.kind == "meeting"

    sanctions = event_on(article, "2017-08-01", "2017-08-16", "month")
    assert sanctions.date_text == "Earlier this month"
    assert {"security-council", "north-korea"} <= slugs(sanctions)
    assert list(sanctions.resolutions.values_list("symbol", flat=True)) == ["S/RES/2371 (2017)"]
    assert sanctions.resolutions.get().adopted_on == dt.date(2017, 8, 5)
    assert sanctions.kind == "sanctions"

    war = event_on(article, "1950-01-01", "1953-12-31", "year")
    assert "Korean War" in war.quote

    assert not Event.objects.filter(date_start__year=2371).exists()
    assert not article.events.filter(date_text__iregex=r"^we$").exists()


def test_seed_2018_events_and_mentions(seeds_loaded):
    _, article = seeds_loaded
    assert article.published_on == dt.date(2018, 1, 18)
    # Two happenings on the dateline's day: the Secretary-General's statement (the main event) and the Council
    # meeting "convened by Kazakhstan" today, which has a trigger of its own (extractor 4; it used to fold in).
    same_day = article.events.filter(date_start=dt.date(2018, 1, 18), date_end=dt.date(2018, 1, 18))
    assert sorted(same_day.values_list("kind", flat=True)) == ["meeting", "statement"]
    main = same_day.get(kind="statement")
    assert "antonio-guterres" in slugs(main)
    presidency = event_on(article, "2018-01-01", "2018-01-31", "month")
    assert "month of January" in presidency.date_text
    assert "kazakhstan" in slugs(presidency)
    assert not article.events.filter(date_start=dt.date(2018, 1, 17)).exists()
    mentioned = set(article.actors.values_list("slug", flat=True))
    assert {"nursultan-nazarbayev", "kazakhstan", "iaea", "opcw", "north-korea", "south-korea", "iran", "syria"} <= (
        mentioned
    )


def test_quotes_are_exact_slices_of_the_stored_body(seeds_loaded):
    for article in seeds_loaded:
        for event in article.events.all():
            assert article.body[event.quote_start : event.quote_end] == event.quote
            assert event.quote


def test_second_run_changes_nothing_and_says_so(seeds_loaded):
    before = list(Event.objects.order_by("id").values_list("id", "updated_at"))
    out = load(SEEDS_DIR)
    assert "2 unchanged" in out
    assert "Nothing changed" in out
    assert list(Event.objects.order_by("id").values_list("id", "updated_at")) == before


def test_curated_and_rejected_events_survive_reloads(tmp_path):
    seed = tmp_path / SEED_2017
    shutil.copy(SEEDS_DIR / SEED_2017, seed)
    load(seed)
    article = Article.objects.get(source_name=SEED_2017)
    war = article.events.get(date_precision="year")
    war.title = "Korean War (curated)"
    war.date_start = dt.date(1950, 6, 25)
    war.date_end = dt.date(1953, 7, 27)
    war.date_precision = "day"
    war.is_curated = True
    war.save()
    sanctions = article.events.get(date_precision="month")
    sanctions.is_rejected = True
    sanctions.save()

    load(seed, force=True)
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nA new closing paragraph was added yesterday.\n", "utf-8")
    out = load(seed)
    assert "1 updated" in out

    war.refresh_from_db()
    assert war.title == "Korean War (curated)"
    assert (war.date_start, war.date_end) == (dt.date(1950, 6, 25), dt.date(1953, 7, 27))
    sanctions.refresh_from_db()
    assert sanctions.is_rejected
    # The machine's twins of the kept events were not created again.
    assert article.events.filter(date_text="from 1950 to 1953").count() == 1
    assert article.events.filter(date_text="Earlier this month").count() == 1


def test_changed_file_is_re_extracted(tmp_path):
    seed = tmp_path / SEED_2017
    shutil.copy(SEEDS_DIR / SEED_2017, seed)
    load(seed)
    text = seed.read_text(encoding="utf-8").replace("from 1950 to 1953", "from 1950 to 1954")
    seed.write_text(text, encoding="utf-8")
    out = load(seed)
    assert "1 updated" in out
    article = Article.objects.get(source_name=SEED_2017)
    assert article.events.filter(date_end=dt.date(1954, 12, 31)).exists()
    assert not article.events.filter(date_end=dt.date(1953, 12, 31)).exists()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "UTF-8"),
        ("latin1.txt", "# Title\n\n16 August 2017 - Caf\xe9 talks.\n".encode("latin-1"), "UTF-8"),
        ("nodateline.txt", b"# A title\n\nJust a paragraph without any dateline at all.\n", "dateline"),
        ("baddate.txt", b"# A title\n\n32 Foo 2017 \xe2\x80\x93 Something happened.\n", "date"),
        ("notes.csv", b"a,b\n1,2\n", ".txt"),
    ],
)
def test_bad_files_are_reported_and_the_rest_loads(tmp_path, name, content, reason):
    shutil.copy(SEEDS_DIR / SEED_2017, tmp_path / SEED_2017)
    (tmp_path / name).write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 files failed"):
        call_command("loadseeds", str(tmp_path), stdout=out, stderr=err)
    lines = [line for line in err.getvalue().splitlines() if name in line]
    assert len(lines) == 1, err.getvalue()
    assert reason.lower() in lines[0].lower()
    assert "Traceback" not in err.getvalue()
    assert Article.objects.filter(source_name=SEED_2017).exists()
    assert not Article.objects.filter(source_name=name).exists()


def test_a_ten_megabyte_file_is_refused_with_its_size(tmp_path):
    big = tmp_path / "huge.txt"
    big.write_bytes(b"# Title\n\n16 August 2017 - " + b"word " * (2 * 1024 * 1024))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("loadseeds", str(big), stdout=io.StringIO(), stderr=err)
    assert "too large" in err.getvalue()
    assert "10.5 MB" in err.getvalue()


def test_missing_path_is_reported():
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("loadseeds", "/nonexistent/folder", stdout=io.StringIO(), stderr=err)
    assert "no such file or folder" in err.getvalue()


def test_dry_run_writes_nothing():
    out = load(SEEDS_DIR, dry_run=True)
    assert "Nothing was written" in out
    assert Article.objects.count() == 0
    assert Event.objects.count() == 0


def test_dry_run_json_schema():
    out, err = io.StringIO(), io.StringIO()
    call_command("loadseeds", str(SEEDS_DIR), dry_run=True, json=True, stdout=out, stderr=err)
    articles = json.loads(out.getvalue())
    assert [a["file"] for a in articles] == [SEED_2017, SEED_2018]
    first = articles[0]
    assert set(first) == {"file", "title", "published_on", "actors", "resolutions", "events"}
    assert first["published_on"] == "2017-08-16"
    dprk = next(a for a in first["actors"] if a["slug"] == "north-korea")
    assert dprk == {
        "slug": "north-korea",
        "name": "Democratic People's Republic of Korea",
        "kind": "state",
        "iso3": "PRK",
    }
    guterres = next(a for a in first["actors"] if a["slug"] == "antonio-guterres")
    assert guterres["iso3"] is None
    assert first["resolutions"] == [{"symbol": "S/RES/2371 (2017)", "number": 2371, "year": 2017}]
    event_keys = {
        "title",
        "date_start",
        "date_end",
        "date_precision",
        "date_text",
        "quote",
        "actors",
        "resolutions",
        "kind",
    }
    for article in articles:
        for event in article["events"]:
            assert set(event) == event_keys
    sanctions = next(e for e in first["events"] if e["date_text"] == "Earlier this month")
    assert (sanctions["date_start"], sanctions["date_end"], sanctions["date_precision"]) == (
        "2017-08-01",
        "2017-08-16",
        "month",
    )
    assert Article.objects.count() == 0


def test_json_without_dry_run_is_refused():
    with pytest.raises(CommandError, match="--json goes with --dry-run"):
        call_command("loadseeds", json=True, stdout=io.StringIO())


def test_verbose_run_prints_a_line_per_file():
    out = load(SEEDS_DIR, verbosity=2)
    assert f"{SEED_2017}: created" in out
    assert f"{SEED_2018}: created" in out


def test_unknown_titled_person_becomes_an_auto_created_actor(tmp_path):
    (tmp_path / "visit.txt").write_text(
        "# Minister visits\n\n3 March 2019 – Foreign Minister Ana Lopes of Portugal met the Secretary-General "
        "on Tuesday to discuss peacekeeping.\n",
        encoding="utf-8",
    )
    load(tmp_path)
    person = Actor.objects.get(slug="ana-lopes")
    assert person.is_auto_created
    assert person.kind == "person"
    article = Article.objects.get(source_name="visit.txt")
    assert {"ana-lopes", "portugal", "antonio-guterres"} <= set(article.actors.values_list("slug", flat=True))


def test_cited_resolution_unknown_to_the_reference_data_is_created_once(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(
            "# Council acts\n\n10 July 2023 – The Security Council on Monday adopted resolution 9990 (2023), "
            "extending the mission's mandate.\n",
            encoding="utf-8",
        )
    load(tmp_path)
    assert Resolution.objects.filter(number=9990).count() == 1
    resolution = Resolution.objects.get(number=9990)
    assert resolution.symbol == "S/RES/9990 (2023)"
    assert resolution.is_auto_created
    assert resolution.articles.count() == 2


def test_parallel_extraction_gives_the_same_timeline(tmp_path):
    for index in range(6):
        for seed in sorted(SEEDS_DIR.glob("*.txt")):
            text = seed.read_text(encoding="utf-8") + f"\n\nCopy {index}.\n"
            (tmp_path / f"{seed.stem}_{index}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfe\x00")

    def snapshot():
        return sorted(
            (e.article.source_name, e.date_start, e.date_end, e.date_precision, e.title, tuple(sorted(slugs(e))))
            for e in Event.objects.select_related("article")
        )

    with pytest.raises(CommandError, match="1 of 13 files failed"):
        load(tmp_path)
    sequential = snapshot()
    Article.objects.all().delete()
    with pytest.raises(CommandError, match="1 of 13 files failed"):
        load(tmp_path, jobs=2)
    assert snapshot() == sequential
    assert Article.objects.count() == 12


def test_jobs_must_be_positive():
    with pytest.raises(CommandError, match="--jobs must be 1 or more"):
        load(SEEDS_DIR, jobs=0)


def test_verbosity_three_lists_every_event():
    out = load(SEEDS_DIR, verbosity=3)
    assert "    2017-08-01..2017-08-16 (month) [sanctions] The UN Security Council strengthened sanctions" in out
    assert "    1950-01-01..1953-12-31 (year) [conflict]" in out


def test_verbosity_zero_prints_nothing_on_success():
    assert load(SEEDS_DIR, verbosity=0) == ""


def test_reextract_reads_the_file_where_it_was_loaded_from(tmp_path):
    from timeline.services.ingest import Outcome, article_reextract

    seed = tmp_path / SEED_2017
    shutil.copy(SEEDS_DIR / SEED_2017, seed)
    load(seed)
    article = Article.objects.get(source_name=SEED_2017)
    assert article.source_path == str(seed.resolve())
    war = article.events.get(date_text="from 1950 to 1953")
    war.title = "Korean War (curated)"
    war.is_curated = True
    war.save()
    seed.write_text(seed.read_text(encoding="utf-8").replace("from 1950 to 1953", "from 1950 to 1954"), "utf-8")

    result = article_reextract(article=article)
    assert result.outcome == Outcome.UPDATED
    assert article.events.filter(date_end=dt.date(1954, 12, 31)).exists()
    assert article.events.get(pk=war.pk).title == "Korean War (curated)"

    seed.unlink()
    missing = article_reextract(article=article)
    assert missing.outcome == Outcome.FAILED
    assert "no longer exists" in missing.reason


def test_assembly_resolutions_link_by_symbol_and_the_preview_agrees(tmp_path):
    (tmp_path / "assembly.txt").write_text(
        "# Assembly acts\n\n19 September 2016 – The General Assembly adopted resolution 71/1 on refugees and "
        "recalled its resolution 70/1 on sustainable development.\n",
        encoding="utf-8",
    )
    (tmp_path / "next-session.txt").write_text(
        "# Assembly again\n\n5 October 2017 – The General Assembly adopted resolution 72/1 by consensus.\n",
        encoding="utf-8",
    )
    preview = json.loads(load(tmp_path, dry_run=True, json=True))
    previewed = {a["file"]: [r["symbol"] for r in a["resolutions"]] for a in preview}
    assert previewed == {"assembly.txt": ["A/RES/71/1", "A/RES/70/1"], "next-session.txt": ["A/RES/72/1"]}

    load(tmp_path)
    # Number 1 of three sessions: three records, each article linked to its own.
    numbered = Resolution.objects.filter(body="A", number=1).exclude(symbol__contains="ES-")  # not emergency sessions
    assert set(numbered.values_list("symbol", flat=True)) == {
        "A/RES/70/1",
        "A/RES/71/1",
        "A/RES/72/1",
    }
    for article in Article.objects.filter(source_name__in=previewed):
        assert sorted(article.resolutions.values_list("symbol", flat=True)) == sorted(previewed[article.source_name])


def test_preview_lists_each_auto_created_person_once(tmp_path):
    (tmp_path / "visit.txt").write_text(
        "# Minister visits\n\n3 March 2019 – Foreign Minister Ana Lopes of Portugal met the Secretary-General "
        "on Tuesday.\n",
        encoding="utf-8",
    )
    [article] = json.loads(load(tmp_path, dry_run=True, json=True))
    slugs_listed = [actor["slug"] for actor in article["actors"]]
    assert slugs_listed.count("ana-lopes") == 1
    assert {"slug": "ana-lopes", "name": "Ana Lopes", "kind": "person", "iso3": None} in article["actors"]
