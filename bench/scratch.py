"""Throwaway databases on the pipeline's PostgreSQL server, created for one measurement and dropped after."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def server_url() -> str:
    """The pipeline's database URL (DATABASE_URL, else the embedded server, started if needed)."""
    from pipeline import db

    return db.database_url()


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@contextmanager
def scratch_database(tag: str, migrate: bool = True) -> Iterator[str]:
    """A fresh database `bench_<tag>_<pid>` (migrated unless told otherwise); dropped on exit."""
    from pipeline import db

    server = server_url()
    name = f"bench_{tag}_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = with_database(server, name)
    try:
        if migrate:
            with db.connect(url) as conn:
                db.migrate(conn)
        yield url
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
