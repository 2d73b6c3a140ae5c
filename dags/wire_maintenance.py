"""
### Wire maintenance

Daily upkeep of the warehouse, outside the ingestion path: forgets raw feed and item payloads older than
`PIPELINE_RAW_RETENTION_DAYS` (parsed documents and their facts stay). It used to run inside every
15-minute ingestion; once a day is enough for a retention counted in days.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import dag, task


@dag(
    dag_id="wire_maintenance",
    description="Daily upkeep: forget raw payloads past the retention period",
    schedule="@daily",
    start_date=datetime(2020, 1, 1),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["wire", "maintenance"],
    default_args={"owner": "wire-data", "retries": 2, "retry_delay": timedelta(minutes=5)},
)
def wire_maintenance():
    @task(doc_md="Forget raw payloads older than PIPELINE_RAW_RETENTION_DAYS (parsed documents stay).")
    def prune_raw_payloads() -> dict:
        from pipeline import jobs

        return jobs.prune_raw_payloads()

    prune_raw_payloads()


wire_maintenance()
