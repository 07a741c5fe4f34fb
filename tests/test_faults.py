"""Regression tests for the faults of issue 14, one or more per item, as a user (or an attacker) meets them."""

import json

import pytest
from django.db import OperationalError
from rest_framework.throttling import AnonRateThrottle

from tests.conftest import ROOT, run_manage
from tests.factories import ArticleFactory, EventFactory

NOWHERE = {"DATABASE_URL": "postgres://postgres@127.0.0.1:9/nowhere"}


# ------------------------------------------------------------------------------------ 1. NUL in actor= (pages)
@pytest.mark.django_db
@pytest.mark.parametrize("value", ["\x00", "north\x00korea", "x" * 5000])
def test_page_with_an_unnameable_actor_is_a_400_naming_it(client, value):
    response = client.get("/", {"actor": value})
    assert response.status_code == 400
    assert b"Unknown actor slug" in response.content


@pytest.mark.django_db
def test_nul_anywhere_in_the_page_query_is_not_a_500(client):
    for parameter in ("q", "resolution", "date_from", "kind", "cursor", "page_size", "article"):
        response = client.get("/", {parameter: "a\x00b"})
        assert response.status_code == 400, parameter


# ---------------------------------------------------------------- 2. digits are ASCII digits, nothing else
@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "٢٠١٧", "２０１７", "1_0", "¹²"])
def test_non_ascii_digits_are_not_numbers(api_client, value):
    # q is text: a superscript is searched for as text, never turned into a number.
    assert api_client.get("/api/resolutions/", {"q": value}).status_code == 200
    for parameter in ("date_from", "date_to"):
        response = api_client.get("/api/events/", {parameter: value})
        assert response.status_code == 400
        assert parameter in response.json()
    for path, parameter in (
        ("/api/events/", "page_size"),
        ("/api/events/", "article"),
        ("/api/events/", "min_mentions"),
        ("/api/resolutions/", "year"),
        ("/api/events/", "resolution"),
    ):
        response = api_client.get(path, {parameter: value})
        assert response.status_code == 400, (path, parameter)
        assert parameter in response.json()
    assert api_client.get(f"/api/events/{value}/").status_code == 404


@pytest.mark.django_db
def test_arabic_indic_year_is_not_2017_on_the_page(client):
    EventFactory()
    response = client.get("/", {"date_from": "٢٠١٧"})
    assert response.status_code == 400
    assert b"YYYY" in response.content


# ----------------------------------------------------------------------------- 3. OPTIONS on Swagger UI
@pytest.mark.django_db
def test_options_on_the_docs_answers_the_allowed_methods(client):
    response = client.options("/api/docs/")
    assert response.status_code == 200
    assert "GET" in response["Allow"]


@pytest.mark.django_db
def test_swagger_ui_has_no_inline_script_or_style(client):
    page = client.get("/api/docs/").content.decode()
    assert "<script>" not in page
    assert "<style>" not in page
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content


# -------------------------------------------------------------------- 4. pages answer 503 while the db is down
def _client_in_child(path: str, method: str = "get", data: str = "{}") -> dict:
    script = (
        "import json; from django.test import Client; "
        f"r = Client().{method}({path!r}, {data}); "
        "print(json.dumps({'status': r.status_code, 'retry': r.get('Retry-After'), "
        "'type': r.get('Content-Type'), 'body': r.content.decode()}))"
    )
    result = run_manage("shell", "-c", script, env=NOWHERE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("path", ["/", "/?q=council", "/articles/1/"])
def test_pages_answer_503_with_retry_after_while_the_database_is_down(path):
    answer = _client_in_child(path)
    assert answer["status"] == 503, answer
    assert answer["retry"] == "5"
    assert answer["type"].startswith("text/html")
    assert "retry" in answer["body"].lower()


def test_admin_login_answers_503_while_the_database_is_down():
    answer = _client_in_child("/admin/login/", "post", "{'username': 'a', 'password': 'b'}")
    assert answer["status"] == 503, answer


# ---------------------------------------------------------------------- 12. healthz, CSP, placeholder keys
def test_healthz_shows_anonymous_callers_no_database_error_text():
    answer = _client_in_child("/healthz")
    assert answer["status"] == 503
    body = json.loads(answer["body"])
    assert body["database"] == {"vendor": "postgresql", "ok": False}
    assert "127.0.0.1" not in answer["body"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/api/events/", "/api/docs/", "/admin/login/", "/healthz", "/api/events/export/?format=csv"]
)
def test_every_response_carries_a_content_security_policy(client, path):
    policy = client.get(path)["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def _compose_placeholder_key() -> str:
    text = (ROOT / "docker-compose.yml").read_text()
    return text.split("DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY:-", 1)[1].split("}", 1)[0]


@pytest.mark.parametrize(
    "key",
    [_compose_placeholder_key(), "change-me-to-a-long-random-string-before-deploying-please-xx", "Sh0rt!key#9"],
)
def test_check_deploy_refuses_placeholder_and_short_keys(key):
    env = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": key, "DJANGO_ALLOWED_HOSTS": "example.org", "DATABASE_URL": ""}
    result = run_manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "timeline.E001" in result.stderr + result.stdout


# ------------------------------------------------------------------- 10. HEAD exports nothing; bounded q
@pytest.mark.django_db
def test_head_on_an_export_reads_no_event(api_client, monkeypatch):
    EventFactory.create_batch(3)

    def refuse(*args, **kwargs):
        raise AssertionError("HEAD must not read the events")

    monkeypatch.setattr("timeline.api.views.keyset_chunks", refuse)
    for export_format in ("csv", "ics", "json", "timelinejs"):
        response = api_client.head("/api/events/export/", {"format": export_format})
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b""
        assert "attachment" in response["Content-Disposition"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q", ["w0 or w1 or w2 or w3 or w4", " ".join(f"word{n}" for n in range(9)), "x" * 201, "a or b or c or d"]
)
def test_over_complex_search_is_a_400_naming_q(api_client, client, q):
    response = api_client.get("/api/events/", {"q": q})
    assert response.status_code == 400
    assert "q" in response.json()
    assert client.get("/", {"q": q}).status_code == 400


@pytest.mark.django_db
def test_a_search_within_bounds_still_works(api_client):
    EventFactory(title="Council condemns the launch")
    response = api_client.get("/api/events/", {"q": "council or launch or test"})
    assert response.status_code == 200


# --------------------------------------------------------------------- 6. a failed export is visibly cut
@pytest.mark.django_db
@pytest.mark.parametrize("export_format", ["csv", "ics", "json", "timelinejs"])
def test_an_export_failing_mid_stream_ends_marked_and_aborted(api_client, monkeypatch, export_format):
    EventFactory.create_batch(3)
    from timeline.api import views

    real_chunks = views.keyset_chunks

    def chunks_then_outage(*args, **kwargs):
        yield from real_chunks(*args, **kwargs)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(views, "keyset_chunks", chunks_then_outage)
    response = api_client.get("/api/events/export/", {"format": export_format})
    assert response.status_code == 200
    received = []
    with pytest.raises(OperationalError):  # the server aborts the connection: no closing chunk
        for chunk in response.streaming_content:
            received.append(chunk)
    body = b"".join(received).decode("utf-8-sig")
    assert body.endswith("# EXPORT FAILED: this file is incomplete; download it again.\n")
    if export_format in ("json", "timelinejs"):
        with pytest.raises(json.JSONDecodeError):
            json.loads(body)
    if export_format == "ics":
        assert "END:VCALENDAR" not in body


# ------------------------------------------------------------------------- 11. throttles: pages and login
@pytest.mark.django_db
def test_the_timeline_page_is_throttled_like_the_api(client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    article = ArticleFactory()
    statuses = [client.get("/").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    throttled = client.get(f"/articles/{article.pk}/")
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) >= 1


@pytest.mark.django_db
def test_admin_login_slows_down_after_wrong_passwords(client, settings, django_user_model):
    settings.LOGIN_FAILURE_LIMIT = 3
    django_user_model.objects.create_superuser("boss", password="the-right-password-123")
    for _ in range(3):
        assert client.post("/admin/login/", {"username": "boss", "password": "wrong"}).status_code == 200
    locked = client.post("/admin/login/", {"username": "boss", "password": "the-right-password-123"})
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) > 0


@pytest.mark.django_db
def test_a_successful_login_clears_the_failures(client, settings, django_user_model):
    settings.LOGIN_FAILURE_LIMIT = 3
    django_user_model.objects.create_superuser("boss", password="the-right-password-123")
    for _ in range(2):
        client.post("/admin/login/", {"username": "boss", "password": "wrong"})
    assert client.post("/admin/login/", {"username": "boss", "password": "the-right-password-123"}).status_code == 302
    client.logout()
    for _ in range(3):
        assert client.post("/admin/login/", {"username": "boss", "password": "wrong"}).status_code == 200


def test_production_settings_share_throttle_counts_between_processes():
    script = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    base = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "k" * 60, "DATABASE_URL": ""}
    result = run_manage("shell", "-c", script, env=base)
    assert result.stdout.strip().endswith("DatabaseCache"), result.stderr
    result = run_manage("shell", "-c", script, env={**base, "DJANGO_CACHE_URL": "redis://127.0.0.1:6379/3"})
    assert result.stdout.strip().endswith("RedisCache"), result.stderr
