"""Airflow assets shared by the DAG files (kept apart so DAG files import nothing heavy)."""

from airflow.sdk import Asset

# Updated by each ingestion run that loaded facts; its events carry {"batch_id": …} for the checks DAG.
WIRE_FACTS = Asset(name="wire_facts", uri="pipeline://warehouse/facts")
