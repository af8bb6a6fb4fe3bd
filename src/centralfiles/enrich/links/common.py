"""What the pointer patterns share: month names, the channel and post lists, completing a
date printed without its year, and literal search (``str.find``), which is how every pattern
finds where it can match.

The two name lists, one name per line, are most of this module.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import ahocorasick_rs

from centralfiles.enrich.cable.text import MONTH_NUMBERS, find_all
from centralfiles.model import Document

MONTHS = MONTH_NUMBERS

#: a month as notes print it, in full or, as 1940s–50s volumes do, abbreviated ("Nov. 5, 1952")
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.)"
)

#: "May 15", "May 15, 1962", and the older letters' "December 19th 1924", "May 4th"
_DATE = rf"{_MONTH}\s+\d{{1,2}}(?:(?:st|nd|rd|th|d)\b(?:,?\s*\d{{4}})?|,\s*\d{{4}})?"

#: a day as letters of the nineteenth and early twentieth centuries name it, counted from the
#: citing letter's own date: "the 3d instant" (this month), "the 26th ultimo" (the month
#: before), "the 5th proximo", "yesterday", "yesterday's date"
_OLD_DAY = (
    r"(?:the\s+\d{1,2}(?:st|nd|rd|th|d)\s+(?:instant|ultimo|proximo|inst\.|ult\.|ulto\.|prox\.)"
    r"|yesterday(?:['’]s\s+date)?)"
)
#: a printed date of either kind
_ANY_DATE = rf"(?:{_DATE}|{_OLD_DAY})"

CHANNELS = [
    "Polto",
    "Topol",
    "Disto",  # the disarmament delegation at Geneva to the Department, and back
    "Todis",
    "Secto",
    "Tosec",
    "Dulte",
    "Tedul",
    "Actel",
    "Usdel",
    "Delga",
    "Gadel",
    "Todel",
    "Delto",
    "Tomos",
    "Mosto",
    "Cato",
    "JCS",
    "Toca",
    "Secun",
    "Unsec",
    "Tohak",
    "Hakto",
    "Sactu",
    "Tusac",
    "Martel",
    "Niact",
    "Tosum",
    "Sumto",
    "Polad",
    "Usito",
    "Tousi",
    "Mondel",
    "Todep",
    "Depto",
    "Tocus",
    "Cusfo",
    "Monto",
    "Tomon",
    "Taipto",
    "Totai",
    "Colux",
    "Gocus",
    "Usgoc",
    # the Department's circular telegrams, numbered in a series of their own: "Circtel 1644",
    # "Depcirc 1644" (the channel "Circular"; not a bare "Circular 175", the Department's
    # circular on treaty powers, which is no telegram)
    "Circtel",
    "Cirtel",
    "Depcirc",
    "Depcirtel",
]

#: the names a channel is also printed under -> its name
CHANNEL_NAMES = {"Circtel": "Circular", "Cirtel": "Circular", "Depcirc": "Circular",
                 "Depcirtel": "Circular"}  # fmt: skip

#: posts that number their telegrams (the post-number form "Bonn 17686")
POSTS = [
    "USNATO",
    "USUN",
    "USEC",
    "USRO",
    "USBER",
    "USMission",
    "State",
    "Bonn",
    "London",
    "Paris",
    "Moscow",
    "Rome",
    "Brussels",
    "Luxembourg",
    "Ottawa",
    "Copenhagen",
    "Oslo",
    "Athens",
    "Ankara",
    "Lisbon",
    "Reykjavik",
    "Geneva",
    "Vienna",
    "Madrid",
    "Saigon",
    "Tokyo",
    "Berlin",
    "Bern",
    "Prague",
    "Warsaw",
    "Belgrade",
    "Bucharest",
    "Budapest",
    "Sofia",
    "Stockholm",
    "Helsinki",
    "Dublin",
    "Nicosia",
    "Valletta",
    "Cairo",
    "Karachi",
    "Tehran",
    "Manila",
    "Seoul",
    "Taipei",
    "Bangkok",
    "Vientiane",
    "Canberra",
    "Wellington",
    "Mexico",
    "Brasilia",
    "Rio",
    "Havana",
    "Caracas",
    "Bogota",
    "Lima",
    "Santiago",
    "Beijing",
    "Peking",
    "Hanoi",
    "Jakarta",
    "Rangoon",
    "Colombo",
    "Kabul",
    "Baghdad",
    "Beirut",
    "Amman",
    "Damascus",
    "Jidda",
    "Riyadh",
    "Tripoli",
    "Tunis",
    "Algiers",
    "Rabat",
    "Khartoum",
    "Addis",
    "Nairobi",
    "Lagos",
    "Accra",
    "Pretoria",
    "Kinshasa",
    "The Hague",
    "Tel Aviv",
    "New Delhi",
    "Buenos Aires",
    "Addis Ababa",
    # the other capitals of the series (enrich.links.posts.CAPITALS), its older names, and the
    # consulates general that cable in their own series
    "Tirana",
    "La Paz",
    "Phnom Penh",
    "San Jose",
    "San José",
    "Habana",
    "Santo Domingo",
    "Ciudad Trujillo",
    "Quito",
    "San Salvador",
    "Helsingfors",
    "Guatemala",
    "Tegucigalpa",
    "Djakarta",
    "Teheran",
    "Monrovia",
    "Kathmandu",
    "Managua",
    "Rawalpindi",
    "Islamabad",
    "Panama",
    "Asuncion",
    "Asunción",
    "Petrograd",
    "Riga",
    "Kovno",
    "Tallinn",
    "Cape Town",
    "Berne",
    "Constantinople",
    "Montevideo",
    "Leopoldville",
    "Léopoldville",
    "Peiping",
    "Nanking",
    "Chungking",
    "Bogotá",
    "Hong Kong",
    "Singapore",
    "Kuala Lumpur",
    "Jerusalem",
    "Calcutta",
    "Bombay",
    "Dacca",
    "Lahore",
    "Frankfurt",
    "Munich",
    "Hamburg",
    "Strasbourg",
    "Leningrad",
    "Dhahran",
    "Kuwait",
    "Aden",
    "Dakar",
    "Conakry",
    "Lusaka",
    "Kampala",
    "Mogadiscio",
    "Asmara",
    "Benghazi",
    "Tananarive",
    "Abidjan",
    "Bamako",
    "Ouagadougou",
    "Niamey",
    "Yaounde",
    "Brazzaville",
    "Bangui",
    "Libreville",
    "Lome",
    "Cotonou",
    "Freetown",
    "Nouakchott",
    "Fort Lamy",
    "Kigali",
    "Bujumbura",
    "Blantyre",
    "Gaborone",
    "Maseru",
    "Mbabane",
    "Port Louis",
    "Paramaribo",
    "Bridgetown",
    "Curacao",
    "Udorn",
    "Danang",
    "Osaka",
    "Naha",
    "Okinawa",
    "Taiz",
    "Muscat",
    "Manama",
    "Doha",
    "Abu Dhabi",
    "Ulan Bator",
    "Madras",
]

_SPLIT_NUMBERS = re.compile(r"\d+")


#: every literal the scanners look for: one Aho-Corasick pass over a text (ahocorasick-rs,
#: about 40 us a document) finds them all, where 28 ``str.find`` scans of each body and note
#: took about 170 us
NEEDLES = (
    "ootnote", "Document", "upra", "nfra", "p.", "elegram", "tel", "epartment", "Ref", ")",
    "MCM", "/MC/", "emorand", "emo ", "etter", "aper", "essage", "note", "Note", "eport",
    "ide-", "eply", "espons", "meeting", "onversation", " sent ", " wrote ", " forwarded ",
    "roposal", " paper", " book", " memorand", " points", "” ", "opy of", "opies of", "ext of",
    "eference is", "NS", "NIE", "PRM", "PD", "JCS", "WSEG", "National Security", "emo", "emcon",
    " A–", " A-", "ecord", "ummar", "inutes", "cable", "espatch",
    "nstruction", "a.m.", "a. m.", "ispatch", "ommunication", "ircular", " prepared ",
    " issued ", " drafted ", " submitted ", " addressed ", " handed ", " delivered ", " written ",
    " signed ", " which I ha", " proposed to be ", " I sent ", " I submitted ", " I gave ",
    " we sent ", " presented ", "page ",
)  # fmt: skip
#: a space before a digit, where a telegram number may follow its name: ten patterns, one list
SPACE_DIGIT = " <digit>"
_PATTERNS = (*NEEDLES, *(f" {digit}" for digit in range(10)))
_BUCKET = [*range(len(NEEDLES)), *[len(NEEDLES)] * 10]
_AUTOMATON = ahocorasick_rs.AhoCorasick(_PATTERNS, matchkind=ahocorasick_rs.MatchKind.Standard)
#: the same needles for a text that is all ASCII (most are), searched as bytes: on ``str`` the
#: library spends about as long converting offsets as searching, and an ASCII text's byte
#: offsets are its character offsets ("” " is no ASCII needle: it cannot be in such a text)
_ASCII = [(index, pattern) for index, pattern in enumerate(_PATTERNS) if pattern.isascii()]
_ASCII_AUTOMATON = ahocorasick_rs.BytesAhoCorasick(
    [pattern.encode("ascii") for _, pattern in _ASCII], matchkind=ahocorasick_rs.MatchKind.Standard
)
_ASCII_BUCKET = [_BUCKET[index] for index, _ in _ASCII]
_NEEDLE_INDEX = {needle: index for index, needle in enumerate((*NEEDLES, SPACE_DIGIT))}
_NONE: list[int] = []
_last: list[Any] = [None, None]  # the last text scanned and its offsets per needle


def _offsets(text: str) -> dict[int, list[int]]:
    """The offsets of every needle found in ``text``, by needle index (overlaps included);
    the needles not found have no entry."""
    found: dict[int, list[int]] = {}
    if text.isascii():
        bucket = _ASCII_BUCKET
        matches = _ASCII_AUTOMATON.find_matches_as_indexes(text.encode("ascii"), overlapping=True)
    else:
        bucket = _BUCKET
        matches = _AUTOMATON.find_matches_as_indexes(text, overlapping=True)
    for index, start, _end in matches:
        offsets = found.get(bucket[index])
        if offsets is None:
            found[bucket[index]] = [start]  # character offsets, in order within a bucket
        else:
            offsets.append(start)
    return found


def _hits(text: str) -> dict[int, list[int]]:
    """The offsets of the needles found in ``text``, by needle index (``needle_index``), from
    one pass kept for the calls on the same text that follow (a dict the caller must not
    change)."""
    if _last[0] is not text:
        _last[0], _last[1] = text, _offsets(text)
    return _last[1]


def needle_index(needle: str) -> int:
    """The index ``_hits`` files ``needle``'s offsets under."""
    return _NEEDLE_INDEX[needle]


def _finds(text: str, needle: str) -> list[int]:
    """Every offset of ``needle`` in ``text``, in order (a list the caller must not change).

    The needles of ``NEEDLES`` come from one pass over the text, kept for the calls on the
    same text that follow; any other needle is found with ``str.find``."""
    index = _NEEDLE_INDEX.get(needle)
    if index is None:
        return find_all(text, needle)
    if _last[0] is text:  # the usual case, inlined: several calls a text
        return _last[1].get(index, _NONE)
    return _hits(text).get(index, _NONE)


def numbered_list(match: re.Match[str]) -> list[tuple[int, int, str]]:
    """``(start, end, number)`` of each number a match lists (its ``number`` group, then the
    digits of its ``more`` group): the first spans from the match's start (the owner or type
    word), the last to its end (the date after it), the others their own digits."""
    numbers = [(match.start("number"), match["number"])] + [
        (match.start("more") + more.start(), more.group())
        for more in _SPLIT_NUMBERS.finditer(match["more"])
    ]
    return [
        (match.start() if k == 0 else at,
         match.end() if k == len(numbers) - 1 else at + len(number), number)
        for k, (at, number) in enumerate(numbers)
    ]  # fmt: skip


def _word_start(text: str, i: int) -> int:
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_"):
        i -= 1
    return i


_MONTH_ABBREVIATIONS = {name[:3]: number for name, number in MONTHS.items()}


def month_number(name: str) -> int:
    """ "November" or "Nov." → 11."""
    return MONTHS.get(name) or _MONTH_ABBREVIATIONS[name[:3]]


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
#: a printed date anywhere in a text ("March 10", "Nov. 5, 1952"), for lists of them
DATES = re.compile(_DATE)
#: the same, with the days counted from the citing letter ("the 3d instant")
ANY_DATES = re.compile(_ANY_DATE)
_PRINTED_DAY = re.compile(
    rf"({_MONTH})\s+(\d{{1,2}})(?:(?:st|nd|rd|th|d)\b(?:,?\s*(\d{{4}}))?|,\s*(\d{{4}}))?"
)


#: a document dated no closer than this (an editorial note's range is often its volume's
#: years) does not date what it cites
_WIDEST_RANGE_DAYS = 62
_DATE_WITH_YEAR = re.compile(rf"{_MONTH}\s+\d{{1,2}},\s*\d{{4}}")


def _day(stamp: str | None) -> date | None:
    """The day an ISO stamp starts with ("1958-07-16T20:00:00-04:00" → 1958-07-16)."""
    match = _ISO_DAY.match(stamp or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


#: a date range no wider than this dates what the document cites by its middle
_YEAR_DAYS = 366


def _document_date(doc: Document) -> date | None:
    """The citing document's date: its own; else the start of its date range when that range
    is narrow; else the first full date its text prints ("On July 14, 1958, ..." in an
    editorial note whose range is 1958–1960); else the middle of a range within a year; else
    the file date of its source note. None rather than the start of a range of years: "July
    17" in a note dated 1958–1960 is "--07-17", not July 17, 1957."""
    own = _day(doc.date)
    if own:
        return own
    first, last = _day(doc.date_min), _day(doc.date_max)
    if first and (last is None or (last - first).days <= _WIDEST_RANGE_DAYS):
        return first
    printed = _DATE_WITH_YEAR.search(doc.text or "")
    if printed and (day := _day(_iso(printed.group(), None))):
        return day
    if first and last and (last - first).days <= _YEAR_DAYS:
        return first + (last - first) / 2
    return _day(doc.source.file_date)


def _iso(printed: str, when: date | None) -> str | None:
    """ "May 15" → the ISO date nearest the citing document's among the year before, the same
    and the next, no more than two months after it when one is; "--05-15" when the document's
    year is unknown. "the 3d instant", "the 26th ultimo", "yesterday": counted from the citing
    document's date (none without it)."""
    match = _PRINTED_DAY.match(printed)
    if not match:
        return _old_day(printed, when)
    month, day, year = month_number(match[1]), int(match[2]), match[3] or match[4]
    if year:
        return f"{int(year):04d}-{month:02d}-{day:02d}"
    if when is None:
        return f"--{month:02d}-{day:02d}"
    candidates = []
    for year in (when.year - 1, when.year, when.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # "February 29" of a year without one
            continue
    if not candidates:
        return None
    # what a document cites is mostly older than it; an editor's note may cite a little later
    likely = [day_ for day_ in candidates if (day_ - when).days <= _LATER_DAYS] or candidates
    nearest = min(likely, key=lambda day_: abs((day_ - when).days))
    return nearest.isoformat()


_LATER_DAYS = 62

_RELATIVE_DAY = re.compile(r"the\s+(\d{1,2})\w*\s+(inst|ult|prox)")
_MONTHS_AWAY = {"inst": 0, "ult": -1, "prox": 1}


def _old_day(printed: str, when: date | None) -> str | None:
    """ "the 26th ultimo" in a letter of June 8, 1870 → "1870-05-26"."""
    if when is None:
        return None
    if printed.startswith("yesterday"):
        return (when - timedelta(days=1)).isoformat()
    match = _RELATIVE_DAY.match(printed)
    if not match:
        return None
    months = when.year * 12 + when.month - 1 + _MONTHS_AWAY[match[2]]
    try:
        return date(months // 12, months % 12 + 1, int(match[1])).isoformat()
    except ValueError:  # "the 31st ultimo" of a shorter month: a misprint
        return None
