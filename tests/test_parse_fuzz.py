"""Property-based fuzzing of the parse stage: whatever the bytes, only FeedError escapes, and the CLI never
prints a traceback.

Inputs are the bundled fixtures of every format, mutated at byte level (flips, cuts, insertions, dropped
tags, duplicated spans) and, for ninjs, at JSON level (values swapped for arbitrary JSON).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.parse import FeedError, parse_feed

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = {
    "rss": (ROOT / "seeds" / "belga-fr.rss.xml").read_bytes(),
    "atom": (ROOT / "seeds" / "feeds" / "agency-atom.xml").read_bytes(),
    "newsml12": (ROOT / "seeds" / "feeds" / "belga-newsml12.xml").read_bytes(),
    "newsml-g2": (ROOT / "seeds" / "feeds" / "afp-newsml-g2.xml").read_bytes(),
    "ninjs2": (ROOT / "seeds" / "feeds" / "reuters-ninjs2.json").read_bytes(),
    "ninjs1": (ROOT / "seeds" / "feeds" / "ap-ninjs1.json").read_bytes(),
}
STATUSES = {"usable", "canceled", "withheld", "corrected"}
CONTRACT_KEYS = {
    "source_format", "guid", "version", "status", "title", "body", "language", "published", "updated", "link",
    "authors", "source",
}  # fmt: skip
NASTY = [b"<", b">", b"&", b"&amp;", b"&#0;", b"&#x110000;", b"]]>", b"<!ENTITY", b"<![CDATA[", b"\x00", b"\xff",
         b"\xc3", b'"', b"'", b"\\u0000", b"\\ud800", b"{", b"[", b"}", b"]", b"</", b"xml:lang='\xe9'"]  # fmt: skip


def _tag_spans(data: bytes) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(rb"<[^<>]{1,80}>", data)]


@st.composite
def mutated(draw, data: bytes) -> bytes:
    """The fixture with one to eight random edits."""
    spans = _tag_spans(data)
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        kind = draw(st.sampled_from(["flip", "cut", "insert", "drop_tag", "dup", "truncate", "nasty"]))
        pos = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data = data[:pos] + bytes([data[pos] ^ draw(st.integers(1, 255))]) + data[pos + 1 :]
        elif kind == "cut":
            data = data[:pos] + data[pos + draw(st.integers(1, 200)) :]
        elif kind == "insert":
            data = data[:pos] + draw(st.binary(min_size=1, max_size=20)) + data[pos:]
        elif kind == "drop_tag" and spans:
            start, end = spans[draw(st.integers(0, len(spans) - 1))]
            data = data[:start] + data[end:] if end <= len(data) else data
        elif kind == "dup":
            data = data[:pos] + data[pos : pos + draw(st.integers(1, 400))] * 2 + data[pos:]
        elif kind == "truncate":
            data = data[:pos]
        elif kind == "nasty":
            data = data[:pos] + draw(st.sampled_from(NASTY)) + data[pos:]
    return data


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
NINJS_KEYS = ["uri", "version", "pubstatus", "firstcreated", "versioncreated", "headline", "headlines", "bodies",
              "body_text", "body_html", "language", "by", "byline", "people", "infosources", "signals", "altids"]  # fmt: skip


@st.composite
def ninjs_documents(draw) -> bytes:
    """The ninjs fixtures with item fields replaced by arbitrary JSON values, or arbitrary JSON altogether."""
    if draw(st.booleans()):
        document = json.loads(FIXTURES[draw(st.sampled_from(["ninjs1", "ninjs2"]))])
        items = document if isinstance(document, list) else [e["item"] for e in document["data"]["items"]]
        for _ in range(draw(st.integers(1, 6))):
            item = items[draw(st.integers(0, len(items) - 1))]
            item[draw(st.sampled_from(NINJS_KEYS))] = draw(json_values)
    else:
        document = draw(json_values)
    return json.dumps(document).encode()


def check_result(data: bytes) -> None:
    try:
        result = parse_feed(data)
    except FeedError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert all(isinstance(w, str) for w in result.warnings)
    for item in result.items:
        assert isinstance(item.guid, str) and item.guid
        assert isinstance(item.version, int) and item.version >= 1
        assert item.status in STATUSES
        assert isinstance(item.title, str) and isinstance(item.authors, list)
        assert isinstance(item.body, str) and "\x00" not in item.body and "\x00" not in item.title
        for moment in (item.published, item.updated):
            assert moment is None or moment.tzinfo is UTC
        line = json.dumps(item.to_json(), ensure_ascii=False)
        assert json.loads(line).keys() >= CONTRACT_KEYS


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(mutated(FIXTURES["rss"]))
def test_mutated_rss_raises_only_feed_error(data):
    check_result(data)


@FUZZ
@given(mutated(FIXTURES["atom"]))
def test_mutated_atom_raises_only_feed_error(data):
    check_result(data)


@FUZZ
@given(mutated(FIXTURES["newsml12"]))
def test_mutated_newsml12_raises_only_feed_error(data):
    check_result(data)


@FUZZ
@given(mutated(FIXTURES["newsml-g2"]))
def test_mutated_newsml_g2_raises_only_feed_error(data):
    check_result(data)


@FUZZ
@given(st.one_of(mutated(FIXTURES["ninjs2"]), mutated(FIXTURES["ninjs1"])))
def test_mutated_ninjs_bytes_raise_only_feed_error(data):
    check_result(data)


@FUZZ
@given(ninjs_documents())
def test_ninjs_with_arbitrary_json_values_raises_only_feed_error(data):
    check_result(data)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(FIXTURES)).flatmap(lambda name: mutated(FIXTURES[name])))
def test_cli_parse_on_mutated_input_exits_0_or_2_without_traceback(data):
    env = {k: v for k, v in os.environ.items() if k != "PIPELINE_DEBUG"}
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "parse", "-"],
        input=data,
        capture_output=True,
        timeout=60,
        cwd=ROOT,
        env=env,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode in (0, 2), stderr
    assert "Traceback" not in stderr
    assert len(stderr.splitlines()) <= 1
    for line in done.stdout.decode("utf-8").splitlines():
        assert json.loads(line).keys() >= CONTRACT_KEYS
    if done.returncode == 2:
        assert stderr.startswith("pipeline: ")
