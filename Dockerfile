# Image for every Airflow service of docker-compose.yml: the project installed from its lock file.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_COMPILE_BYTECODE=1 \
    PATH=/opt/venv/bin:$PATH \
    AIRFLOW_HOME=/opt/airflow

RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir uv==0.13.9 \
    && useradd --create-home --uid 50000 --gid 0 airflow \
    && mkdir -p /opt/airflow/state /opt/airflow/logs /opt/project \
    && chown -R airflow:0 /opt/airflow /opt/project

WORKDIR /opt/project
COPY --chown=airflow:0 pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY --chown=airflow:0 pipeline ./pipeline
COPY --chown=airflow:0 sql ./sql
COPY --chown=airflow:0 seeds ./seeds
COPY --chown=airflow:0 dags /opt/airflow/dags
# Named volumes start as a copy of the image folder they mount over: logs and state exist above, owned by
# uid 50000, so the airflow-logs volume is too (the init service chowns them again for bind mounts).
RUN uv sync --frozen --no-dev

USER airflow
EXPOSE 8080
ENTRYPOINT ["airflow"]
CMD ["version"]
