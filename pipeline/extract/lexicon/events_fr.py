"""French event triggers: verb lemmas and nouns (nominalisations) mapped to event types.

Multi-word triggers are written as the head word plus the words that may follow it inside the trigger span
(NOUN_EXTENSIONS). Speech verbs that only report (déclarer, dire, indiquer, affirmer, ajouter, estimer,
souligner, saluer, appeler…) are deliberately absent: they make statements, not events.
"""

VERBS: dict[str, str] = {
    "annoncer": "announce", "décider": "announce", "publier": "announce", "confirmer": "announce",
    "rencontrer": "consult", "s'entretenir": "consult", "se réunir": "consult",
    "téléphoner": "consult", "négocier": "consult", "visiter": "consult",
    "demander": "demand", "exiger": "demand", "réclamer": "demand", "sommer": "demand",
    "inviter": "demand", "proposer": "demand",
    "accuser": "accuse", "reprocher": "accuse", "dénoncer": "accuse", "critiquer": "accuse",
    "fustiger": "accuse", "s'insurger": "accuse", "inculper": "charge", "requérir": "demand", "condamner": "convict",
    "adopter": "adopt", "voter": "adopt", "approuver": "adopt", "quitter": "withdraw", "démissionner": "resign", "nommer": "appoint",
    "enquêter": "investigate", "débloquer": "aid", "octroyer": "aid", "accorder": "aid",
    "signer": "agree", "conclure": "agree", "ratifier": "agree",
    "rejeter": "reject", "refuser": "reject", "s'opposer": "reject",
    "menacer": "threaten",
    "manifester": "protest", "boycotter": "protest", "débrayer": "protest", "défiler": "protest",
    "mobiliser": "protest",
    "déployer": "deploy", "dépêcher": "deploy",
    "retirer": "withdraw", "rapatrier": "withdraw",
    "évacuer": "evacuate",
    "attaquer": "assault", "assassiner": "assault", "bombarder": "assault",
    "frapper": "assault", "pilonner": "assault", "tuer": "assault", "abattre": "assault",
    "viser": "assault",
    "arrêter": "arrest", "interpeller": "arrest", "appréhender": "arrest", "écrouer": "arrest",
    "sanctionner": "sanction", "expulser": "sanction",
    "remporter": "sport_result", "battre": "sport_result", "tomber": "accident",
}

# Verbs that fire only with one of these objects (lemma of the object noun) — "retirer ses troupes",
# "battre" only with a named opponent.
VERB_REQUIRES_OBJECT: dict[str, frozenset[str]] = {
    "retirer": frozenset({"troupe", "soldat", "force", "contingent", "militaire", "personnel", "diplomate",
                          "ambassadeur"}),
    "déployer": frozenset({"troupe", "soldat", "force", "contingent", "militaire", "policier", "navire",
                           "missile", "système", "renfort", "agent"}),
    "conclure": frozenset({"accord", "traité", "pacte", "contrat", "entente", "alliance"}),
    "signer": frozenset({"accord", "traité", "pacte", "contrat", "entente", "alliance", "déclaration",
                         "protocole", "mémorandum", "convention"}),
    "battre": frozenset({"<PROPN>"}),
    "confirmer": frozenset({"<NOUN>"}),  # "ont confirmé une grève", not "a confirmé que…"
    "publier": frozenset({"chiffre", "donnée", "rapport", "statistique", "bilan", "étude", "résultat",
                          "indice", "prévision", "estimation", "baromètre", "enquête", "sondage"}),
    "quitter": frozenset({"<PROPN>"}),  # "ont quitté le Tchad", not "ont quitté leur domicile"
    "voter": frozenset({"loi", "texte", "budget", "projet", "résolution", "réforme", "motion"}),
    "accorder": frozenset({"aide", "prêt", "subvention", "enveloppe", "financement", "million", "milliard"}),
    "octroyer": frozenset({"aide", "prêt", "subvention", "enveloppe", "financement", "million", "milliard"}),
    "débloquer": frozenset({"aide", "prêt", "subvention", "enveloppe", "financement", "million", "milliard",
                            "moyen", "fonds", "budget"}),  # a named team or player: "a battu Anderlecht"
}

# Verbs that fire with any object but these (lemmas): "a remporté le Clasico" but not "un contrat".
VERB_EXCLUDES_OBJECT: dict[str, frozenset[str]] = {
    "remporter": frozenset({"contrat", "marché", "appel", "élection", "scrutin", "siège", "voix", "suffrage",
                            "mandat", "prix", "procès", "bataille", "succès", "adhésion"}),
    "adopter": frozenset({"attitude", "position", "posture", "ton", "comportement", "enfant", "style"}),
    "approuver": frozenset({"propos", "idée", "attitude"}),
}

# Nouns that are events only when carried by one of these verbs ("se sont mis d'accord", "ont conclu un
# accord"); alone they mostly refer back to an old text ("l'accord de Paris").
NOUNS_NEED_VERB: dict[str, tuple[str, frozenset[str]]] = {
    "accord": ("agree", frozenset({"mettre", "parvenir", "trouver", "sceller", "arracher", "aboutir"})),
    "cessez-le-feu": ("agree", frozenset({"conclure", "signer", "annoncer", "décréter", "convenir"})),
    "veto": ("agree", frozenset({"lever"})),
    "appel": ("demand", frozenset({"lancer"})),
}

NOUNS: dict[str, str] = {
    "conversation": "consult", "entretien": "consult", "rencontre": "consult", "réunion": "consult",
    "sommet": "consult", "visite": "consult",
    "concertation": "consult",
    "ultimatum": "demand",
    "alerte": "announce", "avertissement": "announce",
    "manifestation": "protest", "rassemblement": "protest", "marche": "protest", "boycott": "protest",
    "grève": "protest", "débrayage": "protest",
    "déploiement": "deploy", "renfort": "deploy",
    "retrait": "withdraw", "rapatriement": "withdraw",
    "évacuation": "evacuate",
    "attaque": "assault", "attentat": "assault", "assassinat": "assault", "meurtre": "assault",
    "bombardement": "assault", "frappe": "assault", "tir": "assault", "raid": "assault",
    "offensive": "assault", "embuscade": "assault", "fusillade": "assault",
    "assaut": "assault", "agression": "assault", "incursion": "assault",
    "arrestation": "arrest", "interpellation": "arrest",
    "sanction": "sanction", "embargo": "sanction",
    "aide": "aid", "prêt": "aid", "don": "aid",
    "inondation": "disaster", "crue": "disaster", "séisme": "disaster",
    "tremblement": "disaster", "tempête": "disaster", "ouragan": "disaster",
    "cyclone": "disaster", "typhon": "disaster", "canicule": "disaster", "incendie": "accident",
    "carambolage": "accident", "collision": "accident", "accident": "accident", "explosion": "accident",
    "effondrement": "accident", "déraillement": "accident", "naufrage": "accident",
    "enquête": "investigate", "démission": "resign", "nomination": "appoint", "mandat": "charge",
    "perquisition": "investigate", "condamnation": "convict", "annonce": "announce", "chute": "accident",
    "conférence": "consult", "cortège": "protest", "mobilisation": "protest", "appel": "demand",
    "inculpation": "charge", "avalanche": "disaster", "coulée": "disaster", "glissement": "disaster",
    "éboulement": "disaster", "tornade": "disaster", "sécheresse": "disaster", "garde": "arrest",
    "feu": "accident",
}

# Nouns that are events only with one of these words right after them ("marche" alone is also "market",
# "aide" alone is too vague, "tir" alone may be sport).
NOUN_REQUIRES_NEXT: dict[str, frozenset[str]] = {
    "marche": frozenset({"blanche", "silencieuse", "pour", "contre"}),
    "aide": frozenset({"humanitaire", "militaire", "financière", "d'urgence", "alimentaire"}),
    "don": frozenset({"de"}),
    "prêt": frozenset({"de"}),
    "tremblement": frozenset({"de"}),
    "incendie": frozenset({"de", "criminel", "s'est", "a", "qui", "dans", "chaussée", "rue", "avenue",
                           "boulevard", "place", "route", "à", "au", "en", "mortel", "violent"}),
    "garde": frozenset({"à"}),
    "coulée": frozenset({"de"}),
    "glissement": frozenset({"de"}),
    "explosion": frozenset({"d'", "de", "dans", "a", "s'est", "qui"}),
    "mandat": frozenset({"d'arrêt"}),
    "enquête": frozenset({"pour", "judiciaire", "a", "avait", "ouverte", "sur"}),
    "accident": frozenset({"de", "d'", "a", "s'est", "qui", "survenu", "mortel", "ferroviaire"}),
    "sommet": frozenset({"de", "du", "des", "d'", "entre", "sur", "européen", "extraordinaire"}),
    "retrait": frozenset({"de", "du", "des", "d'"}),
    "rencontre": frozenset({"avec", "entre"}),
    "entretien": frozenset({"téléphonique", "avec", "entre"}),
    "conversation": frozenset({"téléphonique", "avec", "entre"}),
    "visite": frozenset({"officielle", "d'état", "de", "du", "à", "au", "en"}),
    "sanction": frozenset({"contre", "économique", "économiques", "internationale", "internationales",
                           "américaine", "américaines", "européenne", "européennes"}),
    "alerte": frozenset({"orange", "rouge", "jaune", "aux", "à", "au"}),
    "chute": frozenset({"de", "d'", "du", "des", "mortelle"}),
    "conférence": frozenset({"de", "internationale", "sur", "pour"}),
    "mobilisation": frozenset({"de", "du", "des", "contre", "pour"}),
}

# Words that may continue a nominal trigger inside its span: "conversation téléphonique", "tirs de mortier".
NOUN_EXTENSIONS: dict[str, frozenset[str]] = {
    "conversation": frozenset({"téléphonique"}),
    "entretien": frozenset({"téléphonique"}),
    "réunion": frozenset({"de concertation", "extraordinaire", "d'urgence"}),
    "tir": frozenset({"de mortier", "de roquette", "de roquettes", "d'artillerie", "de missile",
                      "de missiles", "de drone", "de drones", "de roquettes et de mortier"}),
    "frappe": frozenset({"aérienne", "aériennes", "de drone", "de drones", "de missile", "de missiles"}),
    "attaque": frozenset({"terroriste", "au couteau", "à la roquette", "de drone", "de drones", "armée"}),
    "attentat": frozenset({"suicide", "à la bombe", "terroriste"}),
    "grève": frozenset({"générale", "nationale", "de 24 heures", "de 48 heures"}),
    "crue": frozenset({"soudaine"}),
    "tremblement": frozenset({"de terre"}),
    "garde": frozenset({"à vue"}),
    "coulée": frozenset({"de neige", "de boue"}),
    "glissement": frozenset({"de terrain"}),
    "alerte": frozenset({"orange", "rouge", "jaune"}),
    "aide": frozenset({"humanitaire", "militaire", "financière", "d'urgence", "alimentaire"}),
    "marche": frozenset({"blanche", "silencieuse"}),
}

# Verbs that carry a nominal trigger as their object or subject without adding meaning: the nominal event
# takes their subject as actor and their date ("a eu une conversation", "a mené une attaque").
LIGHT_VERBS = frozenset({"avoir", "mener", "lancer", "tenir", "effectuer", "organiser", "conduire",
                         "perpétrer", "commettre", "revendiquer", "décréter", "entamer", "observer",
                         "survenir", "produire", "dérouler", "toucher", "imposer", "maintenir", "ouvrir", "placer",
                         "déclencher", "émettre", "relever", "apporter", "annoncer", "reconduire", "infliger",
                         "procéder"})

# Heads of a noun phrase naming a domestic institution: an actor or target of this kind with a nationality
# adjective ("le Parlement irakien") places the event in that country, and a bare one ("au gouvernement")
# is taken to be of the same country as its counterpart.
INSTITUTIONS = frozenset({"parlement", "gouvernement", "président", "premier ministre", "armée", "police",
                          "justice", "assemblée", "sénat", "ministère", "ministre", "cour", "tribunal",
                          "opposition", "autorités", "régime", "chambre", "congrès", "état-major"})

# Prepositions (and multi-word ones) that introduce a place.
LOCATIVE_PREPOSITIONS = frozenset({"à", "au", "aux", "en", "dans", "sur", "vers", "près de", "près d'",
                                   "non loin de", "non loin d'", "autour de", "autour d'", "aux abords de",
                                   "dans la région de", "dans la province de", "dans la ville de",
                                   "au nord de", "au sud de", "à l'est de", "à l'ouest de", "au nord d'",
                                   "au sud d'", "à l'est d'", "à l'ouest d'", "en périphérie de",
                                   "dans la banlieue de", "à proximité de", "à proximité d'"})

# A place under a noun introduced by one of these is what is talked about, not where it happens
# ("une conversation … sur la situation en Irak").
TOPIC_PREPOSITIONS = frozenset({"sur", "concernant", "de", "du", "des"})
TOPIC_NOUNS = frozenset({"situation", "crise", "dossier", "question", "sujet", "avenir", "sort", "conflit",
                         "guerre", "présence", "politique", "stabilité", "sécurité", "gestion"})

# Verbs whose direct object is where the event struck ("a balayé la Wallonie", "a frappé Kiev").
IMPACT_VERBS = frozenset({"balayer", "frapper", "toucher", "ravager", "dévaster", "traverser", "viser",
                          "bombarder", "secouer", "endeuiller", "paralyser", "inonder", "pilonner"})

# Determiners that make a nominal trigger a reference back to an event already told ("cette annonce").
ANAPHORIC_DETERMINERS = frozenset({"ce", "cet", "cette", "ces"})

NEGATIONS = frozenset({"pas", "jamais", "aucun", "aucune", "ni"})

# Subjects that negate the event they govern: « rien n'est encore décidé », « personne n'a été arrêté ».
NEGATIVE_SUBJECTS = frozenset({"rien", "personne", "aucun", "aucune", "nul"})

# Verbs whose infinitive complement is only possible or wished: « pourrait frapper », « veut rencontrer ».
HYPOTHETICAL_VERBS = frozenset({"pouvoir", "vouloir", "souhaiter", "espérer", "envisager", "menacer",
                                "risquer", "sembler", "paraître", "chercher", "tenter", "essayer", "refuser"})

# Verbs whose infinitive complement is told as to come: « doit se réunir », « va annoncer ».
SCHEDULING_VERBS = frozenset({"devoir", "aller"})

# Verbs that are events only in the passive ("des sites ont été visés par les frappes"): in the active they
# mostly mean something else ("une mesure visant à…").
PASSIVE_ONLY = frozenset({"viser"})

# Verbs that are events only with one of these as subject (lemma): "le car est tombé dans un ravin".
VERB_REQUIRES_SUBJECT: dict[str, frozenset[str]] = {
    "tomber": frozenset({"car", "bus", "autocar", "avion", "hélicoptère", "camion", "train", "véhicule",
                         "voiture", "minibus", "grue", "pont", "immeuble"}),
}

# Nouns of a natural disaster or accident: a verb of impact with one as subject ("un séisme a frappé") tells
# that disaster, not an assault.
FORCE_OF_NATURE = frozenset({"séisme", "tremblement", "tempête", "ouragan", "cyclone", "typhon", "crue",
                             "inondation", "incendie", "explosion", "avalanche", "orage", "canicule", "feu"})

# Verbs whose killing or wounding belongs to a disaster or accident told in the same sentence ("dix personnes
# ont été tuées par le séisme"): no assault then.
HARM_VERBS = frozenset({"tuer", "blesser"})

# Passive triggers that are no event: what is "menacé" (jobs, species) is at risk, not threatened by someone.
NOT_PASSIVE = frozenset({"menacer"})

# "reconnu coupable": a verb that with this attribute is a conviction.
CONVICTION_ATTRIBUTES = {"reconnaître": frozenset({"coupable"}), "déclarer": frozenset({"coupable"})}

# Nouns that are events only after one of these words ("un immeuble en feu").
NOUN_REQUIRES_PREVIOUS: dict[str, frozenset[str]] = {"feu": frozenset({"en"})}

# Definite determiners: a nominal trigger named again with one refers back to an event already told.
DEFINITE_DETERMINERS = frozenset({"le", "la", "les", "l'", "l’"})
ELIDED = frozenset({"l'", "l’"})
