"""Counterpart linking after a write: the store's candidates, matched by ``enrich.counterparts``.

Runs inside the transaction that stored the document or volume, so a link never points at a
document that was rolled back, and it is recomputed whichever of the pair arrives first.
"""

from __future__ import annotations

from centralfiles.enrich.counterparts import SAME_AS, best_counterparts
from centralfiles.model import Document
from centralfiles.store.database import Store


def link_text_counterparts(store: Store, doc: Document) -> list[tuple[str, float]]:
    """Link a plain-text document to the published document with its number and text."""
    matches = (
        best_counterparts(doc.text, store.published_texts(doc.number))[:1] if doc.number else []
    )
    store.replace_links(doc.id, SAME_AS, matches)
    return matches


def link_volume_counterparts(store: Store, volume_id: str) -> None:
    """After a volume is (re)written, re-link the stored plain-text documents it may hold."""
    for text_doc_id, number, text in store.text_documents_sharing_numbers(volume_id):
        matches = best_counterparts(text, store.published_texts(number))
        store.replace_links(text_doc_id, SAME_AS, matches[:1])
