"""``enrich``: fill a ``Document``'s cable metadata from its source note, heading and opening.

Works the same for TEI and plain-text documents: it reads only model fields (footnotes,
heading/title, text, place, kind). It fills fields that are still empty and never overwrites what
a reader already set, so running it twice changes nothing.
"""

from __future__ import annotations

import re

from centralfiles.enrich.cable.caption import parse_caption, transmission_time
from centralfiles.enrich.cable.heading import parse_heading
from centralfiles.enrich.cable.source import parse_source_note
from centralfiles.model import Document, Footnote, Source, Telegram

_OPENING_CHARS = 900
_DATELINE_LIKE = re.compile(
    r"^\[?[A-Z][\w .,’'\]-]{0,60},\]?\s+(?:[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}|undated)"
    r"[^\n]{0,40}$"
)
_MARKING_ONLY = re.compile(
    r"(?i)^(?:(?:top\s+)?secret|confidential|restricted|unclassified|personal\s+and\s+"
    r"(?:secret|confidential)|(?:us\s+)?urgent|niact|priority|immediate|flash)"
    r"(?:[\s;,—-]+(?:(?:us\s+)?urgent|niact|priority|immediate|flash|eyes\s+only|nodis|exdis"
    r"|limdis|noforn|security\s+information))*\.?$"
)


def _source_footnote(footnotes: list[Footnote]) -> Footnote | None:
    for note in footnotes:
        if note.is_source:
            return note
    if footnotes and footnotes[0].text.lstrip().lower().startswith("source:"):
        return footnotes[0]
    return None


def _opening(text: str, dateline: str | None) -> str:
    """The start of the body: its first paragraph, after a dateline printed above it.

    A classification line printed above the text ("SECRET") is kept in front of the caption
    so that ``parse_caption`` reads it.
    """
    head = text[:_OPENING_CHARS].lstrip()
    kept = ""
    for _ in range(4):
        paragraph, _sep, rest = head.partition("\n")
        line = paragraph.strip()
        if not line:
            head = rest.lstrip()
            continue
        if (dateline and line == dateline.strip()) or _DATELINE_LIKE.match(line):
            head = rest.lstrip()
            continue
        if len(line) < 60 and _MARKING_ONLY.match(line):
            kept = f"{kept}{line} "
            head = rest.lstrip()
            continue
        break
    return kept + head.split("\n\n", 1)[0]


def enrich(doc: Document) -> Document:
    """Fill ``doc``'s cable fields in place and return it. Pure: no I/O.

    Sets ``doc_type``, ``from_``, ``to``, ``classification``, ``precedence``, ``caveats``,
    ``source``, ``drafted_by``, ``cleared_by``, ``approved_by`` and ``telegram`` — each only
    when it is still empty (``None`` or ``[]``).
    """
    note = _source_footnote(doc.footnotes)
    source = parse_source_note(note.text) if note is not None else None
    heading_text = doc.heading or doc.title
    heading = parse_heading(heading_text) if heading_text else None

    if doc.doc_type is None:
        if heading is not None and heading.doc_type:
            doc.doc_type = heading.doc_type
        elif source is not None and source.doc_type:
            doc.doc_type = source.doc_type
        elif doc.kind == "editorial-note":
            doc.doc_type = "editorial-note"
    if heading is not None:
        if doc.from_ is None:
            doc.from_ = heading.from_
        if doc.to is None:
            doc.to = heading.to
        if doc.number is None and heading.number:
            doc.number = heading.number

    caption = None
    if doc.kind != "editorial-note":
        caption = parse_caption(
            _opening(doc.text, doc.dateline), post=doc.place, doc_type=doc.doc_type
        )

    if source is not None:
        if doc.classification is None:
            doc.classification = source.classification
        if doc.precedence is None:
            doc.precedence = source.precedence
        if not doc.caveats:
            doc.caveats = list(source.caveats)
        if doc.source.text is None:
            doc.source = Source(
                text=source.text,
                repository=source.repository,
                collection=source.collection,
                file_code=source.file_code,
                lot=source.lot,
                unparsed=source.unparsed,
                file_date=source.file_date,
                unrecognised=list(source.unrecognised),
            )
        if not doc.drafted_by:
            doc.drafted_by = list(source.drafted_by)
        if not doc.cleared_by:
            doc.cleared_by = list(source.cleared_by)
        if not doc.approved_by:
            doc.approved_by = list(source.approved_by)

    if caption is not None:
        # Older volumes print the classification above the text rather than in the source note.
        if doc.classification is None:
            doc.classification = caption.classification
        if doc.precedence is None:
            doc.precedence = caption.precedence
    if doc.transmitted is None and doc.dateline:
        doc.transmitted = transmission_time(doc.dateline, doc_type=doc.doc_type)
    if doc.telegram is None and caption is not None:
        telegram = caption.telegram
        if telegram is None and heading is not None and heading.telegram_number:
            telegram = Telegram(number=heading.telegram_number, post=doc.place)
        doc.telegram = telegram
    return doc
