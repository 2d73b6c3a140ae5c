"""Fetch stage against a real HTTP server on 127.0.0.1 and the local file system."""

from __future__ import annotations

import gzip
from dataclasses import replace
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from pipeline.fetch import FetchError, FetchSettings, fetch, pinned_request
from pipeline.parse import parse_feed, parse_path

ROOT = Path(__file__).resolve().parent.parent
FEED = ROOT / "seeds" / "belga-fr.rss.xml"
# Loopback allowed, and retries quick so that tests of failing servers stay fast.
LOCAL = FetchSettings(
    allow_hosts=frozenset({"127.0.0.1:*", "localhost:*"}), max_attempts=2, backoff_base_s=0.01, backoff_cap_s=0.02
)


def _summary(result):
    return [(i.guid, i.version, i.body, i.published, i.title, i.language, i.source) for i in result.items]


def test_feed_served_over_http_fetches_and_parses_like_the_file(httpserver: HTTPServer):
    httpserver.expect_request("/rss/fr").respond_with_data(
        FEED.read_bytes(),
        content_type="application/rss+xml; charset=utf-8",
        headers={"ETag": '"v1"', "Last-Modified": "Fri, 10 Jan 2020 12:05:00 GMT"},
    )
    url = httpserver.url_for("/rss/fr")
    result = fetch(url, settings=LOCAL)
    assert (result.status, result.http_status, result.error) == ("ok", 200, None)
    assert result.etag == '"v1"' and result.last_modified == "Fri, 10 Jan 2020 12:05:00 GMT"
    assert result.body == FEED.read_bytes() and result.elapsed_s >= 0
    assert _summary(parse_feed(result.body, url=url)) == _summary(parse_path(FEED))


def test_request_says_who_we_are_and_accepts_feeds(httpserver: HTTPServer):
    httpserver.expect_request("/feed").respond_with_data("<rss/>")
    fetch(httpserver.url_for("/feed"), settings=LOCAL)
    request, _ = httpserver.log[0]
    assert request.headers["User-Agent"].startswith("wire-pipeline/")
    assert "application/rss+xml" in request.headers["Accept"]


def test_conditional_get_sends_validators_and_304_is_not_modified(httpserver: HTTPServer):
    httpserver.expect_request(
        "/feed", headers={"If-None-Match": '"v1"', "If-Modified-Since": "Fri, 10 Jan 2020 12:05:00 GMT"}
    ).respond_with_response(Response(status=304, headers={"ETag": '"v1"'}))
    result = fetch(
        httpserver.url_for("/feed"),
        etag='"v1"',
        last_modified="Fri, 10 Jan 2020 12:05:00 GMT",
        settings=LOCAL,
    )
    assert (result.status, result.http_status, result.body) == ("not_modified", 304, None)
    assert result.etag == '"v1"' and result.last_modified == "Fri, 10 Jan 2020 12:05:00 GMT"


def test_body_larger_than_the_cap_is_an_error(httpserver: HTTPServer):
    httpserver.expect_request("/big").respond_with_data(b"x" * 5000)
    result = fetch(httpserver.url_for("/big"), settings=replace(LOCAL, max_bytes=1000))
    assert result.status == "error" and result.body is None
    assert "too large" in result.error


def test_streamed_body_without_length_is_cut_at_the_cap(httpserver: HTTPServer):
    def chunks():
        for _ in range(50):
            yield b"y" * 1000

    httpserver.expect_request("/stream").respond_with_response(Response(chunks(), mimetype="application/xml"))
    result = fetch(httpserver.url_for("/stream"), settings=replace(LOCAL, max_bytes=10_000))
    assert result.status == "error" and "too large" in result.error


def test_gzip_bomb_is_capped_on_decoded_size(httpserver: HTTPServer):
    httpserver.expect_request("/gz").respond_with_data(
        gzip.compress(b"\0" * 2_000_000), headers={"Content-Encoding": "gzip"}
    )
    result = fetch(httpserver.url_for("/gz"), settings=replace(LOCAL, max_bytes=100_000))
    assert result.status == "error" and "too large" in result.error


def test_loopback_is_refused_without_allow_list(httpserver: HTTPServer):
    httpserver.expect_request("/feed").respond_with_data("<rss/>")
    result = fetch(httpserver.url_for("/feed"), settings=FetchSettings(allow_hosts=frozenset()))
    assert result.status == "error" and "non-public address" in result.error
    assert len(httpserver.log) == 0


@pytest.mark.parametrize(
    "url", ["http://10.1.2.3/feed", "http://169.254.169.254/latest/meta-data", "http://[::1]/"]
)
def test_private_and_link_local_addresses_are_refused(url):
    result = fetch(url, settings=FetchSettings(allow_hosts=frozenset()))
    assert result.status == "error" and "non-public address" in result.error


def test_allow_list_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("PIPELINE_FETCH_ALLOW_HOSTS", " feeds.internal , 127.0.0.1")
    assert FetchSettings().allow_hosts == frozenset({"feeds.internal", "127.0.0.1"})


def test_redirect_is_followed_and_each_hop_is_checked(httpserver: HTTPServer):
    httpserver.expect_request("/old").respond_with_response(
        Response(status=301, headers={"Location": "/new"})
    )
    httpserver.expect_request("/new").respond_with_data("<rss version='2.0'/>")
    result = fetch(httpserver.url_for("/old"), settings=LOCAL)
    assert result.status == "ok" and result.url == httpserver.url_for("/new")

    httpserver.expect_request("/leak").respond_with_response(
        Response(status=302, headers={"Location": "http://169.254.169.254/latest/meta-data"})
    )
    result = fetch(httpserver.url_for("/leak"), settings=LOCAL)
    assert result.status == "error" and "non-public address" in result.error


def test_redirect_loop_stops(httpserver: HTTPServer):
    httpserver.expect_request("/loop").respond_with_response(
        Response(status=302, headers={"Location": "/loop"})
    )
    result = fetch(httpserver.url_for("/loop"), settings=replace(LOCAL, max_redirects=3))
    assert result.status == "error" and "too many redirects" in result.error
    assert len(httpserver.log) == 4


def test_http_error_status_is_an_error_result(httpserver: HTTPServer):
    httpserver.expect_request("/gone").respond_with_data("nope", status=404)
    result = fetch(httpserver.url_for("/gone"), settings=LOCAL)
    assert (result.status, result.http_status, result.error) == ("error", 404, "HTTP 404 NOT FOUND")
    with pytest.raises(FetchError, match="HTTP 404"):
        result.raise_for_error()


def test_connection_failure_never_raises():
    # Port 9 (discard) on loopback: nothing listens there in these environments.
    result = fetch("http://127.0.0.1:9/feed", settings=LOCAL)
    assert result.status == "error" and "\n" not in result.error


def test_slow_server_times_out(httpserver: HTTPServer):
    import time

    def slow(_request):
        time.sleep(1.0)
        return Response("<rss/>")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    settings = replace(LOCAL, read_timeout_s=0.2, max_attempts=1)
    result = fetch(httpserver.url_for("/slow"), settings=settings)
    assert result.status == "error" and "Timeout" in result.error


def test_local_path_and_file_url_read_the_file():
    by_path = fetch(str(FEED))
    by_url = fetch(FEED.as_uri())
    assert by_path.status == by_url.status == "ok"
    assert by_path.body == by_url.body == FEED.read_bytes()
    assert by_path.last_modified


def test_unchanged_local_file_is_not_modified():
    first = fetch(str(FEED))
    again = fetch(str(FEED), last_modified=first.last_modified)
    assert again.status == "not_modified" and again.body is None


def test_missing_or_oversized_local_file_is_an_error(tmp_path):
    missing = fetch(str(tmp_path / "absent.xml"))
    assert missing.status == "error" and "cannot read file" in missing.error
    big = tmp_path / "big.xml"
    big.write_bytes(b"x" * 2000)
    assert "too large" in fetch(str(big), settings=FetchSettings(max_bytes=100)).error


def test_unsupported_scheme_is_an_error():
    result = fetch("ftp://example.org/feed.xml")
    assert result.status == "error" and "unsupported URL scheme" in result.error


def test_request_goes_to_the_checked_address_with_the_original_host_header(httpserver: HTTPServer):
    httpserver.expect_request("/feed").respond_with_data("<rss version='2.0'/>")
    url = f"http://localhost:{httpserver.port}/feed"
    result = fetch(url, settings=FetchSettings(allow_hosts=frozenset({f"localhost:{httpserver.port}"})))
    assert result.status == "ok" and result.url == url
    request, _ = httpserver.log[0]
    assert request.headers["Host"] == f"localhost:{httpserver.port}"


def test_pinned_https_request_keeps_the_server_name_for_tls():
    pinned, headers, extensions = pinned_request("https://feeds.example.org/rss?x=1", "2001:db8::7")
    assert pinned == "https://[2001:db8::7]/rss?x=1"
    assert headers == {"Host": "feeds.example.org"}
    assert extensions == {"sni_hostname": "feeds.example.org"}
