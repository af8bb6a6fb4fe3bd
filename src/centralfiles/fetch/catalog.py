"""The volumes available to ``get``: ids with titles and years, from the repository's listing.

The listing is GitHub's list of ``volumes/`` (one API request) for the official repository,
the ``volumes/`` index page of an HTTP mirror (the links ending in ``.xml``: what
``python -m http.server``, nginx and Apache print), or the folder of a local mirror. Titles,
publication years and the years covered come from each volume's record in ``bibliography/``,
fetched once and kept. The whole catalog is cached as JSON beside the store, with the date it
was listed; ``--refresh`` lists again. Offline, the cached list is used (and says how old it
is), else the stored volumes.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from centralfiles.errors import FetchError
from centralfiles.fetch.download import Downloader
from centralfiles.fetch.sources import VOLUME_ID, Mirror

_HREF = re.compile(r"""href\s*=\s*["']?([^"' >]+\.xml)["' >]""", re.IGNORECASE)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass
class CatalogEntry:
    """One volume: its id, title, publication year and the years it covers (when known)."""

    id: str
    title: str | None = None
    published: str | None = None
    coverage: str | None = None
    size: int | None = None


@dataclass
class Catalog:
    """The available volumes, where the list came from and when it was made."""

    entries: list[CatalogEntry]
    source: str
    listed: str | None = None  # ISO time of the listing
    cached: bool = False  # read from the cache rather than listed now
    note: str | None = None  # why the list may be out of date
    stored: list[str] = field(default_factory=list)

    def ids(self) -> list[str]:
        return [entry.id for entry in self.entries]

    def to_json(self) -> dict[str, Any]:
        stored = set(self.stored)
        return {
            "source": self.source,
            "listed": self.listed,
            "cached": self.cached,
            "note": self.note,
            "volumes": [asdict(e) | {"stored": e.id in stored} for e in self.entries],
        }


def suggest(volume_id: str, known: list[str]) -> list[str]:
    """Close ids for a mistyped one: "frus1964-68v31" -> ["frus1964-68v13", ...]."""
    return difflib.get_close_matches(volume_id, known, n=3, cutoff=0.8)


def load_catalog(
    cache: Path,
    mirror: Mirror,
    downloader: Downloader,
    *,
    refresh: bool = False,
    stored: list[dict[str, Any]] | None = None,
    jobs: int = 4,
    titles: bool = True,
) -> Catalog:
    """The catalog of ``mirror``: the cache unless ``refresh`` (or none is cached for this
    mirror), else a new listing; offline, the cache or the ``stored`` volumes. ``titles``
    False lists the ids only (what a suggestion for a mistyped id needs)."""
    stored = stored or []
    stored_ids = [volume["id"] for volume in stored]
    old = _read_cache(cache, mirror)
    if old is not None and not refresh:
        old.stored = stored_ids
        return old
    try:
        catalog = _list(mirror, downloader, old, jobs if titles else 0)
    except FetchError as error:
        if not error.retry and "not found" not in error.message:
            raise
        why = error.message
        if old is not None:
            old.note = f"could not list {mirror.describe()} ({why}); this list is from {old.listed}"
            old.stored = stored_ids
            return old
        entries = [CatalogEntry(v["id"], v.get("title")) for v in stored]
        return Catalog(entries, "the stored volumes", None, True,
                       f"could not list {mirror.describe()} ({why}); showing the stored volumes",
                       stored_ids)  # fmt: skip
    catalog.stored = stored_ids
    _write_cache(cache, mirror, catalog)
    return catalog


def _list(mirror: Mirror, downloader: Downloader, old: Catalog | None, jobs: int) -> Catalog:
    listing = mirror.listing()
    sizes: dict[str, int | None] = {}
    if mirror.local:
        folder = Path(listing)
        if not folder.is_dir():
            raise FetchError(f"{folder}: not found (the mirror has no volumes/ folder)")
        for path in folder.glob("*.xml"):
            if VOLUME_ID.fullmatch(path.stem):
                sizes[path.stem] = path.stat().st_size
    elif mirror.official:
        try:
            items = json.loads(downloader.get_bytes(listing))
        except ValueError:
            raise FetchError(f"{listing}: the listing is not JSON", retry=True) from None
        for item in items if isinstance(items, list) else []:
            name = str(item.get("name", ""))
            if name.endswith(".xml") and VOLUME_ID.fullmatch(name[:-4]):
                sizes[name[:-4]] = item.get("size")
    else:
        page = downloader.get_bytes(listing).decode("utf-8", "replace")
        for href in _HREF.findall(page):
            name = href.rsplit("/", 1)[-1][:-4]
            if VOLUME_ID.fullmatch(name):
                sizes[name] = None
    known = {entry.id: entry for entry in (old.entries if old else [])}
    entries = [
        CatalogEntry(volume_id, size=size) if volume_id not in known
        else CatalogEntry(**{**asdict(known[volume_id]), "size": size})
        for volume_id, size in sorted(sizes.items())
    ]  # fmt: skip
    missing = [entry for entry in entries if entry.title is None]
    if jobs and missing:  # jobs 0: ids only
        with ThreadPoolExecutor(jobs) as pool:
            list(pool.map(lambda entry: _describe(entry, mirror, downloader), missing))
    listed = datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()
    return Catalog(entries, mirror.describe(), listed)


def _describe(entry: CatalogEntry, mirror: Mirror, downloader: Downloader) -> None:
    """Title and years from the volume's bibliographic record; left unknown without one."""
    where = mirror.bibliography(entry.id)
    try:
        if mirror.local:
            data = Path(where).read_bytes() if Path(where).is_file() else b""
        else:
            data = downloader.get_bytes(where, limit=1024 * 1024)
        root = etree.fromstring(data, _PARSER) if data else None
    except (FetchError, OSError, etree.XMLSyntaxError):
        return
    if root is None:
        return

    def text(path: str) -> str | None:
        found = root.find(path)
        value = " ".join("".join(found.itertext()).split()) if found is not None else ""
        return value or None

    entry.title = text("title[@type='complete']") or text("title")
    entry.published = text("published-year")
    start, end = text("coverage[@type='from']"), text("coverage[@type='to']")
    entry.coverage = f"{start}–{end}" if start and end and start != end else start or end


def _read_cache(cache: Path, mirror: Mirror) -> Catalog | None:
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("mirror") != mirror.base:
            return None
        entries = [CatalogEntry(**entry) for entry in data["volumes"]]
        return Catalog(entries, data["source"], data.get("listed"), cached=True)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_cache(cache: Path, mirror: Mirror, catalog: Catalog) -> None:
    data = {"mirror": mirror.base, "source": catalog.source, "listed": catalog.listed,
            "volumes": [asdict(entry) for entry in catalog.entries]}  # fmt: skip
    cache.parent.mkdir(parents=True, exist_ok=True)
    temporary = cache.with_name(cache.name + ".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    with contextlib.suppress(OSError):
        os.replace(temporary, cache)
