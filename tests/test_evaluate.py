"""Scoring rules of pipeline.evaluate on synthetic predicted/gold pairs (no extractor run)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import date
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
from pipeline.realdev import (
    DEFAULT_DIR,
    EVENTS_DIR,
    PROJECT_ROOT,
    RealdevError,
    error_lines,
    load_articles,
    score_articles,
    summary_line,
    write_merged_gold,
)
from pipeline.reference_scoring import score_article
from tests.conftest import SHARED_GOLD, run_cli
from tests.realdev_support import REALDEV_PRESENT, SKIP_REASON, realdev_run

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


# ---------------------------------------------------------------- realdev: reference rules, event gold, CLI

EVENT_TYPES = {"announce", "announce_decision", "consult", "agree", "reject", "demand", "accuse", "threaten",
               "protest", "sanction", "deploy", "withdraw", "evacuate", "aid", "arrest", "charge", "convict",
               "assault", "adopt", "resign", "appoint", "investigate", "disaster", "accident", "sport_result"}  # fmt: skip


def test_reference_rules_match_quotes_at_half_of_each_span_and_figures_on_any_overlap():
    gold = {"statements": [{"speaker": "Maria Ortiz", "quote": "q", "start": 0, "end": 100}],
            "figures": [{"text": "12", "start": 200, "end": 210, "low": 12, "high": 12, "qualifier": "exact"}],
            "not_figures": [{"text": "2024"}]}  # fmt: skip
    text = " " * 300 + "2024"
    half = {
        "statements": [{"speaker": "Ortiz", "start": 50, "end": 150}],
        "figures": [{"start": 209, "end": 212}],
    }
    tally, errors = score_article(gold, half, text)
    assert (tally.counts["q_tp"], tally.counts["spk_ok"], tally.counts["f_tp"]) == (1, 1, 1)
    assert tally.counts["iv_ok"] == 0 and [e.kind for e in errors] == ["wrong_interval"]
    too_long = {"statements": [{"speaker": "Ortiz", "start": 0, "end": 201}],
                "figures": [{"start": 300, "end": 304, "low": 2024, "high": 2024}]}  # fmt: skip
    tally, _ = score_article(gold, too_long, text)
    assert tally.counts["q_tp"] == 0 and tally.counts["not_fig_hits"] == 1 and tally.counts["f_pred"] == 1


def test_reference_rules_match_events_on_type_and_trigger_then_score_roles():
    gold = {"statements": [], "figures": [], "events": [
        {"type": "announce_decision", "start": 10, "end": 20, "actor": "ministère de la Défense", "date": "2020-01-07",
         "place": "Irak"},
        {"type": "assault", "start": 40, "end": 50, "actor": None, "date": None, "place": "Bagdad"}]}  # fmt: skip
    pred = {"events": [
        {"type": "announce", "start": 15, "end": 30, "actor": "le ministère de la Défense", "date": "2020-01-07",
         "place": None},
        {"type": "protest", "start": 40, "end": 50, "actor": None, "date": None, "place": "Bagdad"}]}  # fmt: skip
    tally, errors = score_article(gold, pred, " " * 60)
    c = tally.counts
    assert (c["e_tp"], c["e_gold"], c["e_pred"]) == (1, 2, 1 + 1)
    assert (c["e_actor"], c["e_date"], c["e_place"]) == (1, 1, 0)
    assert tally.metrics()["event_f1"] == 0.5
    assert {e.kind for e in errors} == {"wrong_event_place", "missed_event", "spurious_event"}


def _fake_realdev(
    root: Path, texts: dict[str, str], events: dict[str, list] | None = None
) -> tuple[Path, Path]:
    """A realdev-shaped folder of our own sentences, and an events folder for it."""
    (root / "rd" / "texts").mkdir(parents=True)
    (root / "ev").mkdir()
    lines, ev_lines = [], []
    for ident, text in texts.items():
        (root / "rd" / "texts" / f"{ident}.txt").write_text(text, encoding="utf-8")
        sha = hashlib.sha256(text.encode()).hexdigest()
        lines.append({"id": ident, "lang": ident[:2], "published": "2024-03-08", "sha256": sha,
                      "statements": [], "figures": [], "not_figures": []})  # fmt: skip
        if events and ident in events:
            ev_lines.append({"id": ident, "sha256": sha, "events": events[ident]})
    (root / "rd" / "gold.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    (root / "ev" / "events_xx.jsonl").write_text(
        "".join(json.dumps(x) + "\n" for x in ev_lines), encoding="utf-8"
    )
    return root / "rd", root / "ev"


def test_event_gold_merges_only_onto_the_text_it_was_made_for(tmp_path):
    event = {"type": "protest", "start": 4, "end": 11, "actor": "dockers", "target": None, "place": None,
             "date": "2024-03-08", "planned": False}  # fmt: skip
    rd, ev = _fake_realdev(tmp_path, {"en_a01": "The dockers marched.", "en_a06": "Ships waited.",
                                      "en_a02": "Cranes stopped."}, {"en_a01": [event], "en_a06": []})  # fmt: skip
    (rd / "texts" / "en_a06.txt").write_text("Ships waited, edited.", encoding="utf-8")
    articles, warnings = load_articles(rd, ev)
    by_id = {a.id: a for a in articles}
    assert by_id["en_a01"].gold["events"] == [event]
    assert "events" not in by_id["en_a06"].gold and "events" not in by_id["en_a02"].gold
    assert any("en_a06" in w and "sha256" in w for w in warnings)
    assert any("en_a02" in w and "no event gold" in w for w in warnings)
    assert (by_id["en_a01"].split, by_id["en_a06"].split) == ("dev", "heldout")
    assert [a.id for a in load_articles(rd, ev, split="heldout")[0]] == ["en_a06"]


def test_errors_of_held_out_articles_stay_hidden_unless_asked(tmp_path):
    rd, ev = _fake_realdev(tmp_path, {"en_a01": "The dockers marched.", "en_a07": "Ships waited."},
                           {"en_a01": [], "en_a07": []})  # fmt: skip
    articles, _ = load_articles(rd, ev)
    spurious = {"events": [{"type": "protest", "start": 0, "end": 5}]}
    report = score_articles(articles, {"en_a01": spurious, "en_a07": spurious})
    assert [line.split(":")[0] for line in error_lines(report)] == ["en_a01"]
    assert [line.split(":")[0] for line in error_lines(report, heldout=True)] == ["en_a01", "en_a07"]
    assert [(s, lang) for s, lang, _ in report.groups()] == [("dev", "en"), ("dev", None), ("heldout", "en"),
                                                              ("heldout", None)]  # fmt: skip


def test_merged_gold_is_refused_inside_the_repository(tmp_path):
    rd, ev = _fake_realdev(tmp_path, {"en_a01": "The dockers marched."}, {"en_a01": []})
    articles, _ = load_articles(rd, ev)
    with pytest.raises(RealdevError):
        write_merged_gold(articles, PROJECT_ROOT / "tests" / "merged.jsonl")
    assert write_merged_gold(articles, tmp_path / "merged.jsonl") == 1
    assert json.loads((tmp_path / "merged.jsonl").read_text())["events"] == []


def test_evaluate_realdev_cli_refuses_a_missing_folder_in_one_line(tmp_path):
    result = run_cli("evaluate", "--realdev", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert len(err.strip().splitlines()) == 1 and "gold.jsonl" in err and "Traceback" not in err


@pytest.mark.skipif(not REALDEV_PRESENT, reason=SKIP_REASON)
@pytest.mark.parametrize("path", sorted(EVENTS_DIR.glob("events_*.jsonl")), ids=lambda p: p.name)
def test_realdev_event_gold_points_into_its_texts(path):
    gold = {
        json.loads(line)["id"]: json.loads(line)
        for line in (DEFAULT_DIR / "gold.jsonl").open(encoding="utf-8")
    }
    ids = []
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        ids.append(doc["id"])
        assert doc["sha256"] == gold[doc["id"]]["sha256"], doc["id"]
        text = read_text(DEFAULT_DIR / "texts" / f"{doc['id']}.txt")
        for e in doc["events"]:
            assert set(e) >= {"type", "start", "end", "actor", "target", "place", "date", "planned"}, doc[
                "id"
            ]
            assert e["type"] in EVENT_TYPES, (doc["id"], e)
            assert 0 <= e["start"] < e["end"] <= len(text) and text[e["start"] : e["end"]].strip(), (
                doc["id"],
                e,
            )
            assert e["date"] is None or date.fromisoformat(e["date"]), (doc["id"], e)
            assert isinstance(e["planned"], bool)
    assert len(ids) == len(set(ids))
    lang = path.stem.removeprefix("events_")
    assert set(ids) == {i for i, g in gold.items() if g["lang"] == lang}


@pytest.mark.skipif(not REALDEV_PRESENT, reason=SKIP_REASON)
def test_evaluate_agrees_with_the_reference_scorer_on_the_same_predictions(tmp_path):
    articles, predictions, _ = realdev_run()
    gold_path, preds_path, replay = tmp_path / "gold.jsonl", tmp_path / "preds.jsonl", tmp_path / "replay.py"
    write_merged_gold(articles, gold_path)
    preds_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions.values()))
    # score.py drives an extract command: this one hands back the predictions scored here, so both score the same.
    replay.write_text(
        "import sys\nif '--help' in sys.argv:\n    print('replay: --jsonl FILE|-')\n    sys.exit(0)\n"
        f"sys.stdin.read()\nsys.stdout.write(open({str(preds_path)!r}, encoding='utf-8').read())\n"
    )
    report = score_articles(articles, predictions)
    assert report.tally().has_events
    for split in ("dev", "heldout"):
        run = subprocess.run(
            [sys.executable, str(DEFAULT_DIR / "score.py"), "--cmd", f"{sys.executable} {replay}",
             "--gold", str(gold_path), "--split", split],
            capture_output=True, text=True, timeout=300, check=True,
        )  # fmt: skip
        theirs = {
            line.split(":")[0]: line.split(":", 1)[1] for line in run.stdout.splitlines() if ":" in line
        }
        langs = sorted({a.lang for a in articles if a.split == split})
        n_all = sum(1 for a in articles if a.split == split)
        ours = {f"{lang} ({sum(1 for a in articles if a.split == split and a.lang == lang)} docs)":
                summary_line(report.tally(split, lang), "x").split(":", 1)[1] for lang in langs}  # fmt: skip
        ours[f"all {n_all} docs"] = summary_line(report.tally(split), "x").split(":", 1)[1]
        assert ours == theirs, split
        assert " event P/R/F1 " in ours[f"all {n_all} docs"]
