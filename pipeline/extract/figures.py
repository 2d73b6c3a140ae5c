"""Figures: every claimed number of an article as a qualified interval, with its unit, place and total.

Works on `doc.text` with compiled regexes (the number grammar lives in `numbers`) plus token information
(French part-of-speech and lemmas when the model has them); word lists live in `lexicon/figures_*.py`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from spacy.tokens import Doc

from pipeline.extract.lexicon import figures_en, figures_fr
from pipeline.extract.numbers import SPACE, NumberMatch, find_numbers
from pipeline.extract.numbers import TABLES as NUMBER_TABLES
from pipeline.extract.places import lookup_place
from pipeline.models import Figure, Statement

TABLES: dict[str, ModuleType] = {"fr": figures_fr, "en": figures_en}
UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"
WINDOW = 45  # characters looked at before a number for its qualifier or range opener
# Qualifiers that only ever bound a quantity ("plus de 2000" counts; "jusqu'à 2030", "around 2025" are years).
QUANTITY_QUALIFIER_ENDS = (" de", " than", " of")
VERB_WINDOW = 90  # characters looked at before a number for a qualifying verb ("n'a pas encore atteint les")
WORD_CHAR = re.compile(r"\w")
LETTERS = re.compile(r"[^\W\d_]+")
NAME_AFTER = re.compile(rf"[ \u00a0]+[{UPPER}]")
HYPHENED_NAME = re.compile(r"[^\W_]*[^\W\d_][^\W_]*[-‐+]$")  # "Su-", "A350-", "P5+" before a number
FOUR_DIGITS = re.compile(r"\d{4}")
AFTER_WORD_COMMA = re.compile(r"\w,\s*$")
WORD_BREAK = re.compile(r"[\s'’-]")
PREV_WORD = re.compile(r"(\w+)[\s\u00a0\u202f]+$")
PLACE_REACH = 220  # farthest a place may stand after its figure


def _phrase(phrase: str, comma: bool = False) -> str:
    """Regex for a table phrase: flexible spaces, both apostrophes, "de" also elided ("plus d'un"); an
    adverbial phrase may take a comma ("Au moins, dix-huit personnes")."""
    body = re.escape(phrase).replace(r"\ ", SPACE + "+").replace("'", "['’]")
    if phrase.endswith(" de"):
        return body[: -len("de")] + rf"d(?:e{SPACE}+|['’]{SPACE}*)"
    if phrase.endswith("'"):
        return body + rf"{SPACE}*"
    return body + (rf",?{SPACE}+" if comma else rf"{SPACE}+")


def _group(unit: str) -> str:
    """A regex group name for a unit ("km/h" -> "km_h"; read back by replacing "_" with "/")."""
    return unit.replace("/", "_")


def _words(words: object) -> str:
    items = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", SPACE + "+").replace("'", "['’]") for w in items)


@dataclass(frozen=True, slots=True)
class _Rules:
    t: ModuleType
    qualifier: re.Pattern[str]
    qualifier_keys: tuple[str, ...]
    postposed: re.Pattern[str]
    postposed_keys: tuple[str, ...]
    verb_qualifier: re.Pattern[str]
    restriction: re.Pattern[str]
    change: re.Pattern[str]
    name_before: re.Pattern[str]
    pronoun_before: re.Pattern[str]
    pronoun_after: re.Pattern[str]
    opener: re.Pattern[str]
    connector: re.Pattern[str]
    blocked: tuple[re.Pattern[str], ...]
    reference: re.Pattern[str]
    percent_after: re.Pattern[str]
    breakdown: re.Pattern[str]
    place: re.Pattern[str]
    military: re.Pattern[str]
    death: re.Pattern[str]
    fraction: re.Pattern[str]
    special_unit: re.Pattern[str]
    breakdown_stop: re.Pattern[str]
    ratio_link: re.Pattern[str]
    ratio_before: re.Pattern[str]
    multiplier_after: re.Pattern[str]
    rate_base: re.Pattern[str]
    injury: re.Pattern[str]
    death_before: re.Pattern[str]
    injury_before: re.Pattern[str]
    migration: re.Pattern[str]


@cache
def _rules(lang: str) -> _Rules:
    t = TABLES[lang]
    keys = tuple(t.QUALIFIERS)
    qual = "|".join(f"(?P<q{i}>{_phrase(k, k in t.COMMA_QUALIFIERS)})" for i, k in enumerate(keys))
    post_keys = tuple(t.POSTPOSED_QUALIFIERS)
    gap = "[ \u00a0\u202f]"  # neither a place name nor a postposed qualifier spans a line break
    post = "|".join(
        f"(?P<p{i}>{re.escape(k).replace(chr(92) + ' ', gap + '+')})" for i, k in enumerate(post_keys)
    )
    verbs = "|".join(f"(?P<v{i}>{rx})" for i, (rx, _) in enumerate(t.VERB_QUALIFIERS))
    months = _words(t.MONTHS)
    if lang == "en":
        months = f"(?-i:{'|'.join(m.capitalize() for m in sorted(t.MONTHS, key=len, reverse=True))})"
    days = _words(t.WEEKDAYS)
    day_det = _words(t.DAY_DETERMINERS)
    time_preps = _words(t.TIME_PREPOSITIONS)
    time_words = _words(t.TIME_WORDS)
    blocked = [
        # dates: "7 janvier 2020", "January 7, 2020", "mardi 7", "2020-01-07", "07/01/2020", "le 3"
        rf"\b\d{{1,2}}(?:er|st|nd|rd|th)?(?:{SPACE}*(?:,|et|and|au|à|to|-|–){SPACE}*\d{{1,2}}(?:er|st|nd|rd|th)?){{0,6}}+"
        rf"{SPACE}+(?:of{SPACE}+)?(?:{months})\b\.?(?:,?{SPACE}+\d{{4}}\b)?",
        rf"\b(?:{months})\.?{SPACE}+\d{{1,2}}(?:st|nd|rd|th)?\b"
        rf"(?:{SPACE}*(?:,|and|et|au|to|-|–|&){SPACE}*\d{{1,2}}(?:st|nd|rd|th)?\b(?!{SPACE}*[,.]?\d))*"
        rf"(?:,?{SPACE}+\d{{4}}\b)?",
        rf"\b(?:{months})\.?{SPACE}+\d{{4}}\b",
        # "mardi 7" is a date, "jeudi 14 personnes" is a count made on Thursday
        rf"\b(?:{days}){SPACE}+\d{{1,2}}\b(?!{SPACE}+(?!(?:{months})\b)[a-zà-ÿ]{{3,}})",
        r"\b\d{1,4}(?P<sep>[/.-])\d{1,2}(?P=sep)\d{1,4}\b",
        r"\b\d{4}-\d{2}\b",
        rf"(?<!\w)(?:{day_det}){SPACE}+\d{{1,2}}(?:er)?\b(?!{SPACE}*(?:%|[.,]\d|\d))",
        # times of day: "14h30", "10:00", "à 14 heures", "3 p.m.", "1500 GMT"
        r"\b\d{1,2}[:h]\d{2}\b",
        r"\b\d{1,2}h\b",
        rf"\b\d{{1,2}}{SPACE}?h{SPACE}?\d{{2}}(?:{SPACE}?min(?:{SPACE}?\d{{1,2}}{SPACE}?s)?)?\b",
        rf"\b\d{{1,3}}{SPACE}?min{SPACE}?\d{{1,2}}{SPACE}?s\b",
        rf"(?<!\w)(?:{time_preps}){SPACE}+\d{{1,4}}(?:[.:,]\d{{2}})?{SPACE}*(?:{time_words})(?![\w])",
        rf"\b\d{{1,2}}(?:[:.]\d{{2}})?{SPACE}*(?:a\.m\.|p\.m\.|am\b|pm\b)",
        rf"\b\d{{4}}{SPACE}*(?:GMT|UTC)\b",
        r"\b0\d{3}\b(?![.,]\d)",  # "0800": a clock time or a phone prefix, never a quantity
        # phone numbers
        r"\+\d{1,3}[\s.-]?(?:\(0\)[\s.-]?)?\d{1,4}(?:[\s.-]\d{2,4}){2,}",
        r"\b0\d(?:[\s.]\d{2}){4}\b",
        r"\b0\d{1,4}(?:[ .-]\d{2,4}){2,}\b",
        r"\(\d{3}\)\s?\d{3}-\d{4}",
        r"\b\d{3}-\d{3}-\d{4}\b",
        t.EMERGENCY_NUMBERS,
        # identifiers: "2/3/45", "#12", "12-34-56"
        r"\b(?<!\d-)\d+(?:/\d+)+\b",
        r"#\d+",
        r"\b\d+(?:-\d+){2,}\b",
        # street addresses: "15, avenue Louise", "10 Downing Street"
        rf"\b\d{{1,4}}(?:{SPACE}?(?:bis|ter))?{t.ADDRESS}",
    ]
    if t.DECADE_WORDS:  # decades: "les années 90", "années 80 et 90"
        decade = rf"\d{{2}}(?:{SPACE}*(?:,|et|à|-){SPACE}*\d{{2}})?\b"
        blocked.append(rf"(?<!\w)(?:{_words(t.DECADE_WORDS)}){SPACE}+{decade}")
    opener_words = _words(k for k in t.RANGE_OPENERS if not k.endswith("'"))
    opener = rf"(?<!\w)(?P<o>(?:{opener_words}){SPACE}+|d['’]{SPACE}*)$"
    if lang != "fr":
        opener = rf"(?<!\w)(?P<o>(?:{opener_words}){SPACE}+)$"
    conn = "|".join(re.escape(c) for c in t.RANGE_CONNECTORS)
    ext = _words(t.PLACE_EXTENSIONS)
    cap = rf"[{UPPER}][\w'’-]*"
    name = rf"{cap}(?:(?:{gap}+(?:de|du|des|of|the){gap}+|{gap}+|-){cap})*"
    direction = t.PLACE_DIRECTION_LINK.format(d=_words(t.PLACE_DIRECTIONS))
    coordinated = rf"(?:(?:,{gap}*|{gap}+(?:et|and){gap}+(?:the{gap}+|la{gap}+|le{gap}+|l['’])?){name})*"
    place = (
        rf"(?<!\w)(?P<prep>{_words(t.PLACE_PREPOSITIONS)})(?:{SPACE}+(?:l['’]|la{SPACE}+|le{SPACE}+|les{SPACE}+"
        rf"|the{SPACE}+))?{SPACE}*(?P<p>(?:{direction})?(?-i:{name}{coordinated})"
        rf"(?:{gap}+(?:et|and){gap}+(?:(?:dans|en|in){gap}+)?(?:sa|ses|son|leur|leurs|la|les|the|its|their)"
        rf"{gap}+(?:{ext})\b)?)"
    )
    return _Rules(
        t=t,
        qualifier=re.compile(rf"(?<!\w)(?:{qual})$", re.IGNORECASE),
        qualifier_keys=keys,
        # after the number and up to two words of its noun, closed by punctuation: "15 magasins, au moins,"
        postposed=re.compile(
            rf"(?:{gap}+(?:d['’])?[^\W\d_]+){{0,2}}?{gap}*,?{gap}*(?:{post})(?={gap}*(?:[,.;:!?)—–]|$))"
            if post_keys
            else r"(?!)",
            re.IGNORECASE | re.MULTILINE,
        ),
        postposed_keys=post_keys,
        verb_qualifier=re.compile(rf"(?:{verbs})$", re.IGNORECASE),
        restriction=re.compile(t.RESTRICTION, re.IGNORECASE),
        change=re.compile(rf"(?<!\w)(?:{t.CHANGE_VERBS})\w*(?:{SPACE}+[^\W\d_]+){{0,3}}?{SPACE}+$", re.IGNORECASE),
        # "Boeing 737", "Group of 20", "Nord Stream 1 and 2": a capitalised word glued to the number by one space
        name_before=re.compile(
            rf"(?-i:\w*[{UPPER}][\w'’&-]*) " + (rf"(?:(?:{_words(t.NAME_LINKS)}) )?" if t.NAME_LINKS else "") +
            rf"(?:\d+(?:{SPACE}*,)?{SPACE}+(?:{_words(t.PRONOUN_LINKS)}|&){SPACE}+|\d+,{SPACE}*)*$",
            re.IGNORECASE,
        ),
        pronoun_before=re.compile(rf"(?:,|(?<!\w)(?:{_words(t.PRONOUN_LINKS)})){SPACE}+$", re.IGNORECASE),
        # "et une à Mons", "and one by 50 points", but not "un à un" nor a ratio ("one in five")
        pronoun_after=re.compile(
            rf"{gap}+(?!(?:{_words(t.RATIO_LINKS)}){gap}+(?:\d|(?:{_words(NUMBER_TABLES[lang].NUMBER_WORDS)})\b))"
            rf"(?:{_words(t.PRONOUN_PREPOSITIONS)}){gap}+(?!(?:{_words(NUMBER_TABLES[lang].ARTICLE_NUMBERS)})\b)",
            re.IGNORECASE,
        ),
        opener=re.compile(opener, re.IGNORECASE),
        connector=re.compile(rf"{SPACE}*(?:{conn}){SPACE}*", re.IGNORECASE),
        # one pattern each: a match of one ("The 9" of "9/11") must not hide another starting inside it
        blocked=tuple(re.compile(b, re.IGNORECASE) for b in blocked),
        reference=re.compile(
            rf"(?<!\w)(?:{_words(t.REFERENCE_WORDS)})(?:{SPACE}+(?:{_words(t.REFERENCE_DETERMINERS)}))?{SPACE}*,?{SPACE}*$",
            re.IGNORECASE,
        ),
        percent_after=re.compile(rf"{SPACE}*(?:{_words(t.PERCENT_WORDS)})(?![\w])", re.IGNORECASE),
        breakdown=re.compile(rf"(?<!\w)(?:{_words(t.BREAKDOWN_MARKERS)})(?![\w])", re.IGNORECASE),
        place=re.compile(place, re.IGNORECASE),
        military=re.compile(_words(t.MILITARY_WORDS), re.IGNORECASE),
        breakdown_stop=re.compile(rf"(?<!\w)(?:{_words(t.BREAKDOWN_STOPS)})(?!\w)", re.IGNORECASE),
        ratio_link=re.compile(rf"{SPACE}+(?:{_words(t.RATIO_LINKS)}){SPACE}+", re.IGNORECASE),
        ratio_before=re.compile(
            rf"(?<!\w)(?:(?P<head>\d+)|(?:{_words(t.RATIO_HEADS)})(?P<noun>{SPACE}+[^\W\d_]+)?){SPACE}+"
            rf"(?:{_words(t.RATIO_LINKS)}){SPACE}+$",
            re.IGNORECASE,
        ),
        multiplier_after=re.compile(rf"{SPACE}+(?:{t.MULTIPLIER_AFTER})\b", re.IGNORECASE),
        special_unit=re.compile(
            SPACE
            + "*(?:"
            + "|".join(f"(?P<{_group(u)}>{rx})" for u, rx in t.SPECIAL_UNITS.items())
            + r")(?!\w)",
            re.IGNORECASE,
        ),
        rate_base=re.compile(rf"(?<!\w)(?:{_words(t.RATE_PREPOSITIONS)}){SPACE}+$", re.IGNORECASE),
        fraction=re.compile(rf"{SPACE}+(?:{_words(t.FRACTION_WORDS)})\b", re.IGNORECASE),
        death=re.compile(rf"\b(?:{t.DEATH_WORDS})\b", re.IGNORECASE),
        injury=re.compile(rf"\b(?:{t.INJURY_WORDS})\b", re.IGNORECASE),
        death_before=re.compile(rf"\b(?:{t.DEATH_BEFORE})\b[^.;:]*$", re.IGNORECASE),
        injury_before=re.compile(rf"\b(?:{t.INJURY_BEFORE})\b[^.;:]*$", re.IGNORECASE),
        migration=re.compile(_words(t.MIGRATION_WORDS), re.IGNORECASE),
    )


@dataclass(slots=True)
class _Draft:
    """A figure being assembled: number(s) found, then qualifier, unit, place and total added."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None = None
    unit_elided: bool = False
    scaled: bool = False
    where: str | None = None
    part_of: str | None = None


class _Context:
    """Per-document lookups: sentence bounds, tokens and blocked (non-figure) spans."""

    def __init__(self, doc: Doc, lang: str, rules: _Rules) -> None:
        self.doc = doc
        self.lang = lang
        self.text = doc.text
        self.rules = rules
        self.tok_starts = [tok.idx for tok in doc]
        if doc.has_annotation("SENT_START"):
            self.sent_starts = [s.start_char for s in doc.sents]
        else:
            self.sent_starts = [0]
        self.blocked = sorted((m.start(), m.end()) for rx in rules.blocked for m in rx.finditer(self.text))
        self.blocked_starts = [b[0] for b in self.blocked]

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.sent_starts, pos) - 1
        start = self.sent_starts[max(i, 0)]
        end = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else len(self.text)
        return start, end

    def is_blocked(self, start: int, end: int) -> bool:
        i = bisect_right(self.blocked_starts, end - 1) - 1
        while i >= 0:
            b_start, b_end = self.blocked[i]
            if b_end > start:
                return True
            if start - b_start > 200:
                return False
            i -= 1
        return False

    def token_at(self, pos: int) -> int:
        """Index of the first token starting at or after `pos`."""
        return bisect_left(self.tok_starts, pos)


def _rounded(x: float | None) -> float | None:
    """Drop float noise (0.9 * 450 = 405.00000000000006) at 12 significant digits."""
    return None if x is None else float(f"{x:.12g}")


def _qualify(num: NumberMatch, start: int, ctx: _Context) -> tuple[int, str | None, tuple | None]:
    """Find the qualifier phrase ending right before `start`: (new start, qualifier key, factors)."""
    lo = max(0, start - WINDOW)
    m = ctx.rules.qualifier.search(ctx.text, lo, start)
    if m is None or m.end() != start:
        return start, None, None
    key = ctx.rules.qualifier_keys[int(m.lastgroup[1:])]
    heads = ctx.rules.t.PREPOSITION_HEADS.get(key.lower())
    if heads:
        prev = PREV_WORD.search(ctx.text, max(0, m.start() - 30), m.start())
        if prev is not None and prev.group(1).lower() in heads:
            return start, None, None  # "a dispute over 3 islands", "le débat autour de 2 projets": a topic
    return m.start(), key, ctx.rules.t.QUALIFIERS[key]


def _qualify_around(num: NumberMatch, start: int, end: int, ctx: _Context) -> tuple | None:
    """Factors a qualifier outside the span gives: a verb before ("n'atteignant pas les 10 000", "topped
    $5 billion") or an adverb after the number and its noun ("15 magasins, au moins,", "12 schools or so")."""
    t = ctx.rules.t
    m = ctx.rules.verb_qualifier.search(ctx.text, max(0, start - VERB_WINDOW), start)
    if m is not None:
        factors = t.VERB_QUALIFIERS[int(m.lastgroup[1:])][1]
        clause = max(ctx.sentence(m.start())[0], m.start() - 40, ctx.text.rfind(",", 0, m.start()) + 1)
        if factors[2] is None and ctx.rules.restriction.search(ctx.text, clause, m.start()):
            return None  # "n'ont que rarement dépassé les 500": a restricted "over" says nothing of the count
        return factors
    m = ctx.rules.postposed.match(ctx.text, end)
    if m is not None:
        return t.POSTPOSED_QUALIFIERS[ctx.rules.postposed_keys[int(m.lastgroup[1:])]]
    return None


def _is_name_or_reference(num: NumberMatch, ctx: _Context) -> bool:
    """Numbers inside names (Covid-19, F-16, "Boeing 737"), references (article 49.3) and ordinals."""
    text, s, e = ctx.text, num.start, num.end
    if s >= 2 and text[s - 1] in "-‐+" and HYPHENED_NAME.search(text, max(0, s - 16), s):
        return True
    if e < len(text) and text[e] in "-‐" and e + 1 < len(text) and text[e + 1].isalpha() and not num.scale:
        return True  # "737-MAX", "20-year-old"; but "a 5 million-euro fund" is an amount
    if e < len(text) and text[e].isalpha():
        glued = LETTERS.match(text, e)
        if glued is None or glued.group(0).lower() not in ctx.rules.t.GLUED_UNITS:
            return True
    if ctx.rules.reference.search(text, max(0, s - 25), s):
        return True
    # capitalised number words mid-sentence belong to a name: "les Quatre Saisons", "Big Four" (not in a
    # headline written in title case: "Storm Hits Coast, Three Dead")
    return bool(num.words) and num.words[0].isupper() and not _sentence_initial(s, ctx) and not _headline(s, ctx)


def _headline(pos: int, ctx: _Context) -> bool:
    """The line holding `pos` is written in title case (most of its longer words capitalised)."""
    text = ctx.text
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    longer = [w for w in LETTERS.findall(text, start, end if end >= 0 else len(text)) if len(w) > 3]
    return len(longer) >= 3 and sum(w[0].isupper() for w in longer) >= 0.75 * len(longer)


def _sentence_initial(pos: int, ctx: _Context) -> bool:
    """At the start of a sentence or paragraph (spaCy may join paragraphs the wire separates by a blank line)."""
    before = ctx.text[max(0, pos - 6) : pos].rstrip(" \t\u00a0\u202f\"«“'‘(—–-")
    if not before or before[-1] in ".!?:\n":
        return True
    sent_start, _ = ctx.sentence(pos)
    return WORD_CHAR.search(ctx.text, sent_start, pos) is None


def _capitalised_name_before(num: NumberMatch, ctx: _Context) -> bool:
    """ "Boeing 737", "Airbus A320", "France 2": a capitalised word glued by one space, not sentence-initial."""
    m = ctx.rules.name_before.search(ctx.text, max(0, num.start - 40), num.start)
    if m is None or not num.digits:
        return False
    return not _sentence_initial(m.start(), ctx)


def _ambiguous_word(num: NumberMatch, ctx: _Context) -> bool:
    """French "neuf" is also an adjective ("un bâtiment neuf"): trust the tagger when it has one, unless
    the word stands where a numeral stands, before a plural noun and not after a noun ("les neuf suspects")."""
    if not num.words or num.words.lower() not in NUMBER_TABLES[ctx.lang].AMBIGUOUS_WORDS:
        return False
    doc, i = ctx.doc, ctx.token_at(num.start)
    if i >= len(doc) or doc[i].pos_ != "ADJ":
        return False
    after_noun = i > 0 and doc[i - 1].pos_ in ("NOUN", "PROPN")
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    plural_next = nxt is not None and nxt.pos_ in ("NOUN", "ADJ") and nxt.is_lower and nxt.text[-1:] in "sx"
    return after_noun or not plural_next


def _noun_unit(tok, ctx: _Context, end: int) -> str | None:
    """Normalised unit of a counted noun token, from the tables, the context, else "items"."""
    t = ctx.rules.t
    low = tok.text.lower()
    lemma = tok.lemma_.lower() if tok.lemma_ else low
    for form in (low, lemma):
        if form in t.CONTEXT_UNITS:
            military, civil = t.CONTEXT_UNITS[form]
            window = ctx.text[max(0, end - 400) : end + 400]
            return military if ctx.rules.military.search(window) else civil
        if form in t.UNITS:
            return t.UNITS[form]
    if low in t.PEOPLE_PRONOUNS:
        return "persons"
    if not tok.pos_ and len(low) > 3 and low.endswith("s") and low[:-1] in t.UNITS:
        return t.UNITS[low[:-1]]
    if tok.is_title and tok.is_alpha:
        return "persons"  # "15 Saoudiens", "706 Soudanais": nationality nouns are capitalised
    return t.DEFAULT_NOUN_UNIT


def _known(tok, t: ModuleType) -> bool:
    low = tok.text.lower()
    return low in t.UNITS or low in t.CONTEXT_UNITS or (tok.lemma_ or "").lower() in t.UNITS


def _lowercase_noun_follows(i: int, ctx: _Context) -> bool:
    doc = ctx.doc
    if i < len(doc) and doc[i].is_title and doc[i].is_alpha:
        i += 1  # a second capitalised word: "two hundred National Guard members"
    return (
        i < len(doc)
        and doc[i].is_alpha
        and doc[i].text.islower()
        and doc[i].lower_ not in ctx.rules.t.NOT_NOUNS
    )


def _unit_after(end: int, ctx: _Context) -> tuple[str | None, bool]:
    """Normalised unit of the noun counted after `end`; (None, True) when the noun is elided."""
    t, doc = ctx.rules.t, ctx.doc
    i = ctx.token_at(end)
    skipped = False
    while i < len(doc):
        tok = doc[i]
        low = tok.text.lower()
        if tok.is_quote or low in t.UNIT_LINKS or low in {"'", "’"}:
            i += 1
            continue
        if tok.idx - end > 40 or tok.is_punct or tok.is_space:
            return None, True
        if _known(tok, t) or low in t.PEOPLE_PRONOUNS:
            return _noun_unit(tok, ctx, end), False
        if low in t.MODIFIERS and not skipped:
            skipped = True
            i += 1
            continue
        # one modifier before a known noun: "3,000 additional troops", "nine EU countries"
        modifier = tok.pos_ in ("", "ADJ", "PROPN", "NOUN")
        if not skipped and modifier and tok.is_alpha and i + 1 < len(doc) and _known(doc[i + 1], t):
            skipped = True
            i += 1
            continue
        if tok.pos_:
            if tok.pos_ == "ADJ" and not skipped and i + 1 < len(doc) and doc[i + 1].pos_ == "NOUN":
                skipped = True
                i += 1
                continue
            if tok.pos_ in ("NOUN", "PROPN") and tok.is_alpha:
                return _noun_unit(tok, ctx, end), False
            return None, True
        if tok.is_alpha and low not in t.NOT_NOUNS and tok.text.islower():
            return _noun_unit(tok, ctx, end), False
        if tok.is_title and tok.is_alpha and not skipped and _lowercase_noun_follows(i + 1, ctx):
            skipped = True  # "10-15 Chinese firms", "four Canadair aircraft"
            i += 1
            continue
        return None, True
    return None, True


def _unit_of(num: NumberMatch, end: int, ctx: _Context) -> tuple[str | None, bool]:
    t = ctx.rules.t
    if num.percent:
        return "percent", False
    if num.currency:
        return t.CURRENCY_SYMBOLS.get(num.currency, num.currency), False
    if num.glued_unit:
        return t.GLUED_UNITS.get(num.glued_unit, num.glued_unit), False
    special = ctx.rules.special_unit.match(ctx.text, end)
    if special:
        return special.lastgroup.replace("_", "/") if special.lastgroup else None, False
    glued = LETTERS.match(ctx.text, end, end + 5)
    if glued and glued.group(0).lower() in t.GLUED_UNITS:
        return t.GLUED_UNITS[glued.group(0).lower()], False
    unit, elided = _unit_after(end, ctx)
    if unit in ("persons", "migrants"):
        unit = _refine_persons(num.start, end, ctx, unit)
    elif unit is None:
        # "killing 23 people and injuring more than 300": the verb before names what is counted
        lo = max(0, num.start - 25)
        if ctx.rules.injury_before.search(ctx.text, lo, num.start):
            return "injured", False
        if ctx.rules.death_before.search(ctx.text, lo, num.start):
            return "deaths", False
    return unit, elided


def _refine_persons(start: int, end: int, ctx: _Context, unit: str) -> str:
    """People counted in a death toll, an injury count or a migration story get the specific unit."""
    _, sent_end = ctx.sentence(end)
    after = ctx.text[end : min(sent_end, end + 60)]
    if ctx.rules.death.search(after):
        return "deaths"
    if ctx.rules.injury.search(after):
        return "injured"
    if ctx.rules.death_before.search(ctx.text, max(0, start - 25), start):
        return "deaths"
    if ctx.rules.injury_before.search(ctx.text, max(0, start - 25), start):
        return "injured"
    if unit == "persons" and ctx.rules.migration.search(ctx.text, max(0, end - 300), end + 300):
        return "migrants"
    return unit


def _is_year(num: NumberMatch, unit: str | None, qualifier: str | None, ctx: _Context) -> bool:
    """ "2023", "up to 2030", "around 2025 levels": a year unless it counts something or follows a quantity
    qualifier ("plus de 2000", "more than 2000")."""
    if not num.digits or not FOUR_DIGITS.fullmatch(num.digits) or num.scale or num.currency or num.percent:
        return False
    counted = unit is not None and unit != ctx.rules.t.DEFAULT_NOUN_UNIT
    of_quantity = qualifier is not None and qualifier.endswith(QUANTITY_QUALIFIER_ENDS)
    return 1800 <= (num.value or 0) <= 2100 and not of_quantity and not counted


def _keep(num: NumberMatch, ctx: _Context) -> bool:
    if num.article_only or ctx.is_blocked(num.start, num.end):
        return False
    return not (num.kind == "number" and (_is_name_or_reference(num, ctx) or _ambiguous_word(num, ctx)))


def _pronoun_count(num: NumberMatch, kept: list[NumberMatch], ctx: _Context) -> bool:
    """ "trois perquisitions à Gand et une à Mons", "four by 100 points and one by 50": "un/one" standing
    for the noun of the count before it in the sentence, followed by a preposition, is a count of one."""
    if not num.article_only or not kept or ctx.is_blocked(num.start, num.end):
        return False
    if ctx.sentence(kept[-1].start) != ctx.sentence(num.start):
        return False
    rules = ctx.rules
    return (
        rules.pronoun_before.search(ctx.text, max(0, num.start - 8), num.start) is not None
        and rules.pronoun_after.match(ctx.text, num.end) is not None
    )


def _interval(num: NumberMatch, factors: tuple | None) -> tuple[str, float | None, float | None]:
    if num.kind == "vague":
        return "vague", num.low, num.high
    if not factors:
        return ("approx" if num.kind == "collective" else "exact"), num.low, num.high
    label, low_f, high_f = factors
    v = num.value
    return label, (v * low_f if low_f is not None else None), (v * high_f if high_f is not None else None)


def _year_like(num: NumberMatch) -> bool:
    return (
        bool(num.digits)
        and FOUR_DIGITS.fullmatch(num.digits) is not None
        and 1800 <= (num.value or 0) <= 2100
    )


def _year_pair(a: NumberMatch, b: NumberMatch, ctx: _Context) -> bool:
    """ "entre 2014 et 2018", "2021-2027", "between 2016 and 2021": a span of years, not a figure."""
    return _year_like(a) and _year_like(b) and bool(ctx.rules.connector.fullmatch(ctx.text[a.end : b.start]))


def _ratio_pair(a: NumberMatch, b: NumberMatch, ctx: _Context) -> bool:
    """ "1 in 3", "deux sur trois": a ratio, not two amounts."""
    linked = ctx.rules.ratio_link.fullmatch(ctx.text[a.end : b.start])
    return bool(linked) and _ratio_terms(a.value, b.value)


def _ratio_terms(a: float | None, b: float | None) -> bool:
    """ "un sur trois", "3 in 10", "1 in 250" are ratios; "environ 3 500 sur 41 000" two amounts (a part and
    its whole): a ratio counts one, or counts out of a small or round denominator."""
    if a is None or b is None:
        return False
    if a == 1 or b <= 10:
        return True
    return b >= 100 and f"{b:.0f}".rstrip("0") == "1" and b != 2000  # "12 in 2000" is a year


def _glued_pair(a: NumberMatch, b: NumberMatch, text: str) -> bool:
    """ "2-1", "2019-2020": two digit groups joined by a bare hyphen."""
    return bool(a.digits and b.digits) and text[a.end : b.start] in ("-", "–")


def _try_range(a: NumberMatch, b: NumberMatch, ctx: _Context) -> tuple[int, float, float] | None:
    """ "entre 200 et 500", "de 5 à 10", "10-15", "between 2 and 3 million": (start, low, high) or None."""
    t, text = ctx.rules.t, ctx.text
    if a.kind != "number" or b.kind != "number" or a.value is None or b.value is None:
        return None
    between = text[a.end : b.start]
    if not ctx.rules.connector.fullmatch(between) or "\n" in between:
        return None
    conn = between.strip().lower()
    if conn in ("-", "–") and between != conn and a.digits and b.digits and a.value < 1000 and not b.scale:
        return None  # spaced hyphen between small numbers is more often a score or a list ("3 - 1")
    if conn in ("-", "–") and text[a.start - 1 : a.start] == "(" and text[b.end : b.end + 1] == ")":
        return None  # "(36-42)": a score
    if _year_like(a) and _year_like(b):
        return None
    m = ctx.rules.opener.search(text, max(0, a.start - 12), a.start)
    opener = m.group("o").strip().lower().replace("’", "'") if m else None
    if opener is not None and opener not in t.RANGE_OPENERS:
        opener = "d'" if opener.startswith("d") else None
    if opener is not None and conn not in t.RANGE_OPENERS[opener]:
        opener = None
    if opener in t.CHANGE_OPENERS and ctx.rules.change.search(text, max(0, m.start() - 50), m.start()):
        return None  # "rose from 5 to 7", "est passé de 5 à 7": a change between two amounts
    if opener is None and conn not in t.BARE_RANGE_CONNECTORS:
        return None
    if a.percent and not (b.percent and (opener is None or opener in t.PERCENT_RANGE_OPENERS)):
        return None  # "de 5 % à 7 %" reads as a change; "entre 30 % et 40 %", "5%-6%", "5% to 7%" are ranges
    low, high = a.value, b.value
    if b.scale and not a.scale and b.base and low < high / 10:
        low = low * (b.value / b.base)
    elif b.words and not a.scale and low < high / 10:
        # "deux à trois cents": the first bound shares the second's trailing multiplier
        last = WORD_BREAK.split(b.words.strip().lower())[-1]
        mult = NUMBER_TABLES[ctx.lang].WORD_SCALES.get(last)
        if mult and low * mult < high:
            low = low * mult
    if low >= high:
        return None  # "de 20 à 10" is a fall, not an interval
    return (m.start() if opener else a.start), low, high


def _percent_end(end: int, ctx: _Context) -> int | None:
    """End of "pour cent" / "percent" written after a number (inside the span, like "%")."""
    m = ctx.rules.percent_after.match(ctx.text, end)
    return m.end() if m else None


def _draft_range(
    a: NumberMatch, b: NumberMatch, start: int, low: float, high: float, ctx: _Context
) -> _Draft:
    end = b.end
    pct_end = None if b.percent else _percent_end(end, ctx)
    if pct_end is not None:
        return _Draft(start, pct_end, None, low, high, "range", "percent")
    unit, elided = _unit_of(b, end, ctx)
    if a.currency and not b.currency:
        unit, elided = ctx.rules.t.CURRENCY_SYMBOLS.get(a.currency, a.currency), False
    return _Draft(start, end, None, low, high, "range", unit, elided, scaled=bool(b.scale))


def _draft_single(num: NumberMatch, ctx: _Context) -> _Draft | None:
    if num.kind == "number" and (
        ctx.rules.fraction.match(ctx.text, num.end) or ctx.rules.multiplier_after.match(ctx.text, num.end)
    ):
        return None  # "deux tiers", "deux fois plus"
    start, qualifier, factors = _qualify(num, num.start, ctx)
    qualified = factors is not None
    end = num.end
    pct_end = None if num.percent or num.kind != "number" else _percent_end(end, ctx)
    if pct_end is not None:
        unit, elided, end = "percent", False, pct_end
    else:
        unit, elided = _unit_of(num, end, ctx)
    if num.kind == "number" and (
        _is_year(num, unit, qualifier, ctx)
        or (
            not qualified
            and _capitalised_name_before(num, ctx)
            and (
                elided
                or unit in (None, ctx.rules.t.DEFAULT_NOUN_UNIT)
                or NAME_AFTER.match(ctx.text, num.end) is not None  # "Boeing 787 Dreamliner"
            )
        )
        or (elided and _parenthesised(num, ctx))
    ):
        return None
    if elided and _apposed_age(num, ctx):
        return None
    ratio = ctx.rules.ratio_before.search(ctx.text, max(0, num.start - 30), num.start)
    head = float(ratio.group("head")) if ratio and ratio.group("head") else 1.0
    if ratio and (elided or not ratio.group("noun")) and _ratio_terms(head, num.value):
        return None  # "one in five voters", "un Français sur trois" (but "une taxe sur 50 produits" is an amount)
    if factors is None and _rate_base(num, ctx):
        return None
    if factors is None and num.kind != "vague":
        factors = _qualify_around(num, start, end, ctx)
    label, low, high = _interval(num, factors)
    return _Draft(start, end, num.value, low, high, label, unit, elided, scaled=bool(num.scale))


def _rate_base(num: NumberMatch, ctx: _Context) -> bool:
    """ "pour 100.000 habitants", "per 1,000 people": the base of a rate is not a claimed amount."""
    value = num.value or 0
    round_base = value >= 10 and num.kind == "number" and str(int(value)).rstrip("0") == "1"
    return round_base and ctx.rules.rate_base.search(ctx.text, max(0, num.start - 12), num.start) is not None


def _parenthesised(num: NumberMatch, ctx: _Context) -> bool:
    """ "le département du Nord (59)": a code in brackets, not an amount."""
    return ctx.text[num.start - 1 : num.start] == "(" and ctx.text[num.end : num.end + 1] == ")"


def _apposed_age(num: NumberMatch, ctx: _Context) -> bool:
    """ "Julien Ferrand, 58, was found guilty": an age between commas after a name."""
    if (
        not num.digits
        or not num.digits.isdigit()
        or len(num.digits) > 3
        or int(num.digits) > 120
        or num.scale
    ):
        return False
    before = ctx.text[max(0, num.start - 3) : num.start]
    return AFTER_WORD_COMMA.search(before) is not None and ctx.text[num.end : num.end + 1] == ","


def _drafts(nums: list[NumberMatch], ctx: _Context) -> list[_Draft]:
    out: list[_Draft] = []
    i = 0
    while i < len(nums):
        num = nums[i]
        if out and num.start < out[-1].end:
            i += 1  # "cent" of "3,5 pour cent" is already inside the previous figure
            continue
        if i + 1 < len(nums):
            b = nums[i + 1]
            rng = _try_range(num, b, ctx)
            if rng is not None:
                out.append(_draft_range(num, b, *rng, ctx))
                i += 2
                continue
            if _glued_pair(num, b, ctx.text) or _year_pair(num, b, ctx) or _ratio_pair(num, b, ctx):
                i += 2  # a score ("2-1") or a span of years ("2019-2020")
                continue
        i += 1
        draft = _draft_single(num, ctx)
        if draft is not None:
            out.append(draft)
    return out


def _inherit_units(drafts: list[_Draft], ctx: _Context) -> None:
    """A figure without its noun counts what the previous one counted: in the same sentence ("plus d'un
    millier au Liban"), or an amount in millions right after another ("7 millions de Congolais. Sept
    millions !"), else the last currency written ("15 milliards pour …"). Percent is never inherited:
    French and English always write it."""
    last_money: _Draft | None = None
    for k, cur in enumerate(drafts):
        if cur.unit is None and cur.unit_elided and k > 0:
            prev = drafts[k - 1]
            inheritable = prev.unit not in (None, "percent", *ctx.rules.t.DURATION_UNITS)
            same_sentence = ctx.sentence(prev.start) == ctx.sentence(cur.start)
            if inheritable and (same_sentence or (cur.scaled and prev.scaled and cur.start - prev.end < 300)):
                cur.unit = prev.unit
            elif cur.scaled and last_money is not None and cur.start - last_money.end < 1500:
                cur.unit = last_money.unit
        if cur.unit in ctx.rules.t.CURRENCY_SYMBOLS.values():
            last_money = cur


def _link_breakdowns(drafts: list[_Draft], ctx: _Context) -> None:
    """ "plus de 900 soldats …, dont 300 au Koweït, 90 à Kirkouk": parts carry the total's text."""
    text = ctx.text
    starts = [d.start for d in drafts]
    for m in ctx.rules.breakdown.finditer(text):
        i = bisect_left(starts, m.start()) - 1
        if i < 0:
            continue
        total = drafts[i]
        sent = ctx.sentence(m.start())
        if total.end > m.start() or ctx.sentence(total.start) != sent or m.start() - total.end > 250:
            continue
        if ";" in text[total.end : m.start()] or total.qualifier == "vague" and total.low is None:
            continue
        for part in drafts[i + 1 :]:
            if part.start >= sent[1] or ";" in text[m.end() : part.start]:
                break
            if ctx.rules.breakdown_stop.search(text, m.end(), part.start):
                break
            if part.unit is None and part.unit_elided:
                part.unit = total.unit
            if part.unit != total.unit or part.part_of is not None:
                break
            part.part_of = text[total.start : total.end]


def _places(start: int, end: int, ctx: _Context) -> list[re.Match[str]]:
    """Place mentions in [start, end). A name the gazetteer does not know must follow a locative preposition
    ("à Flémalle") and not look like an organisation (an acronym "ONS", a possessive "Rourke's")."""
    out = []
    t = ctx.rules.t
    for m in ctx.rules.place.finditer(ctx.text, start, end):
        name = m.group("p")
        first = WORD_BREAK.split(name, maxsplit=1)[0].lower()
        if first in t.NOT_PLACES:
            continue
        if lookup_place(name, ctx.lang) is None and (
            m.group("prep").lower() not in t.LOCATIVE_PREPOSITIONS
            or (name.isupper() and len(name) <= 5)
            or name.endswith(("'s", "’s"))
        ):
            continue
        out.append(m)
    return out


def _where(d: _Draft, limit: int, ctx: _Context) -> str | None:
    """The place a figure refers to: the first place named after it in its clause, else the last known
    place named before it in its sentence (the dateline is not used: gold leaves such figures placeless)."""
    after = _places(d.end, min(limit, d.end + PLACE_REACH), ctx)
    if after:
        return after[0].group("p")
    sent_start, _ = ctx.sentence(d.start)
    for m in reversed(_places(max(sent_start, d.start - PLACE_REACH), d.start, ctx)):
        if lookup_place(m.group("p"), ctx.lang) is not None:
            return m.group("p")
    return None


def _without_durations(drafts: list[_Draft], ctx: _Context) -> list[_Draft]:
    """Ages and time spans are not figures, nor the parts of one ("quatre ans, dont deux avec sursis")."""
    durations = ctx.rules.t.DURATION_UNITS
    dropped = {ctx.text[d.start : d.end] for d in drafts if d.unit in durations}
    return [d for d in drafts if d.unit not in durations and not (d.part_of and d.part_of in dropped)]


def _speaker(d: _Draft, statements: list[Statement]) -> str | None:
    for s in statements:
        if s.start <= d.start and d.end <= s.end:
            return s.speaker
    return None


def find_figures(doc: Doc, lang: str, statements: list[Statement]) -> list[Figure]:
    """Every claimed number of `doc` as a qualified interval (see CONTRACT.md, "Figures")."""
    lang = lang if lang in TABLES else "en"
    rules = _rules(lang)
    ctx = _Context(doc, lang, rules)
    nums: list[NumberMatch] = []
    for n in find_numbers(ctx.text, lang):
        if _keep(n, ctx) or _pronoun_count(n, nums, ctx):
            nums.append(n)
    drafts = _drafts(nums, ctx)
    _inherit_units(drafts, ctx)
    _link_breakdowns(drafts, ctx)
    drafts = _without_durations(drafts, ctx)
    figures = []
    for k, d in enumerate(drafts):
        sent_end = ctx.sentence(d.start)[1]
        limit = min(sent_end, drafts[k + 1].start) if k + 1 < len(drafts) else sent_end
        figures.append(
            Figure(
                text=ctx.text[d.start : d.end],
                start=d.start,
                end=d.end,
                value=_rounded(d.value),
                low=_rounded(d.low),
                high=_rounded(d.high),
                unit=d.unit,
                qualifier=d.qualifier,  # type: ignore[arg-type]
                where=_where(d, limit, ctx),
                part_of=d.part_of,
                asserted_by=_speaker(d, statements),
            )
        )
    return figures
