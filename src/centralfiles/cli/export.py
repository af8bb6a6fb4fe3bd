"""``centralfiles export``: the results of a search (or the whole store) as JSONL, CSV,
Parquet, BibTeX, RIS or CSL-JSON, to a file or stdout, streamed."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from centralfiles.cli.common import DbOption, err, fail, open_archive, user_errors
from centralfiles.export import FORMATS, write_export


@user_errors
def export(
    query: Annotated[
        str | None,
        typer.Argument(help="A search query (README, Search); or give --all.", show_default=False),
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Every stored document.")] = False,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.", show_default=False),
    ] = "",
    output: Annotated[
        str,
        typer.Option("--output", "-o", help="The file to write; - for stdout (the default)."),
    ] = "-",
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    sort: Annotated[
        str, typer.Option("--sort", help="relevance or date (for a query).")
    ] = "relevance",
    db: DbOption = None,
) -> None:
    """Export search results or the whole store (JSONL, CSV, Parquet, BibTeX, RIS, CSL-JSON)."""
    if not format:
        raise fail(f"give --format: one of {', '.join(FORMATS)}")
    if every == (query is not None):
        raise fail("give a search query or --all (not both)")
    if sort not in ("relevance", "date"):
        raise fail(f"unknown sort {sort!r}; use relevance or date")
    with open_archive(db, mode="auto") as archive:
        name = archive.export_format(format)
        binary = FORMATS[name][2]
        to_stdout = output == "-"
        if to_stdout and binary and sys.stdout.isatty():
            raise fail(f"{name} is binary: write it to a file with -o FILE")
        target = None if to_stdout else Path(output)
        if target is not None:
            if target.is_dir():
                raise fail(f"{target} is a folder; give a file name")
            if target.exists() and not force:
                raise fail(f"{target} exists; use --force to replace it")
        total, rows = archive.export_rows(None if every else query, sort=sort)  # type: ignore[arg-type]
        progress = Progress(
            TextColumn(f"exporting {name}"), BarColumn(), MofNCompleteColumn(),
            TimeRemainingColumn(), console=err, transient=True,
            disable=not err.is_terminal or total < 200,
        )  # fmt: skip
        with progress:
            task = progress.add_task("export", total=total)

            def advance() -> None:
                progress.advance(task)

            if target is None:
                count = write_export(rows, name, sys.stdout.buffer, on_row=advance)
                sys.stdout.flush()
            else:
                count = _to_file(target, lambda out: write_export(rows, name, out, on_row=advance))
    where = "stdout" if target is None else escape(str(target))
    err.print(f"exported {count:,} document{'s' if count != 1 else ''} as {name} to {where}")


def _to_file(target: Path, write: Callable[[IO[bytes]], int]) -> int:
    """Write through a temporary file beside ``target``, renamed onto it only when complete:
    an interrupted or failed export leaves no partial file."""
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            count = write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return count
