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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Protocol

from centralfiles.enrich.cable.text import normalise, split_top_level, word_set

_SUBJECT_LEADS = word_set(
    "ADM AGR AID AV BUD CSM CSCE CULT CUL DEF E ECIN ECON EDU EEC EFTA FN FSE FT GATT IAEA IBRD "
    "ICAO ILO IMF INCO INT LAB LEG MAR MED NAR NATO OAS OECD OEEC ORG PER PET POL POP PPB PR PS "
    "REF SCI SEATO CENTO SOC STR TEL TRV UN UNESCO XMB"
)
_LEAD_ALT = "|".join(sorted(_SUBJECT_LEADS, key=len, reverse=True))

DECIMAL = re.compile(
    r"(?:FW\s?)?\d{3,5}[A-Z]?(?:\.[0-9A-Za-z]+)*(?:[-–][0-9A-Za-z]+)*"
    r"(?:\s[A-Z][A-Za-z0-9 ]*?)?/(?P<tail>[0-9]+[a-z]{0,2}(?:[-–][0-9]+[a-z]?)?)"
)
_PARIS = re.compile(r"Paris Peace Conf\.\s?[\d.]+/[\d.]+")
FILM = re.compile(r"[DPN][-–]?\s?\d{6}\s?[-–]\s?\d{3,4}")
# Subject-numeric with a known category: "DEF 4 NATO", "POL CZECH–USSR", "AID (US) 15-8 VIET S".
SUBJECT = re.compile(
    rf"(?:{_LEAD_ALT}|Pol|Def|Inco|Econ|Org)(?:\s?\([A-Z]+\))?"
    r"(?:(?:\s?|[-–])\d+(?:[-–]\d+)*(?:\s?\([A-Z]+\))?)?"
    r"(?:[\s–-]+[A-Z][\w/()–-]*(?:\s?\([A-Z]+\))?)*"
)
_HAS_QUALIFIER = re.compile(r"[\s–-]\d|[\s–-][A-Z]|\d")
_CF_ITEM = re.compile(r"CF\s?\d+[A-Za-z]?")
_ANCHOR = re.compile(
    r"(?i)(?:(?:central|cental)(?:\s+decimal|\s+foreign\s+policy)?|decimal)\s+files?"
    r"(?:,?\s*\(?\d{4}(?:\s*[-–]\s*\d{2,4})?\)?)?"
)
_YEARS = re.compile(r"\(?\d{4}(?:\s*[-–]\s*\d{2,4})?\)?")
_RG = re.compile(r"(?:RG|Record Group)\s?\d+[A-Z]?")
_RG_GLUED = re.compile(
    r"^(?P<head>.*?)\s+(?P<rg>(?:RG|Record Group)\s?\d+[A-Z]?)(?:\s+(?P<tail>.+))?$"
)
_LOT = re.compile(r"(?i)lot\s*(\d+)\s*[-–]?\s*([A-Z])\s*[-–]?\s*(\d+)")
_DIGIT = re.compile(r"\d")
_DATED = re.compile(r"(\d{1,2})[-–](\d{1,2})(\d{2})[a-z]?")
_LEAD_WORD = re.compile(r"[A-Za-z]+")
_RG_FIRST = re.compile(r"^((?:RG|Record Group)\s?\d+[A-Z]?)\s+(.+)$")
_DISARM = re.compile(r"(?i)entry|records|office")
_SERIES_WORD = re.compile(r"(?i)\b(?:files?|papers|records)\b")
_LETTER_LOT = re.compile(r"(?i)lot\s+([A-Z])\s*[-–]\s*(\d+)")
_ACCESSION = re.compile(r"(?:FRC|Job|Accession)\s+[\w][\w\s/–-]*")
_NOT_A_CODE = re.compile(
    r"(?i)^(?:box|entry|records|office|folder|vol\.?|volume|electronic|stars|reel|microfilm"
    r"|document|no\.|\[)"
)
_UPPER_LEAD = re.compile(r"^[A-Z][A-Z]{0,9}(?:[–-][A-Z]+)*(?=\s|$|\()")
_TITLE_LEAD = re.compile(r"^(?:Pol|Def|Inco|Econ|Org)\b")
_PAGES = re.compile(
    r",?\s*(?P<pages>pp?\.\s*[\dxivlcXIVLC]+(?:\s*[-–]\s*[\dxivlc]+)?"
    r"(?:\s*(?:,|and)\s*[\dxivlc]+(?:\s*[-–]\s*[\dxivlc]+)?)*)$"
)
_REPRINTED = re.compile(r"(?i)^(?:reprinted|printed|extracted|excerpted|taken)\s+(?:from|in)\s+")
_SOURCE_LABEL = re.compile(r"(?i)^(?:source:\s*)+")
IBID = re.compile(r"(?i)^(?:all\s+|both\s+)?ibid\.?\s*(?:,\s*|$)")
#: Where an archival citation starts inside running text (footnotes).
REPOSITORY_START = re.compile(
    r"Department of State,|National Archives|Washington National Records Center|WNRC,|NARA,"
    r"|Library of Congress|Central Intelligence Agency,|Nixon Presidential Materials"
    r"|Federal Records Center|Naval (?:Historical|History)|Hoover Institution"
    r"|(?:[A-Z][\w.]*\s){1,4}Library,|U\.S\. Army Military History Institute"
)
_ARCHIVAL_REPOSITORY = re.compile(
    r"(?i)(?:\bDepartment of State$|archives|library|records|center|centre|agency|institut|"
    r"university|papers|files?$|collection|council$|command|staff$|office|ministry|society|"
    r"museum|foundation|service$|chiefs)"
)


class _CitationLike(Protocol):
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


def file_date(code: str | None) -> str | None:
    """ISO date of a decimal file number's month–day+year suffix ("375/10–2962" -> 1962-10-29)."""
    if not code:
        return None
    match = DECIMAL.search(code)
    if not match:
        return None
    dated = _DATED.fullmatch(match.group("tail"))
    if not dated:
        return None
    month, day, year = int(dated.group(1)), int(dated.group(2)), 1900 + int(dated.group(3))
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _lot(segment: str) -> str | None:
    if not _DIGIT.search(segment):
        return None
    match = _LOT.fullmatch(segment.strip())
    if match:
        return f"Lot {match.group(1)} {match.group(2)} {match.group(3)}"
    match = _LETTER_LOT.fullmatch(segment.strip())
    if match:
        return f"Lot {match.group(1)}–{match.group(2)}"
    if _ACCESSION.fullmatch(segment.strip()):
        return normalise(segment)
    return None


def is_code(segment: str) -> bool:
    """Whether ``segment`` is a file designation on its own (outside a Central Files heading)."""
    segment = segment.strip()
    if _DIGIT.search(segment) and (
        DECIMAL.fullmatch(segment)
        or FILM.fullmatch(segment)
        or _PARIS.fullmatch(segment)
        or _CF_ITEM.fullmatch(segment)
    ):
        return True
    match = SUBJECT.fullmatch(segment)
    if not match:
        return False
    lead = _LEAD_WORD.match(segment)
    rest = segment[lead.end() :] if lead else ""
    return bool(rest.strip()) and bool(_HAS_QUALIFIER.search(rest))


def _is_code_under_anchor(segment: str) -> bool:
    """A designation directly under a Central Files heading ("JAPAN–KOR S", "UN", "POL Kuwait")."""
    if is_code(segment):
        return True
    if _NOT_A_CODE.match(segment):
        return False
    return bool(_UPPER_LEAD.match(segment) or _TITLE_LEAD.match(segment))


def _segments(text: str) -> list[str]:
    """Split a citation into its comma- and colon-separated segments."""
    segments: list[str] = []
    for part in split_top_level(text, ", "):
        for piece in split_top_level(part, ": "):
            piece = piece.strip().strip(",").strip()
            if not piece:
                continue
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
        if lot is not None or code is not None:
            trailing.append(segment)
            continue
        if not _DIGIT.search(segment) and not segment[:1].isupper():
            if armed and not _NOT_A_CODE.match(segment) and _is_code_under_anchor(segment):
                code = segment
                continue
            armed = False
            collection.append(segment)
            continue
        if _RG.fullmatch(segment):
            citation.record_group = segment
            collection.append(segment)
            continue
        found_lot = _lot(segment)
        if found_lot:
            lot = found_lot
            continue
        if is_code(segment):
            code = segment
            continue
        if armed:
            if _YEARS.fullmatch(segment) or _NOT_A_CODE.match(segment):
                if _DISARM.match(segment):
                    armed = False
                collection.append(segment)
                continue
            if _is_code_under_anchor(segment):
                code = segment
                continue
            armed = False
            collection.append(segment)
            continue
        if _ANCHOR.fullmatch(segment):
            armed = True
        collection.append(segment)
    citation.collection = ", ".join(collection) or None
    citation.lot = lot
    if code is not None:
        citation.file_code = ", ".join([code, *trailing])
        citation.file_date = file_date(code)
    elif trailing:
        citation.file_code = ", ".join(trailing)
    return citation


def _strip(text: str) -> str:
    text = normalise(text)
    text = _SOURCE_LABEL.sub("", text)
    while text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    return text.rstrip(".;, ").strip()


def parse_citation(text: str, previous: _CitationLike | None = None) -> Citation:
    """Decompose one citation. "Ibid." is resolved against ``previous`` when given."""
    if previous is None or not IBID.match(_SOURCE_LABEL.sub("", text.lstrip(" (\n"))):
        return replace(_parse_cached(text))
    return _parse(text, previous)


@lru_cache(maxsize=16384)
def _parse_cached(text: str) -> Citation:
    """Citations without "Ibid." depend on their text only; they repeat across a volume."""
    return _parse(text, None)


def _parse(text: str, previous: _CitationLike | None) -> Citation:
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
    if _PARIS.fullmatch(body) or DECIMAL.fullmatch(body):
        citation.file_code = body
        citation.file_date = file_date(body)
        return citation
    segments = _segments(body)
    if not segments:
        return citation
    citation.repository = segments[0]
    return _assemble(citation, segments[1:])


_SERIES = re.compile(r"^[A-Z][\w./&'’ –-]*?\b(?:Files?|Papers|Records|Collection)(?=:|,|$)")


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


def _resolve_ibid(citation: Citation, rest: str, previous: _CitationLike | None) -> Citation:
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
    elif _lot(first) or _RG.fullmatch(first):
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


_PAREN = re.compile(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
_INLINE_IBID = re.compile(r"(?<![(\w])(?:[Ii]bid\.,\s+)(?P<rest>[^()]+?)(?=\.\s|\.$|;|$)")
_INLINE_REPOSITORY = re.compile(
    rf"(?:(?<=\bin\s)|(?<=\bfrom\s)|(?<=^))(?P<cit>(?:{REPOSITORY_START.pattern})[^()]*?)"
    r"(?=\.\s|\.$|;|$)"
)
_CODE_LIST = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|,\s+)\s*")


def _expand(text: str) -> list[str]:
    """ "Ibid., DEF 4 NATO and DEF 1 EUR" cites two files: split a tail that is a list of codes."""
    pieces = [p for p in _CODE_LIST.split(text) if p]
    if len(pieces) > 1 and all(is_code(p.rstrip(".")) for p in pieces):
        return [p.rstrip(".") for p in pieces]
    return [text]


def find_citations(text: str, previous: _CitationLike | None = None) -> list[Citation]:
    """Archival citations in a footnote, in order, each "Ibid." resolved against the one before.

    Reads parenthesised citations ("(Telegram 4454 from Brussels; ibid.)", "(Ibid., NATO 3)",
    "(Department of State, Central Files, DEF 1 NATO)") and inline ones ("are ibid., DEF 4 NATO
    and DEF 1 EUR", "is in Department of State, Conference Files: Lot 69 D 182, CF 321").
    """
    text = normalise(text)
    found: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for match in _PAREN.finditer(text):
        covered.append(match.span())
        offset = match.start(1)
        for part in split_top_level(match.group(1), ";"):
            stripped = part.strip()
            if IBID.match(stripped) or REPOSITORY_START.match(stripped):
                found.append((offset + match.group(1).find(stripped), stripped))
    for pattern, group in ((_INLINE_IBID, 0), (_INLINE_REPOSITORY, "cit")):
        for match in pattern.finditer(text):
            start = match.start(group)
            if any(a <= start < b for a, b in covered):
                continue
            found.append((start, match.group(group)))
    citations: list[Citation] = []
    for _, raw in sorted(found):
        head = IBID.match(raw)
        if head and raw[head.end() :].strip():
            for code in _expand(raw[head.end() :].strip().rstrip(".")):
                citation = parse_citation(f"Ibid., {code}", previous)
                citation.text = raw
                citations.append(citation)
            previous = citations[-1]
            continue
        citation = parse_citation(raw, previous)
        citations.append(citation)
        previous = citation
    return citations
