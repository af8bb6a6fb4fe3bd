"""``centralfiles serve``: the reading room and the HTTP API on uvicorn (127.0.0.1 by default)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from centralfiles.cli.common import DbOption, err, open_archive, out, user_errors

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@user_errors
def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; 0.0.0.0 exposes it to others.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port.")] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the reading room and the API (read-only over the store)."""
    import uvicorn

    from centralfiles.web import create_app

    with open_archive(db, mode="ro") as archive:  # fails here, in one line, if unreadable
        path, count = archive.path, archive.stats()["documents"]
    if host not in LOOPBACK:
        err.print(f"[yellow]warning:[/yellow] listening on {escape(host)}: reachable by others")
    shown = f"[{host}]" if ":" in host else host
    out.print(
        f"serving {count:,} documents from {escape(str(path))}\n"
        f"open http://{escape(shown)}:{port}/ in a browser (Ctrl+C stops)"
    )
    config = uvicorn.Config(
        create_app(path), host=host, port=port, log_level="warning", access_log=False,
        server_header=False,
    )  # fmt: skip
    server = uvicorn.Server(config)
    server.run()
    if not server.started:
        raise typer.Exit(1)
