"""Turns one TEI ``div type="document"`` element into a ``Document``.

Owns the mapping from TEI markup to the document model: heading and title, from/to glosses,
dateline, readable body text with paragraph and list structure, footnotes with anchors, pages,
persons, terms and references. The streaming over a whole volume lives in ``readers.tei``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from centralfiles.model import Document, Footnote, ListEntry, Mention, Reference
from centralfiles.readers.markers import is_source_note
from centralfiles.readers.participants import tei_participants
from centralfiles.readers.textbuilder import TextBuilder, normalise_space

TEI_NS = "http://www.tei-c.org/ns/1.0"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def tei(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


T_CELL = tei("cell")
T_DATE = tei("date")
T_DATELINE = tei("dateline")
T_FW = tei("fw")
T_GLOSS = tei("gloss")
T_GRAPHIC = tei("graphic")
T_HEAD = tei("head")
T_ITEM = tei("item")
T_LABEL = tei("label")
T_LB = tei("lb")
T_NOTE = tei("note")
T_OPENER = tei("opener")
T_P = tei("p")
T_PB = tei("pb")
T_PERSNAME = tei("persName")
T_REF = tei("ref")
T_SIGNED = tei("signed")


# Elements that start and end a paragraph of the readable text.
BLOCK = frozenset(
    tei(name)
    for name in (
        "p",
        "ab",
        "list",
        "head",
        "closer",
        "signed",
        "salute",
        "opener",
        "postscript",
        "table",
        "row",
        "lg",
        "l",
        "div",
        "byline",
        "docDate",
        "argument",
        "trailer",
        "epigraph",
        "floatingText",
        "sp",
        "speaker",
        "stage",
        "figure",
        "dateline",
        "address",
        "addrLine",
        "seg_block",
    )
) | {f"{{{FRUS_NS}}}attachment"}
SKIPPED = frozenset({T_PB, T_NOTE, T_GRAPHIC, T_FW})
NUMBERED_HEAD = re.compile(r"^\s*(?P<n>[0-9]+[A-Za-z]?)\.\s*")
DOC_REF = re.compile(r"^(?P<volume>frus[^#/]+)?#?(?P<doc>d\d+[a-z]?)(?:fn\d+)?$")
FRUS_URL = re.compile(
    r"history\.state\.gov/historicaldocuments/(?P<volume>frus[^/#]+)/(?P<doc>d\d+)"
)


@dataclass
class VolumeContext:
    """What a document needs from its volume: id, list entries, chapter path, current page."""

    volume_id: str
    persons: Mapping[str, ListEntry] = field(default_factory=dict)
    terms: Mapping[str, ListEntry] = field(default_factory=dict)
    chapters: list[str] = field(default_factory=list)
    page: str | None = None


@dataclass
class _Walk:
    """Mutable state while walking one document."""

    ctx: VolumeContext
    body: TextBuilder = field(default_factory=TextBuilder)
    footnotes: list[Footnote] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    page_marks: list[tuple[str, int]] = field(default_factory=list)  # (page, mark token)
    signed: list[str] = field(default_factory=list)
    opens_with_page_break: bool = False


def read_document(elem: etree._Element, ctx: VolumeContext) -> Document:
    """Build the document model for one ``div type="document"``."""
    xml_id = elem.get(XML_ID)
    number = elem.get("n")
    head = elem.find(T_HEAD)
    heading = _heading_text(head) if head is not None else ""
    if number is None:
        match = NUMBERED_HEAD.match(heading)
        number = match.group("n") if match else None
    if xml_id is None:
        if number is None:
            raise ValueError("document has neither xml:id nor n")
        xml_id = f"d{number}"
    doc = Document(
        id=f"{ctx.volume_id}/{xml_id}",
        volume=ctx.volume_id,
        number=number,
        heading=heading,
        title=_title(heading, number),
        kind=elem.get("subtype") or "historical-document",
        chapters=list(ctx.chapters),
        date_min=elem.get(f"{{{FRUS_NS}}}doc-dateTime-min"),
        date_max=elem.get(f"{{{FRUS_NS}}}doc-dateTime-max"),
    )
    walk = _Walk(ctx)
    first = next((child for child in elem if isinstance(child.tag, str)), None)
    walk.opens_with_page_break = first is not None and first.tag == T_PB
    if head is not None:
        doc.from_ = _gloss(head, "from")
        doc.to = _gloss(head, "to")
        for note in head.iter(T_NOTE):
            walk.footnotes.append(_footnote(note, anchor=None, on_heading=True))
    for child in elem:
        if child.tag == T_HEAD and child is head:
            continue
        if child.tag == T_DATELINE and doc.dateline is None:
            _read_dateline(child, doc, walk)
        elif child.tag == T_OPENER:
            _read_opener(child, doc, walk)
        elif child.tag == T_NOTE and child.get("type") == "source" and not walk.body.has_text():
            # a source note printed above the heading ("File No. 861.51/154"): it belongs to
            # the heading, as a source note in the head does, not to the start of the text
            walk.footnotes.append(_footnote(child, anchor=None))
            walk.body.add(child.tail)
        else:
            _walk(child, walk)
            walk.body.add(child.tail)
    doc.text, offsets = walk.body.finish()
    for note in walk.footnotes:
        if note.anchor is not None:
            note.anchor = offsets[note.anchor]
    doc.footnotes = walk.footnotes
    doc.pages = _pages(ctx.page, walk)
    doc.page_breaks = [
        (page, offsets[token]) for page, token in walk.page_marks if offsets[token] > 0
    ]  # a break before any text opens the document on that page: no marker
    doc.signed = normalise_space(" ".join(walk.signed)) or None
    doc.persons = _mentions(elem, T_PERSNAME, "corresp", ctx.persons)
    doc.terms = _mentions(elem, T_GLOSS, "target", ctx.terms)
    doc.links = _references(elem, ctx.volume_id)
    doc.participants = tei_participants(elem)
    if doc.date_min is None or doc.date_max is None:
        _derive_date_range(doc, elem)
    return doc


def _heading_text(head: etree._Element) -> str:
    builder = TextBuilder()
    builder.add(head.text)
    for child in head:
        _inline_without_notes(child, builder)
    return builder.text()


def _inline_without_notes(elem: etree._Element, builder: TextBuilder) -> None:
    if elem.tag == T_NOTE:
        builder.add(elem.tail)
        return
    if elem.tag == T_LB:
        builder.space()
    builder.add(elem.text)
    for child in elem:
        _inline_without_notes(child, builder)
    builder.add(elem.tail)


def _title(heading: str, number: str | None) -> str:
    match = NUMBERED_HEAD.match(heading)
    if match and (number is None or match.group("n") == number):
        return heading[match.end() :].strip()
    return heading


def _gloss(head: etree._Element, kind: str) -> str | None:
    for gloss in head.iter(T_GLOSS):
        if gloss.get("type") == kind:
            return normalise_space("".join(gloss.itertext())) or None
    return None


def _footnote(note: etree._Element, anchor: int | None, *, on_heading: bool = False) -> Footnote:
    """A note as the model keeps it; a heading's note that says "Source:" is the source note
    even where the volume left out ``@type="source"`` (frus1964-68v11 d128)."""
    builder = TextBuilder()
    _note_text(note, builder, top=True)
    text = builder.text().replace("\n\n", " ").strip()
    return Footnote(
        n=note.get("n"),
        id=note.get(XML_ID),
        text=text,
        is_source=note.get("type") == "source" or (on_heading and is_source_note(text)),
        anchor=anchor,
    )


def _note_text(elem: etree._Element, builder: TextBuilder, *, top: bool = False) -> None:
    if elem.tag in (T_P, T_ITEM, T_LB):
        builder.space()
    if elem.tag != T_PB:
        builder.add(elem.text)
    for child in elem:
        _note_text(child, builder)
    if not top:
        builder.add(elem.tail)


def _read_dateline(elem: etree._Element, doc: Document, walk: _Walk) -> None:
    doc.dateline = normalise_space("".join(_text_without_notes(elem))) or None
    place = elem.find(f".//{tei('placeName')}")
    if place is not None:
        doc.place = normalise_space("".join(place.itertext())) or None
    date = elem.find(f".//{tei('date')}")
    if date is not None:
        doc.date = date.get("when") or None
        if doc.date is None and date.get("notBefore") and date.get("notAfter"):
            doc.date_min = doc.date_min or date.get("notBefore")
            doc.date_max = doc.date_max or date.get("notAfter")
    for note in elem.iter(T_NOTE):  # notes on the dateline belong to the heading
        walk.footnotes.append(_footnote(note, anchor=None))
    for pb in elem.iter(T_PB):
        _page_break(pb, walk)


def _read_opener(elem: etree._Element, doc: Document, walk: _Walk) -> None:
    walk.body.paragraph()
    walk.body.add(elem.text)
    for child in elem:
        if child.tag == T_DATELINE and doc.dateline is None:
            _read_dateline(child, doc, walk)
            walk.body.add(child.tail)
        else:
            _walk(child, walk)
            walk.body.add(child.tail)
    walk.body.paragraph()


def _text_without_notes(elem: etree._Element) -> list[str]:
    parts = [elem.text or ""]
    for child in elem:
        if child.tag != T_NOTE:
            parts.extend(_text_without_notes(child))
        parts.append(child.tail or "")
    return parts


def _page_break(pb: etree._Element, walk: _Walk) -> None:
    n = pb.get("n")
    if not n:
        return
    if n not in walk.pages:
        walk.pages.append(n)


def _walk(elem: etree._Element, walk: _Walk) -> None:
    tag = elem.tag
    body = walk.body
    if not isinstance(tag, str):  # comments and processing instructions
        return
    if tag == T_NOTE:
        walk.footnotes.append(_footnote(elem, anchor=body.mark()))
        return
    if tag == T_PB:
        _page_break(elem, walk)
        if elem.get("n"):
            walk.page_marks.append((elem.get("n") or "", body.mark()))
        return
    if tag in SKIPPED:
        return
    if tag == T_LB:
        body.space()
        return
    if tag == T_LABEL:
        body.paragraph()
    elif tag == T_ITEM:
        previous = elem.getprevious()
        if previous is None or previous.tag != T_LABEL:
            body.paragraph()
        else:
            body.space()
    elif tag == T_CELL:
        previous = elem.getprevious()
        if previous is not None:
            body.add(" | ")
    elif tag in BLOCK:
        body.paragraph()
    if tag == T_SIGNED:
        walk.signed.append(_signature(elem))
    body.add(elem.text)
    for child in elem:
        _walk(child, walk)
        body.add(child.tail)
    if tag in BLOCK or tag == T_ITEM:
        body.paragraph()


def _signature(elem: etree._Element) -> str:
    return normalise_space("".join(_text_without_notes(elem)))


def _pages(start_page: str | None, walk: _Walk) -> list[str]:
    """The start page (the last page break before the document) plus the breaks inside it."""
    pages = list(walk.pages)
    if walk.opens_with_page_break:
        return pages  # the document opens on its own first page break
    if start_page is None and pages and pages[0].isdigit():
        start_page = str(int(pages[0]) - 1)  # text precedes the first break inside
    if start_page is not None and start_page not in pages:
        pages.insert(0, start_page)
    return pages


def _mentions(
    elem: etree._Element, tag: str, attribute: str, entries: Mapping[str, ListEntry]
) -> list[Mention]:
    """Distinct mentions in order; persons by their listed name ("Brosio, Manlio"), terms
    and unlisted persons as printed ("NATO", "Alec Toumayan")."""
    seen: set[str | None] = set()
    unlisted: set[str] = set()
    mentions: list[Mention] = []
    use_list_name = tag == T_PERSNAME
    for node in elem.iter(tag):
        pointer = node.get(attribute)
        if not pointer:
            if use_list_name:  # a person not in the list (from/to glosses carry no term)
                printed = normalise_space("".join(node.itertext()))
                if printed and printed not in unlisted:
                    unlisted.add(printed)
                    mentions.append(Mention(id=None, name=printed))
            continue
        for target in pointer.split():
            ref_id = target.rsplit("#", 1)[-1]
            if ref_id in seen:
                continue
            entry = entries.get(ref_id)
            name = entry.name if entry and use_list_name else None
            name = name or normalise_space("".join(node.itertext()))
            if name:
                seen.add(ref_id)
                mentions.append(Mention(id=ref_id, name=name))
    return mentions


def _references(elem: etree._Element, volume_id: str) -> list[Reference]:
    refs: list[Reference] = []
    for node in elem.iter(T_REF):
        raw = node.get("target")
        if not raw:
            continue
        text = normalise_space("".join(node.itertext()))
        for target in raw.split():
            refs.append(_classify_reference(target, text, volume_id))
    return refs


def _classify_reference(raw: str, text: str, volume_id: str) -> Reference:
    url = FRUS_URL.search(raw)
    if url:
        return Reference(f"{url['volume']}/{url['doc']}", "document", text, raw)
    if raw.startswith(("http://", "https://")):
        return Reference(raw, "url", text, raw)
    volume, _, fragment = raw.partition("#")
    volume = volume or volume_id
    match = DOC_REF.match(fragment) if fragment else None
    if match:
        target = f"{volume}/{match['doc']}"
        if fragment != match["doc"]:
            return Reference(f"{target}#{fragment}", "footnote", text, raw)
        return Reference(target, "document", text, raw)
    if fragment.startswith("pg_"):
        return Reference(f"{volume}#{fragment}", "page", text, raw)
    return Reference(f"{volume}#{fragment}" if fragment else volume, "internal", text, raw)


def _derive_date_range(doc: Document, elem: etree._Element) -> None:
    if doc.date:
        doc.date_min = doc.date_min or doc.date
        doc.date_max = doc.date_max or doc.date
        return
    for date in elem.iter(T_DATE):
        before, after = date.get("notBefore"), date.get("notAfter")
        if before or after:
            doc.date_min = doc.date_min or before
            doc.date_max = doc.date_max or after
            return
