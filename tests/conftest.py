"""Shared fixtures: a throwaway PostgreSQL database per test session and an Airflow home of its own.

The database lives on the server `DATABASE_URL` names, or on the project's embedded server when it is
unset, so the suite runs the same on a laptop with nothing installed and on a machine with PostgreSQL.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_2c99c3708e86832f.txt"
SHARED_GOLD = ROOT.parent / "shared" / "seed-gold.json"

# Airflow reads its configuration at import time: point it at a private home before anything imports it.
_AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="wire-airflow-"))
os.environ["AIRFLOW_HOME"] = str(_AIRFLOW_HOME)
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(ROOT / "dags")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ.setdefault("PIPELINE_FETCH_ALLOW_HOSTS", "127.0.0.1:*,localhost:*")  # host AND port; * = any


def _server_url() -> str:
    from pipeline import db

    return db.database_url()


def _with_database(url: str, name: str) -> str:
    """The same server URL with another database (DATABASE_URL stays a postgresql:// URI)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextmanager
def fresh_database(suffix: str) -> Iterator[str]:
    """A new, migrated database on the test server; dropped afterwards. Yields its URL."""
    from pipeline import db

    server = _server_url()
    name = f"wire_test_{os.getpid()}_{suffix}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = _with_database(server, name)
    with db.connect(url) as conn:
        db.migrate(conn)
    try:
        yield url
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """A fresh, migrated database for this session; DATABASE_URL points at it while the tests run."""
    previous = os.environ.get("DATABASE_URL")
    with fresh_database("session") as url:
        os.environ["DATABASE_URL"] = url
        yield url
        if previous is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = previous


@pytest.fixture
def conn(database_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(database_url) as connection:
        yield connection


@pytest.fixture(scope="session")
def airflow_home() -> Path:
    """Airflow's metadata database (SQLite) migrated once for the session."""
    subprocess.run(
        [str(Path(sys.executable).parent / "airflow"), "db", "migrate"],
        check=True, capture_output=True, env=os.environ.copy(),
    )
    return _AIRFLOW_HOME


def run_cli(*args: str, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m pipeline …` as a user would, capturing bytes."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        input=stdin, capture_output=True, cwd=ROOT, env={**os.environ, **(env or {})}, timeout=600,
    )
