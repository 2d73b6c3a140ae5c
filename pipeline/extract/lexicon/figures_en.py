"""English tables for figures: qualifiers, range words, units, breakdown markers and non-figure contexts."""

QUALIFIERS = {
    "about": ("approx", 0.9, 1.1),
    "around": ("approx", 0.9, 1.1),
    "some": ("approx", 0.9, 1.1),
    "approximately": ("approx", 0.9, 1.1),
    "roughly": ("approx", 0.9, 1.1),
    "an estimated": ("approx", 0.9, 1.1),
    "estimated": ("approx", 0.9, 1.1),
    "circa": ("approx", 0.9, 1.1),
    "nearly": ("approx", 0.9, 1.0),
    "almost": ("approx", 0.9, 1.0),
    "close to": ("approx", 0.9, 1.0),
    "just under": ("less_than", 0.9, 1.0),
    "slightly less than": ("less_than", 0.9, 1.0),
    "just below": ("less_than", 0.9, 1.0),
    "more than": ("more_than", 1.0, None),
    "over": ("more_than", 1.0, None),
    "above": ("more_than", 1.0, None),
    "upwards of": ("more_than", 1.0, None),
    "in excess of": ("more_than", 1.0, None),
    "just over": ("more_than", 1.0, None),
    "slightly more than": ("more_than", 1.0, None),
    "a maximum of": ("at_most", None, 1.0),
    "a minimum of": ("at_least", 1.0, None),
    "at least": ("at_least", 1.0, None),
    "no fewer than": ("at_least", 1.0, None),
    "no less than": ("at_least", 1.0, None),
    "fewer than": ("less_than", None, 1.0),
    "less than": ("less_than", None, 1.0),
    "under": ("less_than", None, 1.0),
    "below": ("less_than", None, 1.0),
    "up to": ("at_most", None, 1.0),
    "as many as": ("at_most", None, 1.0),
    "at most": ("at_most", None, 1.0),
    "no more than": ("at_most", None, 1.0),
    "as much as": ("at_most", None, 1.0),
    "upward of": ("more_than", 1.0, None),
    "north of": ("more_than", 1.0, None),
    "just shy of": ("less_than", 0.9, 1.0),
    "a little less than": ("less_than", 0.9, 1.0),
    "a little under": ("less_than", 0.9, 1.0),
    "slightly under": ("less_than", 0.9, 1.0),
    "slightly below": ("less_than", 0.9, 1.0),
    "a little over": ("more_than", 1.0, None),
    "a little more than": ("more_than", 1.0, None),
    "just short of": ("less_than", 0.9, 1.0),
}
COMMA_QUALIFIERS = {"at least", "at most"}
# After these words "about", "over" and "around" are prepositions of topic, not qualifiers
# ("a dispute over 3 islands", "questions about 2 contracts").
_TOPIC_HEADS = set(
    (
        "talks question questions concern concerns worries fears news information details story stories "
        "dispute disputes row rows fight fights fighting clash clashes tension tensions battle battles standoff "
        "spat feud anger outrage debate debates negotiations control sovereignty custody protest protests lawsuit "
        "lawsuits argue argued arguing argument arguments quarrel split rift complaints"
    ).split()
)
PREPOSITION_HEADS = {"about": _TOPIC_HEADS, "over": _TOPIC_HEADS, "around": _TOPIC_HEADS}
POSTPOSED_QUALIFIERS = {
    "at least": ("at_least", 1.0, None),
    "or more": ("at_least", 1.0, None),
    "at most": ("at_most", None, 1.0),
    "or fewer": ("at_most", None, 1.0),
    "or less": ("at_most", None, 1.0),
    "or so": ("approx", 0.9, 1.1),
}
_S = r"[\s\u00a0\u202f]"
# "did not reach 5,000" is under 5,000; "the toll exceeded 100" is over 100.
VERB_QUALIFIERS = (
    (
        rf"(?<!\w)(?:(?:n['’]t|not|never|cannot|failed{_S}+to)(?:{_S}+(?:yet|to|be))?"
        rf"{_S}+(?:reach|exceed|top|surpass|hit)(?:ed|es|s)?"
        rf"|(?:fell|falls|fall|falling){_S}+short{_S}+of)(?:{_S}+the)?{_S}*",
        ("less_than", None, 1.0),
    ),
    (
        rf"(?<!\w)(?:exceed(?:s|ed|ing)?|top(?:s|ped|ping)|surpass(?:es|ed|ing)?)(?:{_S}+the)?{_S}*",
        ("more_than", 1.0, None),
    ),
    # "nearing 10,000", "approaching $1 trillion" read as "nearly"
    (rf"(?<!\w)(?:near(?:s|ed|ing)|approach(?:es|ed|ing))(?:{_S}+the)?{_S}*", ("approx", 0.9, 1.0)),
)
RESTRICTION = r"(?<!\w)(?:not|never|rarely|seldom|hardly|only)(?!\w)|n['’]t(?!\w)"
PRONOUN_LINKS = ("and", "or")
# "the Group of 20": a capitalised noun and "of" before a number make a name.
NAME_LINKS = ("of",)
PRONOUN_PREPOSITIONS = ("in", "at", "by", "for", "on", "from", "against")
PERCENT_RANGE_OPENERS = {"between"}
# "rose from 5 to 7", "cut the rate from 4% to 3.5%": a change between two amounts, not a range.
CHANGE_OPENERS = {"from"}
CHANGE_VERBS = (
    r"ris|rose|increas|climb|jump|gr[eo]w|fell|fall|drop|declin|decreas|slip|slid|surg|soar|plung|plummet|rais"
    r"|cut|lower|reduc|boost|hik|expand|shr[ai]nk|went|go|mov|chang|swell|swoll|balloon|doubl|tripl|edg|tumbl"
    r"|sank|sink|sunk|dip|spik|leap|revis|widen|narrow|lift|slash|trim|upgrad|downgrad"
)

RANGE_OPENERS = {"between": ("and",), "from": ("to",)}
RANGE_CONNECTORS = ("to", "-", "–", "and", "or")
BARE_RANGE_CONNECTORS = ("to", "-", "–", "or")

BREAKDOWN_STOPS = (
    "against",
    "compared",
    "versus",
    "while",
    "whereas",
    "according to",
    "after",
    "before",
    "than",
)
RATIO_LINKS = ("in", "out of")
RATIO_HEADS = ("one", "a")
MULTIPLIER_AFTER = r"times\s+(?:more|less|as|higher|lower|larger|smaller|the)"
BREAKDOWN_MARKERS = ("including", "of whom", "of which", "among them", "among whom", "among which")

PLACE_PREPOSITIONS = ("in", "at", "on", "into", "across", "to")
LOCATIVE_PREPOSITIONS = {"in", "at"}
PLACE_DIRECTIONS = (
    "eastern",
    "western",
    "northern",
    "southern",
    "central",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
)
PLACE_DIRECTION_LINK = r"(?:{d})\s+"
PLACE_EXTENSIONS = (
    "region",
    "surrounding area",
    "surroundings",
    "neighbouring countries",
    "neighboring countries",
)
NOT_PLACES = {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "the",
    "a",
    "an",
    "mr",
    "mrs",
    "ms",
    "afp",
    "ap",
    "reuters",
    "twitter",
    "x",
    "facebook",
}

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Emergency lines named by their number ("a 911 call", "the 999 operator").
EMERGENCY_NUMBERS = (
    r"\b(?:911|999|112)\b(?=[\s\u00a0\u202f]+(?:calls?|dispatch\w*|operators?|lines?|emergency|system|cent(?:er|re)s?))"
)
# "on the 14" is a day; "the 27 member states" is a count.
DAY_DETERMINERS = ("on the",)
DECADE_WORDS: tuple[str, ...] = ()  # "the 1990s", "the '90s": the glued "s" already makes a name
# A number before a capitalised street name is an address ("10 Downing Street", "1600 Pennsylvania Avenue").
ADDRESS = (
    r"(?-i:(?:[\s\u00a0\u202f]+[A-Z][\w'’.-]*){1,3}[\s\u00a0\u202f]+"
    r"(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Lane|Drive|Place|Square|Terrace|Court|Way|Row))\b"
)
REFERENCE_WORDS = (
    "call",
    "dial",
    "hotline",
    "line",
    "article",
    "articles",
    "no",
    "no.",
    "number",
    "page",
    "pages",
    "p.",
    "chapter",
    "section",
    "paragraph",
    "resolution",
    "act",
    "route",
    "highway",
    "street",
    "vol",
    "vol.",
    "volume",
    "annex",
    "version",
    "level",
    "category",
    "class",
    "season",
    "stage",
    "group",
    "round",
    "game",
    "code",
    "case",
    "bus",
    "gate",
    "terminal",
    "room",
    "flight",
    "division",
    "league",
    "formula",
    "model",
    "type",
    "phase",
    "zone",
    "sector",
    "item",
    "rule",
    "amendment",
    "title",
    "apartment",
    "suite",
    "platform",
    "channel",
    "exit",
    "junction",
    "pier",
    "track",
)
# "composez le 112", "dial the 999 line": a determiner may stand between the word and the number.
REFERENCE_DETERMINERS = ("the",)
TIME_PREPOSITIONS = ("at", "by", "until", "before", "after", "from", "around", "since")
TIME_WORDS = (
    "a.m.",
    "p.m.",
    "am",
    "pm",
    "gmt",
    "utc",
    "o'clock",
    "hours",
    "hrs",
    "est",
    "edt",
    "bst",
    "cet",
    "et",
    "local time",
)

PERCENT_WORDS = ("percent", "per cent", "pct", "pc", "percentage points")
CURRENCY_SYMBOLS = {
    "€": "EUR",
    "$": "USD",
    "£": "GBP",
    "¥": "JPY",
    "US$": "USD",
    "CHF": "CHF",
    "₹": "INR",
    "Rs": "INR",
    "Rs.": "INR",
}
GLUED_UNITS = {
    "km": "km",
    "kg": "kg",
    "m": "m",
    "t": "tonnes",
    "ha": "ha",
    "mm": "mm",
    "cm": "cm",
    "kw": "kW",
    "mw": "MW",
    "gw": "GW",
    # "20pct", "3,5pc": percent glued to the digits
    "pct": "percent",
    "pc": "percent",
    "mph": "mph",
}

UNIT_WORDS = {
    "soldiers": "soldier troop serviceman servicemen marine peacekeeper paratrooper fighter",
    "persons": (
        "person people individual resident civilian inhabitant worker employee staff patient prisoner detainee "
        "hostage protester protestor demonstrator spectator fan supporter pupil student teacher nurse doctor "
        "firefighter police officer passenger traveller traveler citizen voter lawmaker legislator senator "
        "pensioner retiree child children adult woman women man men youth minor baby infant victim suspect "
        "member activist official tourist visitor participant customer user subscriber player athlete "
        "commuter motorist cyclist pedestrian shopper consumer taxpayer beneficiary recipient pilgrim worshipper "
        "rebel insurgent militant militiaman delegate representative ambassador mayor councillor councilor "
        "schoolchild schoolchildren researcher scientist pharmacist contractor entrepreneur neighbour neighbor "
        "villager holidaymaker guest girl boy mother father parent homeless hospitalised hospitalized displaced "
        "missing steward conductor docker railway rail nurse medic paramedic juror witness prosecutor "
        "defendant saver plaintiff candidate graduate runner postman volunteer rescuer journalist lawyer judge diplomat minister leader striker arrest farmer driver "
        "pilot sailor fisherman miner personnel evacuee survivor"
    ),
    "migrants": "migrant refugee asylum-seeker asylum exile",
    "deaths": "dead death killed fatality fatalities",
    "injured": "injured wounded injury injuries",
    "votes": "vote ballot abstention",
    "countries": "country countries state nation",
    "points": "point",
    "degrees": "degree",
    "EUR": "euro eur",
    "USD": "dollar usd",
    "GBP": "pound gbp sterling",
    "CHF": "franc chf",
    "JPY": "yen",
    "CNY": "yuan",
    "RUB": "rouble ruble",
    "km": "kilometre kilometer km",
    "miles": "mile",
    "m": "metre meter",
    "mm": "millimetre millimeter mm",
    "tonnes": "tonne ton",
    "kg": "kilogram kilo kg",
    "ha": "hectare ha",
    "years": "year",
    "months": "month",
    "weeks": "week",
    "days": "day",
    "hours": "hour",
    "minutes": "minute",
    "decades": "decade century",
}
DURATION_UNITS = {"years", "months", "weeks", "days", "hours", "minutes", "decades"}
DEFAULT_NOUN_UNIT = "items"
UNITS = {
    form: unit for unit, words in UNIT_WORDS.items() for word in words.split() for form in (word, word + "s")
}
DEATH_WORDS = r"killed|died|dead|perished|drowned|lost their lives"
INJURY_WORDS = r"injured|wounded|hurt"
# The same, written just before the figure ("killing at least 23 people").
DEATH_BEFORE = r"killing|killed|death toll (?:rose|climbed) to"
INJURY_BEFORE = r"injuring|wounding|injured"
# Words between a number and its noun that say nothing of the unit ("50 more vessels").
MODIFIERS = {
    "more",
    "additional",
    "other",
    "new",
    "extra",
    "further",
    "fewer",
    "small",
    "large",
    "big",
    "major",
}
CONTEXT_UNITS = {
    form: ("soldiers", "persons")
    for word in "men technician pilot officer instructor reservist trainer".split()
    for form in (word, word + "s")
}
MILITARY_WORDS = (
    "soldier",
    "troop",
    "military",
    "army",
    "coalition",
    "defence",
    "defense",
    "regiment",
    "battalion",
    "contingent",
    "peacekeep",
    "nato",
    "deploy",
)
MIGRATION_WORDS = ("migrant", "migration", "asylum", "refugee", "smuggl", "shipwreck")
UNIT_LINKS = ("of", "the", "its", "their", "our", "these", "those")
PEOPLE_PRONOUNS = ("them", "us", "whom")
FRACTION_WORDS = ("third", "thirds", "quarter", "quarters", "fifth", "fifths", "half", "tenths")
# Words after a figure that are not its counted noun (English has no tagger here).
NOT_NOUNS = {
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "of",
    "in",
    "at",
    "on",
    "to",
    "from",
    "by",
    "for",
    "with",
    "as",
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "have",
    "has",
    "had",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "who",
    "which",
    "that",
    "this",
    "these",
    "those",
    "it",
    "they",
    "he",
    "she",
    "we",
    "said",
    "than",
    "more",
    "less",
    "per",
    "each",
    "other",
    "others",
    "times",
    "too",
    "so",
    "not",
    "also",
    "percent",
}
SPECIAL_UNITS = {
    "km/h": r"km/h|kph|km\s+(?:per|an)\s+hour|kilomet(?:re|er)s?\s+(?:per|an)\s+hour",
    "mph": r"mph|miles\s+(?:per|an)\s+hour",
}
RATE_PREPOSITIONS = ("per", "for every")
