"""Settings read once from the environment, with defaults that work on a laptop."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

PROJECT_ROOT = Path(__file__).resolve().parent.parent


# The Airflow connection naming the warehouse; `AIRFLOW_CONN_PIPELINE_DB` is how Airflow passes it by environment.
WAREHOUSE_CONN_ID = "pipeline_db"


def _connection_url(value: str) -> str:
    """A libpq URL from an Airflow connection given as a URI (`postgres://…`) or as JSON."""
    value = value.strip()
    if not value.startswith("{"):
        scheme, _, rest = value.partition("://")
        return f"postgresql://{rest}" if scheme in ("postgres", "postgresql", "postgresql+psycopg") else value
    fields = json.loads(value)
    auth = fields.get("login") or ""
    if fields.get("password"):
        auth += f":{quote(str(fields['password']), safe='')}"
    host = fields.get("host") or ""
    port = f":{fields['port']}" if fields.get("port") else ""
    return f"postgresql://{auth}{'@' if auth else ''}{host}{port}/{fields.get('schema') or ''}"


def warehouse_url() -> str | None:
    """The warehouse as the Airflow connection `pipeline_db` names it, else DATABASE_URL, else None."""
    conn = os.environ.get(f"AIRFLOW_CONN_{WAREHOUSE_CONN_ID.upper()}")
    return _connection_url(conn) if conn else (os.environ.get("DATABASE_URL") or None)


def is_deployment() -> bool:
    """A deployment (compose, `make cluster`) says so; Celery workers always are one.

    There a missing warehouse is an error: an embedded server started inside a worker would keep the
    data of the tasks that happen to run there, and lose it with the container.
    """
    flag = os.environ.get("PIPELINE_DEPLOYMENT", "").strip().lower() in ("1", "true", "yes")
    return flag or os.environ.get("AIRFLOW__CORE__EXECUTOR", "").endswith("CeleryExecutor")


def _csv(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


@dataclass(frozen=True)
class Settings:
    database_url: str | None = field(default_factory=warehouse_url)
    deployment: bool = field(default_factory=is_deployment)
    data_dir: Path = field(
        default_factory=lambda: Path(os.environ.get("PIPELINE_DATA_DIR") or PROJECT_ROOT / ".pgdata")
    )
    # Name of the database the embedded server serves (DATABASE_URL names its own).
    embedded_database: str = "wire"
    sources_file: Path = field(default_factory=lambda: Path(
        os.environ.get("PIPELINE_SOURCES_FILE") or PROJECT_ROOT / "seeds" / "sources.json"))
    fetch_allow_hosts: tuple[str, ...] = field(
        default_factory=lambda: _csv(os.environ.get("PIPELINE_FETCH_ALLOW_HOSTS"))
    )
    # Raw feed payloads and item payloads older than this are forgotten (0 = keep forever).
    raw_retention_days: int = field(
        default_factory=lambda: int(os.environ.get("PIPELINE_RAW_RETENTION_DAYS", 90))
    )
    # Documents per mapped extraction task, and per transaction inside it (a retry redoes at most one).
    extract_chunk: int = field(default_factory=lambda: int(os.environ.get("PIPELINE_EXTRACT_CHUNK", 250)))
    extract_commit: int = field(default_factory=lambda: int(os.environ.get("PIPELINE_EXTRACT_COMMIT", 50)))
    fetch_max_bytes: int = field(
        default_factory=lambda: int(os.environ.get("PIPELINE_FETCH_MAX_BYTES", 5 * 1024 * 1024))
    )


def get_settings() -> Settings:
    return Settings()
