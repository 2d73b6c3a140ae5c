"""Number grammar: finds and parses French and English number expressions (digits, words, scales, collectives).

`find_numbers` returns the bare number expressions of a text (no qualifier, no context); `figures` decides
which of them are claimed quantities. `parse_number` parses one expression to its value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from text_to_num import text2num

from pipeline.extract.lexicon import numbers_en, numbers_fr

TABLES: dict[str, ModuleType] = {"fr": numbers_fr, "en": numbers_en}
CURRENCY_PREFIX = r"(?P<cur>US\$|(?<!\w)(?:Rs\.?|CHF)|[$€£¥₹])[\s\u00a0\u202f]?"
SPACE = r"[\s\u00a0\u202f]"
MAX_DIGITS = 15
DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
# Fractions glued to digits: "6½", Reuters' "2-1/2".
VULGAR_VALUES = {"½": 0.5, "¼": 0.25, "¾": 0.75, "1/2": 0.5, "1/4": 0.25, "3/4": 0.75}
VULGAR = r"[½¼¾]|-(?:1/2|1/4|3/4)(?![\d/])"


@dataclass(slots=True)
class NumberMatch:
    """One number expression: its span, value and shape (plain number, approximate or vague collective)."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    kind: str  # "number", "collective" (une dizaine) or "vague" (des centaines)
    digits: str = ""  # the digit string as written, when the number is in digits
    words: str = ""  # the number words as written, when in words
    scale: str | None = None
    currency: str | None = None  # symbol written in the span ("$", "€")
    percent: bool = False
    article_only: bool = False  # "un", "a", "one" with nothing after: an article, not a count
    glued_unit: str | None = None  # a unit abbreviation glued to the digits ("30m")
    base: float | None = None  # the value before its scale word ("2" in "2 milliards")


def _alternation(words: object) -> str:
    return "|".join(re.escape(w).replace(r"\ ", SPACE + "+") for w in sorted(words, key=len, reverse=True))


def _digits_pattern(lang: str) -> str:
    if lang == "fr":
        return (
            r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?!\d)"
            # Swiss thousands: "650'000"
            r"|\d{1,3}(?:['’]\d{3})+(?:,\d+)?(?!\d)"
            r"|\d{1,3}(?:\.\d{3})+(?![\d])(?:,\d+)?"
            # a dot with one or two digits is not French ("49.3" is an article of the constitution)
            r"|\d+(?:,\d+|\.\d{3,}|(?P<frdot>\.\d{1,2}))?"
        )
    return r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d{1,3}(?:['’]\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"


@cache
def number_regex(lang: str) -> re.Pattern[str]:
    """The compiled grammar of one language; alternatives are tried longest-shape first."""
    t = TABLES[lang]
    word = rf"(?:{_alternation(t.NUMBER_WORDS)})(?![\w])"
    if lang == "fr":
        joiner = rf"(?:{SPACE}+et{SPACE}+|-et-)(?=(?:un|une|onze)\b)|[\s\u00a0\u202f-]+"
    else:
        joiner = rf"(?:(?<=hundred)|(?<=thousand)){SPACE}+and{SPACE}+|[\s\u00a0\u202f-]+"
    words = rf"{word}(?:(?:{joiner}){word})*"
    article = rf"(?:{_alternation(t.ARTICLE_NUMBERS)})(?![\w])"
    scales = _alternation(k for k in t.SCALES if len(k) > 2)
    abbrevs = _alternation(k for k in t.SCALES if len(k) <= 3 and k.isalpha())
    scale = (
        rf"(?:(?:{SPACE}+|-)(?P<scale>{scales})(?![\w])(?P<andhalf>{t.AND_HALF})?|(?P<gscale>{abbrevs})(?![\w]))"
    )
    suffix = rf"(?:{SPACE}?(?P<pct>%)|{SPACE}?(?P<csuf>€|\$|£))"
    number = (
        rf"(?:{CURRENCY_PREFIX})?"
        rf"(?:(?<![\w])(?<!\d[.,])(?P<digits>{_digits_pattern(lang)})(?P<vulgar>{VULGAR})?"
        rf"|(?<![\w-])(?P<words>{words})"
        rf"|(?<![\w-])(?P<article>{article})(?=(?:{SPACE}+(?:{scales})(?![\w]))))"
        rf"{scale}?{suffix}?"
    )
    vdet = _alternation(t.VAGUE_DETERMINERS)
    plural = _alternation(k for k in t.VAGUE_COLLECTIVES if k.endswith("s"))
    singular = _alternation(k for k in t.VAGUE_COLLECTIVES if not k.endswith("s"))
    link = rf"{SPACE}+{t.COLLECTIVE_LINK}{SPACE}+" if lang == "en" else rf"{SPACE}+(?:de{SPACE}+|d['’])"
    mult = rf"(?:{link}(?P<vmul>{_alternation(t.COLLECTIVE_MULTIPLIERS)})(?![\w]))?"
    vague = rf"(?<![\w-])(?:(?P<vdet>{vdet}){SPACE}+)?(?P<vcoll>{plural})(?![\w]){mult}" + (
        rf"|(?<![\w-])(?P<vdet2>{vdet}){SPACE}+(?P<vcoll2>{singular})(?![\w])" if singular else ""
    )
    parts = [vague]
    halves = _alternation(k for k in t.SCALES if len(k) > 2 and not k.endswith("s") and t.SCALES[k] >= 1e6)
    fractions = "|".join(f"(?P<fr{i}>{rx})" for i, (rx, _) in enumerate(t.SCALE_FRACTIONS))
    half = rf"(?<![\w-])(?:{fractions})(?P<hscale>{halves})(?![\w])"
    if t.COLLECTIVES:
        cmult = rf"(?:{link}(?P<cmul>{_alternation(t.COLLECTIVE_MULTIPLIERS)})(?![\w]))?"
        coll = _alternation(t.COLLECTIVES)
        parts.append(
            rf"(?<![\w-])(?:(?P<cdet>{words}|{article}|\d+){SPACE}+)?(?P<coll>{coll})(?P<cpl>s)?(?![\w]){cmult}"
        )
    parts.append(half)
    parts.append(number)
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def parse_digits(text: str, lang: str) -> float | None:
    """Parse digits as written: "1 500", "1.500", "1,5" (French); "1,500", "1.5" (English)."""
    s = re.sub(r"[\s\u00a0\u202f'’]", "", text)
    if not s:
        return None
    if lang == "fr":
        if DOT_THOUSANDS.fullmatch(s):
            s = s.replace(".", "")
        s = s.replace(",", ".")
    else:
        s = s.replace(",", "")
    try:
        return float(s)
    except ValueError:
        return None


def parse_words(text: str, lang: str) -> float | None:
    """Parse number words with text2num ("deux cent cinquante", "twenty-five"); None if not a number."""
    t = TABLES[lang]
    cleaned = re.sub(r"[\s\u00a0\u202f]+", " ", text.strip().lower())
    if cleaned in t.ARTICLE_NUMBERS:
        return 1.0
    try:
        return float(text2num(cleaned, lang))
    except ValueError:
        return None


def _scale_value(lang: str, word: str | None) -> float:
    if not word:
        return 1.0
    return TABLES[lang].SCALES.get(re.sub(r"[\s\u00a0\u202f]+", " ", word.lower()), 1.0)


def _from_match(m: re.Match[str], lang: str) -> NumberMatch | None:
    t = TABLES[lang]
    g = m.groupdict()
    if g.get("vcoll") or g.get("vcoll2"):
        coll = (g.get("vcoll") or g["vcoll2"]).lower()
        low, high = t.VAGUE_COLLECTIVES[coll]
        det = re.sub(r"[\s\u00a0\u202f]+", " ", (g.get("vdet") or g.get("vdet2") or "").lower())
        if det in t.FEW_DETERMINERS:
            high = low * 4.5  # "quelques milliers" 2000-9000: two to nine of the collective
        mul = t.COLLECTIVE_MULTIPLIERS.get((g.get("vmul") or "").lower(), 1.0)
        return NumberMatch(m.start(), m.end(), None, low * mul, high * mul, "vague")
    if g.get("coll"):
        n, spread = t.COLLECTIVES[g["coll"].lower()]
        det = g.get("cdet")
        count = 1.0
        if det:
            count = (parse_digits(det, lang) if det[0].isdigit() else parse_words(det, lang)) or 1.0
        elif g.get("cpl"):
            # bare plural without a count ("milliers de manifestants") reads as "des milliers"
            plural = g["coll"].lower() + "s"
            if plural in t.VAGUE_COLLECTIVES:
                low, high = t.VAGUE_COLLECTIVES[plural]
                mul = t.COLLECTIVE_MULTIPLIERS.get((g.get("cmul") or "").lower(), 1.0)
                return NumberMatch(m.start(), m.end(), None, low * mul, high * mul, "vague")
        value = count * n * t.COLLECTIVE_MULTIPLIERS.get((g.get("cmul") or "").lower(), 1.0)
        return NumberMatch(
            m.start(), m.end(), value, value * (1 - spread), value * (1 + spread), "collective"
        )
    if g.get("hscale"):
        # "un demi-million", "half a million", "a quarter of a million"
        part = next(f for i, (_, f) in enumerate(t.SCALE_FRACTIONS) if g.get(f"fr{i}"))
        value = part * _scale_value(lang, g["hscale"])
        return NumberMatch(
            m.start(), m.end(), value, value, value, "number", words=m.group(0), scale=g["hscale"], base=part
        )
    scale_word = g.get("scale") or g.get("gscale")
    if g.get("digits"):
        if g.get("frdot"):
            return None
        if sum(c.isdigit() for c in g["digits"]) > MAX_DIGITS:
            return None  # an identifier, not a quantity
        base = parse_digits(g["digits"], lang)
        digits, words, article_only = g["digits"], "", False
    elif g.get("words"):
        base = parse_words(g["words"], lang)
        digits, words = "", g["words"]
        article_only = g["words"].lower() in t.ARTICLE_NUMBERS and not scale_word
    else:
        base, digits, words, article_only = 1.0, "", g["article"], False
    if base is None:
        return None
    if g.get("vulgar"):
        base += VULGAR_VALUES[g["vulgar"].lstrip("-")]  # "6½", "2-1/2"
    if g.get("andhalf"):
        base += 0.5  # "deux millions et demi", "a million and a half"
    glued_unit = None
    if g.get("gscale") and not g.get("cur") and g["gscale"].lower() in ("m", "k"):
        # "30m" without a currency is thirty metres, and "5k" is not wire-copy style for a count
        if g["gscale"].lower() == "k":
            return None
        scale_word, glued_unit = None, "m"
    value = base * _scale_value(lang, scale_word)
    currency = g.get("cur") or g.get("csuf")
    return NumberMatch(
        m.start(),
        m.end(),
        value,
        value,
        value,
        "number",
        digits=digits,
        words=words,
        scale=scale_word,
        currency=currency,
        percent=bool(g.get("pct")),
        article_only=article_only,
        glued_unit=glued_unit,
        base=base,
    )


def find_numbers(text: str, lang: str) -> list[NumberMatch]:
    """All number expressions of `text`, left to right, non-overlapping."""
    out = []
    for m in number_regex(lang).finditer(text):
        nm = _from_match(m, lang)
        if nm is not None:
            out.append(nm)
    return out


def parse_number(text: str, lang: str) -> float | None:
    """Value of one number expression ("1,5 milliard" -> 1.5e9, "a dozen" -> 12), None if it is not one."""
    m = number_regex(lang).fullmatch(text.strip())
    if m is None:
        return None
    nm = _from_match(m, lang)
    return None if nm is None else nm.value
