"""French words used to find and resolve speakers: titles, pronouns, role nouns, institutions."""

from __future__ import annotations

# Title -> gender ("m"/"f").
TITLES: dict[str, str] = {
    "M.": "m",
    "MM.": "m",
    "Mme": "f",
    "Mmes": "f",
    "Mlle": "f",
    "Me": "",
    "Dr": "",
    "Pr": "",
}

# Pronoun -> (gender, number). Gender "" means either.
PRONOUNS: dict[str, tuple[str, str]] = {
    "il": ("m", "sing"),
    "elle": ("f", "sing"),
    "ils": ("m", "plur"),
    "elles": ("f", "plur"),
    "on": ("x", "sing"),
    "lui": ("m", "sing"),
    "eux": ("m", "plur"),
    "celui-ci": ("m", "sing"),
    "celle-ci": ("f", "sing"),
}

# Determiners -> (gender, number); they open a noun phrase.
DETERMINERS: dict[str, tuple[str, str]] = {
    "le": ("m", "sing"),
    "la": ("f", "sing"),
    "l'": ("", "sing"),
    "l’": ("", "sing"),
    "les": ("", "plur"),
    "un": ("m", "sing"),
    "une": ("f", "sing"),
    "des": ("", "plur"),
    "du": ("m", "sing"),
    "son": ("", "sing"),
    "sa": ("f", "sing"),
    "ses": ("", "plur"),
    "leur": ("", "sing"),
    "leurs": ("", "plur"),
    "ce": ("m", "sing"),
    "cet": ("m", "sing"),
    "cette": ("f", "sing"),
    "ces": ("", "plur"),
    "plusieurs": ("", "plur"),
    "certains": ("m", "plur"),
    "certaines": ("f", "plur"),
}

# Words linking a head noun to its complement inside one noun phrase.
CONNECTORS = frozenset({"de", "d'", "d’", "du", "des", "sans"})

# Nouns naming a person by function; a mention like "le ministre" resolves to the last person so named.
PERSON_ROLES = frozenset(
    {
        "ministre",
        "président",
        "présidente",
        "premier",
        "première",
        "porte-parole",
        "chef",
        "cheffe",
        "secrétaire",
        "directeur",
        "directrice",
        "ambassadeur",
        "ambassadrice",
        "général",
        "générale",
        "procureur",
        "procureure",
        "maire",
        "député",
        "députée",
        "sénateur",
        "sénatrice",
        "chancelier",
        "chancelière",
        "commissaire",
        "gouverneur",
        "gouverneure",
        "roi",
        "reine",
        "pape",
        "patron",
        "patronne",
        "dirigeant",
        "dirigeante",
        "responsable",
        "avocat",
        "avocate",
        "juge",
        "conseiller",
        "conseillère",
        "homologue",
        "vice-président",
        "vice-présidente",
        "diplomate",
        "colonel",
        "commandant",
        "émissaire",
        "envoyé",
        "envoyée",
        "médiateur",
        "médiatrice",
        "expert",
        "experte",
        "analyste",
        "témoin",
        "élu",
        "élue",
        "candidat",
        "candidate",
        "leader",
        "opposant",
        "opposante",
        "militant",
        "militante",
        "officier",
        "soldat",
        "policier",
        "policière",
        "enquêteur",
        "enquêtrice",
        "source",
        "sources",
        "prince",
        "princesse",
        "cardinal",
        "évêque",
        "rapporteur",
        "rapporteure",
        "président-directeur",
        "ministres",
        "responsables",
        "dirigeants",
        "experts",
        "analystes",
        "témoins",
        "diplomates",
    }
)

# Feminine role nouns whose article is elided ("l'ambassadrice").
# Words that qualify a role inside a title; French puts them after the noun, so none are needed yet.
ROLE_MODIFIERS: frozenset[str] = frozenset()

FEMININE_ROLES = frozenset(
    {
        "présidente",
        "première",
        "cheffe",
        "directrice",
        "ambassadrice",
        "générale",
        "procureure",
        "députée",
        "sénatrice",
        "chancelière",
        "gouverneure",
        "reine",
        "patronne",
        "dirigeante",
        "avocate",
        "conseillère",
        "vice-présidente",
        "envoyée",
        "médiatrice",
        "experte",
        "élue",
        "candidate",
        "opposante",
        "militante",
        "policière",
        "enquêtrice",
        "princesse",
        "rapporteure",
    }
)

# Heads of institutional speakers, kept as organisations ("le ministère de la Défense", "la police").
INSTITUTIONS = frozenset(
    {
        "ministère",
        "gouvernement",
        "parlement",
        "parquet",
        "police",
        "gendarmerie",
        "armée",
        "état-major",
        "présidence",
        "élysée",
        "kremlin",
        "commission",
        "conseil",
        "cour",
        "tribunal",
        "parti",
        "agence",
        "office",
        "organisation",
        "onu",
        "otan",
        "ue",
        "union",
        "assemblée",
        "sénat",
        "chambre",
        "communiqué",
        "médias",
        "média",
        "journal",
        "quotidien",
        "hebdomadaire",
        "télévision",
        "chaîne",
        "radio",
        "presse",
        "mairie",
        "préfecture",
        "autorités",
        "entreprise",
        "société",
        "groupe",
        "banque",
        "fédération",
        "syndicat",
        "syndicats",
        "ambassade",
        "coalition",
        "administration",
        "département",
        "direction",
        "cabinet",
        "porte-parolat",
        "service",
        "services",
        "comité",
        "institut",
        "observatoire",
        "ong",
        "fondation",
        "association",
        "bureau",
        "palais",
        "maison",
        "forces",
        "régime",
        "opposition",
        "justice",
        "ministères",
        "municipalité",
        "région",
        "province",
        "état",
        "etat",
        "pentagone",
    }
)

# Lower-case words that end a noun phrase being read (besides verbs, adverbs and prepositions from the
# tagger): used when no part-of-speech tags are available.
STOPWORDS = frozenset(
    {
        "a",
        "ont",
        "est",
        "sont",
        "était",
        "avait",
        "qui",
        "que",
        "qu'",
        "dont",
        "où",
        "et",
        "ou",
        "mais",
        "dans",
        "lors",
        "à",
        "au",
        "aux",
        "en",
        "sur",
        "sous",
        "devant",
        "pendant",
        "après",
        "avant",
        "avec",
        "par",
        "pour",
        "selon",
        "contre",
        "vers",
        "chez",
        "depuis",
        "dès",
        "entre",
        "sans",
        "ne",
        "n'",
        "se",
        "s'",
        "y",
        "alors",
        "puis",
        "donc",
        "car",
        "si",
        "comme",
        "lorsque",
        "quand",
        "tandis",
        "cependant",
        "également",
        "aussi",
        "encore",
        "mardi",
        "lundi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "hier",
        "aujourd'hui",
        "citant",
        "cité",
        "cités",
        "interrogé",
        "interrogée",
        "interrogés",
    }
)

# Words naming a time; they may separate an inverted verb from its subject ("a annoncé mardi le ministère").
TIME_WORDS = frozenset(
    {
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "hier",
        "aujourd'hui",
        "matin",
        "soir",
        "midi",
        "après-midi",
        "dernier",
        "dernière",
        "soir-même",
        "encore",
        "également",
        "aussi",
        "ensuite",
        "enfin",
        "de",
        "son",
        "sa",
        "côté",
        "pour",
        "part",
        "avant-hier",
        "tard",
        "plus",
        "déjà",
        "notamment",
        "toutefois",
        "cependant",
        "lui-même",
        "elle-même",
        "alors",
        "jeudi-soir",
    }
)


# Documents quoted as sources; the speaker is who issued them ("selon les chiffres publiés par Statbel").
DOCUMENT_NOUNS = frozenset(
    {
        "chiffres",
        "données",
        "statistiques",
        "estimations",
        "bilan",
        "rapport",
        "communiqué",
        "sondage",
        "étude",
        "enquête",
        "texte",
        "document",
        "décompte",
        "comptage",
        "projections",
        "prévisions",
        "note",
    }
)

# Nouns naming where a claim comes from; after a reporting verb they are its source, not its object.
SOURCE_NOUNS = frozenset({"source", "sources", "témoin", "témoins", "responsable", "responsables", "proche", "proches"})

# Nouns for people by occupation, function or situation, as wire copy names an unnamed speaker
# ("a constaté un journaliste de l'AFP", "a raconté une habitante"). Feminine forms are listed apart.
_MORE_ROLES_M = (
    "journaliste correspondant reporter photographe habitant riverain résident voisin témoin passant "
    "manifestant gréviste syndicaliste délégué représentant négociateur médecin infirmier chirurgien "
    "urgentiste pompier secouriste sauveteur gendarme agent commissaire inspecteur gardien surveillant "
    "avocat bâtonnier magistrat greffier juriste notaire économiste chercheur scientifique professeur "
    "enseignant instituteur directeur recteur doyen étudiant élève parent père mère fils fille frère sœur "
    "veuve veuf époux épouse mari femme homme enfant proche ami amie collègue employé salarié ouvrier "
    "cadre fonctionnaire agriculteur éleveur pêcheur commerçant entrepreneur chef-d'entreprise industriel "
    "banquier trader investisseur actionnaire consultant ingénieur architecte urbaniste technicien pilote "
    "conducteur chauffeur passager voyageur touriste supporter entraîneur sélectionneur joueur capitaine "
    "athlète coureur arbitre sportif artiste écrivain auteur romancier chanteur musicien comédien acteur "
    "réalisateur producteur cinéaste éditeur commissaire-priseur historien sociologue politologue "
    "démographe épidémiologiste virologue infectiologue psychologue psychiatre pharmacien vétérinaire "
    "prêtre imam rabbin pasteur curé moine religieux militaire lieutenant capitaine sergent caporal "
    "adjudant amiral commandant-en-chef combattant rebelle insurgé otage détenu prisonnier accusé "
    "prévenu suspect victime rescapé survivant blessé réfugié migrant demandeur sinistré bénévole "
    "militante activiste écologiste défenseur observateur analyste stratège conseiller adjoint attaché "
    "chargé coordinateur coordonnateur administrateur gérant fondateur cofondateur patron président-fondateur "
    "vice-premier bourgmestre échevin préfet sous-préfet gouverneur consul député-maire conseiller-municipal "
    "sénateur parlementaire eurodéputé ministre-président chef-de-file dirigeant leader opposant "
    "porte-drapeau candidat électeur citoyen contribuable consommateur usager patient parent-d'élève"
).split()
_MORE_ROLES_F = (
    "journaliste correspondante habitante riveraine résidente voisine passante manifestante gréviste "
    "déléguée représentante négociatrice infirmière chirurgienne secouriste gardienne avocate magistrate "
    "économiste chercheuse professeure enseignante institutrice directrice rectrice doyenne étudiante "
    "élève employée salariée ouvrière fonctionnaire agricultrice commerçante entrepreneuse banquière "
    "investisseuse consultante ingénieure conductrice passagère voyageuse touriste supportrice "
    "entraîneuse sélectionneuse joueuse athlète coureuse artiste écrivaine autrice romancière chanteuse "
    "musicienne comédienne actrice réalisatrice productrice éditrice historienne sociologue politologue "
    "épidémiologiste virologue psychologue pharmacienne religieuse combattante rebelle détenue prisonnière "
    "accusée prévenue victime rescapée survivante blessée réfugiée migrante bénévole activiste défenseure "
    "observatrice analyste conseillère adjointe attachée chargée coordinatrice administratrice gérante "
    "fondatrice cofondatrice préfète consule sénatrice parlementaire eurodéputée dirigeante opposante "
    "candidate électrice citoyenne consommatrice usagère patiente mère fille sœur veuve épouse femme amie"
).split()
PERSON_ROLES = PERSON_ROLES | frozenset(_MORE_ROLES_M) | frozenset(_MORE_ROLES_F) | frozenset(
    w + "s" for w in _MORE_ROLES_M + _MORE_ROLES_F if not w.endswith(("s", "x"))
)
FEMININE_ROLES = FEMININE_ROLES | frozenset(w for w in _MORE_ROLES_F if w not in _MORE_ROLES_M)

# Prepositions opening a phrase that may sit between an incise verb and its speaker ("a lancé avec le sourire X").
PHRASE_PREPOSITIONS = frozenset("avec dans par sur lors devant sans en depuis".split())

# The gender a role noun tells by itself: "l'écrivain" is a man, "la représentante" a woman.
ROLE_GENDER = {w: "m" for w in _MORE_ROLES_M if w not in _MORE_ROLES_F} | {
    w: "f" for w in _MORE_ROLES_F if w not in _MORE_ROLES_M
}

# Media products naming their source after them ("selon les images des chaînes japonaises").
DOCUMENT_NOUNS = DOCUMENT_NOUNS | frozenset(
    "images direct vidéo vidéos reportage reportages article articles dépêche dépêches édition site "
    "enregistrement enregistrements documents document sondages études rapports relevés prévisions".split()
)

# Media named by kind then by title: "le quotidien Le Matin" speaks as "Le Matin".
MEDIA_NOUNS = frozenset("quotidien journal hebdomadaire magazine mensuel chaîne radio télévision site agence revue gazette".split())
