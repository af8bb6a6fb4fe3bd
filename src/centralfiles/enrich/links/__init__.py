"""Pointers in the apparatus: every reference a document prints to another record, parsed.

Pure functions over the model. ``extract_pointers(doc)`` reads the body (the telegram's own
"Ref:" line, "reftel", "Deptel 123"), the footnotes and the heading's notes, and returns one
``Pointer`` per reference, with its exact text, where it sits (``body``, ``footnote N``), its
offset there, its kind and its parsed parts:

- ``document`` — "Document 331", "Documents 322 and 325", "Document 60 in FRUS 1964–1968,
  vol. XVII" (``target_volume``, ``target_document``);
- ``footnote`` — "footnote 3, Document 331", "footnote 2 above" (``target_note``);
- ``page`` — "see p. 742", "Telegram 155, March 10, p. 314", "Vol. ii, p. 28, footnote 2"
  (``target_page``, ``target_note``; ``number``, the telegram printed there);
- ``telegram`` — "Telegram 5085 from Brussels, October 4", "telegram 230009 to USNATO",
  "telegram No. 65", "Goldberg's other telegram", "Your January 28, 5 p.m." (``number``,
  ``direction``, ``post``, ``date``; ``hour`` and ``whose`` for one cited by date and hour);
- ``channel`` — "Polto 513", "Topol 594", "Poltos 513 and 518" (``channel``, ``number``);
- ``post_number`` — "Bonn 17686", "USNATO 5085", "State 247343", "Department’s 40, October
  28", "Embassy’s Nos. 1070 and 1071" (``post``, ``number``);
- ``deptel`` / ``embtel`` / ``urtel`` / ``mytel`` / ``reftel`` / ``septel`` — the cable
  shorthands, and the same written out ("the Department's telegram No. 48", "my telegram No.
  69", "my 442, October 28") (``number`` and ``date`` when printed; ``reftel`` stands for the
  document's own "Ref:" telegram);
- ``memorandum`` — "memorandum from Rostow to Rusk, May 9", "Stikker letter March 8 to Bevin",
  "your despatch No. 527 of March 13, 1937", "your note of the 3d instant", "my dispatch No.
  9" (an instruction when the Department writes it) (``type``, ``from``, ``to``, ``date``,
  ``number``);
- ``archival`` — the location a note gives for what it cites, "Ibid." resolved through the
  notes before it ("(Ibid., Central Files, DEF 1 NATO)": ``repository``, ``file_code``, ...).

Dates without a year take the year that puts them nearest the citing document's date (its
own, else its source note's file date), and not more than two months after it when it can
("--05-15" when no year is known); "the 3d instant", "the 26th ultimo" and "yesterday" count
from the citing document's date; an undated telegram
cited in a note's parenthesis takes the date of the sentence that reports it ("On August 30,
Cleveland cabled ... (Telegram 4454 from Brussels; ibid.)").
Resolution against stored documents is the pipeline's job.

Modules: ``common`` (name lists, dates, literal search), ``memoranda`` (memorandum, letter and
paper citations); this one reads everything else and puts the pointers of a document in
order.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from centralfiles.enrich.cable import (
    Citation,
    find_citations,
    parse_source_note,
    sent_by_department,
    sent_to_department,
)
from centralfiles.enrich.cable.caption import MARKING_LINE, TELEGRAPHIC
from centralfiles.enrich.cable.codes import DECIMAL, SUBJECT, is_code
from centralfiles.enrich.cable.footnotes import REPOSITORY_WORDS as _REPOSITORY_WORDS
from centralfiles.enrich.cable.text import ABBREVIATIONS, find_all
from centralfiles.enrich.links.common import (
    _DATE,
    _MONTH,
    _SPLIT_NUMBERS,
    CHANNEL_NAMES,
    CHANNELS,
    DATES,
    POSTS,
    SPACE_DIGIT,
    _document_date,
    _finds,
    _hits,
    _iso,
    _word_start,
    numbered_list,
)
from centralfiles.enrich.links.memoranda import _scan_memoranda
from centralfiles.enrich.links.mentions import qualified_memoranda
from centralfiles.enrich.links.posts import office_city
from centralfiles.enrich.links.records import (
    agented_records,
    anchored_records,
    filed_records,
    located_records,
)
from centralfiles.model import Document, Pointer

_NUMBER_LIST = r"\d+(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|[–-])\d+)*"

DOCUMENT = re.compile(
    rf"\bDocuments?\s+(?P<numbers>{_NUMBER_LIST})"
    r"(?:,?\s+in\s+(?P<volume>(?:FRUS|Foreign Relations),?\s+(?P<years>\d{4}(?:[–-]\d{2,4})?),?\s+"
    r"(?:vol\.?|volume|Vol\.?|Volume)\s+(?P<roman>[IVXLC]+|[ivxlc]+)(?:,\s*(?:Part|part)\s+(?P<part>\d+))?))?"
)

FOOTNOTE = re.compile(
    r"\b[Ff]ootnotes?\s+(?P<note>\d+)(?:\s+(?P<above>above|below))?"
    r"(?:,?\s+(?:to\s+|of\s+|in\s+)?Document\s+(?P<document>\d+)"
    r"|,?\s+(?P<relative>[Ss]upra|[Ii]nfra)\b"  # "footnote 4, supra": of the previous document
    r"|\s+(?P<thereto>thereto|to\s+it)\b)?"  # "Document 120; ... see footnote 1 thereto"
)

#: the document a "footnote N thereto" belongs to: the last one cited before it
_LAST_DOCUMENT = re.compile(r"\bDocument\s+(?P<number>\d+)(?!.*\bDocuments?\s+\d)", re.S)

PAGE = re.compile(r"\b(?:see|See|on)\s+(?:also\s+)?pp?\.\s*(?P<page>\d+)(?:\s*[–-]\s*\d+)?")

#: a FRUS volume as notes name it: "Foreign Relations, 1952–1954, vol. i, Part 1"
_VOLUME = (
    r"\b(?:FRUS|Foreign Relations)[,.]?\s+(?:(?P<years>\d{4}(?:[–-]\d{2,4})?),?\s+"
    r"(?:vol\.?|volume|Vol\.?|Volume)\s+(?P<roman>[IVXLC]+|[ivxlc]+)(?:,\s*(?:Part|part)\s+(?P<part>\d+))?"
    # a year of the one-volume era, its page next: "Foreign Relations, 1910, pp. 438 ff."
    r"|(?P<single_year>18[6-9]\d|190\d|191[0-7])(?=,?\s+pp?\.\s*\d))"
)

#: the volume printed before what it cites: "Foreign Relations, 1964–1968, volume XX, Arab-Israeli
#: Dispute, 1967–1968, Document 374", "Foreign Relations, 1945, vol. III, pp. 353–361"
VOLUME_BEFORE = re.compile(
    _VOLUME
    # the title runs to the cited document; it never holds another citation or a sentence end
    + r"(?P<title>,(?:(?!Foreign Relations|FRUS|Documents?\s|\.\s)[^;()]){0,160}?)?,\s*$"
)

VOLUME_PAGES = re.compile(
    _VOLUME + r"(?:,[^;()\n]{0,120}?)?,\s+pp?\.\s*(?P<page>\d+)(?:\s*[–-]\s*(?P<last>\d+))?"
)

#: a volume of the citing volume's own series, named without its years, as 1950s volumes do:
#: "see volume xi, Part 1, pp. 665 ff.", "vol. v, Part 1, p. 348"; and "ibid., 1950, vol. i,
#: p. 234" after a Foreign Relations citation (the years given, the series repeated)
SERIES_PAGES = re.compile(
    r"(?<![\w.])(?:(?P<ibid>[Ii]bid\.,\s+)(?P<years>\d{4}(?:[–-]\d{2,4})?),\s+)?"
    r"(?:vol\.?|volume|Vol\.?|Volume)\s+(?P<roman>[IVXLC]+|[ivxlc]+)\b"
    r"(?:,\s*(?:Part|part)\s+(?P<part>\d+))?,\s+pp?\.\s*(?P<page>\d+)"
)

#: the further pages of a list: "pp. 817 ff. and 1259 ff.", "pp. 599 ff. and 665"
MORE_PAGES = re.compile(r"(?:\s+ff\.)?(?:,\s+|\s+and\s+)(?P<page>\d{1,4})\b(?![.,]\d|\s*[–-])")

#: a page of this volume with the word spelled out, as older volumes' editors print it in the
#: text: "[Here follows the text of message sent on May 20, printed on page 228.]", "see page
#: 228" (not "on page 3 of his letter", a page of a record)
PRINTED_ON_PAGE = re.compile(
    r"(?:printed\s+on|[Ss]ee)\s+(?P<span>page\s+(?P<page>\d{1,4}))\b(?!\s+of\b|[.,]\d)"
)

#: pages of a record, not of a volume: "see pp. 6–8 of Guidance Paper"
_PAGES_OF_RECORD = re.compile(
    r"\s+of\s+(?!this\s+volume|the\s+(?:present\s+)?volume|Foreign\s+Relations|vol)"
    r"(?:the\s+|this\s+|his\s+|its\s+)?[\w“]"
)

#: a page of the citing volume after the record a sentence names: "See the editorial note,
#: p. 3.", "See the memorandum of the meeting ..., Nov. 18, 1952, p. 22.", "restatements of
#: the undated paper prepared in the Department ..., p. 6." — not a book's or a paper's page;
#: or, mid-sentence, after a numbered record's date and hour: "In telegram No. 982, August
#: 29, 10 a.m., p. 146, Ambassador Gauss reported"
OWN_PAGE = re.compile(
    r",\s+p\.\s*(?P<page>\d{1,4})(?:\s+ff\.)?(?:(?=\s*[.;)]|\s*$)|(?=,)(?<=\d)(?P<mid>))"
)
#: what stands before a mid-sentence page: the numbered record, its date and its hour
_DATED_RECORD_BEFORE = re.compile(
    rf"\b(?:[Tt]elegram|[Ii]nstruction|[Dd][ei]spatch|[Nn]ote|[Ll]etter|[Aa]irgram)\s+"
    rf"(?:Nos?\.\s*)?\d{{1,5}},\s+{_DATE}(?:,\s+\d{{1,2}}(?::\d\d)?\s*[ap]\.\s?m\.)?$"
)
_NAMES_RECORD = re.compile(
    r"\b(?:the|a|an|this|his|her|[Ss]ee)\s+(?:[\w’'-]+\s+){0,3}(?:editorial\s+note|memorandum|memoranda"
    r"|telegram|letter|note|paper|minutes|record|report|message|communiqué|statement)\b"
)
_NAMES_PUBLICATION = re.compile(
    r"Bulletin|Public Papers|Papers of|Times|Post\b|Press|Congressional|Yearbook|Documents on"
    r"|Treaties|Statutes|Stat\.|U\.?S\.?T\.|TIAS|\bed\.|\beds\.|\bvol\.|\bvolume\b|printed in"
    r"|published|Memoirs|pp\."
)

#: a year printed just before the page, not a day's: the volume of a dated publication
#: ("American Foreign Policy: Current Documents, 1960, p. 363"), not "March 10, 1949, p. 314"
_PUBLICATION_YEAR = re.compile(r"(?<!\d)(?<!\d,)\s(?:1[789]\d\d|20\d\d)$")

#: a telegram cited by its date and hour alone, as the 1910s cite one another: "Your January 28,
#: 5 p.m.", "Department’s February 2, 3 p.m."
DATED_BY_HOUR = re.compile(
    r"\b(?P<owner>[Yy]our|[Mm]y|[Oo]ur|Department['’]s|Embassy['’]s|Legation['’]s)\s+"
    rf"(?P<date>{_DATE}),?\s*(?P<hour>\d{{1,2}})(?::(?P<minute>\d\d))?\s*(?P<m>[ap]\.\s?m\.)"
)


def _hour(match: re.Match[str]) -> str:
    """ "5 p.m." → "17:00"."""
    hour = int(match["hour"]) % 12 + (12 if match["m"][0] == "p" else 0)
    return f"{hour:02d}:{match['minute'] or '00'}"


#: a record cited by its number: "instruction No. 631", "Telegrams Nos. 369 and 499"
_NUMBERED_RECORD = re.compile(
    r"\b(?:[Tt]elegram|[Ii]nstruction|[Dd]espatch|[Nn]ote|[Mm]emorandum|[Ll]etter|[Aa]irgram)s?"
    r"\s+(?:Nos?\.\s*)?\d"
)

#: the numbers of the records a sentence cites by number ("Nos. 369 and 499": two)
_NUMBERS_OF_RECORDS = re.compile(
    r"(?:(?<=\b[Tt]elegram\s)|(?<=\b[Tt]elegrams\s)|(?<=\b[Ii]nstruction\s)|(?<=\b[Dd]espatch\s)"
    r"|(?<=No\.\s)|(?<=Nos\.\s)|(?<=\sand\s)|(?<=,\s))(\d{1,6})\b(?![.,]\d|/)"
)

#: "footnote 1, ibid., p. 740", "footnote 2 on p. 45": a note of a printed page
NOTE_ON_PAGE = re.compile(r",?\s+(?:(?P<ibid>[Ii]bid\.),?\s+)?(?:on\s+)?pp?\.\s*(?P<page>\d+)")

#: a volume named in a note, the one an "ibid." after it repeats
VOLUME_NAMED = re.compile(_VOLUME)

#: "Document 334, footnote 3": a note of a document, the note named after it
NOTE_AFTER = re.compile(r",?\s+(?:and\s+)?footnote\s+(?P<note>\d+)")

#: the document printed just before ("supra") or after ("infra") this one, as 1950s volumes
#: cite them
RELATIVE = re.compile(r"\b(?P<word>[Ss]upra|[Ii]nfra)\b(?!-)")

#: "see ibid., Document 363": the volume of the citation before
_IBID_BEFORE = re.compile(r"\b[Ii]bid\.,\s*$")

#: a post as a telegram's citation names it: "Brussels", "The Hague", "the Mission to NATO"
_POST_NAME = (
    r"(?:the\s+)?[A-Z][\w.]*(?:\s+(?:"
    # "to" inside a post's name only after its kind ("the Mission to the United Nations");
    # "from USUN to the White House" names the sender, then the addressee
    r"(?:(?<=Mission\s)|(?<=Delegation\s)|(?<=Embassy\s)|(?<=Legation\s)|(?<=Office\s))"
    r"to\s+(?:the\s+)?|of\s+|in\s+|for\s+)?[A-Z][\w.]*)*"
)

TELEGRAM = re.compile(
    # a military message is numbered by its date-time group: "telegram 151855Z from USUN"
    r"\b(?:[Tt]elegrams?|cables?)\s+(?P<no>[Nn]os?\.\s*|number\s+)?(?P<number>\d{6}Z|\d{1,6})"
    # "telegram 908, 701.6191/7–3148": a file code follows, not a second number
    r"(?P<more>(?:\s*(?:,|and)\s*\d{1,6}(?![\d/]|\.\d))*)"
    rf"(?:\s+(?P<direction>from|to)\s+(?P<post>{_POST_NAME})"
    r"(?:\s+to\s+(?:the\s+)?(?P<to>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*))?)?"
    rf"(?:[,;]\s*(?P<date>{_DATE}))?"
)

#: the direction printed after the date (and the hour), as notes of the 1940s and 1950s do:
#: "telegram 213, March 12, 4 p. m., to The Hague", "Telegram 706, March 16, from Manila"
_DIRECTION_AFTER = re.compile(
    r"(?:,\s*\d{1,2}(?::\d\d)?\s*[ap]\.\s?m\.)?,?\s+(?P<direction>from|to)\s+"
    rf"(?P<post>{_POST_NAME})"
)

#: the series number printed between a telegram's number and its date, as the 1949 notes do:
#: "telegram 166, Usgoc 334, March 15, 11 a.m., to Batavia" (the same message in the Usgoc
#: series; the channel pointer is read on its own)
_SERIES_AFTER = re.compile(
    rf",\s+(?P<channel>[A-Z][a-z]{{2,6}})\s+(?P<number>\d{{1,6}}),\s*(?P<date>{_DATE})"
)

#: the page of the citing volume that prints the record just cited, as volumes without
#: document numbers cite it: "Telegram 155, March 10, p. 314", "see telegram 140, p. 305"
_PAGE_AFTER = re.compile(r",\s+(?P<span>p\.\s*(?P<page>\d{1,4}))\b(?![.,]\d|\s*[–-])")

#: "Vol. ii, p. 28, footnote 2": the note of the page just cited (one pointer, the page's)
_PAGE_THEN_NOTE = re.compile(r"\bpp?\.\s*\d{1,4}(?:\s*ff\.)?,\s+$")
_NOTE_OF_PAGE = re.compile(r"(?:\s*ff\.)?,\s+footnote\s+(?P<note>\d+)\b")

#: "p. 305, and footnote 1": a note of the document printed on that page
_PAGE_BEFORE_NOTE = re.compile(
    rf"(?:\b[Tt]elegram\s+(?P<number>\d{{1,6}})(?:,\s*{_DATE})?,\s+)?"  # the telegram printed there
    r"\bp\.\s*(?P<page>\d{1,4}),?\s+and\s+$"
)

#: telegrams that print no number, known by their date (presidential and personal telegrams
#: of the 1950s): "Truman telegram of Nov. 5", "a very brief telegram along the above lines to
#: President elect Eisenhower on Nov. 5, 1952"
_HOUR = r"\d{1,2}(?::\d\d)?\s*[ap]\.\s?m\."
DATED_TELEGRAM = re.compile(
    rf"(?:(?P<owner>[A-Z][\w’'-]+)(?:['’]s)?\s+)?[Tt]elegram(?P<plural>s)?"
    r"(?:\s+to\s+(?:you|him|her|them|me|us))?\s+(?:of|dated)\s+"
    rf"(?P<date>{_DATE})"
    # a list of them by their dates: "telegrams of January 16, 4 p.m., and January 21, 7 p.m."
    rf"(?P<more>(?:(?:,\s*{_HOUR})?,?\s+(?:and\s+)?{_DATE}(?=,\s*{_HOUR}|\.|,|\s))*)"
)
TELEGRAM_TO_ON = re.compile(
    r"[Tt]elegram\s+(?:(?!to\b|of\b)[\w-]+\s+){0,5}?to\s+(?:the\s+)?"
    r"(?P<to>(?:President[\s-]elect\s+|President\s+|General\s+|Secretary\s+|Ambassador\s+)?"
    r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})\s+on\s+"
    rf"(?P<date>{_DATE})"
)

#: a number in a channel's series: a telegram's ("Polto 489") or an airgram's ("Polto A–217")
_SERIES_NUMBER = r"(?:A[–-]\s?)?\d+"
_SERIES_NUMBERS = re.compile(_SERIES_NUMBER)
_SERIES_LIST = rf"{_SERIES_NUMBER}(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|[–-]){_SERIES_NUMBER})*"

#: a channel or post name and its numbers: "Polto 513", "Bonn’s 1650 and 1756"
_NAMED_NUMBERS = (
    r"\b(?P<name>(?:The |Tel |New |Buenos |Addis |La |Phnom |San |Santo |Ciudad |Cape |Hong "
    r"|Kuala |Port |Fort |Abu |Ulan )?[A-Z][A-Za-zÀ-ÿ]+)(?:['’]s)?"
    rf"\s+(?P<numbers>{_SERIES_LIST})\b(?![.,/]\d)"
)

#: the word that makes a telegram one of the Department's circulars: "circular telegram 1644",
#: "the Department's circular telegram No. 45"
_CIRCULAR_BEFORE = re.compile(r"(?:(?:Department|Dept\.?)(?:['’]s)?\s+)?[Cc]ircular\s+$")
#: "Dept Circular 1644", "Department Circular 1644": the Department's circular by its number
_DEPARTMENT_BEFORE = re.compile(r"(?<![\w’'])(?:Department|Dept\.?)(?:['’]s)?\s+$")

#: channel-numbered ("Polto 513") and post-numbered ("Bonn 17686") telegrams in one pass
NAMED_NUMBER = re.compile(
    _NAMED_NUMBERS + r"(?:\s+(?P<direction>from|to)\s+(?P<post>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?))?"
    rf"(?:,\s*(?P<date>{_DATE}))?"
)

#: the same without the direction and post (for a name after "from" that is no post)
NAMED_NUMBER_ALONE = re.compile(_NAMED_NUMBERS)

_CHANNELS = frozenset(CHANNELS)

_POSTS = frozenset(POSTS)

#: a number of a shorthand's list and the date printed after it, as 1940s telegrams list them:
#: "mytels 438 April 24, 770 July 4", "Embtels 874, July 25; 924, August 5" (not the "701" of a
#: file "701.6191/7–3148")
_SHORTHAND_ITEM = rf"(?P<item>\d{{1,6}})(?![\d/]|\.\d)(?:,?\s+(?P<itemdate>{_DATE})\b)?"
SHORTHAND_ITEMS = re.compile(_SHORTHAND_ITEM)

SHORTHAND = re.compile(
    # "Reurtel 899": "regarding your telegram 899"
    r"\b(?:[Rr]e(?=[DdEeUuMmCcLl]))?"
    r"(?P<word>[Dd]eptel|[Ee]mbtel|[Cc]ontel|[Ll]egtel|[Rr]eftel|[Ss]eptel|[Uu]rtel|[Mm]ytel)"
    r"(?P<plural>s)?\b"
    r"(?:\s+(?P<number>\d{1,6})(?![\d/]|\.\d)"
    rf"(?:,?\s+(?P<date>{_DATE})\b)?"
    r"(?P<more>(?:\s*(?:[,;]\s*(?:and\s+)?|and\s+|&\s*)"  # "Embtels 3182, 3188"
    + _SHORTHAND_ITEM.replace("?P<item>", "?:").replace("?P<itemdate>", "?:")
    + r")*)"
    r"(?:\s+to\s+(?P<to>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?))?)?"
)

#: "Embassy telegram 1652", "the Embassy's telegram 17": an embtel written out; so are the
#: Department's ("Department’s telegram No. 48"), mine and yours ("my telegram No. 69")
_OWNER_BEFORE = re.compile(
    r"\b(?P<owner>Embassy|Legation|Consulate|Mission|Department|[Mm]y|[Yy]our|[Oo]ur)"
    r"(?:'s|’s)?\s+$"
)
_WRITTEN_OUT = {"embassy": "embtel", "legation": "embtel", "consulate": "embtel",
                "mission": "embtel", "department": "deptel", "my": "mytel", "our": "mytel",
                "your": "urtel"}  # fmt: skip

#: the next telegram of a list by number and date: "telegrams No. 2, January 6, 5 p.m., No. 4,
#: January 27, 6 p.m., and No. 5, January 30"
_TELEGRAM_MORE = re.compile(
    r"(?:,\s*\d{1,2}(?::\d\d)?\s*(?:[ap]\.\s?m\.|noon|midnight))?(?:,\s*(?:and\s+)?|\s+and\s+)"
    rf"(?P<span>[Nn]o\.\s*(?P<number>\d{{1,6}}),\s*(?P<date>{_DATE}))"
)

#: "the Department's 242962": a State telegram cited by the embassy that answers it (not a
#: year: "the Department's 1950 budget"; a year-like number with a date after it is one)
DEPARTMENTS = re.compile(
    r"\bDepartment(?:'s|’s)\s+(?P<number>(?!(?:1[89]|20)\d\d\b(?!,))\d{3,6})\b(?![.,]\d)"
)

#: the document's own numbers at the start of the body: "190741. Tosec 46. For Secretary"
OWN_NUMBERS = re.compile(r"(?:\s*(?:[A-Z][A-Za-z]{2,7}\s+)?\d{1,6}\.(?=\s))+")

REF_LINE = re.compile(r"\bRef(?:s|erences?)?:\s*(?P<rest>[^\n]{0,200}?)(?:\.\s|\.$|\n|$)")

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
    paragraph = _first_paragraph(body, opening)
    ref_lines = _reference_lines(body, paragraph)
    if doc.doc_type in TELEGRAPHIC or (doc.doc_type is None and opening):  # "356. Your 344"
        ref_lines += _opening_references(body, paragraph, in_body)
    # an editor's prose names its locations inline (an editorial note by its TEI subtype, or
    # by its heading when the volume files it as a historical document)
    editorial = doc.kind == "editorial-note" or doc.doc_type == "editorial-note"
    if editorial:
        in_body += _prose_archival(body, _source_citation(doc))
    elif "(" in body:  # each parenthesis is tested for a place on its own (cheaper than the body)
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
    # the last reading of memoranda: in an editor's prose anywhere, in a document's text where
    # a footnote identifies the record
    anchors = None if editorial else [
        note.anchor for note in doc.footnotes if note.anchor is not None and not note.is_source
    ]  # fmt: skip
    if anchors is None or anchors:
        in_body += qualified_memoranda(body, "body", when, in_body, anchors)
    if anchors:  # any record a footnote marker closes: "the British paper²"
        in_body += anchored_records(body, anchors, in_body, when)
    in_body += agented_records(body, "body", in_body, when)  # "the draft prepared by the ..."
    found += in_body
    previous = None
    frus_before = None  # the Foreign Relations volume the last note ended on
    for index, note in enumerate(doc.footnotes, start=1):
        marker = note.n or str(index)
        if note.is_source:  # what "Ibid." in the next note repeats: the source note's place
            previous = _source_citation(doc, note.text)
            continue
        where = f"footnote {marker}"
        in_note = _scan(note.text, where, when, doc.volume, frus_before)
        _date_from_sentence(note.text, in_note, when)
        if _may_locate(note.text):  # not "Not printed.", "See Document 331.": a place named
            citations = find_citations(note.text, previous)
            in_note += _archival(note.text, where, citations)
            in_note += _bare_files(note.text, where, citations)
            if citations:
                previous = citations[-1]
        in_note += qualified_memoranda(note.text, where, when, in_note)
        if "; " in note.text and "(" in note.text:  # "(Memorandum of conversation; ibid., ...)"
            in_note += filed_records(note.text, where, in_note, when)
        if any(word in note.text for word in _LOCATING_WORDS):
            in_note += located_records(note.text, where, in_note, when)  # "... is in"
        in_note += agented_records(note.text, where, in_note, when)
        found += in_note
        frus_before = _last_frus(in_note, doc.volume)
    _despatches_by_direction(found, doc)
    if anchors:
        _printed_where_glossed(found, doc)
    return _without_overlaps(found)


#: how far after a record's span its footnote marker may stand ("memorandum of May 2,⁴")
_GLOSS_REACH = 3
#: how far into a note the document it opens with may start: "Document 126.", "See Document
#: 126.", "Printed as Document 126."
_OPENS_NOTE = 20


def _printed_where_glossed(pointers: list[Pointer], doc: Document) -> None:
    """A record of the text that a footnote marker closes keeps where its note is
    (``glossed_by``: "footnote 4"); when that note opens by naming the one FRUS document it
    cites ("...the memorandum I submitted to you on May 2, 1966⁴" / "4 Document 126."), the
    record is that document: its parts get ``target_volume`` and ``target_document``."""
    places = {
        note.anchor: f"footnote {note.n or index}"
        for index, note in enumerate(doc.footnotes, start=1)
        if note.anchor is not None and not note.is_source
    }
    for pointer in pointers:
        if pointer.kind != "memorandum" or pointer.where != "body":
            continue
        end = pointer.start + len(pointer.text)
        note = next((places[at] for at in range(end, end + _GLOSS_REACH + 1) if at in places),
                    None)  # fmt: skip
        if note is None:
            continue
        pointer.parts["glossed_by"] = note
        cited = [p for p in pointers if p.where == note and p.kind in ("document", "footnote")]
        if len(cited) == 1 and cited[0].kind == "document" and cited[0].start <= _OPENS_NOTE:
            for key in ("target_volume", "target_document"):
                if key in cited[0].parts:
                    pointer.parts[key] = cited[0].parts[key]


#: a note that may locate a record it names ("... is in", "... was not found", "For text of")
_LOCATING_WORDS = (" is ", " are ", " was ", " were ", "ext of ")


def _despatches_by_direction(pointers: list[Pointer], doc: Document) -> None:
    """ "my dispatch No. 9" is an instruction when the Department writes it, and "your dispatch
    No. 20" one when it is written to the Department (the 1870s spell both "dispatch")."""
    owned = [
        p for p in pointers
        if p.kind == "memorandum" and p.parts.get("type") == "despatch"
        and p.text[:4].lower() in ("your", "my d")
    ]  # fmt: skip
    if not owned:
        return
    by, to = sent_by_department(doc), sent_to_department(doc)
    for pointer in owned:
        mine = pointer.text[:2].lower() == "my"
        if (mine and by) or (not mine and to and not by):
            pointer.parts["type"] = "instruction"


def _dated_telegrams(text: str, start: int, when: date | None) -> list[Pointer]:
    """Telegrams with no number, cited by their date (and their sender or addressee): one, or
    each of a list by its date."""
    owner_start = max(0, text.rfind(" ", 0, max(0, start - 1)) + 1)
    match = DATED_TELEGRAM.match(text, owner_start) or DATED_TELEGRAM.match(text, start)
    if match and match.start() <= start:
        owner = match["owner"]
        if owner and (owner.lower() in _NOT_OWNERS or not owner[0].isupper()):
            owner = None
        first = match.start() if owner else start
        owner = owner and owner.removesuffix("’s").removesuffix("'s")  # "Department’s"
        parts = {"date": _iso(match["date"], when), "from": owner}
        found = [Pointer("telegram", text[first : match.end("date")], "", first,
                         {k: v for k, v in parts.items() if v})]  # fmt: skip
        if match["plural"]:
            for more in DATES.finditer(text, match.start("more"), match.end("more")):
                parts = {"date": _iso(more.group(), when), "from": owner}
                found.append(Pointer("telegram", more.group(), "", more.start(),
                                     {k: v for k, v in parts.items() if v}))  # fmt: skip
        return found
    match = TELEGRAM_TO_ON.match(text, start)
    if match:
        parts = {"date": _iso(match["date"], when), "to": match["to"], "direction": "to"}
        return [Pointer("telegram", match.group(), "", start,
                        {k: v for k, v in parts.items() if v})]  # fmt: skip
    owned = _owned_telegram(text, start)
    if owned:
        return [owned]
    addressed = _addressed_telegram(text, start)
    return [addressed] if addressed else []


#: a word of a sender's or addressee's name: "Eisenhower", "Ministries", "U.S." (not "I")
_PARTY_WORD = r"(?:[A-Z][\w’'-]+|(?:[A-Z]\.){2,})"
#: an unnumbered telegram known by its sender or addressee: "a telegram to the Secretary of
#: State", "another telegram which he will send to General Eisenhower", "a telegram directly
#: from the Ecuadoran Minister for Foreign Affairs", "the cablegram which you have sent to the
#: Ministries for Foreign Affairs of the American Republics" (CONVENTIONS §6.12)
ADDRESSED_TELEGRAM = re.compile(
    r"(?P<word>[Tt]elegram|[Cc]ablegram)\s+"
    r"(?:(?:which|that)\s+(?:I|he|she|you|we|they)\s+(?:will\s+|would\s+|have\s+|has\s+|had\s+)?"
    r"(?:send|sent)\s+|directly\s+|sent\s+)?"
    r"(?P<direction>to|from)\s+(?:the\s+)?"
    rf"(?P<party>{_PARTY_WORD}(?:\s+(?:(?:of|for|in)\s+(?:the\s+)?)?{_PARTY_WORD}){{0,7}})"
    r"(?![\w’'-]|\s*\d)"
)
#: the words before that make such a telegram no one telegram: itself ("copy of this telegram
#: to Department"), a greeting of the season ("a New Year’s telegram to General Ridgway")
_ADDRESSED_NOT_AFTER = re.compile(r"(?:\b[Tt]his|\b[Tt]hat|[’']s|\bno|\bany)\s+$")
_ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]|[Aa]n|[Tt]he|[Aa]nother)\s+$")


def _addressed_telegram(text: str, start: int) -> Pointer | None:
    """The unnumbered telegram at ``start`` that an article opens and a sender or addressee
    names (``ADDRESSED_TELEGRAM``)."""
    match = ADDRESSED_TELEGRAM.match(text, start)
    if not match or not _ARTICLE_BEFORE.search(text, max(0, start - 9), start):
        return None
    if _ADDRESSED_NOT_AFTER.search(text, max(0, start - 14), start):
        return None
    party = match["party"].rstrip(".")
    parts = {"direction": match["direction"], match["direction"]: party}
    return Pointer("telegram", text[start : match.start("party") + len(party)], "", start, parts)


#: a telegram known by whose it is: "Goldberg's other telegram", "my telegram of yesterday
#: afternoon", "one of his cables", "Your Excellency’s cablegram" (not "his telegram 1234": that
#: one is read by its number)
OWNED_TELEGRAM = re.compile(
    r"(?:(?<![\w’'])(?:[Hh]is|[Hh]er|[Mm]y|[Oo]ur|[Yy]our|[Tt]heir)|(?P<owner>[A-Z][\w-]+)['’]s)\s+"
    r"(?:(?:other|last|latest|earlier|previous|first|second)\s+)?"
    r"(?P<word>[Tt]elegrams?|[Cc]ablegrams?|[Cc]ables?)\b(?!\s+(?:[Nn]o\.\s*|[Nn]os\.\s*)?\d)"
)


_ONE_OF = re.compile(r"\b(?:[Oo]ne|[Tt]wo|[Tt]hree|[Bb]oth|[Ee]ach)\s+of\s+$")

#: possessives that name no sender ("New Year's telegram" is a greeting of the season); "the
#: Department's telegram" is one (its number, when printed, is read by ``TELEGRAM``)
_NOT_OWNED_BY = frozenset({"one", "it", "that", "year", "day", "week", "month", "today",
                           "yesterday"})  # fmt: skip


def _owned_telegram(text: str, start: int) -> Pointer | None:
    """The telegram or cable at ``start`` when a possessive names whose it is."""
    match = OWNED_TELEGRAM.search(text, max(0, start - 40), start + 24)  # room to see a number
    if not match or match.start("word") != start:
        return None
    if match["word"].endswith("s") and not _ONE_OF.search(text, max(0, match.start() - 12),
                                                          match.start()):  # fmt: skip
        return None  # "our cables": a run of them, not one ("one of his cables" is one)
    owner = match["owner"]
    if owner and owner.lower() in _NOT_OWNED_BY:
        return None
    first = match.start()
    if owner == "Excellency":  # "Your Excellency’s cablegram": the addressee's, unnamed
        owner = None
        first -= 5 if text.endswith(("Your ", "your "), 0, first) else 0
    parts = {"from": owner} if owner else {}
    return Pointer("telegram", text[first : match.end()], "", first, parts)


#: words before "telegram of" that name no one ("The telegram of May 5", "His telegram")
_NOT_OWNERS = frozenset({"the", "a", "an", "his", "her", "their", "this", "that", "my", "your",
                         "our", "its", "in", "see", "same", "earlier", "later"})  # fmt: skip


def _may_locate(text: str) -> bool:
    """Whether a note can name an archival place: a parenthesis, "ibid.", a repository word or
    a lot file (what ``find_citations`` needs to find one)."""
    return (
        "(" in text
        or "bid." in text
        or " lot " in text
        or any(word in text for word in _REPOSITORY_WORDS)
    )


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


#: possessive: a parenthesis that does not close fails at once instead of being retried
_PARENTHESIS = re.compile(r"\((?:[^()]++|\([^()]*+\))*+\)")


def _prose_archival(body: str, previous: Citation | None) -> list[Pointer]:
    """An editorial note's locations, in parentheses or in its sentences ("... is maintained in
    Department of State, Conference Files: Lot 60 D 627, CF 443–447", "... are ibid., Central
    Files, 740.5"): each paragraph that names a repository (or says "ibid.") is read whole."""
    found: list[Pointer] = []
    start = 0
    for paragraph in body.split("\n"):
        if "bid." in paragraph or any(word in paragraph for word in _REPOSITORY_WORDS):
            citations = find_citations(paragraph, previous)
            for pointer in _archival(paragraph, "body", citations):
                pointer.start += start
                found.append(pointer)
            if citations:
                previous = citations[-1]
        start += len(paragraph) + 1
    return found


#: "ibid., pp. 353–361", "ibid., vol. II": the publication cited before, not an archive
_IBID_OF_PUBLICATION = re.compile(
    # "ibid., 1950, vol. i, p. 234", "ibid., March 13, 1949, p. 12"
    rf"^[Ii]bid\.,?\s*(?:(?:{_MONTH}\s+\d{{1,2}},\s*)?\d{{4}}(?:[–-]\d{{2,4}})?,\s*)?"
    r"(?:pp?\.|vol\b|volume\b|p\b|pp\b|pages?\b|Documents?\b|footnote\b)"
)


#: the Department's publications, cited as its archives are ("Department of State, Treaties
#: and Other International Acts Series No. 1797"): where a text is printed, not filed
_PUBLICATION = re.compile(
    r"Treaties and Other International Acts|Treaty Series|Department of State Bulletin"
    r"|United States Treaties|Statutes at Large|Executive Agreement Series"
)


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
        if _IBID_OF_PUBLICATION.match(citation.text) or _PUBLICATION.search(citation.text):
            continue
        parts = {
            key: value
            for key in ("repository", "collection", "file_code", "lot")
            if (value := getattr(citation, key))
        }
        if parts:
            found.append(Pointer("archival", citation.text, where, max(start, 0), parts))
    return found


def _bare_files(text: str, where: str, citations: list[Citation]) -> list[Pointer]:
    """A parenthesis that holds nothing but a Central Files designation ("Dated September 9;
    not printed. (DEF 1 THAI–US)", "(740.5/10–555)"): the Department's file, its repository
    and series left unprinted, as the editors cite one after the full form."""
    found: list[Pointer] = []
    for match in _PARENTHESIS.finditer(text):
        inner = match.group()[1:-1].strip()
        span, at = match.group(), match.start()
        if not (DECIMAL.fullmatch(inner) or SUBJECT.fullmatch(inner)):
            # "(telegram 908, 701.6191/7–3148)": the file of the telegram the parenthesis cites
            last = inner.rsplit(", ", 1)[-1]
            if last == inner or not DECIMAL.fullmatch(last) or not _CITES_TELEGRAM.match(inner):
                continue
            inner, span, at = last, last, match.end() - 1 - len(last)
        if not is_code(inner) or any(inner in citation.text for citation in citations):
            continue  # read as part of a citation already
        parts = {"repository": "Department of State", "collection": "Central Files",
                 "file_code": inner}  # fmt: skip
        found.append(Pointer("archival", span, where, at, parts))
    return found


_CITES_TELEGRAM = re.compile(r"(?:[Tt]elegrams?|[Dd]eptel|[Ee]mbtel|[Uu]rtel|[Mm]ytel)s?\s+\d")


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


#: the opening words of a cable's reference sentence: "Reference Deptel 523.", "Re Poltos 489,
#: 497, 504.", "Regarding Deptel 1602.", "References: (a) Topol 351; (b) ...", "Referring to
#: your telegram April 25, 5 p.m."
_REFERENCE_OPENING = re.compile(
    r"(?:Refs?|References?|Re|Regarding|Referring\s+to|Accord)\b[:.]?\s*(?P<rest>[^\n]{0,300}?)"
    r"(?:\.\s|\.$|\n|$)"
)
#: an airgram's reference block: "REF" on its own line, the references on the next
_REF_BLOCK = re.compile(r"(?m)^REFS?\s*\n+(?P<rest>[^\n]{1,300})")
#: where the sentence a reference opens ends: a full stop before a capital, or the line's end
_SENTENCE_END = re.compile(r"\.(?=\s+[A-Z(\[“\"]|\s*$)|\n")
#: the kinds a cable's opening sentence can answer: telegrams, and despatches by number
_ANSWERED_KINDS = frozenset({*_CABLE_KINDS, "urtel", "mytel", "memorandum"})


def _first_paragraph(body: str, opening: int) -> tuple[int, int]:
    """Where the body's first paragraph of text starts and ends, past the document's own
    numbers and any bracketed line ("[Telegram]", "[less than 1 line not declassified]")."""
    start = opening
    while True:
        while start < len(body) and body[start].isspace():
            start += 1
        end = body.find("\n", start)
        end = len(body) if end < 0 else end
        if body.startswith("[", start) and body[end - 1 : end] == "]" and end < len(body):
            start = end
            continue
        return start, end


def _reference_lines(body: str, paragraph: tuple[int, int]) -> list[tuple[int, int]]:
    """The spans of the body's reference lines: "Ref:", "Refs:" and "Reference:" wherever they
    stand, an airgram's "REF" block, and in the first paragraph a sentence opening with
    "Reference", "Re", "Regarding", "Referring to" or telegraphese "Accord" ("according to")
    (``paragraph``: its start and end)."""
    spans = [  # "Ref:", "Refs:", "Reference:": matched where the word is, not scanned for
        match.span()
        for i in _finds(body, "Ref")
        if (match := REF_LINE.match(body, i)) and (i == 0 or not body[i - 1].isalnum())
    ]
    if "REF" in body:
        spans += [match.span("rest") for match in _REF_BLOCK.finditer(body)]
    start, end = paragraph
    opening = body[start:end]
    for i in sorted([*find_all(opening, "Re"), *find_all(opening, "Accord ")]):
        at = start + i
        if (at == start or body[at - 2 : at] in (". ", "; ", ": ")) and (
            match := _REFERENCE_OPENING.match(body, at, end)
        ):
            spans.append(match.span())
    return spans


def _opening_references(
    body: str, paragraph: tuple[int, int], pointers: list[Pointer]
) -> list[tuple[int, int]]:
    """A cable's first paragraph names what it answers by opening a sentence with it: "Deptel
    213, March 12 (Gocus 625) contained ...", "Mytel 4001, August 3.", "Topol 2638. Deliver
    McCarthy nine am Jan 30. Polto 2195." (the own number, a routing line, then the reference):
    the span of each such sentence."""
    start, end = paragraph
    spans = []
    for pointer in pointers:
        at = pointer.start
        if not (start <= at < end) or pointer.kind not in _ANSWERED_KINDS:
            continue
        if pointer.kind == "memorandum" and pointer.parts.get("type") != "despatch":
            continue  # "Despatch 66", "Your despatches 714 and 723"; not a memorandum's title
        before = body[start:at].rstrip()
        if before and before[-1] != ".":  # not an item of a list: "Embtels 874, July 25; 924"
            continue
        stop = _SENTENCE_END.search(body, at + len(pointer.text), end)
        spans.append((at, stop.start() if stop else end))
    return spans


def _own_numbers_end(body: str) -> int:
    """Where the document's own numbers end at the start of its body. The first is its own
    ("229956.", "Topol 929."); a channel number after a plain one is its own too (State
    "190741. Tosec 46."), while one after a channel number is the telegram it answers
    ("Topol 929. Polto 804."). A marking line may come first ("secret us urgent niact")."""
    marking = MARKING_LINE.match(body)
    start = marking.end() if marking else 0
    run = OWN_NUMBERS.match(body, start)
    if not run:
        return 0
    tokens = list(_OWN_TOKEN.finditer(body, start, run.end()))
    if len(tokens) > 1 and not tokens[0]["name"] and tokens[1]["name"]:
        return tokens[1].end()
    return tokens[0].end() if tokens else 0


_OWN_TOKEN = re.compile(r"(?:(?P<name>[A-Z][A-Za-z]{2,7})\s+)?\d{1,6}\.")


def _scan(
    text: str, where: str, when: date | None, volume: str, frus_before: str | None = None
) -> list[Pointer]:
    """Every pointer of one text. Each pattern runs only where a cheap trigger (a literal the
    pointer must contain, found by ``str.find``) says it can match: a regular expression tried
    at every character is what made this module the slowest step of ingest."""
    found: list[Pointer] = []
    if not _hits(text):  # "Not printed.": every scanner below starts at a needle
        return found

    def add(kind: str, match: re.Match[str], parts: dict[str, str], group: int | str = 0) -> None:
        found.append(Pointer(kind, match.group(group), where, match.start(group), parts))

    # where a series number printed after a telegram's starts -> that telegram's direction and
    # post, which the series pointer read on its own shares
    same_message: dict[int, tuple[str, str | None]] = {}

    for i in _finds(text, "ootnote"):
        if i and _PAGE_THEN_NOTE.search(text, max(0, i - 16), i - 1):
            continue  # "Vol. ii, p. 28, footnote 2": the page pointer carries the note
        if i and (match := FOOTNOTE.match(text, i - 1)):
            page = None if match["document"] else NOTE_ON_PAGE.match(text, match.end())
            if page:  # "summarized in footnote 1, ibid., p. 740": a note of a printed page
                cited = list(VOLUME_NAMED.finditer(text, 0, match.start())) if page["ibid"] else []
                parts = {"target_volume": (_volume_id(cited[-1]) if cited else None) or volume,
                         "target_page": page["page"], "target_note": match["note"]}  # fmt: skip
                found.append(Pointer("page", text[match.start() : page.end()], where,
                                     match.start(), parts))  # fmt: skip
                continue
            parts = {"target_note": match["note"]}
            cited = _LAST_DOCUMENT.search(text, 0, match.start()) if match["thereto"] else None
            if cited:
                parts |= {"target_document": f"d{cited['number']}", "target_volume": volume}
            if match["relative"]:
                parts["relative"] = "previous" if match["relative"].lower() == "supra" else "next"
            if match["document"]:
                parts["target_document"] = f"d{match['document']}"
                parts["target_volume"] = volume
            elif (
                not cited
                and not match["relative"]
                and (
                    on_page := _PAGE_BEFORE_NOTE.search(
                        text, max(0, match.start() - 60), match.start()
                    )
                )
            ):  # "see telegram 140, p. 305, and footnote 1"
                parts |= {"target_page": on_page["page"], "target_volume": volume}
                if on_page["number"]:
                    parts["number"] = on_page["number"]
            add("footnote", match, parts)
    cited_volume = None  # the volume the last citation named, for "ibid., Document N"
    for i in _finds(text, "Document"):
        if match := DOCUMENT.match(text, i):
            before = None if match["years"] else VOLUME_BEFORE.search(text, max(0, i - 220), i)
            target_volume = _volume_id(before or match)
            if (
                target_volume is None
                and cited_volume
                and _IBID_BEFORE.search(text, max(0, i - 9), i)
            ):
                target_volume = cited_volume
            target_volume = target_volume or volume
            cited_volume = target_volume if target_volume != volume else cited_volume
            numbers = _SPLIT_NUMBERS.findall(match["numbers"])
            note = NOTE_AFTER.match(text, match.end()) if len(numbers) == 1 else None
            if note:  # "..., Document 334, footnote 3": the note, not the document
                first = before.start() if before else match.start()
                parts = {"target_document": f"d{numbers[0]}", "target_volume": target_volume,
                         "target_note": note["note"]}  # fmt: skip
                found.append(Pointer("footnote", text[first : note.end()], where, first, parts))
                continue
            for number in numbers:
                parts = {"target_document": f"d{number}", "target_volume": target_volume}
                add("document", match, parts)
    for needle in ("upra", "nfra"):
        for i in _finds(text, needle):
            if i and (match := RELATIVE.match(text, i - 1)):
                relative = "previous" if match["word"].lower() == "supra" else "next"
                parts = {"relative": relative, "target_volume": volume}
                sentence = _sentence_before(text, match.start())
                if _NUMBERED_RECORD.search(sentence):  # "instruction No. 224 ..., supra"
                    parts["follows"] = "cited"  # that record, printed above
                    numbers = _NUMBERS_OF_RECORDS.findall(sentence)
                    if len(numbers) == 1:  # not "Telegrams Nos. 369 and 499 printed supra"
                        parts["number"] = numbers[0]
                add("document", match, parts)
    for needle in ("p.", "a.m.", "a. m."):  # "Your January 28, 5 p.m.": a telegram by its hour
        for i in _finds(text, needle):
            if needle == "p." and text[i + 2 : i + 3] not in ("m", " "):
                continue
            hour = DATED_BY_HOUR.search(text, max(0, i - 48), i + 5)
            if hour and hour.start("m") == i:
                owner = hour["owner"].lower().removesuffix("’s").removesuffix("'s")
                parts = {"date": _iso(hour["date"], when) or "", "hour": _hour(hour),
                         "whose": owner}  # fmt: skip
                found.append(Pointer("telegram", hour.group(), where, hour.start(), parts))
    for i in _finds(text, "p."):
        ibid = _IBID_PAGE.search(text, max(0, i - 9), i + 8)
        if (
            ibid
            and ibid.start("span") == i
            and (cited := _ibid_volume(text, ibid.start(), frus_before))
        ):  # "Ibid., p. 202" after "Foreign Relations, 1924, vol. ii, p. 202"
            parts = {"target_volume": cited, "target_page": ibid["page"]}
            found.append(Pointer("page", ibid.group(), where, ibid.start(), parts))
            continue
        match = PAGE.search(text, max(0, i - 10), i + 16)
        if match and match.start("page") > i and not _PAGES_OF_RECORD.match(text, match.end()):
            add("page", match, {"target_page": match["page"]})
            _more_pages(text, match.end("page"), where, {}, found)
        match = _first_after(VOLUME_PAGES, text, max(0, i - 120), i + 20, i)
        if match:  # "Foreign Relations, 1945, vol. III, pp. 353–361"
            parts = {"target_volume": _volume_id(match) or volume}
            span = text[match.start() : match.end("page")]
            first = parts | {"target_page": match["page"]}
            found.append(Pointer("page", span, where, match.start(), first))
            if match["last"]:
                add("page", match, parts | {"target_page": match["last"]}, "last")
            _more_pages(text, match.end("page"), where, parts, found)
            continue
        series = _first_after(SERIES_PAGES, text, max(0, i - 60), i + 20, i)
        if series:
            cited = _series_volume(series, text, volume, frus_before)
            if cited:
                parts = {"target_volume": cited}
                span = text[series.start() : series.end("page")]
                found.append(Pointer("page", span, where, series.start(),
                                     parts | {"target_page": series["page"]}))  # fmt: skip
                _more_pages(text, series.end("page"), where, parts, found)
                continue
        own = OWN_PAGE.match(text, i - 2) if i >= 2 else None
        sentence = _sentence_before(text, own.start()) if own else ""
        if (
            own
            and own["mid"] is not None  # "telegram No. 982, August 29, 10 a.m., p. 146,"
            and not _DATED_RECORD_BEFORE.search(text, max(0, own.start() - 80), own.start())
        ):
            own = None
        if (
            own
            and (_NAMES_RECORD.search(sentence) or _NUMBERED_RECORD.search(sentence))
            and not _NAMES_PUBLICATION.search(sentence)
            and not _PUBLICATION_YEAR.search(text, max(0, own.start() - 8), own.start())
        ):  # "See instruction No. 631, Apr. 21, 1925, to the Chargé in Great Britain, p. 217."
            parts = {"target_page": own["page"], "target_volume": volume}
            found.append(Pointer("page", text[i : own.end("page")], where, i, parts))
    for i in _finds(text, "page "):  # "[Here follows the text ..., printed on page 228.]"
        match = PRINTED_ON_PAGE.search(text, max(0, i - 11), i + 10)
        if match and match.start("span") == i:
            add("page", match, {"target_page": match["page"], "target_volume": volume}, "span")
    for page in found:  # "Vol. ii, p. 28, footnote 2": that note of the page
        if (
            page.kind == "page"
            and "target_note" not in page.parts
            and (note := _NOTE_OF_PAGE.match(text, page.start + len(page.text)))
        ):
            page.parts["target_note"] = note["note"]
    # "telegram 5085", and a numbered "cable 2210 from Geneva" (the word before is found as
    # "elegram" is: from its second letter)
    for i in sorted([*_finds(text, "elegram"), *(c + 1 for c in _finds(text, "cable"))]):
        if i and (match := TELEGRAM.match(text, i - 1)):
            numbers = [match["number"], *_SPLIT_NUMBERS.findall(match["more"] or "")]
            direction, post, end = match["direction"], match["post"], match.end()
            # "Embassy telegram 1652": the embassy's own, an embtel; "my telegram No. 69" a mytel
            owner = _OWNER_BEFORE.search(text, max(0, i - 16), i - 1)
            kind = _WRITTEN_OUT[owner["owner"].lower()] if owner else "telegram"
            first = owner.start() if owner else match.start()
            # "circular telegram 1644": the Department's circular series, one identity with
            # "Depcirc 1644"
            circular = None if owner else _CIRCULAR_BEFORE.search(text, max(0, i - 24), i - 1)
            if circular:
                first = circular.start()
            if match["date"] and not direction and (later := _DIRECTION_AFTER.match(text, end)):
                direction, post, end = later["direction"], later["post"], later.end()
            printed = match["date"]
            if (
                not printed and not direction and len(numbers) == 1
                and (series := _SERIES_AFTER.match(text, end))
                and series["channel"] in _CHANNELS
            ):  # fmt: skip
                printed = series["date"]
                if later := _DIRECTION_AFTER.match(text, series.end()):
                    direction, post = later["direction"], later["post"]
                    same_message[series.start("channel")] = (direction, _clean_post(post))
            for number in numbers:
                parts = {"number": number}
                if direction:
                    parts["direction"] = direction
                    parts["post"] = _clean_post(post)
                    if match["to"] and direction == "from":
                        parts["to"] = match["to"]
                if printed:
                    parts["date"] = _iso(printed, when) or ""
                kept = {k: v for k, v in parts.items() if v}
                if kind == "deptel":
                    kept = {"post": "State", **kept}
                if circular:
                    kept = {"channel": "Circular", **kept}
                found.append(Pointer(kind, text[first:end], where, first, kept))
            if match["no"] and printed and len(numbers) == 1:  # "..., and No. 5, January 30"
                at = end
                while more := _TELEGRAM_MORE.match(text, at):
                    parts = {"number": more["number"], "date": _iso(more["date"], when) or ""}
                    if later := _DIRECTION_AFTER.match(text, more.end()):
                        parts |= {"direction": later["direction"],
                                  "post": _clean_post(later["post"])}  # fmt: skip
                    found.append(Pointer(kind, more["span"], where, more.start("span"),
                                         {k: v for k, v in parts.items() if v}))  # fmt: skip
                    at = more.end()
            if page := _PAGE_AFTER.match(text, end):
                parts = {"target_page": page["page"], "target_volume": volume}
                if len(numbers) == 1:  # which of the page's documents it is
                    parts["number"] = numbers[0]
                read = [p for p in found if p.kind == "page" and p.start == page.start("span")]
                if read:  # read already as a page of this volume after a record
                    read[0].parts |= parts
                else:
                    found.append(Pointer("page", page["span"], where, page.start("span"), parts))
        elif (
            i
            and (text[i - 1] in "Tt" or text.startswith("ablegram", i))
            and (dated := _dated_telegrams(text, i - 1, when))
        ):
            for pointer in dated:
                pointer.where = where
            found += dated
    for i in _finds(text, "cable"):  # "one of his cables"
        if (i and text[i - 1].isalpha()) or text[i].isupper():
            continue
        if owned := _owned_telegram(text, i):
            owned.where = where
            found.append(owned)
    for at in _finds(text, SPACE_DIGIT):
        owner_at = at - 5 if text.endswith(" Nos.", 0, at) else at  # "Embassy’s Nos. 1070"
        if text[owner_at - 2 : owner_at] in ("’s", "'s", "my", "ur", "My") and _owned_number(
            text, owner_at, where, when, found
        ):
            continue  # "Department’s 40, October 28", "my 442, October 28"
        possessive = text[at - 2 : at - 1] in ("'", "’")  # "Bonn’s 1783"
        if text[at - 3 : at] not in _NAMED_ENDS and not possessive:
            continue  # "on 12", "May 15" (cheaper than reading the word first)
        word = text[_word_start(text, at) : at]
        if word not in _NAMED_WORDS and not (word == "s" and possessive):
            continue  # "on 12", "May 15": no channel or post ("Bonn’s 1783" is read)
        if not text[at + 2 : at + 3].isdigit() and not _is_channel_word(word):
            continue  # "Secto 7": one digit, channels only
        _named_number(text, at, where, when, found)
    for needle in (" A–", " A-"):  # "Polto A–217, October 5": an airgram in a channel's series
        for at in _finds(text, needle):
            if _is_channel_word(text[_word_start(text, at) : at]):
                _named_number(text, at, where, when, found)
    for i in _finds(text, "tel"):
        start = _word_start(text, i)
        written = text[start : i + 3].lower()
        if written == "tel" and start == i and start > 1 and text[start - 1] == " ":
            _post_tels(text, start, where, found)  # "Athens tels 755, 733"
            continue
        if (written in _SHORTHANDS or (written[:2] == "re" and written[2:] in _SHORTHANDS)) and (
            match := SHORTHAND.match(text, start)
        ):
            word = match["word"].lower()
            word = _POST_OWN_SHORTHANDS.get(word, word)
            parts = {"number": match["number"]} if match["number"] else {}
            if match["date"]:
                parts["date"] = _iso(match["date"], when) or ""
            if word == "deptel":  # the Department's telegram, to the post named after it
                parts |= {
                    "post": "State",
                    **({"to": match["to"].rstrip(".")} if match["to"] else {}),
                }
            if not match["more"]:
                add(word, match, {k: v for k, v in parts.items() if v})
                continue
            # "Embtels 3182, 3188": one pointer a number, each its own span
            first_end = match.end("date") if match["date"] else match.end("number")
            found.append(Pointer(word, text[start:first_end], where, start,
                                 {k: v for k, v in parts.items() if v}))  # fmt: skip
            for more in SHORTHAND_ITEMS.finditer(text, match.start("more"), match.end("more")):
                dated = _iso(more["itemdate"], when) if more["itemdate"] else None
                item = {**parts, "number": more["item"], "date": dated}
                found.append(Pointer(word, more.group(), where, more.start(),
                                     {k: v for k, v in item.items() if v}))  # fmt: skip
    for i in _finds(text, "epartment"):
        if i and (match := DEPARTMENTS.match(text, i - 1)):
            add("post_number", match, {"post": "State", "number": match["number"]})
    _scan_memoranda(text, where, when, found)
    if "epeated" in text or "rptd" in text:
        _repeats_cited(text, found)
    if same_message:  # "telegram 166, Usgoc 334, March 15, 11 a.m., to Batavia": both to Batavia
        for pointer in found:
            if pointer.kind == "channel" and pointer.start in same_message:
                direction, post = same_message[pointer.start]
                pointer.parts.setdefault("direction", direction)
                if post:
                    pointer.parts.setdefault("post", post)
    return found


#: a repeat's words before a post and number: "Topol 2638, repeated Helsinki 523", "Ref Deptel
#: 2252 June 22 rptd info London 6062", "Sent Department 946, repeated Baghdad 112"
_REPEATED_BEFORE = re.compile(r"\b(?:[Rr]epeated|[Rr]ptd)(?:\s+(?:info|to))?\s+$")
_SENT_BEFORE = re.compile(r"\bSent\s+(?:Department|Dept)\b")


def _repeats_cited(text: str, found: list[Pointer]) -> None:
    """A post and number after "repeated" is the number the repeat to that post went out
    under, in the series of whoever sent it: "Topol 2638, repeated Helsinki 523" is the
    Department's 523 to Helsinki (``post`` State, ``to`` Helsinki), as the Helsinki embassy
    cites it ("Deptel 523"); a post's closing "Sent Department 946, repeated Baghdad 112" is
    the post's own 112 to Baghdad (``post`` Embassy: the citing telegram's own)."""
    for pointer in found:
        if pointer.kind != "post_number" or pointer.parts.get("post") in ("State", "Embassy"):
            continue
        if not _REPEATED_BEFORE.search(text, max(0, pointer.start - 20), pointer.start):
            continue
        cited = [
            q for q in found
            if q.kind in _CABLE_KINDS and q.start < pointer.start
            and 0 <= pointer.start - (q.start + len(q.text)) <= 80
            and ". " not in text[q.start + len(q.text) : pointer.start]
        ]  # fmt: skip
        if cited:
            sender = _sender(cited[-1])
        elif _SENT_BEFORE.search(text, max(0, pointer.start - 60), pointer.start):
            sender = "Embassy"  # the closing line of the citing post's own telegram
        else:
            sender = None
        if sender:
            pointer.parts["to"], pointer.parts["post"] = pointer.parts["post"], sender


def _sender(pointer: Pointer) -> str | None:
    """Who sent the telegram ``pointer`` cites, as far as the citation says."""
    parts = pointer.parts
    if pointer.kind == "deptel" or parts.get("post") == "State":
        return "State"
    if pointer.kind == "channel":  # "Topol", "Tosec": from Washington; "Polto" from the field
        return "State" if parts.get("channel", "").startswith("To") else None
    if pointer.kind == "post_number" or parts.get("direction") == "from":
        return parts.get("post")
    return None


#: the word before a number that may make it a channel or post telegram: a channel, its
#: plural ("Poltos 513 and 518"), a post, or a post's last word ("The Hague 4923")
_NAMED_WORDS = frozenset(
    [*_CHANNELS, *(channel + "s" for channel in _CHANNELS), *_POSTS,
     *(post.rsplit(" ", 1)[-1] for post in _POSTS), "Circular"]
)  # fmt: skip

#: their last three letters (every one has three or more)
_NAMED_ENDS = frozenset(word[-3:] for word in _NAMED_WORDS)


def _is_channel_word(word: str) -> bool:
    """A channel's name or its plural ("Polto", "Poltos")."""
    return word in _CHANNELS or (word.endswith("s") and word[:-1] in _CHANNELS)


_SHORTHANDS = frozenset(
    {"deptel", "embtel", "contel", "legtel", "reftel", "septel", "urtel", "mytel"}
)
#: a consulate's and a legation's own telegrams ("Contel 539", "Legtel 88") are the post's own,
#: as an embassy's "Embtel" is
_POST_OWN_SHORTHANDS = {"contel": "embtel", "legtel": "embtel"}

_TWO_WORD_FIRST = ("The ", "Tel ", "New ", "Buenos ", "Addis ", "La ", "Phnom ", "San ",
                   "Santo ", "Ciudad ", "Cape ", "Hong ", "Kuala ", "Port ", "Fort ", "Abu ",
                   "Ulan ")  # fmt: skip


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
    lead = start  # where the span begins: "Dept Circular 1644" (not a bare "Circular 175")
    if name == "Circular" and (
        department := _DEPARTMENT_BEFORE.search(text, max(0, start - 16), start)
    ):
        channel, lead = "Circtel", department.start()
    if channel not in _CHANNELS and name not in _POSTS:
        return
    match = NAMED_NUMBER.match(text, start)
    if not match or match["name"] != name:
        return
    numbers = _SERIES_NUMBERS.findall(match["numbers"])
    dated = {"date": _iso(match["date"], when) or ""} if match["date"] else {}
    if channel in _CHANNELS and match["post"] in _POSTS:  # "Polto 2341 from Paris, February 4"
        dated |= {"direction": match["direction"], "post": match["post"]}
    elif match["direction"]:  # "Tosec 45 from Rusk": a person, not a post; the span stops
        match = NAMED_NUMBER_ALONE.match(text, start) or match
    if channel in _CHANNELS:
        channel = CHANNEL_NAMES.get(channel, channel)  # "Depcirc 1644": the channel "Circular"
        for number in numbers:
            found.append(Pointer("channel", text[lead : match.end()], where, lead,
                                 {"channel": channel, "number": number, **dated}))  # fmt: skip
    elif numbers[0][0] == "A":  # a post's own airgram series ("London A–57"): not a telegram
        return
    elif len(numbers[0]) >= 2 and not _is_year_or_date(text, match, numbers[0]):
        single = re.match(r"\s*\d+", match["numbers"])
        end = match.start("numbers") + (single.end() if single else 0)
        parts = {"post": name, "number": numbers[0], **(dated if len(numbers) == 1 else {})}
        found.append(Pointer("post_number", text[start:end], where, start, parts))
        if all(len(number) >= 3 and number[0] != "A" for number in numbers):  # "Bonn’s 1650"
            for more in list(_SPLIT_NUMBERS.finditer(match["numbers"]))[1:]:
                at = match.start("numbers") + more.start()
                found.append(Pointer("post_number", more.group(), where, at,
                                     {"post": name, "number": more.group()}))  # fmt: skip


#: a telegram named by whose it is and its number, as the 1910s to the 1950s cite the one
#: answered: "Department’s 368, October 21, 6 p.m.", "Embassy’s Nos. 1070 and 1071", "my 442,
#: October 28"; a date or the word "Nos." must follow or come between ("my 442" alone, "the
#: Department’s 1950 budget" are not telegrams; "Embassy’s No. 831" is mostly a despatch)
OWNED_NUMBER = re.compile(
    r"(?P<owner>Department|Embassy|Legation|[Mm]y|[Yy]our)(?:['’]s)?\s+(?P<nos>Nos\.\s*)?"
    r"(?P<number>\d{1,6})(?![\d/]|[.,]\d)(?P<more>(?:\s*(?:,|and)\s*\d{2,6}(?![\d/]|[.,]\d))*)"
    rf"(?:,\s*(?P<date>{_DATE}))?"
)
_OWNED_KINDS = {"department": "post_number", "embassy": "post_number",
                "legation": "post_number", "my": "mytel", "your": "urtel"}  # fmt: skip


def _owned_number(
    text: str, space: int, where: str, when: date | None, found: list[Pointer]
) -> bool:
    """A telegram after its owner ("Department’s", "Embassy’s", "my", "your") at ``space``."""
    possessive = text[space - 1] == "s" and text[space - 2] in "'’"
    start = _word_start(text, space - 2 if possessive else space)  # "Department’s", "my"
    match = OWNED_NUMBER.match(text, start)
    if not match or not (match["date"] or (match["nos"] and match["owner"][0].isupper())):
        return False
    kind = _OWNED_KINDS[match["owner"].lower()]
    numbers = numbered_list(match)
    for k, (first, last, number) in enumerate(numbers):
        parts = {"number": number}
        if kind == "post_number":  # the Department's, or the citing telegram's embassy's
            owner = match["owner"]
            parts = {"post": "State" if owner == "Department" else owner, **parts}
        if match["date"] and k == len(numbers) - 1:
            parts["date"] = _iso(match["date"], when) or ""
        found.append(Pointer(kind, text[first:last], where, first, parts))
    return True


#: a post's telegrams in telegraphese: "Athens tels 755, 733, 732, 609", "Ankara tel 338"
POST_TELS = re.compile(
    r"tels?\s+(?P<numbers>\d{1,6}(?:\s*,\s*(?:and\s+)?\d{1,6}|\s+and\s+\d{1,6})*)\b(?![.,/]\d)"
)


def _post_tels(text: str, start: int, where: str, found: list[Pointer]) -> None:
    """Telegrams from the post named before "tel"/"tels" at ``start``, one pointer a number."""
    post_start = _word_start(text, start - 1)
    post = text[post_start : start - 1]
    for first in _TWO_WORD_FIRST:  # "The Hague tels"
        if text.startswith(first, post_start - len(first)) and (first + post) in _POSTS:
            post_start -= len(first)
            post = first + post
            break
    if post not in _POSTS or not (match := POST_TELS.match(text, start)):
        return
    for k, number in enumerate(_SPLIT_NUMBERS.finditer(match["numbers"])):
        at = match.start("numbers") + number.start()
        first = post_start if k == 0 else at
        parts = {"number": number.group(), "direction": "from", "post": post}
        found.append(Pointer("telegram", text[first : at + len(number.group())], where, first,
                             parts))  # fmt: skip


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
    kept_at: dict[str, list[Pointer]] = {}
    archival = [(p.where, p.start, p.start + len(p.text)) for p in found if p.kind == "archival"]
    for pointer in sorted(found, key=lambda p: (PRIORITY.get(p.kind, 9), p.start)):
        if pointer.kind == "memorandum" and any(  # "Tom Johnson's Notes of Meetings": a file
            where == pointer.where and start <= pointer.start < end
            for where, start, end in archival
        ):
            continue
        end = pointer.start + len(pointer.text)
        here = kept_at.setdefault(pointer.where, [])  # only pointers of one place can clash
        clash = pointer.kind != "archival" and any(
            other.kind != "archival"
            and other.start < end
            and pointer.start < other.start + len(other.text)
            # one list read twice ("Documents 322 and 325": one text, two targets) is kept; the
            # same pointer read by two patterns is not ("Document 8 and footnote 3 thereto")
            and not (
                other.kind == pointer.kind
                and other.text == pointer.text
                and other.parts != pointer.parts
            )
            for other in here
        )
        if not clash:
            kept.append(pointer)
            here.append(pointer)
    return sorted(kept, key=lambda p: (_note_order(p.where), p.start, PRIORITY.get(p.kind, 9)))


_WHERE_ORDER = {"body": -1, "heading": -2}
_NOT_DIGITS = re.compile(r"\D")


def _first_after(
    pattern: re.Pattern[str], text: str, start: int, end: int, i: int
) -> re.Match[str] | None:
    """The first match of ``pattern`` in ``text[start:end]`` whose page comes after ``i`` (the
    "p." being read; an earlier citation in the window is not this one)."""
    for match in pattern.finditer(text, start, end):
        if match.start("page") > i:
            return match
    return None


def _more_pages(
    text: str, position: int, where: str, parts: dict[str, str], found: list[Pointer]
) -> None:
    """The pages listed after a cited page of the same volume ("pp. 817 ff. and 1259 ff.")."""
    while more := MORE_PAGES.match(text, position):
        found.append(Pointer("page", more["page"], where, more.start("page"),
                             parts | {"target_page": more["page"]}))  # fmt: skip
        position = more.end()


_YEARS_BEFORE = re.compile(r"\d{4}(?:[–-]\d{2,4})?,\s*$")
_SERIES_YEARS = re.compile(r"^frus(?P<years>\d{4}(?:-\d{2})?)")


def _series_volume(
    match: re.Match[str], text: str, volume: str, frus_before: str | None = None
) -> str | None:
    """The volume ``SERIES_PAGES`` names: of the citing volume's years, or (after "ibid.") of
    the years it prints when a Foreign Relations citation comes before it in the note, or
    ends the note before (``frus_before``)."""
    if match["ibid"]:
        if not VOLUME_NAMED.search(text, 0, match.start()) and not (
            frus_before and not _CITED_BEFORE.search(text, 0, match.start())
        ):
            return None  # "ibid." of some other publication
        return _volume_id(match)
    if VOLUME_BEFORE.search(text, max(0, match.start() - 220), match.start() + 1):
        return None  # the years were printed before: VOLUME_PAGES reads it
    if _YEARS_BEFORE.search(text, max(0, match.start() - 14), match.start()):
        return None  # "Documents on Disarmament, 1962, vol. I": another series' volume
    if _OTHER_SERIES_BEFORE.search(text, max(0, match.start() - 40), match.start()):
        return None  # "League of Nations Treaty Series, vol. cciv, p. 353"
    if _roman(match["roman"]) > _MOST_VOLUMES:
        return None
    own = _SERIES_YEARS.match(volume)
    return _volume_name(own["years"], match["roman"], match["part"]) if own else None


#: a series of another publisher named just before its volume
_OTHER_SERIES_BEFORE = re.compile(
    r"(?:Treaty Series|Statutes at Large|Stat\.|Parliamentary Papers|Bulletin|Cmd\.|Hansard"
    r"|Debates|Documents on [A-Z][\w ]+|Treaties[\w ,]*),\s*$"
    # any title's last word ("British and Foreign State Papers, vol. cxliv"), not "Foreign
    # Relations, vol. iv" (the series itself)
    r"|\b(?!Relations)[A-Z][a-z][\w’'-]*,\s*$"
)
#: more volumes than any year or span of the series has (1969–1976 has 38 and its e-volumes):
#: "vol. cxliv" is another publication's
_MOST_VOLUMES = 60

#: "Ibid., p. 202": a page of the publication cited just before
_IBID_PAGE = re.compile(r"(?<![\w.])[Ii]bid\.,\s+(?P<span>pp?\.\s*(?P<page>\d{1,4}))\b")

#: a citation of another kind between a Foreign Relations volume and an "ibid." (which then
#: repeats that one): a parliamentary paper, a treaty series, an archive
_CITED_BEFORE = re.compile(
    r"Cmd\.|Parliamentary|Bulletin|Treaty Series|League of Nations|Papers|Documents on"
    r"|Statutes|Department of State,|National Archives|Library|[Ff]ile|lot\s"
)


def _ibid_volume(text: str, at: int, frus_before: str | None) -> str | None:
    """The Foreign Relations volume an "ibid." at ``at`` repeats: the last one the note names
    before it, or the one the previous note ended on, when no other citation comes between."""
    named = list(VOLUME_NAMED.finditer(text, 0, at))
    if named:
        last = named[-1]
        return None if _CITED_BEFORE.search(text, last.end(), at) else _volume_id(last)
    return None if not frus_before or _CITED_BEFORE.search(text, 0, at) else frus_before


def _last_frus(in_note: list[Pointer], volume: str) -> str | None:
    """The Foreign Relations volume a note's last citation names (for an "ibid." in the next
    note), when that last citation is one; None when the note ends on anything else."""
    last = max(in_note, key=lambda p: p.start, default=None)
    if last is None or last.kind not in ("page", "document", "footnote"):
        return None
    cited = last.parts.get("target_volume")
    return cited if cited and cited != volume else None


def _sentence_before(text: str, end: int) -> str:
    """The sentence that ends at ``end``, from its start (an abbreviation's period or an
    initial ends none)."""
    position = end
    while True:
        stop = max(text.rfind(". ", 0, position), text.rfind("; ", 0, position))
        if stop < 0:
            return text[:end]
        word = text[_word_start(text, stop) : stop]
        abbreviated = word.lower() in ABBREVIATIONS or len(word) == 1 or "." in word
        if text[stop] == ";" or not abbreviated:  # "Nov. 18", "Mr. Bruce", "U.S. policy"
            return text[stop + 2 : end]
        position = stop


@lru_cache(maxsize=512)
def _note_order(where: str) -> int:
    order = _WHERE_ORDER.get(where)
    if order is not None:
        return order
    digits = _NOT_DIGITS.sub("", where)
    return int(digits) if digits else 0


def _volume_id(match: re.Match[str]) -> str | None:
    """``Document 60 in FRUS 1964–1968, vol. XVII`` → ``frus1964-68v17``; ``Foreign Relations,
    1910, p. 438`` → ``frus1910``."""
    single = match.groupdict().get("single_year")
    if single:
        return f"frus{single}"
    if not match["years"]:
        return None
    years = match["years"].replace("–", "-")
    if "-" in years:
        first, last = years.split("-", 1)
        years = f"{first}-{last[-2:]}"
    return _volume_name(years, match["roman"], match["part"])


def _volume_name(years: str, roman: str, part: str | None) -> str:
    """ "1952-54", "xi", "1" → ``frus1952-54v11p1``."""
    suffix = f"p{part}" if part else ""
    return f"frus{years}v{_roman(roman):02d}{suffix}"


def _roman(text: str) -> int:
    text = text.upper()
    total = 0
    for index, letter in enumerate(text):
        value = _ROMAN[letter]
        following = _ROMAN[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total


#: a sentence's full stop inside a post's name as the pattern took it: "Batavia. See", "Batavia."
#: (not "St. Petersburg", "U.S.")
_POST_SENTENCE_END = re.compile(r"(?<=[a-z]{3})\.(?:\s.*)?$")


def _clean_post(post: str | None) -> str:
    """The post a citation names, as the series' cities name it: "the Chargé in Bolivia" is
    La Paz, "the Embassy in France" Paris (a country whose mission moved keeps its name)."""
    if not post:
        return ""
    post = re.sub(r"^the\s+", "", post.strip())
    post = _POST_SENTENCE_END.sub("", post)
    post = re.sub(r"\s+(?:on|of|in|and)$", "", post)
    return office_city(post) or post


_MONTH_AT_END = re.compile(rf"{_MONTH}\s*$")
_PLACE_WORD_AT_END = re.compile(r"\b(?:in|at|from|to)\s+$")
_PARENTHESIS_NEXT = re.compile(r"\s*\(")


#: a unit after a number: a quantity, not a telegram
_QUANTITY_NEXT = re.compile(
    r"\s*(?:%|percent\b|per\s+cent\b|miles?\b|kilometers?\b|km\b|tons?\b|men\b|troops\b"
    r"|million\b|thousand\b|hundred\b|billion\b|dollars\b|hours?\b|days?\b|years?\b)"
)


def _is_year_or_date(text: str, match: re.Match[str], number: str) -> bool:
    """ "London 1968" in prose, or "Paris 14" as a day: not a telegram."""
    before = text[max(0, match.start() - 12) : match.start()]
    if _MONTH_AT_END.search(before) or _PLACE_WORD_AT_END.search(before):
        return len(number) <= 2 or (len(number) == 4 and number.startswith(("18", "19", "20")))
    if _QUANTITY_NEXT.match(text, match.end()):
        return True  # "Singapore 25 percent", "Panama 12 miles"
    return (
        len(number) == 4
        and number.startswith("19")
        and not _PARENTHESIS_NEXT.match(text, match.end())
    )
