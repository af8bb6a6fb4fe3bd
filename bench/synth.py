"""A synthetic, full-scale FRUS-like TEI corpus for benchmarks, recombined from real volumes.

Every real document of the source files (``/work/shared/frus/*.xml`` by default) is parsed once
with lxml and cut into a *frame* (head with its source note, dateline or opener, the telegram's
numbered first paragraph or a memorandum's subject/participants lists, the closer) and *body
blocks* (``p``, ``list``, ``quote``, tables ...). Blocks are serialised once and tokenised into
literal strings and *holes* (persons, notes, page breaks, internal references, the head number,
the telegram number, the classification sentence, from/to posts), so writing a volume is mostly
joining strings.

A synthetic document takes the frame of a random real document and body blocks drawn from the
pool of every document of the same type (telegram, memorandum of conversation, memorandum,
paper, other), so term statistics stay those of real text. On the way out it gets:

* a new number (``xml:id`` d1..dn, ``@n``, the printed "NNN. ", note ids ``dNfnM``);
* dates shifted by whole days (``date/@when|@from|@to|@notBefore|@notAfter``, the printed
  date and ``frus:doc-dateTime-min/max`` together) so a volume covers a span of a few years
  within 1945–1990, increasing through the volume;
* persons (``persName`` with ``corresp``) swapped for others of the persons list, consistently
  within a document and Zipf-weighted per volume;
* occasionally another classification and caveat in the source note, another post in a
  telegram's from/to gloss (and its dateline place), a new telegram number;
* page breaks renumbered in order (inside documents where the real text had them, between
  documents and where a page would otherwise run too long), plus occasional editorial notes.

Each volume keeps the header and front matter (persons and terms lists) of its source with a
new id ``frussynth-vNNNN``, title and date range. Output is deterministic for a seed.

    python bench/synth.py --documents 300000 --out /tmp/synth [--seed 1] [--source DIR]
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import multiprocessing
import os
import random
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parent.parent / "shared" / "frus"
TEI_NS = "http://www.tei-c.org/ns/1.0"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
KINDS = ("telegram", "memcon", "memorandum", "paper", "other")
FIRST_DAY = date(1945, 1, 3).toordinal()  # margins keep shifted local/UTC dates in range
LAST_DAY = date(1990, 12, 28).toordinal()
EDITORIAL_NOTE_RATE = 0.03
CLASSIFICATION_CHANGE_RATE = 0.4
POST_CHANGE_RATE = 0.7
CLASSIFICATIONS = {
    "Secret": 0.48,
    "Confidential": 0.24,
    "Top Secret": 0.13,
    "Limited Official Use": 0.06,
    "Unclassified": 0.09,
}
CAVEATS = {"Exdis": 0.4, "Limdis": 0.25, "Nodis": 0.2, "Noforn": 0.15}
PRECEDENCES = frozenset(
    {
        "flash",
        "immediate",
        "priority",
        "routine",
        "niact",
        "niact immediate",
        "operational immediate",
    }
)
MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
MONTH_NUMBER = {name: index + 1 for index, name in enumerate(MONTHS)}
POSTS = (
    ("Embassy in France", "Paris"),
    ("Embassy in the United Kingdom", "London"),
    ("Embassy in Germany", "Bonn"),
    ("Embassy in Italy", "Rome"),
    ("Embassy in Belgium", "Brussels"),
    ("Embassy in the Netherlands", "The Hague"),
    ("Embassy in Spain", "Madrid"),
    ("Embassy in Portugal", "Lisbon"),
    ("Embassy in Greece", "Athens"),
    ("Embassy in Turkey", "Ankara"),
    ("Embassy in the Soviet Union", "Moscow"),
    ("Embassy in Poland", "Warsaw"),
    ("Embassy in Czechoslovakia", "Prague"),
    ("Embassy in Austria", "Vienna"),
    ("Embassy in Yugoslavia", "Belgrade"),
    ("Embassy in Japan", "Tokyo"),
    ("Embassy in Korea", "Seoul"),
    ("Embassy in Vietnam", "Saigon"),
    ("Embassy in Indonesia", "Djakarta"),
    ("Embassy in India", "New Delhi"),
    ("Embassy in Pakistan", "Karachi"),
    ("Embassy in Iran", "Tehran"),
    ("Embassy in Egypt", "Cairo"),
    ("Embassy in Israel", "Tel Aviv"),
    ("Embassy in Brazil", "Rio de Janeiro"),
    ("Embassy in Argentina", "Buenos Aires"),
    ("Embassy in Mexico", "Mexico City"),
    ("Embassy in Canada", "Ottawa"),
    ("Mission to the United Nations", "New York"),
)
REGIONS = (
    "Western Europe",
    "Eastern Europe",
    "Soviet Union",
    "Germany and Berlin",
    "Near East Region",
    "Arab-Israeli Dispute",
    "South Asia",
    "Southeast Asia",
    "China",
    "Japan; Korea",
    "Africa",
    "American Republics",
    "National Security Policy",
    "Foreign Economic Policy",
    "Arms Control and Disarmament",
    "United Nations",
    "Western European Integration and Security",
    "Iran; Iraq",
    "Vietnam",
    "Cuba",
)
CHAPTERS = (
    "United Kingdom",
    "France",
    "Federal Republic of Germany",
    "Italy",
    "Spain and Portugal",
    "Greece and Turkey",
    "Cyprus",
    "North Atlantic Treaty Organization",
    "European Economic Community",
    "Soviet Union",
    "Poland",
    "Czechoslovakia",
    "Yugoslavia",
    "Berlin",
    "Japan",
    "Korea",
    "Indonesia",
    "India and Pakistan",
    "Iran",
    "Egypt",
    "Israel",
    "Brazil",
    "Argentina",
    "Mexico",
    "Balance of Payments",
    "Trade Policy",
    "Nuclear Weapons Policy",
    "Foreign Assistance",
    "Regional Security Arrangements",
    "Multilateral Force",
)

# Namespace declarations lxml puts on a serialised fragment; the root of the output has them.
NS_DECL = re.compile(
    r'\s+xmlns(?::\w+)?="(?:http://www\.tei-c\.org/ns/1\.0|'
    r'http://history\.state\.gov/frus/ns/1\.0|http://www\.w3\.org/2001/XInclude)"'
)
OTHER_ID = re.compile(r'(<(?!note\b|pb\b)[\w:]+\b[^>]*?)\s+xml:id="[^"]*"')
TOKEN = re.compile(
    r'<persName(?P<pa>[^>]*?)\scorresp="#(?P<pid>p_[^"\s#]+)"(?P<pz>[^>]*)>'
    r"(?P<pbody>[^<]*|\s*<hi\b[^>]*>[^<]*</hi>\s*)</persName>"
    r'|<persName(?P<ta>[^>]*?)\scorresp="#(?P<tid>p_[^"\s#]+)"(?P<tz>[^>]*)>'
    r'|<ref(?P<ra>[^>]*?)\starget="#(?:d\d+[a-z]?(?:fn\d+)?|pg_[^"]*)"(?P<rz>[^>]*)>'
    r"(?P<rbody>[^<]*|\s*<hi\b[^>]*>[^<]*</hi>\s*)</ref>"
    r'|<note(?P<na>(?:\s+[\w:.-]+="[^"]*")*)\s*>'
    r"|<pb\b[^>]*/>"
)
HI_WRAP = re.compile(r"(\s*<hi\b[^>]*>)[^<]*(</hi>\s*)")
NOTE_NUMBERING = re.compile(r'\s+(?:n|xml:id)="[^"]*"')
HEAD_NUMBER = re.compile(r"^(<head\b[^>]*>\s*)\d+[A-Za-z]?\.\s*")
TELEGRAM_NUMBER = re.compile(r"^(<p\b[^>]*>\s*)(\d{2,7})\.")
SOURCE_NOTE = re.compile(r'<note\b[^>]*\btype="source"[^>]*>.*?</note>', re.S)
CLASSIFICATION = re.compile(
    r"(?<![\w-])(?P<cls>Top Secret|Secret|Confidential|Limited Official Use|"
    r"Official Use Only|Unclassified)(?P<rest>(?:;[^.;]*)*)\."
)
POST_GLOSS = re.compile(r'<gloss type="(?P<side>from|to)">(?P<body>[^<]*)</gloss>')
PLACE = re.compile(r"<placeName>([^<]*)</placeName>")
ISO_DAY = re.compile(r'(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?=[T"])')
ISO_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
PRINTED_DAY = re.compile(
    r"\b(?P<month>"
    + "|".join(MONTHS)
    + r")(?P<s1>\s+)(?P<day>\d{1,2}),(?P<s2>\s+)(?P<year>\d{4})\b"
    r"|\b(?P<day2>\d{1,2})(?P<s3>\s+)(?P<month2>"
    + "|".join(MONTHS)
    + r")(?P<s4>\s+)(?P<year2>\d{4})\b"
)
TAG = re.compile(r"<[^>]*>")
SPACES = re.compile(r"\s+")

Segment = str | tuple  # a literal, or a hole: (kind, ...data)
Block = list[Segment]


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


@dataclass(frozen=True)
class VolumePlan:
    """What one output volume is: index, document count, source and seed."""

    index: int
    documents: int
    source: int
    seed: str
    path: Path


# ---------------------------------------------------------------- parsing the sources


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
    head, from_post = _head_segments(parts.head)
    templates.append(
        Template(
            kind=kind,
            head=head,
            dateline=_dateline_segments(parts.dateline, from_post),
            opening=[_opening_segments(b) for b in parts.body[:opening]],
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


# ---------------------------------------------------------------- tokenising fragments


def tokenize(xml: str) -> Block:
    """Split serialised XML into literals and holes (persons, refs, notes, page breaks)."""
    segments: Block = []
    last = 0
    for match in TOKEN.finditer(xml):
        if match.start() > last:
            segments.append(xml[last : match.start()])
        segments.append(_hole(match))
        last = match.end()
    if last < len(xml):
        segments.append(xml[last:])
    return segments


def _hole(match: re.Match[str]) -> tuple:
    group = match.group
    if group("pid"):
        body = group("pbody")
        wrap = HI_WRAP.fullmatch(body)
        wrap_open, wrap_close = (wrap.group(1), wrap.group(2)) if wrap else ("", "")
        return ("person", group("pid"), group("pa"), group("pz"), wrap_open, wrap_close, body)
    if group("tid"):
        return ("ptag", group("tid"), group("ta"), group("tz"))
    if group("rbody") is not None:
        return ("ref", group("ra"), group("rz"), group("rbody"))
    if group("na") is not None:
        return ("note", NOTE_NUMBERING.sub("", group("na")))
    return ("pb",)


def _head_segments(head: str) -> tuple[Block, bool]:
    """The head with holes for its number, classification sentence and one from/to post."""
    number = HEAD_NUMBER.match(head)
    assert number is not None
    segments: Block = [number.group(1), ("num",)]
    rest = head[number.end() :]
    cls_span = _classification_span(rest)
    post = next((m for m in POST_GLOSS.finditer(rest) if _is_post(m.group("body"))), None)
    cuts: list[tuple[int, int, tuple]] = []
    if cls_span is not None:
        cuts.append(cls_span)
    if post is not None and (cls_span is None or post.end() <= cls_span[0]):
        body = SPACES.sub(" ", post.group("body")).strip()
        cuts.append((post.start(), post.end(), ("post", post.group("side"), body, post.group())))
    last = 0
    for start, end, hole in sorted(cuts):
        segments.extend(tokenize(rest[last:start]))
        segments.append(hole)
        last = end
    segments.extend(tokenize(rest[last:]))
    return segments, post is not None and post.group("side") == "from"


def _is_post(text: str) -> bool:
    return text.strip().startswith(("Embassy", "Mission", "Consulate", "Legation", "Delegation"))


def _classification_span(head: str) -> tuple[int, int, tuple] | None:
    note = SOURCE_NOTE.search(head)
    if note is None:
        return None
    match = CLASSIFICATION.search(note.group())
    if match is None:
        return None
    rest = match.group("rest")
    if any(name != "gloss" for name in re.findall(r"</?([\w:]+)", rest)):
        return None
    tokens = [t.strip() for t in rest.split(";") if t.strip()]
    plain = [SPACES.sub(" ", TAG.sub("", t)).strip().lower() for t in tokens]
    precedence = tuple(t for t, p in zip(tokens, plain, strict=True) if p in PRECEDENCES)
    caveats = tuple(t for t, p in zip(tokens, plain, strict=True) if p not in PRECEDENCES)
    hole = ("cls", match.group(), precedence, caveats)
    return note.start() + match.start(), note.start() + match.end(), hole


def _dateline_segments(xml: str | None, from_post: bool) -> Block:
    """The dateline; its place is a hole when the document comes from a post."""
    if not xml:
        return []
    place = PLACE.search(xml) if from_post else None
    if place is None:
        return tokenize(xml)
    return [
        *tokenize(xml[: place.start()]),
        ("place", place.group(1)),
        *tokenize(xml[place.end() :]),
    ]


def _opening_segments(block: str) -> Block:
    number = TELEGRAM_NUMBER.match(block)
    if number is None:
        return tokenize(block)
    digits = len(number.group(2))
    return [number.group(1), ("tel", digits), *tokenize(block[number.end(2) :])]


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


# ---------------------------------------------------------------- dates


def _shift_day(match: re.Match[str], days: int) -> str:
    year, month, day = map(int, match.groups())
    return (date(year, month, day) + timedelta(days=days)).isoformat()


def _shift_iso(value: str, days: int) -> str:
    """An ISO date or date-time attribute value moved by ``days`` (time and offset kept)."""
    return ISO_VALUE.sub(lambda m: _shift_day(m, days), value, count=1)


def _shift_printed(text: str, days: int) -> str:
    def shifted(match: re.Match[str]) -> str:
        if match.group("month"):
            month, day, year = match.group("month"), match.group("day"), match.group("year")
        else:
            month, day, year = match.group("month2"), match.group("day2"), match.group("year2")
        try:
            new = date(int(year), MONTH_NUMBER[month], int(day)) + timedelta(days=days)
        except ValueError:
            return match.group()
        if match.group("month"):
            return (
                f"{MONTHS[new.month - 1]}{match.group('s1')}{new.day},{match.group('s2')}{new.year}"
            )
        return f"{new.day}{match.group('s3')}{MONTHS[new.month - 1]}{match.group('s4')}{new.year}"

    return PRINTED_DAY.sub(shifted, text)


def _shift_literal(text: str, days: int) -> str:
    """Dates in attributes and printed dates of a dateline moved by ``days``."""
    return _shift_printed(ISO_DAY.sub(lambda m: _shift_day(m, days), text), days)


# ---------------------------------------------------------------- writing a volume


@dataclass
class _Writer:
    """Mutable state while one volume is written."""

    source: Source
    rng: random.Random
    out: list[str] = field(default_factory=list)
    page: int = 1
    since_break: int = 0
    number: int = 0
    note: int = 1
    persons: dict[str, tuple[str, str]] = field(default_factory=dict)
    post: tuple[str, str | None] | None = None
    person_ids: list[tuple[str, str]] = field(default_factory=list)
    person_weights: list[float] = field(default_factory=list)
    post_choices: list[tuple[str, str | None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page = self.source.first_page
        people = list(self.source.persons)
        self.rng.shuffle(people)
        self.person_ids = people
        self.person_weights = list(
            itertools.accumulate(1 / (r + 1) ** 0.9 for r in range(len(people)))
        )
        known = dict(self.source.posts)
        pool = [*self.source.posts, *((p, c) for p, c in POSTS if p not in known)]
        self.post_choices = self.rng.sample(pool, min(len(pool), self.rng.randint(4, 9)))

    # -- page breaks

    def page_break(self, indent: str = "") -> str:
        n = self.page
        self.page += 1
        self.since_break = 0
        facs = n + self.source.facs_offset
        return f'{indent}<pb n="{n}" xml:id="pg_{n}" facs="{facs:04d}"/>'

    def maybe_break(self, indent: str, factor: float) -> None:
        if self.since_break > factor * self.source.chars_per_page:
            self.out.append(self.page_break(indent))

    # -- segments

    def emit(self, segments: Block, days: int | None = None) -> None:
        out = self.out
        for segment in segments:
            if segment.__class__ is str:
                text = segment if days is None else _shift_literal(segment, days)
                out.append(text)
                self.since_break += len(text)
            else:
                out.append(self.fill(segment))

    def fill(self, hole: tuple) -> str:
        kind = hole[0]
        if kind == "person":
            person_id, surname = self.person(hole[1])
            opening = f'<persName{hole[2]} corresp="#{person_id}"{hole[3]}>'
            if surname is None:  # no persons list to draw from
                return f"{opening}{hole[6]}</persName>"
            return f"{opening}{hole[4]}{surname}{hole[5]}</persName>"
        if kind == "ptag":
            return f'<persName{hole[2]} corresp="#{self.person(hole[1])[0]}"{hole[3]}>'
        if kind == "note":
            n = self.note
            self.note += 1
            return f'<note n="{n}" xml:id="d{self.number}fn{n}"{hole[1]}>'
        if kind == "pb":
            return self.page_break()
        if kind == "ref":
            return self.reference(hole)
        if kind == "num":
            return f"{self.number}. "
        if kind == "tel":  # Department numbers run to six digits, posts' to four or five
            low, high = (4.0, 5.6) if hole[1] >= 6 else (1.5, 4.6)
            return str(int(10 ** self.rng.uniform(low, high)))
        if kind == "cls":
            return self.classification(hole)
        if kind == "post":
            if self.post is None:
                return hole[3]
            return f'<gloss type="{hole[1]}">{self.post[0]}</gloss>'
        if kind == "place":
            city = self.post[1] if self.post is not None and self.post[1] else hole[1]
            return f"<placeName>{city}</placeName>"
        raise ValueError(f"unknown hole {kind}")

    def person(self, old: str) -> tuple[str, str | None]:
        """Another listed person (id, surname) for ``old``, the same within a document."""
        chosen = self.persons.get(old)
        if chosen is None:
            if not self.person_ids:
                return old, None
            index = bisect.bisect(self.person_weights, self.rng.random() * self.person_weights[-1])
            chosen = self.person_ids[min(index, len(self.person_ids) - 1)]
            self.persons[old] = chosen
        return chosen

    def reference(self, hole: tuple) -> str:
        target = self.rng.randint(1, max(1, self.number - 1))
        body = re.sub(r"Document \d+", f"Document {target}", hole[3])
        return f'<ref{hole[1]} target="#d{target}"{hole[2]}>{body}</ref>'

    def classification(self, hole: tuple) -> str:
        rng = self.rng
        if rng.random() >= CLASSIFICATION_CHANGE_RATE:
            return hole[1]
        cls = rng.choices(list(CLASSIFICATIONS), weights=list(CLASSIFICATIONS.values()))[0]
        caveats: tuple[str, ...] = ()
        if cls in ("Top Secret", "Secret", "Confidential"):
            if hole[3] and rng.random() < 0.6:
                caveats = hole[3]
            elif rng.random() < 0.3:
                caveat = rng.choices(list(CAVEATS), weights=list(CAVEATS.values()))[0]
                term = self.source.terms.get(caveat.lower())
                caveats = (f'<gloss target="#{term}">{caveat}</gloss>' if term else caveat,)
        return "; ".join((cls, *hole[2], *caveats)) + "."

    # -- documents

    def document(self, template: Template, day: int, pool: list[Block], indent: str) -> None:
        rng = self.rng
        days = day - template.anchor
        self.persons = {}
        self.note = template.first_note
        self.post = rng.choice(self.post_choices) if rng.random() < POST_CHANGE_RATE else None
        n = self.number
        dates = ""
        if template.date_min and template.date_max:
            dates = (
                f' frus:doc-dateTime-min="{_shift_iso(template.date_min, days)}"'
                f' frus:doc-dateTime-max="{_shift_iso(template.date_max, days)}"'
            )
        inner = indent + "    "
        self.out.append(
            f'\n{indent}<div type="document" xml:id="d{n}" n="{n}" '
            f'subtype="historical-document"{dates}>\n{inner}'
        )
        self.emit(template.head)
        if template.dateline:
            self.out.append("\n" + inner)
            self.emit(template.dateline, days)
        for block in template.opening:
            self.out.append("\n" + inner)
            self.emit(block)
        count = max(1, round(template.blocks * rng.uniform(0.5, 1.5)))
        self.blocks(pool, count, inner)
        for block in template.closer:
            self.out.append("\n" + inner)
            self.emit(block)
        self.out.append(f"\n{indent}</div>")

    def editorial_note(self, day: int, pool: list[Block], indent: str) -> None:
        n = self.number
        self.note = 1
        self.persons = {}
        when = date.fromordinal(day).isoformat()
        inner = indent + "    "
        self.out.append(
            f'\n{indent}<div type="document" xml:id="d{n}" n="{n}" subtype="editorial-note"'
            f' frus:doc-dateTime-min="{when}T00:00:00-05:00"'
            f' frus:doc-dateTime-max="{when}T23:59:59-05:00">'
            f"\n{inner}<head>{n}. Editorial Note</head>"
        )
        self.blocks(pool, self.rng.randint(1, 4), inner)
        self.out.append(f"\n{indent}</div>")

    def blocks(self, pool: list[Block], count: int, indent: str) -> None:
        # without replacement: a small pool makes a shorter document rather than repeat a block
        chosen = self.rng.sample(pool, min(count, len(pool)))
        for block in chosen:
            self.maybe_break("\n" + indent, 1.6)
            self.out.append("\n" + indent)
            self.emit(block)


def _roman(number: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while number >= value:
            out += letters
            number -= value
    return out


def _volume_prefix(
    source: Source, volume_id: str, title: dict[str, str], span: tuple[int, int]
) -> str:
    first, last = span
    low, high = f"{first}-01-01T00:00:00-05:00", f"{last}-12-31T23:59:59-05:00"
    prefix = source.prefix
    replacements = [
        (r'(<TEI\b[^>]*?\bxml:id=")[^"]*(")', volume_id),
        (r'(<idno type="frus">)[^<]*(</idno>)', volume_id),
        (r'(<title type="complete">)[^<]*(</title>)', title["complete"]),
        (r'(<title type="sub-series">)[^<]*(</title>)', title["sub-series"]),
        (r'(<title type="volume-number">)[^<]*(</title>)', title["volume-number"]),
        (r'(<title type="volume">)[^<]*(</title>)', title["volume"]),
        (r'(<titlePart type="subseries">)[^<]*(</titlePart>)', title["sub-series"]),
        (r'(<titlePart type="volumenumber">)[^<]*(</titlePart>)', title["volume-number"]),
        (r'(<titlePart type="volume">)[^<]*(</titlePart>)', title["volume"]),
        (
            r"(<sourceDesc>\s*<p>)[^<]*(</p>)",
            f"Synthetic benchmark volume recombined by bench/synth.py from {source.path.name};"
            " not a real FRUS volume",
        ),
    ]
    for pattern, value in replacements:
        prefix = re.sub(pattern, lambda m, v=value: m.group(1) + v + m.group(2), prefix, count=1)
    prefix = re.sub(
        r'<date type="content-date"[^>]*>[^<]*</date>',
        f'<date type="content-date" calendar="gregorian" notBefore="{low}" notAfter="{high}">'
        f"{first} to {last}</date>",
        prefix,
        count=1,
    )
    prefix = re.sub(r'frus:doc-dateTime-min="[^"]*"', f'frus:doc-dateTime-min="{low}"', prefix)
    return re.sub(r'frus:doc-dateTime-max="[^"]*"', f'frus:doc-dateTime-max="{high}"', prefix)


def _volume_span(rng: random.Random) -> tuple[int, int]:
    years = rng.choice((2, 3, 3, 4, 4, 5))
    first = rng.randint(1945, 1990 - years + 1)
    return first, first + years - 1


def _chapter_sizes(rng: random.Random, documents: int) -> list[int]:
    count = max(1, min(rng.randint(2, 7), documents // 40))
    cuts = sorted(rng.sample(range(1, documents), count - 1)) if count > 1 else []
    edges = [0, *cuts, documents]
    return [b - a for a, b in itertools.pairwise(edges)]


def render_volume(plan: VolumePlan, source: Source) -> str:
    """The whole TEI text of one synthetic volume."""
    rng = random.Random(plan.seed)
    volume_id = f"frussynth-v{plan.index:04d}"
    first, last = _volume_span(rng)
    region = rng.choice(REGIONS)
    number = _roman(rng.randint(1, 40))
    title = {
        "sub-series": f"{first}–{last}",
        "volume-number": f"Volume {number}",
        "volume": region,
        "complete": f"Foreign Relations of the United States, {first}–{last}, "
        f"Volume {number}, {region}",
    }
    low = max(FIRST_DAY, date(first, 1, 1).toordinal())
    high = min(LAST_DAY, date(last, 12, 31).toordinal())
    days = sorted(rng.randint(low, high) for _ in range(plan.documents))
    writer = _Writer(source, rng)
    writer.out.append(_volume_prefix(source, volume_id, title, (first, last)))
    editorial_pool = (
        source.pools["editorial"]
        or [b for kind in ("paper", "memorandum", "other", "memcon") for b in source.pools[kind]]
        or source.pools["telegram"]
    )
    chapters = rng.sample(CHAPTERS, len(CHAPTERS))
    day_iter = iter(days)
    for chapter, size in enumerate(_chapter_sizes(rng, plan.documents), start=1):
        writer.out.append(
            f'\n            <div type="chapter" xml:id="ch{chapter}">'
            f"\n                <head>{chapters[(chapter - 1) % len(chapters)]}</head>"
        )
        for _ in range(size):
            _write_one(writer, next(day_iter), editorial_pool)
        writer.out.append("\n            </div>")
    writer.out.append("\n        ")
    writer.out.append(source.suffix)
    return "".join(writer.out)


def _write_one(writer: _Writer, day: int, editorial_pool: list[Block]) -> None:
    rng, source, indent = writer.rng, writer.source, " " * 16
    writer.number += 1
    if writer.number == 1:
        writer.out.append(writer.page_break("\n" + indent))
    elif rng.random() < 0.3:
        writer.maybe_break("\n" + indent, 0.4)
    if rng.random() < EDITORIAL_NOTE_RATE:
        writer.editorial_note(day, editorial_pool, indent)
        return
    template = rng.choice(source.templates)
    writer.document(template, day, source.pools[template.kind], indent)


# ---------------------------------------------------------------- planning and running

_SOURCES: list[Source] = []


def _load_sources(paths: Sequence[Path]) -> None:
    global _SOURCES
    _SOURCES = [load_source(path) for path in paths]


def _write_volume(plan: VolumePlan) -> tuple[Path, int, int]:
    data = render_volume(plan, _SOURCES[plan.source]).encode("utf-8")
    plan.path.write_bytes(data)
    return plan.path, plan.documents, len(data)


def plan_volumes(
    out: Path, documents: int, seed: int, sources: int, volume_size: tuple[int, int]
) -> list[VolumePlan]:
    """Volume sizes (random in ``volume_size``, the last one cut to the total) and sources."""
    rng = random.Random(f"frussynth:{seed}")
    plans: list[VolumePlan] = []
    remaining = documents
    while remaining > 0:
        size = min(remaining, rng.randint(*volume_size))
        index = len(plans) + 1
        path = out / f"frussynth-v{index:04d}.xml"
        plans.append(VolumePlan(index, size, rng.randrange(sources), f"{seed}/{index}", path))
        remaining -= size
    return plans


def source_files(source: Path) -> list[Path]:
    """The source TEI files: ``source`` itself or the ``*.xml`` in it, sorted."""
    files = [source] if source.is_file() else sorted(source.glob("*.xml"))
    if not files:
        raise FileNotFoundError(f"no TEI files in {source}")
    return files


def generate(
    out: Path,
    documents: int,
    seed: int = 1,
    source: Path = DEFAULT_SOURCE,
    *,
    volume_size: tuple[int, int] = (300, 900),
    workers: int | None = None,
) -> list[Path]:
    """Write synthetic volumes with ``documents`` documents in all into ``out``; their paths."""
    out.mkdir(parents=True, exist_ok=True)
    files = source_files(Path(source))
    plans = plan_volumes(out, documents, seed, len(files), volume_size)
    workers = min(workers or os.cpu_count() or 1, len(plans))
    if workers <= 1:
        _load_sources(files)
        return [_write_volume(plan)[0] for plan in plans]
    with multiprocessing.get_context().Pool(workers, _load_sources, (files,)) as pool:
        return [path for path, _, _ in pool.imap(_write_volume, plans)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    paths = generate(args.out, args.documents, args.seed, args.source, workers=args.workers)
    seconds = time.perf_counter() - started
    size = sum(path.stat().st_size for path in paths) / 2**20
    print(
        f"{len(paths)} files, {args.documents} documents, {size:.1f} MB, {seconds:.1f} s "
        f"-> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
