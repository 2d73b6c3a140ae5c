"""A source's credentials come from the Airflow connection it names, and reach the feed server as headers."""

from __future__ import annotations

import base64

import psycopg
from werkzeug import Response

from pipeline import jobs, load
from pipeline.credentials import auth_headers
from tests.conftest import ROOT

FEED = (ROOT / "seeds" / "belga-fr.rss.xml").read_bytes()


def test_auth_headers_from_a_uri_or_json_connection(monkeypatch):
    monkeypatch.setenv("AIRFLOW_CONN_WIRE_BASIC", "http://reader:s%40cret@feeds.example")
    assert auth_headers("wire_basic") == {"Authorization": "Basic " + base64.b64encode(b"reader:s@cret").decode()}
    monkeypatch.setenv("AIRFLOW_CONN_WIRE_TOKEN",
                       '{"conn_type": "http", "password": "t0k", "extra": {"headers": {"X-Api-Key": "k1"}}}')
    assert auth_headers("wire_token") == {"Authorization": "Bearer t0k", "X-Api-Key": "k1"}
    assert auth_headers(None) == {}


def test_fetch_sends_the_connection_credentials_and_records_a_missing_connection(httpserver, database_url,
                                                                                 monkeypatch):
    expected = "Basic " + base64.b64encode(b"reader:pw").decode()

    def handler(request):
        if request.headers.get("Authorization") != expected:
            return Response("no", status=401)
        return Response(FEED, content_type="application/rss+xml")

    httpserver.expect_request("/private.xml").respond_with_handler(handler)
    url = httpserver.url_for("/private.xml")
    with psycopg.connect(database_url) as conn:
        source = load.upsert_source(conn, "private-feed", url, conn_id="wire_private", enabled=False)
        batch = load.open_batch(conn, "credentials-run", "cred-v")
        missing = load.open_batch(conn, "credentials-run-missing", "cred-v")
        conn.commit()

    monkeypatch.delenv("AIRFLOW_CONN_WIRE_PRIVATE", raising=False)
    jobs.fetch_source(missing, source)
    monkeypatch.setenv("AIRFLOW_CONN_WIRE_PRIVATE", "http://reader:pw@feeds.example")
    jobs.fetch_source(batch, source)

    with psycopg.connect(database_url) as conn:
        rows = dict(conn.execute(
            "SELECT batch_id, (status, http_status, error) FROM fetches WHERE source_id = %s", (source,)
        ).fetchall())
    assert rows[batch][:2] == ("ok", "200")  # a composite row comes back as text fields
    assert rows[missing][0] == "error" and "wire_private" in rows[missing][2]
    assert "pw" not in rows[missing][2]
