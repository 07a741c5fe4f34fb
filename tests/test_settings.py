"""Settings come from the environment: database choice, debug, secret key, security switches."""

import json

import pytest

from tests.conftest import run_manage

PRINT_SETTINGS = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']), "
    "'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, 'ssl': s.SECURE_SSL_REDIRECT, "
    "'hsts': getattr(s, 'SECURE_HSTS_SECONDS', 0), 'throttle': s.REST_FRAMEWORK['DEFAULT_THROTTLE_CLASSES']}))"
)


def settings_for(env: dict) -> dict:
    result = run_manage("shell", "-c", PRINT_SETTINGS, env={"DATABASE_URL": "", **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sqlite_when_database_url_is_unset():
    chosen = settings_for({})
    assert chosen["engine"] == "django.db.backends.sqlite3"
    assert chosen["name"].endswith("db.sqlite3")


def test_postgresql_when_database_url_is_set():
    chosen = settings_for({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/timeline_example"})
    assert chosen["engine"] == "django.db.backends.postgresql"
    assert chosen["name"] == "timeline_example"


def test_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_manage("check", env={"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "", "DATABASE_URL": ""})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_bad_boolean_switch_is_named():
    result = run_manage("check", env={"DJANGO_DEBUG": "maybe", "DATABASE_URL": ""})
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in result.stderr


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "DJANGO_ALLOWED_HOSTS": "timeline.example.org",
    "DJANGO_SECURE_SSL_REDIRECT": "1",
    "DATABASE_URL": "",
}


def test_check_deploy_is_clean_for_a_production_environment():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    chosen = settings_for(PRODUCTION)
    assert chosen["debug"] is False
    assert chosen["hosts"] == ["timeline.example.org"]
    assert chosen["ssl"] is True
    assert chosen["hsts"] >= 31536000


@pytest.mark.parametrize(("rate", "classes"), [("off", []), ("30/min", ["rest_framework.throttling.AnonRateThrottle"])])
def test_anonymous_throttle_is_configurable(rate, classes):
    assert settings_for({"API_ANON_RATE": rate})["throttle"] == classes
