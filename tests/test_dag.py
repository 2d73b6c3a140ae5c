"""The ingestion DAG: it imports cleanly and cheaply, runs end to end for real, and reruns change nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

import psycopg
import pytest

from tests.conftest import ROOT, SHARED_GOLD

LOGICAL_DATE = datetime(2020, 1, 7, 10, 0, tzinfo=UTC)
TABLES = ("sources", "ingest_batches", "fetches", "documents", "extractions", "statements", "figures", "events",
          "dq_runs", "dq_results")
# Columns that record when something happened rather than what: a rerun may refresh them.
VOLATILE = ("started_at", "finished_at", "ingested_at", "extracted_at", "created_at")


def test_dag_files_import_without_errors_and_without_heavy_modules():
    probe = (
        "import json, sys\n"
        "from airflow.dag_processing.dagbag import DagBag\n"
        f"bag = DagBag(dag_folder={str(ROOT / 'dags')!r})\n"
        "heavy = [m for m in ('spacy', 'great_expectations', 'psycopg', 'pipeline.extract') if m in sys.modules]\n"
        "print(json.dumps({'errors': {k: v[-300:] for k, v in bag.import_errors.items()},"
        " 'dags': sorted(bag.dags), 'heavy': heavy}))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["errors"] == {}
    assert {"wire_ingest", "wire_checks", "wire_reextract"} <= set(report["dags"])
    assert report["heavy"] == [], "DAG files must not import heavy modules at parse time"


@pytest.fixture(scope="module")
def bag(airflow_home):
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(ROOT / "dags"))


@pytest.fixture(scope="module")
def dags(bag):
    return bag.dags["wire_ingest"], bag.dags["wire_checks"]


def test_dags_are_documented_scheduled_and_linked_by_an_asset(dags):
    ingest, checks = dags
    assert "Wire ingestion" in ingest.doc_md and "Wire checks" in checks.doc_md
    assert ingest.catchup is False and checks.catchup is False
    assert set(ingest.tags) == {"wire", "ingest"}
    for dag in dags:
        for t in dag.tasks:
            assert t.doc_md, f"task {t.task_id} has no doc_md"
            assert t.retries >= 1
            assert t.owner == "wire-data"
    outlets = [a.name for t in ingest.tasks for a in t.outlets]
    assert outlets == ["wire_facts"]
    chunk = ingest.get_task("extract_chunk")
    assert (chunk.pool, chunk.execution_timeout is not None, chunk.priority_weight) == ("nlp", True, 10)
    assert ingest.get_task("publish_facts").trigger_rule == "none_failed"
    assert checks.get_task("build_data_docs").upstream_task_ids == {"check"}
    assert "wire_facts" in str(checks.timetable.asset_condition)


def _snapshot(url: str) -> dict[str, tuple[int, str]]:
    out = {}
    with psycopg.connect(url) as conn:
        for table in TABLES:
            drop = " - ".join(f"'{c}'" for c in VOLATILE)
            count, digest = conn.execute(
                f"SELECT count(*), md5(coalesce(string_agg((to_jsonb(t) - {drop} - 'id' - 'run_id')::text, '|'"
                f" ORDER BY (to_jsonb(t) - {drop} - 'id' - 'run_id')::text), ''))"
                f" FROM {table} t"
            ).fetchone()
            out[table] = (count, digest)
    return out


def _run_both(dags) -> list:
    return [dag.test(logical_date=LOGICAL_DATE) for dag in dags]


@pytest.fixture(scope="module")
def first_run(dags, database_url):
    runs = _run_both(dags)
    return runs, _snapshot(database_url)


def test_dag_run_succeeds_and_fills_every_table(first_run):
    runs, snapshot = first_run
    assert [str(r.state) for r in runs] == ["success", "success"]
    for table in TABLES:
        assert snapshot[table][0] > 0, f"{table} is empty after the run"


@pytest.mark.skipif(not SHARED_GOLD.exists(), reason="shared seed gold not mounted beside the checkout")
def test_dag_run_stores_the_seed_with_its_gold_facts(first_run, database_url):
    gold = json.loads(SHARED_GOLD.read_text(encoding="utf-8"))
    with psycopg.connect(database_url) as conn:
        doc_id, published = conn.execute(
            "SELECT id, published_at FROM documents WHERE body = %s",
            ((ROOT / "seeds" / "000_2c99c3708e86832f.txt").read_text(encoding="utf-8"),),
        ).fetchone()
        statements = conn.execute(
            "SELECT speaker, start_char, end_char, kind FROM statements WHERE document_id = %s ORDER BY start_char",
            (doc_id,),
        ).fetchall()
        figures = conn.execute(
            "SELECT f.start_char, f.end_char, f.low, f.high, f.qualifier, t.text"
            " FROM figures f LEFT JOIN figures t ON t.id = f.part_of_id"
            " WHERE f.document_id = %s ORDER BY f.start_char",
            (doc_id,),
        ).fetchall()
    assert published == datetime(2020, 1, 7, 9, 31, tzinfo=UTC)
    assert statements == [(s["speaker"], s["start"], s["end"], s["kind"]) for s in gold["statements"]]
    assert figures == [
        (f["start"], f["end"], f["low"], f["high"], f["qualifier"], f.get("part_of")) for f in gold["figures"]
    ]


def test_dag_run_stores_a_passing_quality_verdict(first_run, database_url):
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT r.rule, r.severity, r.success FROM dq_results r JOIN dq_runs q ON q.id = r.run_id"
            " JOIN ingest_batches b ON b.id = q.batch_id WHERE b.run_id LIKE 'wire_ingest__%'"
        ).fetchall()
    assert rows, "no data-quality results stored"
    assert all(success for _, severity, success in rows if severity == "error"), rows
    assert "figures_breakdown_consistent" in {rule for rule, _, _ in rows}


def test_rerunning_the_same_run_changes_no_table(first_run, dags, database_url):
    _, before = first_run
    reruns = _run_both(dags)
    assert [str(r.state) for r in reruns] == ["success", "success"]
    assert _snapshot(database_url) == before


@pytest.mark.skipif(not SHARED_GOLD.exists(), reason="shared seed gold not mounted beside the checkout")
def test_analyst_views_show_the_seed_facts_after_the_checks(first_run, database_url):
    gold = json.loads(SHARED_GOLD.read_text(encoding="utf-8"))
    with psycopg.connect(database_url) as conn:
        figures = conn.execute(
            "SELECT text, low, high, unit, part_of FROM figures_view WHERE guid = '2c99c3708e86832f'"
            " ORDER BY start_char"
        ).fetchall()
        speakers = conn.execute(
            "SELECT speaker FROM statements_view WHERE guid = '2c99c3708e86832f' ORDER BY start_char"
        ).fetchall()
        events = conn.execute(
            "SELECT type, event_date::text FROM events_view WHERE guid = '2c99c3708e86832f' AND event_date IS NOT NULL"
        ).fetchall()
    assert figures == [(f["text"], f["low"], f["high"], f["unit"], f.get("part_of")) for f in gold["figures"]]
    assert [s for (s,) in speakers] == [s["speaker"] for s in gold["statements"]]
    assert ("demand", "2020-01-05") in events


def test_the_reextraction_dag_replaces_the_chosen_sources_facts_in_mapped_chunks(first_run, bag, database_url):
    reextract = bag.dags["wire_reextract"]
    assert reextract.get_task("extract_chunk").pool == "nlp"
    assert reextract.get_task("extract_chunk").priority_weight < 10, "ingestion chunks go first"
    assert set(reextract.params) == {"extractor_version", "published_from", "published_to", "sources"}
    source = "belga-fr-fixture"
    facts = ("SELECT d.guid, s.speaker, s.start_char, s.end_char FROM statements s JOIN documents d"
             " ON d.id = s.document_id JOIN sources src ON src.id = d.source_id WHERE src.name = %s ORDER BY 1, 3")
    with psycopg.connect(database_url) as conn:
        before = conn.execute(facts, (source,)).fetchall()
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    run = reextract.test(logical_date=LOGICAL_DATE, run_conf={
        "extractor_version": "all", "published_from": "2020-01-07", "published_to": "2020-01-07",
        "sources": [source]})
    assert str(run.state) == "success"
    with psycopg.connect(database_url) as conn:
        assert conn.execute(facts, (source,)).fetchall() == before, "the same facts, extracted again"
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == documents
        batches = dict(conn.execute(
            "SELECT (d.published_at AT TIME ZONE 'UTC')::date = '2020-01-07', array_agg(DISTINCT b.run_id)"
            " FROM extractions x JOIN documents d ON d.id = x.document_id JOIN sources s ON s.id = d.source_id"
            " JOIN ingest_batches b ON b.id = x.batch_id WHERE s.name = %s GROUP BY 1", (source,)).fetchall())
        others = conn.execute(
            "SELECT count(*) FROM extractions x JOIN ingest_batches b ON b.id = x.batch_id"
            " JOIN documents d ON d.id = x.document_id JOIN sources s ON s.id = d.source_id"
            " WHERE b.run_id LIKE 'reextract__%%' AND s.name <> %s", (source,)).fetchone()[0]
    (in_range,) = batches[True]
    assert in_range.startswith("reextract__"), "every document of the chosen days was redone, in one batch"
    assert all(run.startswith("wire_ingest__") for run in [*batches.get(False, []), *batches.get(None, [])]), \
        "other days untouched"
    assert others == 0, "only the chosen source was re-extracted"
