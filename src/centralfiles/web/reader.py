"""A document's text as reading-room HTML: paragraphs, footnote markers that open their note,
page breaks in the margin, and the apparatus's pointers as links.

Everything comes out of ``markupsafe.escape`` first; only the markup this module writes
around the escaped text is trusted. Offsets (footnote anchors, page breaks) index the
document's plain ``text``, so markers are placed by walking it once in offset order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from centralfiles.model import Document, Footnote, Pointer, Reference

PARAGRAPH = "\n\n"


@dataclass(frozen=True)
class Note:
    """A footnote as the page shows it: its marker, id, rendered text and where it points."""

    marker: str
    anchor_id: str
    html: Markup
    is_source: bool
    on_heading: bool


def note_markers(footnotes: list[Footnote]) -> list[str]:
    """The marker printed for each note: its ``n``, else its position (1-based)."""
    return [note.n or str(index) for index, note in enumerate(footnotes, start=1)]


def notes(doc: Document) -> list[Note]:
    markers = note_markers(doc.footnotes)
    return [
        Note(
            marker=marker,
            anchor_id=f"fn{marker}",
            html=linkify(note.text, doc, where=f"footnote {marker}"),
            is_source=note.is_source,
            on_heading=note.anchor is None,
        )
        for marker, note in zip(markers, doc.footnotes, strict=True)
    ]


def body_html(doc: Document, page_breaks: list[tuple[str, int]] | None = None) -> Markup:
    """The body: ``<p>`` per paragraph, a popover button at each footnote anchor, a page
    marker at each known page break (``(page, offset)``)."""
    text = doc.text or ""
    markers = note_markers(doc.footnotes)
    events: list[tuple[int, int, str, str]] = []  # (offset, order, kind, value)
    for index, note in enumerate(doc.footnotes):
        if note.anchor is not None:
            events.append((min(note.anchor, len(text)), 1, "note", markers[index]))
    for page, offset in page_breaks or []:
        events.append((min(offset, len(text)), 0, "page", page))
    inside = {e[0] for e in events}
    for index, pointer in enumerate(doc.pointers):
        start, end = pointer.start, pointer.start + len(pointer.text)
        if pointer.where != "body" or pointer.kind == "archival" or text[start:end] != pointer.text:
            continue
        if any(start < offset < end for offset in inside):
            continue  # a marker inside the span: leave the text as it is
        events.append((start, 2, "open", str(index)))
        events.append((end, -1, "close", str(index)))
        inside.update(range(start, end + 1))
    events.sort()
    out: list[str] = []
    position = 0
    for offset, _, kind, value in events:
        out.append(str(escape(text[position:offset])))
        position = offset
        if kind == "open":
            out.append(_pointer_open(doc.pointers[int(value)]))
        elif kind == "close":
            out.append(_pointer_close(doc.pointers[int(value)]))
        else:
            out.append(_marker(kind, value))
    out.append(str(escape(text[position:])))
    html = "".join(out)
    paragraphs = [part.strip() for part in html.split(PARAGRAPH)]
    return Markup("".join(f"<p>{part}</p>\n" for part in paragraphs if part))


def _pointer_open(pointer: Pointer) -> str:
    href = document_href(pointer.target) if pointer.resolved and pointer.target else None
    if href:
        return f'<a class="ref" href="{escape(href)}">'
    why = pointer.reason or "not in this archive"
    if pointer.identity:
        why += f" ({pointer.identity})"
    return f'<span class="ref unresolved" title="{escape(why)}">'


def _pointer_close(pointer: Pointer) -> str:
    resolved = pointer.resolved and pointer.target and document_href(pointer.target)
    return "</a>" if resolved else "</span>"


def _marker(kind: str, value: str) -> str:
    safe = escape(value)
    if kind == "page":
        return (
            f'<span class="page-break" id="page-{safe}" role="note" '
            f'aria-label="page {safe}">[Page {safe}]</span>'
        )
    return (
        f'<sup class="fn-marker"><button type="button" class="fn-button" '
        f'popovertarget="pop-fn{safe}" aria-label="Footnote {safe}" '
        f'aria-describedby="pop-fn{safe}" id="ref-fn{safe}">{safe}</button>'
        f'<a class="fn-link" href="#fn{safe}" aria-hidden="true" tabindex="-1">{safe}</a></sup>'
    )


def linkify(text: str, doc: Document, where: str | None = None) -> Markup:
    """Escaped note or body text with the document's references made links: the pointers
    found in this place (``where``) at their exact offsets, and TEI ``ref`` targets at the
    first occurrence of their text; unresolved ones say why on hover."""
    spans: list[tuple[int, int, Reference]] = []
    for pointer in doc.pointers:
        if pointer.where != where or pointer.kind == "archival":
            continue
        start, end = pointer.start, pointer.start + len(pointer.text)
        if text[start:end] != pointer.text or any(s < end and start < e for s, e, _ in spans):
            continue
        reason = pointer.reason or "not in this archive"
        if pointer.identity:
            reason += f" ({pointer.identity})"
        spans.append(
            (start, end, Reference(pointer.target or reason, "pointer", pointer.text, reason,
                                   resolved=pointer.resolved))
        )  # fmt: skip
    for reference in doc.links:
        if reference.kind == "same-as" or not reference.text:
            continue
        start = text.find(reference.text)
        if start < 0 or any(s < start + len(reference.text) and start < e for s, e, _ in spans):
            continue
        spans.append((start, start + len(reference.text), reference))
    spans.sort(key=lambda span: span[0])
    out: list[str] = []
    position = 0
    for start, end, reference in spans:
        out.append(str(escape(text[position:start])))
        out.append(reference_link(reference, text[start:end]))
        position = end
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


def reference_link(reference: Reference, label: str) -> str:
    target = reference.target
    if reference.kind == "url" and re.match(r"https?://", target):
        return (
            f'<a class="ref ref-url" href="{escape(target)}" rel="noopener noreferrer">'
            f"{escape(label)}</a>"
        )
    if reference.kind == "pointer" and not reference.resolved:
        return (
            f'<span class="ref unresolved" title="{escape(reference.raw)}">{escape(label)}</span>'
        )
    href = document_href(target)
    if reference.resolved and href is not None:
        return f'<a class="ref" href="{escape(href)}">{escape(label)}</a>'
    why = "not in this archive" if href is not None else "points outside the archive"
    return (
        f'<span class="ref unresolved" title="{escape(why)}: {escape(target)}">'
        f"{escape(label)}</span>"
    )


def document_href(target: str) -> str | None:
    """``frus1964-68v13/d331#d331fn3`` → ``/documents/frus1964-68v13/d331#fn3``; page
    targets (``#pg_742``) go to the page marker of the document that holds it (unknown here)."""
    path, _, fragment = target.partition("#")
    if not re.fullmatch(r"[A-Za-z0-9._-]+/[A-Za-z0-9._-]+", path):
        return None
    note = re.search(r"fn(\d+)$", fragment)
    suffix = f"#fn{note.group(1)}" if note else ""
    return f"/documents/{path}{suffix}"
