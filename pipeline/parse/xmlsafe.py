"""Read wire XML with lxml at defusedxml's level of caution: no entities, no DTD, no network, bounded trees.

Entity declarations are refused before any parser sees the document (refuse_entity_declarations), after
decoding it as an XML parser would, so that UTF-7 or ISO-2022-JP cannot hide one from a byte check. The one
kind let through, for lxml only, is the external parameter entity NewsML 1.2 deliveries use to name the NITF
DTD (`<!ENTITY % nitf SYSTEM "nitf-3-0.dtd"> %nitf;`): the parser never loads a DTD, never resolves an entity
and never opens a URL or a file, so that reference is never followed. A document that is not well-formed is
recovered only as far as its complete records go.
"""

from __future__ import annotations

import codecs
import html.entities
import re

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, EntitiesForbidden
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
    refuse_entity_declarations(data, allow_external_dtd=True)
    data = html_entities_to_references(scrub_invalid_characters(repair_encoding(data, warnings), warnings))
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


# --- entity declarations, judged on the decoded text ------------------------------------------------------

_EBCDIC_SIGNATURE = b"\x4c\x6f\xa7\x94"  # "<?xm" in EBCDIC
_UNICODE_SIGNATURES = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (_EBCDIC_SIGNATURE, "cp500"),
)
_ENTITY_MARK = "<!ENTITY"
# The one declaration a wire document may carry: an external parameter entity naming a DTD file.
_EXTERNAL_PARAMETER_ENTITY_RE = re.compile(
    r"""<!ENTITY\s+%\s+[\w.:-]+\s+(?:SYSTEM|PUBLIC\s+(?:"[^"<>]*"|'[^'<>]*'))\s+(?:"[^"<>]*"|'[^'<>]*')\s*>"""
)
_PROLOG_PIECE_RE = re.compile(
    r"""\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[(?:[^\]"']|"[^"]*"|'[^']*')*\])*>)""", re.DOTALL
)


def document_text(data: bytes) -> str:
    """The document decoded as an XML parser decodes it: byte-order mark or signature first, then the
    encoding its declaration names (UTF-7, ISO-2022-JP… included), Latin-1 when that name is unknown."""
    if data.startswith(_EBCDIC_SIGNATURE):
        # The declaration's letters read the same in every EBCDIC code page; "!" and "[" do not.
        named = re.match(r"""<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._\-]+)""", data[:200].decode("cp500"))
        for codec in (named.group(1) if named else "cp500", "cp500"):
            try:
                return data.decode(codec, errors="replace")
            except LookupError:
                continue
    for signature, codec in _UNICODE_SIGNATURES:
        if data.startswith(signature):
            return data.decode(codec, errors="replace")
    declared = _DECLARED_ENCODING_RE.match(data[:200])
    codec = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return data.decode(codec, errors="replace")
    except LookupError:
        return data.decode("latin-1")  # markup is ASCII in every encoding a feed may use


class _WireDTDGuard(DefusedXMLParser):
    """defusedxml's parser, letting through external parameter entities (a DTD by name, never loaded)."""

    def __init__(self, allow_external_dtd: bool) -> None:
        super().__init__(forbid_dtd=False, forbid_entities=True, forbid_external=True)
        self.allow_external_dtd = allow_external_dtd

    def defused_entity_decl(self, name, is_parameter_entity, value, base, sysid, pubid, notation_name):
        if self.allow_external_dtd and is_parameter_entity and value is None and sysid:
            return
        raise EntitiesForbidden(name, value, base, sysid, pubid, notation_name)


def refuse_entity_declarations(data: bytes, *, allow_external_dtd: bool) -> None:
    """Raise FeedError when the document declares entities (the start of every entity-expansion bomb).

    Judged on the decoded characters, whatever the encoding. With `allow_external_dtd`, an external parameter
    entity in the DOCTYPE is accepted (lxml never loads it); feedparser is never handed any declaration.
    """
    text = document_text(data)
    if _ENTITY_MARK not in text:
        return
    refusal = "refused: the document declares XML entities (possible entity-expansion bomb)"
    if not allow_external_dtd:
        raise FeedError(refusal)
    pos = 0
    while piece := _PROLOG_PIECE_RE.match(text, pos):
        pos = piece.end()
    prolog = text[:pos]
    # Declarations live in the DOCTYPE only (past the root start, "<!ENTITY" is text or a syntax error);
    # a DOCTYPE the scan could not get past is refused whole.
    if text[pos:].lstrip().startswith("<!DOCTYPE"):
        raise FeedError(refusal)
    if prolog.count(_ENTITY_MARK) != len(_EXTERNAL_PARAMETER_ENTITY_RE.findall(prolog)):
        raise FeedError(refusal)
    guard = _WireDTDGuard(allow_external_dtd)
    try:
        guard.feed(_DECLARATION_RE.sub("", prolog, count=1) + "<_/>")
        guard.close()
    except DefusedXmlException:
        raise FeedError(refusal) from None
    except SyntaxError:  # expat could not read the prolog; the pattern check above already passed it
        pass


_DECLARATION_RE = re.compile(r"\A\s*<\?xml[^>]*\?>")


def unicode_to_utf8(data: bytes) -> bytes:
    """A UTF-16/32 or EBCDIC document (byte-order mark or signature) re-encoded as UTF-8, its declaration
    saying so; ASCII-compatible documents are returned as they are.

    feedparser guesses the encoding of a UTF-16 file differently depending on whether a base URL came with it,
    and nothing here reads EBCDIC; handing every parser UTF-8 makes every way in read the same.
    """
    if not data.startswith(tuple(sig for sig, codec in _UNICODE_SIGNATURES if codec != "utf-8-sig")):
        return data
    text = document_text(data)
    text = re.sub(r"""\A(\s*<\?xml[^>]*?\sencoding\s*=\s*["'])[^"']*""", r"\1utf-8", text, count=1)
    return text.encode("utf-8", "surrogatepass")


# --- HTML entity names, which XML does not define ------------------------------------------------------------

_NAMED_REF_RE = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_PREDEFINED = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
_STATEFUL_ENCODING_RE = re.compile(rb"""\A\s*<\?xml[^>]*?encoding\s*=\s*["'](?:iso-?2022|utf-?7|hz)""", re.I)


def html_entities_to_references(data: bytes) -> bytes:
    """`&eacute;`, `&nbsp;`, `&rsquo;`… (written by NITF and NewsML senders who rely on a DTD nobody loads)
    become numeric references, so a strict XML parser reads the document instead of giving up on it.

    Names XML predefines and names HTML does not know are left alone. Only in ASCII-compatible encodings
    without shift states, where these bytes can only be what they look like.
    """
    if b"&" not in data or _STATEFUL_ENCODING_RE.match(data[:200]):
        return data

    def reference(match: re.Match[bytes]) -> bytes:
        name = match.group(1)
        if name in _XML_PREDEFINED:
            return match.group(0)
        code = html.entities.name2codepoint.get(name.decode("ascii"))
        return b"&#%d;" % code if code is not None else match.group(0)

    return _NAMED_REF_RE.sub(reference, data)


# --- characters XML 1.0 does not allow -----------------------------------------------------------------------

_CHAR_REF_RE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
# Raw control bytes never valid in XML 1.0; SO, SI and ESC are kept, ISO-2022 encodings switch with them.
_CONTROL_BYTES_RE = re.compile(rb"[\x00-\x08\x0b\x0c\x10-\x1a\x1c-\x1f]")


def _xml_char(code: int) -> bool:
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def scrub_invalid_characters(data: bytes, warnings: list[str]) -> bytes:
    """Remove what no XML 1.0 document may contain, so that one bad value costs neither its item nor the feed.

    NUL and other control characters (raw or as `&#0;`) are dropped, references to surrogates or to code
    points past U+10FFFF become U+FFFD. Only in ASCII-compatible encodings, where these bytes cannot be part of
    another character.
    """
    if data.startswith(tuple(sig for sig, _ in _UNICODE_SIGNATURES[1:])):
        return data
    removed = 0

    def fix(match: re.Match[bytes]) -> bytes:
        nonlocal removed
        hexa, decimal = match.groups()
        code = int(hexa, 16) if hexa else int(decimal)
        if _xml_char(code):
            return match.group(0)
        removed += 1
        return b"" if code < 0x20 else b"&#xFFFD;"

    if b"&#" in data:
        data = _CHAR_REF_RE.sub(fix, data)
    data, raw = _CONTROL_BYTES_RE.subn(b"", data)
    removed += raw
    if removed:
        warnings.append(f"removed or replaced {removed} character(s) XML does not allow (NUL, controls, surrogates)")
    return data


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
