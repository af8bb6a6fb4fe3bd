"""Ingestion: find input files, read them, enrich the documents and write them to the store.

Each file is its own unit of work: a bad file is reported (path, line, problem) and leaves
nothing behind, while the good files of the same run are still ingested. A file whose
content hash is already stored is skipped, so re-running an ingest is a no-op.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from centralfiles.enrich import enrich
from centralfiles.errors import InputError
from centralfiles.model import Volume
from centralfiles.pipeline.counterparts import link_text_counterparts, link_volume_counterparts
from centralfiles.pipeline.links import resolve_pointers
from centralfiles.pipeline.prefetch import (
    Prefetcher,
    PreparedDocument,
    PreparedItem,
    prepared_items,
)
from centralfiles.readers.tei import EntryList
from centralfiles.readers.text import read_text, text_id
from centralfiles.readers.textio import read_text_file
from centralfiles.search.index import open_session
from centralfiles.store.database import Store

TEI_SUFFIXES = frozenset({".xml", ".tei"})
TEXT_SUFFIXES = frozenset({".txt"})
INPUT_SUFFIXES = TEI_SUFFIXES | TEXT_SUFFIXES

DocumentCallback = Callable[[str], None]  # called with each stored document's id


@dataclass
class Ingested:
    path: str
    volume: str
    documents: list[str]
    unchanged: bool = False
    #: the search-index fields of the documents just stored, for ``IndexSession.apply``
    index_fields: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "volume": self.volume,
            "documents": self.documents,
            "unchanged": self.unchanged,
        }


@dataclass
class Failed:
    path: str
    error: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "error": self.error}


@dataclass
class IngestReport:
    ingested: list[Ingested] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)

    @property
    def document_count(self) -> int:
        return sum(len(item.documents) for item in self.ingested if not item.unchanged)

    def to_json(self) -> dict[str, object]:
        return {
            "ingested": [item.to_json() for item in self.ingested],
            "failed": [item.to_json() for item in self.failed],
        }


def discover(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Failed]]:
    """Expand folders (recursively) to their TEI and text files, in a stable order.

    Every path that cannot be used is reported, one line each, and the rest go on: a missing
    or unreadable path, a symbolic-link loop, a folder that cannot be listed, something that
    is not a regular file (a FIFO would block the read forever).
    """
    files: list[Path] = []
    failed: list[Failed] = []

    def refuse(path: Path | str, problem: str) -> None:
        failed.append(Failed(str(path), f"{path}: {problem}"))

    for raw in paths:
        path = Path(raw)
        try:
            status = path.stat()
        except OSError as error:
            refuse(path, _os_problem(error))
            continue
        if stat.S_ISDIR(status.st_mode):
            found: list[Path] = []
            for folder, subfolders, names in os.walk(
                path, onerror=lambda error: refuse(error.filename, _os_problem(error))
            ):
                subfolders.sort()
                for name in names:
                    if Path(name).suffix.lower() not in INPUT_SUFFIXES:
                        continue
                    candidate = Path(folder, name)
                    problem = _unusable_file(candidate)
                    if problem:
                        refuse(candidate, problem)
                    else:
                        found.append(candidate)
            if not found and not any(f.path.startswith(str(path)) for f in failed):
                refuse(path, "no .xml or .txt files in this folder")
            files.extend(sorted(found))
        else:
            problem = _unusable_file(path)
            if problem:
                refuse(path, problem)
            else:
                files.append(path)
    return files, failed


def _os_problem(error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return "no such file or directory"
    if error.errno == errno.ELOOP:
        return "a loop of symbolic links"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return error.strerror or str(error)


def _unusable_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as an input file, or None."""
    try:
        status = path.stat()
    except OSError as error:
        return _os_problem(error)
    if not stat.S_ISREG(status.st_mode):
        return "not a regular file (a device, FIFO or socket); nothing was read"
    if not os.access(path, os.R_OK):
        return "permission denied"
    return None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def default_workers(tei_files: int) -> int:
    """Reader processes worth starting: one per core, at most one per volume, none for one."""
    if tei_files < 2:
        return 0
    return min(os.cpu_count() or 1, tei_files)


def ingest_paths(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    *,
    volume: str | None = None,
    on_document: DocumentCallback | None = None,
    on_file: Callable[[Path], None] | None = None,
    index: bool = True,
    workers: int | None = None,
) -> IngestReport:
    """Ingest files and folders; never raises for a bad input file.

    TEI volumes are read by ``workers`` processes (default: one per core when there are
    several volumes; 0 reads in this process) while this process stores them in order.
    The search index is brought in step after each file (``index=False`` leaves that to the
    next ``SearchIndex.open``, which applies the store's queue of changed documents).
    """
    files, failed = discover(paths)
    report = IngestReport(failed=failed)
    hashes: dict[Path, str] = {}
    fresh: list[Path] = []  # TEI volumes not stored yet in this exact version
    for path in files:
        if path.suffix.lower() in TEI_SUFFIXES:
            try:
                hashes[path] = file_sha256(path)
            except OSError:
                continue  # reported when the file's turn comes
            if store.volume_with_hash(hashes[path]) is None:
                fresh.append(path)
    workers = default_workers(len(fresh)) if workers is None else workers
    parallel = workers > 1 and len(fresh) > 1
    pending = deque(fresh)
    session = open_session(store) if index and files else None
    with ExitStack() as stack:
        if session is not None:
            stack.callback(session.close)
        if parallel:
            prefetcher = Prefetcher(fresh, workers, index=session is not None)
            prefetched = stack.enter_context(prefetcher).volumes()
        for path in files:
            if on_file:
                on_file(path)
            items = None
            if pending and path == pending[0]:
                pending.popleft()
                if parallel:
                    items = next(prefetched)[1]
            done = None
            try:
                done = ingest_file(
                    store,
                    path,
                    volume=volume,
                    on_document=on_document,
                    sha256=hashes.get(path),
                    items=items,
                    claim_for_index=session is not None,
                )
                report.ingested.append(done)
            except InputError as error:
                report.failed.append(Failed(str(path), str(error.with_path(str(path)))))
            except OSError as error:
                report.failed.append(Failed(str(path), f"{path}: {error.strerror or error}"))
            if session is not None:
                session.apply(done.index_fields if done is not None else None)
                if done is not None:
                    done.index_fields = {}
    return report


def ingest_file(
    store: Store,
    path: Path,
    *,
    volume: str | None = None,
    on_document: DocumentCallback | None = None,
    sha256: str | None = None,
    items: Iterator[PreparedItem] | None = None,
    claim_for_index: bool = False,
) -> Ingested:
    """Ingest one file in one transaction; raises ``InputError`` for a bad file.

    ``volume`` files plain-text documents under that volume (``VOL/dN``); TEI volumes
    name themselves. ``items`` are the volume's items when another process read them.
    ``claim_for_index`` (only for a caller holding the index session) claims a TEI volume's
    documents in the index queue in the same transaction, and the result carries their index
    fields for ``IndexSession.apply``.
    """
    suffix = path.suffix.lower()
    if suffix not in INPUT_SUFFIXES:
        expected = ", ".join(sorted(INPUT_SUFFIXES))
        raise InputError(f"unsupported file type {suffix or '(none)'!r}; expected {expected}")
    sha256 = sha256 or file_sha256(path)
    if suffix in TEXT_SUFFIXES:
        return _ingest_text(store, path, sha256, volume, on_document)
    stored = store.volume_with_hash(sha256)
    if stored is not None:
        return Ingested(str(path), stored, store.document_ids(stored), unchanged=True)
    items = items or prepared_items(path, index=claim_for_index)
    return _ingest_tei(store, path, sha256, on_document, items, claim_for_index)


def _ingest_text(
    store: Store,
    path: Path,
    sha256: str,
    volume: str | None,
    on_document: DocumentCallback | None,
) -> Ingested:
    stored = store.text_document_with_hash(sha256)
    if stored is not None and (volume is None or stored.startswith(f"{volume}/")):
        return Ingested(str(path), stored.split("/", 1)[0], [stored], unchanged=True)
    text = read_text_file(path)
    doc = enrich(read_text(text, volume=volume, name=str(path)))
    with store.transaction():
        doc = store.write_text_document(
            doc, source_path=str(path), sha256=sha256, text_id=text_id(text)
        )
        link_text_counterparts(store, doc)
        resolve_pointers(store, [doc.id])
    if on_document:
        on_document(doc.id)
    return Ingested(str(path), doc.volume, [doc.id])


def _ingest_tei(
    store: Store,
    path: Path,
    sha256: str,
    on_document: DocumentCallback | None,
    items: Iterator[PreparedItem],
    claim_for_index: bool,
) -> Ingested:
    volume = next(items)
    if not isinstance(volume, Volume):  # the readers always yield the volume first
        raise InputError("the TEI header was not found before the documents", path=str(path))
    ids: list[str] = []
    fields: dict[str, dict[str, Any]] = {}
    with store.write_volume(
        volume, source_path=str(path), sha256=sha256, hold_pointers=True
    ) as writer:
        for item in items:
            if isinstance(item, PreparedDocument):
                writer.add_rows(item.rows)
                ids.append(item.id)
                if claim_for_index:
                    fields[item.id] = item.index
                if on_document:
                    on_document(item.id)
            elif isinstance(item, EntryList):
                writer.add_entries(item.kind, item.entries)
        writer.flush()
        link_volume_counterparts(store, volume.id)  # in the same transaction
        resolve_pointers(store, ids, new_rows=writer.take_pointers())  # then inserted, resolved
        if not claim_for_index:
            return Ingested(str(path), volume.id, ids)
        # last, so that any later change to these documents queues them again: the index
        # session takes what is claimed here from ``fields`` instead of reading it back
        store.claim_for_index(list(fields))
    return Ingested(str(path), volume.id, ids, index_fields=fields)
