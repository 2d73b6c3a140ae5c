"""`make bench` in its quickest mode: a tiny corpus, every measurement taken once, the contract's JSON keys."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

from bench import corpus

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_KEYS = {"extract_ratio_vs_spacy", "copy_ratio_vs_executemany", "check_ratio_1m_vs_10k",
                 "e2e_10k_seconds", "peak_rss_mb_1k", "peak_rss_mb_10k", "cores", "when"}


def test_synthetic_articles_are_distinct_and_vary_names_numbers_and_places():
    articles = corpus.build_corpus(300)
    bodies = {a.body for a in articles}
    assert len(bodies) == 300
    assert {a.lang for a in articles} == {"fr", "en"}
    template = next(t for t in corpus.load_templates() if t.name == "fr_a01_f16_lituanie")
    variants = {corpus.vary(template, random.Random(seed)) for seed in range(5)}
    assert len(variants) == 5
    assert all("7 janv." in v and "F-16" in v for v in variants)  # dates and names with digits untouched
    assert any("Verhaegen" not in v for v in variants)


def test_rss_feeds_of_the_corpus_parse_back_to_the_same_articles():
    from pipeline.parse import parse_feed

    articles = corpus.build_corpus(12)
    files = corpus.feeds(articles, per_feed=5)
    assert len(files) == 3
    parsed = [item for payload in files.values() for item in parse_feed(payload).items]
    assert [p.guid for p in parsed] == [a.guid for a in articles]
    assert [p.body for p in parsed] == [a.body for a in articles]


def test_quick_bench_writes_every_contract_key(tmp_path):
    out = tmp_path / "latest.json"
    args = ["--articles", "60", "--small", "60", "--extract-sample", "20", "--extract-rounds", "1",
            "--probe-processes", "0", "--copy-rows", "2000", "--check-small-rows", "2000",
            "--check-rows", "20000", "--check-rounds", "1", "--views-small", "400", "--views-large", "1200",
            "--views-rounds", "1", "--fresh-items", "0", "--out", str(out)]
    done = subprocess.run([sys.executable, "-m", "bench.run", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(out.read_text())
    assert result.keys() >= CONTRACT_KEYS
    assert result["e2e_articles"] == 60 and result["details"]["e2e"][0]["documents_new"] == 60
    assert result["extract_ratio_vs_spacy"] > 0 and result["copy_ratio_vs_executemany"] > 0
    assert result["check_ratio_1m_vs_10k"] > 0
    # The views part: every README query timed on both sizes, the same answers' sizes at both.
    views = result["details"]["views"]
    assert result["views_ratio_1m_vs_10k"] > 0 and result["views_documents"] == [400, 1200]
    assert set(views["queries"]) == {"statements_about_iraq", "troop_figures", "top_speakers", "events_by_date",
                                     "figure_revisions", "search_statements"}
    assert all(q["rows"] > 0 for q in views["queries"].values())
    assert set(result["stages"]) >= {"fetch", "parse_store", "extract", "load", "check"}
    assert (tmp_path / "latest.md").read_text().startswith("# make bench")
    assert "extraction" in done.stdout
