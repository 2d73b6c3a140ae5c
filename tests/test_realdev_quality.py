"""Floors for extraction on the real wire articles of ../shared/realdev, scored by its score.py's rules.

One extraction pass per test process (tests/realdev_support.py), shared with tests/test_evaluate.py. The floors
sit about 0.03 under what was measured when they were set; raise them as the extractor improves. Held-out
articles (IDs ending in 06, 07, 08) are scored here but their errors are never read while changing rules.
"""

from __future__ import annotations

import pytest

from pipeline.realdev import score_articles
from tests.realdev_support import REALDEV_PRESENT, SKIP_REASON, realdev_run

pytestmark = pytest.mark.skipif(not REALDEV_PRESENT, reason=SKIP_REASON)

# (split, lang) → articles, floors for quote F1, speaker accuracy, figure F1, interval accuracy, event F1, and
# the most not-figure hits allowed. Measured 2026-12-02 with extractor 0.2.0 (pipeline evaluate --realdev):
#   dev en      0.903 / 0.862 / 1.000 / 1.000 / 0.722, 0 hits
#   dev fr      0.897 / 0.853 / 1.000 / 1.000 / 0.744, 0 hits
#   heldout en  0.791 / 0.912 / 0.981 / 0.943 / 0.600, 2 hits
#   heldout fr  0.786 / 0.891 / 1.000 / 0.979 / 0.609, 0 hits
FLOORS = {
    ("dev", "en"): (10, 0.87, 0.83, 0.97, 0.97, 0.69, 0),
    ("dev", "fr"): (20, 0.87, 0.82, 0.97, 0.97, 0.71, 0),
    ("heldout", "en"): (6, 0.76, 0.88, 0.95, 0.91, 0.57, 2),
    ("heldout", "fr"): (9, 0.75, 0.86, 0.97, 0.95, 0.58, 0),
}


@pytest.fixture(scope="module")
def report():
    articles, predictions, warnings = realdev_run()
    return score_articles(articles, predictions, warnings)


def test_every_realdev_article_has_event_gold_for_its_text(report):
    assert report.warnings == []


@pytest.mark.parametrize(("split", "lang"), list(FLOORS), ids=lambda x: x)
def test_realdev_scores_stay_above_their_floors(report, split, lang):
    n, quote_f1, speaker, figure_f1, interval, event_f1, not_figure_hits = FLOORS[split, lang]
    assert sum(1 for a in report.articles if (a.split, a.lang) == (split, lang)) == n
    m = report.tally(split, lang).metrics()
    got = {k: round(m[k], 3) for k in ("quote_f1", "speaker", "figure_f1", "interval", "event_f1")}
    assert got["quote_f1"] >= quote_f1, got
    assert got["speaker"] >= speaker, got
    assert got["figure_f1"] >= figure_f1, got
    assert got["interval"] >= interval, got
    assert got["event_f1"] >= event_f1, got
    assert m["not_figure_hits"] <= not_figure_hits, m
