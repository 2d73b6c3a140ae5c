"""Last step of every parser: make each item storable, or set it aside with its bytes and the reason.

PostgreSQL text holds neither NUL nor lone surrogates, the language column takes ISO 639-1 codes only, and
the (source, guid, version) index refuses keys past about 2,700 bytes. What can be repaired is repaired here
(NUL removed, surrogates replaced, 'fra' → 'fr', an over-long guid replaced by its hash); an item that still
cannot be stored is rejected alone, never its whole feed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from pipeline.models import FeedItem
from pipeline.parse.base import ParseResult, fallback_guid, normalise_language, one_line

# Longest guid stored as written (UTF-8 bytes); longer ones are stored as their hash. Far under the
# ~2,700-byte limit of a btree index row, and far over any real wire identifier.
MAX_GUID_BYTES = 1024
# No wire story comes near this; spaCy refuses texts over 1,000,000 characters, and one such item must not
# block the extraction of everything stored after it.
MAX_BODY_CHARS = 500_000
STATUSES = frozenset({"usable", "canceled", "withheld", "corrected"})

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
# Control characters have no place in one-line values (guid, title, link, names); tab/newline become spaces.
_LINE_CONTROLS_RE = re.compile(r"[\x00-\x1f\x7f]")


def clean_text(value: str) -> str:
    """NUL removed, lone surrogates replaced by U+FFFD (the text PostgreSQL and UTF-8 can hold)."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    return _SURROGATE_RE.sub("\ufffd", value)


def clean_line(value: str) -> str:
    return " ".join(_LINE_CONTROLS_RE.sub(" ", clean_text(value)).split())


def hashed_guid(guid: str) -> str:
    return "sha256:" + hashlib.sha256(guid.encode("utf-8", "surrogatepass")).hexdigest()


def normalise_item(item: FeedItem, warnings: list[str]) -> FeedItem:
    """The item with every value in a form the store accepts; raises ValueError when that is impossible."""
    guid = clean_text(item.guid).strip()  # only what cannot be stored: the identity must not drift
    title = clean_line(item.title)
    body = clean_text(item.body)
    if not guid:
        guid = fallback_guid(title, item.published.isoformat() if item.published else None, body)
        warnings.append(f"item {guid}: guid empty once invisible characters removed, id derived from content")
    elif guid != item.guid:
        warnings.append(f"item {guid}: invisible or invalid characters removed from the guid")
    if len(guid.encode("utf-8")) > MAX_GUID_BYTES:
        original = guid
        guid = hashed_guid(original)
        warnings.append(
            f"item {guid}: guid of {len(original.encode('utf-8')):,} bytes replaced by its hash "
            "(the original stays in the item's raw payload)"
        )
    language = item.language
    if language is not None and not re.fullmatch(r"[a-z]{2}", language):
        mapped = normalise_language(language)
        if mapped is None:
            warnings.append(f"item {guid}: language {clean_line(language)[:40]!r} is no ISO 639 code, dropped")
        language = mapped
    if item.status not in STATUSES:
        raise ValueError(f"unknown status {item.status!r}")
    if not (isinstance(item.version, int) and 0 < item.version < 2**31):
        raise ValueError(f"version {item.version!r} is not a positive 32-bit integer")
    if len(body) > MAX_BODY_CHARS:
        raise ValueError(f"body of {len(body):,} characters exceeds {MAX_BODY_CHARS:,}")
    link = clean_line(item.link) if item.link else None
    source = clean_line(item.source) if item.source else None
    authors = [name for a in item.authors if isinstance(a, str) and (name := clean_line(a))]
    return replace(
        item,
        guid=guid,
        title=title,
        body=body,
        language=language,
        link=link or None,
        source=source or None,
        authors=authors,
        raw=clean_text(item.raw),
    )


def normalise_result(result: ParseResult) -> None:
    """Normalise every item in place; the ones that cannot be stored move to result.rejected."""
    kept = []
    for item in result.items:
        try:
            kept.append(normalise_item(item, result.warnings))
        except Exception as exc:  # one item that cannot be stored must not cost the feed
            reason = str(exc) if isinstance(exc, ValueError) else one_line(exc)
            result.reject(reason, item.raw, clean_line(item.guid)[:200] or None)
    result.items = kept
