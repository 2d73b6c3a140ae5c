"""The event vocabulary: PLOVER-like types, what each means, and the roles its arguments take.

Type names follow PLOVER (consult, demand, accuse, agree, reject, threaten, protest, sanction, assault…) with
the wire-news additions of the development gold set (tests/data/README.md): accident, disaster, sport_result,
charge, convict, adopt, resign, appoint, investigate. "announce" is a public announcement of a decision, plan
or result ("a annoncé", "announced"); the seed annotation calls it "announce_decision" — the same type.
Strikes are "protest"; a weather warning is "announce". Plain reporting ("a déclaré", "said") is never an
event: those are statements.
"""

EVENT_TYPES: dict[str, str] = {
    "announce": "an actor makes public a decision, plan, warning or result",
    "consult": "meeting, visit, phone call or talks between actors",
    "demand": "an actor asks, urges or demands something of a target",
    "accuse": "an actor blames, accuses or charges a target",
    "agree": "actors sign, conclude or agree on an accord",
    "reject": "an actor refuses, rejects or vetoes",
    "threaten": "an actor threatens a target",
    "protest": "demonstration, rally, boycott, labour strike",
    "deploy": "troops, police or assets sent or stationed",
    "withdraw": "troops or personnel pulled out, a pull-out",
    "evacuate": "people evacuated or made to leave",
    "assault": "attack, killing, bombing, shelling, raid, strike by force",
    "arrest": "arrest or detention by police",
    "charge": "charged, indicted, placed under arrest warrant",
    "convict": "found guilty, sentenced",
    "investigate": "an inquiry or investigation opened",
    "adopt": "a law, budget or text adopted or voted",
    "resign": "an official resigns or quits",
    "appoint": "an official appointed or named",
    "sanction": "sanctions, embargo, expulsion of diplomats",
    "aid": "money, goods or help provided",
    "disaster": "flood, earthquake, storm, heat wave, wildfire",
    "accident": "road, rail or air crash, fire, explosion, collapse",
    "sport_result": "a team or athlete wins or beats another",
}

# For a verbal trigger: which grammatical slots hold the target (in order of preference).
# "obj" is the direct object; a preposition means an oblique introduced by it.
TARGET_SLOTS: dict[str, tuple[str, ...]] = {
    "consult": ("obj", "avec", "with"),
    "demand": ("à", "au", "aux", "iobj", "contre", "of", "from"),
    "accuse": ("obj",),
    "agree": ("avec", "with"),
    "reject": (),
    "threaten": ("obj",),
    "protest": ("contre", "against"),
    "deploy": (),
    "withdraw": (),
    "evacuate": (),
    "assault": ("obj", "contre", "against"),
    "arrest": ("obj",),
    "sanction": ("obj", "contre", "against"),
    "aid": ("à", "au", "aux", "iobj", "to"),
    "charge": ("obj",),
    "convict": ("obj",),
    "appoint": ("obj",),
    "announce": (),
    "sport_result": ("obj",),
}

# For a nominal trigger, what a "de/d'/du" complement is: the one acted on ("l'assassinat d'un général",
# "l'arrestation du suspect") or the one acting ("la visite du président", "la grève des cheminots").
DE_COMPLEMENT_ROLE: dict[str, str] = {
    "assault": "target",
    "arrest": "target",
    "sanction": "target",
    "evacuate": "target",
    "consult": "actor",
    "protest": "actor",
    "demand": "actor",
    "withdraw": "actor",
    "reject": "actor",
}
