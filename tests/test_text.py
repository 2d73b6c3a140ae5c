"""HTML → clean text: paragraphs kept, entities decoded, invisible characters gone, plain text untouched."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.text import clean_plain_text, html_to_text, looks_like_html


def test_block_elements_become_paragraphs_separated_by_a_blank_line():
    markup = "<p>Premier <b>paragraphe</b>.</p>\n<p>Second\n   paragraphe.</p><div>Troisième</div>"
    assert html_to_text(markup) == "Premier paragraphe.\n\nSecond paragraphe.\n\nTroisième"


def test_line_break_stays_a_single_newline_inside_a_paragraph():
    assert html_to_text("<p>Ligne un<br>ligne deux</p>") == "Ligne un\nligne deux"


def test_named_numeric_and_double_escaped_entities_are_decoded():
    assert html_to_text("<p>L&#8217;&eacute;t&eacute; &amp; l&#x2019;hiver</p>") == "L’été & l’hiver"
    # Feeds that escape twice leave "&eacute;" in the text after one HTML decoding.
    assert html_to_text("<p>pr&amp;eacute;sident</p>") == "président"


def test_script_style_and_comments_are_dropped():
    markup = "<p>Avant<script>alert(1)</script><style>p{}</style><!-- note --> après</p>"
    assert html_to_text(markup) == "Avant après"


def test_nul_and_control_characters_are_removed():
    assert html_to_text("<p>a\x00b\x07c</p>") == "abc"
    assert clean_plain_text("a\x00b\r\nc\x1fd") == "ab\ncd"


def test_plain_text_passes_through_unchanged():
    text = ' date 2020-01 (Belga) L\'Italie va "maintenir" 1.000 soldats.\n\nSecond paragraphe, 12 % < 20 %.'
    assert not looks_like_html(text)
    assert clean_plain_text(text) == text


def test_looks_like_html_spots_tags_and_entities():
    assert looks_like_html("<p>x</p>")
    assert looks_like_html("caf&eacute;")
    assert not looks_like_html("AT&T et a < b")


@given(st.text())
def test_html_to_text_never_fails_and_leaves_no_control_characters(markup):
    out = html_to_text(markup)
    assert "\x00" not in out
    assert not any(ord(c) < 32 and c not in "\n\t" for c in out)


def test_decode_payload_leaves_correct_declarations_alone_and_repairs_wrong_ones():
    from pipeline.text import decode_payload

    assert decode_payload("déjà".encode(), None) == (None, None)
    assert decode_payload("déjà".encode("latin-1"), "iso-8859-1") == (None, None)
    text, warning = decode_payload("Le coût : 5 €, l’été".encode("cp1252"), "utf-8")
    assert text == "Le coût : 5 €, l’été" and "cp1252" in warning
    text, warning = decode_payload("Une œuvre à 4 millions €".encode("iso-8859-15"), None)
    assert text == "Une œuvre à 4 millions €" and "iso8859_15" in warning
    text, warning = decode_payload(b"abc", "klingon-8")
    assert text == "abc" and "unknown encoding" in warning
