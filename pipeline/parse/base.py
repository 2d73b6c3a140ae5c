"""What every wire-format parser shares: the result shape, the error type and the input guards."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Protocol

from pipeline.models import FeedItem

MAX_FEED_BYTES = 32 * 1024 * 1024

# An internal entity declaration is how entity-expansion bombs (billion laughs, quadratic blow-up) start;
# news feeds have no use for one. XML is case-sensitive, so the keyword is matched as written.
_ENTITY_DECLARATIONS = tuple("<!ENTITY".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


class FeedError(Exception):
    """The input cannot be read as a feed at all (not a feed, hostile, empty, oversized)."""


@dataclass(slots=True)
class ParseResult:
    items: list[FeedItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    format: str = ""


class Parser(Protocol):
    """One wire format: bytes in, normalised items out; raises FeedError for unreadable input."""

    def __call__(self, data: bytes, *, source_hint: str | None, url: str | None) -> ParseResult: ...


def refuse_unsafe_input(data: bytes, *, max_bytes: int = MAX_FEED_BYTES) -> None:
    """Raise FeedError for input no parser should be handed."""
    if not data.strip():
        raise FeedError("empty input: no feed to read")
    if len(data) > max_bytes:
        raise FeedError(f"input too large: {len(data)} bytes (limit {max_bytes})")
    if any(marker in data for marker in _ENTITY_DECLARATIONS):
        raise FeedError("refused: the document declares XML entities (possible entity-expansion bomb)")


def fallback_guid(*parts: str | None) -> str:
    """A stable id for items that carry none: the same link (or title+date) always gives the same id."""
    key = "\x1f".join(p or "" for p in parts)
    return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def normalise_language(tag: str | None) -> str | None:
    """'fr-BE' → 'fr'; the primary subtag is what the extractors switch on."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
