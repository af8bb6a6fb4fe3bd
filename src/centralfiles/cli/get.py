"""``centralfiles get`` and ``centralfiles catalog``: the record downloaded from the official
repositories (or a mirror), verified, then ingested; and the list of what is available."""

from __future__ import annotations

import threading
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from centralfiles.archive import AUTHORITIES, Archive, GetReport
from centralfiles.cli.common import (
    DbOption,
    JsonOption,
    err,
    fail,
    open_archive,
    out,
    print_json,
    user_errors,
)
from centralfiles.cli.ingest import IngestBar

MirrorOption = Annotated[
    str | None,
    typer.Option(
        "--mirror",
        help="Fetch from this copy instead: an http(s):// or file:// URL or a folder laid out "
        "like the repository (volumes/<id>.xml; hsg-people.tar.gz, pocom.tar.gz). Default: "
        "$CENTRALFILES_MIRROR, else GitHub HistoryAtState.",
        show_default=False,
    ),
]


@user_errors
def get(
    names: Annotated[
        list[str] | None,
        typer.Argument(
            help="Volume ids (frus1964-68v13), or `people` / `pocom` for the authorities.",
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Every volume of the catalog (thousands of MB).")
    ] = False,
    mirror: MirrorOption = None,
    jobs: Annotated[int, typer.Option("--jobs", min=1, max=16, help="Downloads at a time.")] = 4,
    no_ingest: Annotated[
        bool, typer.Option("--no-ingest", help="Download and verify only.")
    ] = False,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Download again even what is already here.")
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Download FRUS volumes or the authorities, verify them, then ingest / import them."""
    names = list(names or [])
    if not names and not every:
        raise fail("name volume ids (or people, pocom), or give --all; `centralfiles catalog` "
                   "lists the volumes")  # fmt: skip
    with open_archive(db) as archive:
        if every:
            catalog = archive.catalog(mirror=mirror)
            if catalog.note:
                err.print(f"[yellow]note:[/yellow] {escape(catalog.note)}")
            names += [volume for volume in catalog.ids() if volume not in names]
        report = _get_with_progress(
            archive, names, mirror=mirror, jobs=jobs, ingest=not no_ingest, refresh=refresh,
            quiet=as_json,
        )  # fmt: skip
    for problem in report.failed:
        err.print(f"[red]error:[/red] {escape(problem)}")
    if as_json:
        print_json(report.to_json())
    else:
        _summary(report)
    if report.failed:
        raise typer.Exit(1)


def _get_with_progress(
    archive: Archive, names: list[str], *, mirror: str | None, jobs: int, ingest: bool,
    refresh: bool, quiet: bool,
) -> GetReport:  # fmt: skip
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )
    tasks: dict[str, TaskID] = {}
    lock = threading.Lock()
    with progress:
        overall = progress.add_task(f"{len(names)} file(s)", total=len(names))

        def report(name: str, done: int, total: int | None) -> None:
            with lock:
                if name not in tasks:
                    tasks[name] = progress.add_task(escape(name), total=total)
                progress.update(tasks[name], completed=done, total=total)
                if total is not None and done >= total:
                    finished = sum(1 for t in progress.tasks if t.finished and t.id != overall)
                    progress.update(overall, completed=finished)

        bar = IngestBar(progress, progress.add_task("ingesting", total=None, visible=False), 0.0)
        return archive.get(names, mirror=mirror, jobs=jobs, ingest=ingest, refresh=refresh,
                           progress=report, ingest_progress=bar)  # fmt: skip


def _summary(report: GetReport) -> None:
    for got in report.got:
        if got.error:
            continue
        how = "downloaded" if got.downloaded else "already here"
        resumed = f", resumed at {got.resumed_from:,} bytes" if got.resumed_from else ""
        out.print(f"{how} {got.name}: {got.size:,} bytes{resumed}, sha256 {got.sha256[:12]}… "
                  f"({escape(got.path or '')})")  # fmt: skip
    if report.ingest is not None:
        for item in report.ingest.ingested:
            state = "unchanged" if item.unchanged else "ingested"
            out.print(f"{state} {item.volume}: {len(item.documents)} documents")
    for done in report.authorities:
        out.print(f"imported {done.kind}: {done.records:,} records in {done.seconds:.1f} s")


@user_errors
def catalog(
    mirror: MirrorOption = None,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="List the repository again (else the cache).")
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The volumes available from the official repository (or a mirror)."""
    with open_archive(db) as archive:
        found = archive.catalog(mirror=mirror, refresh=refresh)
    if as_json:
        print_json(found.to_json())
        return
    if found.note:
        err.print(f"[yellow]note:[/yellow] {escape(found.note)}")
    stored = set(found.stored)
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("volume", "title", "published", "stored"):
        table.add_column(column)
    for entry in found.entries:
        table.add_row(escape(entry.id), escape(entry.title or ""), entry.published or "",
                      "yes" if entry.id in stored else "")  # fmt: skip
    out.print(table)
    when = f", listed {found.listed}" if found.listed else ""
    out.print(f"{len(found.entries)} volumes from {escape(found.source)}{when}; authorities: "
              f"{', '.join(AUTHORITIES)}")  # fmt: skip
