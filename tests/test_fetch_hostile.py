"""Hostile and broken servers on 127.0.0.1: every case ends in a clean FetchResult, never an exception.

pytest-httpserver plays well-formed HTTP; a raw socket server of our own plays what it cannot (answers that
never come, bodies that drip, lie about their length or never end).
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http import HTTPStatus
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from pipeline.fetch import FetchSettings, backoff_delay, fetch, retry_after_seconds

FEED = Path(__file__).resolve().parent.parent / "seeds" / "belga-fr.rss.xml"
FAST = FetchSettings(
    allow_hosts=frozenset({"127.0.0.1:*", "localhost:*"}),
    max_bytes=5 * 1024 * 1024,
    connect_timeout_s=1.0,
    read_timeout_s=1.0,
    total_timeout_s=10.0,
    max_attempts=4,
    backoff_base_s=0.01,
    backoff_cap_s=0.04,
)


class RawServer:
    """A TCP server on 127.0.0.1 whose every connection runs `handle(conn)` in a thread of its own."""

    def __init__(self, handle: Callable[[socket.socket], None]) -> None:
        self.handle = handle
        self.connections = 0
        self.sent = 0  # bytes the handler managed to write (see send)
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def url(self, path: str = "/feed") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _accept(self) -> None:
        self.sock.settimeout(0.1)
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            try:
                read_request(conn)
                self.handle(conn)
            except OSError:  # the client hung up: that is what most of these tests want
                pass

    def send(self, conn: socket.socket, data: bytes) -> None:
        conn.sendall(data)
        self.sent += len(data)

    def close(self) -> None:
        self.stopping.set()
        self.sock.close()
        self.thread.join(timeout=2)


def read_request(conn: socket.socket) -> bytes:
    conn.settimeout(5)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


@pytest.fixture
def raw_server() -> Iterator[Callable[[Callable[[socket.socket], None]], RawServer]]:
    servers: list[RawServer] = []

    def start(handle: Callable[[socket.socket], None]) -> RawServer:
        servers.append(RawServer(handle))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def _headers(status: str = "200 OK", **fields: str) -> bytes:
    lines = [f"HTTP/1.1 {status}"] + [f"{k.replace('_', '-')}: {v}" for k, v in fields.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _one_line_error(result) -> str:
    assert result.status == "error" and result.body is None
    assert result.error and "\n" not in result.error
    return result.error


# --- timeouts ------------------------------------------------------------------------------------------


def test_server_that_never_answers_times_out_and_is_retried(raw_server):
    server = raw_server(lambda conn: time.sleep(3))
    started = time.monotonic()
    result = fetch(server.url(), settings=replace(FAST, read_timeout_s=0.2, max_attempts=2))
    error = _one_line_error(result)
    assert "ReadTimeout" in error and "after 2 attempts" in error
    assert result.attempts == 2 and server.connections == 2
    assert time.monotonic() - started < 1.5


def test_connect_timeout_when_the_listen_queue_is_full():
    # A listening socket that never accepts, its backlog filled: the kernel drops further SYNs.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    try:
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        time.sleep(0.05)
        result = fetch(
            f"http://127.0.0.1:{port}/", settings=replace(FAST, connect_timeout_s=0.2, max_attempts=2)
        )
    finally:
        for filler in fillers:
            filler.close()
        listener.close()
    error = _one_line_error(result)
    assert "Timeout" in error or "ConnectError" in error
    assert result.attempts == 2


def test_slow_drip_body_is_cut_by_the_total_deadline(raw_server):
    def drip(conn: socket.socket) -> None:
        server.send(conn, _headers(Content_Type="application/rss+xml", Content_Length="100000"))
        server.send(conn, b"<?xml version='1.0'?><rss version='2.0'><channel>")
        for _ in range(1000):  # one byte every 20 ms: each read is quick, the whole would take 2000 s
            server.send(conn, b" ")
            time.sleep(0.02)

    server = raw_server(drip)
    started = time.monotonic()
    result = fetch(server.url(), settings=replace(FAST, total_timeout_s=0.8, read_timeout_s=0.5))
    elapsed = time.monotonic() - started
    error = _one_line_error(result)
    assert "total deadline" in error and result.attempts == 1
    assert 0.7 < elapsed < 2.0


# --- retries -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "failures", [[500], [502, 503], [500, 502, 503]], ids=["500", "502-503", "500-502-503"]
)
def test_server_errors_are_retried_until_success(httpserver: HTTPServer, failures):
    for code in failures:
        httpserver.expect_oneshot_request("/feed").respond_with_data("busy", status=code)
    httpserver.expect_request("/feed").respond_with_data(
        FEED.read_bytes(), content_type="application/rss+xml"
    )
    result = fetch(httpserver.url_for("/feed"), settings=FAST)
    assert (result.status, result.http_status, result.error) == ("ok", 200, None)
    assert result.attempts == len(failures) + 1 == len(httpserver.log)
    assert [line.split(";")[0] for line in result.failed_attempts] == [
        f"attempt {n}: HTTP {code} {HTTPStatus(code).phrase.upper()}"
        for n, code in enumerate(failures, start=1)
    ]
    assert all("retried after" in line for line in result.failed_attempts)
    assert result.body == FEED.read_bytes()


def test_persistent_503_gives_up_after_max_attempts(httpserver: HTTPServer):
    httpserver.expect_request("/feed").respond_with_data("down", status=503)
    result = fetch(httpserver.url_for("/feed"), settings=replace(FAST, max_attempts=3))
    error = _one_line_error(result)
    assert error == "HTTP 503 SERVICE UNAVAILABLE (after 3 attempts)"
    assert result.attempts == 3 == len(httpserver.log) and result.http_status == 503
    assert (
        len(result.failed_attempts) == 3
        and result.failed_attempts[-1] == "attempt 3: HTTP 503 SERVICE UNAVAILABLE"
    )


@pytest.mark.parametrize("code", [400, 401, 403, 404, 410, 451])
def test_client_errors_are_final_without_retry(httpserver: HTTPServer, code):
    httpserver.expect_request("/feed").respond_with_data("no", status=code)
    result = fetch(httpserver.url_for("/feed"), settings=FAST)
    error = _one_line_error(result)
    assert error.startswith(f"HTTP {code}") and "attempt" not in error
    assert result.attempts == 1 == len(httpserver.log) and result.http_status == code


def test_retry_after_seconds_is_waited_for(httpserver: HTTPServer):
    httpserver.expect_oneshot_request("/feed").respond_with_response(
        Response("slow down", status=429, headers={"Retry-After": "1"})
    )
    httpserver.expect_request("/feed").respond_with_data("<rss version='2.0'/>")
    started = time.monotonic()
    result = fetch(httpserver.url_for("/feed"), settings=FAST)
    assert result.status == "ok" and result.attempts == 2
    assert time.monotonic() - started >= 1.0


def test_retry_after_beyond_the_cap_is_not_retried_in_this_run(httpserver: HTTPServer):
    httpserver.expect_request("/feed").respond_with_response(
        Response("maintenance", status=503, headers={"Retry-After": "3600"})
    )
    started = time.monotonic()
    result = fetch(httpserver.url_for("/feed"), settings=replace(FAST, retry_after_cap_s=60))
    error = _one_line_error(result)
    assert "retry in 3600 s, over the 60 s cap" in error
    assert result.attempts == 1 and time.monotonic() - started < 1


def test_retry_after_as_http_date_and_garbage():
    now = datetime(2020, 1, 7, 10, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds(format_datetime(now + timedelta(seconds=90), usegmt=True), now=now) == 90
    assert retry_after_seconds(format_datetime(now - timedelta(hours=1), usegmt=True), now=now) == 0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_backoff_doubles_with_jitter_and_stays_under_the_cap():
    settings = FetchSettings(backoff_base_s=1.0, backoff_cap_s=5.0)
    for attempt, ceiling in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 5.0), (10, 5.0)]:
        delays = {backoff_delay(attempt, settings) for _ in range(50)}
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(delays) > 1  # jittered


def test_connection_dropped_mid_body_is_retried_then_reported(raw_server):
    def short(conn: socket.socket) -> None:
        server.send(conn, _headers(Content_Length="10000") + b"<rss version='2.0'>" + b" " * 100)

    server = raw_server(short)
    result = fetch(server.url(), settings=replace(FAST, max_attempts=2))
    error = _one_line_error(result)
    assert "RemoteProtocolError" in error and result.attempts == 2 == server.connections


# --- status codes and redirects --------------------------------------------------------------------------


def test_not_modified_is_one_attempt_and_no_body(httpserver: HTTPServer):
    httpserver.expect_request("/feed", headers={"If-None-Match": '"v7"'}).respond_with_response(
        Response(status=304, headers={"ETag": '"v7"'})
    )
    result = fetch(httpserver.url_for("/feed"), etag='"v7"', settings=FAST)
    assert (result.status, result.http_status, result.body, result.attempts) == ("not_modified", 304, None, 1)


def test_redirect_loop_is_an_error_not_a_retry(httpserver: HTTPServer):
    httpserver.expect_request("/a").respond_with_response(Response(status=302, headers={"Location": "/b"}))
    httpserver.expect_request("/b").respond_with_response(Response(status=301, headers={"Location": "/a"}))
    result = fetch(httpserver.url_for("/a"), settings=replace(FAST, max_redirects=4))
    assert "too many redirects" in _one_line_error(result)
    assert result.attempts == 1 and len(httpserver.log) == 5


# --- bodies ----------------------------------------------------------------------------------------------


def test_gzip_and_deflate_bodies_are_decoded(httpserver: HTTPServer):
    data = FEED.read_bytes()
    httpserver.expect_request("/gz").respond_with_data(
        gzip.compress(data), headers={"Content-Encoding": "gzip"}
    )
    httpserver.expect_request("/zlib").respond_with_data(
        zlib.compress(data), headers={"Content-Encoding": "deflate"}
    )
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    httpserver.expect_request("/raw").respond_with_data(
        raw.compress(data) + raw.flush(), headers={"Content-Encoding": "deflate"}
    )
    for path in ("/gz", "/zlib", "/raw"):
        result = fetch(httpserver.url_for(path), settings=FAST)
        assert result.status == "ok" and result.body == data, path
    request, _ = httpserver.log[0]
    assert request.headers["Accept-Encoding"] == "gzip, deflate"


def test_truncated_gzip_is_a_clean_error_not_a_short_feed(httpserver: HTTPServer):
    packed = gzip.compress(FEED.read_bytes())
    httpserver.expect_request("/feed").respond_with_data(
        packed[: len(packed) // 2], headers={"Content-Encoding": "gzip"}
    )
    result = fetch(httpserver.url_for("/feed"), settings=FAST)
    assert "truncated gzip body" in _one_line_error(result) and result.attempts == 1


def test_corrupt_gzip_and_unknown_encoding_are_clean_errors(httpserver: HTTPServer):
    httpserver.expect_request("/bad").respond_with_data(
        b"\x1f\x8b\x08\x00garbage-garbage", headers={"Content-Encoding": "gzip"}
    )
    httpserver.expect_request("/br").respond_with_data(b"\x00\x01", headers={"Content-Encoding": "br"})
    assert "corrupt gzip body" in _one_line_error(fetch(httpserver.url_for("/bad"), settings=FAST))
    assert "unsupported Content-Encoding 'br'" in _one_line_error(
        fetch(httpserver.url_for("/br"), settings=FAST)
    )


def _fifty_megabytes(server_ref: list, declare_length: bool) -> Callable[[socket.socket], None]:
    total, block = 50 * 1024 * 1024, b"<p>" + b"x" * 65533

    def handle(conn: socket.socket) -> None:
        server = server_ref[0]
        length = {"Content_Length": str(total)} if declare_length else {"Connection": "close"}
        server.send(conn, _headers(Content_Type="application/rss+xml", **length))
        for _ in range(total // len(block)):
            server.send(conn, block)

    return handle


@pytest.mark.parametrize("declare_length", [True, False], ids=["content-length", "no-length"])
def test_fifty_megabyte_body_is_refused_while_streaming(raw_server, declare_length):
    ref: list = []
    server = raw_server(_fifty_megabytes(ref, declare_length))
    ref.append(server)
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = fetch(server.url(), settings=FAST)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "response too large" in _one_line_error(result) and result.attempts == 1
    assert peak < 3 * FAST.max_bytes  # the cap, not the 50 MB, bounds memory
    time.sleep(0.1)
    assert server.sent < 20 * 1024 * 1024  # the client hung up long before the end
    assert time.monotonic() - started < 3


def test_gzip_bomb_is_stopped_at_the_cap_on_decoded_bytes(httpserver: HTTPServer):
    bomb = gzip.compress(b"\0" * (30 * 1024 * 1024), compresslevel=6)  # ~30 KB on the wire
    httpserver.expect_request("/bomb").respond_with_data(bomb, headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        result = fetch(httpserver.url_for("/bomb"), settings=FAST)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "response too large" in _one_line_error(result)
    assert peak < 3 * FAST.max_bytes


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1",
        "http://127.0.0.1:9/\x00x",
        "http://127.0.0.1:99999/x",
        "http:///nohost",
        "gopher://127.0.0.1/",
    ],
)
def test_unusable_urls_are_one_line_errors(url):
    result = fetch(url, settings=FAST)
    _one_line_error(result)
    assert result.attempts <= 1
