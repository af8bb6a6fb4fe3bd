"""The search index: a tantivy index derived from the store and kept in step with it.

Layout beside the store file ``archive.db``::

    archive.db.index/
        CURRENT      {"format": 1, "directory": "g-...", "generation": "..."}, replaced atomically
        lock         held (flock) by the one process changing the index
        g-<id>/      a tantivy index; a full rebuild writes a new one, then switches CURRENT

Consistency protocol (a crash anywhere is detected and repaired, never a silent mismatch):

1. The store queues the id of every changed document in the same transaction as the change
   (triggers of schema migration 3), so what the index has not absorbed is always known.
2. The index writer, under the lock, claims queued ids, deletes them from the index and adds
   the stored documents back; repeating this is harmless. An ingest holding the index writer
   claims the documents it writes in the same transaction and hands over their index fields
   (built by the reader processes from the very objects it stored), so those are not read
   back; a change made after that transaction queues them again, unclaimed, to be read back.
3. Commit: the store records generation T as pending; tantivy commits; CURRENT names T; the
   store records T as committed and drops the claimed queue entries.

On open, an index whose CURRENT is missing, unreadable or of another format, that tantivy
cannot open, or whose generation is neither the store's committed nor its pending one, is
rebuilt from the store. Otherwise queued ids, and claims left by a writer that died, are
applied again (step 2). With an empty queue the index must hold exactly the store's documents
(count check), else it is rebuilt.

Why one module of about 460 lines: the consistency protocol above is one piece of logic
(open, repair, apply, commit, rebuild must agree on it); the pointer and lock files are in
``files``.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import tantivy

from centralfiles.errors import CentralfilesError, describe
from centralfiles.search.files import (
    POINTER,
    IndexLock,
    Pointer,
    index_root,
    pointer_stamp,
    read_pointer,
    write_pointer,
)
from centralfiles.search.schema import INDEX_FORMAT, SCHEMA, register_analyzers, tantivy_document
from centralfiles.search.source import stored_documents
from centralfiles.store.database import Store

LOCK_WAIT_SECONDS = 30.0
WRITER_HEAP_BYTES = 64_000_000  # per writer; memory is bounded by commits (below)
QUEUE_BATCH = 2000
COMMIT_EVERY_DOCUMENTS = 2_000  # tantivy holds uncommitted documents' columns in memory

Notice = Callable[[str], None]


class SearchIndexError(CentralfilesError):
    """The search index cannot be opened, locked or written."""


class SearchIndex:
    """The search index of one store; ``open`` it, then search through ``searcher()``."""

    def __init__(self, store: Store, root: Path, pointer: Pointer, index: tantivy.Index) -> None:
        self.store = store
        self.root = root
        self.pointer = pointer
        self.tantivy = index
        self.schema = SCHEMA
        #: documents queued in the store but not yet indexed (another process holds the lock)
        self.pending = 0
        #: opened as it is, without repairs (read-only archive, or an update that failed)
        self.frozen = False
        self._seen = pointer_stamp(root)

    # opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, store: Store, *, notice: Notice | None = None) -> SearchIndex:
        """Open the index of ``store``, repairing or rebuilding it if it is out of step.

        When the repair cannot be written (a read-only archive, a full disk), the index is
        used as it is, with a notice and ``pending`` saying how far behind it is; only an
        index that cannot be opened at all is an error then.
        """
        root = index_root(store.path)
        index = cls._open_current(store, root)
        if index is not None and index._in_step():
            return index
        if store.readonly:
            return cls._as_it_is(
                store, root, index, notice, "cannot be updated: the archive is read-only"
            )
        try:
            return cls._repaired(store, root, index, notice)
        except (OSError, ValueError, CentralfilesError) as error:
            if isinstance(error, SearchIndexError) and "locked" in str(error):
                raise
            reason = describe(error) or " ".join(str(error).split())
            return cls._as_it_is(store, root, index, notice, f"cannot be updated: {reason}")

    @classmethod
    def _as_it_is(
        cls, store: Store, root: Path, index: SearchIndex | None, notice: Notice | None, why: str
    ) -> SearchIndex:
        if index is None and not store.document_count():  # nothing to find: an empty index
            empty = tantivy.Index(SCHEMA)
            register_analyzers(empty)
            index = cls(store, root, Pointer("(in memory)", "", INDEX_FORMAT), empty)
        if index is None:
            raise SearchIndexError(
                f"{root}: the search index is missing or unusable, and it {why}; run "
                "`centralfiles reindex` where the archive can be written"
            )
        behind = store.index_queue_size() or abs(store.document_count() - index.searcher().num_docs)
        index.pending = behind
        index.frozen = True
        if notice and behind:
            notice(f"searching the index as it is (it {why}; {behind:,} documents not in step)")
        return index

    @classmethod
    def _repaired(
        cls, store: Store, root: Path, index: SearchIndex | None, notice: Notice | None
    ) -> SearchIndex:
        lock = IndexLock(root)
        if index is not None and not index._needs_rebuild():
            if lock.acquire(0):  # repair now; if an ingest holds the lock, it is doing it
                try:
                    with IndexSession(
                        store, root, lock, notice=notice, own_lock=False, merge=False
                    ) as session:
                        return session.index
                finally:
                    lock.release()
            index.pending = store.index_queue_size()
            return index
        if not lock.acquire(LOCK_WAIT_SECONDS):
            raise SearchIndexError(f"{root}: the search index is locked by another process")
        try:
            with IndexSession(store, root, lock, notice=notice, own_lock=False) as session:
                return session.index
        finally:
            lock.release()

    @classmethod
    def _open_current(cls, store: Store, root: Path) -> SearchIndex | None:
        pointer = read_pointer(root)
        if pointer is None or pointer.format != INDEX_FORMAT:
            return None
        try:
            index = tantivy.Index.open(str(root / pointer.directory))
        except (ValueError, OSError) as error:
            if not store.readonly and "lock" not in str(error).lower():
                return None
            index = _open_copy(root / pointer.directory)  # tantivy must lock, here it cannot
            if index is None:
                return None
        register_analyzers(index)
        return cls(store, root, pointer, index)

    def _needs_rebuild(self) -> str | None:
        """Why the index cannot be repaired by applying the queue, if it cannot."""
        generation, pending = self.store.index_state()
        if self.pointer.generation not in (generation, pending):
            return (
                f"its generation {self.pointer.generation[:8]} is not the store's "
                f"({(generation or 'none')[:8]})"
            )
        return None

    def _in_step(self) -> bool:
        generation, _ = self.store.index_state()
        if self.pointer.generation != generation or self.store.index_queue_size():
            return False
        return self.searcher().num_docs == self.store.document_count()

    # reading ------------------------------------------------------------------------------

    def searcher(self) -> tantivy.Searcher:
        return self.tantivy.searcher()

    def refresh(self) -> None:
        """Follow commits of other processes and apply queued changes (cheap when none)."""
        if self.frozen:
            return
        stamp = pointer_stamp(self.root)
        if stamp != self._seen:
            self._seen = stamp
            pointer = read_pointer(self.root)
            if pointer is not None and pointer.directory != self.pointer.directory:
                fresh = SearchIndex._open_current(self.store, self.root)
                if fresh is not None:
                    self.pointer, self.tantivy = fresh.pointer, fresh.tantivy
            elif pointer is not None:
                self.pointer = pointer
            self.tantivy.reload()
        if self.store.index_queue_size():
            try:
                self.sync()
            except (OSError, ValueError, CentralfilesError):  # a full disk: search as it is
                self.pending = self.store.index_queue_size()
        else:
            self.pending = 0

    def sync(self) -> int:
        """Apply queued changes now if no other process is changing the index.

        Returns the number of documents still waiting (0 when in step).
        """
        lock = IndexLock(self.root)
        if not lock.acquire(0):
            self.pending = self.store.index_queue_size()
            return self.pending
        try:
            with IndexSession(self.store, self.root, lock, own_lock=False, merge=False) as session:
                fresh = session.index
        finally:
            lock.release()
        self.pointer, self.tantivy, self.pending = fresh.pointer, fresh.tantivy, 0
        self._seen = pointer_stamp(self.root)
        return 0

    # writing ------------------------------------------------------------------------------

    def _commit(self, writer: tantivy.IndexWriter) -> int:
        """The tantivy commit (a seam for crash tests)."""
        return writer.commit()


class IndexSession:
    """The one writer of an index: applies the store's queue and commits (holds the lock).

    Used by ``ingest_paths`` for a whole run (``apply`` after each file, ``close`` at the
    end), by ``SearchIndex.open`` to repair, and by ``rebuild``.
    """

    def __init__(
        self,
        store: Store,
        root: Path,
        lock: IndexLock | None = None,
        *,
        notice: Notice | None = None,
        rebuild: str | None = None,
        own_lock: bool = True,
        merge: bool = True,
    ) -> None:
        self.store = store
        self.root = root
        self.lock = lock or IndexLock(root)
        self.writer: tantivy.IndexWriter | None = None
        self._own_lock = own_lock
        self._merge = merge
        self._uncommitted = 0
        self._must_commit = False
        if own_lock and not self.lock.acquire(LOCK_WAIT_SECONDS):
            raise SearchIndexError(f"{root}: the search index is locked by another process")
        try:
            index = None if rebuild else SearchIndex._open_current(store, root)
            reason = rebuild or (_unusable(root) if index is None else index._needs_rebuild())
            if reason is not None or index is None:
                if notice and store.document_count():
                    notice(f"rebuilding the search index: {reason}")
                self.index = self._rebuild()
                self.writer = self._open_writer(self.index.tantivy)
            else:
                self.index = index
                self._must_commit = index.pointer.generation != store.index_state()[0]
                store.release_index_claims()
                self.writer = self._open_writer(index.tantivy)
                self.apply()
                self.commit()
                if index.searcher().num_docs != store.document_count():
                    self._drop_writer()
                    if notice:
                        notice("rebuilding the search index: its document count differs")
                    self.index = self._rebuild()
                    self.writer = self._open_writer(self.index.tantivy)
        except BaseException:
            self.close(commit=False)
            raise

    def __enter__(self) -> IndexSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(commit=exc[0] is None)

    # the queue ----------------------------------------------------------------------------

    def apply(self, prepared: Mapping[str, dict[str, Any]] | None = None) -> int:
        """Index the queued documents (delete, then add the stored version); returns how many.

        ``prepared`` maps the ids of documents the caller has just written and claimed in the
        same transaction (``Store.claim_for_index``) to their index fields
        (``schema.index_fields``); they are indexed from those, not read back. A document
        changed again since is queued again, unclaimed, and read back below. Commits when
        enough documents have accumulated; ``close`` commits the rest.
        """
        applied = 0
        writer = self.writer
        for document_id, fields in (prepared or {}).items():
            writer.delete_documents_by_term("id", document_id)
            writer.add_document(tantivy.Document(**fields))
        applied = len(prepared or ())
        self._uncommitted += applied
        if self._uncommitted >= COMMIT_EVERY_DOCUMENTS:  # after all of them: the commit drops
            self.commit()  # every claimed entry, so none may be left out of it
        while True:
            after, claimed = "", 0
            while ids := self.store.claim_index_queue(after, QUEUE_BATCH):
                after = ids[-1]
                claimed += len(ids)
                for document_id in ids:
                    self.writer.delete_documents_by_term("id", document_id)
                for doc in stored_documents(self.store, ids):
                    self.writer.add_document(tantivy_document(doc))
                self._uncommitted += len(ids)
                if self._uncommitted >= COMMIT_EVERY_DOCUMENTS:  # bounded memory
                    self.commit()  # drops the entries claimed so far, all of them applied
            if not claimed:  # a pass over the queue found nothing re-queued behind it
                break
            applied += claimed
        return applied

    def commit(self) -> None:
        """Make applied changes visible and drop them from the store's queue (protocol step 3)."""
        if not self._uncommitted and not self._must_commit:
            return
        generation = uuid.uuid4().hex
        self.store.set_index_pending(generation)
        self.index._commit(self.writer)
        pointer = Pointer(self.index.pointer.directory, generation, INDEX_FORMAT)
        write_pointer(self.root, pointer)
        self.store.set_index_committed(generation)
        self.index.pointer = pointer
        self.index.tantivy.reload()
        self._uncommitted, self._must_commit = 0, False
        self._last_commit = time.monotonic()

    def close(self, *, commit: bool = True) -> None:
        """Commit what was applied (unless ``commit=False``), wait for merges, unlock."""
        try:
            if commit and self.writer is not None:
                self.apply()
                self.commit()
                if self._merge:
                    writer, self.writer = self.writer, None
                    writer.wait_merging_threads()
        finally:
            self._drop_writer()
            if self._own_lock:
                self.lock.release()

    # rebuilding ---------------------------------------------------------------------------

    def _rebuild(self) -> SearchIndex:
        """Write a new index from every stored document, then switch CURRENT to it."""
        self.root.mkdir(parents=True, exist_ok=True)
        directory = f"g-{uuid.uuid4().hex[:16]}"
        path = self.root / directory
        path.mkdir()
        index = tantivy.Index(SCHEMA, path=str(path))
        register_analyzers(index)
        self.writer = self._open_writer(index)
        self.store.claim_index_queue(limit=None)
        for count, doc in enumerate(stored_documents(self.store), 1):
            self.writer.add_document(tantivy_document(doc))
            if count % COMMIT_EVERY_DOCUMENTS == 0:  # bounded memory; CURRENT is unchanged
                self.writer.commit()
        fresh = SearchIndex(self.store, self.root, Pointer(directory, "", INDEX_FORMAT), index)
        self.index = fresh
        self._uncommitted, self._must_commit = 0, True
        self.commit()
        writer, self.writer = self.writer, None
        writer.wait_merging_threads()
        fresh._seen = pointer_stamp(self.root)
        for old in self.root.glob("g-*"):
            if old.name != directory:
                shutil.rmtree(old, ignore_errors=True)
        for leftover in self.root.glob(f"{POINTER}.*.tmp"):
            leftover.unlink(missing_ok=True)
        return fresh

    # tantivy writer -----------------------------------------------------------------------

    @staticmethod
    def _open_writer(index: tantivy.Index) -> tantivy.IndexWriter:
        threads = max(1, min(2, os.cpu_count() or 1))
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                writer = index.writer(WRITER_HEAP_BYTES, threads)
                # files a writer killed mid-commit left behind would collide with the names
                # the next commit writes ("FileAlreadyExists ... .del"): remove them first
                writer.garbage_collect_files()
                return writer
            except ValueError as error:
                if "LockBusy" not in str(error) or time.monotonic() >= deadline:
                    raise SearchIndexError(f"cannot write the search index: {error}") from None
                time.sleep(0.05)

    def _drop_writer(self) -> None:
        writer, self.writer = self.writer, None
        if writer is not None:
            writer.rollback()
            del writer  # dropping the writer releases tantivy's own lock


def rebuild(store: Store) -> SearchIndex:
    """Rebuild the search index of ``store`` from scratch (``centralfiles reindex``)."""
    root = index_root(store.path)
    with IndexSession(store, root, rebuild="requested") as session:
        return session.index


def open_session(store: Store, *, notice: Notice | None = None) -> IndexSession:
    """An ``IndexSession`` holding the index lock (waiting for it up to 30 s)."""
    return IndexSession(store, index_root(store.path), notice=notice)


def _unusable(root: Path) -> str:
    """Why the index under ``root`` cannot be opened."""
    pointer = read_pointer(root)
    if pointer is not None and pointer.format != INDEX_FORMAT:
        return f"it has format {pointer.format}; this centralfiles writes format {INDEX_FORMAT}"
    return "it is missing or unreadable"


def iter_index_ids(index: SearchIndex) -> Iterator[str]:
    """Every document id in the index (for checks and tests)."""
    searcher = index.searcher()
    count = searcher.num_docs
    if not count:
        return
    for _score, address in searcher.search(tantivy.Query.all_query(), count).hits:
        yield searcher.doc(address)["id"][0]


def index_problems(store: Store) -> list[str]:
    """What is wrong with the store's search index, read without repairing anything."""
    root = index_root(store.path)
    index = SearchIndex._open_current(store, root)
    if index is None:
        return [f"{root}: the search index {_unusable(root)}; `centralfiles reindex` rebuilds it"]
    problems = []
    queued = store.index_queue_size()
    if queued:
        problems.append(f"{root}: {queued:,} changed documents are not indexed yet")
    elif index.searcher().num_docs != store.document_count():
        problems.append(
            f"{root}: the index holds {index.searcher().num_docs:,} documents, the store "
            f"{store.document_count():,}; `centralfiles reindex` rebuilds it"
        )
    if problems == [] and index._needs_rebuild():
        problems.append(f"{root}: {index._needs_rebuild()}; `centralfiles reindex` rebuilds it")
    return problems


def _open_copy(directory: Path) -> tantivy.Index | None:
    """Open a temporary copy of a tantivy directory that cannot be locked where it is (a
    read-only or immutable archive); the copy is removed when the process ends."""
    try:
        copy = Path(tempfile.mkdtemp(prefix="centralfiles-index-"))
        atexit.register(shutil.rmtree, copy, True)
        shutil.copytree(directory, copy / "index", ignore=shutil.ignore_patterns("*.lock"))
        return tantivy.Index.open(str(copy / "index"))
    except (OSError, ValueError):
        return None
