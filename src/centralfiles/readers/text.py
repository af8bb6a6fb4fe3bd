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
footnotes with their anchors, pages, signed); the cable grammar (``enrich.cable``) reads
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

from centralfiles.errors import InputError
from centralfiles.model import Document
from centralfiles.readers.markers import (
    Note,
    Placement,
    apply_markers,
    is_source_note,
    place_markers,
)
from centralfiles.readers.participants import text_participants
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


def read_text_file(path: str | os.PathLike[str], *, volume: str | None = None) -> Document:
    """Read the plain-text document at ``path`` (decoded by :mod:`centralfiles.textio`)."""
    return read_text(_read_file(path), volume=volume, name=str(path))


def read_text(text: str, *, volume: str | None = None, name: str | None = None) -> Document:
    """Parse one plain-text FRUS document; ``name`` (a path) is used in error messages."""
    text = normalise_newlines(text)
    check_textual(text, path=name)
    lines = text.split("\n")
    first, number, rest = _heading(lines, name)
    dateline, after = _dateline(lines, first + 1)
    body, pages, notes, placement = _body_and_notes(lines[after:], rest)
    title, clean, footnotes = apply_markers(rest, body, notes, placement)
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
        participants=text_participants(clean),
        dateline=dateline,
        place=_place(dateline) if dateline else None,
    )


def _body_and_notes(lines: list[str], heading: str) -> tuple[str, list[str], list[Note], Placement]:
    """The body text (markers still in), its pages, the footnote list and the markers' places.

    A trailing numbered block is taken for the footnote list only if it reads as one: it
    starts with a source note, or its markers are found (all of them when it is not indented,
    as in OCR'd text, at least one otherwise). If not, it stays in the body.
    """
    note_start, notes, indented = _find_notes(lines)
    paragraphs, pages = _body(lines[:note_start])
    body = "\n\n".join(paragraphs)
    placement = place_markers(heading, body, notes)
    needed = 1 if indented else len(notes)
    if notes and not is_source_note(notes[0].text) and len(placement.found) < needed:
        paragraphs, pages = _body(lines)
        body = "\n\n".join(paragraphs)
        return body, pages, [], place_markers(heading, body, [])
    return body, pages, notes, placement


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


# --- dateline ------------------------------------------------------------------------------

_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
           r"|December)")  # fmt: skip
#: "Washington, October 5, 1968, 1845Z.", "[Washington,] August 5, 1948.", "Petrograd, July 8,
#: 1917, 7 p.m. [Received July 9, 11.15 p.m.]", "Department of State, Washington, August 16,
#: 1870.": a place, then a date, then at most a time and a received note
DATELINE = re.compile(
    rf"^(?:(?P<place>\[?[A-Z][^\n\d]{{0,120}}?),?\]?,?\s+)?(?:{_MONTHS}\s+\d{{1,2}},\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}})[^\n]{{0,80}}$"
    # "Washington, undated.", "[Saigon, undated.]", "Undated.": the word ends the line, but
    # for a time or a bracketed note, so that a paragraph opening "undated papers ..." is text
    rf"|^(?:(?P<undated_place>\[?[A-Z][^\n\d]{{0,120}}?),?\]?,?\s+)?[Uu]ndated\]?[.,]?\]?"
    rf"(?:\s+\d{{1,2}}(?:[.:]\d{{2}})?\s*(?:[ap]\.\s?m\.|noon|midnight)|\s+\d{{4}}Z)?\.?"
    rf"(?:\s*\[[^\]\n]{{0,60}}\]\.?)?$"
    # 1900s volumes leave the year to the volume: "Peking, December 20." with at most a time
    # and a received note after it, so that a sentence mentioning a date never reads as one
    rf"|^(?P<yearless>\[?[A-Z][^\n\d]{{0,60}}?),\]?\s+{_MONTHS}\s+\d{{1,2}}"
    rf"(?:,\s+\d{{1,2}}(?:[.:]\d{{2}})?\s*(?:[ap]\.\s?m\.|noon|midnight))?\.?"
    rf"(?:\s*\[Received[^\]\n]{{0,60}}\]\.?)?$"
)
_NOTE_LIST_START = re.compile(r"^\s+\d{1,3}\.\s")


def _dateline(lines: list[str], start: int) -> tuple[str | None, int]:
    """The dateline printed under the heading, if any, and the line after it."""
    index = start
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines):
        return None, start
    line = lines[index].strip()
    following = lines[index + 1] if index + 1 < len(lines) else ""
    ends_paragraph = not following.strip() or bool(_NOTE_LIST_START.match(following))
    if ends_paragraph and len(line) < 200 and DATELINE.match(line):
        return line, index + 1
    return None, start


def _place(dateline: str) -> str | None:
    match = DATELINE.match(dateline)
    place = match and (match["place"] or match["yearless"] or match["undated_place"])
    if not place:
        return None
    return place.strip("[], ") or None


# --- footnote list -------------------------------------------------------------------------


def _find_notes(lines: list[str]) -> tuple[int, list[Note], bool]:
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


def _collect_notes(lines: list[str]) -> list[Note]:
    """The notes of a block; lines that open no note continue the one before (kept verbatim)."""
    openers = _note_lines(lines)
    notes = []
    for position, (index, printed, first) in enumerate(openers):
        end = openers[position + 1][0] if position + 1 < len(openers) else len(lines)
        notes.append(Note(printed, _join_note_lines([first, *lines[index + 1 : end]])))
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
