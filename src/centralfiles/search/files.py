"""The index folder's own files: the ``CURRENT`` pointer (replaced atomically) and the lock.

``archive.db.index/CURRENT`` names the live tantivy directory and the generation it last
committed; ``archive.db.index/lock`` is held (``flock``) by the one process changing the index.
The protocol that uses them is described in ``centralfiles.search.index``.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from centralfiles.search.schema import INDEX_FORMAT

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: tantivy's own writer lock still applies
    fcntl = None  # type: ignore[assignment]

POINTER = "CURRENT"
LOCK_FILE = "lock"


def index_root(db_path: str | os.PathLike[str]) -> Path:
    """The index folder of a store file: ``<db>.index``."""
    return Path(f"{os.fspath(db_path)}.index")


@dataclass(frozen=True)
class Pointer:
    """CURRENT: the live tantivy directory and the generation it last committed."""

    directory: str
    generation: str
    format: int = INDEX_FORMAT


def read_pointer(root: Path) -> Pointer | None:
    try:
        data = json.loads((root / POINTER).read_text(encoding="utf-8"))
        return Pointer(str(data["directory"]), str(data["generation"]), int(data["format"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_pointer(root: Path, pointer: Pointer) -> None:
    data = {"format": pointer.format, "directory": pointer.directory}
    data["generation"] = pointer.generation
    temporary = root / f"{POINTER}.{uuid.uuid4().hex}.tmp"
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, root / POINTER)
    if hasattr(os, "O_DIRECTORY"):
        folder = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


class IndexLock:
    """An exclusive, process-wide lock on changing one index (``flock`` on ``lock``)."""

    def __init__(self, root: Path) -> None:
        self.path = root / LOCK_FILE
        self._handle: int | None = None

    def acquire(self, wait: float) -> bool:
        """Take the lock, waiting up to ``wait`` seconds; False when another process has it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        while fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(handle)
                    return False
                time.sleep(0.05)
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            os.close(self._handle)  # closing the descriptor releases the flock
            self._handle = None


def pointer_stamp(root: Path) -> tuple[int, int] | None:
    try:
        status = (root / POINTER).stat()
    except OSError:
        return None
    return status.st_ino, status.st_mtime_ns
