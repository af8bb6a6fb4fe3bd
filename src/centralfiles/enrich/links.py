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

Dates without a year take the year that puts them nearest the citing document's date (its
own, else its source note's file date; "--05-15" when neither is known); an undated telegram
cited in a note's parenthesis takes the date of the sentence that reports it ("On August 30,
Cleveland cabled ... (Telegram 4454 from Brussels; ibid.)").
Resolution against stored documents is the pipeline's job.

Why one module of about 420 lines: the name lists (channels, posts) take a third of it, one
per line; the patterns and their parsing belong together.
"""

from __future__ import annotations

import re
from datetime import date

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
    rf"(?:[,;]\s*(?P<date>{_DATE}))?"
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
    rf"(?![.,]\d)(?:,\s*(?P<date>{_DATE}))?"
)
_CHANNELS = frozenset(CHANNELS)
_POSTS = frozenset(POSTS)
SHORTHAND = re.compile(
    r"\b(?P<word>[Dd]eptel|[Ee]mbtel|[Rr]eftel|[Ss]eptel|[Uu]rtel|[Mm]ytel)(?P<plural>s)?\b"
    r"(?:\s+(?P<number>\d{1,6})(?![\d/]))?"
)
#: a name of up to three capitalised words; a period only inside it ("J. F. Dulles")
_WORD = r"[A-Z][\w'’-]*(?:\.(?=\s+[A-Z]))?"
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,2}}"
_TYPE = (
    r"[Mm]emorand(?:um|a)|[Ll]etters?|[Pp]apers?|[Mm]essages?|[Nn]otes?|[Rr]eports?"
    r"|[Aa]ide-[Mm][ée]moires?|[Rr]eply|[Rr]esponse"
)
MEMORANDUM = re.compile(
    rf"\b(?P<type>{_TYPE})"
    rf"(?:\s+of\s+(?:conversation|transmittal))?\s+from\s+(?P<sender>{_NAME})"
    rf"(?:\s+to\s+(?:the\s+)?(?P<recipient>{_NAME}(?:\s+of\s+(?:the\s+)?{_NAME})?))?"
    rf"(?:,\s*(?:also\s+)?(?:dated\s+)?(?P<date2>{_DATE}))?"
)
#: "Memorandum to the Secretary of State, July 9": no sender, so the date is required
MEMORANDUM_TO = re.compile(
    rf"\b(?P<type>{_TYPE})\s+to\s+(?:the\s+)?(?P<recipient>{_NAME}(?:\s+of\s+(?:the\s+)?{_NAME})?)"
    rf",\s*(?:dated\s+)?(?P<date2>{_DATE})"
)
#: "memorandum of Rusk's conversation with Gromyko (SecDel/MC/16) at 7:30 p.m. on October 6",
#: "Memoranda of Birrenbach's conversation with Rusk on September 9 and with Katzenbach on ..."
CONVERSATION = re.compile(
    rf"\b(?P<type>[Mm]emorand(?:um|a)|[Rr]ecords?|[Nn]otes?)\s+of\s+(?:the\s+)?"
    rf"(?:(?P<party>{_NAME})(?:'s|’s)\s+)?conversations?\s+with\s+(?:the\s+)?(?P<other>{_NAME})"
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
    r"\b(?P<type>[Ll]etter|[Mm]emorandum|[Nn]ote|[Mm]essage|[Aa]ide-[Mm][ée]moire|[Rr]eply)"
    rf"\s+of\s+(?P<date>{_DATE})"
)
#: "Notes on the President's June 25 meeting with the Tuesday Luncheon Group"
MEETING_NOTES = re.compile(
    r"\b(?P<type>[Nn]otes|[Mm]inutes|[Rr]ecord|[Ss]ummary)\s+(?:on|of)\s+(?:the\s+|a\s+)?"
    rf"(?:(?P<party>{_NAME})(?:'s|’s)\s+)?(?:(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)\s+)?"
    r"(?:[A-Z][A-Za-z]+\s+){0,2}meeting"
    rf"(?:\s+(?:with|of)\s+(?:the\s+)?(?P<other>{_NAME}))?"
)
#: an editorial note's "On July 15, Rusk sent Clifford a brief reply"
SENT = re.compile(
    rf"(?:\b[Oo]n\s+(?P<date>{_DATE}),\s+)?\b(?P<sender>[A-Z][\w'’-]+)\s+sent\s+"
    r"(?P<recipient>[A-Z][\w'’-]+)\s+an?\s+(?:[a-z]+\s+){0,2}"
    r"(?P<type>reply|letter|memorandum|note|message|response|report)\b"
)
#: a NATO paper cited by its symbol: "DPC/D(68)30", "C-M(68)50", "MCM 68–68, 26 Aug 1968",
#: and a conference's numbered memoranda of conversation: "SecDel/MC/16", "US/MC/3"
PAPER = re.compile(
    r"\b(?P<number>(?:[A-Z]{1,4}-)?[A-Z]{1,4}(?:/[A-Z]{1,3})?\(\d\d\)\d{1,4}"
    r"|MCM[- ]\d{1,3}[–-]\d\d|(?:[A-Z][A-Za-z]{1,7}/)+MC/\d{1,3})(?![\w(])"
    r"(?:,\s*(?P<day>\d{1,2})\s+(?P<mon>[A-Z][a-z]{2})\s+(?P<year>\d{4}))?"
)
#: "the Department's 242962": a State telegram cited by the embassy that answers it
DEPARTMENTS = re.compile(r"\bDepartment(?:'s|’s)\s+(?P<number>\d{3,6})\b(?![.,]\d)")
#: the date printed before the type word: "a July 11 memorandum from Clifford to Rusk"
_DATE_BEFORE = re.compile(rf"(?P<date1>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)\s+$")
#: the document's own numbers at the start of the body: "190741. Tosec 46. For Secretary"
OWN_NUMBERS = re.compile(r"(?:\s*(?:[A-Z][A-Za-z]{2,7}\s+)?\d{1,6}\.(?=\s))+")
REF_LINE = re.compile(r"\bRefs?:\s*(?P<rest>[^\n]{0,200}?)(?:\.\s|\.$|\n|$)")
_SPLIT_NUMBERS = re.compile(r"\d+")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def extract_pointers(doc: Document) -> list[Pointer]:
    """Every pointer in ``doc``'s body and notes (not its own source note), in reading order."""
    when = _document_date(doc)
    found: list[Pointer] = []
    body = doc.text or ""
    opening = _own_numbers_end(body)
    first_line = body.split("\n", 1)[0].strip()
    in_body = [
        pointer for pointer in _scan(body, "body", when, doc.volume)
        if (pointer.start >= opening or pointer.kind not in ("channel", "post_number"))
        and not (pointer.kind == "memorandum" and pointer.text == first_line)
    ]  # fmt: skip
    ref_lines = [match.span() for match in REF_LINE.finditer(body)] if "Ref" in body else []
    for pointer in in_body:  # the telegram this one answers: its "Ref:" line
        if any(start <= pointer.start < end for start, end in ref_lines):
            pointer.parts["ref_line"] = "yes"
    answered = [p for p in in_body if p.parts.get("ref_line") and p.kind in _CABLE_KINDS]
    if len(answered) == 1:  # "reftel" is that telegram ("reftels" too, when it is alone)
        for pointer in in_body:
            if pointer.kind == "reftel" and "number" not in pointer.parts:
                for key in ("post", "channel", "number", "date", "direction"):
                    if key in answered[0].parts:
                        pointer.parts[key] = answered[0].parts[key]
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
        in_note = _scan(note.text, where, when, doc.volume)
        _date_from_sentence(note.text, in_note, when)
        found += in_note
        citations = find_citations(note.text, previous)
        cursor = 0
        for citation in citations:
            start = note.text.find(citation.text, cursor)
            if start < 0:
                start = note.text.find(citation.text)
            else:
                cursor = start + len(citation.text)
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


_CABLE_KINDS = frozenset({"telegram", "channel", "post_number", "deptel", "embtel"})
#: an editor's sentence that dates what its parenthesis cites: "On August 30, Cleveland
#: cabled ... (Telegram 4454 from Brussels; ibid.)"
_ON_DATE = re.compile(
    r"(?:^|[.;)”\]]\s+)(?:On|In\s+(?:a|an|his|her|its|their)\s+(?:[a-z]+\s+){0,2}"
    rf"(?:telegram|cable|message|letter|report)\s+(?:on|of|dated))\s+(?P<date>{_DATE}),"
)


def _date_from_sentence(text: str, pointers: list[Pointer], when: date | None) -> None:
    """Give an undated telegram in a note the date of the sentence that reports it."""
    for pointer in pointers:
        if pointer.kind not in _CABLE_KINDS or pointer.parts.get("date"):
            continue
        opening = text.rfind("(", 0, pointer.start)
        if opening < 0 or text.rfind(")", 0, pointer.start) > opening:
            continue  # not inside a parenthesis: the prose around it dates nothing
        previous_close = text.rfind(")", 0, opening)
        dated = list(_ON_DATE.finditer(text, previous_close + 1 if previous_close >= 0 else 0,
                                       opening))  # fmt: skip
        if dated and (iso := _iso(dated[-1]["date"], when)):
            pointer.parts["date"] = iso


def _own_numbers_end(body: str) -> int:
    """Where the document's own numbers end at the start of its body. The first is its own
    ("229956.", "Topol 929."); a channel number after a plain one is its own too (State
    "190741. Tosec 46."), while one after a channel number is the telegram it answers
    ("Topol 929. Polto 804.")."""
    run = OWN_NUMBERS.match(body)
    if not run:
        return 0
    tokens = list(_OWN_TOKEN.finditer(body, 0, run.end()))
    if len(tokens) > 1 and not tokens[0]["name"] and tokens[1]["name"]:
        return tokens[1].end()
    return tokens[0].end() if tokens else 0


_OWN_TOKEN = re.compile(r"(?:(?P<name>[A-Z][A-Za-z]{2,7})\s+)?\d{1,6}\.")
#: type words that are also verbs: "General Spivey reports from Brussels" cites nothing
_VERB_TYPES = frozenset({"report", "reports", "note", "notes", "message", "reply", "response"})
_SUBJECT_BEFORE = re.compile(
    r"(?:\b(?!(?:A|An|The|This|That|His|Her|Their|Our|Its|Your|My)\s)[A-Z][\w'’-]*"
    r"|\b(?:he|she|it|they|who|which))\s+$"
)


def _scan(text: str, where: str, when: date | None, volume: str) -> list[Pointer]:
    found: list[Pointer] = []

    def add(kind: str, match: re.Match[str], parts: dict[str, str], group: int | str = 0) -> None:
        found.append(Pointer(kind, match.group(group), where, match.start(group), parts))

    has = text.__contains__
    for match in FOOTNOTE.finditer(text) if has("ootnote") else ():
        parts = {"target_note": match["note"]}
        if match["document"]:
            parts["target_document"] = f"d{match['document']}"
            parts["target_volume"] = volume
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
                parts["date"] = _iso(match["date"], when) or ""
            add("telegram", match, {k: v for k, v in parts.items() if v})
    for match in NAMED_NUMBER.finditer(text) if _NAMED_NUMBER.search(text) else ():
        name = match["name"]
        numbers = _SPLIT_NUMBERS.findall(match["numbers"])
        channel = name if name in _CHANNELS else name[:-1] if name.endswith("s") else ""
        dated = {"date": _iso(match["date"], when) or ""} if match["date"] else {}
        if channel in _CHANNELS:  # "Polto 513", "Poltos 513 and 518, October 29"
            for number in numbers:
                add("channel", match, {"channel": channel, "number": number, **dated})
        elif name in _POSTS and len(numbers[0]) >= 2:  # "Bonn 17686"
            single = re.match(r"\s*\d+", match["numbers"])
            number = numbers[0]
            if not _is_year_or_date(text, match, number):
                span = match.start(), match.start("numbers") + (single.end() if single else 0)
                parts = {"post": name, "number": number, **(dated if len(numbers) == 1 else {})}
                found.append(Pointer("post_number", text[span[0] : span[1]], where, span[0],
                                     parts))  # fmt: skip
    shorthand = any(map(has, ("eptel", "mbtel", "eftel", "rtel", "ytel")))
    for match in SHORTHAND.finditer(text) if shorthand else ():
        parts = {"number": match["number"]} if match["number"] else {}
        add(match["word"].lower(), match, parts)
    for match in DEPARTMENTS.finditer(text) if has("epartment") else ():
        add("post_number", match, {"post": "State", "number": match["number"]})
    _scan_memoranda(text, where, when, found)
    return found


def _scan_memoranda(text: str, where: str, when: date | None, found: list[Pointer]) -> None:
    """Memoranda, letters, notes and papers cited by sender, recipient, date or symbol."""

    def add(span: tuple[int, int], parts: dict[str, str | None]) -> None:
        found.append(Pointer("memorandum", text[span[0] : span[1]], where, span[0],
                             {k: v for k, v in parts.items() if v}))  # fmt: skip

    def iso(date: str | None) -> str | None:
        return _iso(date, when) if date else None

    has = text.__contains__
    for match in MEMORANDUM.finditer(text) if has(" from ") else ():
        if match["type"].lower() in _VERB_TYPES and _SUBJECT_BEFORE.search(
            text, max(0, match.start() - 30), match.start()
        ):
            continue
        before = _DATE_BEFORE.search(text, max(0, match.start() - 24), match.start())
        date = (before["date1"] if before else None) or match["date2"]
        start = before.start() if before else match.start()
        add((start, match.end()), {"type": _type(match["type"]), "from": match["sender"],
                                   "to": match["recipient"], "date": iso(date)})  # fmt: skip
    for match in MEMORANDUM_TO.finditer(text) if has(" to ") else ():
        add(match.span(), {"type": _type(match["type"]), "to": match["recipient"],
                           "date": iso(match["date2"])})  # fmt: skip
    for match in CONVERSATION.finditer(text) if has("onversation") else ():
        kind = "memorandum of conversation"
        party = match["party"]
        add(match.span(), {"type": kind, "from": party, "to": match["other"],
                           "number": match["number"], "date": iso(match["date"])})  # fmt: skip
        position = match.end()
        while more := CONVERSATION_MORE.match(text, position):
            add(more.span("span"), {"type": kind, "from": party, "to": more["other"],
                                    "date": iso(more["date"])})  # fmt: skip
            position = more.end()
    for match in DATED.finditer(text) if has(" of ") else ():
        add(match.span(), {"type": _type(match["type"]), "date": iso(match["date"])})
    for match in MEETING_NOTES.finditer(text) if has("meeting") else ():
        add(match.span(), {"type": match["type"].lower(), "from": match["party"],
                           "to": match["other"], "date": iso(match["date"])})  # fmt: skip
    for match in SENT.finditer(text) if has(" sent ") else ():
        add(match.span(), {"type": match["type"], "from": match["sender"],
                           "to": match["recipient"], "date": iso(match["date"])})  # fmt: skip
    for match in PAPER.finditer(text) if _PAPER_SHAPE.search(text) else ():
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


_PAPER_SHAPE = re.compile(r"\(\d\d\)\d|MCM|/MC/")
_MONTH_ABBREVIATIONS = {name[:3]: number for name, number in MONTHS.items()}


def _type(word: str) -> str:
    """The type word as a singular lower-case name: "Memoranda" → "memorandum"."""
    word = word.lower()
    if word == "memoranda":
        return "memorandum"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


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


def _document_date(doc: Document) -> date | None:
    """The citing document's date: its own, else the file date of its source note."""
    for stamp in (doc.date, doc.date_min, doc.source.file_date):
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", stamp or "")
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
    return None


def _iso(printed: str, when: date | None) -> str | None:
    """ "May 15" → the ISO date nearest the citing document's (the year before, the same or
    the next); "--05-15" when the document's year is unknown."""
    match = re.match(rf"({_MONTH})\s+(\d{{1,2}})(?:,\s*(\d{{4}}))?", printed)
    if not match:
        return None
    month, day = MONTHS[match[1]], int(match[2])
    if match[3]:
        return f"{int(match[3]):04d}-{month:02d}-{day:02d}"
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
    nearest = min(candidates, key=lambda day_: abs((day_ - when).days))
    return nearest.isoformat()
