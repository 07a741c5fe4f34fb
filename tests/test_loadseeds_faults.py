"""loadseeds and the file system (issue 14): odd names, links, folders and two files with one name."""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import SEEDS_DIR, run_manage
from timeline.models import Article

pytestmark = pytest.mark.django_db

SEED_2017 = "000_7e3c3fa8f530c069.txt"
SEED_2018 = "003_f49dd6a5590883b7.txt"


def run(*paths, **options) -> tuple[str, str, bool]:
    out, err = io.StringIO(), io.StringIO()
    failed = False
    try:
        call_command("loadseeds", *[str(p) for p in paths], stdout=out, stderr=err, **options)
    except CommandError:
        failed = True
    return out.getvalue(), err.getvalue(), failed


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_file_name_that_is_not_utf8_is_reported_and_the_rest_loads(tmp_path_factory, dry_run):
    """Run as a user does, in a child process with a UTF-8 terminal: no UnicodeEncodeError, a line naming the
    file (its bad byte escaped), the files after it still load, and the exit status says something failed."""
    tmp_path = tmp_path_factory.mktemp("articles")
    folder = os.fsencode(tmp_path)
    shutil.copy(SEEDS_DIR / SEED_2017, tmp_path / "a.txt")
    shutil.copy(SEEDS_DIR / SEED_2018, tmp_path / "c.txt")
    with open(os.path.join(folder, b"b\xff.txt"), "wb") as handle:
        handle.write((SEEDS_DIR / SEED_2017).read_bytes())
    args = ["loadseeds", str(tmp_path), *(["--dry-run"] if dry_run else [])]
    # A database of the test's own (the child process cannot see the test transaction).
    env = {"PYTHONIOENCODING": "utf-8", "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('db') / 'db.sqlite3'}"}
    assert run_manage("migrate", "-v", "0", env=env).returncode == 0
    result = run_manage(*args, env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "b\\xff.txt: the file name is not valid UTF-8" in result.stderr
    if dry_run:
        assert "2 articles would load" in result.stdout
    else:
        assert "Articles: 2 created" in result.stdout
        assert "1 failed" in result.stdout


def test_two_files_with_one_name_in_two_folders_are_refused_naming_both(tmp_path):
    col_a, col_b = tmp_path / "colA", tmp_path / "colB"
    col_a.mkdir()
    col_b.mkdir()
    shutil.copy(SEEDS_DIR / SEED_2017, col_a / "report.txt")
    shutil.copy(SEEDS_DIR / SEED_2018, col_b / "report.txt")
    # In one run: the second is a line naming both files.
    out, err, failed = run(col_a, col_b)
    assert failed
    assert f"{col_b / 'report.txt'}: same file name as {col_a / 'report.txt'}" in err
    article = Article.objects.get(source_name="report.txt")
    assert article.published_on.year == 2017
    # In a later run: the loaded article's file is still there, so the other file is refused again.
    out, err, failed = run(col_b)
    assert failed
    assert f"{col_b / 'report.txt'}: same file name as {(col_a / 'report.txt').resolve()}" in err
    assert Article.objects.get(source_name="report.txt").published_on.year == 2017


def test_a_moved_file_updates_its_article(tmp_path):
    col_a, col_b = tmp_path / "colA", tmp_path / "colB"
    col_a.mkdir()
    col_b.mkdir()
    shutil.copy(SEEDS_DIR / SEED_2017, col_a / "report.txt")
    run(col_a)
    shutil.move(col_a / "report.txt", col_b / "report.txt")
    (col_b / "report.txt").write_text((col_b / "report.txt").read_text() + "\nA last line.\n")
    out, err, failed = run(col_b)
    assert not failed, err
    assert "1 updated" in out
    assert Article.objects.get(source_name="report.txt").source_path == str((col_b / "report.txt").resolve())


def test_every_skipped_entry_gets_a_line(tmp_path):
    shutil.copy(SEEDS_DIR / SEED_2017, tmp_path / "good.txt")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "sub").mkdir()
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    out, err, failed = run(tmp_path)
    assert failed
    lines = {Path(line.split(": ", 1)[0]).name: line for line in err.splitlines() if ": " in line}
    assert "a folder, not an article file" in lines["folder.txt"]
    assert "subfolder: skipped" in lines["sub"]
    assert "broken symbolic link" in lines["dangling.txt"]
    assert "loops" in lines["loop.txt"]
    assert "4 of 5 files failed" not in err  # the subfolder is a note, not a failure
    assert Article.objects.filter(source_name="good.txt").exists()
