"""Builds readable body text from layout-whitespace fragments, with stable marker offsets.

TEI text is laid out with arbitrary spaces and newlines; the readable text collapses every run
of whitespace to one space, separates paragraphs by one blank line, and lets callers take the
offset "just after the last word" to anchor footnote markers.
"""

from __future__ import annotations

PARAGRAPH_BREAK = "\n\n"


class TextBuilder:
    """Accumulates inline text and paragraph breaks into normalised text."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._para_has_text = False
        self._space_pending = False
        self._break_pending = False

    def add(self, fragment: str | None) -> None:
        """Append inline text; whitespace runs become single spaces."""
        if not fragment:
            return
        core = " ".join(fragment.split())
        if fragment[0].isspace() and self._para_has_text:
            self._space_pending = True
        if not core:
            return
        if self._break_pending and self._length:
            self._write(PARAGRAPH_BREAK)
        elif self._space_pending and self._para_has_text:
            self._write(" ")
        self._break_pending = False
        self._space_pending = fragment[-1].isspace()
        self._write(core)
        self._para_has_text = True

    def space(self) -> None:
        """A line break or other separator inside a paragraph."""
        if self._para_has_text:
            self._space_pending = True

    def paragraph(self) -> None:
        """End the current paragraph (no-op when it is empty)."""
        if self._para_has_text:
            self._break_pending = True
        self._para_has_text = False
        self._space_pending = False

    def mark(self) -> int:
        """Offset just after the last word written (where a footnote marker belongs)."""
        return self._length

    @property
    def has_text(self) -> bool:
        return self._length > 0

    def text(self) -> str:
        return "".join(self._parts)

    def _write(self, value: str) -> None:
        self._parts.append(value)
        self._length += len(value)


def normalise_space(value: str | None) -> str:
    """Collapse whitespace runs to single spaces and strip the ends."""
    return " ".join(value.split()) if value else ""
