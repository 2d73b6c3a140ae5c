"""Event-driven ingestion: the feed watcher fires on change and only then, backs off alone, and is wired as
Airflow 3 asset watchers (the trigger's own run() against a real HTTP server on 127.0.0.1)."""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pipeline import load
from pipeline.watch import FeedChangeTrigger, changed_sources, poll_interval

FEED = b"<rss version='2.0'><channel><title>t</title><item><guid>a</guid><title>A</title></item></channel></rss>"


@dataclass
class Feed:
    """What the server publishes, and what it was asked."""
    body: bytes = FEED
    validators: bool = True   # answer If-None-Match with 304
    status: int = 200         # 500: a broken source
    requests: list[str] = field(default_factory=list)  # "200" / "304" / "500" per request

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@contextmanager
def serve(feed: Feed) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if feed.status != 200:
                feed.requests.append(str(feed.status))
                self.send_error(feed.status)
                return
            if feed.validators and self.headers.get("If-None-Match") == feed.etag:
                feed.requests.append("304")
                self.send_response(304)
                self.end_headers()
                return
            feed.requests.append("200")
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            if feed.validators:
                self.send_header("ETag", feed.etag)
            self.send_header("Content-Length", str(len(feed.body)))
            self.end_headers()
            self.wfile.write(feed.body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    finally:
        server.shutdown()
        server.server_close()


async def _until(predicate, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)


@contextmanager
def consuming(trigger: FeedChangeTrigger, events: list) -> Iterator[None]:
    """Drive trigger.run() in a task, collecting the payloads of the events it yields."""
    async def consume() -> None:
        async for event in trigger.run():
            events.append(event.payload)

    task = asyncio.get_running_loop().create_task(consume())
    try:
        yield
    finally:
        task.cancel()


@pytest.mark.parametrize("validators", [True, False], ids=["etag", "server-ignores-validators"])
def test_trigger_fires_when_the_feed_changes_and_never_when_it_does_not(database_url, validators):
    feed = Feed(validators=validators)

    async def scenario() -> list:
        events: list = []
        with serve(feed) as url:
            trigger = FeedChangeTrigger(source="watch-test-unknown", location=url, interval=0.1)
            with consuming(trigger, events):
                await _until(lambda: len(events) == 1)  # nothing ingested yet: the first poll is news
                await _until(lambda: len(feed.requests) >= 8)
                assert len(events) == 1, "unchanged feed fired again"
                feed.body = FEED.replace(b"<guid>a</guid>", b"<guid>b</guid>")
                await _until(lambda: len(events) == 2)
                polled = len(feed.requests)
                await _until(lambda: len(feed.requests) >= polled + 8)
                assert len(events) == 2
        return events

    events = asyncio.run(scenario())
    assert [e["source"] for e in events] == ["watch-test-unknown"] * 2
    assert events[0]["bytes"] == len(FEED)
    if validators:
        assert events[1]["etag"] == feed.etag and events[0]["etag"] != events[1]["etag"]
        # Between changes the polls were conditional and cost a 304, not the feed.
        assert feed.requests.count("200") == 2 and feed.requests.count("304") >= 14


def test_a_feed_unchanged_since_its_last_ingestion_does_not_fire_on_start(conn):
    feed = Feed()
    with serve(feed) as url:
        source = load.upsert_source(conn, "watch-test-stored", url, enabled=False)
        batch = load.open_batch(conn, "watch-test-stored", "v")
        fetch_id = load.record_fetch(conn, batch, source, url, status="ok", payload=feed.body, etag=feed.etag)
        conn.execute("UPDATE fetches SET items_seen = 1, items_new = 1 WHERE id = %s", (fetch_id,))
        conn.commit()

        async def scenario() -> list:
            events: list = []
            trigger = FeedChangeTrigger(source="watch-test-stored", location=url, interval=0.1)
            with consuming(trigger, events):
                await _until(lambda: len(feed.requests) >= 5)
                assert events == []
                feed.body += b" "
                await _until(lambda: len(events) == 1)
            return events

        assert len(asyncio.run(scenario())) == 1
    assert feed.requests[:5] == ["304"] * 5


def test_a_failing_source_backs_off_without_holding_back_the_others(database_url):
    broken, healthy = Feed(status=500), Feed()

    async def scenario() -> tuple[list, FeedChangeTrigger]:
        events: list = []
        with serve(broken) as bad_url, serve(healthy) as good_url:
            bad = FeedChangeTrigger(source="watch-test-broken", location=bad_url, interval=0.1, max_backoff=5)
            good = FeedChangeTrigger(source="watch-test-healthy", location=good_url, interval=0.1)
            with consuming(bad, events), consuming(good, events):
                await _until(lambda: len(events) == 1)
                for n in range(3):  # the healthy feed changes three times; each change fires once
                    healthy.body = FEED + f"<!-- {n} -->".encode()
                    await _until(lambda n=n: len(events) == 2 + n)
                await _until(lambda: len(healthy.requests) >= 30)
        return events, bad

    events, bad = asyncio.run(scenario())
    assert {e["source"] for e in events} == {"watch-test-healthy"}
    # 30 polls of the healthy feed took ≥ 3 s; the broken one, waiting 0.2, 0.4, 0.8, 1.6 … s, was asked a few times.
    assert 2 <= len(broken.requests) <= 6
    assert bad.failures == len(broken.requests) and bad.next_wait() > 1.0
    assert bad.next_wait() <= 5


def test_poll_interval_comes_from_the_source_schedule():
    assert poll_interval(None) == 60 and poll_interval("*/15 * * * *") == 60
    assert poll_interval("30s") == 30 and poll_interval("2m") == 120 and poll_interval("@every 90s") == 90
    assert poll_interval("45") == 45 and poll_interval("1 h") == 3600


@dataclass
class _Event:  # the shape of an Airflow asset event as a task sees it: its `extra`
    extra: dict


def test_a_run_ingests_the_sources_named_by_its_events():
    events = {"wire_source_a": [_Event({"from_trigger": True, "payload": {"source": "b"}}),
                                _Event({"from_trigger": True, "payload": {"source": "a"}})],
              "wire_source_c": [_Event({"payload": {"source": "a"}}), _Event({})]}
    assert changed_sources(events) == ["a", "b"]
    assert changed_sources(None) == []


def test_every_enabled_source_is_an_asset_watched_by_its_trigger_and_the_dags_load(airflow_home):
    from airflow.dag_processing.dagbag import DagBag
    from airflow.sdk import AssetAny

    from tests.conftest import ROOT

    bag = DagBag(dag_folder=str(ROOT / "dags"))
    assert bag.import_errors == {}
    on_change, ingest, maintenance = (bag.dags[d] for d in ("wire_ingest_on_change", "wire_ingest",
                                                            "wire_maintenance"))
    condition = on_change.timetable.asset_condition
    assert isinstance(condition, AssetAny)
    assets = list(condition.objects)
    assert {a.name for a in assets} == {f"wire_source_{s['name']}" for s in _enabled_seed_sources()}
    for asset in assets:
        (watcher,) = asset.watchers
        assert isinstance(watcher.trigger, FeedChangeTrigger) and watcher.trigger.interval == 60
    assert on_change.max_active_runs == 1 and on_change.catchup is False
    assert [a.name for t in on_change.tasks for a in t.outlets] == ["wire_facts"]
    # The prune left the 15-minute ingestion for the daily maintenance DAG; the cron DAG stays as a safety net.
    assert "prune_raw_payloads" not in ingest.task_ids and ingest.schedule == "*/15 * * * *"
    assert maintenance.task_ids == ["prune_raw_payloads"] and maintenance.schedule == "@daily"
    for dag in (on_change, maintenance):
        assert dag.doc_md and all(t.doc_md and t.retries >= 1 and t.owner == "wire-data" for t in dag.tasks)


def _enabled_seed_sources() -> list[dict]:
    import json

    from pipeline.config import get_settings

    return [s for s in json.loads(get_settings().sources_file.read_text()) if s.get("enabled", True)]
