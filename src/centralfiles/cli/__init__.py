"""The ``centralfiles`` command line: a thin layer over ``centralfiles.Archive`` (Typer + Rich).

Contract (DESIGN.md): ``--json`` prints JSON on stdout and nothing else there; exit code 0 on
success, 1 on a user error (one line per problem on stderr, no traceback), 2 on usage errors.
One module per group of verbs; ``common`` holds the app, the options and the error boundary.
The CLI imports the archive (and the model for types), never the store or search directly.
"""

from __future__ import annotations

import sys

from rich.markup import escape

from centralfiles.cli.browse import cables, check, show, stats, volumes
from centralfiles.cli.common import app, err, printable
from centralfiles.cli.export import export
from centralfiles.cli.get import catalog, get
from centralfiles.cli.ingest import ingest
from centralfiles.cli.links import links, thread
from centralfiles.cli.people import authorities, network, people, person
from centralfiles.cli.search import reindex, search
from centralfiles.cli.serve import serve
from centralfiles.errors import CentralfilesError

__all__ = ["app", "main"]

# the verbs, in the order of the command reference (README, DESIGN.md)
for command in (
    ingest, get, catalog, volumes, stats, cables, show, links, thread, person, people, network,
    search, export, reindex, check, serve,
):  # fmt: skip
    app.command()(command)
app.add_typer(authorities, name="authorities")


def main() -> None:
    """Console-script entry point (every command has its own error boundary, ``user_errors``;
    this one catches what happens outside a command, e.g. while parsing arguments)."""
    try:
        app()
    except CentralfilesError as error:
        err.print(f"[red]error:[/red] {escape(printable(str(error)))}")
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
