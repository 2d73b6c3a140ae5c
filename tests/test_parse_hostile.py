"""Broken and hostile feed payloads, served by a real HTTP server on 127.0.0.1, fetched, then parsed.

Each case ends cleanly: a FeedError with a one-line message, or items with warnings; never a traceback.
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree
from pytest_httpserver import HTTPServer

from pipeline.fetch import FetchSettings, fetch
from pipeline.parse import FeedError, ParseResult, parse_feed
from pipeline.parse.xmlsafe import _parser

ROOT = Path(__file__).resolve().parent.parent
FEEDS = ROOT / "seeds" / "feeds"
RSS = ROOT / "seeds" / "belga-fr.rss.xml"
LOCAL = FetchSettings(allow_hosts=frozenset({"127.0.0.1:*", "localhost:*"}), max_attempts=1)
G2_NS = "http://iptc.org/std/nar/2006-10-01/"


def served(httpserver: HTTPServer, data: bytes, content_type: str = "application/xml", **settings) -> bytes:
    """Serve `data`, fetch it like the pipeline does, and return the body that fetch handed over."""
    httpserver.expect_request("/feed").respond_with_data(data, content_type=content_type)
    result = fetch(httpserver.url_for("/feed"), settings=replace(LOCAL, **settings))
    assert result.status == "ok", result.error
    assert result.content_type == content_type
    return result.body


def refused(data: bytes) -> str:
    with pytest.raises(FeedError) as caught:
        parse_feed(data)
    message = str(caught.value)
    assert message and "\n" not in message
    return message


# --- not a feed at all ----------------------------------------------------------------------------------


def test_feed_served_with_a_wrong_content_type_is_read_by_its_content(httpserver: HTTPServer):
    body = served(httpserver, RSS.read_bytes(), content_type="image/png")
    assert len(parse_feed(body).items) == 6


def test_ninjs_served_as_html_is_still_ninjs(httpserver: HTTPServer):
    body = served(httpserver, (FEEDS / "reuters-ninjs2.json").read_bytes(), content_type="text/html")
    assert len(parse_feed(body).items) == 4


@pytest.mark.parametrize(
    "page",
    [
        b"<!DOCTYPE html><html><head><title>Maintenance</title></head><body><p>Back soon</p></body></html>",
        b"\xef\xbb\xbf\n  <html lang='fr'><body>Erreur 500</body></html>",
        b"<!-- login wall --><HTML><BODY>Please sign in</BODY></HTML>",
    ],
    ids=["doctype", "bom", "comment-uppercase"],
)
def test_html_page_instead_of_a_feed_is_refused(httpserver: HTTPServer, page):
    body = served(httpserver, page, content_type="application/rss+xml")
    assert "HTML page" in refused(body)


@pytest.mark.parametrize("payload", [b"", b"   \r\n\t  "], ids=["empty", "blank"])
def test_empty_body_is_refused(httpserver: HTTPServer, payload):
    body = served(httpserver, payload)
    assert "empty input" in refused(body)


# --- XML attacks ---------------------------------------------------------------------------------------

LAUGHS = (
    '<!DOCTYPE {root} [<!ENTITY a "lol">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>"
)


@pytest.mark.parametrize(
    "template",
    [
        "<rss version='2.0'><channel><title>&j;</title><item><title>&j;</title></item></channel></rss>",
        "<NewsML><NewsItem><NewsComponent><NewsLines><HeadLine>&j;</HeadLine></NewsLines></NewsComponent>"
        "</NewsItem></NewsML>",
        f"<newsMessage xmlns='{G2_NS}'><itemSet><newsItem guid='x'><contentMeta><headline>&j;</headline>"
        "</contentMeta></newsItem></itemSet></newsMessage>",
    ],
    ids=["rss", "newsml12", "newsml-g2"],
)
def test_billion_laughs_is_refused_fast_in_every_xml_format(httpserver: HTTPServer, template):
    root = template[1:].split(">")[0].split(" ")[0]
    doc = ("<?xml version='1.0'?>" + LAUGHS.format(root=root) + template).encode()
    body = served(httpserver, doc)
    started = time.monotonic()
    assert "declares XML entities" in refused(body)
    assert time.monotonic() - started < 0.2


def test_quadratic_blowup_is_refused():
    doc = f'<?xml version="1.0"?><!DOCTYPE NewsML [<!ENTITY big "{"x" * 50_000}">]><NewsML>{"&big;" * 5000}</NewsML>'
    assert "declares XML entities" in refused(doc.encode())


def test_external_entity_to_a_local_file_is_refused_and_never_read(httpserver: HTTPServer, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE NewsML [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        "<NewsML><NewsItem><NewsComponent><ContentItem><DataContent>&xxe;</DataContent></ContentItem>"
        "</NewsComponent></NewsItem></NewsML>"
    ).encode()
    body = served(httpserver, doc)
    assert "declares XML entities" in refused(body)
    # Even past the entity check, the hardened parser itself does not read the file.
    tree = etree.fromstring(body, _parser(recover=True, encoding=None))
    assert "TOP-SECRET-MARKER" not in etree.tostring(tree, encoding="unicode")


def test_external_dtd_is_never_fetched(httpserver: HTTPServer):
    httpserver.expect_request("/evil.dtd").respond_with_data('<!ENTITY title "FROM-THE-NETWORK">')
    dtd_url = httpserver.url_for("/evil.dtd")
    doc = (
        (FEEDS / "belga-newsml12.xml")
        .read_bytes()
        .replace(b"http://www.iptc.org/std/NewsML/1.2/specification/NewsML_1.2.dtd", dtd_url.encode())
    )
    body = served(httpserver, doc)
    result = parse_feed(body)
    assert len(result.items) == 6
    assert all(request.path != "/evil.dtd" for request, _ in httpserver.log)


def test_xinclude_of_a_local_file_is_not_processed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("XINCLUDE-MARKER")
    doc = (
        f"<newsItem xmlns='{G2_NS}' xmlns:xi='http://www.w3.org/2001/XInclude' guid='urn:xi'>"
        "<contentSet><inlineXML contenttype='application/xhtml+xml'><p>Texte "
        f"<xi:include href='{secret.as_uri()}' parse='text'/></p></inlineXML></contentSet></newsItem>"
    ).encode()
    item = parse_feed(doc).items[0]
    assert "XINCLUDE-MARKER" not in item.body and item.body == "Texte"


def test_json_nested_a_million_deep_is_refused():
    assert "nested too deeply" in refused(b"[" * 1_000_000 + b"]" * 1_000_000)


def test_json_with_a_giant_number_is_refused_cleanly():
    assert "not readable JSON" in refused(b'{"uri": "x", "version": ' + b"9" * 10_000 + b"}")


# --- size: 10,000 items ---------------------------------------------------------------------------------

SENTENCE = "Le ministre a annoncé mardi {i} mesures nouvelles, selon un communiqué publié à Bruxelles."


def _rss(n: int) -> bytes:
    items = "".join(
        f"<item><guid>belga-{i}</guid><title>Dépêche {i}</title><pubDate>Tue, 07 Jan 2020 10:31:00 +0100</pubDate>"
        f"<description>{SENTENCE.format(i=i)}</description></item>"
        for i in range(n)
    )
    return f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Belga</title>{items}</channel></rss>".encode()


def _newsml12(n: int) -> bytes:
    items = "".join(
        "<NewsItem><Identification><NewsIdentifier><ProviderId>belga.be</ProviderId><DateId>20200107</DateId>"
        f"<NewsItemId>N{i}</NewsItemId><RevisionId PreviousRevision='0' Update='N'>1</RevisionId></NewsIdentifier>"
        "</Identification><NewsManagement><FirstCreated>20200107T103100</FirstCreated><Status FormalName='Usable'/>"
        f"</NewsManagement><NewsComponent xml:lang='fr'><NewsLines><HeadLine>Dépêche {i}</HeadLine></NewsLines>"
        f"<ContentItem><DataContent><p>{SENTENCE.format(i=i)}</p></DataContent></ContentItem></NewsComponent></NewsItem>"
        for i in range(n)
    )
    return f"<?xml version='1.0' encoding='ISO-8859-15'?><NewsML>{items}</NewsML>".encode("iso-8859-15")


def _newsml_g2(n: int) -> bytes:
    items = "".join(
        f"<newsItem guid='urn:afp:{i}' version='1'><itemMeta><versionCreated>2020-01-07T10:31:00+01:00</versionCreated>"
        "<pubStatus qcode='stat:usable'/></itemMeta><contentMeta><language tag='fr'/>"
        f"<headline>Dépêche {i}</headline></contentMeta><contentSet><inlineXML contenttype='application/xhtml+xml'>"
        f"<html xmlns='http://www.w3.org/1999/xhtml'><body><p>{SENTENCE.format(i=i)}</p></body></html></inlineXML>"
        "</contentSet></newsItem>"
        for i in range(n)
    )
    return f"<?xml version='1.0' encoding='utf-8'?><newsMessage xmlns='{G2_NS}'><itemSet>{items}</itemSet></newsMessage>".encode()


def _ninjs(n: int) -> bytes:
    return json.dumps(
        [
            {
                "uri": f"urn:reuters:{i}",
                "version": "1",
                "versioncreated": "2020-01-07T10:31:00+01:00",
                "language": "fr",
                "headline": f"Dépêche {i}",
                "body_html": f"<p>{SENTENCE.format(i=i)}</p>",
            }
            for i in range(n)
        ],
        ensure_ascii=False,
    ).encode()


@pytest.mark.parametrize(
    ("build", "limit_s"),
    [
        (_rss, 40.0),
        (_newsml12, 20.0),
        (_newsml_g2, 20.0),
        (_ninjs, 10.0),
    ],  # generous: shared, loaded CI machines
    ids=["rss", "newsml12", "newsml-g2", "ninjs"],
)
def test_ten_thousand_items_parse_completely(httpserver: HTTPServer, build, limit_s):
    body = served(httpserver, build(10_000), max_bytes=32 * 1024 * 1024)
    started = time.perf_counter()
    result = parse_feed(body)
    elapsed = time.perf_counter() - started
    print(f"\n10,000 items ({len(body) / 1e6:.1f} MB, {build.__name__[1:]}): parsed in {elapsed:.2f} s")
    assert len(result.items) == 10_000 and result.warnings == []
    assert len({i.guid for i in result.items}) == 10_000
    last = result.items[-1]
    assert last.body == SENTENCE.format(i=9999) and last.published == datetime(2020, 1, 7, 9, 31, tzinfo=UTC)
    assert elapsed < limit_s


# --- missing ids, titles, dates ---------------------------------------------------------------------------

NO_IDS = {
    "rss": b"""<rss version="2.0"><channel><title>W</title>
        <item><description>Premier texte sans rien.</description></item>
        <item><description>Second texte sans rien.</description></item>
        <item><title>Titre seul</title></item></channel></rss>""",
    "atom": b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>
        <entry><content>Premier texte sans rien.</content></entry>
        <entry><content>Second texte sans rien.</content></entry>
        <entry><title>Titre seul</title></entry></feed>""",
    "newsml12": b"""<NewsML>
        <NewsItem><NewsComponent><ContentItem><DataContent>Premier texte sans rien.</DataContent></ContentItem>
        </NewsComponent></NewsItem>
        <NewsItem><NewsComponent><ContentItem><DataContent>Second texte sans rien.</DataContent></ContentItem>
        </NewsComponent></NewsItem>
        <NewsItem><NewsComponent><NewsLines><HeadLine>Titre seul</HeadLine></NewsLines></NewsComponent></NewsItem>
        </NewsML>""",
    "newsml-g2": f"""<newsMessage xmlns="{G2_NS}"><itemSet>
        <newsItem><contentSet><inlineData contenttype="text/plain">Premier texte sans rien.</inlineData></contentSet>
        </newsItem>
        <newsItem><contentSet><inlineData contenttype="text/plain">Second texte sans rien.</inlineData></contentSet>
        </newsItem>
        <newsItem><contentMeta><headline>Titre seul</headline></contentMeta></newsItem>
        </itemSet></newsMessage>""".encode(),
    "ninjs": b"""[{"body_text": "Premier texte sans rien."}, {"body_text": "Second texte sans rien."},
        {"headline": "Titre seul"}]""",
}


@pytest.mark.parametrize("fmt", list(NO_IDS))
def test_items_without_guid_date_or_title_get_stable_distinct_fallback_ids(httpserver: HTTPServer, fmt):
    body = served(httpserver, NO_IDS[fmt])
    first, again = parse_feed(body), parse_feed(NO_IDS[fmt])
    ids = [i.guid for i in first.items]
    assert len(ids) == 3 and len(set(ids)) == 3
    assert ids == [i.guid for i in again.items]
    assert all(guid.startswith("sha256:") for guid in ids)
    assert [i.title for i in first.items] == ["", "", "Titre seul"]
    assert all(i.published is None for i in first.items)
    assert first.items[0].body == "Premier texte sans rien."


# --- dates ----------------------------------------------------------------------------------------------

DATED = {
    "rss": "<rss version='2.0'><channel><title>W</title><item><guid>a</guid><pubDate>{future}</pubDate>"
    "<description>x</description></item><item><guid>b</guid><pubDate>{bad}</pubDate><description>y</description>"
    "</item></channel></rss>",
    "newsml12": "<NewsML><NewsItem><Identification><NewsIdentifier><ProviderId>p</ProviderId><DateId>d</DateId>"
    "<NewsItemId>a</NewsItemId><RevisionId>1</RevisionId></NewsIdentifier></Identification><NewsManagement>"
    "<FirstCreated>{future_compact}</FirstCreated></NewsManagement></NewsItem><NewsItem><Identification>"
    "<NewsIdentifier><ProviderId>p</ProviderId><DateId>d</DateId><NewsItemId>b</NewsItemId><RevisionId>1</RevisionId>"
    "</NewsIdentifier></Identification><NewsManagement><FirstCreated>{bad}</FirstCreated></NewsManagement>"
    "</NewsItem></NewsML>",
    "newsml-g2": f"<newsMessage xmlns='{G2_NS}'><itemSet>"
    "<newsItem guid='a'><itemMeta><versionCreated>{future_iso}</versionCreated></itemMeta></newsItem>"
    "<newsItem guid='b'><itemMeta><versionCreated>{bad}</versionCreated></itemMeta></newsItem></itemSet></newsMessage>",
    "ninjs": '[{{"uri": "a", "versioncreated": "{future_iso}"}}, {{"uri": "b", "versioncreated": "{bad}"}}]',
}


@pytest.mark.parametrize("fmt", list(DATED))
@pytest.mark.parametrize("bad", ["31/02/2020 25:61", "2020-13-45T99:00:00Z", "hier soir"])
def test_future_and_malformed_dates_are_warnings_not_failures(httpserver: HTTPServer, fmt, bad):
    doc = DATED[fmt].format(
        future="Sat, 07 Jan 2090 10:31:00 +0100",
        future_compact="20900107T103100+0100",
        future_iso="2090-01-07T10:31:00+01:00",
        bad=bad,
    )
    result: ParseResult = parse_feed(served(httpserver, doc.encode()))
    future, broken = result.items
    assert future.guid.endswith("a") and broken.guid.endswith("b")
    assert future.published == datetime(2090, 1, 7, 9, 31, tzinfo=UTC) and broken.published is None
    joined = " | ".join(result.warnings)
    assert f"item {future.guid}: published date 2090-01-07T09:31:00+00:00 is in the future" in joined
    assert f"item {broken.guid}: unreadable" in joined and bad in joined


# --- damaged documents -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "record"),
    [("belga-newsml12.xml", b"<NewsItem "), ("afp-newsml-g2.xml", b"<newsItem ")],
)
def test_document_cut_off_mid_item_keeps_the_complete_items(httpserver: HTTPServer, name, record):
    data = (FEEDS / name).read_bytes()
    cut = data.index(record, data.index(record, data.index(record) + 1) + 1) + 200  # inside the third item
    result = parse_feed(served(httpserver, data[:cut]))
    assert "malformed XML, kept the 2 complete" in result.warnings[0]
    assert [i.version for i in result.items] == [1, 2]


def test_document_cut_before_any_complete_item_is_refused():
    data = (FEEDS / "belga-newsml12.xml").read_bytes()
    assert "no complete NewsItem" in refused(data[: data.index(b"</NewsItem>")])


def test_newsml12_declared_utf8_but_written_in_cp1252_reads_the_right_characters():
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?><NewsML><NewsItem><NewsComponent xml:lang="fr"><NewsLines>'
        "<HeadLine>L’été à Liège coûte 5 €</HeadLine></NewsLines><ContentItem><DataContent>« Déjà » réglé.</DataContent>"
        "</ContentItem></NewsComponent></NewsItem></NewsML>"
    ).encode("cp1252")
    result = parse_feed(doc)
    item = result.items[0]
    assert (item.title, item.body) == ("L’été à Liège coûte 5 €", "« Déjà » réglé.")
    assert result.warnings[0].startswith("encoding: bytes are not UTF-8") and "cp1252" in result.warnings[0]


def test_undeclared_latin9_ninjs_is_detected():
    doc = '{"uri": "u", "headline": "Une œuvre à 4 millions €", "body_text": "Adjugée à Liège."}'.encode(
        "iso-8859-15"
    )
    result = parse_feed(doc)
    assert result.items[0].title == "Une œuvre à 4 millions €"
    assert "iso8859_15" in result.warnings[0]


def test_nul_bytes_and_control_characters_never_reach_the_body():
    doc = b'[{"uri": "u", "headline": "Ti\\u0000tre\\u0007", "body_text": "Para\\u0000graphe\\u0001 un.\\r\\n\\r\\nDeux\\u001b."}]'
    item = parse_feed(doc).items[0]
    assert (item.title, item.body) == ("Titre", "Paragraphe un.\n\nDeux.")


@pytest.mark.parametrize(
    ("declaration", "codec", "quote", "warning"),
    [
        ("", "iso-8859-15", "«", "decoded as iso8859_15"),
        ("", "cp1252", "“", "decoded as cp1252"),
        (' encoding="utf-8"', "iso-8859-15", "«", "bytes are not utf-8"),
        (' encoding="iso-8859-1"', "cp1252", "“", "declared iso-8859-1 but uses Windows-1252"),
    ],
    ids=["undeclared-latin9", "undeclared-cp1252", "utf8-declared-latin9", "latin1-declared-cp1252"],
)
def test_rss_in_a_legacy_encoding_it_does_not_declare_keeps_euro_and_ligatures(
    declaration, codec, quote, warning
):
    doc = (
        f'<?xml version="1.0"{declaration}?><rss version="2.0"><channel><title>W</title><item><guid>e</guid>'
        f"<title>Été 5 €</title><description>Le ministère a annoncé {quote}cœur{quote} déjà.</description>"
        "</item></channel></rss>"
    ).encode(codec)
    result = parse_feed(doc)
    item = result.items[0]
    assert (item.title, item.body) == ("Été 5 €", f"Le ministère a annoncé {quote}cœur{quote} déjà.")
    assert warning in result.warnings[0]


def test_utf8_feed_with_one_damaged_byte_stays_utf8():
    doc = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>W</title><item><guid>e</guid>'
        "<title>Été déjà</title><description>Le ministère a annoncé déjà.</description></item></channel></rss>"
    ).encode()
    result = parse_feed(doc.replace(b"annonc", b"annon\xff"))
    item = result.items[0]
    assert (item.title, item.body) == ("Été déjà", "Le ministère a annon\ufffdé déjà.")
    assert "1 invalid byte(s) replaced" in result.warnings[0]


def test_entity_bomb_in_utf32_is_refused_too():
    doc = (
        '<?xml version="1.0" encoding="utf-32"?>'
        + LAUGHS.format(root="rss")
        + "<rss version='2.0'><channel><title>&j;</title></channel></rss>"
    ).encode("utf-32")
    assert "declares XML entities" in refused(doc)
