"""French tables for figures: qualifiers, range words, units, breakdown markers and non-figure contexts."""

# Qualifier phrase -> (qualifier, low factor, high factor); None leaves that bound open.
# A phrase ending in " de" also matches its elided form ("plus d'un millier").
QUALIFIERS = {
    "environ": ("approx", 0.9, 1.1),
    "quelque": ("approx", 0.9, 1.1),
    "approximativement": ("approx", 0.9, 1.1),
    "autour de": ("approx", 0.9, 1.1),
    "aux alentours de": ("approx", 0.9, 1.1),
    "à peu près": ("approx", 0.9, 1.1),
    "grosso modo": ("approx", 0.9, 1.1),
    "de l'ordre de": ("approx", 0.9, 1.1),
    "près de": ("approx", 0.9, 1.0),
    "presque": ("approx", 0.9, 1.0),
    "quasiment": ("approx", 0.9, 1.0),
    "pas loin de": ("approx", 0.9, 1.0),
    "plus de": ("more_than", 1.0, None),
    "au-delà de": ("more_than", 1.0, None),
    "davantage de": ("more_than", 1.0, None),
    "un peu plus de": ("more_than", 1.0, None),
    "légèrement plus de": ("more_than", 1.0, None),
    "à peine plus de": ("more_than", 1.0, None),
    "à peine moins de": ("less_than", 0.9, 1.0),
    "un minimum de": ("at_least", 1.0, None),
    "un maximum de": ("at_most", None, 1.0),
    "au moins": ("at_least", 1.0, None),
    "au minimum": ("at_least", 1.0, None),
    "pas moins de": ("at_least", 1.0, None),
    "moins de": ("less_than", None, 1.0),
    "un peu moins de": ("less_than", 0.9, 1.0),
    "légèrement moins de": ("less_than", 0.9, 1.0),
    "jusqu'à": ("at_most", None, 1.0),
    "au plus": ("at_most", None, 1.0),
    "au maximum": ("at_most", None, 1.0),
    "pas plus de": ("at_most", None, 1.0),
    "tout au plus": ("at_most", None, 1.0),
    "au bas mot": ("at_least", 1.0, None),
    "aux environs de": ("approx", 0.9, 1.1),
    "proche de": ("approx", 0.9, 1.0),
    # a common misspelling of "quelque" before digits ("quelques 200 personnes")
    "quelques": ("approx", 0.9, 1.1),
}
# After these words "autour de" is a preposition of topic ("le débat autour de 2 projets").
_TOPIC_HEADS = set(
    (
        "débat débats polémique polémiques discussion discussions discussions négociation négociations question "
        "questions tension tensions réflexion réflexions controverse controverses consensus mobilisation accord "
        "articule articulé articulée organisé organisée organisés construit construite tourne tournent gravite"
    ).split()
)
PREPOSITION_HEADS = {"autour de": _TOPIC_HEADS}
# Adverbial qualifiers that may take a comma before the number ("Au moins, dix-huit personnes").
COMMA_QUALIFIERS = {"au moins", "au minimum", "au maximum", "au plus", "tout au plus", "au bas mot"}
# Qualifiers written after the number and its noun, closed by punctuation ("15 magasins, au moins, ont…").
POSTPOSED_QUALIFIERS = {
    "au moins": ("at_least", 1.0, None),
    "au minimum": ("at_least", 1.0, None),
    "au bas mot": ("at_least", 1.0, None),
    "ou plus": ("at_least", 1.0, None),
    "au maximum": ("at_most", None, 1.0),
    "tout au plus": ("at_most", None, 1.0),
    "au plus": ("at_most", None, 1.0),
    "environ": ("approx", 0.9, 1.1),
    "à peu près": ("approx", 0.9, 1.1),
}
_S = r"[\s\u00a0\u202f]"
# Verbs that bound the number they govern, outside its span: (regex ending right before the number, factors).
# "n'atteignant pas les 10 000" is under 10 000; "le bilan dépasse les 100 morts" is over 100.
VERB_QUALIFIERS = (
    # "n'atteignant pas les 10 000", "ne veulent pas dépasser 17 milliards", "n'a jamais franchi le cap des 100"
    (
        rf"(?<!\w)(?:ne{_S}+|n['’])(?:(?:atteign|attein|dépass|excéd)\w*(?:{_S}+[^\W\d_]+){{0,5}}?{_S}+(?:pas|jamais)"
        rf"|[^\W\d_]+{_S}+(?:pas|jamais|plus|toujours{_S}+pas)(?:{_S}+(?:encore|même))?(?:{_S}+[^\W\d_]+)?{_S}+"
        rf"(?:atteign|attein|dépass|excéd|franchi)\w*)(?:{_S}+(?:encore|même))?"
        rf"(?:{_S}+(?:les|la|le|l['’]|la barre des|le cap des|le seuil des))?{_S}*",
        ("less_than", None, 1.0),
    ),
    (
        rf"(?<!\w)(?:dépass|excéd|surpass)\w*(?:{_S}+\w+ment)?"
        rf"(?:{_S}+(?:les|la barre des|le cap des|le seuil des|la barre de|le cap de|le seuil de))?{_S}*"
        rf"|(?<!\w)franchi\w*{_S}+(?:la barre|le cap|le seuil){_S}+(?:des|de){_S}*"
        rf"|(?<!\w)(?:supérieure?s?|au-dessus){_S}+(?:à|aux|de){_S}*",
        ("more_than", 1.0, None),
    ),
    # "frôle les 10 000", "approche la barre des 100" read as "près de"; "avoisine les 5 000" as "environ"
    (
        rf"(?<!\w)(?:frôl|approch)\w*(?:{_S}+(?:les|la barre des|le cap des|le seuil des)){_S}*",
        ("approx", 0.9, 1.0),
    ),
    (rf"(?<!\w)avoisin\w*(?:{_S}+(?:les|la barre des|le cap des))?{_S}*", ("approx", 0.9, 1.1)),
    (
        rf"(?<!\w)(?:inférieure?s?{_S}+(?:à|aux)|(?:au-dessous|en{_S}*dessous|en-dessous){_S}+de"
        rf"|sous{_S}+la{_S}+barre{_S}+des){_S}*",
        ("less_than", None, 1.0),
    ),
)
# Negation or restriction before a verb of exceeding cancels its "more than" ("n'ont que rarement dépassé les 500").
RESTRICTION = r"(?<!\w)(?:ne(?!\w)|n['’]|rarement(?!\w)|guère(?!\w)|peu souvent(?!\w))"
# A lone "un/une" after one of these and before a preposition stands for a counted noun ("et une à Mons").
PRONOUN_LINKS = ("et", "ou")
NAME_LINKS: tuple[str, ...] = ()
PRONOUN_PREPOSITIONS = ("à", "au", "aux", "en", "dans", "chez", "pour", "par", "sur", "contre")
# Openers under which two percentages are one range ("entre 30 % et 40 %").
PERCENT_RANGE_OPENERS = {"entre"}
# "est passé de 5 à 7", "a porté le plafond de 200 à 300": a change between two amounts, not a range. Only
# verbs whose "de" can only mean "from" ("augmenter de 5 à 7 %" is an increase BY five to seven percent).
CHANGE_OPENERS = {"de", "d'"}
CHANGE_VERBS = r"pass|porté|porter|porte|portant|relev|rehauss|ram[eè]n|abaiss"

# Words before the first bound of a range, and the word between bounds each allows (None: any).
RANGE_OPENERS = {"entre": ("et",), "de": ("à",), "d'": ("à",)}
RANGE_CONNECTORS = ("à", "-", "–", "et", "ou")
# Connectors usable without an opener ("5 à 10 morts", "10-15").
BARE_RANGE_CONNECTORS = ("à", "-", "–", "ou")

# Words after which the following figures break down the one before ("900 soldats, dont 300 au Koweït").
# Words that end a breakdown: what follows is a comparison, not a part ("dont 93.000 à Paris, contre 740.000").
BREAKDOWN_STOPS = (
    "contre",
    "selon",
    "soit",
    "alors que",
    "tandis que",
    "face à",
    "comparé",
    "après",
    "avant",
)
# "un sur trois", "deux fois plus": ratios and multipliers are not amounts.
RATIO_LINKS = ("sur",)
RATIO_HEADS = ("un", "une")
MULTIPLIER_AFTER = r"fois\s+(?:plus|moins|autant)"
BREAKDOWN_MARKERS = ("dont", "parmi lesquels", "parmi lesquelles", "parmi eux", "parmi elles", "notamment")

# Prepositions introducing the place a figure refers to ("en Irak", "au Liban", "à Bagdad").
PLACE_PREPOSITIONS = ("en", "au", "aux", "à", "dans", "sur", "vers")
# After these, a capitalised name the gazetteer does not know is still taken as a place ("à Flémalle").
LOCATIVE_PREPOSITIONS = {"en", "au", "aux", "à", "dans"}
# A compass part before the name is part of the place ("dans l'est de la RDC").
PLACE_DIRECTIONS = ("est", "ouest", "nord", "sud", "centre", "nord-est", "nord-ouest", "sud-est", "sud-ouest")
PLACE_DIRECTION_LINK = r"(?:l['’])?(?:{d})\s+(?:de\s+la|du|des|de\s+l['’]|de)\s*"
# A generic place coordinated after the named one ("en Irak et dans sa région").
PLACE_EXTENSIONS = ("région", "environs", "alentours", "voisinage", "périphérie", "banlieue", "pays voisins")
NOT_PLACES = {
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "m",
    "mme",
    "il",
    "elle",
    "selon",
    "le",
    "la",
    "les",
    "l'",
    "afp",
    "belga",
    "reuters",
    "ap",
    "ats",
    "dpa",
    "ansa",
    "efe",
    "ars",
    "twitter",
    "x",
    "facebook",
}

MONTHS = (
    "janvier",
    "février",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "decembre",
    "janv",
    "févr",
    "fév",
    "avr",
    "juil",
    "sept",
    "oct",
    "nov",
    "déc",
)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# A day number after these is a date ("le 3", "du 12 au 15").
DAY_DETERMINERS = ("le", "du", "depuis le", "dès le", "jusqu'au", "au")
# Words naming a reference, not a quantity ("article 49.3", "n° 12", "résolution 2334").
REFERENCE_WORDS = (
    "appeler",
    "appelez",
    "composer",
    "composez",
    "hotline",
    "article",
    "articles",
    "alinéa",
    "n°",
    "no",
    "nº",
    "numéro",
    "page",
    "pages",
    "p.",
    "chapitre",
    "section",
    "paragraphe",
    "résolution",
    "loi",
    "décret",
    "ligne",
    "route",
    "rue",
    "vol",
    "tome",
    "annexe",
    "point",
    "version",
    "niveau",
    "catégorie",
    "classe",
    "saison",
    "étape",
    "groupe",
    "tour",
    "match",
    "code",
    "dossier",
    "affaire",
    "bus",
    "tram",
    "porte",
    "terminal",
    "salle",
    "chambre",
    "appartement",
    "case",
    "ligue",
    "division",
    "formule",
    "numéros",
    "modèle",
    "type",
    "phase",
    "acte",
    "zone",
    "secteur",
    "sortie",
    "borne",
    "quai",
    "voie",
    "canal",
    "chaîne",
)
# Emergency lines named by their number ("un appel au 112").
EMERGENCY_NUMBERS = r"(?<!\w)(?:au|le|du)[\s\u00a0\u202f]+(?:112|101|1733)\b(?![,.]\d)"
# "les années 90": a decade, not a count.
DECADE_WORDS = ("années", "annees")
# A number before a street word is an address ("au 12, rue des Lilas", "15 avenue Louise").
ADDRESS = (
    r",?[\s\u00a0\u202f]+(?:rue|avenue|av\.|boulevard|bd|chaussée|place|quai|allée|chemin|impasse|route|square"
    r"|drève|rempart|faubourg)\b"
)
# "composez le 112", "dial the 999 line": a determiner may stand between the word and the number.
REFERENCE_DETERMINERS = ("le",)
# Time of day: "à 14 heures" (the preposition makes it a clock time, "pendant 14 heures" is a duration).
TIME_PREPOSITIONS = ("à", "vers", "dès", "avant", "après", "jusqu'à", "depuis", "de", "entre")
TIME_WORDS = ("heures", "heure", "h", "gmt", "hec", "utc")

PERCENT_WORDS = ("pour cent", "pourcent", "p. cent", "pc")
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
# Glued unit abbreviations allowed right after digits ("30km", "5kg"); anything else glued is a name.
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
}

# Counted noun (lowercase form or lemma) -> normalised unit (tests/data/README.md lists the set).
# Forms separated by spaces; a multi-word noun is listed by its first word ("demandeur" d'asile).
UNIT_WORDS = {
    "soldiers": "soldat militaire troupe casque parachutiste marine légionnaire combattant",
    "persons": (
        "personne gens individu habitant civil travailleur ouvrier employé salarié agent patient malade "
        "prisonnier détenu otage manifestant spectateur supporter supporteur élève étudiant enseignant professeur "
        "instituteur infirmier infirmière médecin soignant pompier policier gendarme douanier voyageur passager "
        "citoyen électeur élu député eurodéputé sénateur conseiller retraité pensionné enfant adulte femme jeune "
        "mineur adolescent bébé nourrisson victime suspect membre militant fonctionnaire résident touriste "
        "visiteur participant fidèle chômeur client utilisateur abonné joueur athlète coureur bénévole "
        "secouriste sauveteur journaliste avocat juge diplomate ministre responsable dirigeant syndicaliste "
        "cheminot coprévenu inculpé témoin juré magistrat procureur policière inspecteur enquêteur ressortissant "
        "expatrié pèlerin croyant électeur votant adhérent sympathisant partisan opposant rebelle insurgé "
        "djihadiste terroriste milicien délégué représentant ambassadeur parlementaire bourgmestre maire échevin "
        "écolier lycéen collégien doctorant chercheur scientifique pharmacien intérimaire indépendant entrepreneur "
        "artisan voisin villageois automobiliste motard cycliste piéton usager navetteur sportif nageur skieur "
        "vacancier estivant invité syndiqué bénéficiaire allocataire contribuable consommateur fille garçon mère "
        "père parent sans-abri détenue hospitalisé survivant déplacé disparu steward contrôleur machiniste docker "
        "sidérurgiste urgentiste aide-soignant "
        "gréviste facteur postier défendeur plaignant candidat lauréat diplômé coureur arrestation interpellation interpellé arrêté condamné accusé prévenu agriculteur "
        "commerçant chauffeur conducteur pilote marin pêcheur mineur fermier cadre collaborateur personnel "
        "riverain sinistré évacué occupant locataire propriétaire"
    ),
    "migrants": "migrant réfugié exilé demandeur rescapé naufragé clandestin",
    "deaths": "mort tué décès décédé",
    "injured": "blessé blessée",
    "votes": "voix vote suffrage abstention bulletin",
    "countries": "pays état etat",
    "points": "point",
    "degrees": "degré",
    "EUR": "euro eur",
    "USD": "dollar usd",
    "GBP": "livre gbp sterling",
    "CHF": "franc chf",
    "JPY": "yen",
    "CNY": "yuan",
    "RUB": "rouble",
    "percent": "pourcentage",
    "km": "kilomètre km",
    "m": "mètre",
    "mm": "millimètre mm",
    "tonnes": "tonne",
    "kg": "kilo kilogramme kg",
    "ha": "hectare ha",
    "years": "an année ans",
    "months": "mois",
    "weeks": "semaine",
    "days": "jour journée",
    "hours": "heure",
    "minutes": "minute",
    "decades": "décennie siècle hiver",
}
# Time spans and ages are not figures (tests/data/README.md): figures counting these units are dropped.
DURATION_UNITS = {"years", "months", "weeks", "days", "hours", "minutes", "decades"}
# Any other counted noun: "items" (vehicles, beds, jobs, files…).
DEFAULT_NOUN_UNIT = "items"
# Plurals spaCy may not lemmatise: also register "s" and "x" forms.
UNITS = {
    form: unit
    for unit, words in UNIT_WORDS.items()
    for word in words.split()
    for form in (word, word + "s", word + "x")
}
# A person count followed by one of these is a death toll or an injury count.
DEATH_WORDS = r"tué|tuée|tués|tuées|morts?|mortes?|décédé|décédée|décédés|décédées|péri|trouvé la mort|noyé|noyés|noyées"
# Not "hospitalisés": patients of an epidemic are persons, not injured.
INJURY_WORDS = r"blessé|blessée|blessés|blessées"
DEATH_BEFORE = r"tuant|faisant|bilan (?:est passé|s'élève) à"
INJURY_BEFORE = r"blessant"
MODIFIERS = {
    "autres",
    "nouveaux",
    "nouvelles",
    "supplémentaires",
    "premiers",
    "premières",
    "derniers",
    "dernières",
}
# "hommes" counts soldiers when the surrounding text is military, else persons.
# People who are soldiers when the surrounding text is military, else persons.
CONTEXT_UNITS = {
    form: ("soldiers", "persons")
    for word in "homme technicien pilote officier instructeur réserviste formateur".split()
    for form in (word, word + "s")
}
MILITARY_WORDS = (
    "soldat",
    "troupe",
    "militaire",
    "armée",
    "coalition",
    "défense",
    "régiment",
    "bataillon",
    "contingent",
    "casques bleus",
    "otan",
    "déploiement",
    "déployé",
)
# Persons near these words are counted as migrants.
MIGRATION_WORDS = ("migrant", "migratoire", "asile", "réfugié", "exilé", "débarqu", "embarcation", "naufrag")
# Words between a figure and its noun that do not end the search for it.
UNIT_LINKS = ("de", "d'", "d’", "des", "nos", "vos", "leurs", "ses", "ces", "entre")
# Partitive pronouns: "cinq d'entre eux", "deux d'entre elles" count people.
PEOPLE_PRONOUNS = ("eux", "elles")
# Fractions are not figures ("les deux tiers", "trois quarts").
FRACTION_WORDS = ("tiers", "quart", "quarts", "cinquième", "cinquièmes", "dixième", "dixièmes", "moitié")
# Words after a figure that are not its counted noun (used when the pipeline has no tagger).
NOT_NOUNS = set(
    (
        "le la les l un une des du de d au aux à et ou mais en dans sur par pour avec sans sous qui que qu dont "
        "est sont a ont été était étaient sera seront avait avaient ce ces cet cette il elle ils elles on se "
        "plus moins selon contre entre vers chez ne pas autres autre chacun fois environ"
    ).split()
)
# Units written as a phrase right after the number (checked before the counted noun).
SPECIAL_UNITS = {"km/h": r"km/h|km\s*à\s*l['’]heure|kilomètres?\s*(?:/|à\s*l['’])\s*heure"}
# "pour 100.000 habitants": a round number after these is the base of a rate, not a figure.
RATE_PREPOSITIONS = ("pour", "par", "sur")
