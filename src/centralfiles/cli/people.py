"""``centralfiles authorities import``, ``centralfiles person`` and ``centralfiles people``:
the Office of the Historian's authorities in the store, an identity, a document's people."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import networkx as nx
import typer
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from centralfiles.cli.common import (
    DbOption,
    JsonOption,
    err,
    open_archive,
    out,
    print_json,
    user_errors,
)
from centralfiles.errors import InputError

authorities = typer.Typer(help="The Office of the Historian's people registry and POCOM.")


@authorities.command("import")
@user_errors
def import_(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="hsg-people.tar.gz, pocom.tar.gz, or checkouts of the two repositories"
        ),
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import the people registry and POCOM (each replaces its earlier import, in one
    transaction; nothing is downloaded)."""
    with open_archive(db) as archive, Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
        console=err, transient=True, disable=as_json,
    ) as bar:  # fmt: skip
        task = bar.add_task("reading", total=None)

        def progress(kind: str, count: int) -> None:
            bar.update(task, description=f"{kind}: {count:,} records")

        done = archive.import_authorities(paths, progress)
    if as_json:
        print_json([vars(item) for item in done])
        return
    for item in done:
        out.print(f"{escape(item.path)}: {item.records:,} {item.kind} records in "
                  f"{item.seconds:.1f} s")  # fmt: skip


@user_errors
def person(
    query: Annotated[str, typer.Argument(help="A registry id (103414), pocom:<id>, or a surname")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One person across the series: names, the volumes that list them, roles, posts, and the
    stored documents that name them (or the candidates, when several match)."""
    with open_archive(db, mode="ro") as archive:
        found = archive.person(query)
    if as_json:
        print_json(found)
        return
    record = found["person"]
    if record is None:
        out.print(f"{len(found['matches'])} people match {escape(query)!r}; give an id:")
        for match in found["matches"]:
            counts = f"{match['volume_count']} volumes, {match['stored_volumes']} stored"
            out.print(f"  {escape(match['id'])}  {escape(match['name'])} ({counts})")
        return
    out.print(f"[bold]{escape(record['name'])}[/bold]  {escape(record['id'])}")
    for entry in record["volumes"]:
        stored = " (stored)" if entry["stored"] else ""
        out.print(f"  {escape(entry['volume'])}{stored}: {escape(entry['role'] or '')}")
    for post in record["posts"]:
        out.print(f"  post: {escape(post['position'])} ({escape(post['role'])}), "
                  f"{post['started'] or '?'} – {post['ended'] or '?'}")  # fmt: skip
    out.print(f"documents naming them: {len(record['documents'])}")
    for doc in record["documents"]:
        out.print(f"  {escape(doc['id'])}  {escape(doc['title'] or '')}")


@user_errors
def people(
    document_id: Annotated[str, typer.Argument(metavar="ID", help="A document id")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who a document's drafters, clearers, approvers, signer and heading names are."""
    with open_archive(db, mode="ro") as archive:
        found = archive.document_people(document_id)
    if as_json:
        print_json(found)
        return
    for row in found["people"]:
        who = (f"{row['name']} [{row['person']}]" if row["person"] else
               f"unresolved ({row['reason']})")  # fmt: skip
        out.print(f"{row['role']:<9} {escape(row['printed'])}: {escape(who)}")


@user_errors
def network(
    person: Annotated[str | None, typer.Option("--person", help="One person's neighbours")] = None,
    fmt: Annotated[str, typer.Option("--format", help="json (node-link) or graphml")] = "json",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default: stdout)")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file")] = False,
    db: DbOption = None,
) -> None:
    """Who wrote to whom and who drafted for whom, with counts and date ranges (networkx)."""
    if fmt not in ("json", "graphml"):
        raise InputError(f"unknown --format {fmt!r}; choose json or graphml")
    if output is not None and output.exists() and not force:
        raise InputError("exists; add --force to overwrite it", path=str(output))
    with open_archive(db, mode="ro") as archive:
        graph = archive.network(person)
    if fmt == "json":
        text = json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=2)
    else:
        text = "\n".join(nx.generate_graphml(graph)) + "\n"
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    partial = output.with_name(output.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(output)  # no half-written file, ever
    err.print(f"{graph.number_of_nodes()} people, {graph.number_of_edges()} links → {output}")
