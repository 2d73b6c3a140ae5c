"""English words used to find and resolve speakers: titles, pronouns, role nouns, institutions."""

from __future__ import annotations

TITLES: dict[str, str] = {
    "Mr": "m",
    "Mr.": "m",
    "Mrs": "f",
    "Mrs.": "f",
    "Ms": "f",
    "Ms.": "f",
    "Miss": "f",
    "Dr": "",
    "Dr.": "",
    "Sir": "m",
    "Lady": "f",
    "Lord": "m",
    "Prof.": "",
}

PRONOUNS: dict[str, tuple[str, str]] = {
    "he": ("m", "sing"),
    "she": ("f", "sing"),
    "they": ("", "plur"),
    "it": ("n", "sing"),
    "him": ("m", "sing"),
    "her": ("f", "sing"),
    "them": ("", "plur"),
}

DETERMINERS: dict[str, tuple[str, str]] = {
    "the": ("", ""),
    "a": ("", "sing"),
    "an": ("", "sing"),
    "his": ("", ""),
    "her": ("", ""),
    "its": ("", ""),
    "their": ("", ""),
    "this": ("", "sing"),
    "these": ("", "plur"),
    "several": ("", "plur"),
    "some": ("", "plur"),
    "two": ("", "plur"),
    "three": ("", "plur"),
}

CONNECTORS = frozenset({"of", "for"})

PERSON_ROLES = frozenset(
    {
        "minister",
        "president",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chief",
        "secretary",
        "director",
        "ambassador",
        "general",
        "prosecutor",
        "mayor",
        "senator",
        "lawmaker",
        "chancellor",
        "commissioner",
        "governor",
        "king",
        "queen",
        "pope",
        "official",
        "officials",
        "leader",
        "lawyer",
        "judge",
        "adviser",
        "advisor",
        "counterpart",
        "diplomat",
        "diplomats",
        "colonel",
        "commander",
        "envoy",
        "mediator",
        "expert",
        "experts",
        "analyst",
        "analysts",
        "witness",
        "witnesses",
        "candidate",
        "activist",
        "officer",
        "soldier",
        "source",
        "sources",
        "prince",
        "princess",
        "ceo",
        "chairman",
        "chairwoman",
        "representative",
        "rep.",
        "sen.",
        "gov.",
        "gen.",
        "premier",
        "economist",
        "economists",
        "researcher",
    }
)

# Words that qualify a role inside a title ("Interior Minister", "Vice-President"); dropped before names.
ROLE_MODIFIERS = frozenset(
    {
        "vice",
        "deputy",
        "foreign",
        "defence",
        "defense",
        "interior",
        "finance",
        "health",
        "u.s.",
        "state",
        "prime",
        "economy",
        "trade",
        "justice",
        "education",
        "energy",
        "transport",
        "home",
        "chief",
        "senior",
        "former",
    }
)

FEMININE_ROLES = frozenset({"spokeswoman", "queen", "princess", "chairwoman"})

INSTITUTIONS = frozenset(
    {
        "ministry",
        "government",
        "parliament",
        "police",
        "army",
        "military",
        "presidency",
        "kremlin",
        "commission",
        "council",
        "court",
        "party",
        "agency",
        "office",
        "organisation",
        "organization",
        "un",
        "nato",
        "eu",
        "union",
        "assembly",
        "senate",
        "house",
        "congress",
        "statement",
        "media",
        "newspaper",
        "television",
        "radio",
        "press",
        "company",
        "bank",
        "federation",
        "embassy",
        "coalition",
        "administration",
        "department",
        "cabinet",
        "service",
        "committee",
        "institute",
        "group",
        "pentagon",
        "authorities",
        "forces",
        "regime",
        "opposition",
        "prosecutors",
        "firm",
        "board",
        "reuters",
        "afp",
        "ministries",
        "university",
        "report",
        "survey",
        "data",
        "figures",
    }
)

STOPWORDS = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "be",
        "been",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "do",
        "does",
        "did",
        "who",
        "which",
        "that",
        "whom",
        "whose",
        "where",
        "when",
        "and",
        "or",
        "but",
        "in",
        "at",
        "on",
        "to",
        "by",
        "with",
        "from",
        "into",
        "during",
        "after",
        "before",
        "while",
        "because",
        "as",
        "if",
        "than",
        "about",
        "against",
        "over",
        "under",
        "since",
        "until",
        "without",
        "also",
        "not",
        "no",
        "yesterday",
        "today",
        "tonight",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "later",
        "earlier",
        "then",
        "so",
        "citing",
        "quoted",
        "speaking",
        "told",
        "said",
        "says",
        "added",
        "there",
        "here",
        "it",
        "i",
        "we",
        "you",
    }
)

TIME_WORDS = frozenset(
    {
        "on",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "yesterday",
        "today",
        "also",
        "later",
        "earlier",
        "again",
        "then",
        "separately",
        "last",
        "night",
        "morning",
        "evening",
        "afternoon",
        "week",
    }
)


# Documents quoted as sources; the speaker is who issued them ("according to a Defense Department statement").
DOCUMENT_NOUNS = frozenset(
    {
        "figures",
        "data",
        "statistics",
        "estimates",
        "report",
        "statement",
        "survey",
        "study",
        "poll",
        "count",
        "tally",
        "document",
        "text",
        "projections",
        "forecast",
        "filing",
        "release",
    }
)

# Nouns naming where a claim comes from; after a reporting verb they are its source, not its object.
SOURCE_NOUNS = frozenset({"source", "sources", "official", "officials", "witness", "witnesses", "aide", "aides"})

# Nouns for people by occupation, function or situation, as wire copy names an unnamed speaker
# ("said a sewage plant engineer", "a resident told Reuters").
_MORE_ROLES = (
    "journalist correspondent reporter photographer resident residents neighbour neighbor witness witnesses "
    "bystander protester protesters demonstrator striker unionist delegate representative negotiator doctor "
    "physician nurse surgeon paramedic medic firefighter rescuer lifeguard officer officers constable "
    "detective inspector guard warden lawyer attorney barrister solicitor magistrate judge clerk notary "
    "economist economists strategist researcher researchers scientist scientists professor teacher "
    "lecturer principal dean student students pupil parent parents father mother son daughter brother "
    "sister widow widower husband wife man woman child relative relatives friend colleague employee "
    "employees worker workers staffer farmer farmers fisherman shopkeeper trader traders merchant "
    "entrepreneur businessman businesswoman banker investor investors shareholder consultant engineer "
    "architect technician pilot driver passenger passengers traveller tourist fan fans coach manager "
    "player captain athlete runner referee artist writer author novelist singer musician actor actress "
    "director producer filmmaker editor publisher historian sociologist epidemiologist virologist "
    "psychologist psychiatrist pharmacist veterinarian priest imam rabbi pastor monk soldier soldiers "
    "lieutenant sergeant corporal admiral commander fighter fighters rebel rebels insurgent hostage "
    "detainee prisoner defendant suspect victim survivor refugee migrant volunteer volunteers activist "
    "activists campaigner environmentalist advocate observer observers analyst analysts adviser advisor "
    "aide aides deputy coordinator administrator founder cofounder chairman chairwoman chair ceo executive "
    "executives governor mayor councillor councilor lawmaker lawmakers legislator senator congressman "
    "congresswoman mp mps candidate voter citizen taxpayer consumer patient commissioner envoy ambassador "
    "diplomat diplomats spokesman spokeswoman spokesperson official officials source sources regulator "
    "regulators auditor prosecutor prosecutors investigator investigators inspector"
).split()
PERSON_ROLES = PERSON_ROLES | frozenset(_MORE_ROLES)
FEMININE_ROLES = FEMININE_ROLES | frozenset(
    "mother daughter sister widow wife woman businesswoman actress congresswoman".split()
)

# Prepositions opening a phrase that may sit between an incise verb and its speaker ("a lancé avec le sourire X").
PHRASE_PREPOSITIONS = frozenset("in on at with during from before after".split())

# The gender a role noun tells by itself (English role nouns rarely do).
ROLE_GENDER = {w: "f" for w in FEMININE_ROLES}

# Media products naming their source after them ("according to footage from state television").
DOCUMENT_NOUNS = DOCUMENT_NOUNS | frozenset(
    "images footage video videos broadcast article articles edition website recording recordings documents "
    "document polls studies reports survey surveys data figures estimates forecast forecasts".split()
)

# Media named by kind then by title: "le quotidien Le Matin" speaks as "Le Matin".
MEDIA_NOUNS = frozenset("newspaper daily weekly magazine broadcaster channel network station agency website outlet tabloid".split())
