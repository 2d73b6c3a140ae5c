#!/usr/bin/env bash
# Runs once when the PostgreSQL volume is created: the pipeline's warehouse, separate from Airflow's metadata.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE wire LOGIN PASSWORD '${WIRE_DB_PASSWORD}';
CREATE DATABASE wire OWNER wire;
SQL
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname wire -c "CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm;"
