"""Data-quality stage: validate one ingestion batch (figures, statements, events, documents) with Great
Expectations and store the verdict.

`check_batch` runs the suites of `pipeline.quality.rules` through one GX checkpoint (see `gx_suite`) and
replaces the batch's dq_runs rows (one per suite) and their dq_results in one transaction; the views
batch_status and quarantine (sql/006) turn them into the publication policy. Importing this package does
not import GX.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from pipeline.db import DatabaseError, connect
from pipeline.quality.rules import RULES, SUITE, SUITES

__all__ = ["QualityError", "RuleResult", "build_docs", "check_batch", "docs_index", "latest_batch", "RULES",
           "SUITE", "SUITES"]

# Offending rows kept in dq_results.details per rule (ids are all kept in `unexpected`).
_MAX_DETAILS = 50


class QualityError(Exception):
    """The batch cannot be checked (unknown batch, unreachable database, GX failure); one clear line."""


@dataclass
class RuleResult:
    batch: int
    rule: str
    severity: str  # "error" | "warn"
    success: bool
    observed: Any  # number of offending rows, or the rows of the rule's informational query
    unexpected: list[int] = field(default_factory=list)  # their ids (GX returns at most 200 per expectation)
    details: list[dict[str, Any]] = field(default_factory=list)  # the offending rows as GX reported them

    def to_json(self) -> dict:
        """The `pipeline check` contract shape (plus `details`)."""
        return {
            "batch": self.batch, "rule": self.rule, "severity": self.severity, "success": self.success,
            "observed": self.observed, "unexpected": self.unexpected, "details": self.details,
        }


def latest_batch(conn: psycopg.Connection) -> int | None:
    """The most recent ingestion batch id, or None when nothing was ingested yet."""
    row = conn.execute("SELECT max(id) FROM ingest_batches").fetchone()
    return None if row is None or row[0] is None else int(row[0])


def _jsonable(value: Any) -> Any:
    """GX rows hold Decimal, numpy scalars or non-finite doubles; make them plain JSON (NaN -> "NaN")."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if hasattr(value, "__float__"):
        number = float(value)
        return number if math.isfinite(number) else str(number)
    return str(value)


def _observed_rows(conn: psycopg.Connection, query: str, batch_id: int) -> list[dict[str, Any]]:
    with conn.cursor() as cur:
        cur.execute(query, {"batch": batch_id})
        names = [c.name for c in cur.description or []]
        return [_jsonable(dict(zip(names, row, strict=True))) for row in cur.fetchall()]


def _rule_results(conn: psycopg.Connection, batch_id: int, outcome) -> list[RuleResult]:
    by_rule: dict[str, list] = {}
    for check in outcome.checks:
        by_rule.setdefault(check.rule, []).append(check)
    results = []
    for rule in RULES:
        checks = by_rule.get(rule.name, [])
        ids = sorted({i for c in checks for i in c.unexpected_ids})
        details = [row for c in checks for row in c.details][:_MAX_DETAILS]
        # a row failing two checks of a rule counts once; GX lists at most 200 ids per check, its
        # counts are exact, so the larger figure is the better lower bound
        observed: Any = max([len(ids), *(c.unexpected_count for c in checks)])
        if rule.observed_query is not None:
            observed = _observed_rows(conn, rule.observed_query, batch_id)
        results.append(RuleResult(
            batch=batch_id, rule=rule.name, severity=rule.severity,
            success=all(c.success for c in checks),
            observed=observed, unexpected=ids, details=_jsonable(details),
        ))
    conn.commit()
    return results


def _store(conn: psycopg.Connection, batch_id: int, results: list[RuleResult], gx_version: str,
           started_at) -> None:
    suite_of = {rule.name: rule.suite for rule in RULES}
    with conn.transaction():
        for suite in SUITES:
            mine = [r for r in results if suite_of[r.rule] == suite]
            if not mine:
                continue
            success = not any(r.severity == "error" and not r.success for r in mine)
            # ON CONFLICT keeps the run's id stable across reruns; its old results are then replaced.
            (run_id,) = conn.execute(
                "INSERT INTO dq_runs (batch_id, suite, success, gx_version, started_at, finished_at)"
                " VALUES (%s, %s, %s, %s, %s, now())"
                " ON CONFLICT (batch_id, suite) DO UPDATE SET success = EXCLUDED.success,"
                " gx_version = EXCLUDED.gx_version, started_at = EXCLUDED.started_at, finished_at = now()"
                " RETURNING id",
                (batch_id, suite, success, gx_version, started_at),
            ).fetchone()
            conn.execute("DELETE FROM dq_results WHERE run_id = %s", (run_id,))
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO dq_results (run_id, rule, severity, success, observed, unexpected, details)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s)",
                    [(run_id, r.rule, r.severity, r.success, Jsonb(r.observed), r.unexpected,
                      Jsonb(r.details)) for r in mine],
                )


def docs_index(output_dir: Path | None = None) -> Path:
    """Where the Data Docs site's index.html is (built by every check, or by `build_docs`)."""
    from pipeline.quality.gx_suite import DOCS_SITE, UNCOMMITTED

    return (output_dir or UNCOMMITTED) / "data_docs" / DOCS_SITE / "index.html"


def build_docs(output_dir: Path | None = None) -> Path:
    """Rebuild the GX Data Docs site from the stored validation results; return its index.html.

    Serve it with `python -m http.server --directory <index's folder> 8765 --bind 127.0.0.1`.
    """
    from pipeline.quality.gx_suite import UNCOMMITTED, build_docs_site

    try:
        return build_docs_site(output_dir or UNCOMMITTED)
    except Exception as exc:  # GX wraps file and rendering errors in many types; one line for the CLI
        raise QualityError(f"building Data Docs failed: {_root_cause(exc)}") from exc


def _root_cause(exc: BaseException) -> str:
    """First line of the innermost cause (GX reports a driver error inside two or three wrappers)."""
    seen = {id(exc)}
    while (inner := exc.__cause__ or exc.__context__) is not None and id(inner) not in seen:
        seen.add(id(inner))
        exc = inner
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def check_batch(url: str, batch_id: int, *, build_docs: bool = True, output_dir: Path | None = None,
                update_docs: bool = True) -> list[RuleResult]:
    """Validate one ingestion batch, store the verdict in dq_runs (one row per suite)/dq_results, return it.

    With `build_docs`, GX also keeps the validation result and updates Data Docs under `output_dir`
    (default gx/uncommitted/: data_docs/local_site/index.html); with `update_docs` False the result is kept
    but the site is left for one `build_docs` after several checks (mapped checks would rewrite it at once).
    """
    try:
        with connect(url) as conn:
            exists = conn.execute("SELECT 1 FROM ingest_batches WHERE id = %s", (batch_id,)).fetchone()
            if not exists:
                raise QualityError(f"no ingestion batch {batch_id} in the database")
            conn.execute("SET jit = off")  # see gx_suite.SESSION_OPTIONS
            (started_at,) = conn.execute("SELECT now()").fetchone()
            conn.commit()
            from pipeline.quality.gx_suite import UNCOMMITTED, run_suite

            try:
                outcome = run_suite(url, batch_id, build_docs=build_docs,
                                    output_dir=output_dir or UNCOMMITTED, update_docs=update_docs)
            except Exception as exc:  # GX wraps driver errors in many types; one line for the CLI
                raise QualityError(f"data-quality check of batch {batch_id} failed: {_root_cause(exc)}") from exc
            results = _rule_results(conn, batch_id, outcome)
            _store(conn, batch_id, results, outcome.gx_version, started_at)
    except DatabaseError as exc:
        raise QualityError(str(exc)) from exc
    except psycopg.Error as exc:
        raise QualityError(f"data-quality check of batch {batch_id}: {str(exc).strip().splitlines()[0]}") from exc
    return results
