"""
### Wire ingestion

Fetches every enabled wire source, stores each item as a document version, extracts statements, figures and
events, loads them into PostgreSQL and validates the batch's figures with Great Expectations.

`open_run` → `list_sources` → `fetch` (one mapped task per source) → `parse_and_store` (per fetch) →
`extract_and_load`, which updates the asset **wire_facts**; that asset triggers the **wire_checks** DAG.

Each task calls one function of `pipeline.jobs`; all of them are idempotent, so clearing and rerunning a run
changes nothing (the batch belongs to the run's logical date).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import dag, task

from pipeline.assets import WIRE_FACTS


@dag(
    dag_id="wire_ingest",
    description="Fetch wire feeds, store items, extract statements, figures and events",
    schedule="*/15 * * * *",
    start_date=datetime(2020, 1, 1),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["wire", "ingest"],
    default_args={
        "owner": "wire-data",
        "retries": 2,
        "retry_delay": timedelta(seconds=20),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=5),
    },
)
def wire_ingest():
    @task(doc_md="Apply migrations, load the configured sources, open the batch of this run's logical date.")
    def open_run(dag_run=None, run_id: str | None = None) -> int:
        from pipeline import jobs

        # The batch belongs to the logical date, not to one attempt: clearing or re-testing the run for the
        # same date reuses it. Runs without a logical date fall back to their run id.
        logical = getattr(dag_run, "logical_date", None)
        return jobs.open_run(f"wire_ingest__{logical.isoformat()}" if logical else run_id).batch_id

    @task(doc_md="The enabled sources: one `fetch` task is mapped over each.")
    def list_sources(batch_id: int) -> list[int]:
        from pipeline import jobs

        return jobs.enabled_sources()

    @task(doc_md="Fetch one source (conditional GET, size cap, SSRF guard); record the attempt.")
    def fetch(batch_id: int, source_id: int) -> int:
        from pipeline import jobs

        return jobs.fetch_source(batch_id, source_id)

    @task(doc_md="Parse the fetched payload and store new documents (source, guid, version).")
    def parse_and_store(batch_id: int, fetch_id: int) -> dict:
        from pipeline import jobs

        return jobs.store_fetched(batch_id, fetch_id)

    @task(outlets=[WIRE_FACTS], doc_md="Extract statements, figures and events from pending documents; load them.")
    def extract_and_load(batch_id: int, stored: list[dict], outlet_events=None) -> dict:
        from pipeline import jobs

        counts = jobs.extract_pending(batch_id)
        if outlet_events is not None:
            outlet_events[WIRE_FACTS].extra = {"batch_id": batch_id, **counts}
        return counts

    batch_id = open_run()
    fetched = fetch.partial(batch_id=batch_id).expand(source_id=list_sources(batch_id))
    stored = parse_and_store.partial(batch_id=batch_id).expand(fetch_id=fetched)
    extract_and_load(batch_id, stored)  # the raw-payload prune runs daily in wire_maintenance


wire_ingest()
