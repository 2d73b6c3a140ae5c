"""RSS feeds written for the fault-tolerance tests, built from the project's own fixture articles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_FEED = ROOT / "seeds" / "belga-fr.rss.xml"


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    body: str
    published: datetime


def rss(items: list[Item], title: str = "fault-tolerance test feed") -> bytes:
    """An RSS 2.0 document; text is escaped (CDATA could not hold every test string)."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>',
        f"<title>{escape(title)}</title><link>https://wire.example/</link><language>fr</language>",
    ]
    for it in items:
        parts.append(
            f"<item><guid isPermaLink=\"false\">{escape(it.guid)}</guid><title>{escape(it.title)}</title>"
            f"<pubDate>{format_datetime(it.published)}</pubDate>"
            f"<description>{escape(it.body)}</description></item>"
        )
    parts.append("</channel></rss>\n")
    return "\n".join(parts).encode("utf-8")


def fixture_paragraphs() -> list[tuple[str, str, datetime]]:
    """(item guid, paragraph, publication time) for every paragraph of the fixture feed's articles."""
    from pipeline.parse import parse_feed

    out = []
    for item in parse_feed(FIXTURE_FEED.read_bytes()).items:
        for para in item.body.split("\n\n"):
            if len(para.split()) >= 12:
                out.append((item.guid, para.strip(), item.published))
    return out


def generated_items(count: int, prefix: str = "gen") -> list[Item]:
    """`count` distinct short items: one fixture paragraph each (dated as its article, a few seconds
    apart so that relative dates still resolve to the same days), with its own guid and title."""
    paragraphs = fixture_paragraphs()
    items = []
    for i in range(count):
        guid, body, published = paragraphs[i % len(paragraphs)]
        items.append(Item(f"{prefix}-{i:04d}", f"Dépêche {prefix}-{i} ({guid})", body, published + timedelta(seconds=i)))
    return items


def write_feed(path: Path, items: list[Item]) -> str:
    path.write_bytes(rss(items))
    return str(path)
