"""Archival citations: where a document is kept ("Department of State, Central Files, DEF 4 NATO").

A citation is a comma-separated path from a repository down to a file:

- ``repository``: the holder, the first segment ("Department of State", "Johnson Library",
  "National Archives and Records Administration"); for printed sources, the publication.
- ``collection``: the named series below it, up to the file code or lot
  ("Central Files", "RG 59, Central Files 1964–66", "National Security File, Agency File, NATO,
  Vol. 5", "Conference Files").
- ``record_group``: "RG 59" when printed.
- ``lot``: a lot or accession number ("Lot 69 D 182", "FRC 71 A 6489", "Job 79-R01012A").
- ``file_code``: the central-file designation — subject-numeric ("DEF 4 NATO", "POL 27 VIET S"),
  decimal ("737.56361/10–2962"), a Central Foreign Policy File film number ("D740218–0840") — or,
  in a lot, the file within it ("CF 318", "Luncheon Meetings with the President").
- ``file_date``: the ISO date encoded in a decimal file number (``10–2962`` -> 1962-10-29).
- ``pages``: the pages of a printed source ("pp. 207–211").

"Ibid." repeats the previous citation, replacing the part that follows it.

This module owns the decomposition of one citation, its "Ibid." resolution and where a printed
citation ends (``citation_end``). The shapes of file codes and lots are in ``codes``; finding
citations inside footnote prose is ``footnotes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

from centralfiles.enrich.cable.codes import (
    DECIMAL,
    DIGIT,
    FILM,
    NOT_A_CODE,
    PARIS,
    file_date,
    is_code,
    is_code_under_anchor,
    parse_lot,
)
from centralfiles.enrich.cable.text import normalise, split_top_level, word_set

_ANCHOR = re.compile(
    r"(?i)(?:(?:central|cental)(?:\s+decimal|\s+foreign\s+policy)?|decimal)\s+files?"
    r"(?:,?\s*\(?\d{4}(?:\s*[-–]\s*\d{2,4})?\)?)?"
)
_YEARS = re.compile(r"\(?\d{4}(?:\s*[-–]\s*\d{2,4})?\)?")
_RG = re.compile(r"(?:RG|Record Group)\s?\d+[A-Z]?")
_RG_GLUED = re.compile(
    r"^(?P<head>.*?)\s+(?P<rg>(?:RG|Record Group)\s?\d+[A-Z]?)(?:\s+(?P<tail>.+))?$"
)
_RG_FIRST = re.compile(r"^((?:RG|Record Group)\s?\d+[A-Z]?)\s+(.+)$")
_DISARM = re.compile(r"(?i)entry|records|office")
_SERIES_WORD = re.compile(r"(?i)\b(?:files?|papers|records)\b")
_PAGES = re.compile(
    r",?\s*(?P<pages>pp?\.\s*[\dxivlcXIVLC]+(?:\s*[-–]\s*[\dxivlc]+)?"
    r"(?:\s*(?:,|and)\s*[\dxivlc]+(?:\s*[-–]\s*[\dxivlc]+)?)*)$"
)
_REPRINTED = re.compile(r"(?i)^(?:reprinted|printed|extracted|excerpted|taken)\s+(?:from|in)\s+")
_SOURCE_LABEL = re.compile(r"(?i)^(?:source:\s*)+")
IBID = re.compile(r"(?i)^(?:all\s+|both\s+)?ibid\.?\s*(?:,\s*|$)")
#: Where an archival citation starts inside running text (footnotes).
REPOSITORY_START = re.compile(
    r"Department of State,|Department of State Central Files|National Archives"
    r"|Washington National Records Center|WNRC,|NARA,"
    r"|Library of Congress|Central Intelligence Agency,|Nixon Presidential Materials"
    r"|Federal Records Center|Naval (?:Historical|History)|Hoover Institution"
    r"|(?:[A-Z][\w.]*\s){1,4}Library,|U\.S\. Army Military History Institute"
)
_ARCHIVAL_REPOSITORY = re.compile(
    r"(?i)(?:\bDepartment of State$|archives|library|records|center|centre|agency|institut|"
    r"university|papers|files?$|collection|council$|command|staff$|office|ministry|society|"
    r"museum|foundation|service$|chiefs)"
)

#: Lower-case words that may open a segment of a citation ("vol. XIV", "p. 823", "box 12",
#: "and ibid., DEF 1 EUR"); any other lower-case word opens a descriptive clause.
_CITATION_WORDS = word_set(
    """and or ibid lot lots box boxes folder folders file files vol vols volume volumes part parts
    tab tabs item items entry reel reels frame frames roll rolls job accession microfilm
    microfiche fiche no nos p pp page pages doc docs document documents sheet sheets sec section
    series record records"""
)
_CLAUSE_WORD = re.compile(r"^(?P<word>[a-z]+)\.?\s+\S")


class CitationLike(Protocol):
    """Anything that says where a document is kept (a ``Citation`` or a ``SourceNote``)."""

    repository: str | None
    collection: str | None
    record_group: str | None
    file_code: str | None
    file_date: str | None
    lot: str | None
    pages: str | None


@dataclass
class Citation:
    """One archival (or printed) citation, decomposed. ``text`` is the citation as printed."""

    text: str
    repository: str | None = None
    collection: str | None = None
    record_group: str | None = None
    file_code: str | None = None
    file_date: str | None = None
    lot: str | None = None
    pages: str | None = None
    ibid: bool = False


LOCATION_FIELDS = (
    "repository",
    "collection",
    "record_group",
    "file_code",
    "file_date",
    "lot",
    "pages",
)


def copy_location(target: object, source: object) -> None:
    """Copy where a document is kept (repository down to pages) from one citation to another."""
    for name in LOCATION_FIELDS:
        setattr(target, name, getattr(source, name))


class _Segment(str):
    """A segment of a citation that remembers the separator printed before it (", " or ": "),
    so that a collection or file path joined again reads as printed ("PRC: Pakistan")."""

    sep: str = ", "


def _segment(text: str, sep: str) -> _Segment:
    segment = _Segment(text)
    segment.sep = sep
    return segment


def _joined(segments: list[str]) -> str:
    """Segments joined with the separators they were printed with."""
    if not segments:
        return ""
    return segments[0] + "".join(getattr(s, "sep", ", ") + s for s in segments[1:])


def _segments(text: str) -> list[str]:
    """Split a citation into its comma- and colon-separated segments."""
    segments: list[str] = []
    for part_index, part in enumerate(split_top_level(text, ", ")):
        for piece_index, piece in enumerate(split_top_level(part, ": ")):
            sep = ": " if piece_index else ", "
            piece = piece.strip().strip(",").strip()
            if not piece:
                continue
            piece = _segment(piece, sep) if part_index or piece_index else _segment(piece, ", ")
            glued = _RG_GLUED.match(piece)
            if glued and not piece.startswith(("RG", "Record Group")):
                segments.append(glued.group("head"))
                segments.append(glued.group("rg"))
                if glued.group("tail"):
                    segments.append(glued.group("tail"))
                continue
            glued = _RG_FIRST.match(piece)
            if glued:
                segments.extend([glued.group(1), glued.group(2)])
                continue
            segments.append(piece)
    return segments


def _assemble(citation: Citation, segments: list[str]) -> Citation:
    """Fill collection, record group, lot and file code from the segments below the repository."""
    collection: list[str] = []
    trailing: list[str] = []
    code: str | None = None
    lot: str | None = None
    armed = False
    for segment in segments:
        if code is not None and FILM.fullmatch(code) and FILM.fullmatch(segment):
            break  # "P870097–0686, N800002–0143": one telegram on two films; the first names it
        if lot is not None or code is not None:
            trailing.append(segment)
            continue
        if (
            _SERIES_SEGMENT.search(segment)
            and not DIGIT.search(segment)
            and not _ANCHOR.fullmatch(segment)
        ):
            collection.append(segment)  # "E–CFEP Files": a series, whatever its letters
            continue
        if not DIGIT.search(segment) and not segment[:1].isupper():
            if armed and not NOT_A_CODE.match(segment) and is_code_under_anchor(segment):
                code = segment
                continue
            armed = False
            collection.append(segment)
            continue
        if _RG.fullmatch(segment):
            citation.record_group = segment
            collection.append(segment)
            continue
        found_lot = parse_lot(segment)
        if found_lot:
            lot = found_lot
            continue
        if is_code(segment):
            code = segment
            continue
        if armed:
            if _YEARS.fullmatch(segment) or NOT_A_CODE.match(segment):
                if _DISARM.match(segment):
                    armed = False
                collection.append(segment)
                continue
            if is_code_under_anchor(segment):
                code = segment
                continue
            armed = False
            collection.append(segment)
            continue
        if _ANCHOR.fullmatch(segment):
            armed = True
        collection.append(segment)
    citation.collection = _joined(collection) or None
    citation.lot = lot
    if code is not None:
        citation.file_code = _joined([code, *trailing])
        citation.file_date = file_date(code)
    elif trailing:
        citation.file_code = _joined(trailing)
    return citation


def _strip(text: str) -> str:
    text = normalise(text)
    text = _SOURCE_LABEL.sub("", text)
    while text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    return text.rstrip(".;, ").strip()


def parse_citation(text: str, previous: CitationLike | None = None) -> Citation:
    """Decompose one citation. "Ibid." is resolved against ``previous`` when given."""
    if previous is None or not IBID.match(_SOURCE_LABEL.sub("", text.lstrip(" (\n"))):
        return replace(_parse_cached(text))
    return _parse(text, previous)


@lru_cache(maxsize=16384)
def _parse_cached(text: str) -> Citation:
    """Citations without "Ibid." depend on their text only; they repeat across a volume."""
    return _parse(text, None)


def _parse(text: str, previous: CitationLike | None) -> Citation:
    flat = normalise(text)
    body = _strip(flat)
    citation = Citation(text=flat)
    ibid = IBID.match(body)
    if ibid:
        citation.ibid = True
        return _resolve_ibid(citation, body[ibid.end() :].strip(), previous)
    reprinted = _REPRINTED.match(body)
    pages = _PAGES.search(body)
    first = split_top_level(body, ", ")[0]
    archival = bool(_ARCHIVAL_REPOSITORY.search(first)) and not first.endswith("Bulletin")
    if reprinted or (pages and not archival):
        title = body[reprinted.end() :] if reprinted else body
        if pages:
            title = _PAGES.sub("", title).rstrip(", ")
            citation.pages = pages.group("pages")
        citation.repository = title or None
        return citation
    if PARIS.fullmatch(body) or DECIMAL.fullmatch(body):
        citation.file_code = body
        citation.file_date = file_date(body)
        return citation
    segments = _segments(body)
    if not segments:
        return citation
    citation.repository = segments[0]
    return _assemble(citation, segments[1:])


_SERIES = re.compile(r"^[A-Z][\w./&'’ –-]*?\b(?:Files?|Papers|Records|Collection)(?=:|,|$)")
_SERIES_SEGMENT = re.compile(r"\b(?:Files|Papers|Records)$")
_GLUED_REPOSITORY = re.compile(r"^(?P<repository>Department of State)\s+(?P<series>[A-Z].*)$")


def parse_series_citation(text: str) -> Citation:
    """A citation that starts with a series, the repository being implied ("IO Files: SD/A/198",
    "EUR Files: Lot 61 D 48, Box 12", "Hopkins Papers"): no repository is guessed."""
    flat = normalise(text)
    citation = Citation(text=flat)
    body = _strip(flat)
    series, _sep, rest = body.partition(": ")
    if "," in series:
        series, _comma, more = series.partition(", ")
        rest = f"{more}: {rest}" if rest else more
    glued = _GLUED_REPOSITORY.match(series)
    if glued:  # "Department of State Atomic Energy Files": a repository printed without its comma
        citation.repository, series = glued["repository"], glued["series"]
    citation.collection = series
    if not rest:
        return citation
    tail = _segments(rest)
    found = _assemble(Citation(text=flat), tail)
    if found.lot or found.file_code:
        citation.lot, citation.file_code, citation.file_date = (
            found.lot,
            found.file_code,
            found.file_date,
        )
        if found.collection:
            citation.collection = f"{series}, {found.collection}"
    else:
        citation.file_code = ", ".join(tail)
    return citation


def is_series(text: str) -> bool:
    """Whether a citation starts with a series rather than a repository ("IO Files: ...")."""
    return bool(_SERIES.match(text)) and not REPOSITORY_START.match(text)


def _same_kind(first: str, parts: list[str]) -> int | None:
    """Index of the part that ``first`` replaces: the same name, or the same kind (Vol., Box)."""
    for index, part in enumerate(parts):
        if part == first:
            return index
    word = first.split()[0].rstrip(".").lower() if first.split() else ""
    if word in ("vol", "volume", "box", "folder", "file", "part", "tab"):
        for index in range(len(parts) - 1, -1, -1):
            if parts[index].split()[0].rstrip(".").lower() == word:
                return index
    return None


def _resolve_ibid(citation: Citation, rest: str, previous: CitationLike | None) -> Citation:
    """ "Ibid." = the previous citation; "Ibid., X" = the previous one with X replacing its tail."""
    if previous is None:
        segments = _segments(rest) if rest else []
        return _assemble(citation, segments) if segments else citation
    if not rest:
        copy_location(citation, previous)
        return citation
    tail = _segments(rest)
    parts = split_top_level(previous.collection, ", ") if previous.collection else []
    first = tail[0]
    if is_code(first):
        kept = [*parts, previous.lot] if previous.lot else parts
    elif parse_lot(first) or _RG.fullmatch(first):
        kept = []
    elif _ANCHOR.fullmatch(first) or _SERIES_WORD.search(first):
        kept = [previous.record_group] if previous.record_group else []
    else:
        index = _same_kind(first, parts)
        kept = parts[:index] if index is not None else parts[:1]
    citation.repository = previous.repository
    _assemble(citation, [p for p in kept if p] + tail)
    if is_code(first) and citation.file_code is None:
        citation.file_code = ", ".join(tail)
        citation.file_date = file_date(tail[0])
    return citation


def citation_end(text: str) -> int:
    """Where a printed citation ends: before a lower-case descriptive clause, else at the end.

    A citation is a path of names and designations ("Department of State, Central Files, DEF 4
    NATO"); a comma followed by a lower-case clause ("..., attached to a letter of transmittal
    from Knight", "..., which also contains ...") is prose about the document, not part of
    its location. Lower-case citation terms ("vol. XIV", "p. 823", "box 12", "and ibid.") and
    single lower-case words ("undated") do not end it.
    """
    offset = 0
    for index, part in enumerate(split_top_level(text, ", ")):
        if index:
            clause = _CLAUSE_WORD.match(part)
            if clause and clause.group("word") not in _CITATION_WORDS:
                return offset - 2
        offset += len(part) + 2
    return len(text)
