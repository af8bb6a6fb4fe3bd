"""``Archive``: the library's front door, one object over the store, the pipeline and search.

A notebook, the CLI and (later) the HTTP API all go through it::

    from centralfiles import Archive

    with Archive("archive.db") as archive:
        archive.ingest(["../shared/frus"])
        doc = archive.document("frus1964-68v13/d331")
        results = archive.search('"force levels" year:1968', limit=5)

The lower-level pieces stay importable for those who need them: ``centralfiles.store.Store``,
``centralfiles.pipeline.ingest_paths``, ``centralfiles.search.Search``. This layer may import
everything below it (pipeline, search, store, enrich, readers, model) but no interface.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from platformdirs import user_data_dir

from centralfiles.citations import Citation, cite
from centralfiles.errors import FetchError, InputError, NotFoundError
from centralfiles.export import Row, check_format
from centralfiles.fetch import (
    AUTHORITIES,
    Catalog,
    Downloader,
    Got,
    fetch_all,
    load_catalog,
    mirror_from,
    suggest,
)
from centralfiles.fetch.get import ByteProgress
from centralfiles.model import Document, Volume
from centralfiles.pipeline import IngestReport, discover, ingest_paths
from centralfiles.pipeline.authorities import AuthorityImport, import_authorities
from centralfiles.pipeline.links import rebuild_pointers
from centralfiles.pipeline.network import people_network
from centralfiles.pipeline.people import (
    document_people,
    reconcile_volumes,
    record_document_people,
)
from centralfiles.pipeline.threads import conversation
from centralfiles.render import render_text
from centralfiles.search import Search, SearchResults, rebuild
from centralfiles.search.index import index_problems
from centralfiles.search.searcher import Sort
from centralfiles.store import Store, cable_report
from centralfiles.store.database import Mode, describe_sqlite_error
from centralfiles.store.people import find_people, person_record

Notice = Callable[[str], None]
Result = TypeVar("Result")
__all__ = ["AUTHORITIES", "Archive", "GetReport", "IngestProgress", "Mode", "default_path"]


def _guarded(method: Callable[..., Result]) -> Callable[..., Result]:
    """SQLite failures met anywhere below (a damaged page, a full disk) become one
    ``StoreError`` naming the store file and what to do."""

    @functools.wraps(method)
    def wrapper(self: Archive, *args: Any, **kwargs: Any) -> Result:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            raise describe_sqlite_error(self.path, error) from None

    return wrapper


class IngestProgress(Protocol):
    """What ``Archive.ingest`` reports while it works (a progress bar, a log)."""

    def file(self, path: Path) -> None:
        """A file is about to be read."""

    def document(self, document_id: str) -> None:
        """A document was stored (its id)."""


@dataclass
class GetReport:
    """What ``Archive.get`` did: each name's download, then the ingest and the imports."""

    got: list[Got] = field(default_factory=list)
    ingest: IngestReport | None = None
    authorities: list[AuthorityImport] = field(default_factory=list)

    @property
    def failed(self) -> list[str]:
        """One line per problem: downloads refused or failed, files that did not ingest."""
        lines = [got.error for got in self.got if got.error]
        if self.ingest is not None:
            lines += [failure.error for failure in self.ingest.failed]
        return lines

    def to_json(self) -> dict[str, object]:
        return {
            "downloads": [got.to_json() for got in self.got],
            "ingested": self.ingest.to_json()["ingested"] if self.ingest else [],
            "authorities": [vars(done) for done in self.authorities],
            "failed": self.failed,
        }


def default_path() -> Path:
    """``$CENTRALFILES_DB``, else ``centralfiles.db`` in the user data directory."""
    env = os.environ.get("CENTRALFILES_DB")
    if env:
        return Path(env)
    return Path(user_data_dir("centralfiles", appauthor=False)) / "centralfiles.db"


class Archive:
    """A centralfiles archive: one SQLite store file and the search index beside it.

    ``Archive()`` opens the default store (``$CENTRALFILES_DB`` or the user data directory),
    creating it when it does not exist. Use it as a context manager, or call ``close()``.
    ``mode="ro"`` opens it read-only (nothing is created or changed; a missing file reads as an
    empty archive) and ``"auto"`` writes only when the file can be written. ``notice``
    receives one-line messages about slow maintenance (an index rebuild).
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        mode: Mode = "rw",
        notice: Notice | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.notice = notice
        self.store = Store(self.path, mode=mode)
        self._search: Search | None = None

    @property
    def readonly(self) -> bool:
        return self.store.readonly

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Archive {str(self.path)!r}>"

    # writing -----------------------------------------------------------------------------

    @_guarded
    def ingest(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        volume: str | None = None,
        workers: int | None = None,
        progress: IngestProgress | None = None,
    ) -> IngestReport:
        """Ingest TEI volumes, plain-text documents or folders of them; never raises for a
        bad input file (each is reported in ``IngestReport.failed``)."""
        report = ingest_paths(
            self.store,
            list(paths),
            volume=volume,
            workers=workers,
            on_document=progress.document if progress else None,
            on_file=progress.file if progress else None,
        )
        new = sorted({item.volume for item in report.ingested if not item.unchanged})
        if new:
            reconcile_volumes(self.store, new)
            record_document_people(
                self.store, [d for item in report.ingested if not item.unchanged
                             for d in item.documents])  # fmt: skip
        return report

    @property
    def data_dir(self) -> Path:
        """Where downloads and the catalog cache go: ``$CENTRALFILES_DATA``, else the folder
        of the store file."""
        env = os.environ.get("CENTRALFILES_DATA")
        return Path(env) if env else self.path.resolve().parent

    @_guarded
    def get(
        self,
        names: Iterable[str],
        *,
        mirror: str | None = None,
        jobs: int = 4,
        ingest: bool = True,
        refresh: bool = False,
        downloader: Downloader | None = None,
        progress: ByteProgress | None = None,
        ingest_progress: IngestProgress | None = None,
    ) -> GetReport:
        """Download volumes (ids) and authorities ("people", "pocom") from the official
        repositories or ``mirror`` (else ``$CENTRALFILES_MIRROR``), verify them, then ingest
        the volumes and import the authorities (unless ``ingest`` is False). Never raises for
        one bad name: each problem is a line of ``GetReport.failed``."""
        source = mirror_from(mirror)
        names = list(dict.fromkeys(names))
        own = downloader is None
        downloader = downloader or Downloader()
        data = self.data_dir / "downloads"
        try:
            got = fetch_all(names, source, data, downloader, jobs=jobs, refresh=refresh,
                            progress=progress)  # fmt: skip
            for item in got:
                if item.error and item.kind == "volume" and "not found" in item.error:
                    item.error += self._did_you_mean(item.name, source, downloader)
        finally:
            if own:
                downloader.close()
        report = GetReport(got)
        if not ingest:
            return report
        volumes = [
            item.path for item in got if item.kind == "volume" and item.path and not item.error
        ]
        if volumes:
            report.ingest = self.ingest(volumes, progress=ingest_progress)
        authorities = [
            item.path for item in got if item.kind == "authority" and item.path and not item.error
        ]
        if authorities:
            report.authorities = self.import_authorities(authorities)
        return report

    def _did_you_mean(self, volume_id: str, source: object, downloader: Downloader) -> str:
        try:
            known = self.catalog(mirror=source, downloader=downloader, titles=False).ids()
        except FetchError:
            return ""
        if known and volume_id not in known:
            close = suggest(volume_id, known)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            volumes = f"{len(known)} volume{'s' if len(known) != 1 else ''}"
            return f" ({volume_id} is not in the catalog of {volumes}{hint})"
        return ""

    @_guarded
    def catalog(
        self,
        *,
        mirror: object = None,
        refresh: bool = False,
        downloader: Downloader | None = None,
        jobs: int = 8,
        titles: bool = True,
    ) -> Catalog:
        """The volumes available from the official repository (or ``mirror``): the cached
        list unless ``refresh``; offline, the cache or the stored volumes."""
        source = mirror if not isinstance(mirror, str | None) else mirror_from(mirror)
        own = downloader is None
        downloader = downloader or Downloader(retries=1)
        try:
            return load_catalog(self.data_dir / "downloads" / "catalog.json", source, downloader,
                                refresh=refresh, stored=self.store.volumes(), jobs=jobs,
                                titles=titles)  # fmt: skip
        finally:
            if own:
                downloader.close()

    @staticmethod
    def input_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
        """The files ``ingest`` would read for ``paths`` (folders walked), in order."""
        return discover(paths)[0]

    @_guarded
    def reindex(self) -> int:
        """Rebuild the search index from the store; returns the number of documents indexed."""
        self._search = None
        rebuild_pointers(self.store)  # derived too: extracted and resolved again
        return rebuild(self.store).searcher().num_docs

    def check(self) -> list[str]:
        """Problems found in the store (``PRAGMA integrity_check``) and in the search index
        (can it be opened, does it hold what the store holds); ``[]`` when all is well."""
        problems: list[str] = []
        try:
            rows = self.store.conn.execute("PRAGMA integrity_check").fetchall()
            found = [row[0] for row in rows if row[0] != "ok"]
        except sqlite3.DatabaseError as error:
            found = [str(error)]
        problems += [f"{self.path}: {line}" for line in found]
        if found:
            advice = (
                f"{self.path}: the store file is damaged; restore it from a backup (the search "
                "index is derived: `centralfiles reindex` rebuilds it from a sound store)"
            )
            return [*problems, advice]
        problems += index_problems(self.store)
        return problems

    # reading -----------------------------------------------------------------------------

    @_guarded
    def document(self, document_id: str) -> Document:
        """One document by id; raises ``NotFoundError`` (with a hint) when it is not stored."""
        return self.store.document(document_id)

    @_guarded
    def plain_text(self, document_id: str) -> str:
        """The document as its plain-text edition: heading, body, numbered note list."""
        return render_text(self.document(document_id))

    @_guarded
    def volumes(self) -> list[dict[str, Any]]:
        """Stored volumes with their document counts, in id order."""
        return self.store.volumes()

    @_guarded
    def volume(self, volume_id: str) -> Volume:
        """One volume's header facts; raises ``NotFoundError`` when it is not stored."""
        return self.store.volume(volume_id)

    @_guarded
    def stats(self) -> dict[str, int]:
        """Store-wide counts (volumes, documents, footnotes, ...)."""
        return self.store.stats()

    @_guarded
    def cables(self, volume: str | None = None) -> dict[str, Any]:
        """The cable audit over the store, or over one volume (which must be stored)."""
        if volume is not None:
            self.store.volume(volume)  # a clear error for an unknown volume
        return cable_report(self.store, volume)

    @_guarded
    def volume_contents(self, volume_id: str) -> dict[str, Any]:
        """A volume's header facts and its chapter tree, documents in printed order.

        ``{"volume": {...}, "documents": N, "date_range": [min, max], "chapters": [{"title",
        "documents": [...], "chapters": [...]}], "documents_outside_chapters": [...]}``
        """
        volume = self.store.volume(volume_id)
        documents = self.store.volume_documents(volume_id)
        root: dict[str, Any] = {"title": None, "documents": [], "chapters": []}
        for doc in documents:
            node = root
            for title in doc.pop("chapters"):
                if not node["chapters"] or node["chapters"][-1]["title"] != title:
                    node["chapters"].append({"title": title, "documents": [], "chapters": []})
                node = node["chapters"][-1]
            node["documents"].append(doc)
        dates = [d["date"] or d["date_min"] for d in documents if d["date"] or d["date_min"]]
        return {
            "volume": volume.to_json(),
            "documents": len(documents),
            "date_range": [min(dates), max(dates)] if dates else [None, None],
            "chapters": root["chapters"],
            "documents_outside_chapters": root["documents"],
        }

    @_guarded
    def date_ranges(self) -> dict[str, tuple[str | None, str | None]]:
        """Per volume, the earliest and latest document date."""
        return self.store.document_date_ranges()

    @_guarded
    def neighbours(self, document_id: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """The previous and next document of the same volume (id, number, title), or None."""
        return self.store.neighbours(document_id)

    @_guarded
    def counterpart(self, doc: Document) -> Document | None:
        """The document ``doc`` is the same as (text ↔ TEI), when one is stored."""
        for link in doc.links:
            if link.kind == "same-as":
                try:
                    return self.store.document(link.target)
                except NotFoundError:
                    return None
        return None

    @_guarded
    def citation(self, document_id: str, style: str = "hsg") -> Citation:
        """The document cited in ``style`` (see ``centralfiles.citations.STYLES``); a text
        document cites its published counterpart when it has one."""
        doc = self.document(document_id)
        volume = self._volume_or_none(doc.volume)
        counterpart = (
            self.counterpart(doc) if doc.id.startswith("text/") or volume is None else None
        )
        counterpart_volume = self._volume_or_none(counterpart.volume) if counterpart else None
        return cite(
            doc,
            volume,
            style,
            counterpart=counterpart,
            counterpart_volume=counterpart_volume,
        )

    def _volume_or_none(self, volume_id: str) -> Volume | None:
        try:
            volume = self.store.volume(volume_id)
        except NotFoundError:
            return None
        return volume if volume.title else None  # "text" holds loose plain-text documents

    @_guarded
    def links(self, document_id: str) -> dict[str, Any]:
        """References out (with their resolution, or why not), in ("cited by": pointers of
        other documents that resolve here), and archival neighbours (same file code or lot,
        nearest in date first)."""
        doc = self.document(document_id)
        out = [
            {"target": r.target, "kind": r.kind, "text": r.text, "resolved": r.resolved,
             "where": None, "parts": {}, "reason": None if r.resolved else "not in the archive",
             "identity": None, "source": "tei-ref" if r.kind != "same-as" else "counterpart"}
            for r in doc.links
        ] + [pointer.to_json() | {"source": "text"} for pointer in doc.pointers]  # fmt: skip
        return {
            "id": doc.id,
            "out": out,
            "in": self.store.cited_by(doc.id),
            "neighbours": self.store.archival_neighbours(doc.id),
        }

    @_guarded
    def import_authorities(
        self,
        paths: Iterable[str | os.PathLike[str]],
        progress: Callable[[str, int], None] | None = None,
    ) -> list[AuthorityImport]:
        """Import the people registry and POCOM (their ``.tar.gz`` archives or checkouts);
        each replaces its earlier import whole, in one transaction."""
        done = import_authorities(self.store, [Path(p) for p in paths], progress)
        reconcile_volumes(self.store)  # the stored volumes' entries the registry lacks
        record_document_people(self.store)
        return done

    @_guarded
    def person(self, query: str) -> dict[str, Any]:
        """People matching ``query`` (a registry id, ``pocom:<id>``, or a surname), and the
        whole identity when exactly one matches."""
        matches = find_people(self.store, query)
        if not matches:
            if not self.store.conn.execute("SELECT 1 FROM people LIMIT 1").fetchone():
                raise NotFoundError(
                    "no authorities are imported; run `centralfiles authorities import "
                    "PATH...` with the people registry and POCOM archives"
                )
            raise NotFoundError(f"no person matches {query!r}")
        one = person_record(self.store, matches[0]["id"]) if len(matches) == 1 else None
        return {"query": query, "matches": matches, "person": one}

    @_guarded
    def network(self, person: str | None = None) -> Any:
        """The people network (a networkx ``DiGraph``): "wrote to" and "drafted for" edges
        with counts and date ranges; ``person``'s neighbourhood when given."""
        if person is None:
            return people_network(self.store)
        found = self.person(person)["person"]
        if found is None:
            raise NotFoundError(f"{person!r} names several people; give an id")
        return people_network(self.store, found["id"])

    @_guarded
    def document_people(self, document_id: str) -> dict[str, Any]:
        """Who the document's drafters, clearers, approvers, signer and heading names are."""
        doc_id = self.document(document_id).id
        row = self.store.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return {"id": doc_id, "people": document_people(self.store, row)}

    @_guarded
    def thread(self, document_id: str, *, limit: int = 200) -> dict[str, Any]:
        """The conversation ``document_id`` belongs to: every document reachable through
        replies (a "Ref:" line, "reftel"), citations, shared cited telegrams (printed or not)
        and same-as counterparts, in date order, with each edge's kind and evidence."""
        return conversation(self.store, self.document(document_id).id, limit=limit)

    @_guarded
    def timeline(self, query: str) -> dict[str, Any]:
        """Hits of ``query`` over time: by year, or by month when they span under three years.

        ``{"unit": "year"|"month", "bins": [{"period": "1968-04", "count": 3, "query":
        "date:1968-04"}]}``, every period between the first and the last, empty ones included.
        """
        if self._search is None:
            self._search = Search(self.store, notice=self.notice)
        return self._search.timeline(query)

    @_guarded
    def export_ids(self, query: str | None = None, *, sort: Sort = "relevance") -> list[str]:
        """The ids to export: those ``query`` finds (ranked as ``search`` ranks them), or every
        stored document when ``query`` is None (in volume order)."""
        if query is None:
            return self.store.document_ids()
        if not query.strip():
            raise InputError("give a search query, or --all for the whole store")
        if self._search is None:
            self._search = Search(self.store, notice=self.notice)
        return self._search.matching_ids(query, sort=sort)

    def export_rows(
        self, query: str | None = None, *, sort: Sort = "relevance"
    ) -> tuple[int, Iterator[Row]]:
        """The count of the documents to export and an iterator reading them one at a time
        (memory stays flat in the count): see ``export_ids``."""
        ids = self.export_ids(query, sort=sort)
        return len(ids), self.rows(ids)

    def rows(self, ids: list[str]) -> Iterator[Row]:
        """``ids`` read one at a time as export rows (document, volume, counterpart); ids no
        longer stored are skipped."""
        volumes: dict[str, Volume | None] = {}

        def volume_of(volume_id: str) -> Volume | None:
            if volume_id not in volumes:
                volumes[volume_id] = self._volume_or_none(volume_id)
            return volumes[volume_id]

        for document_id in ids:
            try:
                doc = self.store.document(document_id)
            except NotFoundError:  # deleted since the search ran
                continue
            volume = volume_of(doc.volume)
            counterpart = self.counterpart(doc) if volume is None else None
            twin_volume = volume_of(counterpart.volume) if counterpart else None
            yield Row(doc, volume, counterpart, twin_volume)

    @staticmethod
    def export_format(name: str) -> str:
        """``name`` as an export format, or an ``InputError`` listing them."""
        return check_format(name)

    @_guarded
    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        offset: int = 0,
        sort: Sort = "relevance",
    ) -> SearchResults:
        """Search with the query language (README, "Search"); raises ``QueryError``."""
        if self._search is None:
            self._search = Search(self.store, notice=self.notice)
        return self._search.search(query, limit=limit, offset=offset, sort=sort)
