"""The event vocabulary: PLOVER-like types, what each means, and the roles its arguments take.

Type names follow PLOVER (consult, demand, accuse, agree, reject, threaten, protest, sanction, assault…) with
a few wire-news additions. "announce_decision" is this project's name for a public announcement of a decision
or plan ("a annoncé", "announced"); it matches the seed annotation. Plain reporting ("a déclaré", "said",
"a indiqué") is never an event: those are statements.
"""

EVENT_TYPES: dict[str, str] = {
    "announce_decision": "an actor makes public a decision or plan of its own",
    "consult": "meeting, visit, phone call or talks between actors",
    "demand": "an actor asks, urges or demands something of a target",
    "accuse": "an actor blames, accuses or charges a target",
    "agree": "actors sign, conclude or agree on an accord",
    "reject": "an actor refuses, rejects or vetoes",
    "threaten": "an actor threatens a target",
    "warn": "an authority issues or keeps a warning or alert",
    "protest": "demonstration, rally, boycott",
    "strike": "labour strike or work stoppage",
    "deploy": "troops, police or assets sent or stationed",
    "withdraw": "troops or personnel pulled out, a pull-out",
    "evacuate": "people evacuated or made to leave",
    "assault": "attack, killing, bombing, shelling, raid, strike by force",
    "arrest": "arrest, detention, charge by police or justice",
    "sanction": "sanctions, embargo, expulsion of diplomats",
    "provide_aid": "money, goods or help provided",
    "natural_disaster": "flood, earthquake, storm, wildfire",
    "sport_result": "a team or athlete wins or beats another",
}

# For a verbal trigger: which grammatical slots hold the target (in order of preference).
# "obj" is the direct object; a preposition means an oblique introduced by it.
TARGET_SLOTS: dict[str, tuple[str, ...]] = {
    "consult": ("obj", "avec", "with"),
    "demand": ("à", "au", "aux", "iobj", "of", "from"),
    "accuse": ("obj",),
    "agree": ("avec", "with"),
    "reject": (),
    "threaten": ("obj",),
    "warn": (),
    "protest": ("contre", "against"),
    "strike": ("contre", "against"),
    "deploy": (),
    "withdraw": (),
    "evacuate": (),
    "assault": ("obj", "contre", "against"),
    "arrest": ("obj",),
    "sanction": ("obj", "contre", "against"),
    "provide_aid": ("à", "au", "aux", "iobj", "to"),
    "announce_decision": (),
    "natural_disaster": (),
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
    "strike": "actor",
    "demand": "actor",
    "withdraw": "actor",
    "reject": "actor",
}
