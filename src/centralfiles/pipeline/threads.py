"""Threads: the conversation a document belongs to, as a graph over the resolved pointers.

Nodes are documents and cited telegrams (``tel:Bonn:17686``, printed or not); edges are
``reply`` (the document's "Ref:" line or "reftel" cites it), ``cites`` (any other resolved
pointer), ``cites-telegram`` (a pointer to a telegram identity) and ``same-as`` (a text copy and
its published document). ``conversation`` walks the connected part around one document
(networkx, undirected, bounded) and returns it in date order with each edge's evidence.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import networkx as nx

from centralfiles.store.database import Store

REPLY_KINDS = {"reftel"}


def conversation(store: Store, document_id: str, *, limit: int = 200) -> dict[str, Any]:
    graph = nx.Graph()
    graph.add_node(document_id)
    frontier = [document_id]
    seen: set[str] = {document_id}
    #: the date of the document each telegram identity was reached from: a number names one
    #: telegram only among those of about that time ("tel:Paris:123" of 1948 is not 1962's)
    reached_on: dict[str, str | None] = {}
    while frontier and graph.number_of_nodes() < limit:
        node = frontier.pop(0)
        for neighbour, kind, evidence, source in _edges(store, node, reached_on.get(node)):
            if not graph.has_edge(source, neighbour if source == node else node):
                a, b = (source, neighbour) if source == node else (neighbour, node)
                graph.add_edge(a, b, kind=kind, evidence=evidence, source=source)
            if neighbour.startswith("tel:") and neighbour not in reached_on:
                reached_on[neighbour] = _date_of(store, node)
            if neighbour not in seen and graph.number_of_nodes() < limit:
                seen.add(neighbour)
                frontier.append(neighbour)
    documents = [n for n in graph.nodes if not n.startswith("tel:")]
    facts = {
        doc_id: {k: v for k, v in row.items() if k not in ("volume", "place", "date_min")}
        for doc_id, row in store.document_facts(documents).items()
    }
    ordered = sorted(documents, key=lambda d: (facts.get(d, {}).get("date") or "9999", d))
    return {
        "id": document_id,
        "documents": [facts.get(d, {"id": d}) for d in ordered],
        "telegrams": [
            {"identity": n, "cited_by": sorted(graph.neighbors(n))}
            for n in sorted(graph.nodes)
            if n.startswith("tel:")
        ],
        "edges": [
            {
                "from": data["source"],
                "to": b if data["source"] == a else a,
                "kind": data["kind"],
                "evidence": data["evidence"],
            }
            for a, b, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1]))
        ],
        "truncated": graph.number_of_nodes() >= limit,
    }


#: how far apart two documents citing the same telegram identity may be
_SAME_TELEGRAM_WITHIN = timedelta(days=366)


def _date_of(store: Store, document_id: str) -> str | None:
    row = store.conn.execute(
        "SELECT coalesce(date, date_min) FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    return row[0] if row else None


def _near(first: str | None, second: str | None) -> bool:
    """Whether two documents' dates are within a year (either unknown: yes)."""
    try:
        a, b = date.fromisoformat((first or "")[:10]), date.fromisoformat((second or "")[:10])
    except ValueError:
        return True
    return abs(a - b) <= _SAME_TELEGRAM_WITHIN


def _edges(
    store: Store, node: str, reached_on: str | None = None
) -> list[tuple[str, str, str, str]]:
    """``(neighbour, kind, evidence, source)``: the source is the citing document. A telegram
    identity's citing documents are those within a year of ``reached_on``."""
    found: list[tuple[str, str, str, str]] = []
    if node.startswith("tel:"):
        for row in store.sharing_identity(node):
            if not _near(reached_on, row["date"]):
                continue
            kind = (
                "reply" if row["kind"] in REPLY_KINDS or '"ref_line"' in row["parts"] else "cites"
            )
            found.append((row["document_id"], f"{kind}-telegram", row["text"], row["document_id"]))
        return found
    for row in store.conn.execute(
        "SELECT kind, text, location, target, identity, parts FROM pointers WHERE document_id = ? "
        "AND (target IS NOT NULL OR identity LIKE 'tel:%')",
        (node,),
    ):
        reply = row["kind"] in REPLY_KINDS or '"ref_line"' in row["parts"]
        if row["target"]:
            target = row["target"].split("#", 1)[0]
            if target != node:
                found.append((target, "reply" if reply else "cites", row["text"], node))
        elif row["identity"]:
            kind = "reply-telegram" if reply else "cites-telegram"
            found.append((row["identity"], kind, row["text"], node))
    for row in store.cited_by(node):
        found.append((row["document_id"], "cites", row["text"], row["document_id"]))
    for row in store.conn.execute(
        "SELECT target FROM doc_links WHERE source = ? AND kind = 'same-as'", (node,)
    ):
        found.append((row["target"], "same-as", "same text", node))
    return found
