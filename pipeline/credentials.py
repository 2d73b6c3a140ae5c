"""Credentials of a source, from the Airflow connection it names (never from code or the sources file).

Inside an Airflow task the connection comes from Airflow (metadata database, secrets backend or
`AIRFLOW_CONN_<ID>`); on the command line from the `AIRFLOW_CONN_<ID>` environment variable (URI or JSON).
"""

from __future__ import annotations

import base64
import os


class CredentialsError(Exception):
    """The connection a source names cannot be found; the message says which and where it was looked for."""


def _connection(conn_id: str):
    from airflow.sdk import Connection

    env = os.environ.get(f"AIRFLOW_CONN_{conn_id.upper()}")
    if env:
        text = env.strip()
        return Connection.from_json(text, conn_id=conn_id) if text.startswith("{") else Connection.from_uri(
            text, conn_id=conn_id)
    try:
        return Connection.get(conn_id)
    except Exception as exc:  # no task context, or not defined: same answer for the user
        raise CredentialsError(
            f"connection {conn_id!r} not found (define it in Airflow or as AIRFLOW_CONN_{conn_id.upper()})"
        ) from exc


def auth_headers(conn_id: str | None) -> dict[str, str]:
    """HTTP headers for a source: Basic auth from login/password, Bearer from a password alone,
    plus any `headers` object in the connection's extra."""
    if not conn_id:
        return {}
    conn = _connection(conn_id)
    headers: dict[str, str] = {}
    if conn.login:
        pair = f"{conn.login}:{conn.password or ''}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
    elif conn.password:
        headers["Authorization"] = f"Bearer {conn.password}"
    extra = conn.extra_dejson.get("headers") or {}
    headers.update({str(k): str(v) for k, v in extra.items()})
    return headers
