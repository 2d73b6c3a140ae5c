"""Fetch stage: read a feed from a local path, file:// URL or http(s) URL, politely and defensively.

Network failures never raise: they come back as a FetchResult with status "error" and a one-line message,
so a batch over many sources keeps going. Transient failures (5xx, 429, timeouts, dropped connections) are
retried with exponential backoff and jitter, honouring Retry-After; 4xx answers and refusals are final. The
body is read as a stream, decompressed here (so that a truncated gzip stream is an error, not a short feed)
and cut off at a size cap; a total deadline bounds the whole fetch (connect, status line and headers, body),
slow-drip servers included. Credentials never leave the origin they were configured for: a redirect to another
scheme, host or port drops them. Addresses inside the machine or its network are refused, IPv4 ones hidden in
IPv6 forms included, unless the allow-list names that host and port.
"""

from __future__ import annotations

import ipaddress
import os
import random
import socket
import stat
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit
from urllib.request import url2pathname

import httpcore
import httpx

from pipeline.localfiles import LocalFileError, read_regular_file

FetchStatus = Literal["ok", "not_modified", "error"]

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
USER_AGENT = f"wire-pipeline/0.1 (news wire feed fetcher; python-httpx/{httpx.__version__})"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, "
    "text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
# Answers worth asking again: the server is overloaded or briefly broken. 429 is the one 4xx that says
# "later" (with Retry-After); every other 4xx is final. 501 and 505 will not change either.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 507, 509, 520, 521, 522, 523, 524})
# Failures of the connection itself, also worth another attempt.
RETRY_EXCEPTIONS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
# Content-Encoding values decoded here (the request advertises only these).
ACCEPT_ENCODING = "gzip, deflate"


class FetchError(Exception):
    """A fetch the caller required to succeed did not (see FetchResult.raise_for_error)."""


def _env_hosts() -> frozenset[str]:
    raw = os.environ.get("PIPELINE_FETCH_ALLOW_HOSTS", "")
    return frozenset(h.strip().lower() for h in raw.split(",") if h.strip())


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True, slots=True)
class FetchSettings:
    max_bytes: int = field(default_factory=lambda: _env_int("PIPELINE_FETCH_MAX_BYTES", DEFAULT_MAX_BYTES))
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 20.0
    # Whole fetch, attempts and waits included: a server dripping one byte a second cannot hold a task.
    total_timeout_s: float = 120.0
    max_redirects: int = 5
    max_attempts: int = field(default_factory=lambda: max(1, _env_int("PIPELINE_FETCH_MAX_ATTEMPTS", 4)))
    backoff_base_s: float = 1.0  # first wait; doubles per attempt, with jitter
    backoff_cap_s: float = 30.0
    retry_after_cap_s: float = 60.0  # a server asking for a longer pause is not retried in this run
    user_agent: str = USER_AGENT
    # Destinations allowed even though they resolve to loopback/private/link-local addresses (tests, intranet
    # feeds): "host:port", "host:*" for any port, or a bare "host" for the scheme's default port (80/443).
    allow_hosts: frozenset[str] = field(default_factory=_env_hosts)
    # Sent with every request of this fetch (credentials from the source's Airflow connection); never logged.
    extra_headers: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class FetchResult:
    url: str
    status: FetchStatus
    http_status: int | None = None
    body: bytes | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    elapsed_s: float = 0.0
    attempts: int = 1  # tries (redirect hops within a try not counted); 0 when the URL is unusable
    failed_attempts: list[str] = field(default_factory=list)  # one line per failed try, for the fetch log
    content_type: str | None = None

    def raise_for_error(self) -> FetchResult:
        if self.status == "error":
            raise FetchError(f"{self.url}: {self.error}")
        return self


class _Refused(Exception):
    """A request the fetcher will not make; its message is the user-facing line."""


def fetch(
    location: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    settings: FetchSettings | None = None,
) -> FetchResult:
    """Fetch one feed; conditional on etag/last_modified when given. Never raises for I/O failures."""
    settings = settings or FetchSettings()
    started = time.monotonic()
    try:
        scheme = urlsplit(location).scheme.lower()
    except ValueError as exc:
        return FetchResult(location, "error", error=f"invalid URL: {exc}", attempts=0)
    if scheme in ("http", "https"):
        result = _fetch_http(location, etag, last_modified, settings)
    elif scheme == "file" or scheme == "" or (len(scheme) == 1 and location[1:2] == ":"):  # C:\ paths
        result = _fetch_file(location, last_modified, settings)
    else:
        result = FetchResult(location, "error", error=f"unsupported URL scheme {scheme!r}")
    result.elapsed_s = time.monotonic() - started
    return result


def _local_path(location: str) -> Path:
    parts = urlsplit(location)
    if parts.scheme.lower() == "file":
        if parts.netloc not in ("", "localhost"):
            raise _Refused(f"file URL on a remote host {parts.netloc!r} is not supported")
        return Path(url2pathname(unquote(parts.path)))
    return Path(location)


def _fetch_file(location: str, last_modified: str | None, settings: FetchSettings) -> FetchResult:
    """A file source: a regular file under the size cap (never a device, a pipe or a /proc view)."""
    try:
        path = _local_path(location)
        if last_modified:
            info = path.stat()
            mtime = formatdate(info.st_mtime, usegmt=True)
            if stat.S_ISREG(info.st_mode) and _same_http_date(last_modified, mtime):
                return FetchResult(location, "not_modified", last_modified=mtime)
        body, info = read_regular_file(path, settings.max_bytes)
    except (_Refused, LocalFileError) as exc:
        return FetchResult(location, "error", error=str(exc))
    except OSError as exc:
        return FetchResult(location, "error", error=f"cannot read file: {exc.strerror or exc}")
    return FetchResult(location, "ok", body=body, last_modified=formatdate(info.st_mtime, usegmt=True))


def _same_http_date(a: str, b: str) -> bool:
    try:
        return parsedate_to_datetime(a) == parsedate_to_datetime(b)
    except (TypeError, ValueError):
        return False


def check_destination(url: str, settings: FetchSettings) -> str:
    """Resolve the URL's host and return the address to connect to (SSRF guard).

    Addresses inside the machine or its network (loopback, private, link-local, reserved) are refused unless the
    host is allow-listed. The caller connects to the returned address itself, so a second DNS answer cannot
    swap in another one between check and connect (DNS rebinding).
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host:
        raise _Refused("URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise _Refused(f"cannot resolve host {host!r}: {exc}") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not destination_allowed(host, port, parts.scheme, settings.allow_hosts):
        for address in addresses:
            if (reason := non_public_reason(address)) is not None:
                raise _Refused(
                    f"refused: {host} resolves to non-public address {address}{reason} "
                    f"(add {_entry(host, port)} to PIPELINE_FETCH_ALLOW_HOSTS to allow it)"
                )
    # One address is pinned, so prefer IPv4: many containers resolve names to an unreachable ::1 / IPv6 first.
    return str(min(addresses, key=lambda a: a.version))


# IPv6 prefixes that carry an IPv4 address in their last 32 bits (RFC 6052 NAT64, RFC 4291 IPv4-compatible).
NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")
NAT64_LOCAL_PREFIX = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215: local-use NAT64, never public


def embedded_ipv4(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, IPv4-compatible, NAT64, 6to4, Teredo client), if any."""
    if address.version != 6:
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    value = int(address)
    if address in NAT64_PREFIX or (value >> 32 == 0 and value > 1):  # ::a.b.c.d (deprecated compatible form)
        return ipaddress.IPv4Address(value & 0xFFFFFFFF)
    return None


def non_public_reason(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """None when the address is public; otherwise what to add to the refusal ('' when the address says it)."""
    if not address.is_global or address.is_multicast or address in NAT64_LOCAL_PREFIX:
        return ""
    inner = embedded_ipv4(address)
    if inner is not None and (not inner.is_global or inner.is_multicast):
        return f" (it embeds {inner})"
    return None


def destination_allowed(host: str, port: int, scheme: str, allow: frozenset[str] | tuple[str, ...]) -> bool:
    """Is host:port on the allow-list? Entries name a host and a port ("feeds.lan:8080"), "host:*" allows every
    port, and a bare host only the scheme's default port."""
    default = 443 if scheme.lower() == "https" else 80
    for entry in allow:
        name, entry_port = _split_entry(entry.strip().lower())
        if name != host.lower():
            continue
        if entry_port == "*" or int(entry_port or default) == port:
            return True
    return False


def _split_entry(entry: str) -> tuple[str, str | None]:
    if entry.startswith("["):  # [::1]:8080
        name, _, rest = entry[1:].partition("]")
        return name, rest[1:] if rest.startswith(":") and rest[1:] else None
    if entry.count(":") == 1:
        name, port = entry.split(":")
        return name, port if port == "*" or port.isdigit() else None
    return entry, None


def _entry(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def pinned_request(url: str, address: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """The request for `url` sent to `address`: Host header and TLS server name keep the original host."""
    parts = urlsplit(url)
    netloc = f"[{address}]" if ":" in address else address
    if parts.port:
        netloc += f":{parts.port}"
    pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    host = parts.netloc.rsplit("@", 1)[-1]
    extensions = {"sni_hostname": parts.hostname or ""} if parts.scheme.lower() == "https" else {}
    return pinned, {"Host": host}, extensions


class _Attempt(Exception):
    """One attempt failed; `retryable` says whether another may succeed, `retry_after` when to try."""

    def __init__(self, result: FetchResult, *, retryable: bool, retry_after: float | None = None) -> None:
        super().__init__(result.error)
        self.result = result
        self.retryable = retryable
        self.retry_after = retry_after


def _fetch_http(
    url: str, etag: str | None, last_modified: str | None, settings: FetchSettings
) -> FetchResult:
    headers = {"User-Agent": settings.user_agent, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING,
               **settings.extra_headers}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + settings.total_timeout_s
    attempt = 0
    failures: list[str] = []
    transport = _DeadlineTransport(deadline, settings.total_timeout_s)
    with httpx.Client(follow_redirects=False, trust_env=False, transport=transport) as client:
        while True:
            attempt += 1
            try:
                result = _one_attempt(client, url, headers, etag, last_modified, settings, deadline)
                result.attempts, result.failed_attempts = attempt, failures
                return result
            except _Attempt as failed:
                result = failed.result
                result.attempts, result.failed_attempts = attempt, failures
                wait = _next_wait(failed, attempt, settings, deadline)
                if isinstance(wait, str):
                    failures.append(f"attempt {attempt}: {result.error}")
                    if attempt > 1 or wait:
                        result.error = f"{result.error} ({_attempts(attempt)}{wait})"
                    return result
                failures.append(f"attempt {attempt}: {result.error}; retried after {wait:.2f} s")
            time.sleep(wait)


def _attempts(count: int) -> str:
    return f"after {count} attempt{'s' if count > 1 else ''}"


def _next_wait(failed: _Attempt, attempt: int, settings: FetchSettings, deadline: float) -> float | str:
    """Seconds to sleep before the next attempt, or the reason (maybe '') there will be none."""
    if not failed.retryable or attempt >= settings.max_attempts:
        return ""
    delay = backoff_delay(attempt, settings)
    if failed.retry_after is not None:
        if failed.retry_after > settings.retry_after_cap_s:
            return f"; server asks to retry in {failed.retry_after:.0f} s, over the {settings.retry_after_cap_s:g} s cap"
        delay = max(delay, failed.retry_after)
    if time.monotonic() + delay >= deadline:
        return f"; no time left to retry within {settings.total_timeout_s:g} s"
    return delay


def backoff_delay(attempt: int, settings: FetchSettings) -> float:
    """Exponential backoff with "equal jitter": half the doubled delay fixed, half random."""
    ceiling = min(settings.backoff_cap_s, settings.backoff_base_s * 2 ** (attempt - 1))
    return ceiling / 2 + random.uniform(0, ceiling / 2)


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """Retry-After as delay-seconds ('120') or an HTTP date; None when absent or unreadable."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _timeout(settings: FetchSettings, deadline: float) -> httpx.Timeout:
    left = max(0.01, deadline - time.monotonic())
    return httpx.Timeout(min(settings.read_timeout_s, left), connect=min(settings.connect_timeout_s, left))


def _one_attempt(
    client: httpx.Client,
    url: str,
    headers: dict[str, str],
    etag: str | None,
    last_modified: str | None,
    settings: FetchSettings,
    deadline: float,
) -> FetchResult:
    current = url
    secret = credential_names(settings)
    try:
        # Redirects are followed by hand so that every hop passes the SSRF guard.
        for _hop in range(settings.max_redirects + 1):
            pinned, host_header, extensions = pinned_request(current, check_destination(current, settings))
            with client.stream(
                "GET",
                pinned,
                headers={**headers, **host_header},
                extensions=extensions,
                timeout=_timeout(settings, deadline),
            ) as response:
                if response.status_code in REDIRECT_CODES and "location" in response.headers:
                    target = urljoin(current, response.headers["location"])
                    if urlsplit(target).scheme.lower() not in ("http", "https"):
                        raise _Refused(f"redirect to unsupported URL {target!r}")
                    if origin(target) != origin(current):
                        # Another scheme, host or port (https → http included): the source's credentials were
                        # given for its own origin only, and stay dropped for the rest of the chain.
                        headers = {k: v for k, v in headers.items() if k.lower() not in secret}
                    current = target
                    continue
                return _read_response(current, response, etag, last_modified, settings, deadline)
        raise _Refused(f"too many redirects (more than {settings.max_redirects})")
    except _Refused as exc:
        raise _Attempt(FetchResult(current, "error", error=str(exc)), retryable=False) from None
    except RETRY_EXCEPTIONS as exc:
        raise _Attempt(FetchResult(current, "error", error=_describe(exc)), retryable=True) from None
    except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
        raise _Attempt(FetchResult(current, "error", error=_describe(exc)), retryable=False) from None


# Headers that carry credentials besides those the source's connection adds.
CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})


def credential_names(settings: FetchSettings) -> frozenset[str]:
    """Lower-case names of every header that must not follow a redirect to another origin."""
    return CREDENTIAL_HEADERS | {name.lower() for name in settings.extra_headers}


def origin(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) with the scheme's default port written out."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or (443 if scheme == "https" else 80)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits no longer than the fetch's total deadline allows.

    httpx's timeouts bound each socket operation, so a server sending its status line and headers one byte a
    second would never trip them; this bounds the sum, from connect to the last header and body byte.
    """

    def __init__(self, stream: httpcore.NetworkStream, deadline: float, total_s: float) -> None:
        self.stream, self.deadline, self.total_s = stream, deadline, total_s

    def _left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0.005:  # socket timeouts may wake a hair early
            raise error(f"no complete answer within the total deadline of {self.total_s:g} s")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            return self.stream.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))
        except httpcore.ReadTimeout:
            self._left(None, httpcore.ReadTimeout)  # says "total deadline" when that is what ran out
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        try:
            self.stream.write(buffer, self._left(timeout, httpcore.WriteTimeout))
        except httpcore.WriteTimeout:
            self._left(None, httpcore.WriteTimeout)
            raise

    def close(self) -> None:
        self.stream.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None, timeout: float | None = None):
        inner = self.stream.start_tls(ssl_context, server_hostname, self._left(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(inner, self.deadline, self.total_s)

    def get_extra_info(self, info: str):
        return self.stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, backend: httpcore.NetworkBackend, deadline: float, total_s: float) -> None:
        self.backend, self.deadline, self.total_s = backend, deadline, total_s

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout(f"no connection within the total deadline of {self.total_s:g} s")
        timeout = left if timeout is None else min(timeout, left)
        stream = self.backend.connect_tcp(host, port, timeout, local_address, socket_options)
        return _DeadlineStream(stream, self.deadline, self.total_s)

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        return _DeadlineStream(self.backend.connect_unix_socket(path, timeout, socket_options), self.deadline,
                               self.total_s)

    def sleep(self, seconds: float) -> None:
        self.backend.sleep(seconds)


class _DeadlineTransport(httpx.HTTPTransport):
    """httpx's own transport over a network backend that enforces the total deadline (see _DeadlineStream)."""

    def __init__(self, deadline: float, total_s: float) -> None:
        super().__init__(trust_env=False)
        # httpcore takes its network backend as a constructor argument httpx does not expose.
        pool = self._pool
        pool._network_backend = _DeadlineBackend(pool._network_backend, deadline, total_s)


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _read_response(
    url: str,
    response: httpx.Response,
    etag: str | None,
    last_modified: str | None,
    settings: FetchSettings,
    deadline: float,
) -> FetchResult:
    new_etag = response.headers.get("etag") or etag
    new_modified = response.headers.get("last-modified") or last_modified
    code = response.status_code
    content_type = response.headers.get("content-type")
    if code == 304:
        return FetchResult(url, "not_modified", code, etag=new_etag, last_modified=new_modified)
    if not 200 <= code < 300:
        result = FetchResult(url, "error", code, error=f"HTTP {code} {response.reason_phrase}".strip())
        retry_after = retry_after_seconds(response.headers.get("retry-after"))
        raise _Attempt(result, retryable=code in RETRY_STATUSES, retry_after=retry_after)
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes:
        raise _Attempt(FetchResult(url, "error", code, error=_too_large(settings, declared)), retryable=False)
    try:
        body = _read_body(response, settings, deadline)
    except _Refused as exc:
        raise _Attempt(FetchResult(url, "error", code, error=str(exc)), retryable=False) from None
    return FetchResult(
        url, "ok", code, body=body, etag=new_etag, last_modified=new_modified, content_type=content_type
    )


def _read_body(response: httpx.Response, settings: FetchSettings, deadline: float) -> bytes:
    """The decoded body, streamed: refused past the size cap, the deadline, or a broken compressed stream."""
    decoder = _Decoder(response.headers.get("content-encoding", ""))
    chunks: list[bytes] = []
    size = 0
    for raw in response.iter_raw():
        if time.monotonic() > deadline:
            raise _Refused(f"body still incomplete after {settings.total_timeout_s:g} s (total deadline)")
        for piece in decoder.feed(raw, settings.max_bytes - size + 1):
            size += len(piece)
            if size > settings.max_bytes:
                raise _Refused(_too_large(settings))
            chunks.append(piece)
    decoder.finish()
    return b"".join(chunks)


class _Decoder:
    """Content-Encoding gzip/deflate/identity, decoded incrementally with a bound on each output step."""

    def __init__(self, header: str) -> None:
        codings = [c.strip().lower() for c in header.split(",") if c.strip() and c.strip() != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise _Refused(f"unsupported Content-Encoding {header!r}")
        self.coding = codings[0] if codings else ""
        wbits = 16 + zlib.MAX_WBITS if self.coding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self.engine = zlib.decompressobj(wbits) if self.coding else None
        self.started = False

    def feed(self, data: bytes, limit: int) -> Iterator[bytes]:
        if self.engine is None:
            yield data
            return
        if not self.started and data and self.coding == "deflate" and (data[0] & 0x0F) != 8:
            self.engine = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate without the zlib header
        self.started = self.started or bool(data)
        try:
            while True:
                if self.engine.eof:
                    rest = self.engine.unused_data + data
                    # Only gzip may chain members; zero padding after the last one is harmless.
                    if self.coding == "deflate" or not rest.strip(b"\0"):
                        return
                    self.engine = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    data = rest
                if not data:
                    return
                out = self.engine.decompress(data, max(1, limit))
                data = self.engine.unconsumed_tail
                yield out
                limit -= len(out)
                if limit <= 0:
                    return
        except zlib.error as exc:
            raise _Refused(f"corrupt {self.coding} body: {exc}") from None

    def finish(self) -> None:
        if self.engine is not None and self.started and not self.engine.eof:
            raise _Refused(f"truncated {self.coding} body: the compressed stream ends before its end marker")


def _too_large(settings: FetchSettings, declared: str | None = None) -> str:
    what = f"{declared} bytes" if declared else "more"
    return f"response too large: {what} (limit {settings.max_bytes} bytes)"
