"""Read wire XML with lxml at defusedxml's level of caution: no entities, no DTD, no network, bounded trees.

Entity declarations are refused before lxml sees the bytes (see base.refuse_unsafe_input); the parser itself
never loads a DTD, never resolves an entity and never opens a URL, so an external entity pointing at a local
file is never read. A document that is not well-formed is recovered only as far as its complete records go.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from pipeline.parse.base import FeedError, one_line, refuse_unsafe_input
from pipeline.text import clean_plain_text, decode_payload, html_to_text, looks_like_html, markup_tree_to_text

_DECLARED_ENCODING_RE = re.compile(rb"""\A\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""")
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


def _parser(*, recover: bool, encoding: str | None) -> etree.XMLParser:
    return etree.XMLParser(
        encoding=encoding,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,  # lxml's own limits on depth and text node size stay on
        recover=recover,
        remove_comments=True,
        remove_pis=True,
        strip_cdata=True,
    )


def local_name(element: etree._Element) -> str:
    """'{ns}newsItem' → 'newsItem'; '' for comments and processing instructions."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def parse_wire_xml(data: bytes, *, record: str, warnings: list[str]) -> etree._Element:
    """Parse a whole wire document; raise FeedError when not even one complete `record` element is in it.

    `record` is the local name of one news item ('NewsItem', 'newsItem'): when the document is cut off or
    broken, only as many records as closed in the raw bytes are kept, and a warning says so.
    """
    refuse_unsafe_input(data)
    data = repair_encoding(data, warnings)
    encoding = None
    try:
        return etree.fromstring(data, _parser(recover=False, encoding=encoding))
    except etree.XMLSyntaxError as exc:
        error = exc
    except (ValueError, LookupError) as exc:  # e.g. an encoding lxml does not know
        raise FeedError(f"unreadable XML: {one_line(exc)}") from None
    try:
        root = etree.fromstring(data, _parser(recover=True, encoding=encoding))
    except (etree.LxmlError, ValueError, LookupError):
        root = None
    closed = len(re.findall(rb"</(?:[\w.\-]+:)?" + re.escape(record.encode()) + rb"\s*>", data))
    if root is None or closed == 0:
        raise FeedError(f"not well-formed XML with no complete {record}: {one_line(error)}")
    warnings.append(f"malformed XML, kept the {closed} complete {record} element(s): {one_line(error)}")
    _drop_unclosed_records(root, record, closed)
    return root


def repair_encoding(data: bytes, warnings: list[str]) -> bytes:
    """The document re-encoded as UTF-8 (declaration updated) when its bytes contradict its declared encoding.

    Documents that are right about their encoding, or start with a byte-order mark, pass through untouched.
    """
    if data.startswith(_BOMS) or b"\x00" in data[:4]:
        return data
    declared = _DECLARED_ENCODING_RE.match(data[:200])
    text, problem = decode_payload(data, declared.group(1).decode("ascii") if declared else None)
    if text is None:
        return data
    warnings.append(f"encoding: {problem}")
    fixed = text.encode("utf-8")
    if declared:
        fixed = _DECLARED_ENCODING_RE.sub(lambda m: m.group(0).replace(m.group(1), b"utf-8"), fixed, count=1)
    return fixed


def _drop_unclosed_records(root: etree._Element, record: str, closed: int) -> None:
    records = iter_named(root, record)
    for element in records[closed:]:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


# Containers whose content is the article text proper inside a richer payload (NITF puts its headline,
# byline and dateline in body.head, beside body.content).
BODY_CONTAINERS = ("body.content",)
_LAYOUT_HEAD_RE = re.compile(r"\A[ \t]*\n\s*")
_LAYOUT_TAIL_RE = re.compile(r"\s*\n[ \t]*\Z")


def element_body(element: etree._Element) -> str:
    """Plain text of a payload element: markup (XHTML, NITF, bare <p>) → paragraphs; plain text kept as is.

    Plain text keeps its exact characters (offsets downstream index into it) except the indentation the XML
    layout put around it.
    """
    if len(element) == 0:
        text = element.text or ""
        text = _LAYOUT_TAIL_RE.sub("", _LAYOUT_HEAD_RE.sub("", text))
        return html_to_text(text) if looks_like_html(text) else clean_plain_text(text)
    for container in BODY_CONTAINERS:
        inner = element.find(".//{*}" + container)
        if inner is not None:
            element = inner
            break
    return markup_tree_to_text(element)


def child(element: etree._Element | None, name: str) -> etree._Element | None:
    """First direct child with this local name, in any namespace or none (None below a missing element)."""
    return next(element.iterchildren("{*}" + name), None) if element is not None else None


def children(element: etree._Element | None, name: str) -> list[etree._Element]:
    return list(element.iterchildren("{*}" + name)) if element is not None else []


def descendant(element: etree._Element | None, *path: str) -> etree._Element | None:
    """Follow direct children by local name: descendant(item, 'itemMeta', 'pubStatus')."""
    for name in path:
        element = child(element, name)
    return element


def iter_named(element: etree._Element, name: str) -> list[etree._Element]:
    """Every element with this local name below and including `element`, in document order."""
    return list(element.iter("{*}" + name))


def text_of(element: etree._Element | None) -> str:
    """All text inside, whitespace collapsed; '' for a missing element."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def raw_xml(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode", with_tail=False)
