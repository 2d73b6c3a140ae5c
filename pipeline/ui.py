"""Airflow for people: api-server, scheduler, dag-processor and triggerer on 127.0.0.1 with the project's DAGs.

`make ui` (or `python -m pipeline.ui`) starts the four processes, each in its own process group so that one
signal stops a component and every task process it spawned, and prints the URL and the login. The browser
test starts the same processes through `start` / `stop` with a private AIRFLOW_HOME.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from pipeline.config import PROJECT_ROOT

COMPONENTS = ("api-server", "scheduler", "dag-processor", "triggerer")
HEALTH_KEYS = ("metadatabase", "scheduler", "dag_processor", "triggerer")
DEFAULT_PORT = 8080


class UIError(Exception):
    """Airflow could not be started; the message says which component and where its log is."""


@dataclass
class AirflowUI:
    """A running local Airflow: where it lives, how to reach it, and its processes."""

    home: Path
    port: int
    username: str
    password: str
    env: dict[str, str]
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_file(self, component: str) -> Path:
        return self.home / "ui-logs" / f"{component}.log"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def connection_uri(database_url: str) -> str:
    """The pipeline database as an Airflow connection URI (Airflow maps `postgresql://` to conn_type postgres)."""
    scheme, sep, rest = database_url.partition("://")
    if not sep:
        raise UIError(f"not a database URL: {database_url!r}")
    if scheme.startswith("postgresql+") or scheme == "postgres":
        scheme = "postgresql"
    return f"{scheme}://{rest}"


def airflow_env(
    home: Path, port: int, database_url: str, username: str, password_file: Path,
    *, dags_folder: Path = PROJECT_ROOT / "dags", overrides: dict[str, str] | None = None,
) -> dict[str, str]:
    """Environment shared by every component: same home, secrets, API address, DAGs and pipeline database."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    url = f"http://127.0.0.1:{port}"
    env = {
        **base,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(dags_folder),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__CORE__PARALLELISM": "4",  # two cores: more task processes only contend
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
        "AIRFLOW__CORE__AUTH_MANAGER":
            "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{username}:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(password_file),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{url}/execution/",
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__API__BASE_URL": url,
        "AIRFLOW__API__WORKERS": "1",
        # Every component must sign and check the same tokens; a fresh pair per start is enough locally.
        "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(32),
        "AIRFLOW__API__SECRET_KEY": secrets.token_urlsafe(32),
        "AIRFLOW_CONN_PIPELINE_DB": connection_uri(database_url),
        "DATABASE_URL": database_url,
        "PYTHONWARNINGS": base.get("PYTHONWARNINGS", "ignore::DeprecationWarning"),
    }
    env.update(overrides or {})
    return env


def _airflow_bin() -> str:
    return str(Path(sys.executable).parent / "airflow")


def prepare(home: Path, env: dict[str, str], username: str, password: str, password_file: Path) -> None:
    """Write the known password and migrate Airflow's metadata database."""
    (home / "ui-logs").mkdir(parents=True, exist_ok=True)
    password_file.write_text(json.dumps({username: password}) + "\n", encoding="utf-8")
    password_file.chmod(0o600)
    log = home / "ui-logs" / "db-migrate.log"
    with log.open("wb") as out:
        done = subprocess.run([_airflow_bin(), "db", "migrate"], env=env, stdout=out, stderr=subprocess.STDOUT,
                              timeout=300)
    if done.returncode != 0:
        raise UIError(f"`airflow db migrate` failed (exit {done.returncode}); see {log}")
    create_pools(env, home / "ui-logs" / "pools.log")


def create_pools(env: dict[str, str], log: Path) -> None:
    """The `nlp` pool every extraction chunk runs in (the scheduler never queues a task of a missing pool)."""
    from pipeline.assets import NLP_POOL, NLP_POOL_SLOTS

    with log.open("wb") as out:
        done = subprocess.run([_airflow_bin(), "pools", "set", NLP_POOL, str(NLP_POOL_SLOTS),
                               "spaCy extraction chunks (ingestion first, then re-extraction)"],
                              env=env, stdout=out, stderr=subprocess.STDOUT, timeout=120)
    if done.returncode != 0:
        raise UIError(f"`airflow pools set {NLP_POOL}` failed (exit {done.returncode}); see {log}")


def start(
    database_url: str, *, home: Path, port: int | None = None, username: str = "admin", password: str = "admin",
    overrides: dict[str, str] | None = None,
) -> AirflowUI:
    """Migrate, then launch the four components; return at once (see `wait_ready`)."""
    home = home.resolve()
    home.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    password_file = home / "ui-passwords.json"
    env = airflow_env(home, port, database_url, username, password_file, overrides=overrides)
    ui = AirflowUI(home=home, port=port, username=username, password=password, env=env)
    prepare(home, env, username, password, password_file)
    try:
        for component in COMPONENTS:
            with ui.log_file(component).open("ab") as out:
                ui.processes[component] = subprocess.Popen(
                    [_airflow_bin(), component], env=env, cwd=PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL, start_new_session=True,
                )
    except BaseException:
        stop(ui)
        raise
    return ui


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def check_alive(ui: AirflowUI) -> None:
    """Raise with the end of its log if a component has exited."""
    for component, proc in ui.processes.items():
        if proc.poll() is not None:
            log = ui.log_file(component)
            raise UIError(f"airflow {component} exited with {proc.returncode}; see {log}:\n{_tail(log)}")


def health(ui: AirflowUI) -> dict[str, str]:
    """Status of each component as the API server reports it ({} while the server is not up)."""
    try:
        body = httpx.get(f"{ui.url}/api/v2/monitor/health", timeout=5).json()
    except (httpx.HTTPError, ValueError):
        return {}
    return {key: (body.get(key) or {}).get("status") or "unknown" for key in HEALTH_KEYS}


def wait_ready(ui: AirflowUI, timeout: float = 180.0) -> None:
    """Block until the API server answers and reports every component healthy."""
    deadline = time.monotonic() + timeout
    status: dict[str, str] = {}
    while time.monotonic() < deadline:
        check_alive(ui)
        status = health(ui)
        if status and all(v == "healthy" for v in status.values()):
            return
        time.sleep(1)
    raise UIError(f"Airflow not healthy after {timeout:.0f} s: {status or 'API server not answering'}"
                  f" (logs in {ui.home / 'ui-logs'})")


def api_token(ui: AirflowUI) -> str:
    """A REST API v2 bearer token for the admin user."""
    response = httpx.post(f"{ui.url}/auth/token", json={"username": ui.username, "password": ui.password},
                          timeout=10)
    response.raise_for_status()
    return response.json()["access_token"]


def _group_of(entry: Path) -> int | None:
    try:  # /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces, so split after it
        return int((entry / "stat").read_text().rsplit(")", 1)[1].split()[2])
    except (OSError, IndexError, ValueError):
        return None


def processes_of(home: Path, groups: tuple[int, ...] = ()) -> list[int]:
    """Ids of live processes started with this AIRFLOW_HOME or in one of these process groups.

    Both: the api-server rewrites its title over its environment block (setproctitle), so only its group
    identifies it, while a task process that opened a session of its own keeps only the environment.
    """
    marker = f"AIRFLOW_HOME={home}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            mine = marker in (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if mine or _group_of(entry) in groups:
            found.append(int(entry.name))
    return found


def stop(ui: AirflowUI, timeout: float = 20.0) -> list[int]:
    """Stop every component's process group (TERM, then KILL); return ids still alive afterwards."""
    # start_new_session made each component the leader of its group: pgid == pid. A group outlives its
    # leader while members remain, so every group is signalled, even that of a component already gone.
    groups = tuple(proc.pid for proc in ui.processes.values())
    for group in groups:
        _signal_group(group, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for proc in ui.processes.values():
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
    for group in groups:  # children that outlived a parent which exited on TERM
        _signal_group(group, signal.SIGKILL)
    for proc in ui.processes.values():
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)
    # A task process that opened a session of its own escapes the groups; it still carries our AIRFLOW_HOME.
    for pid in processes_of(ui.home, groups):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    return processes_of(ui.home, groups)


def _signal_group(group: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, sig)


def _unpause_all(ui: AirflowUI, timeout: float = 120.0) -> list[str]:
    """Unpause every DAG once the dag-processor has registered them (a DAG seen before may be paused)."""
    headers = {"Authorization": f"Bearer {api_token(ui)}"}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        dags = httpx.get(f"{ui.url}/api/v2/dags", headers=headers, params={"limit": 100}, timeout=10).json()
        if dags.get("dags"):
            break
        time.sleep(2)
    else:
        raise UIError(f"no DAG registered after {timeout:.0f} s; see {ui.log_file('dag-processor')}")
    for dag in dags["dags"]:
        if dag["is_paused"]:
            httpx.patch(f"{ui.url}/api/v2/dags/{dag['dag_id']}", headers=headers, json={"is_paused": False},
                        timeout=10).raise_for_status()
    return [dag["dag_id"] for dag in dags["dags"]]


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    """`make ui`: start Airflow in the foreground until Ctrl-C."""
    from pipeline import db

    home = Path(os.environ.get("AIRFLOW_HOME") or PROJECT_ROOT / ".airflow")
    wanted = int(os.environ.get("AIRFLOW_UI_PORT") or DEFAULT_PORT)
    port = wanted if port_is_free(wanted) else free_port()
    if port != wanted:
        print(f"port {wanted} is taken; using {port} (set AIRFLOW_UI_PORT to choose)")
    username = os.environ.get("AIRFLOW_UI_USER", "admin")
    password = os.environ.get("AIRFLOW_UI_PASSWORD", "admin")
    try:
        database_url = db.database_url()
        print(f"Starting Airflow in {home} (pipeline database {database_url}) …", flush=True)
        ui = start(database_url, home=home, port=port, username=username, password=password)
    except (UIError, db.DatabaseError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for sig in (signal.SIGTERM, signal.SIGHUP):  # a closed terminal or a `kill` stops the components too
        signal.signal(sig, _interrupt)
    try:
        wait_ready(ui)
        dags = _unpause_all(ui)
        print(
            f"\nAirflow is ready: {ui.url}\n  login: {username} / {password}\n  DAGs (unpaused): {', '.join(dags)}"
            f"\n  connection: pipeline_db → {database_url}\n  logs: {ui.home / 'ui-logs'}\nCtrl-C stops it.",
            flush=True,
        )
        while True:
            check_alive(ui)
            time.sleep(2)
    except KeyboardInterrupt:
        print("\nstopping Airflow …", flush=True)
    except (UIError, httpx.HTTPError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        left = stop(ui)
        if left:
            print(f"warning: processes still running: {left}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
