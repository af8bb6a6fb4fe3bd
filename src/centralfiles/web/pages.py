"""The reading room's pages: home, search, document, volume, and the API's own reference.

Server-rendered with Jinja2 (autoescaping on), complete without JavaScript; the URL carries
all of a page's state, so it can be shared and the back button works.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from centralfiles import __version__
from centralfiles.api.deps import archive
from centralfiles.api.routes import ID_PART, PERSON_ID
from centralfiles.archive import Archive
from centralfiles.citations import canonical_url
from centralfiles.errors import NotFoundError, QueryError
from centralfiles.search.query import MAX_QUERY_CHARS
from centralfiles.search.searcher import MAX_OFFSET
from centralfiles.web.charts import date_bins, timeline_svg
from centralfiles.web.reader import body_html, notes

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.globals["version"] = __version__
router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
ArchiveDep = Annotated[Archive, Depends(archive)]
PAGE_SIZE = 20
#: facet name -> the query field a click on one of its values adds
FACET_FIELDS = {
    "year": "year",
    "classification": "classification",
    "doc_type": "type",
    "volume": "volume",
    "caveat": "caveat",
    "from": "from",
    "to": "to",
}
FACET_TITLES = {
    "year": "Year",
    "classification": "Classification",
    "doc_type": "Type",
    "volume": "Volume",
    "caveat": "Caveat",
    "from": "From",
    "to": "To",
}
FILTER = re.compile(r'(?<![\w"])-?([a-z_]+):("[^"]*"|\([^)]*\)|\S+)')


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, detail: str) -> HTMLResponse:
    titles = {400: "Bad query", 404: "Not found", 422: "Bad request", 503: "Unavailable"}
    return page(
        request, "error.html", status, title=titles.get(status, "Error"), detail=detail,
        code=status,
    )  # fmt: skip


def quoted(value: object) -> str:
    text = str(value)
    return f'"{text}"' if re.search(r'[\s():"]', text) or not text else text


def search_url(query: str, sort: str = "relevance", offset: int = 0) -> str:
    params: dict[str, Any] = {"q": query}
    if sort != "relevance":
        params["sort"] = sort
    if offset:
        params["offset"] = offset
    return "/search?" + urlencode(params)


@router.get("/", summary="The archive at a glance")
def home(request: Request, archive: ArchiveDep) -> HTMLResponse:
    ranges = archive.date_ranges()
    volumes = [row | {"dates": ranges.get(row["id"], (None, None))} for row in archive.volumes()]
    return page(request, "home.html", volumes=volumes, stats=archive.stats(), title=None)


@router.get("/search", summary="Search page")
def search_page(
    request: Request,
    archive: ArchiveDep,
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
    sort: Literal["relevance", "date"] = "relevance",
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> HTMLResponse:
    query = q.strip()
    context: dict[str, Any] = {"query": query, "sort": sort, "title": query or "Search"}
    if not query:
        return page(request, "search.html", **context, results=None)
    try:
        results = archive.search(query, limit=PAGE_SIZE, offset=offset, sort=sort)
        timeline = archive.timeline(query)
    except QueryError as error:
        return page(request, "search.html", 400, **context, results=None, error=str(error))
    facets = []
    for name, counts in results.facets.items():
        field = FACET_FIELDS[name]
        facets.append({
            "name": name,
            "title": FACET_TITLES[name],
            "values": [
                {
                    "value": count.value,
                    "count": count.count,
                    "href": search_url(f"{query} {field}:{quoted(count.value)}", sort),
                }
                for count in counts
            ],
        })  # fmt: skip
    chips = [
        {"label": match.group(0), "href": search_url(_without(query, match), sort)}
        for match in FILTER.finditer(query)
    ]
    pages = _pagination(results.total, offset, query, sort)
    return page(
        request,
        "search.html",
        **context,
        results=results,
        facets=facets,
        chips=chips,
        pages=pages,
        timeline=timeline_svg(timeline, query, sort),
        timeline_unit=timeline["unit"],
        sort_links={s: search_url(query, s) for s in ("relevance", "date")},
        downloads=export_links(query, sort),
    )


#: the formats offered under "download these results", with their labels
EXPORT_LABELS = {"csv": "CSV", "jsonl": "JSON Lines", "parquet": "Parquet", "bibtex": "BibTeX",
                 "ris": "RIS", "csl-json": "CSL-JSON"}  # fmt: skip


def export_links(query: str, sort: str) -> list[dict[str, str]]:
    """``/api/export`` links for every result of ``query`` in each format."""
    links = []
    for name, label in EXPORT_LABELS.items():
        params = {"q": query, "format": name, **({"sort": sort} if sort != "relevance" else {})}
        links.append({"label": label, "href": "/api/export?" + urlencode(params)})
    return links


def _without(query: str, match: re.Match[str]) -> str:
    return " ".join((query[: match.start()] + query[match.end() :]).split())


def _pagination(total: int, offset: int, query: str, sort: str) -> dict[str, Any]:
    last = min(total - 1, MAX_OFFSET) // PAGE_SIZE if total else 0
    current = offset // PAGE_SIZE
    window = range(max(0, current - 3), min(last, current + 3) + 1)
    return {
        "current": current + 1,
        "last": last + 1,
        "first_hit": offset + 1 if total else 0,
        "last_hit": min(offset + PAGE_SIZE, total),
        "previous": search_url(query, sort, (current - 1) * PAGE_SIZE) if current else None,
        "next": search_url(query, sort, (current + 1) * PAGE_SIZE) if current < last else None,
        "numbers": [
            {"n": n + 1, "href": search_url(query, sort, n * PAGE_SIZE), "current": n == current}
            for n in window
        ],
    }


@router.get("/documents/{volume}/{doc}", summary="Read one document")
def document_page(
    request: Request,
    archive: ArchiveDep,
    volume: Annotated[str, PathParam(pattern=ID_PART)],
    doc: Annotated[str, PathParam(pattern=ID_PART)],
) -> HTMLResponse:
    document = archive.document(f"{volume}/{doc}")
    volume_info = None
    if not document.id.startswith("text/"):
        volume_info = archive.volume(document.volume)
    counterpart = archive.counterpart(document)
    previous, following = archive.neighbours(document.id)
    citations = {style: archive.citation(document.id, style).text for style in ("hsg", "chicago")}
    meta = _citation_meta(document, volume_info, counterpart)
    links = archive.links(document.id)
    conversation = archive.thread(document.id, limit=60)
    return page(
        request,
        "document.html",
        doc=document,
        title=f"{document.number}. {document.title}" if document.number else document.title,
        volume=volume_info,
        counterpart=counterpart,
        previous=previous,
        following=following,
        body=body_html(document, document.page_breaks),
        notes=notes(document),
        citations=citations,
        official=canonical_url(document.id),
        meta=meta,
        unresolved=[r for r in document.links if not r.resolved and r.kind != "same-as"],
        cited_by=links["in"],
        neighbours=links["neighbours"],
        thread=conversation,
        people=archive.document_people(document.id)["people"],
    )


def _citation_meta(doc: Any, volume: Any, counterpart: Any) -> list[tuple[str, str]]:
    """``citation_*`` meta tags (Highwire Press, read by Zotero's connector)."""
    meta = [("citation_title", doc.heading or doc.title)]
    if volume is not None:
        meta.append(("citation_inbook_title", volume.title or ""))
        meta += [("citation_editor", editor.name) for editor in volume.editors]
        meta.append(("citation_publisher", "Government Printing Office"))
        if volume.published:
            meta.append(("citation_publication_date", volume.published))
        meta.append(("citation_series_title", volume.series or ""))
    if doc.date or doc.date_min:
        meta.append(("citation_date", (doc.date or doc.date_min)[:10]))
    url = canonical_url(doc.id) or (canonical_url(counterpart.id) if counterpart else None)
    if url:
        meta.append(("citation_public_url", url))
    if doc.number:
        meta.append(("citation_technical_report_number", f"Document {doc.number}"))
    return [(name, value) for name, value in meta if value]


@router.get("/volumes/{volume}", summary="A volume's header facts and chapter tree")
def volume_page(
    request: Request,
    archive: ArchiveDep,
    volume: Annotated[str, PathParam(pattern=ID_PART)],
) -> HTMLResponse:
    contents = archive.volume_contents(volume)
    return page(
        request, "volume.html", contents=contents,
        title=contents["volume"]["title"] or volume,
    )  # fmt: skip


@router.get("/people", summary="Find a person")
def people_page(
    request: Request,
    archive: ArchiveDep,
    q: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    if not q.strip():
        return page(request, "people.html", title="People", query="", matches=[], message="")
    try:
        found = archive.person(q)
    except NotFoundError as error:
        return page(request, "people.html", title="People", query=q, matches=[],
                    message=str(error), status=404)  # fmt: skip
    if found["person"] is not None:
        return RedirectResponse(f"/people/{quote(found['person']['id'], safe='')}", 303)
    return page(request, "people.html", title="People", query=q, matches=found["matches"],
                message=f"{len(found['matches'])} people match; choose one.")  # fmt: skip


@router.get("/people/{person}", summary="One person across the series")
def person_page(
    request: Request,
    archive: ArchiveDep,
    person: Annotated[str, PathParam(pattern=PERSON_ID)],
) -> HTMLResponse:
    found = archive.person(person)
    record = found["person"]
    if record is None or record["id"] != person:
        raise NotFoundError(f"no person has the id {person!r}")
    dated = {d["id"]: d["date"] for d in [*record["documents"], *record["roles_in_documents"]]}
    chart = timeline_svg(date_bins([d for d in dated.values() if d]), "", "date", linked=False)
    return page(request, "person.html", person=record, title=record["name"], timeline=chart)


@router.get("/api/docs", summary="The API reference (HTML)", include_in_schema=False)
def api_docs(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            operations.append({
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": [
                    {
                        "name": p["name"],
                        "where": p["in"],
                        "required": p.get("required", False),
                        "schema": p.get("schema", {}),
                    }
                    for p in operation.get("parameters", [])
                ],
            })  # fmt: skip
    return page(request, "api_docs.html", operations=operations, title="API reference")
