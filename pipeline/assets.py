"""Airflow assets and pool names shared by the DAG files (kept apart so DAG files import nothing heavy)."""

from airflow.sdk import Asset

# Updated by each ingestion (or re-extraction) run that holds facts; its events carry {"batch_id": …} for
# the checks DAG.
WIRE_FACTS = Asset(name="wire_facts", uri="pipeline://warehouse/facts")

# Every extraction chunk (ingestion and re-extraction) runs in this pool: its slots bound how many spaCy
# processes the workers hold at once. Ingestion chunks outrank re-extraction chunks for each freed slot.
NLP_POOL = "nlp"
NLP_POOL_SLOTS = 2
INGEST_PRIORITY = 10
REEXTRACT_PRIORITY = 1

# The ingestion DAG's cron; a source's own `schedule` is compared with it (see jobs.enabled_sources).
INGEST_SCHEDULE = "*/15 * * * *"
