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
from .cables import cable_report
from .errors import CentralfilesError
from .ingest import IngestReport, discover, ingest_paths
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
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=0,
            help="Processes reading TEI volumes in parallel (default: one per core when "
            "there are several volumes; 0 reads in the main process).",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ingest TEI volumes, plain-text documents or folders of them."""
    started = time.perf_counter()
    with open_store(db) as store:
        report = _ingest_with_progress(store, paths, volume=volume, workers=workers, quiet=as_json)
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
    store: Store, paths: list[Path], *, volume: str | None, workers: int | None, quiet: bool
) -> IngestReport:
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} files"),
        TextColumn("{task.fields[documents]} documents"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )
    started = time.perf_counter()
    with progress:
        total = len(discover(paths)[0])
        task = progress.add_task("ingesting", total=total or None, documents=0, rate="")
        count = 0

        def on_document(_: Document) -> None:
            nonlocal count
            count += 1
            if count % 50 == 0:
                rate = count / max(time.perf_counter() - started, 1e-9)
                progress.update(task, documents=count, rate=f"{rate:,.0f} documents/s")

        files_started = 0

        def on_file(path: Path) -> None:
            nonlocal files_started
            progress.update(task, description=escape(path.name), completed=files_started)
            files_started += 1

        return ingest_paths(
            store,
            paths,
            volume=volume,
            workers=workers,
            on_document=on_document,
            on_file=on_file,
        )


def _documents(ids: list[str]) -> str:
    """ "15 documents", or the id itself for a single plain-text document."""
    if len(ids) == 1 and ids[0].startswith("text/"):
        return ids[0]
    return f"{len(ids)} document{'' if len(ids) == 1 else 's'}"


def _print_ingest_summary(report: IngestReport, elapsed: float) -> None:
    for item in report.ingested:
        state = "unchanged" if item.unchanged else "ingested"
        out.print(f"{state} {item.volume}: {_documents(item.documents)} from {escape(item.path)}")
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
def cables(
    volume: Annotated[
        str | None, typer.Option("--volume", help="Only this volume's documents.")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Audit the cable metadata: counts by classification, caveat, precedence, channel,
    document type and repository, and what the grammar did not recognise."""
    with open_store(db) as store:
        if volume is not None:
            store.volume(volume)  # a clear error for an unknown volume
        report = cable_report(store, volume)
    if as_json:
        print_json(report)
        return
    out.print(
        f"{report['documents']:,} documents, {report['with_source_note']:,} with a source note"
    )
    for key in ("classification", "precedence", "caveats", "channels", "doc_types",
                "repositories", "unrecognised"):  # fmt: skip
        counts = report[key]
        table = Table(key.replace("_", " "), "documents", title=None, min_width=40)
        for value, count in counts.items():
            table.add_row(escape(value), f"{count:,}")
        if not counts:
            table.add_row("(nothing)", "")
        out.print(table)
    unparsed = report["unparsed"]
    out.print(f"source notes with text the grammar kept unparsed: {unparsed['documents']:,}")
    for example in unparsed["examples"]:
        out.print(f"  {example['id']}: {escape(example['text'])}")


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


class SearchSort(StrEnum):
    relevance = "relevance"
    date = "date"


@app.command()
@user_errors
def search(
    query: Annotated[
        str,
        typer.Argument(
            metavar="QUERY",
            help='The query, e.g. \'"force levels" year:1968\' (see README, "Search"); '
            "put -- before a query that starts with a minus.",
        ),
    ],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="Hits to show.")] = 10,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Hits to skip first.")] = 0,
    sort: Annotated[
        SearchSort, typer.Option("--sort", help="relevance (best first) or date (oldest first).")
    ] = SearchSort.relevance,
    as_json: JsonOption = False,
) -> None:
    """Search documents: words, "phrases", AND/OR/NOT, prefix*, fields, dates."""
    from .search import Search
    from .searchview import print_results

    with open_store(db) as store:
        engine = Search(store, notice=lambda message: err.print(f"{escape(message)} ..."))
        results = engine.search(query, limit=limit, offset=offset, sort=sort.value)
    if results.pending:
        err.print(
            f"[yellow]warning:[/yellow] {results.pending:,} stored documents are not indexed "
            "yet (another process is updating the index)"
        )
    if as_json:
        print_json(results.to_json())
    else:
        print_results(out, results)


@app.command()
@user_errors
def reindex(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Rebuild the search index from the store."""
    from .index import rebuild

    started = time.perf_counter()
    with open_store(db) as store:
        documents = rebuild(store).searcher().num_docs
    seconds = time.perf_counter() - started
    if as_json:
        print_json({"documents": documents, "seconds": round(seconds, 3)})
    else:
        out.print(f"indexed {documents:,} documents in {seconds:.1f} s")


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
