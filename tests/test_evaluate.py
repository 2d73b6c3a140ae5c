"""Scoring rules of pipeline.evaluate on synthetic predicted/gold pairs (no extractor run)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import (
    find_pairs,
    heldout_stems,
    match_spans,
    read_text,
    score_document,
    span_score,
    speakers_agree,
    summarise,
)
from pipeline.models import Extraction, Figure, Statement
from tests.conftest import SHARED_GOLD

DATA = Path(__file__).parent / "data"
SEED_TEXT = Path(__file__).parents[1] / "seeds" / "000_2c99c3708e86832f.txt"
SEED_GOLD = SHARED_GOLD  # ../shared beside the checkout, wherever it is cloned

GOLD = {
    "lang": "en",
    "published": "2025-03-04",
    "statements": [
        {"speaker": "Maria Ortiz", "quote": "q1", "start": 0, "end": 100, "kind": "direct", "verb": "said"},
        {"speaker": "Defence Ministry", "quote": "q2", "start": 200, "end": 300, "kind": "indirect"},
    ],
    "figures": [
        {"text": "about 450", "start": 400, "end": 409, "value": 450, "low": 405, "high": 495,
         "unit": "troops", "qualifier": "approx"},
        {"text": "more than 900", "start": 500, "end": 513, "value": 900, "low": 900, "high": None,
         "unit": "troops", "qualifier": "more_than"},
    ],
    "events": [
        {"type": "announce_decision", "date": "2025-03-04", "place": "Brussels", "trigger": "announced on Tuesday"},
    ],
}  # fmt: skip


def perfect_prediction() -> Extraction:
    return Extraction(
        lang="en",
        statements=[
            Statement("Maria Ortiz", "q1", 0, 100, "direct", "said"),
            Statement("the Defence Ministry", "q2", 200, 300, "indirect"),
        ],
        figures=[
            Figure("about 450", 400, 409, 450, 405.0, 495.0, "troops", "approx"),
            Figure("more than 900", 500, 513, 900, 900, None, "troops", "more_than"),
        ],
        events=[],
    )


def as_json(extraction: Extraction, events: list[dict] | None = None) -> dict:
    out = extraction.to_json()
    out["events"] = events if events is not None else [dict(GOLD["events"][0], trigger="announced")]
    return out


def test_perfect_prediction_scores_one_everywhere():
    row = score_document("doc", as_json(perfect_prediction()), GOLD)
    assert (row.quotes.precision, row.quotes.recall, row.quotes.f1) == (1.0, 1.0, 1.0)
    assert row.speakers.value == 1.0
    assert row.figures.f1 == 1.0 and row.intervals.value == 1.0
    assert row.events.f1 == 1.0
    assert row.mismatches == []


def test_missed_quote_lowers_recall_not_precision():
    pred = perfect_prediction()
    pred.statements = pred.statements[:1]
    row = score_document("doc", as_json(pred), GOLD)
    assert row.quotes.precision == 1.0
    assert row.quotes.recall == 0.5
    assert row.quotes.f1 == pytest.approx(2 / 3)
    assert [m.kind for m in row.mismatches] == ["missed_quote"]


def test_wrong_speaker_counts_against_speaker_accuracy_only():
    pred = perfect_prediction()
    pred.statements[0].speaker = "he"
    row = score_document("doc", as_json(pred), GOLD)
    assert row.quotes.f1 == 1.0
    assert row.speakers.correct == 1 and row.speakers.total == 2
    assert row.mismatches[0].kind == "wrong_speaker"


@pytest.mark.parametrize(
    ("predicted", "matches"),
    [
        ((0, 50), True),
        ((0, 49), False),
        ((50, 150), True),
        ((51, 151), False),
        ((0, 200), True),
        ((0, 201), False),
    ],
)
def test_spans_match_at_half_overlap_of_the_longer(predicted, matches):
    assert (span_score(predicted, (0, 100)) >= 0.5) is matches
    assert bool(match_spans([predicted], [(0, 100)])) is matches


def test_matching_is_one_to_one_and_prefers_the_best_overlap():
    pairs = match_spans([(0, 90), (0, 100)], [(0, 100)])
    assert pairs == [(1, 0)]


def test_interval_mismatch_keeps_the_figure_matched():
    pred = perfect_prediction()
    pred.figures[0].low, pred.figures[0].high = 450, 450  # qualifier dropped: the quantulum3 failure
    pred.figures[1].high = 900
    row = score_document("doc", as_json(pred), GOLD)
    assert row.figures.f1 == 1.0
    assert row.intervals.correct == 0 and row.intervals.total == 2
    assert {m.kind for m in row.mismatches} == {"wrong_interval"}


def test_interval_equality_is_relative_to_one_millionth():
    pred = perfect_prediction()
    pred.figures[0].low = 405 * (1 + 1e-9)
    assert score_document("doc", as_json(pred), GOLD).intervals.value == 1.0
    pred.figures[0].low = 405 * (1 + 1e-5)
    assert score_document("doc", as_json(pred), GOLD).intervals.value == 0.5


def test_unmatched_age_or_duration_is_not_spurious():
    pred = perfect_prediction()
    pred.figures.append(Figure("58", 600, 602, 58, 58, 58, "years", "exact"))
    assert score_document("doc", as_json(pred), GOLD).figures.precision == 1.0


def test_spurious_figure_lowers_precision():
    pred = perfect_prediction()
    pred.figures.append(Figure("2025", 600, 604, 2025, 2025, 2025, None, "exact"))
    row = score_document("doc", as_json(pred), GOLD)
    assert row.figures.precision == pytest.approx(2 / 3) and row.figures.recall == 1.0


def test_optional_gold_figure_is_neither_required_nor_penalised():
    gold = dict(GOLD, figures=[*GOLD["figures"], {"text": "54", "start": 700, "end": 702, "value": 54,
                "low": 54, "high": 54, "unit": "years", "qualifier": "exact", "optional": True}])  # fmt: skip
    found = perfect_prediction()
    found.figures.append(Figure("54", 700, 702, 54, 54, 54, "years", "exact"))
    assert score_document("doc", as_json(found), gold).figures.f1 == 1.0
    assert score_document("doc", as_json(perfect_prediction()), gold).figures.f1 == 1.0


def test_event_needs_type_date_and_place_but_not_the_trigger():
    wrong_date = [dict(GOLD["events"][0], date="2025-03-03")]
    other_trigger = [dict(GOLD["events"][0], trigger="said")]
    assert score_document("doc", as_json(perfect_prediction(), wrong_date), GOLD).events.f1 == 0.0
    assert score_document("doc", as_json(perfect_prediction(), other_trigger), GOLD).events.f1 == 1.0


@pytest.mark.parametrize(
    ("predicted", "gold", "agree"),
    [
        ("Guerini", "Lorenzo Guerini", True),
        ("M. Guerini", "Lorenzo Guerini", True),
        ("Mr. Hale", "Daniel Hale", True),
        ("van Loon", "Pieter van Loon", True),
        ("coast guard", "Italian coast guard", True),
        ("Commission", "European Commission", False),
        ("Vice-President Helena Marsh", "Helena Marsh", True),
        ("bloc's statistics office Eurostat", "Eurostat", True),
        ("local police", "police", False),
        ("survivors interviewed by the agency", "survivors", False),
        ("le ministère de la Défense", "ministère de la Défense", True),
        ("ministere de la defense", "Ministère de la Défense", True),
        ("Lorenzo", "Lorenzo Guerini", False),
        ("ministry", "Defence Ministry", False),
        ("he", "Daniel Hale", False),
        ("the minister", "Daniel Hale", False),
        ("Daniel Hale", "Maria Ortiz", False),
        (None, None, True),
        (None, "Maria Ortiz", False),
    ],
)
def test_speaker_comparison_is_normalised_but_not_lax(predicted, gold, agree):
    assert speakers_agree(predicted, gold) is agree


def test_summary_micro_averages_counts_across_documents():
    good = score_document("a", as_json(perfect_prediction()), GOLD)
    empty = score_document("b", {"lang": "fr", "statements": [], "figures": [], "events": []}, GOLD)
    s = summarise([good, empty])
    assert s.quotes.recall == 0.5 and s.quotes.precision == 1.0
    assert s.language.correct == 1 and s.language.total == 2


def test_split_follows_heldout_listing(tmp_path):
    for stem in ("en_01_a", "en_02_b", "en_03_c"):
        (tmp_path / "en").mkdir(exist_ok=True)
        (tmp_path / "en" / f"{stem}.txt").write_text("x", encoding="utf-8")
        (tmp_path / "en" / f"{stem}.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "en" / "unannotated.txt").write_text("x", encoding="utf-8")
    (tmp_path / "heldout.txt").write_text("# held out\nen_03_c\n", encoding="utf-8")
    assert heldout_stems(tmp_path / "en") == {"en_03_c"}
    assert [t.stem for t, _ in find_pairs(tmp_path, "all")] == ["en_01_a", "en_02_b", "en_03_c"]
    assert [t.stem for t, _ in find_pairs(tmp_path / "en", "dev")] == ["en_01_a", "en_02_b"]
    assert [t.stem for t, _ in find_pairs(tmp_path, "heldout")] == ["en_03_c"]


def gold_files() -> list[Path]:
    found = sorted(DATA.rglob("*.gold.json")) if DATA.is_dir() else []
    if SEED_GOLD.is_file():
        found.append(SEED_GOLD)
    return found


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.name)
def test_gold_spans_point_at_their_text(gold_path):
    text_path = (
        SEED_TEXT
        if gold_path == SEED_GOLD
        else gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt")
    )
    text = read_text(text_path)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    for s in gold["statements"]:
        assert text[s["start"] : s["end"]] == s["quote"]
    for f in gold["figures"]:
        assert text[f["start"] : f["end"]] == f["text"]
        assert f["low"] is None or f["high"] is None or f["low"] <= f["high"]


@pytest.mark.skipif(not SEED_GOLD.is_file(), reason="shared seed gold not present")
def test_seed_article_is_evaluable_end_to_end():
    from pipeline.evaluate import evaluate_files, summary_line

    report = evaluate_files([(SEED_TEXT, SEED_GOLD)])
    (row,) = report.rows
    assert row.lang_gold == "fr"
    assert (row.quotes.gold, row.figures.gold, row.events.gold) == (9, 10, 5)
    assert report.to_json()["summary"]["documents"] == 1
    assert summary_line(report).startswith("1 docs")
