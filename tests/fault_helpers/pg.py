"""Databases for the fault-tolerance tests: a throwaway embedded server that can be killed, fresh databases."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from pipeline import db


class ThrowawayServer:
    """The project's embedded PostgreSQL in its own data folder: started, killed hard, restarted."""

    def __init__(self, data_dir: Path, database: str = "wire") -> None:
        self.data_dir = data_dir
        self.database = database
        self.port: int | None = None

    def start(self) -> str:
        self.port = db.start_embedded(self.data_dir)
        admin = db.embedded_url(self.data_dir, self.port, "postgres")
        db.wait_for(admin)
        with psycopg.connect(admin, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (self.database,)).fetchone():
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.database)))
        return self.url

    @property
    def url(self) -> str:
        return db.embedded_url(self.data_dir, self.port, self.database)

    def kill(self) -> None:
        """`pg_ctl stop -m immediate`: every backend quits at once, nothing is flushed, crash recovery on start."""
        assert db.stop_embedded(self.data_dir, "immediate"), "the throwaway server was not running"

    def stop(self) -> None:
        db.stop_embedded(self.data_dir, "fast")


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@contextmanager
def fresh_database(server_url: str, name: str, migrate: bool = True) -> Iterator[str]:
    """A new empty database on the session's server (migrated unless told not to); dropped afterwards."""
    url = with_database(server_url, name)
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    if migrate:
        with db.connect(url) as conn:
            db.migrate(conn)
    try:
        yield url
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def wait_until(predicate, timeout: float, what: str, interval: float = 0.1):
    """Poll `predicate` until it returns something truthy; fail the test with `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)
