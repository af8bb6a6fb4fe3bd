"""Footnote markers in plain text: where each note's marker stands, told apart from numbers.

Markers are digits glued to the preceding word ("telephone,2", "5181" for 518 + note 1,
"804.1"). Every plausible position of every expected marker is scored (after a letter or
punctuation: strong; after a digit: weak, weaker still when the result looks like a year) and
a dynamic programme picks the placement with the best total score whose markers appear in
increasing order, under both numbering conventions of the series (``place_markers``);
``apply_markers`` then removes them and records each note's anchor.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from centralfiles.model import Footnote

_NUMBER = re.compile(r"(?<!\d)\d+(?!\d)")
_YEAR = re.compile(r"1[6-9]\d\d|20\d\d")
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


def is_source_note(note: str) -> bool:
    """A note that gives the document's source ("Source: ...")."""
    return note.lower().lstrip("[").startswith(("source:", "sources:"))


#: what older volumes print as the source note, without "Source:": a file number ("File No.
#: 861.51/154", "724.34119/970", "560.AL/1–3048: Telegram") or a file series ("Department of
#: State Atomic Energy Files", "International Trade Files: Lot 57D284, Box 104")
_BARE_SOURCE = re.compile(
    r"^(?:File\s+Nos?\.\s*\S|(?:FW\s?)?\d{3,5}[.\dA-Za-z–-]*(?:\s[A-Z][\w ]*?)?\s?/\S"
    r"|[A-Z][\w.&'’ –-]{0,60}?\b(?:Files?|Papers|Records)\b(?:[:,]|\s*$))"
)


def is_heading_source_note(note: str) -> bool:
    """A note on the heading that reads as the document's source without saying "Source:"."""
    return is_source_note(note) or bool(_BARE_SOURCE.match(note.strip()))


@dataclass
class Note:
    printed: int
    text: str


@dataclass(frozen=True)
class _Candidate:
    """A position of marker ``marker`` (an index into the expected markers) in the text."""

    marker: int
    start: int
    end: int
    score: int
    glued: bool  # followed by digits: only valid if the next marker starts at ``end``


@dataclass
class Placement:
    markers: list[str]
    found: dict[int, _Candidate]
    score: int


def place_markers(heading: str, body: str, notes: list[Note]) -> Placement:
    """The best placement of the notes' markers over both numbering conventions."""
    if not notes:
        return Placement([], {}, 0)
    combined = f"{heading}\n\n{body}"
    numbers = set(_NUMBER.findall(combined)) | {
        number for note in notes for number in _NUMBER.findall(note.text)
    }
    best: Placement | None = None
    for shift in (0, -1) if notes[0].printed == 1 else (0,):
        markers = [str(note.printed + shift) for note in notes]
        found, score = _best_placement(combined, len(heading), markers, numbers)
        if best is None or score > best.score:
            best = Placement(markers, found, score)
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


def apply_markers(
    heading: str, body: str, notes: list[Note], placement: Placement
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
    on_heading = {cut.marker for cut in heading_cuts}
    footnotes = [
        Footnote(
            n=placement.markers[index],
            id=None,
            text=note.text,
            is_source=is_source_note(note.text)
            or (index in on_heading and is_heading_source_note(note.text)),
            anchor=anchors.get(index),
        )
        for index, note in enumerate(notes)
    ]
    return title, "".join(pieces), footnotes


# --- signature -----------------------------------------------------------------------------
