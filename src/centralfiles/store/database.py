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
from typing import Literal
from urllib.parse import quote

from centralfiles.errors import CentralfilesError
from centralfiles.model import (
    Document,
    Volume,
)
from centralfiles.store.queries import StoreQueries
from centralfiles.store.rows import INSERT_POINTER, TEXT_VOLUME, now
from centralfiles.store.schema import MIGRATIONS
from centralfiles.store.writer import VolumeWriter


class StoreError(CentralfilesError):
    """The store file cannot be opened, read or written; the message says what to do."""


APPLICATION_ID = 0x43464C53  # "CFLS" in the SQLite header: this file is a centralfiles store
OUR_TABLES = frozenset({"schema_version", "volumes", "documents"})
Mode = Literal["rw", "ro", "auto"]


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


class Store(StoreQueries):
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
        self, volume: Volume, *, source_path: str | None, sha256: str, hold_pointers: bool = False
    ) -> Iterator[VolumeWriter]:
        """Replace ``volume`` atomically with what is written through the yielded writer
        (``hold_pointers``: see ``VolumeWriter``; rows not taken are inserted at the end)."""
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
            writer = VolumeWriter(self, volume.id, hold_pointers=hold_pointers)
            yield writer  # the caller may add derived rows (links) after ``writer.flush()``
            writer.flush()
            if pointers := writer.take_pointers():
                conn.executemany(INSERT_POINTER, pointers)

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

    def claim_for_index(self, ids: list[str]) -> None:
        """Inside the caller's transaction, claim the queue entries of documents it has just
        written, for the index writer it holds (which indexes them from memory)."""
        if not self.conn.in_transaction:
            raise RuntimeError("claim_for_index belongs inside the transaction that wrote them")
        self.conn.executemany(
            "UPDATE index_queue SET claimed = 1 WHERE document_id = ?", [(i,) for i in ids]
        )

    def release_index_claims(self) -> None:
        """Unclaim every queue entry (claims left by an index writer that died)."""
        self.conn.execute("UPDATE index_queue SET claimed = 0 WHERE claimed = 1")

    def index_queue_size(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM index_queue").fetchone()[0])

    def document_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])


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
