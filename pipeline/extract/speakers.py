"""Speaker mentions: reads the noun phrase next to an attribution and resolves it to a full name.

Persons are tracked through the article in text order: "Le ministre de la Défense Lorenzo Guerini", then
"M. Guerini", "le ministre" or "il" resolve to "Lorenzo Guerini". Institutions are kept as written without
their article ("ministère de la Défense"); a later short form ("le ministère") resolves to the full one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from types import ModuleType

from spacy.tokens import Doc

from pipeline.extract.lexicon import first_names, speakers_en, speakers_fr

_LEXICONS: dict[str, ModuleType] = {"fr": speakers_fr, "en": speakers_en}

# Words of a speaker phrase: titles with their period, elided articles, hyphenated words, acronyms, punctuation.
_WORD = re.compile(
    r"(?:M|MM|Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|St)\.(?=\s)"
    r"|(?:[A-Z]\.){2,}"
    r"|(?:[LlDdQqJjNnSsCcMmTt]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’](?=\w)"
    r"|\w+(?:[-'’]\w+)*"
    r"|[^\w\s]"
)
_NAME_PARTICLES = frozenset(
    {"de", "du", "von", "van", "der", "den", "di", "da", "del", "bin", "al", "ben", "el", "la", "le"}
)
_STOP_POS = frozenset({"VERB", "AUX", "ADV", "ADP", "SCONJ", "CCONJ", "PRON", "NUM", "PUNCT", "SYM", "INTJ"})
_MAX_WORDS = 16
_AND = frozenset({"et", "and"})
_ADDRESSEE_PREPS = frozenset({"à", "au", "aux"})
_INDEFINITE_DETS = frozenset({"un", "une", "a", "an", "des", "some"})
_ROLE_ABBREVIATIONS = {"gov.": "governor", "sen.": "senator", "rep.": "representative", "gen.": "general"}
_PARTICIPLE_WORD = re.compile(
    r"\w+(?:ed|é|ée|és|ées|is|ise|ies|it|ite|its|ites)$|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"hier|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|\w+day",
    re.IGNORECASE,
)
_BY_SOURCE = re.compile(r"[^,.;:()«»\"]{0,40}?(?<!\w)(?:par|by|from|of)\s+")
_RELATIVES = frozenset({"qui", "dont", "lequel", "laquelle", "who", "which", "whose"})
# "al-Hamdani", "el-Sissi", "d'Estaing": a lower-case particle glued to a capitalised name.
_PARTICLE_NAME = re.compile(r"(?:al|el|ben|bin|ibn|abu|ould|d)[-'’][A-ZÀ-Ý]")
_PURPOSE = frozenset({"pour", "à", "for"})
_EN_NAME_RUN = re.compile(
    r"(?<![\w.])[A-Z][\w'’.-]*(?:\s+(?:von|van|de|der|al|bin|[A-Z][\w'’.-]*))*\s+[A-Z][\w'’-]+(?![\w-])"
)
_EN_VERBISH = re.compile(r"\s+(?:[a-z]+ed|has|had|was|is|will|would|says|said|told)\b")
_INSTITUTION_RES = {
    lang: re.compile(
        r"(?<![\w-])(?:le|la|les|l['’]|the)\s*(?:"
        + "|".join(sorted(map(re.escape, lex.INSTITUTIONS), key=len, reverse=True))
        + r")(?![\w-])",
        re.IGNORECASE,
    )
    for lang, lex in _LEXICONS.items()
}
_ACRONYM = re.compile(r"\((\w[\w&-]{1,14})\)")


@dataclass(slots=True)
class Word:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper() or bool(_PARTICLE_NAME.match(self.text))


@dataclass(slots=True)
class Person:
    name: str
    gender: str = ""
    roles: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Mention:
    """Something a later pronoun or short form may refer to, at a text position."""

    pos: int
    speaker: str
    kind: str  # "person" | "organisation"
    gender: str = ""
    number: str = "sing"
    head: str = ""
    person: Person | None = None


@dataclass(slots=True)
class Speaker:
    name: str | None
    kind: str  # "person" | "organisation" | "unattributed"


UNATTRIBUTED = Speaker(None, "unattributed")


def _first_name_gender(parts: list[str]) -> str:
    """ "Delphine Latawiec" -> "f": the first name's usual gender, when the name has one."""
    if len(parts) < 2:
        return ""
    first = parts[0]
    return "f" if first in first_names.FEMALE else "m" if first in first_names.MALE else ""


def words_in(text: str, start: int, end: int) -> list[Word]:
    return [Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


class SpeakerResolver:
    """Finds speaker phrases around attribution verbs and resolves them against earlier mentions."""

    def __init__(self, doc: Doc, lang: str, quotes: list[tuple[int, int]]) -> None:
        self.text = doc.text
        self.lex = _LEXICONS.get(lang, speakers_en)
        self.lang = lang
        self._pos = {t.idx: t.pos_ for t in doc} if doc.has_annotation("POS") else {}
        self.pos_by_offset = self._pos
        self._quotes = quotes
        self._per_spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("PER", "PERSON")]
        self._other_spans = [
            (e.start_char, e.end_char) for e in doc.ents if e.label_ not in ("PER", "PERSON")
        ]
        self._persons: dict[str, Person] = {}
        self._aliases: dict[str, str] = {}
        self._mentions: list[Mention] = []
        self._keys: list[int] = []
        self._spoken: list[tuple[int, str]] = []  # (position, speaker name) of each attributed statement
        self._prescan(doc)

    # --- mentions --------------------------------------------------------------------------------------

    def _inside_quote(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self._quotes)

    def _add(self, mention: Mention) -> None:
        if self._inside_quote(mention.pos):
            return
        i = bisect.bisect_right(self._keys, mention.pos)
        self._keys.insert(i, mention.pos)
        self._mentions.insert(i, mention)

    def _before(self, pos: int):
        i = bisect.bisect_left(self._keys, pos)
        for j in range(i - 1, -1, -1):
            yield self._mentions[j]

    def _prescan(self, doc: Doc) -> None:
        """Register named persons (tagger's PER entities, titled names) so pronouns can find them."""
        for ent in doc.ents:
            if ent.label_ in ("PER", "PERSON"):
                self._register_name(ent.start_char, ent.end_char)
        if self.lang == "en":
            # No tagger in English: a capitalised run is a person when a role, a title, an apposition or
            # a verb vouches for it ("Foreign Minister Maria Ortiz", "John Carter, the mayor", "Sam Hill arrived").
            for m in _EN_NAME_RUN.finditer(self.text):
                self._register_name(m.start(), m.end(), require_context=True)
        self._prescan_acronyms()
        self._prescan_institutions()
        title_re = "|".join(re.escape(t) for t in self.lex.TITLES)
        for m in re.finditer(
            rf"(?<!\w)(?:{title_re})(?!\w)\s+[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+)*", self.text
        ):
            self.resolve_phrase(words_in(self.text, m.start(), m.end()), register_only=True)

    def _register_name(self, start: int, end: int, require_context: bool = False) -> None:
        words = words_in(self.text, start, end)
        before = words_in(self.text, max(0, start - 100), start)
        after = words_in(self.text, end, min(len(self.text), end + 100))
        if before and before[-1].text == ",":
            lead = self._np_back(before, len(before) - 2)
            phrase = lead + [before[-1]] + words if lead else words
        else:
            phrase = self._np_back(before, len(before) - 1) + words
        trail = self._np_forward(after, 1) if after and after[0].text == "," else []
        if require_context:
            vouched = (
                self._role_of(phrase)
                or any(w.text in self.lex.TITLES for w in phrase)
                or self._role_of(trail)
                or _EN_VERBISH.match(self.text, end)
            )
            if not vouched:
                return
        sp = self.resolve_phrase(phrase, register_only=True)
        if sp.name and trail:
            self._note_role(sp.name, trail)

    def _prescan_institutions(self) -> None:
        """ "Le ministère de la Défense a publié…" lets a later "le ministère" resolve to the full name."""
        for m in _INSTITUTION_RES[self.lang].finditer(self.text):
            words = self._np_forward(words_in(self.text, m.start(), min(len(self.text), m.start() + 120)), 0)
            body = self._strip_det(words)
            if len(body) < 2 or self._inside_quote(m.start()):
                continue
            phrase = self._org_name(body, self.text[body[0].start : body[-1].end])
            gender, number = self.lex.DETERMINERS.get(words[0].low, ("", "sing"))
            self._add(Mention(body[0].start, phrase, "organisation", gender, number or "sing", body[0].low))

    def _prescan_acronyms(self) -> None:
        """ "l'agence fédérale pour l'accueil des demandeurs d'asile (Fedasil)": the short name is the speaker;
        "les Hospices civils de Lyon (HCL)": the proper name is, and "HCL" later resolves to it."""
        for m in _ACRONYM.finditer(self.text):
            before = words_in(self.text, max(0, m.start() - 120), m.start())
            np = self._np_back(before, len(before) - 1)
            k = len(before) - 1 - len(np)
            if np and k > 0 and before[k].low in _PURPOSE:
                np = self._np_back(before, k - 1) + [before[k]] + np  # "agence fédérale pour l'accueil…"
            body = self._strip_det(np)
            if not body:
                continue
            full = self.text[body[0].start : body[-1].end]
            short = m.group(1)
            if body[0].is_cap:
                self._aliases[short.lower()] = full
            else:
                self._aliases[full.lower()] = short

    def _strip_det(self, words: list[Word]) -> list[Word]:
        i = 0
        while i < len(words) and (
            words[i].low in self.lex.DETERMINERS or words[i].low in self.lex.CONNECTORS
        ):
            i += 1
        return words[i:]

    def _note_role(self, name: str, words: list[Word]) -> None:
        """Remember that `name` is "la directrice médicale" so a later "la directrice" finds her."""
        person = self._persons.get(name)
        role = self._role_of(words)
        if person is None or not role or self._name_in(self._strip_det(words))[0]:
            return
        person.roles.add(role)
        if not person.gender and words:
            gender = (
                "f"
                if role in self.lex.FEMININE_ROLES
                else self.lex.DETERMINERS.get(words[0].low, ("", ""))[0]
            )
            person.gender = gender

    def _person(self, name: str, gender: str, role: str, pos: int) -> Person:
        parts = name.split()
        person = None
        if len(parts) == 1 or parts[0].islower():  # "Guerini", "von der Leyen": a surname alone
            person = self._by_surname(name, gender, pos)
        if person is None:
            person = self._persons.get(name)
        if person is None:
            person = Person(name, gender or _first_name_gender(parts))
            self._persons[name] = person
            if len(parts) > 1:
                # An earlier surname-only mention now has a full name.
                short = self._persons.get(parts[-1])
                if short is not None and short is not person:
                    short.name = name
        if gender and not person.gender:
            person.gender = gender
        if role:
            person.roles.add(role)
        self._add(Mention(pos, person.name, "person", person.gender, "sing", role, person))
        return person

    def _by_surname(self, surname: str, gender: str, pos: int) -> Person | None:
        def fits(p: Person | None) -> bool:
            return (
                p is not None
                and p.name != surname
                and p.name.endswith(" " + surname)
                and (not gender or p.gender in ("", gender))
            )

        for m in self._before(pos):
            if fits(m.person):
                return m.person
        return next((p for p in self._persons.values() if fits(p)), None)

    # --- reading phrases -------------------------------------------------------------------------------

    def _is_stop(self, w: Word) -> bool:
        low = w.low
        if (
            low in self.lex.DETERMINERS
            or low in self.lex.CONNECTORS
            or low in self.lex.TITLES
            or w.text in self.lex.TITLES
        ):
            return False
        if not w.text[0].isalnum():
            return True
        if low in self.lex.STOPWORDS:
            return True
        if w.is_cap:
            return False
        pos = self._pos.get(w.start)
        if pos in _STOP_POS and low not in self.lex.PERSON_ROLES and low not in self.lex.INSTITUTIONS:
            return True
        return self.lang == "en" and (low.endswith("ly") or low.endswith("ing"))

    def read_forward(self, start: int, limit: int) -> list[Word]:
        """The speaker phrase that follows an inverted verb ("…, a annoncé mardi le ministère de la Défense")."""
        words = words_in(self.text, start, limit)
        i = 0
        while i < len(words) and words[i].low in self.lex.TIME_WORDS:
            if words[i].low in self.lex.DETERMINERS or words[i].text in self.lex.TITLES:
                break
            i += 1
        if i < len(words) and words[i].low in self.lex.PRONOUNS:
            return [words[i]]
        if i < len(words) and words[i].low in _ADDRESSEE_PREPS:
            # "a déclaré à l'AFP Jean Dupont": the addressee comes between the verb and the speaker
            k = i + 1
            if k < len(words) and words[k].low in self.lex.DETERMINERS:
                k += 1
            k += 1  # one word: "à l'AFP", "à Belga", "à la presse"
            if k + 1 < len(words) and words[k].text == ",":
                k += 1  # "a confirmé à l'AFP, le capitaine Sarah Chelpi"
            if k < len(words) and words[k].text not in ",.;" and not self._is_stop(words[k]):
                i = k
        out = self._np_forward(words, i)
        j = words.index(out[-1]) + 1 if out else i
        # "la cheffe de la délégation du CICR au Yémen, Katharina Bauer": look past a short place phrase
        k = j
        while out and k < len(words) and k - j < 5 and words[k].text not in ',.;:!?«»"“”()':
            k += 1
        if k < len(words) and words[k].text == "," and self._role_of(out):
            j = k
        if out and j < len(words) and words[j].text == ",":
            # "la ministre de la Défense, Caroline Verhaegen": the name in apposition is the speaker
            appos = self._np_forward(words, j + 1)
            names = [self._name_in(self._strip_det(p))[0] for p in (out, appos)] if appos else ["", ""]
            if any(names) and (self._role_of(out) or self._role_of(appos) or any(" " in n for n in names)):
                return out + [words[j]] + appos
        return out

    def _np_forward(self, words: list[Word], i: int) -> list[Word]:
        out: list[Word] = []
        for k in range(i, min(len(words), i + _MAX_WORDS)):
            w = words[k]
            if w.low in _AND and out and k + 1 < len(words) and words[k + 1].low in self.lex.CONNECTORS:
                out.append(w)  # "de la Manche et de la mer du Nord"
                continue
            if w.text == "(" and k + 2 < len(words) and words[k + 2].text == ")" and words[k + 1].is_cap:
                break
            if (
                out
                and w.low in _NAME_PARTICLES
                and w.text.islower()
                and (out[-1].is_cap or out[-1].text in self.lex.TITLES)
                and any(x.is_cap for x in words[k + 1 : k + 3])
                and all(x.is_cap or x.low in _NAME_PARTICLES for x in words[k + 1 : k + 3])
            ):
                out.append(w)  # "Mme von der Leyen"
                continue
            if self._is_stop(w):
                break
            if (
                out
                and w.low in self.lex.DETERMINERS
                and out[-1].low not in self.lex.CONNECTORS
                and w.low not in self.lex.CONNECTORS
                # "le quotidien Le Matin", "the newspaper The Times": a title with its own article
                and not (w.is_cap and out[-1].low in self.lex.MEDIA_NOUNS and k + 1 < len(words) and words[k + 1].is_cap)
            ):
                break
            out.append(w)
        while out and (
            out[-1].low in self.lex.CONNECTORS or out[-1].low in self.lex.DETERMINERS or out[-1].low in _AND
        ):
            out.pop()
        return out

    def read_backward(self, end: int, floor: int) -> list[Word]:
        """The subject phrase that ends right before a verb ("…alors que le Parlement irakien| a demandé")."""
        words = words_in(self.text, floor, end)
        if not words:
            return []
        if words[-1].low in self.lex.PRONOUNS:
            return [words[-1]]
        if words[-1].text == ",":
            return self._read_appositive(words)
        return self._np_back(words, len(words) - 1)

    def _np_back(self, words: list[Word], i: int) -> list[Word]:
        return self._np_back_at(words, i)[0]

    def _np_back_at(self, words: list[Word], i: int) -> tuple[list[Word], int]:
        """The noun phrase ending at words[i], and the index of the word before it."""
        out: list[Word] = []
        while i >= 0 and len(out) < _MAX_WORDS:
            w = words[i]
            low = w.low
            if w.text == ")" and out:
                # "le Comité international de la Croix-Rouge (CICR)": skip the parenthesis
                k = i - 1
                while k >= 0 and words[k].text != "(" and i - k < 6:
                    k -= 1
                if k >= 0 and words[k].text == "(":
                    i = k - 1
                    continue
            if w.text == ")" and not out:
                k = i - 1
                while k >= 0 and words[k].text != "(" and i - k < 6:
                    k -= 1
                if k >= 1 and words[k].text == "(":
                    i = k - 1
                    continue
            if low in self.lex.DETERMINERS and low not in self.lex.CONNECTORS:
                out.append(w)
                if i > 0 and words[i - 1].low in self.lex.CONNECTORS:
                    i -= 1
                    continue
                break
            if self._is_stop(w):
                break
            out.append(w)
            i -= 1
        out.reverse()
        while out and out[0].low in self.lex.CONNECTORS and out[0].low not in self.lex.DETERMINERS:
            out.pop(0)
        stop = i - 1 if i >= 0 and out and words[i] is out[0] else i
        return out, stop

    def _read_appositive(self, words: list[Word]) -> list[Word]:
        """ "Boris Johnson, le Premier ministre, a déclaré" -> the name, with the role noted."""
        if len(words) >= 4 and words[-2].text.isdigit() and words[-3].text == ",":
            return self._np_back(words, len(words) - 4)  # "Smith, 54, told the court"
        appos, k = self._np_back_at(words, len(words) - 2)
        if k >= 0 and words[k].text != ",":
            # "X, qui supervisera les opérations, a précisé" / "X, sous le couvert de l'anonymat, a estimé":
            # skip the incise back to its comma
            j = k
            while j >= 0 and words[j].text != "," and len(words) - j < 25:
                j -= 1
            if j >= 1 and (
                words[j + 1].low in _RELATIVES
                or self._is_stop(words[j + 1])
                or self._role_of(self._strip_det(words[j + 1 : j + 4]))
            ):
                # "Jane Roe, chief economist for Africa and the Middle East at X, said": the appositive
                # is a role, the name before it speaks
                return self._np_back(words, j - 1)
            return []
        if not appos or k < 1:
            return []
        head = self._np_back(words, k - 1)
        if not head:
            return appos if any(w.is_cap for w in appos) else []
        return head + [words[k]] + appos

    # --- resolution ------------------------------------------------------------------------------------

    def resolve_words(self, words: list[Word]) -> Speaker:
        if not words:
            return UNATTRIBUTED
        return self.resolve_phrase(words)

    def resolve_phrase(self, words: list[Word], register_only: bool = False) -> Speaker:
        if "," in (w.text for w in words):
            cut = next(i for i, w in enumerate(words) if w.text == ",")
            left, right = words[:cut], words[cut + 1 :]
            named = [p for p in (left, right) if p and self._name_in(self._strip_det(p))[0]]
            if named:
                main = named[0]
                other = right if main is left else left
                sp = self.resolve_phrase(main, register_only)
                if sp.name:
                    self._note_role(sp.name, other)
                return sp
            first = self.resolve_phrase(left, register_only)
            return first if first.name or not right else self.resolve_phrase(right, register_only)
        if len(words) == 1 and words[0].low in self.lex.PRONOUNS:
            return self.resolve_pronoun(words[0].low, words[0].start)
        gender, number = "", "sing"
        # Strip the leading determiners; they tell gender and number.
        i = 0
        while i < len(words) and (
            words[i].low in self.lex.DETERMINERS or words[i].low in self.lex.CONNECTORS
        ):
            g, n = self.lex.DETERMINERS.get(words[i].low, ("", ""))
            gender, number = g or gender, n or number
            i += 1
        body = words[i:]
        if not body:
            return UNATTRIBUTED
        source = self._document_source(body)
        if source:
            return self.resolve_phrase(source, register_only)
        if len(body) > 1 and body[0].low in self.lex.MEDIA_NOUNS and body[-1].is_cap:
            k = next((j for j in range(1, len(body)) if body[j].is_cap), len(body))
            if all(w.is_cap or w.low in self.lex.CONNECTORS for w in body[k:]):
                name = self.text[body[k].start : body[-1].end]  # "le quotidien Le Matin" -> "Le Matin"
                self._add(Mention(body[0].start, name, "organisation", gender, number, body[0].low))
                return Speaker(name, "organisation")
        pos = body[0].start
        name, title_gender = self._name_in(body)
        role = self._role_of(body)
        if role and role in self.lex.FEMININE_ROLES:
            gender = "f"
        if name:
            person = self._person(name, title_gender or (gender if role else ""), role, pos)
            return Speaker(person.name, "person")
        if register_only:
            return UNATTRIBUTED
        phrase = self.text[body[0].start : body[-1].end]
        head = body[0].low
        if self._role_head(body):
            for m in self._before(pos):
                if (
                    m.person
                    and (role in m.person.roles or head in m.person.roles)
                    and m.person.gender in ("", gender)
                ):
                    self._add(Mention(pos, m.person.name, "person", m.person.gender, "sing", head, m.person))
                    return Speaker(m.person.name, "person")
            role_words = {w.low for w in body} | {p for w in body for p in w.low.split("-")}
            indefinite = i > 0 and words[i - 1].low in _INDEFINITE_DETS
            for m in [] if indefinite else self._before(pos):
                if m.person and m.person.roles & role_words and m.person.gender in ("", gender):
                    self._add(Mention(pos, m.person.name, "person", m.person.gender, "sing", head, m.person))
                    return Speaker(m.person.name, "person")
            definite = i > 0 and words[i - 1].low in ("le", "la", "l'", "l’")
            gender = gender or self.lex.ROLE_GENDER.get(head, "")
            m = self._last_speaker(pos, gender, "sing") if definite and gender and self.lang == "fr" else None
            if (
                m is not None
                and m.person is not None
                and " " in m.person.name
                and m.person.gender == gender
                and not m.person.roles  # a speaker known by another role is not this one
            ):
                # "la présidente de la Confédération", "l'écrivain" after a named speaker: the same person,
                # unless a name of its own follows the role
                self._add(Mention(pos, m.person.name, "person", m.person.gender, "sing", head, m.person))
                return Speaker(m.person.name, "person")
            self._add(Mention(pos, phrase, "person", gender, number, head))
            return Speaker(phrase, "person")
        phrase = self._org_name(body, phrase)
        for m in self._before(pos):
            if (
                m.kind == "organisation"
                and m.head == head
                and len(m.speaker) > len(phrase)
                and m.speaker.lower().startswith(head)
            ):
                phrase = m.speaker
                break
        self._add(Mention(pos, phrase, "organisation", gender, number, head))
        return Speaker(phrase, "organisation")

    def speaker_after_phrase(self, start: int, limit: int) -> list[Word]:
        """ "a lancé avec le sourire Didier Decoin", "a réagi dans un mail un porte-parole": the speaker of an
        incise after a prepositional phrase, within a dozen words."""
        words = words_in(self.text, start, limit)
        if not words or words[0].low not in self.lex.PHRASE_PREPOSITIONS:
            return []
        for j, w in enumerate(words[1:13], start=1):
            if w.text in ",;:.":
                break
            if words[j - 1].low in self.lex.CONNECTORS or words[j - 1].low in _ADDRESSEE_PREPS:
                continue  # "adressé à Reuters": a complement, not a subject
            if w.is_cap or w.low in self.lex.DETERMINERS:
                np = self._np_forward(words, j)
                if np and self.names_a_speaker(np) and (np[0].is_cap or self._role_head(self._strip_det(np))):
                    return np
        return []

    def names_a_speaker(self, words: list[Word]) -> bool:
        """Is the phrase a person or a source ("le secrétaire général", "a defence official", "Jane Roe")?"""
        body = self._strip_det(words)
        return bool(body) and bool(self._role_head(body) or self._name_in(body)[0] or body[0].low in self.lex.SOURCE_NOUNS)

    def _role_head(self, body: list[Word]) -> str:
        """The role noun heading an unnamed phrase: "la porte-parole de la police", "the coast guard spokesman"."""
        if self.lang == "en":
            k = next((i for i, w in enumerate(body) if w.low in self.lex.CONNECTORS), len(body))
            return self._role_of(body[k - 1 : k]) if k else ""
        # French heads come first, after an optional capitalised modifier ("le Premier ministre")
        first = next((w for w in body[:2] if not w.is_cap), None)
        return self._role_of([first]) if first is not None else ""

    def _document_source(self, body: list[Word]) -> list[Word]:
        """ "les chiffres publiés mercredi par Sciensano" -> Sciensano; "a Defense Department statement" ->
        Defense Department; "un communiqué du ministère" -> ministère."""
        docs = self.lex.DOCUMENT_NOUNS
        if body[0].low in docs:
            for k in range(1, len(body) - 1):
                if body[k].low in self.lex.CONNECTORS:
                    return body[k:]
            m = _BY_SOURCE.match(self.text, body[-1].end)
            if m and all(_PARTICIPLE_WORD.match(w) for w in self.text[body[-1].end : m.end()].split()[:-1]):
                # "les chiffres publiés mercredi par Sciensano", never "the report found that … of all…"
                return self.read_forward(m.end(), min(len(self.text), m.end() + 150))
        elif len(body) > 1 and body[-1].low in docs and any(w.is_cap for w in body[:-1]):
            return body[:-1]  # "un sondage Ipsos" is Ipsos's; "les premières estimations" are nobody's
        return []

    def _org_name(self, body: list[Word], phrase: str) -> str:
        """ "le gestionnaire de réseau Resa" -> "Resa"; "l'agence fédérale … (Fedasil)" -> "Fedasil"."""
        alias = self._aliases.get(phrase.lower())
        if alias is None:
            alias = next((v for k, v in self._aliases.items() if k.startswith(phrase.lower() + " ")), None)
        if alias:
            return alias
        k = len(body)
        while k > 0 and body[k - 1].is_cap:
            k -= 1
        prev = body[k - 1] if 0 < k < len(body) else None
        if (
            prev
            and not prev.is_cap
            and prev.low not in self.lex.CONNECTORS
            and prev.low not in self.lex.DETERMINERS
        ):
            return self.text[body[k].start : body[-1].end]
        return phrase

    def _role_of(self, body: list[Word]) -> str:
        for w in body:
            if w.low in _ROLE_ABBREVIATIONS:
                return _ROLE_ABBREVIATIONS[w.low]
            if w.is_cap and self.lang != "en":
                continue  # French capitalises names, not roles ("le Premier ministre": the role is "ministre")
            if w.low in self.lex.PERSON_ROLES:
                return w.low
            parts = [p for p in w.low.split("-") if p in self.lex.PERSON_ROLES]
            if len(parts) and "-" in w.low:
                return parts[-1]
        return ""

    def _name_in(self, body: list[Word]) -> tuple[str, str]:
        """The person name inside a phrase, and the gender its title gives ("M. Guerini" -> "m")."""
        title_gender = ""
        best = ""
        i = 0
        n = len(body)
        while i < n:
            w = body[i]
            if w.text in self.lex.TITLES:
                title_gender = self.lex.TITLES[w.text]
                run = self._cap_run(body, i + 1, after_title=True)
                if run:
                    return self._join(run), title_gender
                i += 1
                continue
            if w.is_cap and w.low not in self.lex.DETERMINERS:
                run = self._cap_run(body, i)
                after_connector = i > 0 and (
                    body[i - 1].low in self.lex.CONNECTORS
                    or (
                        body[i - 1].low in self.lex.DETERMINERS
                        and i > 1
                        and body[i - 2].low in self.lex.CONNECTORS
                    )
                )
                cand = list(run)
                if after_connector and cand:
                    cand = cand[1:]  # "ministre de la Défense Lorenzo Guerini": "Défense" is the complement
                # "French President Emmanuel Macron": the name follows the last role word.
                for k in range(len(cand) - 1, -1, -1):
                    if self._is_role_word(cand[k]) or cand[k].low in self.lex.INSTITUTIONS:
                        cand = cand[k + 1 :]
                        break
                if cand and self._looks_like_name(cand, body, i):
                    best = self._join(cand)
                i += max(1, len(run))
                continue
            i += 1
        return best, title_gender

    def _is_role_word(self, w: Word) -> bool:
        roles = self.lex.PERSON_ROLES | self.lex.ROLE_MODIFIERS
        return w.low in roles or any(p in roles for p in w.low.split("-"))

    def _looks_like_name(self, cand: list[Word], body: list[Word], i: int) -> bool:
        if any(w.low in self.lex.INSTITUTIONS for w in cand):
            return False
        start, end = cand[0].start, cand[-1].end
        if any(a < end and start < b for a, b in self._per_spans):
            return True
        after_role = i > 0 and any(self._is_role_word(w) or w.text in self.lex.TITLES for w in body[:i])
        # Acronyms ("SPF Santé") and what the tagger calls an organisation or a place are not persons.
        if any(len(w.text) > 1 and w.text.isupper() for w in cand):
            return False
        if not after_role and any(a < end and start < b for a, b in self._other_spans):
            return False
        if len(cand) >= 2:
            return True
        # A single capitalised word is a name only after a role ("le président Macron") or when known.
        if any(p.name.split()[-1] == cand[0].text for p in self._persons.values()):
            return True
        return after_role

    def _cap_run(self, body: list[Word], i: int, after_title: bool = False) -> list[Word]:
        run: list[Word] = []
        while i < len(body):
            w = body[i]
            if w.is_cap and w.text not in self.lex.TITLES and w.low not in self.lex.DETERMINERS:
                run.append(w)
                i += 1
                continue
            # "Ursula von der Leyen", "Mme von der Leyen": lower-case particles join inside a name already
            # started, or right after a title, when a capitalised word closes them
            k = i
            while k < len(body) and k - i < 3 and body[k].low in _NAME_PARTICLES and body[k].text.islower():
                k += 1
            if k > i and k < len(body) and body[k].is_cap and (run or after_title):
                run.extend(body[i:k])
                i = k
                continue
            break
        return run

    def _join(self, run: list[Word]) -> str:
        return self.text[run[0].start : run[-1].end]

    def spoke(self, name: str | None, pos: int) -> None:
        """Record that `name` is quoted at `pos`: an incise's pronoun refers to the speaker before it."""
        if name:
            self._spoken.append((pos, name))

    def _last_speaker(self, pos: int, gender: str, number: str) -> Mention | None:
        """The latest earlier speaker whose mention agrees in gender and number."""
        names = [n for p, n in self._spoken if p < pos]
        for name in reversed(names[-3:]):
            for m in self._before(pos):
                if m.speaker == name:
                    if m.number == number and (m.kind == "person" or number == "plur") and (
                        not gender or m.gender in ("", gender)
                    ):
                        return m
                    break
        return None

    def resolve_pronoun(self, pronoun: str, pos: int, incise: bool = False) -> Speaker:
        gender, number = self.lex.PRONOUNS.get(pronoun.lower(), ("", "sing"))
        if incise and gender not in ("x", "n"):
            # "« … », a-t-il ajouté": the pronoun of an incise keeps the speaker being quoted
            m = self._last_speaker(pos, gender, number)
            if m is not None:
                if m.person is not None and not m.person.gender and gender in ("m", "f"):
                    m.person.gender = gender  # "a-t-elle ajouté" tells the speaker is a woman
                return Speaker(m.speaker, m.kind)
        if gender == "x":  # French "on": nobody in particular
            return UNATTRIBUTED
        if gender == "n":  # English "it": the last institution
            for m in self._before(pos):
                if m.kind == "organisation":
                    return Speaker(m.speaker, "organisation")
            return UNATTRIBUTED
        if number == "plur":
            for m in self._before(pos):
                if m.number == "plur":
                    return Speaker(m.speaker, m.kind)
            return UNATTRIBUTED
        for m in self._before(pos):
            if m.kind == "person" and m.number == "sing" and (not gender or m.gender in ("", gender)):
                return Speaker(m.speaker, "person")
        return UNATTRIBUTED
