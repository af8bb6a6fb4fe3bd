"""What every command shares: the Typer app, the consoles, common options, the error boundary."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from centralfiles import __version__
from centralfiles.archive import Archive
from centralfiles.errors import CentralfilesError

app = typer.Typer(
    name="centralfiles",
    help="The FRUS diplomatic record as a structured, linked, searchable archive.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="The store file (default: $CENTRALFILES_DB, else centralfiles.db in the user "
        "data directory).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")]


def open_archive(db: Path | None) -> Archive:
    """The archive at ``--db`` (default: ``$CENTRALFILES_DB``, else the user data directory)."""
    return Archive(db, notice=lambda message: err.print(f"{escape(message)} ..."))


def fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(1)


def user_errors(command: Callable[..., None]) -> Callable[..., None]:
    """Turn library errors into one line on stderr and exit code 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except CentralfilesError as error:
            raise fail(str(error)) from None

    return wrapper


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def version_callback(value: bool) -> None:
    if value:
        out.print(f"centralfiles {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """The FRUS diplomatic record as a structured, linked, searchable archive."""
