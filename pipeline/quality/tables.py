"""Word lists, patterns and thresholds the data-quality rules read: extend them here, not in the SQL."""

from __future__ import annotations

from dataclasses import dataclass

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
    "decades", "years", "months", "weeks", "days", "hours", "minutes", "seconds",
    # measures
    "km", "m", "cm", "mm", "miles", "km2", "ha", "m2", "tonnes", "kg", "g", "litres", "m3", "kW", "MW", "GW",
    "kWh", "MWh", "GWh", "TWh", "celsius", "degrees", "km/h", "mph",
})

# Units whose values may be negative (changes, temperatures, balances); every other unit counts
# people or things, amounts or durations, which cannot be below zero.
SIGNED_UNITS: frozenset[str] = frozenset({
    "percent", "percentage_points", "per_thousand", "points", "celsius", "degrees", "EUR", "USD", "GBP", "CHF",
    "JPY", "CNY", "CAD", "AUD", "RUB", "INR", "SEK", "NOK", "DKK", "PLN",
})

PERCENT_UNITS: frozenset[str] = frozenset({"percent"})


@dataclass(frozen=True)
class LeakPattern:
    """A kind of number that is not a figure, as a PostgreSQL regular expression searched in figures.text.

    `unitless_only`: the pattern also fits real counts ("2000" soldiers), so it only flags figures without
    a unit noun.
    """

    kind: str
    regex: str
    unitless_only: bool = False


# PostgreSQL ARE syntax: \m and \M are the start and end of a word. No '%' and no ':name' (SQLAlchemy reads
# both in a query text); braces are doubled for GX when the query is built.
LEAK_PATTERNS: tuple[LeakPattern, ...] = (
    LeakPattern("year", r"^(1[89]|20)[0-9]{2}$", unitless_only=True),           # 2020
    LeakPattern("date", r"\m[0-9]{1,2}[/.-][0-9]{1,2}[/.-]([0-9]{4}|[0-9]{2})\M"),  # 12/03/2020, 7.1.20
    LeakPattern("date", r"\m(1[89]|20)[0-9]{2}-[01][0-9]-[0-3][0-9]\M"),      # 2020-03-12
    LeakPattern("time", r"\m([01]?[0-9]|2[0-3]) ?h ?[0-5][0-9]\M"),             # 10h30, 9 h 05
    LeakPattern("time", r"\m([01]?[0-9]|2[0-3]):[0-5][0-9]\M"),                 # 10:30
    LeakPattern("ordinal", r"\m[0-9]+(er|re|e|ème|eme|è|st|nd|rd|th)\M"),       # 1er, 3e, 21st
    LeakPattern("name", r"[[:alpha:]]-[0-9]+\M"),                               # Covid-19, F-16
    LeakPattern("name", r"\m[[:upper:]]+[0-9]+[[:alnum:]]*\M"),                 # G7, MH17, A400M
    LeakPattern("phone", r"(^|[^0-9])(\+[0-9]{1,3}|0)[0-9]{0,3}([ .-][0-9]{1,4}){3,}\M"),  # 02 123 45 67
)

# Speakers that name nobody: a statement attributed to one of these is not attributed (compared lower-cased).
NON_SPEAKERS: frozenset[str] = frozenset({
    "il", "elle", "ils", "elles", "on", "lui", "celui-ci", "celle-ci", "ce dernier", "cette dernière",
    "he", "she", "they", "it", "him", "her", "them", "we", "nous", "i", "je", "you", "vous",
    "source", "sources", "a source", "une source", "unknown", "inconnu",
})

# statements_attribution_coverage: a source's statements of one day in a batch fail below this share of
# attributed ones, judged only from this many statements on (fewer say little about the extractor).
ATTRIBUTION_COVERAGE_MIN = 0.5
ATTRIBUTION_COVERAGE_MIN_STATEMENTS = 3

# events_not_after_publication: an event may be dated this many days after its document's publication
# day (UTC): a dateline in a time zone ahead of UTC ("Sydney, Tuesday") is still Monday in UTC.
EVENT_DATE_TOLERANCE_DAYS = 1

# figures_cross_source_conflict never compares figures in these units: a ratio, an amount of money, a
# duration or an unnamed noun ("items") in one place on one day rarely names a single quantity — two of them
# usually measure different things (inflation and unemployment, a budget and a fine), not the same one twice.
UNCOMPARABLE_UNITS: frozenset[str] = frozenset(
    {"items", "percent", "percentage_points", "per_thousand", "points",
     "decades", "years", "months", "weeks", "days", "hours", "minutes", "seconds"}
    | (SIGNED_UNITS - {"celsius", "degrees"})  # the currencies
)

# figures_cross_source_conflict: two documents are about the same moment when published within this many
# days of each other.
CONFLICT_WINDOW_DAYS = 2
