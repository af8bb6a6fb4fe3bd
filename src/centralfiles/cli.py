"""The ``centralfiles`` command line: a thin layer over the library (Typer + Rich).

Contract (DESIGN.md): ``--json`` prints JSON on stdout and nothing else there; exit code 0 on
success, 1 on a user error (one line per problem on stderr, no traceback), 2 on usage errors.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from platformdirs import user_data_dir
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .errors import CentralfilesError
from .ingest import IngestReport, ingest_paths
from .model import Document
from .render import render_text
from .store import Store

app = typer.Typer(
    name="centralfiles",
    help="The FRUS diplomatic record as a structured, linked, searchable archive.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def default_db() -> Path:
    """``$CENTRALFILES_DB``, else ``centralfiles.db`` in the user data directory."""
    env = os.environ.get("CENTRALFILES_DB")
    if env:
        return Path(env)
    return Path(user_data_dir("centralfiles", appauthor=False)) / "centralfiles.db"


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


class ShowFormat(StrEnum):
    rich = "rich"
    json = "json"
    text = "text"


def open_store(db: Path | None) -> Store:
    return Store(db or default_db())


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


@app.command()
@user_errors
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="TEI volumes (.xml), .txt documents or folders.")
    ],
    volume: Annotated[
        str | None,
        typer.Option(
            "--volume",
            help="File plain-text documents under this volume id (e.g. frus1964-68v13).",
        ),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ingest TEI volumes, plain-text documents or folders of them."""
    started = time.perf_counter()
    with open_store(db) as store:
        report = _ingest_with_progress(store, paths, volume=volume, quiet=as_json)
    elapsed = time.perf_counter() - started
    for failure in report.failed:
        err.print(f"[red]error:[/red] {escape(failure.error)}")
    if as_json:
        print_json(report.to_json())
    else:
        _print_ingest_summary(report, elapsed)
    if report.failed:
        raise typer.Exit(1)


def _ingest_with_progress(
    store: Store, paths: list[Path], *, volume: str | None, quiet: bool
) -> IngestReport:
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[documents]} documents"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )
    started = time.perf_counter()
    with progress:
        task = progress.add_task("ingesting", total=None, documents=0, rate="")
        count = 0

        def on_document(_: Document) -> None:
            nonlocal count
            count += 1
            if count % 50 == 0:
                rate = count / max(time.perf_counter() - started, 1e-9)
                progress.update(task, documents=count, rate=f"{rate:,.0f} documents/s")

        def on_file(path: Path) -> None:
            progress.update(task, description=escape(path.name))

        return ingest_paths(store, paths, volume=volume, on_document=on_document, on_file=on_file)


def _print_ingest_summary(report: IngestReport, elapsed: float) -> None:
    for item in report.ingested:
        state = "unchanged" if item.unchanged else "ingested"
        out.print(
            f"{state} {item.volume}: {len(item.documents)} documents from {escape(item.path)}"
        )
    count = report.document_count
    rate = f" ({count / elapsed:,.0f} documents/s)" if count and elapsed > 0 else ""
    files = len(report.ingested)
    failed = f", {len(report.failed)} failed" if report.failed else ""
    out.print(
        f"{count} documents stored from {files} file{'s' if files != 1 else ''}{failed} in "
        f"{elapsed:.1f} s{rate}"
    )


@app.command()
@user_errors
def volumes(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List stored volumes with their document counts."""
    with open_store(db) as store:
        rows = store.volumes()
    if as_json:
        print_json(
            [
                {k: v for k, v in row.items() if k != "sha256"} | {"sha256": row["sha256"]}
                for row in rows
            ]
        )
        return
    if not rows:
        out.print("no volumes stored yet; run `centralfiles ingest PATH`")
        return
    table = Table("volume", "documents", "title", "published")
    for row in rows:
        table.add_row(
            row["id"], str(row["documents"]), escape(row["title"] or ""), row["published"] or ""
        )
    out.print(table)


@app.command()
@user_errors
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Store-wide counts."""
    with open_store(db) as store:
        counts = store.stats()
    if as_json:
        print_json(counts)
        return
    width = max(len(key) for key in counts)
    for key, value in counts.items():
        out.print(f"{key.replace('_', ' '):<{width}}  {value:>9,}")


@app.command()
@user_errors
def show(
    document_id: Annotated[
        str, typer.Argument(metavar="ID", help="A document id, e.g. frus1964-68v13/d331.")
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
    output: Annotated[
        ShowFormat,
        typer.Option("--format", help="rich (default), json, or text (the plain-text edition)."),
    ] = ShowFormat.rich,
) -> None:
    """Show one document."""
    with open_store(db) as store:
        doc = store.document(document_id)
    if as_json or output is ShowFormat.json:
        print_json(doc.to_json())
        return
    if output is ShowFormat.text:
        sys.stdout.write(render_text(doc))
        return
    _print_document(doc)


def _print_document(doc: Document) -> None:
    out.print(f"[bold]{escape(doc.heading or doc.title)}[/bold]")
    facts = [
        ("id", doc.id),
        ("type", doc.doc_type),
        ("from", doc.from_),
        ("to", doc.to),
        ("place", doc.place),
        ("date", doc.date or doc.date_min),
        ("classification", doc.classification),
        ("precedence", doc.precedence),
        ("caveats", ", ".join(doc.caveats) or None),
        (
            "telegram",
            " ".join(filter(None, [doc.telegram.channel, doc.telegram.number]))
            if doc.telegram
            else None,
        ),
        ("file", doc.source.file_code),
        ("same as", ", ".join(link.target for link in doc.links if link.kind == "same-as")),
        ("pages", ", ".join(doc.pages) or None),
    ]
    for label, value in facts:
        if value:
            out.print(f"[dim]{label:>14}[/dim]  {escape(str(value))}")
    out.print()
    out.print(escape(doc.text))
    if doc.footnotes:
        out.print()
        for note in doc.footnotes:
            marker = "source" if note.is_source else note.n
            out.print(f"[dim]{marker:>6}.[/dim] {escape(note.text)}")


def main() -> None:
    """Console-script entry point: user errors become one line on stderr and exit code 1."""
    try:
        app()
    except CentralfilesError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
