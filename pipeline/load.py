"""Writes to PostgreSQL: sources, batches, fetches, documents and extracted facts.

Every write is idempotent: documents are keyed by (source, guid, version), facts by
(document, extractor version), batches by run id, so rerunning a run changes nothing.
Bulk rows go through COPY into a temporary table, then one INSERT … ON CONFLICT.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psycopg

from pipeline.models import Extraction, FeedItem, Statement


@dataclass(frozen=True, slots=True)
class Source:
    id: int
    name: str
    location: str
    format: str
    language: str | None
    agency: str | None
    conn_id: str | None = None


@dataclass(frozen=True, slots=True)
class PendingDocument:
    id: int
    body: str
    body_length: int
    language: str | None
    published: date | None


def content_hash(title: str, body: str) -> str:
    return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()


# Leading words that do not tell speakers apart: articles and honorifics.
_KEY_NOISE = {"le", "la", "les", "l", "the", "m", "mme", "mlle", "mr", "mrs", "ms", "dr", "me", "pr"}


def speaker_key(name: str) -> str:
    """Normalised speaker key: "M. Lorenzo Guérini" and "lorenzo guerini" give "lorenzo guerini"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = re.sub(r"[^0-9a-z]+", " ", plain.casefold()).split()
    while len(words) > 1 and words[0] in _KEY_NOISE:
        words.pop(0)
    return " ".join(words)


def sync_sources(conn: psycopg.Connection, path: Path) -> int:
    """Upsert the sources listed in a versioned JSON file, disable the others; return how many it lists."""
    entries = json.loads(path.read_text(encoding="utf-8"))
    for e in sorted(entries, key=lambda e: e["name"]):  # one order for every session: no deadlock
        upsert_source(conn, e["name"], e["location"], e.get("format", "auto"), e.get("language"),
                      e.get("agency"), e.get("schedule"), e.get("conn_id"), e.get("enabled", True))
    # A source taken out of the file stops being fetched; its rows (fetches, documents) stay.
    conn.execute("UPDATE sources SET enabled = false WHERE enabled AND NOT (name = ANY(%s))",
                 ([e["name"] for e in entries],))
    return len(entries)


def upsert_source(conn: psycopg.Connection, name: str, location: str, fmt: str = "auto",
                  language: str | None = None, agency: str | None = None, schedule: str | None = None,
                  conn_id: str | None = None, enabled: bool = True) -> int:
    row = conn.execute(
        """INSERT INTO sources (name, location, format, language, agency, schedule, conn_id, enabled)
           VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
           ON CONFLICT (name) DO UPDATE SET location = EXCLUDED.location, format = EXCLUDED.format,
               language = EXCLUDED.language, agency = EXCLUDED.agency, schedule = EXCLUDED.schedule,
               conn_id = EXCLUDED.conn_id, enabled = EXCLUDED.enabled
           RETURNING id""",
        (name, location, fmt, language, agency, schedule, conn_id, enabled),
    ).fetchone()
    return row[0]


def get_sources(conn: psycopg.Connection, ids: Sequence[int] | None = None) -> list[Source]:
    """The enabled sources, or exactly the sources `ids` (enabled or not: ad-hoc feeds are disabled)."""
    query = "SELECT id, name, location, format, language, agency, conn_id FROM sources WHERE enabled"
    params: tuple = ()
    if ids is not None:
        query = "SELECT id, name, location, format, language, agency, conn_id FROM sources WHERE id = ANY(%s)"
        params = (list(ids),)
    return [Source(*row) for row in conn.execute(query + " ORDER BY id", params)]


def open_batch(conn: psycopg.Connection, run_id: str, extractor_version: str) -> int:
    """The batch of a run, created on first call (a rerun of the same run gets the same batch)."""
    row = conn.execute(
        """INSERT INTO ingest_batches (run_id, extractor_version) VALUES (%s, %s)
           ON CONFLICT (run_id) DO UPDATE SET run_id = EXCLUDED.run_id RETURNING id""",
        (run_id, extractor_version),
    ).fetchone()
    return row[0]


def completed_fetch(conn: psycopg.Connection, batch_id: int, source_id: int) -> int | None:
    """Id of this batch's successful fetch of a source, if there is one (reruns reuse it)."""
    row = conn.execute(
        "SELECT id FROM fetches WHERE batch_id = %s AND source_id = %s AND status <> 'error'",
        (batch_id, source_id),
    ).fetchone()
    return row[0] if row else None


def record_fetch(conn: psycopg.Connection, batch_id: int, source_id: int, location: str, *, status: str,
                 http_status: int | None = None, error: str | None = None, payload: bytes | None = None,
                 etag: str | None = None, last_modified: str | None = None, attempts: int = 1,
                 attempt_errors: Sequence[str] = (), content_type: str | None = None) -> int:
    """Record the outcome of fetching a source in a batch; a task retry updates the same row, adding its tries."""
    row = conn.execute(
        """INSERT INTO fetches (batch_id, source_id, location, status, http_status, error, bytes, payload,
                                etag, last_modified, attempts, attempt_errors, content_type, finished_at)
           VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, now())
           ON CONFLICT (batch_id, source_id) DO UPDATE SET
               location = EXCLUDED.location, status = EXCLUDED.status, http_status = EXCLUDED.http_status,
               error = EXCLUDED.error, bytes = EXCLUDED.bytes, payload = EXCLUDED.payload,
               etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,
               content_type = EXCLUDED.content_type, finished_at = now(),
               attempts = fetches.attempts + EXCLUDED.attempts,
               attempt_errors = fetches.attempt_errors || EXCLUDED.attempt_errors
           RETURNING id""",
        (batch_id, source_id, location, status, http_status, error,
         len(payload) if payload is not None else None, payload, etag, last_modified, attempts,
         list(attempt_errors), content_type),
    ).fetchone()
    return row[0]


def last_validators(conn: psycopg.Connection, source_id: int) -> tuple[str | None, str | None]:
    """ETag and Last-Modified of the source's last fetch whose items were stored, for a conditional GET.

    A fetch whose payload was never stored (parse or load failed) must not make the next one conditional,
    or its items would be skipped as "not modified" forever.
    """
    row = conn.execute(
        """SELECT etag, last_modified FROM fetches
           WHERE source_id = %s AND status = 'ok' AND items_seen IS NOT NULL
           ORDER BY id DESC LIMIT 1""",
        (source_id,),
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


@dataclass(frozen=True, slots=True)
class StoredFetch:
    source_id: int
    status: str
    payload: bytes | None
    items_seen: int | None  # set once the payload's items were stored
    items_new: int | None


def get_fetch(conn: psycopg.Connection, fetch_id: int) -> StoredFetch:
    row = conn.execute(
        "SELECT source_id, status, payload, items_seen, items_new FROM fetches WHERE id = %s", (fetch_id,)
    ).fetchone()
    if row is None:
        raise LookupError(f"no fetch with id {fetch_id}")
    return StoredFetch(*row)


_STORE_DOCUMENTS_LOCK = 0x5749_5244  # advisory lock key serialising store_documents across sessions
_DOC_COLUMNS = ("guid", "version", "status", "source_format", "title", "body", "language", "published_at",
                "updated_at", "link", "authors", "agency", "raw_payload", "content_hash")


def store_documents(conn: psycopg.Connection, batch_id: int, source_id: int, fetch_id: int | None,
                    items: Iterable[FeedItem], default_language: str | None = None,
                    agency: str | None = None) -> tuple[int, int]:
    """Insert the items not stored yet; return (seen, new). Existing (source, guid, version) are left alone."""
    rows = [
        (it.guid, it.version, it.status, it.source_format, it.title, it.body,
         it.language or default_language, it.published, it.updated, it.link, it.authors,
         it.source or agency, it.raw, content_hash(it.title, it.body))
        for it in items
    ]
    cols = ", ".join(_DOC_COLUMNS)
    with conn.transaction():
        # One store at a time (until its transaction commits): a concurrent store of the same text from
        # another feed would otherwise stay invisible to the duplicate_of lookup below, and neither copy
        # would be linked to the other (their facts extracted twice).
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_STORE_DOCUMENTS_LOCK,))
        # A caller's enclosing transaction makes ours a savepoint, so ON COMMIT DROP may not have fired yet.
        conn.execute("DROP TABLE IF EXISTS pg_temp.incoming_documents")
        conn.execute(
            f"CREATE TEMP TABLE incoming_documents ON COMMIT DROP AS SELECT {cols} FROM documents WITH NO DATA"
        )
        with conn.cursor().copy(f"COPY incoming_documents ({cols}) FROM STDIN") as copy:
            for r in rows:
                copy.write_row(r)
        # Within one delivery the same (guid, version) can repeat; keep its first occurrence. A stored
        # version is never rewritten, except that a kill (canceled/withheld) of that same version is recorded.
        written = conn.execute(
            f"""INSERT INTO documents AS d (source_id, batch_id, fetch_id, {cols})
                SELECT DISTINCT ON (guid, version) %s, %s, %s, {cols} FROM incoming_documents
                ORDER BY guid, version
                ON CONFLICT (source_id, guid, version) DO UPDATE
                    SET status = EXCLUDED.status, previous_status = d.status, status_changed_at = now()
                    WHERE EXCLUDED.status IN ('canceled', 'withheld') AND d.status <> EXCLUDED.status
                RETURNING d.id, (xmax = 0) AS inserted""",
            (source_id, batch_id, fetch_id),
        ).fetchall()
        inserted = [doc_id for doc_id, is_new in written if is_new]
        new = len(inserted)
        # The same text already stored for another item (typically another feed): link, don't extract twice.
        conn.execute(
            """UPDATE documents d SET duplicate_of = (
                   SELECT min(o.id) FROM documents o
                   WHERE o.content_hash = d.content_hash AND o.id < d.id AND o.duplicate_of IS NULL
                     AND (o.source_id, o.guid) <> (d.source_id, d.guid))
               WHERE d.id = ANY(%s)""",
            (inserted,),
        )
        if fetch_id is not None:
            conn.execute(
                "UPDATE fetches SET items_seen = %s, items_new = %s WHERE id = %s", (len(rows), new, fetch_id)
            )
    return len(rows), new


_PENDING_SELECT = """SELECT d.id, d.body, d.body_length, d.language, (d.published_at AT TIME ZONE 'UTC')::date
                     FROM documents d WHERE d.duplicate_of IS NULL AND d.status IN ('usable', 'corrected')
                       AND coalesce(d.language, 'fr') IN ('fr', 'en')
                       AND d.body_length <= 500000"""  # languages we extract; parse refuses longer bodies


def pending_documents(conn: psycopg.Connection, extractor_version: str,
                      limit: int | None = None, after_id: int = 0) -> list[PendingDocument]:
    """Stored documents that this extractor version has not processed yet, by id, after `after_id`.

    Callers walking through chunks pass the last id they saw, so each chunk's query starts where the
    previous one ended instead of re-reading every document processed so far (quadratic at 10k documents).
    """
    rows = conn.execute(
        f"""{_PENDING_SELECT}
              AND d.id > %s
              AND NOT EXISTS (SELECT 1 FROM extractions x
                              WHERE x.document_id = d.id AND x.extractor_version = %s)
            ORDER BY d.id LIMIT %s""",
        (after_id, extractor_version, limit),
    ).fetchall()
    return [PendingDocument(*r) for r in rows]


def documents_published_between(conn: psycopg.Connection, start: date, end: date,
                                after_id: int = 0, limit: int | None = None) -> list[PendingDocument]:
    """Extractable documents published on days start..end (UTC, inclusive), by id, after `after_id`."""
    rows = conn.execute(
        f"""{_PENDING_SELECT}
              AND d.published_at >= %s::date AND d.published_at < %s::date + 1 AND d.id > %s
            ORDER BY d.id LIMIT %s""",
        (start, end, after_id, limit),
    ).fetchall()
    return [PendingDocument(*r) for r in rows]


@dataclass(frozen=True, slots=True)
class Selection:
    """Which documents an extraction covers: those a batch stored, or an explicit list of ids.

    `replace` (re-extraction) also takes documents this extractor version already processed in another
    batch; their facts are replaced. A document counts as done once `batch_id` holds its facts.
    """

    batch_id: int
    extractor_version: str
    document_ids: tuple[int, ...] | None = None  # None: every document the batch stored
    replace: bool = False


def plan_documents(conn: psycopg.Connection, selection: Selection) -> list[int]:
    """Ids of the selected documents still to extract, in id order (no lock: chunks claim them)."""
    return [d.id for d in _select_pending(conn, selection, lock=None)]


def claim_documents(conn: psycopg.Connection, selection: Selection, limit: int | None = None,
                    after_id: int = 0, wait: bool = False) -> list[PendingDocument]:
    """Lock up to `limit` selected documents still to extract, for the caller's open transaction.

    Rows another session holds are skipped (FOR UPDATE SKIP LOCKED on the documents' claim rows, sql/013),
    so two workers never extract the same document; with `wait` the call queues behind them instead (to finish a selection whose last
    documents another worker holds). The locked rows are checked again in a new statement: a worker that
    committed a document between this statement's snapshot and the lock leaves it done, not pending.
    """
    claimed = _select_pending(conn, selection, lock="FOR UPDATE OF c" + ("" if wait else " SKIP LOCKED"),
                              limit=limit, after_id=after_id)
    if not claimed:
        return []
    still = set(plan_documents(conn, Selection(selection.batch_id, selection.extractor_version,
                                               tuple(d.id for d in claimed), selection.replace)))
    return [d for d in claimed if d.id in still]


def _select_pending(conn: psycopg.Connection, selection: Selection, lock: str | None,
                    limit: int | None = None, after_id: int = 0) -> list[PendingDocument]:
    scope = "d.batch_id = %(batch)s" if selection.document_ids is None else "d.id = ANY(%(ids)s)"
    done = "x.extractor_version = %(version)s" + (" AND x.batch_id = %(batch)s" if selection.replace else "")
    select = _PENDING_SELECT
    if lock:  # the lock is taken on the claim row, never on the document (see sql/013)
        select = select.replace("FROM documents d WHERE",
                                "FROM documents d JOIN document_claims c ON c.document_id = d.id WHERE")
    rows = conn.execute(
        f"""{select}
              AND {scope} AND d.id > %(after)s
              AND NOT EXISTS (SELECT 1 FROM extractions x WHERE x.document_id = d.id AND {done})
            ORDER BY d.id LIMIT %(limit)s {lock or ""}""",
        {"batch": selection.batch_id, "ids": list(selection.document_ids or ()), "after": after_id,
         "version": selection.extractor_version, "limit": limit},
    ).fetchall()
    return [PendingDocument(*r) for r in rows]


def documents_to_reextract(conn: psycopg.Connection, installed_version: str, *, only_version: str | None = None,
                           start: date | None = None, end: date | None = None,
                           sources: Sequence[str] = ()) -> list[int]:
    """Ids of extracted documents to extract again: by the version of their facts, publication day, source.

    `only_version` None takes every document whose facts an older version made; "*" takes every extracted
    document (a backfill replaces facts even of the installed version); any other value, that version's.
    """
    version_filter = {None: "x.extractor_version <> %(installed)s", "*": "true"}.get(
        only_version, "x.extractor_version = %(only)s")
    rows = conn.execute(
        f"""{_PENDING_SELECT}
              AND EXISTS (SELECT 1 FROM extractions x WHERE x.document_id = d.id AND {version_filter})
              AND (%(start)s::date IS NULL OR d.published_at >= %(start)s::date)
              AND (%(end)s::date IS NULL OR d.published_at < %(end)s::date + 1)
              AND (cardinality(%(sources)s::text[]) = 0
                   OR d.source_id IN (SELECT id FROM sources WHERE name = ANY(%(sources)s)))
            ORDER BY d.id""",
        {"installed": installed_version, "only": only_version, "start": start, "end": end,
         "sources": list(sources)},
    ).fetchall()
    return [r[0] for r in rows]


def _allocate_ids(conn: psycopg.Connection, table: str, n: int) -> list[int]:
    if n == 0:
        return []
    rows = conn.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", (table, n)
    ).fetchall()
    return [r[0] for r in rows]


def store_extractions(conn: psycopg.Connection, batch_id: int, extractor_version: str,
                      results: Sequence[tuple[PendingDocument, Extraction]],
                      replace: bool = False) -> dict[str, int]:
    """Store the facts of each document for this extractor version, all in one transaction.

    Facts of other extractor versions of these documents are replaced (deleted in the same transaction).
    Documents this version has already processed are skipped, so a rerun adds nothing — unless `replace`
    is set (re-extraction), which replaces this version's facts too. Ids are drawn from the sequences first
    so that figures can point at their statement and their total inside one COPY.
    """
    counts = {"documents": 0, "statements": 0, "figures": 0, "events": 0}
    with conn.transaction():
        conn.execute(
            "DELETE FROM extractions WHERE document_id = ANY(%s) AND (extractor_version <> %s OR %s)",
            ([d.id for d, _ in results], extractor_version, replace),
        )
        fresh = {
            r[0]
            for r in conn.execute(
                """INSERT INTO extractions (document_id, extractor_version, batch_id, lang)
                   SELECT * FROM unnest(%s::bigint[], %s::text[], %s::bigint[], %s::text[])
                   ON CONFLICT DO NOTHING RETURNING document_id""",
                ([d.id for d, _ in results], [extractor_version] * len(results),
                 [batch_id] * len(results), [x.lang for _, x in results]),
            )
        }
        todo = [(d, x) for d, x in results if d.id in fresh]
        counts["documents"] = len(todo)
        speaker_ids = _upsert_speakers(conn, [s for _, x in todo for s in x.statements])
        stmt_rows, fig_rows, event_rows = [], [], []
        stmt_ids = iter(_allocate_ids(conn, "statements", sum(len(x.statements) for _, x in todo)))
        fig_ids = iter(_allocate_ids(conn, "figures", sum(len(x.figures) for _, x in todo)))
        event_ids = iter(_allocate_ids(conn, "events", sum(len(x.events) for _, x in todo)))
        for doc, ex in todo:
            base = (doc.id, extractor_version, doc.body_length, batch_id)
            statements = [(next(stmt_ids), s) for s in ex.statements]
            events = [(next(event_ids), e) for e in ex.events]
            figures = [(next(fig_ids), f) for f in ex.figures]
            for sid, s in statements:
                stmt_rows.append((sid, *base, s.speaker, s.speaker_type, s.quote, s.kind, s.verb, s.start, s.end,
                                  speaker_ids.get(speaker_key(s.speaker)) if s.speaker else None, ex.lang))
            for eid, e in events:
                event_rows.append((eid, *base, e.type, e.trigger, e.actor, e.target, e.date, e.place, e.summary,
                                   e.start, e.end, _containing(statements, e.start, e.end), e.planned))
            for fid, f in figures:
                total = next((tid for tid, t in reversed(figures) if t.text == f.part_of and t.start < f.start),
                             None) if f.part_of else None
                event_id = min(((abs(e.start - f.start), eid) for eid, e in events
                                if _same_sentence(doc.body, e.start, f.start)), default=(0, None))[1]
                fig_rows.append((fid, *base, f.text, f.value, f.low, f.high, f.unit, f.qualifier, f.where,
                                 f.asserted_by, _containing(statements, f.start, f.end), total,
                                 f.part_of if total else None, f.start, f.end, event_id))
        common = "id, document_id, extractor_version, body_length, batch_id"
        _copy(conn, "statements",
              f"{common}, speaker, speaker_type, quote, kind, verb, start_char, end_char, speaker_id, lang",
              stmt_rows)
        _copy(conn, "events",
              f"{common}, type, trigger, actor, target, event_date, place, summary, start_char, end_char, "
              "statement_id, planned", event_rows)
        _copy(conn, "figures",
              f"{common}, text, value, low, high, unit, qualifier, place, asserted_by, statement_id, "
              "part_of_id, part_of_text, start_char, end_char, event_id", fig_rows)
    counts.update(statements=len(stmt_rows), figures=len(fig_rows), events=len(event_rows))
    return counts


_SENTENCE_END = re.compile(r"[.!?…]\s")


def _containing(statements: Sequence[tuple[int, Statement]], start: int, end: int) -> int | None:
    """Id of the statement whose span contains [start, end), if any."""
    return next((sid for sid, s in statements if s.start <= start and end <= s.end), None)


def _same_sentence(body: str, a: int, b: int) -> bool:
    return _SENTENCE_END.search(body, min(a, b), max(a, b)) is None


def _upsert_speakers(conn: psycopg.Connection, statements: Sequence) -> dict[str, int]:
    """Speaker ids by key, creating the speakers not seen before (first spelling and type win)."""
    named = {}
    for s in statements:
        if s.speaker and speaker_key(s.speaker):
            named.setdefault(speaker_key(s.speaker), (s.speaker, "organisation" if s.speaker_type == "organisation"
                                                     else "person"))
    if not named:
        return {}
    keys = sorted(named)  # one insertion order for every session: concurrent upserts cannot deadlock
    conn.execute(
        """INSERT INTO speakers (key, name, speaker_type)
           SELECT * FROM unnest(%s::text[], %s::text[], %s::text[]) ON CONFLICT (key) DO NOTHING""",
        (keys, [named[k][0] for k in keys], [named[k][1] for k in keys]),
    )
    return dict(conn.execute("SELECT key, id FROM speakers WHERE key = ANY(%s)", (keys,)).fetchall())


def _copy(conn: psycopg.Connection, table: str, columns: str, rows: list[tuple]) -> None:
    if not rows:
        return
    with conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


# --- items that cannot be stored -------------------------------------------------------------------------

# Failures of one row (a value the table refuses), as opposed to the connection or the server going away.
_ROW_ERRORS = (psycopg.DataError, psycopg.IntegrityError, psycopg.errors.ProgramLimitExceeded,
               UnicodeEncodeError, ValueError)


@dataclass(frozen=True, slots=True)
class UnstoredItem:
    reason: str
    raw: bytes
    guid: str | None = None


def store_documents_isolating(conn: psycopg.Connection, batch_id: int, source_id: int, fetch_id: int | None,
                              items: Sequence[FeedItem], default_language: str | None = None,
                              agency: str | None = None) -> tuple[int, int, list[UnstoredItem]]:
    """store_documents, except that an item the table refuses is set aside instead of failing the delivery.

    All items go in one COPY; only when that fails is each item stored on its own (in a savepoint), so the
    ones the database refuses come back as UnstoredItems with the database's reason.
    """
    try:
        seen, new = store_documents(conn, batch_id, source_id, fetch_id, items, default_language, agency)
        return seen, new, []
    except _ROW_ERRORS:
        pass
    new, failed = 0, []
    for item in items:
        try:
            _, added = store_documents(conn, batch_id, source_id, None, [item], default_language, agency)
            new += added
        except _ROW_ERRORS as exc:
            reason = " ".join(str(exc).split()) or type(exc).__name__
            failed.append(UnstoredItem(f"refused by the database: {reason}"[:2000],
                                       item.raw.encode("utf-8", "surrogatepass"), item.guid))
    stored = len(items) - len(failed)
    if fetch_id is not None:
        conn.execute("UPDATE fetches SET items_seen = %s, items_new = %s WHERE id = %s", (stored, new, fetch_id))
    return stored, new, failed


def record_rejected(conn: psycopg.Connection, batch_id: int, source_id: int, fetch_id: int,
                    rejected: Sequence) -> int:
    """Keep the rejected items of a fetch (anything with reason, raw and guid); return the fetch's count.

    Positions number the rejections of the fetch, so a rerun of the same store step adds no second copy.
    """
    rows = [
        (fetch_id, source_id, batch_id, position, _storable(r.guid)[:1000] if r.guid else None,
         _storable(r.reason) or "unknown reason", r.raw)
        for position, r in enumerate(rejected, start=1)
    ]
    if rows:
        with conn.cursor() as cur:
            cur.executemany(
                """INSERT INTO rejected_items (fetch_id, source_id, batch_id, position, guid, reason, raw)
                   VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (fetch_id, position) DO NOTHING""",
                rows,
            )
    conn.execute("UPDATE fetches SET items_rejected = %s WHERE id = %s", (len(rows), fetch_id))
    return len(rows)


def _storable(text: str) -> str:
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def fetch_error(conn: psycopg.Connection, fetch_id: int) -> str | None:
    row = conn.execute("SELECT error FROM fetches WHERE id = %s", (fetch_id,)).fetchone()
    return row[0] if row else None


def prune_raw_payloads(conn: psycopg.Connection, days: int) -> tuple[int, int]:
    """Forget raw payloads older than `days` (fetched feeds, item payloads); parsed documents stay."""
    fetches = conn.execute(
        "UPDATE fetches SET payload = NULL WHERE payload IS NOT NULL AND started_at < now() - make_interval(days => %s)",
        (days,),
    ).rowcount
    documents = conn.execute(
        """UPDATE documents SET raw_payload = NULL
           WHERE raw_payload IS NOT NULL AND ingested_at < now() - make_interval(days => %s)""",
        (days,),
    ).rowcount
    # Rejected items keep their row (reason, source, fetch); their bytes follow the same retention.
    conn.execute(
        "UPDATE rejected_items SET raw = NULL WHERE raw IS NOT NULL AND rejected_at < now() - make_interval(days => %s)",
        (days,),
    )
    conn.commit()
    return fetches, documents
