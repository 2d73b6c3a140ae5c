"""Parse stage on the bundled Belga fixture feed, on other feed flavours and on hostile input."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.parse import FeedError, parse_feed, parse_path, sniff_format

ROOT = Path(__file__).resolve().parent.parent
FEED = ROOT / "seeds" / "belga-fr.rss.xml"
SEED = ROOT / "seeds" / "000_2c99c3708e86832f.txt"
ARTICLES = ROOT / "seeds" / "articles"

EXPECTED_GUIDS = [
    ("2c99c3708e86832f", 1),
    ("belga-fr-20200108-greve-sncb", 1),
    ("belga-fr-20200108-fraude-sociale", 1),
    ("belga-fr-20200109-grippe", 1),
    ("belga-fr-20200110-tempete", 1),
    ("belga-fr-20200110-tempete", 2),
]
# Item (guid, version) → the plain-text body file its description must come out as.
BODY_FILES = {
    ("belga-fr-20200108-greve-sncb", 1): "001_greve_sncb.txt",
    ("belga-fr-20200108-fraude-sociale", 1): "002_fraude_sociale.txt",
    ("belga-fr-20200109-grippe", 1): "003_grippe.txt",
    ("belga-fr-20200110-tempete", 1): "004_tempete.txt",
    ("belga-fr-20200110-tempete", 2): "005_tempete_v2.txt",
}

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><guid>x</guid><title>&lol9;</title><description>&lol9;</description></item></channel></rss>"""


@pytest.fixture(scope="module")
def fixture_feed():
    return parse_path(FEED)


def test_fixture_feed_yields_every_item_with_guid_and_version(fixture_feed):
    assert fixture_feed.format == "rss20"
    assert fixture_feed.warnings == []
    assert [(i.guid, i.version) for i in fixture_feed.items] == EXPECTED_GUIDS


def test_seed_body_comes_out_byte_for_byte_including_the_leading_space(fixture_feed):
    seed = fixture_feed.items[0]
    assert seed.body == SEED.read_text(encoding="utf-8")
    assert seed.body.startswith(" date 2020-01 (Belga)")


def test_pubdate_in_brussels_time_becomes_aware_utc(fixture_feed):
    seed = fixture_feed.items[0]
    assert seed.published == datetime(2020, 1, 7, 9, 31, tzinfo=UTC)
    assert seed.published.isoformat() == "2020-01-07T09:31:00+00:00"
    assert seed.updated is None


def test_item_metadata_language_source_authors_link(fixture_feed):
    seed, strike, trial = fixture_feed.items[:3]
    assert (seed.language, seed.source, seed.status, seed.source_format) == ("fr", "Belga", "usable", "rss")
    assert seed.link == "https://news.belga.example/fr/2c99c3708e86832f"
    assert seed.authors == ["Belga"]
    assert strike.authors == ["Rédaction Belga"]  # RSS <author>email (Name)</author>
    assert trial.language == "fr"  # dc:language fr-BE on the item, primary subtag kept
    assert "<guid" in seed.raw and "belga:version" in seed.raw


def test_every_written_body_matches_its_seed_text_file(fixture_feed):
    for item in fixture_feed.items[1:]:
        expected = (ARTICLES / BODY_FILES[(item.guid, item.version)]).read_text(encoding="utf-8")
        assert item.body == expected, item.guid


def test_html_description_is_cleaned_to_paragraphs(fixture_feed):
    body = fixture_feed.items[3].body
    assert "<" not in body and "&" not in body
    assert body.startswith("BRUXELLES, 9 janv. (Belga) – L’épidémie de grippe")
    paragraphs = body.split("\n\n")
    assert len(paragraphs) == 5
    assert all(p == p.strip() and "\n" not in p for p in paragraphs)


def test_update_carries_a_higher_version_and_the_changed_figure(fixture_feed):
    v1, v2 = fixture_feed.items[4:]
    assert v1.guid == v2.guid and (v1.version, v2.version) == (1, 2)
    assert "près de 45.000 foyers" in v1.body and "plus de 60.000 foyers" in v2.body
    assert v2.published > v1.published


def test_missing_guid_gets_a_stable_fallback_id():
    doc = b"""<rss version="2.0"><channel><title>Agence</title><language>en-GB</language>
    <item><title>One</title><link>https://example.org/a</link><description>Body one.</description></item>
    <item><title>Two</title><pubDate>Mon, 06 Jan 2020 08:00:00 GMT</pubDate><description>Two.</description></item>
    </channel></rss>"""
    first, second = parse_feed(doc).items, parse_feed(doc).items
    assert [i.guid for i in first] == [i.guid for i in second]
    assert first[0].guid != first[1].guid and first[0].guid.startswith("sha256:")
    assert first[0].source == "Agence" and first[0].language == "en"


def test_source_hint_is_used_when_items_name_no_source():
    doc = b"<rss version='2.0'><channel><title>Feed title</title><item><guid>1</guid><title>t</title></item></channel></rss>"
    assert parse_feed(doc, source_hint="AFP").items[0].source == "AFP"
    # A hint that only names the format leaves the channel title as the source.
    assert parse_feed(doc, source_hint="rss").items[0].source == "Feed title"


def test_namespaced_status_marks_a_cancelled_item():
    doc = b"""<rss version="2.0" xmlns:w="urn:example:wire"><channel><title>W</title>
    <item><guid>k1</guid><title>Kill</title><w:status>cancelled</w:status><w:version>3</w:version>
    <description>Withdrawn.</description></item></channel></rss>"""
    item = parse_feed(doc).items[0]
    assert (item.status, item.version) == ("canceled", 3)


def test_atom_feed_with_xhtml_content():
    doc = b"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
      <title>Wire</title><id>urn:wire</id><updated>2020-01-07T10:00:00Z</updated>
      <entry><id>urn:wire:1</id><title>Storm</title>
        <published>2020-01-07T11:30:00+01:00</published><updated>2020-01-07T12:00:00+01:00</updated>
        <author><name>Jane Doe</name></author>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First para.</p><p>Second &amp; last.</p></div></content>
      </entry>
    </feed>"""
    result = parse_feed(doc)
    item = result.items[0]
    assert result.format == "atom10" and item.source_format == "atom"
    assert item.body == "First para.\n\nSecond & last."
    assert item.published == datetime(2020, 1, 7, 10, 30, tzinfo=UTC)
    assert item.updated == datetime(2020, 1, 7, 11, 0, tzinfo=UTC)
    assert item.authors == ["Jane Doe"] and item.language == "en" and item.source == "Wire"


def test_rss_1_0_rdf_feed_is_read():
    doc = b"""<?xml version="1.0"?>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
             xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://example.org/"><title>RDF wire</title><link>https://example.org/</link></channel>
      <item rdf:about="https://example.org/1"><title>One</title><link>https://example.org/1</link>
        <description>Plain body.</description><dc:date>2020-01-07T09:00:00Z</dc:date><dc:language>de</dc:language>
      </item>
    </rdf:RDF>"""
    result = parse_feed(doc)
    item = result.items[0]
    assert result.format == "rss10"
    assert (item.body, item.language, item.guid) == ("Plain body.", "de", "https://example.org/1")
    assert item.published == datetime(2020, 1, 7, 9, 0, tzinfo=UTC)


def test_malformed_feed_that_still_has_items_comes_with_a_warning():
    data = FEED.read_bytes()
    cut = data.index(b"<item>", data.index(b"belga-fr-20200109-grippe")) - 10
    result = parse_feed(data[:cut] + b"<item><title>broken &")
    assert len(result.items) >= 3
    assert len(result.warnings) >= 1 and "malformed" in result.warnings[0]
    assert result.items[0].body == SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t", "empty"),
        (b"This is not XML at all, just a sentence.", "neither XML nor JSON"),
        (b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>", "HTML page"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Trunc', "not a readable feed"),
        (b"<?xml version='1.0'?><inventory><box/></inventory>", "no RSS or Atom"),
        (BILLION_LAUGHS, "entity"),
        (b"/etc/passwd", "neither XML nor JSON"),
    ],
    ids=["empty", "blank", "prose", "html", "truncated", "other-xml", "billion-laughs", "a-path"],
)
def test_unreadable_input_raises_feed_error_with_one_line(data, reason):
    with pytest.raises(FeedError) as caught:
        parse_feed(data)
    message = str(caught.value)
    assert reason in message and "\n" not in message


def test_billion_laughs_is_refused_quickly():
    started = time.monotonic()
    with pytest.raises(FeedError):
        parse_feed(BILLION_LAUGHS)
    assert time.monotonic() - started < 0.5


def test_utf16_encoded_entity_bomb_is_refused():
    with pytest.raises(FeedError, match="entity"):
        parse_feed(
            BILLION_LAUGHS.decode()
            .replace('version="1.0"?>', 'version="1.0" encoding="utf-16"?>')
            .encode("utf-16")
        )


def test_oversized_input_is_refused():
    with pytest.raises(FeedError, match="too large"):
        parse_feed(FEED.read_bytes(), max_bytes=1000)


def test_missing_file_is_a_feed_error(tmp_path):
    with pytest.raises(FeedError, match="cannot read"):
        parse_path(tmp_path / "nope.xml")


def test_formats_are_sniffed_from_content_not_names():
    assert sniff_format(b"\xef\xbb\xbf<?xml version='1.0'?><!-- c --><rss version='2.0'/>") == "rss"
    assert sniff_format(b"<feed xmlns='http://www.w3.org/2005/Atom'/>") == "atom"
    assert sniff_format(b'  {"uri": "x", "body_text": "y"}') == "ninjs"
    assert (
        sniff_format(b"<?xml version='1.0'?><newsMessage xmlns='http://iptc.org/std/nar/2006-10-01/'/>")
        == "newsml-g2"
    )
    assert sniff_format(b"<?xml version='1.0'?><!DOCTYPE NewsML SYSTEM 'x.dtd'><NewsML/>") == "newsml12"


def test_every_sniffed_format_has_a_parser():
    from pipeline.parse import PARSERS
    from pipeline.parse.sniff import ROOT_FORMATS

    assert {*ROOT_FORMATS.values(), "ninjs"} <= PARSERS.keys()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=500).map(lambda s: s.encode("utf-8")),
        st.builds(
            lambda head, junk: head + junk,
            st.sampled_from(
                [
                    b"<rss version='2.0'><channel><item><title>",
                    b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>",
                    b"<?xml version='1.0'?>\n<rss",
                ]
            ),
            st.binary(max_size=300),
        ),
    )
)
def test_parse_feed_on_arbitrary_bytes_raises_only_feed_error(data):
    try:
        result = parse_feed(data)
    except FeedError as exc:
        assert "\n" not in str(exc)
        return
    for item in result.items:
        assert isinstance(item.body, str) and "\x00" not in item.body
        assert item.guid


def test_markup_in_a_description_never_reaches_the_body():
    doc = b"""<rss version="2.0"><channel><title>W</title><item><guid>s1</guid><title>&lt;b&gt;Bold&lt;/b&gt; title</title>
    <description>&lt;p&gt;Texte&lt;script&gt;steal()&lt;/script&gt;&lt;style&gt;p{}&lt;/style&gt; propre&lt;/p&gt;
    &lt;iframe src="https://x"&gt;cadre&lt;/iframe&gt;</description></item></channel></rss>"""
    item = parse_feed(doc).items[0]
    assert (item.title, item.body) == ("Bold title", "Texte propre")


def test_unreadable_date_is_kept_empty_with_a_warning():
    doc = b"""<rss version="2.0"><channel><title>W</title><item><guid>d1</guid><title>t</title>
    <pubDate>le 7 janvier vers midi</pubDate><description>x</description></item></channel></rss>"""
    result = parse_feed(doc)
    assert result.items[0].published is None
    assert result.warnings == ["item d1: unreadable date 'le 7 janvier vers midi'"]


@pytest.mark.parametrize(
    ("declaration", "codec"),
    [
        (' encoding="iso-8859-1"', "latin-1"),
        (' encoding="windows-1252"', "cp1252"),
        (' encoding="utf-8"', "cp1252"),
    ],
    ids=["latin-1", "cp1252", "utf-8-declared-but-cp1252"],
)
def test_legacy_and_misdeclared_encodings_give_the_right_characters(declaration, codec):
    doc = (
        f'<?xml version="1.0"{declaration}?><rss version="2.0"><channel><title>W</title><item><guid>e</guid>'
        "<title>Été</title><description>Le ministère a annoncé « 30 % » déjà.</description></item></channel></rss>"
    ).encode(codec)
    item = parse_feed(doc).items[0]
    assert (item.title, item.body) == ("Été", "Le ministère a annoncé « 30 % » déjà.")


def test_feed_with_a_damaged_prolog_is_recovered_or_refused_cleanly():
    # Found by fuzzing: the recovering XML parser produced an element literally named "xmlns:dc".
    data = FEED.read_bytes()
    try:
        result = parse_feed(data[:1] + data[63:])
    except FeedError:
        return
    assert all(isinstance(item.body, str) for item in result.items)


def test_gold_annotations_index_into_the_bodies_parse_produces(fixture_feed):
    bodies = {BODY_FILES[(i.guid, i.version)]: i.body for i in fixture_feed.items[1:]}
    for gold_path in sorted(ARTICLES.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = bodies[Path(gold["file"]).name]
        for statement in gold["statements"]:
            assert text[statement["start"] : statement["end"]] == statement["quote"], gold_path.name
        for figure in gold["figures"]:
            assert text[figure["start"] : figure["end"]] == figure["text"], gold_path.name
            low, high = figure["low"], figure["high"]
            assert low is None or high is None or low <= high


def test_rss_091_with_external_dtd_is_read_without_network_and_html_entities_decode():
    doc = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old</title><language>en-us</language>
<item><title>Hello &amp; bye</title><link>http://x.org/1</link><description>Text with &eacute; entity.</description></item>
</channel></rss>"""
    started = time.monotonic()
    result = parse_feed(doc)
    assert time.monotonic() - started < 1
    item = result.items[0]
    assert (item.title, item.body, item.language) == ("Hello & bye", "Text with é entity.", "en")
