"""RSS 0.9x/1.0/2.0 and Atom through feedparser (dates, encodings, quirks), bodies from the item's own XML.

feedparser strips surrounding whitespace from every value, but offsets downstream index into the body exactly
as the wire sent it, so plain-text bodies are read from the item's XML element (lxml, no entity resolution,
no network) and feedparser supplies everything else.
"""

from __future__ import annotations

import io
import json
import re
from calendar import timegm
from datetime import UTC, datetime
from time import struct_time
from typing import Any

import feedparser
from lxml import etree

from pipeline.models import FeedItem, ItemStatus
from pipeline.parse.base import (
    FeedError,
    ParseResult,
    fallback_guid,
    normalise_language,
    one_line,
    wire_status,
    wire_time,
)
from pipeline.parse.xmlsafe import (
    html_entities_to_references,
    refuse_entity_declarations,
    repair_encoding,
    scrub_invalid_characters,
    unicode_to_utf8,
)
from pipeline.text import clean_plain_text, html_to_text, looks_like_html, strip_shortcodes

ATOM_NAMESPACES = frozenset({"http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"})
RSS_NAMESPACES = frozenset({"", "http://purl.org/rss/1.0/", "http://backend.userland.com/rss2"})
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Where an item's body may sit, best first: (local name, namespaces it must be in).
BODY_ELEMENTS: tuple[tuple[str, frozenset[str]], ...] = (
    ("encoded", frozenset({CONTENT_NAMESPACE})),
    ("content", ATOM_NAMESPACES),
    ("description", RSS_NAMESPACES),
    ("summary", ATOM_NAMESPACES),
    ("description", frozenset({DC_NAMESPACE})),
)
# Namespaced item children that carry the wire's own version and editorial status.
VERSION_ELEMENTS = frozenset({"version", "revision", "versionnumber"})
STATUS_ELEMENTS = frozenset({"status", "pubstatus", "itemstatus"})
# Indentation around a body (whitespace that includes a line break) is layout, not text.
_LAYOUT_HEAD_RE = re.compile(r"\A[ \t]*\n\s*")
_LAYOUT_TAIL_RE = re.compile(r"\s*\n[ \t]*\Z")
_EMAIL_NAME_RE = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^)]+)\)\s*$")


def parse_syndication(data: bytes, *, source_hint: str | None = None, url: str | None = None) -> ParseResult:
    # Only a web address is a base for relative links: a file path would become part of every relative guid.
    headers = {"content-location": url} if url and url.lower().startswith(("http://", "https://")) else None
    warnings: list[str] = []
    # feedparser's loose parser expands entities its strict parser stopped on: it never sees a declaration.
    refuse_entity_declarations(data, allow_external_dtd=False)
    # feedparser falls back to Windows-1252 for any bytes that are not what they claim: wrong for ISO-8859-15
    # (€) and ruinous for UTF-8 with one damaged byte. Such documents arrive here already repaired, and
    # without the NULs and surrogate references that make expat give up on the whole document.
    data = scrub_invalid_characters(repair_encoding(unicode_to_utf8(data), warnings), warnings)
    data = html_entities_to_references(data)  # feedparser's strict parser gives up on &eacute;
    try:
        # Bodies leave as plain text through html_to_text, which keeps no markup at all (scripts and styles
        # dropped), so feedparser's HTML sanitiser and URI rewriting would cost 40 % of the time for nothing.
        parsed = feedparser.parse(
            io.BytesIO(data), response_headers=headers, sanitize_html=False, resolve_relative_uris=False
        )
    except Exception as exc:  # feedparser's loose parser can fail in many ways on hostile bytes
        raise FeedError(f"could not read the feed: {one_line(exc)}") from None
    entries = parsed.get("entries") or []
    version = parsed.get("version") or ""
    bozo = parsed.get("bozo_exception")
    if isinstance(bozo, feedparser.NonXMLContentType):  # no HTTP content type here; nothing is wrong
        bozo = None
    if not entries:
        if bozo is not None:
            raise FeedError(f"not a readable feed: {one_line(bozo)}")
        if not version:
            raise FeedError("not a feed: no RSS or Atom channel found")
        return ParseResult(items=[], warnings=[*warnings, "the feed contains no items"], format=version)

    read = len(entries)
    if bozo is not None:
        complete = _complete_entries(data, entries)
        if not complete:
            raise FeedError(f"truncated or broken feed with no complete item: {one_line(bozo)}")
        warnings.append(f"malformed feed, read {len(complete)} items anyway: {one_line(bozo)}")
        if len(complete) < len(entries):
            warnings.append(f"{len(entries) - len(complete)} item(s) cut off before their end were dropped")
        entries = complete
    # When the declared encoding is wrong, feedparser falls back to another; read the item XML the same way.
    override = parsed.get("encoding") if isinstance(bozo, feedparser.CharacterEncodingOverride) else None
    elements = _item_elements(data, override)
    if read > len(entries):  # lxml's recovering parser also returns the items cut off at the end
        elements = elements[: len(entries)]
    if len(elements) != len(entries):
        warnings.append("item XML could not be matched to the items read; bodies come from feedparser")
        elements = [None] * len(entries)

    channel = parsed.get("feed") or {}
    source_format = "atom" if version.startswith("atom") else "rss"
    result = ParseResult(warnings=warnings, format=version or source_format)
    for number, (entry, element) in enumerate(zip(entries, elements, strict=True), start=1):
        try:
            result.items.append(_feed_item(entry, element, channel, source_format, source_hint, warnings))
        except Exception as exc:  # one unreadable item must not cost the rest of the feed
            raw = (
                etree.tostring(element, encoding="unicode", with_tail=False)
                if element is not None
                else json.dumps(entry, default=str, ensure_ascii=False)
            )
            result.reject(f"item {number}: {one_line(exc)}", raw, entry.get("id"))
    return result


_ITEM_END_RE = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>")


def _complete_entries(data: bytes, entries: list) -> list:
    """Drop trailing entries whose closing tag never came (a feed cut off mid-item).

    Only for ASCII-compatible encodings, where closing tags can be counted in the raw bytes.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4]:
        return entries
    return entries[: len(_ITEM_END_RE.findall(data))]


def _item_elements(data: bytes, encoding: str | None = None) -> list[etree._Element]:
    parser = etree.XMLParser(
        encoding=encoding,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        recover=True,
        strip_cdata=False,
        huge_tree=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.LxmlError, ValueError):
        return []
    if root is None:
        return []
    return [
        el for el in root.iter() if isinstance(el.tag, str) and _split_tag(el.tag)[1] in ("item", "entry")
    ]


def _feed_item(
    entry: Any,
    element: etree._Element | None,
    channel: Any,
    source_format: str,
    source_hint: str | None,
    warnings: list[str],
) -> FeedItem:
    title = _single_line(entry.get("title", ""))
    link = entry.get("link")
    if link and not link.lower().startswith(("http://", "https://")):
        link = None  # feedparser offers the entry id (a urn:…) as its link when there is none
    # dict.get bypasses feedparser's deprecated updated → published fallback.
    published = _checked(entry, "published") or _checked(entry, "updated")
    updated = _checked(entry, "updated")
    if updated == published:
        updated = None
    body = _body_from_element(element) if element is not None else None
    if body is None:
        body = _body_from_entry(entry)
    body = strip_shortcodes(body)  # WordPress feeds leave "[contact_form]" and "[caption]" in the text
    guid = entry.get("id") or (
        fallback_guid(link)
        if link
        else fallback_guid(title, published.isoformat() if published else None, body)
    )
    written_date = dict.get(entry, "published") or dict.get(entry, "updated")
    if published is None and written_date:
        warnings.append(f"item {guid}: unreadable date {written_date!r}")
    version, status = 1, "usable"
    if element is not None:
        version, status = _wire_revision(element, guid, warnings)
    return FeedItem(
        source_format=source_format,
        guid=guid,
        title=title,
        body=body,
        version=version,
        status=status,
        language=_language(entry, element, channel),
        published=published,
        updated=updated,
        link=link,
        authors=_authors(entry),
        source=_source(entry, channel, source_hint),
        raw=etree.tostring(element, encoding="unicode", with_tail=False)
        if element is not None
        else json.dumps(entry, default=str, ensure_ascii=False),
    )


def _split_tag(tag: str) -> tuple[str, str]:
    """'{ns}local' → (ns, local). String-based: recovered trees may hold names QName() rejects."""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _utc(value: struct_time | None) -> datetime | None:
    # feedparser's *_parsed values are UTC struct_times.
    return datetime.fromtimestamp(timegm(value), tz=UTC) if value else None


_ISO_DATE_RE = re.compile(r"\s*\d{4}-?\d{2}-?\d{2}")


def _checked(entry: Any, key: str) -> datetime | None:
    """feedparser's reading of a date, unless it rolled an impossible ISO date over ("2020-13-45" → 2021)."""
    value = _utc(dict.get(entry, f"{key}_parsed"))
    written = dict.get(entry, key)
    if (
        value is not None
        and isinstance(written, str)
        and _ISO_DATE_RE.match(written)
        and not wire_time(written)
    ):
        return None
    return value


def _single_line(text: str) -> str:
    text = html_to_text(text) if looks_like_html(text) else clean_plain_text(text)
    return " ".join(text.split())


def _children(element: etree._Element, local: str, namespaces: frozenset[str]) -> list[etree._Element]:
    out = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        namespace, name = _split_tag(child.tag)
        if name.lower() == local and namespace in namespaces:
            out.append(child)
    return out


def _body_from_element(item: etree._Element) -> str | None:
    for local, namespaces in BODY_ELEMENTS:
        for candidate in _children(item, local, namespaces):
            body = _payload_text(candidate)
            if body:
                return body
    return None


def _payload_text(element: etree._Element) -> str:
    kind = (element.get("type") or "").lower()
    if len(element):  # markup carried as XML (Atom xhtml, or unescaped HTML in RSS)
        inner = (element.text or "") + "".join(
            etree.tostring(child, encoding="unicode", with_tail=True) for child in element
        )
        return html_to_text(inner)
    text = "".join(element.itertext())
    if kind in ("text", "text/plain") or (kind not in ("html", "text/html") and not looks_like_html(text)):
        text = _LAYOUT_TAIL_RE.sub("", _LAYOUT_HEAD_RE.sub("", text))
        return clean_plain_text(text)
    return html_to_text(text)


def _body_from_entry(entry: Any) -> str:
    details = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        details.append(entry["summary_detail"])
    for detail in details:
        value = detail.get("value") or ""
        if not value.strip():
            continue
        if detail.get("type") == "text/plain" or not looks_like_html(value):
            return clean_plain_text(value)
        return html_to_text(value)
    return ""


def _wire_revision(item: etree._Element, guid: str, warnings: list[str]) -> tuple[int, ItemStatus]:
    version, status = 1, "usable"
    for child in item:
        if not isinstance(child.tag, str):
            continue
        namespace, name = _split_tag(child.tag)
        if not namespace or namespace in ATOM_NAMESPACES | RSS_NAMESPACES:
            continue
        local, text = name.lower(), (child.text or "").strip()
        if local in VERSION_ELEMENTS:
            if text.isdigit() and int(text) > 0:
                version = int(text)
            else:
                warnings.append(f"item {guid}: ignored version {text!r}")
        elif local in STATUS_ELEMENTS:
            if known := wire_status(text):
                status = known
            else:
                warnings.append(f"item {guid}: unknown status {text!r}, kept as usable")
    return version, status


def _language(entry: Any, element: etree._Element | None, channel: Any) -> str | None:
    candidates = [entry.get("language")]
    if element is not None:
        candidates.append(element.get(XML_LANG))
    for key in ("content", "summary_detail", "title_detail"):
        detail = entry.get(key)
        if isinstance(detail, list):
            detail = detail[0] if detail else None
        if detail:
            candidates.append(detail.get("language"))
    candidates.append(channel.get("language"))
    for candidate in candidates:
        if lang := normalise_language(candidate):
            return lang
    return None


def _authors(entry: Any) -> list[str]:
    # RSS <author> is "email (Name)"; feedparser's own split truncates long top-level domains.
    if match := _EMAIL_NAME_RE.match(entry.get("author") or ""):
        return [match.group("name").strip()]
    names: list[str] = []
    for author in entry.get("authors") or []:
        name = (author.get("name") or author.get("email") or "").strip()
        if match := _EMAIL_NAME_RE.match(name):
            name = match.group("name").strip()
        if name and name not in names:
            names.append(name)
    return names


def _source(entry: Any, channel: Any, source_hint: str | None) -> str | None:
    source = entry.get("source") or {}
    name = (source.get("title") or "").strip()
    return name or source_hint or (channel.get("title") or "").strip() or None
