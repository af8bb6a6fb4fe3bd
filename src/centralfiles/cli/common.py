"""What every command shares: the Typer app, the consoles, common options, the error boundary."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from rich.console import Console
from rich.markup import escape

from centralfiles import __version__
from centralfiles.archive import Archive, Mode
from centralfiles.errors import CentralfilesError, describe

app = typer.Typer(
    name="centralfiles",
    help="The FRUS diplomatic record as a structured, linked, searchable archive.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
DEBUG = {"on": False}  # set by --debug


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


def open_archive(db: Path | None, *, mode: Mode = "rw") -> Archive:
    """The archive at ``--db`` (default: ``$CENTRALFILES_DB``, else the user data directory).

    Commands that only read pass ``mode="ro"`` (nothing is created or changed); ``search``
    passes ``"auto"``: it keeps the index in step when it can write, else reads as it is.
    """
    return Archive(db, mode=mode, notice=lambda message: err.print(f"{escape(message)} ..."))


def fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(printable(message))}")
    return typer.Exit(1)


def printable(message: str) -> str:
    """One line that any terminal encoding can show (bytes it cannot are escaped)."""
    line = " ".join(message.split())
    return line.encode("utf-8", "backslashreplace").decode("utf-8")


def debugging() -> bool:
    return DEBUG["on"] or os.environ.get("CENTRALFILES_DEBUG", "") not in ("", "0")


def user_errors(command: Callable[..., None]) -> Callable[..., None]:
    """The error boundary of every command: one line on stderr and exit code 1, never a
    traceback. A user error says what to do; an unexpected exception says it is a bug, and
    ``--debug`` (or ``CENTRALFILES_DEBUG=1``) shows its traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except (typer.Exit, typer.Abort, click.exceptions.ClickException):
            raise
        except CentralfilesError as error:
            raise fail(str(error)) from None
        except KeyboardInterrupt:
            err.print("interrupted")
            raise typer.Exit(130) from None
        except BrokenPipeError:  # `centralfiles search ... | head`
            _silence_stdout()
            raise typer.Exit(1) from None
        except Exception as error:
            if debugging():
                raise
            user = describe(error)
            if user is not None:
                raise fail(user) from None
            raise fail(
                f"unexpected {type(error).__name__}: {error} -- this is a bug in centralfiles "
                f"{__version__}; run again with --debug (or CENTRALFILES_DEBUG=1) for the "
                "traceback and report it"
            ) from None

    return wrapper


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


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
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help="Show the traceback of an unexpected error (or CENTRALFILES_DEBUG=1)."
        ),
    ] = False,
) -> None:
    """The FRUS diplomatic record as a structured, linked, searchable archive."""
    DEBUG["on"] = debug
