"""What every wire-format parser shares: the result shape, the error type and the input guards."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Protocol

from pipeline.models import FeedItem, ItemStatus

MAX_FEED_BYTES = 32 * 1024 * 1024


class FeedError(Exception):
    """The input cannot be read as a feed at all (not a feed, hostile, empty, oversized)."""


@dataclass(slots=True)
class RejectedItem:
    """An item of a readable feed that could not be made into a FeedItem: kept with its bytes and the reason."""

    reason: str
    raw: bytes
    guid: str | None = None


@dataclass(slots=True)
class ParseResult:
    items: list[FeedItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    format: str = ""
    rejected: list[RejectedItem] = field(default_factory=list)

    def reject(self, reason: str, raw: str | bytes, guid: str | None = None) -> None:
        """Set an item aside (with a warning) instead of failing the whole feed."""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogatepass")
        self.rejected.append(RejectedItem(reason, raw, guid))
        self.warnings.append(f"item {guid or len(self.rejected)} rejected: {reason}")


class Parser(Protocol):
    """One wire format: bytes in, normalised items out; raises FeedError for unreadable input."""

    def __call__(self, data: bytes, *, source_hint: str | None, url: str | None) -> ParseResult: ...


def refuse_unsafe_input(data: bytes, *, max_bytes: int = MAX_FEED_BYTES) -> None:
    """Raise FeedError for input no parser should be handed (entity declarations: see xmlsafe)."""
    if not data.strip():
        raise FeedError("empty input: no feed to read")
    if len(data) > max_bytes:
        raise FeedError(f"input too large: {len(data)} bytes (limit {max_bytes})")


def fallback_guid(*parts: str | None) -> str:
    """A stable id for items that carry none: the same link (or title+date) always gives the same id."""
    key = "\x1f".join(p or "" for p in parts)
    return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def normalise_language(tag: str | None) -> str | None:
    """'fr-BE' → 'fr', 'fra'/'fre' → 'fr': the ISO 639-1 code the store and the extractors switch on.

    None for anything else (a three-letter code without a two-letter equivalent, 'x-klingon', digits).
    """
    if not tag or not isinstance(tag, str):
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    if len(primary) == 2 and primary.isascii() and primary.isalpha():
        return primary
    if len(primary) == 3 and primary.isascii() and primary.isalpha():
        return _iso_639_1(primary)
    return None


@lru_cache(maxsize=512)
def _iso_639_1(code: str) -> str | None:
    """ISO 639-2 (terminology 'fra' or bibliographic 'fre') → ISO 639-1 'fr', through pycountry's tables."""
    import pycountry  # its tables load on first use; most feeds never need them

    language = pycountry.languages.get(alpha_3=code) or pycountry.languages.get(bibliographic=code)
    return getattr(language, "alpha_2", None) if language is not None else None


# Editorial status words of every wire format (lower case, qcode prefix removed) → FeedItem.status.
STATUS_WORDS: dict[str, ItemStatus] = {
    "usable": "usable",
    "published": "usable",
    "canceled": "canceled",
    "cancelled": "canceled",
    "kill": "canceled",
    "killed": "canceled",
    "withdrawn": "canceled",
    "withheld": "withheld",
    "embargoed": "withheld",
    "corrected": "corrected",
    "correction": "corrected",
}


def wire_status(word: str | None) -> ItemStatus | None:
    """'stat:canceled', 'Canceled', 'cancelled' → 'canceled'; None for words no table knows."""
    if not word:
        return None
    return STATUS_WORDS.get(word.strip().lower().rsplit(":", 1)[-1])


def wire_version(value: object) -> int | None:
    """A positive integer version from '3', 3 or ' 3 '; None when it is anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value < 2**31 else None
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 10:
        number = int(value.strip())
        return number if number > 0 else None
    return None


def wire_time(text: str | None, default_tz: tzinfo = UTC) -> datetime | None:
    """ISO 8601 in basic ('20200107T103100+0100') or extended form, or an RFC 822 date → aware UTC.

    A time written without an offset is local time in `default_tz`. None when the text is no date at all.
    """
    if not text or not text.strip():
        return None
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=default_tz)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):  # year 1 or 9999 pushed past the calendar by the offset
        return None


def future_date_warnings(items: list[FeedItem], *, now: datetime | None = None) -> list[str]:
    """Dates more than a day ahead are kept as the wire wrote them, but flagged."""
    limit = (now or datetime.now(UTC)) + FUTURE_TOLERANCE
    out = []
    for item in items:
        for name in ("published", "updated"):
            value = getattr(item, name)
            if value is not None and value > limit:
                out.append(f"item {item.guid}: {name} date {value.isoformat()} is in the future")
    return out


FUTURE_TOLERANCE = timedelta(days=1)
