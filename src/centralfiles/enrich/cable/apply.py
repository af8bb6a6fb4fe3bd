"""``enrich``: fill a ``Document``'s cable metadata from its source note, heading and opening.

Works the same for TEI and plain-text documents: it reads only model fields (footnotes,
heading/title, text, place, kind). It fills fields that are still empty and never overwrites what
a reader already set, so running it twice changes nothing.
"""

from __future__ import annotations

import re
from datetime import date

from centralfiles.enrich.cable.caption import CHANNELS, parse_caption, transmission_time
from centralfiles.enrich.cable.heading import clean_party, parse_heading
from centralfiles.enrich.cable.openers import SALUTATION, Openers, paper_number, read_openers
from centralfiles.enrich.cable.repeats import closing_repeats, read_repeats
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


def _opening(text: str, dateline: str | None, skip: int = 0) -> str:
    """The start of the body: its first paragraph, after a dateline printed above it and the
    ``skip`` opener paragraphs ("[Telegram.]", "No. 276.]").

    A classification line printed above the text ("SECRET") is kept in front of the caption
    so that ``parse_caption`` reads it.
    """
    head = text[:_OPENING_CHARS].lstrip()
    for _ in range(skip):
        head = head.partition("\n\n")[2].lstrip()
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


#: who speaks for the Department in an old heading ("Mr. Fish", the Secretary, the Department)
_DEPARTMENT = re.compile(
    r"(?i)^(?:the\s+)?(?:(?:acting\s+|assistant\s+|under\s+)?secretary(?:\s+of\s+state)?\b|"
    r"department\s+of\s+state)"
)
#: a foreign government's representative or office: "Russian Ambassador", "British Embassy",
#: "Chinese Minister", "the Ambassador of Japan"
_FOREIGN = re.compile(
    r"(?i)^(?:the\s+)?(?:[A-Z][a-z]+(?:an|ese|ish|ch|ian|i)\s+(?:Ambassador|Minister|Chargé|"
    r"Embassy|Legation|Government|Minister for Foreign Affairs)|(?:Ambassador|Minister|Chargé)"
    r"\s+of\s+)"
)
_SENT_AS = re.compile(
    r"\b(?:Transmitted|Sent|Cabled)\b[^.]{0,60}?\b(?:in|as)\s+(?P<channel>[A-Z][a-z]{2,6})\s+"
    r"(?P<number>\d{1,6})\b"
)
_FORMAL_ADDRESS = re.compile(
    r"^(?:Sir|Excellency|Your Excellency|Mr\. Secretary[^:]{0,20}|Monsieur[^:]{0,20}):"
)
_HEADING_TYPES = (
    (re.compile(r"(?i)\bcircular\s+telegram\b"), "circular-telegram"),
    (re.compile(r"(?i)\b(?:cablegram|telegram)\b"), "telegram"),
)


def sent_to_department(doc: Document) -> bool:
    """Whether ``doc`` went to the Department: addressed to the Secretary, or sent from one of
    the United States' own posts ("United States Consulate, Pictou"; a Legation, an Embassy)."""
    place = (doc.place or doc.dateline or "").lower()
    return bool(
        (doc.to and _DEPARTMENT.match(doc.to))
        or (not sent_by_department(doc) and _OWN_POST.search(place))
    )


#: the United States as datelines spell it: "United States", "U. S.", "U.S.A."
_US = r"(?:united\s+states|u\.\s?s\.(?:\s?a\.)?)"

#: a dateline at one of the United States' posts ("Consulate General of the U. S. A., Jerusalem")
_OWN_POST = re.compile(
    rf"(?:\b{_US}|\bamerican)\s+(?:legation|consulate|embassy|consulate[\s-]general)"
    rf"|^(?:legation|consulate|embassy|consulate[\s-]general)\s+of\s+the\s+{_US}"
)


def sent_by_department(doc: Document) -> bool:
    """Whether the Department (the Secretary, or a letter dated at the Department or
    Washington) sent ``doc``."""
    place = (doc.place or doc.dateline or "").strip()
    return bool(
        (doc.from_ and _DEPARTMENT.match(doc.from_))
        or place.lower().startswith(("department of state", "washington"))
    )


def _type_from_openers(doc: Document, openers: Openers) -> str | None:
    """The type an opener (or an old heading's prose) gives, when the heading has no type
    word: "[Telegram.]" -> telegram; a numbered paper -> despatch, instruction or note."""
    if (
        openers.doc_type == "translation"
        and openers.paraphrase
        and _NUMBERED_TEXT.match(_opening(doc.text, doc.dateline, openers.paragraphs))
    ):  # "[Paraphrase]" above "369. Department's 368, ...": a telegram, paraphrased
        return "telegram"
    if openers.doc_type and not (openers.doc_type == "translation" and openers.paper_number):
        return openers.doc_type
    if _own_paper_number(doc, openers):
        if not sent_by_department(doc):
            return "despatch"
        if doc.to and _FOREIGN.match(doc.to):
            return "note"
        return "circular" if openers.circular else "instruction"
    heading = doc.heading or doc.title or ""
    found = next((kind for pattern, kind in _HEADING_TYPES if pattern.search(heading)), None)
    if found:
        return found
    opening = doc.text.lstrip().split("\n\n")[openers.paragraphs :][:1]
    if opening and SALUTATION.match(opening[0]):
        return "letter"  # "My dear Mr. Secretary:"
    foreign = (doc.from_ and _FOREIGN.match(doc.from_)) or (doc.to and _FOREIGN.match(doc.to))
    if foreign and opening and _FORMAL_ADDRESS.match(opening[0]):
        return "note"  # "Excellency:", "Mr. Secretary of State:" to or from a foreign envoy
    return None


def _own_paper_number(doc: Document, openers: Openers) -> str | None:
    """The paper's own number: an opener's "No. 631", or a note on the heading that is only
    that ("No. 153.]", not the volume's serial "No. 24.")."""
    return openers.paper_number or next(
        (
            n
            for note in doc.footnotes
            if (note.is_source or note.anchor is None)  # plain text: a note on the heading
            and (n := paper_number(note.text))
            and not note.text.strip().endswith(f"{n}.")
        ),
        None,
    )


#: a text that opens with a telegram's number ("369. Department's 368, October 21")
_NUMBERED_TEXT = re.compile(r"\s*\d{1,6}\.\s+[A-Z]")

#: the types whose own number is a paper's ("No. 631"), not a telegram's
_PAPER_TYPES = frozenset({"despatch", "instruction", "note", "circular"})


def _post_of(place: str | None) -> str | None:
    """The city of an old dateline's place: "Legation of the United States, Paris" -> Paris."""
    if not place:
        return None
    parts = [part.strip() for part in place.split(",") if part.strip()]
    if len(parts) > 1 and re.match(
        r"(?i)^(?:the\s+)?(?:department\s+of\s+state|legation|embassy|consulate|commissioner|"
        r"american\s+(?:embassy|legation|consulate|mission))\b", parts[0]
    ):  # fmt: skip
        return parts[1]
    return place


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

    openers = read_openers(doc.text) if doc.kind != "editorial-note" else Openers()
    if doc.doc_type is None:
        if heading is not None and heading.doc_type:
            doc.doc_type = heading.doc_type
        elif source is not None and source.doc_type:
            doc.doc_type = source.doc_type
        elif doc.kind == "editorial-note":
            doc.doc_type = "editorial-note"
    if heading is not None:
        for attr, parsed in (("from_", heading.from_), ("to", heading.to)):
            marked = getattr(doc, attr)  # what the TEI markup names, when it does
            if marked is None:
                setattr(doc, attr, parsed)
            elif parsed and parsed != marked and parsed.endswith(" " + marked):
                # "to President <gloss>Truman</gloss>": the markup holds the name, the heading
                # its title too (but not what a misprinted " to " put before it)
                setattr(doc, attr, parsed.rsplit(" to ", 1)[-1])
            else:
                setattr(doc, attr, clean_party(marked))  # "..., at Paris" inside the markup
        if doc.number is None and heading.number:
            doc.number = heading.number

    if doc.kind != "editorial-note":
        if doc.doc_type is None:
            doc.doc_type = _type_from_openers(doc, openers)
        elif doc.doc_type == "circular" and openers.doc_type == "circular-telegram":
            doc.doc_type = "circular-telegram"  # "Circular note" sent as "[Circular telegram ...]"

    if doc.paper_number is None and doc.doc_type in _PAPER_TYPES:
        doc.paper_number = _own_paper_number(doc, openers)

    caption = None
    if doc.kind != "editorial-note":
        caption = parse_caption(
            _opening(doc.text, doc.dateline, openers.paragraphs),
            post=_post_of(doc.place),
            doc_type=doc.doc_type,
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
            doc.classification = caption.classification or openers.classification
        if doc.precedence is None:
            doc.precedence = caption.precedence or openers.precedence
        for caveat in (*openers.caveats, *caption.caveats):
            if caveat.lower() not in {known.lower() for known in doc.caveats}:
                doc.caveats.append(caveat)
    if doc.transmitted is None and doc.dateline:
        doc.transmitted = transmission_time(doc.dateline, doc_type=doc.doc_type)
    if doc.telegram is None and caption is not None:
        telegram = caption.telegram
        if telegram is None and heading is not None and heading.telegram_number:
            telegram = Telegram(number=heading.telegram_number, post=doc.place)
        if telegram is None and note is not None:  # "Transmitted to Washington in Dulte 10"
            sent = _SENT_AS.search(note.text)
            if sent and sent["channel"] in CHANNELS:
                telegram = Telegram(sent["number"], sent["channel"], _post_of(doc.place))
        doc.telegram = telegram
    if doc.kind != "editorial-note" and (doc.telegram is None or not doc.telegram.repeats):
        _add_repeats(doc)
    return doc


def _add_repeats(doc: Document) -> None:
    """The numbers the source note and the notes on the heading say the telegram also went
    out under ("Repeated to Helsinki as telegram 523"): ``doc.telegram.repeats``, on a
    telegram without a number of its own too."""
    notes = [note.text for note in doc.footnotes if note.is_source or note.anchor is None]
    own = doc.telegram.number if doc.telegram else None
    when = _day(doc.date or doc.date_min)
    repeats = (
        read_repeats(notes, when, own, sent_by_department=sent_by_department(doc)) if notes else []
    )
    repeats += [r for r in closing_repeats(doc.text) if r not in repeats]
    if not repeats:
        return
    if doc.telegram is None:
        if doc.doc_type not in _TELEGRAM_TYPES:
            return
        doc.telegram = Telegram(post=_post_of(doc.place))
    doc.telegram.repeats = repeats


#: the types a telegram's repeats are read for when its caption gives it no number
_TELEGRAM_TYPES = frozenset({"telegram", "circular-telegram", "message"})


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None
