"""``centralfiles ingest``: files and folders into the archive, with a progress bar."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from centralfiles.archive import Archive
from centralfiles.cli.common import (
    DbOption,
    JsonOption,
    err,
    open_archive,
    out,
    print_json,
    user_errors,
)
from centralfiles.pipeline import IngestReport


@user_errors
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="TEI volumes (.xml), .txt documents or folders.",
            readable=False,  # checked by ingest, one line per path, the rest still stored
        ),
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
    with open_archive(db) as archive:
        report = _ingest_with_progress(
            archive, paths, volume=volume, workers=workers, quiet=as_json
        )
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
    archive: Archive, paths: list[Path], *, volume: str | None, workers: int | None, quiet: bool
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
        total = len(archive.input_files(paths))
        task = progress.add_task("ingesting", total=total or None, documents=0, rate="")
        return archive.ingest(
            paths, volume=volume, workers=workers, progress=IngestBar(progress, task, started)
        )


class IngestBar:
    """``IngestProgress`` drawn on a Rich progress bar: files done, documents, documents/s."""

    def __init__(self, progress: Progress, task: TaskID, started: float) -> None:
        self.progress, self.task, self.started = progress, task, started
        self.documents = 0
        self.files_started = 0

    def file(self, path: Path) -> None:
        self.progress.update(self.task, description=escape(path.name), completed=self.files_started)
        self.files_started += 1

    def document(self, document_id: str) -> None:
        self.documents += 1
        if self.documents % 50 == 0:
            rate = self.documents / max(time.perf_counter() - self.started, 1e-9)
            self.progress.update(
                self.task, documents=self.documents, rate=f"{rate:,.0f} documents/s"
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
