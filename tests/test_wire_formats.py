"""Every agency format on its bundled fixture: items, versions, kills, languages and times in UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.parse import FeedError, parse_feed, parse_path, sniff_format

FEEDS = Path(__file__).resolve().parent.parent / "seeds" / "feeds"


def _at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def _rows(result):
    return [(i.guid, i.version, i.status, i.language) for i in result.items]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("belga-newsml12.xml", "newsml12"),
        ("afp-newsml-g2.xml", "newsml-g2"),
        ("reuters-ninjs2.json", "ninjs"),
        ("ap-ninjs1.json", "ninjs"),
        ("agency-atom.xml", "atom"),
    ],
)
def test_each_fixture_is_recognised_by_content_and_parses_without_warnings(name, fmt):
    data = (FEEDS / name).read_bytes()
    assert sniff_format(data) == fmt
    result = parse_feed(data)
    assert result.items and result.warnings == []
    for item in result.items:
        assert item.source_format == fmt and item.guid and item.raw
        assert item.published is not None and item.published.tzinfo is UTC
        assert "<" not in item.body and "&" not in item.body.replace("& ", "")


# --- NewsML 1.2, Belga profile ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def belga():
    return parse_path(FEEDS / "belga-newsml12.xml")


def test_belga_fixture_really_is_iso_8859_15_with_a_euro_sign():
    data = (FEEDS / "belga-newsml12.xml").read_bytes()
    assert b'encoding="ISO-8859-15"' in data[:60]
    assert b"\xa4" in data  # € in ISO-8859-15; "¤" in ISO-8859-1
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_belga_items_one_per_revision_and_per_language(belga):
    assert _rows(belga) == [
        ("urn:newsml:belga.be:20200107:BRU0042", 1, "usable", "fr"),
        ("urn:newsml:belga.be:20200107:BRU0042", 2, "usable", "fr"),
        ("urn:newsml:belga.be:20200715:BRU0107:fr", 1, "usable", "fr"),
        ("urn:newsml:belga.be:20200715:BRU0107:nl", 1, "usable", "nl"),
        ("urn:newsml:belga.be:20200108:BRU0077", 1, "usable", "fr"),
        ("urn:newsml:belga.be:20200108:BRU0077", 2, "canceled", "fr"),
    ]


def test_belga_accents_euro_and_ligature_decode_from_latin_9(belga):
    first = belga.items[0]
    assert first.title == "Le ticket de la STIB passera à 2,40 € en février"
    assert "de 2,10 € à 2,40 €" in first.body and "au cœur de" in first.body
    assert belga.items[4].title.startswith("Une œuvre de Magritte")
    assert "¤" not in "".join(i.body + i.title for i in belga.items)


def test_belga_compact_times_with_offset_and_brussels_local_times_become_utc(belga):
    v1, v2, fr, nl, art, kill = belga.items
    assert (v1.published, v1.updated) == (_at(2020, 1, 7, 9, 31), None)
    assert (v2.published, v2.updated) == (_at(2020, 1, 7, 9, 31), _at(2020, 1, 7, 11, 15))
    # "20200715T091500" without offset: Brussels summer time, UTC+2.
    assert fr.published == nl.published == _at(2020, 7, 15, 7, 15)
    # "20200108T143000" without offset: Brussels winter time, UTC+1.
    assert art.published == _at(2020, 1, 8, 13, 30)
    assert kill.updated == _at(2020, 1, 8, 14, 10)


def test_belga_paragraphs_plain_text_components_and_photos(belga):
    v2 = belga.items[1]
    assert v2.body.count("\n\n") == 2 and v2.body.startswith("BRUXELLES, 7 janv. (Belga) - Le prix")
    assert "près de 15 %" in v2.body
    fr, nl = belga.items[2:4]
    assert fr.body.startswith("NAMUR, 15 juil. (Belga)") and "\n\nUne prime de 50 €" in fr.body
    assert nl.title == "Hittegolf: warmteplan geactiveerd in Wallonië"
    assert nl.body.startswith("NAMEN, 15 juli (Belga)") and nl.body.endswith("Volksgezondheid.")


def test_belga_metadata_source_byline_and_raw_payload(belga):
    first = belga.items[0]
    assert (first.source, first.authors, first.link) == ("Belga", ["Sophie Lambert"], None)
    assert first.raw.startswith("<NewsItem") and "BRU0042" in first.raw
    assert belga.items[5].body.startswith("Cette dépêche est annulée")


def test_newsml12_without_offset_in_winter_and_summer_and_date_only():
    from pipeline.parse.base import wire_time
    from pipeline.parse.newsml12 import BRUSSELS

    assert wire_time("20200329T013000", BRUSSELS) == _at(2020, 3, 29, 0, 30)  # before the spring change
    assert wire_time("20200329T033000", BRUSSELS) == _at(2020, 3, 29, 1, 30)  # after it
    assert wire_time("20201025T120000+0000", BRUSSELS) == _at(2020, 10, 25, 12, 0)
    assert wire_time("20200107", BRUSSELS) == _at(2020, 1, 6, 23, 0)


def test_brussels_fallback_without_tz_database_agrees_with_zoneinfo():
    from zoneinfo import ZoneInfo

    from pipeline.parse.newsml12 import _BrusselsFallback

    fallback, real = _BrusselsFallback(), ZoneInfo("Europe/Brussels")
    for month, day, hour in [
        (1, 7, 10),
        (3, 29, 1),
        (3, 29, 3),
        (7, 15, 9),
        (10, 25, 2),
        (10, 25, 3),
        (12, 31, 23),
    ]:
        local = datetime(2020, month, day, hour, 30)
        assert local.replace(tzinfo=fallback).utcoffset() == local.replace(tzinfo=real).utcoffset(), local


def test_newsml12_kill_without_any_text_still_yields_the_canceled_item():
    doc = b"""<?xml version="1.0" encoding="ISO-8859-15"?><NewsML><NewsItem><Identification><NewsIdentifier>
    <ProviderId>belga.be</ProviderId><DateId>20200110</DateId><NewsItemId>X9</NewsItemId>
    <RevisionId PreviousRevision="1" Update="U">2</RevisionId></NewsIdentifier></Identification>
    <NewsManagement><FirstCreated>20200110T080000</FirstCreated><Status FormalName="Withheld"/></NewsManagement>
    </NewsItem></NewsML>"""
    item = parse_feed(doc).items[0]
    assert (item.guid, item.version, item.status, item.body) == (
        "urn:newsml:belga.be:20200110:X9",
        2,
        "withheld",
        "",
    )
    assert item.published == _at(2020, 1, 10, 7, 0)


def test_newsml12_odd_revision_and_status_are_warnings_not_failures():
    doc = b"""<NewsML><NewsItem><Identification><NewsIdentifier><ProviderId>belga.be</ProviderId>
    <DateId>20200110</DateId><NewsItemId>X1</NewsItemId><RevisionId PreviousRevision="3">2</RevisionId>
    </NewsIdentifier></Identification><NewsManagement><FirstCreated>le 10 janvier</FirstCreated>
    <Status FormalName="Embargoed-ish"/></NewsManagement><NewsComponent xml:lang="fr-BE"><ContentItem>
    <DataContent>Texte.</DataContent></ContentItem></NewsComponent></NewsItem></NewsML>"""
    result = parse_feed(doc)
    item = result.items[0]
    assert (item.version, item.status, item.language, item.body, item.published) == (
        2,
        "usable",
        "fr",
        "Texte.",
        None,
    )
    joined = " | ".join(result.warnings)
    assert (
        "PreviousRevision 3" in joined and "unreadable FirstCreated" in joined and "unknown status" in joined
    )


# --- NewsML-G2 ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def afp():
    return parse_path(FEEDS / "afp-newsml-g2.xml")


def test_afp_g2_items_versions_correction_signal_and_withheld(afp):
    assert _rows(afp) == [
        ("urn:newsml:afp.com:20200107:TX-PAR-ABC12", 1, "usable", "fr"),
        ("urn:newsml:afp.com:20200107:TX-PAR-ABC12", 2, "corrected", "fr"),
        ("urn:newsml:afp.com:20200108:TX-PAR-DEF34", 1, "usable", "en"),
        ("urn:newsml:afp.com:20200108:TX-PAR-GHI56", 3, "withheld", "fr"),
    ]


def test_afp_g2_times_in_utc_first_created_is_published(afp):
    v1, v2, floods, held = afp.items
    assert (v1.published, v1.updated) == (_at(2020, 1, 7, 16, 42), None)
    assert (v2.published, v2.updated) == (_at(2020, 1, 7, 16, 42), _at(2020, 1, 7, 17, 1))
    assert (floods.published, floods.updated) == (_at(2020, 1, 8, 7, 15), None)  # versionCreated only
    assert (held.published, held.updated) == (_at(2020, 1, 8, 7, 0), _at(2020, 1, 8, 8, 30))


def test_afp_g2_xhtml_and_nitf_bodies_become_paragraphs(afp):
    v1, _v2, floods, held = afp.items
    assert v1.body.count("\n\n") == 2 and "Retraites" not in v1.body  # <head><title> is not text
    assert v1.body.startswith("Les syndicats opposés à la réforme") and "environ 150.000 personnes" in v1.body
    # NITF: body.content only (the hedline in body.head is not repeated), preferred to the plain rendition.
    assert (
        floods.body.startswith("JAKARTA, Jan 8, 2020 (AFP) - Floods triggered")
        and "hedline" not in floods.body
    )
    assert "plain rendition" not in floods.body and floods.body.count("\n\n") == 1
    assert held.body.startswith("LYON, 8 janv 2020 (AFP)")


def test_afp_g2_headline_role_authors_provider_link(afp):
    v1, _v2, floods, _held = afp.items
    assert v1.authors == ["Claire Dubois"]  # the photographer is not an author
    assert (v1.source, v1.link) == ("AFP", "https://www.afp.example/fr/actualites/abc12")
    assert floods.title == "Floods force thousands from their homes in Indonesia"
    assert (floods.authors, floods.source) == (["Daniel Hart"], "AFP")
    assert (
        floods.raw.startswith("<newsItem") and 'guid="urn:newsml:afp.com:20200108:TX-PAR-DEF34"' in floods.raw
    )


def test_bare_g2_news_item_and_package_items():
    item_doc = b"""<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1" version="4" xml:lang="en">
    <itemMeta><versionCreated>2020-01-07T10:00:00+05:30</versionCreated><pubStatus qcode="stat:canceled"/></itemMeta>
    <contentSet><inlineData contenttype="text/html">&lt;p&gt;Killed.&lt;/p&gt;</inlineData></contentSet></newsItem>"""
    item = parse_feed(item_doc).items[0]
    assert (item.guid, item.version, item.status, item.language, item.body) == (
        "urn:x:1",
        4,
        "canceled",
        "en",
        "Killed.",
    )
    assert item.published == _at(2020, 1, 7, 4, 30)
    package = b"""<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>
    <packageItem guid="urn:p:1" version="1"/></itemSet></newsMessage>"""
    result = parse_feed(package)
    assert result.items == [] and "package" in result.warnings[0]
    with pytest.raises(FeedError, match="without any newsItem"):
        parse_feed(b"<newsMessage xmlns='http://iptc.org/std/nar/2006-10-01/'><header/></newsMessage>")


# --- ninjs ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reuters():
    return parse_path(FEEDS / "reuters-ninjs2.json")


def test_reuters_ninjs2_array_versions_and_kill(reuters):
    assert _rows(reuters) == [
        ("tag:reuters.example,2020:newsml_L8N29C1AB:1", 1, "usable", "en"),
        ("tag:reuters.example,2020:newsml_L8N29C1AB:1", 2, "usable", "en"),
        ("tag:reuters.example,2020:newsml_L8N29C2CD:1", 1, "usable", "fr"),
        ("tag:reuters.example,2020:newsml_L8N29C3EF:1", 2, "canceled", "en"),
    ]
    assert reuters.items[3].body == "" and reuters.items[3].title == "KILL - Factory fire story"


def test_reuters_ninjs2_headline_roles_bodies_authors_times(reuters):
    v1, v2, paris, _kill = reuters.items
    assert v1.title == "Oil prices ease as Gulf tensions cool"
    assert v1.body.split("\n\n")[2] == "“The market had priced in a lot of risk,” said one analyst in London."
    assert v2.body.startswith("LONDON (Reuters) - Oil prices fell nearly 3%")  # text/plain body kept as is
    assert (v1.authors, v1.source) == (["Laura Greene"], "Reuters")  # "By", and people with rel=author
    assert (v2.published, v2.updated) == (_at(2020, 1, 7, 14, 2), _at(2020, 1, 7, 15, 20))
    assert paris.published == _at(2020, 1, 7, 15, 45) and paris.authors == ["Julien Moreau"]
    assert "hausse de 0,3\xa0% mardi" in paris.body


@pytest.fixture(scope="module")
def ap():
    return parse_path(FEEDS / "ap-ninjs1.json")


def test_ap_ninjs1_wrapper_items_zero_based_version_and_withheld(ap):
    assert _rows(ap) == [
        ("http://api.ap.example/media/v/content/3c4d5e6f7a8b9c0d1e2f", 1, "usable", "en"),
        ("http://api.ap.example/media/v/content/9f8e7d6c5b4a39281706", 3, "withheld", "en"),
    ]
    fire, held = ap.items
    assert fire.body.startswith("SACRAMENTO, Calif. (AP) — Schools") and fire.body.count("\n\n") == 2
    assert (fire.published, fire.updated) == (_at(2020, 1, 8, 1, 55), _at(2020, 1, 8, 2, 14, 7))
    assert fire.authors == ["MARIA SANTOS, Associated Press"] and fire.source == "The Associated Press"
    assert held.body == "PHOENIX (AP) — The release of results was delayed on Tuesday."


@pytest.mark.parametrize(
    "doc",
    [
        b'{"uri": "urn:one", "headline": "Un", "body_text": "Corps."}',
        b'{"items": [{"uri": "urn:one", "headline": "Un", "body_text": "Corps."}]}',
        b'{"data": {"items": [{"item": {"uri": "urn:one", "headline": "Un", "body_text": "Corps."}}]}}',
        b'[{"uri": "urn:one", "headlines": [{"value": "Un"}], "bodies": [{"value": "Corps."}]}]',
    ],
    ids=["single", "items-wrapper", "api-envelope", "array-2.x"],
)
def test_ninjs_shapes_single_array_and_wrappers(doc):
    [item] = parse_feed(doc).items
    assert (item.guid, item.title, item.body, item.version, item.status) == (
        "urn:one",
        "Un",
        "Corps.",
        1,
        "usable",
    )


def test_ninjs_signal_correction_and_unknown_status():
    doc = b"""[{"uri": "u1", "version": "2", "signals": [{"code": "sig:correction"}], "body_text": "x"},
               {"uri": "u2", "pubstatus": "draft", "body_text": "y"}]"""
    result = parse_feed(doc)
    assert [(i.guid, i.version, i.status) for i in result.items] == [
        ("u1", 2, "corrected"),
        ("u2", 1, "usable"),
    ]
    assert result.warnings == ["item u2: unknown pubstatus 'draft', kept as usable"]


def test_json_that_is_not_ninjs_is_refused():
    with pytest.raises(FeedError, match="not ninjs"):
        parse_feed(b'{"weather": "sunny", "temperature": 21}')
    with pytest.raises(FeedError, match="not readable JSON"):
        parse_feed(b'{"uri": "x", "body_text": ')


# --- Atom with wire extensions --------------------------------------------------------------------------


def test_agency_atom_versions_correction_kill_languages():
    result = parse_path(FEEDS / "agency-atom.xml")
    assert _rows(result) == [
        ("urn:apr:2020:0109:0001", 1, "usable", "fr"),
        ("urn:apr:2020:0109:0001", 2, "corrected", "fr"),
        ("urn:apr:2020:0109:0002", 1, "usable", "en"),
        ("urn:apr:2020:0109:0003", 2, "canceled", "fr"),
    ]
    v1, v2, port, kill = result.items
    assert (v2.published, v2.updated) == (_at(2020, 1, 9, 7, 30), _at(2020, 1, 9, 9, 5))
    assert "pendant trois jours" in v2.body and "pendant deux jours" in v1.body
    assert port.body == (
        "ANTWERP, Jan 9 (APR) - The port of Antwerp handled about 238 million tonnes of cargo last year, "
        "a record, its chief executive said on Thursday.\n\nContainer traffic rose by almost 7%."
    )
    assert kill.link is None and kill.body == "Cette dépêche est annulée."


def test_newsml12_language_components_inherit_headline_and_byline_from_the_parent():
    doc = b"""<NewsML><NewsItem><Identification><NewsIdentifier><ProviderId>belga.be</ProviderId>
    <DateId>20200110</DateId><NewsItemId>X</NewsItemId><RevisionId>1</RevisionId></NewsIdentifier></Identification>
    <NewsComponent><NewsLines><HeadLine>Titre commun</HeadLine><ByLine>Par Jan Peeters</ByLine></NewsLines>
    <NewsComponent xml:lang="fr"><ContentItem><DataContent>Texte.</DataContent></ContentItem></NewsComponent>
    <NewsComponent xml:lang="nl"><NewsLines><HeadLine>Kop</HeadLine><ByLine>Door An Claes</ByLine></NewsLines>
    <ContentItem><DataContent>Tekst.</DataContent></ContentItem></NewsComponent></NewsComponent></NewsItem></NewsML>"""
    fr, nl = parse_feed(doc).items
    assert (fr.guid, fr.title, fr.authors, fr.body) == (
        "urn:newsml:belga.be:20200110:X:fr",
        "Titre commun",
        ["Jan Peeters"],
        "Texte.",
    )
    assert (nl.guid, nl.title, nl.authors, nl.body) == (
        "urn:newsml:belga.be:20200110:X:nl",
        "Kop",
        ["An Claes"],
        "Tekst.",
    )


def test_belga_role_layout_title_lead_body_and_uppercase_status(belga):
    fr = belga.items[2]
    assert fr.title == "Canicule : le plan « vague de chaleur » activé en Wallonie"  # from the Title role
    lead, body = fr.body.split("\n\n")
    assert lead.startswith("NAMUR, 15 juil. (Belga) - Le gouvernement wallon") and lead.endswith("jeudi.")
    assert body.startswith("Une prime de 50 €")
    assert fr.status == "usable"  # Status FormalName="USABLE"


def test_newsml12_two_texts_in_one_language_keep_distinct_guids():
    doc = b"""<NewsML><NewsItem><Identification><NewsIdentifier><ProviderId>belga.be</ProviderId>
    <DateId>20200110</DateId><NewsItemId>Y</NewsItemId><RevisionId>1</RevisionId></NewsIdentifier></Identification>
    <NewsComponent xml:lang="fr">
    <NewsComponent Duid="Y-ALERT"><Role FormalName="ALERT"/><NewsComponent><Role FormalName="Title"/><ContentItem>
    <DataContent>URGENT - Alerte</DataContent></ContentItem></NewsComponent></NewsComponent>
    <NewsComponent Duid="Y-TEXT"><Role FormalName="TEXT"/><NewsComponent><Role FormalName="Title"/><ContentItem>
    <DataContent>Titre</DataContent></ContentItem></NewsComponent><NewsComponent><Role FormalName="Body"/><ContentItem>
    <DataContent>Corps.</DataContent></ContentItem></NewsComponent></NewsComponent></NewsComponent></NewsItem></NewsML>"""
    alert, text = parse_feed(doc).items
    assert (alert.guid, alert.title, alert.body) == (
        "urn:newsml:belga.be:20200110:Y:fr:Y-ALERT",
        "URGENT - Alerte",
        "",
    )
    assert (text.guid, text.title, text.body) == (
        "urn:newsml:belga.be:20200110:Y:fr:Y-TEXT",
        "Titre",
        "Corps.",
    )


def test_g2_unusual_text_content_type_is_read_and_binary_renditions_skipped():
    doc = b"""<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:r:1" version="1" xml:lang="en">
    <contentSet><inlineData contenttype="image/jpeg">/9j/4AAQSkZJRgABAQ==</inlineData>
    <inlineXML contenttype="application/xhtml+html"><html xmlns="http://www.w3.org/1999/xhtml"><body><p>One.</p>
    <p>Two.</p></body></html></inlineXML></contentSet></newsItem>"""
    assert parse_feed(doc).items[0].body == "One.\n\nTwo."
