"""docker-compose.yml and the Dockerfile, checked statically (no Docker engine runs here)."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
AIRFLOW_SERVICES = {"airflow-apiserver": "api-server", "airflow-scheduler": "scheduler",
                    "airflow-dag-processor": "dag-processor", "airflow-triggerer": "triggerer"}


def test_compose_has_the_official_airflow3_services_with_health_checks():
    for name, command in AIRFLOW_SERVICES.items():
        service = SERVICES[name]
        assert service["command"] == command
        assert "healthcheck" in service, f"{name} has no health check"
        assert service["depends_on"]["airflow-init"]["condition"] == "service_completed_successfully"
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert "healthcheck" in SERVICES["postgres"]


def test_compose_keeps_airflow_metadata_and_warehouse_in_separate_databases():
    env = SERVICES["airflow-scheduler"]["environment"]
    metadata = env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    warehouse = env["DATABASE_URL"]
    assert metadata.rsplit("/", 1)[1] == "airflow"
    assert warehouse.rsplit("/", 1)[1] == "wire"
    init_script = (ROOT / "deploy" / "postgres-init" / "10-warehouse.sh").read_text()
    assert "CREATE DATABASE wire" in init_script


def test_compose_init_migrates_both_databases():
    script = "\n".join(SERVICES["airflow-init"]["command"])
    assert "airflow db migrate" in script
    assert "python -m pipeline db migrate" in script


def test_compose_mounts_dags_and_logs_and_builds_the_project_image():
    volumes = SERVICES["airflow-scheduler"]["volumes"]
    assert "./dags:/opt/airflow/dags" in volumes
    assert any(v.endswith(":/opt/airflow/logs") for v in volumes)
    assert SERVICES["airflow-scheduler"]["build"] == "."


def test_celery_profile_scales_out_with_redis_and_workers():
    assert SERVICES["redis"]["profiles"] == ["celery"]
    worker = SERVICES["airflow-worker"]
    assert worker["profiles"] == ["celery"]
    assert worker["environment"]["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert worker["depends_on"]["redis"]["condition"] == "service_healthy"


def test_dockerfile_installs_from_the_lock_file_and_runs_unprivileged():
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11[\w.-]*$", text, re.M), "base image must be pinned to Python 3.11"
    assert "uv sync --frozen" in text
    assert re.search(r"^USER airflow$", text, re.M)
    assert "latest" not in text.split("FROM", 1)[1].splitlines()[0]
    assert "rm -rf /var/lib/apt/lists/*" in text
