"""Property-based fuzzing of the formats added for issue 13 (NITF, NewsML 1.2 with an external DTD and nested
components, JSON Feed) and of the item normalisation: whatever the input, only FeedError escapes, and every
item that comes out can be stored (no NUL, no lone surrogate, an ISO 639-1 language, a guid the index takes).
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.parse import FeedError, parse_feed
from pipeline.parse.normalise import MAX_GUID_BYTES
from tests.test_parse_fuzz import check_result, json_values, mutated

WIRE = Path(__file__).resolve().parent / "data" / "wire"
FIXTURES = {path.name: path.read_bytes() for path in sorted(WIRE.iterdir()) if path.suffix in (".xml", ".json")}
NITF = sorted(name for name in FIXTURES if "nitf" in name)
NEWSML12 = sorted(name for name in FIXTURES if "newsml12" in name)
JSONFEED = json.loads(FIXTURES["agency-jsonfeed.json"])
JSONFEED_KEYS = ["id", "url", "title", "content_text", "content_html", "summary", "date_published",
                 "date_modified", "authors", "author", "language", "_wire", "external_url"]  # fmt: skip
# Values that broke runs before normalisation existed.
HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["\x00", "a\x00b", "\ud800", "x\udfffy", "fra", "fre", "FRA", "x-klingon", "zz", "\u0000\ud800"]),
    st.integers(1, 3).map(lambda n: "g" * (MAX_GUID_BYTES * 3 * n)),
)
FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_storable(data: bytes) -> None:
    """check_result's contract, plus: every value is one PostgreSQL stores as it is."""
    check_result(data)
    try:
        result = parse_feed(data)
    except FeedError:
        return
    for item in result.items:
        for text in (item.guid, item.title, item.body, item.link or "", item.source or "", item.raw, *item.authors):
            assert "\x00" not in text
            text.encode("utf-8")  # raises on a lone surrogate
        assert len(item.guid.encode("utf-8")) <= MAX_GUID_BYTES
        assert item.language is None or (len(item.language) == 2 and item.language.isalpha())
    for rejected in result.rejected:
        assert isinstance(rejected.raw, bytes) and rejected.reason and "\n" not in rejected.reason


@FUZZ
@given(st.sampled_from(NITF).flatmap(lambda name: mutated(FIXTURES[name])))
def test_mutated_nitf_raises_only_feed_error(data):
    check_storable(data)


@FUZZ
@given(st.sampled_from(NEWSML12).flatmap(lambda name: mutated(FIXTURES[name])))
def test_mutated_newsml12_with_dtd_nesting_and_tips_raises_only_feed_error(data):
    check_storable(data)


@FUZZ
@given(mutated(FIXTURES["agency-jsonfeed.json"]))
def test_mutated_jsonfeed_bytes_raise_only_feed_error(data):
    check_storable(data)


@st.composite
def jsonfeed_documents(draw) -> bytes:
    """The JSON Feed fixture with item fields replaced by arbitrary JSON values or hostile strings."""
    document = json.loads(json.dumps(JSONFEED))
    items = document["items"]
    for _ in range(draw(st.integers(1, 6))):
        item = items[draw(st.integers(0, len(items) - 1))]
        item[draw(st.sampled_from(JSONFEED_KEYS))] = draw(st.one_of(json_values, HOSTILE_TEXT))
    if draw(st.booleans()):
        document["language"] = draw(HOSTILE_TEXT)
    return json.dumps(document).encode()


@FUZZ
@given(jsonfeed_documents())
def test_jsonfeed_with_arbitrary_values_yields_storable_items(data):
    check_storable(data)


@st.composite
def hostile_nitf(draw) -> bytes:
    """The AP NITF fixture with hostile values (NUL, surrogates as character references, long ids, 639-2
    languages) in its identity, headline and language."""
    data = FIXTURES["ap-nitf.xml"].decode("utf-8")

    def as_xml(text: str) -> str:
        return "".join(c if c.isalnum() else f"&#x{ord(c):X};" for c in text)

    data = data.replace("a1b2c3d4e5f60718293a4b5c6d7e8f90", as_xml(draw(HOSTILE_TEXT)))
    data = data.replace('baselang="en-US"', f'baselang="{as_xml(draw(HOSTILE_TEXT))}"')
    data = data.replace("City raises bus", as_xml(draw(HOSTILE_TEXT)))
    return data.encode("utf-8")


@FUZZ
@given(hostile_nitf())
def test_nitf_with_hostile_values_yields_storable_items(data):
    check_storable(data)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(FIXTURES)),
    st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-7", "iso2022_jp", "utf-8-sig"]),
)
def test_every_fixture_in_another_unicode_encoding_raises_only_feed_error(name, codec):
    text = FIXTURES[name].decode("latin-1" if b'"ISO-8859-1"' in FIXTURES[name][:60] else "utf-8")
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return
    check_storable(data)
