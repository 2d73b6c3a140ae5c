"""NewsML 1.2 as Belga, SDA-ATS, Kyodo and TASS deliver it: NewsItems with a revision number, a status,
local times (Brussels when no offset is written) and one text component per language (one FeedItem per
language), its headline, lead and body either in NewsLines and one ContentItem or split into sub-components
with the roles Title, Lead and Body, at any depth of nested NewsComponents. A Belga "tip" with a title and no
body text is its title. An external DTD named in the DOCTYPE (`%nitf;`) is never loaded.

The item identity is urn:newsml:ProviderId:DateId:NewsItemId (the revision is the FeedItem version); an item
that carries several texts gets the language appended (…:fr, …:nl), and the component's Duid when two texts
share a language, so that each text has its own guid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import TypeVar

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

T = TypeVar("T")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Media types of a ContentItem that never carry article text (MediaType/@FormalName, lower case); any other
# (Text, ComplexData, agency-specific words) is read when its DataContent holds text.
NON_TEXT_MEDIA = frozenset({"photo", "picture", "image", "graphic", "graphics", "video", "audio", "sound",
                            "animation", "movie", "binary"})  # fmt: skip
NON_TEXT_MIME_PREFIXES = ("image/", "audio/", "video/", "application/octet-stream", "application/pdf")
# Roles of a component whose title alone is the message (Belga tips) when no body text comes with it.
TITLE_ONLY_ROLES = frozenset({"tip"})
# Role/@FormalName of a sub-component that holds one part of its parent's text (lower case).
PART_ROLES = {
    "title": "title",
    "headline": "title",
    "lead": "lead",
    "abstract": "lead",
    "intro": "lead",
    "body": "body",
    "main": "body",
}
# ByLine prefixes that are not part of a name.
BYLINE_PREFIXES = ("par ", "by ", "door ", "von ")


class _BrusselsFallback(tzinfo):
    """Europe/Brussels without a tz database (Windows without tzdata): CET, CEST under the EU rule since 1996."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=2) if dt is not None and self._summer(dt) else timedelta(hours=1)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=1) if dt is not None and self._summer(dt) else timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return "CEST" if dt is not None and self._summer(dt) else "CET"

    @staticmethod
    def _summer(dt: datetime) -> bool:
        def last_sunday(month: int) -> datetime:
            day = datetime(dt.year, month, 31)
            return day - timedelta(days=(day.weekday() + 1) % 7)

        local = dt.replace(tzinfo=None)
        # Clocks change at 01:00 UTC: 02:00 local in March, 03:00 local in October.
        return last_sunday(3).replace(hour=2) <= local < last_sunday(10).replace(hour=3)


def _brussels() -> tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Brussels")
    except (ImportError, LookupError, OSError):
        return _BrusselsFallback()


BRUSSELS = _brussels()
# Local time of the providers whose NewsML 1.2 writes times without an offset (ProviderId, lower case, matched
# as a suffix or a dot-separated word); every other provider is read as Brussels time, Belga's.
PROVIDER_ZONES = {
    "kyodonews.jp": "Asia/Tokyo",
    "kyodo": "Asia/Tokyo",
    "tass.ru": "Europe/Moscow",
    "tass.com": "Europe/Moscow",
    "tass": "Europe/Moscow",
    "stt.fi": "Europe/Helsinki",
    "stt": "Europe/Helsinki",
    "efe.com": "Europe/Madrid",
    "ansa.it": "Europe/Rome",
    "anp.nl": "Europe/Amsterdam",
    "sda-ats.ch": "Europe/Zurich",
    "keystone-sda.ch": "Europe/Zurich",
    "ntb.no": "Europe/Oslo",
    "ritzau.dk": "Europe/Copenhagen",
    "aap.com.au": "Australia/Sydney",
}


def provider_zone(provider: str) -> tzinfo:
    """The time zone a provider's offset-less times are written in (Brussels when the provider is unknown)."""
    provider = provider.strip().lower()
    words = set(provider.replace("-", ".").split("."))
    for key, zone in PROVIDER_ZONES.items():
        if provider == key or provider.endswith("." + key) or ("." not in key and key in words):
            try:
                from zoneinfo import ZoneInfo

                return ZoneInfo(zone)
            except (ImportError, LookupError, OSError):
                return BRUSSELS
    return BRUSSELS


def parse_newsml12(data: bytes, *, source_hint: str | None = None, url: str | None = None) -> ParseResult:
    warnings: list[str] = []
    root = parse_wire_xml(data, record="NewsItem", warnings=warnings)
    if local_name(root) not in ("NewsML", "NewsItem"):
        raise FeedError(f"not NewsML 1.2: the root element is {local_name(root)!r}")
    news_items = iter_named(root, "NewsItem")
    if not news_items:
        raise FeedError("NewsML 1.2 document without any NewsItem")
    result = ParseResult(warnings=warnings, format="newsml12")
    for number, news_item in enumerate(news_items, start=1):
        try:
            result.items.extend(_feed_items(news_item, source_hint, warnings))
        except Exception as exc:  # one unreadable item must not cost the rest of the delivery
            result.reject(f"NewsItem {number}: {one_line(exc)}", raw_xml(news_item))
    return result


def _feed_items(news_item: etree._Element, source_hint: str | None, warnings: list[str]) -> list[FeedItem]:
    identifier = descendant(news_item, "Identification", "NewsIdentifier")
    base_guid, version = _identity(identifier, news_item, warnings)
    management = child(news_item, "NewsManagement")
    status = _status(management, base_guid, warnings)
    zone = provider_zone(text_of(descendant(identifier, "ProviderId")))
    first = _time(management, "FirstCreated", base_guid, warnings, zone)
    this = _time(management, "ThisRevisionCreated", base_guid, warnings, zone)
    published = first or this
    updated = this if this and this != published else None

    top = child(news_item, "NewsComponent")
    units = _text_units(top, news_item) if top is not None else []
    if not units and top is not None and len(iter_named(top, "NewsItem")):
        return []  # a package: the NewsItems nested in it are read on their own
    if not units:
        # Kills often come without any text; the item still has to reach the store.
        units = [_Unit(top)]
    languages = [_inherited_language(unit.owner) for unit in units]
    source = _source(top) or source_hint or text_of(descendant(identifier, "ProviderId")) or None
    items = []
    for index, (unit, lang) in enumerate(zip(units, languages, strict=True), start=1):
        guid = base_guid
        if len(units) > 1:
            guid = f"{base_guid}:{lang or index}"
            if languages.count(lang) > 1:
                duid = (unit.owner.get("Duid") or "").strip() if unit.owner is not None else ""
                guid = f"{guid}:{duid or index}"
        title = unit.title or _nearest(unit.owner, _headline) or _headline_below(unit.owner)
        body = "\n\n".join(unit.lead + unit.body)
        if not body and title and _role(unit.owner) in TITLE_ONLY_ROLES:
            body = title
        items.append(
            FeedItem(
                source_format="newsml12",
                guid=guid,
                title=title,
                body=body,
                version=version,
                status=status,
                language=lang,
                published=published,
                updated=updated,
                link=None,
                authors=_nearest(unit.owner, _authors) or [],
                source=source,
                raw=raw_xml(news_item),
            )
        )
    return items


@dataclass(slots=True)
class _Unit:
    """One text of a NewsItem: the component that owns it and its parts."""

    owner: etree._Element | None
    title: str = ""
    lead: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


def _text_units(top: etree._Element, news_item: etree._Element) -> list[_Unit]:
    """The texts of a NewsItem in document order: one per component carrying text, where sub-components
    with a Title/Lead/Body role (Belga's layout) are parts of their parent's text. Components of a NewsItem
    nested inside this one belong to that item."""
    units: dict[etree._Element, _Unit] = {}
    for component in iter_named(top, "NewsComponent"):
        owner_item = next((a for a in component.iterancestors() if local_name(a) == "NewsItem"), None)
        if owner_item is not news_item:
            continue
        texts = [t for item in children(component, "ContentItem") if (t := _content_text(item))]
        if not texts:
            continue
        part = PART_ROLES.get(_role(component))
        parent = component.getparent()
        owner = parent if part and parent is not None and local_name(parent) == "NewsComponent" else component
        unit = units.setdefault(owner, _Unit(owner))
        if part == "title":
            unit.title = " ".join(" ".join(texts).split())
        elif part == "lead":
            unit.lead.extend(texts)
        else:
            unit.body.extend(texts)
    return list(units.values())


def _nearest(component: etree._Element | None, read: Callable[[etree._Element], T]) -> T | None:
    """The first non-empty `read(c)` from the component up through its enclosing NewsComponents."""
    while component is not None and local_name(component) == "NewsComponent":
        if value := read(component):
            return value
        component = component.getparent()
    return None


def _identity(
    identifier: etree._Element | None, news_item: etree._Element, warnings: list[str]
) -> tuple[str, int]:
    if identifier is None:
        headline = text_of(descendant(news_item, "NewsComponent", "NewsLines", "HeadLine"))
        created = text_of(descendant(news_item, "NewsManagement", "FirstCreated"))
        guid = fallback_guid(headline, created, text_of(child(news_item, "NewsComponent")))
        warnings.append(f"item {guid}: no NewsIdentifier, id derived from the content")
        return guid, 1
    provider, date_id, item_id = (
        text_of(child(identifier, n)) for n in ("ProviderId", "DateId", "NewsItemId")
    )
    if item_id:
        guid = f"urn:newsml:{provider}:{date_id}:{item_id}"
    else:
        public = text_of(child(identifier, "PublicIdentifier"))
        # urn:newsml:Provider:DateId:NewsItemId:RevisionId[Update] — drop the revision part.
        guid = public.rsplit(":", 1)[0] if public.count(":") >= 5 else public
        if not guid:
            headline = text_of(descendant(news_item, "NewsComponent", "NewsLines", "HeadLine"))
            created = text_of(descendant(news_item, "NewsManagement", "FirstCreated"))
            guid = fallback_guid(headline, created, text_of(child(news_item, "NewsComponent")))
        warnings.append(f"item {guid}: no NewsItemId in the NewsIdentifier")
    revision = child(identifier, "RevisionId")
    version = wire_version(text_of(revision)) if revision is not None else None
    if version is None:
        warnings.append(f"item {guid}: missing or unreadable RevisionId {text_of(revision)!r}, taken as 1")
        return guid, 1
    previous = wire_version(revision.get("PreviousRevision") or "")
    if previous is not None and previous >= version:
        warnings.append(f"item {guid}: RevisionId {version} does not follow PreviousRevision {previous}")
    return guid, version


def _status(management: etree._Element | None, guid: str, warnings: list[str]) -> ItemStatus:
    element = child(management, "Status") if management is not None else None
    word = (element.get("FormalName") or text_of(element)) if element is not None else ""
    if not word:
        return "usable"
    status = wire_status(word)
    if status is None:
        warnings.append(f"item {guid}: unknown status {word!r}, kept as usable")
        return "usable"
    return status


def _time(
    management: etree._Element | None, name: str, guid: str, warnings: list[str], zone: tzinfo = BRUSSELS
) -> datetime | None:
    text = text_of(child(management, name)) if management is not None else ""
    if not text:
        return None
    moment = wire_time(text, zone)
    if moment is None:
        warnings.append(f"item {guid}: unreadable {name} {text!r}")
    return moment


def _own_language(component: etree._Element) -> str | None:
    if lang := normalise_language(component.get(XML_LANG)):
        return lang
    metadata = child(component, "DescriptiveMetadata")
    for language in children(metadata if metadata is not None else component, "Language"):
        if lang := normalise_language(language.get("FormalName") or text_of(language)):
            return lang
    return None


def _inherited_language(component: etree._Element | None) -> str | None:
    while component is not None:
        if lang := _own_language(component):
            return lang
        component = component.getparent()
    return None


def _role(component: etree._Element | None) -> str:
    role = child(component, "Role") if component is not None else None
    return (role.get("FormalName") or "").strip().lower() if role is not None else ""


def _content_text(content_item: etree._Element) -> str | None:
    media = child(content_item, "MediaType")
    if media is not None and (media.get("FormalName") or "").strip().lower() in NON_TEXT_MEDIA:
        return None
    mime = child(content_item, "MimeType")
    if mime is not None and (mime.get("FormalName") or "").strip().lower().startswith(NON_TEXT_MIME_PREFIXES):
        return None
    data_content = child(content_item, "DataContent")
    if data_content is None:
        return None
    return element_body(data_content)


def _headline(component: etree._Element) -> str:
    return text_of(descendant(component, "NewsLines", "HeadLine"))


def _headline_below(component: etree._Element | None) -> str:
    """The first headline of the components nested in this one (TASS puts it one or two levels down)."""
    if component is None:
        return ""
    for lines in iter_named(component, "NewsLines"):
        if headline := text_of(child(lines, "HeadLine")):
            return headline
    return ""


def _authors(component: etree._Element | None) -> list[str]:
    if component is None:
        return []
    names: list[str] = []
    lines = child(component, "NewsLines")
    for byline in children(lines, "ByLine") if lines is not None else []:
        name = text_of(byline)
        if name.lower().startswith(BYLINE_PREFIXES):
            name = name.split(" ", 1)[1].strip()
        if name and name not in names:
            names.append(name)
    creator = descendant(component, "AdministrativeMetadata", "Creator", "Party")
    if creator is not None and (name := creator.get("FormalName", "").strip()) and name not in names:
        names.append(name)
    return names


def _source(top: etree._Element | None) -> str | None:
    if top is None:
        return None
    party = descendant(top, "AdministrativeMetadata", "Provider", "Party")
    if party is not None and (name := party.get("FormalName", "").strip()):
        return name
    return text_of(descendant(top, "NewsLines", "CreditLine")) or None
