"""The short form of ``bench/load_fault.py``: gunicorn with the production settings, 16 concurrent readers, 5 s.

It runs on a database of its own (a SQLite file, or ``<DATABASE_URL's name>_loadsmoke`` on PostgreSQL, created and
dropped here) filled by ``generate_synthetic``, because the server is another process and cannot see the test
transaction. It is marked ``slow`` so ``-m "not slow"`` can leave it out on purpose; it never skips by itself.
"""

import os
import subprocess
import sys
import urllib.parse

import pytest

from tests.conftest import ROOT, run_manage

pytestmark = pytest.mark.slow


@pytest.fixture
def load_database(tmp_path):
    url = os.environ.get("DATABASE_URL", "").strip()
    if url.startswith(("postgres://", "postgresql://")):
        parts = urllib.parse.urlsplit(url)
        name = parts.path.lstrip("/") + "_loadsmoke"
        target = [
            "-h",
            parts.hostname or "127.0.0.1",
            "-p",
            str(parts.port or 5432),
            "-U",
            parts.username or "postgres",
        ]
        subprocess.run(["dropdb", *target, "--if-exists", name], check=True)
        subprocess.run(["createdb", *target, name], check=True)
        yield urllib.parse.urlunsplit(parts._replace(path="/" + name))
        subprocess.run(["dropdb", *target, "--if-exists", name], check=True)
    else:
        yield f"sqlite:///{tmp_path / 'load.sqlite3'}"


def test_mixed_reads_at_concurrency_16_answer_without_errors(load_database):
    env = {"DATABASE_URL": load_database}
    for command in (["migrate", "--noinput", "-v", "0"], ["generate_synthetic", "--events", "3000", "--seed", "5"]):
        result = run_manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load_fault.py"), "--seconds", "5", "--database-url", load_database],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASSED" in result.stdout
    assert "FAILED" not in result.stdout
