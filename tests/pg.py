"""PostgreSQL for tests: the local server when it answers, else a throwaway cluster from the
installed binaries (initdb in a temp dir); each test session gets its own database, dropped after."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

LOCAL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _answers(url: str) -> bool:
    try:
        engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        engine.dispose()
        return True
    except Exception:  # noqa: BLE001 - any failure means "not usable"
        return False


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    return str(candidates[0]) if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def throwaway_cluster():
    """Start a temporary PostgreSQL cluster; yields its admin URL, or None with a reason."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not initdb or not pg_ctl:
        yield None, "no PostgreSQL at 127.0.0.1:5432 and no initdb/pg_ctl installed"
        return
    workdir = Path(tempfile.mkdtemp(prefix="tidings-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        if not shutil.which("runuser"):
            yield None, "running as root without runuser: cannot start a throwaway PostgreSQL"
            return
        shutil.chown(workdir, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data = workdir / "data"
    try:
        subprocess.run(prefix + [initdb, "-D", str(data), "-A", "trust", "-U", "postgres"],
                       check=True, capture_output=True)
        subprocess.run(prefix + [pg_ctl, "-D", str(data), "-w", "-l", str(workdir / "log"), "-o",
                                 f"-p {port} -h 127.0.0.1 -k {workdir}", "start"], check=True, capture_output=True)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", ""
    except (subprocess.CalledProcessError, OSError, KeyError) as error:
        yield None, f"could not start a throwaway PostgreSQL: {error}"
    finally:
        subprocess.run(prefix + [pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def postgres_server():
    """Yields ``(admin_url, reason)``: the local server, or a throwaway cluster, or None and why."""
    if _answers(LOCAL):
        yield LOCAL, ""
        return
    with throwaway_cluster() as found:
        yield found


def create_database(admin_url: str) -> str:
    name = f"tidings_test_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def drop_database(admin_url: str, url: str) -> None:
    name = url.rsplit("/", 1)[1]
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    for _ in range(3):
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            break
        except Exception:  # noqa: BLE001 - retry a busy drop
            time.sleep(0.5)
    engine.dispose()
