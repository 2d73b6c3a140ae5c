"""Parse stage: wire feeds (bytes) → normalised FeedItems, with the format picked by content sniffing.

Each format has one parser behind the same call signature (`Parser`), registered in PARSERS.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.parse.base import (
    MAX_FEED_BYTES,
    FeedError,
    Parser,
    ParseResult,
    future_date_warnings,
    refuse_unsafe_input,
)
from pipeline.parse.newsml12 import parse_newsml12
from pipeline.parse.newsml_g2 import parse_newsml_g2
from pipeline.parse.ninjs import parse_ninjs
from pipeline.parse.sniff import ROOT_FORMATS, sniff_format
from pipeline.parse.syndication import parse_syndication

__all__ = ["FeedError", "ParseResult", "PARSERS", "parse_feed", "parse_path", "sniff_format"]

# Format name (as returned by sniff_format) → parser.
PARSERS: dict[str, Parser] = {
    "rss": parse_syndication,
    "atom": parse_syndication,
    "ninjs": parse_ninjs,
    "newsml-g2": parse_newsml_g2,
    "newsml12": parse_newsml12,
}


FORMAT_NAMES = frozenset({*ROOT_FORMATS.values(), "ninjs", "auto", "feed", "xml", "json"})


def parse_feed(
    data: bytes,
    *,
    source_hint: str | None = None,
    url: str | None = None,
    max_bytes: int = MAX_FEED_BYTES,
) -> ParseResult:
    """Parse one feed document; raise FeedError (one-line message) when it cannot be read at all."""
    refuse_unsafe_input(data, max_bytes=max_bytes)
    fmt = sniff_format(data)
    parser = PARSERS.get(fmt)
    if parser is None:
        raise FeedError(f"{fmt} input recognised, but no parser for it is installed")
    # Content decides the format; a hint that merely names a format is not a source name.
    if source_hint and source_hint.strip().lower() in FORMAT_NAMES:
        source_hint = None
    result = parser(data, source_hint=source_hint, url=url)
    result.warnings.extend(future_date_warnings(result.items))
    _drop_oversized(result)
    return result


# No wire story comes near this; spaCy refuses texts over 1,000,000 characters, and one such item must not
# block the extraction of everything stored after it.
MAX_BODY_CHARS = 500_000


def _drop_oversized(result: ParseResult) -> None:
    kept = []
    for item in result.items:
        if len(item.body) > MAX_BODY_CHARS:
            result.warnings.append(
                f"item {item.guid} skipped: body of {len(item.body):,} characters exceeds {MAX_BODY_CHARS:,}"
            )
        else:
            kept.append(item)
    result.items = kept


def parse_path(
    path: str | Path, *, source_hint: str | None = None, max_bytes: int = MAX_FEED_BYTES
) -> ParseResult:
    """Parse a feed file from disk."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FeedError(f"{path}: file too large: {size} bytes (limit {max_bytes})")
        data = path.read_bytes()
    except OSError as exc:
        raise FeedError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return parse_feed(data, source_hint=source_hint, url=path.resolve().as_uri(), max_bytes=max_bytes)
    except FeedError as exc:
        raise FeedError(f"{path}: {exc}") from None
