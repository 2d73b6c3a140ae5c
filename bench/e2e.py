"""One end-to-end ingestion run through `pipeline.jobs` (the functions the DAG tasks call), timed per stage.

Run as `python -m bench.e2e RUN_ID URL…` in a subprocess, with DATABASE_URL naming a scratch database, so
that its peak memory is its own. Prints one JSON object: seconds per stage, counts, peak RSS.

`extract_pending` extracts and loads chunk by chunk; the time spent inside `load.claim_documents` (the claim query) and
`load.store_extractions` is measured by wrapping those two functions (the real ones still run), so the
breakdown can tell extraction from loading.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _timed(fn: Callable, totals: dict[str, float], key: str) -> Callable:
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[key] += time.perf_counter() - start

    return wrapper


def run(run_id: str, feeds: list[str]) -> dict:
    from pipeline import db, jobs, load
    from pipeline.quality import check_batch

    inner = {"load": 0.0, "select_pending": 0.0}
    load.store_extractions = _timed(load.store_extractions, inner, "load")
    load.claim_documents = _timed(load.claim_documents, inner, "select_pending")

    stages: dict[str, float] = {}
    clock = time.perf_counter()
    handle = jobs.open_run(run_id, feeds)
    stages["open_run"] = time.perf_counter() - clock

    clock = time.perf_counter()
    fetch_ids = [jobs.fetch_source(handle.batch_id, sid) for sid in handle.source_ids]
    stages["fetch"] = time.perf_counter() - clock

    clock = time.perf_counter()
    stored = [jobs.store_fetched(handle.batch_id, fid) for fid in fetch_ids]
    stages["parse_store"] = time.perf_counter() - clock

    clock = time.perf_counter()
    extracted = jobs.extract_pending(handle.batch_id)
    total = time.perf_counter() - clock
    stages["extract"] = total - inner["load"]  # spaCy + finders, and the query for pending documents
    stages["load"] = inner["load"]

    # jobs.check with its Data Docs written to a temporary folder instead of the project's gx/uncommitted.
    clock = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-gx-") as out:
        results = check_batch(db.database_url(), handle.batch_id, output_dir=Path(out))
    stages["check"] = time.perf_counter() - clock

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "run_id": run_id,
        "batch_id": handle.batch_id,
        "sources": len(handle.source_ids),
        "items_seen": sum(int(s["seen"]) for s in stored),
        "documents_new": sum(int(s["new"]) for s in stored),
        "fetch_errors": sum(1 for s in stored if s["status"] == "error"),
        "extracted": extracted,
        "stages": {k: round(v, 3) for k, v in stages.items()},
        "select_pending_seconds": round(inner["select_pending"], 3),
        "checks_failed": [r.rule for r in results if not r.success],
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mb_self": round(usage.ru_maxrss / 1024, 1),
    }


def main(argv: list[str]) -> int:
    run_id, *feeds = argv
    print(json.dumps(run(run_id, feeds)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
