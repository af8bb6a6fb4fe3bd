"""The volume writer: buffers rows and inserts them in batches inside the open transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from centralfiles.model import Document, ListEntry
from centralfiles.store.rows import (
    INSERT_DOCUMENT,
    INSERT_POINTER,
    ORIGIN_COLUMN,
    TEXT_VOLUME,
    DocumentRows,
    document_rows,
    with_seq,
)

if TYPE_CHECKING:
    from centralfiles.store.database import Store

BATCH_DOCUMENTS = 256


class VolumeWriter:
    """Buffers a volume's rows and inserts them in batches inside the open transaction."""

    def __init__(
        self, store: Store, volume_id: str, *, origin: str = "tei", hold_pointers: bool = False
    ) -> None:
        self.store = store
        #: keep the pointer rows for ``take_pointers`` (resolved, then inserted, by the caller)
        self.hold_pointers = hold_pointers
        self.conn = store.conn
        self.volume_id = volume_id
        self.origin = origin
        self.count = 0
        self._documents: list[tuple[Any, ...]] = []
        self._footnotes: list[tuple[Any, ...]] = []
        self._mentions: list[tuple[Any, ...]] = []
        self._refs: list[tuple[Any, ...]] = []
        self._pages: list[tuple[Any, ...]] = []
        self._pointers: list[tuple[Any, ...]] = []
        self._repeats: list[tuple[Any, ...]] = []

    def add_entries(self, kind: str, entries: list[ListEntry]) -> None:
        table, name_column, text_column = (
            ("persons", "name", "description")
            if kind == "persons"
            else ("terms", "term", "expansion")
        )
        self.conn.executemany(
            f"INSERT OR REPLACE INTO {table} (volume, id, {name_column}, {text_column}) "
            "VALUES (?, ?, ?, ?)",
            [(self.volume_id, e.id, e.name, e.description) for e in entries],
        )

    def add_document(self, doc: Document) -> None:
        self.add_rows(document_rows(doc, self.count, self.origin))

    def add_rows(self, rows: DocumentRows) -> None:
        """Add one document's rows (``store.rows.document_rows``, built in a reader process)."""
        if rows.volume != self.volume_id:
            raise ValueError(f"document {rows.id} belongs to {rows.volume}, not {self.volume_id}")
        if rows.document[ORIGIN_COLUMN] != self.origin:
            raise ValueError(f"document {rows.id} was read as {rows.document[ORIGIN_COLUMN]!r}")
        self._documents.append(with_seq(rows.document, self.count))
        self.count += 1
        self._footnotes += rows.footnotes
        self._mentions += rows.mentions
        self._refs += rows.refs
        self._pages += rows.pages
        self._pointers += rows.pointers
        self._repeats += rows.repeats
        if len(self._documents) >= BATCH_DOCUMENTS:
            self.flush()

    def flush(self) -> None:
        conn = self.conn
        if self.origin == "tei":
            self._move_colliding_text_documents([row[0] for row in self._documents])
        conn.executemany(INSERT_DOCUMENT, self._documents)
        conn.executemany("INSERT INTO footnotes VALUES (?, ?, ?, ?, ?, ?, ?)", self._footnotes)
        conn.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?)", self._mentions)
        conn.executemany("INSERT INTO refs VALUES (?, ?, ?, ?, ?, ?)", self._refs)
        conn.executemany(
            "INSERT INTO pages (document_id, seq, page, text_offset) VALUES (?, ?, ?, ?)",
            self._pages,
        )
        conn.executemany("INSERT INTO repeats VALUES (?, ?, ?, ?, ?, ?, ?)", self._repeats)
        buffers = (self._documents, self._footnotes, self._mentions, self._refs, self._pages,
                   self._repeats)  # fmt: skip
        if not self.hold_pointers:
            conn.executemany(INSERT_POINTER, self._pointers)
            buffers += (self._pointers,)
        for buffer in buffers:
            buffer.clear()

    def take_pointers(self) -> list[tuple[Any, ...]]:
        """The pointer rows held back so far (``hold_pointers``); the caller inserts them."""
        rows, self._pointers = self._pointers, []
        return rows

    def _move_colliding_text_documents(self, ids: list[str]) -> None:
        """Plain-text documents filed as ``VOL/dN`` give way to the published document."""
        if not ids:
            return
        marks = ", ".join("?" for _ in ids)
        rows = self.conn.execute(
            f"SELECT d.id, t.text_id, t.path, t.sha256 FROM documents d "
            f"JOIN text_sources t ON t.document_id = d.id "
            f"WHERE d.origin = 'text' AND d.id IN ({marks})",
            ids,
        ).fetchall()
        for row in rows:
            doc = self.store.document(row["id"])
            doc.id, doc.volume = row["text_id"], TEXT_VOLUME
            self.conn.execute("DELETE FROM documents WHERE id = ?", (row["id"],))
            doc.links = [link for link in doc.links if link.kind != "same-as"]
            self.store._file_text_document(
                doc, path=row["path"], sha256=row["sha256"], text_id=row["text_id"]
            )
