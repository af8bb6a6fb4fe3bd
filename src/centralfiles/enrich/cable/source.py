"""Source notes: "Source: <citation>. <markings>. <drafting>. <distribution>. <remarks>".

``parse_source_note`` reads the note sentence by sentence. Each sentence is consumed by one rule
(citation, classification sentence, drafting chain, distribution, receipt, a recognised remark);
whatever no rule consumes is returned verbatim (whitespace normalised) in ``unparsed``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from centralfiles.enrich.cable.citation import (
    IBID,
    REPOSITORY_START,
    Citation,
    citation_end,
    copy_location,
    is_series,
    parse_citation,
    parse_series_citation,
)
from centralfiles.enrich.cable.codes import DECIMAL
from centralfiles.enrich.cable.markings import parse_markings
from centralfiles.enrich.cable.text import normalise, split_names, split_sentences, strip_connector

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_DATE_SUFFIX = re.compile(
    rf"\s+(?:on|dated)\s+(?:{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?"
    r"|the same day|that day)\b"
)
_IN_DRAFT = re.compile(r"\s+\(?in\s+(?:draft|substance|final)\)?$")
_VERB = re.compile(
    r"(?i)\b(?:also\s+)?(?P<verb>drafted(?:\s+and\s+(?:approved|cleared))?"
    r"|cleared|approved|prepared|concurred|revised|initialed|initialled)"
    r"(?:\s+in\s+(?:draft|substance|final))?"
    r"(?:\s+on\s+[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?:\s+(?:personally|also|subsequently|finally))?"
    r"(?:\s+in(?=\s+by\b))?\s+(?P<prep>by|with|in)\s+"
)
#: "; E, ITR, and RA concurred": clearances named before their verb
_CONCURRED_AFTER = re.compile(r"[;,]\s*(?:and\s+)?(?P<names>[^;]+?)\s+concurred\b\.?")
#: what a name in a chain carries that is not the name: "by the President", "in draft by
#: Herter", "Blake of TAD", "Despres, who sent the report to Turner"
_NAME_BY = re.compile(r"^(?:(?:in\s+(?:draft|substance)\s+)?by\s+)(?:the\s+(?=[A-Z]))?")
_OF_OFFICE = re.compile(r"\s+of\s+[A-Z][A-Z/–-]{1,12}$")
_RELATIVE = re.compile(r",?\s+who\s+.*$")
#: A clause that hands the document on, ending a drafting chain: "and sent from X to Y",
#: ", transmitted to the President under cover of ...", "and forwarded by X".
_TRANSMITTAL = re.compile(
    r"(?:,\s*|\s+)(?:and\s+)?(?:then\s+|later\s+)?"
    r"(?:sent|transmitted|forwarded|passed|delivered|routed|repeated|pouched)\s+"
    r"(?:from|to|by|through|via|under)\b"
)
_ARTICLE = re.compile(r"^the\s+(?=[A-Z])")
_VERB_START = re.compile(
    r"(?i)(?:also\s+)?(?:drafted|cleared|approved|prepared|concurred|revised)\b"
)
_ROLES = {
    "drafted and approved": ("drafted_by", "approved_by"),
    "drafted and cleared": ("drafted_by", "cleared_by"),
    "drafted": ("drafted_by",),
    "prepared": ("drafted_by",),
    "revised": ("drafted_by",),
    "cleared": ("cleared_by",),
    "concurred": ("cleared_by",),
    "approved": ("approved_by",),
    "initialed": (),  # "initialed by Kohler": a reader's initials, no role in the chain
    "initialled": (),
}
_PRECEDENCE_WORD = r"(?:flash|niact\s+immediate|niact|immediate|priority|routine)"
_SENT_WITH = re.compile(rf"(?i)^sent\s+(?P<p>{_PRECEDENCE_WORD})\.?$")
_DISTRIBUTION = re.compile(
    r"(?i)(?:^|(?<=[\s,;]))(?P<also>also\s+)?(?P<verb>repeated|sent|pouched)(?:\s+also)?"
    rf"(?:\s+(?P<precedence>{_PRECEDENCE_WORD}))?"
    r"(?:\s+(?:for|as)\s+(?:information|action|info))?"
    r"(?:\s+(?:priority|immediate|niact|routine|flash))?\s+to\s+"
)
_DISTRIBUTION_START = re.compile(r"(?i)(?:also\s+)?(?:repeated|sent|pouched)\b")
_AS_TELEGRAM = re.compile(
    r"\s+as\s+(?P<ref>(?:telegram|tel|airgram|circular(?:\s+telegram)?|[A-Z][a-z]+)?\s*"
    r"(?:No\.\s*)?[A-Z]?[-–]?\d+)\b"
)
_RECEIVED = re.compile(
    r"(?i)^received\s+(?:(?:at|in|by)\s+(?:the\s+)?(?:[A-Za-z.'’-]+\s+){1,5}?(?:at|on)\s+"
    r"|at\s+|on\s+)?(?P<when>.+)$"
)
_TIME_END = re.compile(r"[ap]\.\s?m\.$")
_REMARK = re.compile(
    r"""^(?:
      (?:A|An|The|Another|Other|Two|Several)\s+(?:[\w’'-]+\s+){0,4}?
        (?:note|notes|notation|notations|annotation|annotations|stamp|initials|marking|markings
         |endorsement|inscription)\b
    | The\s+(?:President|Vice\s+President|Secretary|Under\s+Secretary|Acting\s+Secretary)
        \s+(?:saw|initialed|approved|wrote|read|checked|underlined|signed|marked)\b
    | (?:The|This)\s+source\s+text\b | Source\s+text\b
    | (?:No|There\s+is\s+no)\s+drafting\s+information\b | Drafting\s+information\b
    | Printed\s+from\b
    | (?:The|This)\s+(?:conversation|meeting|luncheon|lunch|dinner|breakfast|discussion|call
        |telephone\s+(?:call|conversation)|interview|briefing|session|talks?|exchange|dinner)s?
        \s+(?:was|were|took|began|ended|lasted|is|occurred)\b
    | (?:An?\s+|Another\s+|The\s+)?(?:information\s+|carbon\s+)?[Cc]op(?:y|ies)\b
    | Attached\s+to\b | Enclosure\s+(?:to|in)\b | Enclosed\s+(?:with|in)\b
    | (?:Sent|Transmitted|Forwarded)\s+(?:to\s+.*?\s+)?under\s+cover\b
    | (?:Transmitted|Forwarded|Passed)\s+(?:to|as|in)\b
    | (?:Transmitted|Forwarded|Passed|Sent|Delivered|Conveyed|Handed|Routed)
        \s+(?:from|by|through|via)\b
    | The\s+(?:time|date|day|hour|place|location|venue|dateline|title|heading|subject
        |list\s+of\s+participants|participants)
        (?:\s+and\s+(?:the\s+)?(?:time|date|day|hour|place|location|participants))?
        (?:\s+(?:of|for)\s+(?:the|this|these)\s+(?:[\w’'-]+\s+){0,2}?[\w’'-]+)?
        \s+(?:is|are|was|were|has\s+been|have\s+been)
        \s+(?:(?:taken|derived|drawn|obtained)\s+from|from|based\s+on
          |(?:supplied|confirmed|established)\s+(?:by|from))\b
    | (?:Transcribed|Typed|Recorded|Dictated|Translated)\s+(?:by|in|from|on)\b
    | (?:Initialed|Signed|Unsigned|Not\s+(?:signed|initialed|sent|found|printed|declassified))\b
    | \d+\s+(?:pages?|paragraphs?|lines?)\s+(?:of\s+source\s+text\s+)?not\s+declassified\b
    | (?:Handwritten|Typed|Stamped)\s+(?:notation|note|notes|annotation)s?\b
    | The\s+(?:memorandum|telegram|letter|paper|message|report|note|draft|cable|airgram
        |despatch|record|minutes|text)\s+(?:is|was|bears|has|carries)\s+(?:initialed|signed
        |unsigned|stamped|marked|not\s+signed|not\s+sent)\b
    | (?:Also\s+)?(?:printed|published)\s+in\b
    | (?:All\s+)?(?:brackets|ellipses|brackets\s+and\s+ellipses)\s+are\s+in\s+the\s+original\b
    | \[[^\]]*\]$
    )""",
    re.X,
)
_FORM = re.compile(
    r"^(?P<code>.+?):\s*(?P<form>(?:circular\s+)?(?:telegram|airgram|instruction|despatch)"
    r"|memorandum|letter|note|telegram\s+\(paraphrase\)|paraphrase\s+of\s+telegram)\.?$",
    re.I,
)
_FORM_TYPE = {
    "telegram": "telegram",
    "circular telegram": "circular-telegram",
    "airgram": "airgram",
    "circular airgram": "circular-airgram",
    "instruction": "instruction",
    "circular instruction": "instruction",
    "despatch": "despatch",
    "memorandum": "memorandum",
    "letter": "letter",
    "note": "note",
    "telegram (paraphrase)": "telegram",
    "paraphrase of telegram": "telegram",
}
#: every type a file-code suffix can name ("560.AL/1–3048: Telegram")
FORM_TYPES = frozenset(_FORM_TYPE.values())
_SOURCE_AT = re.compile(r"(?i)\bsource:\s*")
_CLASSIFICATION_TAIL = re.compile(
    r"^(?P<citation>.+?)\s+(?P<marking>(?:Top Secret|Secret|Confidential|Limited Official Use"
    r"|Official Use Only|Unclassified)(?:;.*)?)$"
)
_FILE_NUMBER = re.compile(
    r"^(?:File\s+(?:No\.\s*)?)?(?P<code>\d{3,5}[\w.–/ -]*?/[\w–-]+|\d{4,6})\.?$"
)
_CLASSIFICATION_END = re.compile(r"(?:Secret|Confidential|Use|Only|Unclassified)(?:;[^.]*)?\.?$")
_STARTS_LIKE_CITATION = re.compile(r"^(?:[A-Z0-9\[]|ibid)", re.I)


@dataclass
class SourceNote:
    """Everything parsed from one source note. ``text`` is the note verbatim.

    ``unparsed`` is the remainder that no rule consumed (whitespace normalised), ``None`` when
    the whole note was understood; ``unrecognised`` lists marking tokens kept as caveats without
    being known. Citation fields are described in ``centralfiles.enrich.cable.citation``.
    """

    text: str
    repository: str | None = None
    collection: str | None = None
    file_code: str | None = None
    file_date: str | None = None
    lot: str | None = None
    classification: str | None = None
    precedence: str | None = None
    caveats: list[str] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)
    drafted_by: list[str] = field(default_factory=list)
    cleared_by: list[str] = field(default_factory=list)
    approved_by: list[str] = field(default_factory=list)
    repeated_to: list[str] = field(default_factory=list)
    other_notes: list[str] = field(default_factory=list)
    unparsed: str | None = None
    record_group: str | None = None
    pages: str | None = None
    ibid: bool = False
    doc_type: str | None = None
    sent_to: list[str] = field(default_factory=list)
    pouched_to: list[str] = field(default_factory=list)
    received: str | None = None
    references: list[str] = field(default_factory=list)
    no_classification_marking: bool = False


_LEADING_IN = re.compile(r"^in\s+(?=[A-Z])")
#: a drafting remark in prose: "According to another copy of the memorandum, both it and the
#: enclosure were drafted by McKiernan on February 19."
_DRAFTED_IN_PROSE = re.compile(
    r"\b(?:was|were)\s+(?:drafted|prepared)\s+by\s+(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})"
)
_SPACES = re.compile(r"\s+")
_KEEP_PERIOD = re.compile(r"(?:\b(?:Jr|Sr|Inc|Bros|Co)|\b[A-Z])\.$")


def _clean_name(name: str) -> str:
    name = _RELATIVE.sub("", _NAME_BY.sub("", name.strip()))
    name = _OF_OFFICE.sub("", name)
    name = _DATE_SUFFIX.split(name)[0]
    name = _IN_DRAFT.sub("", name).strip().rstrip(",;").strip()
    if name.endswith(".") and not _KEEP_PERIOD.search(name):
        name = name[:-1].rstrip()
    return _LEADING_IN.sub("", name)


def _drafting(sentence: str, note: SourceNote) -> bool:
    """Read a drafting chain ("Drafted by A; cleared with B and C; and approved by D").

    The chain ends at a transmittal clause ("Prepared in INR and sent from Denney to Rusk"):
    the names stop there, and the sentence, which says more than the roles hold, is also kept
    in ``other_notes``. An office after "in" is named without its article ("Prepared in the
    Bureau of Intelligence and Research" -> "Bureau of Intelligence and Research").
    """
    if not _VERB_START.match(sentence):
        return False
    transmittal = _TRANSMITTAL.search(sentence)
    chain = sentence[: transmittal.start()] if transmittal else sentence
    concurred = _CONCURRED_AFTER.search(chain)
    if concurred:  # "Drafted by Winter; E, ITR, and RA concurred."
        for name in split_names(strip_connector(concurred["names"])):
            if (name := _clean_name(name)) and name not in note.cleared_by:
                note.cleared_by.append(name)
        chain = chain[: concurred.start()] + chain[concurred.end() :]
    matches = list(_VERB.finditer(chain))
    if not matches or matches[0].start() != 0:
        return False
    if transmittal:
        note.other_notes.append(sentence)
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(chain)
        names_text = strip_connector(chain[match.end() : end])
        names_text = _DATE_SUFFIX.split(names_text)[0]
        names = [
            n for n in (_clean_name(x) for x in split_names(names_text))
            if n and not n.startswith(("who ", "which ", "whose "))  # "..., who sent the report"
        ]  # fmt: skip
        if match.group("prep").lower() == "in":
            names = [_ARTICLE.sub("", n) for n in names]
        verb = _SPACES.sub(" ", match.group("verb").lower())
        for role in _ROLES[verb]:
            target: list[str] = getattr(note, role)
            target.extend(n for n in names if n not in target)
    return True


def _precedence(word: str) -> str | None:
    markings = parse_markings(word)
    return markings.precedence if markings else None


def _distribution(sentence: str, note: SourceNote) -> bool:
    """Read "Repeated to A, B, and C", "Also sent to X as telegram N", "Pouched to Y"."""
    if not _DISTRIBUTION_START.match(sentence):
        return False
    matches = list(_DISTRIBUTION.finditer(sentence))
    if not matches or matches[0].start() != 0:
        return False
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(sentence)
        items_text = strip_connector(sentence[match.end() : end].rstrip("."))
        verb = match.group("verb").lower()
        if verb == "sent" and match.group("precedence") and note.precedence is None:
            note.precedence = _precedence(match.group("precedence"))
        target = {"repeated": note.repeated_to, "pouched": note.pouched_to}.get(verb, note.sent_to)
        for item in split_names(items_text):
            item = item.rstrip(".").strip()
            reference = _AS_TELEGRAM.search(item)
            if reference:
                note.references.append(reference.group("ref").strip())
                item = item[: reference.start()].strip()
            if item and item not in target:
                target.append(item)
    return True


_PARENTHETICAL = re.compile(r"^\((?P<inner>.*)\)\.?$")


def _is_citation_remark(sentence: str) -> bool:
    """A sentence that is only a parenthesised citation: "(Ibid.)", "(National Archives, ...)",
    or a bare repository saying where the previous remark's source is ("(Johnson Library)")."""
    match = _PARENTHETICAL.match(sentence)
    if not match:
        return False
    inner = match.group("inner").strip()
    return bool(
        IBID.match(inner)
        or REPOSITORY_START.match(inner)
        or REPOSITORY_START.fullmatch(inner + ",")
    )


def _copy_citation(note: SourceNote, citation: Citation) -> None:
    copy_location(note, citation)
    note.ibid = citation.ibid


def parse_source_note(text: str, previous: SourceNote | Citation | None = None) -> SourceNote:
    """Parse one source note. "Ibid." is resolved against ``previous`` when it is given."""
    note = SourceNote(text=text)
    body = normalise(text)
    if body.startswith("[") and body.endswith("]") and _SOURCE_AT.match(body[1:]):
        body = body[1:-1].strip()
    leftover: list[str] = []
    label = _SOURCE_AT.search(body)
    if label:
        if body[: label.start()].strip():
            leftover.append(body[: label.start()].strip())
        body = body[label.end() :]
        while _SOURCE_AT.match(body):
            body = _SOURCE_AT.sub("", body, count=1)
    if not body:
        note.unparsed = " ".join(leftover) or None
        return note
    form = _FORM.match(body) if ":" in body and len(body) < 120 else None
    if form and (DECIMAL.search(form.group("code")) or "Papers" in form.group("code")):
        note.doc_type = _FORM_TYPE.get(normalise(form.group("form")).lower())
        code = form.group("code")
        if is_series(code):
            _copy_citation(note, parse_series_citation(code))
        else:
            _copy_citation(note, parse_citation(code, previous))
        note.unparsed = " ".join(leftover) or None
        return note
    sentences = split_sentences(body)
    first = sentences[0]
    if (
        (label or REPOSITORY_START.match(first) or IBID.match(first))
        and _STARTS_LIKE_CITATION.match(first)
        and parse_markings(first) is None
        and not _VERB.match(first)
        and not _REMARK.match(first)
    ):
        sentences = sentences[1:]
        tail = (
            _CLASSIFICATION_TAIL.match(first.rstrip("."))
            if _CLASSIFICATION_END.search(first)
            else None
        )
        if tail and parse_markings(tail.group("marking")) is not None:
            first = tail.group("citation")
            sentences.insert(0, tail.group("marking") + ".")
        end = citation_end(first)
        if end < len(first):  # "..., POL 1 US, attached to a memorandum ...": a remark follows
            sentences.insert(0, first[end:].lstrip(", "))
            first = first[:end]
        _copy_citation(note, parse_citation(first, previous))
    elif not label and is_series(first) and not _REMARK.match(first):
        _copy_citation(note, parse_series_citation(first))
        sentences = sentences[1:]
    elif not label and _FILE_NUMBER.match(first):
        code = _FILE_NUMBER.match(first).group("code")
        _copy_citation(note, parse_citation(code, previous))
        note.file_code = note.file_code or code
        note.repository = None if note.repository == code else note.repository
        sentences = sentences[1:]
    last_was_leftover = False
    for sentence in sentences:
        if _is_citation_remark(sentence):
            (leftover if last_was_leftover else note.other_notes).append(sentence)
            continue
        last_was_leftover = False
        markings = parse_markings(sentence)
        if markings is not None:
            note.classification = note.classification or markings.classification
            if markings.precedence and note.precedence is None:
                note.precedence = markings.precedence
            note.caveats.extend(c for c in markings.caveats if c not in note.caveats)
            note.unrecognised.extend(u for u in markings.unrecognised if u not in note.unrecognised)
            if markings.no_marking:
                note.no_classification_marking = True
                note.other_notes.append(sentence)
            leftover.extend(markings.leftover)
            continue
        sent_with = _SENT_WITH.match(sentence)
        if sent_with:
            note.precedence = note.precedence or _precedence(sent_with.group("p"))
            continue
        if _drafting(sentence, note) or _distribution(sentence, note):
            continue
        drafted = _DRAFTED_IN_PROSE.search(sentence)
        if drafted and not note.drafted_by:  # "... were drafted by McKiernan on February 19."
            note.drafted_by.append(_clean_name(drafted["name"]))
            note.other_notes.append(sentence)
            continue
        received = _RECEIVED.match(sentence)
        if received:
            when = received.group("when")
            if when.endswith(".") and not _TIME_END.search(when):
                when = when[:-1]
            note.received = note.received or when
            note.other_notes.append(sentence)
            continue
        if _REMARK.match(sentence[:1].upper() + sentence[1:]):  # a clause cut from the citation
            note.other_notes.append(sentence)
            continue
        leftover.append(sentence)
        last_was_leftover = True
    note.unparsed = " ".join(leftover) or None
    return note
