# Human interface: `make run` and `make test` (see README). CI runs `make test` through .ci/run.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
SEED_GUID ?= 2c99c3708e86832f

export AIRFLOW_HOME ?= $(CURDIR)/.airflow
export AIRFLOW__CORE__DAGS_FOLDER := $(CURDIR)/dags
export AIRFLOW__CORE__LOAD_EXAMPLES := False
export AIRFLOW__CORE__UNIT_TEST_MODE := False
export PYTHONWARNINGS ?= ignore::DeprecationWarning

.PHONY: venv run test lint bench docs airflow-db clean-db

# The virtual environment, built from the lock file; redone only when the lock changes.
$(VENV)/.synced: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet --disable-pip-version-check uv
	uv sync --frozen --python 3.11 --quiet
	@touch $@

venv: $(VENV)/.synced

airflow-db: venv
	@$(VENV)/bin/airflow db migrate >$(AIRFLOW_HOME).migrate.log 2>&1 || { tail -20 $(AIRFLOW_HOME).migrate.log; exit 1; }

run: venv airflow-db
	$(PY) -m pipeline db migrate
	$(VENV)/bin/airflow dags test wire_ingest > $(AIRFLOW_HOME)/last-run.log 2>&1 || { tail -40 $(AIRFLOW_HOME)/last-run.log; exit 1; }
	$(VENV)/bin/airflow dags test wire_checks >> $(AIRFLOW_HOME)/last-run.log 2>&1 || { tail -40 $(AIRFLOW_HOME)/last-run.log; exit 1; }
	$(PY) -m pipeline summary --document $(SEED_GUID)

test: venv
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Airflow on 127.0.0.1 with the project's DAGs, admin/admin and the pipeline connection; Ctrl-C stops it.
.PHONY: ui
ui: venv
	$(PY) -m pipeline.ui

# Airflow's CeleryExecutor on this machine: scheduler, dag-processor, api-server, triggerer and two Celery
# workers, each its own process on 127.0.0.1, Redis as the broker (CLUSTER_BROKER_URL, default
# redis://127.0.0.1:6379/0); Ctrl-C stops it.
.PHONY: cluster compose-env
cluster: venv
	$(PY) -m pipeline.cluster

# The compose's .env with generated secrets shared by every service (kept if it exists); CELERY=1 for workers.
compose-env: venv
	$(PY) deploy/make_env.py $(if $(CELERY),--celery)

# Synthetic corpus served over HTTP, paired measurements, end to end at 1k and 10k articles (see bench/).
# Quick run: make bench BENCH_ARGS="--articles 500"
bench: venv
	$(PY) -m bench.run $(BENCH_ARGS)

# Great Expectations Data Docs of the stored validations, served on 127.0.0.1:8765 (Ctrl-C stops).
docs: venv
	$(PY) -c "from pipeline.quality import build_docs; print(build_docs())"
	$(PY) -m http.server --directory gx/uncommitted/data_docs/local_site 8765 --bind 127.0.0.1

lint: venv
	$(VENV)/bin/ruff check .

clean-db:
	-$(PY) -m pipeline db stop
	rm -rf .pgdata .airflow
