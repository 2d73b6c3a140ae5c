"""NewsML-G2 (IPTC): a newsMessage with one or more newsItems, or a bare newsItem.

guid and version are attributes of newsItem; itemMeta holds pubStatus, signals, versionCreated/firstCreated
and the provider; contentMeta the headline, language and creators; contentSet the text, as inlineXML (XHTML or
NITF) or inlineData (plain or escaped HTML). Package and concept items carry no article text and are skipped.
"""

from __future__ import annotations

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

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# itemMeta/signal qcodes that mark this version as a correction of the previous one.
CORRECTION_SIGNALS = frozenset({"correction", "corrected", "cor"})
# contentSet children by preference, with the content types read as article text.
TEXT_CONTENT_TYPES = ("application/xhtml+xml", "application/nitf+xml", "text/html", "text/plain", "")
# Other content types are still read as text (Reuters writes "application/xhtml+html"), last, except these.
NON_TEXT_CONTENT_TYPES = ("image/", "audio/", "video/", "application/octet-stream", "application/pdf")
# Headline roles read as the main headline, best first (no role at all counts as main).
MAIN_HEADLINE_ROLES = ("", "hld:main", "main")
# Roles of a creator that is the author of the text, not a photographer or an editor.
AUTHOR_ROLES = frozenset({"", "crol:author", "author", "crol:writer", "crol:reporter"})
BYLINE_PREFIXES = ("by ", "par ")
SKIPPED_ITEMS = frozenset({"packageItem", "conceptItem", "knowledgeItem", "planningItem"})


def parse_newsml_g2(data: bytes, *, source_hint: str | None = None, url: str | None = None) -> ParseResult:
    warnings: list[str] = []
    root = parse_wire_xml(data, record="newsItem", warnings=warnings)
    name = local_name(root)
    if name not in ("newsMessage", "newsItem", *SKIPPED_ITEMS):
        raise FeedError(f"not NewsML-G2: the root element is {name!r}")
    news_items = [root] if name == "newsItem" else iter_named(root, "newsItem")
    skipped = sum(len(iter_named(root, kind)) for kind in SKIPPED_ITEMS)
    if skipped:
        warnings.append(f"{skipped} package/concept/planning item(s) without article text skipped")
    if not news_items and not skipped:
        raise FeedError("NewsML-G2 document without any newsItem")
    sender = text_of(descendant(root, "header", "sender")) if name == "newsMessage" else ""
    result = ParseResult(warnings=warnings, format="newsml-g2")
    for number, news_item in enumerate(news_items, start=1):
        try:
            result.items.append(_feed_item(news_item, source_hint or sender or None, warnings))
        except Exception as exc:  # one unreadable item must not cost the rest of the message
            result.reject(f"newsItem {number}: {one_line(exc)}", raw_xml(news_item), news_item.get("guid"))
    return result


def _feed_item(news_item: etree._Element, default_source: str | None, warnings: list[str]) -> FeedItem:
    meta = child(news_item, "itemMeta")
    content_meta = child(news_item, "contentMeta")
    title = _headline(content_meta)
    first_text = text_of(descendant(meta, "firstCreated")) if meta is not None else ""
    version_text = text_of(descendant(meta, "versionCreated")) if meta is not None else ""
    body, body_lang = _body(child(news_item, "contentSet"))
    guid = (news_item.get("guid") or "").strip()
    if not guid:
        guid = fallback_guid(title, first_text or version_text, body)
        warnings.append(f"item {guid}: newsItem without guid, id derived from headline and date")
    version = 1
    if (written := news_item.get("version")) is not None:
        version = wire_version(written) or 1
        if wire_version(written) is None:
            warnings.append(f"item {guid}: unreadable version {written!r}, taken as 1")
    first = _time(first_text, "firstCreated", guid, warnings)
    created = _time(version_text, "versionCreated", guid, warnings)
    published = first or created
    language = (
        (_content_language(content_meta) if content_meta is not None else None)
        or body_lang
        or _inherited_language(news_item)
    )
    return FeedItem(
        source_format="newsml-g2",
        guid=guid,
        title=title,
        body=body,
        version=version,
        status=_status(meta, guid, warnings),
        language=language,
        published=published,
        updated=created if created and created != published else None,
        link=_link(meta),
        authors=_authors(content_meta),
        source=_provider(meta) or default_source,
        raw=raw_xml(news_item),
    )


def _time(text: str, name: str, guid: str, warnings: list[str]) -> datetime | None:
    if not text:
        return None
    moment = wire_time(text)
    if moment is None:
        warnings.append(f"item {guid}: unreadable {name} {text!r}")
    return moment


def _status(meta: etree._Element | None, guid: str, warnings: list[str]) -> ItemStatus:
    if meta is None:
        return "usable"
    status: ItemStatus = "usable"
    pub_status = child(meta, "pubStatus")
    if pub_status is not None:
        word = pub_status.get("qcode") or pub_status.get("literal") or text_of(pub_status)
        known = wire_status(word)
        if known is None:
            warnings.append(f"item {guid}: unknown pubStatus {word!r}, kept as usable")
        else:
            status = known
    if status == "usable":
        for signal in children(meta, "signal"):
            code = (signal.get("qcode") or signal.get("literal") or "").lower().rsplit(":", 1)[-1]
            if code in CORRECTION_SIGNALS:
                return "corrected"
    return status


def _headline(content_meta: etree._Element | None) -> str:
    if content_meta is None:
        return ""
    headlines = children(content_meta, "headline")
    for role in MAIN_HEADLINE_ROLES:
        for headline in headlines:
            if (headline.get("role") or "").lower() == role and (text := text_of(headline)):
                return text
    return next((t for h in headlines if (t := text_of(h))), "")


def _content_language(content_meta: etree._Element) -> str | None:
    for language in children(content_meta, "language"):
        if lang := normalise_language(language.get("tag")):
            return lang
    return None


def _inherited_language(element: etree._Element | None) -> str | None:
    while element is not None:
        if lang := normalise_language(element.get(XML_LANG)):
            return lang
        element = element.getparent()
    return None


def _body(content_set: etree._Element | None) -> tuple[str, str | None]:
    """Text of the preferred rendition and its language (xml:lang on the rendition), or ('', None)."""
    if content_set is None:
        return "", None
    renditions = [el for el in content_set if local_name(el) in ("inlineXML", "inlineData")]

    def rank(element: etree._Element) -> int:
        kind = (element.get("contenttype") or "").split(";")[0].strip().lower()
        return TEXT_CONTENT_TYPES.index(kind) if kind in TEXT_CONTENT_TYPES else len(TEXT_CONTENT_TYPES)

    for rendition in sorted(renditions, key=rank):
        kind = (rendition.get("contenttype") or "").lower()
        if kind.startswith(NON_TEXT_CONTENT_TYPES):
            continue
        text = element_body(rendition)
        if text:
            return text, normalise_language(rendition.get(XML_LANG))
    return "", None


def _authors(content_meta: etree._Element | None) -> list[str]:
    if content_meta is None:
        return []
    names: list[str] = []
    for creator in children(content_meta, "creator"):
        if (creator.get("role") or "").lower() not in AUTHOR_ROLES:
            continue
        name = text_of(child(creator, "name")) or (creator.get("literal") or "").strip()
        if name and name not in names:
            names.append(name)
    for by in children(content_meta, "by"):
        name = text_of(by)
        if name.lower().startswith(BYLINE_PREFIXES):
            name = name.split(" ", 1)[1].strip()
        if name and name not in names:
            names.append(name)
    return names


def _provider(meta: etree._Element | None) -> str | None:
    provider = child(meta, "provider") if meta is not None else None
    if provider is None:
        return None
    name = text_of(child(provider, "name")) or (provider.get("literal") or "").strip()
    if not name and (qcode := provider.get("qcode")):
        name = qcode.rsplit(":", 1)[-1]
    return name or None


def _link(meta: etree._Element | None) -> str | None:
    for link in children(meta, "link") if meta is not None else []:
        href = (link.get("href") or "").strip()
        if href.startswith(("http://", "https://")) and (link.get("rel") or "") in (
            "irel:seeAlso",
            "irel:canonical",
            "",
        ):
            return href
    return None
