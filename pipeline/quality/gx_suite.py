"""Great Expectations plumbing: an ephemeral context, one query asset per table and ingestion batch, one
suite per table built from `pipeline.quality.rules`, one checkpoint over them that updates Data Docs.

Import cost: `great_expectations` takes seconds to import, so it is imported inside functions only.
"""

from __future__ import annotations

import logging
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.config import PROJECT_ROOT
from pipeline.quality.rules import RULES, SUITES, Rule

DOCS_SITE = "local_site"
# Git-ignored output of GX: validation results (JSON) and the Data Docs site built from them.
UNCOMMITTED = PROJECT_ROOT / "gx" / "uncommitted"
# The Data Docs index lists this many latest validations (the rest stay on disk): each index build
# reloads them, so the limit bounds the cost of a check.
DOCS_INDEX_LIMIT = 30

# The checks run many small queries whose cost estimates can cross PostgreSQL's JIT threshold on a big
# table; compiling them takes seconds and saves nothing.
SESSION_OPTIONS = "-c jit=off"

# GX severities of the rules' two levels ("critical" and "warning" are GX 1.x FailureSeverity values).
_GX_SEVERITY = {"error": "critical", "warn": "warning"}

# Only the columns the rules read, per suite (table); `id` names offending rows in map expectations.
_COLUMNS: dict[str, tuple[str, ...]] = {
    "figures": ("id", "document_id", "batch_id", "text", "value", "low", "high", "unit", "qualifier", "place",
                "part_of_id", "start_char", "end_char", "body_length"),
    "statements": ("id", "document_id", "batch_id", "speaker", "speaker_type", "speaker_id", "kind"),
    "events": ("id", "document_id", "batch_id", "type", "trigger", "event_date", "start_char", "end_char",
               "planned"),
    "documents": ("id", "source_id", "guid", "version", "status", "content_hash", "duplicate_of",
                  "published_at", "ingested_at", "batch_id"),
}


@dataclass
class CheckOutcome:
    """What GX said about one expectation of one rule."""

    rule: str
    success: bool
    unexpected_count: int
    unexpected_ids: list[int]
    details: list[dict[str, Any]]


@dataclass
class SuiteOutcome:
    success: bool
    checks: list[CheckOutcome]
    gx_version: str
    docs_index: Path | None
    seconds: float


def batch_query(batch_id: int, table: str = "figures") -> str:
    """The rows of one ingestion batch: a WHERE on batch_id, so PostgreSQL uses <table>_batch_idx."""
    return f"SELECT {', '.join(_COLUMNS[table])} FROM {table} WHERE batch_id = {int(batch_id)}"


def sqlalchemy_url(libpq: str) -> str:
    """A SQLAlchemy psycopg URL for GX from any libpq form: `postgresql://…` URI or `host=… dbname=…`."""
    from psycopg.conninfo import conninfo_to_dict
    from sqlalchemy.engine import URL

    info = {k: str(v) for k, v in conninfo_to_dict(libpq).items()}
    info["options"] = f"{info.get('options', '')} {SESSION_OPTIONS}".strip()
    port = info.pop("port", None)
    host = info.pop("host", None)
    if host and host.startswith("/"):  # a Unix-socket directory travels as a query parameter
        info["host"], host = host, None
    url = URL.create(
        "postgresql+psycopg", username=info.pop("user", None), password=info.pop("password", None),
        host=host, port=int(port) if port and port.isdigit() else None,
        database=info.pop("dbname", None), query=info,
    )
    return url.render_as_string(hide_password=False)


def _add_datasource(context, connection_string: str):
    from sqlalchemy.engine import make_url

    # GX's PostgreSQL source insists on host[:port]; a Unix-socket server goes through the generic SQL one.
    if make_url(connection_string).host:
        return context.data_sources.add_postgres(name="wire", connection_string=connection_string)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*more specific PostgresDatasource.*")
        return context.data_sources.add_sql(name="wire", connection_string=connection_string)


def _project_config(docs_dir: Path | None, validations_dir: Path | None):
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    sites = {}
    if docs_dir is not None:
        sites[DOCS_SITE] = {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder",
                                   "validation_results_limit": DOCS_INDEX_LIMIT},
        }
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        progress_bars=ProgressBarsConfig(globally=False),  # stdout belongs to the JSON lines of `pipeline check`
    )
    if validations_dir is not None:
        # Suites and checkpoints are rebuilt from code on every run; only results form a history.
        config.stores[config.validation_results_store_name]["store_backend"] = {
            "class_name": "TupleFilesystemStoreBackend", "base_directory": str(validations_dir),
        }
    config.data_docs_sites = sites
    config.analytics_enabled = False
    return config


def _expectation(rule: Rule, check_index: int):
    import great_expectations.expectations as gxe

    check = rule.checks[check_index]
    cls = getattr(gxe, check.expectation)
    return cls(
        **check.kwargs,
        severity=_GX_SEVERITY[rule.severity],
        meta={"rule": rule.name, "check": check_index},
        description=f"{rule.name} ({rule.severity}): {rule.description}",  # what Data Docs shows
    )


def build_suite(name: str = "figures"):
    """One table's expectation suite: every check of its rules, tagged with its rule in `meta`."""
    import great_expectations as gx

    suite = gx.ExpectationSuite(name=name)
    for rule in RULES:
        if rule.suite != name:
            continue
        for index in range(len(rule.checks)):
            suite.add_expectation(_expectation(rule, index))
    return suite


def build_docs_site(output_dir: Path = UNCOMMITTED) -> Path:
    """Rebuild the Data Docs site from the validation results stored under `output_dir`; return its index.

    Every check already updates the site (UpdateDataDocsAction); this rebuilds it after a clean-up or a
    change of renderer, and renders the current suites. No database is needed.
    """
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx

    docs_dir = output_dir / "data_docs" / DOCS_SITE
    context = gx.get_context(mode="ephemeral",
                             project_config=_project_config(docs_dir, output_dir / "validations"))
    for table in SUITES:
        if any(rule.suite == table and rule.checks for rule in RULES):
            context.suites.add(build_suite(table))
    context.build_data_docs(site_names=[DOCS_SITE])
    return docs_dir / "index.html"


def raised_exception(info: dict[str, Any] | None) -> str | None:
    """The first line of an error GX caught while evaluating an expectation, else None.

    GX reports it flat (`{"raised_exception": True, …}`) or, for query metrics, keyed by metric id; a
    query that fails must never pass as a plain failed (or passed) rule.
    """
    if not info:
        return None
    for entry in (info, *(v for v in info.values() if isinstance(v, dict))):
        if entry.get("raised_exception"):
            message = str(entry.get("exception_message") or "unknown GX error").strip()
            return message.splitlines()[0] if message else "unknown GX error"
    return None


def _ids(result: dict[str, Any]) -> tuple[int, list[int], list[dict[str, Any]]]:
    """Offending row count, ids and rows from one expectation result (map or unexpected-rows kind)."""
    body = result.get("result") or {}
    if "details" in body and "unexpected_rows" in (body.get("details") or {}):
        rows = [dict(row) for row in body["details"]["unexpected_rows"] or []]
        return int(body.get("observed_value") or 0), [int(r["id"]) for r in rows], rows
    rows = [dict(row) for row in body.get("unexpected_index_list") or []]
    return int(body.get("unexpected_count") or 0), [int(r["id"]) for r in rows], rows


def run_suite(libpq_url: str, batch_id: int, *, build_docs: bool = True,
              output_dir: Path = UNCOMMITTED, update_docs: bool = True) -> SuiteOutcome:
    """Validate the rows of one ingestion batch, table by table, with one GX checkpoint; one outcome per check."""
    started = time.perf_counter()
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx
    from great_expectations.checkpoint import UpdateDataDocsAction
    from great_expectations.core.run_identifier import RunIdentifier

    docs_dir = output_dir / "data_docs" / DOCS_SITE if build_docs else None
    validations_dir = output_dir / "validations" if build_docs else None
    context = gx.get_context(mode="ephemeral", project_config=_project_config(docs_dir, validations_dir))
    source = _add_datasource(context, sqlalchemy_url(libpq_url))
    validations = []
    for table in SUITES:
        if not any(rule.suite == table and rule.checks for rule in RULES):
            continue
        name = f"{table}_batch_{int(batch_id)}"
        asset = source.add_query_asset(name=name, query=batch_query(batch_id, table))
        batch_definition = asset.add_batch_definition_whole_table(name="ingestion_batch")
        suite = context.suites.add(build_suite(table))
        validations.append(context.validation_definitions.add(
            gx.ValidationDefinition(name=name, data=batch_definition, suite=suite)
        ))
    checkpoint = context.checkpoints.add(
        gx.Checkpoint(
            name="batch_checkpoint",
            validation_definitions=validations,
            # Without update_docs the result is only stored; the caller builds the site once (build_docs_site).
            actions=[UpdateDataDocsAction(name="update_data_docs", site_names=[DOCS_SITE])]
            if build_docs and update_docs else [],
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["id"]},
        )
    )
    result = checkpoint.run(run_id=RunIdentifier(run_name=f"batch_{int(batch_id)}"))
    checks = []
    for item in (item for suite_result in result.run_results.values() for item in suite_result.results):
        payload = item.to_json_dict()
        meta = payload["expectation_config"]["meta"]
        message = raised_exception(payload.get("exception_info"))
        if message is not None:
            raise RuntimeError(f"GX could not evaluate rule {meta['rule']}: {message}")
        count, ids, rows = _ids(payload)
        checks.append(CheckOutcome(meta["rule"], bool(payload["success"]), count, ids, rows))
    index = docs_dir / "index.html" if docs_dir is not None else None
    return SuiteOutcome(bool(result.success), checks, gx.__version__, index, time.perf_counter() - started)
