"""Analyst views publish only checked batches without failed error rules; blocked facts sit in quarantine."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline import load
from pipeline.models import Extraction, FeedItem, Figure

BODY = "Plus de 900 soldats sont déployés en Irak, a indiqué le ministère."


def _batch_with_a_figure(conn, run: str, verdict: tuple[str, str, bool] | None) -> int:
    source = load.upsert_source(conn, name=f"views-{run}", location="seeds/views.xml", enabled=False)
    batch = load.open_batch(conn, f"views-{run}", "views-v")
    item = FeedItem("rss", f"g-{run}", "Titre", BODY + f" ({run})", published=datetime(2020, 1, 7, tzinfo=UTC))
    load.store_documents(conn, batch, source, None, [item])
    (doc,) = [d for d in load.pending_documents(conn, "views-v") if d.body.endswith(f"({run})")]
    fig = Figure("Plus de 900", 0, 11, 900, 900, None, "soldiers", "more_than", where="Irak")
    load.store_extractions(conn, batch, "views-v", [(doc, Extraction("fr", figures=[fig]))])
    if verdict:
        rule, severity, success = verdict
        (run_id,) = conn.execute(
            "INSERT INTO dq_runs (batch_id, suite, success, gx_version) VALUES (%s, 'figures', %s, 'test')"
            " RETURNING id", (batch, success),
        ).fetchone()
        conn.execute("INSERT INTO dq_results (run_id, rule, severity, success) VALUES (%s, %s, %s, %s)",
                     (run_id, rule, severity, success))
    conn.commit()
    return batch


def _published_batches(conn) -> set[int]:
    return {r[0] for r in conn.execute("SELECT batch_id FROM figures_view")}


def test_only_checked_batches_without_failed_errors_are_published(conn):
    clean = _batch_with_a_figure(conn, "clean", ("figures_interval_ordered", "error", True))
    warned = _batch_with_a_figure(conn, "warned", ("figures_unit_known", "warn", False))
    blocked = _batch_with_a_figure(conn, "blocked", ("figures_breakdown_consistent", "error", False))
    unchecked = _batch_with_a_figure(conn, "unchecked", None)
    published = _published_batches(conn)
    assert clean in published and warned in published
    assert blocked not in published and unchecked not in published
    (flags,) = conn.execute("SELECT dq_warnings FROM figures_view WHERE batch_id = %s", (warned,)).fetchone()
    assert flags == ["figures_unit_known"]
    rows = conn.execute("SELECT fact, failing_rules FROM quarantine WHERE batch_id = %s", (blocked,)).fetchall()
    assert rows == [("figure", ["figures_breakdown_consistent"])]
