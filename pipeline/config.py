"""Settings read once from the environment, with defaults that work on a laptop."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _csv(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


@dataclass(frozen=True)
class Settings:
    database_url: str | None = field(default_factory=lambda: os.environ.get("DATABASE_URL") or None)
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
    fetch_max_bytes: int = field(
        default_factory=lambda: int(os.environ.get("PIPELINE_FETCH_MAX_BYTES", 5 * 1024 * 1024))
    )


def get_settings() -> Settings:
    return Settings()
