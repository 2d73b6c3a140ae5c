"""Constructions found missing on real wire copy (ANNOTATION.md conventions), each in a sentence of our own.

Every case is written for this project: new names, new topics, the same construction as real copy uses.
"""

from __future__ import annotations

import pytest

from pipeline.extract.nlp import load_model
from pipeline.extract.statements import find_statements


@pytest.fixture(scope="module")
def fr():
    nlp = load_model("fr")
    return lambda text: [(s.speaker, s.quote, s.kind) for s in find_statements(nlp(text), "fr")]


@pytest.fixture(scope="module")
def en():
    nlp = load_model("en")
    return lambda text: [(s.speaker, s.quote, s.kind) for s in find_statements(nlp(text), "en")]


# --- French -----------------------------------------------------------------------------------------------

FR_CASES = [
    # a quoted fragment inside a que-clause belongs to the clause
    (
        "La ministre Claire Dupuis a estimé que la réunion avait été « franche et constructive » malgré tout.",
        ("Claire Dupuis", "la réunion avait été « franche et constructive » malgré tout", "indirect"),
    ),
    # "P « fragment », a dit X": the whole clause P
    (
        "Le projet reste utile « pour une large adhésion », a dit Claire Dupuis lundi à Namur.",
        ("Claire Dupuis", "Le projet reste utile « pour une large adhésion »", "indirect"),
    ),
    # noun-phrase reports
    (
        "L'ONG Vigie Santé, qui s'appuie sur un réseau de médecins, a pour sa part fait état de 14 blessés.",
        ("ONG Vigie Santé", "14 blessés", "indirect"),
    ),
    (
        "Le parquet de Namur a confirmé mardi la saisie de 300 kilos de tabac chez un grossiste.",
        ("parquet de Namur", "la saisie de 300 kilos de tabac chez un grossiste", "indirect"),
    ),
    # a verb outside the old closed list, and an unnamed speaker after it
    (
        "Deux camions bloquaient encore la route à midi, a constaté un journaliste de l'agence.",
        ("journaliste de l'agence", "Deux camions bloquaient encore la route à midi", "indirect"),
    ),
    # infinitive reports, bare or after an object
    (
        "La police a indiqué avoir interpellé trois suspects dans la nuit.",
        ("police", "avoir interpellé trois suspects dans la nuit", "indirect"),
    ),
    (
        "La Croix-Rouge invite les donneurs à ne pas reporter leur rendez-vous.",
        ("Croix-Rouge", "ne pas reporter leur rendez-vous", "indirect"),
    ),
    # media and polls as sources
    (
        "Selon le quotidien Le Matin, le tracé du tram serait revu.",
        ("Le Matin", "le tracé du tram serait revu", "according_to"),
    ),
    (
        "Selon un sondage Ifop publié mardi, 54% des sondés soutiennent le projet.",
        ("Ifop", "54% des sondés soutiennent le projet", "according_to"),
    ),
    (
        "En outre, selon le procureur, les trois prévenus savaient tout.",
        ("procureur", "les trois prévenus savaient tout", "according_to"),
    ),
    (
        "Le député a cité l'information publiée mardi par Le Courrier selon laquelle la caisse serait vide.",
        ("Courrier", "la caisse serait vide", "according_to"),
    ),
    # "Pour X, P"
    (
        "Pour le président de la région, Jean Morel, il s'agit d'une erreur historique.",
        ("Jean Morel", "il s'agit d'une erreur historique", "according_to"),
    ),
    # "a-t-on appris auprès de …": the source speaks
    (
        "Les enquêteurs privilégient la piste criminelle, a-t-on appris de source judiciaire.",
        ("source judiciaire", "Les enquêteurs privilégient la piste criminelle", "indirect"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FR_CASES, ids=[c[1][1][:30] for c in FR_CASES])
def test_french_construction_found(fr, text, expected):
    assert expected in fr(text)


def test_single_straight_quotes_pair_around_words_not_apostrophes(fr):
    text = "'Il faut agir avant l'été', a déclaré la ministre Claire Dupuis. Pour elle, 'l'aide doit suivre'."
    got = fr(text)
    assert ("Claire Dupuis", "Il faut agir avant l'été", "direct") in got
    assert ("Claire Dupuis", "l'aide doit suivre", "direct") in got


def test_title_with_particles_resolves_to_the_full_name(fr):
    text = (
        "La présidente de la Commission, Ursula von der Leyen, est arrivée lundi. "
        "« Nous sommes unis », a déclaré Mme von der Leyen."
    )
    assert ("Ursula von der Leyen", "Nous sommes unis", "direct") in fr(text)


def test_incise_speaker_after_a_prepositional_phrase(fr):
    text = "« Maintenant, ta vie change », a lancé avec le sourire Marc Dupont à l'auteur."
    assert fr(text) == [("Marc Dupont", "Maintenant, ta vie change", "direct")]


def test_infinitive_incise_goes_on_quoting_the_speaker(fr):
    text = "« Tout arrive », a déclaré Paul Marchal en arrivant, avant d'ajouter : « Je suis heureux. »"
    assert ("Paul Marchal", "Je suis heureux.", "direct") in fr(text)


def test_pronoun_of_an_incise_keeps_the_quoted_speaker(fr):
    text = (
        "« Le budget tiendra », a déclaré la ministre Anne Leclerc. Son collègue Marc Roy était absent. "
        "« Nous l'avons vérifié », a-t-elle ajouté."
    )
    assert ("Anne Leclerc", "Nous l'avons vérifié", "direct") in fr(text)


def test_judging_verb_with_a_bare_noun_phrase_is_not_a_statement(fr):
    assert fr("Le syndicat s'est réjoui de la baisse des tarifs annoncée lundi.") == []


def test_wish_with_an_infinitive_is_not_a_report(fr):
    assert fr("La direction souhaite ouvrir des négociations avec les syndicats en juillet.") == []


# --- English ----------------------------------------------------------------------------------------------

EN_CASES = [
    ("Several trains were diverted after the fire, media reports said.",
     ("media reports", "Several trains were diverted after the fire", "indirect")),
    ("At least six people were hurt on Friday, a district official told Reuters.",
     ("district official", "At least six people were hurt on Friday", "indirect")),
    ("Maria Lopez, chief economist for Europe and the Middle East at Northbank, said the rate rise raised doubts.",
     ("Maria Lopez", "the rate rise raised doubts", "indirect")),
    ("The fund paid two farmers who said they had lost their crops to the flood.",
     ("farmers", "they had lost their crops to the flood", "indirect")),
    ("The plan includes $40 million for parks, which Carter said was just $12 million last year.",
     ("Carter", "was just $12 million last year", "indirect")),
    ("“This is the worst storm I have seen,” said a station engineer surnamed Chen, who lives nearby.",
     ("Chen", "This is the worst storm I have seen", "direct")),
    ("The league said in a statement the stewards had upheld the complaints.",
     ("league", "the stewards had upheld the complaints", "indirect")),
    ("The panel recognised it was not realistic to expect change.",
     ("panel", "it was not realistic to expect change", "indirect")),
    ("Officials say the fire was started deliberately.",
     ("Officials", "the fire was started deliberately", "indirect")),
    ("Smith, 54, told the court he had acted in self-defence.",
     ("Smith", "he had acted in self-defence", "indirect")),
    ("A senior official, speaking on condition of anonymity, said the talks had stalled.",
     ("senior official", "the talks had stalled", "indirect")),
    ("Police said two men had been arrested and charged with assault.",
     ("Police", "two men had been arrested and charged with assault", "indirect")),
]


@pytest.mark.parametrize(("text", "expected"), EN_CASES, ids=[c[1][1][:30] for c in EN_CASES])
def test_english_construction_found(en, text, expected):
    assert expected in en(text)


def test_scare_quote_inside_a_noun_phrase_is_not_a_statement(en):
    assert en("Opposition slams 'wellbeing' budget as a failure") == []


def test_colon_after_a_reported_clause_opens_its_own_quote(en):
    got = en('Adam Roe said he was changed: "I do not remember who I was."')
    assert ("Adam Roe", "he was changed", "indirect") in got
    assert ("Adam Roe", "I do not remember who I was.", "direct") in got
