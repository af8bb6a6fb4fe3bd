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
own, else its source note's file date), and not more than two months after it when it can
("--05-15" when no year is known); an undated telegram
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
from centralfiles.enrich.cable.footnotes import REPOSITORY_WORDS as _REPOSITORY_WORDS
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

_NUMBER_LIST = r"\d+(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|[–-])\d+)*"
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
#: the volume printed before what it cites: "Foreign Relations, 1964–1968, volume XX, Arab-Israeli
#: Dispute, 1967–1968, Document 374", "Foreign Relations, 1945, vol. III, pp. 353–361"
VOLUME_BEFORE = re.compile(
    r"\b(?:FRUS|Foreign Relations),?\s+(?P<years>\d{4}(?:[–-]\d{2,4})?),?\s+"
    r"(?:vol\.|volume|Vol\.|Volume)\s+(?P<roman>[IVXLC]+)(?:,\s*(?:Part|part)\s+(?P<part>\d+))?"
    r"(?P<title>,[^;()]{0,160}?)?,\s*$"
)
VOLUME_PAGES = re.compile(
    r"\b(?:FRUS|Foreign Relations),?\s+(?P<years>\d{4}(?:[–-]\d{2,4})?),?\s+"
    r"(?:vol\.|volume|Vol\.|Volume)\s+(?P<roman>[IVXLC]+)(?:,\s*(?:Part|part)\s+(?P<part>\d+))?"
    r",\s+pp?\.\s*(?P<page>\d+)(?:\s*[–-]\s*(?P<last>\d+))?"
)
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
    r"\b(?P<name>(?:The |Tel |New |Buenos |Addis )?[A-Z][A-Za-z]+)(?:['’]s)?"
    rf"\s+(?P<numbers>{_NUMBER_LIST})\b"
    rf"(?![.,]\d)(?:,\s*(?P<date>{_DATE}))?"
)
_CHANNELS = frozenset(CHANNELS)
_POSTS = frozenset(POSTS)
SHORTHAND = re.compile(
    r"\b(?P<word>[Dd]eptel|[Ee]mbtel|[Rr]eftel|[Ss]eptel|[Uu]rtel|[Mm]ytel)(?P<plural>s)?\b"
    r"(?:\s+(?P<number>\d{1,6})(?![\d/])(?:\s+to\s+(?P<to>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?))?)?"
)
#: "Embassy telegram 1652", "the Embassy's telegram 17": an embtel written out
_EMBASSY_BEFORE = re.compile(r"\b(?:Embassy|Mission)(?:'s|’s)?\s+$")
#: a name of up to three capitalised words; a period only inside it ("J. F. Dulles")
_WORD = r"[A-Z][\w'’-]*(?:\.(?=\s+[A-Z]))?"
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,2}}"
#: a name with its title: "Secretary of State William Rogers", "President Richard Nixon"
_LONG_NAME = rf"{_WORD}(?:\s+(?:of\s+(?:the\s+)?)?{_WORD}){{0,5}}"
_TYPE = (
    r"[Mm]emorand(?:um|a)|[Ll]etters?|[Pp]apers?|[Mm]essages?|[Nn]otes?|[Rr]eports?"
    r"|[Aa]ide-[Mm][ée]moires?|[Rr]eply|[Rr]esponse"
)
MEMORANDUM = re.compile(
    rf"\b(?P<type>{_TYPE})"
    rf"(?:\s+of\s+(?:conversation|transmittal))?(?:\s+dated\s+(?P<date0>{_DATE}),?)?"
    rf"\s+from\s+(?P<sender>{_NAME})"
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
    rf"(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)(?:\s+\[\d{{4}}\])?\s+(?:[A-Z][\w-]*\s+)?$"
)
_DATED_TYPES = frozenset({"memorandum", "letter", "note", "message", "reply", "response",
                          "report", "paper", "aide-mémoire", "telegram"})  # fmt: skip
#: "Notes on the President's June 25 meeting with the Tuesday Luncheon Group"
MEETING_NOTES = re.compile(
    r"\b(?P<type>[Nn]otes|[Mm]inutes|[Rr]ecord|[Ss]ummary)\s+(?:on|of)\s+(?:the\s+|a\s+)?"
    rf"(?:(?P<party>{_NAME})(?:'s|’s)\s+)?(?:(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)\s+)?"
    r"(?:[A-Z][A-Za-z]+\s+){0,2}meeting"
    rf"(?:\s+(?:with|of)\s+(?:the\s+)?(?P<other>{_NAME}))?"
)
#: an editorial note's "On July 15, Rusk sent Clifford a brief reply"
SENT = re.compile(
    rf"(?:\b[Oo]n\s+(?P<date>{_DATE}),\s+)?\b(?P<sender>{_LONG_NAME})\s+(?P<verb>sent|wrote)\s+"
    rf"(?P<recipient>{_LONG_NAME})\s+an?\s+(?:[a-z-]+\s+){{0,2}}"
    r"(?P<type>reply|letter|memorandum|note|message|response|report)\b"
)
#: "Kissinger forwarded Rogers' memorandum to Nixon"
FORWARDED = re.compile(
    rf"\b(?P<sender>{_NAME})\s+forwarded\s+(?P<author>{_NAME})(?:'s|’s|'|’)\s+"
    rf"(?P<type>memorandum|letter|note|message|report|reply)\s+to\s+(?P<recipient>{_LONG_NAME})"
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
_DATE_BEFORE = re.compile(
    rf"(?P<date1>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)\s+(?:[A-Z][\w-]*\s+)?$"
)
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
    first_line = body[: body.find("\n")].strip() if "\n" in body else body.strip()
    in_body = [
        pointer for pointer in _scan(body, "body", when, doc.volume)
        if (pointer.start >= opening or pointer.kind not in ("channel", "post_number"))
        and not (pointer.kind == "memorandum" and pointer.text == first_line)
    ]  # fmt: skip
    ref_lines = [match.span() for match in REF_LINE.finditer(body)] if "Ref" in body else []
    if "(" in body and ("bid." in body or any(word in body for word in _REPOSITORY_WORDS)):
        in_body += _body_archival(body, _source_citation(doc))
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
            previous = _source_citation(doc, note.text)
            continue
        where = f"footnote {marker}"
        in_note = _scan(note.text, where, when, doc.volume)
        _date_from_sentence(note.text, in_note, when)
        found += in_note
        citations = find_citations(note.text, previous)
        found += _archival(note.text, where, citations)
        if citations:
            previous = citations[-1]
    return _without_overlaps(found)


def _source_citation(doc: Document, note_text: str | None = None) -> Citation | None:
    """The place the source note gives, as a citation an "Ibid." can repeat."""
    source = doc.source
    if source.text:
        return Citation(note_text or source.text, source.repository, source.collection, None,
                        source.file_code, source.file_date, source.lot)  # fmt: skip
    return parse_source_note(note_text) if note_text else None


def _body_archival(body: str, previous: Citation | None) -> list[Pointer]:
    """An editorial note's parenthesised locations ("(National Archives, ...)", "(Ibid.)"):
    each parenthesis that may hold one is read on its own (reading the whole body for inline
    citations is slow and finds prose)."""
    found: list[Pointer] = []
    for match in _PARENTHESIS.finditer(body):
        inner = match.group()
        if "bid." not in inner and not any(word in inner for word in _REPOSITORY_WORDS):
            continue
        citations = find_citations(inner, previous)
        for pointer in _archival(inner, "body", citations):
            pointer.start += match.start()
            found.append(pointer)
        if citations:
            previous = citations[-1]
    return found


_PARENTHESIS = re.compile(r"\((?:[^()]|\([^()]*\))*\)")
#: "ibid., pp. 353–361", "ibid., vol. II": the publication cited before, not an archive
_IBID_OF_PUBLICATION = re.compile(r"^[Ii]bid\.,?\s*(?:pp?\.|vol\.|volume\b|p\b|pp\b)")


def _archival(text: str, where: str, citations: list[Citation]) -> list[Pointer]:
    """One ``archival`` pointer per citation that names a place, each at its own offset."""
    found = []
    cursor = 0
    for citation in citations:
        start = text.find(citation.text, cursor)
        if start < 0:
            start = text.find(citation.text)
        else:
            cursor = start + len(citation.text)
        if _IBID_OF_PUBLICATION.match(citation.text):
            continue
        parts = {
            key: value
            for key in ("repository", "collection", "file_code", "lot")
            if (value := getattr(citation, key))
        }
        if parts:
            found.append(Pointer("archival", citation.text, where, max(start, 0), parts))
    return found


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
    """Every pointer of one text. Each pattern runs only where a cheap trigger (a literal the
    pointer must contain, found by ``str.find``) says it can match: a regular expression tried
    at every character is what made this module the slowest step of ingest."""
    found: list[Pointer] = []

    def add(kind: str, match: re.Match[str], parts: dict[str, str], group: int | str = 0) -> None:
        found.append(Pointer(kind, match.group(group), where, match.start(group), parts))

    for i in _finds(text, "ootnote"):
        if i and (match := FOOTNOTE.match(text, i - 1)):
            parts = {"target_note": match["note"]}
            if match["document"]:
                parts["target_document"] = f"d{match['document']}"
                parts["target_volume"] = volume
            add("footnote", match, parts)
    for i in _finds(text, "Document"):
        if match := DOCUMENT.match(text, i):
            before = None if match["years"] else VOLUME_BEFORE.search(text, max(0, i - 220), i)
            target_volume = _volume_id(before or match) or volume
            for number in _SPLIT_NUMBERS.findall(match["numbers"]):
                parts = {"target_document": f"d{number}", "target_volume": target_volume}
                add("document", match, parts)
    for i in _finds(text, "p."):
        match = PAGE.search(text, max(0, i - 10), i + 16)
        if match and match.start("page") > i:
            add("page", match, {"target_page": match["page"]})
        match = VOLUME_PAGES.search(text, max(0, i - 120), i + 20)
        if match and match.start("page") > i:  # "Foreign Relations, 1945, vol. III, pp. 353–361"
            parts = {"target_volume": _volume_id(match) or volume}
            span = text[match.start() : match.end("page")]
            first = parts | {"target_page": match["page"]}
            found.append(Pointer("page", span, where, match.start(), first))
            if match["last"]:
                add("page", match, parts | {"target_page": match["last"]}, "last")
    for i in _finds(text, "elegram"):
        if i and (match := TELEGRAM.match(text, i - 1)):
            numbers = [match["number"], *_SPLIT_NUMBERS.findall(match["more"] or "")]
            for number in numbers:
                parts = {"number": number}
                if match["direction"]:
                    parts["direction"] = match["direction"]
                    parts["post"] = _clean_post(match["post"])
                if match["date"]:
                    parts["date"] = _iso(match["date"], when) or ""
                embassy = _EMBASSY_BEFORE.search(text, max(0, i - 16), i - 1)
                kept = {k: v for k, v in parts.items() if v}
                if embassy:  # "Embassy telegram 1652": the embassy's own, an embtel
                    span = text[embassy.start() : match.end()]
                    found.append(Pointer("embtel", span, where, embassy.start(), kept))
                    continue
                add("telegram", match, {k: v for k, v in parts.items() if v})
    for space in _SPACE_NUMBER.finditer(text):
        _named_number(text, space.start(), where, when, found)
    for i in _finds(text, "tel"):
        start = _word_start(text, i)
        if text[start : i + 3].lower() in _SHORTHANDS and (match := SHORTHAND.match(text, start)):
            word = match["word"].lower()
            parts = {"number": match["number"]} if match["number"] else {}
            if word == "deptel":  # the Department's telegram, to the post named after it
                parts |= {"post": "State", **({"to": match["to"]} if match["to"] else {})}
            add(word, match, parts)
    for i in _finds(text, "epartment"):
        if i and (match := DEPARTMENTS.match(text, i - 1)):
            add("post_number", match, {"post": "State", "number": match["number"]})
    _scan_memoranda(text, where, when, found)
    return found


def _finds(text: str, needle: str) -> list[int]:
    """Every offset of ``needle`` in ``text`` (``str.find``: C speed, no regex)."""
    offsets = []
    i = text.find(needle)
    while i >= 0:
        offsets.append(i)
        i = text.find(needle, i + 1)
    return offsets


def _word_start(text: str, i: int) -> int:
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_"):
        i -= 1
    return i


_SPACE_NUMBER = re.compile(r" \d\d")
_SHORTHANDS = frozenset({"deptel", "embtel", "reftel", "septel", "urtel", "mytel"})
_TWO_WORD_FIRST = ("The ", "Tel ", "New ", "Buenos ", "Addis ")


def _named_number(
    text: str, space: int, where: str, when: date | None, found: list[Pointer]
) -> None:
    """A channel ("Polto 513", "Poltos 513 and 518, October 29") or post ("Bonn 17686")
    telegram whose number follows the space at ``space``."""
    start = _word_start(text, space)
    end = space
    if text[start:space] == "s" and start > 1 and text[start - 1] in "'’":  # "Bonn’s 1783"
        end = start - 1
        start = _word_start(text, end)
    if start == end or not text[start].isupper():
        return
    name = text[start:end]
    for first in _TWO_WORD_FIRST:  # "The Hague 4923"
        if text.startswith(first, start - len(first)) and (first + name) in _POSTS:
            start -= len(first)
            name = first + name
            break
    channel = name if name in _CHANNELS else name[:-1] if name.endswith("s") else ""
    if channel not in _CHANNELS and name not in _POSTS:
        return
    match = NAMED_NUMBER.match(text, start)
    if not match or match["name"] != name:
        return
    numbers = _SPLIT_NUMBERS.findall(match["numbers"])
    dated = {"date": _iso(match["date"], when) or ""} if match["date"] else {}
    if channel in _CHANNELS:
        for number in numbers:
            found.append(Pointer("channel", match.group(), where, start,
                                 {"channel": channel, "number": number, **dated}))  # fmt: skip
    elif len(numbers[0]) >= 2 and not _is_year_or_date(text, match, numbers[0]):
        single = re.match(r"\s*\d+", match["numbers"])
        end = match.start("numbers") + (single.end() if single else 0)
        parts = {"post": name, "number": numbers[0], **(dated if len(numbers) == 1 else {})}
        found.append(Pointer("post_number", text[start:end], where, start, parts))
        if all(len(number) >= 3 for number in numbers):  # "Bonn’s 1650 and 1756"
            for more in list(_SPLIT_NUMBERS.finditer(match["numbers"]))[1:]:
                at = match.start("numbers") + more.start()
                found.append(Pointer("post_number", more.group(), where, at,
                                     {"post": name, "number": more.group()}))  # fmt: skip


#: the type words, found with ``str.find`` less their first letter (so either case) and how
#: far back that letter is
_TYPE_NEEDLES = (("emorand", 1), ("etter", 1), ("aper", 1), ("essage", 1), ("note", 0),
                 ("Note", 0), ("eport", 1), ("ide-", 1), ("eply", 1), ("espons", 1))  # fmt: skip
_TYPE_INITIALS = frozenset("MmLlPpNnRrAa")
_PAPER_TRIGGER = re.compile(r"\(\d\d\)\d|MCM[- ]\d|/MC/\d")


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
        if (match := MEMORANDUM.match(text, start)) and not _possessive(match["sender"]):
            before = _DATE_BEFORE.search(text, max(0, start - 40), start)
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
        elif before := DATE_THEN_TYPE.search(text, max(0, start - 40), start):
            word = _WORD_AT.match(text, start)
            if word and _type(word.group()) in _DATED_TYPES:  # "his February 3 memorandum"
                add((before.start(), word.end()), {"type": _type(word.group()),
                                                    "date": iso(before["date"])})  # fmt: skip
    for i in [*_finds(text, "onversation"), *_finds(text, "meeting")]:
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
    for i in _finds(text, "meeting"):
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
    for trigger in _PAPER_TRIGGER.finditer(text):
        match = PAPER.search(text, max(0, trigger.start() - 12), trigger.end() + 24)
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


_MONTH_ABBREVIATIONS = {name[:3]: number for name, number in MONTHS.items()}


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
    if not match["years"]:
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
    """ "May 15" → the ISO date nearest the citing document's among the year before, the same
    and the next, no more than two months after it when one is; "--05-15" when the document's
    year is unknown."""
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
    # what a document cites is mostly older than it; an editor's note may cite a little later
    likely = [day_ for day_ in candidates if (day_ - when).days <= _LATER_DAYS] or candidates
    nearest = min(likely, key=lambda day_: abs((day_ - when).days))
    return nearest.isoformat()


_LATER_DAYS = 62
