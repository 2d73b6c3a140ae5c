"""Date resolution: anchor from publication or dateline, relative weekdays, explicit days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.dates import (
    anchor_date,
    dateline_city,
    find_dateline,
    find_dates,
    resolve_weekday,
)

TUESDAY = date(2020, 1, 7)


def _resolved(text: str, anchor: date | None, lang: str = "fr") -> list[tuple[str, date | None]]:
    return [(m.text, m.date) for m in find_dates(text, anchor, lang)]


def test_weekday_of_the_publication_day_is_that_day():
    assert _resolved("a annoncé mardi le ministère", TUESDAY) == [("mardi", TUESDAY)]


def test_earlier_weekday_is_the_most_recent_one_before_the_anchor():
    assert _resolved("a demandé dimanche", TUESDAY) == [("dimanche", date(2020, 1, 5))]


def test_weekday_resolution_crosses_a_month_boundary():
    monday = date(2020, 3, 2)
    assert _resolved("vendredi", monday) == [("vendredi", date(2020, 2, 28))]


def test_weekday_resolution_crosses_a_year_boundary():
    wednesday = date(2020, 1, 1)
    assert _resolved("Monday", wednesday, "en") == [("Monday", date(2019, 12, 30))]


def test_last_weekday_named_on_that_weekday_is_a_week_back():
    monday = date(2020, 1, 6)
    assert _resolved("lundi dernier", monday) == [("lundi dernier", date(2019, 12, 30))]
    assert _resolved("last Monday", monday, "en") == [("last Monday", date(2019, 12, 30))]


def test_next_weekday_is_after_the_anchor():
    assert _resolved("mardi prochain", TUESDAY) == [("mardi prochain", date(2020, 1, 14))]
    assert resolve_weekday(3, TUESDAY, "upcoming") == date(2020, 1, 9)
    assert resolve_weekday(1, TUESDAY, "upcoming") == TUESDAY


def test_yesterday_crosses_the_new_year():
    new_year = date(2021, 1, 1)
    assert _resolved("hier soir", new_year) == [("hier", date(2020, 12, 31))]
    assert _resolved("said yesterday", new_year, "en") == [("yesterday", date(2020, 12, 31))]
    assert _resolved("avant-hier", new_year) == [("avant-hier", date(2020, 12, 30))]


def test_explicit_day_without_year_takes_the_nearest_year():
    assert _resolved("le 3 janvier", TUESDAY) == [("3 janvier", date(2020, 1, 3))]
    assert _resolved("le 28 décembre", TUESDAY) == [("28 décembre", date(2019, 12, 28))]
    assert _resolved("le 1er mars 2019", TUESDAY) == [("1er mars 2019", date(2019, 3, 1))]


def test_english_explicit_days_in_both_orders():
    found = _resolved("on Jan. 3 and on 5 January 2019", TUESDAY, "en")
    assert found == [("Jan. 3", date(2020, 1, 3)), ("5 January 2019", date(2019, 1, 5))]


def test_lowercase_may_is_not_a_month():
    assert _resolved("officials may 3 times reconsider", TUESDAY, "en") == []


def test_relative_words_without_anchor_stay_unresolved():
    assert _resolved("mardi", None) == [("mardi", None)]


def test_french_dateline_with_year():
    assert find_dateline("PARIS, 7 janvier 2020 (AFP) - Le gouvernement") == date(2020, 1, 7)


def test_belga_dateline_takes_the_year_written_near_it():
    text = "Budget 2020\n\nBRUXELLES, 7 janv. (Belga) – Le gouvernement fédéral a annoncé mardi"
    assert find_dateline(text) == date(2020, 1, 7)


def test_reuters_dateline_without_year_is_not_in_the_future():
    found = find_dateline("PARIS, Jan 7 (Reuters) - French police")
    assert found is not None and (found.month, found.day) == (1, 7) and found <= date.today()


def test_month_only_stamp_gives_no_anchor():
    assert find_dateline(" date 2020-01 (Belga) L'Italie va maintenir") is None


def test_published_date_wins_over_the_dateline():
    text = "PARIS, 7 janvier 2020 (AFP) - Le gouvernement"
    assert anchor_date(text, date(2020, 1, 8)) == date(2020, 1, 8)
    assert anchor_date(text, None) == date(2020, 1, 7)
    assert anchor_date("Pas de date ici.", None) is None


def test_a_publication_timestamp_anchors_on_its_day():
    from datetime import datetime

    assert anchor_date("x", datetime(2020, 1, 7, 10, 31)) == date(2020, 1, 7)


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Titre\n\nLIÈGE, 6 févr. (Belga) – Le groupe", "LIÈGE"),
        ("WASHINGTON (AP) — The Pentagon", "WASHINGTON"),
        ("NEW YORK, March 3 (Reuters) - Stocks", "NEW YORK"),
    ],
)
def test_dateline_city(text: str, city: str):
    span = dateline_city(text)
    assert span is not None and text[span[0] : span[1]] == city


_WORDS = st.sampled_from(
    [
        "mardi",
        "dimanche",
        "lundi",
        "hier",
        "Tuesday",
        "yesterday",
        "le",
        "3",
        "janvier",
        "Jan.",
        "2020",
        "dernier",
        "last",
        ",",
        ".",
        "a",
        "annoncé",
        "said",
        "on",
        "1er",
        "mars",
        "31",
        "février",
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=30).map(" ".join),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)),
    st.sampled_from(["fr", "en"]),
)
def test_any_text_gives_valid_spans_and_relative_days_not_after_the_anchor(text, anchor, lang):
    for mention in find_dates(text, anchor, lang):
        assert text[mention.start : mention.end] == mention.text
        if mention.relative and mention.date is not None:
            assert mention.date <= anchor
            assert anchor - mention.date <= timedelta(days=7)
