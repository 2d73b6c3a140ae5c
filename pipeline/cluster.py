"""`make cluster`: Airflow's CeleryExecutor on one machine, every component a process of its own on 127.0.0.1.

Scheduler, dag-processor, api-server and triggerer (as `make ui` starts them) plus two Celery workers, with
Redis as the broker and Airflow's metadata in PostgreSQL (Celery cannot share SQLite). The workers get
distinct hostnames (`hostname_callable`), so task instances say which worker ran them. This is the shape of
a multi-machine deployment: the warehouse comes from the `pipeline_db` connection, migrations are applied
once here before any component starts (the compose's init step), and no task starts an embedded server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from pipeline import ui
from pipeline.config import PROJECT_ROOT

DEFAULT_BROKER = "redis://127.0.0.1:6379/0"
WORKERS = ("worker-a", "worker-b")


class ClusterError(Exception):
    """The cluster cannot start; the message says what is missing."""


def worker_hostname() -> str:
    """`[core] hostname_callable` of the workers: the name the cluster gave the worker, else the FQDN."""
    import socket

    return os.environ.get("PIPELINE_WORKER_NAME") or socket.getfqdn()


@dataclass
class Cluster:
    airflow: ui.AirflowUI
    broker_url: str
    workers: dict[str, subprocess.Popen] = field(default_factory=dict)

    def worker_log(self, name: str) -> Path:
        return self.airflow.log_file(f"celery-{name}")


def require_redis(url: str) -> None:
    """One line saying how to get a broker when none answers at `url`."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        raise ClusterError(
            f"no Redis answers at {url}: start one (`apt-get install redis-server`, or"
            " `docker run -p 6379:6379 redis:7`) or point CLUSTER_BROKER_URL at yours"
        ) from None


def metadata_database(warehouse_url: str, name: str) -> str:
    """Airflow's metadata database beside the warehouse on the same server (created if missing), as SQLAlchemy."""
    parts = urlsplit(warehouse_url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(parts._replace(scheme="postgresql+psycopg2", path=f"/{name}"))


def celery_overrides(metadata_url: str, broker_url: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Settings every component shares on top of `make ui`'s: the executor, broker, metadata and deployment."""
    return {
        "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": metadata_url,
        "AIRFLOW__CELERY__BROKER_URL": broker_url,
        "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + metadata_url,
        "AIRFLOW__CELERY__WORKER_CONCURRENCY": "1",  # two cores, two workers: one task each
        "PIPELINE_DEPLOYMENT": "1",
        **(extra or {}),
    }


def start_workers(cluster: Cluster, names: tuple[str, ...] = WORKERS) -> None:
    for name in names:
        env = {**cluster.airflow.env, "PIPELINE_WORKER_NAME": name,
               "AIRFLOW__CORE__HOSTNAME_CALLABLE": "pipeline.cluster.worker_hostname"}
        with cluster.worker_log(name).open("ab") as out:
            # Logs are written to the shared AIRFLOW_HOME, where the api-server reads them: no log server,
            # whose one port two workers on one machine would fight over.
            proc = subprocess.Popen(
                [str(Path(sys.executable).parent / "airflow"), "celery", "worker", "--celery-hostname",
                 f"{name}@%h", "--concurrency", env["AIRFLOW__CELERY__WORKER_CONCURRENCY"], "--skip-serve-logs",
                 "--without-gossip", "--without-mingle"],
                env=env, cwd=PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        cluster.workers[name] = proc
        cluster.airflow.processes[f"celery-{name}"] = proc  # checked and stopped with the other components


def wait_workers(cluster: Cluster, timeout: float = 120.0) -> None:
    """Block until every worker's log says it is ready to take tasks."""
    deadline = time.monotonic() + timeout
    pending = set(cluster.workers)
    while pending and time.monotonic() < deadline:
        ui.check_alive(cluster.airflow)
        pending = {n for n in pending if " ready." not in _text(cluster.worker_log(n))}
        time.sleep(1)
    if pending:
        raise ClusterError(f"Celery workers not ready after {timeout:.0f} s: {', '.join(sorted(pending))}"
                           f" (logs in {cluster.airflow.home / 'ui-logs'})")


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def start(warehouse_url: str, *, home: Path, broker_url: str = DEFAULT_BROKER, metadata_db: str = "airflow_cluster",
          port: int | None = None, overrides: dict[str, str] | None = None,
          workers: tuple[str, ...] = WORKERS) -> Cluster:
    """Migrate the warehouse (the init step), then start the four components and the workers."""
    from pipeline import db

    require_redis(broker_url)
    with db.connect(warehouse_url) as conn:
        db.migrate(conn)
    metadata_url = metadata_database(warehouse_url, metadata_db)
    airflow = ui.start(warehouse_url, home=home, port=port,
                       overrides=celery_overrides(metadata_url, broker_url, overrides))
    cluster = Cluster(airflow, broker_url)
    try:
        start_workers(cluster, workers)
    except BaseException:
        ui.stop(airflow)
        raise
    return cluster


def stop(cluster: Cluster) -> list[int]:
    return ui.stop(cluster.airflow)


def main() -> int:
    """`make cluster`: start everything, print where it is, run until Ctrl-C."""
    from pipeline import db

    home = Path(os.environ.get("AIRFLOW_HOME") or PROJECT_ROOT / ".airflow") / "cluster"
    broker = os.environ.get("CLUSTER_BROKER_URL", DEFAULT_BROKER)
    wanted = int(os.environ.get("AIRFLOW_UI_PORT") or ui.DEFAULT_PORT)
    port = wanted if ui.port_is_free(wanted) else ui.free_port()
    try:
        warehouse = db.database_url()
        print(f"Starting the Celery cluster in {home} (broker {broker}, warehouse {warehouse}) …", flush=True)
        cluster = start(warehouse, home=home, broker_url=broker, port=port)
    except (ClusterError, ui.UIError, db.DatabaseError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, ui._interrupt)
    try:
        ui.wait_ready(cluster.airflow)
        wait_workers(cluster)
        dags = ui._unpause_all(cluster.airflow)
        print(f"\nCelery cluster ready: {cluster.airflow.url}  (login admin / admin)\n"
              f"  workers: {', '.join(cluster.workers)}  broker: {broker}\n  DAGs: {', '.join(dags)}\n"
              f"  logs: {cluster.airflow.home / 'ui-logs'}\nCtrl-C stops it.", flush=True)
        while True:
            ui.check_alive(cluster.airflow)
            time.sleep(2)
    except KeyboardInterrupt:
        print("\nstopping the cluster …", flush=True)
    except (ClusterError, ui.UIError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        left = stop(cluster)
        if left:
            print(f"warning: processes still running: {left}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
