"""Finds who said what: direct quotes, reported speech ("a déclaré que", "said") and "selon X" clauses.

Choices: a quote split around its attribution ("« Nous resterons, a-t-il dit, jusqu'au bout »") gives two
statements with the same speaker and verb; a quoted fragment with no speech verb of its own inside a reported
or "selon" clause is part of that clause ("franche et claire"); a fragment introduced by a speech verb is a
direct statement in French ("a jugé la demande « excessive »", also inside a "que" clause) while English keeps
it inside the reported clause (see FRAGMENT_IN_CLAUSE_IS_DIRECT); quote spans keep a final "." "?" "!" written
inside the marks but drop a comma; a quote standing alone after a quote of the same paragraph continues it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from spacy.tokens import Doc

from pipeline.extract.lexicon import attribution_en, attribution_fr
from pipeline.extract.speakers import UNATTRIBUTED, Speaker, SpeakerResolver
from pipeline.models import Statement

_OPEN_CLOSE = {"«": "»", "“": "”", "„": "“"}
_CLOSERS = frozenset(_OPEN_CLOSE.values())
_QUOTE_CHARS = '«»“”"„\''
_SPACE = " \t\u00a0\u202f\u2009"
_AGENCIES = (
    r"Belga|AFP|Reuters|AP|dpa|DPA|ATS|ANSA|Xinhua|EFE|Bloomberg|Agence France-Presse|BNS|APA|Reuters/AFP"
)
_DATELINE = re.compile(
    rf"[ \t\u00a0]*(?:[^\n()]{{0,60}}?\((?:{_AGENCIES})\)\s*[-–—:]?\s*|[A-ZÀ-Ý][A-ZÀ-Ý .'-]{{2,}},?[^\n]{{0,25}}?\s[-–—]\s+)"
)
_ABBREV = frozenset(
    "M MM Mme Mlle Dr Mr Mrs Ms St Jr Sr Gen Sen Rep Gov Prof Me Pr janv févr avr juil sept oct nov déc "
    "Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec No no etc vs cf p ex env art Lt Col Sgt Capt Cmdr Adm".split()
)
_SENT_END = re.compile(r"[.!?…]+(?:[\u00a0\u202f ]?[»”\"'])?(?=[\s\u00a0]+[\"«“('‘]?[\s\u00a0]*[A-ZÀ-Ý0-9\"«“])")
_TRIM_TAIL = ".!?…;:, \t\u00a0\u202f\n"
_MIN_UNATTRIBUTED_WORDS = 4
_MAX_GAP_WORDS = 20
_POUR = re.compile(r"(Pour)\s+")
_SELON_RELATIVE = re.compile(r"(selon\s+(?:laquelle|lequel|lesquelles|lesquels))\s+", re.IGNORECASE)
_SOURCE_IN_NP = re.compile(r"(?<![\w'’])(par\s+|du\s+|de\s+|d['’]|des\s+)(?=[A-ZÀ-Ý])")
_INDEFINITES = frozenset({"un", "une", "des", "a", "an", "some"})
_UNTIL_PUNCT = re.compile(r"[^,;.!?]*")
_PRONOUN_SUFFIX = re.compile(r"(?:-t)?-(?:il|elle|ils|elles|on)\b")
_INFINITIVE_FRAMES = frozenset({"inf_a", "inf_de", "obj_inf_a", "obj_inf_de", "a_obj_de", "inf_to", "obj_inf_to"})
# Adverbs and times between a verb and its object ("a confirmé mardi le gel", "announced on Tuesday the…").
_NP_LEAD = re.compile(
    r"(?:[\s\u00a0]+(?:pour sa part|de son côté|mardi|lundi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"hier|aussi|également|encore|notamment|déjà|en outre|par ailleurs|also|on \w+day|\w+ment|\w+ly))+",
    re.IGNORECASE,
)
_PREPOSITION_OBJECTS = {"fr": frozenset({"de", "d'", "du", "des"}), "en": frozenset({"of"})}
_PREPOSITION_OBJECTS["all"] = _PREPOSITION_OBJECTS["fr"] | _PREPOSITION_OBJECTS["en"]
_NOT_NP_STARTS = frozenset(
    "cela ceci ça celui celle ceux it this that these those which who what whether if si à au aux to "
    "par by pour for avec with dans in sur on lors".split()
)
# A noun-phrase report ends at punctuation or at a clause of its own ("… , alors que", "while …").
_NP_END = re.compile(
    r"[.;:!?]|,(?!\d)|\s(?:alors que|tandis que|mais|car|selon laquelle|selon lequel|selon lesquelles|"
    r"selon lesquels|while|but|whereas|because)\s",
    re.IGNORECASE,
)
_EN_PREPOSITIONS = frozenset("of to in on at for with about from by as into over".split())
_EN_MODALS = frozenset("can can't cannot must won't wouldn't wasn't weren't isn't aren't hadn't hasn't haven't".split())
# "said in a statement the…", "said on Tuesday the…": a phrase between the verb and its bare clause.
_EN_LEAD_PHRASE = re.compile(
    r"(?:\s+(?:in|on|at|during|via)\s+(?:(?:a|an|the|his|her|its|their)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:statement|interview|post|tweet|letter|email|speech|briefing|conference|release|filing|message|video)"
    r"|\s+on\s+\w+day|\s+(?:on|via)\s+(?:Twitter|Facebook|Telegram|X))(?=\s)",
    re.IGNORECASE,
)
_ON_SOURCE = re.compile(r"[\s\u00a0]+(?:\w+[\s\u00a0]+)?(?:auprès\s+(?:de\s+|d['’]|du\s+|des\s+)|de\s+(?=sources?\b))(\S)")
_ASSERTING = frozenset({"say", "report", "admit", "deny", "announce", "warn"})
_INFINITIVE_END = re.compile(r"(?:er|ir|re|oir)$")
_PARTICIPLE_NOT_BEFORE = frozenset("at on in to with during from after before under".split())
_ADDRESSEE = frozenset({"à", "au", "aux", "auprès", "to"})
# Finite verbs that open an English reported clause missing its subject ("which he said was…").
_GAP_VERBS = frozenset("was were is are had has have would will could might may should did".split())
_NEXT_WORD = re.compile(r"[\s\u00a0\u202f]*(\S+)")
_COMMA = re.compile(r"[\s\u00a0\u202f]*,")
_AND_THAT = {
    "fr": re.compile(r",?\s+et\s+qu(?:e\s+|['’])"),
    "en": re.compile(r",?\s+and\s+that\s+"),
}
_INFINITIVE_MARK = {
    "fr": re.compile(
        r"(?<![\w'’])(?:à\s+|de\s+|d['’])"
        r"(?=(?:ne\s+(?:pas|plus|jamais|rien)\s+|n['’](?:avoir|être)\b)?[a-zéèêàâîôû][\w'’-]*(?:er|ir|re|oir)\b)"
    ),
    "en": re.compile(r"(?<!\w)to\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b)(?=[a-z])"),
}
# "said the cap was too high and warned that…": the first clause ends before the conjunction.
_TRAILING_CONJUNCTION = re.compile(r"[\s,]+(?:and|et|but|mais)$")
# Words that may follow a closing attribution ("…, police said in a statement on Tuesday").
_CLAUSE_TAIL_WORDS = {
    "en": frozenset(
        "in at on during after before from to late early earlier later last this yesterday today".split()
    ),
    "fr": frozenset("dans lors devant pendant".split()),
}


@dataclass(slots=True)
class Verb:
    start: int
    end: int
    text: str
    pronoun: str | None  # "il" in "a-t-il ajouté": the speaker is the inverted pronoun
    participle: bool = False  # "…, précisant que": the speaker is the subject of the sentence


@dataclass(slots=True)
class Attribution:
    verb: Verb
    speaker: Speaker
    inverted: bool  # the speaker follows the verb, or the verb closes the reported clause
    span_start: int  # start of the attribution (subject or verb)
    span_end: int  # end of the attribution (verb or speaker phrase)


@cache
def _patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Verb, "selon X" and complementiser patterns, compiled once per language."""
    lex: ModuleType = attribution_fr if lang == "fr" else attribution_en

    def alt(words) -> str:
        return "|".join(sorted((re.escape(w).replace("'", "['’]") for w in words), key=len, reverse=True))

    manner = r"\w+ment" if lang == "fr" else r"\w+ly"
    adverbs = rf"(?:\s+(?:{alt(lex.INNER_ADVERBS)}|{manner}))*"
    if lang == "fr":
        parts = [p for p, _, _ in lex.VERBS.values()]
        simple = [p for p in parts if " " not in p]
        multi = [p for p in parts if " " in p]
        participle = rf"(?:(?:{alt(simple)})(?:e|s|es)?|{alt(multi)})"
        presents = [f for _, a, b in lex.VERBS.values() for f in (a, b)] + sorted(lex.IMPERFECTS)
        refl_parts = [p for p, _, _ in lex.REFLEXIVE.values()]
        refl_pres = [f for _, a, b in lex.REFLEXIVE.values() for f in (a, b)]
        pron = r"(?:-t)?-(?P<pron>il|elle|ils|elles|on)"
        aux = rf"(?:n['’])?(?:{alt(lex.AUXILIARIES)})"
        verb = (
            rf"(?<![\w-])(?:(?P<part>(?<=,\s)(?:en\s+)?(?:{alt(lex.PARTICIPLES)})"
            rf"|(?<=\s)en\s+(?:{alt(lex.PARTICIPLES)})"
            # "…, avant d'ajouter : « … »", "Et de conclure : « … »": the speaker of the sentence goes on
            rf"|(?:avant|et)\s+(?:de\s+|d['’])(?:{alt(lex.INCISE_INFINITIVES)}))"
            rf"|{aux}(?:{pron})?(?:\s+pas)?{adverbs}\s+{participle}"
            rf"|(?:s['’]est|se\s+sont)(?:-(?P<pron2>il|elle|ils|elles))?{adverbs}\s+(?:{alt(refl_parts)})(?:e|s|es)?"
            rf"|(?:se\s+|s['’])(?:{alt(refl_pres)})(?:-t?-(?P<pron3>il|elle|ils|elles))?"
            rf"|(?:{alt(presents)})(?:-t?-(?P<pron4>il|elle|ils|elles|on))?"
            rf")(?![\w-])"
        )
    else:
        aux = rf"(?:(?:{alt(lex.AUXILIARIES)}){adverbs}\s+)?"
        told = rf"(?:(?<=told)\s+(?:{alt(lex.TOLD_OBJECTS)}))?"
        verb = (
            rf"(?<![\w-])(?:(?P<part>(?<=,\s)(?:{alt(lex.PARTICIPLES)}))|"
            rf"{aux}(?:{alt(lex.INNER_ADVERBS)}\s+)?(?:{alt(lex.VERBS)}){told})(?![\w-])"
        )
    according = (
        rf"(?<![\w-])(?:{alt(lex.ACCORDING_TO)})(?![\w-])(?!\s+(?:{alt(lex.ACCORDING_TO_NOT_BEFORE)})\b)"
    )
    comp = rf"(?:{alt(lex.COMPLEMENTISERS)})(?<=['’])|(?:{alt(lex.COMPLEMENTISERS)})(?![\w])"
    flags = re.IGNORECASE
    return re.compile(verb, flags), re.compile(according, flags), re.compile(comp, flags)


@cache
def _adverbs(lang: str) -> re.Pattern[str]:
    """Adverbs between auxiliary and participle, dropped from the verb as reported ("a par ailleurs dit")."""
    lex = attribution_fr if lang == "fr" else attribution_en
    words = sorted((re.escape(w) for w in lex.INNER_ADVERBS), key=len, reverse=True)
    manner = r"\w+ment" if lang == "fr" else r"\w+ly"
    return re.compile(rf"(?<=\S)\s+(?:{'|'.join(words)}|{manner})(?=\s)", re.IGNORECASE)


def find_statements(doc: Doc, lang: str) -> list[Statement]:
    """All statements of an article body, in text order."""
    return _Finder(doc, "fr" if lang == "fr" else "en").run()


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Top-level quotations as (opening mark index, closing mark index), paired within each paragraph.

    A « or “ left open at the end of a paragraph runs to the paragraph's end (a quote continued in the
    next paragraph); an unpaired straight quote is ignored.
    """
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        para_end = end if nl < 0 else nl
        out.extend(_quotes_in_paragraph(text, pos, para_end))
        pos = para_end + 1
    return out


def _quotes_in_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i in range(start, end):
        ch = text[i]
        if ch in _OPEN_CLOSE and not (ch == "“" and stack and stack[-1][0] == "„"):
            stack.append((ch, i))
        elif ch in _CLOSERS:
            while stack and _OPEN_CLOSE.get(stack[-1][0]) != ch:
                stack.pop()
            if stack:
                _, o = stack.pop()
                if not stack:
                    out.append((o, i))
        elif ch == '"':
            if stack and stack[-1][0] == '"':
                _, o = stack.pop()
                if not stack:
                    out.append((o, i))
            elif _opens_straight(text, i, start):
                stack.append((ch, i))
        elif ch == "'" and not (i > start and text[i - 1].isalnum() and i + 1 < end and text[i + 1].isalnum()):
            # Single straight quotes (Swiss copy: 'Il faut agir', a-t-elle dit); an apostrophe sits between
            # two letters ("l'Union", "aujourd'hui") and never opens or closes anything.
            if stack and stack[-1][0] == "'" and i > start and not text[i - 1].isspace():
                _, o = stack.pop()
                if not stack:
                    out.append((o, i))
            elif (i == start or text[i - 1] in " \t\u00a0(—–-") and i + 1 < end and text[i + 1].isalpha():
                stack.append((ch, i))
    while stack and stack[0][0] == "'" and len(stack) > 1:
        stack.pop(0)  # an unpaired single mark was an apostrophe after all
    if stack and stack[0][0] in ("«", "“") and end - stack[0][1] > 1:
        out.append((stack[0][1], end))
    return out


def _opens_straight(text: str, i: int, floor: int) -> bool:
    """A straight quote opens when it is not glued to the end of a word."""
    return (
        i == floor
        or not text[i - 1].isalnum()
        or i + 1 < len(text)
        and text[i + 1].isalnum()
        and text[i - 1] in "'’("
    )


def body_start(text: str) -> int:
    """Index after a dateline such as "BRUXELLES, 7 janv. (Belga) –"."""
    return _skip_dateline(text, len(text) - len(text.lstrip()))


def _skip_dateline(text: str, pos: int) -> int:
    m = _DATELINE.match(text, pos)
    return m.end() if m else pos


class _Finder:
    def __init__(self, doc: Doc, lang: str) -> None:
        self.doc = doc
        self.text = doc.text
        self.lang = lang
        self.verb_re, self.according_re, self.comp_re = _patterns(lang)
        self.lex = attribution_fr if lang == "fr" else attribution_en
        self.begin = body_start(self.text)
        self.quotes = find_quotes(self.text, self.begin)
        self.resolver = SpeakerResolver(doc, lang, [(a, b) for a, b in self.quotes])
        doc.user_data["speaker_resolver"] = self.resolver  # events reuse it rather than build their own
        self.pos = self.resolver.pos_by_offset
        self.out: list[Statement] = []

    # --- segmentation ----------------------------------------------------------------------------------

    def _inside_quote(self, i: int) -> bool:
        return any(a < i < b for a, b in self.quotes)

    def sentences(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        pos = self.begin
        text = self.text
        while pos < len(text):
            nl = text.find("\n", pos)
            para_end = len(text) if nl < 0 else nl
            pos = _skip_dateline(text, pos) if pos < para_end else pos
            s = pos
            for m in _SENT_END.finditer(text, pos, para_end):
                i = m.end() - 1
                if self._inside_quote(i) or self._is_abbreviation(i):
                    continue
                out.append((s, m.end()))
                s = m.end()
            out.append((s, para_end))
            pos = para_end + 1
        return [(a, b) for a, b in (self._strip(a, b) for a, b in out) if b > a]

    def _strip(self, a: int, b: int) -> tuple[int, int]:
        while a < b and self.text[a].isspace():
            a += 1
        while b > a and self.text[b - 1].isspace():
            b -= 1
        return a, b

    def _is_abbreviation(self, i: int) -> bool:
        if self.text[i] != ".":
            return False
        j = i
        while j > 0 and (self.text[j - 1].isalpha()):
            j -= 1
        word = self.text[j:i]
        # "p.m.", "U.S.": a single letter glued to an earlier period is an abbreviation, not a sentence end
        dotted = len(word) == 1 and j > 0 and self.text[j - 1] == "."
        return word in _ABBREV or (len(word) == 1 and word.isupper()) or dotted

    # --- attributions ----------------------------------------------------------------------------------

    def verbs_in(self, a: int, b: int) -> list[Verb]:
        out = []
        for m in self.verb_re.finditer(self.text, a, b):
            if self.pos and self.lang == "fr" and not self._verb_tagged(m):
                continue
            pron = next((g for g in ("pron", "pron2", "pron3", "pron4") if m.groupdict().get(g)), None)
            part = bool(m.groupdict().get("part"))
            written = _adverbs(self.lang).sub("", m.group()) if " " in m.group() else m.group()
            out.append(Verb(m.start(), m.end(), written, m.group(pron).lower() if pron else None, part))
        if self.lang == "en":
            # "media reports said": a speech word right before a speech verb is a noun of the subject
            out = [
                v
                for v, w in zip(out, [*out[1:], None], strict=False)
                if not (w and not self.text[v.end : w.start].strip())
            ]
        return out

    def _verb_tagged(self, m: re.Match[str]) -> bool:
        """Trust the tagger to tell the verb "juge" from the noun "le juge"."""
        last = m.group().split()[-1].split("-")[0]
        start = m.start() + m.group().rfind(last) if " " in m.group() else m.start()
        tag = self.pos.get(start)
        return tag is None or tag in ("VERB", "AUX") or " " in m.group()

    def attribution(
        self, v: Verb, floor: int, ceiling: int, s: int, earlier: list[Attribution]
    ) -> Attribution | None:
        text = self.text
        if v.pronoun:
            sp = self.resolver.resolve_pronoun(v.pronoun, v.start, incise=True)
            src = _ON_SOURCE.match(self.text, v.end, ceiling) if v.pronoun == "on" else None
            if src:
                # "…, a-t-on appris auprès du parquet / de source judiciaire": the source speaks
                fwd = self.resolver.read_forward(src.start(1), ceiling)
                sp = self.resolver.resolve_words(fwd) if fwd else sp
                return Attribution(v, sp, True, v.start, fwd[-1].end if fwd else v.end)
            return Attribution(v, sp, True, v.start, v.end)
        if v.participle:
            if self._next_word(v.end, ceiling) in _PARTICIPLE_NOT_BEFORE:
                return None  # "X, speaking at a news conference, said…": a circumstance, not a report
            sp = (
                earlier[-1].speaker
                if earlier
                else self.resolver.resolve_words(self.resolver.read_forward(s, v.start))
            )
            if not sp.name and v.start - s < 12:
                sp = self.resolver.resolve_pronoun("il", v.start, incise=True)  # "Et d'ajouter : « … »"
            # '"…," he said, adding that…': the participle shares its speaker, even one left unresolved
            return Attribution(v, sp, False, v.start, v.end) if sp.name or earlier else None
        before = text[floor : v.start].rstrip(_SPACE)
        after_start = v.end
        nxt = self._next_word(after_start, ceiling)
        opens_clause = nxt in ("que", "qu'", "qu’", "that", ":") or (nxt and nxt[0] in _QUOTE_CHARS)
        words = self.resolver.read_backward(v.start, floor)
        # French puts the speaker after the verb ("…, a annoncé le parquet"), unless the subject stands in
        # apposition before it ("Le ministre, Joost van der Meulen, a jugé").
        subject_first = self.lang == "en" or any(w.text == "," for w in words)
        if (
            not (subject_first and words)
            and (not before or before[-1] in ",;—–-" + _QUOTE_CHARS)
            and not opens_clause
        ):
            fwd = self.resolver.read_forward(after_start, ceiling) or self.resolver.speaker_after_phrase(
                after_start, ceiling
            )
            if (
                fwd
                and not self._object_then_quote(fwd[-1].end)
                and (self.lang == "en" or not self._indefinite_object(fwd))
                # English inverts only at the end of a clause: ", said the minister." — not "said the
                # rate increase raised questions", where the phrase is the subject of a reported clause
                and (
                    self.lang == "fr"
                    or any(w.text == "," for w in fwd)
                    or self.text[fwd[-1].end : fwd[-1].end + 1] == ","
                    or self._closes_clause(fwd[-1].end, ceiling)
                )
            ):
                sp = self.resolver.resolve_words(fwd)
                if sp.name:
                    return Attribution(v, sp, True, v.start, fwd[-1].end)
        if not words and re.search(r"(?:^|\s)(?:et|and|mais|but)$", before):
            # "… and warned that …": the subject is the one of the coordinated verb before; "were arrested
            # and charged with…" is no report: a coordinated verb must open its own clause or quote
            if not (opens_clause or self._bare_clause(v, ceiling) or self._infinitive_start(v, ceiling)):
                return None
            sp = (
                earlier[-1].speaker
                if earlier
                else self.resolver.resolve_words(self.resolver.read_forward(s, v.start))
            )
            return Attribution(v, sp, False, v.start, v.end) if sp.name else None
        if not words and self.lang == "en" and re.search(r"\bwho$", before):
            # "two farmers who said they…": the speaker is the phrase the relative pronoun stands for
            words = self.resolver.read_backward(floor + before.rfind("who"), floor)
        if not words:
            return None
        sp = self.resolver.resolve_words(words)
        if not sp.name and not (len(words) == 1 and words[0].low in self.resolver.lex.PRONOUNS):
            return None  # an unresolved pronoun still attributes the quote, to nobody known
        pre = text[floor : words[0].start].rstrip(_SPACE)
        trailing = (
            bool(pre)
            and pre[-1] in ",—–" + _QUOTE_CHARS
            and not opens_clause
            and not self._bare_clause(v, ceiling)
            and self._closes_clause(v.end, ceiling)
            # "P, le ministre a estimé." reports P; "P, les recherches ont repris." does not: with the
            # subject first, only a verb that can govern a clause closes one
            and (pre[-1] in _QUOTE_CHARS or self._takes(v, "que", "that", "bare", "quote"))
        )
        return Attribution(v, sp, trailing, words[0].start, v.end)

    def frames(self, v: Verb) -> frozenset[str] | None:
        """The constructions the verb takes (speech_verbs_*), None for a verb the lexicon does not know."""
        t = _PRONOUN_SUFFIX.sub("", v.text.lower()).replace("’", "'")
        words = t.split()
        for k in (3, 2, 1):
            if len(words) >= k:
                form = " ".join(words[-k:])
                for cand in (form, form[:-2] if form.endswith("es") else "", form[:-1] if form[-1:] in "es" else ""):
                    if cand and cand in self.lex.FRAMES:
                        return self.lex.FRAMES[cand]
        return None

    def _takes(self, v: Verb, *frames: str) -> bool:
        known = self.frames(v)
        return known is None or any(f in known for f in frames)

    def _indefinite_object(self, words) -> bool:
        """ "ont annoncé une manifestation": an indefinite phrase after the verb is its object, unless it
        names a source ("a indiqué une source diplomatique")."""
        if words[0].low not in _INDEFINITES:
            return False
        lex = self.resolver.lex
        return not any(w.low in lex.PERSON_ROLES or w.low in lex.INSTITUTIONS for w in words[1:3])

    def _object_then_quote(self, i: int) -> bool:
        """ "a jugé la demande « excessive »": the phrase after the verb is its object, not its speaker."""
        rest = self.text[i : i + 12].lstrip(_SPACE)
        rest = re.sub(r"^(?:de|d['’]|à|as|of)[\s\u00a0]*", "", rest)
        return bool(rest) and rest[0] in _QUOTE_CHARS

    def _closes_clause(self, i: int, ceiling: int) -> bool:
        """After a trailing "…, X said" only time or place phrases follow, never an object."""
        m = _UNTIL_PUNCT.match(self.text, i, ceiling)
        words = m.group().split() if m else []
        if not words:
            return True
        if words[0][:1].isupper() and self.text[i - 5 : i].lower().endswith(("told", "tells")):
            words = words[1:]  # "…, an official told Reuters on Tuesday": a named addressee
        elif words[0].lower() in _ADDRESSEE and len(words) <= 4:
            return True  # "…, a indiqué le maire à la presse": a short addressee closes the clause
        if not words:
            return True
        first = words[0].strip(".,").lower()
        return first in self.resolver.lex.TIME_WORDS or first in _CLAUSE_TAIL_WORDS[self.lang]

    def _next_word(self, i: int, ceiling: int) -> str:
        m = _NEXT_WORD.match(self.text, i, ceiling)
        if not m:
            return ""
        w = m.group(1).lower()
        if w.startswith(("qu'", "qu’")):
            return "qu'"
        return w if w[0] not in _QUOTE_CHARS else w[0]

    def _bare_clause(self, v: Verb, ceiling: int) -> bool:
        return self._bare_clause_start(v, ceiling) is not None

    def _bare_clause_start(self, v: Verb, ceiling: int) -> int | None:
        """English "He said the troops would stay": reported speech with no "that". Verbs that usually take
        "that" ("emphasised the breach was…") need a clause with its own verb; "said in a statement the…"
        starts after the phrase."""
        if self.lang != "en":
            return None
        bare_verb = any(w in attribution_en.BARE_CLAUSE_VERBS for w in v.text.lower().split())
        if not bare_verb and "that" not in (self.frames(v) or ()):
            return None
        lead = _EN_LEAD_PHRASE.match(self.text, v.end, ceiling)
        i = lead.end() if lead else v.end
        rest = self.text[i:ceiling].strip(_TRIM_TAIL)
        words = [w.strip(".,;:").lower() for w in rest.split()]
        if len(words) < 3 or words[0] in _EN_PREPOSITIONS:
            return None
        lex = self.resolver.lex
        if words[0] not in lex.PRONOUNS and words[0] in lex.TIME_WORDS | lex.STOPWORDS:
            return None
        if not bare_verb and not any(w in _GAP_VERBS or w in _EN_MODALS for w in words[1:9]):
            return None
        return i

    # --- statements ------------------------------------------------------------------------------------

    def add(self, speaker: Speaker, a: int, b: int, kind: str, verb: str | None) -> Statement | None:
        a, b = self._trim(a, b)
        if b <= a:
            return None
        st = Statement(speaker.name, self.text[a:b], a, b, kind, verb, speaker.kind)  # type: ignore[arg-type]
        self.out.append(st)
        self.resolver.spoke(speaker.name, a)
        return st

    def _trim(self, a: int, b: int) -> tuple[int, int]:
        text = self.text
        while a < b and (text[a].isspace() or text[a] in ",;:"):
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:"):
            b -= 1
        return a, b

    def _clause_trim(self, a: int, b: int) -> tuple[int, int]:
        a, b = self._trim(a, b)
        while b > a and self.text[b - 1] in _TRIM_TAIL:
            b -= 1
        m = _TRAILING_CONJUNCTION.search(self.text, a, b)
        if m:
            return self._clause_trim(a, m.start())
        return a, b

    def _covered(self, a: int, b: int) -> bool:
        return any(s.start <= a and b <= s.end for s in self.out)

    def _overlaps_attributed(self, a: int, b: int) -> bool:
        return any(s.start < b and a < s.end and s.verb for s in self.out)

    def run(self) -> list[Statement]:
        previous: tuple[Attribution | None, bool] = (None, False)
        for s, e in self.sentences():
            previous = self.sentence(s, e, previous)
        self.out.sort(key=lambda st: (st.start, st.end))
        return self.out

    def sentence(
        self, s: int, e: int, previous: tuple[Attribution | None, bool]
    ) -> tuple[Attribution | None, bool]:
        quotes = [(a, b) for a, b in self.quotes if s <= a < e]
        outside = [v for v in self.verbs_in(s, e) if not any(a < v.start < b for a, b in quotes)]
        attributions: list[Attribution] = []
        for v in outside:
            floor = max(
                [s]
                + [b + 1 for a, b in quotes if b < v.start]
                + [x.span_end for x in attributions if x.span_end <= v.start]
            )
            ceiling = min([e] + [a for a, b in quotes if a >= v.end])
            att = self.attribution(v, floor, ceiling, s, attributions)
            if att:
                attributions.append(att)
        used: set[int] = set()
        pending: list[tuple[int, int]] = []
        for qa, qb in quotes:
            self._direct(qa, qb, s, e, quotes, attributions, used, previous, pending)
        self._pour(s, e, quotes, pending)
        self._indirect(s, e, quotes, attributions, used)
        self._according(s, e)
        for qa, qb in pending:
            self._unattributed(qa, qb, s, e)
        ends_colon = self.text[s:e].rstrip().endswith(":")
        last = attributions[-1] if attributions else None
        if last is None and quotes and self.out and self.out[-1].start >= s and self.out[-1].kind == "direct":
            return previous
        return (last, ends_colon)

    def _direct(self, qa, qb, s, e, quotes, attributions, used, previous, pending) -> None:
        text = self.text
        inner_a, inner_b = qa + 1, qb
        nxt_open = min([a for a, _ in quotes if a > qb] + [e])
        prv_close = max([b + 1 for _, b in quotes if b < qa] + [s])
        att = None
        # 1. attribution right after the quote: "…", a-t-il ajouté / "…," he said.
        for i, x in enumerate(attributions):
            glued = qb < x.span_start <= nxt_open and not text[qb + 1 : x.span_start].strip(
                _SPACE + ",.!?—–-"
            )
            if glued and self._fragment_of_clause(qa, s, attributions):
                break  # 'P « fragment », a-t-il dit': the whole clause P is the statement
            if glued and (x.inverted or x.verb.pronoun or self.lang == "en"):
                att = x
                used.add(i)
                break
        # 2. attribution before the quote in the same clause: M. X a déclaré : "…" / a jugé la demande "…"
        if att is None:
            for i in range(len(attributions) - 1, -1, -1):
                x = attributions[i]
                if x.span_end > qa or x.verb.start < s:
                    continue
                if x.inverted and not x.verb.participle:
                    # "« … », a souligné X, « … »": the incise between two quotes serves both
                    if x.span_end >= prv_close and not text[x.span_end : qa].strip(_SPACE + ",:—–-"):
                        att = x
                        used.add(i)
                    break
                gap = self._unquoted(x.verb.end, qa)
                if len(gap.split()) > _MAX_GAP_WORDS or re.search(r"[.;!?]", gap):
                    break
                if not self.lex.FRAGMENT_IN_CLAUSE_IS_DIRECT and self._inside_clause(x, gap):
                    break  # the fragment stays part of the reported clause
                att = x
                if not (gap.rstrip().endswith(":") and self._comp_or_clause(x, gap)):
                    used.add(i)  # "said he was changed: « … »" keeps the clause as well
                break
        # 3. the incise sits inside the quote: « Nous resterons, a-t-il dit, jusqu'au bout »
        if self._scare_quote(qa, qb):
            return
        parts, inner = self._split(inner_a, inner_b)
        att = att or inner
        # 4. the sentence before ended with "M. X a déclaré :"
        prev_att, prev_colon = previous
        if att is None and prev_att and prev_colon and self._standalone(qa, qb, s, e):
            att = prev_att
        if att is None:
            pending.append((qa, qb))
            return
        for a, b in parts:
            self.add(att.speaker, a, b, "direct", att.verb.text)

    def _fragment_of_clause(self, qa: int, s: int, attributions: list[Attribution]) -> bool:
        """Does unquoted text of the same clause come before the quote opening at qa?"""
        start = max([s] + [x.span_end for x in attributions if x.span_end <= qa])
        before = self._unquoted(start, qa).strip()
        if not before or before.endswith(":") or self.according_re.search(before):
            return False
        if _POUR.match(before) or before.endswith(","):
            return False  # "Pour elle, « … »", "Hier, « … »": an introduction, not a clause
        return sum(any(c.isalnum() for c in w) for w in before.split()) >= 2

    def _scare_quote(self, qa: int, qb: int) -> bool:
        """A quoted single word inside a noun phrase ("slams 'wellbeing' budget") is no statement."""
        if len(self.text[qa + 1 : qb].split()) > 1:
            return False
        m = _NEXT_WORD.match(self.text, qb + 1)
        return bool(m) and m.group(1)[0].isalnum() and self.text[qb + 1 : qb + 2].isspace()

    def _unquoted(self, a: int, b: int) -> str:
        """Text between a and b with earlier quotations blanked out."""
        out = self.text[a:b]
        for qa, qb in self.quotes:
            if a <= qa and qb < b:
                out = out[: qa - a] + " " * (qb + 1 - qa) + out[qb + 1 - a :]
        return out

    def _comp_or_clause(self, x: Attribution, gap: str) -> bool:
        words = [w for w in gap.split() if any(c.isalnum() for c in w)]
        return len(words) >= 2 and (bool(self.comp_re.match(words[0])) or self._inside_clause(x, gap[: gap.rfind(":")]))

    def _inside_clause(self, x: Attribution, gap: str) -> bool:
        words = [w for w in gap.split() if any(c.isalnum() for c in w)]
        if not words or gap.rstrip().endswith(":"):
            return False  # "said he was changed: « … »": the colon opens a quotation of its own
        if self.comp_re.match(words[0]):
            return len(words) > 1
        return x.verb.text.split()[-1].lower() in attribution_en.BARE_CLAUSE_VERBS

    def _pour(self, s: int, e: int, quotes, pending) -> None:
        """ "Pour Martine Roussel, « ce gouvernement ne tient plus qu'à un fil »": a direct statement;
        "Pour le président de la région, Jean Morel, il s'agit d'une erreur": the clause, as his view."""
        m = _POUR.match(self.text, s, e)
        if not m or self.lang != "fr":
            return
        words = self.resolver.read_forward(m.end(), e)
        if not words or self.text[words[-1].end : words[-1].end + 1] != ",":
            return
        comma = words[-1].end
        lex = self.resolver.lex
        pronoun = len(words) == 1 and words[0].low in lex.PRONOUNS
        if not (pronoun or any(w.is_cap for w in words) or self.resolver.names_a_speaker(words)):
            return
        sp = self.resolver.resolve_words(words)
        if not sp.name:
            return
        q = next(((qa, qb) for qa, qb in pending if not self.text[comma + 1 : qa].strip(_SPACE)), None)
        if q is not None:
            pending.remove(q)
            self.add(sp, q[0] + 1, q[1], "direct", m.group(1).lower())
            return
        a, b = self._clause_trim(comma + 1, e)
        if len(self.text[a:b].split()) >= 4 and not self._overlaps_attributed(a, b):
            self.add(sp, a, b, "according_to", m.group(1).lower())

    def _split(self, a: int, b: int) -> tuple[list[tuple[int, int]], Attribution | None]:
        """ "Nous resterons, a-t-il dit, jusqu'au bout" -> the two parts around the inner attribution."""
        for v in self.verbs_in(a, b):
            left = self.text[a : v.start].rstrip(_SPACE)
            if not left.endswith(",") or v.participle:
                continue
            att = self.attribution(v, a, b, a, [])
            if att is None or not (att.inverted or v.pronoun or self.lang == "en"):
                continue
            right_m = _COMMA.match(self.text, att.span_end, b)
            if right_m and att.speaker.name:
                return [(a, a + len(left) - 1), (right_m.end(), b)], att
        return [(a, b)], None

    def _standalone(self, qa: int, qb: int, s: int, e: int) -> bool:
        rest = self.text[s:qa] + self.text[qb + 1 : e]
        return not rest.strip(_SPACE + ".,!?;:—–-\n")

    def _unattributed(self, qa: int, qb: int, s: int, e: int) -> None:
        if self._covered(qa, qb + 1):
            return
        if (
            not self._standalone(qa, qb, s, e)
            or len(self.text[qa + 1 : qb].split()) < _MIN_UNATTRIBUTED_WORDS
        ):
            return
        prev = self.out[-1] if self.out else None
        between = self.text[prev.end : qa] if prev else ""
        # A quote standing alone continues the quote just before it, in its paragraph or closing the
        # paragraph before ("« … », a-t-elle dit.¶« … »")
        if prev and prev.kind == "direct" and prev.speaker and (
            between.count("\n") == 0 or between.count("\n") == 1 and len(between) < 120 and not self._sentence_between(prev.end, qa)
        ):
            self.add(Speaker(prev.speaker, prev.speaker_type), qa + 1, qb, "direct", prev.verb)
            return
        self.add(UNATTRIBUTED, qa + 1, qb, "direct", None)

    def _sentence_between(self, a: int, b: int) -> bool:
        """Is there a sentence of narration between a and b (not only a closing incise)?"""
        rest = self._unquoted(a, b)
        return bool(re.search(r"[.!?]\s+\w+(?:\s+\w+){3,}", rest))

    def _indirect(self, s, e, quotes, attributions, used) -> None:
        text = self.text
        for i, x in enumerate(attributions):
            if i in used:
                continue
            if x.inverted:
                clause_start = max(
                    [s]
                    + [
                        y.span_end
                        for k, y in enumerate(attributions)
                        if y.span_end <= x.span_start and (k in used or y.inverted)
                    ]
                )
                a, b = self._clause_trim(clause_start, x.span_start)
                if b <= a or self._is_whole_quote(a, b, quotes):
                    continue
                a = self._after_according(a, b)
                self.add(x.speaker, a, b, "indirect", x.verb.text)
                continue
            gap_end = min([e] + [q for q, _ in quotes if q > x.verb.end])
            m = None
            for w in re.finditer(r"\S+", text[x.verb.end : gap_end]):
                cm = self.comp_re.match(w.group())
                if cm:
                    m = x.verb.end + w.start() + cm.end()
                    break
                if (
                    w.start()
                    and len(text[x.verb.end : x.verb.end + w.start()].split()) >= _MAX_GAP_WORDS
                    or re.search(r"[,.;:]", w.group())
                ):
                    break
            gap = self._relative_gap(x.verb, e)
            bare = None if gap else self._bare_clause_start(x.verb, e)
            if m is None and (gap or bare is not None):
                m = x.verb.end if gap else bare
            if m is None:
                m = self._infinitive_start(x.verb, gap_end)
            if m is None:
                m = self._bare_infinitive(x.verb, gap_end)
            if m is None and not x.inverted:
                np_span = self._np_report(x.verb, e)
                if np_span and not self._covered(*np_span):
                    self.add(x.speaker, *np_span, "indirect", x.verb.text)
                continue
            if m is None:
                continue
            end = min([e] + [y.span_start for y in attributions if y.span_start > m and self._closes(y)])
            end = self._before_according(m, end)
            end = self._before_colon_quote(m, end)
            dash = re.search(r"\s[—–]\s", self.text[m:end])
            end = m + dash.start() if dash and not self._inside_quote(m + dash.start()) else end
            if gap:
                # "which Carter said was $12 million last year, and…": the relative clause ends at a comma
                stop = re.search(r"[,;:—–]", self.text[m:end])
                end = m + stop.start() if stop else end
            a, b = self._clause_trim(m, end)
            if b > a and not self._is_whole_quote(a, b, quotes) and not self._covered(a, b):
                for pa, pb in self._split_coordinated(a, b):
                    self.add(x.speaker, pa, pb, "indirect", x.verb.text)

    def _relative_gap(self, v: Verb, ceiling: int) -> bool:
        """English "which Carter said was…", "what it said were…": the reported clause lacks its subject."""
        if self.lang != "en" or v.participle:
            return False
        return self._next_word(v.end, ceiling) in _GAP_VERBS and bool(
            re.search(r"(?:which|that|what|who|whom)\s+(?:\S+\s+){0,5}$", self.text[max(0, v.start - 60) : v.start])
        )

    def _before_colon_quote(self, a: int, b: int) -> int:
        """ "said he was changed: « … »": the clause ends at a colon that opens a quotation."""
        for m in re.finditer(r":[\s\u00a0]*[«“\"„]", self.text[a:b]):
            if not self._inside_quote(a + m.start()):
                return a + m.start()
        return b

    def _closes(self, y: Attribution) -> bool:
        """Does attribution y end the reported clause before it (incise, participle, "and warned")?"""
        before = self.text[max(0, y.span_start - 6) : y.span_start]
        return (
            y.inverted or y.verb.participle or bool(re.search(r"(?:,|\band|\bet|\bmais|\bbut)\s*$", before))
        )

    def _split_coordinated(self, a: int, b: int) -> list[tuple[int, int]]:
        """ "… doses, and that pharmacies would…" / "… et que …": one statement per reported clause."""
        out, start = [], a
        for m in _AND_THAT[self.lang].finditer(self.text, a, b):
            if self._inside_quote(m.start()):
                continue
            out.append(self._clause_trim(start, m.start()))
            start = m.end()
        out.append(self._clause_trim(start, b))
        return [(pa, pb) for pa, pb in out if pb > pa]

    def _infinitive_start(self, v: Verb, limit: int) -> int | None:
        """ "urged the administration to brief…", "a appelé les partis à prendre…": the infinitive clause."""
        lex = attribution_fr if self.lang == "fr" else attribution_en
        last = v.text.split()[-1].lower()
        known = self.frames(v)
        if known is not None:
            if not known & _INFINITIVE_FRAMES:
                return None
        elif not any(last.startswith(stem) for stem in lex.INFINITIVE_REPORTS):
            return None
        m = _INFINITIVE_MARK[self.lang].search(self.text, v.end, min(limit, v.end + 80))
        if not m or re.search(r"[,.;:!?]", self.text[v.end : m.start()]):
            return None
        return m.end()

    def _bare_infinitive(self, v: Verb, limit: int) -> int | None:
        """ "a affirmé vouloir réduire le déficit", "a indiqué avoir interpellé trois suspects": a verb of
        saying followed by an infinitive reports it (French; the tagger vouches for the infinitive)."""
        if self.lang != "fr" or not self.pos or "que" not in (self.frames(v) or ()):
            return None
        last = _PRONOUN_SUFFIX.sub("", v.text.lower()).split()[-1]
        if not attribution_fr.CLASSES.get(last, frozenset()) & _ASSERTING:
            return None  # "souhaite ouvrir des négociations" is a wish, not a report
        m = _NEXT_WORD.match(self.text, v.end, limit)
        if not m:
            return None
        i = m.start(1)
        if m.group(1).lower() in ("ne", "n'", "n’"):
            neg = re.match(r"n(?:e\s+|['’])(?:pas|plus|jamais|rien)\s+", self.text[i:limit], re.IGNORECASE)
            if not neg:
                return None
            word_start = i + neg.end()
        else:
            word_start = i
        word = re.match(r"[\w-]+", self.text[word_start:limit])
        if not word or not _INFINITIVE_END.search(word.group()) or self.pos.get(word_start) not in ("VERB", "AUX"):
            return None
        return i

    def _np_report(self, v: Verb, limit: int) -> tuple[int, int] | None:
        """ "a confirmé le gel des avoirs", "a fait état de 26 morts", "cited a need to…": a verb whose
        noun-phrase object carries the claim (frames np / de_np / of_np) reports that phrase."""
        known = self.frames(v)
        if not known or not known & {"np", "de_np", "of_np"}:
            return None
        m = _NP_LEAD.match(self.text, v.end, limit)
        i = m.end() if m else v.end
        nxt = self._next_word(i, limit)
        if nxt in _PREPOSITION_OBJECTS["all"]:
            if not known & {"de_np", "of_np"} or nxt not in _PREPOSITION_OBJECTS[self.lang]:
                return None
            i = self.text.find(nxt if nxt != "d'" else "d", i) + len(nxt.rstrip("'")) + (nxt == "d'")
        elif "np" not in known or nxt in _NOT_NP_STARTS or not nxt or not (nxt[0].isalnum()):
            return None
        end = _NP_END.search(self.text, i, limit)
        b = end.start() if end else limit
        a, b = self._clause_trim(i, b)
        words = self.resolver.read_forward(a, b)
        if len(self.text[a:b].split()) < 2 or (words and self.resolver.names_a_speaker(words)):
            return None  # "…, a annoncé le secrétaire général", "citing a defence official": a source
        return a, b

    def _is_whole_quote(self, a: int, b: int, quotes) -> bool:
        return any(qa == a and qb >= b - 1 for qa, qb in quotes)

    def _before_according(self, a: int, b: int) -> int:
        for sm in self.according_re.finditer(self.text, a, b):
            pre = self.text[a : sm.start()].rstrip(_SPACE)
            if pre.endswith(","):
                return a + len(pre) - 1
        return b

    def _after_according(self, a: int, b: int) -> int:
        sm = self.according_re.match(self.text, a, b)
        if sm:
            comma = self.text.find(",", sm.end(), b)
            if comma > 0:
                return comma + 1
        return a

    def _according_relative(self, s: int, e: int) -> None:
        """ "l'information publiée par Le Courrier selon laquelle P": P, according to the source named in
        the noun phrase ("par X", "du X"); a claim with no named source is nobody's statement."""
        if self.lang != "fr":
            return
        for rm in _SELON_RELATIVE.finditer(self.text, s, e):
            if self._inside_quote(rm.start()):
                continue
            lead = self.text[max(s, rm.start() - 90) : rm.start()]
            src = next(reversed(list(_SOURCE_IN_NP.finditer(lead))), None)
            if src is None:
                continue
            start = rm.start() - len(lead) + src.end(1)
            words = self.resolver.read_forward(start, rm.start())
            if not words or not any(w.is_cap for w in words):
                continue
            a, b = self._clause_trim(rm.end(), e)
            if b > a and not self._overlaps_attributed(a, b):
                self.add(self.resolver.resolve_words(words), a, b, "according_to", rm.group(1).lower())

    def _according(self, s: int, e: int) -> None:
        self._according_relative(s, e)
        text = self.text
        for sm in self.according_re.finditer(text, s, e):
            if self._inside_quote(sm.start()):
                continue
            comma = text.find(",", sm.end(), e)
            limit = comma if comma >= 0 else e
            words = self.resolver.read_forward(sm.end(), limit)
            if not words:
                continue
            pre = text[s : sm.start()].rstrip(_SPACE)
            rest = text[comma + 1 : e].strip(_TRIM_TAIL) if comma >= 0 else ""
            connector = pre.endswith(",") and len(pre.split()) <= 3 and not self._quotes_between(s, sm.start())
            if not pre or pre[-1] in ".;:" or connector:
                # "Selon X, P" / "En outre, selon X, P": the clause after the source
                if comma < 0:
                    continue
                a, b = self._clause_trim(comma + 1, e)
                b = self._before_according(a, b) if self.according_re.search(text, a, b) else b
                a, b = self._clause_trim(a, b)
            elif pre.endswith(",") and len(rest.split()) >= 3 and not self.according_re.search(rest):
                # "A, selon X, B": the source sits inside the claim, which is the whole sentence
                a, b = self._clause_trim(s, e)
            elif pre.endswith(","):
                a, b = self._clause_trim(s, s + len(pre) - 1)
            else:
                continue
            if b <= a or self._overlaps_attributed(a, b):
                continue
            a, b = self._unwrap(a, b)
            sp = self.resolver.resolve_words(words)
            self.add(sp, a, b, "according_to", text[sm.start() : sm.end()].lower())

    def _quotes_between(self, a: int, b: int) -> bool:
        return any(a <= qa < b for qa, _ in self.quotes)

    def _unwrap(self, a: int, b: int) -> tuple[int, int]:
        """A clause that is entirely one quotation loses its marks."""
        for qa, qb in self.quotes:
            if qa == a and qb >= b - 1:
                return self._trim(qa + 1, qb)
        return a, b
