"""The command line as users and tools call it (contract: ../shared/CONTRACT.md)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT, SEED, SHARED_GOLD, run_cli

FEED = ROOT / "seeds" / "belga-fr.rss.xml"


@pytest.mark.parametrize(
    "content",
    [b"this is not a feed at all\n", b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>cut",
     b"", b"<html><body><p>Not found</p></body></html>"],
    ids=["not-xml", "truncated-xml", "empty", "html-page"],
)
def test_parse_refuses_unreadable_input_with_exit_2_and_one_line(tmp_path, content):
    path = tmp_path / "input.xml"
    path.write_bytes(content)
    result = run_cli("parse", str(path))
    assert result.returncode == 2
    assert result.stdout == b""
    err = result.stderr.decode()
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    assert str(path) in err


def test_parse_of_a_missing_file_is_one_line_exit_2(tmp_path):
    result = run_cli("parse", str(tmp_path / "nope.xml"))
    assert result.returncode == 2
    assert len(result.stderr.decode().strip().splitlines()) == 1


def test_parse_prints_one_contract_item_per_line():
    result = run_cli("parse", str(FEED))
    assert result.returncode == 0, result.stderr.decode()
    items = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(items) >= 5
    keys = {"source_format", "guid", "version", "status", "title", "body", "language", "published", "updated",
            "link", "authors", "source"}
    assert all(keys <= item.keys() for item in items)
    seed = next(i for i in items if i["guid"] == "2c99c3708e86832f")
    assert seed["body"] == SEED.read_text(encoding="utf-8")
    assert seed["published"] == "2020-01-07T09:31:00+00:00"
    assert (seed["language"], seed["source"], seed["source_format"]) == ("fr", "Belga", "rss")


def test_parse_reads_stdin():
    result = run_cli("parse", "-", stdin=FEED.read_bytes())
    assert result.returncode == 0
    assert len(result.stdout.decode().splitlines()) >= 5


@pytest.mark.skipif(not SHARED_GOLD.exists(), reason="shared seed gold not mounted beside the checkout")
def test_extract_reproduces_the_seed_gold_through_the_cli():
    gold = json.loads(SHARED_GOLD.read_text(encoding="utf-8"))
    result = run_cli("extract", str(SEED.relative_to(ROOT)))
    assert result.returncode == 0, result.stderr.decode()
    out = json.loads(result.stdout.decode())
    assert out["file"] == gold["file"]
    assert out["lang"] == "fr"
    keys = ("speaker", "quote", "start", "end", "kind", "verb")
    assert [{k: s[k] for k in keys} for s in out["statements"]] == [{k: s[k] for k in keys} for s in gold["statements"]]
    keys = ("text", "start", "end", "value", "low", "high", "unit", "qualifier")
    assert [{k: f[k] for k in keys} for f in out["figures"]] == [{k: f[k] for k in keys} for f in gold["figures"]]
    assert [f.get("part_of") for f in out["figures"]] == [f.get("part_of") for f in gold["figures"]]


def test_extract_reads_stdin_and_rejects_non_utf8(tmp_path):
    ok = run_cli("extract", "--lang", "fr", "-", stdin="Le ministre a annoncé mardi 300 licenciements.".encode())
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["file"] == "-"
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Le ministère a annoncé".encode("latin-1"))
    result = run_cli("extract", str(bad))
    assert result.returncode == 2
    assert "not UTF-8" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
