"""Downloading a list of volumes and authorities into a data folder, verified, ``--jobs`` at a
time: the download half of ``centralfiles get`` (the archive then ingests what came).

Files land in ``<data>/volumes/<id>.xml`` and ``<data>/authorities/<file>``; a manifest
(``<data>/downloads.json``) records each file's source, size, SHA-256 and time, so a second
``get`` of the same volume does not download it again unless ``refresh`` is set (and a file
that no longer matches its recorded hash is downloaded again).
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from centralfiles.errors import FetchError
from centralfiles.fetch.download import Downloader
from centralfiles.fetch.sources import AUTHORITIES, Mirror, check_volume_id
from centralfiles.fetch.verify import verify_authority, verify_volume


@dataclass
class Got:
    """One requested name (a volume id, "people" or "pocom") and what became of it."""

    name: str
    kind: str  # "volume" | "authority"
    source: str
    path: str | None = None
    size: int | None = None
    sha256: str | None = None
    resumed_from: int = 0
    downloaded: bool = False  # False: the verified copy from an earlier run was kept
    error: str | None = None

    def to_json(self) -> dict[str, object]:
        return asdict(self)


#: called with (name, bytes done, total bytes or None)
ByteProgress = Callable[[str, int, "int | None"], None]


def fetch_all(
    names: list[str],
    mirror: Mirror,
    data: Path,
    downloader: Downloader,
    *,
    jobs: int = 4,
    refresh: bool = False,
    progress: ByteProgress | None = None,
) -> list[Got]:
    """Download and verify every name; one failure does not stop the others."""
    manifest = _Manifest(data / "downloads.json")

    def one(name: str) -> Got:
        if name in AUTHORITIES:
            got = Got(name, "authority", mirror.authority(name))
            dest = data / "authorities" / AUTHORITIES[name][0]
        else:
            got = Got(name, "volume", "")
            try:
                got.source = mirror.volume(check_volume_id(name))
            except FetchError as error:
                got.error = error.message
                return got
            dest = data / "volumes" / f"{name}.xml"
        try:
            kept = None if refresh else manifest.kept(name, got.source, dest)
            if kept is not None:
                got.path, got.size, got.sha256 = str(dest), kept[0], kept[1]
                return got

            def check(part: Path) -> None:
                if got.kind == "volume":
                    verify_volume(part, name, source=got.source)
                else:
                    verify_authority(part, name, source=got.source)

            report = (lambda done, total: progress(name, done, total)) if progress else None
            fetched = downloader.fetch(got.source, dest, progress=report, check=check)
        except FetchError as error:
            got.error = error.message
            return got
        got.path, got.size, got.sha256 = str(fetched.path), fetched.size, fetched.sha256
        got.resumed_from, got.downloaded = fetched.resumed_from, True
        manifest.record(got)
        return got

    unique = list(dict.fromkeys(names))
    with ThreadPoolExecutor(max(1, min(jobs, len(unique) or 1))) as pool:
        return list(pool.map(one, unique))


class _Manifest:
    """``downloads.json``: what each downloaded file is (thread-safe, written atomically)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()
        try:
            self.data: dict[str, dict[str, object]] = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            self.data = {}

    def kept(self, name: str, source: str, dest: Path) -> tuple[int, str] | None:
        """``(size, sha256)`` of an earlier verified download of ``name`` from ``source`` that
        is still intact on disk; None otherwise."""
        entry = self.data.get(name)
        if not entry or entry.get("source") != source or not dest.is_file():
            return None
        size = dest.stat().st_size
        if size != entry.get("size"):
            return None
        digest = hashlib.sha256()
        with dest.open("rb") as handle:
            while chunk := handle.read(1024 * 1024):
                digest.update(chunk)
        if digest.hexdigest() != entry.get("sha256"):
            return None
        return size, digest.hexdigest()

    def record(self, got: Got) -> None:
        now = datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()
        with self.lock:
            self.data[got.name] = {"source": got.source, "path": got.path, "size": got.size,
                                   "sha256": got.sha256, "fetched": now}  # fmt: skip
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(self.path.name + ".tmp")
            temporary.write_text(json.dumps(self.data, indent=1, sort_keys=True), "utf-8")
            with contextlib.suppress(OSError):
                os.replace(temporary, self.path)
