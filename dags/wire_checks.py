"""
### Wire checks

Validates ingestion batches with Great Expectations and stores the verdicts in `dq_runs` / `dq_results`.
Triggered by the asset **wire_facts** that `wire_ingest` and `wire_reextract` update; the asset events name
the batches. A run without events (a manual trigger) checks every batch that has no verdict yet; a batch
that extracted nothing is never checked.

A failed `error` rule fails its `check` task at once, without retries (the data is wrong; a retry cannot
help), with a message naming the rule and the offending rows; the batch's facts stay stored and flagged.
`warn` rules are stored and published with a flag. `build_data_docs` then renders the Data Docs site once
for the whole run.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import dag, task

from pipeline.assets import WIRE_FACTS


@dag(
    dag_id="wire_checks",
    description="Validate each ingestion batch with Great Expectations; block batches failing error rules",
    schedule=[WIRE_FACTS],
    start_date=datetime(2020, 1, 1),
    catchup=False,
    doc_md=__doc__,
    tags=["wire", "quality"],
    default_args={"owner": "wire-data", "retries": 1, "retry_delay": timedelta(seconds=30)},
)
def wire_checks():
    @task(doc_md="Batches named by the triggering asset events, else every batch not checked yet; only "
                 "batches that extracted something.")
    def batches_to_check(triggering_asset_events=None) -> list[int]:
        from pipeline import jobs

        named = [
            int(event.extra["batch_id"])
            for events in (triggering_asset_events or {}).values()
            for event in events
            if "batch_id" in (event.extra or {})
        ]
        return jobs.batches_to_check(named)

    @task(doc_md="Validate one batch; a failed `error` rule fails the task without retry, naming the rule "
                 "and the offending rows.")
    def check(batch_id: int) -> list[dict]:
        from airflow.sdk.exceptions import AirflowFailException

        from pipeline import jobs

        try:
            return jobs.check_or_fail(batch_id)
        except jobs.ChecksFailed as exc:
            raise AirflowFailException(str(exc)) from None

    @task(trigger_rule="all_done", doc_md="Render the Data Docs site once from every stored validation.")
    def build_data_docs(checked: list) -> str:
        from pipeline import jobs

        return jobs.build_docs()

    build_data_docs(check.expand(batch_id=batches_to_check()))


wire_checks()
