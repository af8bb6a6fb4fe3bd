"""Streaming an export over HTTP: a producer thread with an archive of its own (a SQLite
connection belongs to the thread that opened it, and a response's chunks are pulled from
whichever worker thread is free) fills a small bounded queue that the response drains.
The queue bounds memory whatever the size of the export; a client that goes away closes the
generator, which tells the producer to stop at its next chunk."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from pathlib import Path

from centralfiles.archive import Archive
from centralfiles.export import iter_chunks

_DONE = object()


def stream_export(path: Path, ids: list[str], format: str, *, depth: int = 8) -> Iterator[bytes]:
    """The export of ``ids`` in ``format`` as byte chunks, produced on another thread."""
    chunks: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                chunks.put(item, timeout=0.5)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            with Archive(path, mode="ro") as archive:
                for chunk in iter_chunks(archive.rows(ids), format):
                    if chunk and not put(chunk):
                        return
        except BaseException as error:  # handed to the response, which fails the transfer
            put(error)
            return
        put(_DONE)

    producer = threading.Thread(target=produce, name="centralfiles-export", daemon=True)
    producer.start()
    try:
        while True:
            item = chunks.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        stop.set()
