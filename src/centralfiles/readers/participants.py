"""A memorandum of conversation's participants list, as printed: one ``Participant`` per
person, with the role printed after the name and the side (the group heading) they are listed
under.

Read from TEI ``list type="participants"`` (items; a side is a nested list's head, or an item
that is only an italic or colon-ended group name: "US", "France", "U.K:") and from plain text
(the lines after a "Participants:" line, up to a blank line). The split of an entry is the
printed one: the name runs to the first comma ("M. Claude Lebel, Minister, French Embassy"),
or to a dash when there is no comma ("Mr. Martin J. Hillenbrand—GER"); a comma before "Jr."
or "Sr." belongs to the name.
"""

from __future__ import annotations

import re

from lxml import etree

from centralfiles.model import Participant
from centralfiles.readers.textbuilder import normalise_space

TEI = "{http://www.tei-c.org/ns/1.0}"
_TITLE_WORDS = (
    r"Ambassador|Minister|Advis[eo]r|Secretary|Counsel(?:l)?or|Director|Chairman|Representative"
    r"|Chargé(?: d’Affaires)?|Consul|President|Chancellor|Assistant|Deputy|Under Secretary"
)
_TITLE_ONLY = re.compile(rf"^(?:[A-Z][\w’'-]*\s+){{0,4}}(?:{_TITLE_WORDS})$")
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Baron|Count|M|Mme|Amb|Gen|Adm)\.?\s")
#: a person's name: an honorific and names, or two to four capitalised words
_A_NAME = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Baron|Count|M|Mme)\.?\s+)?"
    r"[A-Z][\w.’'-]*(?:\s+(?:de|van|von|du|da)?\s*[A-Z][\w.’'-]*){1,3}"
)
_OFFICE = re.compile(r"[A-Z][A-Z/&–-]{0,9}")
_SUFFIX = re.compile(r"^(?:Jr|Sr|II|III|IV)\.?(?=,|$)")
_HEADS = re.compile(r"(?i)^(?:participants|others\s+present|present|also\s+present)\s*:?$")


def split_entry(text: str) -> tuple[str, str | None]:
    """ "M. Claude Lebel, Minister, French Embassy" -> ("M. Claude Lebel", "Minister, French
    Embassy")."""
    text = normalise_space(text).strip(" ;.")
    dash = text.find("—")
    comma = text.find(", ")
    if dash > 0 and (comma < 0 or dash < comma):
        before, after = text[:dash].strip(), text[dash + 1 :].strip()
        if _OFFICE.fullmatch(before):  # "EUR—Mr. Merchant": the office printed first
            return after, before
        return before, after or None  # "Sir David Eccles—President, British Board of Trade"
    at = comma
    while at >= 0 and _SUFFIX.match(text[at + 2 :]):
        at = text.find(", ", at + 2)
    if at >= 0:
        first, rest = text[:at].strip(), text[at + 2 :].strip()
        if _TITLE_ONLY.search(first) and not _HONORIFIC.match(first) and _A_NAME.fullmatch(rest):
            return rest, first  # "Belgian Ambassador, Baron Silvercruys": the title first
        return first, rest or None
    for dash in ("—", " – ", " - "):
        if dash in text:
            name, role = text.split(dash, 1)
            return name.strip(), role.strip() or None
    return text, None


def tei_participants(div: etree._Element) -> list[Participant]:
    """The participants of a document ``div`` (outside its notes); [] when it prints none."""
    found: list[Participant] = []
    for listing in div.iter(f"{TEI}list"):
        if listing.get("type") != "participants" or _in_note(listing):
            continue
        _read_list(listing, None, found)
    if not found:  # older volumes print the list as a table: "Participants:" | names
        for table in div.iter(f"{TEI}table"):
            if not _in_note(table):
                found += _table_participants(table)
    return found


def _table_participants(table: etree._Element) -> list[Participant]:
    rows = [row for row in table if row.tag == f"{TEI}row"]
    cells = [[cell for cell in row if cell.tag == f"{TEI}cell"] for row in rows]
    if not cells or not cells[0] or not _HEADS.match(_text(cells[0][0])):
        return []
    found = []
    for row in cells:
        if len(row) < 2:
            continue
        if row[0] is not cells[0][0] and _text(row[0]):
            break  # another labelled block ("Subject:") ends the list
        text = _text(row[-1])
        if text:
            found.append(Participant(*split_entry(text)))
    return found


def _read_list(listing: etree._Element, side: str | None, found: list[Participant]) -> None:
    carried = ""  # an entry printed over two items: "Benson E. L. Timmons, Advisor," "USDel, UNGA"
    for item in listing:
        if item.tag == f"{TEI}head" and listing.get("type") != "participants":
            side = _text(item).rstrip(":") or side
        if item.tag != f"{TEI}item":
            continue
        nested = item.find(f"{TEI}list")
        if nested is not None:
            head = nested.find(f"{TEI}head")
            _read_list(nested, _text(head).rstrip(":") if head is not None else side, found)
            continue
        text = _text(item)
        if not text or _HEADS.match(text):
            continue
        if _is_side(item, text) and not carried:
            side = text.rstrip(":").strip()
            continue
        text = f"{carried} {text}".strip() if carried else text
        if text.endswith(","):
            carried = text
            continue
        carried = ""
        name, role = split_entry(text)
        found.append(Participant(name, role, side))
    if carried:
        found.append(Participant(*split_entry(carried), side))


def _is_side(item: etree._Element, text: str) -> bool:
    """A group name printed as an item of its own: all in italics ("US", "France"), or short
    and ending with a colon ("U.K:", "United States:")."""
    if "," in text or len(text) > 40:
        return False
    if text.endswith(":"):
        return True
    children = [child for child in item if isinstance(child.tag, str)]
    own = (item.text or "").strip() or any((child.tail or "").strip() for child in children)
    return (
        len(children) == 1 and children[0].tag == f"{TEI}hi"
        and "italic" in (children[0].get("rend") or "") and not own
    )  # fmt: skip


def _text(elem: etree._Element) -> str:
    parts = [elem.text or ""]
    for child in elem:
        if child.tag != f"{TEI}note" and child.tag != f"{TEI}pb":
            parts.append(_text(child))
        parts.append(child.tail or "")
    return normalise_space("".join(parts))


def _in_note(elem: etree._Element) -> bool:
    parent = elem.getparent()
    while parent is not None:
        if parent.tag == f"{TEI}note":
            return True
        parent = parent.getparent()
    return False


#: a group name alone on a line of a plain-text list: one word or abbreviation ("US", "U.S.",
#: "France", "State"), or a country of two words
_GROUP_LINE = re.compile(  # not a heading in capitals ("SUBJECT"): abbreviations are short
    r"(?:[A-Z][a-z.][a-z.]{0,13}|[A-Z]{2,5}|[A-Z]\.[A-Z]\.(?:[A-Z]\.)?|United States|Soviet Union"
    r"|United Kingdom|Federal Republic|West Germany|South Africa|New Zealand)"
)
#: "Participants:" (entries may follow on the line), or a line that is only "OTHERS PRESENT",
#: "Also present:" or "Present:" (1950s conferences with the President print only those)
_TEXT_HEAD = re.compile(
    r"(?im)^[ \t]*(?:participants[ \t]*:?|(?:(?:others|also)[ \t]+)?present(?=[ \t]*:|[ \t]*$)"
    r"[ \t]*:?)[ \t]*(?:\|[ \t]*)?(?=\S|$)"
)
#: a table row as the text edition prints it: cells joined by "|"
_CELL_BAR = re.compile(r"^\|\s*")
_SENTENCE = re.compile(r"[a-z]{4,}[.;!?]\s+[A-Z][a-z]")
#: a line that ends as a sentence ends (a footnote marker may follow); a short one ending in a
#: name is the list's last entry ("Mr. Duggan.")
_SENTENCE_END = re.compile(r"[a-z]{4,}[.!?][”\"’]?\d{0,3}$")
_ENTRY_WORDS = 4
#: a name before the first comma: "Lawrence S. Eagleburger", "Frank G. Wisner III"
_NAME_HEAD = re.compile(
    r"^(?:[A-Z][\w.’'-]*|de|da|van|von|der|du|la|le)"
    r"(?:\s+(?:[A-Z][\w.’'-]*|de|da|van|von|der|du|la|le)){0,5},"
)
_LONG_ENTRY = 320


def _prose(line: str) -> bool:
    """Whether a line is the memorandum's text rather than one more entry.

    An entry that is a name and a role may be long and hold abbreviations and semicolons
    ("Amb. Holsey Handyside, Dep. Ass’t. Secretary for Internat. Programs"); it is text only
    when it ends as a sentence does. Any other line is text when it holds sentences.
    """
    words = line.split()
    ends_as_sentence = bool(_SENTENCE_END.search(line)) and (
        len(words) > _ENTRY_WORDS or words[-1][:1].islower()  # "The Secretary opened."
    )
    if _NAME_HEAD.match(line) and len(line) <= _LONG_ENTRY:
        return ends_as_sentence
    return ends_as_sentence or len(line) > 160 or bool(_SENTENCE.search(line))


def text_participants(text: str) -> list[Participant]:
    """The participants a plain-text memorandum prints under a "Participants" line: one entry
    per line or per paragraph, a side as a short line ending with a colon, up to the first
    line that reads as prose (long, or sentences) or the next heading ("SUBJECT")."""
    match = _TEXT_HEAD.search(text)
    if not match:
        return []
    found: list[Participant] = []
    side: str | None = None
    pending = ""  # an entry broken after a comma: "Benson E. L. Timmons, Advisor," "USDel, UNGA"
    for raw in text[match.end() :].split("\n"):
        line = _CELL_BAR.sub("", raw.strip())  # "Participants: | Secretary of State", "| Mr. X"
        if not line:
            continue
        if pending:
            line, pending = f"{pending} {line}", ""
        elif line.endswith(",") and len(line) <= 160:
            pending = line
            continue
        if _HEADS.match(line):  # a second list: "PARTICIPANTS" ... "OTHERS PRESENT"
            side = None
            continue
        if (len(line) <= 40 and "," not in line and line.endswith(":")) or _GROUP_LINE.fullmatch(
            line
        ):  # "USSR:", or a group printed alone on its line (italic in print): "US", "France"
            side = line.rstrip(":").strip()
            continue
        if _prose(line) or (line.isupper() and len(line) > 3):
            break  # the text of the memorandum, or its next heading
        name, role = split_entry(line)
        found.append(Participant(name, role, side))
    if pending:
        found.append(Participant(*split_entry(pending.rstrip(",")), side))
    return found
