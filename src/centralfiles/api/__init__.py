"""The HTTP API under ``/api/``: the CLI's JSON over HTTP, a thin layer over ``Archive``.

- ``routes`` — the endpoints (search, documents, citations, volumes, stats, cables);
- ``errors`` — every failure as JSON ``{"error", "detail"}`` with the right status, never a
  stack trace or an HTML page;
- ``deps`` — one read-only ``Archive`` per worker thread (SQLite connections are per thread;
  WAL lets many readers share the file).

It may import the archive and everything below it, never the CLI or the web pages.
"""

from centralfiles.api.deps import ArchivePool
from centralfiles.api.errors import install_error_handlers
from centralfiles.api.routes import router

__all__ = ["ArchivePool", "install_error_handlers", "router"]
