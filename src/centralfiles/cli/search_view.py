"""Human output of ``centralfiles search``: a Rich table of hits with snippets, and facets."""

from __future__ import annotations

import html
import re

from rich.console import Console
from rich.table import Table
from rich.text import Text

from centralfiles.search.searcher import SearchResults

TAG = re.compile(r"(</?b>)")
FACETS_SHOWN = 5


def snippet_text(snippet: str) -> Text:
    """A snippet's HTML (escaped text, matches in ``<b>``) as Rich text, matches highlighted."""
    text = Text()
    bold = False
    for part in TAG.split(snippet):
        if part in ("<b>", "</b>"):
            bold = part == "<b>"
        elif part:
            text.append(" ".join(html.unescape(part).split(" ")), "bold yellow" if bold else "")
    return text


def print_results(console: Console, results: SearchResults) -> None:
    if not results.total:
        console.print("no documents match")
        return
    first, last = results.offset + 1, results.offset + len(results.hits)
    order = "oldest first" if results.sort == "date" else "best first"
    shown = f"{first}–{last}" if results.hits else "none"
    console.print(
        f"{results.total:,} document{'s' if results.total != 1 else ''} match; "
        f"showing {shown} ({order})"
    )
    if results.hits:
        table = Table(show_lines=True, expand=True)
        table.add_column("date", no_wrap=True)
        table.add_column("document", ratio=2)
        table.add_column("excerpt", ratio=3)
        for hit in results.hits:
            day = (hit.date or hit.date_min or "")[:10]
            document = Text(hit.title or "(untitled)", "bold")
            document.append(f"\n{hit.id}", "dim")
            details = ", ".join(filter(None, [hit.doc_type, hit.classification]))
            if details:
                document.append(f"\n{details}", "dim")
            table.add_row(day, document, snippet_text(" ".join(hit.snippet.split())))
        console.print(table)
    for name, counts in results.facets.items():
        if counts:
            values = ", ".join(f"{c.value} ({c.count:,})" for c in counts[:FACETS_SHOWN])
            line = Text(f"{name.replace('_', ' ')}: ", "dim")
            line.append(values)
            console.print(line)
    if last < results.total:
        console.print(Text(f"more: --offset {last}", "dim"))
