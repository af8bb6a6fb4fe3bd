"""Serialised XML fragments cut into segments: literal strings and holes filled on output.

Owns the segment format every other part shares. A ``Block`` is a list of segments; a segment
is a literal ``str`` or a hole, a tuple whose first item names it:

* ``("person", id, attrs before, attrs after, hi open, hi close, body)``: a ``persName`` with
  ``corresp`` and a plain (or ``hi``-wrapped) name, swapped for another listed person;
* ``("ptag", id, attrs before, attrs after)``: the opening tag of any other such ``persName``;
* ``("ref", attrs before, attrs after, body)``: an internal reference (document, note, page);
* ``("note", attrs)``: a note's opening tag without its ``n`` and ``xml:id``, renumbered;
* ``("pb",)``: a page break, renumbered in order;

and, in a document's frame only (``head_segments``, ``dateline_segments``,
``opening_segments``): ``("num",)`` the printed head number, ``("cls", text, precedence,
caveats)`` the classification sentence of the source note, ``("post", side, post, text)`` a
from/to post gloss, ``("place", city)`` the dateline place of a document from a post and
``("tel", digits)`` a telegram's number. bench/synth_volume.py fills them.
"""

from __future__ import annotations

import re

from synth_vocab import PRECEDENCES

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
TAG = re.compile(r"<[^>]*>")
SPACES = re.compile(r"\s+")

Segment = str | tuple  # a literal, or a hole: (kind, ...data)
Block = list[Segment]


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


def head_segments(head: str) -> tuple[Block, bool]:
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


def dateline_segments(xml: str | None, from_post: bool) -> Block:
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


def opening_segments(block: str) -> Block:
    number = TELEGRAM_NUMBER.match(block)
    if number is None:
        return tokenize(block)
    digits = len(number.group(2))
    return [number.group(1), ("tel", digits), *tokenize(block[number.end(2) :])]
