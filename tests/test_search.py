"""Full-text search over statements: French and English stemming, accents ignored, killed items hidden."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline import load
from pipeline.models import Extraction, FeedItem, Statement

FR = "Le ministère de la Défense a annoncé que les soldats resteront déployés en Irak."
EN = "The ministry said that troops would remain deployed in Iraq despite the attacks."


def _store(conn, guid: str, body: str, lang: str, speaker: str, status: str = "usable") -> None:
    source = load.upsert_source(conn, name="search-test", location="seeds/search.xml", enabled=False)
    batch = load.open_batch(conn, "search-test-run", "search-v")
    item = FeedItem("rss", guid, f"Titre {guid}", body, language=lang, published=datetime(2020, 1, 7, tzinfo=UTC))
    load.store_documents(conn, batch, source, None, [item])
    (doc,) = [d for d in load.pending_documents(conn, "search-v") if d.body == body]
    start = body.index("les soldats") if lang == "fr" else body.index("troops")
    quote = body[start:-1]
    ex = Extraction(lang, statements=[Statement(speaker, quote, start, len(body) - 1, "indirect", "said",
                                                "organisation")])
    load.store_extractions(conn, batch, "search-v", [(doc, ex)])
    # Analyst views publish checked batches only: record a passing verdict for this one.
    conn.execute("INSERT INTO dq_runs (batch_id, suite, success, gx_version) VALUES (%s, 'figures', true, 'test')"
                 " ON CONFLICT DO NOTHING", (batch,))
    if status != "usable":  # the kill arrives after the facts were extracted
        item.status = status
        load.store_documents(conn, batch, source, None, [item])
    conn.commit()


@pytest.fixture(scope="module")
def searchable(database_url):
    import psycopg

    with psycopg.connect(database_url) as conn:
        _store(conn, "fr-1", FR, "fr", "ministère de la Défense")
        _store(conn, "en-1", EN, "en", "ministry")
        _store(conn, "fr-killed", FR.replace("Irak", "Syrie"), "fr", "armée", status="canceled")
    return database_url


def _search(conn, query: str, lang: str = "fr") -> list[str]:
    """Speakers of this module's statements that match (other tests share the database)."""
    return [r[0] for r in conn.execute(
        "SELECT speaker FROM search_statements(%s, %s) WHERE title LIKE 'Titre %%-%%'", (query, lang))]


def test_french_search_ignores_accents_and_inflection(searchable, conn):
    assert _search(conn, "défense") == ["ministère de la Défense"]
    assert _search(conn, "defense") == ["ministère de la Défense"]
    assert _search(conn, "soldat déployé") == ["ministère de la Défense"]
    assert _search(conn, "MINISTERE") == ["ministère de la Défense"]


def test_english_search_uses_english_stemming(searchable, conn):
    assert _search(conn, "deploying troop", "en") == ["ministry"]


def test_search_hides_killed_items_and_supports_web_syntax(searchable, conn):
    assert _search(conn, "syrie") == []
    assert "ministère de la Défense" in _search(conn, "soldats irak")
    assert "ministère de la Défense" not in _search(conn, "soldats -irak")


def test_the_search_vector_has_a_gin_index(conn):
    (indexdef,) = conn.execute(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'statements_search_idx'"
    ).fetchone()
    assert "USING gin (search)" in indexdef
