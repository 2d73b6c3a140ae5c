"""
### Wire ingestion

Fetches the wire sources due at this run, stores each item as a document version, extracts statements,
figures and events from the documents **this run stored**, and loads them into PostgreSQL.

`open_run` → `list_sources` → `fetch` (mapped per source) → `parse_and_store` (mapped per fetch) →
`plan_extraction` → `extract_chunk` (mapped per chunk of documents, pool **nlp**, with a timeout) →
`publish_facts`, which updates the asset **wire_facts** when the batch holds facts; that asset triggers the
**wire_checks** DAG. A run that extracted nothing publishes nothing and is not checked.

Each task calls one function of `pipeline.jobs`; all of them are idempotent, so clearing and rerunning a run
changes nothing (the batch belongs to the run's logical date). Chunks claim their documents row by row
(`FOR UPDATE SKIP LOCKED` on `document_claims`): two workers never extract the same document.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import dag, get_current_context, task

from pipeline.assets import INGEST_PRIORITY, INGEST_SCHEDULE, NLP_POOL, WIRE_FACTS


@dag(
    dag_id="wire_ingest",
    description="Fetch wire feeds, store items, extract statements, figures and events",
    schedule=INGEST_SCHEDULE,
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
    @task(doc_md="Load the configured sources, open the batch of this run's logical date (no migrations: "
                 "the deployment's init step applies them).")
    def open_run(dag_run=None, run_id: str | None = None) -> int:
        from pipeline import jobs

        # The batch belongs to the logical date, not to one attempt: clearing or re-testing the run for the
        # same date reuses it. Runs without a logical date fall back to their run id.
        logical = getattr(dag_run, "logical_date", None)
        return jobs.open_run(f"wire_ingest__{logical.isoformat()}" if logical else run_id, migrate=False).batch_id

    @task(doc_md="The enabled sources due now (each source's `schedule`); one `fetch` is mapped over each.")
    def list_sources(batch_id: int, dag_run=None) -> list[int]:
        from pipeline import jobs

        # A scheduled run takes the sources whose schedule fired since the previous tick; a manual run, all.
        scheduled = getattr(dag_run, "run_type", None) == "scheduled"
        return jobs.enabled_sources(dag_run.logical_date if scheduled else None, INGEST_SCHEDULE)

    @task(doc_md="Fetch one source (conditional GET, size cap, SSRF guard); record the attempt.")
    def fetch(batch_id: int, source_id: int) -> int:
        from pipeline import jobs

        return jobs.fetch_source(batch_id, source_id)

    @task(doc_md="Parse the fetched payload (in the source's declared format) and store new documents.")
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
    fetched = fetch.partial(batch_id=batch_id).expand(source_id=list_sources(batch_id))
    stored = parse_and_store.partial(batch_id=batch_id).expand(fetch_id=fetched)
    chunks = extract_chunk.partial(batch_id=batch_id).expand(document_ids=plan_extraction(batch_id, stored))
    publish_facts(batch_id, chunks)  # the raw-payload prune runs daily in wire_maintenance


wire_ingest()
