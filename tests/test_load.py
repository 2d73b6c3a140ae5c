"""Loading into PostgreSQL: idempotent documents and facts, versions, kills, duplicates, speakers, constraints."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg
import pytest

from pipeline import load
from pipeline.models import Extraction, FeedItem, Figure, Statement

BODY = "Le ministre Jean Dupont a déclaré que 300 soldats partiront. « Nous tiendrons », a-t-il ajouté."


def _item(guid: str, version: int = 1, body: str = BODY, status: str = "usable") -> FeedItem:
    return FeedItem(source_format="rss", guid=guid, title=f"Titre {guid}", body=body, version=version,
                    status=status, language="fr", published=datetime(2020, 1, 7, 9, 31, tzinfo=UTC),
                    raw="<item/>")


@pytest.fixture
def batch(conn: psycopg.Connection) -> tuple[int, int]:
    source = load.upsert_source(conn, name=f"test-{id(conn)}", location="seeds/x.xml", enabled=False)
    batch_id = load.open_batch(conn, f"test-run-{id(conn)}", "test")
    conn.commit()
    return source, batch_id


def _extraction() -> Extraction:
    quote_start = BODY.index("300 soldats")
    return Extraction(
        lang="fr",
        statements=[
            Statement("Jean Dupont", BODY[quote_start:BODY.index(".")], quote_start, BODY.index("."), "indirect",
                      "a déclaré"),
            Statement("Jean Dupont", "Nous tiendrons", BODY.index("Nous"), BODY.index("Nous") + 14, "direct",
                      "a-t-il ajouté"),
        ],
        figures=[Figure("300", quote_start, quote_start + 3, 300, 300, 300, "soldiers", "exact",
                        asserted_by="Jean Dupont")],
    )


def test_speaker_key_ignores_case_accents_titles_and_articles():
    assert load.speaker_key("M. Lorenzo Guérini") == "lorenzo guerini"
    assert load.speaker_key("le ministère de la Défense") == "ministere de la defense"
    assert load.speaker_key("Mme  Anne-Marie LAMBERT") == "anne marie lambert"
    assert load.speaker_key("The Pentagon") == "pentagon"


def test_storing_the_same_items_twice_adds_nothing(conn, batch):
    source, batch_id = batch
    items = [_item("a"), _item("b", body=BODY + " Fin."), _item("a")]
    assert load.store_documents(conn, batch_id, source, None, items) == (3, 2)
    assert load.store_documents(conn, batch_id, source, None, items) == (3, 0)
    assert conn.execute("SELECT count(*) FROM documents WHERE source_id = %s", (source,)).fetchone()[0] == 2


def test_a_new_version_is_a_new_row_and_the_current_one_is_published(conn, batch):
    source, batch_id = batch
    load.store_documents(conn, batch_id, source, None, [_item("v", 1), _item("v", 2, body=BODY + " Mise à jour.")])
    conn.commit()
    versions = conn.execute(
        "SELECT version, is_current FROM document_versions WHERE source_id = %s AND guid = 'v' ORDER BY version",
        (source,),
    ).fetchall()
    assert versions == [(1, False), (2, True)]
    (published,) = conn.execute(
        "SELECT version FROM published_documents WHERE source_id = %s AND guid = 'v'", (source,)
    ).fetchone()
    assert published == 2


def test_a_kill_hides_the_item_but_keeps_its_audit_trail(conn, batch):
    source, batch_id = batch
    load.store_documents(conn, batch_id, source, None, [_item("k")])
    load.store_documents(conn, batch_id, source, None, [_item("k", status="canceled")])
    conn.commit()
    doc_id, *row = conn.execute(
        "SELECT id, status, previous_status FROM documents WHERE source_id = %s AND guid = 'k'", (source,)
    ).fetchone()
    assert row == ["canceled", "usable"]
    assert conn.execute(
        "SELECT count(*) FROM published_documents WHERE source_id = %s AND guid = 'k'", (source,)
    ).fetchone()[0] == 0
    assert doc_id not in {d.id for d in load.pending_documents(conn, "test")}


def test_the_same_text_from_another_feed_is_linked_and_not_extracted_twice(conn, batch):
    source, batch_id = batch
    other = load.upsert_source(conn, name=f"other-{id(conn)}", location="seeds/y.xml", enabled=False)
    text = BODY + " Copie exacte."
    load.store_documents(conn, batch_id, source, None, [_item("orig", body=text)])
    load.store_documents(conn, batch_id, other, None, [_item("orig", body=text)])
    conn.commit()
    original, copy = conn.execute(
        "SELECT id, duplicate_of FROM documents WHERE body = %s ORDER BY id", (text,)
    ).fetchall()
    assert original[1] is None and copy[1] == original[0]
    pending = {d.id for d in load.pending_documents(conn, "dup-test")}
    assert original[0] in pending and copy[0] not in pending


def test_facts_are_stored_once_per_extractor_version_with_shared_speakers(conn, batch):
    source, batch_id = batch
    load.store_documents(conn, batch_id, source, None, [_item("f1", body=BODY), _item("f2", body=BODY + " ")])
    docs = [d for d in load.pending_documents(conn, "v-facts") if d.body.startswith(BODY)][-2:]
    results = [(d, _extraction()) for d in docs]
    first = load.store_extractions(conn, batch_id, "v-facts", results)
    again = load.store_extractions(conn, batch_id, "v-facts", results)
    assert first == {"documents": 2, "statements": 4, "figures": 2, "events": 0}
    assert again == {"documents": 0, "statements": 0, "figures": 0, "events": 0}
    speakers = conn.execute(
        "SELECT DISTINCT sp.key FROM statements st JOIN speakers sp ON sp.id = st.speaker_id"
        " WHERE st.document_id = ANY(%s)", ([d.id for d in docs],),
    ).fetchall()
    assert speakers == [("jean dupont",)]
    linked = conn.execute(
        "SELECT count(*) FROM figures f JOIN statements s ON s.id = f.statement_id WHERE f.document_id = ANY(%s)",
        ([d.id for d in docs],),
    ).fetchone()[0]
    assert linked == 2


def test_the_database_refuses_spans_outside_the_body_and_reversed_intervals(conn, batch):
    source, batch_id = batch
    load.store_documents(conn, batch_id, source, None, [_item("bad", body="Court.")])
    (doc,) = [d for d in load.pending_documents(conn, "v-bad") if d.body == "Court."]
    outside = Extraction("fr", figures=[Figure("300", 2, 99, 300, 300, 300, None, "exact")])
    with pytest.raises(psycopg.errors.CheckViolation):
        load.store_extractions(conn, batch_id, "v-bad", [(doc, outside)])
    conn.rollback()
    reversed_interval = Extraction("fr", figures=[Figure("Co", 0, 2, 5, 9, 3, None, "range")])
    with pytest.raises(psycopg.errors.CheckViolation):
        load.store_extractions(conn, batch_id, "v-bad", [(doc, reversed_interval)])
    conn.rollback()
    assert conn.execute(
        "SELECT count(*) FROM extractions WHERE document_id = %s", (doc.id,)
    ).fetchone()[0] == 0, "a refused batch of facts leaves nothing half-written"


def test_events_link_to_their_statement_and_figures_to_their_event(conn, batch):
    from pipeline.models import Event

    source, batch_id = batch
    body = "Le ministre Jean Dupont a déclaré que 300 soldats partiront mardi. Rien d'autre."
    load.store_documents(conn, batch_id, source, None, [_item("links", body=body)])
    (doc,) = [d for d in load.pending_documents(conn, "v-links") if d.body == body]
    clause = body.index("300")
    trigger = body.index("partiront")
    ex = Extraction(
        "fr",
        statements=[Statement("Jean Dupont", body[clause:body.index(".")], clause, body.index("."), "indirect")],
        figures=[Figure("300", clause, clause + 3, 300, 300, 300, "soldiers", "exact")],
        events=[Event("withdraw", "partiront", trigger, trigger + 9)],
    )
    load.store_extractions(conn, batch_id, "v-links", [(doc, ex)])
    row = conn.execute(
        "SELECT e.statement_id = s.id, f.event_id = e.id FROM events e JOIN statements s USING (document_id)"
        " JOIN figures f USING (document_id) WHERE e.document_id = %s", (doc.id,),
    ).fetchone()
    assert row == (True, True)
