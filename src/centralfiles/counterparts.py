"""Counterpart matching: which published (TEI) document a plain-text document is.

A pasted or OCR'd document and its published original share a number and nearly all of
their text. Texts are compared after a normalisation that forgives what pasting and OCR do
(case, accents, page markers, hyphenation, punctuation, footnote digits), with rapidfuzz's
normalised Indel similarity. Matches are stored as ``same-as`` links in both directions.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

if TYPE_CHECKING:
    from .model import Document
    from .store import Store

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


def link_text_counterparts(store: Store, doc: Document) -> list[tuple[str, float]]:
    """Link a plain-text document to the published documents with its number."""
    if not doc.number:
        store.replace_links(doc.id, SAME_AS, [])
        return []
    rows = store.conn.execute(
        "SELECT id, text FROM documents WHERE number = ? AND origin = 'tei'", (doc.number,)
    ).fetchall()
    matches = best_counterparts(doc.text, [(r["id"], r["text"]) for r in rows])[:1]
    store.replace_links(doc.id, SAME_AS, matches)
    return matches


def link_volume_counterparts(store: Store, volume_id: str) -> None:
    """After a volume is (re)written, re-link the stored plain-text documents it may hold."""
    rows = store.conn.execute(
        "SELECT t.id, t.number, t.text FROM documents t WHERE t.origin = 'text' AND t.number IN "
        "(SELECT number FROM documents WHERE volume = ? AND origin = 'tei')",
        (volume_id,),
    ).fetchall()
    for row in rows:
        candidates = store.conn.execute(
            "SELECT id, text FROM documents WHERE number = ? AND origin = 'tei'", (row["number"],)
        ).fetchall()
        matches = best_counterparts(row["text"], [(c["id"], c["text"]) for c in candidates])
        store.replace_links(row["id"], SAME_AS, matches[:1])
