"""Memoranda named by a noun phrase that no stricter pattern read: "a memorandum to McGeorge
Bundy", "A memorandum for the record of the conversation is in ...", "This memorandum, dated
June 30, 1960", "the memorandum concerning foreign policy considerations ... which Secretary
Herter sent to Secretary Gates in June 1960".

The stricter patterns of :mod:`memoranda` each need a sender, a date or a symbol in a set
order; editors write far more shapes than that. This is the last reading: the word
"memorandum" (the one type word that always names a record, unlike "note", "paper" or
"report") with something that makes it one record — an indefinite article, a date, a party, a
subject or a relative clause naming who sent it — and that is not the document itself ("this
memorandum"), a record the page prints ("the memorandum printed below") or a record named
just before ("the memorandum"). In a body only where an editor wrote (an editorial note) or
where a footnote anchored in the same sentence identifies the record.
"""

from __future__ import annotations

import re
from datetime import date

from centralfiles.enrich.links.common import _DATE, _MONTH, _finds, _iso, month_number
from centralfiles.enrich.links.memoranda import _LONG_NAME
from centralfiles.model import Pointer

_NAME = _LONG_NAME  # a name with its title: "Secretary Herter", "the Secretary of Defense"

#: words that are not a memorandum's modifiers ("enclosed with a memorandum")
_FUNCTION_WORDS = (
    r"a|an|the|and|or|of|to|in|on|at|by|for|from|with|as|is|was|are|were|that|this|his|her"
    r"|their|its|which|who|enclosed|sent|attached|see|also"
)

#: the noun phrase: determiner, up to two modifiers, the type word, what makes it one record
MENTION = re.compile(
    r"(?<![\w'’-])(?P<det>\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+)?"
    rf"(?P<mods>(?:(?!(?:memo|{_FUNCTION_WORDS})\b)[a-z][\w-]*\s+){{0,2}})"
    r"(?P<owner>(?!(?:The|This|That|A|An|No)\b)[A-Z][\w’'-]+\s+)?"  # "the Katzenbach memo"
    r"(?P<type>[Mm]emorand(?:um|a)|[Mm]emcons?|[Mm]emo)\b"
    r"(?P<kind>\s+for\s+the\s+record"
    r"|\s+of\s+(?:(?:a|the|their|his|her|this|that)\s+)?conversations?)?"
    r"(?:"
    rf"(?P<dated>,?\s+(?:dated|of)\s+(?P<date>{_MONTH}\s+\d{{4}}\b|{_DATE}\b))"
    rf"|\s+(?P<joiner>to|from|by|for)\s+(?:the\s+)?(?P<party>{_NAME})"
    r"|(?P<subject>\s+(?:concerning|regarding|on|about|of)\s+(?:the\s+)?[\w“”’'-]+"
    r"(?:\s+(?!(?:is|was|are|were|and|but)\b)[\w“”’'-]+){0,24}?"
    rf"\s+(?:which|that)\s+(?P<sender>{_NAME})\s+(?:had\s+)?(?:sent|wrote|gave|handed|submitted)"
    rf"(?:\s+to\s+(?:the\s+)?(?P<recipient>{_NAME}))?"
    rf"(?:\s+(?:in|on)\s+(?P<sent>{_MONTH}\s+\d{{4}}\b|{_DATE}\b))?)"
    r")?"
)

#: a record the page itself holds: "the memorandum printed below", "the attached memorandum"
_PRINTED_HERE = re.compile(r"\s+(?:printed|below|above|here|attached|enclosed)\b")
_ATTACHED_BEFORE = re.compile(r"(?:attached|enclosed|following|above|below)\s+$")

#: the words after a phrase that say a note locates it: "is in", "is ibid.", "was not found"
_LOCATED_AFTER = re.compile(r",?\s+(?:is|are|was|were)\s+(?:in|ibid|not\s+found|printed\s+in)\b")

#: how far after the type word a body's footnote anchor may sit, in the same sentence
_ANCHOR_REACH = 260
_WORD_RUN = re.compile(r"[\w-]+")
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")


def _month_year(text: str, when: date | None) -> str | None:
    """ "June 30, 1960" -> "1960-06-30"; "June 1960" -> "1960-06"."""
    month_year = re.fullmatch(rf"(?:in\s+)?({_MONTH})\s+(\d{{4}})", text)
    if month_year:
        return f"{month_year[2]}-{month_number(month_year[1]):02d}"
    return _iso(text, when)


def qualified_memoranda(
    text: str,
    where: str,
    when: date | None,
    found: list[Pointer],
    anchors: list[int] | None = None,
) -> list[Pointer]:
    """The memoranda of ``text`` that only their noun phrase names (see the module's
    docstring). ``found`` are the pointers already read at ``where`` (their words are not
    read again); with ``anchors`` (a body's footnote anchors) a phrase counts only when an
    anchor follows it in its sentence."""
    taken = [(p.start, p.start + len(p.text)) for p in found if p.where == where]
    records: list[Pointer] = []
    triggers = {i - 1 for needle in ("emo", "emcon") for i in _finds(text, needle) if i >= 1}
    for start in sorted(triggers):
        if text[start] not in "Mm" or (start and text[start - 1].isalnum()):
            continue
        if any(first <= start < last for first, last in taken):
            continue  # already part of a pointer ("memorandum from Rusk to Bundy, May 9")
        identified = anchors is not None and _identified(text, start, anchors)
        editorial = anchors is None and where == "body"
        match = _phrase(text, start, identified, editorial, in_note=where != "body")
        if match is None:
            continue
        begin, end = match.span()
        if anchors is not None and not _anchored(text, match.end("type"), anchors):
            continue
        if any(first < end and begin < last for first, last in taken):
            continue
        date_text = match["date"] or match["sent"]
        party = match["party"]
        parts = {
            "type": "memorandum for the record"
            if match["kind"] and "record" in match["kind"]
            else "memorandum",
            "date": _month_year(date_text, when) if date_text else None,
            "to": party if match["joiner"] in ("to", "for") else match["recipient"],
            "from": party if match["joiner"] in ("from", "by") else match["sender"],
        }
        records.append(
            Pointer(
                "memorandum", text[begin:end], where, begin, {k: v for k, v in parts.items() if v}
            )
        )
        taken.append((begin, end))
    return records


def _phrase(
    text: str,
    start: int,
    identified: bool = False,
    editorial: bool = False,
    *,
    in_note: bool = False,
) -> re.Match[str] | None:
    """The noun phrase around the type word at ``start``, when it names one record (or, with
    ``identified``, when a footnote right after it says which: "the covering memorandum";
    with ``editorial``, an editor's "In a covering memorandum, he stated")."""
    lead = max(0, start - 40)
    best = None
    for match in MENTION.finditer(text, lead, start + 400):
        if match.start("type") == start:
            best = match
            break
        if match.start() > start:
            break
    if best is None:
        return None
    det = (best["det"] or "").strip().lower()
    owned = best["owner"] and (identified or best["owner"].rstrip().endswith(("'s", "’s")))
    qualified = best["dated"] or best["joiner"] or best["subject"] or owned or identified
    located = bool(_LOCATED_AFTER.match(text, best.end()))
    if (best["mods"] or "").strip().lower().startswith("no ") or text[
        max(0, best.start() - 3) : best.start()
    ].lower().endswith("no "):
        return None  # "No memorandum of this conversation has been found"
    if best["type"].lower() == "memoranda" and not (qualified or (best["kind"] and located)):
        return None  # "memoranda" alone is a kind of paper, not one record
    if _PRINTED_HERE.match(text, best.end("type")) or _ATTACHED_BEFORE.search(
        text, max(0, best.start("type") - 12), best.start("type")
    ):
        return None  # a record the page prints
    if det in ("this", "that", "its") and not (best["dated"] or (in_note and located)):
        return None  # the document itself, or a record just named (a note that says where
        # "this memorandum of conversation" is means the one its anchor's sentence mentions)
    if det in ("the", "his", "her", "their", "") and not (qualified or (det == "" and located)):
        return None  # "the memorandum": a record named before; "memorandum" in a title
    if det in ("a", "an") and not (qualified or best["kind"] or located or editorial):
        return None  # "a memorandum" alone names one record only where a note says where it is
    if best["joiner"] == "for" and best["party"] and best["party"].split()[0] in ("The", "Record"):
        return None
    return best


#: how close after its type word a footnote anchor identifies a record ("a separate Memcon¹")
_IDENTIFYING_REACH = 3


def _identified(text: str, start: int, anchors: list[int]) -> bool:
    """Whether a footnote anchor sits right after the word at ``start``."""
    word = _WORD_RUN.match(text, start)
    end = word.end() if word else start
    return any(end <= anchor <= end + _IDENTIFYING_REACH for anchor in anchors)


def _anchored(text: str, after: int, anchors: list[int]) -> bool:
    """Whether a footnote anchor follows ``after`` before its sentence ends."""
    end = _SENTENCE_END.search(text, after)
    limit = min(end.end() if end else len(text), after + _ANCHOR_REACH)
    return any(after <= anchor <= limit for anchor in anchors)
