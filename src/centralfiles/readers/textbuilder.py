"""Builds readable body text from layout-whitespace fragments, with stable marker offsets.

TEI text is laid out with arbitrary spaces and newlines; the readable text collapses every run
of whitespace to one space and separates paragraphs by one blank line. Footnote markers are
anchored "just after the last word". Fragments are collected raw with two sentinel characters
(which XML 1.0 cannot contain) and normalised once, with regular expressions, at the end.
"""

from __future__ import annotations

PARAGRAPH_BREAK = "\n\n"
_BREAK = "\x00"
_MARK = "\x01"


class TextBuilder:
    """Accumulates inline text, paragraph breaks and markers into normalised text."""

    __slots__ = ("_marks", "_parts")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._marks = 0

    def add(self, fragment: str | None) -> None:
        """Append inline text as laid out in the source."""
        if fragment:
            self._parts.append(fragment)

    def has_text(self) -> bool:
        """Whether any text (beyond whitespace and breaks) has been added yet."""
        return any(part.strip(" \t\n" + _BREAK + _MARK) for part in self._parts)

    def space(self) -> None:
        """A line break or other separator inside a paragraph."""
        self._parts.append(" ")

    def paragraph(self) -> None:
        """End the current paragraph (empty paragraphs vanish)."""
        self._parts.append(_BREAK)

    def mark(self) -> int:
        """Place a marker after the last word; returns its token for ``finish``."""
        self._parts.append(_MARK)
        self._marks += 1
        return self._marks - 1

    def finish(self) -> tuple[str, list[int]]:
        """The normalised text and, for each marker token, its offset in that text."""
        flat = " ".join("".join(self._parts).split())  # sentinels are not whitespace
        if _BREAK not in flat and not self._marks:
            return flat, []
        flat = flat.replace(" " + _BREAK, _BREAK).replace(_BREAK + " ", _BREAK)
        if self._marks:
            flat = _move_marks_left(flat)
        paragraphs: list[str] = []
        carried = ""  # markers of a paragraph with no text move to the next one
        for paragraph in flat.split(_BREAK):
            if not paragraph:
                continue
            paragraph = carried + paragraph
            carried = ""
            if paragraph.strip(_MARK):
                paragraphs.append(paragraph)
            else:
                carried = paragraph
        if carried:  # only markers after the last text (or no text at all)
            if paragraphs:
                paragraphs[-1] += carried
            else:
                paragraphs.append(carried)
        pieces = PARAGRAPH_BREAK.join(paragraphs).split(_MARK)
        offsets: list[int] = []
        position = 0
        for piece in pieces[:-1]:
            position += len(piece)
            offsets.append(position)
        return "".join(pieces), offsets

    def text(self) -> str:
        return self.finish()[0]


def _move_marks_left(flat: str) -> str:
    """Markers belong just after the last word: move them before spaces and breaks.

    Each marker moves left over the spaces and breaks before it (markers keep their order,
    and so do the separators they pass); done per marker, not by rescanning the whole text
    until nothing moves."""
    pieces = flat.split(_MARK)
    carried = ""
    for i in range(len(pieces) - 1):
        piece = carried + pieces[i]
        kept = piece.rstrip(" " + _BREAK)
        pieces[i] = kept
        carried = piece[len(kept) :]  # the separators the marker passed: after it now
    pieces[-1] = carried + pieces[-1]
    flat = _MARK.join(pieces)
    while "  " in flat:
        flat = flat.replace("  ", " ")
    return flat.replace(" " + _BREAK, _BREAK).replace(_BREAK + " ", _BREAK)


def normalise_space(value: str | None) -> str:
    """Collapse whitespace runs to single spaces and strip the ends."""
    return " ".join(value.split()) if value else ""
