"""Shared fixtures. The test database is built by the migrations, so the reference data is in it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"


def run_manage(*args: str, env: dict | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run ``manage.py`` in a child process, as a user would, and capture what it prints."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()
