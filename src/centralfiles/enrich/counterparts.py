"""Counterpart matching: which published (TEI) document a plain-text document is.

A pasted or OCR'd document and its published original share a number and nearly all of
their text. Texts are compared after a normalisation that forgives what pasting and OCR do
(case, accents, page markers, hyphenation, punctuation, footnote digits), with rapidfuzz's
normalised Indel similarity. Pure functions: ``centralfiles.pipeline.counterparts`` looks the
candidates up in the store and records the matches as ``same-as`` links in both directions.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

SAME_AS = "same-as"
THRESHOLD = 85.0  # similarity (0-100) above which two texts are the same document
_PAGE_MARKER = re.compile(r"\[\s*page\s+[0-9ivxlcdm]+\s*\]", re.I)
_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-\s*(?=[a-z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise_for_match(text: str) -> str:
    """Lower-case ASCII words separated by single spaces, without page markers."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = _PAGE_MARKER.sub(" ", folded)
    folded = _HYPHEN_BREAK.sub("", folded)
    return _NON_WORD.sub(" ", folded).strip()


def similarity(a: str, b: str) -> float:
    """0-100: how alike two document texts are once normalised."""
    return fuzz.ratio(normalise_for_match(a), normalise_for_match(b))


def best_counterparts(
    text: str, candidates: list[tuple[str, str]], threshold: float = THRESHOLD
) -> list[tuple[str, float]]:
    """The candidates ``(id, text)`` alike enough to ``text``, best first."""
    wanted = normalise_for_match(text)
    scored = []
    for candidate_id, candidate_text in candidates:
        score = fuzz.ratio(wanted, normalise_for_match(candidate_text), score_cutoff=threshold)
        if score:
            scored.append((candidate_id, round(score, 1)))
    return sorted(scored, key=lambda pair: -pair[1])
