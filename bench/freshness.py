"""Freshness under the real scheduler: publication on a local feed → the article's facts in the analyst views.

Airflow runs for real (api-server, scheduler, dag-processor and triggerer, as `make ui` starts them, with a
private AIRFLOW_HOME and free ports) over a scratch pipeline database. Its only source is a feed served on
127.0.0.1 that publishes one synthetic article every `spacing` seconds, with ETag support. Nothing else
schedules work (the cron DAG stays paused): each article travels through the source's watcher
(default 60 s poll), `wire_ingest_on_change`, then `wire_checks` (the only DAGs unpaused), and counts as fresh
once its statements or figures appear in statements_view / figures_view, which show checked, publishable
batches only.
Articles whose batch an `error` rule blocks never appear; they are counted apart, not in the percentiles.
"Publication" is the moment the item appears on the feed; its pubDate stays the story's own date.
"""

from __future__ import annotations

import hashlib
import json
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psycopg

from bench import corpus

FEED_PATH = "/wire-live.rss"


class LiveFeed:
    """An RSS feed whose items are published one by one; thread-safe, with an ETag per content."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.items: list[corpus.Article] = []
        self.body = corpus.render_rss("wire-live", [])
        self.requests = {"200": 0, "304": 0}

    def publish(self, article: corpus.Article) -> datetime:
        """Put the article on the feed now; its pubDate stays the story's own (its text dates from it)."""
        now = datetime.now(UTC)
        with self._lock:
            self.items.append(article)
            self.body = corpus.render_rss("wire-live", self.items[-50:])  # newest 50, as agencies do
        return now

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:20] + '"'


@contextmanager
def serve(feed: LiveFeed) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path != FEED_PATH:
                self.send_error(404)
                return
            with feed._lock:
                body, etag = feed.body, feed.etag
            if self.headers.get("If-None-Match") == etag:
                feed.requests["304"] += 1
                self.send_response(304)
                self.end_headers()
                return
            feed.requests["200"] += 1
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{FEED_PATH}"
    finally:
        server.shutdown()
        server.server_close()


VISIBLE = """SELECT guid FROM statements_view WHERE guid = ANY(%(g)s)
             UNION SELECT guid FROM figures_view WHERE guid = ANY(%(g)s)"""
STORED = "SELECT guid FROM documents WHERE guid = ANY(%(g)s)"
BLOCKED = """SELECT d.guid, p.errors FROM documents d JOIN extractions x ON x.document_id = d.id AND x.is_latest
             JOIN batch_publication p ON p.batch_id = x.batch_id AND NOT p.publishable
             WHERE d.guid = ANY(%(g)s)"""


DAGS = ("wire_ingest_on_change", "wire_checks")


def publishable_articles(n: int) -> list[corpus.Article]:
    """French synthetic articles none of whose events falls after its publication day.

    About one synthetic article in five has one (a date of the template lands in the future of the varied
    publication date), which the `events_not_after_publication` error rule blocks, and with it every article of
    its batch: freshness is measured on stories the checks let through, so those are left out beforehand.
    """
    from datetime import timedelta

    from pipeline.extract import extract_texts

    candidates = [a for a in corpus.build_corpus(n * 6) if a.lang == "fr"]
    extracted = extract_texts([a.body for a in candidates], published=[a.published.date() for a in candidates])
    kept = [a for a, x in zip(candidates, extracted, strict=True)
            if not any(e.date and e.date > a.published.date() + timedelta(days=1) for e in x.events)]
    return kept[:n]


def _unpause(airflow, dag_ids: tuple[str, ...], timeout: float = 300.0) -> None:
    """Unpause these DAGs once the dag-processor has registered them."""
    import httpx

    from pipeline import ui

    headers = {"Authorization": f"Bearer {ui.api_token(airflow)}"}
    deadline = time.monotonic() + timeout
    for dag_id in dag_ids:
        while True:
            answer = httpx.patch(f"{airflow.url}/api/v2/dags/{dag_id}", headers=headers, json={"is_paused": False},
                                 timeout=10)
            if answer.status_code == 200:
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{dag_id} not registered after {timeout:.0f} s: {answer.text[:200]}")
            ui.check_alive(airflow)
            time.sleep(2)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[round(q * 100) - 1]


def measure(database_url: str, items: int = 24, spacing: float = 15.0, settle: float = 300.0,
            log=print) -> dict:
    """Publish `items` articles `spacing` seconds apart under a running Airflow; seconds until each is visible."""
    from pipeline import ui

    articles = publishable_articles(items)
    feed = LiveFeed()
    with serve(feed) as url, tempfile.TemporaryDirectory(prefix="bench-fresh-") as tmp:
        sources = Path(tmp) / "sources.json"
        sources.write_text(json.dumps([{"name": "live-wire", "location": url, "format": "rss", "language": "fr",
                                        "agency": "Bench"}]), encoding="utf-8")
        overrides = {
            "PIPELINE_SOURCES_FILE": str(sources),
            "PIPELINE_FETCH_ALLOW_HOSTS": "127.0.0.1",
            # Only the event-driven path and the checks run: the cron DAG stays paused (the scheduler's
            # job schedule must stay on, it is what turns asset events into runs).
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
            # Other Airflows on this machine hold the default log-server ports.
            "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(ui.free_port()),
            "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(ui.free_port()),
        }
        clock = time.monotonic()
        airflow = ui.start(database_url, home=Path(tmp) / "airflow", overrides=overrides)
        try:
            ui.wait_ready(airflow, timeout=300)
            _unpause(airflow, DAGS)
            started_s = time.monotonic() - clock
            log(f"freshness: Airflow ready in {started_s:.0f} s; waiting for the watcher's first poll")
            deadline = time.monotonic() + 300
            while feed.requests["200"] == 0 and time.monotonic() < deadline:  # the watcher is polling
                ui.check_alive(airflow)
                time.sleep(1)
            if feed.requests["200"] == 0:
                raise RuntimeError(f"the source watcher never polled the feed; see {airflow.home / 'ui-logs'}")
            published: dict[str, datetime] = {}
            seen: dict[str, float] = {}
            stored: dict[str, float] = {}
            next_at = time.monotonic()
            with psycopg.connect(database_url, autocommit=True) as conn:
                pending = list(articles)
                end = None
                while True:
                    now = time.monotonic()
                    if pending and now >= next_at:
                        article = pending.pop(0)
                        published[article.guid] = feed.publish(article)
                        next_at = now + spacing
                        if not pending:
                            end = now + settle
                    guids = [g for g in published if g not in seen]
                    if guids:
                        at = datetime.now(UTC)
                        for (guid,) in conn.execute(STORED, {"g": guids}):
                            stored.setdefault(guid, (at - published[guid]).total_seconds())
                        for (guid,) in conn.execute(VISIBLE, {"g": guids}):
                            seen[guid] = (at - published[guid]).total_seconds()
                    if not pending and (len(seen) == len(published) or (end and now > end)):
                        break
                    ui.check_alive(airflow)
                    time.sleep(0.5)
                missing = [g for g in published if g not in seen]
                rows = conn.execute(BLOCKED, {"g": missing}).fetchall() if missing else []
                blocked = [guid for guid, _errors in rows]
                blocking_rules = sorted({rule for _guid, errors in rows for rule in errors})
                runs = conn.execute("SELECT count(*) FROM ingest_batches").fetchone()[0]
        finally:
            ui.stop(airflow)
    delays = list(seen.values())
    log(f"freshness: {len(delays)} of {len(published)} articles visible; {len(blocked)} blocked by checks")
    return {
        "items_published": len(published),
        "items_visible": len(delays),
        "items_blocked_by_checks": len(blocked),
        "blocking_rules": blocking_rules,
        "items_never_visible": len(missing) - len(blocked),
        "spacing_seconds": spacing,
        "poll_interval_seconds": 60,
        "ingestion_runs": runs,
        "feed_requests": dict(feed.requests),
        "airflow_start_seconds": round(started_s, 1),
        "p50_seconds": round(_percentile(delays, 0.5), 1) if delays else None,
        "p95_seconds": round(_percentile(delays, 0.95), 1) if delays else None,
        "max_seconds": round(max(delays), 1) if delays else None,
        "stored_p50_seconds": round(_percentile(list(stored.values()), 0.5), 1) if stored else None,
        "delays_seconds": [round(d, 1) for d in delays],
    }
