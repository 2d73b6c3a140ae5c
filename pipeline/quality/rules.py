"""The data-quality rules for figures, as data: name, severity, description and the GX expectations.

Each rule is one or more Great Expectations expectations given by class name and keyword arguments (row
conditions in GX's own serialised form), so a reader can add a rule or a unit without touching the GX
plumbing in `pipeline.quality.gx_suite`. `{batch}` in a custom SQL rule is GX's placeholder for the rows of
the ingestion batch under validation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SUITE = "figures"

# Units the extractor may emit (pipeline.extract). NULL (no unit noun) is accepted by every rule.
KNOWN_UNITS: frozenset[str] = frozenset({
    # people and groups
    "persons", "people", "soldiers", "troops", "deaths", "dead", "injured", "wounded", "victims",
    "casualties", "refugees", "migrants", "displaced", "prisoners", "hostages", "detainees", "arrests",
    "cases", "patients", "children", "students", "workers", "jobs", "employees", "voters", "votes",
    "seats", "members", "inhabitants", "residents", "civilians", "fighters", "militants", "police",
    "protesters", "tourists", "passengers", "households", "families",
    # things
    "vehicles", "aircraft", "ships", "missiles", "rockets", "drones", "weapons", "tanks", "homes",
    "buildings", "companies", "countries", "doses", "tests", "flights", "trains", "items", "animals",
    "barrels", "shares", "points",
    # money (ISO 4217)
    "EUR", "USD", "GBP", "CHF", "JPY", "CNY", "CAD", "AUD", "RUB", "INR", "SEK", "NOK", "DKK", "PLN",
    # ratios
    "percent", "percentage_points", "per_thousand",
    # time
    "years", "months", "weeks", "days", "hours", "minutes", "seconds",
    # measures
    "km", "m", "cm", "mm", "miles", "km2", "ha", "m2", "tonnes", "kg", "g", "litres", "m3", "kW", "MW", "GW",
    "kWh", "MWh", "GWh", "TWh", "celsius", "km/h",
})

# Units whose values may be negative (changes, temperatures, balances); every other unit counts
# people or things, amounts or durations, which cannot be below zero.
SIGNED_UNITS: frozenset[str] = frozenset({
    "percent", "percentage_points", "per_thousand", "points", "celsius", "EUR", "USD", "GBP", "CHF",
    "JPY", "CNY", "CAD", "AUD", "RUB", "INR", "SEK", "NOK", "DKK", "PLN",
})

PERCENT_UNITS: frozenset[str] = frozenset({"percent"})

# Tolerance for sums of doubles in the breakdown rule (parts 405.0 + 495.0… added in floating point).
_EPS = 1e-9


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
    severity: str  # "error" fails the batch (exit 1), "warn" is reported only
    description: str
    checks: tuple[Check, ...]


# A figures row may be checked against its document through the composite key (document_id, body_length).
SPAN_QUERY = """
SELECT f.id, f.start_char, f.end_char, d.body_length
FROM {batch} AS f LEFT JOIN documents AS d ON d.id = f.document_id
WHERE NOT (0 <= f.start_char AND f.start_char < f.end_char AND f.end_char <= d.body_length)
   OR d.id IS NULL
"""

# The parts of a total are the rows whose part_of_id is the total's id (index figures_part_of_idx).
# A NULL part low counts as 0, a NULL total high as +infinity (never violated).
BREAKDOWN_QUERY = f"""
SELECT t.id, t.high AS total_high, SUM(COALESCE(p.low, 0)) AS parts_low_sum,
       array_agg(p.id ORDER BY p.id) AS part_ids
FROM {{batch}} AS t JOIN figures AS p ON p.part_of_id = t.id
WHERE t.high IS NOT NULL
GROUP BY t.id, t.high
HAVING SUM(COALESCE(p.low, 0)) > t.high + {_EPS} * abs(t.high)
"""

RULES: tuple[Rule, ...] = (
    Rule(
        "figures_interval_ordered", "error",
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
        "figures_counts_non_negative", "error",
        "value and low are >= 0 unless the unit is a signed one (SIGNED_UNITS: changes, money, degrees).",
        (
            Check("ExpectColumnValuesToBeBetween",
                  {"column": "value", "min_value": 0, "row_condition": _unit_null_or_not_in(SIGNED_UNITS)}),
            Check("ExpectColumnValuesToBeBetween",
                  {"column": "low", "min_value": 0, "row_condition": _unit_null_or_not_in(SIGNED_UNITS)}),
        ),
    ),
    Rule(
        "figures_percent_in_range", "warn",
        "percent figures have value, low and high within 0-100 (a rise of 150 % is possible, hence warn).",
        tuple(
            Check("ExpectColumnValuesToBeBetween",
                  {"column": column, "min_value": 0, "max_value": 100,
                   "row_condition": _unit_in(PERCENT_UNITS)})
            for column in ("value", "low", "high")
        ),
    ),
    Rule(
        "figures_unit_known", "warn",
        "unit is NULL or one of KNOWN_UNITS, the units the extractor emits.",
        (Check("ExpectColumnValuesToBeInSet", {"column": "unit", "value_set": sorted(KNOWN_UNITS)}),),
    ),
    Rule(
        "figures_breakdown_consistent", "error",
        "for each total with parts (part_of_id), the sum of the parts' lows (NULL = 0) is <= the total's "
        "high (NULL = no bound); unexpected = the totals' ids. Partial breakdowns pass: the parts' highs "
        "need not reach the total.",
        (Check("UnexpectedRowsExpectation", {"unexpected_rows_query": BREAKDOWN_QUERY}),),
    ),
    Rule(
        "figures_span_valid", "error",
        "0 <= start_char < end_char <= the document's body length (also a database CHECK; stated for the record).",
        (Check("UnexpectedRowsExpectation", {"unexpected_rows_query": SPAN_QUERY}),),
    ),
)

RULES_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}
