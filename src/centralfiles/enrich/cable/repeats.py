"""A telegram's other numbers: the posts it was also sent or repeated to, under which number.

The Department numbered each telegram in the series of the post it went to, so one message
sent to Moscow and repeated to Helsinki is two telegrams, and the posts cite it by the number
they received ("Deptel 523"). Source notes and the notes on a heading say so:

- "Repeated to Helsinki as telegram 523." / "Sent to Paris as 1234 and repeated to London as
  567." / "Also sent to Bonn as Tosec 12." (a post, then its number);
- "Repeated as 212 to The Hague, 290 to Brussels, and 831 to London" (a number, then its post);
- "Repeated in telegram 160, Usgoc 331, March 11, 6 p. m., to Batavia." (the 1940s editors'
  form: the numbers, the date, the post).

Only a sentence (or a part between semicolons) that opens with its verb is read, so a note
citing another telegram ("Telegram 1152 to Athens, repeated to London as telegram 2321") gives
this document no number. Pure: no I/O.
"""

from __future__ import annotations

import re
from datetime import date

from centralfiles.enrich.cable.caption import CHANNELS
from centralfiles.enrich.cable.text import MONTH_NUMBERS, normalise, split_sentences
from centralfiles.model import Repeat

#: who repeated a telegram the Department received (``Repeat.by``)
DEPARTMENT = "Department of State"

_VERB = re.compile(r"(?i)\b(?:repeated|sent|transmitted)\b")
#: a part of a note that hands the message on: "Repeated ...", "Also sent ...", "and repeated"
_OPENS = re.compile(r"(?i)^(?:and\s+)?(?:also\s+)?(?:repeated|sent|transmitted)\b")
#: a post as notes name it: "Helsinki", "The Hague", "New Delhi", "Rio de Janeiro", "USUN"
_POST = (
    r"(?!(?:Repeated|Sent|Also|Transmitted|Telegram|No)\b)"
    r"(?:[Tt]he\s+)?[A-Z][\w’'.-]*(?:\s+(?:de\s+|da\s+|la\s+|el\s+)?[A-Z][\w’'.-]*){0,3}"
)
_NUMBER = r"(?:(?:circular\s+)?(?:telegram|tel|cable)\s+|No\.\s*)?(?P<number>\d{1,6})\b"
#: "Helsinki as telegram 523", "Bonn as Tosec 12"
_POST_AS = re.compile(
    rf"\b(?P<post>{_POST})\s+as\s+(?:(?P<channel>[A-Z][a-z]{{2,6}})\s+(?=\d))?{_NUMBER}"
)
#: "as 212 to The Hague", ", 290 to Brussels", "and 831 to London"
_NUMBER_TO = re.compile(
    rf"(?:\bas\s+|,\s*(?:and\s+)?|\s+and\s+){_NUMBER}\s+to\s+(?P<post>{_POST})(?=[\s,.;“\"]|$)"
)
_MONTH = f"(?:{'|'.join(MONTH_NUMBERS)})"
#: "in telegram 160, Usgoc 331, March 11, 6 p. m., to Batavia", "in airgram A–216, June 22, to
#: The Hague" (an airgram's number kept as printed, as pointers keep "Polto A–217")
_IN_TELEGRAM = re.compile(
    r"\bin\s+(?:(?:telegram|tel|cable)\s+(?P<number>\d{1,6})|airgram\s+(?P<airgram>A[–-]\d{1,6}))"
    rf"(?:,\s*(?!{_MONTH}\b)(?P<channel>[A-Z][a-z]{{2,6}})\s+(?P<second>\d{{1,6}}))?"
    rf"(?:,\s*(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?)?"
    r"(?:,\s*(?:\d{1,2}(?::\d\d)?\s*[ap]\.\s?m\.|noon|midnight))?"
    rf",?\s+to\s+(?P<post>{_POST})"
)


def _parts(note: str) -> list[str]:
    """The sentences of ``note`` cut at semicolons, each stripped."""
    return [
        part.strip()
        for sentence in split_sentences(normalise(note))
        for part in sentence.split(";")
        if part.strip()
    ]


_ARTICLE = re.compile(r"^[Tt]he\s+(?!Hague\b)")
#: the items of a closing line's list: "Baghdad 4, Jidda 2", "London 3 and Paris 7"
_ITEMS = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _post(printed: str) -> str:
    return _ARTICLE.sub("", printed.rstrip(".,"))


def _channel(word: str | None) -> str | None:
    return word if word and word in CHANNELS else None


def _dated(month: str | None, day: str | None, year: str | None, when: date | None) -> str | None:
    """The ISO date of "March 11" in the year given, else the document's (a repeat goes out
    within days of its telegram: "January 2" after a December 31 telegram is the next year)."""
    if not month or not day:
        return None
    number = MONTH_NUMBERS[month]
    if year:
        chosen = int(year)
    elif when is not None:
        chosen = when.year + (1 if number < when.month - 6 else 0)
    else:
        return None
    try:
        return date(chosen, number, int(day)).isoformat()
    except ValueError:
        return None


#: a post's telegram's last line, its own numbers: "Sent Department 97, repeated Baghdad 4,
#: Jidda 2.", "Sent Department; repeated The Hague as 20.", "Sent Department 3 [7?], repeated
#: London 3.", "Sent Dept 946, repeated Baghdad 112, Jidda 74."
_SENT_DEPARTMENT = re.compile(
    r"\bSent\s+(?:to\s+(?:the\s+)?)?(?:Department|Dept\.?)(?:\s+(?:as\s+)?\d{1,6})?"
    r"(?:\s*\[[^\]]{0,12}\])?"
    r"\s*[,;]\s*(?:and\s+)?(?:repeated|repeat)\s+(?:to\s+)?(?P<items>[^.]{3,200})"
)
_POST_NUMBER = re.compile(rf"(?P<post>{_POST})\s+(?:as\s+)?(?:No\.\s*)?(?P<number>\d{{1,6}})\b")
#: how far from the end of a text its closing line is looked for
_CLOSING_CHARS = 600


def closing_repeats(text: str) -> list[Repeat]:
    """The numbers a post's telegram's closing line gives its repeats ("Sent Department 97,
    repeated Baghdad 4, Jidda 2." -> Baghdad 4, Jidda 2), in order."""
    tail = text[-_CLOSING_CHARS:]
    if "Sent" not in tail or "epeat" not in tail:
        return []
    found = []
    for match in _SENT_DEPARTMENT.finditer(tail):
        for item in _ITEMS.split(match["items"]):
            numbered = _POST_NUMBER.fullmatch(item.strip())
            if numbered:
                found.append(Repeat(numbered["number"], _post(numbered["post"])))
    return found


def read_repeats(
    notes: list[str],
    when: date | None = None,
    own: str | None = None,
    *,
    sent_by_department: bool = False,
) -> list[Repeat]:
    """The numbers ``notes`` (a document's source note and the notes on its heading) say the
    document also went out under, in order; ``when`` is its date, ``own`` its own number (a
    repeat that is only the document's own number to its own post is left out), and
    ``sent_by_department`` whether the Department sent it (and so repeated it itself)."""
    found: list[Repeat] = []
    for note in notes:
        if not _VERB.search(note):  # most notes hand nothing on: no sentences cut for them
            continue
        opened = False
        for part in _parts(note):
            if _OPENS.match(part):
                opened = True
            elif not (opened and part[:1].islower()):  # "...; repeated", not a new remark
                opened = False
                continue
            # the editors' "Repeated in telegram 160, ..., to Batavia" tells what the
            # Department did with a telegram it received: the repeats of that part are its own
            in_telegram = list(_IN_TELEGRAM.finditer(part))
            by = DEPARTMENT if in_telegram and not sent_by_department else None
            for match in in_telegram:
                day = _dated(match["month"], match["day"], match["year"], when)
                post = _post(match["post"])
                found.append(Repeat(match["number"] or match["airgram"], post, None, day, by))
                if match["second"] and _channel(match["channel"]):
                    found.append(Repeat(match["second"], post, match["channel"], day, by))
            for match in _POST_AS.finditer(part):
                channel = _channel(match["channel"])
                if match["channel"] and not channel:
                    continue  # "as Document 12", "as Annex 3"
                found.append(Repeat(match["number"], _post(match["post"]), channel, None, by))
            for match in _NUMBER_TO.finditer(part):
                found.append(Repeat(match["number"], _post(match["post"]), None, None, by))
    unique: list[Repeat] = []
    for repeat in found:
        if repeat not in unique and not (repeat.channel is None and repeat.number == own):
            unique.append(repeat)
    return unique
