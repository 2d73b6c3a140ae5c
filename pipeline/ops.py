"""Operations from the command line: status of sources and checks, re-extraction and backfill with progress.

Presentation only: the steps themselves are `pipeline.jobs` functions (this module imports jobs, never the
reverse).
"""

from __future__ import annotations

from datetime import date

import psycopg
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from pipeline import jobs
from pipeline.runner import PROGRESS_COLUMNS, new_run_id


def print_status(conn: psycopg.Connection, console: Console) -> bool:
    """Last fetch per source, row counts and the latest verdicts; return whether an error rule is failing."""
    sources = Table(title="Sources, last fetch")
    for col in ("source", "when (UTC)", "status", "items", "new", "rejected", "error"):
        sources.add_column(col)
    for name, when, status, seen, new, rejected, error in conn.execute(
        """SELECT s.name, f.finished_at, f.status, f.items_seen, f.items_new, f.items_rejected, f.error
           FROM sources s LEFT JOIN LATERAL (
               SELECT * FROM fetches f WHERE f.source_id = s.id ORDER BY f.id DESC LIMIT 1) f ON true
           ORDER BY s.name"""
    ):
        sources.add_row(name, f"{when:%Y-%m-%d %H:%M}" if when else "never", status or "-",
                        str(seen if seen is not None else "-"), str(new if new is not None else "-"),
                        str(rejected if rejected is not None else "-"), (error or "")[:60])
    console.print(sources)
    print_rejected(conn, console)

    counts = Table(title="Rows")
    for col in ("documents", "statements", "figures", "events", "batches"):
        counts.add_column(col, justify="right")
    counts.add_row(*(str(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                     for t in ("documents", "statements", "figures", "events", "ingest_batches")))
    console.print(counts)

    failing = conn.execute(
        """SELECT batch_id, rule, severity, cardinality(unexpected) FROM dq_verdicts
           WHERE NOT success AND batch_id = (SELECT max(batch_id) FROM dq_runs) ORDER BY severity, rule"""
    ).fetchall()
    if not failing:
        console.print("checks: latest batch passed every rule" if conn.execute(
            "SELECT 1 FROM dq_runs LIMIT 1").fetchone() else "checks: nothing checked yet")
        return False
    table = Table(title="Failing checks, latest batch")
    for col in ("batch", "rule", "severity", "rows"):
        table.add_column(col)
    for batch, rule, severity, n in failing:
        table.add_row(str(batch), rule, severity, str(n))
    console.print(table)
    return any(severity == "error" for _, _, severity, _ in failing)


def print_rejected(conn: psycopg.Connection, console: Console, limit: int = 20) -> int:
    """The latest items set aside because they could not be stored; return how many there are in all."""
    total = conn.execute("SELECT count(*) FROM rejected_items").fetchone()[0]
    if not total:
        return 0
    table = Table(title=f"Rejected items (latest {min(limit, total)} of {total}; raw bytes in rejected_items)")
    for col in ("when (UTC)", "source", "fetch", "guid", "reason", "bytes"):
        table.add_column(col)
    for when, source, fetch_id, guid, reason, size in conn.execute(
        """SELECT r.rejected_at, s.name, r.fetch_id, r.guid, r.reason, octet_length(r.raw)
           FROM rejected_items r JOIN sources s ON s.id = r.source_id ORDER BY r.id DESC LIMIT %s""",
        (limit,),
    ):
        table.add_row(f"{when:%Y-%m-%d %H:%M}", source, str(fetch_id), (guid or "-")[:40], reason[:80],
                      str(size if size is not None else "-"))
    console.print(table)
    return total


def _finish(batch_id: int, counts: dict[str, int], console: Console, title: str) -> list:
    results = jobs.check(batch_id) if counts["documents"] else []
    table = Table(title=f"{title} — batch {batch_id}")
    table.add_column("what")
    table.add_column("result")
    table.add_row("extracted", ", ".join(f"{v} {k}" for k, v in counts.items()))
    failed = [r.rule for r in results if not r.success]
    table.add_row("checks", "not run (nothing extracted)" if not results
                  else f"{len(results)} rules, " + (f"failed: {', '.join(failed)}" if failed else "all passed"))
    console.print(table)
    return results


def reextract(console: Console) -> list:
    """Extract again every document whose facts an older extractor version made, replacing them."""
    from pipeline.extract import EXTRACTOR_VERSION

    handle = jobs.open_run(new_run_id().replace("cli__", "reextract__"))
    with Progress(*PROGRESS_COLUMNS, console=console, transient=True) as progress:
        task = progress.add_task(f"re-extract with {EXTRACTOR_VERSION}", total=jobs.count_outdated())
        counts = jobs.reextract_outdated(handle.batch_id, progress=lambda n: progress.advance(task, n))
    return _finish(handle.batch_id, counts, console, f"re-extraction ({EXTRACTOR_VERSION})")


def backfill(start: date, end: date, console: Console) -> list:
    """Reprocess the documents published start..end: extract again, replace their facts, check the batch."""
    handle = jobs.open_run(f"backfill__{start}__{end}__{new_run_id()[5:]}")
    with Progress(*PROGRESS_COLUMNS, console=console, transient=True) as progress:
        task = progress.add_task(f"backfill {start} … {end}", total=jobs.count_published_between(start, end))
        counts = jobs.reextract_between(handle.batch_id, start, end, progress=lambda n: progress.advance(task, n))
    return _finish(handle.batch_id, counts, console, f"backfill {start} … {end}")
