"""The enrichment pipeline: pure functions applied to every document before it is stored.

Readers produce structure; enrichers derive metadata from it (the cable grammar today;
reference extraction and people reconciliation as they arrive). Each step takes and returns
a ``Document`` and does no I/O, so TEI and plain-text documents are treated alike.
"""

from __future__ import annotations

from collections.abc import Callable

from . import cable
from .model import Document

Enricher = Callable[[Document], Document]

ENRICHERS: tuple[Enricher, ...] = (cable.enrich,)


def enrich(doc: Document) -> Document:
    """Apply every enricher in order."""
    for step in ENRICHERS:
        doc = step(doc)
    return doc
