"""Pointers in the apparatus: every reference a document prints to another record, parsed.

Pure functions over the model. ``extract_pointers(doc)`` reads the body (the telegram's own
"Ref:" line, "reftel", "Deptel 123"), the footnotes and the heading's notes, and returns one
``Pointer`` per reference, with its exact text, where it sits (``body``, ``footnote N``), its
offset there, its kind and its parsed parts:

- ``document`` — "Document 331", "Documents 322 and 325", "Document 60 in FRUS 1964–1968,
  vol. XVII" (``target_volume``, ``target_document``);
- ``footnote`` — "footnote 3, Document 331", "footnote 2 above" (``target_note``);
- ``page`` — "see p. 742" (``target_page``);
- ``telegram`` — "Telegram 5085 from Brussels, October 4", "telegram 230009 to USNATO"
  (``number``, ``direction``, ``post``, ``date``);
- ``channel`` — "Polto 513", "Topol 594", "Poltos 513 and 518" (``channel``, ``number``);
- ``post_number`` — "Bonn 17686", "USNATO 5085", "State 247343" (``post``, ``number``);
- ``deptel`` / ``embtel`` / ``reftel`` / ``septel`` — the cable shorthands (``number`` when
  printed; ``reftel`` stands for the document's own "Ref:" telegram);
- ``memorandum`` — "memorandum from Rostow to Rusk, May 9" (``from``, ``to``, ``date``);
- ``archival`` — the location a note gives for what it cites, "Ibid." resolved through the
  notes before it ("(Ibid., Central Files, DEF 1 NATO)": ``repository``, ``file_code``, ...).

Dates without a year take the citing document's year (and the year before when the month
lies after the document's). Resolution against stored documents is the pipeline's job.

Why one module of about 420 lines: the name lists (channels, posts) take a third of it, one
per line; the patterns and their parsing belong together.
"""

from __future__ import annotations

import re

from centralfiles.enrich.cable import Citation, find_citations, parse_source_note
from centralfiles.model import Document, Pointer

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_DATE = rf"{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?"
CHANNELS = [
    "Polto",
    "Topol",
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
]
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
]

_NUMBER_LIST = r"\d+(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)\d+)*"
DOCUMENT = re.compile(
    rf"\bDocuments?\s+(?P<numbers>{_NUMBER_LIST})"
    r"(?:,?\s+in\s+(?P<volume>(?:FRUS|Foreign Relations),?\s+(?P<years>\d{4}(?:[–-]\d{2,4})?),?\s+"
    r"(?:vol\.|volume|Vol\.|Volume)\s+(?P<roman>[IVXLC]+)(?:,\s*(?:Part|part)\s+(?P<part>\d+))?))?"
)
FOOTNOTE = re.compile(
    r"\b[Ff]ootnotes?\s+(?P<note>\d+)(?:\s+(?P<above>above|below))?"
    r"(?:,?\s+(?:to\s+|of\s+|in\s+)?Document\s+(?P<document>\d+))?"
)
PAGE = re.compile(r"\b(?:see|See|on)\s+(?:also\s+)?pp?\.\s*(?P<page>\d+)(?:\s*[–-]\s*\d+)?")
TELEGRAM = re.compile(
    r"\b[Tt]elegrams?\s+(?P<number>\d{1,6})(?P<more>(?:\s*(?:,|and)\s*\d{1,6})*)"
    r"(?:\s+(?P<direction>from|to)\s+(?P<post>(?:the\s+)?[A-Z][\w.]*(?:\s+(?:to\s+the\s+|to\s+|of\s+|in\s+|for\s+)?[A-Z][\w.]*)*))?"
    rf"(?:,\s*(?P<date>{_DATE}))?"
)
#: a capitalised word (or two) and a number: checked against CHANNELS and POSTS after the match,
#: which is much faster than an alternation of a hundred names
CHANNEL = re.compile(rf"\b(?P<channel>[A-Z][a-z]{{2,7}})\s+(?P<numbers>{_NUMBER_LIST})\b")
POST_NUMBER = re.compile(
    r"\b(?P<post>(?:The |Tel |New |Buenos |Addis )?[A-Z][A-Za-z]+)\s+(?P<number>\d{2,6})\b"
    r"(?![.,]\d)"
)
_NAMED_NUMBER = re.compile(r"[A-Z][A-Za-z]+ \d\d")  # the shape both need: one cheap pass
#: channel-numbered ("Polto 513") and post-numbered ("Bonn 17686") telegrams in one pass
NAMED_NUMBER = re.compile(
    rf"\b(?P<name>(?:The |Tel |New |Buenos |Addis )?[A-Z][A-Za-z]+)\s+(?P<numbers>{_NUMBER_LIST})\b"
    r"(?![.,]\d)"
)
_CHANNELS = frozenset(CHANNELS)
_POSTS = frozenset(POSTS)
SHORTHAND = re.compile(
    r"\b(?P<word>[Dd]eptel|[Ee]mbtel|[Rr]eftel|[Ss]eptel|[Uu]rtel|[Mm]ytel)(?P<plural>s)?\b"
    r"(?:\s+(?P<number>\d{1,6})(?![\d/]))?"
)
MEMORANDUM = re.compile(
    r"\b(?P<type>[Mm]emorandum|[Ll]etter|[Pp]aper|[Mm]essage|[Nn]ote|[Rr]eport|[Aa]ide-[Mm][ée]moire)"
    r"(?:\s+of\s+conversation)?\s+from\s+(?P<sender>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2})"
    r"(?:\s+to\s+(?P<recipient>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2}))?"
    rf"(?:,\s*(?P<date2>{_DATE}))?"
)
#: the date printed before the type word: "a July 11 memorandum from Clifford to Rusk"
_DATE_BEFORE = re.compile(rf"(?P<date1>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)\s+$")
REF_LINE = re.compile(r"\bRefs?:\s*(?P<rest>[^\n]{0,200}?)(?:\.\s|\.$|\n|$)")
_SPLIT_NUMBERS = re.compile(r"\d+")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def extract_pointers(doc: Document) -> list[Pointer]:
    """Every pointer in ``doc``'s body and notes (not its own source note), in reading order."""
    year, month = _document_year_month(doc)
    found: list[Pointer] = []
    body = doc.text or ""
    head = body[:4000] if len(body) > 4000 else body
    in_body = _scan(head, "body", year, month, doc.volume)
    ref_lines = [match.span() for match in REF_LINE.finditer(head)] if "Ref" in head else []
    for pointer in in_body:  # the telegram this one answers: its "Ref:" line
        if any(start <= pointer.start < end for start, end in ref_lines):
            pointer.parts["ref_line"] = "yes"
    found += in_body
    previous = None
    for index, note in enumerate(doc.footnotes, start=1):
        marker = note.n or str(index)
        if note.is_source:  # what "Ibid." in the next note repeats: the source note's place
            source = doc.source
            previous = Citation(
                note.text, source.repository, source.collection, None, source.file_code,
                source.file_date, source.lot,
            ) if source.text else parse_source_note(note.text)  # fmt: skip
            continue
        where = f"footnote {marker}"
        found += _scan(note.text, where, year, month, doc.volume)
        citations = find_citations(note.text, previous)
        for citation in citations:
            start = note.text.find(citation.text)
            parts = {
                key: value
                for key in ("repository", "collection", "file_code", "lot")
                if (value := getattr(citation, key))
            }
            if parts:
                found.append(Pointer("archival", citation.text, where, max(start, 0), parts))
        if citations:
            previous = citations[-1]
    return _without_overlaps(found)


def _scan(text: str, where: str, year: int | None, month: int | None, volume: str) -> list[Pointer]:
    found: list[Pointer] = []

    def add(kind: str, match: re.Match[str], parts: dict[str, str], group: int | str = 0) -> None:
        found.append(Pointer(kind, match.group(group), where, match.start(group), parts))

    has = text.__contains__
    for match in FOOTNOTE.finditer(text) if has("ootnote") else ():
        parts = {"target_note": match["note"]}
        if match["document"]:
            parts["target_document"] = f"d{match['document']}"
        add("footnote", match, parts)
    for match in DOCUMENT.finditer(text) if has("Document") else ():
        target_volume = _volume_id(match) or volume
        for number in _SPLIT_NUMBERS.findall(match["numbers"]):
            parts = {"target_document": f"d{number}", "target_volume": target_volume}
            add("document", match, parts)
    for match in PAGE.finditer(text) if has("p.") else ():
        add("page", match, {"target_page": match["page"]})
    for match in TELEGRAM.finditer(text) if has("elegram") else ():
        numbers = [match["number"], *_SPLIT_NUMBERS.findall(match["more"] or "")]
        for number in numbers:
            parts = {"number": number}
            if match["direction"]:
                parts["direction"] = match["direction"]
                parts["post"] = _clean_post(match["post"])
            if match["date"]:
                parts["date"] = _iso(match["date"], year, month) or ""
            add("telegram", match, {k: v for k, v in parts.items() if v})
    for match in NAMED_NUMBER.finditer(text) if _NAMED_NUMBER.search(text) else ():
        name = match["name"]
        numbers = _SPLIT_NUMBERS.findall(match["numbers"])
        channel = name if name in _CHANNELS else name[:-1] if name.endswith("s") else ""
        if channel in _CHANNELS:  # "Polto 513", "Poltos 513 and 518"
            for number in numbers:
                add("channel", match, {"channel": channel, "number": number})
        elif name in _POSTS and len(numbers[0]) >= 2:  # "Bonn 17686"
            single = re.match(r"\s*\d+", match["numbers"])
            number = numbers[0]
            if not _is_year_or_date(text, match, number):
                span = match.start(), match.start("numbers") + (single.end() if single else 0)
                found.append(Pointer("post_number", text[span[0] : span[1]], where, span[0],
                                     {"post": name, "number": number}))  # fmt: skip
    shorthand = any(map(has, ("eptel", "mbtel", "eftel", "rtel", "ytel")))
    for match in SHORTHAND.finditer(text) if shorthand else ():
        parts = {"number": match["number"]} if match["number"] else {}
        add(match["word"].lower(), match, parts)
    for match in MEMORANDUM.finditer(text) if has(" from ") else ():
        parts = {"type": match["type"].lower(), "from": match["sender"]}
        if match["recipient"]:
            parts["to"] = match["recipient"]
        before = _DATE_BEFORE.search(text, max(0, match.start() - 24), match.start())
        date = (before["date1"] if before else None) or match["date2"]
        if date:
            parts["date"] = _iso(date, year, month) or ""
        start = before.start() if before else match.start()
        found.append(
            Pointer("memorandum", text[start : match.end()], where, start,
                    {k: v for k, v in parts.items() if v})
        )  # fmt: skip
    return found


#: when two pointers overlap, the more specific kind keeps the span
PRIORITY = {
    "footnote": 0, "telegram": 1, "memorandum": 2, "document": 3, "channel": 4,
    "deptel": 4, "embtel": 4, "reftel": 4, "septel": 4, "urtel": 4, "mytel": 4,
    "post_number": 5, "page": 6, "archival": 7,
}  # fmt: skip


def _without_overlaps(found: list[Pointer]) -> list[Pointer]:
    """Drop a pointer whose span lies inside a more specific one of the same place (the
    "Document 331" of "footnote 3, Document 331"); archival locations may hold others."""
    kept: list[Pointer] = []
    for pointer in sorted(found, key=lambda p: (PRIORITY.get(p.kind, 9), p.start)):
        end = pointer.start + len(pointer.text)
        clash = any(
            other.where == pointer.where
            and other.kind != "archival"
            and pointer.kind != "archival"
            and other.start < end
            and pointer.start < other.start + len(other.text)
            and (other.kind, other.parts) != (pointer.kind, pointer.parts)
            and not (other.kind == pointer.kind and other.text == pointer.text)
            for other in kept
        )
        if not clash:
            kept.append(pointer)
    order = {"body": -1, "heading": -2}
    return sorted(
        kept,
        key=lambda p: (order.get(p.where, _note_order(p.where)), p.start, PRIORITY.get(p.kind, 9)),
    )


def _note_order(where: str) -> int:
    digits = re.sub(r"\D", "", where)
    return int(digits) if digits else 0


def _volume_id(match: re.Match[str]) -> str | None:
    """``Document 60 in FRUS 1964–1968, vol. XVII`` → ``frus1964-68v17``."""
    if not match["volume"]:
        return None
    years = match["years"].replace("–", "-")
    if "-" in years:
        first, last = years.split("-", 1)
        years = f"{first}-{last[-2:]}"
    number = _roman(match["roman"])
    part = f"p{match['part']}" if match["part"] else ""
    return f"frus{years}v{number:02d}{part}" if number < 10 else f"frus{years}v{number}{part}"


def _roman(text: str) -> int:
    total = 0
    for index, letter in enumerate(text):
        value = _ROMAN[letter]
        following = _ROMAN[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def _clean_post(post: str | None) -> str:
    if not post:
        return ""
    post = re.sub(r"^the\s+", "", post.strip())
    return re.sub(r"\s+(?:on|of|in|and)$", "", post)


def _is_year_or_date(text: str, match: re.Match[str], number: str) -> bool:
    """ "London 1968" in prose, or "Paris 14" as a day: not a telegram."""
    before = text[max(0, match.start() - 12) : match.start()]
    if re.search(rf"{_MONTH}\s*$", before) or re.search(r"\b(?:in|at|from|to)\s+$", before):
        return len(number) <= 2 or (len(number) == 4 and number.startswith(("18", "19", "20")))
    return (
        len(number) == 4 and number.startswith("19") and not re.match(r"\s*\(", text[match.end() :])
    )


def _document_year_month(doc: Document) -> tuple[int | None, int | None]:
    stamp = doc.date or doc.date_min or ""
    match = re.match(r"(\d{4})-(\d{2})", stamp)
    return (int(match[1]), int(match[2])) if match else (None, None)


def _iso(date: str, year: int | None, month_of_doc: int | None) -> str | None:
    match = re.match(rf"({_MONTH})\s+(\d{{1,2}})(?:,\s*(\d{{4}}))?", date)
    if not match:
        return None
    month, day = MONTHS[match[1]], int(match[2])
    if match[3]:
        return f"{int(match[3]):04d}-{month:02d}-{day:02d}"
    if year is None:
        return None
    if month_of_doc is not None and month > month_of_doc:
        year -= 1  # "December 30" cited in a January document: the year before
    return f"{year:04d}-{month:02d}-{day:02d}"
