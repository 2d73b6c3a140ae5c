"""English event triggers as inflected forms (English runs without a lemmatizer), mapped to event types.

"said", "told", "added", "stated" are absent on purpose: reporting is a statement, not an event.
"""

VERBS: dict[str, str] = {
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
    **dict.fromkeys(("sanctioned", "expelled"), "sanction"),
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
                     "typhoon", "cyclone"), "disaster"),
}

# English wire copy names most events with a verb; a bare noun ("talks", "summit", "rally") is usually
# background there, so only these nominal types are reported.
NOMINAL_TYPES = frozenset({"assault", "sanction"})

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
    "sent": frozenset({"troops", "soldiers", "additional", "more", "warships", "about", "some", "forces"}),
    "call": frozenset(),
}

# Words naming a function before a person's name ("Transport Minister Julia Brandt" → "Julia Brandt").
TITLES = frozenset({"gov.", "governor", "president", "prime", "minister", "secretary", "chancellor", "mayor",
                    "senator", "sen.", "rep.", "dr.", "mr.", "mrs.", "ms.", "gen.", "general", "chief",
                    "spokesman", "spokeswoman", "spokesperson", "ceo", "director", "commissioner", "judge"})
# Words before an English verb that make it not (yet) an event ("to announce", "will decide").
MODALS = frozenset({"to", "will", "would", "could", "may", "might", "should", "can", "must"})

LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "into",
                                   "on", "throughout"})
TOPIC_PREPOSITIONS = frozenset({"on", "about", "over", "regarding", "concerning"})
NEGATIONS = frozenset({"not", "never", "n't", "no"})
