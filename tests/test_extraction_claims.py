"""Per-batch extraction: a batch plans only the documents it stored; chunks claim documents row by row, so two
workers never extract one twice and a chunk left by a dead worker is finished by its retry."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import psycopg
import pytest

from pipeline import jobs, load
from pipeline.models import Extraction, FeedItem

VERSION = "claims-test"


def _items(prefix: str, n: int) -> list[FeedItem]:
    return [FeedItem(source_format="rss", guid=f"{prefix}-{i}", title=f"{prefix} {i}",
                     body=f"Texte {prefix} numéro {i}, sans citation.", language="fr",
                     published=datetime(2020, 1, 7, 9, 0, tzinfo=UTC), raw="<item/>") for i in range(n)]


@pytest.fixture
def two_batches(conn: psycopg.Connection) -> tuple[int, int, list[int], list[int]]:
    tag = f"claims-{id(conn)}"
    source = load.upsert_source(conn, name=tag, location="seeds/x.xml", enabled=False)
    first = load.open_batch(conn, f"{tag}-1", VERSION)
    second = load.open_batch(conn, f"{tag}-2", VERSION)
    load.store_documents(conn, first, source, None, _items(f"{tag}-a", 5))
    load.store_documents(conn, second, source, None, _items(f"{tag}-b", 3) + _items(f"{tag}-a", 2))
    conn.commit()
    ids = lambda b: [r[0] for r in conn.execute("SELECT id FROM documents WHERE batch_id = %s ORDER BY id", (b,))]  # noqa: E731
    return first, second, ids(first), ids(second)


def _store(conn: psycopg.Connection, batch: int, docs: list[load.PendingDocument]) -> dict[str, int]:
    return load.store_extractions(conn, batch, VERSION, [(d, Extraction(lang="fr")) for d in docs])


def test_a_batch_plans_only_the_documents_it_stored(conn, two_batches):
    first, second, first_ids, second_ids = two_batches
    assert len(first_ids) == 5 and len(second_ids) == 3, "the second batch re-saw 2 items: not its documents"
    assert load.plan_documents(conn, load.Selection(first, VERSION)) == first_ids
    assert load.plan_documents(conn, load.Selection(second, VERSION)) == second_ids


def test_documents_a_session_holds_are_skipped_by_another_and_never_extracted_twice(database_url, two_batches):
    first, _, first_ids, _ = two_batches
    selection = load.Selection(first, VERSION)
    with psycopg.connect(database_url) as a, psycopg.connect(database_url) as b:
        held = load.claim_documents(a, selection, limit=2)
        assert [d.id for d in held] == first_ids[:2]
        rest = load.claim_documents(b, selection)
        assert [d.id for d in rest] == first_ids[2:], "locked rows are skipped, not waited for"
        _store(b, first, rest)
        b.commit()
        _store(a, first, held)
        a.commit()
        again = load.claim_documents(b, selection)
        assert again == []
        b.rollback()
        count = a.execute("SELECT count(*) FROM extractions WHERE batch_id = %s", (first,)).fetchone()[0]
    assert count == 5


def test_a_chunk_waits_for_documents_another_worker_holds_then_skips_what_it_finished(database_url, two_batches):
    """The second pass: rows still held are waited for, and rechecked once free (done by the holder)."""
    first, _, first_ids, _ = two_batches
    selection = load.Selection(first, VERSION, tuple(first_ids))
    holder = psycopg.connect(database_url)
    held = load.claim_documents(holder, selection, limit=3)
    seen: list[list[int]] = []

    def second_worker() -> None:
        with psycopg.connect(database_url, autocommit=True) as conn:
            with conn.transaction():
                free = load.claim_documents(conn, selection)  # the 2 rows nobody holds
                _store(conn, first, free)
                seen.append([d.id for d in free])
            with conn.transaction():
                seen.append([d.id for d in load.claim_documents(conn, selection, wait=True)])  # blocks

    worker = threading.Thread(target=second_worker)
    worker.start()
    worker.join(timeout=3)
    assert worker.is_alive(), "the waiting pass must block while the rows are held"
    _store(holder, first, held)
    holder.commit()
    holder.close()
    worker.join(timeout=30)
    assert seen == [first_ids[3:], []], "the held rows were done by their holder: nothing left to redo"


def test_the_extraction_of_a_batch_covers_exactly_its_documents(database_url, two_batches, monkeypatch):
    first, second, first_ids, second_ids = two_batches
    monkeypatch.setattr(jobs, "_extractor_version", lambda: VERSION)
    chunks = jobs.plan_extraction(second, chunk=2)
    assert chunks == [second_ids[:2], second_ids[2:]]
    totals = [jobs.extract_documents(second, chunk) for chunk in chunks]
    assert sum(t["documents"] for t in totals) == 3
    assert jobs.plan_extraction(second) == [], "a rerun has nothing left to do"
    assert jobs.extract_documents(second, second_ids)["documents"] == 0, "a retried chunk adds nothing"
    with psycopg.connect(database_url) as conn:
        extracted = [r[0] for r in conn.execute(
            "SELECT document_id FROM extractions WHERE batch_id = %s ORDER BY 1", (second,))]
        others = conn.execute("SELECT count(*) FROM extractions WHERE document_id = ANY(%s)", (first_ids,)).fetchone()[0]
    assert extracted == second_ids
    assert others == 0, "documents another batch stored are that batch's to extract"
    assert jobs.batch_has_facts(second) and not jobs.batch_has_facts(first)
    assert jobs.batches_to_check([first, second]) == [second], "a batch with nothing extracted is not checked"


def test_a_chunk_extracting_its_documents_never_holds_up_another_store_of_the_same_items(database_url, conn,
                                                                                     two_batches):
    """The claim locks document_claims rows, not documents: a feed re-delivering the items a chunk is working
    on (INSERT … ON CONFLICT DO UPDATE locks the existing row) is stored at once, not after the chunk."""
    first, second, _, _ = two_batches
    (source,) = conn.execute("SELECT source_id FROM documents WHERE batch_id = %s LIMIT 1", (first,)).fetchone()
    tag = conn.execute("SELECT name FROM sources WHERE id = %s", (source,)).fetchone()[0]
    with psycopg.connect(database_url) as holder, psycopg.connect(database_url) as store:
        held = load.claim_documents(holder, load.Selection(first, VERSION))
        assert len(held) == 5
        store.execute("SET lock_timeout = '3s'")
        assert load.store_documents(store, second, source, None, _items(f"{tag}-a", 5)) == (5, 0)
        store.commit()
        holder.rollback()
