"""/healthz answers 200 with the database's status, and 503 when the database cannot be reached."""

import json

import pytest

from tests.conftest import run_manage


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"]["ok"] is True
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_503_when_the_database_is_unreachable():
    # A real client in a child process, pointed at a port where no PostgreSQL listens.
    script = (
        "import json; from django.test import Client; r = Client().get('/healthz'); "
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
    )
    result = run_manage("shell", "-c", script, env={"DATABASE_URL": "postgres://postgres@127.0.0.1:9/nowhere"})
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    assert answer["body"]["database"]["ok"] is False


def test_api_answers_503_with_retry_after_when_the_database_is_unreachable():
    script = (
        "import json; from django.test import Client; r = Client().get('/api/events/'); "
        "print(json.dumps({'status': r.status_code, 'retry': r.get('Retry-After'), 'body': r.json()}))"
    )
    result = run_manage("shell", "-c", script, env={"DATABASE_URL": "postgres://postgres@127.0.0.1:9/nowhere"})
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    assert answer["retry"] == "5"
    assert "database is unavailable" in answer["body"]["detail"]
