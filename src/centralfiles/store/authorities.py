"""Writing the authorities into the store: each dataset replaced whole, in one transaction.

``replace_authority`` deletes what an earlier import of the same dataset left and inserts the
new records as they stream in, so a second import of the same archive leaves the same rows,
and a bad file halfway through (the reader raises) leaves the previous import untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from centralfiles.enrich.people import fold
from centralfiles.readers.authorities import PocomPerson, Post, Record, RegistryPerson
from centralfiles.store.database import Store

BATCH = 2000


def surname_key(name: str) -> str:
    """The lookup key of a name's surname: "De Staercke, André Marie" → "de staercke";
    "Schröder" → "schroder" (accents and case dropped)."""
    surname = name.split(",", 1)[0] if "," in name else (name.split() or [""])[-1]
    return fold(surname)


def replace_authority(
    store: Store,
    kind: str,
    records: Iterable[Record],
    *,
    path: str,
    sha256: str,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Replace dataset ``kind`` ("people" or "pocom") by ``records``; returns their count."""
    count = 0
    rows: dict[str, list[tuple[object, ...]]] = {
        "people": [], "entries": [], "alternates": [], "posts": []}  # fmt: skip
    with store.transaction() as conn:
        if kind == "pocom":
            conn.execute("DELETE FROM posts")
        conn.execute("DELETE FROM people WHERE source = ?", (kind,))
        for record in records:
            _rows(record, rows)
            count += 1
            if count % BATCH == 0:
                _flush(conn, rows)
                if progress:
                    progress(count)
        _flush(conn, rows)
        conn.execute(
            "INSERT OR REPLACE INTO authority_imports VALUES (?, ?, ?, ?, ?)",
            (kind, path, sha256, count, datetime.now(UTC).isoformat(timespec="seconds")),
        )
    if progress:
        progress(count)
    return count


def _rows(record: Record, rows: dict[str, list[tuple[object, ...]]]) -> None:
    if isinstance(record, RegistryPerson):
        rows["people"].append((record.id, "people", record.preferred,
                               surname_key(record.preferred), record.birth, record.death,
                               record.pocom_id))  # fmt: skip
        remarks = {(volume, entry): text for volume, entry, text in record.remarks}
        seen = set()
        for entry in record.entries:
            if (entry.volume, entry.entry) in seen:
                continue
            seen.add((entry.volume, entry.entry))
            rows["entries"].append((record.id, entry.volume, entry.entry, entry.name,
                                    surname_key(entry.name),
                                    remarks.get((entry.volume, entry.entry))))  # fmt: skip
        rows["alternates"] += [(record.id, name) for name in record.alternates]
    elif isinstance(record, PocomPerson):
        name = f"{record.surname}, {record.forename}".strip(", ")
        rows["people"].append((f"pocom:{record.id}", "pocom", name, surname_key(name),
                               record.birth, record.death, record.id))  # fmt: skip
    elif isinstance(record, Post):
        rows["posts"].append((f"pocom:{record.person_id}", record.position,
                              record.position_name, record.role, record.started, record.ended,
                              record.kind))  # fmt: skip


def _flush(conn: object, rows: dict[str, list[tuple[object, ...]]]) -> None:
    statements = {
        "people": "INSERT OR REPLACE INTO people VALUES (?, ?, ?, ?, ?, ?, ?)",
        "entries": "INSERT OR REPLACE INTO person_entries VALUES (?, ?, ?, ?, ?, ?)",
        "alternates": "INSERT INTO person_alternates VALUES (?, ?)",
        "posts": "INSERT INTO posts VALUES (?, ?, ?, ?, ?, ?, ?)",
    }
    for key, sql in statements.items():
        if rows[key]:
            conn.executemany(sql, rows[key])  # type: ignore[attr-defined]
            rows[key].clear()
