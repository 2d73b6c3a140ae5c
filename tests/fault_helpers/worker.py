"""An ingestion worker without the quality stage: the DAG's task functions, in order, in one process.

`python -m tests.fault_helpers.worker --feed PATH --run-id ID [--chunk N]` runs open_run, fetch_source,
store_fetched and extract_pending as the Airflow tasks do; the tests kill it and run it again as a retry.
"""

from __future__ import annotations

import argparse
import json

from pipeline import jobs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feed", action="append", required=True)
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--chunk", type=int, default=200)
    args = parser.parse_args()
    handle = jobs.open_run(args.run_id, args.feed)
    stored = [jobs.store_fetched(handle.batch_id, jobs.fetch_source(handle.batch_id, s)) for s in handle.source_ids]
    extracted = jobs.extract_pending(handle.batch_id, chunk=args.chunk)
    print(json.dumps({"batch": handle.batch_id, "stored": stored, "extracted": extracted}), flush=True)


if __name__ == "__main__":
    main()
