"""Synthetic wire corpus for the benchmark: the project's fixture articles with other names, numbers and places.

Each synthetic article takes one fixture (seeds/articles, tests/data/fr, tests/data/en) and swaps its named
people for names drawn from small lists (a surname alone follows its full name), scales every count in the
story by one factor (so parts still add up to their totals), and moves its cities elsewhere. Dates, years,
percentages and numbers inside names (F-16, Covid-19) are left alone. The result is served as RSS 2.0.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DIRS = (ROOT / "seeds" / "articles", ROOT / "tests" / "data" / "fr", ROOT / "tests" / "data" / "en")

LAST_NAMES = {
    "fr": "Lambert Dubois Peeters Janssens Moreau Lefèvre Mertens Dupont Girard Vermeulen Laurent Claes Renard "
          "Bernard Goossens Fontaine Mercier Willems Rousseau Leroy Simon Michel Collignon Gérard Wouters".split(),
    "en": "Walker Bennett Hughes Foster Carter Mitchell Sullivan Harper Brooks Coleman Reed Turner Ellis "
          "Hayes Morgan Price Ward Fisher Palmer Lawson Graham Porter Shaw Barker".split(),
}
# Cities that can stand in for one another without changing the grammar around them ("à X", "in X").
CITIES = {
    "fr": "Bruxelles Liège Namur Anvers Gand Charleroi Mons Louvain Bruges Hasselt Arlon Tournai Wavre Paris "
          "Lyon Marseille Lille Toulouse Nantes Bordeaux Strasbourg Rennes Genève Lausanne".split(),
    "en": "Brussels London Paris Berlin Madrid Rome Geneva Chicago Boston Athens Warsaw Vienna Lisbon Dublin "
          "Frankfurt Milan Munich Prague Budapest Oslo Stockholm Copenhagen Denver Seattle".split(),
}
_CITY_RE = {lang: re.compile(r"(?<!\w)(" + "|".join(names) + r")(?!\w)") for lang, names in CITIES.items()}
# Words after a number that make it a date or a time, not a count.
_DATE_WORDS = re.compile(
    r"\s*(?:janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc|jan|feb|mar|apr|may|jun|jul|aug|sep|dec|"
    r"h\b|heures?\b|:|%|pour cent|percent|per cent|ans\b|years?\b|e\b|er\b|ème|th\b|st\b|nd\b|rd\b)",
    re.IGNORECASE,
)
# A number as wire copy writes it: "2.300", "1 200", "3,000", "12,5", "0.4", "48".
_NUMBER = re.compile(r"(?<![\w.,/-])(\d{1,3}(?:([. \u202f\u00a0,])\d{3})+|\d+)(?:([.,])(\d+))?(?![\w/-])")
_MONTH_BEFORE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s*$"
)


@dataclass(frozen=True)
class Template:
    name: str
    lang: str
    text: str
    people: tuple[str, ...]  # full person names quoted in the fixture's gold file


@dataclass(frozen=True)
class Article:
    guid: str
    title: str
    body: str
    lang: str
    published: datetime


def _people(gold: Path) -> tuple[str, ...]:
    """Person speakers of a gold file, full names only ("Pieter van Loon", not "Kessler")."""
    if not gold.exists():
        return ()
    statements = json.loads(gold.read_text(encoding="utf-8")).get("statements", [])
    names = {s["speaker"] for s in statements if s.get("speaker_type") == "person" and s.get("speaker")}
    return tuple(sorted((n for n in names if len(n.split()) >= 2), key=len, reverse=True))


def load_templates() -> list[Template]:
    templates = []
    for folder in FIXTURE_DIRS:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8").strip()
            lang = "en" if path.parent.name == "en" else "fr"
            templates.append(Template(path.stem, lang, text, _people(path.with_suffix(".gold.json"))))
    return templates


def _scale(match: re.Match, text: str, factor: float, default_sep: str) -> str:
    whole, group_sep, dec_sep, decimals = match.group(1), match.group(2), match.group(3), match.group(4)
    after = text[match.end(): match.end() + 12]
    before = text[max(0, match.start() - 12): match.start()]
    digits = whole.replace(group_sep, "") if group_sep else whole
    value = int(digits)
    if (_DATE_WORDS.match(after) or _MONTH_BEFORE.search(before) or 1900 <= value <= 2100 and not decimals
            or value < 10 and not decimals):
        return match.group(0)
    if decimals is not None:
        scaled = f"{float(digits + '.' + decimals) * factor:.{len(decimals)}f}"
        int_part, frac = scaled.split(".")
        new_whole = _group(int(int_part), group_sep or default_sep)
        return f"{new_whole}{dec_sep}{frac}"
    return _group(max(10, round(value * factor)), group_sep or default_sep)


def _group(value: int, sep: str | None) -> str:
    if not sep or value < 1000:
        return str(value)
    return f"{value:,}".replace(",", sep)


def vary(template: Template, rng: random.Random) -> str:
    """One synthetic article from a fixture: new surnames, counts scaled by one factor, other cities.

    First names stay, so that "la ministre … a-t-elle déclaré" still agrees with the speaker.
    """
    lang = template.lang
    factor = rng.choice((0.5, 0.75, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0))
    default_sep = "," if lang == "en" else " "
    text = _NUMBER.sub(lambda m: _scale(m, m.string, factor, default_sep), template.text)
    swaps: dict[str, str] = {}
    for name in template.people:
        old_last = name.split()[-1]
        swaps.setdefault(old_last, rng.choice(LAST_NAMES[lang]))
    present = sorted(set(_CITY_RE[lang].findall(text)))
    swaps.update(zip(present, rng.sample(CITIES[lang], len(present)), strict=True))
    if swaps:
        pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, sorted(swaps, key=len, reverse=True)))
                             + r")(?!\w)")
        text = pattern.sub(lambda m: swaps[m.group(1)], text)
    return text


def _title(text: str) -> str:
    first = text.split("\n", 1)[0].strip()
    if len(first) > 140:  # a dateline paragraph, not a headline
        first = first[:first.rfind(" ", 0, 120)] + "…"
    return first


def build_corpus(n: int, seed: int = 2026, english_share: float = 0.15) -> list[Article]:
    """`n` distinct synthetic articles, about `english_share` of them in English."""
    rng = random.Random(seed)
    templates = load_templates()
    by_lang = {lang: [t for t in templates if t.lang == lang] for lang in ("fr", "en")}
    start = datetime(2024, 1, 1, 6, 0, tzinfo=UTC)
    seen: set[str] = set()
    articles: list[Article] = []
    while len(articles) < n:
        lang = "en" if rng.random() < english_share else "fr"
        template = rng.choice(by_lang[lang])
        body = vary(template, rng)
        if body in seen:  # same draw twice: rare, and a duplicate would be skipped as already extracted
            continue
        seen.add(body)
        i = len(articles)
        articles.append(Article(
            guid=f"bench-{seed}-{i:06d}", title=_title(body), body=body, lang=lang,
            published=start + timedelta(minutes=7 * i),
        ))
    return articles


def render_rss(name: str, articles: list[Article]) -> bytes:
    """An RSS 2.0 feed of the articles, in the shape agencies publish."""
    items = []
    for a in articles:
        items.append(
            "<item>"
            f'<guid isPermaLink="false">{escape(a.guid)}</guid>'
            f"<link>https://wire.bench.example/{escape(a.guid)}</link>"
            f"<title>{escape(a.title)}</title>"
            f"<pubDate>{format_datetime(a.published)}</pubDate>"
            f"<dc:language>{a.lang}</dc:language>"
            f"<description>{escape(a.body)}</description>"
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{escape(name)}</title><link>https://wire.bench.example/{escape(name)}</link>"
        f"<description>Synthetic wire copy for the pipeline benchmark</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode("utf-8")


def feeds(articles: list[Article], per_feed: int = 500) -> dict[str, bytes]:
    """Feed path → RSS bytes, `per_feed` items each."""
    out = {}
    for k in range(0, len(articles), per_feed):
        name = f"wire-{k // per_feed:02d}"
        out[f"/{name}.rss"] = render_rss(name, articles[k:k + per_feed])
    return out
