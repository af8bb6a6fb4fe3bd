"""Rows of the ``documents`` and ``volumes`` tables: the mapping to and from the model."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any, NamedTuple

from centralfiles.model import Document, Participant, Pointer, Source, Telegram

TEXT_VOLUME = "text"  # where plain-text documents without a volume of their own are filed

DOCUMENT_COLUMNS = (
    "id",
    "volume",
    "seq",
    "number",
    "title",
    "heading",
    "kind",
    "doc_type",
    "from_",
    "to_",
    "place",
    "date",
    "date_min",
    "date_max",
    "dateline",
    "telegram_number",
    "telegram_channel",
    "telegram_post",
    "classification",
    "precedence",
    "caveats",
    "source_text",
    "source_repository",
    "source_collection",
    "source_file_code",
    "source_lot",
    "source_unparsed",
    "drafted_by",
    "cleared_by",
    "approved_by",
    "chapters",
    "signed",
    "text",
    "origin",
    "source_file_date",
    "source_unrecognised",
    "transmitted",
    "participants",
    "telegram_alias",
    "paper_number",
)
ORIGIN_COLUMN = DOCUMENT_COLUMNS.index("origin")
INSERT_DOCUMENT = (
    f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in DOCUMENT_COLUMNS)})"
)


def document_from_row(row: sqlite3.Row) -> Document:
    """The document's own columns; footnotes, pages, mentions and links are added by the store."""
    doc_id = row["id"]
    telegram = None
    if row["telegram_number"] or row["telegram_channel"]:
        telegram = Telegram(row["telegram_number"], row["telegram_channel"], row["telegram_post"],
                            row["telegram_alias"])  # fmt: skip
    doc = Document(
        id=doc_id,
        volume=row["volume"],
        number=row["number"],
        title=row["title"],
        heading=row["heading"],
        kind=row["kind"],
        doc_type=row["doc_type"],
        from_=row["from_"],
        to=row["to_"],
        place=row["place"],
        date=row["date"],
        date_min=row["date_min"],
        date_max=row["date_max"],
        dateline=row["dateline"],
        transmitted=row["transmitted"],
        telegram=telegram,
        classification=row["classification"],
        precedence=row["precedence"],
        caveats=json.loads(row["caveats"]),
        source=Source(
            row["source_text"],
            row["source_repository"],
            row["source_collection"],
            row["source_file_code"],
            row["source_lot"],
            row["source_unparsed"],
            row["source_file_date"],
            json.loads(row["source_unrecognised"]),
        ),
        drafted_by=json.loads(row["drafted_by"]),
        cleared_by=json.loads(row["cleared_by"]),
        approved_by=json.loads(row["approved_by"]),
        chapters=json.loads(row["chapters"]),
        signed=row["signed"],
        participants=[Participant(**p) for p in json.loads(row["participants"])],
        text=row["text"],
        paper_number=row["paper_number"],
    )
    return doc


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def document_row(doc: Document, seq: int, origin: str) -> tuple[Any, ...]:
    telegram = doc.telegram or Telegram()
    source = doc.source
    return (
        doc.id,
        doc.volume,
        seq,
        doc.number,
        doc.title,
        doc.heading,
        doc.kind,
        doc.doc_type,
        doc.from_,
        doc.to,
        doc.place,
        doc.date,
        doc.date_min,
        doc.date_max,
        doc.dateline,
        telegram.number,
        telegram.channel,
        telegram.post,
        doc.classification,
        doc.precedence,
        as_json(doc.caveats),
        source.text,
        source.repository,
        source.collection,
        source.file_code,
        source.lot,
        source.unparsed,
        as_json(doc.drafted_by),
        as_json(doc.cleared_by),
        as_json(doc.approved_by),
        as_json(doc.chapters),
        doc.signed,
        doc.text,
        origin,
        source.file_date,
        as_json(source.unrecognised),
        doc.transmitted,
        _encode([asdict(p) for p in doc.participants]) if doc.participants else "[]",
        telegram.alias,
        doc.paper_number,
    )


class DocumentRows(NamedTuple):
    """Every row one document adds to the store, built without a connection.

    Reader processes build these beside the document (``document_rows``), so the single
    writer only inserts them: plain tuples of strings and numbers cross a process boundary
    several times faster than the document's objects do.
    """

    document: tuple[Any, ...]
    footnotes: list[tuple[Any, ...]]
    mentions: list[tuple[Any, ...]]
    refs: list[tuple[Any, ...]]
    pages: list[tuple[Any, ...]]
    pointers: list[tuple[Any, ...]]
    repeats: list[tuple[Any, ...]]

    @property
    def id(self) -> str:
        return str(self.document[0])

    @property
    def volume(self) -> str:
        return str(self.document[1])


def document_rows(doc: Document, seq: int, origin: str) -> DocumentRows:
    """The rows of ``doc`` (its ``seq`` in the volume and its origin, "tei" or "text")."""
    doc_id = doc.id
    breaks = dict(doc.page_breaks)
    mentions = [(doc_id, i, "person", m.id, m.name) for i, m in enumerate(doc.persons)]
    mentions += [(doc_id, i, "term", m.id, m.name) for i, m in enumerate(doc.terms)]
    return DocumentRows(
        document_row(doc, seq, origin),
        [
            (doc_id, i, f.n, f.id, f.text, int(f.is_source), f.anchor)
            for i, f in enumerate(doc.footnotes)
        ],
        mentions,
        [(doc_id, i, r.target, r.kind, r.text, r.raw) for i, r in enumerate(doc.links)],
        [(doc_id, i, page, breaks.get(page)) for i, page in enumerate(doc.pages)],
        [pointer_row(doc_id, i, p) for i, p in enumerate(doc.pointers)],
        [
            (doc_id, i, r.number, r.to, r.channel, r.date, r.by)
            for i, r in enumerate(doc.telegram.repeats if doc.telegram else ())
        ],
    )


def with_seq(row: tuple[Any, ...], seq: int) -> tuple[Any, ...]:
    """A ``documents`` row given its place in the volume as the writer counts it."""
    return row if row[2] == seq else (*row[:2], seq, *row[3:])


#: one encoder for every row: ``json.dumps`` with options builds a new encoder per call, which
#: was most of the cost of a document's rows (a dozen small values each)
_encode = json.JSONEncoder(ensure_ascii=False).encode


def as_json(value: list[str]) -> str:
    return _encode(value) if value else "[]"


def volume_row(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    data["editors"] = json.loads(data["editors"])
    return data


POINTER_COLUMNS = (
    "document_id", "seq", "kind", "text", "location", "start", "parts",
    "target", "resolved", "reason", "identity",  # the resolution: POINTER_RESOLUTION
    "cited_number", "cited_volume",  # what the pointer names, for the open-pointer indexes
)  # fmt: skip
#: where a row's resolution (target, resolved, reason, identity) sits in it
POINTER_RESOLUTION = slice(POINTER_COLUMNS.index("target"), POINTER_COLUMNS.index("identity") + 1)
INSERT_POINTER = (
    f"INSERT INTO pointers ({', '.join(POINTER_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in POINTER_COLUMNS)})"
)


def pointer_row(document_id: str, seq: int, pointer: Pointer) -> tuple[Any, ...]:
    """A ``pointers`` row (``POINTER_COLUMNS``) for one pointer of a document."""
    parts = pointer.parts
    return (
        document_id, seq, pointer.kind, pointer.text, pointer.where, pointer.start,
        as_json_object(parts), pointer.target, int(pointer.resolved), pointer.reason,
        pointer.identity, parts.get("number"), parts.get("target_volume"),
    )  # fmt: skip


def as_json_object(value: dict[str, str]) -> str:
    return _encode(value) if value else "{}"
