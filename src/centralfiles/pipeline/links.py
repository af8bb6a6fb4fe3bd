"""Resolving pointers against the store, after a write and inside its transaction.

A pointer resolves to a stored document (``vol/dN``, or ``vol/dN#fnK`` for a note) only when
the evidence is unambiguous; otherwise it keeps the reason. Telegrams cited by number get an
``identity`` whether or not a volume prints them ("tel:Bonn:17686", "tel:Polto:513"), so two
documents citing the same unprinted telegram meet through it. Rules:

- ``document`` / ``footnote``: the id (and note marker) exists;
- ``page``: exactly one document of the volume spans the page (of those, the one that is
  the telegram just cited: "Telegram 155, March 10, p. 314"); a note of a page ("p. 305,
  and footnote 1", "footnote 2, p. 168"): exactly one document on the page has that note;
  neither when a document beside it has no known pages (it may share the page);
- ``telegram`` / ``post_number`` / ``channel`` / ``deptel`` / ``embtel`` / ``urtel`` /
  ``mytel``: exactly one stored telegram with that number (and channel), its own or one it
  was repeated under to the post cited ("Deptel 523" from Helsinki: the Department's telegram
  "Repeated to Helsinki as telegram 523"; in the telegram's own note, itself), no contradicting
  direction, and dated within a day of the citation's date when both are known (when the
  citation prints no date, within the year before the citing document); a telegram cited by
  date and hour ("Your January 28, 5 p.m."): the one sent then by the party it names; a
  shorthand's post is the citing telegram's party it names (urtel: the addressee's); a post
  cited by its city is the mission a heading names by its country ("Athens": "The Ambassador
  in Greece"), and an identity names the city when the country had one (``tel:Athens:732``);
- ``reftel``: the telegram of the document's own "Ref:" line;
- ``memorandum``: a numbered despatch, instruction or note ("instruction No. 631 of April
  21"): the one stored paper of that type and number of the same mission, dated within a day
  (undated: within the year before); any other: exactly one stored document from that sender
  (and to that recipient) on that date, offered as a guess only;
- ``archival`` and ``septel`` locate rather than point, and stay unresolved.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any, ClassVar

from centralfiles.enrich.links.posts import OFFICES, capital, post_names
from centralfiles.store.database import Store
from centralfiles.store.rows import (
    INSERT_POINTER,
    POINTER_COLUMNS,
    POINTER_RESOLUTION,
    pointer_row,
)

#: post names that the series prints for the same sender
POST_ALIASES = {
    "USNATO": ("Mission to the North Atlantic Treaty Organization", "Mission to NATO", "USNATO"),
    "State": ("Department of State", "Department", "State"),
    "USUN": ("Mission to the United Nations", "USUN"),
}
TELEGRAPHIC = {"telegram", "post_number", "channel", "deptel", "embtel", "urtel", "mytel"}


def resolve_pointers(
    store: Store,
    document_ids: list[str] | None = None,
    *,
    new_rows: list[tuple[Any, ...]] | None = None,
) -> int:
    """(Re)resolve the pointers of ``document_ids`` (all when None), and the unresolved
    pointers elsewhere that the new documents may answer: those naming their volume, or the
    number of one of their telegrams. Returns how many pointers were looked at.

    ``new_rows`` are the not yet inserted ``pointers`` rows (``store.rows.pointer_row``) of
    ``document_ids``, whose documents are stored: they are resolved in memory and inserted
    once, resolved, instead of being inserted, read back and updated (a volume's ingest)."""
    conn = store.conn
    if new_rows is not None:
        if document_ids is None:
            raise ValueError("new_rows need the ids of the documents they belong to")
        resolved = _resolved_rows(store, [_NewRow(row) for row in new_rows])
        first, last = POINTER_RESOLUTION.start, POINTER_RESOLUTION.stop
        conn.executemany(
            INSERT_POINTER,
            [
                (*row[:first], *(done or row[first:last]), *row[last:])
                for row, done in zip(new_rows, resolved, strict=True)
            ],
        )
    if document_ids is None:
        rows = conn.execute("SELECT rowid, * FROM pointers").fetchall()
    else:
        rows = []
        for start in range(0, len(document_ids), 500):
            part = document_ids[start : start + 500]
            marks = ", ".join("?" for _ in part)
            if new_rows is None:
                rows += conn.execute(
                    f"SELECT rowid, * FROM pointers WHERE document_id IN ({marks})", part
                ).fetchall()
            volumes = [
                r[0]
                for r in conn.execute(
                    f"SELECT DISTINCT volume FROM documents WHERE id IN ({marks})", part
                )
            ]
            numbers = [r[0] for r in conn.execute(
                f"SELECT DISTINCT telegram_number FROM documents WHERE id IN ({marks}) "
                "AND telegram_number IS NOT NULL", part)]  # fmt: skip
            numbers += [r[0].rsplit(" ", 1)[-1] for r in conn.execute(
                f"SELECT telegram_alias FROM documents WHERE id IN ({marks}) "
                "AND telegram_alias IS NOT NULL", part)]  # fmt: skip
            numbers += [r[0] for r in conn.execute(
                f"SELECT paper_number FROM documents WHERE id IN ({marks}) "
                "AND paper_number IS NOT NULL", part)]  # fmt: skip
            numbers += [r[0] for r in conn.execute(
                f"SELECT number FROM repeats WHERE document_id IN ({marks})", part)]  # fmt: skip
            mine = set(part)
            for column, values in (("cited_volume", volumes), ("cited_number", numbers)):
                for chunk in range(0, len(values), 500):  # the partial indexes of migration 10
                    some = values[chunk : chunk + 500]
                    rows += [row for row in conn.execute(
                        f"SELECT rowid, * FROM pointers WHERE resolved = 0 AND {column} "
                        f"IN ({', '.join('?' * len(some))})",
                        some,
                    ) if row["document_id"] not in mine]  # fmt: skip
    seen: set[int] = set()
    rows = [row for row in rows if not (row["rowid"] in seen or seen.add(row["rowid"]))]
    updates = [
        (*done, row["rowid"])
        for row, done in zip(rows, _resolved_rows(store, rows), strict=True)
        if done is not None
    ]
    conn.executemany(
        "UPDATE pointers SET target = ?, resolved = ?, reason = ?, identity = ? WHERE rowid = ?",
        updates,
    )
    return len(updates) + len(new_rows or ())


class _NewRow:
    """A ``pointers`` row tuple read by column name, as ``sqlite3.Row`` is."""

    __slots__ = ("row",)
    _COLUMNS: ClassVar[dict[str, int]] = {
        name: POINTER_COLUMNS.index(name)
        for name in ("document_id", "seq", "kind", "parts", "text")
    }

    def __init__(self, row: tuple[Any, ...]) -> None:
        self.row = row

    def __getitem__(self, column: str) -> Any:
        return self.row[self._COLUMNS[column]]


Resolution = tuple[str | None, int, str | None, str | None]  # target, resolved, reason, identity


def _resolved_rows(store: Store, rows: list[Any]) -> list[Resolution | None]:
    """The resolution of each pointer row, in the order given (the rows of one document are
    resolved in their own order: the first telegram of a "Ref:" line is what "reftel" is);
    None for a row whose document is not stored."""
    citing = store.document_facts({row["document_id"] for row in rows})
    by_document: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        by_document.setdefault(row["document_id"], []).append(index)
    results: list[Resolution | None] = [None] * len(rows)
    for doc_id, indexes in by_document.items():
        doc = citing.get(doc_id)
        if doc is None:
            continue
        reftel: tuple[str | None, str | None, str | None] | None = None
        for index in sorted(indexes, key=lambda i: rows[i]["seq"]):
            row = rows[index]
            parts = json.loads(row["parts"])
            target, reason, identity = _resolve(store, doc, row["kind"], parts, reftel,
                                                row["text"])  # fmt: skip
            if row["kind"] in TELEGRAPHIC and parts.get("ref_line") and reftel is None:
                reftel = (target, reason, identity)  # the first telegram of the Ref: line
            results[index] = (target, int(target is not None), reason, identity)
    return results


def _resolve(
    store: Store,
    doc: dict[str, Any],
    kind: str,
    parts: dict[str, str],
    reftel: tuple[str | None, str | None, str | None] | None,
    text: str = "",
) -> tuple[str | None, str | None, str | None]:
    """``(target, reason, identity)`` of one pointer (``text``: its printed span)."""
    volume = doc["volume"]
    if kind == "document" and parts.get("follows") == "cited":  # "..., supra"
        previous = store.conn.execute(
            "SELECT id, telegram_number, substr(text, 1, 40) FROM documents "
            "WHERE volume = ? AND seq < ? ORDER BY seq DESC LIMIT 1",
            (volume, doc["seq"] if doc.get("seq") is not None else -1),
        ).fetchone()
        number = parts.get("number")
        if (
            previous
            and number
            and (previous[1] == number or _opens_with(previous[2] or "", number))
        ):  # the record cited, printed just before: its number or its opener's ("No. 224")
            return previous[0], None, None
        return None, "printed above: the records cited before it", None
    if kind in ("document", "footnote") and "relative" in parts:  # "supra", "infra"
        before = parts["relative"] == "previous"
        row = store.conn.execute(
            "SELECT id FROM documents WHERE volume = ? AND seq "
            + ("< ? ORDER BY seq DESC" if before else "> ? ORDER BY seq") + " LIMIT 1",
            (volume, doc["seq"]),
        ).fetchone() if doc.get("seq") is not None else None  # fmt: skip
        if not row:
            return None, f"no stored document {'before' if before else 'after'} this one", None
        if kind == "document":
            return row[0], None, None
        parts = {**parts, "target_document": row[0].split("/", 1)[1]}  # "footnote 4, supra"
    if kind == "document":
        target = f"{parts.get('target_volume', volume)}/{parts['target_document']}"
        if _exists(store, target):
            return target, None, None
        return None, f"{target} is not in the archive", None
    if kind == "footnote" and "target_page" in parts and "target_document" not in parts:
        return _note_on_page(store, parts.get("target_volume", volume), parts)
    if kind == "footnote":
        document = (  # the volume a FRUS citation names, else the citing document's own
            f"{parts.get('target_volume', volume)}/{parts['target_document']}"
            if "target_document" in parts else doc["id"]
        )  # fmt: skip
        note = parts["target_note"]
        row = store.conn.execute(
            "SELECT 1 FROM footnotes WHERE document_id = ? AND n = ?", (document, note)
        ).fetchone()
        if row:
            return f"{document}#fn{note}", None, None
        return None, f"note {note} of {document} is not in the archive", None
    if kind == "page" and "target_note" in parts:  # "see footnote 2, p. 168"
        return _note_on_page(store, parts.get("target_volume", volume), parts)
    if kind == "page":
        cited = parts.get("target_volume", volume)  # "Foreign Relations, 1945, vol. III, p. 353"
        rows = store.conn.execute(
            "SELECT DISTINCT p.document_id FROM pages p JOIN documents d ON d.id = p.document_id "
            "WHERE d.volume = ? AND p.page = ?",
            (cited, parts["target_page"]),
        ).fetchall()
        found, ids = _one_on_page(store, [r[0] for r in rows], parts.get("number"))
        if found:  # "Telegram 155, March 10, p. 314": the page's document that is telegram 155
            return found, None, None
        why = (
            "not in the archive" if not ids
            else f"shared by {len(ids)} documents" if len(ids) > 1
            else "maybe shared with a document whose pages are not known"
        )  # fmt: skip
        return None, f"page {parts['target_page']} of {cited} is {why}", None
    if kind == "reftel":
        if reftel is None:
            return None, "the document has no Ref: line naming the telegram", None
        target, reason, identity = reftel
        return target, reason or ("" if target else "the Ref: telegram is not printed"), identity
    if kind in TELEGRAPHIC:
        return _telegram(store, doc, kind, parts)
    if kind == "memorandum":
        return _memorandum(store, doc, parts, text)
    if kind == "septel":
        return None, "a separate telegram, not identified by number", None
    return None, "an archival location, not a document", _file_identity(parts)


#: a document's own number at the start of its text: "No. 224", "[Paraphrase] 369."
_OPENER = re.compile(r"\s*(?:\[[^\]]{0,40}\]\s*)?(?:No\.\s*)?(?P<number>\d{1,6})\b")


def _opens_with(text: str, number: str) -> bool:
    found = _OPENER.match(text)
    return bool(found) and found["number"] == number


def _note_on_page(
    store: Store, volume: str, parts: dict[str, str]
) -> tuple[str | None, str | None, None]:
    """ "p. 305, and footnote 1": note 1 of the one document on page 305 that has such a note."""
    page, note = parts["target_page"], parts["target_note"]
    rows = store.conn.execute(
        "SELECT DISTINCT p.document_id FROM pages p JOIN documents d ON d.id = p.document_id "
        "JOIN footnotes f ON f.document_id = p.document_id AND f.n = ? "
        "WHERE d.volume = ? AND p.page = ?",
        (note, volume, page),
    ).fetchall()
    found, ids = _one_on_page(store, [r[0] for r in rows], parts.get("number"))
    if found:  # "Telegram 250, March 11, p. 315, and footnote 1"
        return f"{found}#fn{note}", None, None
    why = (
        "no document there has it" if not ids
        else f"{len(ids)} documents there have one" if len(ids) > 1
        else "a document beside it has no known pages"
    )  # fmt: skip
    return None, f"note {note} of page {page} of {volume}: {why}", None


def _one_on_page(store: Store, ids: list[str], number: str | None) -> tuple[str | None, list[str]]:
    """The one document of those a page holds (``ids``) that a pointer means, and the
    candidates it was chosen from: when several, the one that is telegram ``number``; none
    when still several, or when a document beside it has no known pages."""
    if len(ids) > 1 and number:
        ids = [i for i in ids if _telegram_number(store, i) == number] or ids
    found = ids[0] if len(ids) == 1 and not _beside_unpaged(store, ids[0]) else None
    return found, ids


def _beside_unpaged(store: Store, document_id: str) -> bool:
    """Whether the document before or after ``document_id`` in its volume has no known pages
    (a volume stored in part, or printed without page breaks): it may share the page, so the
    one document found on it is not known to be the only one."""
    return bool(store.conn.execute(
        "SELECT 1 FROM documents d JOIN documents n ON n.volume = d.volume "
        "AND n.seq IN (d.seq - 1, d.seq + 1) WHERE d.id = ? "
        "AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.document_id = n.id) LIMIT 1",
        (document_id,),
    ).fetchone())  # fmt: skip


def _telegram_number(store: Store, document_id: str) -> str | None:
    row = store.conn.execute(
        "SELECT telegram_number FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    return row[0] if row else None


def _exists(store: Store, document_id: str) -> bool:
    row = store.conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone()
    return row is not None


#: the office before a post's place, in a citation ("the Embassy in Paris") or in a heading's
#: sender ("Consul General at Batavia (Livengood)", "Ambassador in the Netherlands (Baruch)")
_OFFICE = re.compile(rf"^(?:the\s+)?{OFFICES}\s+(?:in|at|of|to)\s+")
_HOLDER = re.compile(r"\s*\([^()]*\)$")  # "(Livengood)": who held the office


def _post_key(post: str | None, doc: dict[str, Any], direction: str | None) -> str | None:
    if not post:
        return None
    for key, aliases in POST_ALIASES.items():
        if any(alias.lower() in post.lower() for alias in aliases):
            return key
    return capital(_OFFICE.sub("", _HOLDER.sub("", post)))  # "Greece" is Athens


def _aliases(key: str) -> tuple[str, ...]:
    """The names a sender or addressee may print for the post ``key`` ("Athens": the
    Ambassador in Greece too)."""
    return POST_ALIASES.get(key) or post_names(key)


def _telegram(
    store: Store, doc: dict[str, Any], kind: str, parts: dict[str, str]
) -> tuple[str | None, str | None, str | None]:
    number = parts.get("number")
    if not number and parts.get("hour") and parts.get("date"):  # "Your January 28, 5 p.m."
        return _telegram_by_hour(store, doc, parts)
    if not number:
        return None, "no telegram number is printed", None
    channel = parts.get("channel")
    direction = parts.get("direction")
    post = parts.get("post")
    if kind == "deptel":
        post, direction = "State", "from"
    if kind == "post_number":
        direction = "from"
        if post in ("Embassy", "Legation"):  # "Embassy’s 954": the citing exchange's embassy
            post = _embassy(doc)
    # whose telegram a shorthand means, from the citing telegram's own parties: "urtel" the
    # addressee's, "mytel" the sender's, "Embtel" the embassy's (whichever is not the
    # Department); a bare "Telegram 5085, October 4" the sender's own, as far as it goes
    owner = {"telegram": doc.get("from"), "mytel": doc.get("from"), "urtel": doc.get("to"),
             "embtel": _embassy(doc)}.get(kind)  # fmt: skip
    implicit = not post and bool(owner)
    if implicit:
        post, direction = owner, "from"
    key = channel or _post_key(post, doc, direction) or "?"
    identity = f"tel:{key}:{number}"
    sql = "SELECT id, date, date_min, from_, to_, telegram_channel FROM documents "
    sql += "WHERE telegram_number = ?"
    candidates = [dict(r) for r in store.conn.execute(sql, (number,))]
    if channel:
        candidates = [c for c in candidates if (c["telegram_channel"] or "") == channel]
        sql = sql.replace("telegram_number = ?", "telegram_alias = ?")  # "246. Gocus 624."
        candidates += [dict(r) for r in store.conn.execute(sql, (f"{channel} {number}",))]
        candidates = list({c["id"]: c for c in candidates}.values())
    candidates += _repeated(store, number, channel)
    wanted = parts.get("date")
    if wanted:
        candidates = [c for c in candidates if _within_a_day(wanted, c["date"] or c["date_min"])]
    elif doc.get("date"):  # an undated citation cites a recent telegram, not any of the number
        candidates = [c for c in candidates if _recent(doc["date"], c["date"] or c["date_min"])]
    if _own_repeat(doc["id"], candidates, None if implicit else _post_key(post, doc, direction)):
        return doc["id"], None, identity  # its own note: "Repeated in telegram 160, ..."
    if post and direction:
        aliases = _aliases(key)
        # a post the citation names is the sender or addressee it says; the citing document's
        # own post, assumed for a bare "Telegram 155, March 10", may be either: the telegram
        # belongs to the same exchange ("Telegram 155" cited from Batavia is the Department's
        # to Batavia as often as Batavia's own)
        fields = ("from_", "to_") if implicit else ("from_" if direction == "from" else "to_",)
        agreeing = [
            c for c in candidates
            if _names(c, aliases, fields) or not any(c[field] for field in fields)
        ]  # fmt: skip
        # a bare number the exchange does not print is read as any other citation without a
        # post: the one telegram of that number printed within a day of the date given
        candidates = agreeing if agreeing or not (implicit and wanted) else candidates
    candidates = [c for c in candidates if c["id"] != doc["id"]]
    if len(candidates) == 1:
        return candidates[0]["id"], None, identity
    if candidates:
        return None, f"{len(candidates)} printed telegrams carry number {number}", identity
    return None, "not printed in the archive", identity


def _own_repeat(doc_id: str, candidates: list[dict[str, Any]], post: str | None) -> bool:
    """Whether the citing document is itself one of the telegrams found by a repeat of its
    own ("Repeated in telegram 160, ..., to Batavia" in its note), sent to or by ``post`` when
    the citation names one."""
    return any(
        c["id"] == doc_id and c.get("repeat")
        and (not post or _names(c, _aliases(post), ("from_", "to_")))
        for c in candidates
    )  # fmt: skip


def _names(candidate: Any, aliases: tuple[str, ...], fields: tuple[str, ...]) -> bool:
    """Whether one of ``fields`` of a candidate (its sender, its addressee) names the post
    under one of ``aliases``."""
    return any(a.lower() in (candidate[f] or "").lower() for a in aliases for f in fields)


def _repeated(store: Store, number: str, channel: str | None) -> list[dict[str, Any]]:
    """The stored telegrams also sent or repeated as ``number`` (on ``channel``), each as a
    candidate of ``_telegram``: addressed to the post the repeat went to, dated as the note
    dates the repeat (else as the telegram), sent by whoever repeated it (its sender, or the
    Department passing on what it received)."""
    rows = store.conn.execute(
        "SELECT d.id, coalesce(r.date, d.date) AS date, d.date_min, "
        "coalesce(r.sender, d.from_) AS from_, r.post AS to_, r.channel AS telegram_channel "
        "FROM repeats r JOIN documents d ON d.id = r.document_id "
        "WHERE r.number = ? AND coalesce(r.channel, '') = ?",
        (number, channel or ""),
    )
    return [dict(row) | {"repeat": True} for row in rows]


def _telegram_by_hour(
    store: Store, doc: dict[str, Any], parts: dict[str, str]
) -> tuple[str | None, str | None, str | None]:
    """A telegram cited by its date and hour and whose it is ("Your January 28, 5 p.m." in a
    telegram to Peking is the Minister's): the one stored telegram of that party sent then."""
    whose = parts.get("whose", "")
    party = {"your": doc.get("to"), "my": doc.get("from"), "our": doc.get("from"),
             "department": "Department of State"}.get(whose) or _embassy(doc)  # fmt: skip
    key = _post_key(party, doc, "from")
    if not key:
        return None, "whose telegram it is is not known", None
    sent = f"{parts['date']}T{parts['hour']}"
    identity = f"tel:{key}:{sent}"
    try:
        day = date.fromisoformat(parts["date"])
    except ValueError:  # "--01-28": the citing document's year is unknown
        return None, "no year to find it by", identity
    aliases = _aliases(key)
    rows = [
        r for r in _of_day(store, day, doc["id"])
        if (r["date"] or "")[:16] == sent
        and _names(r, aliases, ("from_",))
    ]  # fmt: skip
    if len(rows) == 1:
        return rows[0]["id"], None, identity
    return None, "not printed in the archive" if not rows else "several candidates", identity


def _of_day(store: Store, day: date, other_than: str, *, sender: str | None = None) -> list[Any]:
    """The stored documents dated ``day`` (by the ``date_min`` index; from ``sender`` when
    given, matched as SQL ``LIKE`` does), other than the citing one."""
    sql = (
        "SELECT id, date, from_, to_, doc_type FROM documents "
        "WHERE date_min >= ? AND date_min < ? AND id != ?"
    )
    params = [day.isoformat(), (day + timedelta(days=1)).isoformat(), other_than]
    if sender:
        sql += " AND from_ LIKE ?"
        params.append(f"%{sender}%")
    return store.conn.execute(sql, params).fetchall()


def _embassy(doc: dict[str, Any]) -> str | None:
    """The party of a citing telegram that is not the Department (an "Embtel"'s post)."""
    for party in (doc.get("from"), doc.get("to")):
        if party and _post_key(party, doc, None) != "State":
            return party
    return None


#: how far before the citing document (and after, for an editor's note) an undated citation's
#: telegram may be: numbers start again every year or so at most posts, so a number alone
#: names a telegram only among those of about that time
_RECENT_BEFORE, _RECENT_AFTER = timedelta(days=366), timedelta(days=62)


def _recent(citing: str, stamp: str | None) -> bool:
    """Whether a telegram dated ``stamp`` can be the one a document of ``citing`` cites by
    number alone (a telegram of unknown date cannot be told apart: no)."""
    try:
        cited = date.fromisoformat((stamp or "")[:10])
        day = date.fromisoformat(citing[:10])
    except ValueError:
        return False
    return day - _RECENT_BEFORE <= cited <= day + _RECENT_AFTER


def _within_a_day(wanted: str, stamp: str | None) -> bool:
    if not stamp:
        return True
    if wanted.startswith("--"):  # the citing document's year is unknown: month and day
        wanted = stamp[:4] + wanted[1:]
    try:
        return abs((date.fromisoformat(wanted[:10]) - date.fromisoformat(stamp[:10])).days) <= 1
    except ValueError:
        return True


#: the numbered papers of the older series and the types a stored one of each can have
_STORED_AS = {"despatch": ("despatch",), "instruction": ("instruction", "circular"),
               "note": ("note",)}  # fmt: skip


def _numbered_paper(
    store: Store, doc: dict[str, Any], parts: dict[str, str]
) -> tuple[str | None, str | None, str | None]:
    """ "the Department's instruction No. 631 of April 21, 1925": the one stored instruction
    numbered 631, of the mission the citing document's exchange is with (each mission numbers
    its own series), dated within a day of the date printed (no date: of the year before the
    citing document). A mission neither side names can be told only by the printed date."""
    number, wanted = parts["number"], parts.get("date")
    types = _STORED_AS[parts["type"]]
    rows = [
        dict(r)
        for r in store.conn.execute(
            "SELECT id, date, date_min, from_, to_ FROM documents WHERE paper_number = ? "
            f"AND doc_type IN ({', '.join('?' * len(types))}) AND id != ?",
            (number, *types, doc["id"]),
        )
    ]
    if wanted:
        rows = [r for r in rows if _within_a_day(wanted, r["date"] or r["date_min"])]
    elif doc.get("date"):
        rows = [r for r in rows if _recent(doc["date"], r["date"] or r["date_min"])]
    else:
        rows = []
    mission = _post_key(parts.get("to") or _embassy(doc), doc, None)
    agreeing = []
    for row in rows:
        theirs = _post_key(_embassy({"from": row["from_"], "to": row["to_"]}), doc, None)
        if mission and theirs:
            if theirs == mission:
                agreeing.append(row)
        elif wanted:
            agreeing.append(row)
    if len(agreeing) == 1:
        return agreeing[0]["id"], None, None
    if agreeing:
        return None, f"{len(agreeing)} stored papers carry number {number}", None
    return None, "not printed in the archive", None


#: the document types a letter, note or despatch cited by its date cannot be
_MESSAGE_TYPES = ("telegram", "circular-telegram", "airgram", "circular-airgram", "message")


#: a paper cited as one of these types is no stored document typed otherwise
_TYPED_PAPERS = frozenset({"note", "letter", "despatch", "instruction"})


def _in_exchange(
    store: Store, doc: dict[str, Any], wanted: str, mine: bool, cited_type: str | None
) -> tuple[str | None, str | None, str | None]:
    """ "your note of the 8th instant", "my letter of May 15": the one stored paper (not a
    telegram, nor a paper of another type) between the citing document's own two parties,
    from its addressee ("your") or its sender ("my") to the other, dated that day."""
    sender, recipient = (doc.get("from"), doc.get("to"))[:: 1 if mine else -1]
    keys = (_post_key(sender, doc, None), _post_key(recipient, doc, None))
    try:
        day = date.fromisoformat(wanted)
    except ValueError:
        return None, "no year to find it by", None
    if not all(keys):
        return None, "the citing document names no two parties", None
    rows = [
        r for r in _of_day(store, day, doc["id"])
        if (r["doc_type"] or "") not in _MESSAGE_TYPES
        and not (cited_type in _TYPED_PAPERS and r["doc_type"] in _TYPED_PAPERS
                 and r["doc_type"] != cited_type)
        and (_post_key(r["from_"], doc, None), _post_key(r["to_"], doc, None)) == keys
    ]  # fmt: skip
    if len(rows) == 1:
        return rows[0]["id"], None, None
    return None, "not printed in the archive" if not rows else "several candidates", None


def _memorandum(
    store: Store, doc: dict[str, Any], parts: dict[str, str], text: str = ""
) -> tuple[str | None, str | None, str | None]:
    if parts.get("type") in _STORED_AS and parts.get("number"):
        return _numbered_paper(store, doc, parts)
    if "target_document" in parts:  # its footnote names the FRUS document that prints it
        target = f"{parts.get('target_volume', doc['volume'])}/{parts['target_document']}"
        if _exists(store, target):
            return target, None, None
        return None, f"{target} (its note's document) is not in the archive", None
    owner = text[:5].lower()
    if parts.get("date") and owner.startswith(("your ", "my ")):
        return _in_exchange(store, doc, parts["date"], owner.startswith("my "), parts.get("type"))
    sender, wanted = parts.get("from"), parts.get("date")
    if not sender or not wanted:
        if "glossed_by" in parts:  # the editor's note says which record it is, in words
            return (
                None,
                f"identified in {parts['glossed_by']}, which names no one printed document",
                None,
            )
        return None, "no sender and date to find it by", None
    try:
        day = date.fromisoformat(wanted)
    except ValueError:  # "--05-15": the citing document's year is unknown
        return None, "no year to find it by", None
    rows = _of_day(store, day, doc["id"], sender=sender)
    recipient = parts.get("to")
    if recipient:
        rows = [r for r in rows if recipient.lower() in (r["to_"] or "").lower()]
    if len(rows) == 1:  # a guess, not a resolution: the same people wrote twice that day
        return None, f"perhaps {rows[0]['id']} (same sender and date); not confirmed", None
    if rows:
        return None, "several candidates", None
    # not "not printed": the sender may be printed otherwise ("Under Secretary" for Welles)
    return None, f"no stored document from {sender} dated {day.isoformat()}", None


def _file_identity(parts: dict[str, str]) -> str | None:
    where = parts.get("file_code") or parts.get("lot")
    if not where:
        return None
    return f"file:{parts.get('repository', '?')}:{where}"


def rebuild_pointers(store: Store) -> int:
    """Extract every stored document's pointers again and resolve them all (``reindex``)."""
    from centralfiles.enrich import extract_document_pointers

    with store.transaction() as conn:
        conn.execute("DELETE FROM pointers")
        rows = [
            pointer_row(document_id, seq, pointer)
            for document_id in store.document_ids()
            for seq, pointer in enumerate(extract_document_pointers(store.document(document_id)))
        ]
        conn.executemany(INSERT_POINTER, rows)
        return resolve_pointers(store)
