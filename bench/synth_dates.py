"""Date shifting: a document's dates moved by whole days when it is placed on another day.

Owns the date patterns (ISO days inside attribute values, an ISO value's leading day, printed
"May 3, 1965" and "3 May 1965") and the shifts: ``shift_iso`` for ``frus:doc-dateTime-*`` and
other attribute values (time and offset kept), ``shift_literal`` for a dateline's attributes and
printed text. A printed date that would not exist is left as it was.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from synth_vocab import MONTH_NUMBER, MONTHS

ISO_DAY = re.compile(r'(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?=[T"])')
ISO_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
PRINTED_DAY = re.compile(
    r"\b(?P<month>"
    + "|".join(MONTHS)
    + r")(?P<s1>\s+)(?P<day>\d{1,2}),(?P<s2>\s+)(?P<year>\d{4})\b"
    r"|\b(?P<day2>\d{1,2})(?P<s3>\s+)(?P<month2>"
    + "|".join(MONTHS)
    + r")(?P<s4>\s+)(?P<year2>\d{4})\b"
)


def _shift_day(match: re.Match[str], days: int) -> str:
    year, month, day = map(int, match.groups())
    return (date(year, month, day) + timedelta(days=days)).isoformat()


def shift_iso(value: str, days: int) -> str:
    """An ISO date or date-time attribute value moved by ``days`` (time and offset kept)."""
    return ISO_VALUE.sub(lambda m: _shift_day(m, days), value, count=1)


def _shift_printed(text: str, days: int) -> str:
    def shifted(match: re.Match[str]) -> str:
        if match.group("month"):
            month, day, year = match.group("month"), match.group("day"), match.group("year")
        else:
            month, day, year = match.group("month2"), match.group("day2"), match.group("year2")
        try:
            new = date(int(year), MONTH_NUMBER[month], int(day)) + timedelta(days=days)
        except ValueError:
            return match.group()
        if match.group("month"):
            return (
                f"{MONTHS[new.month - 1]}{match.group('s1')}{new.day},{match.group('s2')}{new.year}"
            )
        return f"{new.day}{match.group('s3')}{MONTHS[new.month - 1]}{match.group('s4')}{new.year}"

    return PRINTED_DAY.sub(shifted, text)


def shift_literal(text: str, days: int) -> str:
    """Dates in attributes and printed dates of a dateline moved by ``days``."""
    return _shift_printed(ISO_DAY.sub(lambda m: _shift_day(m, days), text), days)
