"""Data-quality stage: real PostgreSQL (a throwaway dq_test_<pid> database), real Great Expectations runs."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

import psycopg
import pytest
from psycopg import sql

from pipeline import db
from pipeline.quality import (
    RULES,
    SUITES,
    QualityError,
    build_docs,
    check_batch,
    docs_index,
    latest_batch,
    queries,
)
from pipeline.quality.gx_suite import batch_query, raised_exception
from pipeline.quality.rules import KNOWN_UNITS, RULES_BY_NAME, SIGNED_UNITS
from pipeline.quality.tables import LEAK_PATTERNS

RULE_NAMES = [rule.name for rule in RULES]
_counter = itertools.count(1)


def _with_database(url: str, name: str) -> str:
    info = psycopg.conninfo.conninfo_to_dict(url)
    info["dbname"] = name
    return psycopg.conninfo.make_conninfo(**info)


def _as_uri(conninfo: str) -> str:
    info = psycopg.conninfo.conninfo_to_dict(conninfo)
    user, host, name = info.get("user", "postgres"), info.get("host", ""), info["dbname"]
    if info.get("password"):  # the embedded server asks for one
        user = f"{user}:{quote(str(info['password']), safe='')}"
    if host.startswith("/"):
        return f"postgresql://{user}@/{name}?host={host}"
    return f"postgresql://{user}@{host}:{info.get('port', 5432)}/{name}"


@pytest.fixture(scope="session")
def dq_url() -> Iterator[str]:
    server = _with_database(db.database_url(), "postgres")  # the maintenance database, never dropped
    name = f"dq_test_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = _with_database(server, name)
    try:
        with db.connect(url) as conn:
            db.migrate(conn)
        yield url
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


BODY = "BRUXELLES (Belga) – " + "Un texte écrit pour les tests de qualité des chiffres. " * 20
PUBLISHED = "2020-01-07T10:31:00+00:00"


@dataclass
class Batch:
    """One ingestion batch with one document and its extraction, to which facts are added."""

    conn: psycopg.Connection
    id: int = 0
    document_id: int = 0
    body_length: int = 0
    source_id: int = 0
    figure_ids: list[int] = field(default_factory=list)
    _next_start: int = 0

    @classmethod
    def create(cls, conn: psycopg.Connection, body: str = BODY, *, source_id: int | None = None,
               guid: str | None = None, version: int = 1, published: str | None = None,
               content_hash: str | None = None) -> Batch:
        n = next(_counter)
        (batch_id,) = conn.execute(
            "INSERT INTO ingest_batches (run_id, extractor_version) VALUES (%s, 'test') RETURNING id",
            (f"test__{os.getpid()}_{n}",),
        ).fetchone()
        batch = cls(conn, batch_id)
        batch.source_id = source_id or conn.execute(
            "INSERT INTO sources (name, location) VALUES (%s, 'tests') RETURNING id", (f"src{os.getpid()}_{n}",)
        ).fetchone()[0]
        batch.document_id, batch.body_length = batch.document(
            body, guid=guid or f"guid-{n}", version=version, published=published,
            content_hash=content_hash or hashlib.sha256(f"{n}{body}".encode()).hexdigest())
        return batch

    def document(self, body: str, *, guid: str, version: int = 1, published: str | None = None,
                 content_hash: str, source_id: int | None = None) -> tuple[int, int]:
        """Store one more extracted document in this batch; return its id and body length."""
        document_id, body_length = self.conn.execute(
            "INSERT INTO documents (source_id, guid, version, source_format, title, body, content_hash,"
            " batch_id, published_at) VALUES (%s, %s, %s, 'rss', 'titre', %s, %s, %s, %s)"
            " RETURNING id, body_length",
            (source_id or self.source_id, guid, version, body, content_hash, self.id, published),
        ).fetchone()
        self.conn.execute(
            "INSERT INTO extractions (document_id, extractor_version, batch_id, lang) VALUES (%s, 'test', %s, 'fr')",
            (document_id, self.id),
        )
        self.conn.commit()
        return document_id, body_length

    def _span(self, text: str) -> tuple[int, int]:
        start, end = self._next_start, self._next_start + len(text)
        self._next_start = end + 1
        return start, end

    def figure(self, text: str, value: float | None, low: float | None, high: float | None,
               unit: str | None = "persons", qualifier: str = "exact", part_of: int | None = None,
               span: tuple[int, int] | None = None, commit: bool = True, place: str | None = None) -> int:
        start, end = span or self._span(text)
        (figure_id,) = self.conn.execute(
            "INSERT INTO figures (document_id, extractor_version, body_length, batch_id, text, value, low, high,"
            " unit, qualifier, part_of_id, part_of_text, start_char, end_char, place)"
            " VALUES (%s, 'test', %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
            (self.document_id, self.body_length, self.id, text, value, low, high, unit, qualifier,
             part_of, None if part_of is None else "total", start, end, place),
        ).fetchone()
        if commit:
            self.conn.commit()
        self.figure_ids.append(figure_id)
        return figure_id

    def statement(self, speaker: str | None, speaker_type: str = "person") -> int:
        speaker_id = None
        if speaker is not None:
            key = "".join(c for c in speaker.lower() if c in "abcdefghijklmnopqrstuvwxyz0123456789 ") or "x"
            (speaker_id,) = self.conn.execute(
                "INSERT INTO speakers (key, name, speaker_type) VALUES (%s, %s, %s)"
                " ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name RETURNING id",
                (key, speaker, speaker_type),
            ).fetchone()
        start, end = self._span("quote")
        (statement_id,) = self.conn.execute(
            "INSERT INTO statements (document_id, extractor_version, body_length, batch_id, speaker,"
            " speaker_type, speaker_id, quote, kind, start_char, end_char)"
            " VALUES (%s, 'test', %s, %s, %s, %s, %s, 'quote', 'direct', %s, %s) RETURNING id",
            (self.document_id, self.body_length, self.id, speaker, speaker_type, speaker_id, start, end),
        ).fetchone()
        self.conn.commit()
        return statement_id

    def event(self, event_date: str | None, type_: str = "announce_decision", trigger: str = "annonce",
              span: tuple[int, int] | None = None, planned: bool = False) -> int:
        start, end = span or self._span(trigger)
        (event_id,) = self.conn.execute(
            "INSERT INTO events (document_id, extractor_version, body_length, batch_id, type, trigger,"
            " event_date, start_char, end_char, planned) VALUES (%s, 'test', %s, %s, %s, %s, %s, %s, %s, %s)"
            " RETURNING id",
            (self.document_id, self.body_length, self.id, type_, trigger, event_date, start, end, planned),
        ).fetchone()
        self.conn.commit()
        return event_id

    def seed_breakdown(self) -> int:
        """The seed's shape: "plus de 900" soldiers, of which 300, environ 450, 90 and 50."""
        total = self.figure("plus de 900", 900, 900, None, "soldiers", "more_than")
        self.figure("300", 300, 300, 300, "soldiers", "exact", part_of=total)
        self.figure("environ 450", 450, 405, 495, "soldiers", "approx", part_of=total)
        self.figure("90", 90, 90, 90, "soldiers", "exact", part_of=total)
        self.figure("50", 50, 50, 50, "soldiers", "exact", part_of=total)
        return total

    def clean_figures(self) -> None:
        self.seed_breakdown()
        self.figure("12,5%", 12.5, 12.5, 12.5, "percent")
        self.figure("quelques dizaines", None, 20, 90, None, "vague")
        self.figure("moins de 40", 40, None, 40, "injured", "less_than")
        self.figure("1,5 milliard", 1.5e9, 1.5e9, 1.5e9, "EUR")

    def clean_facts(self) -> None:
        """Figures as above, attributed statements and events dated before publication."""
        self.clean_figures()
        self.statement("Lorenzo Guerini")
        self.statement("ministère de la Défense", "organisation")
        self.statement(None, "unattributed")
        self.event("2020-01-07")
        self.event(None)


@pytest.fixture
def dq_conn(dq_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(dq_url) as conn:
        yield conn


def stored(conn: psycopg.Connection, batch_id: int) -> tuple[list[tuple], dict[str, tuple]]:
    conn.commit()  # see the other connection's committed rows
    runs = conn.execute(
        "SELECT id, suite, success FROM dq_runs WHERE batch_id = %s ORDER BY id", (batch_id,)
    ).fetchall()
    results = conn.execute(
        "SELECT r.rule, r.severity, r.success, r.observed, r.unexpected FROM dq_results r"
        " JOIN dq_runs d ON d.id = r.run_id WHERE d.batch_id = %s ORDER BY r.rule", (batch_id,)
    ).fetchall()
    return runs, {row[0]: row[1:] for row in results}


def test_rules_table_names_each_rule_once_with_a_severity_a_suite_and_a_description():
    assert len(RULE_NAMES) == len(set(RULE_NAMES)) == 13
    assert all(rule.severity in ("error", "warn") and rule.description and rule.suite in SUITES
               and (rule.checks or rule.observed_query) for rule in RULES)
    assert SIGNED_UNITS <= KNOWN_UNITS


def test_clean_batch_passes_every_rule_and_stores_one_run_per_suite_with_one_result_per_rule(
        dq_url, dq_conn, tmp_path):
    batch = Batch.create(dq_conn, published=PUBLISHED)
    batch.clean_facts()

    results = check_batch(dq_url, batch.id, output_dir=tmp_path)

    assert [r.rule for r in results] == RULE_NAMES
    assert all(r.success and r.unexpected == [] for r in results), [r.to_json() for r in results if not r.success]
    assert all(r.observed == 0 for r in results if RULES_BY_NAME[r.rule].observed_query is None)
    coverage = next(r for r in results if r.rule == "statements_attribution_coverage")
    (source,) = dq_conn.execute("SELECT name FROM sources WHERE id = %s", (batch.source_id,)).fetchone()
    assert coverage.observed == [{"source": source, "day": "2020-01-07", "statements": 3, "attributed": 2,
                                  "coverage": 0.667}]
    runs, rows = stored(dq_conn, batch.id)
    assert [(suite, success) for _, suite, success in runs] == [(suite, True) for suite in SUITES]
    assert sorted(rows) == sorted(RULE_NAMES)
    assert all(success for _, success, _, _ in rows.values())
    status = dq_conn.execute("SELECT checked, publishable, warnings FROM batch_status WHERE batch_id = %s",
                             (batch.id,)).fetchone()
    assert status == (True, True, [])


def test_result_json_has_the_contract_shape(dq_url, dq_conn):
    batch = Batch.create(dq_conn)
    batch.clean_figures()

    line = json.dumps(check_batch(_as_uri(dq_url), batch.id, build_docs=False)[0].to_json())

    payload = json.loads(line)
    assert {"batch", "rule", "severity", "success", "observed", "unexpected"} <= payload.keys()
    assert payload["batch"] == batch.id and payload["rule"] == "figures_interval_ordered"


def _break_interval_order(batch: Batch) -> list[int]:
    below = batch.figure("5", 5, 6, 8)
    above = batch.figure("10", 10, 6, 8)
    batch.figure("7", 7, 6, 8)
    return [below, above]


def _break_non_negative_counts(batch: Batch) -> list[int]:
    negative = batch.figure("-5", -5, -5, -5, "persons")
    no_unit = batch.figure("-2", -2, -2, -2, None)
    batch.figure("-3 milliards", -3e9, -3e9, -3e9, "EUR")  # a deficit: signed unit, allowed
    return [negative, no_unit]


def _break_percent_range(batch: Batch) -> list[int]:
    over = batch.figure("150%", 150, 150, 150, "percent")
    batch.figure("40%", 40, 40, 40, "percent")
    batch.figure("150", 150, 150, 150, "persons")  # not a percentage
    return [over]


def _break_unit_known(batch: Batch) -> list[int]:
    odd = batch.figure("5", 5, 5, 5, "bananes")
    batch.figure("6", 6, 6, 6, None)  # no unit noun: accepted
    batch.figure("7", 7, 7, 7, "soldiers")
    return [odd]


def _break_breakdown(batch: Batch) -> list[int]:
    total = batch.figure("environ 100", 100, 90, 110, "soldiers", "approx")
    batch.figure("80", 80, 80, 80, "soldiers", part_of=total)
    batch.figure("60", 60, 60, 60, "soldiers", part_of=total)
    partial = batch.figure("1.000", 1000, 1000, 1000, "soldiers")  # a partial breakdown is fine
    batch.figure("dont 300", 300, 300, 300, "soldiers", part_of=partial)
    batch.seed_breakdown()
    return [total]


def _break_span(batch: Batch) -> list[int]:
    # The database guards spans with a CHECK: lift it for one insert (NOT VALID keeps it for new rows).
    conn = batch.conn
    (name, definition) = conn.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'figures'::regclass"
        " AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%%end_char <= body_length%%'"
    ).fetchone()
    with conn.transaction():
        conn.execute("LOCK TABLE figures IN ACCESS EXCLUSIVE MODE")
        conn.execute(sql.SQL("ALTER TABLE figures DROP CONSTRAINT {}").format(sql.Identifier(name)))
        outside = batch.figure("12", 12, 12, 12, span=(batch.body_length - 1, batch.body_length + 1),
                               commit=False)
        conn.execute(sql.SQL("ALTER TABLE figures ADD CONSTRAINT {} " + definition.replace("%", "%%")
                             + " NOT VALID").format(sql.Identifier(name)))
    batch.figure("13", 13, 13, 13, span=(0, 2))
    return [outside]


def _break_leakage(batch: Batch) -> list[int]:
    leaks = [batch.figure("2020", 2020, 2020, 2020, None), batch.figure("12/03/2020", 12, 12, 12, None),
             batch.figure("10h30", 10, 10, 10, None), batch.figure("Covid-19", 19, 19, 19, None),
             batch.figure("G7", 7, 7, 7, "countries"), batch.figure("1er", 1, 1, 1, None)]
    batch.figure("2000", 2000, 2000, 2000, "soldiers")  # a count that looks like a year: it has a unit
    batch.figure("1.500", 1500, 1500, 1500, "persons")
    batch.figure("entre 10 et 15", None, 10, 15, "persons", "range")
    return leaks


def _break_cross_source_conflict(batch: Batch) -> list[int]:
    place = f"Erbil {batch.id}"
    other = Batch.create(batch.conn, published="2020-01-06T08:00:00+00:00")
    other.figure("environ 100", 100, 90, 110, "soldiers", "approx", place=place)
    old = Batch.create(batch.conn, published="2019-12-20T08:00:00+00:00")  # outside the ±2-day window
    old.figure("5", 5, 5, 5, "soldiers", place=place)
    clash = batch.figure("300", 300, 300, 300, "soldiers", place=place.upper())
    batch.figure("plus de 100", 100, 100, None, "soldiers", "more_than", place=place)  # overlaps 90-110
    batch.figure("10", 10, 10, 10, "deaths", place=place)  # another unit
    other.figure("2%", 2, 2, 2, "percent", place=place)
    batch.figure("5%", 5, 5, 5, "percent", place=place)  # a ratio: likely another indicator, not compared
    return [clash]


def _break_attribution(batch: Batch) -> list[int]:
    pronoun = batch.statement("il")
    blank = batch.statement(" ")
    batch.statement("Lorenzo Guerini")
    batch.statement(None, "unattributed")
    return [pronoun, blank]


def _break_attribution_coverage(batch: Batch) -> list[int]:
    batch.statement("Lorenzo Guerini")
    return [batch.statement(None, "unattributed") for _ in range(3)]


def _break_event_dates(batch: Batch) -> list[int]:
    batch.event("2020-01-08")  # the next day: tolerated (time zones ahead of UTC)
    batch.event("2020-01-05")
    batch.event(None)
    return [batch.event("2020-01-09")]


def _break_duplicates(batch: Batch) -> list[int]:
    (content_hash,) = batch.conn.execute(
        "SELECT content_hash FROM documents WHERE id = %s", (batch.document_id,)).fetchone()
    other = Batch.create(batch.conn, content_hash=content_hash)  # the same text from another feed, not linked
    batch.document(BODY, guid=f"linked-{batch.id}", content_hash=content_hash, source_id=other.source_id)
    batch.conn.execute("UPDATE documents SET duplicate_of = %s WHERE guid = %s",
                       (other.document_id, f"linked-{batch.id}"))
    batch.conn.commit()
    return [batch.document_id]


BREAKERS = {
    "figures_interval_ordered": _break_interval_order,
    "figures_counts_non_negative": _break_non_negative_counts,
    "figures_percent_in_range": _break_percent_range,
    "figures_unit_known": _break_unit_known,
    "figures_breakdown_consistent": _break_breakdown,
    "figures_span_valid": _break_span,
    "figures_no_leakage": _break_leakage,
    "figures_cross_source_conflict": _break_cross_source_conflict,
    "statements_attributed": _break_attribution,
    "statements_attribution_coverage": _break_attribution_coverage,
    "events_not_after_publication": _break_event_dates,
    "documents_no_duplicates": _break_duplicates,
}


@pytest.mark.parametrize("rule", sorted(BREAKERS))
def test_batch_crafted_to_break_a_rule_stores_exactly_that_failure(rule, dq_url, dq_conn):
    batch = Batch.create(dq_conn, published=PUBLISHED)
    offending = BREAKERS[rule](batch)

    results = {r.rule: r for r in check_batch(dq_url, batch.id, build_docs=False)}

    assert not results[rule].success
    assert results[rule].unexpected == sorted(offending)
    if RULES_BY_NAME[rule].observed_query is None:
        assert results[rule].observed == len(offending)
    assert all(r.success for name, r in results.items() if name != rule), [
        r.to_json() for name, r in results.items() if name != rule and not r.success
    ]
    runs, rows = stored(dq_conn, batch.id)
    severity = RULES_BY_NAME[rule].severity
    assert rows[rule][:2] == (severity, False)
    assert rows[rule][3] == sorted(offending)
    suite_runs = {suite: success for _, suite, success in runs}
    assert suite_runs.pop(RULES_BY_NAME[rule].suite) is (severity != "error")  # only an error rule fails a run
    assert all(suite_runs.values())


def test_breakdown_failure_names_the_total_and_reports_its_parts(dq_url, dq_conn):
    batch = Batch.create(dq_conn)
    total = batch.figure("environ 100", 100, 90, 110, "soldiers", "approx")
    parts = [batch.figure("80", 80, 80, 80, "soldiers", part_of=total),
             batch.figure("60", 60, 60, 60, "soldiers", part_of=total)]

    (result,) = [r for r in check_batch(dq_url, batch.id, build_docs=False)
                 if r.rule == "figures_breakdown_consistent"]

    assert result.unexpected == [total]
    assert result.details == [{"id": total, "total_high": 110.0, "parts_low_sum": 140.0, "part_ids": parts}]


def test_attribution_coverage_observes_every_source_day_of_the_batch(dq_url, dq_conn):
    batch = Batch.create(dq_conn, published=PUBLISHED)
    _break_attribution_coverage(batch)
    batch.document(BODY, guid=f"next-day-{batch.id}", published="2020-01-08T09:00:00+00:00",
                   content_hash=hashlib.sha256(f"next-day-{batch.id}".encode()).hexdigest())

    (result,) = [r for r in check_batch(dq_url, batch.id, build_docs=False)
                 if r.rule == "statements_attribution_coverage"]

    (source,) = dq_conn.execute("SELECT name FROM sources WHERE id = %s", (batch.source_id,)).fetchone()
    assert result.observed == [{"source": source, "day": "2020-01-07", "statements": 4, "attributed": 1,
                                "coverage": 0.25}]
    assert [row["coverage"] for row in result.details] == [0.25] * 3


def test_leaking_figures_are_named_with_what_they_look_like(dq_url, dq_conn):
    batch = Batch.create(dq_conn)
    year, date_, time_, covid, g7, first = _break_leakage(batch)

    (result,) = [r for r in check_batch(dq_url, batch.id, build_docs=False) if r.rule == "figures_no_leakage"]

    assert {row["id"]: row["looks_like"] for row in result.details} == {
        year: ["year"], date_: ["date"], time_: ["time"], covid: ["name"], g7: ["name"], first: ["ordinal"]}


LEAKS = ["2020", "12/03/2020", "7.1.20", "2020-03-12", "10h30", "9 h 05", "10:30", "1er", "3e", "21st",
         "Covid-19", "F-16", "G7", "MH17", "02 123 45 67", "+32 2 123 45 67", "01 23 45 67 89"]
NOT_LEAKS = ["2000 000", "1.500", "12,5%", "environ 450", "entre 10 et 15", "1,5 milliard", "$2.5 billion",
             "10-15", "1 234 567", "10 000 000", "0,5", "quelques dizaines", "12.500.000", "5.000 à 10.000", "2/3"]


def test_leak_patterns_catch_dates_times_ordinals_names_and_phones_but_not_quantities(dq_conn):
    flagged = {text for (text,) in dq_conn.execute(
        "SELECT t FROM unnest(%s::text[]) AS t WHERE EXISTS"
        " (SELECT 1 FROM unnest(%s::text[]) AS p WHERE t ~ p)",
        (LEAKS + NOT_LEAKS, [p.regex for p in LEAK_PATTERNS]))}

    assert flagged == set(LEAKS)


def test_a_revision_across_versions_of_one_item_is_not_a_conflict_while_two_sources_disagreeing_is(
        dq_url, dq_conn):
    place = f"Kirkouk {next(_counter)}"
    first = Batch.create(dq_conn, guid=f"item-{place}", published=PUBLISHED)
    old = first.figure("100", 100, 100, 100, "deaths", place=place)
    first.figure("3", 3, 3, 3, "injured", place=place)  # unchanged in the new version
    second = Batch.create(dq_conn, source_id=first.source_id, guid=f"item-{place}", version=2,
                          published="2020-01-07T15:00:00+00:00")
    new = second.figure("environ 120", 120, 108, 132, "deaths", "approx", place=place)
    second.figure("3", 3, 3, 3, "injured", place=place)

    results = {r.rule: r for r in check_batch(dq_url, second.id, build_docs=False)}

    assert results["figures_cross_source_conflict"].success
    assert results["figures_revised"].success
    assert [(row["old_figure_id"], row["new_figure_id"], row["old_version"], row["new_version"])
            for row in results["figures_revised"].observed] == [(old, new, 1, 2)]
    assert dq_conn.execute("SELECT old_figure_id, new_figure_id FROM figure_revisions WHERE batch_id = %s",
                           (second.id,)).fetchall() == [(old, new)]

    rival = Batch.create(dq_conn, published="2020-01-08T07:00:00+00:00")
    clash = rival.figure("300", 300, 300, 300, "deaths", place=place)

    (conflict,) = [r for r in check_batch(dq_url, rival.id, build_docs=False)
                   if r.rule == "figures_cross_source_conflict"]

    (second_source,) = dq_conn.execute("SELECT name FROM sources WHERE id = %s", (first.source_id,)).fetchone()
    assert not conflict.success and conflict.unexpected == [clash]
    # the item's superseded first version is not a side of the conflict; its current version is
    assert conflict.details == [{
        "id": clash, "low": 300.0, "high": 300.0, "unit": "deaths", "place": place, "conflicts": 1,
        "other_figure_ids": [new], "other_document_ids": [second.document_id], "other_sources": [second_source],
        "other_intervals": ["108 - 132"],
    }]
    stored_conflict = stored(dq_conn, rival.id)[1]["figures_cross_source_conflict"]
    assert stored_conflict == ("warn", False, 1, [clash])


def test_batch_status_and_quarantine_follow_the_severity_policy(dq_url, dq_conn):
    unchecked = Batch.create(dq_conn)
    warned = Batch.create(dq_conn, published=PUBLISHED)
    _break_unit_known(warned)
    blocked = Batch.create(dq_conn, published=PUBLISHED)
    (late,) = _break_event_dates(blocked)
    figure = blocked.figure("5", 5, 5, 5, "bananes")
    statement = blocked.statement("Lorenzo Guerini")

    check_batch(dq_url, warned.id, build_docs=False)
    check_batch(dq_url, blocked.id, build_docs=False)

    status = dict((row[0], row[1:]) for row in dq_conn.execute(
        "SELECT batch_id, checked, publishable, warnings, errors FROM batch_status WHERE batch_id = ANY(%s)",
        ([unchecked.id, warned.id, blocked.id],)))
    assert status == {
        unchecked.id: (False, False, [], []),
        warned.id: (True, True, ["figures_unit_known"], []),
        blocked.id: (True, False, ["figures_unit_known"], ["events_not_after_publication"]),
    }
    quarantined = dq_conn.execute(
        "SELECT fact, fact_id, failing_rules, offending_rules FROM quarantine WHERE batch_id = %s"
        " ORDER BY fact, fact_id", (blocked.id,)).fetchall()
    events = [row for row in quarantined if row[0] == "event"]
    assert len(events) == 4
    assert ("event", late, ["events_not_after_publication"], ["events_not_after_publication"]) in events
    assert ("figure", figure, ["events_not_after_publication"], []) in quarantined
    assert ("statement", statement, ["events_not_after_publication"], []) in quarantined
    assert not dq_conn.execute("SELECT 1 FROM quarantine WHERE batch_id = ANY(%s)",
                               ([unchecked.id, warned.id],)).fetchall()


def test_events_told_as_planned_may_be_dated_after_publication(dq_url, dq_conn):
    body = ("BRUXELLES 7 janvier (Belga) – Les syndicats ont confirmé une manifestation nationale prévue le "
            "22 janvier. Les cheminots manifesteront aussi le 30 janvier. La grève a commencé le 22 janvier. "
            "Talks will resume on January 20, officials said.")
    batch = Batch.create(dq_conn, body=body, published=PUBLISHED)

    def at(word: str) -> tuple[int, int]:
        return body.index(word), body.index(word) + len(word)

    batch.event("2020-01-22", "protest", "manifestation", at("manifestation"), planned=True)
    batch.event("2020-01-30", "protest", "manifesteront", at("manifesteront"), planned=True)
    batch.event("2020-01-20", "consult", "Talks", at("Talks"), planned=True)
    strike = batch.event("2020-01-22", "strike", "grève", at("grève"))  # told as past: not planned

    (result,) = [r for r in check_batch(dq_url, batch.id, build_docs=False)
                 if r.rule == "events_not_after_publication"]

    assert result.unexpected == [strike]


def test_rerun_replaces_the_verdict_without_doubles(dq_url, dq_conn):
    batch = Batch.create(dq_conn)
    (bad,) = _break_unit_known(batch)

    check_batch(dq_url, batch.id, build_docs=False)
    first_runs, first_rows = stored(dq_conn, batch.id)
    check_batch(dq_url, batch.id, build_docs=False)
    second_runs, second_rows = stored(dq_conn, batch.id)

    assert len(first_runs) == len(SUITES) and second_runs == first_runs
    assert second_rows == first_rows and len(second_rows) == len(RULE_NAMES)
    count = dq_conn.execute(
        "SELECT count(*) FROM dq_results WHERE run_id = ANY(%s)", ([run[0] for run in first_runs],)
    ).fetchone()[0]
    assert count == len(RULE_NAMES)

    dq_conn.execute("UPDATE figures SET unit = 'persons' WHERE id = %s", (bad,))
    dq_conn.commit()
    check_batch(dq_url, batch.id, build_docs=False)
    fixed_runs, fixed_rows = stored(dq_conn, batch.id)
    assert fixed_runs == first_runs
    assert fixed_rows["figures_unit_known"] == ("warn", True, 0, [])


def test_bad_rows_in_another_batch_do_not_change_a_batch_verdict(dq_url, dq_conn):
    good = Batch.create(dq_conn)
    good.clean_figures()
    bad = Batch.create(dq_conn)
    offending = _break_interval_order(bad) + _break_breakdown(bad)

    good_results = check_batch(dq_url, good.id, build_docs=False)
    bad_results = check_batch(dq_url, bad.id, build_docs=False)

    assert all(r.success for r in good_results)
    assert {i for r in bad_results for i in r.unexpected} == set(offending)
    assert stored(dq_conn, good.id)[0][0][1:] == ("figures", True)
    assert stored(dq_conn, bad.id)[0][0][1:] == ("figures", False)


def test_an_earlier_batch_broken_breakdown_does_not_fail_a_later_batch(dq_url, dq_conn):
    old = Batch.create(dq_conn)
    total = old.figure("environ 100", 100, 90, 110, "soldiers", "approx")
    old.figure("80", 80, 80, 80, "soldiers", part_of=total)
    old.figure("60", 60, 60, 60, "soldiers", part_of=total)
    new = Batch.create(dq_conn)
    new.clean_figures()

    assert all(r.success for r in check_batch(dq_url, new.id, build_docs=False))


def test_batch_without_figures_passes(dq_url, dq_conn):
    batch = Batch.create(dq_conn)

    assert all(r.success and r.observed in (0, []) for r in check_batch(dq_url, batch.id, build_docs=False))


def test_data_docs_html_exists_after_a_run(dq_url, dq_conn, tmp_path):
    batch = Batch.create(dq_conn)
    _break_percent_range(batch)

    check_batch(dq_url, batch.id, output_dir=tmp_path)

    index = tmp_path / "data_docs" / "local_site" / "index.html"
    assert index.is_file()
    pages = list((tmp_path / "data_docs" / "local_site" / "validations").rglob("*.html"))
    assert any(f"figures_batch_{batch.id}" in page.name for page in pages)
    assert "figures_percent_in_range" in "".join(page.read_text() for page in pages)

    shutil.rmtree(tmp_path / "data_docs")
    rebuilt = build_docs(tmp_path)

    assert rebuilt == docs_index(tmp_path) == index and index.is_file()
    assert any(f"figures_batch_{batch.id}" in page.name
               for page in (tmp_path / "data_docs" / "local_site" / "validations").rglob("*.html"))
    suites = {page.stem for page in (tmp_path / "data_docs" / "local_site" / "expectations").rglob("*.html")}
    assert set(SUITES) <= suites


def test_unknown_batch_is_a_quality_error(dq_url):
    with pytest.raises(QualityError, match="no ingestion batch 987654"):
        check_batch(dq_url, 987654, build_docs=False)


def test_an_error_gx_caught_in_a_query_metric_is_reported_not_taken_for_a_verdict():
    flat = {"raised_exception": True, "exception_message": "boom\nmore"}
    keyed = {"MetricConfigurationID(unexpected_rows_query.table)": {
        "raised_exception": True, "exception_message": "(psycopg.errors.UndefinedColumn) column e.x does not exist"}}

    assert raised_exception(flat) == "boom"
    assert raised_exception(keyed) == "(psycopg.errors.UndefinedColumn) column e.x does not exist"
    assert raised_exception({"raised_exception": False}) is None and raised_exception(None) is None


def test_unreachable_database_is_a_quality_error():
    with pytest.raises(QualityError):
        check_batch("postgresql://postgres@127.0.0.1:1/nowhere", 1, build_docs=False)


def test_latest_batch_is_the_newest_ingestion_batch(dq_conn):
    batch = Batch.create(dq_conn)

    assert latest_batch(dq_conn) == batch.id


def test_check_reads_only_its_batch_through_the_batch_index(dq_url, dq_conn):
    """Incremental: with 50,000 figures of another batch in the table, GX's batch query uses the index."""
    big = Batch.create(dq_conn, body="x" * 60_000)
    dq_conn.execute(
        "INSERT INTO figures (document_id, extractor_version, body_length, batch_id, text, value, low, high,"
        " unit, qualifier, start_char, end_char)"
        " SELECT %s, 'test', %s, %s, 'n', 1, 1, 1, 'persons', 'exact', g, g + 1 FROM generate_series(0, 49999) g",
        (big.document_id, big.body_length, big.id),
    )
    dq_conn.execute("ANALYZE figures")
    dq_conn.commit()
    small = Batch.create(dq_conn)
    small.clean_figures()

    plan = "\n".join(row[0] for row in dq_conn.execute("EXPLAIN " + batch_query(small.id)).fetchall())
    started = time.perf_counter()
    results = check_batch(dq_url, small.id, build_docs=False)
    seconds = time.perf_counter() - started

    assert "figures_batch_idx" in plan
    conflict_plan = "\n".join(row[0] for row in dq_conn.execute(
        "EXPLAIN " + queries.CONFLICT_QUERY.format(batch=f"({batch_query(small.id)})")).fetchall())
    assert "Seq Scan on figures" not in conflict_plan  # other batches' figures come by document, through indexes
    assert all(r.success for r in results)
    assert seconds < 20, f"checking 10 figures took {seconds:.2f} s"  # generous: CI machines are shared


def test_a_nan_value_is_reported_as_out_of_interval_and_stored(dq_url, dq_conn):
    batch = Batch.create(dq_conn)
    nan = batch.figure("n", float("nan"), 1, 2)

    results = {r.rule: r for r in check_batch(dq_url, batch.id, build_docs=False)}

    assert results["figures_interval_ordered"].unexpected == [nan]
    assert stored(dq_conn, batch.id)[1]["figures_interval_ordered"][3] == [nan]


def test_offending_rows_beyond_the_gx_id_limit_are_still_counted(dq_url, dq_conn):
    batch = Batch.create(dq_conn, body="x" * 2_000)
    dq_conn.execute(
        "INSERT INTO figures (document_id, extractor_version, body_length, batch_id, text, value, low, high,"
        " unit, qualifier, start_char, end_char)"
        " SELECT %s, 'test', %s, %s, 'n', 1, 1, 1, 'bananes', 'exact', g, g + 1 FROM generate_series(0, 249) g",
        (batch.document_id, batch.body_length, batch.id),
    )
    dq_conn.commit()

    (result,) = [r for r in check_batch(dq_url, batch.id, build_docs=False) if r.rule == "figures_unit_known"]

    assert result.observed == 250
    assert 0 < len(result.unexpected) <= 250
