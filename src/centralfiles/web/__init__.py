"""The reading room: FastAPI app, server-rendered pages, static assets shipped in the package.

- ``app`` — ``create_app(db_path)``: the API under ``/api/``, the pages, ``/static``, the
  security headers (a strict Content-Security-Policy: no inline script or style at all);
- ``pages`` — home, search, document, volume, the API reference;
- ``reader`` — a document's text as HTML (footnote popovers, page markers, links);
- ``charts`` — the hits-over-time histogram as inline SVG;
- ``templates/``, ``static/`` — Jinja2 templates, CSS and a small script (nothing from a CDN).

Serve it with ``centralfiles serve`` (uvicorn, 127.0.0.1 by default). It may import the API,
the archive and everything below; never the CLI.
"""

from centralfiles.web.app import create_app

__all__ = ["create_app"]
