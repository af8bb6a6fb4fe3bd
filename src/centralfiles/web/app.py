"""``create_app``: the reading room and the API as one ASGI app, with its security headers."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from centralfiles import __version__
from centralfiles.api import ArchivePool, install_error_handlers, router
from centralfiles.archive import default_path
from centralfiles.web.pages import error_page
from centralfiles.web.pages import router as pages

STATIC = Path(__file__).parent / "static"
THREADS = 8  # worker threads per server process, each with its own store connection
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """Adds the security headers to every response (pages, API, static files, errors)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    header for header in HEADERS if header[0] not in names
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(db_path: str | os.PathLike[str] | None = None) -> FastAPI:
    """The app over the store at ``db_path`` (default: the CLI's default store), read-only."""
    path = Path(db_path) if db_path is not None else default_path()
    pool = ArchivePool(path)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # sync endpoints run on anyio's worker threads: each keeps one archive open
        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
        yield
        pool.close()

    app = FastAPI(
        title="centralfiles",
        version=__version__,
        description="The FRUS diplomatic record as a structured, linked, searchable archive.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.archives = pool
    app.include_router(router)
    app.include_router(pages)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_error_handlers(app, html=error_page)
    app.add_middleware(SecurityHeaders)
    return app
