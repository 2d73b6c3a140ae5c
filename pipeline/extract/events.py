"""Events: what happened, who did it to whom, where and when — from trigger words and the dependency parse.

Trigger-span convention: a verbal trigger spans its auxiliaries and the verb, plus a date word that follows it
directly ("a annoncé mardi", "ont été arrêtés"); a nominal trigger spans the noun with a glued elided article
("l'assassinat") and the fixed words that continue it ("conversation téléphonique", "tirs de mortier"), not
other determiners ("plusieurs"). Vocabulary and roles live in lexicon/events_*.py. French uses the parser
(nsubj / obj / obl:agent, "de"-complements of nominal triggers); English runs on a sentencizer only, so its
roles come from word order and are left empty when unclear.

Dates: a day expression attached to the trigger's clause, resolved against the anchor (future tense looks
forward). A French main-clause event told in the perfect with no day of its own is the day's news and takes
the anchor; background events ("après l'assassinat…"), pluperfect, present-tense stances and English events
without a stated day stay null. Places: a named place introduced by a locative preposition inside the
trigger's phrase, else in its governing clause, else the country of a national institution acting
("le Parlement irakien"), else — for the day's news — the dateline city; places under a topic ("sur la
situation en Irak") do not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from pipeline.extract.dates import (
    DateMention,
    anchor_date,
    dateline_city,
    find_dates,
    resolve_weekday,
)
from pipeline.extract.lexicon import events_en as EN
from pipeline.extract.lexicon import events_fr as FR
from pipeline.extract.lexicon.events_time import RELATIVE_DAYS, WEEKDAYS
from pipeline.extract.lexicon.events_types import DE_COMPLEMENT_ROLE, TARGET_SLOTS
from pipeline.extract.places import Place, country_of_demonym, fold, lookup_place
from pipeline.extract.speakers import SpeakerResolver
from pipeline.extract.statements import find_quotes
from pipeline.models import Event, Figure, Statement

# How far (in tokens) a nominal trigger's phrase runs on to the right along its prepositional chain
# ("l'assassinat d'un général iranien dans un raid américain près de Bagdad").
NOMINAL_REACH = 12
# How far (in tokens) an English trigger looks for its date and place inside the sentence.
EN_WINDOW = 12

_FR_CLAUSE_DEPS = {"ccomp", "advcl", "xcomp", "acl:relcl", "parataxis", "conj", "csubj"}
_SUBJECTS = {"nsubj", "nsubj:pass"}
_PRONOUNS = {"il", "elle", "ils", "elles", "on", "lui", "eux", "he", "she", "they", "it", "we", "i"}
_TITLES = re.compile(r"^(?:M\.|Mme|Mlle|Me|Dr|Mr\.?|Mrs\.?|Ms\.?)\s+")
# "Thousands of protesters": the quantity is not part of who acted.
_QUANTITY_OF = re.compile(
    r"^(?:(?:tens of |hundreds of )?(?:thousands|hundreds|dozens|scores|millions)|some|many|several) of ", re.I
)
_DATELINE_COUNTRY = re.compile(r",\s*([A-ZÀ-Ý][\w'’. -]{1,40}?)\s*\(")
# Happenings without an agent: the train that derailed is what it happened to, not an actor.
_NO_AGENT = {"accident", "disaster"}
# Verbal acts whose place is not where the story was filed: a dateline says nothing about them.
_SPEECH_TYPES = {"accuse", "reject", "threaten"}
# What is demanded or threatened has not happened: a nominal trigger as their object is no event.
_UNREALISED_BY = {"demand", "threaten", "reject"}
_NOT_LOCATIVE_BEFORE = {
    "face",
    "grâce",
    "quant",
    "rapport",
    "suite",
    "appel",
    "recours",
    "opposé",
    "opposée",
    "opposés",
    "favorable",
    "hostile",
    "aide",
    "soutien",
    "victoire",
    "défaite",
    "match",
}
_TIME_WORDS = {w for table in (*WEEKDAYS.values(), *RELATIVE_DAYS.values()) for w in table}
# French future and conditional endings: the small tagger often marks "organiseront" as present.
_FUTURE_ENDINGS = ("ront", "rons", "rez", "ra", "rai", "ras", "rait", "raient")
_INSTRUMENTS = {
    "raid",
    "frappe",
    "attaque",
    "opération",
    "bombardement",
    "drone",
    "missile",
    "armée",
    "force",
    "troupe",
    "soldat",
    "avion",
    "hélicoptère",
    "tir",
    "offensive",
}


@dataclass(slots=True)
class _Trigger:
    type: str
    head: Token
    start: int
    end: int
    nominal: bool
    light: Token | None = None
    phrase: set[int] = field(default_factory=set)
    absorbed: list[_Trigger] = field(default_factory=list)


@dataclass(slots=True)
class _PlaceMention:
    span: Span
    name: str
    place: Place | None


# ---------------------------------------------------------------- entry point


def find_events(
    doc: Doc, lang: str, published: date | None, statements: list[Statement], figures: list[Figure]
) -> list[Event]:
    """Events in `doc`, in text order; dates resolved against `published` or the text's dateline."""
    anchor = anchor_date(_text(doc), published)
    dates = find_dates(_text(doc), anchor, lang)
    places = _place_mentions(doc, lang)
    body_start = _headline_end(_text(doc))
    quotes = find_quotes(_text(doc))
    if lang == "fr" and doc.has_annotation("DEP"):
        triggers = [
            t
            for t in _merge(_french_triggers(doc, dates))
            if t.start >= body_start and not _quoted(t, quotes) and not _french_unreal(t)
        ]
        triggers = _drop_harm_of_disasters(_drop_definite_repeats(triggers))
        resolver = _LazyResolver(doc, lang, quotes)
        events = [_french_event(doc, t, triggers, dates, places, statements, anchor, resolver) for t in triggers]
    else:
        triggers = [
            t
            for t in _english_triggers(doc, dates)
            if t.start >= body_start and not _quoted(t, quotes) and not _english_unreal(doc, t)
        ]
        resolver = _LazyResolver(doc, lang, quotes)
        events = [_english_event(doc, t, triggers, dates, places, statements, resolver) for t in triggers]
    for event, trig in zip(events, triggers, strict=True):
        event.planned = _future(trig) if lang == "fr" and doc.has_annotation("DEP") else _english_planned(doc, trig)
    _date_current_events(events, triggers, lang, anchor)
    _place_at_dateline(events, triggers, doc, lang)
    for event in events:
        if event.actor and _is_date_or_number(event.actor, dates) or event.type in _NO_AGENT:
            event.actor = None
        event.summary = _summary(event)
    return events


def _drop_definite_repeats(triggers: list[_Trigger]) -> list[_Trigger]:
    """ "un séisme … le séisme": a noun named again with a definite article refers back to the event already
    told; each new mention ("une autre frappe") still counts."""
    seen: set[str] = set()
    kept = []
    for t in triggers:
        key = t.head.lemma_.lower()
        definite = any(c.dep_ == "det" and c.lower_ in FR.DEFINITE_DETERMINERS for c in t.head.children)
        if not (t.nominal and key in seen and (definite or _text(t.head.doc)[t.start : t.start + 2] in FR.ELIDED)):
            kept.append(t)
        if t.nominal:
            seen.add(key)
    return kept


def _drop_harm_of_disasters(triggers: list[_Trigger]) -> list[_Trigger]:
    """ "dix personnes ont été tuées par le séisme": the dead belong to the disaster, not to an assault."""
    hit = {t.head.sent.start for t in triggers if t.type in _NO_AGENT}
    return [
        t
        for t in triggers
        if t.nominal or t.head.lemma_.lower() not in FR.HARM_VERBS or t.head.sent.start not in hit
    ]


class _LazyResolver:
    """The speakers' resolver, built on first use (its prescan costs as much as the event search itself), or
    the statement finder's own when it left one in `doc.user_data["speaker_resolver"]`."""

    def __init__(self, doc: Doc, lang: str, quotes: list[tuple[int, int]]) -> None:
        self._args = (doc, lang, quotes)
        self._resolver: SpeakerResolver | None = doc.user_data.get("speaker_resolver")

    def get(self) -> SpeakerResolver:
        if self._resolver is None:
            self._resolver = SpeakerResolver(*self._args)
        return self._resolver


def _quoted(trig: _Trigger, quotes: list[tuple[int, int]]) -> bool:
    """Inside quote marks: the speaker's words, not the story's narration of an event."""
    return any(a < trig.start < b for a, b in quotes)


def _french_unreal(trig: _Trigger) -> bool:
    """Negated, conditional or hypothetical: « rien n'est encore décidé », « une grève pourrait avoir lieu »,
    « si les talks échouent, ils manifesteront »."""
    verb = trig.head if not trig.nominal else (trig.light or _governing_verb(trig.head))
    if trig.nominal and _negated(trig.head, FR.NEGATIONS):
        return True  # "aucune attaque"
    if verb is None:
        return False
    clause = [verb] + [c for c in verb.children if c.dep_.startswith("aux")]
    if verb.dep_ == "xcomp":
        clause.append(verb.head)
    if any(t.morph.get("Mood") in (["Cnd"], ["Sub"]) for t in clause):
        return True  # "pourrait", "demandent qu'ils soient condamnés"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in FR.HYPOTHETICAL_VERBS:
        return True
    for t in clause:
        words = {c.lower_ for c in t.children}
        if _negated(t, FR.NEGATIONS) or any(
            c.dep_ in _SUBJECTS | {"obj"} and c.lower_ in FR.NEGATIVE_SUBJECTS for c in t.children
        ):
            return True
        if words & {"ne", "n'", "n’"} and words & (FR.NEGATIVE_SUBJECTS | {"plus", "guère", "point"}):
            return True  # "n'a arrêté personne", "ne manifestent plus"
    node = verb
    for _ in range(4):  # the event's clause or one that governs it opens with "si"
        if any(c.dep_ == "mark" and c.lower_ in ("si", "s'") for c in node.children):
            return True
        if any(
            c.dep_ == "advcl" and any(k.dep_ == "mark" and k.lower_ in ("si", "s'") for k in c.children)
            for c in node.children
        ) and _future_tense(node):
            return True  # "si … , ils manifesteront": the main clause of a condition
        if node.head.i == node.i or node.dep_ not in _FR_CLAUSE_DEPS | {"xcomp"}:
            break
        node = node.head
    return False


def _future_tense(verb: Token) -> bool:
    return verb.morph.get("Tense") == ["Fut"] or (
        "Fin" in verb.morph.get("VerbForm") and verb.lower_.endswith(("ront", "ra")) and verb.lower_ != verb.lemma_
    )


def _english_unreal(doc: Doc, trig: _Trigger) -> bool:
    """ "would meet", "could strike", "did not attack", "if talks fail…": not (yet) events."""
    i = trig.head.i
    before = [t.lower_ for t in doc[max(trig.head.sent.start, i - 3) : i]]
    if any(w in EN.NEGATIONS or w in EN.HYPOTHETICAL_MODALS for w in before):
        return True
    after = [t.lower_ for t in doc[i + 1 : min(trig.head.sent.end, i + 3)]]
    if trig.nominal and any(w in EN.HYPOTHETICAL_MODALS for w in after):
        return True  # "a storm could hit"
    clause_start = trig.head.sent.start
    return any(t.lower_ in EN.CONDITIONALS for t in doc[clause_start:i])


def _english_planned(doc: Doc, trig: _Trigger) -> bool:
    """ "will meet", "is to visit", "is set to sign", "a summit planned for…", "next week's talks"."""
    i = trig.head.i
    before = " ".join(t.lower_ for t in doc[max(trig.head.sent.start, i - 4) : i])
    after = " ".join(t.lower_ for t in doc[i + 1 : min(trig.head.sent.end, i + 4)])
    return any(m in f" {before} " for m in EN.FUTURE_BEFORE) or any(m in f" {after} " for m in EN.FUTURE_AFTER)


def _text(doc: Doc) -> str:
    """`doc.text`, built once per document: spaCy joins every token on each access."""
    cached = doc.user_data.get("events_text")
    if cached is None:
        cached = doc.user_data["events_text"] = doc.text
    return cached


def _headline_end(text: str) -> int:
    """Where the body starts: after a first line that is a headline (no final punctuation, blank line after)."""
    m = re.match(r"[ \t]*([^\n]{1,200})\n[ \t]*\n", text)
    if m is None or m[1].rstrip()[-1:] in '.!?»"”':
        return 0
    return m.end()


def _is_date_or_number(name: str, dates: list[DateMention]) -> bool:
    folded = fold(name)
    return not re.search(r"[^\W\d]", name) or any(fold(d.text) in folded for d in dates if len(d.text) > 3)


def _place_at_dateline(events: list[Event], triggers: list[_Trigger], doc: Doc, lang: str) -> None:
    """A story's own news with no place in its sentence happened at the dateline ("LIÈGE, 6 févr. (Belga)")."""
    span = dateline_city(_text(doc))
    if span is None:
        return
    text = _text(doc)
    city = text[span[0] : span[1]]
    # "TAIPEI/YILAN, Taiwan (Reuters) –": the country the dateline names covers the story's cities
    country = _DATELINE_COUNTRY.match(text, span[1])
    if country is not None and lookup_place(country[1], lang) is not None:
        name = country[1]
    elif lookup_place(city, lang) is not None or city.isupper():
        name = city.title() if city.isupper() else city
    else:
        return
    for event, trig in zip(events, triggers, strict=True):
        current = _main_clause_now(trig, lang) or (lang != "fr" and event.date is not None)
        if event.place is None and event.type not in _SPEECH_TYPES and current:
            event.place = name


# ---------------------------------------------------------------- triggers (French)


def _french_triggers(doc: Doc, dates: list[DateMention]) -> list[_Trigger]:
    found = []
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX") and (etype := _verb_type(tok)):
            start, end = _verb_span(tok, dates)
            found.append(_Trigger(etype, tok, start, end, nominal=False, phrase={t.i for t in tok.subtree}))
        elif tok.pos_ == "NOUN" and (etype := _noun_type(tok)):
            start, end, ext = _noun_span(doc, tok)
            trig = _Trigger(etype, tok, start, end, nominal=True, light=_light_verb(tok))
            trig.phrase = {t.i for t in tok.subtree} | _rightward_chain(doc, tok) | ext
            found.append(trig)
    return found


# Endings of -er verbs, to recover a lemma the lemmatizer missed ("réclame" → "réclamer").
_ER_ENDINGS = (
    "eraient",
    "erait",
    "eront",
    "era",
    "aient",
    "ait",
    "ant",
    "ent",
    "ons",
    "ez",
    "ées",
    "és",
    "ée",
    "é",
    "es",
    "e",
)


def _verb_lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    if lemma in FR.VERBS or f"s'{lemma}" in FR.VERBS or f"se {lemma}" in FR.VERBS:
        return lemma
    word = tok.lower_
    for ending in _ER_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            guess = word[: -len(ending)] + "er"
            if guess in FR.VERBS or f"s'{guess}" in FR.VERBS or f"se {guess}" in FR.VERBS:
                return guess
    return lemma


def _verb_type(tok: Token) -> str | None:
    lemma = _verb_lemma(tok)
    reflexive = any(c.lemma_.lower() == "se" for c in tok.children)
    etype = (FR.VERBS.get(f"s'{lemma}") or FR.VERBS.get(f"se {lemma}")) if reflexive else None
    etype = etype or FR.VERBS.get(lemma)
    if lemma in FR.CONVICTION_ATTRIBUTES and any(
        c.lemma_.lower() in FR.CONVICTION_ATTRIBUTES[lemma] for c in tok.children
    ):
        etype = "convict"  # "reconnu coupable"
    if etype is None or _negated(tok, FR.NEGATIONS):
        return None
    passive = any(c.dep_ == "aux:pass" or c.dep_ == "obl:agent" for c in tok.children)
    if lemma in FR.PASSIVE_ONLY and not passive or lemma in FR.NOT_PASSIVE and passive:
        return None
    subjects = [c for c in tok.children if c.dep_ in _SUBJECTS]
    if lemma in FR.VERB_REQUIRES_SUBJECT and not any(
        c.lemma_.lower() in FR.VERB_REQUIRES_SUBJECT[lemma] for c in subjects
    ):
        return None
    if etype == "assault" and any(c.lemma_.lower() in FR.FORCE_OF_NATURE for c in subjects):
        return None  # "un séisme a frappé": the disaster is the event
    if "Inf" in tok.morph.get("VerbForm") and not _scheduled_infinitive(tok):
        return None  # "pour réclamer", "de demander": not (yet) an event
    participle = "Part" in tok.morph.get("VerbForm")
    if participle and tok.morph.get("Tense") == ["Pres"] and tok.dep_ not in ("ROOT", "conj"):
        return None  # "…, refusant de commenter": a circumstance of the clause, not an event of its own
    attribute = (
        participle and tok.dep_ in ("acl", "amod") and not any(c.dep_.startswith("aux") for c in tok.children)
    )
    complemented = etype == "convict" and any(c.dep_.startswith("obl") for c in tok.children)
    if attribute and not complemented and not any(c.dep_ == "obl:agent" for c in tok.children):
        return None  # "les arbres abattus", "l'homme accusé": an attribute, not the telling of an event
    excluded = FR.VERB_EXCLUDES_OBJECT.get(lemma)
    if excluded is not None:
        objs = [c for c in tok.children if c.dep_ in ("obj", "nsubj:pass") and c.lower_ not in _TIME_WORDS]
        if any(o.lemma_.lower() in excluded for o in objs):
            return None
    needed = FR.VERB_REQUIRES_OBJECT.get(lemma)
    if needed is not None:
        objs = [
            c
            for c in tok.children
            if c.dep_ in ("obj", "nsubj:pass", "xcomp") and c.lower_ not in _TIME_WORDS
        ]
        if not any(o.lemma_.lower() in needed or ("<PROPN>" in needed and o.pos_ == "PROPN") for o in objs):
            return None
    return etype


def _scheduled_infinitive(tok: Token) -> bool:
    """ "doit se réunir", "va annoncer": an infinitive told as to come is a (planned) event."""
    head = tok.head
    return (
        tok.dep_ == "xcomp"
        and head.lemma_.lower() in FR.SCHEDULING_VERBS
        and head.morph.get("Mood") != ["Cnd"]
    )


def _noun_type(tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    etype = FR.NOUNS.get(lemma) or FR.NOUNS.get(tok.text.lower())
    if lemma in FR.NOUNS_NEED_VERB:
        etype, verbs = FR.NOUNS_NEED_VERB[lemma]
        if tok.head.lemma_.lower() not in verbs:
            return None
    if etype is None:
        return None
    if tok.text[:1].isupper() and not tok.is_sent_start:
        return None  # part of a name: "Rassemblement national"
    if any(c.dep_ == "det" and c.lower_ in FR.ANAPHORIC_DETERMINERS for c in tok.children):
        return None  # "cette annonce": an event already told
    before = FR.NOUN_REQUIRES_PREVIOUS.get(lemma)
    if before is not None and (tok.i == 0 or tok.nbor(-1).lower_ not in before):
        return None
    needed = FR.NOUN_REQUIRES_NEXT.get(lemma)
    if needed is not None and _light_verb(tok) is None:  # "a infligé une sanction" needs no qualifier
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is None or (nxt.lower_ not in needed and nxt.lemma_.lower() not in needed):
            return None
    return etype


def _object_fits(obj: Token, needed: frozenset[str]) -> bool:
    return (
        obj.lemma_.lower() in needed
        or ("<PROPN>" in needed and obj.pos_ == "PROPN")
        or ("<NOUN>" in needed and obj.pos_ in ("NOUN", "PROPN"))
    )


def _negated(tok: Token, negations: Iterable[str]) -> bool:
    return any(c.lower_ in negations and c.dep_ in ("advmod", "det", "cc") for c in tok.children)


def _verb_span(tok: Token, dates: list[DateMention]) -> tuple[int, int]:
    auxes = [c for c in tok.children if c.dep_.startswith("aux") and c.i < tok.i and c.i >= tok.i - 4]
    start = min([tok.idx] + [a.idx for a in auxes])
    end = tok.idx + len(tok.text)
    return start, _absorb_date(_text(tok.doc), end, dates)


def _absorb_date(text: str, end: int, dates: list[DateMention]) -> int:
    """Extend a trigger over a weekday or day written right after it ("a annoncé mardi")."""
    for mention in dates:
        if mention.start >= end and text[end : mention.start].strip() == "" and mention.start - end <= 2:
            return mention.end
    return end


def _noun_span(doc: Doc, tok: Token) -> tuple[int, int, set[int]]:
    start = tok.idx
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.lower_ in ("l'", "l’") and prev.idx + len(prev.text) == tok.idx:
        start = prev.idx
    end = tok.idx + len(tok.text)
    ext: set[int] = set()
    following = _text(doc)[end:]
    for phrase in sorted(FR.NOUN_EXTENSIONS.get(tok.lemma_.lower(), ()), key=len, reverse=True):
        m = re.match(r"\s+" + re.escape(phrase).replace(r"\ ", r"\s+") + r"(?!\w)", following, re.I)
        if m:
            new_end = end + m.end()
            ext = {t.i for t in doc if end <= t.idx < new_end}
            end = new_end
            break
    return start, end, ext


def _light_verb(tok: Token) -> Token | None:
    head = tok.head
    bare_oblique = tok.dep_.startswith("obl") and not any(c.dep_ == "case" for c in tok.children)
    carried = (tok.dep_ in ("obj", "nsubj", "nsubj:pass", "obl:arg") or bare_oblique) and head.pos_ in (
        "VERB",
        "AUX",
    )
    return head if carried and head.lemma_.lower() in FR.LIGHT_VERBS else None


def _rightward_chain(doc: Doc, tok: Token) -> set[int]:
    """Tokens after a nominal trigger's subtree up to the next verb or punctuation: its modifiers that the
    parser attached elsewhere ("l'assassinat … dans un raid américain près de Bagdad")."""
    last = max(t.i for t in tok.subtree)
    out = set()
    for t in doc[last + 1 : min(len(doc), last + 1 + NOMINAL_REACH)]:
        if t.is_sent_start or t.pos_ in ("VERB", "AUX", "PUNCT", "SCONJ", "CCONJ", "PRON"):
            break
        out.add(t.i)
    return out


def _merge(triggers: list[_Trigger]) -> list[_Trigger]:
    """One event per happening: a nominal trigger inside another trigger's phrase of the same type
    ("assassinat … dans un raid") or carried by a verbal trigger ("a lancé une attaque" is not a light verb
    case when "lancer" itself triggered) is folded into it."""
    kept: list[_Trigger] = []
    verbal = {t.head.i: t for t in triggers if not t.nominal}
    for trig in triggers:
        governor = verbal.get(trig.head.head.i)
        if (
            trig.nominal
            and governor is not None
            and governor.type in _UNREALISED_BY
            and trig.head.dep_ == "obj"
        ):
            continue
        outer = next(
            (
                o
                for o in triggers
                if o is not trig
                and trig.nominal
                and o.type == trig.type
                and trig.head.i in o.phrase
                and (o.head.i not in trig.phrase or not o.nominal)
                # "ont été tués dans une attaque": the killing and the attack are two events
                and (o.nominal or trig.head.dep_ in ("obj", "nsubj", "nsubj:pass"))
            ),
            None,
        )
        if outer is not None:
            outer.absorbed.append(trig)
            outer.phrase |= trig.phrase
        else:
            kept.append(trig)
    return kept


# ---------------------------------------------------------------- roles (French)


def _french_event(
    doc: Doc,
    trig: _Trigger,
    triggers: list[_Trigger],
    dates: list[DateMention],
    places: list[_PlaceMention],
    statements: list[Statement],
    anchor: date | None,
    resolver: _LazyResolver,
) -> Event:
    if trig.nominal:
        actor_tok, target_tok, actor_name = _nominal_roles(trig)
    else:
        actor_tok, target_tok = _verbal_roles(trig.head, trig.type)
        actor_name = None
    actor = actor_name or _np_text(actor_tok)
    if actor_name is None and actor_tok is not None and actor_tok.pos_ in ("NOUN", "PROPN", "PRON"):
        # the speakers' resolver: "il" → the last man named, "le secrétaire général, Jean X" → Jean X
        resolved = _resolve_french(resolver, actor_tok)
        if resolved:
            actor = resolved
    if actor is None or fold(actor) in _PRONOUNS or actor[:1].islower():
        actor = _speaker_near(trig, statements) or (
            None if actor is None or fold(actor) in _PRONOUNS else actor
        )
    passive = not trig.nominal and any(c.dep_ == "aux:pass" for c in trig.head.children)
    if actor is None and trig.type not in _NO_AGENT | {"assault"} and not passive:
        actor = _speaker_of_sentence(trig, statements)
    target = _np_text(target_tok)
    if target and actor_tok is not None and target_tok is not None:
        target = _same_country_institution(target_tok, target, actor_tok)
    return Event(
        type=trig.type,
        trigger=_text(doc)[trig.start : trig.end],
        start=trig.start,
        end=trig.end,
        actor=actor,
        target=target if target != actor else None,
        date=_french_date(doc, trig, triggers, dates, anchor),
        place=_french_place(trig, triggers, places, actor_tok),
    )


def _verbal_roles(verb: Token, etype: str) -> tuple[Token | None, Token | None]:
    kids = [c for c in verb.children if c.lower_ not in _TIME_WORDS]
    by_dep = {}
    for c in kids:
        by_dep.setdefault(c.dep_, c)
    passive = "nsubj:pass" in by_dep or any(c.dep_ == "aux:pass" for c in kids)
    actor = by_dep.get("obl:agent") if passive else by_dep.get("nsubj")
    target = by_dep.get("nsubj:pass") if passive else None
    if actor is not None and actor.lower_ in ("qui", "que"):
        actor = _antecedent(verb)
    obj = by_dep.get("obj")
    if obj is None and "xcomp" in by_dep and by_dep["xcomp"].pos_ == "PROPN":
        obj = by_dep["xcomp"]  # "a battu Anderlecht": a name the parser took for a predicate
    if actor is None and not passive and obj is not None and obj.i > verb.i and _is_incise(verb):
        actor, obj = obj, None  # inverted subject: "…, a annoncé mardi le ministère"
    if actor is None and verb.dep_ in ("xcomp", "conj"):
        actor = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if target is None:
        for slot in TARGET_SLOTS.get(etype, ()):
            target = _slot(kids, slot, obj)
            if target is not None:
                break
    if target is not None and target.pos_ in ("VERB", "AUX", "SCONJ"):
        target = None
    return actor, target


def _antecedent(verb: Token) -> Token | None:
    """The noun a relative clause hangs on ("Dirk Wouters, qui réclame…" → Dirk Wouters)."""
    node = verb.head
    for _ in range(3):
        if node.pos_ in ("NOUN", "PROPN"):
            return node
        if node.head.i == node.i:
            break
        node = node.head
    return None


def _is_incise(verb: Token) -> bool:
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    while before is not None and before.dep_.startswith("aux"):
        before = verb.doc[before.i - 1] if before.i > 0 else None
    clause_before = any(c.i < verb.i and c.dep_ in _FR_CLAUSE_DEPS | {"obj"} for c in verb.children)
    return (before is not None and before.text in (",", "«", "»", '"')) or clause_before


def _slot(kids: list[Token], slot: str, obj: Token | None) -> Token | None:
    if slot == "obj":
        return obj
    if slot == "iobj":
        return next((c for c in kids if c.dep_ == "iobj"), None)
    for c in kids:
        if c.dep_.startswith(("obl", "nmod")) and any(
            k.dep_ == "case" and k.lower_ == slot for k in c.children
        ):
            return c
    return None


def _nominal_roles(trig: _Trigger) -> tuple[Token | None, Token | None, str | None]:
    noun = trig.head
    doc = noun.doc
    actor: Token | None = None
    target: Token | None = None
    actor_name: str | None = None
    extension = {t.i for t in doc if trig.start <= t.idx < trig.end}
    for c in noun.children:
        if c.i in extension:
            continue
        cases = {k.lower_ for k in c.children if k.dep_ in ("case", "fixed")}
        if cases & {"contre", "against"}:
            target = c
        elif cases & {"par"} or "part" in cases:
            actor = c
        elif cases & {"avec", "entre"} and trig.type in ("consult", "agree"):
            target = c
        elif cases & {"de", "d'", "du", "des"} and c.pos_ in ("NOUN", "PROPN"):
            role = DE_COMPLEMENT_ROLE.get(trig.type)
            determined = (
                c.pos_ == "PROPN" or cases & {"du", "des"} or any(k.dep_ == "det" for k in c.children)
            )
            if role == "actor" and not determined:
                continue  # "réunion de conciliation": a kind, not who met
            if role == "target" and target is None:
                target = c
            elif role == "actor" and actor is None:
                actor = c
    if actor is None:
        # "un raid américain", "l'attaque russe": a nationality adjective names who acted
        instruments = [noun] + [t for a in trig.absorbed for t in (a.head,)]
        instruments += [doc[i] for i in sorted(trig.phrase) if doc[i].lemma_.lower() in _INSTRUMENTS]
        for inst in instruments:
            adj = next(
                (c for c in inst.children if c.dep_ == "amod" and country_of_demonym(c.text, "fr")), None
            )
            if adj is not None:
                place = country_of_demonym(adj.text, "fr")
                actor_name = place.name_fr if place else None
                break
    carrier = trig.light or (noun.head if noun.dep_ == "obj" and noun.head.pos_ == "VERB" else None)
    if actor is None and actor_name is None and carrier is not None:
        actor = next((c for c in carrier.children if c.dep_ == "nsubj"), None)
        if actor is not None and actor.lower_ in ("qui", "que"):
            actor = _antecedent(carrier)
    if target is None and trig.light is not None and trig.type in ("consult", "agree", "aid"):
        slots = ("avec", "with") if trig.type != "aid" else ("à", "au", "aux")
        for slot in slots:
            target = target or _slot(list(trig.light.children), slot, None)
    return actor, target, actor_name


_NP_DEPS = {"amod", "flat:name", "flat", "fixed", "compound", "nummod", "flat:foreign"}


def _np_text(tok: Token | None) -> str | None:
    """The name of an argument: a person's full name when one is in the phrase, else the noun phrase
    without its determiner, relative clauses or trailing apposition."""
    if tok is None:
        return None
    if tok.pos_ == "PRON":
        return tok.text
    person = _person_in(tok)
    if person is not None:
        return _resolve_surname(person)
    doc = tok.doc
    keep = {tok.i}
    for c in tok.children:
        if c.dep_ in _NP_DEPS:
            keep |= {t.i for t in c.subtree}
        elif c.dep_ == "nmod" and any(k.lower_ in ("de", "d'", "du", "des") for k in c.children):
            sub = [t.i for t in c.subtree]
            if len(sub) <= 5:
                keep |= set(sub)
    phrase = doc[min(keep) : max(keep) + 1]
    if tok.ent_type_ and tok.ent_iob_ in ("B", "I"):
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None and ent.end - ent.start <= 8:
            extra = [t for t in phrase if not ent.start <= t.i < ent.end]
            # "Standard de Liège": the parser's phrase is the fuller name when all it adds is "de" + a name
            if any(t.pos_ == "PROPN" for t in extra) and all(
                t.pos_ in ("PROPN", "ADP", "DET") for t in extra
            ):
                return _strip_np(phrase)
            return _strip_np(ent)
    return _strip_np(phrase)


def _strip_np(span: Span) -> str | None:
    toks = list(span)
    while toks and (toks[0].pos_ in ("DET", "ADP", "PUNCT") or toks[0].lower_ in ("l'", "d'")):
        toks = toks[1:]
    while toks and toks[-1].pos_ in ("PUNCT", "ADP", "DET", "CCONJ"):
        toks = toks[:-1]
    if not toks:
        return None
    text = _text(span.doc)[toks[0].idx : toks[-1].idx + len(toks[-1].text)]
    return _TITLES.sub("", text).strip() or None


def _person_in(tok: Token) -> Span | None:
    doc = tok.doc
    for t in [tok] + [
        c for c in tok.children if c.dep_ in ("appos", "nmod", "flat:name") and c.pos_ == "PROPN"
    ]:
        if t.ent_type_ == "PER":
            return next((e for e in doc.ents if e.start <= t.i < e.end), None)
    return None


def _resolve_surname(person: Span) -> str | None:
    """ "M. Esper" → the full name used earlier in the story ("Mark Esper")."""
    name = _strip_np(person)
    if name is None or " " in name:
        return name
    for ent in person.doc.ents:
        if ent.start >= person.start:
            break
        if ent.label_ == "PER" and len(ent) >= 2 and ent[-1].text == name:
            return _strip_np(ent)
    return name


def _resolve_french(lazy: _LazyResolver, tok: Token) -> str | None:
    """The actor as the speakers' resolver names it: a pronoun resolved, a role resolved to the person
    named earlier or in apposition, an institution as first named in full."""
    resolver = lazy.get()
    if tok.pos_ == "PRON":
        return resolver.resolve_pronoun(tok.lower_, tok.idx).name
    span = [t for t in tok.subtree if t.dep_ not in ("acl:relcl", "acl", "punct") or t.i == tok.i]
    start = min(t.idx for t in span)
    words = resolver.read_forward(start, min(len(resolver.text), start + 160))
    return resolver.resolve_words(words).name


def _speaker_of_sentence(trig: _Trigger, statements: list[Statement]) -> str | None:
    """An event told inside a statement ("…, a annoncé le parquet fédéral") is the speaker's account: with no
    actor of its own, the speaker is taken as its actor, as annotators do."""
    for st in statements:
        if st.speaker and st.start <= trig.start < st.end:
            return st.speaker
    return None


def _speaker_near(trig: _Trigger, statements: list[Statement]) -> str | None:
    """The speaker of a statement whose attribution sits at the trigger (speech-like events)."""
    for st in statements:
        near = abs(trig.start - st.end) <= 40 or abs(st.start - trig.end) <= 40
        if st.speaker and near and st.verb and fold(st.verb.split()[-1]) == fold(trig.head.text):
            return st.speaker
    return None


def _same_country_institution(target_tok: Token, target: str, actor_tok: Token) -> str:
    """ "le Parlement irakien a demandé au gouvernement" → the Iraqi government."""
    if target_tok.lemma_.lower() not in FR.INSTITUTIONS or " " in target:
        return target
    adj = next((c for c in actor_tok.children if c.dep_ == "amod" and country_of_demonym(c.text, "fr")), None)
    if adj is None:
        return target
    word = adj.text.lower()
    if "Fem" in target_tok.morph.get("Gender") and not word.endswith("e"):
        word = word + "ne" if word.endswith("ien") else word + "e"
    return f"{target} {word}"


# ---------------------------------------------------------------- place and date (French)


def _place_mentions(doc: Doc, lang: str) -> list[_PlaceMention]:
    """Named places introduced by a locative preposition ("à Bagdad", "en Irak", "près de Bagdad", "in Kyiv")."""
    preps = FR.LOCATIVE_PREPOSITIONS if lang == "fr" else EN.LOCATIVE_PREPOSITIONS
    forms = [
        re.escape(p[:-3]) + r"\s+(?:de\s+|d['’])" if p.endswith(" de") else re.escape(p) + r"\s+"
        for p in preps
    ]
    alternation = "|".join(sorted(forms, key=len, reverse=True))
    before = re.compile(rf"(?:^|[\s(])(?:{alternation})(?:(?:le|la|les|the)\s+|l['’])?$", re.I)
    out: list[_PlaceMention] = []
    taken: set[int] = set()
    for span in _capitalised_runs(doc, lang):
        context = _text(doc)[max(0, span.start_char - 40) : span.start_char]
        if span.start not in taken and _struck_place(span):
            place = lookup_place(span.text, lang)
            if place is not None:
                out.append(_PlaceMention(span, span.text, place))
                taken |= set(range(span.start, span.end))
            continue
        if span.start in taken or not (m := before.search(context)):
            continue
        previous_word = re.findall(r"[\w'’]+", context[: m.start() + 1])[-1:]
        if previous_word and previous_word[0].lower() in _NOT_LOCATIVE_BEFORE:
            continue  # "face à Anderlecht", "grâce à l'Allemagne": an opponent or a cause, not a place
        place = lookup_place(span.text, lang)
        is_loc = lang == "fr" and any(t.ent_type_ == "LOC" for t in span)
        if place is None and not is_loc:
            continue
        out.append(_PlaceMention(span, span.text, place))
        taken |= set(range(span.start, span.end))
    return out


def _struck_place(span: Span) -> bool:
    """A place that is the object of a verb of impact ("la tempête qui a balayé la Wallonie")."""
    root = span.root
    return root.dep_ == "obj" and root.head.lemma_.lower() in FR.IMPACT_VERBS


def _capitalised_runs(doc: Doc, lang: str) -> Iterable[Span]:
    """Maximal runs of capitalised words, joined by hyphen-words or "de"/"du"/"of" inside a name."""
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not tok.text[:1].isupper() or tok.is_punct:
            i += 1
            continue
        j = i + 1
        while j < len(doc):
            nxt = doc[j]
            if nxt.text[:1].isupper() and not nxt.is_punct and nxt.whitespace_ is not None:
                j += 1
            elif nxt.lower_ in ("du", "de", "of", "-") and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
                j += 2
            else:
                break
        # try the full run, then shorter prefixes, so "Bagdad Mark" still yields "Bagdad"
        for end in range(j, i, -1):
            if lookup_place(doc[i:end].text, lang) or end == i + 1:
                yield doc[i:end]
                break
        i = j


def _french_place(
    trig: _Trigger, triggers: list[_Trigger], places: list[_PlaceMention], actor_tok: Token | None
) -> str | None:
    others = [
        o.phrase for o in triggers if o is not trig and o.head.i in trig.phrase and o.head.i != trig.head.i
    ]
    claimed = set().union(*others) if others else set()
    own = _closest_place(trig, places, trig.phrase - claimed)
    if own is None and not trig.nominal:
        # "tués … dans une attaque près de Kirkouk": the attack's place is the killing's
        same = [o.phrase for o in triggers if o.nominal and o.type == trig.type and o.head.i in trig.phrase]
        own = _closest_place(trig, places, set().union(*same)) if same else None
    if own is not None:
        return own
    if trig.nominal:
        clause = trig.light or _governing_verb(trig.head)
        if clause is not None:
            region = {t.i for t in clause.subtree} - claimed
            region -= set().union(*(o.phrase for o in triggers if o is not trig))
            found = _closest_place(trig, places, region)
            if found is not None:
                return found
    if actor_tok is not None and actor_tok.lemma_.lower() in FR.INSTITUTIONS:
        for c in actor_tok.children:
            if c.dep_ == "amod" and (country := country_of_demonym(c.text, "fr")):
                return country.name_fr
    return None


def _governing_verb(tok: Token) -> Token | None:
    for anc in tok.ancestors:
        if anc.pos_ in ("VERB", "AUX"):
            return anc
    return None


def _closest_place(trig: _Trigger, places: list[_PlaceMention], region: set[int]) -> str | None:
    candidates = [p for p in places if p.span.root.i in region and not _under_topic(p.span.root, trig.head)]
    if not candidates:
        return None
    return min(candidates, key=lambda p: abs(p.span.root.i - trig.head.i)).name


def _under_topic(place: Token, head: Token) -> bool:
    """A place inside what is talked about ("sur la situation en Irak") is not where it happens."""
    for anc in place.ancestors:
        if anc.i == head.i:
            return False
        if anc.lemma_.lower() in FR.TOPIC_NOUNS:
            return True
        if any(k.dep_ == "case" and k.lower_ in ("sur", "concernant") for k in anc.children):
            return True
    return False


def _french_date(
    doc: Doc, trig: _Trigger, triggers: list[_Trigger], dates: list[DateMention], anchor: date | None
) -> date | None:
    nested = set().union(*(o.phrase for o in triggers if o is not trig and o.head.i in trig.phrase))
    holders = [trig.head, _carrier(trig)]
    if trig.nominal and _background(trig.head):
        # background ("après une crue…") is dated only when its clause says the day itself
        governing = _governing_verb(trig.head)
        holders = [governing] if governing is not None else []
    elif trig.nominal:
        # a day inside the noun's own phrase ("une grève … à partir du 20 janvier") wins over its verb's
        own = _french_date_under(doc, trig, [trig.head], dates, anchor, nested)
        if own is not None:
            return own
    return _french_date_under(doc, trig, holders, dates, anchor, nested)


def _french_date_under(
    doc: Doc,
    trig: _Trigger,
    holders: list[Token],
    dates: list[DateMention],
    anchor: date | None,
    nested: set[int],
) -> date | None:
    best: tuple[int, date] | None = None
    for mention in dates:
        if mention.date is None:
            continue
        tok = _token_at(doc, mention.start)
        if tok is None or tok.i in nested:
            continue
        depth = _clause_depth(tok, holders)
        if depth is not None and (best is None or depth < best[0]):
            when = mention.date
            if mention.weekday is not None and anchor is not None and _future(trig):
                when = resolve_weekday(mention.weekday, anchor, "upcoming")
            best = (depth, when)
    return best[1] if best else None


def _carrier(trig: _Trigger) -> Token:
    """The verb whose day a nominal trigger shares: its light verb, or the verb it is subject or object of
    ("a adopté lundi de nouvelles sanctions"); a verbal trigger is its own carrier."""
    if trig.light is not None:
        return trig.light
    head = trig.head
    carried = head.dep_ in ("obj", "nsubj", "nsubj:pass", "obl", "obl:mod", "obl:arg")
    if trig.nominal and carried and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return head


def _future(trig: _Trigger) -> bool:
    """Future tense, "va/doit + infinitive", or a noun "prévu(e)" for a day: dates point forward."""
    verb = trig.light or _carrier(trig)
    finite = "Fin" in verb.morph.get("VerbForm")
    if finite and verb.lower_.endswith(_FUTURE_ENDINGS) and verb.lower_ != verb.lemma_.lower():
        return True
    if verb.morph.get("Tense") == ["Fut"] or any(c.morph.get("Tense") == ["Fut"] for c in verb.children):
        return True
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in ("aller", "devoir"):
        # "doit se réunir" is to come; "ont dû évacuer", "devait rencontrer" are told in the past
        return "Part" not in head.morph.get("VerbForm") and head.morph.get("Tense") != ["Imp"]
    doc = trig.head.doc
    planned = ("prévoir", "programmer", "attendre")
    return verb.lemma_.lower() in planned or any(doc[i].lemma_.lower() in planned for i in trig.phrase)


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _clause_depth(tok: Token, holders: list[Token]) -> int | None:
    """Steps from a date word up to the trigger (or its light verb) without entering another clause."""
    depth = 0
    node = tok
    while True:
        if any(node.i == h.i for h in holders):
            return depth
        if node.head.i == node.i or depth > 6:
            return None
        blocked = _FR_CLAUSE_DEPS | ({"acl"} if not any(node.head.i == h.i for h in holders) else set())
        if node.i != tok.i and node.pos_ in ("VERB", "AUX") and node.dep_ in blocked:
            return None
        node = node.head
        depth += 1


# ---------------------------------------------------------------- English (no parser)


def _english_triggers(doc: Doc, dates: list[DateMention]) -> list[_Trigger]:
    found: list[_Trigger] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        two = f"{tok.lower_} {doc[i + 1].lower_}" if i + 1 < len(doc) else ""
        if (two in EN.NOUNS and EN.NOUNS[two] in EN.NOMINAL_TYPES) or two in EN.VERBS:
            etype, nominal, end_tok = EN.NOUNS.get(two) or EN.VERBS[two], two in EN.NOUNS, doc[i + 1]
        elif tok.lower_ in EN.VERBS and _english_verb_ok(doc, i):
            etype, nominal, end_tok = EN.VERBS[tok.lower_], False, tok
        elif tok.lower_ in EN.BASE_VERBS and _english_scheduled(doc, i):
            etype, nominal, end_tok = EN.BASE_VERBS[tok.lower_], False, tok
        elif (
            tok.lower_ in EN.NOUNS
            and (EN.NOUNS[tok.lower_] in EN.NOMINAL_TYPES or tok.lower_ in EN.NOMINAL_WORDS)
            and _english_noun_ok(doc, i)
        ):
            etype, nominal, end_tok = EN.NOUNS[tok.lower_], True, tok
        else:
            i += 1
            continue
        start = tok.idx
        if not nominal and i > 0 and doc[i - 1].lower_ in EN.AUXILIARIES:
            start = doc[i - 1].idx
        end = end_tok.idx + len(end_tok.text)
        if not nominal:
            end = _absorb_date(_text(doc), end, dates)
        sent = tok.sent
        found.append(
            _Trigger(etype, tok, start, end, nominal, phrase=set(range(i, min(sent.end, i + EN_WINDOW))))
        )
        i = end_tok.i + 1
    return found


def _english_scheduled(doc: Doc, i: int) -> bool:
    """A bare verb after "will" or a scheduling "to" ("will meet", "is set to sign"): a planned event."""
    prev = [t.lower_ for t in doc[max(0, i - 2) : i]]
    if not prev:
        return False
    if prev[-1] in EN.FUTURE_MODALS:
        return True
    return prev[-1] == "to" and len(prev) == 2 and prev[0] in EN.SCHEDULING_WORDS


def _english_verb_ok(doc: Doc, i: int) -> bool:
    tok = doc[i]
    prev = [t.lower_ for t in doc[max(0, i - 2) : i]]
    if any(p in EN.NEGATIONS for p in prev) or tok.text[:1].isupper() and not tok.is_sent_start:
        return False
    if prev and prev[-1] in EN.MODALS and prev[-1] not in EN.FUTURE_MODALS:
        # "to" + verb is an aim, unless scheduled ("is set to sign", "are due to meet")
        return prev[-1] == "to" and len(prev) == 2 and prev[0] in EN.SCHEDULING_WORDS
    needed = EN.VERB_REQUIRES_NEXT.get(tok.lower_)
    if needed is None:
        return True
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is None:
        return False
    return nxt.lower_ in needed or (not needed and nxt.text[:1].isupper())


def _english_noun_ok(doc: Doc, i: int) -> bool:
    tok = doc[i]
    if tok.text[:1].isupper() and not tok.is_sent_start and tok.lower_ not in EN.CAPITALISED_OK:
        return False
    prev = doc[i - 1].lower_ if i > 0 else ""
    if i + 1 < len(doc) and doc[i + 1].lower_ in EN.NOT_BEFORE:
        return False
    if prev in ("this", "that", "these", "those"):
        return False
    needed = EN.NOUN_REQUIRES_PREVIOUS.get(tok.lower_)
    return needed is None or prev in needed


def _english_event(
    doc: Doc,
    trig: _Trigger,
    triggers: list[_Trigger],
    dates: list[DateMention],
    places: list[_PlaceMention],
    statements: list[Statement],
    resolver: _LazyResolver,
) -> Event:
    sent = trig.head.sent
    prev_trigger_end = max(
        [t.head.i for t in triggers if t.head.i < trig.head.i and t.head.sent == sent] or [sent.start - 1]
    )
    next_trigger = min(
        [t.head.i for t in triggers if t.head.i > trig.head.i and t.head.sent == sent] or [sent.end]
    )
    floor = max(prev_trigger_end + 1, sent.start)
    actor = None if trig.nominal else _english_name_before(doc, trig.head.i, floor)
    passive = trig.head.i > 0 and doc[trig.head.i - 1].lower_ in ("was", "were", "been", "be", "being")
    if not trig.nominal and not passive:
        # the speakers' resolver reads the subject phrase and resolves pronouns, titles and short names
        speakers = resolver.get()
        resolved = speakers.resolve_words(speakers.read_backward(trig.start, doc[floor].idx)).name
        actor = _QUANTITY_OF.sub("", resolved or actor or "") or None
    target = _english_name_after(doc, trig) if TARGET_SLOTS.get(trig.type) else None
    before = doc[trig.head.i - 1].lower_ if trig.head.i > 0 else ""
    if not trig.nominal and before in ("was", "were", "been", "be", "being"):
        # passive: the subject underwent it; who did it follows "by" ("were arrested by police")
        target, actor = actor, _english_agent(doc, trig.head.i, next_trigger)
    actor = actor or _speaker_near(trig, statements)
    if trig.nominal and actor is None:
        prev = doc[trig.head.i - 1] if trig.head.i > 0 else None
        country = country_of_demonym(prev.text, "en") if prev is not None else None
        actor = country.name_en if country else None
    window = range(max(prev_trigger_end + 1, trig.head.i - 4), min(next_trigger, trig.head.i + EN_WINDOW))
    subject = range(max(prev_trigger_end + 1, sent.start), trig.head.i)
    when = next((d.date for d in dates if d.date and (t := _token_at(doc, d.start)) and t.i in window), None)
    place = min(
        (p for p in places if p.span.start in window),
        key=lambda p: abs(p.span.start - trig.head.i),
        default=None,
    )
    return Event(
        type=trig.type,
        trigger=_text(doc)[trig.start : trig.end],
        start=trig.start,
        end=trig.end,
        actor=actor,
        target=target if target != actor else None,
        date=when,
        place=place.name if place else _english_home_place(doc, subject),
    )


def _english_home_place(doc: Doc, subject: range) -> str | None:
    """ "German rail workers walked off the job", "Pennsylvania Gov. … vetoed": the subject's country or
    state is where it happened when the sentence names no place."""
    for i in subject:
        tok = doc[i]
        if not tok.text[:1].isupper():
            continue
        country = country_of_demonym(tok.text, "en")
        if country is not None:
            return country.name_en
        place = lookup_place(tok.text, "en")
        if place is not None and place.kind in ("country", "region"):
            return place.name_en
    return None


def _english_name_before(doc: Doc, i: int, floor: int) -> str | None:
    """The capitalised name that ends right before the verb (subject-verb order), auxiliaries skipped."""
    j = i - 1
    while j >= floor and (doc[j].lower_ in EN.AUXILIARIES or doc[j].lower_ in ("also", "reportedly", "on")):
        j -= 1
    end = j
    while j >= floor and (doc[j].text[:1].isupper() or doc[j].lower_ in ("of", "the", "'s")):
        j -= 1
    name = doc[j + 1 : end + 1]
    titles = [k for k, t in enumerate(name) if t.lower_ in EN.TITLES]
    if titles and titles[-1] + 1 < len(name):
        name = name[titles[-1] + 1 :]
    while len(name) and name[0].lower_ in ("the", "of"):
        name = name[1:]
    if not len(name) or not name[0].text[:1].isupper() or name.text.lower() in _PRONOUNS:
        return _english_common_subject(doc, end, floor)
    return name.text


# Words that end an English subject phrase when reading backwards from its verb.
_EN_PHRASE_STOPS = {
    "the",
    "a",
    "an",
    "of",
    "and",
    "or",
    "that",
    "which",
    "who",
    "but",
    "as",
    "while",
    "said",
    "after",
    "before",
    "when",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "to",
    "from",
}


def _english_agent(doc: Doc, i: int, limit: int) -> str | None:
    for j in range(i + 1, min(limit, i + 6)):
        if doc[j].lower_ == "by":
            k = j + 1
            while k < len(doc) and doc[k].lower_ in ("the", "a", "an"):
                k += 1
            start = k
            while k < min(len(doc), start + 5) and doc[k].is_alpha and doc[k].lower_ not in _EN_PHRASE_STOPS:
                k += 1
            return doc[start:k].text or None
    return None


def _english_common_subject(doc: Doc, end: int, floor: int) -> str | None:
    """ "French police arrested", "thousands of protesters rallied": the few words before the verb."""
    j = end
    while j >= floor and end - j < 4 and doc[j].is_alpha and doc[j].lower_ not in _EN_PHRASE_STOPS:
        j -= 1
    name = doc[j + 1 : end + 1]
    if not len(name) or name.text.lower() in _PRONOUNS or name[-1].lower_.endswith(("ly", "ed", "ing")):
        return None
    return name.text


def _english_name_after(doc: Doc, trig: _Trigger) -> str | None:
    j = trig.head.i + 1
    while j < len(doc) and doc[j].lower_ in ("the", "with", "against", "to", "on", "of", "from", "by"):
        j += 1
    start = j
    while j < len(doc) and doc[j].text[:1].isupper() and not doc[j].is_punct:
        j += 1
    span = doc[start:j]
    if not len(span) or lookup_place(span.text, "en") and trig.type != "assault":
        return None
    return span.text


# ---------------------------------------------------------------- dates across events, summary


def _date_current_events(
    events: list[Event], triggers: list[_Trigger], lang: str, anchor: date | None
) -> None:
    """A main-clause event told in the present or perfect without a day of its own is the day's news: it takes
    the anchor date (as the seed annotation does). Background events (nominal triggers in adverbial phrases,
    pluperfect, future, conditional) keep no date."""
    for event, trig in zip(events, triggers, strict=True):
        if event.date is None and not event.planned and (_main_clause_now(trig, lang) or _english_now(trig, lang)):
            event.date = anchor


def _english_now(trig: _Trigger, lang: str) -> bool:
    """English has no parser: a verb told in the simple past or present perfect ("derailed", "has decided",
    "were evacuated") in a sentence without a background word ("after", "since", "in 2015", "had") is the
    day's news."""
    if lang == "fr" or trig.nominal and trig.type not in _NO_AGENT:
        return False
    doc = trig.head.doc
    sent = trig.head.sent
    word = trig.head.lower_
    if not (trig.nominal or word.endswith("ed") or word in EN.IRREGULAR_PAST or word.endswith("s")):
        return False
    words = [t.lower_ for t in sent]
    if any(w in EN.BACKGROUND_WORDS for w in words) or any(re.fullmatch(r"(?:19|20)\d\d", w) for w in words):
        return False
    return not (trig.head.i > 0 and doc[trig.head.i - 1].lower_ in ("had", "been"))


# A nominal event introduced by one of these is background to the news ("après l'assassinat…").
_BACKGROUND_CASES = {
    "après",
    "depuis",
    "avant",
    "malgré",
    "suite",
    "dépit",
    "after",
    "since",
    "before",
    "despite",
}


def _background(noun: Token) -> bool:
    cases = {k.lower_ for k in noun.children if k.dep_ in ("case", "fixed", "mark")}
    prev = noun.doc[max(0, noun.i - 4) : noun.i]
    return bool(cases & _BACKGROUND_CASES) or any(t.lower_ in _BACKGROUND_CASES for t in prev)


def _main_clause_now(trig: _Trigger, lang: str) -> bool:
    """Is this the day's news told in a main clause? Without a parser (English) there is no telling:
    English events keep only the days their sentence states, and no dateline place."""
    if lang != "fr" or not trig.head.doc.has_annotation("DEP"):
        return False
    if trig.nominal and (_background(trig.head) or trig.head.is_sent_start and trig.light is None):
        return False
    verb = trig.light or (_governing_verb(trig.head) if trig.nominal else trig.head)
    if verb is None:
        return trig.nominal
    if verb.dep_ in ("acl:relcl", "advcl") and any(
        c.lower_ in ("lorsque", "quand", "après") for c in verb.children
    ):
        return False
    if verb.morph.get("Tense") in (["Fut"], ["Imp"]) or verb.morph.get("Mood") == ["Cnd"]:
        return False

    return not any(
        c.dep_.startswith("aux") and c.morph.get("Tense") in (["Imp"], ["Fut"]) for c in verb.children
    )


def _summary(event: Event) -> str:
    parts = [event.type.replace("_", " ")]
    if event.actor:
        parts.insert(0, event.actor)
    if event.target:
        parts.append(f"→ {event.target}")
    if event.place:
        parts.append(f"({event.place})")
    return " ".join(parts)
