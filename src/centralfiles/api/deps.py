"""One read-only ``Archive`` per worker thread, opened on first use and kept for the next
request the thread serves (a SQLite connection belongs to the thread that opened it)."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

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


def archive(request: Request) -> Archive:
    """FastAPI dependency: the calling thread's archive."""
    pool: ArchivePool = request.app.state.archives
    return pool.get()
