"""Turn feed payloads into clean article text: markup out, entities decoded, paragraphs kept.

Offsets of every later stage index into this text, so plain text passes through untouched apart from
characters no reader can see (NUL and other control characters).
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata

import charset_normalizer
from lxml import etree
from lxml import html as lxml_html

# Elements whose end (and start) separates paragraphs.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead",
        "tr", "ul",
    }
)  # fmt: skip
# Elements whose content is never article text.
DROPPED_TAGS = frozenset(
    {
        "applet", "audio", "button", "canvas", "embed", "head", "iframe", "map", "math", "noscript",
        "object", "script", "select", "style", "svg", "template", "textarea", "title", "video",
    }
)  # fmt: skip
CELL_TAGS = frozenset({"td", "th"})

_PARAGRAPH = "\x00P"  # sentinels; real NULs are removed before parsing
_LINE = "\x00L"

# C0 controls except tab/newline/carriage return, DEL and C1 controls.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_TAG_RE = re.compile(
    r"<\s*/?\s*(p|br|div|span|b|i|em|strong|a|ul|ol|li|h[1-6]|blockquote|table|tr|td|img|font|u|sup|sub|"
    r"section|article|figure|pre|hr|small|big|center|iframe|script|style)\b[^>]*>",
    re.IGNORECASE,
)
_ENTITY_RE = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPACES_RE = re.compile(r"[ \t\r\n\f\v]+")


def remove_control_chars(text: str) -> str:
    """Drop NUL and other invisible control characters; normalise line ends to \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_RE.sub("", text)


def clean_plain_text(text: str) -> str:
    """A plain-text body as the later stages see it: controls removed, composed (NFC) characters."""
    return unicodedata.normalize("NFC", remove_control_chars(text))


def looks_like_html(text: str) -> bool:
    """True when a payload carries markup or character entities that must be decoded."""
    return bool(_TAG_RE.search(text) or _ENTITY_RE.search(text))


def html_to_text(markup: str) -> str:
    """Markup → plain text: block elements become paragraphs separated by a blank line, <br> a line break."""
    markup = remove_control_chars(markup)
    if not markup.strip():
        return ""
    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return clean_plain_text(html.unescape(markup)).strip()
    pieces: list[str] = []
    _walk(root, pieces)
    text = _assemble("".join(pieces))
    # Wire feeds often escape twice ("&amp;eacute;"): one more decoding pass if entities survived.
    if _ENTITY_RE.search(text):
        text = remove_control_chars(html.unescape(text))
    return unicodedata.normalize("NFC", text)


def markup_tree_to_text(container: etree._Element) -> str:
    """An XML element holding markup (XHTML, NITF, bare <p>, any namespace) → plain text like html_to_text.

    Walks the parsed tree directly: no serialising and re-parsing of each item's body.
    """
    pieces: list[str] = []
    if container.text:
        pieces.append(container.text)
    for child in container:
        _walk(child, pieces)
    text = _assemble("".join(p if p in (_PARAGRAPH, _LINE) else remove_control_chars(p) for p in pieces))
    # Entities left unresolved by the hardened XML parser ("&eacute;") are decoded as HTML would.
    if _ENTITY_RE.search(text):
        text = remove_control_chars(html.unescape(text))
    return unicodedata.normalize("NFC", text)


def _walk(element: etree._Element, pieces: list[str]) -> None:
    if isinstance(element, etree._Entity):
        pieces.append(element.text or "")
        if element.tail:
            pieces.append(element.tail)
        return
    tag = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
    if not isinstance(element.tag, str) or tag in DROPPED_TAGS:
        # Comments and processing instructions carry no text; their tail does.
        if element.tail:
            pieces.append(element.tail)
        return
    if tag == "br":
        pieces.append(_LINE)
    elif tag in BLOCK_TAGS:
        pieces.append(_PARAGRAPH)
    elif tag in CELL_TAGS:
        pieces.append(" ")
    if element.text:
        pieces.append(element.text)
    for child in element:
        _walk(child, pieces)
    if tag in BLOCK_TAGS:
        pieces.append(_PARAGRAPH)
    elif tag in CELL_TAGS:
        pieces.append(" ")
    if element.tail:
        pieces.append(element.tail)


def _assemble(flat: str) -> str:
    paragraphs = []
    for block in flat.split(_PARAGRAPH):
        lines = [_SPACES_RE.sub(" ", line).strip() for line in block.split(_LINE)]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def decode_payload(data: bytes, declared: str | None) -> tuple[str | None, str | None]:
    """Is `data` really in its declared encoding (UTF-8 when none)? (None, None) when it is.

    Otherwise return the text decoded as well as it can be, and a warning saying what was assumed:
    UTF-8 with a few damaged bytes stays UTF-8 (the bad bytes become U+FFFD), a legacy file mislabelled or
    unlabelled is decoded in the encoding charset-normalizer finds, and "ISO-8859-1" carrying Windows-1252
    characters (curly quotes, €) is read as Windows-1252, as browsers do.
    """
    codec = declared or "utf-8"
    try:
        normal = codecs.lookup(codec).name
        text = data.decode(codec)
    except LookupError:
        problem = f"unknown encoding {codec!r}"
    except UnicodeDecodeError as exc:
        problem = f"bytes are not {codec} (offset {exc.start})"
    else:
        if normal in ("latin-1", "iso8859-1") and _C1_BYTES_RE.search(data):
            return data.decode("cp1252", "replace"), f"declared {codec} but uses Windows-1252 characters"
        return None, None
    text = data.decode("utf-8", "replace")
    damaged = text.count("\ufffd")
    if len(_NON_ASCII_RE.findall(text)) > damaged:
        return text, f"{problem}; read as UTF-8 with {damaged} invalid byte(s) replaced"
    encoding = guess_legacy_encoding(data)
    return data.decode(encoding, "replace"), f"{problem}; decoded as {encoding}"


def guess_legacy_encoding(data: bytes) -> str:
    """The most likely encoding of undeclared wire bytes, among those Western European newsrooms use."""
    sample = data[:LEGACY_SNIFF_BYTES]
    guess = charset_normalizer.from_bytes(sample, cp_isolation=list(LEGACY_ENCODINGS)).best()
    encoding = guess.encoding if guess is not None else "cp1252"
    # cp1252 and ISO-8859-15 tie on most text; byte A4 is "¤" in one (never written) and "€" in the other,
    # while bytes 80–9F are printable only in cp1252.
    if encoding in ("cp1252", "latin_1") and b"\xa4" in sample and not _C1_BYTES_RE.search(sample):
        encoding = "iso8859_15"
    try:
        data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        encoding = "latin_1"  # decodes anything; the caller's warning says the characters may be wrong
    return encoding


# Candidate encodings for undeclared or misdeclared bytes, most frequent first (extend for other regions).
LEGACY_ENCODINGS = ("utf_8", "cp1252", "iso8859_15", "latin_1", "utf_16", "mac_roman")
_C1_BYTES_RE = re.compile(rb"[\x80-\x9f]")
_NON_ASCII_RE = re.compile("[^\x00-\x7f\ufffd]")
LEGACY_SNIFF_BYTES = 256 * 1024


# --- WordPress shortcodes ------------------------------------------------------------------------------------

# Shortcodes whose content is markup for the page (a form, a player, a gallery), not article text.
SHORTCODES_DROPPED_WHOLE = frozenset(
    {"caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist", "contact_form", "contact-form",
     "contact-form-7", "gravityform", "wpforms", "ninja_form", "mc4wp_form", "soundcloud", "youtube", "tweet",
     "instagram", "googlemaps", "iframe", "code", "sourcecode"}
)  # fmt: skip
# Shortcodes known by name (layout builders wrap text in them: the tags go, the text stays).
SHORTCODES_KNOWN = SHORTCODES_DROPPED_WHOLE | frozenset(
    {"vc_row", "vc_column", "vc_column_text", "vc_section", "et_pb_section", "et_pb_row", "et_pb_column",
     "et_pb_text", "fusion_builder_container", "fusion_text", "su_quote", "su_note", "pullquote", "quote",
     "row", "column", "one_half", "one_third", "box", "button", "related", "ad", "adsense", "share",
     "newsletter", "subscribe", "toc", "spacer", "divider", "separator"}
)  # fmt: skip
_SHORTCODE_RE = re.compile(
    r"\[(?P<close>/)?(?P<name>[A-Za-z][\w-]{1,40})(?P<attrs>(?:\s+[^\[\]]*?)?)\s*(?P<self>/)?\]"
)


def _is_shortcode(name: str, attrs: str, text: str) -> bool:
    """A bracketed word is a shortcode when WordPress would render it: a known name, a name written the way
    plugins write them (underscore or hyphen), attributes (`id="3"`), or a matching closing tag.
    "[sic]", "[Belga]" and "[1]" stay: a bare word with no closing tag is an editor's bracket."""
    lower = name.lower()
    return (
        lower in SHORTCODES_KNOWN
        or "_" in name
        or ("-" in name and name.islower())
        or "=" in attrs
        or f"[/{name}]" in text
    )


def strip_shortcodes(text: str) -> str:
    """Remove WordPress shortcodes left unrendered in a body: "[contact_form]" and "[caption …]…[/caption]"
    vanish, the text inside layout shortcodes stays. Plain text without brackets is returned untouched."""
    if "[" not in text:
        return text
    written = text
    for name in SHORTCODES_DROPPED_WHOLE:
        if f"[{name}" in text.lower():
            text = re.sub(
                rf"\[{re.escape(name)}\b[^\]]*\].*?\[/{re.escape(name)}\]", "", text, flags=re.IGNORECASE | re.DOTALL
            )
    original = text
    text = _SHORTCODE_RE.sub(
        lambda m: "" if _is_shortcode(m.group("name"), m.group("attrs"), original) else m.group(0), text
    )
    if text == written:
        return text
    # Tidy what the removed tags leave: spaces before punctuation, runs of blank lines, empty ends.
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return text.strip()
