"""The people network of the store: who wrote to whom (a document's signer or sender → its
recipient) and who drafted for whom (drafter → approver), one edge per pair with its count and
date range, built with networkx from the resolved names (``document_people``), so that it
can be written as node-link JSON or GraphML (Gephi opens it).
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from centralfiles.store.database import Store

#: (kind of edge, roles it leaves from, roles it goes to)
EDGES = (
    ("wrote to", ("signer", "sender"), ("recipient",)),
    ("drafted for", ("drafter",), ("approver",)),
)


def people_network(store: Store, person: str | None = None) -> nx.DiGraph:
    """The whole network, or ``person`` with their neighbours (radius 1) when given."""
    graph = nx.DiGraph()
    for kind, sources, targets in EDGES:
        rows = store.conn.execute(
            "SELECT a.person_id, a.name, b.person_id, b.name, coalesce(d.date, d.date_min) "
            "FROM document_people a JOIN document_people b ON b.document_id = a.document_id "
            "JOIN documents d ON d.id = a.document_id "
            f"WHERE a.role IN ({', '.join('?' * len(sources))}) "
            f"AND b.role IN ({', '.join('?' * len(targets))}) "
            "AND a.person_id IS NOT NULL AND b.person_id IS NOT NULL "
            "AND a.person_id != b.person_id",
            (*sources, *targets),
        )
        for source, source_name, target, target_name, day in rows:
            graph.add_node(source, label=source_name)
            graph.add_node(target, label=target_name)
            _count(graph, source, target, kind, (day or "")[:10])
    if person is not None:
        if person not in graph:
            return nx.DiGraph()
        graph = nx.ego_graph(graph, person, radius=1, undirected=True)
    return graph


def _count(graph: nx.DiGraph, source: str, target: str, kind: str, day: str) -> None:
    if graph.has_edge(source, target) and graph[source][target]["kind"] == kind:
        edge: dict[str, Any] = graph[source][target]
        edge["count"] += 1
        if day:
            edge["first"] = min(filter(None, [edge["first"], day]))
            edge["last"] = max(filter(None, [edge["last"], day]))
        return
    if graph.has_edge(source, target):  # both kinds between one pair: keep them apart
        kind = f"{graph[source][target]['kind']}; {kind}"
        graph[source][target]["kind"] = kind
        graph[source][target]["count"] += 1
        return
    graph.add_edge(source, target, kind=kind, count=1, first=day, last=day)
