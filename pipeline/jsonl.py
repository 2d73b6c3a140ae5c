"""Articles given as JSON lines (`pipeline extract --jsonl`): validation of each line, one problem per bad line.

A line is `{"id": …, "text": …, "published": "YYYY-MM-DD"|null, "lang": "fr"|"en"|null}`; only `id` and
`text` are required. A bad line never stops the others: it comes back as a `JsonlProblem`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

LANGS = ("fr", "en")


@dataclass(frozen=True, slots=True)
class JsonlArticle:
    id: str
    text: str
    published: date | None
    lang: str  # fr, en or auto


@dataclass(frozen=True, slots=True)
class JsonlProblem:
    line: int  # 1-based line number in the input
    message: str
    id: str | None = None  # the line's id when it could be read


def read_jsonl_articles(
    data: bytes, default_lang: str = "auto", default_published: date | None = None
) -> Iterator[JsonlArticle | JsonlProblem]:
    """Each non-blank line as an article, or as the one reason it cannot be one."""
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        yield JsonlProblem(0, f"input is not UTF-8 (byte {exc.start})")
        return
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield _article(number, line, default_lang, default_published)


def _article(
    number: int, line: str, default_lang: str, default_published: date | None
) -> JsonlArticle | JsonlProblem:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return JsonlProblem(number, f"not JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(obj, dict):
        return JsonlProblem(number, "not a JSON object")
    raw_id = obj.get("id")
    if raw_id is None or isinstance(raw_id, dict | list) or str(raw_id) == "":
        return JsonlProblem(number, 'no "id"')
    ident = str(raw_id)
    text = obj.get("text")
    if not isinstance(text, str):
        return JsonlProblem(number, f'{ident}: no "text" string', ident)
    try:
        published = _published(obj.get("published"), default_published)
    except ValueError as exc:
        return JsonlProblem(number, f"{ident}: {exc}", ident)
    lang = obj.get("lang") or default_lang
    if lang not in (*LANGS, "auto"):
        return JsonlProblem(number, f'{ident}: "lang" must be fr, en or null, not {lang!r}', ident)
    return JsonlArticle(ident, text, published, lang)


def _published(value: Any, default: date | None) -> date | None:
    if value is None or value == "":
        return default
    if isinstance(value, str):
        try:
            if len(value) == 10:
                return date.fromisoformat(value)
            return datetime.fromisoformat(value).date()  # a feed timestamp: its calendar day
        except ValueError:
            pass
    raise ValueError(f'"published" is not a YYYY-MM-DD date: {value!r}')
