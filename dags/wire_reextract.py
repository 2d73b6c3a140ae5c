"""
### Wire re-extraction and backfill

Extracts stored documents again with the installed extractor and replaces their facts; documents are
untouched. Trigger it from the UI's form (**Trigger** ▸ parameters):

- **extractor_version**: whose facts to redo: `outdated` (any version but the installed one, after an
  upgrade), `all` (every extracted document: a backfill), or one version name;
- **published_from** / **published_to**: publication days (UTC, inclusive), empty for no bound;
- **sources**: source names, empty for every source.

`open_batch` → `plan_reextraction` → `extract_chunk` (mapped per chunk, pool **nlp**, with a timeout) →
`publish_facts` (asset **wire_facts**, so the checks DAG validates the re-extraction batch). Each chunk is one
mapped task instance: the grid shows how far it went. Chunks share the `nlp` pool with ingestion at a lower
priority, and this DAG runs apart from `wire_ingest`, so it never holds ingestion back.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import Param, dag, get_current_context, task

from pipeline.assets import NLP_POOL, REEXTRACT_PRIORITY, WIRE_FACTS


@dag(
    dag_id="wire_reextract",
    description="Re-extract stored documents (after an extractor upgrade, or a backfill) in mapped chunks",
    schedule=None,
    start_date=datetime(2020, 1, 1),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["wire", "reextract"],
    params={
        "extractor_version": Param(
            "outdated", type="string", minLength=1, title="Extractor version",
            description="Whose facts to redo: 'outdated' (not the installed version), 'all', or a version name.",
        ),
        "published_from": Param(None, type=["null", "string"], format="date", title="Published from",
                                description="First publication day (UTC), empty for no bound."),
        "published_to": Param(None, type=["null", "string"], format="date", title="Published to",
                              description="Last publication day (UTC, inclusive), empty for no bound."),
        # Nullable: the trigger form marks a plain array required, and "every source" is the common case.
        "sources": Param(None, type=["null", "array"], items={"type": "string"}, title="Sources",
                         description="Source names, one per line; empty for every source."),
    },
    default_args={"owner": "wire-data", "retries": 2, "retry_delay": timedelta(seconds=20)},
)
def wire_reextract():
    @task(doc_md="Open the re-extraction batch of this run (its facts and its verdict).")
    def open_batch(run_id: str | None = None) -> int:
        from pipeline import jobs

        return jobs.open_run(f"reextract__{run_id}", feeds=[], migrate=False).batch_id

    @task(doc_md="The documents the parameters select and this batch has not redone yet, in chunks of ids.")
    def plan_reextraction(batch_id: int, params=None) -> list[list[int]]:
        from airflow.sdk.exceptions import AirflowFailException

        from pipeline import jobs

        try:
            return jobs.plan_reextraction_from(batch_id, params or {})
        except ValueError as exc:
            raise AirflowFailException(str(exc)) from None

    @task(doc_md="Extract one chunk of documents again and replace their facts.",
          pool=NLP_POOL, priority_weight=REEXTRACT_PRIORITY, weight_rule="absolute",
          execution_timeout=timedelta(minutes=20), map_index_template="{{ chunk_label }}")
    def extract_chunk(batch_id: int, document_ids: list[int]) -> dict:
        from pipeline import jobs

        get_current_context()["chunk_label"] = f"documents {document_ids[0]}–{document_ids[-1]}"
        return jobs.extract_documents(batch_id, document_ids, replace=True)

    @task(outlets=[WIRE_FACTS], trigger_rule="none_failed",
          doc_md="Announce the batch's facts to the checks DAG; skipped when nothing was re-extracted.")
    def publish_facts(batch_id: int, chunks: list[dict], outlet_events=None) -> dict:
        from airflow.sdk.exceptions import AirflowSkipException

        from pipeline import jobs

        if not jobs.batch_has_facts(batch_id):
            raise AirflowSkipException(f"batch {batch_id} re-extracted nothing: nothing to check")
        counts = jobs.batch_counts(batch_id)
        if outlet_events is not None:
            outlet_events[WIRE_FACTS].extra = {"batch_id": batch_id, **counts}
        return counts

    batch_id = open_batch()
    chunks = extract_chunk.partial(batch_id=batch_id).expand(document_ids=plan_reextraction(batch_id))
    publish_facts(batch_id, chunks)


wire_reextract()
