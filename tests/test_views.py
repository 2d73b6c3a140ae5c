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


# --- flags kept on write (sql/014_views_at_scale.sql) ---------------------------------------------------------

def _current_versions(conn, source: int, guid: str) -> list[tuple[int, bool]]:
    return conn.execute("SELECT version, is_current FROM documents WHERE source_id = %s AND guid = %s"
                        " ORDER BY version", (source, guid)).fetchall()


def test_only_the_highest_version_of_an_item_is_current_whatever_the_arrival_order(conn):
    source = load.upsert_source(conn, name="views-versions", location="seeds/views-v.xml", enabled=False)
    batch = load.open_batch(conn, "views-versions", "views-v")
    item = FeedItem("rss", "g-versions", "Titre", BODY, published=datetime(2020, 1, 7, tzinfo=UTC))
    load.store_documents(conn, batch, source, None, [item])
    assert _current_versions(conn, source, "g-versions") == [(1, True)]
    # Version 3 arrives, then the late version 2: only 3 stays current.
    load.store_documents(conn, batch, source, None, [FeedItem("rss", "g-versions", "Titre", BODY + " v3", version=3)])
    load.store_documents(conn, batch, source, None, [FeedItem("rss", "g-versions", "Titre", BODY + " v2", version=2)])
    assert _current_versions(conn, source, "g-versions") == [(1, False), (2, False), (3, True)]
    # The flag agrees with the definition the views used to compute (the highest version per item).
    (wrong,) = conn.execute(
        """SELECT count(*) FROM documents d WHERE d.is_current <> (d.version = (
               SELECT max(version) FROM documents o WHERE o.source_id = d.source_id AND o.guid = d.guid))"""
    ).fetchone()
    assert wrong == 0
    conn.commit()


def test_views_show_the_facts_of_the_latest_extraction_only(conn):
    batch = _batch_with_a_figure(conn, "latest", ("figures_interval_ordered", "error", True))
    (doc,) = conn.execute("SELECT document_id FROM figures WHERE batch_id = %s", (batch,)).fetchone()
    # A second extractor version processes the document later, with another figure; the first is kept.
    conn.execute("INSERT INTO extractions (document_id, extractor_version, batch_id, lang, extracted_at)"
                 " VALUES (%s, 'views-v2', %s, 'fr', now() + interval '1 minute')", (doc, batch))
    conn.execute(
        """INSERT INTO figures (document_id, extractor_version, body_length, batch_id, text, value, low, high,
                                unit, qualifier, start_char, end_char)
           SELECT id, 'views-v2', body_length, %s, '900', 900, 900, 900, 'soldiers', 'exact', 8, 11
           FROM documents WHERE id = %s""", (batch, doc))
    flags = dict(conn.execute("SELECT extractor_version, is_latest FROM extractions WHERE document_id = %s",
                              (doc,)).fetchall())
    assert flags == {"views-v": False, "views-v2": True}
    shown = conn.execute("SELECT text FROM figures_view WHERE document_id = %s", (doc,)).fetchall()
    assert shown == [("900",)]
    # Deleting the newer extraction (its facts cascade) makes the older one the latest again.
    conn.execute("DELETE FROM extractions WHERE document_id = %s AND extractor_version = 'views-v2'", (doc,))
    assert conn.execute("SELECT is_latest FROM extractions WHERE document_id = %s", (doc,)).fetchall() == [(True,)]
    assert conn.execute("SELECT text FROM figures_view WHERE document_id = %s", (doc,)).fetchall() == [
        ("Plus de 900",)]
    conn.commit()


def test_a_new_verdict_publishes_or_withdraws_a_batch_at_once(conn):
    batch = _batch_with_a_figure(conn, "reverdict", ("figures_unit_known", "warn", False))
    assert batch in _published_batches(conn)
    (run_id,) = conn.execute("SELECT id FROM dq_runs WHERE batch_id = %s", (batch,)).fetchone()
    conn.execute("UPDATE dq_results SET severity = 'error' WHERE run_id = %s", (run_id,))
    assert batch not in _published_batches(conn)
    status = conn.execute("SELECT checked, publishable, warnings, errors FROM batch_status WHERE batch_id = %s",
                          (batch,)).fetchone()
    assert status == (True, False, [], ["figures_unit_known"])
    conn.execute("DELETE FROM dq_runs WHERE id = %s", (run_id,))  # verdict gone: unchecked, unpublished
    assert conn.execute("SELECT checked, publishable FROM batch_status WHERE batch_id = %s",
                        (batch,)).fetchone() == (False, False)
    conn.rollback()


def test_speaker_counts_follow_each_check(conn):
    from pipeline.models import Statement
    from pipeline.views import refresh_speaker_statements

    source = load.upsert_source(conn, name="views-speakers", location="seeds/views-s.xml", enabled=False)
    batch = load.open_batch(conn, "views-speakers", "views-v")
    body = "« Nous restons », a déclaré Zéphyrin Vuillemot. " * 2
    load.store_documents(conn, batch, source, None, [FeedItem("rss", "g-speaker", "Titre", body)])
    (doc,) = [d for d in load.pending_documents(conn, "views-v") if d.body == body]
    said = Statement(speaker="Zéphyrin Vuillemot", speaker_type="person", quote="Nous restons", kind="direct",
                     verb="a déclaré", start=2, end=14)
    load.store_extractions(conn, batch, "views-v", [(doc, Extraction("fr", statements=[said]))])
    (run_id,) = conn.execute("INSERT INTO dq_runs (batch_id, suite, success, gx_version)"
                             " VALUES (%s, 'statements', true, 'test') RETURNING id", (batch,)).fetchone()
    conn.commit()
    count = "SELECT statements FROM speaker_statements WHERE name = 'Zéphyrin Vuillemot'"
    assert conn.execute(count).fetchall() == []  # stored, not yet counted: the refresh follows the check
    refresh_speaker_statements(conn)
    assert conn.execute(count).fetchall() == [(1,)]
    conn.execute("INSERT INTO dq_results (run_id, rule, severity, success) VALUES (%s, 'x', 'error', false)",
                 (run_id,))
    conn.commit()
    refresh_speaker_statements(conn)
    assert conn.execute(count).fetchall() == []
    # A view emptied by REFRESH … WITH NO DATA (which CONCURRENTLY refuses) is filled again plainly.
    conn.execute("REFRESH MATERIALIZED VIEW speaker_statements WITH NO DATA")
    conn.commit()
    refresh_speaker_statements(conn)
    assert conn.execute(count).fetchall() == []  # readable again (the batch is still blocked)
