"""Fetch stage: read a feed from a local path, file:// URL or http(s) URL, politely and defensively.

Network failures never raise: they come back as a FetchResult with status "error" and a one-line message,
so a batch over many sources keeps going. Retries and backoff wrap `fetch` from the outside.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit
from urllib.request import url2pathname

import httpx

FetchStatus = Literal["ok", "not_modified", "error"]

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
USER_AGENT = f"wire-pipeline/0.1 (news wire feed fetcher; python-httpx/{httpx.__version__})"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, "
    "text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


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
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    # Hosts allowed even though they resolve to loopback/private/link-local addresses (tests, intranet feeds).
    allow_hosts: frozenset[str] = field(default_factory=_env_hosts)


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
    scheme = urlsplit(location).scheme.lower()
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
    try:
        path = _local_path(location)
        stat = path.stat()
        mtime = formatdate(stat.st_mtime, usegmt=True)
        if last_modified and _same_http_date(last_modified, mtime):
            return FetchResult(location, "not_modified", last_modified=mtime)
        if stat.st_size > settings.max_bytes:
            raise _Refused(f"file too large: {stat.st_size} bytes (limit {settings.max_bytes})")
        body = path.read_bytes()
    except _Refused as exc:
        return FetchResult(location, "error", error=str(exc))
    except OSError as exc:
        return FetchResult(location, "error", error=f"cannot read file: {exc.strerror or exc}")
    return FetchResult(location, "ok", body=body, last_modified=mtime)


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
    if host not in {h.lower() for h in settings.allow_hosts}:
        for address in addresses:
            if not address.is_global or address.is_multicast:
                raise _Refused(
                    f"refused: {host} resolves to non-public address {address} "
                    "(add the host to PIPELINE_FETCH_ALLOW_HOSTS to allow it)"
                )
    # One address is pinned, so prefer IPv4: many containers resolve names to an unreachable ::1 / IPv6 first.
    return str(min(addresses, key=lambda a: a.version))


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


def _fetch_http(
    url: str, etag: str | None, last_modified: str | None, settings: FetchSettings
) -> FetchResult:
    headers = {"User-Agent": settings.user_agent, "Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = httpx.Timeout(settings.read_timeout_s, connect=settings.connect_timeout_s)
    current = url
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
            # Redirects are followed by hand so that every hop passes the SSRF guard.
            for _hop in range(settings.max_redirects + 1):
                pinned, host_header, extensions = pinned_request(
                    current, check_destination(current, settings)
                )
                with client.stream(
                    "GET", pinned, headers={**headers, **host_header}, extensions=extensions
                ) as response:
                    if response.status_code in REDIRECT_CODES and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        if urlsplit(current).scheme.lower() not in ("http", "https"):
                            raise _Refused(f"redirect to unsupported URL {current!r}")
                        continue
                    return _read_response(current, response, etag, last_modified, settings)
            raise _Refused(f"too many redirects (more than {settings.max_redirects})")
    except _Refused as exc:
        return FetchResult(current, "error", error=str(exc))
    except httpx.HTTPError as exc:
        return FetchResult(current, "error", error=f"{type(exc).__name__}: {' '.join(str(exc).split())}")


def _read_response(
    url: str, response: httpx.Response, etag: str | None, last_modified: str | None, settings: FetchSettings
) -> FetchResult:
    new_etag = response.headers.get("etag") or etag
    new_modified = response.headers.get("last-modified") or last_modified
    code = response.status_code
    if code == 304:
        return FetchResult(url, "not_modified", code, etag=new_etag, last_modified=new_modified)
    if not 200 <= code < 300:
        return FetchResult(url, "error", code, error=f"HTTP {code} {response.reason_phrase}".strip())
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes:
        return FetchResult(url, "error", code, error=_too_large(settings, declared))
    chunks: list[bytes] = []
    size = 0
    # iter_bytes() decodes gzip/deflate, so the cap also bounds compression bombs.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > settings.max_bytes:
            return FetchResult(url, "error", code, error=_too_large(settings))
        chunks.append(chunk)
    return FetchResult(url, "ok", code, body=b"".join(chunks), etag=new_etag, last_modified=new_modified)


def _too_large(settings: FetchSettings, declared: str | None = None) -> str:
    what = f"{declared} bytes" if declared else "more"
    return f"response too large: {what} (limit {settings.max_bytes} bytes)"
