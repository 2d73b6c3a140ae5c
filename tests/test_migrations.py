"""Migrations: numbered without gaps or duplicates, and a database migrated under the old file names is
carried over without applying anything twice."""

from __future__ import annotations

import psycopg

from pipeline import db
from tests.conftest import fresh_database


def test_migrations_are_numbered_one_to_n_without_gaps_or_duplicates():
    numbers = [int(p.name[:3]) for p in db.migration_files()]
    assert len(numbers) == len(set(numbers)), "a number is used twice"
    assert set(range(1, max(numbers) + 1)) == set(numbers), "a number is missing"


def test_a_database_migrated_under_the_old_names_applies_nothing_again():
    with fresh_database("renamed") as url, psycopg.connect(url) as conn:
        for old, new in db.RENAMED.items():  # what a database migrated before the renumbering holds
            conn.execute("UPDATE schema_migrations SET version = %s WHERE version = %s", (old, new))
        conn.commit()
        db.require_migrated(conn)  # the old names count as applied
        assert db.migrate(conn) == []
        conn.commit()
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == [p.name for p in db.migration_files()]
