"""French attribution verbs and markers: the words that introduce who said what."""

from __future__ import annotations

# infinitive -> (past participle, present 3rd singular, present 3rd plural). A multi-word entry keeps
# its object ("mettre l'accent") because the object is part of the speech act.
VERBS: dict[str, tuple[str, str, str]] = {
    "déclarer": ("déclaré", "déclare", "déclarent"),
    "annoncer": ("annoncé", "annonce", "annoncent"),
    "indiquer": ("indiqué", "indique", "indiquent"),
    "affirmer": ("affirmé", "affirme", "affirment"),
    "préciser": ("précisé", "précise", "précisent"),
    "souligner": ("souligné", "souligne", "soulignent"),
    "estimer": ("estimé", "estime", "estiment"),
    "expliquer": ("expliqué", "explique", "expliquent"),
    "dire": ("dit", "dit", "disent"),
    "saluer": ("salué", "salue", "saluent"),
    "appeler": ("appelé", "appelle", "appellent"),
    "demander": ("demandé", "demande", "demandent"),
    "mettre l'accent": ("mis l'accent", "met l'accent", "mettent l'accent"),
    "mettre en garde": ("mis en garde", "met en garde", "mettent en garde"),
    "réclamer": ("réclamé", "réclame", "réclament"),
    "dénoncer": ("dénoncé", "dénonce", "dénoncent"),
    "reconnaître": ("reconnu", "reconnaît", "reconnaissent"),
    "démentir": ("démenti", "dément", "démentent"),
    "avertir": ("averti", "avertit", "avertissent"),
    "prévenir": ("prévenu", "prévient", "préviennent"),
    "promettre": ("promis", "promet", "promettent"),
    "rappeler": ("rappelé", "rappelle", "rappellent"),
    "juger": ("jugé", "juge", "jugent"),
    "regretter": ("regretté", "regrette", "regrettent"),
    "poursuivre": ("poursuivi", "poursuit", "poursuivent"),
    "conclure": ("conclu", "conclut", "concluent"),
    "noter": ("noté", "note", "notent"),
    "observer": ("observé", "observe", "observent"),
    "relever": ("relevé", "relève", "relèvent"),
    "répondre": ("répondu", "répond", "répondent"),
    "répéter": ("répété", "répète", "répètent"),
    "réitérer": ("réitéré", "réitère", "réitèrent"),
    "écrire": ("écrit", "écrit", "écrivent"),
    "marteler": ("martelé", "martèle", "martèlent"),
    "admettre": ("admis", "admet", "admettent"),
    "avouer": ("avoué", "avoue", "avouent"),
    "soutenir": ("soutenu", "soutient", "soutiennent"),
    "considérer": ("considéré", "considère", "considèrent"),
    "espérer": ("espéré", "espère", "espèrent"),
    "craindre": ("craint", "craint", "craignent"),
    "accuser": ("accusé", "accuse", "accusent"),
    "exhorter": ("exhorté", "exhorte", "exhortent"),
    "plaider": ("plaidé", "plaide", "plaident"),
    "proposer": ("proposé", "propose", "proposent"),
    "suggérer": ("suggéré", "suggère", "suggèrent"),
    "signaler": ("signalé", "signale", "signalent"),
    "révéler": ("révélé", "révèle", "révèlent"),
    "raconter": ("raconté", "raconte", "racontent"),
    "commenter": ("commenté", "commente", "commentent"),
    "lancer": ("lancé", "lance", "lancent"),
    "tweeter": ("tweeté", "tweete", "tweetent"),
    "fustiger": ("fustigé", "fustige", "fustigent"),
    "critiquer": ("critiqué", "critique", "critiquent"),
    "prédire": ("prédit", "prédit", "prédisent"),
    "garantir": ("garanti", "garantit", "garantissent"),
    "objecter": ("objecté", "objecte", "objectent"),
    "qualifier": ("qualifié", "qualifie", "qualifient"),
    "évoquer": ("évoqué", "évoque", "évoquent"),
    "répliquer": ("répliqué", "réplique", "répliquent"),
    "rétorquer": ("rétorqué", "rétorque", "rétorquent"),
    "renchérir": ("renchéri", "renchérit", "renchérissent"),
    "corriger": ("corrigé", "corrige", "corrigent"),
    "insister": ("insisté", "insiste", "insistent"),
    "confirmer": ("confirmé", "confirme", "confirment"),
    "ajouter": ("ajouté", "ajoute", "ajoutent"),
    "assurer": ("assuré", "assure", "assurent"),
    "faire savoir": ("fait savoir", "fait savoir", "font savoir"),
    "tempérer": ("tempéré", "tempère", "tempèrent"),
    "confier": ("confié", "confie", "confient"),
    "ironiser": ("ironisé", "ironise", "ironisent"),
    "déplorer": ("déploré", "déplore", "déplorent"),
    "témoigner": ("témoigné", "témoigne", "témoignent"),
    "réagir": ("réagi", "réagit", "réagissent"),
    "soupirer": ("soupiré", "soupire", "soupirent"),
    "lâcher": ("lâché", "lâche", "lâchent"),
    "prévoir": ("prévu", "prévoit", "prévoient"),
    "s'exclamer": ("exclamé", "exclame", "exclament"),
    "nuancer": ("nuancé", "nuance", "nuancent"),
    "résumer": ("résumé", "résume", "résument"),
    "détailler": ("détaillé", "détaille", "détaillent"),
    "justifier": ("justifié", "justifie", "justifient"),
}

# Present participles that continue a speaker's sentence: "…, précisant que …", "en accusant …".
PARTICIPLES: tuple[str, ...] = (
    "précisant",
    "ajoutant",
    "soulignant",
    "estimant",
    "appelant",
    "affirmant",
    "expliquant",
    "indiquant",
    "assurant",
    "déclarant",
    "rappelant",
    "jugeant",
    "dénonçant",
    "accusant",
    "avertissant",
    "promettant",
    "réclamant",
    "demandant",
    "insistant",
    "reconnaissant",
    "regrettant",
    "annonçant",
    "prévenant",
    "martelant",
    "exhortant",
    "plaidant",
    "saluant",
    "qualifiant",
    "assurant",
    "notant",
    "concluant",
)

# Reflexive speech verbs: "s'est félicité", "se dit", "s'est dite".
REFLEXIVE: dict[str, tuple[str, str, str]] = {
    "se féliciter": ("félicité", "félicite", "félicitent"),
    "se réjouir": ("réjoui", "réjouit", "réjouissent"),
    "s'inquiéter": ("inquiété", "inquiète", "inquiètent"),
    "se dire": ("dit", "dit", "disent"),
    "se déclarer": ("déclaré", "déclare", "déclarent"),
    "se montrer": ("montré", "montre", "montrent"),
    "s'interroger": ("interrogé", "interroge", "interrogent"),
    "s'alarmer": ("alarmé", "alarme", "alarment"),
    "s'indigner": ("indigné", "indigne", "indignent"),
    "se défendre": ("défendu", "défend", "défendent"),
}

# Auxiliaries of compound tenses, as written before the participle.
AUXILIARIES = ("a", "ont", "avait", "avaient", "aurait", "auraient", "avait", "aura", "auront")

# Adverbs that may sit between auxiliary and participle ("a également souligné").
INNER_ADVERBS = (
    "également",
    "aussi",
    "encore",
    "ensuite",
    "enfin",
    "notamment",
    "déjà",
    "toutefois",
    "cependant",
    "pourtant",
    "par ailleurs",
    "en outre",
    "néanmoins",
    "d'ailleurs",
    "d'abord",
    "lui-même",
    "elle-même",
    "de nouveau",
    "à nouveau",
    "simplement",
    "clairement",
    "publiquement",
    "plus tard",
    "alors",
    "pour sa part",
    "pour leur part",
    "de son côté",
    "de leur côté",
    "lui aussi",
    "elle aussi",
    "eux aussi",
    "à son tour",
    "une nouvelle fois",
    "immédiatement",
    "aussitôt",
    "même",
)

# Words introducing a source without a verb: kind "according_to".
ACCORDING_TO = ("selon", "d'après", "d’après")

# "selon laquelle" is a relative clause, not a source.
ACCORDING_TO_NOT_BEFORE = ("lequel", "laquelle", "lesquels", "lesquelles", "qui", "que", "quoi", "les cas")

# Complementisers opening reported speech.
COMPLEMENTISERS = ("que", "qu'", "qu’")


# Verbs whose report is an infinitive clause: "a appelé les partis à prendre…", "a promis de…" (stems).
INFINITIVE_REPORTS: tuple[str, ...] = (
    "appel",
    "demand",
    "exhort",
    "promi",
    "promet",
    "invit",
    "enjoin",
    "conseill",
    "recommand",
    "pri",
    "menac",
    "s'engag",
    "jur",
)

# A quoted fragment inside a "que" clause belongs to that clause (ANNOTATION.md): "a estimé que son équipe
# avait « dominé la première mi-temps »" is one indirect statement; "a jugé la demande « excessive »" (no
# clause) stays a direct statement of the fragment.
FRAGMENT_IN_CLAUSE_IS_DIRECT = False


def _claim_frames(cls: str, frames: str) -> frozenset[str]:
    """A judging verb with a noun-phrase object states nothing ("s'est réjoui de la baisse"): ANNOTATION.md."""
    out = frozenset(frames.split())
    return out - {"np", "de_np", "of_np"} if cls == "judge" else out


def _merge_speech_lexicon() -> dict[str, frozenset[str]]:
    """Adds the speech-verb lexicon's forms to the lists above; returns each written form's frames."""
    from pipeline.extract.lexicon.speech_verbs_fr import SPEECH_VERBS

    global PARTICIPLES
    frames: dict[str, frozenset[str]] = {}
    participles = set(PARTICIPLES)
    for lemma, (_cls, fr, pp, s3, p3, ppr, i3s, i3p) in SPEECH_VERBS.items():
        table = REFLEXIVE if lemma.startswith(("se ", "s'", "s’")) else VERBS
        table.setdefault(lemma, (pp, s3, p3))
        if table is VERBS:
            IMPERFECTS.update((i3s, i3p))
        if fr != "incise":
            participles.add(ppr)
        for form in (pp, s3, p3, ppr, i3s, i3p):
            frames[form] = frames.get(form, frozenset()) | _claim_frames(_cls, fr)
            CLASSES[form] = CLASSES.get(form, frozenset()) | {_cls}
    PARTICIPLES = tuple(sorted(participles))
    return frames


# Infinitives that go on quoting the sentence's speaker: "avant d'ajouter", "et de conclure".
INCISE_INFINITIVES = (
    "ajouter", "préciser", "conclure", "souligner", "expliquer", "insister", "lancer", "affirmer", "rappeler",
    "assurer", "indiquer", "déclarer", "estimer", "résumer", "lâcher", "marteler", "poursuivre", "glisser",
    "confier", "commenter", "nuancer", "avertir", "prévenir", "reconnaître", "noter", "plaider", "dénoncer",
)
# Written form -> the classes of its verbs (say, report, judge, …), filled from the lexicon.
CLASSES: dict[str, frozenset[str]] = {}
# Imperfect forms ("expliquait", "affirmaient"), filled from the lexicon.
IMPERFECTS: set[str] = set()
# Written form -> the constructions it takes (que, np, de_np, inf_a, …): see speech_verbs_fr.
FRAMES = _merge_speech_lexicon()
