"""The store: the SQLite system of record (one file, WAL, versioned schema).

- ``database`` — ``Store``: opening (read-only or not), migrations, transactions, the writes;
- ``queries`` — ``StoreQueries``, the reading half of ``Store``: documents, volumes, counts;
- ``schema`` — the forward migrations;
- ``writer`` — ``VolumeWriter``, batching a volume's rows inside its transaction;
- ``rows`` — the mapping between model objects and table rows;
- ``audit`` — the cable audit (counts over stored metadata).

The store never runs enrichment: what needs stored neighbours (counterparts, links) is done
by ``centralfiles.pipeline`` inside the store's transaction. It may import ``model`` and
``errors`` only (and ``enrich`` for pure helpers, which it does not need today).
"""

from centralfiles.store.audit import cable_report
from centralfiles.store.database import Store, StoreError
from centralfiles.store.rows import TEXT_VOLUME

__all__ = ["TEXT_VOLUME", "Store", "StoreError", "cable_report"]
