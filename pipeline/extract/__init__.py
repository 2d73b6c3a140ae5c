"""Extraction of statements, figures and events from article bodies.

`extract_texts` batches through spaCy's `nlp.pipe`; each finder works on the parsed `Doc`. The finders (and
spaCy) are imported on first use, so reading `EXTRACTOR_VERSION` stays cheap for the DAG's first tasks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from pipeline.models import Extraction

# Bump when extraction output changes: stored facts are keyed by this version, so a newer extractor
# can re-run over stored documents and replace its own earlier facts.
EXTRACTOR_VERSION = "0.2.0"


def extract_text(text: str, lang: str = "auto", published: date | None = None) -> Extraction:
    return next(extract_texts([text], lang=lang, published=[published]))


def extract_texts(
    texts: Iterable[str],
    lang: str = "auto",
    published: Iterable[date | None] | None = None,
    batch_size: int = 32,
) -> Iterator[Extraction]:
    """Extract from many texts, grouped by language so each model runs through `nlp.pipe`."""
    from pipeline.extract.events import find_events
    from pipeline.extract.figures import find_figures
    from pipeline.extract.nlp import detect_language, load_model
    from pipeline.extract.statements import find_statements

    texts = list(texts)
    anchors = list(published) if published is not None else [None] * len(texts)
    langs = [detect_language(t) if lang == "auto" else lang for t in texts]
    results: dict[int, Extraction] = {}
    for code in dict.fromkeys(langs):
        idx = [i for i, lg in enumerate(langs) if lg == code]
        nlp = load_model(code)
        for i, doc in zip(idx, nlp.pipe((texts[i] for i in idx), batch_size=batch_size), strict=True):
            statements = find_statements(doc, code)
            figures = find_figures(doc, code, statements)
            events = find_events(doc, code, anchors[i], statements, figures)
            results[i] = Extraction(lang=code, statements=statements, figures=figures, events=events)
    for i in range(len(texts)):
        yield results[i]
