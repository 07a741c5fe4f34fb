"""The short form of the fault check: PostgreSQL restarted under load, on a cluster this test makes for itself.

``bench/load_fault.py --restart-postgres`` restarts the database under 16 concurrent readers; the service must
keep answering (503 while the database is down, never a connection error or a 500) and recover without a
gunicorn restart. The shared cluster on port 5432 is never touched: the test initialises a throwaway cluster in a
temporary folder on a free port (as the ``postgres`` user when run as root, since initdb refuses root), and
removes it afterwards. It runs whatever ``DATABASE_URL`` says, so both CI passes exercise it.
"""

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile

import pytest

from tests.conftest import ROOT, run_manage

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres(*command: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


@pytest.fixture
def private_cluster():
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    assert bins, "PostgreSQL server binaries are needed (Debian's postgresql package, as on the CI machines)"
    pg_ctl = bins[-1]
    initdb = os.path.join(os.path.dirname(pg_ctl), "initdb")
    folder = tempfile.mkdtemp(prefix="timeline-fault-", dir="/tmp")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = os.path.join(folder, "data")
    port = free_port()
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(as_postgres(initdb, "-D", data, "-A", "trust", "-U", "postgres"), check=True, capture_output=True)
    start = [pg_ctl, "-D", data, "-o", options, "-w", "-l", os.path.join(folder, "log")]
    subprocess.run(as_postgres(*start, "start"), check=True, capture_output=True)
    try:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "timeline"], check=True)
        # -l: the restarted server must not inherit load_fault's output pipes, or waiting for them never ends.
        log = os.path.join(folder, "log")
        restart = " ".join(
            as_postgres(pg_ctl, "-D", data, "-o", f"'{options}'", "-w", "-l", log, "-m", "fast", "restart")
        )
        yield f"postgres://postgres@127.0.0.1:{port}/timeline", restart
    finally:
        subprocess.run(as_postgres(pg_ctl, "-D", data, "-m", "immediate", "stop"), check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def test_service_survives_a_postgresql_restart_under_load(private_cluster):
    database_url, restart_command = private_cluster
    env = {"DATABASE_URL": database_url}
    for command in (["migrate", "--noinput", "-v", "0"], ["generate_synthetic", "--events", "2000", "--seed", "3"]):
        result = run_manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "load_fault.py"),
            "--seconds",
            "15",
            "--database-url",
            database_url,
            "--restart-postgres",
            "--restart-command",
            restart_command,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASSED" in result.stdout
    assert "without restarting gunicorn" in result.stdout
