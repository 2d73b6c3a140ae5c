"""The orchestration rules of `pipeline.jobs`: sources follow their schedule, declared format and the sources
file; DAG runs never migrate; a deployment never starts an embedded server; the warehouse connection."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import psycopg
import pytest

from pipeline import config, db, jobs, load
from tests.conftest import ROOT, fresh_database, run_cli

EVERY_15 = "*/15 * * * *"


@pytest.mark.parametrize(("schedule", "at", "due"), [
    (None, datetime(2020, 1, 7, 10, 15, tzinfo=UTC), True),
    (EVERY_15, datetime(2020, 1, 7, 10, 15, tzinfo=UTC), True),
    ("0 * * * *", datetime(2020, 1, 7, 10, 0, tzinfo=UTC), True),
    ("0 * * * *", datetime(2020, 1, 7, 10, 15, tzinfo=UTC), False),
    ("0 * * * *", datetime(2020, 1, 7, 10, 45, tzinfo=UTC), False),
    ("7 * * * *", datetime(2020, 1, 7, 10, 15, tzinfo=UTC), True),  # fired at 10:07, since the 10:00 tick
    ("7 * * * *", datetime(2020, 1, 7, 10, 30, tzinfo=UTC), False),
    ("*/5 * * * *", datetime(2020, 1, 7, 10, 30, tzinfo=UTC), True),
])
def test_a_source_is_due_when_its_schedule_fired_since_the_previous_tick(schedule, at, due):
    assert jobs._due(schedule, at, EVERY_15) is due


def test_sources_removed_from_the_file_are_disabled_and_the_rest_follow_it(tmp_path):
    with fresh_database("jobs_sources") as url, psycopg.connect(url) as conn:
        listed = [{"name": "kept", "location": "seeds/belga-fr.rss.xml", "format": "rss",
                   "schedule": "0 * * * *"},
                  {"name": "removed", "location": "seeds/feeds/agency-atom.xml", "format": "atom"}]
        path = tmp_path / "sources.json"
        path.write_text(json.dumps(listed))
        load.sync_sources(conn, path)
        path.write_text(json.dumps(listed[:1]))
        load.sync_sources(conn, path)
        rows = conn.execute("SELECT name, enabled, schedule FROM sources ORDER BY name").fetchall()
    assert rows == [("kept", True, "0 * * * *"), ("removed", False, None)]


def test_a_feed_in_another_format_than_its_source_declares_is_refused_with_one_line(monkeypatch):
    with fresh_database("jobs_format") as url:
        monkeypatch.setenv("DATABASE_URL", url)
        with psycopg.connect(url) as conn:
            source = load.upsert_source(conn, "declared-atom", str(ROOT / "seeds" / "belga-fr.rss.xml"),
                                        fmt="atom", enabled=False)
            batch = load.open_batch(conn, "format-run", "v")
            conn.commit()
        stored = jobs.store_fetched(batch, jobs.fetch_source(batch, source))
        with psycopg.connect(url) as conn:
            status, error = conn.execute("SELECT status, error FROM fetches WHERE batch_id = %s", (batch,)).fetchone()
            documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    reason = "unreadable feed: the source declares atom but delivered rss"
    assert stored == {"seen": 0, "new": 0, "status": "error", "error": reason}
    assert (status, error) == ("error", reason)
    assert documents == 0


def test_a_dag_run_on_an_unmigrated_warehouse_fails_with_one_line_instead_of_migrating(monkeypatch, database_url):
    name = f"{psycopg.conninfo.conninfo_to_dict(database_url)['dbname']}_bare"
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        monkeypatch.setenv("DATABASE_URL", database_url.rsplit("/", 1)[0] + f"/{name}")
        with pytest.raises(db.DatabaseError, match=r"lacks \d+ migration\(s\) \(001_core.sql first\)"):
            jobs.open_run("never-migrated", migrate=False)
        with psycopg.connect(database_url.rsplit("/", 1)[0] + f"/{name}") as conn:
            tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]
        assert tables == 0, "no DDL from a DAG run"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_deployment_without_a_warehouse_fails_fast_instead_of_starting_an_embedded_server(tmp_path):
    data_dir = tmp_path / "never"
    result = run_cli("status", env={"DATABASE_URL": "", "AIRFLOW_CONN_PIPELINE_DB": "", "PIPELINE_DEPLOYMENT": "1",
                                    "PIPELINE_DATA_DIR": str(data_dir)})
    err = result.stderr.decode()
    assert result.returncode != 0
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "no warehouse configured" in err and "pipeline_db" in err
    assert not data_dir.exists(), "no embedded server was prepared"


def test_the_airflow_connection_names_the_warehouse_before_database_url(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://fallback@127.0.0.1/fallback")
    monkeypatch.setenv("AIRFLOW_CONN_PIPELINE_DB", "postgres://wire:s%40cret@db.internal:5432/wire")
    assert config.get_settings().database_url == "postgresql://wire:s%40cret@db.internal:5432/wire"
    monkeypatch.setenv("AIRFLOW_CONN_PIPELINE_DB", json.dumps(
        {"conn_type": "postgres", "host": "db.internal", "login": "wire", "password": "s@cret", "port": 5432,
         "schema": "wire"}))
    assert config.get_settings().database_url == "postgresql://wire:s%40cret@db.internal:5432/wire"
    monkeypatch.delenv("AIRFLOW_CONN_PIPELINE_DB")
    assert config.get_settings().database_url == "postgresql://fallback@127.0.0.1/fallback"
    monkeypatch.setenv("AIRFLOW__CORE__EXECUTOR", "CeleryExecutor")
    assert config.get_settings().deployment, "a Celery worker is a deployment even without the flag"
