"""What can be checked of the Docker setup without a Docker engine: the compose file and the container command."""

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from tests.conftest import ROOT


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_file_validates_against_the_compose_schema():
    binary = shutil.which("docker-compose")
    assert binary, "Debian's docker-compose package is needed to validate docker-compose.yml (see .ci/run)"
    result = subprocess.run(
        [binary, "-f", str(ROOT / "docker-compose.yml"), "config", "-q"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_compose_services_and_environment_agree_with_the_settings():
    services = compose()["services"]
    assert set(services) == {"db", "redis", "web", "worker"}
    web = services["web"]
    env = web["environment"]
    # Every variable the web and worker services set is one config/settings.py reads.
    settings_source = (ROOT / "config" / "settings.py").read_text(encoding="utf-8")
    for name in [*env, *services["worker"]["environment"]]:
        assert f'"{name}"' in settings_source, f"{name} is set in docker-compose.yml but not read by the settings"
    db_env = services["db"]["environment"]
    expected = f"postgres://{db_env['POSTGRES_USER']}:{db_env['POSTGRES_PASSWORD']}@db:5432/{db_env['POSTGRES_DB']}"
    assert env["DATABASE_URL"] == expected
    assert env["DJANGO_DEBUG"] == "0"
    assert "/healthz" in " ".join(web["healthcheck"]["test"])
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    # The worker loads what `loadseeds --queue` sends from the web container: same database, same broker.
    worker = services["worker"]
    assert worker["command"][:4] == ["celery", "-A", "config", "worker"]
    assert worker["environment"]["DATABASE_URL"] == env["DATABASE_URL"]
    assert worker["environment"]["CELERY_BROKER_URL"] == env["CELERY_BROKER_URL"] == "redis://redis:6379/0"
    assert worker["depends_on"]["redis"]["condition"] == "service_healthy"
    assert worker["depends_on"]["web"]["condition"] == "service_healthy"  # migrated before it loads
    assert services["redis"]["image"].startswith("redis:")
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "docker/entrypoint.sh" in dockerfile
    assert "collectstatic" in dockerfile


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_container_command_serves_the_site_outside_docker(tmp_path):
    """docker/entrypoint.sh, as the container runs it: migrate, loadseeds, gunicorn; then /healthz and the API."""
    port = free_port()
    vendor_url = os.environ.get("DATABASE_URL", "")
    database_url = f"sqlite:///{tmp_path / 'container.sqlite3'}"
    created_db = None
    if vendor_url.startswith("postgres"):
        created_db = f"timeline_entrypoint_{os.getpid()}"
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", created_db], check=True)
        database_url = f"postgres://postgres@127.0.0.1:5432/{created_db}"
    static_root = tmp_path / "static"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "entrypoint-test-secret-key-with-enough-length-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "PATH": f"{Path(settings.BASE_DIR) / '.venv' / 'bin'}:{os.environ['PATH']}",
        "DJANGO_STATIC_ROOT": str(static_root),
    }
    subprocess.run(
        [str(Path(os.sys.executable)), "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    process = subprocess.Popen(
        ["sh", "docker/entrypoint.sh"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        body = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    body = response.read().decode()
                    break
            except OSError:
                if process.poll() is not None:
                    break
                time.sleep(0.5)
        assert body is not None, process.stdout.read().decode() if process.poll() is not None else "no answer"
        assert '"ok": true' in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/events/?page_size=5", timeout=5) as response:
            assert response.status == 200
            assert b"results" in response.read()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
        if created_db:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", created_db], check=False)
