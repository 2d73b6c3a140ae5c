"""What landed: table counts, one document's statements and figures, and the latest quality verdict."""

from __future__ import annotations

import psycopg
from rich.console import Console
from rich.table import Table

COUNTED = ("sources", "fetches", "documents", "statements", "figures", "events", "dq_results")


def _interval(low: float | None, high: float | None) -> str:
    def fmt(v: float | None) -> str:
        return "…" if v is None else f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"

    return f"{fmt(low)} – {fmt(high)}"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def print_summary(conn: psycopg.Connection, document_guid: str | None, console: Console) -> None:
    counts = Table(title="Rows stored")
    counts.add_column("table")
    counts.add_column("rows", justify="right")
    for table in COUNTED:
        counts.add_row(table, str(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]))
    console.print(counts)

    if document_guid:
        row = conn.execute(
            "SELECT document_id, title FROM (SELECT id AS document_id, title, guid FROM published_documents) d"
            " WHERE guid = %s", (document_guid,),
        ).fetchone()
        if row is None:
            console.print(f"[yellow]no published document with guid {document_guid}[/yellow]")
        else:
            _print_document(conn, row[0], row[1], console)

    verdict = Table(title="Data quality, latest batch")
    for col in ("rule", "severity", "verdict", "unexpected rows"):
        verdict.add_column(col)
    rows = conn.execute(
        "SELECT rule, severity, success, unexpected FROM dq_verdicts"
        " WHERE batch_id = (SELECT max(batch_id) FROM dq_runs) ORDER BY rule"
    ).fetchall()
    for rule, severity, success, unexpected in rows:
        verdict.add_row(rule, severity, "[green]pass[/green]" if success else "[red]FAIL[/red]",
                        ", ".join(map(str, unexpected)) or "-")
    console.print(verdict)


def _print_document(conn: psycopg.Connection, document_id: int, title: str, console: Console) -> None:
    statements = Table(title=f"Statements — {title}", show_lines=True)
    for col in ("speaker", "kind", "verb", "quote"):
        statements.add_column(col)
    for speaker, kind, verb, quote in conn.execute(
        "SELECT speaker, kind, verb, quote FROM statements_view WHERE document_id = %s ORDER BY start_char",
        (document_id,),
    ):
        statements.add_row(speaker or "(unattributed)", kind, verb or "", _shorten(quote, 76))
    console.print(statements)

    figures = Table(title=f"Figures — {title}")
    for col in ("text", "interval", "unit", "qualifier", "place", "part of"):
        figures.add_column(col)
    for text, low, high, unit, qualifier, place, part_of in conn.execute(
        "SELECT text, low, high, unit, qualifier, place, part_of FROM figures_view"
        " WHERE document_id = %s ORDER BY start_char",
        (document_id,),
    ):
        figures.add_row(text, _interval(low, high), unit or "", qualifier, place or "", part_of or "")
    console.print(figures)
