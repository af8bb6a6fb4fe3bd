"""Parallel reading of TEI volumes: worker processes parse and enrich, the caller stores.

SQLite has one writer, but parsing, the cable grammar and pointer extraction are pure CPU
work that other cores can do. Volumes are dealt to worker processes in turn; each worker
streams its volumes' items (header, lists, then each document prepared for the writer: its
store rows and its search-index fields, ``PreparedDocument``) in chunks through its own
bounded queue, so the caller receives every volume whole and in order while the next ones are
being read, and memory stays bounded by the queues (``workers * QUEUE_CHUNKS *
CHUNK_DOCUMENTS`` documents), not by the corpus. The writer only inserts what it receives:
tuples cross the process boundary several times cheaper than documents do, and nothing is
read back from the store to index it.

Workers never outlive the process that started them: each watches its parent (every
``PARENT_POLL_SECONDS``, and ``PR_SET_PDEATHSIG`` on Linux for the forkserver) and exits at
once when it is gone, even while blocked on a full queue -- so a ``kill -9`` of an ingest
leaves no reader, forkserver or resource tracker behind holding the terminal.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from centralfiles.enrich import enrich
from centralfiles.errors import InputError
from centralfiles.model import Document, Volume
from centralfiles.readers.tei import EntryList, VolumeItem, iter_volume
from centralfiles.search.schema import index_fields
from centralfiles.store.rows import DocumentRows, document_rows

CHUNK_DOCUMENTS = 64
QUEUE_CHUNKS = 16
POLL_SECONDS = 1.0
PARENT_POLL_SECONDS = 0.2


@dataclass
class _Failure:
    error: InputError


class PreparedDocument(NamedTuple):
    """One enriched document as the writer needs it: its store rows and its index fields."""

    rows: DocumentRows
    index: dict[str, Any]

    @property
    def id(self) -> str:
        return self.rows.id


PreparedItem = Volume | EntryList | PreparedDocument


def read_items(path: Path) -> Iterator[VolumeItem]:
    """A volume's items with every document enriched."""
    for item in iter_volume(path):
        yield enrich(item) if isinstance(item, Document) else item


def prepared_items(path: Path, *, index: bool = True) -> Iterator[PreparedItem]:
    """A volume's items with every document enriched and prepared (what a worker sends).

    Without ``index`` (nobody will index them from memory) the index fields are left empty.
    """
    seq = 0
    for item in read_items(path):
        if isinstance(item, Document):
            fields = index_fields(item) if index else {}
            yield PreparedDocument(document_rows(item, seq, "tei"), fields)
            seq += 1
        else:
            yield item


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - exists, owned by someone else
        return True
    return True


def _exit_with_parent(parent: int) -> None:
    """End this worker as soon as ``parent`` (the ingesting process) is gone."""
    if sys.platform.startswith("linux"):
        try:  # the direct parent (the forkserver) dying kills this process too
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - not glibc
            pass

    def watch() -> None:
        while _alive(parent):
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)  # nobody will read what this worker produces

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _worker(paths: list[Path], channel: Any, parent: int, index: bool) -> None:
    _exit_with_parent(parent)
    for path in paths:
        chunk: list[PreparedItem] = []
        try:
            for item in prepared_items(path, index=index):
                chunk.append(item)
                if len(chunk) >= CHUNK_DOCUMENTS:
                    channel.put(("items", chunk))
                    chunk = []
            channel.put(("items", chunk))
            channel.put(("end", None))
        except InputError as error:
            channel.put(("error", _Failure(error.with_path(str(path)))))
        except OSError as error:
            channel.put(
                ("error", _Failure(InputError(error.strerror or str(error), path=str(path))))
            )


class Prefetcher:
    """Reads ``paths`` in ``workers`` processes; ``volumes()`` yields them in order.

    ``index`` says whether the documents' index fields are wanted (see ``prepared_items``).
    """

    def __init__(self, paths: list[Path], workers: int, *, index: bool = True) -> None:
        self.paths = paths
        method = "forkserver" if sys.platform.startswith("linux") else "spawn"
        context = multiprocessing.get_context(method)  # never fork a process with threads
        self.workers = max(1, min(workers, len(paths)))
        self.channels = [context.Queue(maxsize=QUEUE_CHUNKS) for _ in range(self.workers)]
        self.processes = [
            context.Process(
                target=_worker,
                args=(paths[k :: self.workers], self.channels[k], os.getpid(), index),
                daemon=True,
                name=f"centralfiles-reader-{k}",
            )
            for k in range(self.workers)
        ]

    def __enter__(self) -> Prefetcher:
        for process in self.processes:
            process.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for process in self.processes:
            if process.is_alive():
                process.terminate()
            process.join(timeout=5)
        for channel in self.channels:
            channel.close()
            channel.cancel_join_thread()

    def volumes(self) -> Iterator[tuple[Path, Iterator[PreparedItem]]]:
        """``(path, items)`` in input order; ``items`` raises ``InputError`` for a bad file.

        Each ``items`` iterator must be consumed (or abandoned) before the next pair.
        """
        for index, path in enumerate(self.paths):
            worker = index % self.workers
            items = self._items(worker)
            yield path, items
            for _ in items:  # drain what the caller did not read (e.g. after an error)
                pass

    def _items(self, worker: int) -> Iterator[PreparedItem]:
        while True:
            kind, payload = self._get(worker)
            if kind == "items":
                yield from payload
            elif kind == "end":
                return
            else:
                raise payload.error

    def _get(self, worker: int) -> tuple[str, Any]:
        channel, process = self.channels[worker], self.processes[worker]
        while True:
            try:
                return channel.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not process.is_alive():
                    raise RuntimeError(
                        f"reader process {process.name} stopped (exit code {process.exitcode})"
                    ) from None
