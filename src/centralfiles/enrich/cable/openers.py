"""Openers: the lines older volumes print between a document's heading and its text.

Before about 1950 a document's type, number and markings are often not in its heading but on
lines of their own above the text (in TEI an ``opener``, rendered in small caps):

- the type in brackets: "[Telegram.]", "[Telegram]", "[By cable telegram.]", "[Telegram.—
  Paraphrase.]", "[Translation.]", "[Circular.]", "[Cablegram.]";
- the paper's number: "No. 276.]", "No. 1027", "Circular No. 5": a numbered despatch (from a
  mission), instruction (from the Department to one of its missions) or note (from the
  Department to a foreign government's representative);
- the markings: "top secret", "secret   us urgent", "top secret   eyes only", "restricted",
  "strictly personal".

``read_openers(text)`` reads them from the first paragraphs of a document's text (TEI and plain
text alike: both keep them as paragraphs) and says how many paragraphs they took.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from centralfiles.enrich.cable.markings import parse_markings

_BRACKETED = re.compile(r"^\[(?P<what>[^\[\]\n]{2,300})\]\.?$")
_PAPER_NUMBER = re.compile(r"^(?P<circular>Circular\s+)?No\.\s*(?P<number>\d{1,5}[a-z]?)\.?\]?$")
#: "[Extract]" or "[Extracts.]" printed before a marking on the same line
_EXTRACT = re.compile(r"^\[(?:Extracts?|Excerpts?)\.?\]\s*")
#: a line that is only the paper's type, printed as its title: "Aide-Mémoire", "Memorandum"
_TYPE_LINE = {
    "aide-mémoire": "aide-memoire", "aide-memoire": "aide-memoire", "memorandum": "memorandum",
    "note verbale": "note", "pro memoria": "aide-memoire", "pro-memoria": "aide-memoire",
    "memorandum of conversation": "memorandum-of-conversation",
}  # fmt: skip
#: a letter's salutation: "My dear Mr. Secretary:", "Dear Win:"
SALUTATION = re.compile(r"^(?:My\s+[Dd]ear|Dear)\s+[^\n:]{1,60}[:,]")

#: the bracketed words and the type each gives
_BRACKET_TYPES = (
    (re.compile(r"(?i)\bcircular\s+tele(?:gram|graphic)"), "circular-telegram"),
    (re.compile(r"(?i)\b(?:tele(?:gram|graphic)|cablegram|cable)\b"), "telegram"),
    (re.compile(r"(?i)^circular\b"), "circular"),
    (re.compile(r"(?i)^(?:translation|paraphrase)\b"), "translation"),
)

#: every type an opener line can name (a numbered paper adds despatch, instruction or note)
OPENER_TYPES = frozenset(
    {kind for _pattern, kind in _BRACKET_TYPES} | set(_TYPE_LINE.values())
    | {"despatch", "instruction", "note", "letter"}
)  # fmt: skip

_MARKING_WORDS = re.compile(
    r"(?i)^(?:top\s+secret|secret|confidential|restricted|strictly\s+confidential|personal"
    r"|strictly\s+personal|personal\s+and\s+(?:secret|confidential)|(?:us\s+)?urgent|niact"
    r"|priority|immediate|flash|eyes\s+only|for\s+the\s+secretary|nodis|limdis|exdis"
    r"|security\s+information)(?:[\s;,—-]+(?:top\s+secret|secret|confidential|restricted"
    r"|personal|(?:us\s+)?urgent|niact|priority|immediate|flash|eyes\s+only|nodis|limdis"
    r"|exdis|security\s+information|for\s+the\s+secretary))*\.?$"
)

#: personal-handling words an opener prints that are not classifications
_PERSONAL = {"strictly personal": "Strictly Personal", "personal": "Personal"}


@dataclass
class Openers:
    """What the opener lines say; ``paragraphs`` is how many paragraphs they are."""

    doc_type: str | None = None
    paper_number: str | None = None
    circular: bool = False
    paraphrase: bool = False
    classification: str | None = None
    precedence: str | None = None
    caveats: list[str] = field(default_factory=list)
    paragraphs: int = 0


def paper_number(text: str) -> str | None:
    """The number of a paper printed as a note of its own ("No. 153.]", as 1870 prints it)."""
    match = _PAPER_NUMBER.match(" ".join(text.split()))
    return match["number"] if match and match["number"] else None


def read_openers(text: str, *, limit: int = 4) -> Openers:
    """The opener lines at the start of ``text`` (at most ``limit`` paragraphs)."""
    found = Openers()
    for paragraph in text.lstrip().split("\n\n")[:limit]:
        line = _EXTRACT.sub("", " ".join(paragraph.split()))
        if not line or (len(line) > 80 and not (line.startswith("[") and line.endswith("]"))):
            break
        if bracket := _BRACKETED.match(line):
            what = bracket["what"]
            if what.lower().startswith("received"):
                found.paragraphs += 1
                continue
            kind = next((k for pattern, k in _BRACKET_TYPES if pattern.search(what[:40])), None)
            if kind is None:
                break
            found.doc_type = found.doc_type or kind
            found.paraphrase = found.paraphrase or "paraphrase" in what.lower()
        elif line.lower().rstrip(".") in _TYPE_LINE:
            found.doc_type = found.doc_type or _TYPE_LINE[line.lower().rstrip(".")]
        elif number := _PAPER_NUMBER.match(line):
            found.paper_number = number["number"]
            found.circular = bool(number["circular"])
        elif (_MARKING_WORDS.match(line) and line[:1].islower()) or (
            line.isupper() and (_MARKING_WORDS.match(line))
        ):
            _markings(line, found)
        else:
            break
        found.paragraphs += 1
    return found


def _markings(line: str, found: Openers) -> None:
    """A small-caps marking line: words separated by runs of spaces ("secret   us urgent")."""
    text = re.sub(r"\s{2,}", "; ", line.strip().rstrip("."))
    lowered = text.lower()
    for phrase, caveat in _PERSONAL.items():
        if lowered == phrase or lowered.endswith("; " + phrase):
            found.caveats.append(caveat)
            text = text[: len(text) - len(phrase)].rstrip("; ")
            break
    if not text:
        return
    markings = parse_markings(" ".join(word.capitalize() if word.islower() else word
                                       for word in text.split(" ")))  # fmt: skip
    if markings is None:
        return
    found.classification = found.classification or markings.classification
    found.precedence = found.precedence or markings.precedence
    found.caveats += [caveat for caveat in markings.caveats if caveat not in found.caveats]
