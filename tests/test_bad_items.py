"""One bad item never takes a run down (issue 13, probe 3 and the smaller items), on real files, a real run
and the real database: NUL, lone surrogates, three-letter language codes and over-long guids are normalised;
what still cannot be stored goes to rejected_items with its bytes, reason, source and fetch; every other item
and every other source goes on, and `pipeline status` shows it."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from pipeline.models import FeedItem
from pipeline.parse import parse_feed, parse_path
from tests.conftest import ROOT, _server_url, _with_database, fresh_database, run_cli

GOOD = ROOT / "seeds" / "belga-fr.rss.xml"
WIDE = {"COLUMNS": "250"}


def _rss(items: str, language: str = "fr") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Probe</title>'
        f"<language>{language}</language>{items}</channel></rss>"
    ).encode()


def _item(guid: str, title: str = "Titre", body: str = "Le ministre a annoncé mardi 300 emplois.",
          extra: str = "") -> str:
    return (
        f"<item><guid isPermaLink='false'>{guid}</guid><title>{title}</title><description>{body}</description>"
        f"<pubDate>Tue, 07 Jan 2020 09:31:00 +0000</pubDate>{extra}</item>"
    )


NUL_RSS = _rss(
    _item("nul-&#0;1", extra="<author>x@example.org (Anne&#0; Dupont)</author>")
    + _item("nul-2\x00", extra="<link>https://example.org/a\x00b</link><source url='https://s.example'>Agence&#0;</source>")
    + _item("surrogate-1", title="Mot &#xD800; cassé")
    + _item("plain-1"),
    language="fra",
)
LONG_GUID = "https://example.org/" + "x" * 9000
NINJS = json.dumps(
    [
        {"uri": "ninjs-nul\u0000", "headline": "Titre \ud800", "body_text": "Texte.", "language": "fra",
         "versioncreated": "2020-01-07T09:31:00Z"},
        {"uri": LONG_GUID, "headline": "Long", "body_text": "Texte long.", "language": "fre",
         "versioncreated": "2020-01-07T09:31:00Z"},
        {"uri": "ninjs-ok", "headline": "Bon", "body_text": "Texte bon.", "language": "fr",
         "versioncreated": "2020-01-07T09:31:00Z"},
    ]
).encode()
G2 = b"""<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:g2:fra&#0;" version="1"><itemMeta>
<versionCreated>2020-01-07T09:31:00Z</versionCreated></itemMeta><contentMeta><headline>G2</headline>
<language tag="fra"/></contentMeta><contentSet><inlineData contenttype="text/plain">Texte G2.</inlineData>
</contentSet></newsItem>"""
NEWSML12 = b"""<NewsML><NewsItem><Identification><NewsIdentifier><ProviderId>p.example</ProviderId>
<DateId>20200107</DateId><NewsItemId>N1</NewsItemId><RevisionId>1</RevisionId></NewsIdentifier></Identification>
<NewsManagement><FirstCreated>20200107T103100+0100</FirstCreated></NewsManagement><NewsComponent>
<DescriptiveMetadata><Language FormalName="fre"/></DescriptiveMetadata><NewsLines><HeadLine>Titre</HeadLine>
</NewsLines><ContentItem><DataContent>Texte.</DataContent></ContentItem></NewsComponent></NewsItem></NewsML>"""
HUGE_BODY = "Phrase. " * 70_000  # 560,000 characters: past the 500,000 a body may have
HUGE_RSS = _rss(_item("huge-1", body=HUGE_BODY) + _item("after-huge"))


# --- parse level ------------------------------------------------------------------------------------------


def test_parse_normalises_nul_surrogates_languages_and_long_guids():
    rss = parse_feed(NUL_RSS)
    by_guid = {i.guid: i for i in rss.items}
    assert set(by_guid) == {"nul-1", "nul-2", "surrogate-1", "plain-1"}
    assert by_guid["nul-1"].authors == ["Anne Dupont"]
    assert by_guid["nul-2"].link == "https://example.org/ab" and by_guid["nul-2"].source == "Agence"
    assert by_guid["surrogate-1"].title == "Mot \ufffd cassé"
    assert {i.language for i in rss.items} == {"fr"}
    ninjs = parse_feed(NINJS)
    first, long, ok = ninjs.items
    assert (first.guid, first.title, first.language) == ("ninjs-nul", "Titre \ufffd", "fr")
    assert long.guid.startswith("sha256:") and len(long.guid) == 71 and long.language == "fr"
    assert LONG_GUID in long.raw  # the original stays with the item
    assert ok.guid == "ninjs-ok"
    g2 = parse_feed(G2).items[0]
    assert (g2.guid, g2.title, g2.language) == ("urn:g2:fra", "G2", "fr")
    assert parse_feed(NEWSML12).items[0].language == "fr"


def test_an_oversized_body_is_rejected_alone_with_its_bytes():
    result = parse_feed(HUGE_RSS)
    assert [i.guid for i in result.items] == ["after-huge"]
    (rejected,) = result.rejected
    assert rejected.guid == "huge-1" and "exceeds" in rejected.reason
    assert len(rejected.raw) > 500_000 and rejected.raw.startswith(b"<item")


def test_relative_guid_does_not_depend_on_where_the_file_lies(tmp_path):
    feed = _rss("<item><guid>story/42</guid><title>T</title><description>B.</description>"
                "<link>story/42.html</link></item>")
    paths = []
    for folder in ("a", "b/c"):
        (tmp_path / folder).mkdir(parents=True)
        paths.append(tmp_path / folder / "feed.xml")
        paths[-1].write_bytes(feed)
    guids = {parse_path(p).items[0].guid for p in paths}
    guids |= {parse_feed(feed, url=str(p)).items[0].guid for p in paths}
    assert guids == {"story/42"}


# --- store level: an item the table refuses is set aside, the rest stored ------------------------------------


def test_store_sets_aside_an_item_the_database_refuses(conn):
    from pipeline import load

    source = load.upsert_source(conn, "probe-store-isolating", "/dev/null/probe", enabled=False)
    batch = load.open_batch(conn, "probe-store-isolating", "test")
    fetch_id = load.record_fetch(conn, batch, source, "/dev/null/probe", status="ok", payload=b"x")
    good = FeedItem("rss", "iso-good", "Titre", "Texte.", raw="<item/>")
    bad = FeedItem("rss", "iso-bad\x00", "Titre", "Texte.", raw="<item>\x00</item>")  # never normalised
    seen, new, failed = load.store_documents_isolating(conn, batch, source, fetch_id, [good, bad])
    assert (seen, new) == (1, 1)
    assert len(failed) == 1 and "refused by the database" in failed[0].reason and failed[0].raw == b"<item>\x00</item>"
    assert load.record_rejected(conn, batch, source, fetch_id, failed) == 1
    assert load.record_rejected(conn, batch, source, fetch_id, failed) == 1  # a rerun adds nothing
    conn.commit()
    stored = conn.execute("SELECT guid FROM documents WHERE source_id = %s", (source,)).fetchall()
    rows = conn.execute(
        "SELECT guid, raw, batch_id FROM rejected_items WHERE fetch_id = %s", (fetch_id,)
    ).fetchall()
    counts = conn.execute("SELECT items_seen, items_rejected FROM fetches WHERE id = %s", (fetch_id,)).fetchone()
    assert stored == [("iso-good",)]
    assert rows == [("iso-bad", b"<item>\x00</item>", batch)]
    assert counts == (1, 1)


# --- a whole run ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad-items")
    feeds = {"nul.rss.xml": NUL_RSS, "bad.ninjs.json": NINJS, "g2.xml": G2, "newsml12.xml": NEWSML12,
             "huge.rss.xml": HUGE_RSS}
    for name, data in feeds.items():
        (folder / name).write_bytes(data)
    # Sources run in name order: the good fixture (copied under a late name) comes after every bad one.
    (folder / "zz-good.rss.xml").write_bytes(GOOD.read_bytes())
    args = [a for name in [*feeds, "zz-good.rss.xml"] for a in ("--feed", str(folder / name))]
    with fresh_database("bad_items") as url:
        first = run_cli("run", *args, "--run-id", "bad-items", env={"DATABASE_URL": url, **WIDE})
        yield url, folder, first


def test_bad_items_do_not_take_the_run_down(bad_run):
    url, folder, first = bad_run
    err = first.stderr.decode()
    assert first.returncode in (0, 1), err[-3000:]
    assert "Traceback" not in err and "unexpected" not in err, err[-3000:]
    with psycopg.connect(url) as conn:
        fetches = conn.execute(
            """SELECT s.name, f.status, f.items_seen, f.items_rejected, f.error FROM fetches f
               JOIN sources s ON s.id = f.source_id ORDER BY s.name"""
        ).fetchall()
        docs = {guid: rest for guid, *rest in conn.execute(
            "SELECT guid, language, title, authors, link FROM documents")}  # fmt: skip
        long_raw = conn.execute("SELECT raw_payload FROM documents WHERE guid LIKE 'sha256:%'").fetchone()[0]
    by_name = {Path(name).name: rest for name, *rest in fetches}
    assert all(status == "ok" and error is None for status, _, _, error in by_name.values()), by_name
    assert by_name["huge.rss.xml"][1:3] == [1, 1]
    assert by_name["nul.rss.xml"][1:3] == [4, 0]
    assert by_name["zz-good.rss.xml"][1] == 6  # the source after all the bad ones
    assert docs["nul-1"][0] == "fr" and docs["nul-1"][2] == ["Anne Dupont"]
    assert docs["nul-2"][3] == "https://example.org/ab"
    assert docs["surrogate-1"][1] == "Mot \ufffd cassé"
    assert docs["ninjs-nul"][0] == docs["urn:g2:fra"][0] == docs["urn:newsml:p.example:20200107:N1"][0] == "fr"
    assert LONG_GUID in long_raw
    assert "after-huge" in docs and "huge-1" not in docs


def test_the_rejected_item_keeps_bytes_reason_source_and_fetch(bad_run):
    url, folder, _ = bad_run
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            """SELECT s.name, r.guid, r.reason, octet_length(r.raw), r.fetch_id = f.id
               FROM rejected_items r JOIN sources s ON s.id = r.source_id JOIN fetches f ON f.id = r.fetch_id"""
        ).fetchall()
    assert len(rows) == 1, rows
    name, guid, reason, size, same_fetch = rows[0]
    assert Path(name).name == "huge.rss.xml" and guid == "huge-1" and same_fetch
    assert "exceeds" in reason and size > 500_000


def test_status_shows_rejected_items(bad_run):
    url, *_ = bad_run
    result = run_cli("status", env={"DATABASE_URL": url, **WIDE})
    out = result.stdout.decode()
    assert result.returncode in (0, 1), result.stderr.decode()
    assert "rejected" in out and "Rejected items" in out
    assert "huge-1" in out and "exceeds" in out


# --- the smaller items ---------------------------------------------------------------------------------------


def test_run_of_a_missing_feed_says_why_and_fails(tmp_path):
    missing = tmp_path / "nonexistent.xml"
    with fresh_database("missing_feed") as url:
        result = run_cli("run", "--feed", str(missing), env={"DATABASE_URL": url, **WIDE})
    err = result.stderr.decode()
    assert result.returncode == 2, err[-2000:]
    assert "No such file or directory" in err and "no feed could be read" in err
    assert "Traceback" not in err


def test_status_on_a_database_without_tables_says_how_to_set_it_up():
    server = _server_url()
    name = "wire_test_unmigrated"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        result = run_cli("status", env={"DATABASE_URL": _with_database(server, name)})
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    err = result.stderr.decode()
    assert result.returncode == 2 and err.count("\n") == 1, err
    assert "pipeline db migrate" in err and "UndefinedTable" not in err


def test_retention_forgets_rejected_bytes_and_keeps_the_row(bad_run):
    url, *_ = bad_run
    with psycopg.connect(url) as conn:
        conn.execute("UPDATE rejected_items SET rejected_at = now() - interval '100 days'")
        conn.commit()
    result = run_cli("prune", "--days", "90", env={"DATABASE_URL": url})
    assert result.returncode == 0, result.stderr.decode()
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT guid, raw FROM rejected_items").fetchall() == [("huge-1", None)]


def test_sources_may_name_the_new_formats(conn):
    from pipeline import load

    for fmt in ("nitf", "jsonfeed"):
        load.upsert_source(conn, f"probe-format-{fmt}", f"/srv/{fmt}.xml", fmt, enabled=False)
    conn.rollback()
