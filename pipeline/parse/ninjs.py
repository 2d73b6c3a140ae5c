"""IPTC ninjs (News in JSON) 1.x and 2.x: one item, an array of items, or a wrapper object holding them.

1.x names: headline, body_text / body_html, byline, person; 2.x names: headlines[], bodies[], by, people.
Both: uri, version, pubstatus, firstcreated, versioncreated, language.
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
from pipeline.parse.jsonfeed import is_jsonfeed, jsonfeed_result, load_json
from pipeline.text import clean_plain_text, html_to_text, looks_like_html

# Wrapper keys under which APIs return lists of items ({"items": [...]}, {"data": {"items": [...]}}).
WRAPPER_KEYS = ("items", "data", "results", "hits", "entries")
# Keys of a list element that hold the item itself ({"item": {...}} in some agency APIs).
ENVELOPE_KEYS = ("item", "ninjs", "_source")
# Keys that make an object an item rather than a wrapper.
ITEM_KEYS = frozenset(
    {
        "uri",
        "guid",
        "headline",
        "headlines",
        "body_text",
        "body_html",
        "body_xhtml",
        "article_html",
        "bodies",
        "versioncreated",
    }
)
ID_KEYS = ("uri", "guid", "id", "itemid", "urn")
# Body sources by preference: plain text keeps the wire's characters as they are.
# "article_html" is dpa digitalwires' name for the HTML body.
BODY_KEYS = (("body_text", False), ("body_html", True), ("body_xhtml", True), ("article_html", True), ("body", None))
MAIN_ROLES = ("", "main", "body", "hld:main")
AUTHOR_RELS = frozenset({"author", "creator", "byline", "writer", "reporter", "ninjs:author", "crol:author"})
SIGNAL_KEYS = ("signal", "signals")
CORRECTION_SIGNALS = frozenset({"correction", "corrected", "cor", "sig:correction"})
BYLINE_PREFIXES = ("by ", "par ")
MAX_WRAPPER_DEPTH = 4


def parse_ninjs(data: bytes, *, source_hint: str | None = None, url: str | None = None) -> ParseResult:
    warnings: list[str] = []
    document = load_json(data, warnings)
    if is_jsonfeed(document):  # its "version" key came past the sniffed head
        return jsonfeed_result(document, source_hint, warnings)
    objects = _item_objects(document, 0)
    if objects is None:
        raise FeedError("JSON, but not ninjs: no object with uri, headline or body found")
    result = ParseResult(warnings=warnings, format="ninjs")
    for number, obj in enumerate(objects, start=1):
        try:
            result.items.append(_feed_item(obj, source_hint, warnings))
        except Exception as exc:  # one unreadable item must not cost the rest
            guid = next((_text(obj.get(k)) for k in ID_KEYS if _text(obj.get(k))), None)
            result.reject(f"item {number}: {one_line(exc)}", json.dumps(obj, ensure_ascii=False, default=str), guid)
    if not result.items and not warnings:
        warnings.append("the document contains no items")
    return result


def _item_objects(node: Any, depth: int) -> list[dict] | None:
    """The item objects inside a document, or None when it holds nothing item-like."""
    if depth > MAX_WRAPPER_DEPTH:
        return None
    if isinstance(node, list):
        found: list[dict] = []
        for element in node:
            for key in ENVELOPE_KEYS:
                if isinstance(element, dict) and isinstance(element.get(key), dict):
                    element = element[key]
                    break
            if isinstance(element, dict) and ITEM_KEYS & element.keys():
                found.append(element)
        return found if found or not node else None
    if not isinstance(node, dict):
        return None
    if ITEM_KEYS & node.keys():
        return [node]
    for key in WRAPPER_KEYS:
        if key in node and (inner := _item_objects(node[key], depth + 1)) is not None:
            return inner
    return None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _feed_item(obj: dict, source_hint: str | None, warnings: list[str]) -> FeedItem:
    title = _headline(obj)
    first_text = _text(obj.get("firstcreated")) or _text(obj.get("first_created"))
    version_text = _text(obj.get("versioncreated")) or _text(obj.get("version_created"))
    body = _body(obj)
    guid = next((_text(obj.get(k)) for k in ID_KEYS if _text(obj.get(k))), "")
    if not guid and isinstance(obj.get("altids"), dict):
        guid = next((_text(v) for v in obj["altids"].values() if _text(v)), "")
    if not guid:
        guid = fallback_guid(title, first_text or version_text, body)
        warnings.append(f"item {guid}: no uri, id derived from headline and date")
    version = 1
    written = obj.get("version")
    # Some agencies count versions from 0; the store counts from 1.
    if written is not None and written not in (0, "0"):
        version = wire_version(written) or 1
        if wire_version(written) is None:
            warnings.append(f"item {guid}: unreadable version {written!r}, taken as 1")
    first = _time(first_text, "firstcreated", guid, warnings)
    created = _time(version_text, "versioncreated", guid, warnings)
    published = first or created
    uri = _text(obj.get("uri"))
    return FeedItem(
        source_format="ninjs",
        guid=guid,
        title=title,
        body=body,
        version=version,
        status=_status(obj, guid, warnings),
        language=normalise_language(_text(obj.get("language"))),
        published=published,
        updated=created if created and created != published else None,
        link=uri if uri.startswith(("http://", "https://")) else None,
        authors=_authors(obj),
        source=_source(obj) or source_hint,
        raw=json.dumps(obj, ensure_ascii=False, default=str),
    )


def _time(text: str, name: str, guid: str, warnings: list[str]) -> datetime | None:
    if not text:
        return None
    moment = wire_time(text)
    if moment is None:
        warnings.append(f"item {guid}: unreadable {name} {text!r}")
    return moment


def _status(obj: dict, guid: str, warnings: list[str]) -> ItemStatus:
    word = _text(obj.get("pubstatus"))
    status: ItemStatus | None = wire_status(word) if word else "usable"
    if status is None:
        warnings.append(f"item {guid}: unknown pubstatus {word!r}, kept as usable")
        status = "usable"
    if status == "usable" and _signals(obj) & CORRECTION_SIGNALS:
        return "corrected"
    return status


def _signals(obj: dict) -> set[str]:
    out: set[str] = set()
    for key in SIGNAL_KEYS:
        value = obj.get(key)
        for entry in value if isinstance(value, list) else [value]:
            if isinstance(entry, dict):
                entry = entry.get("code") or entry.get("qcode") or entry.get("name") or entry.get("uri")
            if isinstance(entry, str) and entry.strip():
                code = entry.strip().lower()
                out |= {code, code.rsplit(":", 1)[-1].rsplit("/", 1)[-1]}
    return out


def _by_role(entries: Any) -> list[dict]:
    """Entries of a 2.x list (headlines, bodies), those with a main role (or none) first."""
    if not isinstance(entries, list):
        return []
    entries = [e for e in entries if isinstance(e, dict) and isinstance(e.get("value"), str)]

    def rank(entry: dict) -> int:
        role = _text(entry.get("role")).lower()
        return MAIN_ROLES.index(role) if role in MAIN_ROLES else len(MAIN_ROLES)

    return sorted(entries, key=rank)


def _single_line(text: str) -> str:
    text = html_to_text(text) if looks_like_html(text) else clean_plain_text(text)
    return " ".join(text.split())


def _headline(obj: dict) -> str:
    if title := _text(obj.get("headline")):
        return _single_line(title)
    for entry in _by_role(obj.get("headlines")):
        if title := _single_line(entry["value"]):
            return title
    return _single_line(_text(obj.get("title")))


def _markup(text: str, contenttype: str) -> bool:
    kind = contenttype.split(";")[0].strip().lower()
    if kind in ("text/plain", "text"):
        return False
    return kind in ("text/html", "application/xhtml+xml", "application/nitf+xml") or looks_like_html(text)


def _body(obj: dict) -> str:
    for key, is_markup in BODY_KEYS:
        value = obj.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        if is_markup is None:
            is_markup = looks_like_html(value)
        return html_to_text(value) if is_markup else clean_plain_text(value)
    for entry in _by_role(obj.get("bodies")):
        value = entry["value"]
        if value.strip():
            markup = _markup(value, _text(entry.get("contenttype")))
            return html_to_text(value) if markup else clean_plain_text(value)
    return ""


def _authors(obj: dict) -> list[str]:
    names: list[str] = []
    for key in ("byline", "by"):
        name = _text(obj.get(key))
        if name.lower().startswith(BYLINE_PREFIXES):
            name = name.split(" ", 1)[1].strip()
        if name and name not in names:
            names.append(name)
    for key in ("people", "person"):
        people = obj.get(key)
        for person in people if isinstance(people, list) else []:
            if not isinstance(person, dict):
                continue
            rel = _text(person.get("rel")).lower()
            name = _text(person.get("name"))
            if rel in AUTHOR_RELS and name and name not in names:
                names.append(name)
    return names


def _source(obj: dict) -> str | None:
    sources = obj.get("infosources") or obj.get("infosource")
    for entry in sources if isinstance(sources, list) else [sources]:
        if isinstance(entry, dict) and (name := _text(entry.get("name"))):
            return name
    return _text(obj.get("copyrightholder")) or _text(obj.get("provider")) or None
