"""The CeleryExecutor for real: `make cluster`'s processes (scheduler, dag-processor, api-server, triggerer, two
Celery workers) on 127.0.0.1 with Redis, a wire_ingest run triggered through the REST API.

Three things are checked: the run's extraction chunks were executed by both workers (their hostnames are in
the task instances); the tables equal those of a one-machine run of the same feeds; a worker killed with
SIGKILL in the middle of a chunk loses nothing (the chunk is retried on the other worker, tables equal).
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import httpx
import psycopg
import pytest

from pipeline import cluster, ui
from tests.conftest import ROOT, fresh_database
from tests.fault_helpers.tables import canonical_rows, differences

BROKER = os.environ.get("CLUSTER_TEST_BROKER_URL", "redis://127.0.0.1:6379/5")
CHUNK = "9"  # documents per mapped chunk: the 26 fixture documents make 3 chunks for two workers
FIRST = datetime(2020, 1, 7, 10, 0, tzinfo=UTC)
SECOND = datetime(2020, 1, 7, 10, 30, tzinfo=UTC)
RUN_TIMEOUT = 420.0
OVERRIDES = {
    "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",  # only the runs the test triggers
    "PIPELINE_EXTRACT_CHUNK": CHUNK,
    "PIPELINE_EXTRACT_COMMIT": CHUNK,
    # A killed worker stops heartbeating; the scheduler gives its task up after this and retries it.
    "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": "40",
    "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT_DETECTION_INTERVAL": "5",
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def broker() -> str:
    import redis

    try:
        client = redis.Redis.from_url(BROKER, socket_connect_timeout=2)
        client.flushdb()  # this test's database number only: no queue left over from an earlier session
    except redis.RedisError as exc:
        pytest.skip(f"no Redis at {BROKER} ({exc}): the Celery cluster test needs one (set CLUSTER_TEST_BROKER_URL)")
    return BROKER


@pytest.fixture(scope="module")
def warehouse(database_url: str) -> Iterator[str]:
    with fresh_database("cluster") as url:
        yield url


@pytest.fixture(scope="module")
def reference(airflow_home, database_url) -> Iterator[dict[str, list[str]]]:
    """The same feeds ingested on one machine: `dag.test()`, every task in this process, no broker."""
    from airflow.dag_processing.dagbag import DagBag

    ingest = DagBag(dag_folder=str(ROOT / "dags")).dags["wire_ingest"]
    with fresh_database("cluster_ref") as url:
        previous = os.environ["DATABASE_URL"]
        os.environ["DATABASE_URL"] = url
        try:
            assert str(ingest.test(logical_date=FIRST).state) == "success"
        finally:
            os.environ["DATABASE_URL"] = previous
        yield canonical_rows(url)


@pytest.fixture(scope="module")
def celery(broker: str, warehouse: str, tmp_path_factory) -> Iterator[cluster.Cluster]:
    home = tmp_path_factory.mktemp("airflow-cluster-home")
    started = cluster.start(warehouse, home=home, broker_url=broker, overrides=OVERRIDES,
                            metadata_db=f"airflow_cluster_test_{os.getpid()}")
    try:
        ui.wait_ready(started.airflow)
        cluster.wait_workers(started)
        yield started
    finally:
        left = cluster.stop(started)
        with psycopg.connect(_admin(warehouse), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "airflow_cluster_test_{os.getpid()}" WITH (FORCE)')
        assert not left, f"cluster processes survived the shutdown: {left}"


def _admin(url: str) -> str:
    return url.rsplit("/", 1)[0] + "/postgres"


@pytest.fixture(scope="module")
def api(celery: cluster.Cluster) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{celery.airflow.url}/api/v2", timeout=60,
                      headers={"Authorization": f"Bearer {ui.api_token(celery.airflow)}"}) as client:
        _unpause(client, "wire_ingest")
        yield client


def _unpause(api: httpx.Client, dag_id: str, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while api.get(f"/dags/{dag_id}").status_code == 404:
        assert time.monotonic() < deadline, f"{dag_id} never registered"
        time.sleep(2)
    api.patch(f"/dags/{dag_id}", json={"is_paused": False}).raise_for_status()


def _trigger(api: httpx.Client, logical: datetime) -> str:
    run_id = f"cluster__{logical:%Y%m%dT%H%M}"
    api.post("/dags/wire_ingest/dagRuns",
             json={"dag_run_id": run_id, "logical_date": logical.isoformat()}).raise_for_status()
    return run_id


def _task_instances(api: httpx.Client, run_id: str) -> list[dict]:
    path = f"/dags/wire_ingest/dagRuns/{quote(run_id, safe='')}/taskInstances"
    return api.get(path, params={"limit": 1000}).raise_for_status().json()["task_instances"]


def _wait(api: httpx.Client, celery: cluster.Cluster, run_id: str) -> list[dict]:
    deadline = time.monotonic() + RUN_TIMEOUT
    state = None
    while time.monotonic() < deadline and state not in ("success", "failed"):
        time.sleep(2)
        for name, proc in celery.airflow.processes.items():  # a killed worker is expected to be gone
            assert name.startswith("celery-") or proc.poll() is None, f"{name} exited; see {celery.airflow.home}"
        state = api.get(f"/dags/wire_ingest/dagRuns/{quote(run_id, safe='')}").raise_for_status().json()["state"]
    tasks = _task_instances(api, run_id)
    summary = sorted((t["task_id"], t["map_index"], t["state"], t["hostname"]) for t in tasks)
    assert state == "success", f"run {run_id} ended {state!r}: {summary}; logs under {celery.airflow.home}"
    return tasks


def _chunks(tasks: list[dict]) -> list[dict]:
    return [t for t in tasks if t["task_id"] == "extract_chunk"]


def _reset(url: str) -> None:
    """The warehouse emptied between runs (the cluster keeps its connections per task, none held)."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("TRUNCATE sources, ingest_batches, fetches, documents, extractions, speakers, statements,"
                     " figures, events, dq_runs, dq_results RESTART IDENTITY CASCADE")


def test_extraction_chunks_run_on_both_workers_and_fill_the_same_tables(celery, api, warehouse, reference):
    run_id = _trigger(api, FIRST)
    tasks = _wait(api, celery, run_id)
    chunks = _chunks(tasks)
    assert len(chunks) >= 3, f"expected several mapped chunks, got {len(chunks)}"
    assert all(t["state"] == "success" for t in chunks)
    assert {t["hostname"] for t in chunks} == set(cluster.WORKERS), [(t["map_index"], t["hostname"]) for t in chunks]
    assert all(t["pool"] == "nlp" for t in chunks)
    assert not differences(canonical_rows(warehouse), reference)


def _worker_processes(name: str) -> list[int]:
    """Every process of one worker: its Celery processes and the task processes they started."""
    marker = f"PIPELINE_WORKER_NAME={name}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _writing_sessions(url: str) -> int:
    """Sessions holding a transaction id on the warehouse: a chunk that claimed its documents."""
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL"
            " AND pid <> pg_backend_pid()"
        ).fetchone()[0]


def test_a_worker_killed_mid_chunk_loses_nothing(celery, api, warehouse, reference):
    _reset(warehouse)
    run_id = _trigger(api, SECOND)
    deadline = time.monotonic() + RUN_TIMEOUT
    victim = None
    while victim is None:
        assert time.monotonic() < deadline, "no chunk was ever seen mid-extraction"
        running = [t for t in _chunks(_task_instances(api, run_id)) if t["state"] == "running" and t["hostname"]]
        if running and _writing_sessions(warehouse):
            victim = running[0]
        else:
            time.sleep(0.3)
    worker = celery.workers[victim["hostname"]]
    # The whole worker, as if its machine died: its process group (Celery, which rewrites its title over its
    # environment, and its pool), then any task process that opened a session of its own.
    os.killpg(worker.pid, signal.SIGKILL)
    for pid in _worker_processes(victim["hostname"]):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    assert worker.wait(timeout=30) == -signal.SIGKILL
    assert _worker_processes(victim["hostname"]) == []

    tasks = _wait(api, celery, run_id)
    (retried,) = [t for t in _chunks(tasks) if t["map_index"] == victim["map_index"]]
    survivor = next(n for n in cluster.WORKERS if n != victim["hostname"])
    assert retried["state"] == "success"
    assert retried["try_number"] >= 2, retried
    assert retried["hostname"] == survivor, retried
    diff = differences(canonical_rows(warehouse), reference)
    assert not diff, "\n".join(diff)


def test_without_redis_the_cluster_says_in_one_line_how_to_get_one():
    with pytest.raises(cluster.ClusterError) as failure:
        cluster.require_redis("redis://127.0.0.1:1/0")
    message = str(failure.value)
    assert "\n" not in message and "redis://127.0.0.1:1/0" in message and "CLUSTER_BROKER_URL" in message
