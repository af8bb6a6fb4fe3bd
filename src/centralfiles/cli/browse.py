"""The reading commands: ``volumes``, ``stats``, ``cables`` and ``show``."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from centralfiles.cli.common import (
    DbOption,
    JsonOption,
    err,
    open_archive,
    out,
    print_json,
    user_errors,
)
from centralfiles.model import Document


class ShowFormat(StrEnum):
    rich = "rich"
    json = "json"
    text = "text"


@user_errors
def volumes(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List stored volumes with their document counts."""
    with open_archive(db, mode="ro") as archive:
        rows = archive.volumes()
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


@user_errors
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Store-wide counts."""
    with open_archive(db, mode="ro") as archive:
        counts = archive.stats()
    if as_json:
        print_json(counts)
        return
    width = max(len(key) for key in counts)
    for key, value in counts.items():
        out.print(f"{key.replace('_', ' '):<{width}}  {value:>9,}")


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
    with open_archive(db, mode="ro") as archive:
        report = archive.cables(volume)
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
    with open_archive(db, mode="ro") as archive:
        if output is ShowFormat.text and not as_json:
            sys.stdout.write(archive.plain_text(document_id))
            return
        doc = archive.document(document_id)
    if as_json or output is ShowFormat.json:
        print_json(doc.to_json())
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


@user_errors
def check(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Check the store file (SQLite integrity check) and the search index; exit 1 if damaged."""
    with open_archive(db, mode="ro") as archive:
        problems = archive.check()
    if as_json:
        print_json({"ok": not problems, "problems": problems})
    elif problems:
        for problem in problems:
            err.print(f"[red]problem:[/red] {escape(problem)}")
    else:
        out.print(f"{escape(str(archive.path))}: the store and its search index are sound")
    if problems:
        raise typer.Exit(1)
