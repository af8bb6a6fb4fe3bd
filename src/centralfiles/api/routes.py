"""The ``/api/`` endpoints: the same JSON as the CLI's ``--json``, over ``Archive``.

Ids in paths are checked against the shape of FRUS ids (letters, digits, ``.``, ``_``, ``-``)
before anything is looked up, so no path can reach the file system; ``limit`` and ``offset``
are bounded here and again in the library.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel

from centralfiles.api.deps import archive
from centralfiles.api.streaming import stream_export
from centralfiles.archive import Archive
from centralfiles.citations import STYLES
from centralfiles.errors import NotFoundError
from centralfiles.export import FORMATS
from centralfiles.search.query import MAX_QUERY_CHARS
from centralfiles.search.searcher import MAX_LIMIT, MAX_OFFSET

ID_PART = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"


class ErrorBody(BaseModel):
    """Every error: what went wrong, in one line; ``column`` for a query that cannot be read."""

    error: str
    detail: str
    column: int | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in [
        (400, "A query that cannot be read"),
        (404, "No such document, volume or route"),
        (422, "A bad parameter"),
        (503, "The archive cannot be read"),
    ]
}
router = APIRouter(prefix="/api", responses=ERRORS)
ArchiveDep = Annotated[Archive, Depends(archive)]
VolumeId = Annotated[str, Path(pattern=ID_PART, description="e.g. frus1964-68v13, or text")]
DocId = Annotated[str, Path(pattern=ID_PART, description="e.g. d331, or a text hash")]
#: a registry id (103414), POCOM's (pocom:cleveland-james-harlan), or a volume's entry
#: (frus1964-68v13#p_AB1, the "#" sent as %23)
PERSON_ID = r"^[A-Za-z0-9][A-Za-z0-9._:#-]{0,119}$"
PersonId = Annotated[str, Path(pattern=PERSON_ID, description="e.g. 103414")]
Style = Literal["hsg", "chicago", "chicago-bibliography", "bibtex", "ris", "csl-json"]
assert set(Style.__args__) == set(STYLES)  # type: ignore[attr-defined]


@router.get("/search", summary="Search with the query language")
def search(
    archive: ArchiveDep,
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS, description="The query")] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    sort: Literal["relevance", "date"] = "relevance",
) -> dict[str, Any]:
    """``{"total", "hits", "facets"}`` exactly as ``centralfiles search --json``; a query
    that cannot be read is a 400 naming the column."""
    return archive.search(q, limit=limit, offset=offset, sort=sort).to_json()


ExportFormat = Literal["jsonl", "csv", "parquet", "bibtex", "ris", "csl-json"]
assert set(ExportFormat.__args__) == set(FORMATS)  # type: ignore[attr-defined]


@router.get(
    "/export",
    summary="Search results (or the whole store) as a download",
    response_class=StreamingResponse,
    responses={200: {"content": {FORMATS[name][0]: {} for name in FORMATS}}},
)
def export(
    archive: ArchiveDep,
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS, description="The query")] = "",
    format: ExportFormat = "jsonl",
    all: Annotated[bool, Query(description="Every stored document (q is then ignored)")] = False,
    sort: Literal["relevance", "date"] = "relevance",
) -> StreamingResponse:
    """The documents ``q`` finds (all of them, not a page), streamed in ``format`` exactly as
    ``centralfiles export`` writes it; ``X-Total-Count`` says how many. A query that cannot be
    read is a 400 before anything is sent."""
    ids = archive.export_ids(None if all else q, sort=sort)
    media_type, extension, _ = FORMATS[format]
    chunks = stream_export(archive.path, ids, format)
    name = f"centralfiles-export.{extension}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"',
               "X-Total-Count": str(len(ids))}  # fmt: skip
    return StreamingResponse(chunks, media_type=media_type, headers=headers)


@router.get("/documents/{volume}/{doc}", summary="One document (the document JSON contract)")
def document(archive: ArchiveDep, volume: VolumeId, doc: DocId) -> dict[str, Any]:
    return archive.document(f"{volume}/{doc}").to_json()


@router.get(
    "/documents/{volume}/{doc}/citation",
    summary="The document cited in a style",
    response_class=Response,
    responses={200: {"content": {"text/plain": {}, "application/x-bibtex": {}}}},
)
def citation(
    archive: ArchiveDep,
    volume: VolumeId,
    doc: DocId,
    style: Style = "hsg",
    download: bool = False,
) -> Response:
    """hsg (history.state.gov's form), chicago (note), chicago-bibliography, bibtex, ris or
    csl-json; ``download=true`` asks the browser to save it as a file."""
    cited = archive.citation(f"{volume}/{doc}", style)
    headers = (
        {"Content-Disposition": f'attachment; filename="{cited.filename}"'} if download else {}
    )
    return Response(cited.text, media_type=cited.media_type, headers=headers)


@router.get("/documents/{volume}/{doc}/links", summary="References out, cited by, neighbours")
def document_links(archive: ArchiveDep, volume: VolumeId, doc: DocId) -> dict[str, Any]:
    """As ``centralfiles links ID --json``."""
    return archive.links(f"{volume}/{doc}")


@router.get("/documents/{volume}/{doc}/thread", summary="The conversation of a document")
def document_thread(archive: ArchiveDep, volume: VolumeId, doc: DocId) -> dict[str, Any]:
    """As ``centralfiles thread ID --json``: documents in date order, cited telegrams, edges."""
    return archive.thread(f"{volume}/{doc}")


@router.get("/documents/{volume}/{doc}/people", summary="Who a document's people are")
def document_people(archive: ArchiveDep, volume: VolumeId, doc: DocId) -> dict[str, Any]:
    """As ``centralfiles people ID --json``: drafters, clearers, approvers, signer and heading
    names, each resolved with its evidence or left unresolved with the reason."""
    return archive.document_people(f"{volume}/{doc}")


@router.get("/persons", summary="People matching a name or id")
def people(
    archive: ArchiveDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="a surname or an id")],
) -> dict[str, Any]:
    """As ``centralfiles person QUERY --json``: the matches, and the identity when one."""
    return archive.person(q)


@router.get("/persons/{person}", summary="One person across the series")
def person(archive: ArchiveDep, person: PersonId) -> dict[str, Any]:
    """The identity: names, the volumes whose persons lists print it, posts, documents."""
    found = archive.person(person)
    if found["person"] is None or found["person"]["id"] != person:
        raise NotFoundError(f"no person has the id {person!r}; search with /api/persons?q=")
    return found["person"]


@router.get("/volumes", summary="Stored volumes with document counts and date ranges")
def volumes(archive: ArchiveDep) -> list[dict[str, Any]]:
    ranges = archive.date_ranges()
    return [
        row | {"document_dates": list(ranges.get(row["id"], (None, None)))}
        for row in archive.volumes()
    ]


@router.get("/volumes/{volume}", summary="A volume's metadata and chapter tree")
def volume(archive: ArchiveDep, volume: VolumeId) -> dict[str, Any]:
    return archive.volume_contents(volume)


@router.get("/stats", summary="Store-wide counts")
def stats(archive: ArchiveDep) -> dict[str, int]:
    return archive.stats()


@router.get("/cables", summary="The cable audit over the store or one volume")
def cables(
    archive: ArchiveDep,
    volume: Annotated[str | None, Query(pattern=ID_PART)] = None,
) -> dict[str, Any]:
    return archive.cables(volume)
