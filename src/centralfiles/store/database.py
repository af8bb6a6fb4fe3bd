"""The system of record: one SQLite file (WAL), versioned schema, one transaction per volume.

A volume is either fully present or absent: ``write_volume`` deletes the old rows and
inserts the new ones inside a single ``BEGIN IMMEDIATE`` transaction that is rolled back on
any error, so a failure half-way through a file leaves the previous state untouched.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

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
    """The store file cannot be opened, read or written; the message says what to do."""


APPLICATION_ID = 0x43464C53  # "CFLS" in the SQLite header: this file is a centralfiles store
OUR_TABLES = frozenset({"schema_version", "volumes", "documents"})
Mode = Literal["rw", "ro", "auto"]
MAX_ID_CHARS = 300


def describe_sqlite_error(path: Path, error: sqlite3.Error) -> StoreError:
    """One line for a SQLite failure on ``path``, saying what to do about it."""
    message = str(error)
    lowered = message.lower()
    if "not a database" in lowered:
        return StoreError(
            f"{path}: cannot open the store: {message} (pass another --db, or restore the file "
            "from a backup if it was a store)"
        )
    if "malformed" in lowered or "corrupt" in lowered:
        return StoreError(
            f"{path}: the store file is damaged ({message}); restore it from a backup, or run "
            "`centralfiles check` to see what is damaged"
        )
    if "readonly" in lowered or "read-only" in lowered:
        return StoreError(f"{path}: the store is read-only ({message}); this command writes")
    if "disk is full" in lowered or "disk i/o" in lowered:
        return StoreError(f"{path}: cannot write the store ({message}); free some disk space")
    if "locked" in lowered or "busy" in lowered:
        return StoreError(
            f"{path}: the store is busy ({message}); another centralfiles is writing, try again"
        )
    return StoreError(f"{path}: {message}")


class Store:
    """A centralfiles archive in one SQLite file.

    ``mode="rw"`` (the default) creates the file if needed and migrates it; ``mode="ro"`` opens
    it read-only (a file that does not exist reads as an empty store, and nothing is
    created); ``mode="auto"`` writes when the file can be written, else opens read-only.
    A file that is another application's SQLite database is refused in every mode.
    """

    def __init__(self, path: str | Path, *, mode: Mode = "rw") -> None:
        self.path = Path(path)
        self.readonly = False
        try:
            if mode != "rw" and not self.path.exists():
                self._open_empty()
                return
            self._check_file()
            if mode == "ro":
                self._open_readonly()
            else:
                try:
                    self._open_writable()
                except (StoreError, sqlite3.Error):
                    if mode == "rw":
                        raise
                    self._open_readonly()
        except sqlite3.Error as error:
            raise describe_sqlite_error(self.path, error) from None

    # opening ------------------------------------------------------------------------------

    def _check_file(self) -> None:
        """Refuse, before SQLite touches it, a path that cannot be or is not a store."""
        parent = self.path.parent
        for folder in (parent, *parent.parents):
            if folder.exists():
                if not folder.is_dir():
                    raise StoreError(f"{self.path}: cannot create the store: {folder} is a file")
                break
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder; --db names the store file")
        # The header is left to SQLite ("file is not a database"): opening and closing the
        # file here would drop the POSIX locks of any connection this process has on it.

    def _connect(self, uri: str | None = None) -> None:
        target = uri or str(self.path)
        self.conn = sqlite3.connect(target, isolation_level=None, timeout=30, uri=uri is not None)
        self.conn.row_factory = sqlite3.Row

    def _open_empty(self) -> None:
        """Read-only on a missing file: an empty store in memory, the file left uncreated."""
        self._connect(":memory:")
        self._migrate()
        self.readonly = True

    def _open_readonly(self) -> None:
        quoted = quote(str(self.path.resolve()))
        self._connect(f"file:{quoted}?mode=ro")
        try:
            self._check_ours()
        except sqlite3.OperationalError:  # a WAL file in a folder that cannot be written
            self.conn.close()
            self._connect(f"file:{quoted}?immutable=1")
            self._check_ours()
        self.readonly = True
        version = self.schema_version
        if version == 0:  # a file just created by another process, not migrated yet
            self.conn.close()
            self._open_empty()
        elif version < len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: the store was made by an older centralfiles and must be upgraded "
                "by a command that writes (e.g. `centralfiles ingest`)"
            )

    def _open_writable(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"{self.path}: cannot create the store: {error.strerror or error}"
            ) from None
        self._connect()
        self._check_ours()
        try:
            if self.conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                self._retry_busy(lambda: self.conn.execute("PRAGMA journal_mode=WAL"))
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.OperationalError as error:
            self.conn.close()
            raise describe_sqlite_error(self.path, error) from None

    def _check_ours(self) -> None:
        """Raise ``StoreError`` if the file is another application's database."""
        app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id == APPLICATION_ID:
            return
        tables = {
            row[0]
            for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not tables or (app_id == 0 and tables >= OUR_TABLES):
            return  # a new or empty file, or a store made before the application id
        self.conn.close()
        raise StoreError(
            f"{self.path}: is an SQLite database of another application, not a centralfiles "
            "store; it was not changed (pass another --db)"
        )

    @staticmethod
    def _retry_busy(action: Callable[[], object], seconds: float = 30.0) -> None:
        """Run ``action``, retrying while another process holds the file (new stores race)."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                action()
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # schema -------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        try:
            row = self.conn.execute("SELECT max(version) FROM schema_version").fetchone()
        except sqlite3.OperationalError:  # no table yet: a new file
            return 0
        return int(row[0] or 0)

    def _migrate(self) -> None:
        """Apply pending migrations under an exclusive lock, so that racing processes that open
        a new store at once migrate it exactly once."""
        if self.schema_version == len(MIGRATIONS):
            return
        self.conn.execute("BEGIN EXCLUSIVE")
        try:
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"
            )
            current = self.schema_version  # again, now that no one else can migrate
            if current > len(MIGRATIONS):
                raise StoreError(
                    f"{self.path}: the store has schema version {current}, newer than this "
                    f"centralfiles knows ({len(MIGRATIONS)}); upgrade centralfiles"
                )
            for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
                for statement in _statements(script):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

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
        except sqlite3.Error as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise describe_sqlite_error(self.path, error) from None

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

    def volume_documents(self, volume_id: str) -> list[dict[str, Any]]:
        """The volume's documents in order: id, number, title, kind, type, dates, chapters."""
        rows = self.conn.execute(
            "SELECT id, number, title, kind, doc_type, date, date_min, chapters, origin "
            "FROM documents WHERE volume = ? ORDER BY seq",
            (volume_id,),
        )
        return [dict(row) | {"chapters": json.loads(row["chapters"])} for row in rows]

    def document_date_ranges(self) -> dict[str, tuple[str | None, str | None]]:
        """Per volume, the earliest and latest date of its documents (``date_min``)."""
        rows = self.conn.execute(
            "SELECT volume, min(coalesce(date, date_min)), max(coalesce(date, date_min)) "
            "FROM documents GROUP BY volume"
        )
        return {row[0]: (row[1], row[2]) for row in rows}

    def neighbours(self, document_id: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """The documents before and after ``document_id`` in its volume (id, number, title)."""
        row = self.conn.execute(
            "SELECT volume, seq FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            return None, None
        found = []
        for comparison, order in (("<", "DESC"), (">", "ASC")):
            near = self.conn.execute(
                f"SELECT id, number, title FROM documents WHERE volume = ? AND seq {comparison} ? "
                f"ORDER BY seq {order} LIMIT 1",
                (row["volume"], row["seq"]),
            ).fetchone()
            found.append(dict(near) if near else None)
        return found[0], found[1]

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
        if not _plausible_id(document_id):
            raise NotFoundError(
                f"{document_id!r} is not a document id; ids look like frus1964-68v13/d331 "
                "or text/<hash>"
            )
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
        pages = conn.execute(
            "SELECT page, text_offset FROM pages WHERE document_id = ? ORDER BY seq", (doc_id,)
        ).fetchall()
        doc.pages = [r["page"] for r in pages]
        doc.page_breaks = [(r["page"], r["text_offset"]) for r in pages if r["text_offset"]]
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


def _plausible_id(document_id: str) -> bool:
    """Printable, encodable and of a sane length (the CLI passes undecodable bytes through)."""
    if not 1 <= len(document_id) <= MAX_ID_CHARS or not document_id.isprintable():
        return False
    try:
        document_id.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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
