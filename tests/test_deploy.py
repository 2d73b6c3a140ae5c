"""docker-compose.yml, the Dockerfile and the .env maker, checked statically (no Docker engine runs here):
the exact environment each service gets, once interpolated the way `docker compose` does with the `.env`
that `make compose-env` writes."""

from __future__ import annotations

import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cryptography.fernet import Fernet

from pipeline.config import _connection_url
from tests.conftest import ROOT

RAW = (ROOT / "docker-compose.yml").read_text()
AIRFLOW_SERVICES = {"airflow-apiserver": "api-server", "airflow-scheduler": "scheduler",
                    "airflow-dag-processor": "dag-processor", "airflow-triggerer": "triggerer"}
_VAR = re.compile(r"\$\$|\$\{(\w+)(?:(:?[-?])([^}]*))?\}")


def _interpolate(text: str, env: dict[str, str]) -> str:
    """Compose's substitution: ${V}, ${V:-default}, ${V:?error}; $$ is a literal $."""
    def sub(m: re.Match) -> str:
        if m.group(0) == "$$":
            return "$"
        name, op, arg = m.groups()
        value = env.get(name)
        if op in (":-", "-"):
            return value if value else arg
        if op in (":?", "?"):
            if not value:
                raise KeyError(f"{name}: {arg}")
            return value
        return value or ""
    return _VAR.sub(sub, text)


def _dotenv(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if line and not line.startswith("#"))


def _compose(env: dict[str, str]) -> dict:
    return yaml.safe_load(_interpolate(RAW, env))


def _make_env(tmp_path: Path, *flags: str) -> dict[str, str]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / ".env"
    subprocess.run([sys.executable, str(ROOT / "deploy" / "make_env.py"), "--path", str(path), *flags],
                   check=True, capture_output=True)
    return _dotenv(path)


def _active(services: dict, env: dict[str, str]) -> dict:
    profiles = set(filter(None, env.get("COMPOSE_PROFILES", "").split(",")))
    return {name: s for name, s in services.items() if not s.get("profiles") or set(s["profiles"]) & profiles}


@pytest.fixture(params=["local", "celery"])
def deployment(request, tmp_path) -> tuple[str, dict[str, str], dict]:
    env = _make_env(tmp_path, *(["--celery"] if request.param == "celery" else []))
    return request.param, env, _compose(env)["services"]


def _expected_env(env: dict[str, str], executor: str) -> dict[str, str]:
    return {
        "AIRFLOW__CORE__EXECUTOR": executor,
        "AIRFLOW__CORE__AUTH_MANAGER": "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "airflow:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": "/opt/airflow/state/passwords.json",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": "postgresql+psycopg2://airflow:airflow@postgres/airflow",
        "AIRFLOW__CELERY__RESULT_BACKEND": "db+postgresql+psycopg2://airflow:airflow@postgres/airflow",
        "AIRFLOW__CELERY__BROKER_URL": "redis://:@redis:6379/0",
        "AIRFLOW__CORE__FERNET_KEY": env["AIRFLOW_FERNET_KEY"],
        "AIRFLOW__API_AUTH__JWT_SECRET": env["AIRFLOW_JWT_SECRET"],
        "AIRFLOW__API__SECRET_KEY": env["AIRFLOW_API_SECRET_KEY"],
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "true",
        "AIRFLOW__CORE__LOAD_EXAMPLES": "false",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": "http://airflow-apiserver:8080/execution/",
        "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "true",
        "AIRFLOW_CONN_PIPELINE_DB": f"postgresql://wire:{env['WIRE_DB_PASSWORD']}@postgres:5432/wire",
        "PIPELINE_DEPLOYMENT": "1",
    }


def test_every_airflow_service_gets_exactly_the_shared_environment(deployment):
    kind, env, services = deployment
    executor = "CeleryExecutor" if kind == "celery" else "LocalExecutor"
    expected = _expected_env(env, executor)
    for name in AIRFLOW_SERVICES:
        assert services[name]["environment"] == expected, name
    assert services["airflow-init"]["environment"] == {
        **expected, "_AIRFLOW_WWW_USER_USERNAME": "airflow", "_AIRFLOW_WWW_USER_PASSWORD": "airflow"}
    assert services["airflow-worker"]["environment"] == {
        **expected, "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor", "DUMB_INIT_SETSID": "0"}


def test_the_celery_profile_runs_the_scheduler_on_celery_with_redis_and_workers(deployment):
    kind, env, services = deployment
    active = _active(services, env)
    if kind == "celery":
        assert {"redis", "airflow-worker"} <= set(active)
        assert {s["environment"]["AIRFLOW__CORE__EXECUTOR"] for n, s in active.items() if n.startswith("airflow")} \
            == {"CeleryExecutor"}
        assert services["airflow-worker"]["depends_on"]["redis"]["condition"] == "service_healthy"
    else:
        assert not {"redis", "airflow-worker"} & set(active)
        assert active["airflow-scheduler"]["environment"]["AIRFLOW__CORE__EXECUTOR"] == "LocalExecutor"


def test_the_compose_refuses_to_start_without_the_generated_secrets():
    with pytest.raises(KeyError, match="make compose-env"):
        _compose({})


def test_the_env_maker_generates_fresh_secrets_once_and_keeps_them(tmp_path):
    first = _make_env(tmp_path / "a")
    Fernet(first["AIRFLOW_FERNET_KEY"].encode())  # a valid key, or Airflow cannot encrypt connections
    assert len(first["AIRFLOW_JWT_SECRET"]) >= 48 and first["AIRFLOW_UID"] == "50000"
    assert stat.S_IMODE((tmp_path / "a" / ".env").stat().st_mode) == 0o600
    assert _make_env(tmp_path / "a") == first, "an existing .env is kept"
    other = _make_env(tmp_path / "b")
    assert {k: v for k, v in other.items() if k != "AIRFLOW_UID"}.keys() == \
        {k for k in first if k != "AIRFLOW_UID"}
    assert all(other[k] != first[k] for k in first if k != "AIRFLOW_UID")
    assert ".env" in (ROOT / ".gitignore").read_text().splitlines()


def test_the_warehouse_connection_names_the_wire_database_and_the_metadata_stays_apart(tmp_path):
    env = _make_env(tmp_path)
    common = _compose(env)["services"]["airflow-scheduler"]["environment"]
    warehouse = _connection_url(common["AIRFLOW_CONN_PIPELINE_DB"])
    assert warehouse.rsplit("/", 1)[1] == "wire" and "@postgres:5432/" in warehouse
    assert common["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].rsplit("/", 1)[1] == "airflow"
    assert "DATABASE_URL" not in common, "one way to name the warehouse in a deployment: the connection"
    init_script = (ROOT / "deploy" / "postgres-init" / "10-warehouse.sh").read_text()
    assert "CREATE DATABASE wire" in init_script


def test_migrations_and_the_pool_happen_in_the_init_service_only(tmp_path):
    services = _compose(_make_env(tmp_path))["services"]
    script = "\n".join(services["airflow-init"]["command"])
    assert "airflow db migrate" in script
    assert "python -m pipeline db migrate" in script
    assert "airflow pools set nlp 2" in script
    for name, service in services.items():
        if name != "airflow-init":
            assert "migrate" not in str(service.get("command", "")), name
    for name in AIRFLOW_SERVICES:
        assert services[name]["depends_on"]["airflow-init"]["condition"] == "service_completed_successfully"
    dag = (ROOT / "dags" / "wire_ingest.py").read_text()
    assert "migrate=False" in dag, "a DAG run never applies migrations"


def test_logs_and_state_belong_to_uid_50000(tmp_path):
    services = _compose(_make_env(tmp_path))["services"]
    for name in AIRFLOW_SERVICES:
        assert services[name]["user"] == "50000:0"
        assert "airflow-logs:/opt/airflow/logs" in services[name]["volumes"]
    script = "\n".join(services["airflow-init"]["command"])
    assert 'chown -R "50000:0" /opt/airflow/logs /opt/airflow/state' in script
    assert services["airflow-init"]["user"] == "0:0"
    docker = (ROOT / "Dockerfile").read_text()
    assert "useradd --create-home --uid 50000 --gid 0 airflow" in docker
    assert re.search(r"mkdir -p [^\n]*/opt/airflow/logs", docker)
    assert "chown -R airflow:0 /opt/airflow" in docker


def test_compose_has_the_official_airflow3_services_with_health_checks(tmp_path):
    services = _compose(_make_env(tmp_path))["services"]
    for name, command in AIRFLOW_SERVICES.items():
        assert services[name]["command"] == command
        assert "healthcheck" in services[name], f"{name} has no health check"
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert "./dags:/opt/airflow/dags" in services[name]["volumes"]
        assert services[name]["build"] == "."
    assert "healthcheck" in services["postgres"]


def test_dockerfile_installs_from_the_lock_file_and_runs_unprivileged():
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11[\w.-]*$", text, re.M), "base image must be pinned to Python 3.11"
    assert "uv sync --frozen" in text
    assert re.search(r"^USER airflow$", text, re.M)
    assert "latest" not in text.split("FROM", 1)[1].splitlines()[0]
    assert "rm -rf /var/lib/apt/lists/*" in text
