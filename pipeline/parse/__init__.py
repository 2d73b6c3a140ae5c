"""Parse stage: wire feeds (bytes) → normalised FeedItems, with the format picked by content sniffing.

Each format has one parser behind the same call signature (`Parser`), registered in PARSERS. Every item
leaves through normalise_result: storable as it is, or set aside in ParseResult.rejected with its bytes.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.localfiles import LocalFileError, read_regular_file
from pipeline.parse.base import (
    MAX_FEED_BYTES,
    FeedError,
    Parser,
    ParseResult,
    RejectedItem,
    future_date_warnings,
    refuse_unsafe_input,
)
from pipeline.parse.jsonfeed import parse_jsonfeed
from pipeline.parse.newsml12 import parse_newsml12
from pipeline.parse.newsml_g2 import parse_newsml_g2
from pipeline.parse.ninjs import parse_ninjs
from pipeline.parse.nitf import parse_nitf
from pipeline.parse.normalise import MAX_BODY_CHARS, normalise_result
from pipeline.parse.sniff import ROOT_FORMATS, sniff_format
from pipeline.parse.syndication import parse_syndication
from pipeline.parse.xmlsafe import refuse_entity_declarations, unicode_to_utf8

__all__ = [
    "FeedError",
    "MAX_BODY_CHARS",
    "ParseResult",
    "PARSERS",
    "RejectedItem",
    "parse_feed",
    "parse_path",
    "sniff_format",
]

# Format name (as returned by sniff_format) → parser.
PARSERS: dict[str, Parser] = {
    "rss": parse_syndication,
    "atom": parse_syndication,
    "ninjs": parse_ninjs,
    "jsonfeed": parse_jsonfeed,
    "newsml-g2": parse_newsml_g2,
    "newsml12": parse_newsml12,
    "nitf": parse_nitf,
}


FORMAT_NAMES = frozenset(
    {*ROOT_FORMATS.values(), "ninjs", "jsonfeed", "json-feed", "auto", "feed", "xml", "json", "nitf"}
)


def parse_feed(
    data: bytes,
    *,
    source_hint: str | None = None,
    url: str | None = None,
    max_bytes: int = MAX_FEED_BYTES,
) -> ParseResult:
    """Parse one feed document; raise FeedError (one-line message) when it cannot be read at all."""
    refuse_unsafe_input(data, max_bytes=max_bytes)
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        # Before sniffing: a bomb's DTD may be longer than the sniffed head. External DTD references are
        # judged again by each parser (feedparser gets none).
        refuse_entity_declarations(data, allow_external_dtd=True)
        data = unicode_to_utf8(data)
    fmt = sniff_format(data)
    parser = PARSERS.get(fmt)
    if parser is None:
        raise FeedError(f"{fmt} input recognised, but no parser for it is installed")
    # Content decides the format; a hint that merely names a format is not a source name.
    if source_hint and source_hint.strip().lower() in FORMAT_NAMES:
        source_hint = None
    result = parser(data, source_hint=source_hint, url=url)
    normalise_result(result)
    result.warnings.extend(future_date_warnings(result.items))
    return result


def parse_path(
    path: str | Path, *, source_hint: str | None = None, max_bytes: int = MAX_FEED_BYTES
) -> ParseResult:
    """Parse a feed file from disk (a regular file no larger than `max_bytes`).

    No base URL is passed: where a file lies says nothing about its items, whose ids must not change when it
    moves (a relative guid stays as written).
    """
    path = Path(path)
    try:
        data, _ = read_regular_file(path, max_bytes)
    except LocalFileError as exc:
        raise FeedError(f"{path}: {exc}") from None
    try:
        return parse_feed(data, source_hint=source_hint, max_bytes=max_bytes)
    except FeedError as exc:
        raise FeedError(f"{path}: {exc}") from None
