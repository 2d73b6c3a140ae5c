"""Event-driven ingestion: one cheap poll loop per source in Airflow's triggerer, firing when the feed changed.

Each enabled source of seeds/sources.json becomes an Airflow asset watched by a `FeedChangeTrigger`
(an `AssetWatcher` with a `BaseEventTrigger`, Airflow 3's event-driven scheduling). The trigger asks the feed
every `interval` seconds with a conditional GET (ETag / Last-Modified; a local file by its modification
time), and yields an event only when the feed changed; the `wire_ingest_on_change` DAG then ingests the
sources named by the events. Nothing changed, no event, no run. A failing source waits longer and longer
(doubling up to `max_backoff`) in its own coroutine, so it never delays the others.

This module is imported by a DAG file at parse time: it imports only the standard library and Airflow's
trigger and asset classes at the top; the fetcher and the database are imported inside the trigger's run.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from airflow.triggers.base import BaseEventTrigger, TriggerEvent

from pipeline.config import get_settings

DEFAULT_INTERVAL_S = 60.0
MAX_BACKOFF_S = 900.0
_INTERVAL = re.compile(r"^\s*(?:@every\s+)?(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?)?\s*$",
                       re.IGNORECASE)
_UNIT_S = {"s": 1, "m": 60, "h": 3600}


def poll_interval(schedule: str | None) -> float:
    """Seconds between polls from a source's `schedule`: "30s", "2m", "@every 90s", "45" (seconds).

    A cron expression (or nothing) means the default, 60 s: cron times the safety-net DAG, not the poll.
    """
    match = _INTERVAL.match(schedule or "")
    if not match:
        return DEFAULT_INTERVAL_S
    value, unit = float(match[1]), (match[2] or "s")[0].lower()
    return max(1.0, value * _UNIT_S[unit])


class FeedChangeTrigger(BaseEventTrigger):
    """Poll one feed; yield an event each time its content changes (never when it did not)."""

    def __init__(self, source: str, location: str, interval: float = DEFAULT_INTERVAL_S,
                 max_backoff: float = MAX_BACKOFF_S, conn_id: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source = source
        self.location = location
        self.interval = interval
        self.max_backoff = max_backoff
        self.conn_id = conn_id
        # What the last poll saw: validators for the next conditional GET, and a digest of the body for
        # servers that ignore validators (a 200 with the same bytes is not a change).
        self.etag: str | None = None
        self.last_modified: str | None = None
        self.digest: str | None = None
        self.failures = 0

    def serialize(self) -> tuple[str, dict[str, Any]]:
        return ("pipeline.watch.FeedChangeTrigger",
                {"source": self.source, "location": self.location, "interval": self.interval,
                 "max_backoff": self.max_backoff, "conn_id": self.conn_id})

    async def run(self) -> AsyncIterator[TriggerEvent]:
        # Start from what was last ingested: a feed unchanged since then is not news.
        self.etag, self.last_modified = await asyncio.to_thread(_stored_validators, self.source)
        while True:
            event = await self.poll()
            if event is not None:
                yield event
            await asyncio.sleep(self.next_wait())

    async def poll(self) -> TriggerEvent | None:
        """One conditional GET; the event when the feed changed, else None (failures are counted)."""
        result = await asyncio.to_thread(_fetch, self.location, self.etag, self.last_modified, self.conn_id)
        if result.status == "error":
            self.failures += 1
            self.log.warning("poll of %s failed (%d in a row): %s", self.source, self.failures, result.error)
            return None
        self.failures = 0
        if result.status == "not_modified":
            return None
        self.etag, self.last_modified = result.etag, result.last_modified
        digest = hashlib.sha256(result.body or b"").hexdigest()
        if digest == self.digest:
            return None
        self.digest = digest
        return TriggerEvent({"source": self.source, "changed_at": datetime.now(UTC).isoformat(),
                             "etag": result.etag, "last_modified": result.last_modified,
                             "bytes": len(result.body or b"")})

    def next_wait(self) -> float:
        """The interval, doubled per consecutive failure up to max_backoff."""
        if not self.failures:
            return self.interval
        return min(self.max_backoff, self.interval * 2 ** min(self.failures, 16))


def _fetch(location: str, etag: str | None, last_modified: str | None, conn_id: str | None):
    """One try of the pipeline's fetcher (SSRF guard, size cap, file or HTTP); the trigger does the backoff."""
    from pipeline.credentials import CredentialsError, auth_headers
    from pipeline.fetch import FetchResult, FetchSettings, fetch
    from pipeline.jobs import resolve_location

    try:
        headers = auth_headers(conn_id)
    except CredentialsError as exc:
        return FetchResult(location, "error", error=str(exc), attempts=0)
    settings = FetchSettings(max_attempts=1, total_timeout_s=30.0, extra_headers=headers)
    return fetch(resolve_location(location), etag=etag, last_modified=last_modified, settings=settings)


def _stored_validators(source: str) -> tuple[str | None, str | None]:
    """ETag and Last-Modified of the source's last stored fetch; none when unknown or the database is away."""
    from pipeline import db, load

    try:
        with db.connect() as conn:
            row = conn.execute("SELECT id FROM sources WHERE name = %s", (source,)).fetchone()
            return load.last_validators(conn, row[0]) if row else (None, None)
    except Exception:  # noqa: BLE001 - no baseline only means the first poll fires once
        return None, None


# --- for the DAG file (parse time: a JSON file, no database) ----------------------------------------------

def watched_sources(path: Path | None = None) -> list[dict]:
    """Enabled sources of the versioned sources file (PIPELINE_SOURCES_FILE, else seeds/sources.json),
    unless PIPELINE_WATCH_SOURCES=0 turns watching off."""
    path = path or get_settings().sources_file
    if os.environ.get("PIPELINE_WATCH_SOURCES", "1").strip().lower() in ("0", "false", "no", "off"):
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [e for e in entries if e.get("enabled", True) and e.get("name") and e.get("location")]


def source_assets(path: Path | None = None) -> list:
    """One asset per watched source, each with its FeedChangeTrigger in an AssetWatcher."""
    from airflow.sdk import Asset, AssetWatcher

    assets = []
    for entry in watched_sources(path):
        name = entry["name"]
        trigger = FeedChangeTrigger(source=name, location=entry["location"],
                                    interval=poll_interval(entry.get("schedule")), conn_id=entry.get("conn_id"))
        assets.append(Asset(name=f"wire_source_{name}", uri=f"pipeline://sources/{name}",
                            watchers=[AssetWatcher(name=f"poll_{name}", trigger=trigger)]))
    return assets


def changed_sources(triggering_asset_events: dict | None) -> list[str]:
    """Names of the sources the triggering asset events report as changed (sorted, once each)."""
    names = set()
    for events in (triggering_asset_events or {}).values():
        for event in events:
            payload = (event.extra or {}).get("payload")
            if isinstance(payload, dict) and payload.get("source"):
                names.add(payload["source"])
    return sorted(names)


def source_ids(names: list[str]) -> list[int]:
    """Ids of the enabled sources with these names (sources.json is synced by open_run first)."""
    from pipeline import db, load

    with db.connect() as conn:
        return [s.id for s in load.get_sources(conn) if s.name in set(names)]
