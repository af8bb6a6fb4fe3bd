"""Memoranda, letters, notes and papers cited by sender, recipient, date or symbol: "memorandum
from Rostow to Rusk, May 9", "Memorandum to the Secretary of State, July 9", "memorandum of
Rusk's conversation with Gromyko (SecDel/MC/16) ... on October 6", "your letter of May 15",
"his February 3 memorandum", "On July 15, Rusk sent Clifford a brief reply", "DPC/D(68)30".

Each pattern is tried only where its type word (or "conversation", "meeting", " sent ") is.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date

from centralfiles.enrich.cable.text import word_set
from centralfiles.enrich.links.common import (
    _ANY_DATE,
    _DATE,
    _MONTH,
    _MONTH_ABBREVIATIONS,
    ANY_DATES,
    MONTHS,
    _finds,
    _hits,
    _iso,
    _word_start,
    needle_index,
    numbered_list,
)
from centralfiles.enrich.links.records import NUMBERED_AFTER, phrase_start
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

#: the nationalities a government's notes and offices are named by ("British note", "the
#: American Minister in Quito")
_NATIONS = ("British", "U.S.", "U.K.", "American", "Soviet", "French", "German", "Italian",
            "Canadian", "Chinese", "Japanese", "Greek", "Turkish", "Russian", "Polish",
            "Netherlands", "Dutch", "Belgian", "Mexican", "Chilean", "Peruvian", "Ecuadoran",
            "Ecuadorean", "Brazilian", "Argentine", "Colombian", "Venezuelan", "Israeli",
            "Egyptian", "Iranian", "Indonesian")  # fmt: skip
_NATION = "|".join(re.escape(nation) for nation in _NATIONS)

#: a government's office named by its nationality after "the": "from the American Minister in
#: Quito", "from the British Government", "by the Peruvian Ambassador"
_NATIONAL_OFFICE = (
    rf"(?:{_NATION})\s+(?:Minister|Ambassador|Government|Embassy|Legation|Foreign|Chargé"
    r"|Delegation|Prime|Secretary|Consul)\b"
)

MEMORANDUM = re.compile(
    rf"\b(?P<type>{_TYPE})"
    rf"(?:\s+of\s+(?:conversation|transmittal))?(?:\s+dated\s+(?P<date0>{_DATE}),?)?"
    rf"(?:\s+for\s+(?:the\s+)?(?P<for>{_NAME})|\s+to\s+(?:you|him|her|me|us|them))?"
    rf"\s+(?P<joiner>from|by)\s+(?:the\s+(?=(?:President|Secretary|Ambassador|Prime|Foreign|Chancellor|Under|Assistant|Deputy|Acting|General|Chairman|Director)\b|{_NATIONAL_OFFICE}))?(?P<sender>{_NAME})"
    rf"(?:\s+to\s+(?:the\s+)?(?P<recipient>{_NAME}(?:\s+of\s+(?:the\s+)?{_NAME})?))?"
    rf"(?:,\s*(?:also\s+)?(?:dated\s+)?(?P<date2>{_DATE}))?"
)

#: "a memorandum that day to Secretary Dulles": the day named by the sentence stands for the date
SAME_DAY_TO = re.compile(
    rf"(?P<type>{_TYPE})\s+(?:that|the\s+same|the\s+next|the\s+following)\s+"
    rf"(?:day|morning|afternoon|evening)\s+to\s+(?:the\s+)?(?P<recipient>{_NAME})"
)

_PAPER_KINDS = frozenset({"position", "briefing", "background", "discussion", "working",
                          "issues", "options", "decision", "planning", "talking",
                          "guidance"})  # fmt: skip
_TITLED_KINDS = frozenset(kind.capitalize() for kind in _PAPER_KINDS)

#: a record named by its kind of paper: "position paper for October Meeting", "a background
#: paper on the MLF", "the briefing book prepared by ..."
KIND_OF_PAPER = re.compile(
    rf"\b(?P<type>(?:{'|'.join(sorted(_PAPER_KINDS))})"
    r"\s+(?:papers?|memorand(?:um|a)|books?|points))\s+"
    r"(?:(?:for|on|entitled|titled|dated|prepared\s+(?:by|for)|submitted\s+(?:by|to)|from|of"
    r"|to)\s+(?:the\s+)?[A-Z“\d][\w“”’'-]*(?:\s+[A-Z\d][\w”’'-]*){0,4}"
    # a subject in lower case: "a background paper on importance of Laos to Thai security"
    r"|on\s+(?:the\s+)?[a-z][\w-]*(?:\s+(?:of|to|for|and|in)\s+(?:the\s+)?[A-Z][\w’'-]*)?)"
)

#: the same kind of paper named as a title, in capitals, needs nothing after it: "see pp. 6–8
#: of Guidance Paper", "a Background Paper that the Executive Secretary forwarded" (not a
#: "Briefing Book" or "Talking Points": archives name their files so)
TITLED_PAPER = re.compile(rf"\b(?P<type>(?:{'|'.join(sorted(_TITLED_KINDS))})\s+Papers?)\b")

_PAPER_KIND_WORDS = tuple(_PAPER_KINDS)

_QUOTED_TYPES = ("memorandum", "paper", "study", "report", "letter", "message", "note")

#: "an undated memorandum to Ford": "undated" stands for the date; a "draft letter to Mr.
#: Kosygin" or a "suggested message to the Prime Minister" is a paper on the desk
_DRAFT_BEFORE = re.compile(r"(?<![\w’'])(?:undated|draft|suggested|proposed)\s+$")
UNDATED_TO = re.compile(
    rf"(?P<type>{_TYPE})\s+to\s+(?:the\s+)?"
    rf"(?P<recipient>(?:(?:Mr|Mrs|Dr)\.\s+)?{_NAME}(?:\s+of\s+(?:the\s+)?{_NAME})?)"
)

#: "Memorandum to the Secretary of State, July 9": no sender, so the date is required
MEMORANDUM_TO = re.compile(
    rf"\b(?P<type>{_TYPE})\s+to\s+(?:the\s+)?(?P<recipient>{_NAME}(?:\s+of\s+(?:the\s+)?{_NAME})?)"
    # telegraphese leaves the comma out: "his letter to Bevin March 8"
    rf"(?:,\s*|\s+on\s+|\s+(?={_MONTH}\s+\d))(?:dated\s+)?(?P<date2>{_DATE})"
)

#: "memorandum of Rusk's conversation with Gromyko (SecDel/MC/16) at 7:30 p.m. on October 6",
#: "Memoranda of Birrenbach's conversation with Rusk on September 9 and with Katzenbach on ..."
CONVERSATION = re.compile(
    rf"\b(?P<type>[Mm]emorand(?:um|a)|[Rr]ecords?|[Nn]otes?|[Ss]ummar(?:y|ies))\s+of\s+(?:the\s+)?"
    rf"(?:(?P<party>{_NAME})(?:'s|’s|'|’)\s+|(?:this|that)\s+(?P<pair>{_WORD}[–-]{_WORD})\s+)?"
    rf"(?:(?P<date1>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}},?)?)\s+)?"
    # "Notes of a telephone conversation, August 19"
    r"(?:an?\s+)?(?:(?:telephone|private|brief|long)\s+)?(?:conversations?|meeting)"
    # where it was held: "memorandum of the meeting at the White House between ..."
    r"(?:\s+(?:held\s+)?(?:at|in)\s+the\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}(?=\s+between))?"
    # when, before who: "memorandum of a conversation on February 28 between the Under ..."
    rf"(?:\s+on\s+(?P<date3>{_DATE})(?=\s+between))?"
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

#: "your letter of May 15", "the Soviet note of December 18", "the Western proposal of July 28,
#: 1959", "the Embassy's memoranda of May 4"; the nineteenth century's "your note of the 3d
#: instant", "your dispatch of the 29th ultimo", "the circular of the 16th ultimo"
DATED = re.compile(
    r"\b(?P<type>[Ll]etter|[Mm]emorand(?:um|a)|[Nn]ote|[Mm]essage|[Aa]ide-[Mm][ée]moire|[Rr]eply"
    r"|[Rr]esponse|[Rr]eport|[Dd][ei]spatch|[Cc]ommunications?|[Cc]ircular|[Pp]roposals?"
    r"|[Ii]nstruction)"
    rf"\s+(?:of|dated)\s+(?P<date>{_ANY_DATE})"
)

#: the next date of a plural's list, one record a date: "the Embassy's memoranda of May 4 and
#: July 3, 1925", "of May 4th and July 3rd last" (CONVENTIONS §3: each item of a list is its
#: own label, the first spanning the type word)
DATED_MORE = re.compile(rf"(?:st|nd|rd|th|d)?,?\s+and\s+(?P<date>{_ANY_DATE})")

#: the last year whose documents call a written message a "communication" as a matter of course
_LAST_YEAR_OF_COMMUNICATIONS = 1945

#: "letter of Foreign Minister Stikker to Foreign Minister Bevin": "of" names the sender when an
#: addressee follows
LETTER_OF = re.compile(
    r"\b(?P<type>[Ll]etter|[Mm]emorandum|[Nn]ote|[Mm]essage|[Aa]ide-[Mm][ée]moire)\s+of\s+"
    rf"(?:the\s+)?(?P<sender>{_LONG_NAME})\s+to\s+(?:the\s+)?(?P<recipient>{_LONG_NAME})"
)

#: the same in telegraphese, "of" left out: "letter March 8", "his letter March 8 to Bevin",
#: and a diplomatic note's "note on March 11" (not "a reply on September 9": the day it was
#: given, an event more than a record)
DATED_CABLESE = re.compile(
    r"\b(?P<type>[Ll]etter|[Mm]emorandum|[Nn]ote|[Mm]essage|[Aa]ide-[Mm][ée]moire|[Rr]eply)"
    rf"\s+(?:(?<=[Nn]ote\s)on\s+)?(?P<date>{_DATE})\b"
    rf"(?:\s+to\s+(?:the\s+)?(?P<recipient>{_NAME}))?"
)

#: a sender's surname used as an attribute, as telegrams write it: "Stikker letter March 8 to
#: Bevin", "the Fulbright letter", "Stikker–Bevin letter" (from the first to the second)
ATTRIBUTED = re.compile(
    r"(?P<first>[A-Z][a-z]{2,})(?:[–-](?P<second>[A-Z][a-z]{2,}))?\s+"
    r"(?P<type>letter|memorandum|note|message|reply)\b"
    rf"(?:\s+(?P<date>{_DATE})\b)?(?:\s+to\s+(?:the\s+)?(?P<recipient>{_NAME}))?"
    rf"(?:\s+(?P<date2>{_DATE})\b)?"
)

#: capitalised words before a type word that name no sender: determiners at a sentence's
#: start, offices and institutions, the calendar, nationalities ("Polish reply": a
#: government's answer, not one record; a nationality's note is read by ``_NATION_BEFORE``)
_NOT_SENDERS = word_set(
    """The This That These Those Your His Her Our Their My Its Any Each Every Another One No In
    On At For From With Since When If First Second Third Last Next Previous Following Same Such
    Department Embassy Government Cabinet Mission Legation Consulate Delegation Commission
    Council Committee Ministry Office Agency Bureau Secretariat President Presidential Secretary
    Ambassador Minister Chairman General State White House Security Union Flash Personal Private
    Secret Top Confidential Urgent Official Joint Allied Western Eastern Northern Southern East
    West North South Monday Tuesday Wednesday Thursday Friday Saturday Sunday Soviet Soviets
    Russian Chinese Japanese Polish British English French Dutch German Italian Spanish Greek
    Turkish Swiss Swedish Danish Norwegian Finnish Belgian Austrian Israeli Arab Egyptian Thai
    Indian Pakistani Iranian Iraqi Korean Vietnamese Cuban Mexican Canadian American Australian
    Indonesian Netherlands UN NATO US UK"""
)

#: a government's diplomatic note or memorandum named by its nationality: "British note", "the
#: Soviet notes given Rusk", "the last U.S. note" (every such mention of the labelled sets is
#: labelled, two firm, four doubtful; a "Soviet reply" or "French proposal" is as often a
#: position as a paper, and "Polish reply" a government's answer, so only these types)
_NATION_BEFORE = re.compile(rf"(?<![\w.’'-])(?P<nation>{_NATION})\s+$")
#: what stands just before a type word that a nationality names (its last letter, a space)
_NATION_ENDS = frozenset(f"{nation[-1]} " for nation in _NATIONS)
_DIPLOMATIC_TYPES = {"note": "note", "notes": "note", "memorandum": "memorandum",
                     "memoranda": "memorandum", "aide-mémoire": "aide-mémoire"}  # fmt: skip

#: an article, demonstrative or possessive just before a date that opens a record's name ("the
#: December 18, 1953, memorandum")
_DETERMINER_BEFORE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Yy]our|[Mm]y|[Oo]ur)\s+$"
)
#: the date printed before the type word, no sender: "his February 3 memorandum", "the
#: December 30 [1968] note", "the January 27 Intelligence Note from Hughes"
DATE_THEN_TYPE = re.compile(
    rf"(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}},?)?)(?:\s+\[\d{{4}}\])?\s+"
    r"(?:(?:[A-Z][\w–-]*\s+|(?!(?:and|or|the|a|an|to|in|of|for|on|at|by|with)\s)[a-z][\w-]*\s+)"
    r"(?:[A-Z][\w–-]*\s+)?)?$"
)

#: the records a possessive names ("report" is left out: "Pinay's report" at a meeting is
#: mostly spoken)
_OWNED_TYPES = frozenset({"memorandum", "letter", "message", "reply", "paper", "aide-mémoire",
                          "note", "communication"})  # fmt: skip
#: an office's possessive names its written notes and memoranda ("the Embassy's note"); its
#: "reply" or "message" is mostly a telegram
_OFFICES = frozenset({"Department", "Embassy", "Mission", "Government", "Legation"})
_OFFICE_TYPES = frozenset({"memorandum", "note", "aide-mémoire", "communication", "letter"})

#: the records named by their author with "by": "Memorandum by the Secretary of State", "Note
#: by the Secretary General" (a "report" or "response by NATO" is mostly spoken or done)
_AUTHORED_TYPES = frozenset({"memorandum", "memo", "paper", "note", "aide-mémoire"})

_DATED_TYPES = frozenset({"memorandum", "letter", "note", "message", "reply", "response",
                          "report", "paper", "aide-mémoire", "telegram", "proposal",
                          "proposals"})  # fmt: skip

#: "Notes on the President's June 25 meeting with the Tuesday Luncheon Group"
MEETING_NOTES = re.compile(
    r"\b(?P<type>[Nn]otes|[Mm]inutes|[Rr]ecord|[Ss]ummary)\s+(?:on|of)\s+(?P<article>the\s+|a\s+)?"
    rf"(?:(?P<party>{_NAME})(?:'s|’s)\s+)?(?:(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)\s+)?"
    r"(?P<named>(?:[A-Z][A-Za-z]+\s+){0,2})"
    r"(?:(?P<first>[a-z]+partite|[a-z]+lateral)\s+and\s+(?P<second>[a-z]+partite|[a-z]+lateral)\s+"
    r"(?=meetings)|(?P<kind>[a-z]+partite|[a-z]+lateral)\s+)?meetings?"
    rf"(?:\s+(?:with|of)\s+(?:the\s+)?(?P<other>{_NAME}))?"
)

#: an editorial note's "On July 15, Rusk sent Clifford a brief reply", "Rogers also sent Nixon
#: a memorandum of talking points"
SENT = re.compile(
    rf"(?:\b[Oo]n\s+(?P<date>{_DATE}),\s+)?\b(?P<sender>{_LONG_NAME})"
    r"(?:\s+(?:also|then|later|again|subsequently))?\s+(?P<verb>sent|wrote)\s+"
    rf"(?P<recipient>{_LONG_NAME})\s+(?:an?|the)\s+(?:[a-z-]+\s+){{0,2}}"
    r"(?P<type>reply|letter|memorandum|note|message|response|report|briefing\s+(?:book|paper)"
    r"|paper|study)\b"
)

#: a record named by its quoted title: "a 25-page “Overview of Foreign Policy Issues and
#: Priorities” memorandum", "a larger State Department “game plan” paper"
QUOTED_TITLE = re.compile(
    r"(?:\b\d+-page\s+|(?<=\s)(?:[A-Z][\w-]*\s+){1,3})?“(?P<title>[^“”]{3,120})”\s+"
    r"(?P<type>memorandum|paper|study|report|letter|message|note)\b"
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
    r"\b(?P<party>(?!(?:It|That|What|There|Here|Who|Let|One|"
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

#: a national security paper cited by its series and number: "NSAM No. 3, February 3", "NSC
#: 5412/2", "NIE 11-4-60", "NSDM 75", "JCS 1620/334" (a JCS paper; "JCS 3023" alone is a JCS
#: telegram), "WSEG Report No. 50", "National Security Action Memorandum (NSAM) No. 3"
NUMBERED_PAPER = re.compile(
    r"\b(?P<series>NSAM|NSDM|NSSM|NSDD|NSSD|NSC|S?NIE|PRM|PD|JCSM|JCS|WSEG(?:\s+Report)?"
    r"|National\s+Security\s+(?:Action|Decision|Study)\s+(?:Memorandum|Directive)"
    r"(?:\s+\((?:NSAM|NSDM|NSSM|NSDD)\))?)"
    r"(?:\s+Nos?\.\s*|\s+|-)(?P<number>\d{1,5}(?:[/–-]\d{1,4}){0,2}(?:[–-][a-z])?)\b(?![.,]\d)"
    rf"(?:,\s*(?P<date>{_DATE}))?"
)

#: the next paper of the same list: "NSAM Nos. 2, February 3, and 4, February 4"
NUMBERED_MORE = re.compile(rf",?\s+and\s+(?P<span>(?P<number>\d{{1,5}})(?:,\s*(?P<date>{_DATE}))?)")

_SERIES_TYPES = {"NSAM": "national security action memorandum", "NSDM": "national security "
                 "decision memorandum", "NSSM": "national security study memorandum", "NSDD":
                 "national security decision directive", "NSSD": "national security study "
                 "directive", "NSC": "NSC paper", "NIE": "national intelligence estimate",
                 "SNIE": "special national intelligence estimate", "PRM": "presidential review "
                 "memorandum", "PD": "presidential directive", "JCSM": "JCS memorandum",
                 "JCS": "JCS paper", "WSEG": "report"}  # fmt: skip

_SERIES_NEEDLES = ("NS", "NIE", "PRM", "PD", "JCS", "WSEG", "National Security")

_SERIES_INDEXES = frozenset(needle_index(needle) for needle in _SERIES_NEEDLES)


#: a post's numbered report or the Department's numbered instruction, the record of the
#: series before telegrams took over: "your despatch No. 527 of March 13, 1937", "Your
#: despatches 714 and 723 of September 17 and October 1, 1937", "instruction No. 78"
DESPATCH = re.compile(
    r"(?:\b(?P<owner>[Yy]our|[Mm]y|[Oo]ur|Embassy['’]s|Legation['’]s|Department['’]s)\s+)?"
    r"\b(?:(?P<type>[Dd][ei]spatch(?:es)?|[Ii]nstructions?)\s+(?:[Nn]os?\.\s*|number\s+)?"
    # a diplomatic note or memorandum is one by its number only ("note No. 151"; "note 5" is
    # mostly a footnote)
    r"|(?P<numbered>[Nn]otes?|[Mm]emorand(?:um|a))\s+(?:[Nn]os?\.\s*))"
    r"(?P<number>\d{1,5})(?P<more>(?:\s*(?:,|and)\s*\d{1,5}(?![\d/]|\.\d))*)\b"
    # "of March 13, 1937", "of the 3d instant", and a date after a comma: "No. 650, September 29"
    rf"(?:(?:,?\s+(?:of|dated)\s+|,\s+(?={_MONTH}))"
    rf"(?P<dates>{_ANY_DATE}(?:\s*(?:,|and)\s*{_ANY_DATE})*))?"
)
_NUMBERED_AFTER = re.compile(r"[Mm]emorand(?:um|a)\s+[Nn]os?\.\s*\d")


def _despatches(text: str, when: date | None) -> list[tuple[tuple[int, int], dict]]:
    """Numbered despatches and instructions: one record a number, each dated when the dates
    printed after the list are as many (or the one date is the last one's)."""
    records: list[tuple[tuple[int, int], dict]] = []
    for needle, back in (("espatch", 1), ("ispatch", 1), ("nstruction", 1), ("note", 0),
                         ("Note", 0), ("emorand", 1)):  # fmt: skip
        for i in _finds(text, needle):
            i += 1 - back  # where the word's second letter is
            if i < 1 or text[i - 1] not in "DdIiNnMm" or (i > 1 and text[i - 2].isalnum()):
                continue
            if back == 0 and not text.startswith((" No", " no"), i + 3):  # "note No. 151"
                continue
            if needle == "emorand" and not _NUMBERED_AFTER.match(text, i - 1):
                continue
            if text.endswith("elegraphic ", 0, i - 1):  # a telegram ("telegraphic Instruction")
                continue
            start = text.rfind(" ", 0, max(0, i - 2)) + 1  # the owner word, if any
            match = DESPATCH.match(text, start) or DESPATCH.match(text, i - 1)
            if not match or match.start("type" if match["type"] else "numbered") != i - 1:
                continue
            kind = _type(match["numbered"]) if match["numbered"] else (
                "instruction" if match["type"][0] in "Ii" else "despatch"
            )  # fmt: skip
            numbers = numbered_list(match)
            dates = [m.group() for m in ANY_DATES.finditer(match["dates"] or "")]
            if len(dates) != len(numbers):
                dates = [None] * (len(numbers) - 1) + [dates[-1] if dates else None]
            for (first, last, number), printed in zip(numbers, dates, strict=True):
                dated = _iso(printed, when) if printed else None
                records.append(((first, last), {"type": kind, "number": number, "date": dated}))
    return records


def _numbered_papers(text: str, when: date | None) -> list[tuple[tuple[int, int], dict]]:
    """National security papers by series and number, with the date printed after them."""
    papers: list[tuple[tuple[int, int], dict]] = []
    hits = _hits(text)
    starts = sorted({i for index in _SERIES_INDEXES if index in hits for i in hits[index]})
    for i in starts:
        if i and text[i - 1].isalnum():
            continue
        match = NUMBERED_PAPER.match(text, i)
        if not match:
            continue
        series = match["series"]
        if series.startswith("WSEG"):  # "WSEG Report No. 50"
            series = "WSEG"
        elif series.startswith("National"):  # "National Security Action Memorandum" -> NSAM
            series = "NS" + "".join(word[0] for word in series.split()[2:4]).upper()
        number = match["number"]
        if series == "JCS" and "/" not in number:
            continue  # "JCS 3023": a telegram of the Joint Chiefs (a channel pointer)
        if series in ("NSC", "PD") and len(number) < 2 and "/" not in number:
            continue  # "NSC 5" and "PD 1" are more often paragraph marks than papers
        papers.append((match.span(), _paper(series, number, match["date"], when)))
        position = match.end()
        while more := NUMBERED_MORE.match(text, position):  # "..., and 4, February 4"
            papers.append((more.span("span"), _paper(series, more["number"], more["date"], when)))
            position = more.end()
    return papers


def _paper(series: str, number: str, printed: str | None, when: date | None) -> dict:
    """The parts of a numbered paper: its type by series, "NSAM 3", the date printed after."""
    return {"type": _SERIES_TYPES.get(series, "memorandum"), "number": f"{series} {number}",
            "date": _iso(printed, when) if printed else None}  # fmt: skip


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

#: "the paper Rick Burt gave you", "the letter Dobrynin handed me": the giver named after it
GIVEN = re.compile(
    r"(?<=\bthe\s)(?P<type>paper|memorandum|letter|note|message|report|aide-mémoire)\s+"
    rf"(?P<sender>{_NAME})\s+(?:gave|sent|handed|showed|passed|left\s+with)\s+"
    r"(?P<recipient>you|me|him|her|us|them)\b"
)

#: a record a footnote locates or identifies: "A copy of Wilson’s statement is in ...", "A
#: copy of the 19-page Report by the Secretary General ..., dated December 6, is ibid.",
#: "Reference is to the Communiqué of the Sixth Session ..., June 20, 1949, printed in ..."
LOCATED = re.compile(
    r"\b(?:[Aa]\s+cop(?:y|ies)|[Cc]opies|[Tt]he\s+texts?|[Aa]\s+text)\s+of\s+"
    r"(?P<what>[^.;()]{3,160}?)(?:,\s+dated\s+[^,;()]{3,30})?,?\s+(?:is|are|was|were)\s+"
    r"(?:in|ibid|printed|attached|filed)\b"
    r"|\bReference is (?:presumably |probably |apparently |evidently )?to\s+"
    r"(?P<cited>[^;()]{3,160}?)(?=,\s+(?:printed|dated|which|a copy|not printed|in which|the "
    r"text|transmitted)\b|\.\s|\.$|\s+\()"
)

#: the head words of what ``LOCATED`` may name: records, not meetings, speeches or books
_LOCATED_TYPE = re.compile(
    r"\b(?P<type>[Mm]emorand(?:um|a)|[Ll]etters?|[Pp]apers?|[Rr]eports?|[Mm]essages?|[Nn]otes?"
    r"|[Ss]tatements?|[Cc]ommuniqu[ée]s?|[Mm]inutes|[Rr]ecords?|[Ss]tud(?:y|ies)"
    r"|[Aa]ide-[Mm][ée]moires?|[Dd]rafts?|[Pp]roposals?|[Dd]eclarations?)\b"
)

#: what names one record rather than pointing back at one: a name, a possessive, a number
_SPECIFIC = re.compile(r"\S\s+[A-Z]|['’]s?\s|\d")

#: what points back at records already named ("these NSC papers", "the same letter")
_ANAPHORIC = re.compile(r"(?:these|those|this|that|such|both|all|the\s+same)\s", re.IGNORECASE)

#: a published text: left to the bibliography, not a pointer
_PUBLISHED = re.compile(
    r"\s*,?\s*(?:is\s+|are\s+)?printed\s+in\s+(?:the\s+)?(?:Department of State\s+)?"
    r"(?:Bulletin|Public Papers|New York Times|American Foreign Policy|Documents on)"
)

#: a location that is itself a pointer: a printed document or a telegram
_IN_PRINTED = re.compile(r"\s+(?:Foreign Relations|Documents?\s+\d|[Tt]elegrams?\s|[Aa]irgrams?\s)")

_LEADING_ARTICLE = re.compile(r"(?:the|a|an)\s+", re.IGNORECASE)

_POSSESSOR = re.compile(rf"^(?P<party>{_NAME})(?:'s|’s|'|’)\s")

_BY_OR_FROM = re.compile(rf"\b(?:by|from)\s+(?:the\s+)?(?P<party>{_NAME})")


#: "A summary of ...", "A copy of the ...": a record a footnote is about to locate
_COPY_OF = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?:cop(?:y|ies)|texts?|summar(?:y|ies)|records?)\s+of\s"
)

_IS_IN = re.compile(r"\s(?:is|are)\s+in\s")


def _held_by_pointer(text: str, pointer: Pointer, others: list[Pointer]) -> bool:
    """Whether ``pointer`` is a record the note says another pointer holds: "A summary of
    Dulles’ conversation with Adenauer on May 10 ... is in Dulte 20" cites Dulte 20."""
    if pointer.kind != "memorandum":
        return False
    lead = text[max(0, pointer.start - 16) : pointer.start] + pointer.text[:14]
    if not _COPY_OF.search(lead):
        return False
    end = pointer.start + len(pointer.text)
    rest = text[end : end + 240]
    rest = rest[: rest.find(". ")] if ". " in rest else rest
    verb = _IS_IN.search(rest)
    if not verb:
        return False
    at = end + verb.end()
    return bool(_IN_PRINTED.match(text, at - 1)) or any(
        other.kind not in ("memorandum", "archival") and at - 1 <= other.start < at + 24
        for other in others
    )


def _located_records(
    text: str, where: str, when: date | None, found: list[Pointer]
) -> list[Pointer]:
    """The records a footnote locates or identifies by a phrase of its own ("A copy of X is
    in", "Reference is to X"), where no other pointer already holds the words."""
    records = []
    for i in [*_finds(text, "opy of"), *_finds(text, "opies of"), *_finds(text, "ext of"),
              *_finds(text, "eference is")]:  # fmt: skip
        match = LOCATED.search(text, max(0, i - 3), i + 260)
        if not match or not match.start() <= i < match.end():
            continue
        group = "what" if match["what"] else "cited"
        start, end = match.span(group)
        article = _LEADING_ARTICLE.match(text, start, end)
        if article:
            start = article.end()
        what = text[start:end]
        head = _LOCATED_TYPE.search(what)
        if (
            not head
            or not _SPECIFIC.search(what)
            or _ANAPHORIC.match(what)
            or _PUBLISHED.match(text, end)
        ):
            continue
        if any(p.where == where and p.start < end and start < p.start + len(p.text) for p in found):
            continue  # a telegram, a document or a memorandum already read there
        after = match.end()
        if group == "what" and (
            _IN_PRINTED.match(text, after)
            or any(p.where == where and after <= p.start < after + 24 for p in found)
        ):  # "A text of X is in Foreign Relations, ..., Document 374": the document is the
            continue  # pointer ("Reference is to X, printed in ..." names X and its place)
        owner = _POSSESSOR.match(what) or _BY_OR_FROM.search(what, head.end())
        dated = re.search(_DATE, what)
        parts = {"type": _type(head["type"]), "from": owner["party"] if owner else None,
                 "date": _iso(dated.group(), when) if dated else None}  # fmt: skip
        records.append(Pointer("memorandum", what, where, start,
                               {k: v for k, v in parts.items() if v}))  # fmt: skip
    return records


#: the type words, found with ``str.find`` less their first letter (so either case) and how
#: far back that letter is
_TYPE_NEEDLES = (("emorand", 1), ("emo ", 1), ("etter", 1), ("aper", 1), ("essage", 1), ("note", 0),
                 ("Note", 0), ("eport", 1), ("ide-", 1), ("eply", 1), ("espons", 1),
                 ("roposal", 1), ("espatch", 1), ("ispatch", 1), ("ommunication", 1),
                 ("ircular", 1), ("nstruction", 1))  # fmt: skip

_TYPE_INITIALS = frozenset("MmLlPpNnRrAaDdCcIi")  # "proposal" starts with a "p" too

_TYPE_INDEXES = tuple((needle_index(needle), back) for needle, back in _TYPE_NEEDLES)

#: every needle ``_scan_memoranda`` starts from: a text with none of them is not read
_MEMORANDA_NEEDLES = frozenset(
    needle_index(needle)
    for needle in (*(needle for needle, _ in _TYPE_NEEDLES), "meeting", "onversation", " sent ",
                   " wrote ", " forwarded ", ")", "MCM", "/MC/", " paper", " book", " memorand",
                   " points", "” ", *_SERIES_NEEDLES, "opy of", "opies of", "ext of",
                   "eference is", "espatch", "nstruction")
)  # fmt: skip


def _paper_triggers(text: str) -> list[int]:
    """Where a paper symbol may be: "(68)30", "MCM 68–68", "/MC/16" (``str.find``, no regex
    scan)."""
    found = [i - 3 for i in _finds(text, ")") if i >= 3 and text[i - 3] == "("
             and text[i - 2 : i].isdigit() and text[i + 1 : i + 2].isdigit()]  # fmt: skip
    return found + _finds(text, "MCM") + _finds(text, "/MC/")


#: the type word's run and the word after it
_NEXT_WORD = re.compile(r"[\w-]+\s+(\w+)")

#: the words ``MEMORANDUM`` may have after its type word
_MEMORANDUM_FOLLOWING = frozenset({"of", "dated", "for", "to", "from", "by"})

_SUBJECT_FOLLOWING = frozenset(_SUBJECT_WORDS.split("|"))

_DIGIT = re.compile(r"\d")


#: the months as ``_NEXT_WORD`` reads them ("March", "Nov")
_MONTH_WORDS = frozenset({*MONTHS, *_MONTH_ABBREVIATIONS, "Sept"})


def _attributed(text: str, start: int) -> re.Match[str] | None:
    """ "Stikker letter": the capitalised word (or pair) just before the type word at
    ``start``, after a word in lower case (not a sentence's first word, not part of a longer
    name such as "Foreign Minister Stikker"), when it can be a sender's surname."""
    first = _word_start(text, start - 1)
    if not text[first].isupper():  # "the letter", "a letter": most type words
        return None
    if first and text[first - 1] in "–-":  # "Stikker–Bevin letter"
        first = _word_start(text, first - 1)
    if first < 2 or text[first - 1] != " " or not text[first - 2].islower():
        return None
    match = ATTRIBUTED.match(text, first)
    if not match or match.start("type") != start:
        return None
    if match["first"] in _NOT_SENDERS or (match["second"] or "") in _NOT_SENDERS:
        return None
    return match


def _after_possessive(text: str, start: int) -> bool:
    """Whether spaces and a possessive ("'s", "’s", "s'", "s’") come before ``start``, as
    ``_POSSESSOR_BEFORE`` needs."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end < start and end > 0 and text[end - 1] in "s'’"


def _scan_memoranda(text: str, where: str, when: date | None, found: list[Pointer]) -> None:
    """Memoranda, letters, notes and papers cited by sender, recipient, date or symbol."""
    hits = _hits(text)
    if _MEMORANDA_NEEDLES.isdisjoint(hits):
        return
    before_these = len(found)
    seen: set[tuple[int, int]] = set()

    def add(span: tuple[int, int], parts: dict[str, str | None]) -> None:
        if span in seen:
            return
        seen.add(span)
        found.append(Pointer("memorandum", text[span[0] : span[1]], where, span[0],
                             {k: v for k, v in parts.items() if v}))  # fmt: skip

    def iso(date: str | None) -> str | None:
        return _iso(date, when) if date else None

    at: set[int] = set()
    for index, back in _TYPE_INDEXES:
        offsets = hits.get(index)
        if offsets:
            at.update(offsets if not back else [i - back for i in offsets if i >= back])
    starts = sorted(at)
    for start in starts:
        if text[start] not in _TYPE_INITIALS or (start and text[start - 1].isalnum()):
            continue
        # each pattern below needs the word after the type word it starts with (or a
        # possessive or a digit before it): one look at it spares the patterns that cannot match
        after = _NEXT_WORD.match(text, start)
        following = after[1] if after else ""
        if (
            following in _MEMORANDUM_FOLLOWING
            and (match := MEMORANDUM.match(text, start))
            and not _possessive(match["sender"])
            and not (
                match["type"].endswith("s") and text.startswith("the ", match.start("sender") - 4)
            )
            and not (match["joiner"] == "by" and _type(match["type"]) not in _AUTHORED_TYPES)
        ):  # not "reports from the Soviet press": a plural names no one record; a "Report
            # by the Secretary General" is mostly an agenda item or an oral report
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
        elif following == "to" and (match := MEMORANDUM_TO.match(text, start)):
            add(match.span(), {"type": _type(match["type"]), "to": match["recipient"],
                               "date": iso(match["date2"])})  # fmt: skip
        elif (
            following in ("of", "dated")
            and (match := DATED.match(text, start))
            # "communication" names a written paper in the correspondence of the older series
            # ("your communication of yesterday", "the Foreign Office communication of
            # December 29, 1921"); a later "my communication of December 18" is as often said
            and not (
                match["type"][1:4] == "omm"
                and match["date"][:1].isupper()
                and (when is None or when.year > _LAST_YEAR_OF_COMMUNICATIONS)
            )
        ):
            # with its modifiers: "your note of the 3d", "the Western proposal of July 28"
            modified = phrase_start(text, start, max(0, start - 60), in_note=where != "body")
            add((modified[0] if modified else start, match.end()),
                {"type": _type(match["type"]), "date": iso(match["date"])})  # fmt: skip
            if match["type"].endswith(("a", "s")):  # "memoranda of May 4 and July 3, 1925"
                position = match.end()
                while more := DATED_MORE.match(text, position):
                    add(more.span("date"), {"type": _type(match["type"]),
                                            "date": iso(more["date"])})  # fmt: skip
                    position = more.end()
        elif (
            following == "of"
            and (match := LETTER_OF.match(text, start))
            and not _possessive(match["sender"])
        ):
            add(match.span(), {"type": _type(match["type"]), "from": match["sender"],
                               "to": match["recipient"]})  # fmt: skip
        elif following[:1].isupper() and (match := GIVEN.match(text, start)):  # "the paper
            # Rick Burt gave you"
            add(match.span(), {"type": _type(match["type"]), "from": match["sender"],
                               "to": match["recipient"]})  # fmt: skip
        elif (
            _after_possessive(text, start)
            and (owner := _POSSESSOR_BEFORE.search(text, max(0, start - 30), start))
            and (word := _WORD_AT.match(text, start))
            and _type(word.group()) in _OWNED_TYPES
            and (owner["party"] not in _OFFICES or _type(word.group()) in _OFFICE_TYPES)
            and not NUMBERED_AFTER.match(
                text, word.end()
            )  # "the Embassy's note No. 151": a despatch
        ):  # "Gorbachev's letter", "Rusk's letter to Stikker", "the Embassy's note"
            to = _TO_NAME.match(text, word.end())
            add((owner.start(), to.end() if to else word.end()),
                {"type": _type(word.group()), "from": owner["party"],
                 "to": to["to"] if to else None})  # fmt: skip
        elif (
            text[start - 2 : start] in _NATION_ENDS
            and (nation := _NATION_BEFORE.search(text, max(0, start - 16), start))
            and (word := _WORD_AT.match(text, start))
            and (kind := _DIPLOMATIC_TYPES.get(word.group().lower()))
        ):  # "the assurances in British note", "the last U.S. note": a government's note
            add((nation.start(), word.end()), {"type": kind, "from": nation["nation"]})
        elif (
            start >= 5
            and text[start - 1] == " "
            and text[start - 2].islower()
            and (match := _attributed(text, start))
        ):  # "Stikker letter March 8 to Bevin"
            add(match.span(), {"type": match["type"], "from": match["first"],
                               "to": match["second"] or match["recipient"],
                               "date": iso(match["date"] or match["date2"])})  # fmt: skip
        elif (
            following in _SUBJECT_FOLLOWING
            and _ON_SUBJECT_AFTER.match(text, start)
            and (match := ON_SUBJECT.search(text, max(0, start - 40), start + 120))
            and match.start() <= start < match.end()
        ):  # "his memorandum on policy recommendations"
            add(match.span(), {"type": _type(match["type"]), "from": match["party"]})
        elif _DIGIT.search(text, max(0, start - 40), start) and (
            before := DATE_THEN_TYPE.search(text, max(0, start - 40), start)
        ):
            word = _WORD_AT.match(text, start)
            if word and _type(word.group()) in _DATED_TYPES:  # "his February 3 memorandum"
                owner = _POSSESSOR_BEFORE.search(text, max(0, before.start() - 30), before.start())
                if (
                    owner is None
                    and before["date"].endswith(",")
                    and not _DETERMINER_BEFORE.search(text, max(0, before.start() - 6),
                                                      before.start())
                ):  # fmt: skip
                    continue  # "Beginning on April 24, 1941, reports were received": the
                    # date is the sentence's, not the record's
                first = owner.start() if owner else before.start()  # "Brzezinski’s September
                add((first, word.end()), {"type": _type(word.group()),  # 27, 1976, memorandum"
                                          "from": owner["party"] if owner else None,
                                          "date": iso(before["date"])})  # fmt: skip
        elif (
            (draft := _DRAFT_BEFORE.search(text, max(0, start - 12), start))
            and (match := UNDATED_TO.match(text, start))
            and not match["recipient"].endswith(("’s", "'s"))  # "reply to the Department’s"
            and match["recipient"] not in _NOT_SENDERS  # "response to Polish proposals"
        ):  # "an undated memorandum to Ford", "a draft letter to Mr. Kosygin": written, undated
            modified = phrase_start(
                text, draft.start(), max(0, draft.start() - 40), in_note=where != "body"
            )  # "the first draft letter"
            add((modified[0] if modified else draft.start(), match.end()),
                {"type": _type(match["type"]), "to": match["recipient"]})  # fmt: skip
        elif following in ("that", "the") and (
            match := SAME_DAY_TO.match(text, start)
        ):  # "memorandum that day to Dulles"
            add(match.span(), {"type": _type(match["type"]), "to": match["recipient"]})
        elif (following in _MONTH_WORDS or following == "on") and (
            match := DATED_CABLESE.match(text, start)
        ):  # "letter March 8", "note on March 11"
            add(match.span(), {"type": _type(match["type"]), "to": match["recipient"],
                               "date": iso(match["date"])})  # fmt: skip
    # "<type> of ... conversation", "<type> of ... meeting": a type word must stand in the 80
    # characters before the word (most meetings a text mentions have none)
    records_at = sorted(i for index in _RECORD_INDEXES for i in hits.get(index, ()))
    meetings = [i for i in _finds(text, "meeting") if _record_before(records_at, i)]
    for i in [*_finds(text, "onversation"), *meetings]:
        if not _record_before(records_at, i):
            continue
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
        if text.startswith(("No ", "no "), match.start() - 3):
            continue  # "No memorandum of the private conversation ... has been found"
        kind = "memorandum of conversation"
        pair = re.split(r"[–-]", match["pair"], maxsplit=1) if match["pair"] else [None, None]
        party = match["party"] or match["first"] or pair[0]
        printed = match["date"] or match["date0"] or match["date1"] or match["date3"]
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
        if match and match["second"]:  # "minutes of the tripartite and quadripartite meetings"
            for first, last in ((match.start(), match.end("first")),
                                (match.start("second"), match.end())):  # fmt: skip
                add((first, last), {"type": match["type"].lower(), "date": None})
            continue
        if match and not (match["article"] or match["party"] or match["date"] or match["named"]
                          or match["kind"] or match["other"]):  # fmt: skip
            continue  # "be incorporated in minutes of meeting": no one meeting named
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
    for needle in (" paper", " book", " memorand", " points"):
        for i in _finds(text, needle):
            if not text.endswith(_PAPER_KIND_WORDS, max(0, i - 11), i) or (
                text[_word_start(text, i) : i] not in _PAPER_KINDS
            ):
                continue  # only "position paper", "briefing book", ...: read no further
            match = KIND_OF_PAPER.search(text, max(0, i - 12), i + 120)
            if match and match.start() <= i < match.end("type"):
                add(match.span(), {"type": match["type"].lower(), "number": None, "date": None})
    for i in _finds(text, "aper"):  # "Guidance Paper": the "aper" of " Paper"
        if text[i - 2 : i] != " P":
            continue
        start = _word_start(text, i - 2)
        if text[start : i - 2] in _TITLED_KINDS and (match := TITLED_PAPER.match(text, start)):
            add(match.span(), {"type": match["type"].lower(), "number": None, "date": None})
    for i in _finds(text, "” "):
        if not text.startswith(_QUOTED_TYPES, i + 2):
            continue  # a quotation, not a title before its record's type word
        match = QUOTED_TITLE.search(text, max(0, text.rfind("“", 0, i) - 40), i + 14)
        if match and match.end("title") == i:
            add(match.span(), {"type": match["type"], "number": None, "date": None})
    for span, parts in [*_numbered_papers(text, when), *_despatches(text, when)]:
        add(span, parts)
    if where != "body":
        found[before_these:] = [
            p for p in found[before_these:] if not _held_by_pointer(text, p, found[:before_these])
        ]
        found += _located_records(text, where, when, found)


_CONVERSATION_TYPES = frozenset({"memorandum", "memoranda", "record", "records", "note",
                                 "notes", "summary", "summaries"})  # fmt: skip

#: the needles of those type words and of ``_NOTES_TYPES``' ("Minutes"), first letter left off
#: so that either case is found
_RECORD_INDEXES = tuple(
    needle_index(needle) for needle in ("emorand", "ecord", "note", "Note", "ummar", "inutes")
)

#: how far before "conversation" or "meeting" its type word may start: ``_type_before`` looks
#: for the joiner within 70 characters, and the type word (ten letters at most) ends there
_RECORD_REACH = 80


def _record_before(records_at: list[int], i: int) -> bool:
    """Whether a type word's needle (``records_at``, sorted) stands in the reach before ``i``."""
    k = bisect_left(records_at, i - _RECORD_REACH)
    return k < len(records_at) and records_at[k] < i


_NOTES_TYPES = frozenset({"notes", "minutes", "record", "summary"})

#: each type list as ``str.endswith`` takes it (the type words have ten letters or fewer)
_TYPE_ENDINGS = {types: tuple(types) for types in (_CONVERSATION_TYPES, _NOTES_TYPES)}


def _type_before(text: str, i: int, types: frozenset[str], joiners: tuple[str, ...]) -> int:
    """Where the type word of "<type> of ... conversation" starts, for the conversation at
    ``i``: the word before the last joiner within 70 characters; -1 when it is no type word."""
    low = max(0, i - 70)
    at = -1
    for joiner in joiners:
        at = max(at, text.rfind(joiner, low, i))
    if at < 0 or not text[max(0, at - 10) : at].lower().endswith(_TYPE_ENDINGS[types]):
        return -1  # not "<type> of": read no further
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
    if word.startswith("dispatch"):  # the same word, spelled as the 1870s did
        word = "des" + word[3:]
    if word.endswith("ches"):  # "despatches"
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
