"""The scoring rules of `../shared/realdev/score.py` (the reference scorer of the hidden real articles), ported.

They differ from the project's own gold rules in `pipeline.evaluate` on purpose, and must not drift from the
reference: a quote matches when the spans overlap by at least half of each; a figure matches on any overlap;
both one-to-one, greedy by overlap; optional figures (ages, durations) are neither rewarded nor punished; a
figure on a `not_figures` string is a hit against us; speakers match by surname or token overlap (or a
`speaker_alt`); events match on type (`announce_decision` is `announce`) and overlapping trigger, then actor,
date and place count as accuracies on the matched pairs. `tests/test_evaluate.py` runs score.py itself on the
same predictions and compares the numbers.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pipeline.evaluate import Mismatch

STOP = frozenset("m mme mlle mr mrs ms dr le la les l de du des d the a an of et and".split())


def norm_tokens(name: str | None) -> list[str]:
    if not name:
        return []
    s = unicodedata.normalize("NFKD", name.casefold())
    s = "".join(c if c.isalnum() else " " for c in s if not unicodedata.combining(c))
    return [t for t in s.split() if t not in STOP]


def same_speaker(gold: dict[str, Any], pred: str | None) -> bool:
    p = norm_tokens(pred)
    if not p:
        return False
    for g_name in [gold["speaker"], *gold.get("speaker_alt", [])]:
        g = norm_tokens(g_name)
        if not g:
            continue
        words = [w for w in g_name.replace("-", " ").split() if w.casefold() not in STOP]
        person = 1 < len(words) <= 4 and all(w[:1].isupper() for w in words)
        if g == p or person and g[-1] in p:
            return True  # a person: the surname suffices
        if len(set(g) & set(p)) / len(set(g) | set(p)) >= 0.5:
            return True  # an institution named a little differently
    return False


def same_role(gold: str | None, pred: str | None) -> bool:
    """Actor or place: both empty, or the same name by the speakers' rule."""
    if not norm_tokens(gold):
        return not norm_tokens(pred)
    return same_speaker({"speaker": gold}, pred)


def overlap(a: dict[str, Any], b: dict[str, Any]) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def greedy(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], ok: Callable[[dict, dict], bool]
) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs, one-to-one, largest overlap first (ties as the reference breaks them)."""
    cands = sorted(
        (
            (overlap(g, p), i, j)
            for i, g in enumerate(gold)
            for j, p in enumerate(pred)
            if overlap(g, p) > 0 and ok(g, p)
        ),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def quote_ok(g: dict[str, Any], p: dict[str, Any]) -> bool:
    ov = overlap(g, p)
    return ov >= 0.5 * (g["end"] - g["start"]) and ov >= 0.5 * (p["end"] - p["start"])


def close(a: Any, b: Any, open_low: bool = False) -> bool:
    if open_low and a in (None, 0) and b in (None, 0):
        return True
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs(float(a) - float(b)) <= 0.01 * max(1.0, abs(float(a)))
    except (TypeError, ValueError):
        return False


def spans(items: Any) -> list[dict[str, Any]]:
    """Predicted items with integer offsets; items without readable offsets are dropped, as the reference does."""
    out = []
    for x in items or []:
        with contextlib.suppress(KeyError, TypeError, ValueError):
            out.append({**x, "start": int(x["start"]), "end": int(x["end"])})
    return out


def event_type(e: dict[str, Any]) -> str:
    t = (e.get("type") or "").strip().lower()
    return "announce" if t == "announce_decision" else t


def not_figure_span(text: str, nf: dict[str, Any]) -> dict[str, int]:
    """Where a `not_figures` string sits: its (occ+1)-th occurrence, found as the reference finds it."""
    pos = -1
    for _ in range(nf.get("occ", 0) + 1):
        pos = text.find(nf["text"], pos + 1)
    return {"start": pos, "end": pos + len(nf["text"])}


@dataclass(slots=True)
class Tally:
    """The reference's counters (same names as score.py), summable across articles."""

    counts: Counter = field(default_factory=Counter)
    has_events: bool = False

    def __iadd__(self, other: Tally) -> Tally:
        self.counts.update(other.counts)
        self.has_events |= other.has_events
        return self

    def metrics(self) -> dict[str, Any]:
        """The numbers score.py prints, unrounded; event numbers are None where no article has event gold."""
        c = self.counts
        qp, qr, qf = prf(c["q_tp"], c["q_gold"], c["q_pred"])
        fp, fr, ff = prf(c["f_tp"], c["f_gold"], c["f_pred"])
        out: dict[str, Any] = {
            "quote_p": qp, "quote_r": qr, "quote_f1": qf,
            "speaker": c["spk_ok"] / c["q_tp"] if c["q_tp"] else 0.0,
            "figure_p": fp, "figure_r": fr, "figure_f1": ff,
            "interval": c["iv_ok"] / c["f_tp"] if c["f_tp"] else 0.0,
            "not_figure_hits": c["not_fig_hits"],
            "event_p": None, "event_r": None, "event_f1": None,
            "event_actor": None, "event_date": None, "event_place": None,
        }  # fmt: skip
        if self.has_events:
            ep, er, ef = prf(c["e_tp"], c["e_gold"], c["e_pred"])
            m = c["e_tp"] or 1
            out.update(event_p=ep, event_r=er, event_f1=ef, event_actor=c["e_actor"] / m,
                       event_date=c["e_date"] / m, event_place=c["e_place"] / m)  # fmt: skip
        return out


def prf(tp: int, gold: int, pred: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_article(gold: dict[str, Any], got: dict[str, Any], text: str) -> tuple[Tally, list[Mismatch]]:
    """One article's counters by the reference rules, and the mismatches behind them (for reading errors)."""
    t = Tally()
    c = t.counts
    errors: list[Mismatch] = []
    gs, ps = gold["statements"], spans(got.get("statements"))
    pairs = greedy(gs, ps, quote_ok)
    for i, j in pairs:
        if same_speaker(gs[i], ps[j].get("speaker")):
            c["spk_ok"] += 1
        else:
            errors.append(
                Mismatch("wrong_speaker", gs[i]["quote"][:80], gs[i]["speaker"], ps[j].get("speaker"))
            )
    c["q_tp"] += len(pairs)
    c["q_gold"] += len(gs)
    c["q_pred"] += len(ps)
    _unmatched(errors, "quote", gs, ps, pairs, lambda q: (q.get("quote") or "")[:80])

    gf, pf = gold["figures"], spans(got.get("figures"))
    fpairs = greedy(gf, pf, lambda g, p: True)
    opt = [(i, j) for i, j in fpairs if gf[i].get("optional")]
    req = [(i, j) for i, j in fpairs if not gf[i].get("optional")]
    for i, j in req:
        open_low = gf[i].get("qualifier") in ("less_than", "at_most")
        if close(gf[i].get("low"), pf[j].get("low"), open_low) and close(
            gf[i].get("high"), pf[j].get("high")
        ):
            c["iv_ok"] += 1
        else:
            expected, found = [gf[i].get("low"), gf[i].get("high")], [pf[j].get("low"), pf[j].get("high")]
            errors.append(Mismatch("wrong_interval", gf[i]["text"], expected, found))
    for nf in gold.get("not_figures", []):
        span = not_figure_span(text, nf)
        if any(overlap(span, p) for p in pf):
            c["not_fig_hits"] += 1
            errors.append(Mismatch("not_figure", nf["text"]))
    c["f_tp"] += len(req)
    c["f_gold"] += len(gf) - sum(1 for f in gf if f.get("optional"))
    c["f_pred"] += len(pf) - len(opt)
    hit_g, hit_p = {i for i, _ in fpairs}, {j for _, j in fpairs}
    errors += [
        Mismatch("missed_figure", f["text"])
        for i, f in enumerate(gf)
        if i not in hit_g and not f.get("optional")
    ]
    errors += [Mismatch("spurious_figure", f.get("text") or "") for j, f in enumerate(pf) if j not in hit_p]

    if "events" in gold:
        ge, pe = gold["events"], spans(got.get("events"))
        epairs = greedy(ge, pe, lambda g, p: event_type(g) == event_type(p))
        t.has_events = True
        c["e_tp"] += len(epairs)
        c["e_gold"] += len(ge)
        c["e_pred"] += len(pe)
        for i, j in epairs:
            g, p = ge[i], pe[j]
            for role, ok in (
                ("actor", same_role(g.get("actor"), p.get("actor"))),
                ("date", (g.get("date") or None) == (p.get("date") or None)),
                ("place", same_role(g.get("place"), p.get("place"))),
            ):
                c[f"e_{role}"] += ok
                if not ok:
                    errors.append(
                        Mismatch(f"wrong_event_{role}", _event_label(g, text), g.get(role), p.get(role))
                    )
        _unmatched(errors, "event", ge, pe, epairs, lambda e: _event_label(e, text))
    return t, errors


def _event_label(e: dict[str, Any], text: str) -> str:
    trigger = e.get("trigger") or text[e["start"] : e["end"]]
    return f"{event_type(e)} {trigger!r}"


def _unmatched(
    errors: list[Mismatch],
    what: str,
    gold: list[dict[str, Any]],
    pred: list[dict[str, Any]],
    pairs: list[tuple[int, int]],
    label: Callable[[dict[str, Any]], str],
) -> None:
    hit_g, hit_p = {i for i, _ in pairs}, {j for _, j in pairs}
    errors += [Mismatch(f"missed_{what}", label(g)) for i, g in enumerate(gold) if i not in hit_g]
    errors += [Mismatch(f"spurious_{what}", label(p)) for j, p in enumerate(pred) if j not in hit_p]
