"""Fault tolerance with real processes and a real PostgreSQL: reruns, killed servers and workers, concurrent
runs, size limits and hostile input.

Comparisons are made against clean reference runs on other databases, by natural keys (source, guid,
version, speaker key, spans), so surrogate ids and batch numbers may differ but no row may be lost or doubled.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from tests.conftest import ROOT
from tests.fault_helpers.feeds import FIXTURE_FEED, Item, generated_items, rss, write_feed
from tests.fault_helpers.pg import ThrowawayServer, fresh_database, wait_until, with_database
from tests.fault_helpers.tables import (
    canonical_rows,
    count,
    differences,
    exact_snapshot,
    facts_per_document,
)

GENERATED_ITEMS = 230  # more than one extraction chunk (200), small enough for a shared 2-core machine
FIXTURE = str(FIXTURE_FEED)
_PID = os.getpid()


# --- processes -------------------------------------------------------------------------------------------

def _env(url: str, app: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": url, "PGAPPNAME": app, **extra}
    env.pop("PIPELINE_DEBUG", None)
    if "PIPELINE_FETCH_MAX_BYTES" not in extra:  # the default cap is the one under test
        env.pop("PIPELINE_FETCH_MAX_BYTES", None)
    return env


def _start(url: str, *args: str, app: str = "ft", module: str = "pipeline", **extra: str) -> subprocess.Popen:
    """Start `python -m pipeline …` (or a helper module) against `url`; PGAPPNAME tags its sessions."""
    return subprocess.Popen(
        [sys.executable, "-m", module, *args], cwd=ROOT, env=_env(url, app, **extra),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _finish(proc: subprocess.Popen, timeout: float = 300) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"process did not finish in {timeout} s; stderr: {err[-2000:]}") from None
    return proc.returncode, out, err


def _run(url: str, *args: str, **kw) -> tuple[int, str, str]:
    return _finish(_start(url, *args, **kw))


def _worker(url: str, *feeds: str, run_id: str, app: str = "ft-worker", chunk: int = 200,
            **extra: str) -> subprocess.Popen:
    """The DAG's task functions in one process, without the quality stage (tests.fault_helpers.worker)."""
    args = [a for f in feeds for a in ("--feed", f)]
    return _start(url, *args, "--run-id", run_id, "--chunk", str(chunk), app=app,
                  module="tests.fault_helpers.worker", **extra)


def _assert_one_clean_line(rc: int, err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert rc != 0
    assert "Traceback" not in err, err[-3000:]
    assert len(lines) == 1 and lines[0].startswith("pipeline: "), err[-3000:]
    return lines[0]


def _assert_completed(rc: int, err: str) -> None:
    """The run went through to its checks: exit 0, or 1 when a data-quality rule flagged the data (a verdict
    about the articles, not a failure of the run; the fixture feed's planned 22 January demonstration trips
    events_not_after_publication today)."""
    assert rc in (0, 1), err[-3000:]
    assert "Traceback" not in err and "pipeline: " not in err, err[-3000:]
    assert "checks" in err, err[-3000:]


def _sessions(url: str, app: str, *, waiting_on: str | None = None, writing: bool = False) -> int:
    """Server sessions of the process tagged `app`: those waiting on a lock in a statement starting with
    `waiting_on`, or those whose transaction has written something (an xid)."""
    query = "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s"
    params: tuple = (app,)
    if waiting_on:
        query += " AND wait_event_type = 'Lock' AND ltrim(query) ILIKE %s"
        params += (waiting_on + "%",)
    if writing:
        query += " AND backend_xid IS NOT NULL"
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            return conn.execute(query, params).fetchone()[0]
    except psycopg.OperationalError:
        return 0


# --- databases and references ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server_url(database_url: str) -> str:
    """The session's PostgreSQL server (its maintenance database), where fresh test databases are made."""
    return with_database(database_url, "postgres")


@contextmanager
def _pipeline_database(url: str) -> Iterator[None]:
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    try:
        yield
    finally:
        os.environ["DATABASE_URL"] = previous or ""
        if previous is None:
            del os.environ["DATABASE_URL"]


def _reference(server_url: str, name: str, feeds: list[str]) -> dict[str, list[str]]:
    """A clean, uninterrupted run of the task functions over `feeds` on its own database."""
    from pipeline import jobs

    with fresh_database(server_url, f"ft_ref_{name}_{_PID}") as url, _pipeline_database(url):
        handle = jobs.open_run(f"reference-{name}", feeds)
        for source_id in handle.source_ids:
            stored = jobs.store_fetched(handle.batch_id, jobs.fetch_source(handle.batch_id, source_id))
            assert stored["status"] == "ok", stored
        jobs.extract_pending(handle.batch_id)
        return canonical_rows(url)


@pytest.fixture(scope="module")
def generated_feed(tmp_path_factory) -> str:
    return write_feed(tmp_path_factory.mktemp("feeds") / "generated.rss.xml", generated_items(GENERATED_ITEMS))


@pytest.fixture(scope="module")
def generated_reference(server_url: str, generated_feed: str) -> dict[str, list[str]]:
    ref = _reference(server_url, "generated", [generated_feed])
    assert len(ref["documents"]) == GENERATED_ITEMS
    assert len(ref["extractions"]) == GENERATED_ITEMS and ref["statements"] and ref["figures"]
    return ref


# --- idempotency -----------------------------------------------------------------------------------------

def test_the_same_run_three_times_leaves_identical_tables(server_url):
    with fresh_database(server_url, f"ft_idempotent_{_PID}") as url:
        snapshots = []
        for _ in range(3):
            _assert_completed(*_run(url, "run", "--feed", FIXTURE, "--run-id", "ft-idempotent")[::2])
            snapshots.append(exact_snapshot(url))
    first = snapshots[0]
    for table in ("sources", "ingest_batches", "fetches", "documents", "extractions", "statements", "figures",
                  "events", "dq_runs", "dq_results"):
        assert first[table][0] > 0, f"{table} is empty after the run"
    assert first["documents"][0] == 6 and first["ingest_batches"][0] == 1
    assert snapshots[1] == first, "the second run changed a table"
    assert snapshots[2] == first, "the third run changed a table"


# --- database killed mid-load ----------------------------------------------------------------------------

@pytest.fixture
def throwaway_dir() -> Iterator[Path]:
    # Not under pytest's tmp_path: pytest makes /tmp/pytest-of-<user> private again whenever a session
    # starts, which would lock the server's own (unprivileged, when running as root) user out.
    path = Path(tempfile.mkdtemp(prefix="wire-ft-pg-"))
    yield path / "pgdata"
    shutil.rmtree(path, ignore_errors=True)


def test_database_killed_mid_load_loses_and_doubles_nothing_after_restart(throwaway_dir, generated_feed,
                                                                         generated_reference):
    from pipeline import db
    from pipeline.extract import EXTRACTOR_VERSION

    server = ThrowawayServer(throwaway_dir)
    url = server.start()
    run = ("run", "--feed", generated_feed, "--run-id", "ft-killed")
    try:
        with db.connect(url) as conn:
            db.migrate(conn)

        # 1. Killed while the documents are being inserted: a concurrent SHARE lock (what CREATE INDEX takes)
        #    holds the run's INSERT inside its transaction, so the kill lands mid-transaction every time.
        blocker = psycopg.connect(url)
        blocker.execute("LOCK TABLE documents IN SHARE MODE")
        proc = _start(url, *run, app="ft-killed-1")
        wait_until(lambda: _sessions(url, "ft-killed-1", waiting_on="INSERT INTO documents"), 180,
                   "the run to be inserting documents")
        server.kill()
        line = _assert_one_clean_line(*_finish(proc)[::2])
        assert "connection" in line.lower() or "server" in line.lower(), line
        blocker.close()

        url = server.start()
        assert count(url, "SELECT count(*) FROM documents") == 0, "a half-written batch of documents survived"
        assert count(url, "SELECT count(*) FROM fetches WHERE items_seen IS NOT NULL") == 0

        # 2. Killed during the facts: the documents are committed, the first chunk of facts is written, and
        #    the second chunk's INSERT into extractions waits on a row another session holds uncommitted.
        proc = _start(url, *run, app="ft-killed-2")
        wait_until(lambda: count(url, "SELECT count(*) FROM documents") == GENERATED_ITEMS, 180,
                   "the run's documents to be committed")
        blocker = psycopg.connect(url)
        blocker.execute(
            """INSERT INTO extractions (document_id, extractor_version, batch_id, lang)
               SELECT max(d.id), %s, max(d.batch_id), 'fr' FROM documents d""",
            (EXTRACTOR_VERSION,),
        )
        wait_until(lambda: _sessions(url, "ft-killed-2", waiting_on="INSERT INTO extractions"), 240,
                   "the run to be loading the second chunk of facts")
        server.kill()
        _assert_one_clean_line(*_finish(proc)[::2])
        blocker.close()

        url = server.start()
        after_crash = canonical_rows(url)
        assert after_crash["documents"] == generated_reference["documents"], "documents lost or doubled"
        _assert_no_partial_document(url, generated_reference)
        # The first chunk (200 documents) was committed before the kill and is kept; the second is absent.
        assert count(url, "SELECT count(*) FROM extractions") == 200

        # 3. The rerun of the same run completes and leaves exactly what an uninterrupted run leaves.
        _assert_completed(*_run(url, *run, app="ft-killed-3")[::2])
        _assert_same_rows(url, generated_reference)
        assert count(url, "SELECT count(*) FROM ingest_batches") == 1
    finally:
        server.stop()


def _assert_same_rows(url: str, expected: dict[str, list[str]]) -> None:
    diff = differences(canonical_rows(url), expected)
    assert not diff, "\n".join(diff)


def _assert_no_partial_document(url: str, reference: dict[str, list[str]]) -> None:
    """Every document either has all its facts (as many as the reference run found) or none at all."""
    import json
    from collections import Counter

    expected: Counter = Counter()
    for table in ("statements", "figures", "events"):
        for row in reference[table]:
            fact = json.loads(row)
            expected[(fact["guid"], fact["version"], table)] += 1
    for (guid, version), (extracted, statements, figures, events) in facts_per_document(url).items():
        found = {"statements": statements, "figures": figures, "events": events}
        if extracted:
            assert found == {t: expected[(guid, version, t)] for t in found}, f"{guid}: partial facts {found}"
        else:
            assert found == dict.fromkeys(found, 0), f"{guid}: facts without an extractions row"


# --- worker killed mid-task ------------------------------------------------------------------------------

def test_worker_killed_during_extraction_is_retried_to_the_same_tables(server_url, generated_feed,
                                                                      generated_reference):
    with fresh_database(server_url, f"ft_worker_{_PID}") as url:
        proc = _worker(url, generated_feed, run_id="ft-worker", chunk=40, app="ft-worker-1")
        # Documents committed, then a first chunk's facts written (committed, or in the task's open
        # transaction: only extract_pending writes once the documents are committed).
        wait_until(
            lambda: proc.poll() is not None
            or count(url, "SELECT count(*) FROM documents") == GENERATED_ITEMS
            and (count(url, "SELECT count(*) FROM extractions") > 0 or _sessions(url, "ft-worker-1", writing=True)),
            240, "the worker to have loaded facts of a first chunk",
        )
        assert proc.poll() is None, "the worker finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        rc, _, _ = _finish(proc)
        assert rc == -signal.SIGKILL
        wait_until(lambda: _sessions(url, "ft-worker-1") == 0, 60, "the server to drop the killed worker")
        assert len(canonical_rows(url)["documents"]) == GENERATED_ITEMS
        _assert_no_partial_document(url, generated_reference)

        rc, out, err = _finish(_worker(url, generated_feed, run_id="ft-worker", chunk=40, app="ft-worker-2"))
        assert rc == 0, err[-2000:]
        _assert_same_rows(url, generated_reference)
        assert count(url, "SELECT count(*) FROM ingest_batches") == 1


# --- concurrent runs -------------------------------------------------------------------------------------

def test_two_concurrent_runs_over_overlapping_feeds_store_everything_once(server_url, tmp_path):
    # Both runs read the fixture feed; each also has its own feed, whose articles quote the same speakers
    # in opposite orders (the speakers table is shared).
    feed_a = write_feed(tmp_path / "a.rss.xml", generated_items(24, prefix="a"))
    feed_b = write_feed(tmp_path / "b.rss.xml", list(reversed(generated_items(24, prefix="b"))))
    reference = _reference(server_url, "concurrent", [FIXTURE, feed_a, feed_b])
    with fresh_database(server_url, f"ft_concurrent_{_PID}", migrate=False) as url:
        # A fresh database: both runs also race to apply the migrations.
        first = _start(url, "run", "--feed", FIXTURE, "--feed", feed_a, "--run-id", "ft-a", app="ft-a")
        second = _start(url, "run", "--feed", FIXTURE, "--feed", feed_b, "--run-id", "ft-b", app="ft-b")
        for rc, _, err in (_finish(first), _finish(second)):
            _assert_completed(rc, err)
        _assert_same_rows(url, reference)
        assert count(url, "SELECT count(*) FROM ingest_batches") == 2
        assert count(url, "SELECT count(*) FROM sources") == 3


def test_the_same_text_stored_by_two_feeds_at_once_is_linked_as_a_duplicate(server_url):
    """Two parse_and_store tasks (mapped per source, so concurrent in one DAG run) store the same story
    from two feeds: the later copy must point at the earlier one, or its facts are extracted twice.
    The first store is held open so that the two transactions overlap every time."""
    from pipeline import load
    from pipeline.parse import parse_feed

    originals = generated_items(3, prefix="dup")
    copies = [Item(f"other-{it.guid}", it.title, it.body, it.published) for it in originals]
    with fresh_database(server_url, f"ft_dup_{_PID}") as url:
        with psycopg.connect(url) as setup:
            source_a = load.upsert_source(setup, "feed-a", "a.rss.xml")
            source_b = load.upsert_source(setup, "feed-b", "b.rss.xml")
            batch = load.open_batch(setup, "ft-dup", "test")
        first = psycopg.connect(url)
        second = psycopg.connect(url, application_name="ft-dup-second")
        errors: list[BaseException] = []

        def store_second() -> None:
            try:
                load.store_documents(second, batch, source_b, None, parse_feed(rss(copies)).items)
                second.commit()
            except BaseException as exc:  # re-raised in the test's thread
                errors.append(exc)

        try:
            first.execute("SELECT 1")  # an open transaction, as in jobs.store_fetched
            load.store_documents(first, batch, source_a, None, parse_feed(rss(originals)).items)
            thread = threading.Thread(target=store_second)
            thread.start()
            wait_until(lambda: not thread.is_alive() or _sessions(url, "ft-dup-second", waiting_on=""), 60,
                       "the second store to finish or to wait for the first")
            first.commit()
            thread.join(60)
        finally:
            first.close()
            second.close()
        assert not errors, errors
        linked = count(url, "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL")
        assert linked == len(copies), f"{linked} of {len(copies)} copies linked to their original"


# --- disk and size limits --------------------------------------------------------------------------------

def test_a_feed_over_the_size_cap_is_refused_with_its_reason_recorded(server_url, tmp_path):
    from pipeline.config import get_settings

    items = generated_items(3)
    huge = Item("huge-0001", "Une dépêche démesurée", "Le ministre a parlé. " * (20 * 1024 * 1024 // 21),
                items[0].published)
    feed = write_feed(tmp_path / "huge.rss.xml", [*items, huge])
    assert Path(feed).stat().st_size > 20 * 1024 * 1024
    with fresh_database(server_url, f"ft_cap_{_PID}") as url:
        rc, _, err = _finish(_worker(url, feed, run_id="ft-cap"))
        assert rc == 0, err[-2000:]
        with psycopg.connect(url) as conn:
            status, error, payload = conn.execute("SELECT status, error, payload FROM fetches").fetchone()
        limit = get_settings().fetch_max_bytes
        assert status == "error" and payload is None
        assert "too large" in error and str(limit) in error, error
        assert count(url, "SELECT count(*) FROM documents") == 0


def test_an_oversized_item_is_refused_and_the_rest_of_the_feed_loads(server_url, tmp_path):
    items = generated_items(5)
    huge = Item("huge-0002", "Une dépêche démesurée", "Le ministre a dit que 300 soldats partiront. " * 25_000,
                items[0].published)
    assert len(huge.body) > 1_000_000
    feed = write_feed(tmp_path / "big-item.rss.xml", [*items[:2], huge, *items[2:]])
    with fresh_database(server_url, f"ft_big_item_{_PID}") as url:
        rc, _, err = _finish(_worker(url, feed, run_id="ft-big-item"))
        assert rc == 0, err[-3000:]
        with psycopg.connect(url) as conn:
            warnings = conn.execute("SELECT parse_warnings FROM fetches").fetchone()[0]
            extracted = {g for (g,) in conn.execute(
                "SELECT d.guid FROM documents d JOIN extractions x ON x.document_id = d.id")}
        assert extracted >= {it.guid for it in items}
        assert any("huge-0002" in w for w in warnings), warnings


# --- security --------------------------------------------------------------------------------------------

SQL_TITLE = "Bilan'); DROP TABLE documents; --"
SQL_QUOTE = "Nous ne céderons pas '); DROP TABLE documents; -- ni au chantage"
ODD_TITLE = r"Cotes $$ $body$ E'\x41' \' C:\temp\new %s %(x)s {0}"


def test_sql_looking_text_is_stored_verbatim_through_the_whole_run(server_url, tmp_path):
    published = generated_items(1)[0].published
    items = [
        Item("sql-1", SQL_TITLE, f"« {SQL_QUOTE} », a déclaré mardi le ministre Jean Dupont. "
             "Plus de 300 manifestants s'étaient rassemblés devant le ministère.", published),
        Item("sql-2", ODD_TITLE, r"Le fichier C:\temp\new contenait $$ et \\ ; « rien de grave », a dit "
             "Marie Leroy.", published),
        Item("sql-3", "Fin de transmission", "Le porte-parole Paul Martin a confirmé la panne.\x00", published),
    ]
    feed = tmp_path / "sql.rss.xml"
    # A raw NUL is not XML: the parser reads the feed anyway, drops the NUL and says so.
    feed.write_bytes(rss(items))
    assert b"\x00" in feed.read_bytes()
    with fresh_database(server_url, f"ft_sql_{_PID}") as url:
        _assert_completed(*_run(url, "run", "--feed", str(feed), "--run-id", "ft-sql")[::2])
        with psycopg.connect(url) as conn:
            stored = dict(conn.execute("SELECT guid, (title, body) FROM documents").fetchall())
            quotes = [q for (q,) in conn.execute("SELECT quote FROM statements")]
            warnings = conn.execute("SELECT parse_warnings FROM fetches").fetchone()[0]
            tables = count(url, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'documents'")
    assert tables == 1
    assert stored["sql-1"] == (SQL_TITLE, items[0].body)
    assert stored["sql-2"] == (ODD_TITLE, items[1].body)
    assert stored["sql-3"] == ("Fin de transmission", "Le porte-parole Paul Martin a confirmé la panne.")
    assert SQL_QUOTE in quotes, quotes
    assert warnings, "the NUL byte went unreported"


@pytest.mark.parametrize("location", ["http://10.0.0.1/feed.xml", "http://169.254.169.254/latest/meta-data/"])
def test_a_private_address_feed_is_refused_before_connecting(server_url, location):
    with fresh_database(server_url, f"ft_ssrf_{_PID}") as url:
        # Allow-list emptied: the default. A proxy on a closed local port catches any request that escapes.
        rc, _, err = _finish(_worker(url, location, run_id="ft-ssrf", PIPELINE_FETCH_ALLOW_HOSTS="",
                                     http_proxy="http://127.0.0.1:9", HTTP_PROXY="http://127.0.0.1:9",
                                     no_proxy="", NO_PROXY=""))
        assert rc == 0, err[-2000:]
        with psycopg.connect(url) as conn:
            status, error, http_status = conn.execute("SELECT status, error, http_status FROM fetches").fetchone()
    assert status == "error" and http_status is None
    assert "non-public address" in error and "PIPELINE_FETCH_ALLOW_HOSTS" in error, error


def test_a_database_password_never_reaches_the_output():
    secret_url = "postgresql://u:s3cr3t@127.0.0.1:1/x"
    for args in (("run", "--feed", FIXTURE, "--run-id", "ft-secret"), ("check",), ("summary",)):
        rc, out, err = _run(secret_url, *args, app="ft-secret")
        line = _assert_one_clean_line(rc, err)
        assert "cannot connect" in line, line
        assert "s3cr3t" not in out + err
