"""Citations inside footnote prose: where they start, where they end, how many there are.

A footnote mixes prose with archival citations, parenthesised ("(Telegram 4454 from Brussels;
ibid.)", "(Ibid. and ibid., DEF 6 NATO)", "(Department of State, Central Files, DEF 1 NATO)") or
inline ("are ibid., DEF 4 NATO and DEF 1 EUR", "is in the Johnson Library, Tom Johnson's Notes
of Meetings, Box 3"). This module owns finding them in the running text and cutting them out;
``citation`` decomposes each one and resolves its "Ibid.".
"""

from __future__ import annotations

import re

from centralfiles.enrich.cable.citation import (
    IBID,
    REPOSITORY_START,
    Citation,
    CitationLike,
    citation_end,
    parse_citation,
)
from centralfiles.enrich.cable.codes import is_code
from centralfiles.enrich.cable.text import find_all, normalise, split_top_level

_PAREN = re.compile(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
#: "A memorandum of ... conversation ... is ibid.": the place of the citation before, repeated
_IBID_ALONE = re.compile(r"(?:(?<=\bis )|(?<=\bare )|(?<=\bwas ))[Ii]bid\.(?=\s*$|\s+[A-Z(])")
_INLINE_IBID = re.compile(
    r"(?<![(\w])(?:[Ii]bid\.?\s+and\s+)?(?:[Ii]bid\.,\s+)(?P<rest>[^()]+?)(?=\.\s|\.$|;|$|\))"
)
# An inline citation follows "in" or "from", with or without an article ("are in the Johnson
# Library, ...", "is in Department of State, ..."), or opens the footnote.
_INLINE_REPOSITORY = re.compile(
    r"(?:(?<=\bin\s)|(?<=\bin\sthe\s)|(?<=\bfrom\s)|(?<=\bfrom\sthe\s)|(?<=^))"
    rf"(?P<cit>(?:{REPOSITORY_START.pattern})(?:[^()]|\([^()]*\))*?)(?=\.\s|\.$|;|$)"
)
#: a Department of State lot file named without its repository, as 1950s volumes print them:
#: "Secretary’s Memoranda of Conversation, lot 65 D 238", "PPS files, lot 64 D 563" (a lot
#: number "NN D NNN" is the Department's own retired-files numbering)
_LOT_FILE = re.compile(
    r"(?:[A-Z][\w’'.–/-]*)(?:\s+[\w’'.–/&-]+){0,6},\s+[Ll]ot\s+\d{2}\s?D\s?\d{1,4}[A-Z]?\b"
)
_INLINE_LOT = re.compile(
    r"(?:(?<=\bin\s)|(?<=\bin\sthe\s))"
    rf"(?P<cit>{_LOT_FILE.pattern}(?:[^()]|\([^()]*\))*?)(?=\.\s|\.$|;|$)"
)
#: what a parenthesis may say before the place it gives: "(Both in Department of State, ...)"
_LEAD_IN = re.compile(r"^(?:Both|All|Each)\s+(?:(?:are|is)\s+)?in\s+(?:the\s+)?")
_IMPLIED_REPOSITORY = "Department of State, "
#: a literal every REPOSITORY_START alternative contains
REPOSITORY_WORDS = ("Department of State",  "National", "Records Center", "WNRC,", "NARA,",
                     "Library", "Intelligence Agency,", "Nixon", "Naval Hist", "Hoover",
                     "Military History")  # fmt: skip
_CODE_LIST = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|,\s+)\s*")
# "Ibid. and ibid., DEF 6 NATO": two citations joined by "and", the second an "Ibid." too.
_AND_IBID = re.compile(r"(?i),?\s+and\s+(?=ibid\b)")


def _expand(text: str) -> list[str]:
    """ "Ibid., DEF 4 NATO and DEF 1 EUR" cites two files: split a tail that is a list of codes."""
    pieces = [p for p in _CODE_LIST.split(text) if p]
    if len(pieces) > 1 and all(is_code(p.rstrip(".")) for p in pieces):
        return [p.rstrip(".") for p in pieces]
    return [text]


def _is_citation(text: str) -> bool:
    return bool(IBID.match(text) or REPOSITORY_START.match(text))


def _conjoined(raw: str) -> list[str]:
    """ "Ibid. and ibid., X" is two citations; any other stretch is one."""
    if "bid" not in raw:
        return [raw]
    pieces = _AND_IBID.split(raw)
    return pieces if all(_is_citation(piece) for piece in pieces) else [raw]


def _pieces(raw: str) -> list[str]:
    """The citations of one found stretch, each cut before any descriptive clause."""
    return [piece[: citation_end(piece)] for piece in _conjoined(raw)]


def _ibid_starts(text: str) -> list[int]:
    """Where "Ibid"/"ibid" may start (the inline "Ibid." patterns begin there)."""
    return [i - 1 for i in find_all(text, "bid") if i >= 1]


def _after_in_or_from(text: str) -> list[int]:
    """Where an inline citation may start: the text's start, or after "in", "in the", "from"
    or "from the" (the lookbehinds of ``_INLINE_REPOSITORY``, which still decide; the text is
    normalised, so a space is the only whitespace)."""
    starts = {0}
    for needle in ("in ", "from ", "in the ", "from the "):
        starts.update(i + len(needle) for i in find_all(text, needle))
    return sorted(starts)


def _matches_from(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, for a pattern that can only match at ``starts``
    (sorted): tried there alone, each after the end of the match before (a scan of every
    position with lookbehinds was the slow part of reading a note)."""
    found: list[re.Match[str]] = []
    end = 0
    for start in starts:
        if start < end:
            continue
        match = pattern.match(text, start)
        if match:
            found.append(match)
            end = max(match.end(), start + 1)
    return found


def find_citations(text: str, previous: CitationLike | None = None) -> list[Citation]:
    """Archival citations in a footnote, in order, each "Ibid." resolved against the one before.

    Reads parenthesised citations ("(Telegram 4454 from Brussels; ibid.)", "(Ibid., NATO 3)",
    "(Ibid. and ibid., DEF 6 NATO)", "(Department of State, Central Files, DEF 1 NATO)") and
    inline ones ("are ibid., DEF 4 NATO and DEF 1 EUR", "is in Department of State, Conference
    Files: Lot 69 D 182, CF 321", "are in the Johnson Library, ..."). A citation ends before a
    lower-case descriptive clause ("ibid., DEF 4 NATO, attached to a letter ...").
    """
    text = normalise(text)
    found: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for match in _PAREN.finditer(text):
        offset = match.start(1)
        for part in split_top_level(match.group(1), ";"):
            stripped = part.strip()
            lead = _LEAD_IN.match(stripped)
            if lead:  # "(Both in Department of State, Central Files, POL 17 POL–US)"
                stripped = stripped[lead.end() :]
            if _is_citation(_conjoined(stripped)[0]) or _LOT_FILE.match(stripped):
                start = offset + match.group(1).find(stripped)
                found.append((start, stripped))
                covered.append((start, start + len(stripped)))
            # a part in prose is read as the running text is: "(...; the other two airgrams
            # are ibid., CUL 9–6 USSR)"
    inline = []  # each pattern only when the literal it needs is there, only where it can start
    if "bid." in text:
        ibid_starts = _ibid_starts(text)
        if "bid.," in text:
            inline.append((_INLINE_IBID, 0, ibid_starts))
        inline.append((_IBID_ALONE, 0, ibid_starts))
    if any(word in text for word in REPOSITORY_WORDS):
        inline.append((_INLINE_REPOSITORY, "cit", _after_in_or_from(text)))
    if "ot " in text and (" lot " in text or " Lot " in text):
        inline.append((_INLINE_LOT, "cit", _after_in_or_from(text)))
    for pattern, group, starts in inline:
        for match in _matches_from(pattern, text, starts):
            start = match.start(group)
            if any(a <= start < b for a, b in covered):
                continue
            found.append((start, match.group(group)))
    citations: list[Citation] = []
    for _, raw in sorted(found):
        for piece in _pieces(raw):
            head = IBID.match(piece)
            if head and piece[head.end() :].strip():
                for code in _expand(piece[head.end() :].strip().rstrip(".")):
                    citation = parse_citation(f"Ibid., {code}", previous)
                    citation.text = piece
                    citations.append(citation)
                previous = citations[-1]
                continue
            if _LOT_FILE.match(piece) and not REPOSITORY_START.match(piece):
                citation = parse_citation(_IMPLIED_REPOSITORY + piece, previous)
                citation.text = piece
            elif listed := _file_list(piece):
                # "Central Files, 785.58/7–1758 and 885.2553/7–1758, respectively": two files
                # of one collection, each its own citation
                citation = parse_citation(listed["head"] + listed["first"], previous)
                second = parse_citation(listed["head"] + listed["second"], previous)
                second.text = listed["second"]
                citations.append(citation)
                citation = second
            else:
                citation = parse_citation(piece, previous)
            citations.append(citation)
            previous = citation
    return citations


#: a citation that ends with two files of its collection ("..., Central Files, 785.58/7–1758 and
#: 885.2553/7–1758, respectively"), each a file code
_FILE_LIST = re.compile(
    r"(?P<head>.+,\s+)(?P<first>[^,]+?)\s+and\s+(?P<second>[^,]+?)(?:,\s+respectively)?\.?$"
)


def _file_list(piece: str) -> re.Match[str] | None:
    """``_FILE_LIST`` when both of its files are file codes."""
    if " and " not in piece:
        return None
    found = _FILE_LIST.match(piece)
    return found if found and is_code(found["first"]) and is_code(found["second"]) else None
