"""The system of record: one SQLite file (WAL), versioned schema, one transaction per volume.

A volume is either fully present or absent: ``write_volume`` deletes the old rows and
inserts the new ones inside a single ``BEGIN IMMEDIATE`` transaction that is rolled back on
any error, so a failure half-way through a file leaves the previous state untouched.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from centralfiles.errors import CentralfilesError, NotFoundError
from centralfiles.model import (
    Document,
    Editor,
    Footnote,
    ListEntry,
    Mention,
    Reference,
    Volume,
)
from centralfiles.store.rows import TEXT_VOLUME, document_from_row, now, volume_row
from centralfiles.store.schema import MIGRATIONS
from centralfiles.store.writer import VolumeWriter


class StoreError(CentralfilesError):
    """The store file cannot be opened or is from a newer centralfiles."""


class Store:
    """A centralfiles archive in one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: cannot open the store: {error}") from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # schema -------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        row = self.conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        current = self.schema_version
        if current > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: the store has schema version {current}, newer than this "
                f"centralfiles knows ({len(MIGRATIONS)}); upgrade centralfiles"
            )
        for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
            with self.transaction():
                for statement in _statements(script):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any exception.

        SQLite failures (disk full, a locked or corrupt file) become a one-line
        ``StoreError`` naming the store file.
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise StoreError(f"{self.path}: {error}") from None

    # writing ------------------------------------------------------------------------------

    @contextmanager
    def write_volume(
        self, volume: Volume, *, source_path: str | None, sha256: str
    ) -> Iterator[VolumeWriter]:
        """Replace ``volume`` atomically with what is written through the yielded writer."""
        with self.transaction() as conn:
            # the volume's own rows go; plain-text documents filed under it stay
            conn.execute("DELETE FROM documents WHERE volume = ? AND origin = 'tei'", (volume.id,))
            conn.execute("DELETE FROM persons WHERE volume = ?", (volume.id,))
            conn.execute("DELETE FROM terms WHERE volume = ?", (volume.id,))
            conn.execute(
                "INSERT INTO volumes (id, title, series, sub_series, volume_number, "
                "volume_title, editors, published, date_min, date_max, source_path, sha256, "
                "ingested_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'tei') "
                "ON CONFLICT (id) DO UPDATE SET title = excluded.title, series = excluded.series, "
                "sub_series = excluded.sub_series, volume_number = excluded.volume_number, "
                "volume_title = excluded.volume_title, editors = excluded.editors, "
                "published = excluded.published, date_min = excluded.date_min, "
                "date_max = excluded.date_max, source_path = excluded.source_path, "
                "sha256 = excluded.sha256, ingested_at = excluded.ingested_at, kind = 'tei'",
                (
                    volume.id,
                    volume.title,
                    volume.series,
                    volume.sub_series,
                    volume.volume_number,
                    volume.volume_title,
                    json.dumps([e.__dict__ for e in volume.editors], ensure_ascii=False),
                    volume.published,
                    volume.date_min,
                    volume.date_max,
                    source_path,
                    sha256,
                    now(),
                ),
            )
            writer = VolumeWriter(self, volume.id)
            yield writer  # the caller may add derived rows (links) after ``writer.flush()``
            writer.flush()

    def write_text_document(
        self, doc: Document, *, source_path: str | None, sha256: str, text_id: str
    ) -> Document:
        """Store one plain-text document inside the caller's open transaction.

        Returns it with its final id: a text document never displaces a TEI one, so when its
        ``VOL/dN`` id is taken by the published document it is filed under ``text_id``.
        """
        if not self.conn.in_transaction:
            raise RuntimeError("write_text_document runs inside Store.transaction()")
        taken = self.conn.execute("SELECT origin FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if taken is not None and taken["origin"] == "tei":
            doc.id, doc.volume = text_id, TEXT_VOLUME
        self._file_text_document(doc, path=source_path, sha256=sha256, text_id=text_id)
        return doc

    def _file_text_document(
        self, doc: Document, *, path: str | None, sha256: str, text_id: str
    ) -> None:
        """Insert (or replace) one plain-text document inside the open transaction."""
        title = "Plain-text documents" if doc.volume == TEXT_VOLUME else None
        self.conn.execute(
            "INSERT OR IGNORE INTO volumes (id, title, sha256, ingested_at, kind) "
            "VALUES (?, ?, '', ?, 'text')",
            (doc.volume, title, now()),
        )
        self.conn.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
        writer = VolumeWriter(self, doc.volume, origin="text")
        writer.count = self.conn.execute(
            "SELECT coalesce(max(seq) + 1, 0) FROM documents WHERE volume = ?", (doc.volume,)
        ).fetchone()[0]
        writer.add_document(doc)
        writer.flush()
        self.conn.execute(
            "INSERT INTO text_sources VALUES (?, ?, ?, ?, ?)",
            (doc.id, path, sha256, text_id, now()),
        )

    def replace_links(self, document_id: str, kind: str, targets: list[tuple[str, float]]) -> None:
        """Set ``document_id``'s links of ``kind`` (both directions) inside a transaction."""
        self.conn.execute(
            "DELETE FROM doc_links WHERE kind = ? AND (source = ? OR target = ?)",
            (kind, document_id, document_id),
        )
        rows = [(document_id, t, kind, score) for t, score in targets]
        rows += [(t, document_id, kind, score) for t, score in targets]
        self.conn.executemany("INSERT OR REPLACE INTO doc_links VALUES (?, ?, ?, ?)", rows)

    def published_texts(self, number: str) -> list[tuple[str, str]]:
        """``(id, text)`` of the TEI documents printed with ``number``, in any volume."""
        rows = self.conn.execute(
            "SELECT id, text FROM documents WHERE number = ? AND origin = 'tei'", (number,)
        )
        return [(row["id"], row["text"]) for row in rows]

    def text_documents_sharing_numbers(self, volume_id: str) -> list[tuple[str, str, str]]:
        """``(id, number, text)`` of plain-text documents numbered as one of the volume's."""
        rows = self.conn.execute(
            "SELECT t.id, t.number, t.text FROM documents t WHERE t.origin = 'text' AND t.number "
            "IN (SELECT number FROM documents WHERE volume = ? AND origin = 'tei')",
            (volume_id,),
        )
        return [(row["id"], row["number"], row["text"]) for row in rows]

    def text_document_with_hash(self, sha256: str) -> str | None:
        row = self.conn.execute(
            "SELECT document_id FROM text_sources WHERE sha256 = ?", (sha256,)
        ).fetchone()
        return row["document_id"] if row else None

    # search index bookkeeping (protocol: centralfiles.search.index) ---------------------------

    def index_state(self) -> tuple[str | None, str | None]:
        """(generation the store saw committed, generation being committed) of the index."""
        row = self.conn.execute("SELECT generation, pending FROM index_state").fetchone()
        return row["generation"], row["pending"]

    def set_index_pending(self, generation: str) -> None:
        self.conn.execute("UPDATE index_state SET pending = ?", (generation,))

    def set_index_committed(self, generation: str) -> None:
        """The index committed ``generation``: drop the queue entries it absorbed."""
        with self.transaction() as conn:
            conn.execute("UPDATE index_state SET generation = ?, pending = NULL", (generation,))
            conn.execute("DELETE FROM index_queue WHERE claimed = 1")

    def claim_index_queue(self, after: str = "", limit: int | None = None) -> list[str]:
        """Claim queued document ids above ``after`` in id order, at most ``limit`` of them.

        With ``limit=None`` every entry is claimed and nothing is returned (a full rebuild).
        """
        with self.transaction() as conn:
            if limit is None:
                conn.execute("UPDATE index_queue SET claimed = 1 WHERE claimed = 0")
                return []
            ids = [
                row[0]
                for row in conn.execute(
                    "SELECT document_id FROM index_queue WHERE document_id > ? AND claimed = 0 "
                    "ORDER BY document_id LIMIT ?",
                    (after, limit),
                )
            ]
            conn.executemany(
                "UPDATE index_queue SET claimed = 1 WHERE document_id = ?", [(i,) for i in ids]
            )
        return ids

    def release_index_claims(self) -> None:
        """Unclaim every queue entry (claims left by an index writer that died)."""
        self.conn.execute("UPDATE index_queue SET claimed = 0 WHERE claimed = 1")

    def index_queue_size(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM index_queue").fetchone()[0])

    def document_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    # reading ------------------------------------------------------------------------------

    def volume_with_hash(self, sha256: str) -> str | None:
        row = self.conn.execute("SELECT id FROM volumes WHERE sha256 = ?", (sha256,)).fetchone()
        return row["id"] if row else None

    def volumes(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT v.*, (SELECT count(*) FROM documents d WHERE d.volume = v.id) AS documents "
            "FROM volumes v ORDER BY v.id"
        ).fetchall()
        return [volume_row(row) for row in rows]

    def volume(self, volume_id: str) -> Volume:
        row = self.conn.execute("SELECT * FROM volumes WHERE id = ?", (volume_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no volume {volume_id!r} in the store")
        data = volume_row(row)
        return Volume(
            id=data["id"],
            title=data["title"],
            series=data["series"],
            sub_series=data["sub_series"],
            volume_number=data["volume_number"],
            volume_title=data["volume_title"],
            editors=[Editor(**e) for e in data["editors"]],
            published=data["published"],
            date_min=data["date_min"],
            date_max=data["date_max"],
        )

    def document_ids(self, volume_id: str | None = None) -> list[str]:
        if volume_id is None:
            rows = self.conn.execute("SELECT id FROM documents ORDER BY volume, seq")
        else:
            rows = self.conn.execute(
                "SELECT id FROM documents WHERE volume = ? ORDER BY seq", (volume_id,)
            )
        return [row["id"] for row in rows]

    def document(self, document_id: str) -> Document:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise NotFoundError(self._not_found_message(document_id))
        return self._hydrate(row)

    def persons(self, volume_id: str) -> list[ListEntry]:
        rows = self.conn.execute(
            "SELECT id, name, description FROM persons WHERE volume = ? ORDER BY id", (volume_id,)
        )
        return [ListEntry(r["id"], r["name"], r["description"]) for r in rows]

    def terms(self, volume_id: str) -> list[ListEntry]:
        rows = self.conn.execute(
            "SELECT id, term, expansion FROM terms WHERE volume = ? ORDER BY id", (volume_id,)
        )
        return [ListEntry(r["id"], r["term"], r["expansion"]) for r in rows]

    def stats(self) -> dict[str, int]:
        def count(sql: str) -> int:
            return int(self.conn.execute(sql).fetchone()[0])

        return {
            "volumes": count("SELECT count(*) FROM volumes"),
            "documents": count("SELECT count(*) FROM documents"),
            "editorial_notes": count(
                "SELECT count(*) FROM documents WHERE kind = 'editorial-note'"
            ),
            "footnotes": count("SELECT count(*) FROM footnotes"),
            "source_notes": count("SELECT count(*) FROM footnotes WHERE is_source"),
            "persons": count("SELECT count(*) FROM persons"),
            "terms": count("SELECT count(*) FROM terms"),
            "mentions": count("SELECT count(*) FROM mentions"),
            "references": count("SELECT count(*) FROM refs"),
            "pages": count(
                "SELECT count(DISTINCT d.volume || ' ' || p.page) FROM pages p "
                "JOIN documents d ON d.id = p.document_id"
            ),
        }

    def _not_found_message(self, document_id: str) -> str:
        message = f"no document {document_id!r} in the store"
        volume = document_id.split("/", 1)[0]
        if self.conn.execute("SELECT 1 FROM volumes WHERE id = ?", (volume,)).fetchone():
            return message
        known = [v["id"] for v in self.volumes()]
        if not known:
            return f"{message}; the store is empty (run `centralfiles ingest PATH`)"
        return f"{message}; volume {volume!r} is not stored (stored: {', '.join(known[:5])})"

    def _hydrate(self, row: sqlite3.Row) -> Document:
        doc = document_from_row(row)
        doc_id = doc.id
        conn = self.conn
        doc.footnotes = [
            Footnote(r["n"], r["xml_id"], r["text"], bool(r["is_source"]), r["anchor"])
            for r in conn.execute(
                "SELECT * FROM footnotes WHERE document_id = ? ORDER BY seq", (doc_id,)
            )
        ]
        doc.pages = [
            r["page"]
            for r in conn.execute(
                "SELECT page FROM pages WHERE document_id = ? ORDER BY seq", (doc_id,)
            )
        ]
        for r in conn.execute(
            "SELECT kind, ref_id, name FROM mentions WHERE document_id = ? ORDER BY kind, seq",
            (doc_id,),
        ):
            target = doc.persons if r["kind"] == "person" else doc.terms
            target.append(Mention(r["ref_id"], r["name"]))
        doc.links = self._references(doc_id) + [
            Reference(r["target"], r["kind"], "", r["target"], resolved=True)
            for r in conn.execute(
                "SELECT target, kind FROM doc_links WHERE source = ? ORDER BY kind, score DESC",
                (doc_id,),
            )
        ]
        return doc

    def _references(self, doc_id: str) -> list[Reference]:
        return [
            Reference(r["target"], r["kind"], r["text"], r["raw"], resolved=bool(r["resolved"]))
            for r in self.conn.execute(
                "SELECT r.*, EXISTS (SELECT 1 FROM documents d WHERE d.id = "
                "CASE WHEN instr(r.target, '#') THEN substr(r.target, 1, instr(r.target, '#') - 1)"
                " ELSE r.target END) AS resolved "
                "FROM refs r WHERE r.document_id = ? ORDER BY r.seq",
                (doc_id,),
            )
        ]


def _statements(script: str) -> Iterator[str]:
    """The SQL statements of a migration script (a trigger body's ``;`` does not end one)."""
    buffer = ""
    for part in script.split(";"):
        buffer += part + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                yield buffer
            buffer = ""
    if buffer.strip(" \n;"):
        yield buffer
