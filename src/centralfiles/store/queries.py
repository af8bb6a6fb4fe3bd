"""The store's queries: volumes, documents (hydrated into the model), counts and lookups.

``StoreQueries`` is the reading half of ``Store`` (``database``), kept apart so that each file
has one job; it needs only the open connection ``self.conn``.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from centralfiles.errors import NotFoundError
from centralfiles.model import (
    Document,
    Editor,
    Footnote,
    ListEntry,
    Mention,
    Pointer,
    Reference,
    Repeat,
    Telegram,
    Volume,
)
from centralfiles.store.rows import document_from_row, volume_row

MAX_ID_CHARS = 300


class StoreQueries:
    """Read-only queries over an open store connection."""

    conn: sqlite3.Connection

    def published_texts(self, number: str) -> list[tuple[str, str]]:
        """``(id, text)`` of the TEI documents printed with ``number``, in any volume."""
        rows = self.conn.execute(
            "SELECT id, text FROM documents WHERE number = ? AND origin = 'tei'", (number,)
        )
        return [(row["id"], row["text"]) for row in rows]

    def text_documents_sharing_numbers(self, volume_id: str) -> list[tuple[str, str, str]]:
        """``(id, number, text)`` of plain-text documents numbered as one of the volume's."""
        rows = self.conn.execute(
            "SELECT t.id, t.number, t.text FROM documents t WHERE t.origin = 'text' AND t.number "
            "IN (SELECT number FROM documents WHERE volume = ? AND origin = 'tei')",
            (volume_id,),
        )
        return [(row["id"], row["number"], row["text"]) for row in rows]

    def text_document_with_hash(self, sha256: str) -> str | None:
        row = self.conn.execute(
            "SELECT document_id FROM text_sources WHERE sha256 = ?", (sha256,)
        ).fetchone()
        return row["document_id"] if row else None

    def volume_with_hash(self, sha256: str) -> str | None:
        row = self.conn.execute("SELECT id FROM volumes WHERE sha256 = ?", (sha256,)).fetchone()
        return row["id"] if row else None

    def volumes(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT v.*, (SELECT count(*) FROM documents d WHERE d.volume = v.id) AS documents "
            "FROM volumes v ORDER BY v.id"
        ).fetchall()
        return [volume_row(row) for row in rows]

    def volume_documents(self, volume_id: str) -> list[dict[str, Any]]:
        """The volume's documents in order: id, number, title, kind, type, dates, chapters."""
        rows = self.conn.execute(
            "SELECT id, number, title, kind, doc_type, date, date_min, chapters, origin "
            "FROM documents WHERE volume = ? ORDER BY seq",
            (volume_id,),
        )
        return [dict(row) | {"chapters": json.loads(row["chapters"])} for row in rows]

    def document_date_ranges(self) -> dict[str, tuple[str | None, str | None]]:
        """Per volume, the earliest and latest date of its documents (``date_min``)."""
        rows = self.conn.execute(
            "SELECT volume, min(coalesce(date, date_min)), max(coalesce(date, date_min)) "
            "FROM documents GROUP BY volume"
        )
        return {row[0]: (row[1], row[2]) for row in rows}

    def neighbours(self, document_id: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """The documents before and after ``document_id`` in its volume (id, number, title)."""
        row = self.conn.execute(
            "SELECT volume, seq FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            return None, None
        found = []
        for comparison, order in (("<", "DESC"), (">", "ASC")):
            near = self.conn.execute(
                f"SELECT id, number, title FROM documents WHERE volume = ? AND seq {comparison} ? "
                f"ORDER BY seq {order} LIMIT 1",
                (row["volume"], row["seq"]),
            ).fetchone()
            found.append(dict(near) if near else None)
        return found[0], found[1]

    def document_facts(self, ids: list[str] | set[str]) -> dict[str, dict[str, Any]]:
        """Header facts of many documents by id: number, title, type, from/to, place, dates
        (``date`` is the printed date, else ``date_min``)."""
        facts: dict[str, dict[str, Any]] = {}
        ordered = list(ids)
        for start in range(0, len(ordered), 500):
            part = ordered[start : start + 500]
            marks = ", ".join("?" for _ in part)
            for row in self.conn.execute(
                "SELECT id, volume, number, title, doc_type, from_ AS 'from', to_ AS 'to', "
                "place, coalesce(date, date_min) AS date, date_min, seq FROM documents "
                f"WHERE id IN ({marks})",
                part,
            ):
                facts[row["id"]] = dict(row)
        return facts

    def cited_by(self, document_id: str) -> list[dict[str, Any]]:
        """Pointers of other documents that resolve to ``document_id`` or one of its notes."""
        rows = self.conn.execute(
            "SELECT p.document_id, p.kind, p.text, p.location, p.target, d.title, d.number, "
            "coalesce(d.date, d.date_min) AS date FROM pointers p JOIN documents d "
            "ON d.id = p.document_id WHERE (p.target = ? OR p.target LIKE ?) "
            "AND p.document_id != ? ORDER BY date, p.document_id",
            (document_id, f"{document_id}#%", document_id),
        )
        return [dict(row) for row in rows]

    def sharing_identity(self, identity: str) -> list[dict[str, Any]]:
        """Pointers, in any document, to the same (printed or unprinted) telegram."""
        rows = self.conn.execute(
            "SELECT p.document_id, p.kind, p.text, p.location, p.parts, "
            "coalesce(d.date, d.date_min) AS date FROM pointers p "
            "JOIN documents d ON d.id = p.document_id WHERE p.identity = ? ORDER BY date",
            (identity,),
        )
        return [dict(row) for row in rows]

    def archival_neighbours(self, document_id: str, limit: int = 10) -> list[dict[str, Any]]:
        """Documents filed under the same file code or lot, nearest in date first."""
        row = self.conn.execute(
            "SELECT source_file_code, source_lot, coalesce(date, date_min) AS date "
            "FROM documents WHERE id = ?",
            (document_id,),
        ).fetchone()
        if row is None or not (row["source_file_code"] or row["source_lot"]):
            return []
        rows = self.conn.execute(
            "SELECT id, number, title, coalesce(date, date_min) AS date, source_file_code, "
            "source_lot FROM documents WHERE id != ? AND ((source_file_code = ? AND "
            "source_file_code IS NOT NULL) OR (source_lot = ? AND source_lot IS NOT NULL))",
            (document_id, row["source_file_code"], row["source_lot"]),
        ).fetchall()
        found = []
        for near in rows:
            same = "file code" if near["source_file_code"] == row["source_file_code"] else "lot"
            found.append(dict(near) | {"shared": same, "days": _days(row["date"], near["date"])})
        found.sort(key=lambda n: (n["days"] is None, n["days"] or 0, n["id"]))
        return found[:limit]

    def volume(self, volume_id: str) -> Volume:
        row = self.conn.execute("SELECT * FROM volumes WHERE id = ?", (volume_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no volume {volume_id!r} in the store")
        data = volume_row(row)
        return Volume(
            id=data["id"],
            title=data["title"],
            series=data["series"],
            sub_series=data["sub_series"],
            volume_number=data["volume_number"],
            volume_title=data["volume_title"],
            editors=[Editor(**e) for e in data["editors"]],
            published=data["published"],
            date_min=data["date_min"],
            date_max=data["date_max"],
        )

    def document_ids(self, volume_id: str | None = None) -> list[str]:
        if volume_id is None:
            rows = self.conn.execute("SELECT id FROM documents ORDER BY volume, seq")
        else:
            rows = self.conn.execute(
                "SELECT id FROM documents WHERE volume = ? ORDER BY seq", (volume_id,)
            )
        return [row["id"] for row in rows]

    def document(self, document_id: str) -> Document:
        if not _plausible_id(document_id):
            raise NotFoundError(
                f"{document_id!r} is not a document id; ids look like frus1964-68v13/d331 "
                "or text/<hash>"
            )
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise NotFoundError(self._not_found_message(document_id))
        return self._hydrate(row)

    def persons(self, volume_id: str) -> list[ListEntry]:
        rows = self.conn.execute(
            "SELECT id, name, description FROM persons WHERE volume = ? ORDER BY id", (volume_id,)
        )
        return [ListEntry(r["id"], r["name"], r["description"]) for r in rows]

    def terms(self, volume_id: str) -> list[ListEntry]:
        rows = self.conn.execute(
            "SELECT id, term, expansion FROM terms WHERE volume = ? ORDER BY id", (volume_id,)
        )
        return [ListEntry(r["id"], r["term"], r["expansion"]) for r in rows]

    def stats(self) -> dict[str, int]:
        def count(sql: str) -> int:
            return int(self.conn.execute(sql).fetchone()[0])

        return {
            "volumes": count("SELECT count(*) FROM volumes"),
            "documents": count("SELECT count(*) FROM documents"),
            "editorial_notes": count(
                "SELECT count(*) FROM documents WHERE kind = 'editorial-note'"
            ),
            "footnotes": count("SELECT count(*) FROM footnotes"),
            "source_notes": count("SELECT count(*) FROM footnotes WHERE is_source"),
            "persons": count("SELECT count(*) FROM persons"),
            "terms": count("SELECT count(*) FROM terms"),
            "mentions": count("SELECT count(*) FROM mentions"),
            "references": count("SELECT count(*) FROM refs"),
            "pages": count(
                "SELECT count(DISTINCT d.volume || ' ' || p.page) FROM pages p "
                "JOIN documents d ON d.id = p.document_id"
            ),
        }

    def _not_found_message(self, document_id: str) -> str:
        message = f"no document {document_id!r} in the store"
        volume = document_id.split("/", 1)[0]
        if self.conn.execute("SELECT 1 FROM volumes WHERE id = ?", (volume,)).fetchone():
            return message
        known = [v["id"] for v in self.volumes()]
        if not known:
            return f"{message}; the store is empty (run `centralfiles ingest PATH`)"
        return f"{message}; volume {volume!r} is not stored (stored: {', '.join(known[:5])})"

    def _hydrate(self, row: sqlite3.Row) -> Document:
        doc = document_from_row(row)
        doc_id = doc.id
        conn = self.conn
        doc.footnotes = [
            Footnote(r["n"], r["xml_id"], r["text"], bool(r["is_source"]), r["anchor"])
            for r in conn.execute(
                "SELECT * FROM footnotes WHERE document_id = ? ORDER BY seq", (doc_id,)
            )
        ]
        pages = conn.execute(
            "SELECT page, text_offset FROM pages WHERE document_id = ? ORDER BY seq", (doc_id,)
        ).fetchall()
        repeats = [
            Repeat(r["number"], r["post"], r["channel"], r["date"], r["sender"])
            for r in conn.execute(
                "SELECT * FROM repeats WHERE document_id = ? ORDER BY seq", (doc_id,)
            )
        ]
        if repeats:
            doc.telegram = doc.telegram or Telegram(post=row["telegram_post"])
            doc.telegram.repeats = repeats
        doc.pages = [r["page"] for r in pages]
        doc.page_breaks = [(r["page"], r["text_offset"]) for r in pages if r["text_offset"]]
        for r in conn.execute(
            "SELECT kind, ref_id, name FROM mentions WHERE document_id = ? ORDER BY kind, seq",
            (doc_id,),
        ):
            target = doc.persons if r["kind"] == "person" else doc.terms
            target.append(Mention(r["ref_id"], r["name"]))
        if doc.persons:  # the identity of each listed person, once the authorities are in
            identities = dict(conn.execute(
                "SELECT entry, min(person_id) FROM identity_entries WHERE volume = ? "
                "GROUP BY entry", (doc.volume,)))  # fmt: skip
            for mention in doc.persons:
                mention.identity = identities.get(mention.id) if mention.id else None
        doc.links = self._references(doc_id) + [
            Reference(r["target"], r["kind"], "", r["target"], resolved=True)
            for r in conn.execute(
                "SELECT target, kind FROM doc_links WHERE source = ? ORDER BY kind, score DESC",
                (doc_id,),
            )
        ]
        doc.pointers = [
            Pointer(r["kind"], r["text"], r["location"], r["start"], json.loads(r["parts"]),
                    r["target"], bool(r["resolved"]), r["reason"], r["identity"])
            for r in conn.execute(
                "SELECT * FROM pointers WHERE document_id = ? ORDER BY seq", (doc_id,)
            )
        ]  # fmt: skip
        return doc

    def _references(self, doc_id: str) -> list[Reference]:
        return [
            Reference(r["target"], r["kind"], r["text"], r["raw"], resolved=bool(r["resolved"]))
            for r in self.conn.execute(
                # a page ("vol#pg_314") is there when a document of the volume spans it
                "SELECT r.*, CASE WHEN r.kind = 'page' THEN EXISTS (SELECT 1 FROM pages p "
                "JOIN documents d ON d.id = p.document_id WHERE d.volume = "
                "substr(r.target, 1, instr(r.target, '#') - 1) "
                "AND p.page = substr(r.target, instr(r.target, '#pg_') + 4)) "
                "ELSE EXISTS (SELECT 1 FROM documents d WHERE d.id = "
                "CASE WHEN instr(r.target, '#') THEN substr(r.target, 1, instr(r.target, '#') - 1)"
                " ELSE r.target END) END AS resolved "
                "FROM refs r WHERE r.document_id = ? ORDER BY r.seq",
                (doc_id,),
            )
        ]


def _plausible_id(document_id: str) -> bool:
    """Printable, encodable and of a sane length (the CLI passes undecodable bytes through)."""
    if not 1 <= len(document_id) <= MAX_ID_CHARS or not document_id.isprintable():
        return False
    try:
        document_id.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _days(a: str | None, b: str | None) -> int | None:
    from datetime import date

    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)  # type: ignore[index]
    except (TypeError, ValueError):
        return None
