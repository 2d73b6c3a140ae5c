"""Date expressions in wire copy: the anchor date (publication or dateline) and day-precise resolution.

Relative weekdays resolve to the most recent such day not after the anchor ("mardi" in a story of Tuesday
2020-01-07 is that same day, "dimanche" is 2020-01-05); "lundi dernier"/"last Monday" to the most recent one
strictly before the anchor; "prochain"/"next" to the next one after it. Everything is regex and table based
(lexicon/events_time.py): dateparser was tried but its free-text search finds years and times as dates and is
slow, while wire copy uses a handful of patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pipeline.extract.lexicon.events_time import (
    FUTURE_MARKERS,
    MONTHS,
    PAST_MARKERS,
    RELATIVE_DAYS,
    WEEKDAYS,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in a text: `text[start:end]`, its resolved day, and whether it was relative."""

    start: int
    end: int
    text: str
    date: date | None
    relative: bool
    weekday: int | None = None  # set for a bare weekday ("mardi"), which a future-tense verb re-resolves


def _alternation(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


_FR_WEEKDAY = re.compile(
    rf"\b({_alternation(WEEKDAYS['fr'])})(?:\s+({_alternation(PAST_MARKERS['fr'] + FUTURE_MARKERS['fr'])}))?\b",
    re.I,
)
_EN_FULL_WEEKDAYS = [w for w in WEEKDAYS["en"] if w.endswith("day")]
_EN_WEEKDAY = re.compile(
    rf"\b(?:({_alternation(PAST_MARKERS['en'] + FUTURE_MARKERS['en'])})\s+)?({_alternation(_EN_FULL_WEEKDAYS)})\b",
    re.I,
)
_FR_EXPLICIT = re.compile(
    rf"\b(1er|[0-3]?\d)\s+({_alternation(MONTHS['fr'])})\b\.?(?:\s+((?:19|20)\d\d)\b)?", re.I
)
# English month names are matched capitalised only: "may" and "march" are also common words.
_EN_MONTHS_CAP = _alternation(m.capitalize() for m in MONTHS["en"])
_EN_EXPLICIT_MD = re.compile(
    rf"\b({_EN_MONTHS_CAP})\b\.?\s+([0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+((?:19|20)\d\d)\b)?"
)
_EN_EXPLICIT_DM = re.compile(
    rf"\b([0-3]?\d)(?:st|nd|rd|th)?\s+({_EN_MONTHS_CAP})\b\.?(?:,?\s+((?:19|20)\d\d)\b)?"
)
_ISO = re.compile(r"\b((?:19|20)\d\d)-([01]\d)-([0-3]\d)\b")

_DATELINE_ISO = re.compile(r"^\s*date\s+((?:19|20)\d\d)-([01]\d)(?:-([0-3]\d))?\b", re.I | re.M)
_DATELINE_FR = re.compile(
    rf"^\s*[A-ZÀ-Ý][\wÀ-ÿ'’ .\-/]*,\s*(1er|[0-3]?\d)\s+({_alternation(MONTHS['fr'])})\.?"
    rf"(?:\s+((?:19|20)\d\d))?\s*\([^)\n]{{1,40}}\)\s*[-–—]",
    re.I | re.M,
)
_DATELINE_EN = re.compile(
    rf"^\s*[A-Z][\wÀ-ÿ'’ .\-/]*,\s*({_alternation(MONTHS['en'])})\.?\s+([0-3]?\d)(?:,?\s*((?:19|20)\d\d))?"
    rf"\s*\([^)\n]{{1,40}}\)\s*[-–—]",
    re.I | re.M,
)
_DATELINE_CITY = re.compile(
    r"^[ \t]*([A-ZÀ-Ý][A-ZÀ-Ý'’.\-]+(?:[ \-/][A-ZÀ-Ý][A-ZÀ-Ý'’.\-]+)*)\s*(?:,|\([^)\n]{1,40}\)\s*[-–—])", re.M
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_DATELINE_WINDOW = 400


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve_weekday(weekday: int, anchor: date, direction: str = "recent") -> date:
    """The day named `weekday` (Monday=0) relative to `anchor`.

    direction: "recent" — most recent such day not after the anchor (the anchor itself when it matches);
    "last" — most recent strictly before it; "next" — the first strictly after it; "upcoming" — the first on
    or after it (a weekday with a future-tense verb: "circuleront jeudi").
    """
    back = (anchor.weekday() - weekday) % 7
    if direction == "upcoming":
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)
    if direction == "next":
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    if direction == "last" and back == 0:
        back = 7
    return anchor - timedelta(days=back)


def nearest_year(month: int, day: int, anchor: date | None) -> date | None:
    """A year-less day ("le 3 janvier") placed in the year that puts it closest to the anchor."""
    if anchor is None:
        return None
    candidates = [
        d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := safe_date(y, month, day))
    ]
    return min(candidates, key=lambda d: abs((d - anchor).days), default=None)


def _month(word: str, lang: str) -> int | None:
    return MONTHS[lang].get(word.lower().rstrip("."))


def _day(word: str) -> int:
    return 1 if word.lower() == "1er" else int(word)


def _explicit(day: int, month: int | None, year: str | None, anchor: date | None) -> date | None:
    if month is None:
        return None
    if year:
        return safe_date(int(year), month, day)
    return nearest_year(month, day, anchor)


def find_dateline(text: str) -> date | None:
    """The day given by a wire dateline near the top ("BRUXELLES, 7 janv. (Belga) –", "PARIS, Jan 7
    (Reuters) -", " date 2020-01-07 (Belga)"). A year-less dateline takes a year written near it, else the
    most recent such day not after today. A month-only stamp ("date 2020-01") gives no day: None."""
    head = text[:_DATELINE_WINDOW]
    if m := _DATELINE_ISO.search(head):
        return safe_date(int(m[1]), int(m[2]), int(m[3])) if m[3] else None
    found: tuple[int, int | None, str | None] | None = None
    if m := _DATELINE_FR.search(head):
        found = (_day(m[1]), _month(m[2], "fr"), m[3])
    elif m := _DATELINE_EN.search(head):
        found = (int(m[2]), _month(m[1], "en"), m[3])
    if found is None or found[1] is None:
        return None
    day, month, year = found
    if year is None and (y := _YEAR.search(head)):
        year = y[1]
    if year:
        return safe_date(int(year), month, day)
    today = date.today()
    this_year = safe_date(today.year, month, day)
    return this_year if this_year and this_year <= today else safe_date(today.year - 1, month, day)


def dateline_city(text: str) -> tuple[int, int] | None:
    """The span of the place of a dateline ("LIÈGE, 6 févr. (Belga) –", "WASHINGTON (AP) —"), or None."""
    m = _DATELINE_CITY.search(text[:_DATELINE_WINDOW])
    if m is None or len(m[1]) < 3:
        return None
    return m.start(1), m.end(1)


def anchor_date(text: str, published: date | None) -> date | None:
    """The date relative expressions resolve against: `published` when given, else the text's dateline."""
    if isinstance(published, datetime):  # a feed timestamp: its calendar day
        return published.date()
    if published is not None:
        return published
    return find_dateline(text)


def _weekday_mentions(text: str, anchor: date | None, lang: str) -> list[DateMention]:
    out = []
    if lang == "fr":
        for m in _FR_WEEKDAY.finditer(text):
            marker = (m[2] or "").lower()
            direction = "last" if marker in PAST_MARKERS["fr"] else "next" if marker else "recent"
            weekday = WEEKDAYS["fr"][m[1].lower()]
            day = resolve_weekday(weekday, anchor, direction) if anchor else None
            out.append(DateMention(m.start(), m.end(), m[0], day, True, None if marker else weekday))
    else:
        for m in _EN_WEEKDAY.finditer(text):
            marker = (m[1] or "").lower()
            direction = "last" if marker in PAST_MARKERS["en"] else "next" if marker else "recent"
            weekday = WEEKDAYS["en"][m[2].lower()]
            day = resolve_weekday(weekday, anchor, direction) if anchor else None
            out.append(DateMention(m.start(), m.end(), m[0], day, True, None if marker else weekday))
    return out


def _relative_mentions(text: str, anchor: date | None, lang: str) -> list[DateMention]:
    pattern = re.compile(rf"(?<![\w-])({_alternation(RELATIVE_DAYS[lang])})(?![\w-])", re.I)
    out = []
    for m in pattern.finditer(text):
        offset = RELATIVE_DAYS[lang][m[1].lower()]
        day = anchor + timedelta(days=offset) if anchor else None
        out.append(DateMention(m.start(), m.end(), m[0], day, True))
    return out


def _explicit_mentions(text: str, anchor: date | None, lang: str) -> list[DateMention]:
    out = []
    if lang == "fr":
        for m in _FR_EXPLICIT.finditer(text):
            day = _explicit(_day(m[1]), _month(m[2], "fr"), m[3], anchor)
            out.append(DateMention(m.start(), m.end(), m[0], day, False))
    else:
        for m in _EN_EXPLICIT_MD.finditer(text):
            day = _explicit(int(m[2]), _month(m[1], "en"), m[3], anchor)
            out.append(DateMention(m.start(), m.end(), m[0], day, False))
        for m in _EN_EXPLICIT_DM.finditer(text):
            day = _explicit(int(m[1]), _month(m[2], "en"), m[3], anchor)
            out.append(DateMention(m.start(), m.end(), m[0], day, False))
    for m in _ISO.finditer(text):
        out.append(DateMention(m.start(), m.end(), m[0], safe_date(int(m[1]), int(m[2]), int(m[3])), False))
    return out


def find_dates(text: str, anchor: date | None, lang: str) -> list[DateMention]:
    """Day-level date expressions in `text`, resolved against `anchor` (unresolvable ones keep date None).

    Overlapping matches keep the longest; the result is in text order.
    """
    lang = lang if lang in WEEKDAYS else "en"
    mentions = (
        _explicit_mentions(text, anchor, lang)
        + _weekday_mentions(text, anchor, lang)
        + _relative_mentions(text, anchor, lang)
    )
    mentions.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMention] = []
    for mention in mentions:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept
