"""Reading a real FRUS TEI volume into what synthetic volumes are made of.

Owns ``load_source``: the file is parsed once with lxml; its header and front matter (up to
``<body>``) and end (from ``</body>``) are kept as text; every outer document is cut into a
*frame* (``Template``: head, dateline or opener, a telegram's numbered first paragraph or a
memorandum's subject/participants lists, the closer, its anchor day) and *body blocks*, pooled
by document kind (``document_kind``) with editorial notes apart. It also collects the persons
and terms lists, the posts named in the heads' from/to glosses (with the dateline's city when
the document came from the post), and the page figures (characters per page, first body page,
facsimile offset). The fragments are cut into segments by bench/synth_tokens.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lxml import etree

from synth_dates import ISO_DAY, ISO_VALUE
from synth_tokens import (
    HEAD_NUMBER,
    SPACES,
    TAG,
    TELEGRAM_NUMBER,
    Block,
    dateline_segments,
    head_segments,
    opening_segments,
    tokenize,
)
from synth_vocab import KINDS

TEI_NS = "http://www.tei-c.org/ns/1.0"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

# Namespace declarations lxml puts on a serialised fragment; the root of the output has them.
NS_DECL = re.compile(
    r'\s+xmlns(?::\w+)?="(?:http://www\.tei-c\.org/ns/1\.0|'
    r'http://history\.state\.gov/frus/ns/1\.0|http://www\.w3\.org/2001/XInclude)"'
)
OTHER_ID = re.compile(r'(<(?!note\b|pb\b)[\w:]+\b[^>]*?)\s+xml:id="[^"]*"')


@dataclass
class Template:
    """The frame of one real document; its body comes from the pool of its kind."""

    kind: str
    head: Block
    dateline: Block  # literals are date-shifted
    opening: list[Block]
    closer: list[Block]
    blocks: int
    anchor: int  # day ordinal the dates are shifted from
    date_min: str | None
    date_max: str | None
    first_note: int


@dataclass
class Source:
    """One parsed source volume: frame templates, block pools, lists and front matter."""

    path: Path
    prefix: str  # up to and including <body>
    suffix: str  # from </body>
    persons: list[tuple[str, str]]  # (id, surname)
    terms: dict[str, str]  # lower-cased term -> id
    templates: list[Template]
    pools: dict[str, list[Block]]
    posts: list[tuple[str, str | None]]
    chars_per_page: float
    first_page: int
    facs_offset: int


def load_source(path: Path) -> Source:
    """Parse a real FRUS TEI file once into templates and block pools."""
    raw = path.read_bytes()
    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=True
    )
    root = etree.fromstring(raw, parser)
    text = raw.decode("utf-8")
    body_open = re.search(r"<body\b[^>]*>", text)
    body_close = text.rfind("</body>")
    if body_open is None or body_close < 0:
        raise ValueError(f"{path}: no <body>")
    prefix, suffix = text[: body_open.end()], text[body_close:]
    templates: list[Template] = []
    pools: dict[str, list[Block]] = {kind: [] for kind in (*KINDS, "editorial")}
    doc_chars = 0
    doc_pages = 0
    for div in _outer_documents(root):
        parts = _split_document(div)
        doc_chars += sum(len(s) for s in parts.all())
        doc_pages += sum(s.count("<pb ") for s in parts.all())
        _add_document(div, parts, templates, pools)
    if not templates:
        raise ValueError(f"{path}: no dated, numbered documents to use as templates")
    front_pages = [int(n) for n in re.findall(r'<pb\b[^>]*\bn="(\d+)"', prefix)]
    return Source(
        path=path,
        prefix=prefix,
        suffix=suffix,
        persons=_persons(root),
        terms=_terms(root),
        templates=templates,
        pools=pools,
        posts=_source_posts(templates),
        chars_per_page=max(2000.0, doc_chars / max(1, doc_pages)),
        first_page=max(front_pages, default=0) + 1,
        facs_offset=prefix.count("<pb "),
    )


def _tei(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


def _outer_documents(root: etree._Element) -> list[etree._Element]:
    body = root.find(f"{_tei('text')}/{_tei('body')}")
    if body is None:
        return []
    found = []
    for div in body.iter(_tei("div")):
        if div.get("type") != "document":
            continue
        if any(a.tag == _tei("div") and a.get("type") == "document" for a in div.iterancestors()):
            continue
        found.append(div)
    return found


def _serialise(elem: etree._Element) -> str:
    xml = etree.tostring(elem, encoding="unicode", with_tail=False)
    end = xml.index(">")
    xml = NS_DECL.sub("", xml[:end]) + xml[end:]
    return OTHER_ID.sub(r"\1", xml)


@dataclass
class _Parts:
    """A real document cut up, each part serialised."""

    head: str | None = None
    dateline: str | None = None  # a dateline or an opener
    body: list[str] = field(default_factory=list)
    closer: list[str] = field(default_factory=list)  # closer, postscript ... at the end

    def all(self) -> list[str]:
        return [s for s in (self.head, self.dateline) if s] + self.body + self.closer


CLOSING = frozenset({"closer", "postscript", "signed", "trailer"})


def _split_document(div: etree._Element) -> _Parts:
    """Cut a document into head, dateline, body blocks and closer (top-level pbs dropped)."""
    children = [c for c in div if isinstance(c.tag, str) and c.tag != _tei("pb")]
    tail = len(children)
    while tail > 0 and etree.QName(children[tail - 1]).localname in CLOSING:
        tail -= 1
    parts = _Parts(closer=[_serialise(c) for c in children[tail:]])
    for child in children[:tail]:
        name = etree.QName(child).localname
        if name == "head" and parts.head is None:
            parts.head = _serialise(child)
        elif name in ("dateline", "opener") and parts.dateline is None and not parts.body:
            parts.dateline = _serialise(child)
        else:
            parts.body.append(_serialise(child))
    parts.body = [b for b in parts.body if 'type="document"' not in b]  # no nested documents
    return parts


def _opening_count(kind: str, body: list[str]) -> int:
    """How many leading body blocks belong to the frame."""
    if kind == "telegram" and body and TELEGRAM_NUMBER.match(body[0]):
        return 1
    count = 0
    for index, block in enumerate(body[:4]):
        if re.match(r'<list\b[^>]*\btype="(?:subject|participants)"', block):
            count = index + 1
    return count


def _add_document(
    div: etree._Element, parts: _Parts, templates: list[Template], pools: dict[str, list[Block]]
) -> None:
    """Add a document's body blocks to its kind's pool and its frame to the templates."""
    if div.get("subtype") == "editorial-note":
        pools["editorial"].extend(tokenize(b) for b in parts.body)
        return
    kind = document_kind(parts.head) if parts.head else "other"
    opening = _opening_count(kind, parts.body)
    body = parts.body[opening:]
    pools[kind].extend(tokenize(b) for b in body)
    date_min = div.get(f"{{{FRUS_NS}}}doc-dateTime-min")
    date_max = div.get(f"{{{FRUS_NS}}}doc-dateTime-max")
    anchor = _anchor(date_min, parts.dateline)
    if anchor is None or not parts.head or not HEAD_NUMBER.match(parts.head) or not body:
        return
    head, from_post = head_segments(parts.head)
    templates.append(
        Template(
            kind=kind,
            head=head,
            dateline=dateline_segments(parts.dateline, from_post),
            opening=[opening_segments(b) for b in parts.body[:opening]],
            closer=[tokenize(b) for b in parts.closer],
            blocks=len(body),
            anchor=anchor,
            date_min=date_min,
            date_max=date_max,
            first_note=_first_note(parts.head),
        )
    )


def document_kind(head_xml: str) -> str:
    """telegram / memcon / memorandum / paper / other, judged from the head text."""
    without_notes = re.sub(r"<note\b.*?</note>", "", head_xml, flags=re.S)
    title = SPACES.sub(" ", TAG.sub("", without_notes)).strip()
    title = re.sub(r"^\d+[A-Za-z]?\.\s*", "", title).lower()
    if "telegram" in title or "airgram" in title or title.startswith(("message", "cable")):
        return "telegram"
    if "memorandum of conversation" in title:
        return "memcon"
    if title.startswith("memorandum") or "memorandum" in title[:40]:
        return "memorandum"
    if "paper" in title or title.startswith(("report", "study", "national intelligence")):
        return "paper"
    return "other"


def _anchor(date_min: str | None, dateline: str | None) -> int | None:
    """The day the document's dates are shifted from: its min date, else its dateline's."""
    match = ISO_VALUE.match(date_min or "")
    if match is None and dateline:
        match = ISO_DAY.search(dateline)
    if match is None:
        return None
    year, month, day = map(int, match.groups())
    return date(year, month, day).toordinal()


def _first_note(head_xml: str) -> int:
    match = re.search(r'<note\b[^>]*\bn="(\d+)"', head_xml)
    return int(match.group(1)) if match else 1


def _persons(root: etree._Element) -> list[tuple[str, str]]:
    persons = []
    for div in root.iter(_tei("div")):
        if div.get(XML_ID) != "persons":
            continue
        for node in div.iter(_tei("persName")):
            person_id = node.get(XML_ID)
            name = SPACES.sub(" ", "".join(node.itertext())).strip()
            if person_id and name:
                persons.append((person_id, _xml_text(name.split(",")[0].strip())))
    return persons


def _terms(root: etree._Element) -> dict[str, str]:
    terms: dict[str, str] = {}
    for div in root.iter(_tei("div")):
        if div.get(XML_ID) == "terms":
            for node in div.iter(_tei("term")):
                name = SPACES.sub(" ", "".join(node.itertext())).strip()
                if node.get(XML_ID) and name:
                    terms.setdefault(name.lower(), node.get(XML_ID))
    return terms


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _source_posts(templates: list[Template]) -> list[tuple[str, str | None]]:
    posts: dict[str, str | None] = {}
    for template in templates:
        for hole in template.head:
            if isinstance(hole, tuple) and hole[0] == "post":
                city = next(
                    (h[1] for h in template.dateline if isinstance(h, tuple) and h[0] == "place"),
                    None,
                )
                if posts.get(hole[2]) is None:
                    posts[hole[2]] = SPACES.sub(" ", city).strip() if city else None
    return list(posts.items())
