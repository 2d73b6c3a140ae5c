"""The analyst views with a long history behind them: the README's example queries at 10k and at 1M documents.

Each scratch database holds the same answer set (a few hundred January-2020 articles with the quotes, troop
figures, dated events and corrected versions the README's questions ask about) plus filler history up to the
requested size: later articles, two statements, two figures and one event each, spread over batches that were
checked (some with warnings, some blocked). Everything goes in by COPY through the real schema, so the
triggers that keep `is_current`, `is_latest` and `batch_publication` run on every row; as PostgreSQL advises
for bulk loads, plain indexes and foreign keys are dropped first and rebuilt (foreign keys re-checked) after.

The filler never matches the questions' filters (it is later than January 2020, has no troop figures, no
quote about Iraq or defence, one version per item): the answers stay the same size, and the ratio measures
what the history costs a query that does not return it, which is what a view at scale must not pay for.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import psycopg

# The README's example questions (README.md, "Example questions"), verbatim.
QUERIES: dict[str, str] = {
    "statements_about_iraq": """SELECT speaker, kind, verb, left(quote, 58) AS quote FROM statements_view
        WHERE quote ILIKE '%irak%' AND published_at < '2020-02-01' ORDER BY published_at, start_char""",
    "troop_figures": """SELECT place, text, low, high, qualifier, part_of, source
        FROM figures_view WHERE unit = 'soldiers' ORDER BY document_id, start_char""",
    "top_speakers": """SELECT name, speaker_type, statements, articles
        FROM speaker_statements ORDER BY statements DESC, name LIMIT 6""",
    "events_by_date": """SELECT event_date, type, actor, target, place, trigger
        FROM events_view WHERE event_date IS NOT NULL ORDER BY event_date, type LIMIT 8""",
    "figure_revisions": """SELECT s.name AS source, r.guid, old_text, new_text, old_low, old_high, new_low, new_high
        FROM figure_revisions r JOIN sources s ON s.id = r.source_id ORDER BY r.guid LIMIT 4""",
    "search_statements": "SELECT speaker, left(quote, 60) AS quote FROM search_statements('defense')",
}

ANSWER_DOCS = 300          # January-2020 articles the questions are about, in every database
REVISED = 30               # of which this many also arrive as a corrected version 2
DOCS_PER_BATCH = 1_000     # filler batch size
SPEAKERS = 2_000           # filler speaker pool
BODY = ("Le conseil communal a examiné mardi le projet de budget pour l'année prochaine, a indiqué le "
        "porte-parole. Selon la commune, 1200 personnes et 35 emplois sont concernés par le plan. "
        "Les travaux commenceront au printemps, a précisé l'échevin des finances, qui a annoncé une "
        "réunion publique. ") * 2
ANSWER_BODY = ("Le ministère de la Défense a annoncé mardi que l'Italie va maintenir ses soldats en Irak. "
               "« Nous restons engagés », a déclaré Lorenzo Guerini, ministre de la Défense. Plus de 900 "
               "soldats sont stationnés en Irak, dont environ 450 à Erbil. ") * 2
PLACES = ("Bruxelles", "Liège", "Namur", "Gand", "Anvers", "Charleroi", "Mons", "Louvain")
UNITS = ("persons", "jobs", "EUR", "percent")


COPY_SECONDS: dict[str, float] = {}


def _line(*values) -> str:
    return "\t".join(r"\N" if v is None else str(v) for v in values) + "\n"


def _copy(conn: psycopg.Connection, table: str, columns: str, lines: Iterator[str], chunk: int = 20_000) -> None:
    """COPY text lines into `table`, one COPY statement per `chunk` lines (the triggers see each chunk)."""
    buffer: list[str] = []

    def flush() -> None:
        with conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            copy.write("".join(buffer))
        buffer.clear()

    start = time.perf_counter()
    for line in lines:
        buffer.append(line)
        if len(buffer) >= chunk:
            flush()
    if buffer:
        flush()
    COPY_SECONDS[table] = COPY_SECONDS.get(table, 0.0) + time.perf_counter() - start


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


FILLED = ("documents", "extractions", "statements", "figures", "events")


def _defer_secondary_structures(conn: psycopg.Connection) -> list[str]:
    """Drop the plain indexes and foreign keys of the filled tables; return the DDL that recreates them.

    PostgreSQL's own advice for bulk loads ("Populating a Database"): build indexes once over the loaded rows
    and check foreign keys in one pass, instead of row by row. Primary keys, unique constraints (which the
    triggers' look-ups use) and the triggers themselves stay.
    """
    tables = list(FILLED)
    ddl = [r[0] for r in conn.execute(
        """SELECT format('ALTER TABLE %%s ADD CONSTRAINT %%I %%s', conrelid::regclass, conname,
                         pg_get_constraintdef(oid))
           FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)""", (tables,))]
    drops = [r[0] for r in conn.execute(
        """SELECT format('ALTER TABLE %%s DROP CONSTRAINT %%I', conrelid::regclass, conname)
           FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)""", (tables,))]
    indexes = conn.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
           WHERE i.indrelid::regclass::text = ANY(%s)
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""", (tables,)).fetchall()
    for statement in drops:
        conn.execute(statement)
    for name, _definition in indexes:
        conn.execute(f"DROP INDEX {name}")
    conn.commit()
    return [definition for _name, definition in indexes] + ddl


def fill(url: str, documents: int) -> dict:
    """Fill a migrated, empty database with the answer set and filler up to `documents` documents."""
    start = time.perf_counter()
    with psycopg.connect(url) as conn:
        deferred = _defer_secondary_structures(conn)
    filler = max(0, documents - ANSWER_DOCS - REVISED)
    n_batches = 1 + (filler + DOCS_PER_BATCH - 1) // DOCS_PER_BATCH
    jan = datetime(2020, 1, 1, 6, tzinfo=UTC)
    feb = datetime(2020, 2, 1, 6, tzinfo=UTC)
    with psycopg.connect(url) as conn:
        src = [conn.execute("INSERT INTO sources (name, location, enabled) VALUES (%s, %s, false) RETURNING id",
                            (f"bench-{k}", f"http://127.0.0.1/bench-{k}.xml")).fetchone()[0] for k in range(4)]
        _copy(conn, "ingest_batches", "id, run_id, extractor_version",
              (_line(b, f"bench-views-{b}", "bench") for b in range(1, n_batches + 1)))
        _copy(conn, "speakers", "id, key, name, speaker_type",
              (_line(k, f"porte parole {k}", f"Porte-Parole {k}", "person") for k in range(1, SPEAKERS + 1)))
        conn.execute("INSERT INTO speakers (id, key, name, speaker_type) VALUES "
                     f"({SPEAKERS + 1}, 'lorenzo guerini', 'Lorenzo Guerini', 'person'), "
                     f"({SPEAKERS + 2}, 'ministere de la defense', 'ministère de la Défense', 'organisation')")

        # (id, source, guid, version, batch, published, body)
        def docs() -> Iterator[tuple]:
            for i in range(ANSWER_DOCS):
                yield (i + 1, src[i % 4], f"answer-{i}", 1, 1, jan + timedelta(hours=2 * i), ANSWER_BODY)
            for i in range(REVISED):
                yield (ANSWER_DOCS + i + 1, src[i % 4], f"answer-{i}", 2, 1,
                       jan + timedelta(hours=2 * i), ANSWER_BODY.replace("900", "950"))
            base = ANSWER_DOCS + REVISED
            per_day = 400
            for i in range(filler):
                yield (base + i + 1, src[i % 4], f"history-{i}", 1, 2 + i // DOCS_PER_BATCH,
                       feb + timedelta(days=i // per_day, seconds=(i % per_day) * 200), BODY)

        # facts_version is what the extractions trigger would set: the trigger still checks every row.
        _copy(conn, "documents", "id, source_id, guid, version, status, source_format, title, body, language, "
              "published_at, content_hash, batch_id, facts_version",
              (_line(i, s, g, v, "usable", "rss", f"titre {g}", body, "fr", p.isoformat(), _hash(f"{g}/{v}"), b,
                     "bench")
               for i, s, g, v, b, p, body in docs()))
        total = ANSWER_DOCS + REVISED + filler
        conn.execute("SELECT setval(pg_get_serial_sequence('documents', 'id'), %s)", (total,))
        _copy(conn, "extractions", "document_id, extractor_version, batch_id, lang",
              (_line(i, "bench", 1 if i <= ANSWER_DOCS + REVISED else 2 + (i - ANSWER_DOCS - REVISED - 1)
                     // DOCS_PER_BATCH, "fr") for i in range(1, total + 1)))
        _verdicts(conn, n_batches)
        conn.commit()
    _fill_facts(url, total)
    loaded = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '256MB'")
        for statement in deferred:
            conn.execute(statement)
        indexed = time.perf_counter()
        conn.execute("VACUUM ANALYZE")
        refresh = time.perf_counter()
        conn.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY speaker_statements")
        refresh_s = time.perf_counter() - refresh
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("documents", "statements", "figures", "events")}
    return {**counts, "fill_seconds": round(time.perf_counter() - start, 1),
            "copy_seconds": round(loaded - start, 1), "index_seconds": round(indexed - loaded, 1),
            "refresh_speaker_statements_seconds": round(refresh_s, 3)}


def _batch_of(doc: int) -> int:
    return 1 if doc <= ANSWER_DOCS + REVISED else 2 + (doc - ANSWER_DOCS - REVISED - 1) // DOCS_PER_BATCH


def _fill_facts(url: str, total: int) -> None:
    """Statements, figures and events, each table COPied by its own connection at the same time."""
    answer_len, body_len = len(ANSWER_BODY), len(BODY)
    common = "id, document_id, extractor_version, body_length, batch_id"

    def statements() -> Iterator[str]:
        sid = 0
        for d in range(1, total + 1):
            answer = d <= ANSWER_DOCS + REVISED
            length, batch = (answer_len, 1) if answer else (body_len, _batch_of(d))
            if answer:
                rows = [("ministère de la Défense", "organisation", SPEAKERS + 2,
                         "l'Italie va maintenir ses soldats en Irak", "indirect", "a annoncé", 0, 88),
                        ("Lorenzo Guerini", "person", SPEAKERS + 1, "Nous restons engagés", "direct",
                         "a déclaré", 89, 113)]
            else:
                k = 1 + d % SPEAKERS
                # Every quote its own text, as in real copy (two repeated strings would let the planner
                # know exactly how rare a word is, which it never does on real quotes).
                rows = [(f"Porte-Parole {k}", "person", k,
                         f"le conseil communal a examiné le projet de budget n° {d} pour {PLACES[d % 8]}",
                         "indirect", "a indiqué", 0, 120),
                        (f"Porte-Parole {1 + (d * 7) % SPEAKERS}", "person", 1 + (d * 7) % SPEAKERS,
                         f"les travaux du chantier {d} commenceront au printemps", "indirect", "a précisé",
                         200, 260)]
            for speaker, kind_of, speaker_id, quote, kind, verb, s, e in rows:
                sid += 1
                yield _line(sid, d, "bench", length, batch, speaker, kind_of, quote, kind, verb, s, e, speaker_id, "fr")

    copies = []
    copies.append(lambda conn: _copy(conn, "statements", f"{common}, speaker, speaker_type, quote, kind, verb, start_char, end_char, "
          "speaker_id, lang", statements()))

    def figures() -> Iterator[str]:
        fid = 0
        for d in range(1, total + 1):
            answer = d <= ANSWER_DOCS + REVISED
            if answer:
                revised = d > ANSWER_DOCS
                low = 950 if revised else 900
                fid += 1
                total_id = fid
                yield _line(fid, d, "bench", answer_len, 1, f"Plus de {low}", low, low, None, "soldiers",
                            "more_than", "Irak", None, None, None, 160, 171)
                fid += 1
                yield _line(fid, d, "bench", answer_len, 1, "environ 450", 450, 405, 495, "soldiers", "approx",
                            "Erbil", None, total_id, f"Plus de {low}", 207, 218)
            else:
                batch = _batch_of(d)
                for k, (s, e) in enumerate(((150, 154), (170, 172))):
                    fid += 1
                    value = 10 + (d * 13 + k) % 5000
                    yield _line(fid, d, "bench", body_len, batch, str(value), value, value, value,
                                UNITS[(d + k) % 4], "exact", PLACES[d % 8], None, None, None, s, e)

    copies.append(lambda conn: _copy(conn, "figures", f"{common}, text, value, low, high, unit, qualifier, place, asserted_by, part_of_id, "
          "part_of_text, start_char, end_char", figures()))

    feb = datetime(2020, 2, 1).date()

    def events() -> Iterator[str]:
        for d in range(1, total + 1):
            if d <= ANSWER_DOCS + REVISED:
                day = datetime(2020, 1, 1).date() + timedelta(days=(d % ANSWER_DOCS) // 12)
                yield _line(d, d, "bench", answer_len, 1, "announce", "a annoncé mardi", "ministère de la Défense",
                            None, day, "Irak", 20, 35)
            else:
                day = feb + timedelta(days=(d - ANSWER_DOCS - REVISED) // 400)
                yield _line(d, d, "bench", body_len, _batch_of(d), "announce", "a annoncé", "l'échevin", None,
                            day, PLACES[d % 8], 270, 279)

    copies.append(lambda conn: _copy(conn, "events", f"{common}, type, trigger, actor, target, event_date, "
                                     "place, start_char, end_char", events()))

    def run(copy: Callable[[psycopg.Connection], None]) -> None:
        with psycopg.connect(url) as conn:
            copy(conn)

    with ThreadPoolExecutor(len(copies)) as pool:
        list(pool.map(run, copies))  # re-raises the first failure
    with psycopg.connect(url) as conn:
        for table in ("statements", "figures", "events"):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")


def _verdicts(conn: psycopg.Connection, n_batches: int) -> None:
    """Every batch checked: every 10th with a failed warn rule, every 50th blocked by a failed error rule."""
    _copy(conn, "dq_runs", "id, batch_id, suite, success, gx_version",
          (_line(b, b, "figures", b == 1 or b % 50 != 0, "bench") for b in range(1, n_batches + 1)))
    _copy(conn, "dq_results", "run_id, rule, severity, success",
          (line for b in range(1, n_batches + 1) for line in (
              _line(b, "figures_interval_ordered", "error", b == 1 or b % 50 != 0),
              _line(b, "figures_unit_known", "warn", b % 10 != 0))))


def _best(rounds: int, sides: list[Callable[[], object]]) -> list[float]:
    best = [float("inf")] * len(sides)
    for _ in range(rounds):
        for i, side in enumerate(sides):
            start = time.perf_counter()
            side()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def time_queries(url_small: str, url_large: str, rounds: int = 5) -> dict:
    """Best milliseconds of each query on both databases, alternating; both must return as many rows."""
    out: dict = {"queries": {}}
    with psycopg.connect(url_small, autocommit=True) as small, psycopg.connect(url_large, autocommit=True) as large:
        for name, query in QUERIES.items():
            answers = [c.execute(query).fetchall() for c in (small, large)]  # warm both caches
            # Same answer sizes (top-N lists may rank other speakers or tied rows first at 1M).
            if len(answers[0]) != len(answers[1]):
                raise RuntimeError(f"{name}: {len(answers[0])} rows at the small size, {len(answers[1])} at the large")
            seconds = _best(rounds, [lambda c=c, q=query: c.execute(q).fetchall() for c in (small, large)])
            out["queries"][name] = {"rows": len(answers[0]), "ms_small": round(seconds[0] * 1000, 2),
                                    "ms_large": round(seconds[1] * 1000, 2),
                                    "ratio": round(seconds[1] / seconds[0], 2)}
    q = out["queries"].values()
    out["ms_small_total"] = round(sum(x["ms_small"] for x in q), 2)
    out["ms_large_total"] = round(sum(x["ms_large"] for x in q), 2)
    out["ratio"] = round(out["ms_large_total"] / out["ms_small_total"], 2)
    out["worst_query_ratio"] = max(x["ratio"] for x in q)
    out["slowest_query_ms_large"] = max(x["ms_large"] for x in q)
    return out


def views_scaling(url_small: str, url_large: str, small_docs: int, large_docs: int, rounds: int = 5) -> dict:
    """Fill both databases and time the example queries on both."""
    small = fill(url_small, small_docs)
    large = fill(url_large, large_docs)
    return {"small": small, "large": large, **time_queries(url_small, url_large, rounds)}
