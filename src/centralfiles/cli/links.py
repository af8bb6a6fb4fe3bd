"""``centralfiles links`` and ``centralfiles thread``: where a document points, and its
conversation."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from centralfiles.cli.common import DbOption, JsonOption, open_archive, out, print_json, user_errors

DocumentId = Annotated[
    str, typer.Argument(metavar="ID", help="A document id, e.g. frus1964-68v13/d331.")
]


@user_errors
def links(document_id: DocumentId, db: DbOption = None, as_json: JsonOption = False) -> None:
    """References out (resolved, or why not), cited by, and archival neighbours."""
    with open_archive(db, mode="ro") as archive:
        found = archive.links(document_id)
    if as_json:
        print_json(found)
        return
    out.print(f"[bold]{escape(found['id'])}[/bold]: {len(found['out'])} references out")
    for link in found["out"]:
        where = f"{link['where']}: " if link.get("where") else ""
        state = link["target"] if link["resolved"] else f"unresolved ({link.get('reason')})"
        same = f" [{link['identity']}]" if link.get("identity") else ""
        out.print(f"  {escape(where)}{escape(link['text'] or link['target'] or '')} "
                  f"({link['kind']}) → {escape(str(state))}{escape(same)}")  # fmt: skip
    out.print(f"cited by {len(found['in'])}")
    for row in found["in"]:
        out.print(f"  {escape(row['document_id'])} ({escape(row['location'])}): "
                  f"{escape(row['text'])}")  # fmt: skip
    out.print(f"archival neighbours {len(found['neighbours'])}")
    for near in found["neighbours"]:
        days = "?" if near["days"] is None else near["days"]
        out.print(f"  {escape(near['id'])} (same {near['shared']}, {days} days): "
                  f"{escape(near['title'])}")  # fmt: skip


@user_errors
def thread(document_id: DocumentId, db: DbOption = None, as_json: JsonOption = False) -> None:
    """The conversation the document belongs to, in date order, with each link's evidence."""
    with open_archive(db, mode="ro") as archive:
        found = archive.thread(document_id)
    if as_json:
        print_json(found)
        return
    for doc in found["documents"]:
        date = (doc.get("date") or "undated")[:10]
        out.print(f"{date}  {escape(doc['id'])}  {escape(doc.get('title') or '')}")
    for telegram in found["telegrams"]:
        out.print(f"telegram {escape(telegram['identity'])} (not printed here), cited by "
                  f"{escape(', '.join(telegram['cited_by']))}")  # fmt: skip
    for edge in found["edges"]:
        out.print(f"  {escape(edge['from'])} —{edge['kind']}→ {escape(edge['to'])}: "
                  f"“{escape(edge['evidence'])}”")  # fmt: skip
