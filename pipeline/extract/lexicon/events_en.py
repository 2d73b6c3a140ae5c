"""English event triggers as inflected forms (English runs without a lemmatizer), mapped to event types.

"said", "told", "added", "stated" are absent on purpose: reporting is a statement, not an event.
"""

VERBS: dict[str, str] = {
    **dict.fromkeys(("announced", "announces", "announce", "decided", "decides"), "announce_decision"),
    **dict.fromkeys(("met", "meets", "visited", "visits", "phoned", "negotiated", "hosted"), "consult"),
    **dict.fromkeys(("demanded", "demands", "urged", "urges"), "demand"),
    **dict.fromkeys(("accused", "accuses", "blamed", "blames"), "accuse"),
    **dict.fromkeys(("signed", "signs", "ratified"), "agree"),
    **dict.fromkeys(("rejected", "rejects", "refused", "refuses", "vetoed"), "reject"),
    **dict.fromkeys(("threatened", "threatens"), "threaten"),
    **dict.fromkeys(("protested", "rallied", "marched", "boycotted"), "protest"),
    **dict.fromkeys(("deployed", "deploys"), "deploy"),
    **dict.fromkeys(("withdrew", "withdraws", "pulled out"), "withdraw"),
    **dict.fromkeys(("evacuated",), "evacuate"),
    **dict.fromkeys(("attacked", "attacks", "killed", "bombed", "shelled", "assassinated", "stormed",
                     "ambushed", "raided"), "assault"),
    **dict.fromkeys(("arrested", "detained", "charged", "indicted"), "arrest"),
    **dict.fromkeys(("sanctioned", "expelled"), "sanction"),
    **dict.fromkeys(("donated", "pledged"), "provide_aid"),
    **dict.fromkeys(("beat", "defeated", "won"), "sport_result"),
}

NOUNS: dict[str, str] = {
    **dict.fromkeys(("talks", "meeting", "summit", "phone call", "telephone call", "call"), "consult"),
    **dict.fromkeys(("ultimatum",), "demand"),
    **dict.fromkeys(("alert", "warning"), "warn"),
    **dict.fromkeys(("protest", "protests", "demonstration", "demonstrations", "rally", "march",
                     "boycott"), "protest"),
    **dict.fromkeys(("strike", "walkout"), "strike"),
    **dict.fromkeys(("deployment",), "deploy"),
    **dict.fromkeys(("withdrawal", "pullout", "pull-out"), "withdraw"),
    **dict.fromkeys(("evacuation",), "evacuate"),
    **dict.fromkeys(("attack", "attacks", "assassination", "killing", "bombing", "airstrike", "air strike",
                     "airstrikes", "air strikes", "shelling", "raid", "mortar fire", "rocket fire",
                     "ambush", "offensive", "shooting", "assault"), "assault"),
    **dict.fromkeys(("arrest", "arrests", "detention"), "arrest"),
    **dict.fromkeys(("sanctions", "embargo"), "sanction"),
    **dict.fromkeys(("flood", "floods", "flooding", "earthquake", "storm", "hurricane", "wildfire",
                     "typhoon", "cyclone"), "natural_disaster"),
}

# Nouns that are events only with one of these words right before them ("call" alone is too vague; "strike"
# alone is more often a labour strike than an air strike, so "strike" keeps its own entry).
NOUN_REQUIRES_PREVIOUS: dict[str, frozenset[str]] = {
    "call": frozenset({"phone", "telephone"}),
    "alert": frozenset({"orange", "red", "amber", "yellow", "flood", "storm", "terror"}),
    "warning": frozenset({"flood", "storm", "tsunami", "weather", "travel"}),
    "march": frozenset({"a", "protest", "peace"}),
    "meeting": frozenset({"a", "the", "emergency", "cabinet"}),
}

# Verbs that fire only with one of these words right after them.
VERB_REQUIRES_NEXT: dict[str, frozenset[str]] = {
    "won": frozenset({"the", "a", "their", "its", "his", "her"}),
    "beat": frozenset(),  # any capitalised opponent: checked in events.py
    "charged": frozenset({"with"}),
    "signed": frozenset({"a", "an", "the"}),
    "call": frozenset(),
}

LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "into",
                                   "on", "throughout"})
TOPIC_PREPOSITIONS = frozenset({"on", "about", "over", "regarding", "concerning"})
NEGATIONS = frozenset({"not", "never", "n't", "no"})
