"""English event triggers as inflected forms (English runs without a lemmatizer), mapped to event types.

"said", "told", "added", "stated" are absent on purpose: reporting is a statement, not an event.
"""

# Verb lemmas by event type; their past, participle and third-person forms are generated below (irregular
# ones from IRREGULAR), the bare form counts only after "will"/"to" (see BASE_VERBS).
LEMMAS: dict[str, tuple[str, ...]] = {
    "announce": ("announce", "unveil", "decide"),
    "consult": ("meet", "visit", "host", "negotiate", "phone"),
    "demand": ("demand", "urge", "order"),
    "accuse": ("accuse", "blame", "condemn", "denounce", "criticize", "criticise", "slam"),
    "agree": ("ratify",),
    "reject": ("reject", "refuse", "veto"),
    "threaten": ("threaten",),
    "protest": ("protest", "rally", "march", "boycott", "demonstrate"),
    "deploy": ("deploy",),
    "withdraw": ("withdraw",),
    "evacuate": ("evacuate",),
    "assault": ("attack", "bomb", "shell", "assassinate", "storm", "ambush", "raid", "stab", "shoot"),
    "arrest": ("arrest", "detain"),
    "charge": ("indict",),
    "convict": ("convict", "sentence"),
    "adopt": ("adopt", "approve", "enact"),
    "resign": ("resign",),
    "appoint": ("appoint", "nominate"),
    "investigate": ("investigate",),
    "aid": ("donate", "pledge"),
    "accident": ("crash", "collide", "derail", "capsize", "explode"),
    "sport_result": ("defeat",),
    "sanction": ("fine",),
}
IRREGULAR: dict[str, tuple[str, str]] = {  # lemma → (past, participle)
    "meet": ("met", "met"), "withdraw": ("withdrew", "withdrawn"), "shoot": ("shot", "shot"),
    "beat": ("beat", "beaten"), "win": ("won", "won"), "send": ("sent", "sent"), "hold": ("held", "held"),
    "quit": ("quit", "quit"), "strike": ("struck", "struck"),
}


def _inflect(lemma: str) -> tuple[str, str, str]:
    """(third person, past, participle) of a regular or listed irregular English verb."""
    if lemma in IRREGULAR:
        past, part = IRREGULAR[lemma]
    elif lemma.endswith("e"):
        past = part = lemma + "d"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        past = part = lemma[:-1] + "ied"
    elif lemma in _DOUBLED:
        past = part = lemma + lemma[-1] + "ed"
    else:
        past = part = lemma + "ed"
    if lemma.endswith(("ch", "sh", "ss", "x", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return third, past, part


_DOUBLED = frozenset({"stab", "ban", "plan", "slam"})
# Third-person forms that are mostly plural nouns of another sense ("storms", "sentences").
_NOUN_LIKE = frozenset({"storms", "shells", "bombs", "sentences", "shoots", "demands", "pledges", "hosts",
                        "orders", "fines", "fine"})
_GENERATED = {
    form: etype
    for etype, lemmas in LEMMAS.items()
    for lemma in lemmas
    for form in _inflect(lemma)
    if form not in _NOUN_LIKE
}
# Bare forms: an event only after "will", "'ll" or a scheduling "to" ("will meet", "is set to sign").
BASE_VERBS: dict[str, str] = {lemma: etype for etype, lemmas in LEMMAS.items() for lemma in lemmas}

VERBS: dict[str, str] = {
    **_GENERATED,
    **dict.fromkeys(("announced", "announces", "announce", "decided", "decides"), "announce"),
    **dict.fromkeys(("met", "meets", "visited", "visits", "phoned", "negotiated", "hosted"), "consult"),
    **dict.fromkeys(("demanded", "demands", "is demanding", "are demanding"), "demand"),
    **dict.fromkeys(("accused", "accuses", "blamed", "blames"), "accuse"),
    **dict.fromkeys(("signed", "signs", "ratified", "have agreed", "has agreed"), "agree"),
    **dict.fromkeys(("rejected", "rejects", "refused", "refuses"), "reject"),
    **dict.fromkeys(("threatened", "threatens"), "threaten"),
    **dict.fromkeys(("protested", "rallied", "marched", "boycotted"), "protest"),
    **dict.fromkeys(("deployed", "deploys", "will send", "sent"), "deploy"),
    **dict.fromkeys(("withdrew", "withdraws", "pulled out"), "withdraw"),
    **dict.fromkeys(("evacuated",), "evacuate"),
    **dict.fromkeys(("attacked", "attacks", "bombed", "shelled", "assassinated", "stormed",
                     "ambushed", "raided"), "assault"),
    **dict.fromkeys(("arrested", "detained"), "arrest"),
    **dict.fromkeys(("charged", "indicted"), "charge"),
    **dict.fromkeys(("convicted", "sentenced"), "convict"),
    **dict.fromkeys(("resigned", "resigns"), "resign"),
    **dict.fromkeys(("appointed",), "appoint"),
    **dict.fromkeys(("vetoed",), "reject"),
    **dict.fromkeys(("criticised", "criticized", "condemned", "denounced"), "accuse"),
    **dict.fromkeys(("sanctioned", "expelled", "stripped"), "sanction"),
    **dict.fromkeys(("overturned",), "reject"),
    **dict.fromkeys(("asked for", "called for"), "demand"),
    **dict.fromkeys(("lodged a",), "accuse"),
    **dict.fromkeys(("donated", "pledged"), "aid"),
    **dict.fromkeys(("beat", "defeated", "won"), "sport_result"),
}

NOUNS: dict[str, str] = {
    **dict.fromkeys(("talks", "meeting", "summit", "phone call", "telephone call", "call"), "consult"),
    **dict.fromkeys(("ultimatum",), "demand"),
    **dict.fromkeys(("alert", "warning"), "announce"),
    **dict.fromkeys(("protest", "protests", "demonstration", "demonstrations", "rally", "march",
                     "boycott"), "protest"),
    **dict.fromkeys(("protest", "walkout"), "protest"),
    **dict.fromkeys(("deployment",), "deploy"),
    **dict.fromkeys(("withdrawal", "pullout", "pull-out"), "withdraw"),
    **dict.fromkeys(("evacuation",), "evacuate"),
    **dict.fromkeys(("attack", "attacks", "assassination", "bombing", "airstrike", "air strike",
                     "airstrikes", "air strikes", "shelling", "raid", "mortar fire", "rocket fire",
                     "ambush", "offensive", "shooting", "assault"), "assault"),
    **dict.fromkeys(("arrest", "arrests", "detention"), "arrest"),
    **dict.fromkeys(("sanctions", "embargo"), "sanction"),
    **dict.fromkeys(("crash", "collision", "explosion", "fire", "shipwreck", "derailment", "capsized"), "accident"),
    **dict.fromkeys(("investigation", "inquiry", "probe"), "investigate"),
    **dict.fromkeys(("resignation",), "resign"),
    **dict.fromkeys(("flood", "floods", "flooding", "earthquake", "storm", "hurricane", "wildfire",
                     "typhoon", "cyclone", "quake", "landslide", "mudslide", "avalanche", "tsunami",
                     "wildfires", "earthquakes", "heatwave", "heat wave", "drought"), "disaster"),
    **dict.fromkeys(("conviction", "convictions"), "convict"),
    **dict.fromkeys(("invasion",), "assault"),
    **dict.fromkeys(("investigations",), "investigate"),
}

# English wire copy names most events with a verb; a bare noun ("talks", "summit", "rally") is usually
# background there, so only these nominal types are reported.
NOMINAL_TYPES = frozenset({"assault", "sanction", "disaster", "accident", "investigate", "evacuate", "convict"})
# Nominal triggers of the other types that are reported all the same.
NOMINAL_WORDS = frozenset({"summit"})
# Words after a noun that make it a modifier, not an event ("flood alerts", "quake victims").
NOT_BEFORE = frozenset({"alert", "alerts", "warning", "warnings", "risk", "risks", "season", "zone", "zones",
                        "victims", "survivors", "toll", "insurance", "relief", "preparedness", "drill", "drills"})
# Named storms are capitalised mid-sentence ("Typhoon Soudelor").
CAPITALISED_OK = frozenset({"typhoon", "hurricane", "storm", "cyclone", "tropical"})

# Nouns that are events only with one of these words right before them ("call" alone is too vague; "strike"
# alone is more often a labour strike than an air strike, so "strike" keeps its own entry).
NOUN_REQUIRES_PREVIOUS: dict[str, frozenset[str]] = {
    "call": frozenset({"phone", "telephone"}),
    "alert": frozenset({"orange", "red", "amber", "yellow", "flood", "storm", "terror"}),
    "warning": frozenset({"flood", "storm", "tsunami", "weather", "travel"}),
    "march": frozenset({"a", "protest", "peace"}),
    "meeting": frozenset({"a", "the", "emergency", "cabinet"}),
    "fire": frozenset({"a", "the", "house", "forest", "building", "factory", "deadly"}),
}

# Verbs that fire only with one of these words right after them.
VERB_REQUIRES_NEXT: dict[str, frozenset[str]] = {
    "won": frozenset({"the", "a", "their", "its", "his", "her"}),
    "beat": frozenset(),  # any capitalised opponent: checked in events.py
    "charged": frozenset({"with"}),
    "signed": frozenset({"a", "an", "the"}),
    "sent": frozenset({"troops", "soldiers", "additional", "more", "warships", "about", "some", "forces",
                       "its", "their", "tanks", "thousands", "hundreds", "police", "reinforcements"}),
    "overturned": frozenset({"the", "a", "an", "his", "her", "their", "its"}),
    "stripped": frozenset(),
    "call": frozenset(),
}

# Words naming a function before a person's name ("Transport Minister Julia Brandt" → "Julia Brandt").
TITLES = frozenset({"gov.", "governor", "president", "prime", "minister", "secretary", "chancellor", "mayor",
                    "senator", "sen.", "rep.", "dr.", "mr.", "mrs.", "ms.", "gen.", "general", "chief",
                    "spokesman", "spokeswoman", "spokesperson", "ceo", "director", "commissioner", "judge"})
# Words before an English verb that make it not (yet) a told event ("to announce", "will decide"); of those,
# HYPOTHETICAL_MODALS make it no event at all, "will"/"shall" and FUTURE_BEFORE a planned one.
MODALS = frozenset({"to", "will", "would", "could", "may", "might", "should", "can", "must"})
HYPOTHETICAL_MODALS = frozenset({"would", "could", "may", "might", "should", "can", "must", "cannot",
                                 "'d"})
# Auxiliaries that belong to a verbal trigger's span ("has resigned", "were arrested", "will meet").
AUXILIARIES = frozenset({"has", "have", "had", "was", "were", "been", "is", "are", "will", "shall", "'ll"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll"})
# "<word> to" + verb that tells a scheduled event ("is set to sign", "are due to meet", "is to visit").
SCHEDULING_WORDS = frozenset({"set", "due", "scheduled", "is", "are", "planned"})
# A clause opened by one of these is a condition: what it tells has not happened ("if talks fail").
CONDITIONALS = frozenset({"if", "unless", "whether"})
# Words before (or after) a trigger that tell it as planned or to come ("will meet", "is set to sign",
# "talks scheduled for Monday"); matched as whole words on the lower-cased tokens.
FUTURE_BEFORE = (" will ", " shall ", " 'll ", " is to ", " are to ", " set to ", " due to ", " expected to ",
                 " planned ", " scheduled ", " upcoming ", " next ", " plans to ", " going to ")
FUTURE_AFTER = (" planned ", " scheduled ", " next ", " later this ", " due ")

LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "into",
                                   "on", "throughout"})
TOPIC_PREPOSITIONS = frozenset({"on", "about", "over", "regarding", "concerning"})
NEGATIONS = frozenset({"not", "never", "n't", "no"})

# Words that set a sentence in the past before the news: its events keep no date of the day.
BACKGROUND_WORDS = frozenset({"after", "since", "before", "earlier", "ago", "previously", "had", "last",
                              "former", "formerly", "once", "years", "months", "weeks", "decades"})
IRREGULAR_PAST = frozenset(past for past, _ in IRREGULAR.values()) | frozenset(
    part for _, part in IRREGULAR.values()
)
