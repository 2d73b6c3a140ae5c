"""Table snapshots: exact (for reruns on one database) and by natural keys (to compare two databases)."""

from __future__ import annotations

import hashlib

import psycopg

# Columns that record when something happened rather than what; reruns may refresh them.
VOLATILE = ("started_at", "finished_at", "ingested_at", "extracted_at", "created_at", "status_changed_at")
ALL_TABLES = ("sources", "ingest_batches", "fetches", "documents", "extractions", "speakers", "statements",
              "figures", "events", "dq_runs", "dq_results")


# A rerun replaces a batch's quality verdict by design (delete + insert), so those rows get new ids.
REPLACED_IDS = {"dq_runs": ("id",), "dq_results": ("id", "run_id")}


def exact_snapshot(url: str, tables: tuple[str, ...] = ALL_TABLES) -> dict[str, tuple[int, str]]:
    """Row count and content hash of each table, every column but the timestamps (ids included, except
    those of rows replaced by design)."""
    out = {}
    with psycopg.connect(url) as conn:
        for table in tables:
            drop = " - ".join(f"'{c}'" for c in (*VOLATILE, *REPLACED_IDS.get(table, ())))
            rows = conn.execute(f"SELECT (to_jsonb(t) - {drop})::text FROM {table} t").fetchall()
            lines = sorted(r[0] for r in rows)
            out[table] = (len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest())
    return out


# Each table's rows with surrogate ids replaced by what they point at (source name, item guid/version,
# speaker key, spans of the linked statement, figure and event), so that two databases filled by different
# runs can be compared. Every *_id column is dropped first, so columns added by later migrations do not
# leak ids into the comparison; links are read through to_jsonb so that a missing column reads as NULL.
def _plain(alias: str) -> str:
    return (f"(SELECT jsonb_object_agg(k, v) FROM jsonb_each(to_jsonb({alias})) AS e(k, v)"
            f" WHERE k <> 'id' AND k NOT LIKE '%\\_id' AND k NOT IN ({', '.join(map(repr, _DROPPED))}))")


def _link(alias: str, column: str) -> str:
    return f"({alias}.id = (to_jsonb(t) ->> '{column}')::bigint)"


# documents.facts_version restates the document's latest extraction (sql/014), which the extractions rows
# already compare: a database killed between two chunks differs there and nowhere else in documents.
_DROPPED = ("duplicate_of", "facts_version", *VOLATILE)
_DOC = "jsonb_build_object('source', s.name, 'guid', d.guid, 'version', d.version)"
_OF_DOC = "JOIN documents d ON d.id = t.document_id JOIN sources s ON s.id = d.source_id"
_SPAN = "{0}.start_char || '-' || {0}.end_char"
_CANONICAL = {
    "documents": f"""SELECT {_plain("t")} || jsonb_build_object('source', s.name, 'duplicate_of', o.guid)
                     FROM documents t JOIN sources s ON s.id = t.source_id
                     LEFT JOIN documents o ON o.id = t.duplicate_of""",
    "extractions": f"SELECT {_plain('t')} || {_DOC} FROM extractions t {_OF_DOC}",
    "speakers": f"SELECT {_plain('t')} FROM speakers t",
    "statements": f"""SELECT {_plain("t")} || {_DOC} || jsonb_build_object('speaker', sp.key)
                      FROM statements t {_OF_DOC} LEFT JOIN speakers sp ON {_link("sp", "speaker_id")}""",
    "figures": f"""SELECT {_plain("t")} || {_DOC}
                          || jsonb_build_object('statement', {_SPAN.format("st")}, 'part_of', {_SPAN.format("p")},
                                                'event', ev.type || ' ' || {_SPAN.format("ev")})
                   FROM figures t {_OF_DOC}
                   LEFT JOIN statements st ON {_link("st", "statement_id")}
                   LEFT JOIN figures p ON {_link("p", "part_of_id")}
                   LEFT JOIN events ev ON {_link("ev", "event_id")}""",
    "events": f"""SELECT {_plain("t")} || {_DOC} || jsonb_build_object('statement', {_SPAN.format("st")})
                  FROM events t {_OF_DOC} LEFT JOIN statements st ON {_link("st", "statement_id")}""",
}


def canonical_rows(url: str) -> dict[str, list[str]]:
    """Sorted JSON rows of documents, extractions, speakers and facts, by natural keys."""
    with psycopg.connect(url) as conn:
        return {
            table: sorted(r[0] for r in conn.execute(f"SELECT j::text FROM ({query}) AS q(j)"))
            for table, query in _CANONICAL.items()
        }


def facts_per_document(url: str) -> dict[tuple[str, int], tuple[bool, int, int, int]]:
    """(guid, version) → (has an extractions row, statements, figures, events)."""
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            """SELECT d.guid, d.version,
                      EXISTS (SELECT 1 FROM extractions x WHERE x.document_id = d.id),
                      (SELECT count(*) FROM statements t WHERE t.document_id = d.id),
                      (SELECT count(*) FROM figures t WHERE t.document_id = d.id),
                      (SELECT count(*) FROM events t WHERE t.document_id = d.id)
               FROM documents d"""
        ).fetchall()
    return {(g, v): (x, s, f, e) for g, v, x, s, f, e in rows}


def count(url: str, query: str, params: tuple = ()) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute(query, params).fetchone()[0]


def differences(actual: dict[str, list[str]], expected: dict[str, list[str]]) -> list[str]:
    """One line per table that differs: counts and a sample of the rows only one side has."""
    out = []
    for table in expected:
        a, e = actual.get(table, []), expected[table]
        if a != e:
            missing = sorted(set(e) - set(a))[:2]
            extra = sorted(set(a) - set(e))[:2]
            out.append(f"{table}: {len(a)} rows vs {len(e)} expected; missing {missing}; extra {extra}")
    return out
