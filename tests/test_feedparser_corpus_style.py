"""Inputs in the style of feedparser's own test corpus (encodings, ill-formed XML, entities, old formats,
sanitiser bait), written here: the parse stage still ends every one of them in items or a one-line FeedError,
with the new entity, character and encoding guards in front of feedparser."""

from __future__ import annotations

import codecs

import pytest

from tests.test_parse_fuzz_formats import check_storable

ITEM = "<item><title>Caf&#233; d&#233;j&#224;</title><link>http://example.org/1</link><description>Texte.</description></item>"


def _rss(item: str = ITEM, head: str = '<?xml version="1.0" encoding="utf-8"?>', channel: str = "") -> str:
    return f"{head}<rss version='2.0'><channel><title>t</title>{channel}{item}</channel></rss>"


CASES: dict[str, bytes] = {
    "rss091-netscape-doctype": (
        b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>t</title>'
        b"<item><title>a&nbsp;b</title><link>http://example.org/</link></item></channel></rss>"
    ),
    "undefined-html-entities": _rss("<item><title>&eacute;t&eacute; &copy; &hellip;</title></item>").encode(),
    "atom03": (
        b'<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>t</title><entry><title>e</title>'
        b'<id>tag:example.org,2004:1</id><issued>2004-01-01T00:00:00Z</issued>'
        b'<content type="text/html" mode="escaped">&lt;p&gt;x&lt;/p&gt;</content></entry></feed>'
    ),
    "rdf-rss10": (
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
        b'<channel rdf:about="http://example.org/"><title>t</title></channel><item rdf:about="http://example.org/1">'
        b"<title>i</title><link>http://example.org/1</link></item></rdf:RDF>"
    ),
    "ebcdic-cp037": _rss(head='<?xml version="1.0" encoding="cp037"?>').encode("cp037"),
    "ebcdic-entity-bomb": _rss(
        head='<?xml version="1.0" encoding="cp037"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>',
        item="<item><title>&b;</title></item>",
    ).encode("cp037"),
    "utf-32-bom": codecs.BOM_UTF32_LE + _rss(head='<?xml version="1.0" encoding="utf-32"?>').encode("utf-32-le"),
    "utf-16-be-no-bom": _rss(head='<?xml version="1.0" encoding="utf-16"?>').encode("utf-16-be"),
    "koi8-r": _rss(
        "<item><title>Привет</title></item>", head='<?xml version="1.0" encoding="koi8-r"?>'
    ).encode("koi8-r"),
    "euc-kr-attribute": _rss(
        '<item><title>뉴스</title><category domain="분류">x</category></item>',
        head='<?xml version="1.0" encoding="euc-kr"?>',
    ).encode("euc-kr"),
    "illformed-unclosed": b"<rss version='2.0'><channel><title>t<item><title>a</item><item><title>b</title></item>",
    "illformed-mismatched": b"<rss version='2.0'><channel><item><title>a</b></title></item></channel></rss>",
    "sanitiser-bait": _rss(
        "<item><description>&lt;script&gt;alert(1)&lt;/script&gt;&lt;p onclick='x()'&gt;Texte "
        "&lt;a href='javascript:x'&gt;lien&lt;/a&gt;&lt;/p&gt;</description></item>"
    ).encode(),
    "relative-xml-base": (
        b"<feed xmlns='http://www.w3.org/2005/Atom' xml:base='http://example.org/base/'><title>t</title>"
        b"<entry><id>rel/1</id><title>e</title><link href='rel/1'/><updated>2020-01-07T09:31:00Z</updated>"
        b"<content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'><a href='x'>x</a></div></content>"
        b"</entry></feed>"
    ),
    "odd-dates": _rss(
        "<item><title>a</title><pubDate>Tue, 31 Feb 2020 25:61:00 XYZ</pubDate></item>"
        "<item><title>b</title><dc:date xmlns:dc='http://purl.org/dc/elements/1.1/'>2004-02-28T18:14:55-08:00</dc:date></item>"
    ).encode(),
    "declaration-only": b'<?xml version="1.0"?>',
    "cdata-nesting": _rss("<item><title><![CDATA[a ]]]]><![CDATA[> b]]></title></item>").encode(),
    "nul-and-surrogate-references": _rss(
        "<item><guid>g&#0;1</guid><title>&#xD800;x&#x110000;</title><author>&#1;a@b.c (A)</author></item>"
    ).encode(),
    "bozo-linenoise": b"\x00\xff\xfe<rss\x01\x02>\xc3\x28\xa0\xa1</rss>",
    "html-page": b"<html><head><title>Not a feed</title></head><body>x</body></html>",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_style_input_ends_in_items_or_one_line_feed_error(name):
    check_storable(CASES[name])


def test_ebcdic_feed_is_read_and_its_entity_bomb_refused():
    from pipeline.parse import FeedError, parse_feed

    item = parse_feed(CASES["ebcdic-cp037"]).items[0]
    assert item.title == "Café déjà"
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(CASES["ebcdic-entity-bomb"])
