"""File designations and lots: the tokens that name one file inside an archival series.

This module owns the shapes of a file code and of a lot number, whatever the era:

- subject-numeric codes of the 1963–1973 Central Files ("DEF 4 NATO", "POL 27 VIET S",
  "AID (US) 15-8 VIET S"), with their category leads;
- decimal file numbers (1910–1963: "737.56361/10–2962", "FW 711.5611/3–2155") and the ISO date
  their month–day+year suffix encodes (``file_date``);
- Central Foreign Policy File film numbers (1973–: "D740218–0840", "P840012–1234");
- Paris Peace Conference numbers ("Paris Peace Conf. 185.1/33") and items of a conference lot
  ("CF 318");
- lots and accessions ("Lot 69 D 182", "Lot M–88", "FRC 71 A 6489", "Job 79-R01012A").

``citation`` decides where in a citation these tokens may stand; this module only says what
they look like.
"""

from __future__ import annotations

import re
from datetime import date

from centralfiles.enrich.cable.text import normalise, word_set

_SUBJECT_LEADS = word_set(
    "ADM AGR AID AV BUD CSM CSCE CULT CUL DEF E ECIN ECON EDU EEC EFTA FN FSE FT GATT IAEA IBRD "
    "ICAO ILO IMF INCO INT LAB LEG MAR MED NAR NATO OAS OECD OEEC ORG PER PET POL POP PPB PR PS "
    "REF SCI SEATO CENTO SOC STR TEL TRV UN UNESCO XMB"
)
_LEAD_ALT = "|".join(sorted(_SUBJECT_LEADS, key=len, reverse=True))

DECIMAL = re.compile(
    r"(?:FW\s?)?\d{3,5}[A-Z]?(?:\.[0-9A-Za-z]+)*(?:[-–][0-9A-Za-z]+)*"
    r"(?:\s[A-Z][A-Za-z0-9 ]*?)?\s?/(?P<tail>[0-9]+[a-z]{0,2}(?:[-–—][0-9]+[a-z]?)?)"
)
PARIS = re.compile(r"Paris Peace Conf\.\s?[\d.]+/[\d.]+")
FILM = re.compile(r"[DPN][-–]?\s?\d{6}\s?[-–]\s?\d{3,4}")
# Subject-numeric with a known category: "DEF 4 NATO", "POL CZECH–USSR", "AID (US) 15-8 VIET S".
SUBJECT = re.compile(
    rf"(?:{_LEAD_ALT}|Pol|Def|Inco|Econ|Org)(?:\s?\([A-Z]+\))?"
    r"(?:(?:\s?|[-–])\d+(?:[-–]\d+)*(?:\s?\([A-Z]+\))?)?"
    r"(?:[\s–-]+[A-Z][\w/()–-]*(?:\s?\([A-Z]+\))?)*"
)
_HAS_QUALIFIER = re.compile(r"[\s–-]\d|[\s–-][A-Z]|\d")
_CF_ITEM = re.compile(r"CF\s?\d+[A-Za-z]?")
_LOT = re.compile(r"(?i)lot\s*(\d+)\s*[-–]?\s*([A-Z])\s*[-–]?\s*(\d+[A-Z]?)")
_LETTER_LOT = re.compile(r"(?i)lot\s+([A-Z])\s*[-–]\s*(\d+)")
_ACCESSION = re.compile(r"(?:FRC|Job|Accession)\s+[\w][\w\s/–-]*")
DIGIT = re.compile(r"\d")
_DATED = re.compile(r"(\d{1,2})[-–—](\d{1,2})(\d{2})[a-z]?")
_LEAD_WORD = re.compile(r"[A-Za-z]+")
#: Segments that are never a file designation, even directly under a Central Files heading.
NOT_A_CODE = re.compile(
    r"(?i)^(?:box|entry|records|office|folder|vol\.?|volume|electronic|stars|reel|microfilm"
    r"|document|no\.|\[)"
)
_UPPER_LEAD = re.compile(r"^[A-Z][A-Z]{0,9}(?:[–-][A-Z]+)*(?=\s|$|\()")
_TITLE_LEAD = re.compile(r"^(?:Pol|Def|Inco|Econ|Org)\b")


def file_date(code: str | None) -> str | None:
    """ISO date of a decimal file number's month–day+year suffix ("375/10–2962" -> 1962-10-29)."""
    if not code:
        return None
    match = DECIMAL.search(code)
    if not match:
        return None
    dated = _DATED.fullmatch(match.group("tail"))
    if not dated:
        return None
    month, day, year = int(dated.group(1)), int(dated.group(2)), 1900 + int(dated.group(3))
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_lot(segment: str) -> str | None:
    """The normalised lot or accession a segment names ("lot 69D182" -> "Lot 69 D 182")."""
    if not DIGIT.search(segment):
        return None
    match = _LOT.fullmatch(segment.strip())
    if match:
        return f"Lot {match.group(1)} {match.group(2)} {match.group(3)}"
    match = _LETTER_LOT.fullmatch(segment.strip())
    if match:
        return f"Lot {match.group(1)}–{match.group(2)}"
    if _ACCESSION.fullmatch(segment.strip()):
        return normalise(segment)
    return None


def is_code(segment: str) -> bool:
    """Whether ``segment`` is a file designation on its own (outside a Central Files heading)."""
    segment = segment.strip()
    if DIGIT.search(segment) and (
        DECIMAL.fullmatch(segment)
        or FILM.fullmatch(segment)
        or PARIS.fullmatch(segment)
        or _CF_ITEM.fullmatch(segment)
    ):
        return True
    match = SUBJECT.fullmatch(segment)
    if not match:
        return False
    lead = _LEAD_WORD.match(segment)
    rest = segment[lead.end() :] if lead else ""
    return bool(rest.strip()) and bool(_HAS_QUALIFIER.search(rest))


def is_code_under_anchor(segment: str) -> bool:
    """A designation directly under a Central Files heading ("JAPAN–KOR S", "UN", "POL Kuwait")."""
    if is_code(segment):
        return True
    if NOT_A_CODE.match(segment):
        return False
    return bool(_UPPER_LEAD.match(segment) or _TITLE_LEAD.match(segment))
