"""
### Wire ingestion on change

Event-driven ingestion: each enabled source is an asset watched in the triggerer by a `FeedChangeTrigger`
(`pipeline.watch`), which polls it cheaply (conditional GET, every `schedule` interval, 60 s by default) and
fires only when the feed changed. A run ingests exactly the sources its asset events name:

`open_run` → `changed_sources` → `fetch` (one mapped task per changed source) → `parse_and_store` →
`plan_extraction` → `extract_chunk` (mapped, pool **nlp**) → `publish_facts`, which updates **wire_facts** and so
triggers **wire_checks**, as `wire_ingest` does.
`wire_ingest` keeps running on its cron as the safety net. `PIPELINE_WATCH_SOURCES=0` turns the watchers off.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import AssetAny, dag, get_current_context, task

from pipeline.assets import INGEST_PRIORITY, NLP_POOL, WIRE_FACTS
from pipeline.watch import source_assets

SOURCES = source_assets()  # reads seeds/sources.json only: no database at parse time


@dag(
    dag_id="wire_ingest_on_change",
    description="Ingest a source as soon as its watcher sees the feed change",
    schedule=AssetAny(*SOURCES) if SOURCES else None,
    start_date=datetime(2020, 1, 1),
    catchup=False,
    max_active_runs=1,  # changes seen during a run queue up and are ingested by the next one
    doc_md=__doc__,
    tags=["wire", "ingest"],
    default_args={
        "owner": "wire-data",
        "retries": 2,
        "retry_delay": timedelta(seconds=10),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=2),
    },
)
def wire_ingest_on_change():
    @task(doc_md="Load the configured sources, open this run's batch (migrations: the deployment's init step).")
    def open_run(run_id: str | None = None) -> int:
        from pipeline import jobs

        return jobs.open_run(run_id, migrate=False).batch_id

    @task(doc_md="The sources the triggering asset events report as changed.")
    def changed_sources(batch_id: int, triggering_asset_events=None) -> list[int]:
        from pipeline import watch

        return watch.source_ids(watch.changed_sources(triggering_asset_events))

    @task(doc_md="Fetch one source (conditional GET, size cap, SSRF guard); record the attempt.")
    def fetch(batch_id: int, source_id: int) -> int:
        from pipeline import jobs

        return jobs.fetch_source(batch_id, source_id)

    @task(doc_md="Parse the fetched payload and store new documents (source, guid, version).")
    def parse_and_store(batch_id: int, fetch_id: int) -> dict:
        from pipeline import jobs

        return jobs.store_fetched(batch_id, fetch_id)

    @task(doc_md="Split the documents this batch stored and has not extracted yet into chunks of ids.")
    def plan_extraction(batch_id: int, stored: list[dict]) -> list[list[int]]:
        from pipeline import jobs

        return jobs.plan_extraction(batch_id)

    @task(doc_md="Extract statements, figures and events from one chunk of documents and load them.",
          pool=NLP_POOL, priority_weight=INGEST_PRIORITY, weight_rule="absolute",
          execution_timeout=timedelta(minutes=20), map_index_template="{{ chunk_label }}")
    def extract_chunk(batch_id: int, document_ids: list[int]) -> dict:
        from pipeline import jobs

        get_current_context()["chunk_label"] = f"documents {document_ids[0]}–{document_ids[-1]}"
        return jobs.extract_documents(batch_id, document_ids)

    @task(outlets=[WIRE_FACTS], trigger_rule="none_failed",
          doc_md="Announce the batch's facts to the checks DAG (asset event); skipped when it holds none.")
    def publish_facts(batch_id: int, chunks: list[dict], outlet_events=None) -> dict:
        from airflow.sdk.exceptions import AirflowSkipException

        from pipeline import jobs

        if not jobs.batch_has_facts(batch_id):
            raise AirflowSkipException(f"batch {batch_id} extracted nothing: no asset event, nothing to check")
        counts = jobs.batch_counts(batch_id)
        if outlet_events is not None:
            outlet_events[WIRE_FACTS].extra = {"batch_id": batch_id, **counts}
        return counts

    batch_id = open_run()
    fetched = fetch.partial(batch_id=batch_id).expand(source_id=changed_sources(batch_id))
    stored = parse_and_store.partial(batch_id=batch_id).expand(fetch_id=fetched)
    chunks = extract_chunk.partial(batch_id=batch_id).expand(document_ids=plan_extraction(batch_id, stored))
    publish_facts(batch_id, chunks)

wire_ingest_on_change()
