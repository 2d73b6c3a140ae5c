"""The ingestion run as a few steps, each one Airflow task (and one step of `pipeline run`).

open_run → fetch_source (per source) → store_fetched (parse + store documents) → extract_pending
(extract + load facts) → check. Steps pass only ids; payloads and documents stay in PostgreSQL.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
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


def open_run(run_id: str, feeds: list[str] | None = None, *, migrate: bool = True) -> RunHandle:
    """Load the configured sources (or register ad-hoc `feeds`), and open the run's batch.

    `migrate` applies pending migrations first (the CLI on one machine). DAG runs pass False: in a deployment
    migrations are the init step's job, never DDL from a worker, so a database behind its migrations
    fails the run with one line instead.
    """
    settings = get_settings()
    with db.connect() as conn:
        if migrate:
            db.migrate(conn)
        else:
            db.require_migrated(conn)
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


def enabled_sources(at: datetime | None = None, every: str | None = None) -> list[int]:
    """The enabled sources due in the run at `at`, for a DAG scheduled by the cron `every`.

    A source is due when its own `schedule` fired since the DAG's previous tick (a source polled hourly is
    fetched by one run in four of a 15-minute DAG); one without a schedule, or a run without a scheduled
    time (a manual trigger, the CLI), takes every enabled source.
    """
    with db.connect() as conn:
        return [s.id for s in load.get_sources(conn) if at is None or every is None or _due(s.schedule, at, every)]


def _due(schedule: str | None, at: datetime, every: str) -> bool:
    from croniter import croniter

    if not schedule:
        return True
    previous_tick = croniter(every, at).get_prev(datetime)  # strictly before `at`
    last_fire = croniter(schedule, at + timedelta(microseconds=1)).get_prev(datetime)  # at or before `at`
    return last_fire > previous_tick


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
            _require_declared_format(source.format, fetched.payload)
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


def _require_declared_format(declared: str, payload: bytes) -> None:
    """A source that declares its format must deliver it: a feed swapped for another is refused, not guessed."""
    from pipeline.parse import FeedError, sniff_format

    if declared == "auto":
        return
    found = sniff_format(payload)
    if found.replace("-", "") != declared.replace("-", "").replace(".", ""):
        raise FeedError(f"the source declares {declared} but delivered {found}")


def extract_pending(batch_id: int, chunk: int = 200,
                    progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Extract and load the facts of the documents this batch stored that are not extracted yet.

    Only the batch's own documents: its verdict then covers exactly them. Documents other runs stored are
    theirs to extract; documents an older extractor version processed are re-extraction's (`wire_reextract`).
    """
    return _extract(load.Selection(batch_id, _extractor_version()), chunk, progress)


def plan_extraction(batch_id: int, chunk: int | None = None) -> list[list[int]]:
    """The batch's documents still to extract, in chunks of ids (one mapped task each)."""
    with db.connect() as conn:
        ids = load.plan_documents(conn, load.Selection(batch_id, _extractor_version()))
    return _chunks(ids, chunk or get_settings().extract_chunk)


def plan_reextraction(batch_id: int, *, only_version: str | None = None, start: date | None = None,
                      end: date | None = None, sources: Sequence[str] = (), chunk: int | None = None
                      ) -> list[list[int]]:
    """Extracted documents to extract again (see `load.documents_to_reextract`), in chunks of ids."""
    with db.connect() as conn:
        ids = load.documents_to_reextract(conn, _extractor_version(), only_version=only_version, start=start,
                                          end=end, sources=sources)
        todo = set(load.plan_documents(conn, load.Selection(batch_id, _extractor_version(), tuple(ids), True)))
    return _chunks([i for i in ids if i in todo], chunk or get_settings().extract_chunk)


def plan_reextraction_from(batch_id: int, params: dict) -> list[list[int]]:
    """`plan_reextraction` from the re-extraction DAG's Params; ValueError (one line) for a bad value."""
    wanted = (params.get("extractor_version") or "outdated").strip()
    only_version = {"outdated": None, "all": "*"}.get(wanted, wanted)
    start, end = (date.fromisoformat(v) if v else None
                  for v in (params.get("published_from"), params.get("published_to")))
    if start and end and start > end:
        raise ValueError(f"published_from {start} is after published_to {end}")
    sources = [s.strip() for s in params.get("sources") or [] if s.strip()]
    if sources:
        with db.connect() as conn:
            known = {r[0] for r in conn.execute("SELECT name FROM sources WHERE name = ANY(%s)", (sources,))}
        if unknown := sorted(set(sources) - known):
            raise ValueError(f"unknown source(s): {', '.join(unknown)}")
    return plan_reextraction(batch_id, only_version=only_version, start=start, end=end, sources=sources)


def _chunks(ids: list[int], size: int) -> list[list[int]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def extract_documents(batch_id: int, document_ids: Sequence[int], *, replace: bool = False,
                      progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Extract these documents for the batch (one mapped chunk); with `replace`, their older facts go.

    Safe to run twice or side by side: documents are claimed row by row, done ones are skipped, and each
    sub-chunk commits on its own, so a retry after a kill does only what is left.
    """
    selection = load.Selection(batch_id, _extractor_version(), tuple(document_ids), replace)
    return _extract(selection, get_settings().extract_commit, progress)


def reextract_between(batch_id: int, start: date, end: date, chunk: int = 200,
                      progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Re-extract every extracted document published start..end with the current extractor, replacing its facts.

    Documents are untouched; each chunk's old facts are replaced in the transaction that stores the new ones,
    so an interrupted re-extraction leaves every document with one complete set of facts.
    """
    with db.connect() as conn:
        ids = load.documents_to_reextract(conn, _extractor_version(), only_version="*", start=start, end=end)
    return _extract(load.Selection(batch_id, _extractor_version(), tuple(ids), True), chunk, progress)


def reextract_outdated(batch_id: int, chunk: int = 200,
                       progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Extract again every document whose facts an older extractor version made."""
    with db.connect() as conn:
        ids = load.documents_to_reextract(conn, _extractor_version())
    return _extract(load.Selection(batch_id, _extractor_version(), tuple(ids), True), chunk, progress)


def count_published_between(start: date, end: date) -> int:
    with db.connect() as conn:
        return len(load.documents_to_reextract(conn, _extractor_version(), only_version="*", start=start,
                                               end=end))


def count_outdated() -> int:
    with db.connect() as conn:
        return len(load.documents_to_reextract(conn, _extractor_version()))


def _extract(selection: load.Selection, chunk: int,
             progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Claim, extract and store the selection `chunk` documents at a time, one transaction each.

    A first pass skips documents other workers hold; once nothing is left to claim freely, the call queues
    behind those workers, so it returns only when every selected document is extracted (by someone).
    """
    from pipeline.extract import extract_texts

    totals = {"documents": 0, "statements": 0, "figures": 0, "events": 0}
    after, wait = 0, False
    # Autocommit: each `transaction()` below is a real transaction, so a chunk's row locks end at its commit.
    with db.connect(autocommit=True) as conn:
        while True:
            with conn.transaction():
                docs = load.claim_documents(conn, selection, limit=chunk, after_id=after, wait=wait)
                if docs:
                    extractions = extract_texts([d.body for d in docs], published=[d.published for d in docs])
                    counts = load.store_extractions(conn, selection.batch_id, selection.extractor_version,
                                                    list(zip(docs, extractions, strict=True)),
                                                    replace=selection.replace)
            if not docs:
                if not load.plan_documents(conn, selection):
                    break
                after, wait = 0, True  # the rest is held by other workers: queue behind them
                continue
            after = docs[-1].id
            for key, value in counts.items():
                totals[key] += value
            log.info("extracted %d documents (ids %d–%d)", len(docs), docs[0].id, docs[-1].id,
                     extra={"stage": "extract", "document_ids": [d.id for d in docs],
                            "batch_id": selection.batch_id})
            if progress:
                progress(len(docs))
    return totals


def batch_has_facts(batch_id: int) -> bool:
    """Whether the batch extracted anything (a batch with nothing extracted has nothing to check)."""
    with db.connect() as conn:
        return conn.execute("SELECT EXISTS (SELECT 1 FROM extractions WHERE batch_id = %s)",
                            (batch_id,)).fetchone()[0]


def batch_counts(batch_id: int) -> dict[str, int]:
    """What the batch holds: its extracted documents and their facts (the asset event's summary)."""
    with db.connect() as conn:
        row = conn.execute(
            """SELECT (SELECT count(*) FROM extractions WHERE batch_id = %(b)s),
                      (SELECT count(*) FROM statements WHERE batch_id = %(b)s),
                      (SELECT count(*) FROM figures WHERE batch_id = %(b)s),
                      (SELECT count(*) FROM events WHERE batch_id = %(b)s)""",
            {"b": batch_id},
        ).fetchone()
    return dict(zip(("documents", "statements", "figures", "events"), row, strict=True))


def check(batch_id: int, *, update_docs: bool = True):
    """Run the data-quality suite on the batch; return the rule results."""
    from pipeline.quality import check_batch
    from pipeline.views import refresh_speaker_statements

    results = check_batch(db.database_url(), batch_id, update_docs=update_docs)
    with db.connect() as conn:  # a verdict can publish or withdraw statements: recount per speaker
        refresh_speaker_statements(conn)
    return results


def build_docs() -> str:
    """Rebuild the Data Docs site once from the stored validation results; return its index path."""
    from pipeline.quality import build_docs as build

    return str(build())


def prune_raw_payloads() -> dict[str, int]:
    """Apply the raw-payload retention (PIPELINE_RAW_RETENTION_DAYS; 0 keeps everything)."""
    days = get_settings().raw_retention_days
    if days <= 0:
        return {"fetches": 0, "documents": 0}
    with db.connect() as conn:
        fetches, documents = load.prune_raw_payloads(conn, days)
    return {"fetches": fetches, "documents": documents}


def batches_to_check(named: list[int]) -> list[int]:
    """The batches to validate: those named that extracted something, or else every such batch not checked yet.

    A batch with nothing extracted has nothing to check (its run may name it again on a rerun).
    """
    with db.connect() as conn:
        rows = conn.execute(
            """SELECT b.id FROM ingest_batches b
               WHERE EXISTS (SELECT 1 FROM extractions x WHERE x.batch_id = b.id)
                 AND CASE WHEN cardinality(%(named)s::bigint[]) > 0 THEN b.id = ANY(%(named)s)
                          ELSE NOT EXISTS (SELECT 1 FROM dq_runs r WHERE r.batch_id = b.id) END
               ORDER BY b.id""",
            {"named": sorted(set(named))},
        ).fetchall()
    return [r[0] for r in rows]


class ChecksFailed(Exception):
    """An `error`-severity data-quality rule failed for the batch: the data is wrong, a retry cannot help."""


def check_or_fail(batch_id: int) -> list[dict]:
    """The Airflow flavour of `check`: JSON-able results, and an exception naming failed error rules.

    Data Docs are not rebuilt here: the checks DAG builds them once after all its mapped checks.
    """
    results = check(batch_id, update_docs=False)
    failed = [r for r in results if r.severity == "error" and not r.success]
    if failed:
        detail = "; ".join(f"{r.rule} (rows {', '.join(map(str, r.unexpected[:20])) or '-'})" for r in failed)
        raise ChecksFailed(f"batch {batch_id}: {detail}")
    return [r.to_json() for r in results]
