"""Events: the seed's five gold events and small French and English cases, one behaviour each."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract.dates import find_dates
from pipeline.extract.events import find_events
from pipeline.extract.lexicon.events_types import EVENT_TYPES
from pipeline.extract.nlp import load_model
from pipeline.extract.places import fold
from pipeline.extract.statements import find_statements
from pipeline.models import Event

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_2c99c3708e86832f.txt"
SEED_GOLD = ROOT.parent / "shared" / "seed-gold.json"
# The seed annotation names the announcement type "announce_decision"; this extractor calls it "announce".
TYPE_ALIASES = {"announce_decision": "announce"}


@pytest.fixture(scope="module")
def fr():
    return load_model("fr")


@pytest.fixture(scope="module")
def en():
    return load_model("en")


def events(nlp, text: str, published: date | None) -> list[Event]:
    doc = nlp(text)
    found = find_events(doc, nlp.lang, published, [], [])
    for event in found:
        assert text[event.start : event.end] == event.trigger
    return found


def only(found: list[Event], etype: str) -> Event:
    matching = [e for e in found if e.type == etype]
    assert len(matching) == 1, found
    return matching[0]


def same_name(predicted: str | None, gold: str | None) -> bool:
    """Names agree when one folded name contains the other ("ministère de la Défense" in
    "ministère de la Défense (Italie)")."""
    if predicted is None or gold is None:
        return predicted is gold
    p, g = fold(predicted), fold(gold)
    return p in g or g in p


# ---------------------------------------------------------------- the seed


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="shared seed gold not mounted beside the checkout")
def test_seed_gold_events_are_found_with_type_date_place_and_roles(fr):
    text = SEED.read_bytes().decode("utf-8")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    found = events(fr, text, date.fromisoformat(gold["published"]))
    for g in gold["events"]:
        gtype = TYPE_ALIASES.get(g["type"], g["type"])
        matches = [
            e
            for e in found
            if e.type == gtype
            and (e.date.isoformat() if e.date else None) == g["date"]
            and same_name(e.place, g["place"])
            and set(g["trigger"].lower().split()) & set(e.trigger.lower().split())
        ]
        assert len(matches) == 1, (g, found)
        event = matches[0]
        for role in ("actor", "target"):
            if role in g:
                assert same_name(getattr(event, role), g[role]), (role, g, event)
    assert len(found) == len(gold["events"]), found


def test_seed_weekdays_resolve_against_publication(fr):
    text = SEED.read_bytes().decode("utf-8")
    resolved = {m.text: m.date for m in find_dates(text, date(2020, 1, 7), "fr")}
    assert resolved == {"mardi": date(2020, 1, 7), "dimanche": date(2020, 1, 5)}


def test_every_type_produced_is_in_the_documented_vocabulary(fr):
    text = SEED.read_bytes().decode("utf-8")
    assert {e.type for e in events(fr, text, date(2020, 1, 7))} <= set(EVENT_TYPES)


# ---------------------------------------------------------------- French


def test_plain_declaration_is_not_an_event(fr):
    assert (
        events(fr, "Le ministre a déclaré mardi que la situation était sous contrôle.", date(2020, 1, 7))
        == []
    )


def test_negated_announcement_is_not_an_event(fr):
    assert events(fr, "Le ministre n'a pas annoncé de nouvelles mesures.", date(2020, 1, 7)) == []


def test_announcement_takes_its_weekday_and_the_country_of_its_institution(fr):
    found = events(
        fr, "Le gouvernement belge a annoncé lundi la fermeture de trois centrales.", date(2020, 1, 7)
    )
    event = only(found, "announce")
    assert (event.trigger, event.actor, event.date, event.place) == (
        "a annoncé lundi",
        "gouvernement belge",
        date(2020, 1, 6),
        "Belgique",
    )


def test_arrest_with_place_after_a(fr):
    event = only(events(fr, "La police a arrêté jeudi trois suspects à Anvers.", date(2024, 5, 3)), "arrest")
    assert (event.actor, event.date, event.place) == ("police", date(2024, 5, 2), "Anvers")


def test_demonstration_is_a_protest_against_its_target(fr):
    text = "Des milliers de personnes ont manifesté samedi à Bruxelles contre la réforme des pensions."
    event = only(events(fr, text, date(2023, 1, 16)), "protest")
    assert (event.date, event.place, event.target) == (date(2023, 1, 14), "Bruxelles", "réforme des pensions")


def test_attack_takes_the_day_of_the_verb_it_depends_on_and_the_killing_is_an_event_of_its_own(fr):
    found = events(fr, "Trois soldats ont été tués lundi dans une attaque près de Kirkouk.", date(2020, 1, 7))
    assert sorted(e.trigger for e in found if e.type == "assault") == ["attaque", "ont été tués lundi"]
    for event in found:
        assert (event.date, event.place) == (date(2020, 1, 6), "Kirkouk")


def test_meeting_between_counterparts(fr):
    text = "Le président français a rencontré mercredi son homologue allemand à Berlin."
    event = only(events(fr, text, date(2020, 1, 8)), "consult")
    assert (event.actor, event.date, event.place) == ("président français", date(2020, 1, 8), "Berlin")


def test_deployment_with_country_name_in_french(fr):
    text = "Les Etats-Unis ont déployé 3.000 soldats en Pologne, a indiqué le Pentagone."
    event = only(events(fr, text, date(2022, 3, 1)), "deploy")
    assert (event.actor, event.place, event.date) == ("Etats-Unis", "Pologne", date(2022, 3, 1))


def test_future_strike_takes_the_coming_weekday(fr):
    text = "Les syndicats organiseront une grève jeudi dans les gares."
    event = only(events(fr, text, date(2023, 1, 16)), "protest")
    assert (event.trigger, event.actor, event.date) == ("grève", "syndicats", date(2023, 1, 19))


def test_dateline_anchors_weekdays_and_places_the_news(fr):
    text = "BRUXELLES, 7 janv. 2020 (Belga) – Le gouvernement fédéral a annoncé mardi un plan d'urgence."
    event = only(events(fr, text, None), "announce")
    assert (event.date, event.place) == (date(2020, 1, 7), "Bruxelles")


def test_an_event_referred_to_again_is_counted_once(fr):
    text = "Une attaque a visé lundi un convoi à Mossoul. Cette attaque a été revendiquée par l'EI."
    event = only(events(fr, text, date(2020, 1, 7)), "assault")
    assert event.place == "Mossoul"


def test_withdrawal_of_troops(fr):
    found = events(
        fr, "La France a retiré ses troupes du Mali, a annoncé mardi l'état-major.", date(2021, 6, 1)
    )
    assert only(found, "withdraw").actor == "France"


def test_nominal_arrest_takes_its_de_complement_as_target(fr):
    text = "L'arrestation d'un opposant à Moscou lundi a provoqué des protestations."
    event = only(events(fr, text, date(2021, 6, 1)), "arrest")
    assert (event.trigger, event.target, event.place, event.date) == (
        "L'arrestation",
        "opposant",
        "Moscou",
        date(2021, 5, 31),
    )


def test_accusation_skips_the_weekday_when_looking_for_its_target(fr):
    event = only(events(fr, "Le Hamas a accusé mardi Israël de violer la trêve.", date(2021, 6, 1)), "accuse")
    assert (event.actor, event.target) == ("Hamas", "Israël")


def test_sport_result_names_winner_and_loser(fr):
    event = only(
        events(fr, "Le Standard a battu Anderlecht dimanche à Sclessin.", date(2021, 6, 1)), "sport_result"
    )
    assert (event.actor, event.target, event.date) == ("Standard", "Anderlecht", date(2021, 5, 30))


def test_flood_is_a_disaster_in_a_country_with_an_exonym(fr):
    event = only(
        events(fr, "Les inondations ont fait dix morts dimanche en Allemagne.", date(2021, 6, 1)), "disaster"
    )
    assert event.place == "Allemagne"


def test_killing_in_a_raid_is_one_assault_whose_actor_is_the_raid_nationality(fr):
    text = "L'assassinat d'un général iranien dans un raid américain près de Bagdad a provoqué la colère."
    event = only(events(fr, text, date(2020, 1, 7)), "assault")
    assert (event.actor, event.target, event.place) == ("Etats-Unis", "général iranien", "Bagdad")


def test_background_event_after_apres_has_no_date_of_its_own(fr):
    text = (
        "Des soldats ont été déplacés après plusieurs tirs de mortier à Bagdad, a rapporté mardi la presse."
    )
    event = only(events(fr, text, date(2020, 1, 7)), "assault")
    assert (event.trigger, event.date) == ("tirs de mortier", None)


def test_headline_is_not_read_for_events(fr):
    text = "Grève à la SNCB\n\nLe trafic ferroviaire était normal mardi."
    assert events(fr, text, date(2023, 1, 17)) == []


# ---------------------------------------------------------------- English


def test_english_arrest_with_place_and_weekday(en):
    event = only(
        events(en, "French police arrested three men in Lyon on Monday.", date(2020, 1, 7)), "arrest"
    )
    assert (event.trigger, event.date, event.place) == ("arrested", date(2020, 1, 6), "Lyon")


def test_english_said_is_not_an_event(en):
    assert events(en, "The minister said on Tuesday that talks would continue.", date(2020, 1, 7)) == []


def test_english_rally_is_a_protest(en):
    event = only(
        events(en, "Thousands of protesters rallied in Athens on Sunday.", date(2020, 1, 7)), "protest"
    )
    assert (event.date, event.place) == (date(2020, 1, 5), "Athens")


def test_english_announcement_names_its_subject(en):
    event = only(events(en, "Germany announced on Friday a new aid package.", date(2020, 1, 7)), "announce")
    assert (event.actor, event.date) == ("Germany", date(2020, 1, 3))


def test_place_is_reported_as_written(en):
    found = events(en, "Police arrested two men near Bagdad on Monday.", date(2020, 1, 7))
    assert only(found, "arrest").place == "Bagdad"


def test_dateline_country_places_the_day_s_news(en):
    text = "OSLO/BERGEN, Norway (Reuters) - A ferry capsized on Tuesday, officials said."
    assert only(events(en, text, date(2024, 3, 14)), "accident").place == "Norway"


def test_english_dateline_anchors_relative_days(en):
    text = "PARIS, Jan 7, 2020 (Reuters) - Police arrested two men in Marseille on Sunday."
    event = only(events(en, text, None), "arrest")
    assert (event.date, event.place) == (date(2020, 1, 5), "Marseille")


# ---------------------------------------------------------------- any text

_VOCAB = [
    "mardi",
    "dimanche",
    "lundi",
    "hier",
    "Tuesday",
    "Sunday",
    "yesterday",
    "a",
    "annoncé",
    "arrêté",
    "manifesté",
    "attaque",
    "grève",
    "l'assassinat",
    "tirs",
    "de",
    "mortier",
    "à",
    "Bagdad",
    "en",
    "Irak",
    "police",
    "le",
    "la",
    "gouvernement",
    "arrested",
    "announced",
    "in",
    "Baghdad",
    ",",
    ".",
    "\n\n",
    "«",
    "»",
    "conversation",
    "téléphonique",
    "avec",
    "demandé",
    "au",
    "après",
    "près",
    "Kirkouk",
    "the",
    "on",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.one_of(st.sampled_from(_VOCAB), st.text(max_size=5)), max_size=25).map(" ".join),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    st.sampled_from(["fr", "en"]),
)
def test_any_text_gives_valid_spans_and_no_date_after_the_anchor(fr, en, text, anchor, lang):
    nlp = fr if lang == "fr" else en
    for event in find_events(nlp(text), lang, anchor, [], []):
        assert 0 <= event.start <= event.end <= len(text)
        assert text[event.start : event.end] == event.trigger
        assert event.type in EVENT_TYPES
        assert event.date is None or event.date <= anchor


def test_english_passive_puts_the_subject_in_target_and_the_by_phrase_in_actor(en):
    text = "Two men were arrested by French police in Lyon on Monday."
    event = only(events(en, text, date(2020, 1, 7)), "arrest")
    assert (event.actor, event.target, event.place, event.date) == (
        "French police",
        "Two men",
        "Lyon",
        date(2020, 1, 6),
    )


def test_english_lowercase_subject_is_the_actor(en):
    event = only(
        events(en, "Thousands of protesters rallied in Athens on Sunday.", date(2020, 1, 7)), "protest"
    )
    assert event.actor == "protesters"


# ---------------------------------------------------------------- not events: negated, hypothetical, quoted


@pytest.mark.parametrize(
    "text",
    [
        "Rien n'est encore décidé sur la fermeture de la raffinerie, a indiqué la direction.",
        "La police n'a arrêté personne après les heurts de Charleroi.",
        "Une nouvelle tempête pourrait frapper la Bretagne jeudi.",
        "Si les négociations échouent, les cheminots manifesteront à Lyon.",
        "« Nous avons bombardé leurs positions », a affirmé le général Paul Renard.",
        "Les avocats de la famille demandent que les agents soient condamnés.",
    ],
)
def test_negated_hypothetical_and_quoted_events_are_not_events(fr, text):
    found = [e for e in events(fr, text, date(2024, 3, 14)) if e.type != "demand"]
    assert found == []


@pytest.mark.parametrize(
    "text",
    [
        "Police did not arrest anyone in Leeds on Tuesday.",
        "A storm could hit the coast on Friday.",
        "If talks fail, the dockers would strike and unions might boycott the port.",
        '"We attacked their positions," General Paul Reed said.',
    ],
)
def test_english_negated_hypothetical_and_quoted_events_are_not_events(en, text):
    assert events(en, text, date(2024, 3, 14)) == []


# ---------------------------------------------------------------- planned events


def test_meeting_told_with_devoir_is_a_planned_event_on_its_coming_day(fr):
    event = only(events(fr, "Les ministres doivent se réunir le 22 mars à Vienne.", date(2024, 3, 14)), "consult")
    assert (event.planned, event.date, event.place) == (True, date(2024, 3, 22), "Vienne")


def test_protest_announced_as_prevue_is_planned_and_a_past_vote_is_not(fr):
    text = "Une manifestation est prévue le 20 mars à Gand. Le conseil communal a adopté mardi le budget."
    found = events(fr, text, date(2024, 3, 14))
    assert only(found, "protest").planned is True
    adopted = only(found, "adopt")
    assert (adopted.planned, adopted.date) == (False, date(2024, 3, 12))


def test_future_tense_makes_a_planned_event(fr):
    event = only(events(fr, "Le syndicat organisera une grève jeudi à Lille.", date(2024, 3, 11)), "protest")
    assert (event.planned, event.date, event.actor) == (True, date(2024, 3, 14), "syndicat")


def test_english_will_meet_is_a_planned_event(en):
    event = only(events(en, "The ministers will meet in Vienna on March 22.", date(2024, 3, 14)), "consult")
    assert (event.trigger, event.planned, event.date, event.place) == ("will meet", True, date(2024, 3, 22),
                                                                       "Vienna")
    assert event.actor == "ministers"


def test_english_past_event_is_not_planned(en):
    event = only(events(en, "The city council adopted the budget on Tuesday.", date(2024, 3, 14)), "adopt")
    assert (event.planned, event.date) == (False, date(2024, 3, 12))


# ---------------------------------------------------------------- lexicon constructions


def test_earthquake_that_struck_is_a_disaster_not_an_assault(fr):
    found = events(fr, "Un puissant séisme a frappé samedi le sud du Chili.", date(2024, 3, 17))
    assert [e.type for e in found] == ["disaster"]


def test_targets_hit_in_the_passive_are_an_assault_but_a_measure_aiming_at_is_not(fr):
    hit = events(fr, "Deux dépôts ont été visés par des drones mardi.", date(2024, 3, 14))
    assert [e.type for e in hit] == ["assault"]
    assert events(fr, "Le texte vise à réduire les délais.", date(2024, 3, 14)) == []


def test_english_named_storm_is_a_disaster_and_flood_alerts_are_not(en):
    found = events(en, "Typhoon Kalmaegi forced villagers to flee on Monday. Officials issued flood alerts.",
                   date(2024, 3, 14))
    assert [(e.type, e.trigger) for e in found] == [("disaster", "Typhoon")]


def test_english_news_of_the_day_takes_the_publication_date_and_background_does_not(en):
    text = ("A freight train derailed near Dayton, officials said. "
            "The line had reopened in 2019 after a freight train derailed at the same bridge.")
    first, second = [e for e in events(en, text, date(2024, 3, 14)) if e.type == "accident"]
    assert (first.date, first.actor) == (date(2024, 3, 14), None)
    assert second.date is None


def test_the_dead_of_an_earthquake_are_no_assault(fr):
    found = events(fr, "Onze personnes ont été tuées par un séisme dans le nord du Pérou.", date(2024, 3, 14))
    assert [e.type for e in found] == ["disaster"]


def test_court_that_found_guilty_is_a_conviction(fr):
    found = events(fr, "Le chauffeur a été reconnu coupable lundi par le tribunal de Mons.", date(2024, 3, 14))
    assert [e.type for e in found] == ["convict"]


def test_building_on_fire_and_avalanche_are_an_accident_and_a_disaster(fr):
    text = "Les pompiers ont secouru trois locataires d'une maison en feu. Une avalanche a emporté deux skieurs."
    assert sorted(e.type for e in events(fr, text, date(2024, 3, 14))) == ["accident", "disaster"]


def test_threatened_jobs_are_no_threat(fr):
    assert events(fr, "Quelque 300 emplois sont menacés à Liège.", date(2024, 3, 14)) == []


def test_french_actor_named_in_apposition_after_its_role(fr):
    text = "Le prix a été attribué à Lina Morel, a annoncé le président du jury, Marc Aubert."
    event = only(events(fr, text, date(2024, 3, 14)), "announce")
    assert event.actor == "Marc Aubert"


def test_event_without_actor_inside_a_statement_takes_its_speaker(fr):
    text = ("Trois suspects étaient en garde à vue lundi après des perquisitions à Namur, a indiqué le parquet "
            "de Namur.")
    doc = fr(text)
    found = find_events(doc, "fr", date(2024, 3, 14), find_statements(doc, "fr"), [])
    assert {e.type: e.actor for e in found} == {"arrest": "parquet de Namur", "investigate": "parquet de Namur"}


def test_english_fines_orders_slams_and_overturned_verdicts(en):
    text = ("Race stewards fined the team on Sunday. The senator slammed the plan. "
            "The appeals court overturned the verdict. The judge ordered the firm to pay damages.")
    found = events(en, text, date(2024, 3, 14))
    assert [e.type for e in found] == ["sanction", "accuse", "reject", "demand"]


def test_english_sending_its_troops_is_a_deployment(en):
    found = events(en, "Moscow sent its troops across the border in February.", date(2024, 3, 14))
    assert [e.type for e in found] == ["deploy"]


def test_a_disaster_named_again_with_a_definite_article_is_one_event(fr):
    text = "Un séisme a secoué le sud du Chili dimanche. Le séisme a détruit une école. Une autre secousse a suivi."
    found = events(fr, text, date(2024, 3, 17))
    assert [e.trigger for e in found if e.type == "disaster"] == ["séisme"]


def test_news_told_in_the_present_takes_the_publication_day(fr):
    event = only(events(fr, "La fédération dénonce la fermeture des guichets à Arlon.", date(2024, 3, 14)),
                 "accuse")
    assert event.date == date(2024, 3, 14)


def test_what_had_to_be_done_is_past_not_planned(fr):
    event = only(events(fr, "Les pompiers ont dû évacuer une école lundi à Huy.", date(2024, 3, 14)), "evacuate")
    assert (event.planned, event.date) == (False, date(2024, 3, 11))


def test_present_participle_is_no_event_of_its_own(fr):
    text = "Le porte-parole a quitté la salle, refusant toute question."
    assert [e for e in events(fr, text, date(2024, 3, 14)) if e.type == "reject"] == []
