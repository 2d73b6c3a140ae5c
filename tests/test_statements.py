"""Who said what: direct quotes, reported speech and "selon X" on the seed and on small written cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract.nlp import load_model
from pipeline.extract.statements import body_start, find_quotes, find_statements
from pipeline.models import Statement

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_2c99c3708e86832f.txt"
SEED_GOLD = ROOT.parent / "shared" / "seed-gold.json"
KEYS = ("speaker", "quote", "start", "end", "kind", "verb")


@pytest.fixture(scope="module")
def fr():
    nlp = load_model("fr")
    return lambda text: find_statements(nlp(text), "fr")


@pytest.fixture(scope="module")
def en():
    nlp = load_model("en")
    return lambda text: find_statements(nlp(text), "en")


def rows(statements: list[Statement]) -> list[tuple]:
    return [(s.speaker, s.quote, s.kind, s.verb) for s in statements]


def assert_spans(text: str, statements: list[Statement]) -> None:
    for s in statements:
        assert text[s.start : s.end] == s.quote


# --- the seed ---------------------------------------------------------------------------------------------


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="shared seed gold not mounted")
def test_seed_statements_match_gold_exactly(fr):
    text = SEED.read_text(encoding="utf-8")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["statements"]
    got = fr(text)
    assert [tuple(getattr(s, k) for k in KEYS) for s in got] == [tuple(g[k] for k in KEYS) for g in gold]


def test_seed_fragment_inside_reported_clause_is_not_a_statement(fr):
    text = SEED.read_text(encoding="utf-8")
    quotes = [s.quote for s in fr(text)]
    assert "franche et claire" not in quotes
    assert "quelques dizaines" not in quotes


# --- French direct quotes ---------------------------------------------------------------------------------


def test_guillemets_with_inverted_pronoun_resolve_to_last_named_man(fr):
    text = "Le ministre de l'Intérieur Paul Martin s'est rendu à Liège. « Nous ne céderons rien », a-t-il déclaré."
    assert rows(fr(text)) == [("Paul Martin", "Nous ne céderons rien", "direct", "a-t-il déclaré")]


def test_elle_skips_the_last_man_for_the_last_woman(fr):
    text = (
        "Mme Sophie Lambert a rencontré M. Pierre Dubois. "
        "« La réforme sera votée avant l'été », a-t-elle assuré."
    )
    assert fr(text)[0].speaker == "Sophie Lambert"


def test_straight_quotes_and_attribution_before_with_colon(fr):
    text = 'La porte-parole Anne Dumont a déclaré : "Nous attendons des réponses claires."'
    got = fr(text)
    assert rows(got) == [("Anne Dumont", "Nous attendons des réponses claires.", "direct", "a déclaré")]
    assert_spans(text, got)


def test_curly_quotes_with_attribution_after_the_speaker(fr):
    text = "“Le dialogue reste possible”, a estimé le président de la Commission Marc Leblanc."
    assert rows(fr(text)) == [("Marc Leblanc", "Le dialogue reste possible", "direct", "a estimé")]


def test_quote_split_around_its_incise_gives_two_statements(fr):
    text = "Le député Luc Moreau est resté ferme. « Nous resterons, a-t-il dit, jusqu'au bout »."
    got = fr(text)
    assert rows(got) == [
        ("Luc Moreau", "Nous resterons", "direct", "a-t-il dit"),
        ("Luc Moreau", "jusqu'au bout", "direct", "a-t-il dit"),
    ]
    assert_spans(text, got)


def test_nested_quote_stays_inside_the_outer_quote(fr):
    text = '« Il m\'a dit "je pars" et il est parti », a raconté Jeanne Petit.'
    got = fr(text)
    assert rows(got) == [("Jeanne Petit", 'Il m\'a dit "je pars" et il est parti', "direct", "a raconté")]


def test_title_and_surname_resolve_to_the_full_name_seen_earlier(fr):
    text = (
        "La ministre de la Santé Claire Vandenberghe a présenté son plan. "
        "Mme Vandenberghe a souligné que les hôpitaux recevraient des moyens supplémentaires."
    )
    got = fr(text)
    assert rows(got) == [
        (
            "Claire Vandenberghe",
            "les hôpitaux recevraient des moyens supplémentaires",
            "indirect",
            "a souligné",
        )
    ]


def test_role_noun_resolves_to_the_person_who_holds_it(fr):
    text = (
        "Le ministre des Finances Jan Peeters a présenté le budget lundi. "
        "« Nous tiendrons nos engagements », a assuré le ministre."
    )
    assert fr(text)[0].speaker == "Jan Peeters"


def test_quote_introduced_by_the_previous_sentence_ending_in_colon(fr):
    text = "M. Thomas Leroy a déclaré :\n« Nous ne signerons pas cet accord en l'état. »"
    got = fr(text)
    assert rows(got) == [
        ("Thomas Leroy", "Nous ne signerons pas cet accord en l'état.", "direct", "a déclaré")
    ]


def test_unattributed_full_sentence_quote(fr):
    text = "La foule scandait des slogans.\n\n« Nous voulons du travail et des salaires dignes pour tous. »"
    got = fr(text)
    assert [(s.speaker, s.speaker_type, s.kind) for s in got] == [(None, "unattributed", "direct")]


def test_scare_quotes_without_speech_verb_are_not_statements(fr):
    text = "Le gouvernement prépare un « plan de relance » pour l'automne."
    assert fr(text) == []


def test_quoted_fragment_after_reporting_verb_is_direct(fr):
    text = "Le syndicaliste Marc Dupont a jugé la proposition « totalement inacceptable »."
    assert rows(fr(text)) == [("Marc Dupont", "totalement inacceptable", "direct", "a jugé")]


# --- French reported speech -------------------------------------------------------------------------------


def test_indirect_que_clause_with_time_adverb_before_que(fr):
    text = "Le parquet de Bruxelles a indiqué mardi que trois suspects avaient été arrêtés."
    got = fr(text)
    assert rows(got) == [
        ("parquet de Bruxelles", "trois suspects avaient été arrêtés", "indirect", "a indiqué")
    ]
    assert got[0].speaker_type == "organisation"


def test_inverted_attribution_takes_the_preceding_clause(fr):
    text = "Deux personnes ont été blessées lors de l'incendie, a annoncé lundi la police."
    got = fr(text)
    assert rows(got) == [
        ("police", "Deux personnes ont été blessées lors de l'incendie", "indirect", "a annoncé")
    ]
    assert got[0].speaker_type == "organisation"


def test_dateline_is_not_part_of_the_clause(fr):
    text = "BRUXELLES, 7 janv. (Belga) – Le trafic sera perturbé toute la journée, a averti la SNCB."
    got = fr(text)
    assert got[0].quote == "Le trafic sera perturbé toute la journée"
    assert got[0].speaker == "SNCB"


def test_institution_short_form_resolves_to_its_full_name(fr):
    text = (
        "Le ministère de la Défense a publié un communiqué. "
        "Les soldats resteront sur place, a précisé le ministère."
    )
    assert fr(text)[-1].speaker == "ministère de la Défense"


def test_selon_before_the_clause(fr):
    text = "Selon la police, quelque 2.000 personnes ont manifesté dans le centre de Namur."
    assert rows(fr(text)) == [
        ("police", "quelque 2.000 personnes ont manifesté dans le centre de Namur", "according_to", "selon")
    ]


def test_selon_after_the_clause_and_d_apres(fr):
    text = (
        "Le bilan s'élève à douze morts, selon les autorités locales. "
        "D'après la Croix-Rouge, des centaines de familles sont sans abri."
    )
    assert rows(fr(text)) == [
        ("autorités locales", "Le bilan s'élève à douze morts", "according_to", "selon"),
        ("Croix-Rouge", "des centaines de familles sont sans abri", "according_to", "d'après"),
    ]


def test_selon_lui_resolves_the_pronoun(fr):
    text = "L'économiste Pierre Lenoir reste prudent. Selon lui, la croissance ralentira l'an prochain."
    assert fr(text)[0].speaker == "Pierre Lenoir"


def test_selon_laquelle_is_not_a_source(fr):
    text = "La rumeur selon laquelle le ministre démissionnerait a été démentie."
    assert [s.kind for s in fr(text)] == []


def test_several_speakers_in_one_paragraph(fr):
    text = (
        "Le bourgmestre Alain Dubois a annoncé que la fête aurait lieu. "
        "La gouverneure Nadia Lemaire a répondu qu'elle attendait l'avis de la police. "
        "« Rien n'est décidé », a-t-elle ajouté. « Tout est prêt », a répliqué M. Dubois."
    )
    assert [s.speaker for s in fr(text)] == ["Alain Dubois", "Nadia Lemaire", "Nadia Lemaire", "Alain Dubois"]


def test_appositive_name_after_role(fr):
    text = "« Les délais seront tenus », a assuré la porte-parole de l'agence, Julie Martens."
    assert fr(text)[0].speaker == "Julie Martens"


def test_present_participle_continues_the_speaker(fr):
    text = "Le maire Paul Henry a confirmé la fermeture, précisant que l'école rouvrirait lundi."
    got = fr(text)
    assert ("Paul Henry", "l'école rouvrirait lundi", "indirect", "précisant") in rows(got)


# --- English ----------------------------------------------------------------------------------------------


def test_english_quote_then_pronoun_said(en):
    text = 'Foreign Minister Maria Ortiz arrived in Brussels on Monday. "We will not give up," she said.'
    got = en(text)
    assert rows(got) == [("Maria Ortiz", "We will not give up", "direct", "said")]
    assert_spans(text, got)


def test_english_quote_then_said_name(en):
    text = '"The talks were useful," said Tom Baker, a spokesman for the ministry.'
    assert rows(en(text)) == [("Tom Baker", "The talks were useful", "direct", "said")]


def test_english_mr_surname_resolves_to_full_name(en):
    text = 'John Carter, the mayor, opened the bridge. "It is a great day," Mr. Carter told reporters.'
    assert rows(en(text)) == [("John Carter", "It is a great day", "direct", "told reporters")]


def test_english_said_that_clause(en):
    text = "The ministry said on Tuesday that 300 soldiers would stay in the country."
    got = en(text)
    assert rows(got) == [("ministry", "300 soldiers would stay in the country", "indirect", "said")]
    assert got[0].speaker_type == "organisation"


def test_english_trailing_attribution(en):
    text = "Two people were injured in the blast, police said."
    assert rows(en(text)) == [("police", "Two people were injured in the blast", "indirect", "said")]


def test_english_said_without_that(en):
    text = "Prime Minister Anna Berg said the government would present a new budget."
    assert rows(en(text)) == [("Anna Berg", "the government would present a new budget", "indirect", "said")]


def test_english_according_to(en):
    text = "According to the United Nations, more than 5,000 people have fled the region."
    assert rows(en(text)) == [
        ("United Nations", "more than 5,000 people have fled the region", "according_to", "according to")
    ]


def test_english_split_quote_around_attribution(en):
    text = '"We are ready," he said, "but we need time." Earlier, Sam Hill had arrived.'
    got = en("Sam Hill arrived late. " + text)
    assert [s.quote for s in got if s.kind == "direct"] == ["We are ready", "but we need time."]
    assert {s.speaker for s in got if s.kind == "direct"} == {"Sam Hill"}


def test_english_dateline_is_skipped(en):
    text = "LONDON, March 3 (Reuters) - Prices rose by 2%, the statistics office said."
    got = en(text)
    assert got[0].quote == "Prices rose by 2%"
    assert got[0].start == text.index("Prices")


def test_english_participle_continues_the_speaker(en):
    text = "Health officials said on Monday that cases were rising, warning that hospitals were full."
    assert [(s.speaker, s.verb) for s in en(text)] == [
        ("Health officials", "said"),
        ("Health officials", "warning"),
    ]


# --- helpers and robustness ---------------------------------------------------------------------------------


def test_find_quotes_pairs_guillemets_curly_and_straight_marks():
    text = 'a « b » c “d” e "f" g'
    assert [text[a + 1 : b].strip() for a, b in find_quotes(text)] == ["b", "d", "f"]


def test_body_start_skips_belga_dateline():
    text = " date 2020-01 (Belga) L'Italie va maintenir"
    assert text[body_start(text) :].startswith("L'Italie")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            list("abc ABC.,:;«»“”\"'-\n\u00a0") + [" a dit ", "selon ", " que ", "Mme ", "il", "Jean "]
        ),
        max_size=80,
    ).map("".join)
    | st.text(max_size=120)
)
def test_any_text_gives_valid_spans(fr, text):
    got = fr(text)
    for s in got:
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start : s.end] == s.quote
        assert s.kind in ("direct", "indirect", "according_to")
        assert (s.speaker is None) == (s.speaker_type == "unattributed")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(["He", "said", '"', ",", "that", "Mr.", "Smith", "according to", ".", " ", "x"]),
        max_size=40,
    )
)
def test_any_english_text_gives_valid_spans(en, parts):
    text = " ".join(parts)
    for s in en(text):
        assert text[s.start : s.end] == s.quote


def test_addressee_between_verb_and_speaker_is_skipped(fr):
    text = "« Nous resterons vigilants », a déclaré à l'AFP Jean Dupont, porte-parole du syndicat."
    assert rows(fr(text)) == [("Jean Dupont", "Nous resterons vigilants", "direct", "a déclaré")]


def test_pour_x_followed_by_a_quote_is_direct(fr):
    text = "Pour la ministre Sophie Wilmès, « le pays est prêt »."
    assert rows(fr(text)) == [("Sophie Wilmès", "le pays est prêt", "direct", "pour")]


def test_verb_drops_adverbs_between_auxiliary_and_participle(fr):
    text = "La ministre Ana Costa a par ailleurs confirmé que la base resterait ouverte."
    assert fr(text)[0].verb == "a confirmé"


def test_que_clauses_joined_by_et_que_are_two_statements(fr):
    text = (
        "Le maire Paul Henry a indiqué que l'école fermerait et que les élèves seraient accueillis ailleurs."
    )
    assert [s.quote for s in fr(text)] == ["l'école fermerait", "les élèves seraient accueillis ailleurs"]


def test_relative_clause_between_subject_and_verb(fr):
    text = "Le Comité international de la Croix-Rouge (CICR), qui supervisera les opérations, a précisé que tout était prêt."
    assert fr(text)[0].speaker == "Comité international de la Croix-Rouge"


def test_document_source_names_its_issuer(fr):
    text = "L'inflation a grimpé à 3 % en février, selon les chiffres publiés mercredi par Statbel."
    assert fr(text)[0].speaker == "Statbel"


def test_english_pronoun_without_antecedent_is_unattributed(en):
    text = 'He said: "We are not leaving."'
    got = en(text)
    assert [(s.speaker, s.speaker_type, s.quote) for s in got] == [
        (None, "unattributed", "We are not leaving.")
    ]


def test_english_infinitive_report(en):
    text = "Senator Alicia Grant urged the administration to brief lawmakers within 48 hours."
    assert rows(en(text)) == [("Alicia Grant", "brief lawmakers within 48 hours", "indirect", "urged")]
