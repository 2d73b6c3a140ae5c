"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1): a top-level object with "version" and "items".

Items carry id, url, title, content_text / content_html / summary, date_published / date_modified (RFC 3339),
authors (1.1) or author (1.0) and language (1.1, else the feed's). JSON Feed has no revision or editorial
status; publishers that send them do so in an extension object (a key starting with "_"), read here as
{"_wire": {"version": 2, "status": "canceled"}}.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pipeline.models import FeedItem, ItemStatus
from pipeline.parse.base import (
    FeedError,
    ParseResult,
    fallback_guid,
    normalise_language,
    one_line,
    wire_status,
    wire_time,
    wire_version,
)
from pipeline.text import clean_plain_text, decode_payload, html_to_text, looks_like_html, strip_shortcodes

VERSION_PREFIXES = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")
# Keys of an extension object read as the item's revision and editorial status.
EXTENSION_VERSION_KEYS = ("version", "revision", "versionnumber")
EXTENSION_STATUS_KEYS = ("status", "pubstatus", "itemstatus")


def is_jsonfeed(document: Any) -> bool:
    return (
        isinstance(document, dict)
        and isinstance(document.get("version"), str)
        and document["version"].startswith(VERSION_PREFIXES)
    )


def parse_jsonfeed(data: bytes, *, source_hint: str | None = None, url: str | None = None) -> ParseResult:
    warnings: list[str] = []
    document = load_json(data, warnings)
    if not is_jsonfeed(document):
        raise FeedError("JSON, but not a JSON Feed: no jsonfeed.org version")
    return jsonfeed_result(document, source_hint, warnings)


def load_json(data: bytes, warnings: list[str]) -> Any:
    """The JSON document (UTF-8, UTF-16/32 with or without BOM); FeedError when it is not JSON."""
    text: str | bytes = data
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:]
    elif not data.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" not in data[:4]:
        decoded, problem = decode_payload(data, "utf-8")
        if decoded is not None:
            warnings.append(f"encoding: {problem}")
            text = decoded
    try:
        return json.loads(text)
    except RecursionError:
        raise FeedError("refused: JSON nested too deeply") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise FeedError(f"not readable JSON: {one_line(exc)}") from None


def jsonfeed_result(document: dict, source_hint: str | None, warnings: list[str]) -> ParseResult:
    result = ParseResult(warnings=warnings, format="jsonfeed")
    entries = document.get("items")
    if not isinstance(entries, list):
        raise FeedError("JSON Feed without an items array")
    feed = _FeedContext(
        language=normalise_language(_text(document.get("language"))),
        authors=_authors(document),
        source=source_hint or _text(document.get("title")) or None,
    )
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            result.reject(f"item {number} is a JSON {type(entry).__name__}, not an object", json.dumps(entry))
            continue
        try:
            result.items.append(_feed_item(entry, feed, warnings))
        except Exception as exc:  # one unreadable item must not cost the rest of the feed
            result.reject(one_line(exc), json.dumps(entry, ensure_ascii=False, default=str), _text(entry.get("id")))
    if not entries:
        warnings.append("the feed contains no items")
    return result


class _FeedContext:
    __slots__ = ("language", "authors", "source")

    def __init__(self, language: str | None, authors: list[str], source: str | None) -> None:
        self.language, self.authors, self.source = language, authors, source


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):  # ids written as numbers
        return str(value)
    return ""


def _feed_item(entry: dict, feed: _FeedContext, warnings: list[str]) -> FeedItem:
    title = _single_line(_text(entry.get("title")))
    body = _body(entry)
    link = _text(entry.get("url")) or _text(entry.get("external_url"))
    link = link if link.lower().startswith(("http://", "https://")) else ""
    published_text = _text(entry.get("date_published"))
    modified_text = _text(entry.get("date_modified"))
    guid = _text(entry.get("id")) or (fallback_guid(link) if link else fallback_guid(title, published_text, body))
    if not _text(entry.get("id")):
        warnings.append(f"item {guid}: no id, derived from its url or content")
    published = _time(published_text, "date_published", guid, warnings)
    modified = _time(modified_text, "date_modified", guid, warnings)
    version, status = _extension_revision(entry, guid, warnings)
    return FeedItem(
        source_format="jsonfeed",
        guid=guid,
        title=title,
        body=body,
        version=version,
        status=status,
        language=normalise_language(_text(entry.get("language"))) or feed.language,
        published=published or modified,
        updated=modified if modified and published and modified != published else None,
        link=link or None,
        authors=_authors(entry) or feed.authors,
        source=feed.source,
        raw=json.dumps(entry, ensure_ascii=False, default=str),
    )


def _single_line(text: str) -> str:
    text = html_to_text(text) if looks_like_html(text) else clean_plain_text(text)
    return " ".join(text.split())


def _body(entry: dict) -> str:
    """content_text as written (offsets index into it), else content_html, else summary as plain text."""
    text = entry.get("content_text")
    if isinstance(text, str) and text.strip():
        return strip_shortcodes(clean_plain_text(text.strip("\n")))
    for key in ("content_html", "summary"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            plain = html_to_text(value) if looks_like_html(value) else clean_plain_text(value.strip())
            return strip_shortcodes(plain)
    return ""


def _time(text: str, name: str, guid: str, warnings: list[str]) -> datetime | None:
    if not text:
        return None
    moment = wire_time(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    if moment is None:
        warnings.append(f"item {guid}: unreadable {name} {text!r}")
    return moment


def _authors(obj: dict) -> list[str]:
    people = obj.get("authors")
    if not isinstance(people, list):
        people = [obj.get("author")]
    names: list[str] = []
    for person in people:
        name = _text(person.get("name")) if isinstance(person, dict) else ""
        if name and name not in names:
            names.append(name)
    return names


def _extension_revision(entry: dict, guid: str, warnings: list[str]) -> tuple[int, ItemStatus]:
    version, status = 1, "usable"
    for key, extension in entry.items():
        if not (isinstance(key, str) and key.startswith("_") and isinstance(extension, dict)):
            continue
        for name in EXTENSION_VERSION_KEYS:
            if name in extension:
                if (number := wire_version(extension[name])) is not None:
                    version = number
                else:
                    warnings.append(f"item {guid}: ignored version {extension[name]!r}")
        for name in EXTENSION_STATUS_KEYS:
            if isinstance(word := extension.get(name), str) and word.strip():
                if known := wire_status(word):
                    status = known
                else:
                    warnings.append(f"item {guid}: unknown status {word!r}, kept as usable")
    return version, status
