"""Regression floors for extraction quality on the hand-made gold sets (tests/data, seeds/articles, the seed).

Floors sit a little under the scores measured when they were last raised; raise them as the extractor improves.
The targets of the extraction issue (quote F1 ≥ 0.92, speaker accuracy ≥ 0.92, figure F1 ≥ 0.95, interval
accuracy ≥ 0.90) are what we aim for on unseen copy; the held-out split is never used for tuning rules.
"""

from __future__ import annotations

import pytest

from pipeline.evaluate import evaluate_dir, evaluate_files
from tests.conftest import ROOT, SEED, SHARED_GOLD

DATA = ROOT / "tests" / "data"

# split → (quote F1, speaker accuracy, figure F1, interval accuracy, event F1), measured 2026-12-02 on the gold
# realigned to ../shared/ANNOTATION.md (quoted fragments belong to their clause, noun-phrase and infinitive reports):
#   dev      0.94 / 0.86 / 1.00 / 1.00 / 0.33
#   heldout  0.89 / 0.83 / 1.00 / 1.00 / 0.36
#   fixtures 0.96 / 0.90 / 1.00 / 1.00 / 0.57 (seeds/articles, the feed items written for this project)
FLOORS = {
    "dev": (0.91, 0.84, 0.97, 0.97, 0.30),
    "heldout": (0.87, 0.80, 0.97, 0.97, 0.34),
    "fixtures": (0.94, 0.87, 0.97, 0.97, 0.55),
}


@pytest.fixture(scope="module")
def reports():
    return {
        "dev": evaluate_dir(DATA, "dev"),
        "heldout": evaluate_dir(DATA, "heldout"),
        "fixtures": evaluate_dir(ROOT / "seeds" / "articles"),
    }


@pytest.mark.parametrize("split", list(FLOORS))
def test_extraction_stays_above_its_floor(reports, split):
    s = reports[split].summary
    quote_f1, speaker, figure_f1, interval, event_f1 = FLOORS[split]
    assert s.documents >= (10 if split == "heldout" else 5)
    assert s.quotes.f1 >= quote_f1
    assert s.speakers.value >= speaker
    assert s.figures.f1 >= figure_f1
    assert s.intervals.value >= interval
    assert s.events.f1 >= event_f1


@pytest.mark.skipif(not SHARED_GOLD.exists(), reason="shared seed gold not mounted beside the checkout")
def test_seed_scores_perfectly_on_statements_and_figures():
    s = evaluate_files([(SEED, SHARED_GOLD)]).summary
    assert (s.quotes.f1, s.speakers.value, s.figures.f1, s.intervals.value) == (1.0, 1.0, 1.0, 1.0)


def test_the_development_set_covers_both_languages_with_a_held_out_fifth():
    fr = sorted(DATA.glob("fr/*.gold.json"))
    en = sorted(DATA.glob("en/*.gold.json"))
    heldout = {line.strip() for line in (DATA / "heldout.txt").read_text().splitlines() if line.strip()}
    assert len(fr) >= 40 and len(en) >= 15
    assert 0.18 <= len(heldout) / (len(fr) + len(en)) <= 0.25
