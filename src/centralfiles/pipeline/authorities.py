"""Importing the Office of the Historian's authorities (the people registry, POCOM) into the
store: each path read as a stream and written in one transaction (``store.authorities``).

Nothing is downloaded here: the paths are the published archives (``hsg-people.tar.gz``,
``pocom.tar.gz``) or checkouts of HistoryAtState/people and HistoryAtState/pocom.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from centralfiles.readers.authorities import read_authority
from centralfiles.store.authorities import replace_authority
from centralfiles.store.database import Store


@dataclass
class AuthorityImport:
    """What one path gave: its dataset ("people" or "pocom"), how many records, how long."""

    path: str
    kind: str
    records: int
    seconds: float
    sha256: str


def import_authorities(
    store: Store,
    paths: Iterable[str | Path],
    progress: Callable[[str, int], None] | None = None,
) -> list[AuthorityImport]:
    """Import each path; a bad one raises ``InputError`` and leaves its dataset as it was."""
    done = []
    for path in paths:
        started = time.perf_counter()
        digest = _sha256(Path(path))
        kind, records = read_authority(path)
        count = replace_authority(
            store, kind, records, path=str(path), sha256=digest,
            progress=(lambda n, k=kind: progress(k, n)) if progress else None,
        )  # fmt: skip
        done.append(AuthorityImport(str(path), kind, count, time.perf_counter() - started, digest))
    return done


def _sha256(path: Path) -> str:
    """The archive's content hash ("folder" for a checkout: its files are hashed by git)."""
    if path.is_dir():
        return "folder"
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(2**20), b""):
                digest.update(block)
    except OSError:
        return ""  # the reader reports the problem, naming the file
    return digest.hexdigest()
