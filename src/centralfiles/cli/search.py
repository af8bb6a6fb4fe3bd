"""``centralfiles search`` and ``centralfiles reindex``."""

from __future__ import annotations

import time
from enum import StrEnum
from typing import Annotated

import typer

from centralfiles.cli.common import (
    DbOption,
    JsonOption,
    err,
    open_archive,
    out,
    print_json,
    user_errors,
)
from centralfiles.cli.search_view import print_results


class SearchSort(StrEnum):
    relevance = "relevance"
    date = "date"


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
    with open_archive(db, mode="auto") as archive:
        results = archive.search(query, limit=limit, offset=offset, sort=sort.value)
    if results.pending:
        err.print(
            f"[yellow]warning:[/yellow] {results.pending:,} stored documents are not indexed "
            "yet (another process is updating the index)"
        )
    if as_json:
        print_json(results.to_json())
    else:
        print_results(out, results)


@user_errors
def reindex(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Rebuild the search index from the store."""
    started = time.perf_counter()
    with open_archive(db) as archive:
        documents = archive.reindex()
    seconds = time.perf_counter() - started
    if as_json:
        print_json({"documents": documents, "seconds": round(seconds, 3)})
    else:
        out.print(f"indexed {documents:,} documents in {seconds:.1f} s")
