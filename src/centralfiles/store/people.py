"""Reading the people tables: an identity with its names, the volumes whose persons lists
print it, its posts (POCOM), and the stored documents that name it; candidates for a name.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from centralfiles.store.authorities import surname_key
from centralfiles.store.database import Store

PERSONS_URL = "https://history.state.gov/historicaldocuments/{volume}/persons#{entry}"


def find_people(store: Store, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Identities whose id is ``query`` or whose surname (preferred or as printed in any
    volume) is its surname; those printed in stored volumes first, then the most printed."""
    query = query.strip()
    rows = store.conn.execute(  # an id of ours, or POCOM's (the registry's identity first)
        "SELECT id FROM people WHERE id = ? OR (source = 'people' AND pocom_id = ?) "
        "OR id = 'pocom:' || ?",
        (query, query, query),
    ).fetchall()
    if len(rows) > 1:
        rows = [row for row in rows if not row[0].startswith("pocom:")]
    if not rows:
        key = surname_key(query)
        rows = store.conn.execute(
            "SELECT id FROM people p WHERE surname = ? AND NOT (source = 'pocom' AND EXISTS "
            "(SELECT 1 FROM people r WHERE r.source = 'people' AND r.pocom_id = p.pocom_id)) "
            "UNION SELECT person_id FROM person_entries WHERE surname = ?",
            (key, key),
        ).fetchall()
    found = [summary for (person_id,) in rows if (summary := person_summary(store, person_id))]
    found.sort(key=lambda p: (-p["stored_volumes"], -p["volume_count"], p["name"], p["id"]))
    return found[:limit]


def person_summary(store: Store, person_id: str) -> dict[str, Any] | None:
    row = store.conn.execute(
        "SELECT p.id, p.preferred, p.source, "
        "(SELECT count(*) FROM identity_entries e WHERE e.person_id = p.id), "
        "(SELECT count(*) FROM identity_entries e JOIN volumes v ON v.id = e.volume "
        " WHERE e.person_id = p.id) FROM people p WHERE p.id = ?",
        (person_id,),
    ).fetchone()
    if row is None:
        return None
    return {"id": row[0], "name": row[1], "source": row[2], "volume_count": row[3],
            "stored_volumes": row[4]}  # fmt: skip


def person_record(store: Store, person_id: str) -> dict[str, Any] | None:
    """The whole identity, or None when the id is unknown."""
    conn = store.conn
    row = conn.execute(
        "SELECT id, source, preferred, birth, death, pocom_id FROM people WHERE id = ?",
        (person_id,),
    ).fetchone()
    if row is None:
        return None
    stored = {r[0] for r in conn.execute("SELECT id FROM volumes")}
    entries = conn.execute(
        "SELECT volume, entry, name, remark, how FROM identity_entries WHERE person_id = ? "
        "ORDER BY volume, entry",
        (person_id,),
    ).fetchall()
    volumes = [
        {"volume": volume, "entry": entry, "name": name, "role": remark, "how": how,
         "stored": volume in stored, "url": PERSONS_URL.format(volume=volume, entry=entry)}
        for volume, entry, name, remark, how in entries
    ]  # fmt: skip
    pocom = row["pocom_id"]  # a registry identity's POCOM twin, or a POCOM person's own id
    posts = [
        {"position": r[0], "role": r[1], "started": r[2], "ended": r[3]}
        for r in conn.execute(
            "SELECT position_name, role, started, ended FROM posts WHERE person_id = ? "
            "ORDER BY started",
            (f"pocom:{pocom}",),
        )
    ] if pocom else []  # fmt: skip
    documents = [
        {"id": r[0], "title": r[1], "date": r[2], "printed": r[3]}
        for r in conn.execute(
            "SELECT DISTINCT d.id, d.title, coalesce(d.date, d.date_min), m.name "
            "FROM identity_entries e JOIN documents d ON d.volume = e.volume "
            "JOIN mentions m ON m.document_id = d.id AND m.kind = 'person' AND m.ref_id = e.entry "
            "WHERE e.person_id = ? ORDER BY d.volume, d.seq",
            (person_id,),
        )
    ]
    roles = [
        {"id": r[0], "title": r[1], "date": r[2], "role": r[3], "confidence": r[4]}
        for r in conn.execute(
            "SELECT d.id, d.title, coalesce(d.date, d.date_min), p.role, p.confidence "
            "FROM document_people p JOIN documents d ON d.id = p.document_id "
            "WHERE p.person_id = ? ORDER BY coalesce(d.date, d.date_min), d.id",
            (person_id,),
        )
    ]
    alternates = [r[0] for r in conn.execute(
        "SELECT name FROM person_alternates WHERE person_id = ?", (person_id,))]  # fmt: skip
    return {
        "id": row["id"],
        "source": row["source"],
        "name": row["preferred"],
        "birth": row["birth"],
        "death": row["death"],
        "pocom_id": pocom,
        "names": sorted({v["name"] for v in volumes} | set(alternates)),
        "volumes": volumes,
        "posts": posts,
        "documents": documents,
        "roles_in_documents": roles,
        "correspondents": correspondents(store, person_id),
    }


#: who writes (the sender, or the signer when no sender is resolved) and who receives
_WRITERS = ("signer", "sender")


def correspondents(store: Store, person_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """The people this person wrote to or heard from most, with counts (sent, received)."""
    counts: dict[str, dict[str, Any]] = {}
    writers = ", ".join(f"'{role}'" for role in _WRITERS)
    for other, name, direction in store.conn.execute(
        "SELECT r.person_id, r.name, 'sent' FROM document_people w JOIN document_people r "
        f"ON r.document_id = w.document_id AND r.role = 'recipient' WHERE w.role IN ({writers}) "
        "AND w.person_id = ? AND r.person_id IS NOT NULL AND r.person_id != w.person_id "
        "UNION ALL SELECT w.person_id, w.name, 'received' FROM document_people r JOIN "
        f"document_people w ON w.document_id = r.document_id AND w.role IN ({writers}) "
        "WHERE r.role = 'recipient' AND r.person_id = ? AND w.person_id IS NOT NULL "
        "AND w.person_id != r.person_id",
        (person_id, person_id),
    ):
        entry = counts.setdefault(other, {"id": other, "name": name, "sent": 0, "received": 0})
        entry[direction] += 1
    ranked = sorted(counts.values(), key=lambda c: (-(c["sent"] + c["received"]), c["name"]))
    return ranked[:limit]


def documents_of_people(store: Store, query: str) -> list[str]:
    """The stored documents that name (or are drafted, signed, sent or received by) the
    identities ``query`` finds; none when the authorities are not imported."""
    try:
        people = [p["id"] for p in find_people(store, query)]
    except sqlite3.OperationalError:  # a store opened read-only before migration 8
        return []
    if not people:
        return []
    marks = ", ".join("?" * len(people))
    rows = store.conn.execute(
        "SELECT DISTINCT d.id FROM identity_entries e JOIN documents d ON d.volume = e.volume "
        "JOIN mentions m ON m.document_id = d.id AND m.kind = 'person' AND m.ref_id = e.entry "
        f"WHERE e.person_id IN ({marks}) UNION "
        f"SELECT document_id FROM document_people WHERE person_id IN ({marks})",
        [*people, *people],
    )
    return [row[0] for row in rows]
