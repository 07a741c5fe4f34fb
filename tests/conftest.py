"""Shared fixtures. The test database is built by the migrations, so the reference data is in it."""

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def deleting_fails_at(model, pk: int) -> Iterator[None]:
    """Make deleting the ``model`` row ``pk`` fail after the rows deleted before it: the test of an all-or-nothing
    delete (a ``post_delete`` handler that raises ``RuntimeError``)."""
    from django.db.models.signals import post_delete

    def refuse(sender, instance, **kwargs):
        if instance.pk == pk:
            raise RuntimeError("boom")

    post_delete.connect(refuse, sender=model, weak=False)
    try:
        yield
    finally:
        post_delete.disconnect(refuse, sender=model)


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, so the anonymous API throttle (a count in the cache) never carries
    requests over from earlier tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def curator(django_user_model):
    """A staff user with every model permission on events, actors and resolutions."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(username="curator", password="curator-pass-1234", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="timeline", content_type__model__in=["event", "actor", "resolution"]
        )
    )
    return user
