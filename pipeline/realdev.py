"""Real wire articles with gold (`../shared/realdev`): loading, our event gold merged in, scoring by the reference.

`DIR/gold.jsonl` holds statements and figures; the event gold is ours, in `tests/data/realdev/events_*.jsonl`
(facts only, checked against each text's sha256). Scores follow `DIR/score.py` exactly
(`pipeline.reference_scoring`), split into dev and held-out (IDs ending in 06, 07, 08) and by language.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pipeline.reference_scoring import Mismatch, Tally, score_article

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = PROJECT_ROOT.parent / "shared" / "realdev"
EVENTS_DIR = PROJECT_ROOT / "tests" / "data" / "realdev"
HELDOUT_ENDINGS = ("06", "07", "08")
SPLITS = ("dev", "heldout")

Split = Literal["all", "dev", "heldout"]


class RealdevError(Exception):
    """The realdev folder cannot be read (missing, or not gold.jsonl + texts/)."""


def split_of(article_id: str) -> str:
    return "heldout" if article_id[-2:] in HELDOUT_ENDINGS else "dev"


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    lang: str
    published: str | None
    text: str
    gold: dict[str, Any]  # the gold.jsonl line, with `events` when our event gold matches this text

    @property
    def split(self) -> str:
        return split_of(self.id)


def load_event_gold(events_dir: Path = EVENTS_DIR) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Every `events_*.jsonl` line by article id, and warnings for unreadable or repeated lines."""
    found: dict[str, dict[str, Any]] = {}
    warnings: list[str] = []
    for path in sorted(events_dir.glob("events_*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                ident, events = str(obj["id"]), obj["events"]
                if not isinstance(events, list):
                    raise TypeError("events is not a list")
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                warnings.append(f"{path.name} line {number}: unreadable ({exc})")
                continue
            if ident in found:
                warnings.append(f"{path.name} line {number}: {ident} annotated twice; the first is kept")
                continue
            found[ident] = obj
    return found, warnings


def load_articles(
    directory: Path = DEFAULT_DIR, events_dir: Path = EVENTS_DIR, split: Split = "all"
) -> tuple[list[Article], list[str]]:
    """The articles of `directory` (gold.jsonl + texts/), our events merged in where the text hash matches."""
    gold_path, texts = directory / "gold.jsonl", directory / "texts"
    if not gold_path.is_file() or not texts.is_dir():
        raise RealdevError(f"{directory}: no gold.jsonl and texts/ there")
    events, warnings = load_event_gold(events_dir)
    articles = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        gold = json.loads(line)
        if split != "all" and split_of(gold["id"]) != split:
            continue
        raw = (texts / f"{gold['id']}.txt").read_bytes()
        annotated = events.get(gold["id"])
        if annotated is None:
            warnings.append(f"{gold['id']}: no event gold; its events are not scored")
        elif annotated.get("sha256") != hashlib.sha256(raw).hexdigest():
            warnings.append(
                f"{gold['id']}: event gold made for another text (sha256 differs); events not scored"
            )
        else:
            gold = {**gold, "events": annotated["events"]}
        articles.append(Article(gold["id"], gold["lang"], gold.get("published"), raw.decode("utf-8"), gold))
    return articles, warnings


def write_merged_gold(articles: Iterable[Article], path: Path) -> int:
    """gold.jsonl lines with our `events` (so score.py --gold scores events too); returns the lines written.

    The file holds the articles' quotes: it belongs outside the repository.
    """
    if path.resolve().is_relative_to(PROJECT_ROOT):
        raise RealdevError(f"{path}: the merged gold quotes the articles; write it outside the repository")
    lines = [json.dumps(a.gold, ensure_ascii=False) + "\n" for a in articles]
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines)


def extract_articles(articles: Sequence[Article]) -> dict[str, dict[str, Any]]:
    """Extraction output (contract JSON) by id, each article anchored on its own published date.

    The same path as `pipeline extract --jsonl`, which the reference scorer drives.
    """
    from pipeline.extract import extract_texts
    from pipeline.extract.dates import anchor_date

    anchors = [
        anchor_date(a.text, date.fromisoformat(a.published) if a.published else None) for a in articles
    ]
    outputs = extract_texts([a.text for a in articles], lang="auto", published=anchors)
    return {a.id: {"id": a.id, **ex.to_json()} for a, ex in zip(articles, outputs, strict=True)}


@dataclass(slots=True)
class ArticleScore:
    id: str
    lang: str
    split: str
    tally: Tally
    mismatches: list[Mismatch]


@dataclass(slots=True)
class RealdevReport:
    articles: list[ArticleScore]
    warnings: list[str] = field(default_factory=list)

    def tally(self, split: str | None = None, lang: str | None = None) -> Tally:
        total = Tally()
        for a in self.articles:
            if (split is None or a.split == split) and (lang is None or a.lang == lang):
                total += a.tally
        return total

    def groups(self) -> list[tuple[str, str | None, int]]:
        """(split, lang or None for both, article count) for every non-empty group, dev first."""
        out = []
        for split in SPLITS:
            langs = sorted({a.lang for a in self.articles if a.split == split})
            for lang in [*langs, None]:
                n = sum(1 for a in self.articles if a.split == split and (lang is None or a.lang == lang))
                if n:
                    out.append((split, lang, n))
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "groups": [
                {"split": s, "lang": lang or "all", "documents": n, **self.tally(s, lang).metrics()}
                for s, lang, n in self.groups()
            ],
            "warnings": self.warnings,
        }


def score_articles(
    articles: Sequence[Article], predictions: dict[str, dict[str, Any]], warnings: Sequence[str] = ()
) -> RealdevReport:
    """Score predictions (contract JSON by id; a missing one scores as empty) by the reference rules."""
    scores = []
    for a in articles:
        tally, mismatches = score_article(a.gold, predictions.get(a.id, {}), a.text)
        scores.append(ArticleScore(a.id, a.lang, a.split, tally, mismatches))
    return RealdevReport(scores, list(warnings))


def evaluate_realdev(directory: Path = DEFAULT_DIR, split: Split = "all") -> RealdevReport:
    articles, warnings = load_articles(directory, split=split)
    return score_articles(articles, extract_articles(articles), warnings)


# ---------------------------------------------------------------- rendering


def summary_line(tally: Tally, label: str) -> str:
    """One line in score.py's words and order (its per-language and summary lines)."""
    m = tally.metrics()
    text = (
        f"{label}: quote P/R/F1 {m['quote_p']:.3f}/{m['quote_r']:.3f}/{m['quote_f1']:.3f} speaker {m['speaker']:.3f} "
        f"figure P/R/F1 {m['figure_p']:.3f}/{m['figure_r']:.3f}/{m['figure_f1']:.3f} interval {m['interval']:.3f} "
        f"not-figure hits {m['not_figure_hits']}"
    )
    if m["event_f1"] is not None:
        text += (
            f" event P/R/F1 {m['event_p']:.3f}/{m['event_r']:.3f}/{m['event_f1']:.3f} actor {m['event_actor']:.3f} "
            f"date {m['event_date']:.3f} place {m['event_place']:.3f}"
        )
    return text


def summary_lines(report: RealdevReport) -> list[str]:
    return [
        summary_line(report.tally(split, lang), f"{split} {lang or 'all'} ({n} docs)")
        for split, lang, n in report.groups()
    ]


def render_table(report: RealdevReport):  # -> rich.table.Table (rich imported only when drawn)
    from rich.table import Table

    table = Table(title="Extraction vs realdev gold (reference rules of score.py)")
    headers = ("split", "lang", "docs", "quote P", "R", "F1", "speaker", "figure P", "R", "F1", "interval",
               "not-fig", "event P", "R", "F1", "actor", "date", "place")  # fmt: skip
    for h in headers:
        table.add_column(h, justify="left" if h in ("split", "lang") else "right")

    def num(v: float | None) -> str:
        return "–" if v is None else f"{v:.3f}"

    for split, lang, n in report.groups():
        m = report.tally(split, lang).metrics()
        table.add_row(
            split, lang or "all", str(n),
            *(num(m[k]) for k in ("quote_p", "quote_r", "quote_f1", "speaker", "figure_p", "figure_r", "figure_f1",
                                  "interval")),
            str(m["not_figure_hits"]),
            *(num(m[k]) for k in ("event_p", "event_r", "event_f1", "event_actor", "event_date", "event_place")),
            style="bold" if lang is None else None,
        )  # fmt: skip
    return table


def error_lines(report: RealdevReport, heldout: bool = False) -> list[str]:
    """Each article's mismatches; held-out articles only when asked for explicitly."""
    lines = []
    for a in report.articles:
        if a.split == "heldout" and not heldout:
            continue
        for m in a.mismatches:
            detail = (
                f" expected {m.expected!r} got {m.got!r}"
                if m.expected is not None or m.got is not None
                else ""
            )
            lines.append(f"{a.id}: {m.kind}: {m.text!r}{detail}")
    return lines
