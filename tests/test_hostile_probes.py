"""The hostile-input probes of issue 13, each against a real local server, a real file or a real run:
entity bombs hidden by an encoding, credentials following redirects, header drips past the deadline, IPv4
addresses hidden in IPv6 forms, host-and-port allow-lists, and local files that are not documents."""

from __future__ import annotations

import os
import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import replace

import pytest
from pytest_httpserver import HTTPServer

from pipeline.fetch import FetchSettings, destination_allowed, embedded_ipv4, fetch, origin
from pipeline.parse import FeedError, parse_feed, parse_path
from tests.conftest import ROOT, run_cli

RSS = ROOT / "seeds" / "belga-fr.rss.xml"
LOCAL = FetchSettings(allow_hosts=frozenset({"127.0.0.1:*", "localhost:*"}), max_attempts=1)
CREDENTIALS = {"Authorization": "Bearer s3cr3t-token", "X-Api-Key": "k3y-123"}


# --- 1. entity bombs hidden by the encoding ------------------------------------------------------------------


def _bomb(levels: int, fanout: int, root: str = "rss") -> str:
    entities = ['<!ENTITY e0 "' + "lol" * 10 + '">']
    for level in range(1, levels + 1):
        entities.append(f'<!ENTITY e{level} "' + f"&e{level - 1};" * fanout + '">')
    body = (
        f"<{root} version='2.0'><channel><title>t</title><item><title>&e{levels};</title><guid>b1</guid>"
        f"<description>x</description></item></channel></{root}>"
        if root == "rss"
        else f"<NewsML><NewsItem><Identification><NewsIdentifier><ProviderId>p</ProviderId><DateId>1</DateId>"
        f"<NewsItemId>b1</NewsItemId><RevisionId>1</RevisionId></NewsIdentifier></Identification><NewsComponent>"
        f"<NewsLines><HeadLine>&e{levels};</HeadLine></NewsLines></NewsComponent></NewsItem></NewsML>"
    )
    return f"<!DOCTYPE {root} [{''.join(entities)}]>{body}"


def utf7_bomb(levels: int = 3, fanout: int = 10, root: str = "rss") -> bytes:
    """The bomb in UTF-7, with every '<!' of a declaration written in UTF-7's base64 form ('+ADwAIQ-')."""
    text = _bomb(levels, fanout, root)
    data = b'<?xml version="1.0" encoding="UTF-7"?>' + text.encode("utf-7").replace(b"<!ENTITY", b"+ADwAIQ-ENTITY")
    assert b"<!ENTITY" not in data and "<!ENTITY" in data.decode("utf-7")
    return data


def iso2022_bomb(levels: int = 3, fanout: int = 10) -> bytes:
    """The bomb in ISO-2022-JP, a no-op escape to ASCII ('ESC ( B') splitting every '<!ENTITY'."""
    text = _bomb(levels, fanout)
    data = b'<?xml version="1.0" encoding="ISO-2022-JP"?>' + text.encode("iso2022_jp").replace(
        b"<!ENTITY", b"<!ENT\x1b(BITY"
    )
    assert b"<!ENTITY" not in data and "<!ENTITY" in data.decode("iso2022_jp")
    return data


@pytest.mark.parametrize("make", [utf7_bomb, iso2022_bomb], ids=["utf-7", "iso-2022-jp"])
def test_entity_bomb_hidden_by_the_encoding_is_refused_from_a_file(tmp_path, make):
    path = tmp_path / "bomb.xml"
    path.write_bytes(make())
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_path(path)


def test_utf7_entity_bomb_in_newsml_is_refused_too():
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(utf7_bomb(root="NewsML"))


@pytest.mark.parametrize("make", [utf7_bomb, iso2022_bomb], ids=["utf-7", "iso-2022-jp"])
def test_full_size_entity_bomb_served_over_http_is_refused_in_bounded_memory(httpserver: HTTPServer, make):
    data = make(levels=7, fanout=10)  # 10^7 expansions of 30 characters: gigabytes if ever expanded
    assert len(data) < 100_000
    httpserver.expect_request("/feed").respond_with_data(data, content_type="application/rss+xml")
    body = fetch(httpserver.url_for("/feed"), settings=LOCAL).body
    tracemalloc.start()
    try:
        with pytest.raises(FeedError, match="declares XML entities"):
            parse_feed(body)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * len(data) + 5_000_000, peak


def test_defusedxml_is_the_guard_on_the_decoded_prolog():
    from pipeline.parse import xmlsafe

    assert xmlsafe.DefusedXMLParser.__module__.startswith("defusedxml")
    # An internal entity written where the pattern check alone might not see it as one still trips defusedxml.
    with pytest.raises(FeedError, match="declares XML entities"):
        xmlsafe.refuse_entity_declarations(b'<!DOCTYPE a [<!ENTITY % p "x">]><a/>', allow_external_dtd=True)
    xmlsafe.refuse_entity_declarations(b'<!DOCTYPE a [<!ENTITY % p SYSTEM "p.dtd"> %p;]><a/>', allow_external_dtd=True)
    with pytest.raises(FeedError):
        xmlsafe.refuse_entity_declarations(b'<!DOCTYPE a [<!ENTITY % p SYSTEM "p.dtd">]><a/>', allow_external_dtd=False)


# --- 2. credentials and redirects ----------------------------------------------------------------------------


@pytest.fixture
def other_server() -> Iterator[HTTPServer]:
    """A second server: same host, another port, so another origin."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


def test_credentials_are_not_sent_to_another_origin_after_a_redirect(httpserver: HTTPServer, other_server):
    other_server.expect_request("/landing").respond_with_data(RSS.read_bytes(), content_type="application/rss+xml")
    httpserver.expect_request("/feed").respond_with_data(
        "", status=302, headers={"Location": other_server.url_for("/landing")}
    )
    result = fetch(httpserver.url_for("/feed"), settings=replace(LOCAL, extra_headers=CREDENTIALS))
    assert result.status == "ok", result.error
    first, _ = httpserver.log[0]
    landed, _ = other_server.log[0]
    assert first.headers["Authorization"] == "Bearer s3cr3t-token" and first.headers["X-Api-Key"] == "k3y-123"
    assert "Authorization" not in landed.headers and "X-Api-Key" not in landed.headers
    assert landed.headers["User-Agent"].startswith("wire-pipeline/")


def test_credentials_stay_on_a_redirect_within_the_same_origin(httpserver: HTTPServer):
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_data(RSS.read_bytes())
    result = fetch(httpserver.url_for("/old"), settings=replace(LOCAL, extra_headers=CREDENTIALS))
    assert result.status == "ok"
    moved, _ = httpserver.log[1]
    assert moved.headers["Authorization"] == "Bearer s3cr3t-token" and moved.headers["X-Api-Key"] == "k3y-123"


def test_credentials_dropped_once_stay_dropped_when_the_chain_comes_back(httpserver: HTTPServer, other_server):
    other_server.expect_request("/bounce").respond_with_data(
        "", status=302, headers={"Location": httpserver.url_for("/final")}
    )
    httpserver.expect_request("/feed").respond_with_data(
        "", status=302, headers={"Location": other_server.url_for("/bounce")}
    )
    httpserver.expect_request("/final").respond_with_data(RSS.read_bytes())
    assert fetch(httpserver.url_for("/feed"), settings=replace(LOCAL, extra_headers=CREDENTIALS)).status == "ok"
    final, _ = httpserver.log[-1]
    assert "Authorization" not in final.headers and "X-Api-Key" not in final.headers


def test_https_to_http_on_the_same_host_is_another_origin():
    assert origin("https://feeds.example.com/a") != origin("http://feeds.example.com/a")
    assert origin("https://feeds.example.com/a") == origin("https://FEEDS.example.com:443/b")
    assert origin("http://feeds.example.com/a") != origin("http://feeds.example.com:8080/a")


# --- 4. the deadline covers the status line and headers -------------------------------------------------------


def test_headers_dripped_one_byte_at_a_time_are_cut_by_the_total_deadline():
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n" + b"X-Pad: " + b"a" * 300 + b"\r\n\r\n"
    stop = threading.Event()
    sock = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        conn, _ = sock.accept()
        with conn:
            conn.settimeout(5)
            conn.recv(4096)
            for byte in head:  # 0.02 s per byte: 7 s for the whole head, under every per-read timeout
                if stop.is_set():
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.02)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    settings = replace(LOCAL, total_timeout_s=1.0, read_timeout_s=0.5, connect_timeout_s=0.5)
    started = time.monotonic()
    result = fetch(f"http://127.0.0.1:{sock.getsockname()[1]}/feed", settings=settings)
    elapsed = time.monotonic() - started
    stop.set()
    sock.close()
    assert result.status == "error" and "total deadline" in result.error, result.error
    assert elapsed < 2.0, elapsed


# --- 5. SSRF through IPv6 forms, and an allow-list of host and port -------------------------------------------


@pytest.mark.parametrize(
    ("host", "inner"),
    [
        ("::127.0.0.1", "127.0.0.1"),  # IPv4-compatible
        ("::ffff:127.0.0.1", "127.0.0.1"),  # IPv4-mapped
        ("64:ff9b::7f00:1", "127.0.0.1"),  # NAT64
        ("64:ff9b::a00:1", "10.0.0.1"),
        ("2002:7f00:1::1", "127.0.0.1"),  # 6to4
        ("2002:c0a8:101::1", "192.168.1.1"),
    ],
)
def test_ipv4_hidden_in_an_ipv6_form_is_refused_before_any_request(httpserver: HTTPServer, host, inner):
    httpserver.expect_request("/feed").respond_with_data(RSS.read_bytes())
    url = f"http://[{host}]:{httpserver.port}/feed"
    result = fetch(url, settings=replace(LOCAL, allow_hosts=frozenset()))
    assert result.status == "error" and "non-public address" in result.error, result.error
    assert inner in result.error
    assert httpserver.log == []


def test_embedded_ipv4_of_public_forms_is_judged_like_the_ipv4_itself():
    import ipaddress

    assert str(embedded_ipv4(ipaddress.ip_address("64:ff9b::808:808"))) == "8.8.8.8"
    assert str(embedded_ipv4(ipaddress.ip_address("2002:808:808::1"))) == "8.8.8.8"
    assert embedded_ipv4(ipaddress.ip_address("2a00:1450:4007:80e::200e")) is None


def test_allow_list_names_host_and_port(httpserver: HTTPServer):
    httpserver.expect_request("/feed").respond_with_data(RSS.read_bytes())
    port = httpserver.port
    url = f"http://127.0.0.1:{port}/feed"
    refused = fetch(url, settings=replace(LOCAL, allow_hosts=frozenset({f"127.0.0.1:{port + 1}", "127.0.0.1"})))
    assert refused.status == "error" and f"127.0.0.1:{port}" in refused.error
    assert httpserver.log == []
    allowed = fetch(url, settings=replace(LOCAL, allow_hosts=frozenset({f"127.0.0.1:{port}"})))
    assert allowed.status == "ok"
    assert destination_allowed("feeds.lan", 80, "http", frozenset({"feeds.lan"}))
    assert destination_allowed("feeds.lan", 443, "https", frozenset({"FEEDS.lan"}))
    assert not destination_allowed("feeds.lan", 8080, "http", frozenset({"feeds.lan"}))
    assert destination_allowed("::1", 8080, "http", frozenset({"[::1]:8080"}))
    assert destination_allowed("feeds.lan", 9999, "http", frozenset({"feeds.lan:*"}))


# --- 6. local sources are regular files under the cap ---------------------------------------------------------


@pytest.mark.parametrize("location", ["/dev/zero", "/proc/self/environ", "file:///dev/urandom", "/proc/self/status"])
def test_device_and_kernel_files_are_not_read_as_sources(location):
    started = time.monotonic()
    result = fetch(location, settings=replace(LOCAL, max_bytes=1024 * 1024))
    assert result.status == "error" and result.body is None
    assert "not a regular file" in result.error, result.error
    assert time.monotonic() - started < 2


def test_a_symlink_to_proc_and_a_named_pipe_are_refused_without_blocking(tmp_path):
    link = tmp_path / "feed.xml"
    link.symlink_to("/proc/self/environ")
    assert "not a regular file" in fetch(str(link)).error
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = fetch(str(fifo))
    assert result.status == "error" and "named pipe" in result.error, result.error
    assert time.monotonic() - started < 2


def test_a_file_over_the_cap_is_refused(tmp_path):
    big = tmp_path / "big.xml"
    big.write_bytes(RSS.read_bytes() + b" " * 2048)
    result = fetch(str(big), settings=replace(LOCAL, max_bytes=1024))
    assert result.status == "error" and "too large" in result.error


def test_pipeline_parse_obeys_the_same_rules_for_files_and_stdin(tmp_path):
    zero = run_cli("parse", "/dev/zero")
    assert zero.returncode == 2 and b"not a regular file" in zero.stderr and zero.stderr.count(b"\n") == 1
    cap = {"PIPELINE_FETCH_MAX_BYTES": "4096"}
    data = RSS.read_bytes()
    assert len(data) > 4096
    stdin = run_cli("parse", "-", stdin=data, env=cap)
    assert stdin.returncode == 2 and b"too large" in stdin.stderr and b"Traceback" not in stdin.stderr
    file_ = run_cli("parse", str(RSS), env=cap)
    assert file_.returncode == 2 and b"too large" in file_.stderr
    assert run_cli("parse", "-", stdin=data).returncode == 0
