"""Reading plain-text FRUS documents (pasted from history.state.gov or OCR'd) into a Document.

The format, as printed by the web edition::

    322. Telegram From the Department of State to the Mission to ... Organization1

    229956. For Cleveland from Leddy. ... on secure telephone,2 following are ... [Page 742] ...

    1.
    We might aim at an interim freeze ...

    Rusk
      1. Source: Department of State, Central Files, DEF 4 NATO. Secret; ...
      2. No record of this conversation has been found.

This reader fills the structural fields only (id, volume, number, title, heading, text,
footnotes with their anchors, pages, signed); the cable grammar (``centralfiles.cable``) reads
classification, caption and source note from them.

Footnote markers are digits glued to the preceding word ("telephone,2", "5181" for 518 + note
1, "804.1"). They are told apart from real numbers with the footnote list: the markers expected,
in the order they must appear. Every plausible position of every marker is scored (after a
letter or punctuation: strong; after a digit: weak, weaker still when the result looks like a
year) and a dynamic programme picks the placement with the best total score whose markers
appear in increasing order. Both numbering conventions are tried -- markers 1..n, and markers
0..n-1 with the list printed from 1 -- and the better placement wins. Nothing is dropped: what
is not understood stays in the body text.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

from centralfiles.errors import InputError
from centralfiles.model import Document, Footnote
from centralfiles.readers.textio import check_textual, normalise_newlines
from centralfiles.readers.textio import read_text_file as _read_file

__all__ = ["normalise_for_id", "read_text", "read_text_file", "text_id"]

_HEADING = re.compile(r"(\d{1,5}[A-Za-z]?)\.[ \t]+(\S.*)")
_NOTE_LINE = re.compile(r"([ \t]*)(\d{1,4})\.(?:[ \t]+(\S.*))?")
_PAGE = re.compile(r"([ \t]*)\[Page[ \t]+([0-9]+|[ivxlcdmIVXLCDM]+)\]([ \t]*)")
_LABEL = re.compile(r"(?:\d{1,3}[.)]|\(\d{1,3}\)|\([a-zA-Z]\)|[a-zA-Z][.)])")
_NUMBER = re.compile(r"(?<!\d)\d+(?!\d)")
_YEAR = re.compile(r"1[6-9]\d\d|20\d\d")
_SIGNATURE_WORD = re.compile(r"[A-Z][\w'’.\-]*|[A-Z]\.")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NAME_PARTICLES = _words("de del der den di da du la le van von y of the for and")
_NOT_SIGNATURES = _words(  # last paragraphs that read as names but are not signatures
    "end begin text comment quote unquote message note notes signed attachment enclosure tab "
    "annex summary conclusion conclusions recommendation recommendations secret confidential "
    "unclassified nodis exdis limdis noforn"
)
_MARKER_CLOSERS = frozenset(".,;:!?)]}\"'’”»")
_DIGIT_PUNCT = frozenset(".,;:")

# Scores of a marker position (integers so that ties are exact).
_STRONG = 12  # after a letter or closing punctuation: "telephone,2", "Organization1"
_AFTER_NUMBER_PUNCT = 8  # after punctuation that follows a digit: "Polto 804.1", "1966;5"
_AFTER_DIGIT_KNOWN = 6  # after a digit, and the number without it occurs elsewhere: "5181"
_AFTER_DIGIT = 4  # after a digit: "5181" read as 518 + marker 1
_AFTER_YEAR = 2  # the digits with the marker look like a year: "1961" as 196 + 1
_BEFORE_PUNCT = 2  # penalty: a marker followed by punctuation rather than a space
_MIN_SCORE = 1
_ON_HEADING = 4  # bonus at the heading's end, where the source note sits: "No. 3681"


def read_text_file(path: str | os.PathLike[str], *, volume: str | None = None) -> Document:
    """Read the plain-text document at ``path`` (decoded by :mod:`centralfiles.textio`)."""
    return read_text(_read_file(path), volume=volume, name=str(path))


def read_text(text: str, *, volume: str | None = None, name: str | None = None) -> Document:
    """Parse one plain-text FRUS document; ``name`` (a path) is used in error messages."""
    text = normalise_newlines(text)
    check_textual(text, path=name)
    lines = text.split("\n")
    first, number, rest = _heading(lines, name)
    body, pages, notes, placement = _body_and_notes(lines[first + 1 :], rest)
    title, clean, footnotes = _apply_markers(rest, body, notes, placement)
    doc_volume = volume if volume else "text"
    return Document(
        id=f"{volume}/d{number}" if volume else text_id(text),
        volume=doc_volume,
        number=number,
        title=title,
        heading=f"{number}. {title}",
        text=clean,
        footnotes=footnotes,
        pages=pages,
        signed=_signature(clean),
    )


def _body_and_notes(
    lines: list[str], heading: str
) -> tuple[str, list[str], list[_Note], _Placement]:
    """The body text (markers still in), its pages, the footnote list and the markers' places.

    A trailing numbered block is taken for the footnote list only if it reads as one: it
    starts with a source note, or its markers are found (all of them when it is not indented,
    as in OCR'd text, at least one otherwise). If not, it stays in the body.
    """
    note_start, notes, indented = _find_notes(lines)
    paragraphs, pages = _body(lines[:note_start])
    body = "\n\n".join(paragraphs)
    placement = _place_markers(heading, body, notes)
    needed = 1 if indented else len(notes)
    if notes and not _is_source(notes[0].text) and len(placement.found) < needed:
        paragraphs, pages = _body(lines)
        body = "\n\n".join(paragraphs)
        return body, pages, [], _place_markers(heading, body, [])
    return body, pages, notes, placement


def _is_source(note: str) -> bool:
    return note.lower().startswith(("source:", "sources:"))


def normalise_for_id(text: str) -> str:
    """The text a plain-text id hashes: NFC, LF line ends, whitespace runs collapsed, stripped."""
    text = unicodedata.normalize("NFC", normalise_newlines(text))
    return " ".join(text.split())


def text_id(text: str) -> str:
    """``text/`` + the first 12 hex digits of the SHA-256 of the normalised text."""
    digest = hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()
    return f"text/{digest[:12]}"


# --- heading -------------------------------------------------------------------------------


def _heading(lines: list[str], name: str | None) -> tuple[int, str, str]:
    """Index of the heading line, the document number and the rest of the heading."""
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        match = _HEADING.fullmatch(line.strip())
        if match is None:
            raise InputError(
                "expected a numbered heading like '322. Telegram From ...'",
                path=name,
                line=index + 1,
            )
        return index, match.group(1), match.group(2).rstrip()
    raise InputError("empty document: no text at all", path=name, line=1)


# --- footnote list -------------------------------------------------------------------------


@dataclass
class _Note:
    printed: int
    text: str


def _find_notes(lines: list[str]) -> tuple[int, list[_Note], bool]:
    """Where the trailing footnote list starts, its notes, and whether it is indented.

    The list is the trailing block of indented lines from a "  1. ..." line on; without
    indentation (OCR'd text), the trailing run of non-blank lines from a "1. ..." line on.
    """
    region = len(lines)
    while region > 0 and (not lines[region - 1].strip() or lines[region - 1][0] in " \t"):
        region -= 1
    block = _note_block(lines, region, indent=True)
    if block is not None:
        return block, _collect_notes(lines[block:]), True
    last = len(lines)
    while last > 0 and not lines[last - 1].strip():
        last -= 1
    contiguous = last
    while contiguous > 0 and lines[contiguous - 1].strip():
        contiguous -= 1
    block = _note_block(lines[:last], contiguous, indent=False)
    if block is None:
        return len(lines), [], False
    return block, _collect_notes(lines[block:last]), False


def _note_block(lines: list[str], region: int, *, indent: bool) -> int | None:
    """The first line from ``region`` on that opens a consistently numbered list (else last)."""
    openers = []
    for index in range(region, len(lines)):
        match = _NOTE_LINE.fullmatch(lines[index].rstrip())
        if match and bool(match.group(1)) == indent and int(match.group(2)) in (0, 1):
            openers.append(index)
    for index in openers:
        if _consecutive(lines[index:]):
            return index
    return openers[-1] if openers else None


def _note_lines(lines: list[str]) -> list[tuple[int, int, str]]:
    """(index, printed number, text) of the lines that open notes, numbered consecutively."""
    first = _NOTE_LINE.fullmatch(lines[0].rstrip())
    assert first is not None
    indent = len(first.group(1).expandtabs())
    found = [(0, int(first.group(2)), first.group(3) or "")]
    for index, line in enumerate(lines[1:], start=1):
        match = _NOTE_LINE.fullmatch(line.rstrip())
        if (
            match
            and len(match.group(1).expandtabs()) == indent
            and int(match.group(2)) == found[-1][1] + 1
        ):
            found.append((index, int(match.group(2)), match.group(3) or ""))
    return found


def _consecutive(lines: list[str]) -> bool:
    """Whether every same-indent numbered line of the block continues the numbering."""
    first = _NOTE_LINE.fullmatch(lines[0].rstrip())
    assert first is not None
    indent = len(first.group(1).expandtabs())
    numbered = 0
    for line in lines:
        match = _NOTE_LINE.fullmatch(line.rstrip())
        if match and len(match.group(1).expandtabs()) == indent:
            numbered += 1
    return numbered == len(_note_lines(lines))


def _collect_notes(lines: list[str]) -> list[_Note]:
    """The notes of a block; lines that open no note continue the one before (kept verbatim)."""
    openers = _note_lines(lines)
    notes = []
    for position, (index, printed, first) in enumerate(openers):
        end = openers[position + 1][0] if position + 1 < len(openers) else len(lines)
        notes.append(_Note(printed, _join_note_lines([first, *lines[index + 1 : end]])))
    return notes


def _join_note_lines(lines: list[str]) -> str:
    """A note's lines stripped, joined by LF, blank-line runs kept as one blank line."""
    parts: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped or (parts and parts[-1]):
            parts.append(stripped)
    return "\n".join(parts).strip("\n")


# --- body ----------------------------------------------------------------------------------


def _body(lines: list[str]) -> tuple[list[str], list[str]]:
    """The body's paragraphs and the pages it spans.

    Every non-blank line is a paragraph, except a bare list label ("1.", "(a)") directly
    followed by its text on the next line: they are joined ("1. We might ..."). A label
    followed by a blank line stays a paragraph of its own (a section number such as "I.").
    """
    paragraphs: list[str] = []
    pages: list[str] = []
    text_before_first_page = False
    label_open = False  # the previous line was a bare list label such as "1."
    for raw in lines:
        line, found = _strip_pages(raw.strip())
        if found and not pages and (paragraphs or _before_first_page(raw)):
            text_before_first_page = True
        pages.extend(page for page in found if page not in pages)
        if not line:
            label_open = label_open and bool(found)  # a blank line ends a label
            continue
        if label_open and not _LABEL.fullmatch(line):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
            label_open = False
        else:
            paragraphs.append(line)
            label_open = bool(_LABEL.fullmatch(line))
    if text_before_first_page and pages[0].isdigit() and int(pages[0]) > 1:
        pages.insert(0, str(int(pages[0]) - 1))
    return paragraphs, pages


def _before_first_page(line: str) -> bool:
    match = _PAGE.search(line)
    return match is not None and bool(line[: match.start()].strip())


def _strip_pages(line: str) -> tuple[str, list[str]]:
    """The line without "[Page N]" markers (one space kept where one was) and the pages."""
    pages: list[str] = []

    def drop(match: re.Match[str]) -> str:
        pages.append(match.group(2))
        inner = match.start() > 0 and match.end() < len(line)
        return " " if inner and (match.group(1) or match.group(3)) else ""

    return _PAGE.sub(drop, line).strip(), pages


# --- footnote markers ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    """A position of marker ``marker`` (an index into the expected markers) in the text."""

    marker: int
    start: int
    end: int
    score: int
    glued: bool  # followed by digits: only valid if the next marker starts at ``end``


@dataclass
class _Placement:
    markers: list[str]
    found: dict[int, _Candidate]
    score: int


def _place_markers(heading: str, body: str, notes: list[_Note]) -> _Placement:
    """The best placement of the notes' markers over both numbering conventions."""
    if not notes:
        return _Placement([], {}, 0)
    combined = f"{heading}\n\n{body}"
    numbers = set(_NUMBER.findall(combined)) | {
        number for note in notes for number in _NUMBER.findall(note.text)
    }
    best: _Placement | None = None
    for shift in (0, -1) if notes[0].printed == 1 else (0,):
        markers = [str(note.printed + shift) for note in notes]
        found, score = _best_placement(combined, len(heading), markers, numbers)
        if best is None or score > best.score:
            best = _Placement(markers, found, score)
    assert best is not None
    return best


def _candidates(
    text: str, heading_end: int, marker: str, index: int, numbers: set[str]
) -> list[_Candidate]:
    """Every position where ``marker`` could stand, scored; the heading only at its end."""
    found = []
    start = text.find(marker, 1)
    while start != -1:
        end = start + len(marker)
        in_heading = start < heading_end
        if not in_heading or text[end:heading_end].isdigit() or end == heading_end:
            score = _score(text, start, end, numbers)
            if score is not None:
                glued = end < len(text) and text[end].isdigit()
                score += _ON_HEADING if in_heading else 0
                found.append(_Candidate(index, start, end, score, glued))
        start = text.find(marker, start + 1)
    return found


def _score(text: str, start: int, end: int, numbers: set[str]) -> int | None:
    """How plausible a marker at ``text[start:end]`` is; ``None`` if impossible."""
    before = text[start - 1]
    after = text[end] if end < len(text) else "\n"
    if before.isspace() or after.isalpha():
        return None
    if before.isdigit():
        run = start - 1
        while run > 0 and text[run - 1].isdigit():
            run -= 1
        if not after.isdigit() and _YEAR.fullmatch(text[run:end]):
            score = _AFTER_YEAR
        elif text[run:start] in numbers:
            score = _AFTER_DIGIT_KNOWN
        else:
            score = _AFTER_DIGIT
    elif before in _DIGIT_PUNCT and start >= 2 and text[start - 2].isdigit():
        score = _AFTER_NUMBER_PUNCT
    elif before.isalpha() or before in _MARKER_CLOSERS:
        score = _STRONG
    else:
        score = _AFTER_DIGIT
    if not after.isspace() and not after.isdigit():
        score -= _BEFORE_PUNCT
    return max(score, _MIN_SCORE)


class _SuffixMax:
    """Fenwick tree answering "best entry at a position >= p" over fixed positions."""

    def __init__(self, positions: list[int]) -> None:
        self.positions = positions
        self.tree: list[tuple[tuple[int, int], _Candidate] | None] = [None] * (len(positions) + 1)

    def add(self, position: int, key: tuple[int, int], candidate: _Candidate) -> None:
        i = len(self.positions) - bisect_left(self.positions, position)
        while i < len(self.tree):
            current = self.tree[i]
            if current is None or key > current[0]:
                self.tree[i] = (key, candidate)
            i += i & -i

    def best_from(self, position: int) -> tuple[tuple[int, int], _Candidate] | None:
        i = len(self.positions) - bisect_left(self.positions, position)
        best = None
        while i > 0:
            current = self.tree[i]
            if current is not None and (best is None or current[0] > best[0]):
                best = current
            i -= i & -i
        return best


def _best_placement(
    text: str, heading_end: int, markers: list[str], numbers: set[str]
) -> tuple[dict[int, _Candidate], int]:
    """Highest-scoring choice of at most one position per marker, in increasing order.

    Backward dynamic programme: ``value[c]`` is the best score of the markers from ``c``'s on
    when ``c`` is chosen; the tree holds the values of later markers' candidates by position.
    """
    candidates = [
        _candidates(text, heading_end, marker, index, numbers)
        for index, marker in enumerate(markers)
    ]
    by_start = [{c.start: c for c in group} for group in candidates]
    tree = _SuffixMax(sorted({c.start for group in candidates for c in group}))
    value: dict[_Candidate, int] = {}
    following: dict[_Candidate, _Candidate | None] = {}
    for index in reversed(range(len(markers))):
        group = [c for c in candidates[index] if _evaluate(c, by_start, tree, value, following)]
        for candidate in group:
            tree.add(candidate.start, (value[candidate], -candidate.start), candidate)
    best = tree.best_from(0)
    found: dict[int, _Candidate] = {}
    current = best[1] if best else None
    while current is not None:
        found[current.marker] = current
        current = following[current]
    return found, best[0][0] if best else 0


def _evaluate(
    candidate: _Candidate,
    by_start: list[dict[int, _Candidate]],
    tree: _SuffixMax,
    value: dict[_Candidate, int],
    following: dict[_Candidate, _Candidate | None],
) -> bool:
    """Compute ``candidate``'s value and successor; False if it cannot be chosen."""
    if candidate.glued:
        later = by_start[candidate.marker + 1] if candidate.marker + 1 < len(by_start) else {}
        successor = later.get(candidate.end)
        if successor is None or successor not in value:
            return False
        value[candidate] = candidate.score + value[successor]
        following[candidate] = successor
        return True
    best = tree.best_from(candidate.end)
    value[candidate] = candidate.score + (best[0][0] if best else 0)
    following[candidate] = best[1] if best else None
    return True


def _apply_markers(
    heading: str, body: str, notes: list[_Note], placement: _Placement
) -> tuple[str, str, list[Footnote]]:
    """Title and body without the placed markers, and the footnotes with their anchors."""
    offset = len(heading) + 2
    cuts = sorted(placement.found.values(), key=lambda c: c.start)
    title = heading
    heading_cuts = [c for c in cuts if c.start < len(heading)]
    if heading_cuts:
        title = heading[: heading_cuts[0].start].rstrip()
    pieces: list[str] = []
    anchors: dict[int, int] = {}
    position = 0
    kept = 0
    for cut in cuts:
        if cut.start < len(heading):
            continue
        start, end = cut.start - offset, cut.end - offset
        pieces.append(body[position:start])
        kept += start - position
        anchors[cut.marker] = kept
        position = end
    pieces.append(body[position:])
    footnotes = [
        Footnote(
            n=placement.markers[index],
            id=None,
            text=note.text,
            is_source=_is_source(note.text),
            anchor=anchors.get(index),
        )
        for index, note in enumerate(notes)
    ]
    return title, "".join(pieces), footnotes


# --- signature -----------------------------------------------------------------------------


def _signature(text: str) -> str | None:
    """The closing signature: a last paragraph that reads as a name ("Rusk", "W.W. Rostow")."""
    paragraphs = text.rsplit("\n\n", 1)
    if len(paragraphs) < 2:
        return None
    last = paragraphs[1].strip()
    words = last.split()
    if not words or len(words) > 6 or len(last) > 60 or last.lower().rstrip(".") in _NOT_SIGNATURES:
        return None
    if not _SIGNATURE_WORD.fullmatch(words[0]) or any(ch.isdigit() for ch in last):
        return None
    for word in words[1:]:
        if not (_SIGNATURE_WORD.fullmatch(word) or word in _NAME_PARTICLES):
            return None
    if any(word.lower().rstrip(".") in _NOT_SIGNATURES for word in words):
        return None
    return last
