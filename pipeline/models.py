"""Plain data passed between stages: feed items in, extracted facts out.

Every stage takes and returns these values; only `load` and `quality` touch the database.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, Literal

ItemStatus = Literal["usable", "canceled", "withheld", "corrected"]
StatementKind = Literal["direct", "indirect", "according_to"]
Qualifier = Literal["exact", "approx", "more_than", "less_than", "at_least", "at_most", "range", "vague"]


@dataclass(slots=True)
class FeedItem:
    """One item of a wire feed, normalised (contract: `pipeline parse`)."""

    source_format: str
    guid: str
    title: str
    body: str
    version: int = 1
    status: ItemStatus = "usable"
    language: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    link: str | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    raw: str = ""  # the item's payload as received, kept for audit

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("raw")
        for key in ("published", "updated"):
            value = out[key]
            out[key] = value.isoformat() if value else None
        return out


@dataclass(slots=True)
class Statement:
    speaker: str | None
    quote: str
    start: int
    end: int
    kind: StatementKind
    verb: str | None = None
    speaker_type: Literal["person", "organisation", "unattributed"] = "person"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Figure:
    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    qualifier: Qualifier
    where: str | None = None
    part_of: str | None = None  # text of the total this figure is a part of
    asserted_by: str | None = None  # speaker of the statement it sits in, else None (the source)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("value", "low", "high"):
            v = out[key]
            if isinstance(v, float) and v.is_integer():
                out[key] = int(v)
        return out


@dataclass(slots=True)
class Event:
    type: str
    trigger: str
    start: int
    end: int
    actor: str | None = None
    target: str | None = None
    date: date | None = None
    place: str | None = None
    summary: str | None = None
    planned: bool = False  # told as to come ("prévue le 22", "will meet"): its date may follow publication

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["date"] = self.date.isoformat() if self.date else None
        return out


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one article body."""

    lang: str
    statements: list[Statement] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "statements": [s.to_json() for s in self.statements],
            "figures": [f.to_json() for f in self.figures],
            "events": [e.to_json() for e in self.events],
        }
