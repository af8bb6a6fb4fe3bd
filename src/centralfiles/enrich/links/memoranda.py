"""Memoranda, letters, notes and papers cited by sender, recipient, date or symbol: "memorandum
from Rostow to Rusk, May 9", "Memorandum to the Secretary of State, July 9", "memorandum of
Rusk's conversation with Gromyko (SecDel/MC/16) ... on October 6", "your letter of May 15",
"his February 3 memorandum", "On July 15, Rusk sent Clifford a brief reply", "DPC/D(68)30".

Each pattern is tried only where its type word (or "conversation", "meeting", " sent ") is.
"""

from __future__ import annotations

import re
from datetime import date

from centralfiles.enrich.links.common import (
    _DATE,
    _MONTH,
    _MONTH_ABBREVIATIONS,
    _finds,
    _iso,
    _word_start,
)
from centralfiles.model import Pointer

#: a name of up to three capitalised words; a period only after an initial ("J. F. Dulles"),
#: so that a name never runs into the next sentence ("from the Secretary. Cargo")
_WORD = r"(?:[A-Z]\.(?=\s+[A-Z])|[A-Z][\w'’-]*)"

_NAME = rf"{_WORD}(?:[^\S\n]+{_WORD}){{0,2}}"

#: a name with its title: "Secretary of State William Rogers", "President Richard Nixon"
_LONG_NAME = rf"{_WORD}(?:[^\S\n]+(?:of\s+(?:the\s+)?)?{_WORD}){{0,5}}"

_TYPE = (
    r"[Mm]emorand(?:um|a)|[Mm]emo|[Ll]etters?|[Pp]apers?|[Mm]essages?|[Nn]otes?|[Rr]eports?"
    r"|[Aa]ide-[Mm][ée]moires?|[Rr]eply|[Rr]esponse"
)

MEMORANDUM = re.compile(
    rf"\b(?P<type>{_TYPE})"
    rf"(?:\s+of\s+(?:conversation|transmittal))?(?:\s+dated\s+(?P<date0>{_DATE}),?)?"
    rf"(?:\s+for\s+(?:the\s+)?(?P<for>{_NAME})|\s+to\s+(?:you|him|her|me|us|them))?"
    rf"\s+from\s+(?:the\s+(?=(?:President|Secretary|Ambassador|Prime|Foreign|Chancellor|Under|Assistant|Deputy|Acting|General|Chairman|Director)\b))?(?P<sender>{_NAME})"
    rf"(?:\s+to\s+(?:the\s+)?(?P<recipient>{_NAME}(?:\s+of\s+(?:the\s+)?{_NAME})?))?"
    rf"(?:,\s*(?:also\s+)?(?:dated\s+)?(?P<date2>{_DATE}))?"
)

#: "Memorandum to the Secretary of State, July 9": no sender, so the date is required
MEMORANDUM_TO = re.compile(
    rf"\b(?P<type>{_TYPE})\s+to\s+(?:the\s+)?(?P<recipient>{_NAME}(?:\s+of\s+(?:the\s+)?{_NAME})?)"
    rf"(?:,\s*|\s+on\s+)(?:dated\s+)?(?P<date2>{_DATE})"
)

#: "memorandum of Rusk's conversation with Gromyko (SecDel/MC/16) at 7:30 p.m. on October 6",
#: "Memoranda of Birrenbach's conversation with Rusk on September 9 and with Katzenbach on ..."
CONVERSATION = re.compile(
    rf"\b(?P<type>[Mm]emorand(?:um|a)|[Rr]ecords?|[Nn]otes?|[Ss]ummar(?:y|ies))\s+of\s+(?:the\s+)?"
    rf"(?:(?P<party>{_NAME})(?:'s|’s|'|’)\s+|(?:this|that)\s+(?P<pair>{_WORD}[–-]{_WORD})\s+)?"
    rf"(?:(?P<date1>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}},?)?)\s+)?(?:conversations?|meeting)"
    rf"(?:,\s*(?P<date0>{_DATE})|\s+between\s+(?:the\s+)?(?P<first>{_NAME})\s+and\s+(?:the\s+)?"
    rf"(?P<second>{_NAME})|\s+with\s+(?:the\s+)?(?P<other>{_NAME}))?"
    r"(?:\s*\((?P<number>[^()]{1,30})\))?"
    r"(?:\s+at\s+\d{1,2}(?::\d\d)?\s*[ap]\.\s?m\.)?"
    rf"(?:,?\s+(?:on\s+)?(?P<date>{_DATE}))?"
)

#: the next conversation of the same list: "... and with Katzenbach on September 10"
CONVERSATION_MORE = re.compile(
    rf",?\s+and\s+(?P<span>with\s+(?:the\s+)?(?P<other>{_NAME})\s+on\s+(?P<date>{_DATE}))"
)

#: "your letter of May 15", "the Soviet note of December 18"
DATED = re.compile(
    r"\b(?P<type>[Ll]etter|[Mm]emorandum|[Nn]ote|[Mm]essage|[Aa]ide-[Mm][ée]moire|[Rr]eply"
    rf"|[Rr]esponse|[Rr]eport)\s+(?:of|dated)\s+(?P<date>{_DATE})"
)

#: the date printed before the type word, no sender: "his February 3 memorandum", "the
#: December 30 [1968] note", "the January 27 Intelligence Note from Hughes"
DATE_THEN_TYPE = re.compile(
    rf"(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}},?)?)(?:\s+\[\d{{4}}\])?\s+"
    r"(?:[A-Z][\w-]*\s+|(?!(?:and|or|the|a|an|to|in|of|for)\s)[a-z][\w-]*\s+)?$"
)

#: the records a possessive names ("report" is left out: "Pinay's report" at a meeting is
#: mostly spoken)
_OWNED_TYPES = frozenset({"memorandum", "letter", "message", "reply", "paper", "aide-mémoire",
                          "note"})  # fmt: skip

_DATED_TYPES = frozenset({"memorandum", "letter", "note", "message", "reply", "response",
                          "report", "paper", "aide-mémoire", "telegram"})  # fmt: skip

#: "Notes on the President's June 25 meeting with the Tuesday Luncheon Group"
MEETING_NOTES = re.compile(
    r"\b(?P<type>[Nn]otes|[Mm]inutes|[Rr]ecord|[Ss]ummary)\s+(?:on|of)\s+(?:the\s+|a\s+)?"
    rf"(?:(?P<party>{_NAME})(?:'s|’s)\s+)?(?:(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)\s+)?"
    r"(?:[A-Z][A-Za-z]+\s+){0,2}meeting"
    rf"(?:\s+(?:with|of)\s+(?:the\s+)?(?P<other>{_NAME}))?"
)

#: an editorial note's "On July 15, Rusk sent Clifford a brief reply", "Rogers also sent Nixon
#: a memorandum of talking points"
SENT = re.compile(
    rf"(?:\b[Oo]n\s+(?P<date>{_DATE}),\s+)?\b(?P<sender>{_LONG_NAME})"
    r"(?:\s+(?:also|then|later|again|subsequently))?\s+(?P<verb>sent|wrote)\s+"
    rf"(?P<recipient>{_LONG_NAME})\s+an?\s+(?:[a-z-]+\s+){{0,2}}"
    r"(?P<type>reply|letter|memorandum|note|message|response|report)\b"
)

#: "Kissinger forwarded Rogers' memorandum to Nixon"
FORWARDED = re.compile(
    rf"\b(?P<sender>{_NAME})\s+forwarded\s+(?P<author>{_NAME})(?:'s|’s|'|’)\s+"
    rf"(?P<type>memorandum|letter|note|message|report|reply)\s+to\s+(?P<recipient>{_LONG_NAME})"
)

#: a record named by its author and subject, no date: "his memorandum on policy
#: recommendations", "Rusk's letter on the MLF" (not "report": "Lodoen's report on the
#: infrastructure program" was given at the meeting)
#: the records named by their subject, and the words that introduce it
_SUBJECT_TYPES = r"memorandum|letter|paper|message|aide-mémoire"
_SUBJECT_WORDS = r"on|about|concerning|regarding"

ON_SUBJECT = re.compile(
    rf"\b(?:(?P<pronoun>[Hh]is|[Hh]er|[Tt]heir)|(?P<party>{_NAME})(?:'s|’s|'|’))\s+"
    rf"(?P<type>{_SUBJECT_TYPES})\s+(?:{_SUBJECT_WORDS})\s+(?:the\s+|a\s+|an\s+)?"
    r"[\w-]+(?:\s+(?!(?:and|but|which|that|to|for|in|at|when|while)\b)[\w-]+){0,3}"
)

_ON_SUBJECT_AFTER = re.compile(rf"(?:{_SUBJECT_TYPES})\s+(?:{_SUBJECT_WORDS})\s")

#: a record named by its author's possessive: "Gorbachev's letter", "the President's reply"
_POSSESSOR_BEFORE = re.compile(
    r"\b(?P<party>(?!(?:It|That|What|There|Here|Who|Let|One|Department|Embassy|Mission|Government|"
    r"Today|Yesterday|Tomorrow|Week|Year|Month)[’'])[A-Z][\w-]*)(?:'s|’s|s'|s’)\s+$"
)

#: "the following letter from the Secretary": the text that follows, not a record cited
_FOLLOWING = re.compile(r"\b(?:following|text of (?:the|a|his|her))\s+(?:[a-z-]+\s+)?$")

_TO_NAME = re.compile(rf"\s+to\s+(?:the\s+)?(?P<to>{_NAME})")

#: a record that is only what another one describes: "a memorandum describing a message from
#: Dobrynin that was conveyed to him" cites the memorandum, not the message
_DESCRIBED = re.compile(
    r"\b(?:describing|summari[sz]ing|recounting|reporting(?:\s+on)?)\s+(?:a|an|the)\s+$"
)

#: a NATO paper cited by its symbol: "DPC/D(68)30", "C-M(68)50", "MCM 68–68, 26 Aug 1968",
#: and a conference's numbered memoranda of conversation: "SecDel/MC/16", "US/MC/3"
PAPER = re.compile(
    r"\b(?P<number>(?:[A-Z]{1,4}-)?[A-Z]{1,4}(?:/[A-Z]{1,3})?\(\d\d\)\d{1,4}"
    r"|MCM[- ]\d{1,3}[–-]\d\d|(?:[A-Z][A-Za-z]{1,7}/)+MC/\d{1,3})(?![\w(])"
    r"(?:,\s*(?P<day>\d{1,2})\s+(?P<mon>[A-Z][a-z]{2})\s+(?P<year>\d{4}))?"
)

#: the date printed before the type word: "a July 11 memorandum from Clifford to Rusk"
_DATE_BEFORE = re.compile(
    rf"(?P<date1>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)\s+(?:[A-Z][\w-]*\s+)?$"
)

#: type words that are also verbs: "General Spivey reports from Brussels" cites nothing
_VERB_TYPES = frozenset({"report", "reports", "note", "notes", "message", "reply", "response"})

_SUBJECT_BEFORE = re.compile(
    r"(?:\b(?!(?:A|An|The|This|That|His|Her|Their|Our|Its|Your|My)\s)[A-Z][\w'’-]*"
    r"|\b(?:he|she|it|they|who|which))\s+$"
)

#: the type words, found with ``str.find`` less their first letter (so either case) and how
#: far back that letter is
_TYPE_NEEDLES = (("emorand", 1), ("emo ", 1), ("etter", 1), ("aper", 1), ("essage", 1), ("note", 0),
                 ("Note", 0), ("eport", 1), ("ide-", 1), ("eply", 1), ("espons", 1))  # fmt: skip

_TYPE_INITIALS = frozenset("MmLlPpNnRrAa")


def _paper_triggers(text: str) -> list[int]:
    """Where a paper symbol may be: "(68)30", "MCM 68–68", "/MC/16" (``str.find``, no regex
    scan)."""
    found = [i - 3 for i in _finds(text, ")") if i >= 3 and text[i - 3] == "("
             and text[i - 2 : i].isdigit() and text[i + 1 : i + 2].isdigit()]  # fmt: skip
    return found + _finds(text, "MCM") + _finds(text, "/MC/")


def _scan_memoranda(text: str, where: str, when: date | None, found: list[Pointer]) -> None:
    """Memoranda, letters, notes and papers cited by sender, recipient, date or symbol."""
    seen: set[tuple[int, int]] = set()

    def add(span: tuple[int, int], parts: dict[str, str | None]) -> None:
        if span in seen:
            return
        seen.add(span)
        found.append(Pointer("memorandum", text[span[0] : span[1]], where, span[0],
                             {k: v for k, v in parts.items() if v}))  # fmt: skip

    def iso(date: str | None) -> str | None:
        return _iso(date, when) if date else None

    starts = sorted(
        {i - back for needle, back in _TYPE_NEEDLES for i in _finds(text, needle) if i >= back}
    )
    for start in starts:
        if text[start] not in _TYPE_INITIALS or (start and text[start - 1].isalnum()):
            continue
        if (
            (match := MEMORANDUM.match(text, start))
            and not _possessive(match["sender"])
            and not (
                match["type"].endswith("s") and text.startswith("the ", match.start("sender") - 4)
            )
        ):  # not "reports from the Soviet press": a plural names no one record
            before = _DATE_BEFORE.search(text, max(0, start - 40), start)
            if _DESCRIBED.search(text, max(0, start - 30), start):
                continue  # "a memorandum describing a message from Dobrynin"
            if _FOLLOWING.search(text, max(0, start - 24), start):
                continue  # "convey ... the following letter from the Secretary": this text
            verb = match["type"][0].islower() and match["type"].lower() in _VERB_TYPES
            if verb and not before and _SUBJECT_BEFORE.search(text, max(0, start - 30), start):
                continue  # "General Spivey reports from Brussels"
            printed = (before["date1"] if before else None) or match["date0"] or match["date2"]
            first = before.start() if before else start
            add((first, match.end()), {"type": _type(match["type"]), "from": match["sender"],
                                       "to": match["recipient"], "date": iso(printed)})  # fmt: skip
        elif match := MEMORANDUM_TO.match(text, start):
            add(match.span(), {"type": _type(match["type"]), "to": match["recipient"],
                               "date": iso(match["date2"])})  # fmt: skip
        elif match := DATED.match(text, start):
            add(match.span(), {"type": _type(match["type"]), "date": iso(match["date"])})
        elif (
            (owner := _POSSESSOR_BEFORE.search(text, max(0, start - 30), start))
            and (word := _WORD_AT.match(text, start))
            and _type(word.group()) in _OWNED_TYPES
        ):  # "Gorbachev's letter", "Rusk's letter to Stikker"
            to = _TO_NAME.match(text, word.end())
            add((owner.start(), to.end() if to else word.end()),
                {"type": _type(word.group()), "from": owner["party"],
                 "to": to["to"] if to else None})  # fmt: skip
        elif _ON_SUBJECT_AFTER.match(text, start):  # "his memorandum on policy recommendations"
            match = ON_SUBJECT.search(text, max(0, start - 40), start + 120)
            if match and match.start() <= start < match.end():
                add(match.span(), {"type": _type(match["type"]), "from": match["party"]})
        elif before := DATE_THEN_TYPE.search(text, max(0, start - 40), start):
            word = _WORD_AT.match(text, start)
            if word and _type(word.group()) in _DATED_TYPES:  # "his February 3 memorandum"
                add((before.start(), word.end()), {"type": _type(word.group()),
                                                    "date": iso(before["date"])})  # fmt: skip
    meetings = _finds(text, "meeting")  # read by two patterns: found once
    for i in [*_finds(text, "onversation"), *meetings]:
        start = _type_before(text, i, _CONVERSATION_TYPES, (" of ",))
        match = CONVERSATION.match(text, start) if start >= 0 else None
        if (
            not match
            or match.start() > i
            or not any(
                match[group] for group in ("party", "pair", "date1", "date0", "first", "other")
            )
        ):
            continue  # a bare "memorandum of conversation" names no record
        kind = "memorandum of conversation"
        pair = re.split(r"[–-]", match["pair"], maxsplit=1) if match["pair"] else [None, None]
        party = match["party"] or match["first"] or pair[0]
        printed = match["date"] or match["date0"] or match["date1"]
        other = match["other"] or match["second"] or pair[1]
        add(match.span(), {"type": kind, "from": party, "to": other,
                           "number": match["number"], "date": iso(printed)})  # fmt: skip
        position = match.end()
        while more := CONVERSATION_MORE.match(text, position):
            add(more.span("span"), {"type": kind, "from": party, "to": more["other"],
                                    "date": iso(more["date"])})  # fmt: skip
            position = more.end()
    for i in meetings:
        start = _type_before(text, i, _NOTES_TYPES, (" of ", " on "))
        match = MEETING_NOTES.match(text, start) if start >= 0 else None
        if match and match.start() <= i < match.end():
            add(match.span(), {"type": match["type"].lower(), "from": match["party"],
                               "to": match["other"], "date": iso(match["date"])})  # fmt: skip
    for i in [*_finds(text, " sent "), *_finds(text, " wrote ")]:
        match = SENT.search(text, max(0, i - 80), i + 90)
        if match and match.start() <= i < match.end():
            add(match.span(), {"type": match["type"], "from": match["sender"],
                               "to": match["recipient"], "date": iso(match["date"])})  # fmt: skip
    for i in _finds(text, " forwarded "):
        match = FORWARDED.search(text, max(0, i - 40), i + 90)
        if match and match.start() <= i < match.end():
            add(match.span(), {"type": match["type"], "from": match["author"],
                               "to": match["recipient"]})  # fmt: skip
    for trigger in _paper_triggers(text):
        match = PAPER.search(text, max(0, trigger - 12), trigger + 28)
        if not match:
            continue
        printed = None
        if match["year"] and match["mon"] in _MONTH_ABBREVIATIONS:
            month_number = _MONTH_ABBREVIATIONS[match["mon"]]
            printed = f"{int(match['year']):04d}-{month_number:02d}-{int(match['day']):02d}"
        number = match["number"]
        kind = (
            "Military Committee memorandum" if number.startswith("MCM")
            else "memorandum of conversation" if "/MC/" in number else "paper"
        )  # fmt: skip
        add(match.span(), {"type": kind, "number": number, "date": printed})


_CONVERSATION_TYPES = frozenset({"memorandum", "memoranda", "record", "records", "note",
                                 "notes", "summary", "summaries"})  # fmt: skip

_NOTES_TYPES = frozenset({"notes", "minutes", "record", "summary"})


def _type_before(text: str, i: int, types: frozenset[str], joiners: tuple[str, ...]) -> int:
    """Where the type word of "<type> of ... conversation" starts, for the conversation at
    ``i``: the word before the last joiner within 70 characters; -1 when it is no type word."""
    low = max(0, i - 70)
    at = max(text.rfind(joiner, low, i) for joiner in joiners)
    if at < 0:
        return -1
    start = _word_start(text, at)
    return start if text[start:at].lower() in types else -1


_WORD_AT = re.compile(r"[A-Za-z][\w-]*(?:-[Mm][ée]moire)?")


def _possessive(name: str | None) -> bool:
    """ "note from Bonn’s 1650": a possessive is not a sender's name."""
    return bool(name) and name.endswith(("'s", "’s"))  # type: ignore[union-attr]


def _type(word: str) -> str:
    """The type word as a singular lower-case name: "Memoranda" → "memorandum"."""
    word = word.lower()
    if word == "memoranda":
        return "memorandum"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
