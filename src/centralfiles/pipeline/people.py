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

from centralfiles.enrich.people import (
    Identity,
    forenames_agree,
    reconcile,
    split_name,
    volume_year,
)
from centralfiles.store.authorities import surname_key
from centralfiles.store.database import Store

#: office symbols, not people: "EUR/RPM", "S/S", "G/PM", "S", "M", "OSD", "JCS"
_OFFICE = re.compile(r"^(?:[A-Z]{1,5}(?:/[A-Z]{1,5})+|[A-Z]{1,4})$")
_PARENTHESISED = re.compile(r"\(([^()]+)\)")
_OFFICE_AFTER = re.compile(r"\s*\([^()]*\)\s*$")


def document_people(store: Store, doc: dict[str, Any]) -> list[dict[str, Any]]:
    """``doc`` is a row of the documents table."""
    doc = dict(doc)
    roles = _roles(doc)
    names_id, doc["volume"] = _names_source(store, doc)
    marked = _marked(store, names_id)
    unlisted = {
        surname_key(name): name for (name,) in store.conn.execute(
            "SELECT name FROM mentions WHERE document_id = ? AND kind = 'person' "
            "AND ref_id IS NULL", (names_id,))
    }  # fmt: skip
    listed = _listed(store, doc["volume"])
    texts = " ".join([doc["text"] or "", *(r[0] for r in store.conn.execute(
        "SELECT text FROM footnotes WHERE document_id = ?", (doc["id"],)))])  # fmt: skip
    for _, printed, _ in roles:  # "Rufus Z. Smith, Country Director" in the participants
        printed = _OFFICE_AFTER.sub("", printed)
        key = surname_key(printed)
        if key in unlisted or _OFFICE.match(printed.strip()) or not printed.split():
            continue
        for full in _full_names(texts, printed.split()[-1]):
            if not _agreeing(full, listed.get(key, [])) or not listed.get(key):
                unlisted[key] = full
                break
    found = []
    for role, printed, where in roles:
        resolved = _resolve(store, doc, printed, marked, listed, unlisted)
        if resolved["person"] is None and role == "signer" and not _OFFICE.match(printed):
            # "Shriver" closing a telegram from the Embassy in France: its chief then?
            chief = _chief_of_mission(store, doc["from_"], _day(doc))
            if chief and surname_key(chief["name"]) == surname_key(printed):
                resolved = chief
        found.append({"role": role, "printed": printed, "where": where, **resolved})
    for role, column in (("sender", "from_"), ("recipient", "to_")):
        post = doc[column] or ""
        if role == "sender" and doc["signed"]:
            continue  # the signer is the sender (a chargé signs while the chief is away)
        if post and not _PARENTHESISED.search(post):  # "the Embassy in France": its chief
            chief = _chief_of_mission(store, post, _day(doc))
            if chief:
                found.append({"role": role, "printed": post, "where": "heading", **chief})
    return found


_POST = re.compile(r"\b(?:Embassy|Legation|Consulate General|Consulate|Mission)\s+(?:in|to)\s+"
                   r"(?:the\s+)?(?P<place>[A-Z][\w .'-]+?)\s*$")  # fmt: skip
#: POCOM's positions for the missions FRUS headings name by organisation
_ORGANISATIONS = {
    "north atlantic treaty organization": "representative-to-nato",
    "north atlantic treaty organization and european regional organizations": (
        "representative-to-nato"
    ),
    "united nations": "representative-to-un",
}


#: a post without an end date is taken as held for at most this long
OPEN_POST_YEARS = 8


def _day(doc: dict[str, Any]) -> str | None:
    stamp = doc["date"] or doc["date_min"]
    return stamp[:10] if stamp else None


def _chief_of_mission(store: Store, post: str | None, day: str | None) -> dict[str, Any] | None:
    """The registry identity of the chief of the mission ``post`` names ("Embassy in
    France", "Mission to the North Atlantic Treaty Organization") on ``day``, from POCOM."""
    match = _POST.search(post or "")
    if not match or not day:
        return None
    place = " ".join(match["place"].lower().split())
    position = _ORGANISATIONS.get(place) or place.replace(" ", "-")
    earliest = f"{int(day[:4]) - OPEN_POST_YEARS:04d}{day[4:]}"  # an end POCOM never recorded
    rows = store.conn.execute(
        "SELECT DISTINCT p.person_id FROM posts p WHERE p.position = ? AND p.started <= ? "
        "AND (p.ended >= ? OR (coalesce(p.ended, '') = '' AND p.started >= ?))",
        (position, day, day, earliest),
    ).fetchall()
    if len(rows) != 1:
        return None
    pocom = rows[0][0].removeprefix("pocom:")
    person = store.conn.execute(
        "SELECT id, preferred FROM people WHERE pocom_id = ? ORDER BY source = 'pocom'",
        (pocom,),
    ).fetchone()
    if person is None:
        return None
    evidence = f"chief of the {match.group().strip()} on {day} (POCOM: {pocom})"
    return {"person": person[0], "name": person[1], "entry": None, "confidence": "inferred",
            "evidence": evidence}  # fmt: skip


def _roles(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    """``(role, name as printed, where)`` of everyone the document's apparatus names."""
    roles: list[tuple[str, str, str]] = []
    for role, column in (("drafter", "drafted_by"), ("clearer", "cleared_by"),
                         ("approver", "approved_by")):  # fmt: skip
        roles += [(role, name, "source note") for name in json.loads(doc[column] or "[]")]
    if doc["signed"]:
        roles.append(("signer", doc["signed"], "closer"))
    for role, column in (("sender", "from_"), ("recipient", "to_")):
        roles += [(role, name, "heading") for name in _PARENTHESISED.findall(doc[column] or "")]
    return roles


def _names_source(store: Store, doc: dict[str, Any]) -> tuple[str, str]:
    """Whose markup and whose persons list the document's names are read with: its own, or,
    for a pasted copy of a published document (a same-as counterpart), the published one's."""
    has_list = store.conn.execute(
        "SELECT 1 FROM persons WHERE volume = ? LIMIT 1", (doc["volume"],)
    ).fetchone()
    if not has_list:
        twin = store.conn.execute(
            "SELECT d.id, d.volume FROM doc_links l JOIN documents d ON d.id = l.target "
            "WHERE l.source = ? AND l.kind = 'same-as' ORDER BY l.score DESC LIMIT 1",
            (doc["id"],),
        ).fetchone()
        if twin is not None:
            return twin[0], twin[1]
    return doc["id"], doc["volume"]


def _marked(store: Store, document_id: str) -> dict[str, list[tuple[str, str]]]:
    """The persons-list entries the document marks (``persName/@corresp``), by surname key:
    ``(entry, listed name)``."""
    found: dict[str, list[tuple[str, str]]] = {}
    for ref_id, name in store.conn.execute(
        "SELECT ref_id, name FROM mentions WHERE document_id = ? AND kind = 'person' "
        "AND ref_id IS NOT NULL",
        (document_id,),
    ):
        found.setdefault(surname_key(name), []).append((ref_id, name))
    return found


def _listed(store: Store, volume: str) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for entry, name in store.conn.execute(
        "SELECT id, name FROM persons WHERE volume = ?", (volume,)
    ):
        found.setdefault(surname_key(name), []).append((entry, name))
    return found


_TITLES = frozenset({
    "President", "Secretary", "Ambassador", "Minister", "General", "Mr", "Mrs", "Miss", "Dr",
    "Under", "Assistant", "Deputy", "Director", "Chancellor", "Foreign", "Prime", "Admiral",
    "Senator", "Governor", "King", "Queen", "Colonel", "Lord", "Sir", "Vice", "Acting",
    "Chairman", "Special", "Representative", "Counselor", "Chief", "Permanent", "Mission",
})  # fmt: skip


def _full_names(text: str, surname: str) -> list[str]:
    """Names printed with a forename and a middle initial before ``surname`` ("Rufus Z.
    Smith"); titles ("Secretary", "Ambassador") are not forenames."""
    found = []
    pattern = rf"\b([A-Z][a-z]+)\s+((?:[A-Z]\.\s*){{1,2}})({re.escape(surname)})\b"
    for match in re.finditer(pattern, text):
        if match[1] not in _TITLES:
            found.append(f"{match[1]} {' '.join(match[2].split())} {match[3]}")
    return found


def _agreeing(printed: str, entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The entries whose forenames can be the printed name's ("Eugene V. Rostow" keeps
    "Rostow, Eugene V." and drops "Rostow, Walt W."); all of them for a bare surname."""
    forenames = split_name(printed)[1]
    if not forenames:
        return entries
    return [e for e in entries if forenames_agree(forenames, split_name(e[1])[1])[0]]


def _resolve(
    store: Store,
    doc: dict[str, Any],
    printed: str,
    marked: dict[str, list[tuple[str, str]]],
    listed: dict[str, list[tuple[str, str]]],
    unlisted: dict[str, str],
) -> dict[str, Any]:
    volume = doc["volume"]
    printed = _OFFICE_AFTER.sub("", printed)  # "Robert Kranich (ACDA)": the name
    if _OFFICE.match(printed.strip()):
        return {"person": None, "reason": "an office, not a person"}
    key = surname_key(printed)
    bare = not split_name(printed)[1]
    in_list = _agreeing(printed, listed.get(key, []))
    in_markup = _agreeing(printed, marked.get(key, []))
    full = unlisted.get(key)  # "Herbert S. Malin", printed unlisted in the document
    if full and bare and not _agreeing(full, in_list):
        # "Drafted by Malin" and the participants print "Herbert S. Malin", whom the list lacks
        return _in_registry(store, doc, full, printed)
    if not bare and not in_list:
        return _in_registry(store, doc, printed, printed)
    if bare and len(listed.get(key, [])) > 1:  # a bare "Smith" where the list has several
        hint = f"; the markup says #{in_markup[0][0]}" if len(in_markup) == 1 else ""
        return {"person": None,
                "reason": f"{len(listed[key])} list entries share the surname{hint}"}  # fmt: skip
    if len(in_markup) == 1:
        entry = in_markup[0][0]
        evidence = f"the document marks {printed!r} as {volume}#{entry}"
    elif len(in_list) == 1:
        entry = in_list[0][0]
        evidence = f"the only {printed!r} in the persons list of {volume}: #{entry}"
    elif in_list:
        return {"person": None, "reason": f"{len(in_list)} list entries fit {printed!r}"}
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


#: how near in years a registry identity's volumes must be to a document for a name the
#: persons list lacks to be taken as that identity
NAME_ERA_YEARS = 10


def _in_registry(store: Store, doc: dict[str, Any], full: str, printed: str) -> dict[str, Any]:
    """A name the volume's list lacks, printed in full in the document: the one registry
    identity of that era whose printed names agree (forename in full), else unresolved."""
    surname, forenames = split_name(full)
    if not forenames or len(forenames[0]) < 2:
        return {"person": None, "reason": f"{printed!r} is not in the persons list"}
    year = int((doc["date"] or doc["date_min"] or "0")[:4] or 0) or None
    as_listed = (
        f"{full.rsplit(' ', 1)[-1]}, {' '.join(full.split()[:-1])}" if "," not in full else full
    )
    candidates = [
        identity for identity in _candidates(store, surname)
        if year is None or any(abs(year - y) <= NAME_ERA_YEARS for v in identity.volumes
                               if (y := volume_year(v)) is not None)
    ]  # fmt: skip
    match = reconcile(as_listed, "", doc["volume"], candidates)
    if match.id is None or "forename in full" not in match.why:
        why = "not in the registry" if not candidates else match.why
        return {"person": None, "reason": f"{full!r} is not in the persons list; {why}"}
    name = store.conn.execute("SELECT preferred FROM people WHERE id = ?", (match.id,)).fetchone()
    return {"person": match.id, "name": name[0], "entry": None, "confidence": "inferred",
            "evidence": f"the document prints {full!r}, not in its volume's list; the one "
                        f"registry identity of that name printed within {NAME_ERA_YEARS} "
                        "years"}  # fmt: skip


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


def record_document_people(store: Store, document_ids: list[str] | None = None) -> int:
    """Resolve and store the people of ``document_ids`` (all stored documents when None),
    replacing what was stored for them; returns how many names were resolved."""
    conn = store.conn
    if not conn.execute("SELECT 1 FROM people LIMIT 1").fetchone():
        return 0
    if document_ids is None:
        document_ids = [row[0] for row in conn.execute("SELECT id FROM documents")]
    resolved = 0
    with store.transaction():
        for start in range(0, len(document_ids), 500):
            part = document_ids[start : start + 500]
            marks = ", ".join("?" * len(part))
            conn.execute(f"DELETE FROM document_people WHERE document_id IN ({marks})", part)
            for doc in conn.execute(f"SELECT * FROM documents WHERE id IN ({marks})", part):
                rows = []
                for seq, found in enumerate(document_people(store, doc)):
                    resolved += found["person"] is not None
                    confidence = found.get("confidence", "listed")
                    rows.append((doc["id"], seq, found["role"], found["printed"],
                                 found["person"], found.get("name"), found.get("evidence"),
                                 found.get("reason"), confidence))  # fmt: skip
                conn.executemany(
                    "INSERT INTO document_people VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
                )
    return resolved
