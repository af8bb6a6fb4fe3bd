"""Failures as JSON ``{"error", "detail"}`` with the right status; never a stack trace.

400 a query that cannot be read (with its ``column``), 404 an unknown id or route, 422 a bad
parameter, 503 a store that cannot be read (damaged, missing index), 500 anything else (one
line saying it is a bug). Pages outside ``/api/`` get the same statuses as HTML from the web
layer's own handlers, which call ``error_status`` to agree on them.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from centralfiles import __version__
from centralfiles.errors import CentralfilesError, InputError, NotFoundError, QueryError

log = logging.getLogger("centralfiles.api")


def error_status(error: BaseException) -> tuple[int, str, str]:
    """``(status, error, detail)`` for any exception raised while answering."""
    if isinstance(error, QueryError):
        return 400, "bad query", str(error)
    if isinstance(error, NotFoundError):
        return 404, "not found", str(error)
    if isinstance(error, InputError):
        return 422, "bad parameter", str(error)
    if isinstance(error, CentralfilesError):
        return 503, "archive unavailable", str(error)
    return (
        500,
        "internal error",
        (f"unexpected {type(error).__name__}; this is a bug in centralfiles {__version__}"),
    )


def _json(status: int, error: str, detail: str, **extra: object) -> JSONResponse:
    return JSONResponse({"error": error, "detail": detail, **extra}, status_code=status)


def _validation_detail(error: RequestValidationError) -> str:
    parts = []
    for problem in error.errors():
        where = ".".join(str(p) for p in problem.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{where}: {problem.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI, *, html: object | None = None) -> None:
    """Register the JSON error handlers; ``html(request, status, detail)`` renders errors of
    page routes (outside ``/api/``) when given."""

    def wants_html(request: Request) -> bool:
        return html is not None and not request.url.path.startswith("/api/")

    async def on_library_error(request: Request, error: Exception) -> object:
        status, name, detail = error_status(error)
        if status == 500:
            log.error("unexpected error on %s", request.url.path, exc_info=error)
        if wants_html(request):
            return html(request, status, detail)  # type: ignore[operator]
        if isinstance(error, QueryError):
            return _json(status, name, detail, column=error.column)
        return _json(status, name, detail)

    async def on_validation(request: Request, error: RequestValidationError) -> object:
        detail = _validation_detail(error)
        if wants_html(request):
            return html(request, 422, detail)  # type: ignore[operator]
        return _json(422, "bad parameter", detail)

    async def on_http(request: Request, error: StarletteHTTPException) -> object:
        detail = str(error.detail) if error.detail else "error"
        if error.status_code == 404:
            detail = f"no such page: {request.url.path}"
        if wants_html(request):
            response = html(request, error.status_code, detail)  # type: ignore[operator]
        else:
            names = {404: "not found", 405: "method not allowed"}
            response = _json(error.status_code, names.get(error.status_code, "http error"), detail)
        response.headers.update(error.headers or {})  # e.g. Allow on a 405
        return response

    app.add_exception_handler(Exception, on_library_error)
    app.add_exception_handler(CentralfilesError, on_library_error)
    app.add_exception_handler(RequestValidationError, on_validation)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, on_http)  # type: ignore[arg-type]
