"""Scores extraction output against hand-made gold files (`*.gold.json` beside each `*.txt`).

`pipeline evaluate --realdev` scores the real articles of ../shared/realdev instead, by the reference rules of
its score.py (`pipeline.realdev`, `pipeline.reference_scoring`); the rules below are the project's own gold's.

Definitions (also in tests/data/README.md):

- Span score of a predicted and a gold span: `overlap / max(len_pred, len_gold)`, where `overlap` is the number
  of shared code points of the half-open intervals `[start, end)`. Two spans match when the score is ≥ 0.5.
  Pairs are matched one-to-one, greedily: highest score first (ties: earlier gold span, then earlier
  prediction). Quotes and figures use this rule; precision = matched / predicted, recall = matched / gold.
- Ages and durations are never gold figures, but the contract lets the extractor report them: a predicted
  figure whose unit is a time unit (years, days, hours…, see TIME_UNITS) and that matches no gold figure is
  not counted. Gold figures marked `"optional": true` are neither required nor penalised: a prediction
  matching one is dropped from both counts.
- Speaker accuracy, on matched quotes only: both speakers normalised (Unicode accents stripped, casefolded,
  punctuation removed, a leading article or honorific dropped); equal strings match, and so does a
  predicted surname: the last words of a longer gold name ("Guerini", "van Loon" for "Pieter van Loon"),
  unless the last word is a generic role noun ("ministry", "police"); and the full gold name preceded by a
  title or descriptor ("Vice-President Helena Marsh", "statistics office Eurostat") when the gold is a
  multi-word or capitalised name. First names, pronouns and bare titles never match a name.
- Interval accuracy, on matched figures: `low` and `high` each equal within 1e-6 relative (None == None).
- Events match on type (casefolded), date (ISO, None == None) and place (normalised; equal, or the words of
  one contained in the other's); the trigger is not compared, only used to break ties.
- Summary numbers are micro-averages over all documents (counts summed, then divided).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pipeline.models import Extraction

if TYPE_CHECKING:  # rich is imported only when a table is drawn
    from rich.table import Table

Split = Literal["all", "dev", "heldout"]

MATCH_THRESHOLD = 0.5
INTERVAL_REL_TOL = 1e-6

# Words dropped from the front of a speaker before comparison.
LEADING_ARTICLES = ("the", "a", "an", "le", "la", "les", "l", "un", "une", "des")
HONORIFICS = ("mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "m", "mme", "mlle", "mm", "me", "pr")
# Predicted figures in these units (ages, durations) are never counted as spurious.
# fmt: off
TIME_UNITS = frozenset((
    "age", "ages", "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
    "minute", "minutes", "second", "seconds", "an", "ans", "annee", "annees", "mois", "semaine", "semaines",
    "jour", "jours", "heure", "heures",
))
# fmt: on
# A one-word prediction equal to one of these is a role, never a surname.
# fmt: off
ROLE_NOUNS = frozenset((
    "ministry", "ministere", "minister", "ministre", "police", "prosecutor", "prosecutors", "parquet",
    "government", "gouvernement", "president", "presidente", "office", "court", "tribunal", "spokesman",
    "spokeswoman", "spokesperson", "porte-parole", "army", "armee", "commission", "council", "conseil",
    "agency", "agence", "department", "departement", "company", "union", "syndicat", "officials",
    "responsables", "source", "sources", "he", "she", "they", "il", "elle", "ils", "elles",
))
# fmt: on


# ---------------------------------------------------------------- normalisation


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold().replace("’", "'")


def normalise_speaker(name: str | None) -> str | None:
    """Comparable form of a speaker: folded, punctuation-free, without a leading article or honorific."""
    if name is None:
        return None
    words = re.sub(r"[^\w-]+", " ", _fold(name)).split()
    while words and words[0] in LEADING_ARTICLES + HONORIFICS:
        words = words[1:]
    return " ".join(words) or None


def speakers_agree(predicted: str | None, gold: str | None) -> bool:
    """Same speaker after normalisation, or the predicted words are the surname (tail) of the gold name."""
    p, g = normalise_speaker(predicted), normalise_speaker(gold)
    if p is None or g is None:
        return p is None and g is None
    if p == g:
        return True
    p_words, g_words = p.split(), g.split()
    surname = len(p_words) < len(g_words) and g_words[-len(p_words) :] == p_words
    if surname:
        return p_words[-1] not in ROLE_NOUNS
    # A title or descriptor before the full name ("Vice-President Helena Marsh", "statistics office
    # Eurostat") still names the gold speaker; a bare common noun ("police") is no name to extend.
    titled = len(p_words) > len(g_words) and p_words[-len(g_words) :] == g_words
    return titled and (len(g_words) >= 2 or gold.strip()[:1].isupper())


def normalise_place(place: str | None) -> str | None:
    if place is None:
        return None
    words = re.sub(r"[^\w-]+", " ", _fold(place)).split()
    return " ".join(words) or None


def places_agree(predicted: str | None, gold: str | None) -> bool:
    p, g = normalise_place(predicted), normalise_place(gold)
    if p is None or g is None:
        return p is None and g is None
    return p == g or set(p.split()) <= set(g.split()) or set(g.split()) <= set(p.split())


def values_agree(predicted: float | None, gold: float | None) -> bool:
    if predicted is None or gold is None:
        return predicted is None and gold is None
    return math.isclose(float(predicted), float(gold), rel_tol=INTERVAL_REL_TOL, abs_tol=0.0)


# ---------------------------------------------------------------- matching


def span_score(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Shared code points of two half-open spans over the longer span's length (0 for empty spans)."""
    longest = max(a[1] - a[0], b[1] - b[0])
    if longest <= 0:
        return 0.0
    overlap = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return overlap / longest


def _one_to_one(candidates: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing of (score, gold index, predicted index) candidates, best score first."""
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if pi not in used_p and gi not in used_g:
            used_p.add(pi)
            used_g.add(gi)
            pairs.append((pi, gi))
    return sorted(pairs, key=lambda pair: pair[1])


def match_spans(
    predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]], threshold: float = MATCH_THRESHOLD
) -> list[tuple[int, int]]:
    """One-to-one greedy matching by span score; returns (predicted index, gold index) pairs."""
    candidates = [
        (score, gi, pi)
        for pi, p in enumerate(predicted)
        for gi, g in enumerate(gold)
        if (score := span_score(p, g)) >= threshold
    ]
    return _one_to_one(candidates)


def _trigger_words(trigger: str | None) -> set[str]:
    return set(re.findall(r"\w+", _fold(trigger or "")))


def match_events(
    predicted: Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]]
) -> list[tuple[int, int]]:
    """One-to-one matching on type + date + place; shared trigger words decide between candidates."""
    candidates = []
    for pi, p in enumerate(predicted):
        for gi, g in enumerate(gold):
            if (
                _fold(str(p.get("type") or "")) == _fold(str(g.get("type") or ""))
                and _iso(p.get("date")) == _iso(g.get("date"))
                and places_agree(p.get("place"), g.get("place"))
            ):
                shared = len(_trigger_words(p.get("trigger")) & _trigger_words(g.get("trigger")))
                candidates.append((shared, gi, pi))
    return _one_to_one(candidates)


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


# ---------------------------------------------------------------- scores


@dataclass(slots=True)
class Counts:
    """True positives, predictions and gold items of one kind; ratios are 0.0 when undefined."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.matched + other.matched, self.predicted + other.predicted, self.gold + other.gold)

    def to_json(self) -> dict[str, Any]:
        return {
            "matched": self.matched,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class Ratio:
    """Correct out of total (accuracy on matched items); 0 total → None."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.correct + other.correct, self.total + other.total)

    def to_json(self) -> dict[str, Any]:
        v = self.value
        return {"correct": self.correct, "total": self.total, "accuracy": None if v is None else round(v, 4)}


@dataclass(slots=True)
class Mismatch:
    """One error worth reading: what was expected, what came out."""

    kind: (
        str  # missed_quote, spurious_quote, wrong_speaker, missed_figure, spurious_figure, wrong_interval, …
    )
    text: str
    expected: Any = None
    got: Any = None


@dataclass(slots=True)
class DocScore:
    name: str
    lang_gold: str | None
    lang_predicted: str | None
    quotes: Counts = field(default_factory=Counts)
    speakers: Ratio = field(default_factory=Ratio)
    quote_kinds: Ratio = field(default_factory=Ratio)
    figures: Counts = field(default_factory=Counts)
    intervals: Ratio = field(default_factory=Ratio)
    qualifiers: Ratio = field(default_factory=Ratio)
    events: Counts = field(default_factory=Counts)
    mismatches: list[Mismatch] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "lang_gold": self.lang_gold,
            "lang_predicted": self.lang_predicted,
            "quotes": self.quotes.to_json(),
            "speakers": self.speakers.to_json(),
            "quote_kinds": self.quote_kinds.to_json(),
            "figures": self.figures.to_json(),
            "intervals": self.intervals.to_json(),
            "qualifiers": self.qualifiers.to_json(),
            "events": self.events.to_json(),
            "mismatches": [asdict(m) for m in self.mismatches],
        }


@dataclass(slots=True)
class Summary:
    documents: int = 0
    language: Ratio = field(default_factory=Ratio)
    quotes: Counts = field(default_factory=Counts)
    speakers: Ratio = field(default_factory=Ratio)
    quote_kinds: Ratio = field(default_factory=Ratio)
    figures: Counts = field(default_factory=Counts)
    intervals: Ratio = field(default_factory=Ratio)
    qualifiers: Ratio = field(default_factory=Ratio)
    events: Counts = field(default_factory=Counts)

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "language": self.language.to_json(),
            "quotes": self.quotes.to_json(),
            "speakers": self.speakers.to_json(),
            "quote_kinds": self.quote_kinds.to_json(),
            "figures": self.figures.to_json(),
            "intervals": self.intervals.to_json(),
            "qualifiers": self.qualifiers.to_json(),
            "events": self.events.to_json(),
        }


@dataclass(slots=True)
class EvalReport:
    rows: list[DocScore]
    summary: Summary

    def to_json(self) -> dict[str, Any]:
        return {"summary": self.summary.to_json(), "documents": [row.to_json() for row in self.rows]}


def summarise(rows: Sequence[DocScore]) -> Summary:
    s = Summary(documents=len(rows))
    for row in rows:
        s.language += Ratio(int(row.lang_gold is None or row.lang_gold == row.lang_predicted), 1)
        s.quotes += row.quotes
        s.speakers += row.speakers
        s.quote_kinds += row.quote_kinds
        s.figures += row.figures
        s.intervals += row.intervals
        s.qualifiers += row.qualifiers
        s.events += row.events
    return s


def _as_dict(item: Any) -> dict[str, Any]:
    return item if isinstance(item, dict) else item.to_json()


def score_document(name: str, predicted: Extraction | dict[str, Any], gold: dict[str, Any]) -> DocScore:
    """Score one document's extraction (dataclass or its JSON) against its gold annotation."""
    pred = predicted.to_json() if isinstance(predicted, Extraction) else predicted
    row = DocScore(name=name, lang_gold=gold.get("lang"), lang_predicted=pred.get("lang"))
    _score_quotes(row, [_as_dict(s) for s in pred.get("statements", [])], gold.get("statements", []))
    _score_figures(row, [_as_dict(f) for f in pred.get("figures", [])], gold.get("figures", []))
    _score_events(row, [_as_dict(e) for e in pred.get("events", [])], gold.get("events", []))
    return row


def _span(item: dict[str, Any]) -> tuple[int, int]:
    return int(item["start"]), int(item["end"])


def _score_quotes(row: DocScore, pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> None:
    pairs = match_spans([_span(p) for p in pred], [_span(g) for g in gold])
    row.quotes = Counts(len(pairs), len(pred), len(gold))
    for pi, gi in pairs:
        p, g = pred[pi], gold[gi]
        ok = speakers_agree(p.get("speaker"), g.get("speaker"))
        row.speakers += Ratio(int(ok), 1)
        row.quote_kinds += Ratio(int(p.get("kind") == g.get("kind")), 1)
        if not ok:
            row.mismatches.append(
                Mismatch("wrong_speaker", g["quote"][:80], g.get("speaker"), p.get("speaker"))
            )
    _report_unmatched(row, "quote", pred, gold, pairs, lambda q: (q.get("quote") or "")[:80])


def _score_figures(row: DocScore, pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> None:
    pairs = match_spans([_span(p) for p in pred], [_span(g) for g in gold])
    matched_p = {pi for pi, _ in pairs}
    # Not counted as predictions: hits on optional gold figures, and unmatched ages/durations (the contract
    # lets the extractor report them, the gold never requires them).
    ignored = {pi for pi, gi in pairs if gold[gi].get("optional")} | {
        pi for pi, p in enumerate(pred) if pi not in matched_p and _unit_key(p.get("unit")) in TIME_UNITS
    }
    pairs = [(pi, gi) for pi, gi in pairs if not gold[gi].get("optional")]
    required = sum(1 for g in gold if not g.get("optional"))
    row.figures = Counts(len(pairs), len(pred) - len(ignored), required)
    for pi, gi in pairs:
        p, g = pred[pi], gold[gi]
        ok = values_agree(p.get("low"), g.get("low")) and values_agree(p.get("high"), g.get("high"))
        row.intervals += Ratio(int(ok), 1)
        row.qualifiers += Ratio(int(p.get("qualifier") == g.get("qualifier")), 1)
        if not ok:
            expected, got = [g.get("low"), g.get("high")], [p.get("low"), p.get("high")]
            row.mismatches.append(Mismatch("wrong_interval", g["text"], expected, got))
    matched_g = {gi for _, gi in pairs}
    row.mismatches += [
        Mismatch("missed_figure", g["text"])
        for gi, g in enumerate(gold)
        if gi not in matched_g and not g.get("optional")
    ]
    row.mismatches += [
        Mismatch("spurious_figure", p.get("text") or "")
        for pi, p in enumerate(pred)
        if pi not in matched_p and pi not in ignored
    ]


def _unit_key(unit: Any) -> str:
    return _fold(str(unit or "")).strip()


def _score_events(row: DocScore, pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> None:
    pairs = match_events(pred, gold)
    row.events = Counts(len(pairs), len(pred), len(gold))
    _report_unmatched(
        row, "event", pred, gold, pairs, lambda e: f"{e.get('type')} {_iso(e.get('date'))} {e.get('place')}"
    )


def _report_unmatched(
    row: DocScore,
    what: str,
    pred: Sequence[dict[str, Any]],
    gold: Sequence[dict[str, Any]],
    pairs: Iterable[tuple[int, int]],
    label: Callable[[dict[str, Any]], str],
) -> None:
    pairs = list(pairs)
    hit_p = {pi for pi, _ in pairs}
    hit_g = {gi for _, gi in pairs}
    row.mismatches += [Mismatch(f"missed_{what}", label(g)) for gi, g in enumerate(gold) if gi not in hit_g]
    row.mismatches += [Mismatch(f"spurious_{what}", label(p)) for pi, p in enumerate(pred) if pi not in hit_p]


# ---------------------------------------------------------------- files


def read_text(path: Path) -> str:
    """The article exactly as the offsets count it: UTF-8, no newline translation."""
    return path.read_bytes().decode("utf-8")


def read_gold(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def gold_path_for(text_path: Path) -> Path:
    return text_path.with_name(text_path.name[: -len(".txt")] + ".gold.json")


def heldout_stems(path: Path) -> set[str]:
    """Stems listed in the nearest `heldout.txt` at or above `path` (one per line, `#` comments)."""
    start = path if path.is_dir() else path.parent
    for folder in (start, *start.parents):
        listing = folder / "heldout.txt"
        if listing.is_file():
            stems = set()
            for line in listing.read_text(encoding="utf-8").splitlines():
                entry = line.split("#", 1)[0].strip()
                if entry:
                    stems.add(Path(entry).name.removesuffix(".txt").removesuffix(".gold.json"))
            return stems
    return set()


def find_pairs(path: Path, split: Split = "all") -> list[tuple[Path, Path]]:
    """Every `*.txt` under `path` (recursively) that has a sibling `*.gold.json`, filtered by split."""
    if split not in ("all", "dev", "heldout"):
        raise ValueError(f"unknown split {split!r}: use all, dev or heldout")
    heldout = heldout_stems(path)
    pairs = []
    for text_path in sorted(path.rglob("*.txt")):
        gold = gold_path_for(text_path)
        if not gold.is_file():
            continue
        is_heldout = text_path.stem in heldout
        if split == "all" or (split == "heldout") == is_heldout:
            pairs.append((text_path, gold))
    return pairs


def _published(gold: dict[str, Any]) -> date | None:
    value = gold.get("published")
    return date.fromisoformat(str(value)[:10]) if value else None


def evaluate_files(pairs: Iterable[tuple[Path | str, Path | str]], lang: str = "auto") -> EvalReport:
    """Run the extractor over each (text, gold) pair and score it."""
    from pipeline.extract import extract_texts  # loads spaCy: only when something is evaluated

    pairs = [(Path(t), Path(g)) for t, g in pairs]
    texts = [read_text(t) for t, _ in pairs]
    golds = [read_gold(g) for _, g in pairs]
    extractions = extract_texts(texts, lang=lang, published=[_published(g) for g in golds])
    rows = [
        score_document(t.name.removesuffix(".txt"), extraction, gold)
        for (t, _), extraction, gold in zip(pairs, extractions, golds, strict=True)
    ]
    return EvalReport(rows=rows, summary=summarise(rows))


def evaluate_dir(path: Path | str, split: Split = "all", lang: str = "auto") -> EvalReport:
    """Score every annotated article under `path`; `split` picks dev, held-out (heldout.txt) or all."""
    return evaluate_files(find_pairs(Path(path), split), lang=lang)


# ---------------------------------------------------------------- rendering


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}"


def summary_line(report: EvalReport) -> str:
    s = report.summary
    return (
        f"{s.documents} docs | quotes P/R/F1 {s.quotes.precision:.2f}/{s.quotes.recall:.2f}/{s.quotes.f1:.2f}"
        f" speaker {_ratio(s.speakers)} | figures P/R/F1 {s.figures.precision:.2f}/{s.figures.recall:.2f}"
        f"/{s.figures.f1:.2f} interval {_ratio(s.intervals)} | events P/R/F1 {s.events.precision:.2f}"
        f"/{s.events.recall:.2f}/{s.events.f1:.2f}"
    )


def _ratio(r: Ratio) -> str:
    return "–" if r.value is None else f"{r.value:.2f}"


def render_table(report: EvalReport) -> Table:
    """Per-document rows and a TOTAL row, percentages."""
    from rich.table import Table

    table = Table(title="Extraction vs gold (%)", show_lines=False)
    for header in ("document", "lang", "quotes P", "R", "F1", "speaker", "figures P", "R", "F1",
                   "interval", "events P", "R", "F1"):  # fmt: skip
        table.add_column(header, justify="left" if header == "document" else "right")

    def cells(name: str, lang: str, q: Counts, sp: Ratio, f: Counts, iv: Ratio, e: Counts) -> list[str]:
        return [name, lang, _pct(q.precision), _pct(q.recall), _pct(q.f1), _pct(sp.value),
                _pct(f.precision), _pct(f.recall), _pct(f.f1), _pct(iv.value),
                _pct(e.precision), _pct(e.recall), _pct(e.f1)]  # fmt: skip

    for row in report.rows:
        lang = row.lang_predicted or "?"
        if row.lang_gold and row.lang_gold != row.lang_predicted:
            lang = f"{lang}≠{row.lang_gold}"
        table.add_row(
            *cells(row.name, lang, row.quotes, row.speakers, row.figures, row.intervals, row.events)
        )
    s = report.summary
    table.add_row(
        *cells("TOTAL", _ratio(s.language), s.quotes, s.speakers, s.figures, s.intervals, s.events),
        style="bold",
    )
    return table


def main_evaluate(argv: Sequence[str] | None = None) -> int:
    """`pipeline evaluate DIR|TXT...` or `pipeline evaluate --realdev [DIR]`; exit 0 when it ran."""
    parser = argparse.ArgumentParser(
        prog="pipeline evaluate",
        description="Score extraction against gold: the project's gold files (DIR|TXT…) or, with --realdev, the "
        "real wire articles of ../shared/realdev by the rules of its score.py.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="folders of *.txt + *.gold.json, or single *.txt")
    parser.add_argument("--split", choices=("all", "dev", "heldout"), default="all")
    parser.add_argument("--lang", choices=("auto", "fr", "en"), default="auto")
    parser.add_argument("--gold", type=Path, help="gold file for a single TXT argument")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    parser.add_argument("--errors", action="store_true", help="list mismatches (realdev: dev articles only)")
    realdev = parser.add_argument_group("real wire articles")
    realdev.add_argument(
        "--realdev", nargs="?", type=Path, const=_default_realdev(), metavar="DIR",
        help="score DIR/gold.jsonl + DIR/texts/ (default ../shared/realdev) with our event gold "
        "(tests/data/realdev/events_*.jsonl): dev and held-out, French and English, apart",
    )  # fmt: skip
    realdev.add_argument(
        "--write-gold", type=Path, metavar="PATH",
        help="with --realdev: write gold.jsonl with our events merged in to PATH (outside the repository, for "
        "score.py --gold) and stop",
    )  # fmt: skip
    realdev.add_argument(
        "--show-heldout-errors", action="store_true",
        help="with --errors: also list the HELD-OUT articles' mismatches (never read them while changing rules)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.realdev is not None:
        if args.paths or args.gold:
            parser.error("--realdev reads its own gold: give no DIR|TXT or --gold")
        return _main_realdev(args)
    if args.write_gold or args.show_heldout_errors:
        parser.error("--write-gold and --show-heldout-errors go with --realdev")
    if not args.paths:
        parser.error("give DIR|TXT… (gold files) or --realdev [DIR]")

    pairs: list[tuple[Path, Path]] = []
    for path in args.paths:
        if path.is_dir():
            pairs += find_pairs(path, args.split)
        elif path.is_file():
            gold = args.gold if args.gold and len(args.paths) == 1 else gold_path_for(path)
            if not gold.is_file():
                parser.error(f"{path}: no gold file {gold}")
            pairs.append((path, gold))
        else:
            parser.error(f"{path}: no such file or folder")
    if not pairs:
        parser.error("no *.txt with a sibling *.gold.json found")
    report = evaluate_files(pairs, lang=args.lang)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
        return 0
    from rich.console import Console

    console = Console()
    if not console.is_terminal:  # piped or captured: do not wrap rows at 80 columns
        console = Console(width=160)
    console.print(render_table(report))
    if args.errors:
        for row in report.rows:
            for m in row.mismatches:
                detail = (
                    f" expected {m.expected!r} got {m.got!r}"
                    if m.expected is not None or m.got is not None
                    else ""
                )
                console.print(f"{row.name}: {m.kind}: {m.text!r}{detail}", markup=False, highlight=False)
    console.print(summary_line(report), markup=False, highlight=False)
    return 0


def _default_realdev() -> Path:
    from pipeline.realdev import DEFAULT_DIR

    return DEFAULT_DIR


def _main_realdev(args: argparse.Namespace) -> int:
    from pipeline import realdev

    try:
        articles, warnings = realdev.load_articles(args.realdev, split=args.split)
        for warning in warnings:
            sys.stderr.write(f"pipeline: warning: {warning}\n")
        if args.write_gold:
            n = realdev.write_merged_gold(articles, args.write_gold)
            print(f"wrote {n} articles of gold with our events to {args.write_gold}")
            return 0
    except realdev.RealdevError as exc:
        sys.stderr.write(f"pipeline: {exc}\n")
        return 2
    report = realdev.score_articles(articles, realdev.extract_articles(articles), warnings)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
        return 0
    from rich.console import Console

    console = Console()
    if not console.is_terminal:  # piped or captured: do not wrap rows at 80 columns
        console = Console(width=200)
    console.print(realdev.render_table(report))
    if args.errors:
        if args.show_heldout_errors:
            sys.stderr.write(
                "pipeline: warning: listing HELD-OUT errors: do not change rules after reading them\n"
            )
        for line in realdev.error_lines(report, heldout=args.show_heldout_errors):
            console.print(line, markup=False, highlight=False)
    for line in realdev.summary_lines(report):
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    return 0
