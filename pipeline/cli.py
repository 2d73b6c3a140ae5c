"""Command line: `pipeline parse|extract|run|check|db …` (contract in the README)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date

EXIT_OK, EXIT_FAILED_CHECK, EXIT_UNREADABLE = 0, 1, 2


class UsageError(Exception):
    """A problem the user can fix by changing the command; printed as one line."""


def _emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def _fail(message: str, code: int = EXIT_UNREADABLE) -> int:
    sys.stderr.write(f"pipeline: {message}\n")
    return code


def _read_inputs(files: Sequence[str]) -> list[tuple[str, bytes]]:
    """Regular files and stdin, each refused past the fetch size cap (PIPELINE_FETCH_MAX_BYTES)."""
    from pipeline.config import get_settings
    from pipeline.localfiles import LocalFileError, read_capped, read_regular_file

    cap = get_settings().fetch_max_bytes
    out = []
    for name in files:
        try:
            if name == "-":
                out.append(("-", read_capped(sys.stdin.buffer, cap, "standard input")))
            else:
                out.append((name, read_regular_file(name, cap)[0]))
        except LocalFileError as exc:
            raise UsageError(f"cannot read {name}: {exc}") from None
    return out


def cmd_parse(args: argparse.Namespace) -> int:
    from pipeline.parse import FeedError, parse_feed

    code = EXIT_OK
    for name, data in _read_inputs(args.files):
        try:
            result = parse_feed(data)  # no base URL: a file's place must not change its items' ids
        except FeedError as exc:
            sys.stderr.write(f"pipeline: {name}: {exc}\n")
            code = EXIT_UNREADABLE
            continue
        for warning in result.warnings[:1]:
            more = f" (+{len(result.warnings) - 1} more)" if len(result.warnings) > 1 else ""
            sys.stderr.write(f"pipeline: warning: {name}: {warning}{more}\n")
        for item in result.items:
            _emit(item.to_json())
    return code


def cmd_extract(args: argparse.Namespace) -> int:
    from pipeline.extract import extract_texts
    from pipeline.extract.dates import anchor_date

    if args.jsonl is not None:
        if args.files:
            raise UsageError("--jsonl reads its articles from one file: give no other FILE")
        return _extract_jsonl(args.jsonl, args.lang, args.published)
    if not args.files:
        raise UsageError("give FILE... (or - for stdin), or --jsonl FILE|-")
    inputs = _read_inputs(args.files)
    texts = []
    for name, data in inputs:
        try:
            texts.append(data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise UsageError(f"{name} is not UTF-8 text (byte {exc.start})") from None
    anchors = [anchor_date(t, args.published) for t in texts]
    for (name, _), ex in zip(inputs, extract_texts(texts, lang=args.lang, published=anchors), strict=True):
        _emit({"file": name, **ex.to_json()})
    return EXIT_OK


def _extract_jsonl(source: str, lang: str, published: date | None) -> int:
    """`extract --jsonl`: one article per JSON line, each with its own date and language, in one process."""
    from pipeline.extract import extract_texts
    from pipeline.extract.dates import anchor_date
    from pipeline.jsonl import JsonlArticle, read_jsonl_articles

    ((name, data),) = _read_inputs([source])
    items = list(read_jsonl_articles(data, default_lang=lang, default_published=published))
    articles = {i: item for i, item in enumerate(items) if isinstance(item, JsonlArticle)}
    # Grouped by requested language so each model is loaded once and runs through nlp.pipe.
    results: dict[int, dict] = {}
    for code in dict.fromkeys(a.lang for a in articles.values()):
        group = [i for i, a in articles.items() if a.lang == code]
        texts = [articles[i].text for i in group]
        anchors = [anchor_date(articles[i].text, articles[i].published) for i in group]
        for i, ex in zip(group, extract_texts(texts, lang=code, published=anchors), strict=True):
            results[i] = ex.to_json()
    for i, item in enumerate(items):  # input order; a bad line: one warning, and an error object for its id
        if isinstance(item, JsonlArticle):
            _emit({"id": item.id, **results[i]})
            continue
        sys.stderr.write(f"pipeline: warning: {name} line {item.line}: {item.message}\n")
        if item.id is not None:
            _emit({"id": item.id, "error": item.message})
    return EXIT_OK


def cmd_db(args: argparse.Namespace) -> int:
    from pipeline import db
    from pipeline.config import get_settings

    if args.db_command == "migrate":
        with db.connect() as conn:
            applied = db.migrate(conn)
        print(f"applied {len(applied)} migration(s)" + (f": {', '.join(applied)}" if applied else ""))
    elif args.db_command == "url":
        print(db.database_url())
    elif args.db_command == "stop":
        settings = get_settings()
        stopped = db.stop_embedded(settings.data_dir)
        print("embedded PostgreSQL stopped" if stopped else "embedded PostgreSQL was not running")
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from pipeline.runner import run_once

    summary = run_once(feeds=args.feed or None, run_id=args.run_id)
    if summary.nothing_read:
        return _fail("no feed could be read (reasons above)")
    return _checks_exit(summary.checks)


def cmd_check(args: argparse.Namespace) -> int:
    from pipeline import db
    from pipeline.quality import check_batch, latest_batch

    url = db.database_url()
    with db.connect(url) as conn:
        if args.all:
            batches = [r[0] for r in conn.execute("SELECT id FROM ingest_batches ORDER BY id")]
        elif args.batch is not None:
            batches = [args.batch]
        else:
            latest = latest_batch(conn)
            batches = [latest] if latest is not None else []
    if not batches:
        raise UsageError("no ingestion batch to check yet; run `pipeline run` first")
    failed = False
    for batch in batches:
        for result in check_batch(url, batch):
            _emit(result.to_json())
            failed |= result.severity == "error" and not result.success
    from pipeline.views import refresh_speaker_statements

    with db.connect(url) as conn:  # the verdicts may publish or withdraw statements
        refresh_speaker_statements(conn)
    return EXIT_FAILED_CHECK if failed else EXIT_OK


def cmd_summary(args: argparse.Namespace) -> int:
    from rich.console import Console

    from pipeline import db
    from pipeline.report import print_summary

    with db.connect() as conn:
        print_summary(conn, args.document, Console(width=max(Console().width, 140)))
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from rich.console import Console

    from pipeline import db
    from pipeline.ops import print_status

    with db.connect() as conn:
        failing = print_status(conn, Console(width=max(Console().width, 120)))
    return EXIT_FAILED_CHECK if failing else EXIT_OK


def _checks_exit(results: list) -> int:
    return EXIT_FAILED_CHECK if any(r.severity == "error" and not r.success for r in results) else EXIT_OK


def cmd_reextract(args: argparse.Namespace) -> int:
    from rich.console import Console

    from pipeline.ops import reextract

    return _checks_exit(reextract(Console(stderr=True)))


def cmd_backfill(args: argparse.Namespace) -> int:
    from rich.console import Console

    from pipeline.ops import backfill

    if args.end < args.start:
        raise UsageError(f"--to {args.end} is before --from {args.start}")
    return _checks_exit(backfill(args.start, args.end, Console(stderr=True)))


def cmd_prune(args: argparse.Namespace) -> int:
    from pipeline import db
    from pipeline.config import get_settings
    from pipeline.load import prune_raw_payloads

    days = args.days if args.days is not None else get_settings().raw_retention_days
    if days <= 0:
        raise UsageError("retention must be at least 1 day (PIPELINE_RAW_RETENTION_DAYS=0 keeps everything)")
    with db.connect() as conn:
        fetches, documents = prune_raw_payloads(conn, days)
    print(f"forgot raw payloads older than {days} days: {fetches} fetches, {documents} documents")
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from pipeline.evaluate import main_evaluate

    rest = args.rest[1:] if args.rest[:1] == ["--"] else args.rest
    return main_evaluate(rest)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pipeline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="parse feed files (RSS/Atom, …) into one JSON item per line")
    p.add_argument("files", nargs="+", metavar="FILE", help="feed files, or - for stdin")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("extract", help="extract statements, figures and events from article bodies")
    p.add_argument("files", nargs="*", metavar="FILE", help="UTF-8 text files, or - for stdin")
    p.add_argument("--lang", choices=("auto", "fr", "en"), default="auto")
    p.add_argument("--published", type=_iso_date, help="publication date anchoring relative dates")
    p.add_argument("--jsonl", metavar="FILE|-",
                   help='articles as JSON lines {"id", "text", "published"?: YYYY-MM-DD, "lang"?: fr|en}, '
                        "each printed back with its id (one process, each article with its own date)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("db", help="database management")
    p.add_argument("db_command", choices=("migrate", "url", "stop"))
    p.set_defaults(func=cmd_db)

    p = sub.add_parser("run", help="fetch → parse → store → extract → load → check, once")
    p.add_argument("--feed", action="append", metavar="URL|PATH", help="feed to ingest (repeatable)")
    p.add_argument("--run-id", default=None, help="identifier of this run (rerunning one changes nothing)")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("check", help="run the data-quality checks on an ingestion batch")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--batch", type=int, help="batch id (default: the latest)")
    group.add_argument("--all", action="store_true", help="every batch")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("status", help="last fetch per source, row counts, failing checks (exit 1 on error rules)")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("reextract", help="extract stored documents again with the current extractor version")
    p.set_defaults(func=cmd_reextract)

    p = sub.add_parser("backfill", help="reprocess documents published in a date range (extract + check)")
    p.add_argument("--from", dest="start", type=_iso_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=_iso_date, required=True, metavar="YYYY-MM-DD")
    p.set_defaults(func=cmd_backfill)

    p = sub.add_parser("prune", help="forget raw payloads older than the retention period")
    p.add_argument("--days", type=int, help="default: PIPELINE_RAW_RETENTION_DAYS (90)")
    p.set_defaults(func=cmd_prune)

    p = sub.add_parser("evaluate", add_help=False,
                       help="score extraction against gold: DIR|TXT… or --realdev [DIR] (real articles, score.py rules)")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("summary", help="print what landed: counts, a document's facts, the quality verdict")
    p.add_argument("--document", metavar="GUID", help="also show this item's statements and figures")
    p.set_defaults(func=cmd_summary)
    return parser


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["evaluate"]:  # it owns its arguments, --help included
        argv = ["evaluate", "--", *argv[1:]]
    args = build_parser().parse_args(argv)
    from pipeline import logs

    logs.configure()
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except Exception as exc:  # the CLI edge: one line, never a traceback
        from pipeline.db import DatabaseError
        from pipeline.quality import QualityError

        if os.environ.get("PIPELINE_DEBUG") == "1":
            raise
        if isinstance(exc, UsageError | DatabaseError | QualityError):
            return _fail(str(exc))
        import psycopg

        if isinstance(exc, psycopg.errors.UndefinedTable):
            return _fail("the database is not set up (no pipeline tables): run `pipeline db migrate` "
                         "(`pipeline run` also applies the migrations)")
        if isinstance(exc, psycopg.errors.ProgramLimitExceeded):  # an OperationalError no rerun will fix
            return _fail(f"PostgreSQL refused a value: {_one_line(exc)} (PIPELINE_DEBUG=1 shows the traceback)")
        if isinstance(exc, psycopg.OperationalError):
            return _fail(f"lost the connection to PostgreSQL ({_one_line(exc)}); every step is idempotent: "
                         "rerun the same command (same --run-id) to resume")
        return _fail(f"unexpected {type(exc).__name__}: {_one_line(exc)} (PIPELINE_DEBUG=1 shows the traceback)")
