"""NITF 3.x, NewsML 1.2 with an external DTD, nested NewsComponents, Belga tips, JSON Feed and WordPress
bodies, each on a fixture written in the agency's shape (tests/data/wire): the same field checks as the other
formats — guid, version, status, headline, body, UTC time, language."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.parse import FeedError, parse_feed, parse_path, sniff_format

WIRE = Path(__file__).resolve().parent / "data" / "wire"


def _at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def _one(name: str):
    result = parse_path(WIRE / name)
    assert len(result.items) == 1, result.warnings
    return result.items[0], result


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("ap-nitf.xml", "nitf"),
        ("aap-nitf.xml", "nitf"),
        ("efe-nitf.xml", "nitf"),
        ("ansa-nitf.xml", "nitf"),
        ("ntb-nitf.xml", "nitf"),
        ("ritzau-nitf.xml", "nitf"),
        ("sda-newsml12-dtd.xml", "newsml12"),
        ("kyodo-newsml12-dtd.xml", "newsml12"),
        ("tass-newsml12-nested.xml", "newsml12"),
        ("belga-tip-newsml12.xml", "newsml12"),
        ("agency-jsonfeed.json", "jsonfeed"),
        ("wordpress-shortcodes.rss.xml", "rss"),
    ],
)
def test_each_agency_fixture_is_sniffed_and_read_completely(name, fmt):
    data = (WIRE / name).read_bytes()
    assert sniff_format(data) == fmt
    result = parse_feed(data)
    assert result.items and result.rejected == []
    for item in result.items:
        assert item.source_format == (fmt if fmt != "rss" else "rss")
        assert item.guid and item.title and item.body and item.raw
        assert item.published is not None and item.published.tzinfo is UTC
        assert item.language and len(item.language) == 2
        assert "<" not in item.body and "&" not in item.body.replace("& ", "")


# --- NITF 3.x ------------------------------------------------------------------------------------------------


def test_nitf_ap_identity_revision_headline_and_body_without_the_photo_caption():
    item, result = _one("ap-nitf.xml")
    assert (item.guid, item.version, item.status, item.language) == (
        "a1b2c3d4e5f60718293a4b5c6d7e8f90", 2, "usable", "en")  # fmt: skip
    assert item.title == "City raises bus and subway fares by 25 cents"
    assert item.body.startswith("SPRINGFIELD, Ill. (AP) — The city's transit board voted 5-2")
    assert item.body.endswith("The increase takes effect March 1.")
    assert item.body.count("\n\n") == 2 and "A bus waits" not in item.body and "Copyright" not in item.body
    assert item.published == _at(2020, 1, 7, 15, 31)
    assert (item.authors, item.source) == (["Dana Whitfield"], "The Associated Press")
    assert result.warnings == []


def test_nitf_efe_latin1_with_a_correction_element_is_a_corrected_version():
    item, _ = _one("efe-nitf.xml")
    assert (item.guid, item.version, item.status, item.language) == ("EFE-20200107-MAD-4471", 3, "corrected", "es")
    assert item.title == "Madrid amplía la zona de bajas emisiones a toda la ciudad"
    assert "200.000 vehículos, añadió" in item.body
    assert item.published == _at(2020, 1, 7, 9, 31)
    assert (item.authors, item.source) == (["Lucía Ortega"], "Agencia EFE")


def test_nitf_ntb_identity_and_version_from_head_meta():
    item, _ = _one("ntb-nitf.xml")
    assert (item.guid, item.version, item.status, item.language) == (
        "NTB7c1e9a40-2f0b-4d7e-9a61-3b5c2d8e1f07", 2, "usable", "nb")  # fmt: skip
    assert item.title == "Strømprisen faller for tredje dag på rad"
    assert item.body == (
        "Strømprisen i Sør-Norge faller onsdag for tredje dag på rad.\n\n"
        "Prisen blir i snitt 31 øre per kilowattime, viser tall fra kraftbørsen."
    )
    assert item.published == _at(2020, 1, 7, 9, 31)  # date.issue with its +01:00 offset


def test_nitf_ansa_three_letter_language_in_meta_and_blocks():
    item, _ = _one("ansa-nitf.xml")
    assert (item.guid, item.version, item.status, item.language) == (
        "ANSA_20200107_0931_NAP_0815", 1, "usable", "it")  # fmt: skip
    assert item.body.startswith("(ANSA) - NAPOLI, 7 GEN") and item.body.count("\n\n") == 1
    assert item.published == _at(2020, 1, 7, 8, 31)


def test_nitf_kill_and_embargo_statuses():
    kill, _ = _one("ritzau-nitf.xml")
    assert (kill.guid, kill.version, kill.status, kill.language) == ("RB-20200107-0931-0042", 2, "canceled", "da")
    assert kill.published == _at(2020, 1, 7, 10, 5)
    embargo, _ = _one("aap-nitf.xml")
    assert (embargo.guid, embargo.status, embargo.language) == ("AAP-SYD-20200107-0031", "withheld", "en")
    assert embargo.published == _at(2020, 1, 7, 9, 31)  # +11:00
    assert embargo.authors == ["Sam O'Connell"] and "NSW & Victoria" in embargo.body


def test_nitf_without_doc_id_gets_a_stable_id_and_a_warning():
    doc = b"""<nitf><head><docdata><date.issue norm="20200107T093100Z"/></docdata></head><body><body.head>
    <hedline><hl1>Titre</hl1></hedline></body.head><body.content><p>Texte.</p></body.content></body></nitf>"""
    first, second = parse_feed(doc), parse_feed(doc)
    assert first.items[0].guid == second.items[0].guid and first.items[0].guid.startswith("sha256:")
    assert any("no doc-id" in w for w in first.warnings)


def test_nitf_not_well_formed_without_a_complete_document_is_refused():
    with pytest.raises(FeedError, match="no complete nitf"):
        parse_feed(b"<nitf><head><docdata><doc-id id-string='x'/></docdata></head><body><body.content><p>cut")


# --- NewsML 1.2: external DTD, nested components, tips ------------------------------------------------------


def test_newsml12_with_an_external_nitf_dtd_reference_is_read_and_the_dtd_never_loaded(tmp_path, monkeypatch):
    # The DTD files named in the DOCTYPE sit beside the document: were they loaded, this one would break it.
    (tmp_path / "nitf-3-0.dtd").write_text('<!ENTITY eacute "BROKEN">')
    (tmp_path / "NewsML_1.2.dtd").write_text("<!ELEMENT broken EMPTY>")
    monkeypatch.chdir(tmp_path)
    item, result = _one("sda-newsml12-dtd.xml")
    assert (item.guid, item.version, item.status, item.language) == (
        "urn:newsml:sda-ats.ch:20200107:brf0231", 2, "usable", "fr")  # fmt: skip
    assert item.title == "Le Léman atteint son plus bas niveau depuis dix ans"
    assert item.body.startswith("Le niveau du lac Léman a baissé de 12 centimètres")
    assert "BROKEN" not in item.body and item.body.count("\n\n") == 1
    assert (item.published, item.updated) == (_at(2020, 1, 7, 9, 15), _at(2020, 1, 7, 9, 35))
    assert item.source == "ATS"


def test_newsml12_kyodo_public_dtd_reference():
    item, _ = _one("kyodo-newsml12-dtd.xml")
    assert (item.guid, item.version, item.status, item.language) == (
        "urn:newsml:kyodonews.jp:20200107:KD-E-0931-0017", 1, "usable", "en")  # fmt: skip
    assert item.title == "Osaka ferry service resumes after typhoon"
    assert item.body.endswith("About 3,000 passengers had been stranded, the operator said.")
    assert item.published == _at(2020, 1, 7, 9, 31)


def test_newsml12_internal_entity_next_to_the_external_dtd_is_still_refused():
    data = (WIRE / "sda-newsml12-dtd.xml").read_bytes().replace(
        b"%nitf;", b'%nitf;\n<!ENTITY lol "lollollollollol">', 1
    )
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(data)


def test_newsml12_tass_headline_and_text_in_nested_components():
    item, _ = _one("tass-newsml12-nested.xml")
    assert (item.guid, item.version, item.status, item.language) == (
        "urn:newsml:tass.com:20200107:7734512", 1, "usable", "en")  # fmt: skip
    assert item.title == "Arctic shipping route sees record cargo volume"
    assert item.body.startswith("MOSCOW, January 7. /TASS/. Cargo shipped") and item.body.count("\n\n") == 1
    assert item.published == _at(2020, 1, 7, 9, 31)


def test_belga_tips_keep_their_body_and_a_title_only_tip_is_its_title():
    result = parse_path(WIRE / "belga-tip-newsml12.xml")
    first, second = result.items
    assert first.guid == "urn:newsml:belga.be:20200107:TIP0007:fr:TIP0007-1"
    assert first.title == "Conférence de presse du ministre de la Mobilité à 11h00"
    assert first.body == "Le ministre présentera le plan d'investissement ferroviaire. Rue de la Loi 16, Bruxelles."
    assert second.guid == "urn:newsml:belga.be:20200107:TIP0007:fr:TIP0007-2"
    assert second.title == second.body == "Grève des contrôleurs aériens annoncée pour lundi"
    assert first.published == second.published == _at(2020, 1, 7, 7, 30)  # Brussels winter time


def test_newsml12_three_letter_formal_name_language_is_mapped():
    data = (WIRE / "kyodo-newsml12-dtd.xml").read_bytes().replace(
        b'<NewsComponent xml:lang="en">',
        b'<NewsComponent><DescriptiveMetadata><Language FormalName="fre"/></DescriptiveMetadata>',
    )
    assert parse_feed(data).items[0].language == "fr"


# --- JSON Feed 1.1 -------------------------------------------------------------------------------------------


def test_jsonfeed_items_versions_statuses_and_utc_times():
    result = parse_path(WIRE / "agency-jsonfeed.json")
    rows = [(i.guid, i.version, i.status, i.language) for i in result.items]
    assert rows == [
        ("https://news.example.org/2020/01/07/tram-liege", 2, "usable", "fr"),
        ("2020-0107-0044", 1, "usable", "fr"),
        ("2020-0107-0045", 3, "canceled", "fr"),
    ]
    tram, e40, kill = result.items
    assert tram.title == "Le tram de Liège roulera dès l'été"
    assert tram.body.endswith("Le chantier a coûté 1,2 milliard d'euros.") and tram.body.count("\n\n") == 1
    assert (tram.published, tram.updated) == (_at(2020, 1, 7, 9, 31), _at(2020, 1, 7, 10, 5))
    assert (tram.authors, tram.link, tram.source) == (
        ["Claire Dumont"], "https://news.example.org/2020/01/07/tram-liege", "Agence Régionale – Dépêches")  # fmt: skip
    assert e40.body == "La E40 sera fermée entre Louvain et Bruxelles samedi.\n\nDes déviations sont prévues."
    assert (e40.published, e40.authors) == (_at(2020, 1, 7, 9, 0), ["Rédaction"])
    assert kill.body == "Cette dépêche est annulée."


def test_jsonfeed_version_key_after_a_long_head_is_still_a_jsonfeed():
    data = b'{"title": "' + b"x" * 10_000 + b'", "version": "https://jsonfeed.org/version/1", "items": [' \
        b'{"id": 42, "content_text": "Texte.", "date_published": "2020-01-07T10:00:00+01:00"}]}'
    item = parse_feed(data).items[0]
    assert (item.source_format, item.guid, item.body) == ("jsonfeed", "42", "Texte.")


def test_jsonfeed_item_that_is_not_an_object_is_rejected_alone():
    data = b'{"version": "https://jsonfeed.org/version/1.1", "items": [17, {"id": "a", "content_text": "B."}]}'
    result = parse_feed(data)
    assert [i.guid for i in result.items] == ["a"]
    assert len(result.rejected) == 1 and result.rejected[0].raw == b"17"


# --- WordPress shortcodes ---------------------------------------------------------------------------------


def test_wordpress_shortcodes_are_stripped_and_editorial_brackets_kept():
    item, _ = _one("wordpress-shortcodes.rss.xml")
    assert item.body == (
        "Le marché de Noël ouvrira vendredi sur la place du Marché [sic] avec 40 chalets.\n\n"
        "Les organisateurs attendent 50.000 visiteurs."
    )
    assert (item.guid, item.version, item.status, item.language) == (
        "https://gazette.example.net/?p=1201", 1, "usable", "fr")  # fmt: skip
    assert item.published == _at(2020, 1, 7, 9, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Avant [contact_form] après.", "Avant après."),
        ('Texte [gallery ids="1,2,3"] suite.', "Texte suite."),
        ("Un [embed]https://video.example/1[/embed] lien.", "Un lien."),
        ("Cité [Belga] et [1] et [...] restent.", "Cité [Belga] et [1] et [...] restent."),
        ("[et_pb_text]Le texte reste[/et_pb_text]", "Le texte reste"),
    ],
)
def test_strip_shortcodes(text, expected):
    from pipeline.text import strip_shortcodes

    assert strip_shortcodes(text) == expected


def test_nitf_html_entity_names_without_a_dtd_are_read_strictly():
    doc = b"""<nitf><head><docdata><doc-id id-string="PA-1"/><date.issue norm="20200107T093100Z"/></docdata></head>
    <body><body.head><hedline><hl1>Caf&eacute; &amp; th&eacute; &ndash; prices rise</hl1></hedline></body.head>
    <body.content><p>L&rsquo;&eacute;t&eacute; arrive&hellip;</p></body.content></body></nitf>"""
    result = parse_feed(doc)
    assert result.warnings == []
    assert result.items[0].title == "Café & thé – prices rise"
    assert result.items[0].body == "L’été arrive…"


def test_nitf_documents_under_a_wrapper_and_a_bare_newsml12_item():
    ap = (WIRE / "ap-nitf.xml").read_bytes().split(b"?>", 1)[1].split(b">", 1)[1]  # no declaration, no DOCTYPE
    ansa = (WIRE / "ansa-nitf.xml").read_bytes().split(b"?>", 1)[1]
    wrapped = b"<delivery>" + ap + ansa + b"</delivery>"
    assert sniff_format(wrapped) == "nitf"
    assert [i.guid for i in parse_feed(wrapped).items] == [
        "a1b2c3d4e5f60718293a4b5c6d7e8f90", "ANSA_20200107_0931_NAP_0815"]  # fmt: skip
    bare = (WIRE / "kyodo-newsml12-dtd.xml").read_bytes()
    bare = bare[bare.index(b"<NewsItem>") : bare.index(b"</NewsItem>") + len(b"</NewsItem>")]
    assert sniff_format(bare) == "newsml12"
    assert parse_feed(bare).items[0].guid == "urn:newsml:kyodonews.jp:20200107:KD-E-0931-0017"


@pytest.mark.parametrize(
    ("provider", "written", "utc"),
    [
        ("kyodonews.jp", "20200107T183100", (2020, 1, 7, 9, 31)),  # Tokyo, UTC+9
        ("tass.ru", "20200107T123100", (2020, 1, 7, 9, 31)),  # Moscow, UTC+3
        ("belga.be", "20200107T103100", (2020, 1, 7, 9, 31)),  # Brussels, UTC+1
        ("sda-ats.ch", "20200715T113100", (2020, 7, 15, 9, 31)),  # Zurich, summer UTC+2
        ("kyodonews.jp", "20200107T093100Z", (2020, 1, 7, 9, 31)),  # an offset always wins
    ],
)
def test_newsml12_times_without_offset_are_the_providers_local_time(provider, written, utc):
    data = (WIRE / "kyodo-newsml12-dtd.xml").read_bytes()
    data = data.replace(b"<ProviderId>kyodonews.jp</ProviderId>", f"<ProviderId>{provider}</ProviderId>".encode())
    data = data.replace(b"<FirstCreated>20200107T183100+0900</FirstCreated>", f"<FirstCreated>{written}</FirstCreated>".encode())
    assert parse_feed(data).items[0].published == _at(*utc)


def test_nitf_plain_text_body_keeps_its_paragraphs():
    doc = """<nitf><head><docdata><doc-id id-string="RB-2"/><date.issue norm="20200107T093100Z"/></docdata></head>
    <body><body.head><hedline><hl1>Titel</hl1></hedline></body.head><body.content>
    Første afsnit.

    Andet afsnit.
    </body.content></body></nitf>""".encode()
    assert parse_feed(doc).items[0].body == "Første afsnit.\n\n    Andet afsnit."


def test_digitalwires_shaped_json_is_read_with_its_urn_html_body_and_times():
    doc = json.dumps({"entries": [{
        "urn": "urn:newsml:dpa.com:20090101:200107-99-123456", "version": 4, "pubstatus": "usable",
        "headline": "Bahn erhöht Preise", "article_html": "<section class='main'><p>Die Bahn erhöht die Preise.</p>"
        "<p>Das teilte sie mit.</p></section>", "version_created": "2020-01-07T10:31:00+01:00", "language": "de",
    }]}).encode()  # fmt: skip
    item = parse_feed(doc).items[0]
    assert (item.guid, item.version, item.status, item.language) == (
        "urn:newsml:dpa.com:20090101:200107-99-123456", 4, "usable", "de")  # fmt: skip
    assert item.body == "Die Bahn erhöht die Preise.\n\nDas teilte sie mit."
    assert item.published == _at(2020, 1, 7, 9, 31)
