"""Streams a FRUS TEI volume: header, front-matter lists, then documents one at a time.

Memory is bounded by the largest document, not the volume: ``lxml.etree.iterparse`` builds
the tree incrementally and every finished document, front-matter division and back-matter
division is cleared and detached. The parser is hardened: no DTD loading, no entity
expansion, no network; a DOCTYPE that declares entities is refused (a bare DOCTYPE is read).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from lxml import etree

from centralfiles.errors import InputError
from centralfiles.model import Document, Editor, ListEntry, Volume
from centralfiles.readers.tei_document import TEI_NS, XML_ID, VolumeContext, read_document, tei
from centralfiles.readers.textbuilder import normalise_space

MAX_VOLUME_BYTES = 512 * 1024 * 1024
T_TEI = tei("TEI")
T_BACK = tei("back")
T_BODY = tei("body")
T_DIV = tei("div")
T_FRONT = tei("front")
T_HEAD = tei("head")
T_ITEM = tei("item")
T_NOTE = tei("note")
T_PB = tei("pb")
T_PERSNAME = tei("persName")
T_TEIHEADER = tei("teiHeader")
T_TERM = tei("term")
T_TEXT = tei("text")
# The only elements the stream reacts to; everything else is built silently by lxml.
STREAM_TAGS = (T_TEIHEADER, T_TEXT, T_FRONT, T_BODY, T_BACK, T_DIV, T_HEAD, T_PB)
SECTION_TYPES = frozenset({"chapter", "compilation", "subchapter", "section", "part"})


@dataclass
class EntryList:
    """A front-matter list: ``kind`` is "persons" or "terms"."""

    kind: Literal["persons", "terms"]
    entries: list[ListEntry]


VolumeItem = Volume | EntryList | Document


@dataclass
class TeiVolume:
    """A whole volume in memory (convenience for tests and notebooks; ingest streams)."""

    volume: Volume
    persons: list[ListEntry] = field(default_factory=list)
    terms: list[ListEntry] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)


def read_volume(path: str | os.PathLike[str]) -> TeiVolume:
    """Read a whole volume into memory."""
    result: TeiVolume | None = None
    for item in iter_volume(path):
        if isinstance(item, Volume):
            result = TeiVolume(item)
        elif isinstance(item, EntryList) and result is not None:
            getattr(result, item.kind).extend(item.entries)
        elif isinstance(item, Document) and result is not None:
            result.documents.append(item)
    if result is None:  # iter_volume raises before this can happen
        raise InputError("no TEI header found", path=str(path))
    return result


def check_file(path: Path) -> None:
    """Refuse what is plainly not a TEI volume before parsing it."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("no such file or directory", path=str(path)) from None
    if size == 0:
        raise InputError("file is empty", path=str(path))
    if size > MAX_VOLUME_BYTES:
        raise InputError(
            f"file is {size // 2**20} MB, larger than the {MAX_VOLUME_BYTES // 2**20} MB "
            "limit for a TEI volume",
            path=str(path),
        )
    with path.open("rb") as handle:
        head = handle.read(4096)
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary file, not XML", path=str(path), line=1)


def iter_volume(path: str | os.PathLike[str]) -> Iterator[VolumeItem]:
    """Yield the ``Volume`` first, then ``EntryList``s and ``Document``s in reading order.

    Raises ``InputError`` naming the file, line and column for anything that is not a
    well-formed FRUS TEI volume.
    """
    path = Path(path)
    check_file(path)
    try:
        yield from _VolumeStream(path).items()
    except etree.XMLSyntaxError as error:
        line, column = error.position if error.position else (None, None)
        message = _syntax_message(error)
        raise InputError(message, path=str(path), line=line, column=column) from None
    except UnicodeDecodeError as error:
        raise InputError(f"cannot decode the file: {error.reason}", path=str(path)) from None
    except InputError as error:
        raise error.with_path(str(path)) from None


def _syntax_message(error: etree.XMLSyntaxError) -> str:
    text = (error.msg or str(error)).strip()
    text = text.split(", line ")[0]
    lowered = text.lower()
    if "premature end" in lowered:
        return f"XML ends too early (truncated file?): {text}"
    if "not proper utf-8" in lowered or "encoding" in lowered:
        return f"{text} (the file is not in the encoding its XML declaration names)"
    if "amplification" in lowered or "entity loop" in lowered:  # libxml2 2.14 stops a bomb
        return (  # while parsing, before the DOCTYPE check of ``_check_root`` is reached
            "the file's DOCTYPE declares entities that expand without bound; entity "
            f"declarations are refused (they are how entity-expansion attacks work): {text}"
        )
    if "entity" in lowered:
        return f"{text} (entities are not expanded)"
    return f"malformed XML: {text}"


class _VolumeStream:
    """One pass over a TEI file with iterparse; see ``iter_volume``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.volume_id: str | None = None
        self.ctx: VolumeContext | None = None
        self.sections: list[dict[str, str | None]] = []
        self.in_front = False
        self.in_body = False
        self.document_depth = 0
        self.persons: dict[str, ListEntry] = {}
        self.terms: dict[str, ListEntry] = {}
        self.seen_ids: set[str] = set()
        self.page: str | None = None

    def items(self) -> Iterator[VolumeItem]:
        for _event, root in self._parse(events=("start",)):
            self._check_root(root)  # before anything else is parsed
            break
        for event, elem in self._parse(events=("start", "end"), tag=STREAM_TAGS):
            if event == "start":
                self._start(elem)
            else:
                yield from self._end(elem)
        if self.volume_id is None:
            raise InputError("the TEI file has no teiHeader before its text")

    def _parse(self, **options: object) -> etree.iterparse:
        """A hardened iterparse: no DTD, no entity expansion, no network."""
        return etree.iterparse(
            str(self.path),
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
            **options,
        )

    def _check_root(self, root: etree._Element) -> None:
        docinfo = root.getroottree().docinfo
        external = docinfo.system_url or docinfo.public_id
        if external:
            raise InputError(
                f"the file's DOCTYPE names an external DTD ({external}), "
                "which is never loaded, so the entities it would define cannot be read; remove "
                "the DOCTYPE line",
                line=1,
            )
        dtd = docinfo.internalDTD
        entities = [entity.name for entity in dtd.iterentities()] if dtd is not None else []
        if entities:  # a bare <!DOCTYPE TEI> is harmless and read as usual
            raise InputError(
                f"the file's DOCTYPE declares entities ({', '.join(entities[:3])}); entity "
                "declarations are refused (they are how entity-expansion and XXE attacks work)",
                line=1,
            )
        if root.tag != T_TEI:
            name = etree.QName(root).localname if isinstance(root.tag, str) else "?"
            namespace = etree.QName(root).namespace if isinstance(root.tag, str) else None
            found = f"<{name}>" + (f" in namespace {namespace}" if namespace else "")
            raise InputError(
                f'not a TEI document: the root element is {found}; expected <TEI xmlns="{TEI_NS}">',
                line=root.sourceline,
            )

    def _start(self, elem: etree._Element) -> None:
        tag = elem.tag
        if tag == T_DIV:
            if elem.get("type") == "document":
                self.document_depth += 1
            elif self.in_body and self.document_depth == 0:
                self.sections.append({"type": elem.get("type"), "head": None})
        elif tag == T_FRONT:
            self.in_front = True
        elif tag == T_BODY:
            self.in_body = True
            self.page = None  # pages before the body belong to the front matter
        elif tag == T_TEXT and self.volume_id is None:
            raise InputError("the TEI file has no teiHeader before its text", line=elem.sourceline)

    def _end(self, elem: etree._Element) -> Iterator[VolumeItem]:
        tag = elem.tag
        if tag == T_TEIHEADER:
            volume = self._volume(elem)
            self.volume_id = volume.id
            _release(elem)
            yield volume
        elif tag == T_DIV:
            yield from self._end_div(elem)
        elif tag == T_HEAD and self.document_depth == 0 and self.sections:
            parent = elem.getparent()
            if parent is not None and parent.tag == T_DIV and self.sections[-1]["head"] is None:
                self.sections[-1]["head"] = normalise_space("".join(_text_skipping_notes(elem)))
        elif tag == T_PB and self.document_depth == 0 and self.in_body:
            self.page = elem.get("n") or self.page
        elif tag == T_FRONT:
            self.in_front = False
            _release(elem)
        elif tag == T_BACK:
            _release(elem)

    def _end_div(self, elem: etree._Element) -> Iterator[VolumeItem]:
        if elem.get("type") == "document":
            self.document_depth -= 1
            if self.document_depth == 0:
                yield self._document(elem)
                _release(elem)
            return
        if self.in_front:
            listed = self._front_list(elem)
            if listed is not None:
                yield listed
            if elem.getparent() is not None and elem.getparent().tag == T_FRONT:
                _release(elem)
            return
        if self.in_body and self.document_depth == 0 and self.sections:
            self.sections.pop()

    def _document(self, elem: etree._Element) -> Document:
        assert self.volume_id is not None
        chapters = [str(s["head"]) for s in self.sections if s["head"]]
        ctx = VolumeContext(self.volume_id, self.persons, self.terms, chapters, self.page)
        try:
            doc = read_document(elem, ctx)
        except ValueError as error:
            raise InputError(str(error), line=elem.sourceline) from None
        if doc.id in self.seen_ids:
            raise InputError(f"duplicate document id {doc.id}", line=elem.sourceline)
        self.seen_ids.add(doc.id)
        if doc.pages:
            self.page = doc.pages[-1]
        return doc

    def _front_list(self, elem: etree._Element) -> EntryList | None:
        div_id = elem.get(XML_ID)
        if div_id == "persons":
            entries = _list_entries(elem, T_PERSNAME, self.persons)
            return EntryList("persons", entries)
        if div_id == "terms":
            entries = _list_entries(elem, T_TERM, self.terms)
            return EntryList("terms", entries)
        return None

    def _volume(self, header: etree._Element) -> Volume:
        root = header.getparent()
        volume_id = root.get(XML_ID) if root is not None else None
        idno = header.find(f".//{tei('idno')}[@type='frus']")
        if not volume_id and idno is not None:
            volume_id = normalise_space(idno.text)
        if not volume_id:
            raise InputError(
                'the TEI root has no xml:id and the header no <idno type="frus">; '
                "cannot tell which volume this is",
                line=header.sourceline,
            )
        titles = {
            t.get("type"): normalise_space("".join(t.itertext()))
            for t in header.iterfind(f".//{tei('titleStmt')}/{tei('title')}")
        }
        editors = [
            Editor(normalise_space("".join(e.itertext())), e.get("role"))
            for e in header.iterfind(f".//{tei('titleStmt')}/{tei('editor')}")
        ]
        published = header.find(
            f".//{tei('publicationStmt')}/{tei('date')}[@type='publication-date']"
        )
        content = header.find(f".//{tei('date')}[@type='content-date']")
        return Volume(
            id=volume_id,
            title=titles.get("complete"),
            series=titles.get("series"),
            sub_series=titles.get("sub-series"),
            volume_number=titles.get("volume-number"),
            volume_title=titles.get("volume"),
            editors=[e for e in editors if e.name],
            published=normalise_space(published.text) if published is not None else None,
            date_min=content.get("notBefore") if content is not None else None,
            date_max=content.get("notAfter") if content is not None else None,
        )


def _list_entries(div: etree._Element, tag: str, index: dict[str, ListEntry]) -> list[ListEntry]:
    """Entries like ``<item><hi><persName xml:id="p_X">Name</persName>,</hi> role</item>``."""
    entries: list[ListEntry] = []
    for node in div.iter(tag):
        entry_id = node.get(XML_ID)
        if not entry_id:
            continue
        name = normalise_space("".join(node.itertext()))
        item = next((a for a in node.iterancestors() if a.tag == T_ITEM), None)
        description = ""
        if item is not None:
            full = normalise_space("".join(_text_skipping_notes(item)))
            description = full[len(name) :].lstrip(" ,:;") if full.startswith(name) else full
        entry = ListEntry(entry_id, name, description)
        index[entry_id] = entry
        entries.append(entry)
    return entries


def _text_skipping_notes(elem: etree._Element) -> list[str]:
    parts = [elem.text or ""]
    for child in elem:
        if child.tag != T_NOTE:
            parts.extend(_text_skipping_notes(child))
        parts.append(child.tail or "")
    return parts


def _release(elem: etree._Element) -> None:
    """Free a finished element and the siblings before it."""
    elem.clear(keep_tail=True)
    parent = elem.getparent()
    if parent is None:
        return
    while elem.getprevious() is not None:
        del parent[0]
