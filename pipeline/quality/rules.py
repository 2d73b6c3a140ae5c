"""The data-quality rules, as data: name, severity, suite (table), description and the GX expectations.

Each rule is one or more Great Expectations expectations given by class name and keyword arguments (row
conditions in GX's own serialised form), so a reader can add a rule or a unit without touching the GX
plumbing in `pipeline.quality.gx_suite`. Custom SQL rules live in `pipeline.quality.queries`; word lists,
patterns and thresholds in `pipeline.quality.tables`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.quality import queries
from pipeline.quality.tables import KNOWN_UNITS, NON_SPEAKERS, PERCENT_UNITS, SIGNED_UNITS

# One GX expectation suite per table, validated in this order by one checkpoint; each stores its own
# dq_runs row. A rule's `unexpected` ids are rows of its suite's table.
SUITES: tuple[str, ...] = ("figures", "statements", "events", "documents")
SUITE = SUITES[0]  # the original single suite, kept for callers that name it

def _unit_in(units: frozenset[str]) -> dict:
    return {"type": "comparison", "column": {"name": "unit"}, "operator": "IN", "parameter": sorted(units)}


def _unit_null_or_not_in(units: frozenset[str]) -> dict:
    return {
        "type": "or",
        "conditions": [
            {"type": "nullity", "column": {"name": "unit"}, "is_null": True},
            {"type": "comparison", "column": {"name": "unit"}, "operator": "NOT_IN",
             "parameter": sorted(units)},
        ],
    }


@dataclass(frozen=True)
class Check:
    """One GX expectation: its class name in `great_expectations.expectations` and its arguments."""

    expectation: str
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    name: str
    severity: str  # "error" fails the batch (exit 1) and blocks its publication, "warn" publishes with a flag
    suite: str  # the table (one of SUITES) whose rows the rule judges
    description: str
    checks: tuple[Check, ...] = ()
    # Informational SQL (psycopg parameter `batch`) whose rows become `observed` instead of a count; a rule
    # with no checks is informational only and always succeeds.
    observed_query: str | None = None


def _eq(column: str, value: str) -> dict:
    return {"type": "comparison", "column": {"name": column}, "operator": "==", "parameter": value}


def _unexpected_rows(query: str) -> Check:
    return Check("UnexpectedRowsExpectation", {"unexpected_rows_query": query})


RULES: tuple[Rule, ...] = (
    Rule(
        "figures_interval_ordered", "error", "figures",
        "low <= value <= high wherever both sides are present (the database only enforces low <= high).",
        (
            Check("ExpectColumnPairValuesAToBeGreaterThanB",
                  {"column_A": "value", "column_B": "low", "or_equal": True,
                   "ignore_row_if": "either_value_is_missing"}),
            Check("ExpectColumnPairValuesAToBeGreaterThanB",
                  {"column_A": "high", "column_B": "value", "or_equal": True,
                   "ignore_row_if": "either_value_is_missing"}),
        ),
    ),
    Rule(
        "figures_counts_non_negative", "error", "figures",
        "value and low are >= 0 unless the unit is a signed one (SIGNED_UNITS: changes, money, degrees).",
        (
            Check("ExpectColumnValuesToBeBetween",
                  {"column": "value", "min_value": 0, "row_condition": _unit_null_or_not_in(SIGNED_UNITS)}),
            Check("ExpectColumnValuesToBeBetween",
                  {"column": "low", "min_value": 0, "row_condition": _unit_null_or_not_in(SIGNED_UNITS)}),
        ),
    ),
    Rule(
        "figures_percent_in_range", "warn", "figures",
        "percent figures have value, low and high within 0-100 (a rise of 150 % is possible, hence warn).",
        tuple(
            Check("ExpectColumnValuesToBeBetween",
                  {"column": column, "min_value": 0, "max_value": 100,
                   "row_condition": _unit_in(PERCENT_UNITS)})
            for column in ("value", "low", "high")
        ),
    ),
    Rule(
        "figures_unit_known", "warn", "figures",
        "unit is NULL or one of KNOWN_UNITS, the units the extractor emits.",
        (Check("ExpectColumnValuesToBeInSet", {"column": "unit", "value_set": sorted(KNOWN_UNITS)}),),
    ),
    Rule(
        "figures_breakdown_consistent", "error", "figures",
        "for each total with parts (part_of_id), the sum of the parts' lows (NULL = 0) is <= the total's "
        "high (NULL = no bound); unexpected = the totals' ids. Partial breakdowns pass: the parts' highs "
        "need not reach the total.",
        (_unexpected_rows(queries.BREAKDOWN_QUERY),),
    ),
    Rule(
        "figures_span_valid", "error", "figures",
        "0 <= start_char < end_char <= the document's body length (also a database CHECK; stated for the record).",
        (_unexpected_rows(queries.SPAN_QUERY),),
    ),
    Rule(
        "figures_no_leakage", "error", "figures",
        "no figure whose text is a year (without a unit), a date, a time of day, an ordinal, a number inside "
        "a name (Covid-19, G7) or a phone number (tables.LEAK_PATTERNS); details say what it looks like.",
        (_unexpected_rows(queries.LEAK_QUERY),),
    ),
    Rule(
        "figures_cross_source_conflict", "warn", "figures",
        "no other item (another source, or another guid) published within +/-2 days reports the same "
        "quantity - same unit, same place (dq_place_key), both totals or both parts - with an interval "
        "that does not overlap; details name the other figures, their documents and sources. Versions of "
        "one item are revisions, not conflicts.",
        (_unexpected_rows(queries.CONFLICT_QUERY),),
    ),
    Rule(
        "figures_revised", "warn", "figures",
        "informational, always succeeds: observed lists this batch's figures that revise a figure of an "
        "earlier version of the same item (view figure_revisions).",
        observed_query=queries.REVISIONS_OBSERVED,
    ),
    Rule(
        "statements_attributed", "warn", "statements",
        "a statement names a speaker (not blank, not a bare pronoun: tables.NON_SPEAKERS) or is explicitly "
        "unattributed (speaker_type 'unattributed' with speaker NULL).",
        (
            Check("ExpectColumnValuesToNotBeNull",
                  {"column": "speaker", "row_condition": {
                      "type": "comparison", "column": {"name": "speaker_type"}, "operator": "IN",
                      "parameter": ["organisation", "person"]}}),
            Check("ExpectColumnValuesToBeNull",
                  {"column": "speaker", "row_condition": _eq("speaker_type", "unattributed")}),
            Check("ExpectColumnValuesToNotBeInSet",
                  {"column": "speaker", "value_set": sorted(
                      {variant for word in NON_SPEAKERS
                       for variant in (word, word.capitalize(), word.upper(), word.title())})}),
            Check("ExpectColumnValuesToNotMatchRegex", {"column": "speaker", "regex": "^[^[:alnum:]]*$"}),
        ),
    ),
    Rule(
        "statements_attribution_coverage", "warn", "statements",
        "per source and UTC publication day, among the batch's statements (from 3 on), at least half are "
        "attributed (tables.ATTRIBUTION_COVERAGE_MIN); observed = every source-day's coverage, unexpected = "
        "the unattributed statements of the source-days below it.",
        (_unexpected_rows(queries.COVERAGE_QUERY),),
        observed_query=queries.COVERAGE_OBSERVED,
    ),
    Rule(
        "events_not_after_publication", "error", "events",
        "event_date <= the document's publication day (UTC) + 1 day (time zones ahead of UTC), unless the "
        "extractor flagged the event as planned (events.planned); undated events pass.",
        (_unexpected_rows(queries.EVENT_AFTER_PUBLICATION_QUERY),),
    ),
    Rule(
        "documents_no_duplicates", "error", "documents",
        "no two documents with the same (source, guid, version) - also a UNIQUE constraint - and no text "
        "(content_hash) stored as two items with neither linked to the other by duplicate_of; details "
        "list the other copies.",
        (
            Check("ExpectCompoundColumnsToBeUnique", {"column_list": ["source_id", "guid", "version"]}),
            _unexpected_rows(queries.DUPLICATE_TEXT_QUERY),
        ),
    ),
)

RULES_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}
