"""Stored documents as the search index needs them, read from the store in batches.

Only the fields the index uses are read (no pages, references or links), a batch of documents
with their footnotes and person mentions at a time, inside one read transaction, so that a
rebuild streams the whole store in bounded memory and sees one consistent state.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from centralfiles.model import Document, Footnote, Mention, Source, Telegram
from centralfiles.store.database import Store

BATCH = 1000
COLUMNS = (
    "id, volume, title, kind, doc_type, from_, to_, date, date_min, telegram_channel, "
    "classification, precedence, caveats, source_file_code, text"
)


@contextmanager
def read_snapshot(store: Store) -> Iterator[None]:
    """A deferred read transaction on the store's connection (one consistent state)."""
    conn = store.conn
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("COMMIT")


def stored_documents(store: Store, ids: Sequence[str] | None = None) -> Iterator[Document]:
    """The stored documents with ``ids`` (those that still exist), or all of them."""
    with read_snapshot(store):
        if ids is None:
            cursor = store.conn.execute(f"SELECT {COLUMNS} FROM documents ORDER BY rowid")
            while rows := cursor.fetchmany(BATCH):
                yield from _documents(store, rows)
        else:
            for start in range(0, len(ids), BATCH):
                chunk = list(ids[start : start + BATCH])
                marks = ", ".join("?" for _ in chunk)
                rows = store.conn.execute(
                    f"SELECT {COLUMNS} FROM documents WHERE id IN ({marks})", chunk
                ).fetchall()
                yield from _documents(store, rows)


def _documents(store: Store, rows: list) -> Iterator[Document]:
    ids = [row["id"] for row in rows]
    marks = ", ".join("?" for _ in ids)
    notes: dict[str, list[Footnote]] = defaultdict(list)
    for doc_id, text in store.conn.execute(
        f"SELECT document_id, text FROM footnotes WHERE document_id IN ({marks}) "
        "ORDER BY document_id, seq",
        ids,
    ):
        notes[doc_id].append(Footnote(None, None, text))
    persons: dict[str, list[Mention]] = defaultdict(list)
    for doc_id, name in store.conn.execute(
        f"SELECT document_id, name FROM mentions WHERE kind = 'person' "
        f"AND document_id IN ({marks}) ORDER BY document_id, seq",
        ids,
    ):
        persons[doc_id].append(Mention(None, name))
    for row in rows:
        channel = row["telegram_channel"]
        yield Document(
            id=row["id"],
            volume=row["volume"],
            title=row["title"],
            kind=row["kind"],
            doc_type=row["doc_type"],
            from_=row["from_"],
            to=row["to_"],
            date=row["date"],
            date_min=row["date_min"],
            telegram=Telegram(channel=channel) if channel else None,
            classification=row["classification"],
            precedence=row["precedence"],
            caveats=json.loads(row["caveats"]),
            source=Source(file_code=row["source_file_code"]),
            footnotes=notes.get(row["id"], []),
            persons=persons.get(row["id"], []),
            text=row["text"],
        )
