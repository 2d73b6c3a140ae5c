"""Validate every gold annotation file under tests/data/ (shape, spans, intervals, allowed vocabularies).

Run as a script (`python tests/data/check_gold.py`, exit 1 on any problem) or through pytest.
Conventions are documented in tests/data/README.md.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent

KINDS = {"direct", "indirect", "according_to"}
SPEAKER_TYPES = {"person", "organisation", "unattributed"}
QUALIFIERS = {"exact", "approx", "more_than", "less_than", "at_least", "at_most", "range", "vague"}
UNITS = set(
    [
        "persons",
        "soldiers",
        "deaths",
        "injured",
        "migrants",
        "votes",
        "EUR",
        "USD",
        "GBP",
        "percent",
        "km",
        "kg",
        "tonnes",
        "countries",
        "items",
        "m",
        "mm",
        "km/h",
        "points",
    ]
)
EVENT_TYPES = set(
    [
        "announce",
        "consult",
        "agree",
        "reject",
        "demand",
        "accuse",
        "threaten",
        "protest",
        "sanction",
        "deploy",
        "withdraw",
        "aid",
        "cooperate",
        "arrest",
        "charge",
        "convict",
        "assault",
        "adopt",
        "resign",
        "appoint",
        "investigate",
        "accident",
        "disaster",
        "sport_result",
    ]
)
QUOTE_MARKS = set('«»"“”')
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TOP_KEYS = {"file", "lang", "published", "source", "statements", "figures", "events"}
STATEMENT_KEYS = {"speaker", "quote", "start", "end", "kind", "verb"}
FIGURE_KEYS = {"text", "start", "end", "value", "low", "high", "unit", "qualifier", "where", "part_of"}
EVENT_KEYS = {"type", "actor", "target", "date", "place", "trigger"}


def _span_errors(text: str, item: dict, field: str, where: str) -> list[str]:
    start, end = item.get("start"), item.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return [f"{where}: bad span {start}-{end}"]
    if text[start:end] != item[field]:
        return [f"{where}: text[{start}:{end}]={text[start:end]!r} != {field} {item[field]!r}"]
    if item[field] != item[field].strip():
        return [f"{where}: {field} has surrounding whitespace"]
    return []


def _keeps_quote_marks(quote: str) -> bool:
    """True when the quote starts or ends with a mark of its own frame (a nested quote may close at the end)."""
    if quote[:1] in QUOTE_MARKS:
        return True
    last = quote[-1:]
    if last == '"':
        return quote.count('"') % 2 == 1
    opening = {"»": "«", "”": "“"}.get(last)
    return opening is not None and quote.count(opening) < quote.count(last)


def _marks_paired(quote: str) -> bool:
    """True when every opening mark in the clause has its closing mark (a clause never cuts a quote in two)."""
    return quote.count("«") == quote.count("»") and quote.count("“") == quote.count("”") and quote.count('"') % 2 == 0


def _statement_errors(text: str, st: dict, where: str) -> list[str]:
    errors = [f"{where}: missing {k}" for k in STATEMENT_KEYS - st.keys()]
    if errors:
        return errors
    errors += _span_errors(text, st, "quote", where)
    if st["kind"] not in KINDS:
        errors.append(f"{where}: kind {st['kind']!r}")
    if st.get("speaker_type", "person") not in SPEAKER_TYPES:
        errors.append(f"{where}: speaker_type {st['speaker_type']!r}")
    # A direct quote is the words between the marks; an indirect or according_to statement is a whole clause,
    # which may begin or end with a quoted fragment (ANNOTATION.md), so it keeps those marks, paired.
    if st["kind"] == "direct" and _keeps_quote_marks(st["quote"]):
        errors.append(f"{where}: quote keeps its quote marks")
    if st["kind"] != "direct" and not _marks_paired(st["quote"]):
        errors.append(f"{where}: quote has unpaired quote marks")
    return errors


def _figure_errors(text: str, fig: dict, where: str, totals: set[str]) -> list[str]:
    errors = [f"{where}: missing {k}" for k in FIGURE_KEYS - fig.keys()]
    if errors:
        return errors
    errors += _span_errors(text, fig, "text", where)
    qualifier, low, high, value = fig["qualifier"], fig["low"], fig["high"], fig["value"]
    if qualifier not in QUALIFIERS:
        errors.append(f"{where}: qualifier {qualifier!r}")
    if fig["unit"] is not None and fig["unit"] not in UNITS:
        errors.append(f"{where}: unit {fig['unit']!r}")
    if low is None and high is None:
        errors.append(f"{where}: interval open on both sides")
    if low is not None and high is not None and low > high:
        errors.append(f"{where}: low {low} > high {high}")
    below = value is not None and low is not None and value < low * 0.999
    above = value is not None and high is not None and value > high * 1.001
    if below or above:
        errors.append(f"{where}: value {value} outside [{low}, {high}]")
    if qualifier in ("range", "vague") and (low is None or high is None):
        errors.append(f"{where}: {qualifier} needs both bounds")
    if qualifier in ("more_than", "at_least") and value is not None and low != value:
        errors.append(f"{where}: {qualifier} must have low == value")
    if qualifier in ("less_than", "at_most") and value is not None and high != value:
        errors.append(f"{where}: {qualifier} must have high == value")
    if fig["part_of"] is not None and fig["part_of"] not in totals:
        errors.append(f"{where}: part_of {fig['part_of']!r} is not the text of another figure")
    return errors


def _event_errors(text: str, ev: dict, where: str) -> list[str]:
    errors = [f"{where}: missing {k}" for k in EVENT_KEYS - ev.keys()]
    if errors:
        return errors
    if ev["type"] not in EVENT_TYPES:
        errors.append(f"{where}: event type {ev['type']!r}")
    if ev["date"] is not None and not DATE.match(ev["date"]):
        errors.append(f"{where}: date {ev['date']!r}")
    if "start" in ev:
        errors += _span_errors(text, ev, "trigger", where)
    elif ev["trigger"] not in text:
        errors.append(f"{where}: trigger {ev['trigger']!r} not in text")
    return errors


def gold_errors(gold_path: Path) -> list[str]:
    """Every problem found in one gold file, as readable lines (empty when valid)."""
    name = gold_path.relative_to(DATA).as_posix()
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{name}: unreadable ({exc})"]
    errors = [f"{name}: missing {k}" for k in TOP_KEYS - gold.keys()]
    if errors:
        return errors
    text_path = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt")
    if Path(gold["file"]).name != text_path.name:
        errors.append(f"{name}: file {gold['file']!r} does not match the gold file name")
    if not text_path.is_file():
        return errors + [f"{name}: text file {text_path.name} missing"]
    raw = text_path.read_bytes()
    if "sha256" in gold and hashlib.sha256(raw).hexdigest() != gold["sha256"]:
        errors.append(f"{name}: sha256 does not match the text file")
    text = raw.decode("utf-8")
    if not DATE.match(str(gold["published"])):
        errors.append(f"{name}: published {gold['published']!r}")
    if gold["lang"] not in ("fr", "en"):
        errors.append(f"{name}: lang {gold['lang']!r}")
    for i, st in enumerate(gold["statements"]):
        errors += _statement_errors(text, st, f"{name} statement {i}")
    totals = {f.get("text") for f in gold["figures"]}
    for i, fig in enumerate(gold["figures"]):
        errors += _figure_errors(text, fig, f"{name} figure {i} {fig.get('text')!r}", totals)
    for i, ev in enumerate(gold["events"]):
        errors += _event_errors(text, ev, f"{name} event {i}")
    return errors


def gold_files() -> list[Path]:
    return sorted(DATA.rglob("*.gold.json"))


def heldout_errors() -> list[str]:
    """Held-out stems must name existing gold files."""
    path = DATA / "heldout.txt"
    if not path.is_file():
        return []
    stems = {p.name.removesuffix(".gold.json") for p in gold_files()}
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [
        f"heldout.txt: no gold file for {s!r}"
        for s in lines
        if s and not s.startswith("#") and s not in stems
    ]


def test_every_gold_file_is_consistent_with_its_text() -> None:
    errors = [e for p in gold_files() for e in gold_errors(p)] + heldout_errors()
    assert not errors, "\n".join(errors)


def main() -> int:
    files = gold_files()
    errors = [e for p in files for e in gold_errors(p)] + heldout_errors()
    for line in errors:
        print(line)
    print(f"{len(files)} gold files, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
