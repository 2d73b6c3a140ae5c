"""`make bench`: build the synthetic corpus, take the paired measurements, run the pipeline end to end.

    python -m bench.run [--articles 10000] [--check-rows 1000000] [--out bench/latest.json] …

Prints one table and writes bench/latest.json (keys in ../shared/CONTRACT.md) and bench/latest.md.
Every database it writes is a throwaway one on the pipeline's server, dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench import corpus, freshness, measure, views
from bench.scratch import scratch_database
from bench.server import serve

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"extract_ratio_vs_spacy": (">=", 0.8), "copy_ratio_vs_executemany": (">=", 5.0),
           "check_ratio_1m_vs_10k": ("<=", 1.5), "e2e_10k_seconds": ("<", 900.0),
           "views_ratio_1m_vs_10k": ("<=", 2.0), "views_slowest_query_ms_1m": ("<", 200.0),
           "freshness_p95_seconds": ("<=", 120.0)}
STAGES = ("open_run", "fetch", "parse_store", "extract", "load", "check")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench", description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=10_000, help="corpus size and the large end-to-end run")
    p.add_argument("--small", type=int, default=1_000, help="the small end-to-end run (memory comparison)")
    p.add_argument("--per-feed", type=int, default=500, help="items per RSS feed")
    p.add_argument("--extract-sample", type=int, default=300, help="articles in the extraction comparison")
    p.add_argument("--extract-rounds", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size on both sides")
    p.add_argument("--probe-processes", type=int, default=2, help="also time n_process=N (0: skip)")
    p.add_argument("--copy-rows", type=int, default=20_000)
    p.add_argument("--check-small-rows", type=int, default=10_000)
    p.add_argument("--check-rows", type=int, default=1_000_000, help="figures-table size for the large check")
    p.add_argument("--check-rounds", type=int, default=3)
    p.add_argument("--views-small", type=int, default=10_000, help="documents behind the views, baseline")
    p.add_argument("--views-large", type=int, default=1_000_000, help="documents behind the views, large")
    p.add_argument("--views-rounds", type=int, default=5)
    p.add_argument("--fresh-items", type=int, default=24, help="articles published under the scheduler (0: skip)")
    p.add_argument("--fresh-spacing", type=float, default=15.0, help="seconds between two publications")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "latest.json")
    p.add_argument("--parts", default="", help="measure only these (comma-separated: extraction,copy,check,e2e,views,freshness); "
                   "the others are kept from --out")
    return p.parse_args(argv)


def run_e2e(articles: list[corpus.Article], per_feed: int, label: str) -> dict:
    """One ingestion of `articles` over HTTP into a scratch database, in a child process; its peak RSS."""
    files = corpus.feeds(articles, per_feed)
    with scratch_database(f"e2e_{label}") as url, serve(files) as base, \
            tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        env = {**os.environ, "DATABASE_URL": url, "PIPELINE_FETCH_ALLOW_HOSTS": "127.0.0.1:*"}
        args = [sys.executable, "-m", "bench.e2e", f"bench_{label}", *(base + path for path in files)]
        start = time.perf_counter()
        child = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not all children's
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            tail = err.read().decode(errors="replace").strip().splitlines()[-15:]
            raise RuntimeError(f"end-to-end run {label} failed:\n" + "\n".join(tail))
        report = json.loads(out.read().decode().strip().splitlines()[-1])
    report.update(articles=len(articles), feeds=len(files), seconds=round(wall, 1),
                  peak_rss_mb=round(usage.ru_maxrss / 1024, 1))
    return report


def _sample(articles: list[corpus.Article], n: int) -> list[corpus.Article]:
    step = max(1, len(articles) // max(1, n))
    return articles[::step][:n]


PARTS = ("extraction", "copy", "check", "e2e", "views", "freshness")


def measure_parts(args: argparse.Namespace, parts: set[str], console: Console) -> dict:
    """The measurements named in `parts`, each stamped with when it was taken."""
    measured: dict = {"measured_at": {}, "load_average": {}}

    def stamp(part: str, load_before: float) -> None:
        # 1-minute load average before and after the part: how much the machine was shared meanwhile.
        measured["measured_at"][part] = datetime.now(UTC).isoformat(timespec="seconds")
        measured["load_average"][part] = [round(load_before, 2), round(os.getloadavg()[0], 2)]

    clock = time.perf_counter()
    articles = corpus.build_corpus(args.articles)
    measured["corpus_seconds"] = round(time.perf_counter() - clock, 1)
    console.log(f"corpus: {len(articles)} articles in {measured['corpus_seconds']} s")

    sample = _sample(articles, min(args.extract_sample, len(articles)))
    texts = [a.body for a in sample]
    results: list = []
    before = os.getloadavg()[0]
    if "extraction" in parts:
        measured["extraction"], results = measure.extraction(
            texts, args.batch_size, args.extract_rounds, args.probe_processes)
        console.log(f"extraction: ratio {measured['extraction']['ratio']} on {len(texts)} articles")
        stamp("extraction", before)
    elif parts & {"copy", "check"}:
        from pipeline.extract import extract_texts

        results = list(extract_texts(texts, batch_size=args.batch_size))

    if "copy" in parts:
        before = os.getloadavg()[0]
        with scratch_database("copy") as url:
            rows = measure.figure_rows(list(zip(results, (len(t) for t in texts), strict=True)), args.copy_rows)
            measured["copy"] = measure.copy_vs_executemany(url, rows)
        console.log(f"load: COPY {measured['copy']['ratio']}× executemany")
        stamp("copy", before)

    if "check" in parts:
        before = os.getloadavg()[0]
        with scratch_database("check_small") as small, scratch_database("check_large") as large:
            docs = [(a.body, a.published) for a in sample]
            measured["check"] = ck = measure.check_scaling(small, large, docs, results, args.check_small_rows,
                                                           args.check_rows, rounds=args.check_rounds)
        console.log(f"checks: {ck['large']['table_rows']} vs {ck['small']['table_rows']} rows → {ck['ratio']}")
        stamp("check", before)

    if "views" in parts:
        before = os.getloadavg()[0]
        with scratch_database("views_small") as small, scratch_database("views_large") as large:
            measured["views"] = vw = views.views_scaling(small, large, args.views_small, args.views_large,
                                                         rounds=args.views_rounds)
        console.log(f"views: {vw['ratio']}× at {args.views_large:,} vs {args.views_small:,} documents, "
                    f"slowest query {vw['slowest_query_ms_large']} ms")
        stamp("views", before)

    if "freshness" in parts and args.fresh_items > 0:
        before = os.getloadavg()[0]
        with scratch_database("fresh") as url:
            measured["freshness"] = fr = freshness.measure(url, args.fresh_items, args.fresh_spacing,
                                                           log=console.log)
        console.log(f"freshness: p50 {fr['p50_seconds']} s, p95 {fr['p95_seconds']} s over "
                    f"{fr['items_visible']} articles")
        stamp("freshness", before)

    if "e2e" in parts:
        before = os.getloadavg()[0]
        runs = []
        for size in sorted({min(args.small, len(articles)), len(articles)}):
            runs.append(run_e2e(articles[:size], args.per_feed, f"{size}"))
            console.log(f"end to end: {size} articles in {runs[-1]['seconds']} s")
        measured["e2e"] = runs
        stamp("e2e", before)
    return measured


def summarise(details: dict, articles: int) -> dict:
    """The flat keys of bench/latest.json (../shared/CONTRACT.md) from the detailed measurements."""
    extraction, copy, check, runs = (details[k] for k in ("extraction", "copy", "check", "e2e"))
    vw = details.get("views")
    fr = details.get("freshness")
    big, small = runs[-1], runs[0]
    stages = big["stages"]
    return {
        "when": max(details["measured_at"].values()),
        "cores": os.cpu_count(),
        "articles": articles,
        "processes": extraction["n_process"],
        "extract_ratio_vs_spacy": extraction["ratio"],
        "extract_articles_per_s": extraction["articles_per_s"],
        "extract_tokens_per_s": extraction["tokens_per_s"],
        "spacy_articles_per_s": extraction["spacy_articles_per_s"],
        "spacy_tokens_per_s": extraction["spacy_tokens_per_s"],
        "copy_ratio_vs_executemany": copy["ratio"],
        "copy_rows_per_s": copy["copy_rows_per_s"],
        "executemany_rows_per_s": copy["executemany_rows_per_s"],
        "check_ratio_1m_vs_10k": check["ratio"],
        "check_seconds_10k": check["small"]["seconds"],
        "check_seconds_1m": check["large"]["seconds"],
        "e2e_10k_seconds": big["seconds"] if big["articles"] >= 10_000 else None,
        "e2e_seconds": big["seconds"],
        "e2e_articles": big["articles"],
        "e2e_articles_per_s": round(big["articles"] / big["seconds"], 1),
        "peak_rss_mb_1k": small["peak_rss_mb"] if small["articles"] >= 1_000 or len(runs) == 1 else None,
        "peak_rss_mb_10k": big["peak_rss_mb"] if big["articles"] >= 10_000 else None,
        "views_ratio_1m_vs_10k": vw["ratio"] if vw else None,
        "views_worst_query_ratio": vw["worst_query_ratio"] if vw else None,
        "views_slowest_query_ms_1m": vw["slowest_query_ms_large"] if vw else None,
        "views_documents": [vw["small"]["documents"], vw["large"]["documents"]] if vw else None,
        "freshness_p50_seconds": fr["p50_seconds"] if fr else None,
        "freshness_p95_seconds": fr["p95_seconds"] if fr else None,
        "freshness_items": fr["items_visible"] if fr else None,
        "stages": stages,
        "slowest_stage": max(stages, key=stages.get),
        "details": details,
    }


def collect(args: argparse.Namespace, console: Console) -> dict:
    """Measure the requested parts; the others are kept from the previous results file (with their dates)."""
    parts = set(args.parts.split(",")) if args.parts else set(PARTS)
    if unknown := parts - set(PARTS):
        raise SystemExit(f"unknown part(s): {', '.join(sorted(unknown))}; choose among {', '.join(PARTS)}")
    details: dict = {}
    if parts != set(PARTS):
        if not args.out.exists():
            raise SystemExit(f"--parts needs an earlier {args.out} holding the other parts")
        previous = json.loads(args.out.read_text(encoding="utf-8"))
        details = previous["details"]
        # Results written before parts were stamped one by one carry one date and one load for the lot.
        older = [p for p in PARTS if p in details]  # parts added since that file was written are absent
        details.setdefault("measured_at", dict.fromkeys(older, previous["when"]))
        details.setdefault("load_average", dict.fromkeys(older, previous.get("load_average", {}).get("end")))
    measured = measure_parts(args, parts, console)
    for key in ("measured_at", "load_average"):
        details[key] = {**details.get(key, {}), **measured.pop(key)}
    details.update(measured)
    return summarise(details, args.articles)


def _meets(key: str, value) -> str:
    if key not in TARGETS or value is None:
        return ""
    op, bound = TARGETS[key]
    ok = {">=": value >= bound, "<=": value <= bound, "<": value < bound}[op]
    return "yes" if ok else "NO"


def rows(result: dict) -> list[tuple[str, str, str, str, str]]:
    """(measure, ours, baseline, ratio or value, target) lines shared by the terminal and Markdown tables."""
    ex, cp, ck = (result["details"][k] for k in ("extraction", "copy", "check"))
    big = result["details"]["e2e"][-1]
    small = result["details"]["e2e"][0]
    out = [
        ("extraction, articles/s (n_process 1)", f"{ex['articles_per_s']}", f"{ex['spacy_articles_per_s']} raw nlp.pipe",
         f"{result['extract_ratio_vs_spacy']}×", "≥ 0.8× " + _meets("extract_ratio_vs_spacy", result["extract_ratio_vs_spacy"])),
        ("extraction, tokens/s", f"{ex['tokens_per_s']}", f"{ex['spacy_tokens_per_s']}", "", ""),
        ("load, figure rows/s", f"{cp['copy_rows_per_s']} COPY", f"{cp['executemany_rows_per_s']} executemany",
         f"{cp['ratio']}×", "≥ 5× " + _meets("copy_ratio_vs_executemany", cp["ratio"])),
        (f"check of {ck['batch_figures']} figures, s", f"{ck['large']['seconds']} at {ck['large']['table_rows']:,} rows",
         f"{ck['small']['seconds']} at {ck['small']['table_rows']:,} rows", f"{ck['ratio']}×",
         "≤ 1.5× " + _meets("check_ratio_1m_vs_10k", ck["ratio"])),
        (f"end to end, {big['articles']:,} articles", f"{big['seconds']} s",
         f"{result['e2e_articles_per_s']} articles/s", "",
         "< 900 s " + _meets("e2e_10k_seconds", result["e2e_10k_seconds"])),
        ("peak RSS, MB", f"{big['peak_rss_mb']} at {big['articles']:,}", f"{small['peak_rss_mb']} at {small['articles']:,}",
         f"{round(big['peak_rss_mb'] / small['peak_rss_mb'], 2)}×", "flat"),
    ]
    if vw := result["details"].get("views"):
        n_small, n_large = vw["small"]["documents"], vw["large"]["documents"]
        out.append((f"README queries + search, {n_large:,} vs {n_small:,} documents", f"{vw['ms_large_total']} ms",
                    f"{vw['ms_small_total']} ms", f"{vw['ratio']}×",
                    "≤ 2× " + _meets("views_ratio_1m_vs_10k", vw["ratio"])))
        for name, q in vw["queries"].items():
            out.append((f"  query {name}", f"{q['ms_large']} ms", f"{q['ms_small']} ms", f"{q['ratio']}×",
                        "< 200 ms " + ("yes" if q["ms_large"] < 200 else "NO")))
    if fr := result["details"].get("freshness"):
        out.append((f"freshness, publication → analyst views ({fr['items_visible']} of {fr['items_published']} "
                    "articles)", f"p95 {fr['p95_seconds']} s", f"p50 {fr['p50_seconds']} s", "",
                    "p95 ≤ 120 s " + _meets("freshness_p95_seconds", fr["p95_seconds"])))
    if "probe" in ex:
        pr = ex["probe"]
        out.append((f"probe: extraction with n_process {pr['n_process']}", f"{pr['ours_tokens_per_s']} tokens/s",
                    f"{ex['tokens_per_s']} with 1", f"{pr['speedup_vs_n_process_1']}×",
                    f"vs raw spaCy {pr['ratio_vs_spacy_same_n_process']}×"))
    return out


def stage_rows(result: dict) -> list[tuple[str, str, str]]:
    stages = result["stages"]
    total = sum(stages.values()) or 1.0
    return [(name, f"{stages[name]:.1f}", f"{100 * stages[name] / total:.0f} %") for name in STAGES if name in stages]


def render(result: dict) -> Table:
    table = Table(title=f"make bench — {result['articles']:,} articles, {result['cores']} cores, {result['when']}")
    for col in ("measure", "ours", "baseline", "ratio", "target"):
        table.add_column(col)
    for row in rows(result):
        table.add_row(*row)
    table.add_section()
    for name, seconds, share in stage_rows(result):
        table.add_row(f"  stage {name}", f"{seconds} s", "", share, "slowest" if name == result["slowest_stage"] else "")
    return table


def _load(values) -> str:
    """A part's load: [before, after] when stamped per part; older files kept one reading for all parts."""
    if isinstance(values, list) and len(values) == 2:
        return f"{values[0]} → {values[1]}"
    return "/".join(map(str, values)) + " over the last 1/5/15 min at its end"


def markdown(result: dict) -> str:
    when = result["details"]["measured_at"]
    load = result["details"]["load_average"]
    taken = "; ".join(f"{part} at {when[part]} (load {_load(load[part])})" for part in PARTS if part in when)
    lines = [f"# make bench — {result['when']}", "",
             f"{result['articles']:,} synthetic articles, {result['cores']} cores. Measured: {taken}. The machine "
             "is shared with other jobs (load average = runnable processes): absolute speeds vary with it, the "
             "paired ratios much less.", "",
             "| measure | ours | baseline | ratio | target |", "| --- | --- | --- | --- | --- |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows(result)]
    lines += ["", f"End-to-end stages ({result['e2e_articles']:,} articles):", "",
              "| stage | seconds | share |", "| --- | --- | --- |"]
    lines += ["| " + " | ".join(r) + " |" for r in stage_rows(result)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    console = Console(stderr=True)
    result = collect(args, console)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(markdown(result), encoding="utf-8")
    Console().print(render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
