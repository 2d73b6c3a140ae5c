"""The ingestion run as a few steps, each one Airflow task (and one step of `pipeline run`).

open_run → fetch_source (per source) → store_fetched (parse + store documents) → extract_pending
(extract + load facts) → check. Steps pass only ids; payloads and documents stay in PostgreSQL.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline import db, load
from pipeline.config import PROJECT_ROOT, get_settings

log = logging.getLogger("pipeline")


@dataclass(frozen=True)
class RunHandle:
    batch_id: int
    source_ids: list[int]
    source_names: list[str]


def _extractor_version() -> str:
    from pipeline.extract import EXTRACTOR_VERSION  # imports spaCy: only when a step needs it

    return EXTRACTOR_VERSION


def resolve_location(location: str) -> str:
    """URLs pass through; relative paths are relative to the project root."""
    if "://" in location or Path(location).is_absolute():
        return location
    return str(PROJECT_ROOT / location)


def open_run(run_id: str, feeds: list[str] | None = None) -> RunHandle:
    """Migrate, load the configured sources (or register ad-hoc `feeds`), and open the run's batch."""
    settings = get_settings()
    with db.connect() as conn:
        db.migrate(conn)
        if feeds:
            # Feeds named on the command line are recorded (fetches refer to them) but not scheduled.
            # Sorted: concurrent runs upsert shared sources in one order and cannot deadlock.
            ids = [load.upsert_source(conn, name=f, location=f, enabled=False) for f in sorted(set(feeds))]
        else:
            load.sync_sources(conn, settings.sources_file)
            ids = [s.id for s in load.get_sources(conn)]
        sources = load.get_sources(conn, ids)
        batch_id = load.open_batch(conn, run_id, _extractor_version())
        conn.commit()
    return RunHandle(batch_id, [s.id for s in sources], [s.name for s in sources])


def enabled_sources() -> list[int]:
    with db.connect() as conn:
        return [s.id for s in load.get_sources(conn)]


def fetch_source(batch_id: int, source_id: int) -> int:
    """Fetch one source into the fetches table; return the fetch id. Reuses this batch's earlier success."""
    from pipeline.credentials import CredentialsError, auth_headers
    from pipeline.fetch import FetchResult, FetchSettings, fetch

    settings = get_settings()
    with db.connect() as conn:
        done = load.completed_fetch(conn, batch_id, source_id)
        if done is not None:
            return done
        (source,) = load.get_sources(conn, [source_id])
        etag, modified = load.last_validators(conn, source_id)
        try:
            headers = auth_headers(source.conn_id)
        except CredentialsError as exc:
            result = FetchResult(source.location, "error", error=str(exc), attempts=0)
        else:
            result = fetch(
                resolve_location(source.location),
                etag=etag,
                last_modified=modified,
                settings=FetchSettings(max_bytes=settings.fetch_max_bytes, allow_hosts=settings.fetch_allow_hosts,
                                       extra_headers=headers),
            )
        fetch_id = load.record_fetch(
            conn, batch_id, source_id, source.location, status=result.status, http_status=result.http_status,
            error=result.error, payload=result.body, etag=result.etag, last_modified=result.last_modified,
            attempts=result.attempts, attempt_errors=result.failed_attempts, content_type=result.content_type,
        )
        conn.commit()
    if result.status == "error":
        log.warning("fetch of %s failed: %s", source.name, result.error,
                    extra={"stage": "fetch", "source": source.name, "batch_id": batch_id})
    return fetch_id


def store_fetched(batch_id: int, fetch_id: int) -> dict[str, int | str]:
    """Parse a fetched payload and store its items as documents; return counts (and the parse error if any)."""
    from pipeline.parse import FeedError, parse_feed

    with db.connect() as conn:
        fetched = load.get_fetch(conn, fetch_id)
        if fetched.status != "ok" or fetched.payload is None:
            error = load.fetch_error(conn, fetch_id) if fetched.status == "error" else None
            return {"seen": 0, "new": 0, "status": fetched.status, **({"error": error} if error else {})}
        if fetched.items_seen is not None:  # stored by an earlier attempt of this task: nothing to do
            return {"seen": fetched.items_seen, "new": fetched.items_new or 0, "status": fetched.status}
        (source,) = load.get_sources(conn, [fetched.source_id])
        try:
            parsed = parse_feed(fetched.payload, source_hint=source.agency, url=source.location)
        except Exception as exc:  # FeedError, or a parser bug: either way this feed only, never the run
            if not isinstance(exc, FeedError):
                exc = FeedError(f"parser failure {type(exc).__name__}: {' '.join(str(exc).split())[:300]}")
            conn.execute(
                "UPDATE fetches SET status = 'error', error = %s, items_seen = 0, items_new = 0 WHERE id = %s",
                (f"unreadable feed: {exc}", fetch_id),
            )
            conn.commit()
            log.warning("feed %s unreadable: %s", source.name, exc,
                        extra={"stage": "parse", "source": source.name, "batch_id": batch_id})
            return {"seen": 0, "new": 0, "status": "error", "error": f"unreadable feed: {exc}"}
        # Items that cannot be stored (parse found them unusable, or the table refuses them) are set aside
        # with their bytes; every other item of the delivery is stored.
        seen, new, unstored = load.store_documents_isolating(
            conn, batch_id, source.id, fetch_id, parsed.items, source.language, source.agency
        )
        rejected = load.record_rejected(conn, batch_id, source.id, fetch_id, [*parsed.rejected, *unstored])
        warnings = parsed.warnings + [f"item {u.guid} rejected: {u.reason}" for u in unstored]
        if warnings:
            conn.execute(
                "UPDATE fetches SET parse_warnings = %s WHERE id = %s",
                ([_storable_text(w) for w in warnings], fetch_id),
            )
        conn.commit()
    if rejected:
        log.warning("feed %s: %d item(s) rejected", source.name, rejected,
                    extra={"stage": "parse", "source": source.name, "batch_id": batch_id})
    return {"seen": seen, "new": new, "status": fetched.status, "rejected": rejected}


def _storable_text(text: str) -> str:
    """A warning as text PostgreSQL accepts (no NUL, no lone surrogate), at most 2,000 characters."""
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")[:2000]


def extract_pending(batch_id: int, chunk: int = 200,
                    progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Extract facts from every stored document this extractor version has not processed; load them."""
    from pipeline.extract import EXTRACTOR_VERSION

    with db.connect() as conn:
        chunks = _by_id(lambda after: load.pending_documents(conn, EXTRACTOR_VERSION, chunk, after_id=after))
        return _extract_chunks(conn, batch_id, chunks, progress=progress)


def reextract_between(batch_id: int, start: date, end: date, chunk: int = 200,
                      progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Re-extract every document published start..end with the current extractor, replacing its facts.

    Documents are untouched; each chunk's old facts are replaced in the transaction that stores the new ones,
    so an interrupted re-extraction leaves every document with one complete set of facts.
    """
    with db.connect() as conn:
        chunks = _by_id(lambda after: load.documents_published_between(conn, start, end, after, chunk))
        return _extract_chunks(conn, batch_id, chunks, replace=True, progress=progress)


def _by_id(query: Callable[[int], list[load.PendingDocument]]) -> Callable[[], list[load.PendingDocument]]:
    """Chunks of documents in id order: each call asks `query` for the ids after the previous chunk."""
    last_id = 0

    def next_chunk() -> list[load.PendingDocument]:
        nonlocal last_id
        docs = query(last_id)
        last_id = docs[-1].id if docs else last_id
        return docs

    return next_chunk


def count_published_between(start: date, end: date) -> int:
    with db.connect() as conn:
        return len(load.documents_published_between(conn, start, end))


def _extract_chunks(conn, batch_id: int, next_chunk: Callable[[], list[load.PendingDocument]],
                    replace: bool = False, progress: Callable[[int], None] | None = None) -> dict[str, int]:
    from pipeline.extract import EXTRACTOR_VERSION, extract_texts

    totals = {"documents": 0, "statements": 0, "figures": 0, "events": 0}
    while docs := next_chunk():
        extractions = extract_texts([d.body for d in docs], published=[d.published for d in docs])
        results = list(zip(docs, extractions, strict=True))
        counts = load.store_extractions(conn, batch_id, EXTRACTOR_VERSION, results, replace=replace)
        # The chunk query opened a transaction, which made store_extractions' own a savepoint: commit here,
        # or every chunk stays in one transaction until the end (a crash loses all of them, and the locks
        # taken on extractions and speakers rows are held across chunks, where two runs can deadlock).
        conn.commit()
        for key, value in counts.items():
            totals[key] += value
        log.info("extracted %d documents (ids %d–%d)", len(docs), docs[0].id, docs[-1].id,
                 extra={"stage": "extract", "document_ids": [d.id for d in docs], "batch_id": batch_id})
        if progress:
            progress(len(docs))
    return totals


def check(batch_id: int):
    """Run the data-quality suite on the batch; return the rule results."""
    from pipeline.quality import check_batch
    from pipeline.views import refresh_speaker_statements

    results = check_batch(db.database_url(), batch_id)
    with db.connect() as conn:  # a verdict can publish or withdraw statements: recount per speaker
        refresh_speaker_statements(conn)
    return results


def prune_raw_payloads() -> dict[str, int]:
    """Apply the raw-payload retention (PIPELINE_RAW_RETENTION_DAYS; 0 keeps everything)."""
    from pipeline.ops import prune_raw_payloads as prune

    days = get_settings().raw_retention_days
    if days <= 0:
        return {"fetches": 0, "documents": 0}
    with db.connect() as conn:
        fetches, documents = prune(conn, days)
    return {"fetches": fetches, "documents": documents}


def batches_to_check(named: list[int]) -> list[int]:
    """The batches to validate: those named, or else every batch that has facts but no verdict yet."""
    if named:
        return sorted(set(named))
    with db.connect() as conn:
        rows = conn.execute(
            """SELECT b.id FROM ingest_batches b
               WHERE EXISTS (SELECT 1 FROM extractions x WHERE x.batch_id = b.id)
                 AND NOT EXISTS (SELECT 1 FROM dq_runs r WHERE r.batch_id = b.id)
               ORDER BY b.id"""
        ).fetchall()
    return [r[0] for r in rows]


class ChecksFailed(Exception):
    """An `error`-severity data-quality rule failed for the batch."""


def check_or_fail(batch_id: int) -> list[dict]:
    """The Airflow flavour of `check`: JSON-able results, and an exception naming failed error rules."""
    results = check(batch_id)
    failed = [r for r in results if r.severity == "error" and not r.success]
    if failed:
        detail = "; ".join(f"{r.rule} (rows {', '.join(map(str, r.unexpected[:20])) or '-'})" for r in failed)
        raise ChecksFailed(f"batch {batch_id}: {detail}")
    return [r.to_json() for r in results]
