"""Speaker phrases and their resolution across sentences: names, titles, roles, pronouns, institutions."""

from __future__ import annotations

import pytest

from pipeline.extract.nlp import load_model
from pipeline.extract.speakers import SpeakerResolver, words_in


@pytest.fixture(scope="module")
def nlp_fr():
    return load_model("fr")


@pytest.fixture(scope="module")
def nlp_en():
    return load_model("en")


def resolver(nlp, text: str, lang: str) -> SpeakerResolver:
    return SpeakerResolver(nlp(text), lang, [])


def resolve_at(r: SpeakerResolver, phrase: str, occurrence: int = -1):
    """Resolve the n-th occurrence of `phrase` in the resolver's text."""
    starts = [i for i in range(len(r.text)) if r.text.startswith(phrase, i)]
    start = starts[occurrence]
    return r.resolve_words(words_in(r.text, start, start + len(phrase)))


def test_role_then_name_gives_the_name(nlp_fr):
    text = "Le ministre de la Défense Lorenzo Guerini a parlé."
    r = resolver(nlp_fr, text, "fr")
    sp = resolve_at(r, "Le ministre de la Défense Lorenzo Guerini")
    assert (sp.name, sp.kind) == ("Lorenzo Guerini", "person")


def test_title_surname_resolves_to_full_name(nlp_fr):
    text = "Le ministre de la Défense Lorenzo Guerini a parlé. M. Guerini a conclu."
    r = resolver(nlp_fr, text, "fr")
    assert resolve_at(r, "M. Guerini").name == "Lorenzo Guerini"


def test_bare_surname_resolves_to_full_name(nlp_en):
    text = "Interior Minister Kemal Aydin visited the site. Aydin said more help was coming."
    r = resolver(nlp_en, text, "en")
    assert resolve_at(r, "Aydin").name == "Kemal Aydin"


def test_il_resolves_to_last_named_man_and_elle_to_last_named_woman(nlp_fr):
    text = "Mme Claire Dumas a reçu M. Paul Renard. Il a parlé, puis elle a répondu."
    r = resolver(nlp_fr, text, "fr")
    assert r.resolve_pronoun("il", text.index("Il a")).name == "Paul Renard"
    assert r.resolve_pronoun("elle", text.index("elle a")).name == "Claire Dumas"


def test_feminine_role_gives_gender(nlp_fr):
    text = "La porte-parole Inès Karim et le ministre Hugo Blanc sont arrivés. Elle a parlé."
    r = resolver(nlp_fr, text, "fr")
    assert r.resolve_pronoun("elle", text.index("Elle")).name == "Inès Karim"


def test_pronoun_ignores_names_inside_quotes(nlp_fr):
    text = "Le député Marc Lenoir a parlé. « J'ai vu Jean Dupont hier »"
    quote = (text.index("«"), len(text) - 1)
    r = SpeakerResolver(nlp_fr(text), "fr", [quote])
    assert r.resolve_pronoun("il", len(text)).name == "Marc Lenoir"


def test_role_noun_resolves_to_its_holder(nlp_fr):
    text = "La directrice médicale, Karine Dufour, a ouvert des lits. La directrice a parlé."
    r = resolver(nlp_fr, text, "fr")
    assert resolve_at(r, "La directrice", -1).name == "Karine Dufour"


def test_institution_kept_without_article(nlp_fr):
    text = "Le ministère de la Défense a publié un communiqué."
    r = resolver(nlp_fr, text, "fr")
    sp = resolve_at(r, "Le ministère de la Défense")
    assert (sp.name, sp.kind) == ("ministère de la Défense", "organisation")


def test_institution_short_form_resolves_to_earlier_full_form(nlp_fr):
    text = "Le ministère de la Défense a publié un communiqué. Le ministère a précisé."
    r = resolver(nlp_fr, text, "fr")
    assert resolve_at(r, "Le ministère", -1).name == "ministère de la Défense"


def test_plural_media_phrase_is_an_organisation(nlp_fr):
    text = "Des médias italiens ont publié l'information."
    r = resolver(nlp_fr, text, "fr")
    sp = resolve_at(r, "Des médias italiens")
    assert (sp.name, sp.kind) == ("médias italiens", "organisation")


def test_descriptor_before_proper_name_keeps_the_name(nlp_en):
    text = "The country's disaster agency AFAD gave a toll."
    r = resolver(nlp_en, text, "en")
    assert resolve_at(r, "The country's disaster agency AFAD").name == "AFAD"


def test_acronym_after_descriptor_is_the_speaker(nlp_fr):
    text = "L'agence fédérale pour l'accueil des demandeurs d'asile (Fedasil) est saturée. L'agence fédérale a averti."
    r = resolver(nlp_fr, text, "fr")
    assert resolve_at(r, "L'agence fédérale", -1).name == "Fedasil"


def test_english_role_words_before_name_are_dropped(nlp_en):
    text = "Commission Vice-President Helena Marsh spoke."
    r = resolver(nlp_en, text, "en")
    assert resolve_at(r, "Commission Vice-President Helena Marsh").name == "Helena Marsh"


def test_read_forward_stops_before_place_and_time(nlp_fr):
    text = "Rien ne change, a indiqué le ministère dans un communiqué."
    r = resolver(nlp_fr, text, "fr")
    start = text.index("le ministère")
    words = r.read_forward(start, len(text))
    assert text[words[0].start : words[-1].end] == "le ministère"


def test_read_backward_stops_at_subordinator(nlp_fr):
    text = "Cela arrive alors que le Parlement irakien a demandé un vote."
    r = resolver(nlp_fr, text, "fr")
    words = r.read_backward(text.index(" a demandé"), 0)
    assert text[words[0].start : words[-1].end] == "le Parlement irakien"


def test_unknown_pronoun_context_is_unattributed(nlp_fr):
    text = "Il pleut."
    r = resolver(nlp_fr, text, "fr")
    sp = r.resolve_pronoun("il", 0)
    assert (sp.name, sp.kind) == (None, "unattributed")
