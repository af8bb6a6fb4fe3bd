"""Who the people a document names are: its drafters, clearers and approvers (source note),
its signer, and the names in parentheses of its heading ("The Ambassador in France
(Shriver)"), each resolved to an identity of the people registry with its evidence, or left
unresolved with the reason. Surnames alone are never matched against the whole registry
(it holds 92 Smiths): a name is looked up in the document's own marked names, then in its
volume's persons list, and only a unique match counts.
"""

from __future__ import annotations

import json
import re
from typing import Any

from centralfiles.enrich.people import Identity, reconcile
from centralfiles.store.authorities import surname_key
from centralfiles.store.database import Store

#: office symbols, not people: "EUR/RPM", "S/S", "G/PM", "S", "M", "OSD", "JCS"
_OFFICE = re.compile(r"^(?:[A-Z]{1,5}(?:/[A-Z]{1,5})+|[A-Z]{1,4})$")
_PARENTHESISED = re.compile(r"\(([^()]+)\)")


def document_people(store: Store, doc: dict[str, Any]) -> list[dict[str, Any]]:
    """``doc`` is a row of the documents table."""
    roles: list[tuple[str, str, str]] = []
    for role, column in (("drafter", "drafted_by"), ("clearer", "cleared_by"),
                         ("approver", "approved_by")):  # fmt: skip
        roles += [(role, name, "source note") for name in json.loads(doc[column] or "[]")]
    if doc["signed"]:
        roles.append(("signer", doc["signed"], "closer"))
    for role, column in (("sender", "from_"), ("recipient", "to_")):
        for name in _PARENTHESISED.findall(doc[column] or ""):
            roles.append((role, name, "heading"))
    marked = _marked(store, doc["id"])
    unlisted = {
        surname_key(name): name for (name,) in store.conn.execute(
            "SELECT name FROM mentions WHERE document_id = ? AND kind = 'person' "
            "AND ref_id IS NULL", (doc["id"],))
    }  # fmt: skip
    listed = _listed(store, doc["volume"])
    return [
        {"role": role, "printed": printed, "where": where,
         **_resolve(store, doc["volume"], printed, marked, listed, unlisted)}
        for role, printed, where in roles
    ]  # fmt: skip


def _marked(store: Store, document_id: str) -> dict[str, list[str]]:
    """The persons-list ids the document marks (``persName/@corresp``), by surname key."""
    found: dict[str, list[str]] = {}
    for ref_id, name in store.conn.execute(
        "SELECT ref_id, name FROM mentions WHERE document_id = ? AND kind = 'person' "
        "AND ref_id IS NOT NULL",
        (document_id,),
    ):
        found.setdefault(surname_key(name), []).append(ref_id)
    return found


def _listed(store: Store, volume: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for entry, name in store.conn.execute(
        "SELECT id, name FROM persons WHERE volume = ?", (volume,)
    ):
        found.setdefault(surname_key(name), []).append(entry)
    return found


def _resolve(
    store: Store,
    volume: str,
    printed: str,
    marked: dict[str, list[str]],
    listed: dict[str, list[str]],
    unlisted: dict[str, str],
) -> dict[str, Any]:
    if _OFFICE.match(printed.strip()):
        return {"person": None, "reason": "an office, not a person"}
    key = surname_key(printed)
    entry, evidence = None, ""
    shared = len(listed.get(key, []))
    if shared > 1 and len(printed.split()) == 1:  # a bare "Smith" in a list of several Smiths
        hint = f"; the markup says #{marked[key][0]}" if len(marked.get(key, [])) == 1 else ""
        return {"person": None, "reason": f"{shared} list entries share the surname{hint}"}
    if key in unlisted:  # "Drafted by Smith" where the participants print "Joseph L. Smith"
        return {
            "person": None,
            "reason": f"the document also names {unlisted[key]!r}, who is not in the list",
        }
    if len(marked.get(key, [])) == 1:
        entry = marked[key][0]
        evidence = f"the document marks {printed!r} as {volume}#{entry}"
    elif len(listed.get(key, [])) == 1:
        entry = listed[key][0]
        evidence = f"the only {printed!r} in the persons list of {volume}: #{entry}"
    elif listed.get(key):
        count = len(listed[key])
        return {"person": None, "reason": f"{count} entries of the persons list share the surname"}
    else:
        return {"person": None, "reason": f"no {printed!r} in the persons list of {volume}"}
    row = store.conn.execute(
        "SELECT p.id, p.preferred, e.how FROM identity_entries e "
        "JOIN people p ON p.id = e.person_id WHERE e.volume = ? AND e.entry = ?",
        (volume, entry),
    ).fetchall()
    if len(row) == 1:
        how = "the registry links that entry" if row[0][2] == "registry" else row[0][2]
        return {"person": row[0][0], "name": row[0][1], "entry": entry,
                "evidence": f"{evidence}; {how}"}  # fmt: skip
    name = store.conn.execute(
        "SELECT name FROM persons WHERE volume = ? AND id = ?", (volume, entry)
    ).fetchone()
    evidence += "; not in the registry (an identity of this volume's list)"
    return {"person": f"{volume}#{entry}", "name": name[0] if name else printed, "entry": entry,
            "evidence": evidence}  # fmt: skip


def reconcile_volumes(store: Store, volumes: list[str] | None = None) -> int:
    """Link the persons-list entries of stored volumes that the registry does not know to
    registry identities (``enrich.people.reconcile``), replacing earlier links; returns how
    many entries were linked. Entries left unlinked stay identities of their volume."""
    conn = store.conn
    if volumes is None:
        volumes = [row[0] for row in conn.execute("SELECT id FROM volumes")]
    if not volumes or not conn.execute("SELECT 1 FROM people LIMIT 1").fetchone():
        return 0
    linked = 0
    with store.transaction():
        for volume in volumes:
            conn.execute("DELETE FROM person_links WHERE volume = ?", (volume,))
            entries = conn.execute(
                "SELECT s.id, s.name, s.description FROM persons s WHERE s.volume = ? AND NOT "
                "EXISTS (SELECT 1 FROM person_entries e WHERE e.volume = s.volume "
                "AND e.entry = s.id)",
                (volume,),
            ).fetchall()
            for entry, name, role in entries:
                match = reconcile(name, role, volume, _candidates(store, surname_key(name)))
                if match.id is not None:
                    conn.execute("INSERT INTO person_links VALUES (?, ?, ?, ?)",
                                 (volume, entry, match.id, match.why))  # fmt: skip
                    linked += 1
    return linked


def _candidates(store: Store, surname: str) -> list[Identity]:
    """The registry identities printed with ``surname`` in some volume, as the reconciler
    sees them: their printed names, roles and volumes."""
    found: dict[str, Identity] = {}
    for person_id, preferred, volume, name, remark in store.conn.execute(
        "SELECT p.id, p.preferred, e.volume, e.name, e.remark FROM people p "
        "JOIN person_entries e ON e.person_id = p.id WHERE p.id IN "
        "(SELECT person_id FROM person_entries WHERE surname = ? UNION "
        " SELECT id FROM people WHERE surname = ? AND source = 'people')",
        (surname, surname),
    ):
        identity = found.setdefault(person_id, Identity(person_id, [preferred]))
        identity.names.append(name)
        identity.volumes.append(volume)
        if remark:
            identity.roles.append(remark)
    return list(found.values())
