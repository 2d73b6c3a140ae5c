"""`pipeline run`: the ingestion run without Airflow's scheduler, with progress and a summary table."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline import jobs

PROGRESS_COLUMNS = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())


@dataclass
class RunSummary:
    batch_id: int
    fetched: list[dict] = field(default_factory=list)
    extracted: dict[str, int] = field(default_factory=dict)
    checks: list = field(default_factory=list)

    @property
    def nothing_read(self) -> bool:
        """Every source failed: no feed could be fetched and parsed."""
        return bool(self.fetched) and all(f["status"] == "error" for f in self.fetched)


def new_run_id() -> str:
    return "cli__" + datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def run_once(feeds: list[str] | None = None, run_id: str | None = None,
             console: Console | None = None) -> RunSummary:
    console = console or Console(stderr=True)
    handle = jobs.open_run(run_id or new_run_id(), feeds)
    summary = RunSummary(handle.batch_id)
    with Progress(*PROGRESS_COLUMNS, console=console, transient=True) as progress:
        task = progress.add_task("fetch and store", total=len(handle.source_ids))
        for source_id, name in zip(handle.source_ids, handle.source_names, strict=True):
            fetch_id = jobs.fetch_source(handle.batch_id, source_id)
            summary.fetched.append({"source": name, **jobs.store_fetched(handle.batch_id, fetch_id)})
            progress.advance(task)
        if summary.nothing_read:  # nothing new to extract or check: say why each feed failed, and stop
            progress.stop()
            console.print(render_summary(summary))
            return summary
        task = progress.add_task("extract and load", total=None)
        summary.extracted = jobs.extract_pending(handle.batch_id)
        progress.update(task, total=1, completed=1)
        task = progress.add_task("check", total=None)
        summary.checks = jobs.check(handle.batch_id)
        progress.update(task, total=1, completed=1)
    console.print(render_summary(summary))
    return summary


def render_summary(summary: RunSummary) -> Table:
    table = Table(title=f"batch {summary.batch_id}", show_header=True)
    table.add_column("stage")
    table.add_column("result")
    for f in summary.fetched:
        result = f"{f['status']}: {f['seen']} items, {f['new']} new"
        if f.get("rejected"):
            result += f", {f['rejected']} rejected (see `pipeline status`)"
        if f.get("error"):
            result += f" — {f['error']}"
        table.add_row(f["source"], result)
    table.add_row("extracted", ", ".join(f"{v} {k}" for k, v in summary.extracted.items()))
    failed = [r for r in summary.checks if not r.success]
    verdict = "all passed" if not failed else ", ".join(f"{r.rule} ({r.severity})" for r in failed) + " failed"
    table.add_row("checks", f"{len(summary.checks)} rules: {verdict}")
    return table
