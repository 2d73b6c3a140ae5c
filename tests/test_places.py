"""Offline place normalisation: exonyms, country names in French, world cities, nationality adjectives."""

from __future__ import annotations

import pytest

from pipeline.extract.places import country_of_demonym, fold, lookup_place


@pytest.mark.parametrize(
    ("mention", "name_fr", "name_en", "country"),
    [
        ("Bagdad", "Bagdad", "Baghdad", "IQ"),
        ("Baghdad", "Bagdad", "Baghdad", "IQ"),
        ("Koweït", "Koweït", "Kuwait", "KW"),
        ("Erbil", "Erbil", "Erbil", "IQ"),
        ("Kirkouk", "Kirkouk", "Kirkuk", "IQ"),
        ("Irak", "Irak", "Iraq", "IQ"),
        ("Liban", "Liban", "Lebanon", "LB"),
        ("Etats-Unis", "Etats-Unis", "United States", "US"),
        ("États-Unis", "Etats-Unis", "United States", "US"),
        ("Allemagne", "Allemagne", "Germany", "DE"),
        ("Londres", "Londres", "London", "GB"),
    ],
)
def test_exonyms_and_french_country_names(mention, name_fr, name_en, country):
    place = lookup_place(mention)
    assert place is not None
    assert (place.name_fr, place.name_en, place.country) == (name_fr, name_en, country)


def test_leading_article_and_case_are_ignored():
    assert lookup_place("le Liban").country == "LB"
    assert lookup_place("LIÈGE").name_fr == "Liège"


def test_cities_come_from_geonames_when_no_exonym_is_listed():
    verviers = lookup_place("Verviers")
    assert verviers is not None and verviers.country == "BE" and verviers.kind == "city"
    assert lookup_place("Lyon").country == "FR"


def test_english_names_are_reported_for_english_articles():
    assert lookup_place("Baghdad", "en").name("en") == "Baghdad"
    assert lookup_place("Bagdad", "fr").name("fr") == "Bagdad"


def test_words_that_are_not_places_are_not_found():
    for word in ("Guerini", "Belga", "Finul", "", "   "):
        assert lookup_place(word) is None


@pytest.mark.parametrize(
    ("word", "lang", "country"),
    [
        ("irakien", "fr", "IQ"),
        ("irakienne", "fr", "IQ"),
        ("américains", "fr", "US"),
        ("turque", "fr", "TR"),
        ("Iraqi", "en", "IQ"),
        ("American", "en", "US"),
    ],
)
def test_nationality_adjectives_name_their_country(word, lang, country):
    place = country_of_demonym(word, lang)
    assert place is not None and place.country == country


def test_american_is_reported_as_etats_unis_in_french():
    assert country_of_demonym("américain", "fr").name_fr == "Etats-Unis"


def test_fold_removes_accents_case_and_typographic_apostrophes():
    assert fold("  L’Élysée  ") == "l'elysee"
