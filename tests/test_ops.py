"""Operations from the command line: run, status, backfill (facts replaced, documents untouched), prune."""

from __future__ import annotations

import psycopg
import pytest

from tests.conftest import ROOT, fresh_database, run_cli

FEED = str(ROOT / "seeds" / "belga-fr.rss.xml")


@pytest.fixture(scope="module")
def ops_db():
    with fresh_database("ops") as url:
        result = run_cli("run", "--feed", FEED, "--run-id", "ops-1", env={"DATABASE_URL": url})
        assert result.returncode in (0, 1), result.stderr.decode()[-2000:]
        yield url


def _facts(url: str) -> tuple[list, list]:
    with psycopg.connect(url) as conn:
        docs = conn.execute("SELECT id, version, content_hash, batch_id FROM documents ORDER BY id").fetchall()
        facts = conn.execute(
            "SELECT id, document_id, start_char, end_char, speaker FROM statements ORDER BY document_id, start_char"
        ).fetchall()
    return docs, facts


def test_run_prints_a_summary_and_status_reports_the_source(ops_db):
    result = run_cli("status", env={"DATABASE_URL": ops_db, "COLUMNS": "160"})
    out = result.stdout.decode()
    assert result.returncode in (0, 1)
    assert FEED in out or "belga-fr.rss.xml" in out
    assert "documents" in out and "statements" in out


def test_backfill_replaces_facts_and_leaves_documents_untouched(ops_db):
    docs_before, facts_before = _facts(ops_db)
    result = run_cli("backfill", "--from", "2020-01-07", "--to", "2020-01-07", env={"DATABASE_URL": ops_db})
    assert result.returncode in (0, 1), result.stderr.decode()[-2000:]
    assert "Traceback" not in result.stderr.decode()
    assert "backfill 2020-01-07" in result.stderr.decode()
    docs_after, facts_after = _facts(ops_db)
    assert docs_after == docs_before
    assert [f[1:] for f in facts_after] == [f[1:] for f in facts_before], "same facts, re-extracted"
    seed_doc = [d[0] for d in docs_before if d[0] in {f[1] for f in facts_before}]
    assert seed_doc
    with psycopg.connect(ops_db) as conn:
        per_version = conn.execute(
            "SELECT count(*) FROM extractions WHERE document_id = %s", (facts_before[0][1],)
        ).fetchone()[0]
    assert per_version == 1, "one set of facts per document after re-extraction"


def test_backfill_refuses_a_reversed_range_with_one_line(ops_db):
    result = run_cli("backfill", "--from", "2020-02-01", "--to", "2020-01-01", env={"DATABASE_URL": ops_db})
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1


def test_prune_forgets_only_old_raw_payloads(ops_db):
    with psycopg.connect(ops_db) as conn:
        conn.execute("UPDATE documents SET ingested_at = now() - interval '100 days' WHERE id = (SELECT min(id) FROM documents)")
    result = run_cli("prune", "--days", "30", env={"DATABASE_URL": ops_db})
    assert result.returncode == 0
    assert "1 documents" in result.stdout.decode()
    with psycopg.connect(ops_db) as conn:
        kept = conn.execute("SELECT count(*) FROM documents WHERE raw_payload IS NOT NULL").fetchone()[0]
        total = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert kept == total - 1
