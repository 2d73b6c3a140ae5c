"""One extraction of the real wire articles (`../shared/realdev`) per test process, shared by the test modules."""

from __future__ import annotations

import functools
from typing import Any

from pipeline.realdev import DEFAULT_DIR, Article, extract_articles, load_articles

REALDEV_PRESENT = (DEFAULT_DIR / "gold.jsonl").is_file() and (DEFAULT_DIR / "texts").is_dir()
SKIP_REASON = f"the shared real articles are not here ({DEFAULT_DIR})"


@functools.cache
def realdev_run() -> tuple[list[Article], dict[str, dict[str, Any]], list[str]]:
    """Articles with our event gold, the extractor's output for each, and the loader's warnings."""
    articles, warnings = load_articles(DEFAULT_DIR)
    return articles, extract_articles(articles), warnings
