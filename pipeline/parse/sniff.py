"""Recognise a wire format from the first bytes of a document, whatever the file name or content type says."""

from __future__ import annotations

import codecs
import re

from pipeline.parse.base import FeedError

# Root element (local name, without prefix) → format name used by the parser registry.
ROOT_FORMATS: dict[str, str] = {
    "rss": "rss",
    "rdf": "rss",
    "channel": "rss",  # RSS 0.9x fragments seen in the wild
    "feed": "atom",
    "newsmessage": "newsml-g2",
    "newsitem": "newsml-g2",
    "packageitem": "newsml-g2",
    "knowledgeitem": "newsml-g2",
    "newsml": "newsml12",
    "nitf": "nitf",
}
# JSON Feed names itself in its top-level "version" (https://jsonfeed.org/version/1.1).
_JSONFEED_RE = re.compile(r'"version"\s*:\s*"https?://jsonfeed\.org/version/')
_HTML_ROOTS = frozenset({"html", "head", "body"})
_NITF_INSIDE_RE = re.compile(r"<(?:[\w.-]+:)?nitf[\s>]")
_SNIFF_BYTES = 8192

# Prolog pieces that may precede the root element.
_PROLOG_RE = re.compile(
    r"""\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)""",
    re.DOTALL | re.IGNORECASE,
)
_ROOT_RE = re.compile(r"\s*<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


def _head_text(data: bytes) -> str:
    head = data[:_SNIFF_BYTES]
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore")
    if head[:2] in (b"<\x00", b"\x00<"):
        return head.decode("utf-16-le" if head[0] == 0x3C else "utf-16-be", errors="ignore")
    # Markup characters are ASCII in every other encoding a feed may use; latin-1 never fails.
    return head.decode("latin-1")


def sniff_format(data: bytes) -> str:
    """Return the format name ('rss', 'atom', 'ninjs', 'jsonfeed', 'newsml-g2', 'newsml12', 'nitf') or raise
    FeedError."""
    text = _head_text(data).lstrip()
    if not text:
        raise FeedError("empty input: no feed to read")
    if text[0] in "{[":
        return "jsonfeed" if text[0] == "{" and _JSONFEED_RE.search(text) else "ninjs"
    if text[0] != "<":
        raise FeedError("not a feed: the input is neither XML nor JSON")
    pos = 0
    while match := _PROLOG_RE.match(text, pos):
        pos = match.end()
    root = _ROOT_RE.match(text, pos)
    if not root:
        raise FeedError("not a feed: no root element found")
    name = root.group(2).lower()
    if name in _HTML_ROOTS:
        raise FeedError("not a feed: the input is an HTML page")
    if root.group(2) == "NewsItem":  # a bare NewsML 1.2 item (G2's is newsItem, lower case)
        return "newsml12"
    if name not in ROOT_FORMATS and _NITF_INSIDE_RE.search(text, pos):
        return "nitf"  # NITF documents gathered under a wrapper element
    # Unknown roots go to the syndication parser, which refuses them with its own message if need be.
    return ROOT_FORMATS.get(name, "rss")
