"""The number grammar: French and English number expressions parse to the values they denote."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.numbers import find_numbers, parse_digits, parse_number


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("1.500", "fr", 1500),
        ("1 500", "fr", 1500),
        ("1\u202f500", "fr", 1500),
        ("1\u00a0500", "fr", 1500),
        ("3.000.000", "fr", 3_000_000),
        ("1,5", "fr", 1.5),
        ("1,5 milliard", "fr", 1.5e9),
        ("3 millions", "fr", 3e6),
        ("deux cents", "fr", 200),
        ("trois mille", "fr", 3000),
        ("vingt et un", "fr", 21),
        ("quatre-vingt-dix", "fr", 90),
        ("un million", "fr", 1e6),
        ("deux millions", "fr", 2e6),
        ("30%", "fr", 30),
        ("30 %", "fr", 30),
        ("150 €", "fr", 150),
        ("1,500", "en", 1500),
        ("1.5", "en", 1.5),
        ("two hundred", "en", 200),
        ("two hundred and fifty", "en", 250),
        ("twenty-five", "en", 25),
        ("$2.5 billion", "en", 2.5e9),
        ("£3bn", "en", 3e9),
        ("€40m", "en", 4e7),
        ("a hundred", "en", 100),
        ("a dozen", "en", 12),
        ("une dizaine", "fr", 10),
        ("un millier", "fr", 1000),
        # Swiss thousands separator
        ("720'000", "fr", 720000),
        ("1’350’000", "fr", 1350000),
        ("48'500", "en", 48500),
        # half a scale word
        ("un demi-million", "fr", 5e5),
        ("un demi-milliard", "fr", 5e8),
        ("half a million", "en", 5e5),
        ("half a billion", "en", 5e8),
        # Reuters abbreviations
        ("$3.4 bln", "en", 3.4e9),
        ("12 mln", "en", 1.2e7),
        ("Rs 300 crore", "en", 3e9),
        ("₹4 lakh", "en", 4e5),
        # fractions of and after a scale word, fractions glued to digits
        ("a quarter of a million", "en", 2.5e5),
        ("three-quarters of a billion", "en", 7.5e8),
        ("trois millions et demi", "fr", 3.5e6),
        ("a billion and a half", "en", 1.5e9),
        ("4½", "en", 4.5),
        ("3-1/2", "en", 3.5),
        ("$7-million", "en", 7e6),
    ],
)
def test_number_expressions_parse_to_their_value(text: str, lang: str, value: float) -> None:
    assert parse_number(text, lang) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "lang"), [("soldats", "fr"), ("", "fr"), ("the", "en"), ("1 500 soldats", "fr")]
)
def test_non_numbers_parse_to_none(text: str, lang: str) -> None:
    assert parse_number(text, lang) is None


def test_french_dot_groups_thousands_but_a_short_decimal_stays_a_decimal() -> None:
    assert parse_digits("32.000", "fr") == 32000
    assert parse_digits("2.5", "fr") == 2.5


def test_vague_collectives_carry_their_interval_and_no_value() -> None:
    (m,) = find_numbers("des dizaines de milliers", "fr")
    assert (m.kind, m.value, m.low, m.high) == ("vague", None, 20000, 90000)
    (m,) = find_numbers("tens of thousands", "en")
    assert (m.kind, m.low, m.high) == ("vague", 20000, 90000)


def test_a_few_of_a_collective_is_two_to_nine_of_it() -> None:
    # "quelques milliers" 2000-9000 (ANNOTATION), where "des milliers" runs to 9999
    (m,) = find_numbers("quelques milliers", "fr")
    assert (m.low, m.high) == (2000, 9000)
    (m,) = find_numbers("des milliers", "fr")
    assert (m.low, m.high) == (2000, 9999)
    (m,) = find_numbers("a few thousand", "en")
    assert (m.low, m.high) == (2000, 9000)
    (m,) = find_numbers("quelques dizaines", "fr")
    assert (m.low, m.high) == (20, 90)


def test_a_singular_multiplier_after_a_vague_plural_still_multiplies() -> None:
    (m,) = find_numbers("hundreds of million of euros", "en")
    assert (m.kind, m.low, m.high) == ("vague", 2e8, 9e8)


def test_article_alone_is_flagged_not_counted() -> None:
    (m,) = find_numbers("un général", "fr")
    assert m.article_only


def test_glued_currency_symbol_and_scale_are_inside_the_match() -> None:
    text = "It raised $2.5 billion."
    (m,) = find_numbers(text, "en")
    assert text[m.start : m.end] == "$2.5 billion"
    assert m.currency == "$"


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="0123456789 ,.%€$\u202f\u00a0-abcdeilmnorstuvxz", max_size=40),
    st.sampled_from(["fr", "en"]),
)
def test_number_grammar_never_raises_and_spans_stay_inside(text: str, lang: str) -> None:
    for m in find_numbers(text, lang):
        assert 0 <= m.start < m.end <= len(text)
        if m.low is not None and m.high is not None:
            assert m.low <= m.high
    parse_number(text, lang)
