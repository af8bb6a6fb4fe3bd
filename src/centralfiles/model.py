"""The document model shared by every reader, enrichment step, the store and the interfaces.

Readers build these objects, enrichment fills the cable fields, the store persists them and
``Document.to_json`` renders the public document JSON contract (DESIGN.md) from them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = ("historical-document", "editorial-note")


@dataclass
class Footnote:
    """A note as printed: its marker ``n``, TEI ``xml:id`` and text.

    ``anchor`` is the offset in ``Document.text`` just after the word the marker followed,
    ``None`` for notes attached to the heading.
    """

    n: str | None
    id: str | None
    text: str
    is_source: bool = False
    anchor: int | None = None


@dataclass
class Repeat:
    """The same telegram sent or repeated to another post under another number, as a note
    says: "Repeated to Helsinki as telegram 523" -> number 523, to Helsinki; "Repeated in
    telegram 160, Usgoc 331, March 11, 6 p. m., to Batavia" -> 160 and Usgoc 331, to Batavia,
    dated 1949-03-11 (``date`` only when the note prints one). ``by`` is who repeated it when
    not its sender: the Department, for the telegrams it received and passed on."""

    number: str
    to: str | None = None
    channel: str | None = None
    date: str | None = None
    by: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value is not None}


@dataclass
class Telegram:
    """A telegram's own number and channel ("Topol 594" -> number 594, channel Topol).

    ``alias`` is the same message's number on a channel when the caption prints both
    ("190741. Tosec 46.": State 190741, sent as "Tosec 46"; "246. Gocus 624."); ``repeats``
    the numbers it went to other posts under, as its notes print them (``Repeat``)."""

    number: str | None = None
    channel: str | None = None
    post: str | None = None
    alias: str | None = None
    repeats: list[Repeat] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The contract's number, channel and post; ``alias`` only when the caption has one,
        ``repeats`` only when a note gives any."""
        data: dict[str, Any] = {"number": self.number, "channel": self.channel,
                                "post": self.post}  # fmt: skip
        if self.alias is not None:
            data["alias"] = self.alias
        if self.repeats:
            data["repeats"] = [repeat.to_json() for repeat in self.repeats]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Telegram:
        return cls(data.get("number"), data.get("channel"), data.get("post"), data.get("alias"),
                   [Repeat(**r) for r in data.get("repeats") or []])  # fmt: skip


@dataclass
class Source:
    """The archival source of a document, parsed from its source note.

    ``text`` is the note verbatim; ``unparsed`` is whatever the cable grammar did not
    understand, kept so that nothing is silently dropped.
    """

    text: str | None = None
    repository: str | None = None
    collection: str | None = None
    file_code: str | None = None
    lot: str | None = None
    unparsed: str | None = None
    file_date: str | None = None
    unrecognised: list[str] = field(default_factory=list)


@dataclass
class Mention:
    """A person (``persName``) or term (``gloss``) mentioned in a document.

    ``id`` is the front-matter list id (``p_BMG1``, ``t_NATO1``) or ``None`` when unlisted;
    ``identity`` is the person's identity across the series (a people-registry id), when the
    authorities are imported and know that list entry.
    """

    id: str | None
    name: str
    identity: str | None = None


@dataclass
class Participant:
    """One person of a memorandum of conversation's participants list, as printed: ``name``
    ("Ambassador Hervé Alphand"), ``role`` (what follows the name: "French Embassy"), ``side``
    (the group it is listed under: "United States", "USSR")."""

    name: str
    role: str | None = None
    side: str | None = None


@dataclass
class Reference:
    """An outgoing reference: ``target`` is normalised, ``raw`` is as written in the source."""

    target: str
    kind: str
    text: str
    raw: str
    resolved: bool = False


@dataclass
class Pointer:
    """One reference printed in a document: what it says, where, and what it points at."""

    kind: str
    text: str
    where: str  # "body", "footnote N", "heading"
    start: int  # offset of ``text`` in that body or note text
    parts: dict[str, str] = field(default_factory=dict)
    target: str | None = None  # a stored document id (with "#fnN" for a note), once resolved
    resolved: bool = False
    reason: str | None = None  # why it is unresolved
    identity: str | None = None  # a cited telegram's own id, printed or not: "post:Bonn:17686"

    def to_json(self) -> dict[str, object]:
        return {
            "target": self.target,
            "kind": self.kind,
            "text": self.text,
            "resolved": self.resolved,
            "where": self.where,
            "start": self.start,
            "parts": dict(self.parts),
            "reason": self.reason,
            "identity": self.identity,
        }


@dataclass
class Document:
    """One document of a volume, TEI or plain text alike."""

    id: str
    volume: str
    number: str | None = None
    title: str = ""
    heading: str = ""
    kind: str = "historical-document"
    doc_type: str | None = None
    from_: str | None = None
    to: str | None = None
    place: str | None = None
    date: str | None = None
    date_min: str | None = None
    date_max: str | None = None
    dateline: str | None = None
    transmitted: str | None = None
    telegram: Telegram | None = None
    #: a numbered despatch's, instruction's or note's own number ("No. 631"), as its opener or
    #: the note on its heading prints it; telegrams keep theirs in ``telegram``
    paper_number: str | None = None
    classification: str | None = None
    precedence: str | None = None
    caveats: list[str] = field(default_factory=list)
    source: Source = field(default_factory=Source)
    drafted_by: list[str] = field(default_factory=list)
    cleared_by: list[str] = field(default_factory=list)
    approved_by: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    #: where a new page begins inside ``text``: ``(page, offset)``; known for TEI documents
    page_breaks: list[tuple[str, int]] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    persons: list[Mention] = field(default_factory=list)
    terms: list[Mention] = field(default_factory=list)
    links: list[Reference] = field(default_factory=list)
    #: every other pointer the apparatus prints (found by ``centralfiles.enrich.links``)
    pointers: list[Pointer] = field(default_factory=list)
    chapters: list[str] = field(default_factory=list)
    signed: str | None = None
    #: a memorandum of conversation's participants list, as printed
    participants: list[Participant] = field(default_factory=list)
    text: str = ""

    @property
    def source_note(self) -> Footnote | None:
        """The footnote flagged as the source note, if any."""
        return next((note for note in self.footnotes if note.is_source), None)

    def to_json(self) -> dict[str, Any]:
        """The public document JSON contract (DESIGN.md), keys always present."""
        return {
            "id": self.id,
            "volume": self.volume,
            "number": self.number,
            "title": self.title,
            "kind": self.kind,
            "doc_type": self.doc_type,
            "from": self.from_,
            "to": self.to,
            "place": self.place,
            "date": self.date,
            "date_min": self.date_min,
            "date_max": self.date_max,
            "dateline": self.dateline,
            "transmitted": self.transmitted,
            "telegram": self.telegram.to_json() if self.telegram else None,
            "paper_number": self.paper_number,
            "classification": self.classification,
            "precedence": self.precedence,
            "caveats": list(self.caveats),
            "source": asdict(self.source),
            "drafted_by": list(self.drafted_by),
            "cleared_by": list(self.cleared_by),
            "approved_by": list(self.approved_by),
            "pages": list(self.pages),
            "page_breaks": [{"page": page, "offset": offset} for page, offset in self.page_breaks],
            "footnotes": [asdict(note) for note in self.footnotes],
            "persons": [{"id": p.id, "name": p.name, "identity": p.identity} for p in self.persons],
            "terms": [{"id": t.id, "term": t.name} for t in self.terms],
            "links": [
                {"target": r.target, "kind": r.kind, "text": r.text, "resolved": r.resolved}
                for r in self.links
            ]
            + [pointer.to_json() for pointer in self.pointers],
            "chapters": list(self.chapters),
            "signed": self.signed,
            "participants": [asdict(p) for p in self.participants],
            "text": self.text,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        """The document a ``to_json`` dict (a line of a JSONL export) describes:
        ``Document.from_json(doc.to_json()).to_json() == doc.to_json()``. What the contract
        leaves out (the heading with its number, a reference's raw form) is not restored."""
        telegram = data.get("telegram")
        links, pointers = [], []
        for link in data.get("links") or []:
            if "where" in link:
                pointers.append(Pointer(
                    link["kind"], link["text"], link["where"], link["start"],
                    dict(link.get("parts") or {}), link.get("target"), link.get("resolved", False),
                    link.get("reason"), link.get("identity"),
                ))  # fmt: skip
            else:
                links.append(Reference(link["target"], link["kind"], link["text"], link["text"],
                                       link.get("resolved", False)))  # fmt: skip
        return cls(
            id=data["id"], volume=data["volume"], number=data.get("number"),
            title=data.get("title") or "", heading=data.get("title") or "",
            kind=data.get("kind") or "historical-document", doc_type=data.get("doc_type"),
            from_=data.get("from"), to=data.get("to"), place=data.get("place"),
            date=data.get("date"), date_min=data.get("date_min"), date_max=data.get("date_max"),
            dateline=data.get("dateline"), transmitted=data.get("transmitted"),
            telegram=Telegram.from_json(telegram) if telegram else None,
            paper_number=data.get("paper_number"),
            classification=data.get("classification"), precedence=data.get("precedence"),
            caveats=list(data.get("caveats") or []), source=Source(**(data.get("source") or {})),
            drafted_by=list(data.get("drafted_by") or []),
            cleared_by=list(data.get("cleared_by") or []),
            approved_by=list(data.get("approved_by") or []),
            pages=list(data.get("pages") or []),
            page_breaks=[(b["page"], b["offset"]) for b in data.get("page_breaks") or []],
            footnotes=[Footnote(**note) for note in data.get("footnotes") or []],
            persons=[Mention(p["id"], p["name"], p.get("identity"))
                     for p in data.get("persons") or []],
            terms=[Mention(t["id"], t["term"]) for t in data.get("terms") or []],
            links=links, pointers=pointers, chapters=list(data.get("chapters") or []),
            signed=data.get("signed"),
            participants=[Participant(**p) for p in data.get("participants") or []],
            text=data.get("text") or "",
        )  # fmt: skip


@dataclass
class Editor:
    name: str
    role: str | None = None


@dataclass
class Volume:
    """Volume-level metadata from the TEI header."""

    id: str
    title: str | None = None
    series: str | None = None
    sub_series: str | None = None
    volume_number: str | None = None
    volume_title: str | None = None
    editors: list[Editor] = field(default_factory=list)
    published: str | None = None
    date_min: str | None = None
    date_max: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["editors"] = [asdict(e) for e in self.editors]
        return data


@dataclass
class ListEntry:
    """An entry of a volume's persons (``p_*``) or terms (``t_*``) list."""

    id: str
    name: str
    description: str = ""
