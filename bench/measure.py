"""The paired measurements: each figure of the pipeline against its baseline, in the same process and run.

- extraction (`pipeline.extract.extract_texts`) vs raw `nlp.pipe` of the same model on the same texts;
- COPY vs `executemany` INSERTs of the same figure rows into two identical scratch tables;
- the data-quality check of one 1,000-figure batch with 10k, then 1M rows in the figures table.

Timings alternate between the two sides and keep each side's best round, so that a burst of load from
other processes on the machine penalises neither side more than the other.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import psycopg


def _best(rounds: int, *sides: Callable[[], object]) -> list[float]:
    best = [float("inf")] * len(sides)
    for _ in range(rounds):
        for i, side in enumerate(sides):
            start = time.perf_counter()
            side()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


# --- extraction ---------------------------------------------------------------------------------------

def _raw_pipe(texts: Sequence[str], batch_size: int, n_process: int = 1) -> int:
    """What extract_texts does minus our finders: the same language grouping, the same nlp.pipe call."""
    from pipeline.extract.nlp import detect_language, load_model

    langs = [detect_language(t) for t in texts]
    tokens = 0
    for code in dict.fromkeys(langs):
        group = [t for t, lg in zip(texts, langs, strict=True) if lg == code]
        for doc in load_model(code).pipe(group, batch_size=batch_size, n_process=n_process):
            tokens += len(doc)
    return tokens


def _extract_n_process(texts: Sequence[str], batch_size: int, n_process: int) -> int:
    """extract_texts's loop with `n_process` spaCy workers (a probe for a proposed change, not the pipeline)."""
    from pipeline.extract.events import find_events
    from pipeline.extract.figures import find_figures
    from pipeline.extract.nlp import detect_language, load_model
    from pipeline.extract.statements import find_statements

    langs = [detect_language(t) for t in texts]
    found = 0
    for code in dict.fromkeys(langs):
        group = [t for t, lg in zip(texts, langs, strict=True) if lg == code]
        for doc in load_model(code).pipe(group, batch_size=batch_size, n_process=n_process):
            statements = find_statements(doc, code)
            figures = find_figures(doc, code, statements)
            found += len(find_events(doc, code, None, statements, figures)) + len(figures)
    return found


def extraction(texts: Sequence[str], batch_size: int = 32, rounds: int = 2,
               probe_processes: int = 0) -> tuple[dict, list]:
    """Throughput of extract_texts vs raw nlp.pipe (n_process=1 on both sides, as extract_texts runs).

    Returns the figures and the extractions of the last round (reused as realistic rows downstream).
    """
    from pipeline.extract import extract_texts

    texts = list(texts)
    _raw_pipe(texts[:8], batch_size)  # load the models and warm their caches outside the clock
    list(extract_texts(texts[:8], batch_size=batch_size))
    tokens = 0

    def raw() -> None:
        nonlocal tokens
        tokens = _raw_pipe(texts, batch_size)

    results: list = []

    def ours() -> None:
        results[:] = extract_texts(texts, batch_size=batch_size)

    raw_s, ours_s = _best(rounds, raw, ours)
    out = {
        "articles": len(texts),
        "tokens": tokens,
        "batch_size": batch_size,
        "n_process": 1,
        "spacy_seconds": round(raw_s, 2),
        "ours_seconds": round(ours_s, 2),
        "spacy_articles_per_s": round(len(texts) / raw_s, 1),
        "spacy_tokens_per_s": round(tokens / raw_s),
        "articles_per_s": round(len(texts) / ours_s, 1),
        "tokens_per_s": round(tokens / ours_s),
        "ratio": round(raw_s / ours_s, 3),
    }
    if probe_processes > 1:
        raw_mp, ours_mp = _best(
            1,
            lambda: _raw_pipe(texts, batch_size, probe_processes),
            lambda: _extract_n_process(texts, batch_size, probe_processes),
        )
        out["probe"] = {
            "n_process": probe_processes,
            "spacy_seconds": round(raw_mp, 2),
            "ours_seconds": round(ours_mp, 2),
            "ours_tokens_per_s": round(tokens / ours_mp),
            "speedup_vs_n_process_1": round(ours_s / ours_mp, 3),
            "ratio_vs_spacy_same_n_process": round(raw_mp / ours_mp, 3),
        }
    return out, results


# --- loading ------------------------------------------------------------------------------------------

FIGURE_COLUMNS = ("id", "document_id", "extractor_version", "body_length", "batch_id", "text", "value", "low",
                  "high", "unit", "qualifier", "place", "asserted_by", "statement_id", "part_of_id",
                  "part_of_text", "start_char", "end_char")


def figure_rows(extractions: Sequence, n: int) -> list[tuple]:
    """`n` figure rows shaped as store_extractions writes them, cycling over real extracted figures."""
    figures = [(f, len_) for x, len_ in extractions for f in x.figures]
    if not figures:
        raise ValueError("the extraction sample holds no figure")
    rows = []
    for i in range(n):
        f, body_length = figures[i % len(figures)]
        doc = i // len(figures) * 100_000 + i % len(figures)  # one (document, span) per row: unique key holds
        rows.append((i + 1, doc, "bench", body_length, 1, f.text, f.value, f.low, f.high, f.unit, f.qualifier,
                     f.where, f.asserted_by, None, None, None, f.start, f.end))
    return rows


def copy_vs_executemany(url: str, rows: list[tuple], rounds: int = 3) -> dict:
    """Rows/s of COPY vs executemany INSERT into two identical copies of the figures table (no FKs)."""
    cols = ", ".join(FIGURE_COLUMNS)
    marks = ", ".join(["%s"] * len(FIGURE_COLUMNS))
    with psycopg.connect(url, autocommit=True) as conn:
        for table in ("bench_copy", "bench_insert"):
            conn.execute(f"DROP TABLE IF EXISTS {table}")
            conn.execute(f"CREATE TABLE {table} (LIKE figures INCLUDING ALL)")

    conn = psycopg.connect(url)  # one connection for both sides: connecting stays outside the clock

    def by_copy() -> None:
        with conn.transaction():
            conn.execute("TRUNCATE bench_copy")
            with conn.cursor().copy(f"COPY bench_copy ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def by_executemany() -> None:
        with conn.transaction(), conn.cursor() as cur:
            conn.execute("TRUNCATE bench_insert")
            cur.executemany(f"INSERT INTO bench_insert ({cols}) VALUES ({marks})", rows)

    with conn:
        copy_s, insert_s = _best(rounds, by_copy, by_executemany)
    with psycopg.connect(url, autocommit=True) as conn:
        counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("bench_copy", "bench_insert")]
        conn.execute("DROP TABLE bench_copy, bench_insert")
    if counts != [len(rows), len(rows)]:
        raise RuntimeError(f"scratch tables hold {counts} rows, expected {len(rows)}")
    return {
        "rows": len(rows),
        "copy_rows_per_s": round(len(rows) / copy_s),
        "executemany_rows_per_s": round(len(rows) / insert_s),
        "ratio": round(insert_s / copy_s, 2),
    }


# --- data-quality checks ------------------------------------------------------------------------------

def _seed_checked_batch(url: str, docs: Sequence[tuple[str, datetime | None]], extractions: Sequence,
                        target: int) -> tuple[int, int]:
    """Store documents and their facts through pipeline.load into a batch of exactly `target` figures."""
    from dataclasses import replace

    from pipeline import load
    from pipeline.models import FeedItem

    kept, total = [], 0
    for (body, published), ex in zip(docs, extractions, strict=True):
        if total >= target:
            break
        figures = ex.figures[: target - total]
        kept.append((body, published, replace(ex, figures=figures)))
        total += len(figures)
    with psycopg.connect(url) as conn:
        source = load.upsert_source(conn, "bench-check", "http://127.0.0.1/bench-check.rss")
        batch = load.open_batch(conn, "bench-check", "bench")
        items = [FeedItem(source_format="rss", guid=f"check-{i}", title=f"check {i}", body=body, published=pub)
                 for i, (body, pub, _x) in enumerate(kept)]
        load.store_documents(conn, batch, source, None, items)
        pending = load.pending_documents(conn, "bench")
        by_body = {body: x for body, _p, x in kept}
        load.store_extractions(conn, batch, "bench", [(d, by_body[d.body]) for d in pending])
        conn.commit()
        (n,) = conn.execute("SELECT count(*) FROM figures WHERE batch_id = %s", (batch,)).fetchone()
        return source, batch, n


def _fill_history(url: str, source: int, total_rows: int, newest: datetime, per_day: int = 400) -> float:
    """Fill the figures table to `total_rows` with older history (INSERT … SELECT generate_series).

    The history grows backwards in time from `newest` at a constant `per_day` figures (10 per document),
    as a table grows in production: a bigger table means more past days, not denser days.
    """
    from pipeline import load

    per_doc = 10
    start = time.perf_counter()
    with psycopg.connect(url) as conn:
        (have,) = conn.execute("SELECT count(*) FROM figures").fetchone()
        docs = max(0, total_rows - have) // per_doc
        if docs == 0:
            return 0.0
        filler = load.open_batch(conn, "bench-history", "bench")
        minutes = 24 * 60 * per_doc / per_day
        conn.execute(
            """INSERT INTO documents (source_id, batch_id, guid, version, status, source_format, title, body,
                                      language, published_at, content_hash)
               SELECT %s, %s, 'history-' || g, 1, 'usable', 'rss', 'history', repeat('x', 300), 'fr',
                      %s::timestamptz - g * %s * interval '1 minute',
                      encode(sha256(('history-' || g)::bytea), 'hex')
               FROM generate_series(1, %s::bigint) g""",
            (source, filler, newest, minutes, docs),
        )
        conn.execute(
            """INSERT INTO extractions (document_id, extractor_version, batch_id, lang)
               SELECT id, 'bench', %s, 'fr' FROM documents WHERE batch_id = %s""",
            (filler, filler),
        )
        # Figure k of document d sits at [20k, 20k + 5): one row per (document, span).
        conn.execute(
            """INSERT INTO figures (document_id, extractor_version, body_length, batch_id, text, value, low,
                                    high, unit, qualifier, place, start_char, end_char)
               SELECT d.id, 'bench', 300, %s, (10 + g %% 5000)::text, 10 + g %% 5000, 10 + g %% 5000,
                      10 + g %% 5000 + (g %% 7) * 10,
                      (ARRAY['persons', 'EUR', 'percent', 'soldiers', 'jobs'])[1 + g %% 5],
                      CASE WHEN g %% 7 = 0 THEN 'exact' ELSE 'range' END,
                      (ARRAY['Bruxelles', 'Liège', 'Paris', 'Kiev', NULL])[1 + g %% 5],
                      (g %% 10) * 20, (g %% 10) * 20 + 5
               FROM generate_series(0, %s::bigint - 1) g
               JOIN documents d ON d.source_id = %s AND d.guid = 'history-' || (g / 10 + 1) AND d.version = 1""",
            (filler, docs * per_doc, source),
        )
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        # Settle the bulk load (hint bits, visibility map, statistics) so autovacuum does not run mid-timing.
        conn.execute("VACUUM ANALYZE documents, extractions, figures")
    return time.perf_counter() - start


def check_scaling(url_small: str, url_large: str, docs: Sequence[tuple[str, datetime | None]],
                  extractions: Sequence, small_rows: int = 10_000, large_rows: int = 1_000_000,
                  batch_figures: int = 1000, rounds: int = 3) -> dict:
    """Best seconds of check_batch on one batch stored in two databases, whose figures tables hold
    `small_rows` and `large_rows`; the two are checked in alternation."""
    from pipeline.quality import check_batch

    newest = max((p for _b, p in docs if p is not None), default=datetime(2024, 1, 1, tzinfo=UTC))
    out: dict = {}
    batches = {}
    for label, url, rows in (("small", url_small, small_rows), ("large", url_large, large_rows)):
        source, batch, n = _seed_checked_batch(url, docs, extractions, batch_figures)
        fill_s = _fill_history(url, source, rows, newest)
        check_batch(url, batch, build_docs=False)  # imports GX and warms caches outside the clock
        with psycopg.connect(url) as conn:
            (table_rows,) = conn.execute("SELECT count(*) FROM figures").fetchone()
        batches[label] = (url, batch)
        out[label] = {"table_rows": table_rows, "fill_seconds": round(fill_s, 1)}
        out["batch_figures"] = n
    times = _best(rounds, *(lambda u=u, b=b: check_batch(u, b, build_docs=False) for u, b in batches.values()))
    for label, seconds in zip(batches, times, strict=True):
        out[label]["seconds"] = round(seconds, 3)
    out["ratio"] = round(out["large"]["seconds"] / out["small"]["seconds"], 3)
    return out
