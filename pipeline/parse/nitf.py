"""NITF 3.x (IPTC News Industry Text Format), one document per file, as AP, AAP, PA, EFE, ANSA, NTB and the
Nordic agencies send it.

head/docdata holds the identity (doc-id/@id-string), the revision (du-key/@version), the editorial status
(@management-status, a correction element), the issue time (date.issue/@norm, ISO 8601 basic or extended);
body.head the headline (hedline/hl1), byline and dateline; body.content the text. Agencies that leave a field
out write it in head/meta instead (NTB: <meta name="NTBID" content="…"/>); those names are read as a fallback.
Times written without an offset are UTC, as NITF's norm attributes intend.
"""

from __future__ import annotations

import re
from datetime import datetime

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
    wire_version,
)
from pipeline.parse.xmlsafe import (
    child,
    children,
    descendant,
    element_body,
    iter_named,
    local_name,
    parse_wire_xml,
    raw_xml,
    text_of,
)
from pipeline.text import markup_tree_to_text

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# head/meta names (lower case, any agency prefix before a dot or of the form NTBID) read as fallbacks.
META_ID_RE = re.compile(r"(?:^|[._-])(?:id|guid|uri|itemid|docid|ntbid)$|^[a-z]{2,5}id$")
META_VERSION_RE = re.compile(r"(?:^|[._-])(?:version|revision|ntbversion)$|^[a-z]{2,5}version$")
META_STATUS_RE = re.compile(r"(?:^|[._-])(?:status|pubstatus|management-status)$")
META_TIME_RE = re.compile(r"(?:^|[._-])(?:timestamp|date|datetime|created|issued|firstcreated)$")
META_LANGUAGE_RE = re.compile(r"(?:^|[._-])(?:language|lang)$")
# Elements of body.content that are no article text (photos and their captions, embedded objects).
NON_TEXT_ELEMENTS = frozenset({"media", "media-reference", "media-metadata", "media-object", "media-caption",
                               "media-producer", "object", "classifier", "note"})  # fmt: skip
BYLINE_PREFIXES = ("by ", "par ", "por ", "di ", "af ", "av ", "von ", "door ")
# An ed-msg announcing a kill or withdrawal, when management-status is absent.
KILL_MESSAGE_RE = re.compile(r"\b(kill|withdraw|withdrawn|elimina|annul|cancel)", re.IGNORECASE)
# Second-resolution times written with dots or slashes (NTB's meta timestamp "2020.01.07 09:31:00").
_LOOSE_TIME_RE = re.compile(r"^(\d{4})[./-](\d{2})[./-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$")


def parse_nitf(data: bytes, *, source_hint: str | None = None, url: str | None = None) -> ParseResult:
    warnings: list[str] = []
    root = parse_wire_xml(data, record="nitf", warnings=warnings)
    documents = [root] if local_name(root) == "nitf" else iter_named(root, "nitf")
    if not documents:
        raise FeedError(f"not NITF: the root element is {local_name(root)!r}")
    result = ParseResult(warnings=warnings, format="nitf")
    for number, document in enumerate(documents, start=1):
        try:
            result.items.append(_feed_item(document, source_hint, warnings))
        except Exception as exc:  # one unreadable document must not cost the rest of the file
            result.reject(f"nitf {number}: {one_line(exc)}", raw_xml(document))
    return result


def _feed_item(nitf: etree._Element, source_hint: str | None, warnings: list[str]) -> FeedItem:
    raw = raw_xml(nitf)
    head = child(nitf, "head")
    docdata = child(head, "docdata")
    body = child(nitf, "body")
    meta = _meta(head)
    title = _headline(body, head)
    text = _body(body)
    published = _published(docdata, head, body, meta, warnings)
    guid = _guid(docdata, meta)
    if not guid:
        guid = fallback_guid(title, published.isoformat() if published else None, text)
        warnings.append(f"item {guid}: no doc-id, id derived from headline and date")
    return FeedItem(
        source_format="nitf",
        guid=guid,
        title=title,
        body=text,
        version=_version(docdata, meta, guid, warnings),
        status=_status(docdata, meta, guid, warnings),
        language=_language(nitf, head, body, meta),
        published=published,
        updated=None,
        link=_link(head, meta),
        authors=_authors(body),
        source=source_hint or _source(docdata, body),
        raw=raw,
    )


def _meta(head: etree._Element | None) -> dict[str, str]:
    """head/meta name → content (lower-case names, first one wins)."""
    out: dict[str, str] = {}
    for element in children(head, "meta"):
        name = (element.get("name") or "").strip().lower()
        content = (element.get("content") or "").strip()
        if name and content:
            out.setdefault(name, content)
    return out


def _from_meta(meta: dict[str, str], pattern: re.Pattern[str]) -> str:
    return next((value for name, value in meta.items() if pattern.search(name)), "")


def _guid(docdata: etree._Element | None, meta: dict[str, str]) -> str:
    doc_id = child(docdata, "doc-id")
    if doc_id is not None and (value := (doc_id.get("id-string") or text_of(doc_id)).strip()):
        return value
    if value := _from_meta(meta, META_ID_RE):
        return value
    du_key = child(docdata, "du-key")
    return (du_key.get("key") or "").strip() if du_key is not None else ""


def _version(docdata: etree._Element | None, meta: dict[str, str], guid: str, warnings: list[str]) -> int:
    du_key = child(docdata, "du-key")
    written = (du_key.get("version") or "").strip() if du_key is not None else ""
    written = written or _from_meta(meta, META_VERSION_RE)
    if not written:
        return 1
    version = wire_version(written)
    if version is None:
        # Some agencies count revisions from 0; the store counts from 1.
        if written == "0":
            return 1
        warnings.append(f"item {guid}: unreadable version {written!r}, taken as 1")
        return 1
    return version


def _status(docdata: etree._Element | None, meta: dict[str, str], guid: str, warnings: list[str]) -> ItemStatus:
    word = (docdata.get("management-status") or "").strip() if docdata is not None else ""
    word = word or _from_meta(meta, META_STATUS_RE)
    status: ItemStatus = "usable"
    if word:
        known = wire_status(word)
        if known is None:
            warnings.append(f"item {guid}: unknown management-status {word!r}, kept as usable")
        else:
            status = known
    if status == "usable" and docdata is not None:
        message = child(docdata, "ed-msg")
        info = (message.get("info") or text_of(message)) if message is not None else ""
        if info and KILL_MESSAGE_RE.search(info) and not word:
            return "canceled"
        correction = child(docdata, "correction")
        if correction is not None and ((correction.get("info") or "").strip() or correction.get("id-string")):
            return "corrected"
    return status


def _norm_time(element: etree._Element | None, attribute: str = "norm") -> str:
    return (element.get(attribute) or "").strip() if element is not None else ""


def _published(
    docdata: etree._Element | None,
    head: etree._Element | None,
    body: etree._Element | None,
    meta: dict[str, str],
    warnings: list[str],
) -> datetime | None:
    candidates = [
        ("date.issue", _norm_time(child(docdata, "date.issue"))),
        ("date.release", _norm_time(child(docdata, "date.release"))),
        ("pubdata", _norm_time(child(head, "pubdata"), "date.publication")),
        ("story.date", _norm_time(descendant(body, "body.head", "dateline", "story.date"))),
        ("meta", _from_meta(meta, META_TIME_RE)),
    ]
    for name, written in candidates:
        if not written:
            continue
        moment = wire_time(written) or _loose_time(written)
        if moment is not None:
            return moment
        warnings.append(f"unreadable {name} time {written!r}")
    return None


def _loose_time(text: str) -> datetime | None:
    match = _LOOSE_TIME_RE.match(text)
    if not match:
        return None
    year, month, day, hour, minute, second = (int(g or 0) for g in match.groups())
    return wire_time(f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}")


def _headline(body: etree._Element | None, head: etree._Element | None) -> str:
    hedline = descendant(body, "body.head", "hedline")
    if hedline is not None and (text := text_of(child(hedline, "hl1"))):
        return text
    if hedline is not None and (text := text_of(hedline)):
        return text
    return text_of(child(head, "title"))


def _body(body: etree._Element | None) -> str:
    content = child(body, "body.content")
    if content is None:
        return ""
    if len(content) == 0:  # plain text, its line breaks kept
        return element_body(content)
    for element in [e for e in content.iter() if local_name(e) in NON_TEXT_ELEMENTS]:
        _remove_keeping_tail(element)
    return markup_tree_to_text(content)


def _remove_keeping_tail(element: etree._Element) -> None:
    """Drop an element and its content; the text that follows it stays where it was."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _language(
    nitf: etree._Element, head: etree._Element | None, body: etree._Element | None, meta: dict[str, str]
) -> str | None:
    for element in (nitf, head, body):
        if element is not None and (lang := normalise_language(element.get(XML_LANG))):
            return lang
    if lang := normalise_language(nitf.get("baselang")):
        return lang
    return normalise_language(_from_meta(meta, META_LANGUAGE_RE))


def _authors(body: etree._Element | None) -> list[str]:
    names: list[str] = []
    for byline in children(descendant(body, "body.head"), "byline"):
        people = [text_of(p) for p in children(byline, "person")]
        if not people:
            title = text_of(child(byline, "byttl"))
            line = text_of(byline)
            if title and line.endswith(title):
                line = line[: -len(title)].strip(" ,")
            people = [line]
        for name in people:
            if name.lower().startswith(BYLINE_PREFIXES):
                name = name.split(" ", 1)[1].strip()
            if name and name not in names:
                names.append(name)
    return names


def _source(docdata: etree._Element | None, body: etree._Element | None) -> str | None:
    copyright_ = child(docdata, "doc.copyright")
    if copyright_ is not None and (holder := (copyright_.get("holder") or "").strip()):
        return holder
    if distributor := text_of(descendant(body, "body.head", "distributor")):
        return distributor
    doc_id = child(docdata, "doc-id")
    return ((doc_id.get("regsrc") or "").strip() or None) if doc_id is not None else None


def _link(head: etree._Element | None, meta: dict[str, str]) -> str | None:
    for name in ("url", "link", "canonical"):
        value = meta.get(name, "")
        if value.startswith(("http://", "https://")):
            return value
    return None
