"""Rendering a Document as plain text in the format of the web edition (``show --format text``).

The inverse of :func:`centralfiles.readers.text.read_text`::

    322. Telegram From ... Organization1

    229956. For Cleveland from Leddy. ... on secure telephone,2 following are ...

    Rusk
      1. Source: Department of State, Central Files, DEF 4 NATO. ...
      2. No record of this conversation has been found.

Markers are numbered by list position: 1..n, or 0..n-1 when the first note's ``n`` is "0"
(the source note on the heading, as some volumes print it). Notes without an anchor that come
first are glued to the heading; a note's later lines are indented under it. Page markers are not
rendered: a Document knows which pages it spans, not where they break.
"""

from __future__ import annotations

from centralfiles.model import Document, Footnote

NOTE_INDENT = "  "
CONTINUATION_INDENT = "     "


def render_text(doc: Document) -> str:
    """``doc`` as plain text: heading, body with footnote markers, signature, footnote list."""
    markers = note_markers(doc.footnotes)
    heading_markers = "".join(markers[i] for i in _heading_notes(doc.footnotes))
    heading = f"{doc.number}. {doc.title}" if doc.number else doc.title
    parts = [heading + heading_markers]
    if doc.dateline:  # as history.state.gov prints it, under the heading
        parts.append(doc.dateline)
    body = _body_with_markers(doc, markers)
    if body:
        parts.append(body)
    text = "\n\n".join(parts)
    notes = "\n".join(_render_note(i, note) for i, note in enumerate(doc.footnotes, start=1))
    return f"{text}\n{notes}\n" if notes else f"{text}\n"


def note_markers(notes: list[Footnote]) -> list[str]:
    """The marker printed for each note: its list position, 0-based if the first ``n`` is "0"."""
    base = 0 if notes and notes[0].n == "0" else 1
    return [str(base + i) for i in range(len(notes))]


def _heading_notes(notes: list[Footnote]) -> list[int]:
    """Indices of the leading unanchored notes: their markers are glued to the heading."""
    leading = []
    for index, note in enumerate(notes):
        if note.anchor is not None:
            break
        leading.append(index)
    return leading


def _body_with_markers(doc: Document, markers: list[str]) -> str:
    """The body text with markers inserted at their anchors and the signature closing it."""
    inserts = sorted(
        (min(max(note.anchor, 0), len(doc.text)), index)
        for index, note in enumerate(doc.footnotes)
        if note.anchor is not None
    )
    pieces = []
    position = 0
    for anchor, index in inserts:
        pieces.append(doc.text[position:anchor])
        pieces.append(markers[index])
        position = anchor
    pieces.append(doc.text[position:])
    body = "".join(pieces).strip("\n")
    if doc.signed and not _ends_with(doc.text, doc.signed):
        body = f"{body}\n\n{doc.signed}" if body else doc.signed
    return body


def _ends_with(text: str, signed: str) -> bool:
    """Whether the text's last paragraph is already the signature."""
    return text.rstrip().rsplit("\n\n", 1)[-1].strip() == signed.strip()


def _render_note(number: int, note: Footnote) -> str:
    """ "  1. text", later lines of the note indented under it."""
    first, *rest = note.text.split("\n")
    lines = [f"{NOTE_INDENT}{number}. {first}".rstrip()]
    lines += [f"{CONTINUATION_INDENT}{line}".rstrip() for line in rest]
    return "\n".join(lines)
