"""Enrichment: pure functions over the document model, applied before a document is stored.

Readers produce structure; enrichers derive metadata from it. Each step takes and returns a
``Document`` and does no I/O, so TEI and plain-text documents are treated alike.

- ``cable`` — the cable grammar: source notes, headings, captions, datelines, citations;
- ``links`` — every pointer the apparatus prints (telegrams, documents, notes, pages, records,
  archival places), with its parsed parts; the pipeline resolves them against the store;
- ``counterparts`` — how alike a plain-text document is to a published one (matching only;
  the pipeline looks the candidates up in the store);
- ``people`` — a persons-list entry reconciled with the registry's identities (matching only).

``ENRICHERS`` runs on every document before it is stored: the cable grammar, then the pointers.
This package may import ``model`` and ``errors`` only.
"""

from __future__ import annotations

from collections.abc import Callable

from centralfiles.enrich import cable
from centralfiles.enrich.links import extract_pointers
from centralfiles.model import Document, Pointer

Enricher = Callable[[Document], Document]


def extract_document_pointers(doc: Document) -> list[Pointer]:
    """The apparatus's pointers, the telegram's own caption number left out."""
    own = doc.telegram
    return [
        pointer
        for pointer in extract_pointers(doc)
        if not (
            own is not None
            and own.number is not None
            and pointer.where == "body"
            and pointer.parts.get("number") == own.number
            and pointer.parts.get("channel") in (None, own.channel)
        )
    ]


def _pointers(doc: Document) -> Document:
    doc.pointers = extract_document_pointers(doc)
    return doc


ENRICHERS: tuple[Enricher, ...] = (cable.enrich, _pointers)


def enrich(doc: Document) -> Document:
    """Apply every enricher in order."""
    for step in ENRICHERS:
        doc = step(doc)
    return doc
