"""One read-only ``Archive`` per worker thread, opened on first use and kept for the next
request the thread serves (a SQLite connection belongs to the thread that opened it). The
threads are capped (``THREADS``), so the archives, and the index maps they hold, stay few."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import Any

from fastapi import Request

from centralfiles.archive import Archive


class ArchivePool:
    """Hands each thread its own ``Archive`` over the same store file."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._opened: list[Archive] = []
        self._lock = threading.Lock()

    def get(self) -> Archive:
        archive = getattr(self._local, "archive", None)
        if archive is None:
            archive = Archive(self.path, mode="ro")
            self._local.archive = archive
            with self._lock:
                self._opened.append(archive)
        return archive

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for archive in opened:
            # a connection of another thread may refuse; the OS frees it with the process
            with contextlib.suppress(Exception):
                archive.close()


class ThreadArchive:
    """Stands for the ``Archive`` of whichever thread uses it.

    FastAPI resolves a sync dependency in one worker-thread call and runs the endpoint in
    another, so the dependency cannot hand over a thread's archive itself: every attribute
    is looked up, at use, on the archive of the thread that uses it.
    """

    def __init__(self, pool: ArchivePool) -> None:
        self._pool = pool

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pool.get(), name)


def archive(request: Request) -> Archive:
    """FastAPI dependency: the archive of the thread that serves the request."""
    return ThreadArchive(request.app.state.archives)  # type: ignore[return-value]
