"""Telegram captions and datelines: the document's own number, its references and its time.

Only a caption at the very start of the body is the document's own number ("229956.",
"Topol 594.", "Bonn 17686."). A channel number right after a serial printed without a channel
is the same message's channel designation ("190741. Tosec 46."); a further channel number after
a channel caption ("Topol 929. Polto 804.") and those in a "Ref:" line are references. The
transmission time comes from the dateline ("1358Z", "3 p.m.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from centralfiles.enrich.cable.markings import parse_markings
from centralfiles.enrich.cable.text import first_sentence, normalise, word_set
from centralfiles.model import Telegram

#: Document types whose body may open with a telegram (or despatch) number.
TELEGRAPHIC = frozenset(
    {
        "telegram",
        "circular-telegram",
        "airgram",
        "circular-airgram",
        "message",
        "instruction",
        "despatch",
    }
)
#: Channel captions: "Topol 594" (to Paris from Washington), "Secto 12", "Dulte 5", "CAP 80345".
CHANNELS = word_set(
    """Topol Polto Secto Tosec Dulte Tedul Delga Gadel Todel Delto Hakto Tohak Martel Telmar Tomar
    Marto Usito Tousi Actel Secun Cirtel Circular CAP WH Tocus Cusec Tosum Sumto Gocus Usgoc"""
)
_CHANNEL_SHAPE = re.compile(r"^(?:To[a-z]{2,4}|[A-Z][a-z]{2,4}to)$")
#: Words that always refer to another telegram ("Deptel 576" = Department telegram 576).
REFERENCE_WORDS = word_set(
    """Deptel Embtel Urtel Mytel Reftel Ourtel Contel Legtel Circtel Depcirtel Deptels Embtels
    Urtels Mytels Reftels Ourtels Contels Legtels Circtels Depcirtels"""
)
_NOT_A_POST = word_set(
    """January February March April May June July August September October November December
    Document Documents Paragraph Paragraphs Para Paras Section Article Page Pages Room Box Vol
    Volume Chapter Resolution Annex Tab Item Point Points No Nos Number Phase Operation Plan
    Table Figure Law Act NSC NSAM NIE SNIE PD Part Parts Appendix Attachment Enclosure Point
    Mission Item Memorandum Letter Note Tel"""
)
_MONTHS = word_set(
    """January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"""
)

#: How much of the opening is read: captions and their references come first.
_CAPTION_CHARS = 600
#: A classification printed above the text ("SECRET", "Top Secret—Urgent"), before the number.
MARKING_LINE = re.compile(
    r"^(?P<m>(?i:(?:(?:top\s+)?secret|confidential|restricted|unclassified|personal\s+and\s+"
    r"(?:secret|confidential)|(?:us\s+)?urgent|niact|priority|immediate|flash|eyes\s+only)"
    r"(?:[\s;,—-]+(?:(?:us\s+)?urgent|niact|priority|immediate|flash|eyes\s+only|nodis|exdis"
    r"|limdis|noforn))*))\.?(?:\s+|$)(?=[\[\d]|$)"
)
_BRACKET = re.compile(r"^\[(?P<body>[^\]]{0,300})\]\s*")
_MARKER = r"(?:\.\d{1,2}(?=\s)|\.|(?=\s|$))"
_DESPATCH = re.compile(r"^No\.\s*(?P<num>\d+)\.?\]?(?=\s|$)\s*")
#: "Polto 504, Excon.": a channel number may end with a comma before the caption's code word
_CHANNEL = re.compile(
    rf"^(?P<chan>[A-Z][A-Za-z]{{1,7}})\s+(?P<num>\d{{1,7}})(?:{_MARKER}|,(?=\s))\s*"
)
#: "Tosec 80421/140146.": the channel number and, after the slash, the Department's serial
_CHANNEL_SERIAL = re.compile(
    rf"^(?P<chan>[A-Z][A-Za-z]{{1,7}})\s+(?P<on>\d{{1,7}})\s?/\s?(?P<num>\d{{4,7}}){_MARKER}\s*"
)
_AIRGRAM = re.compile(rf"^(?P<num>C?A[-–]\s?\d{{1,6}}){_MARKER}\s*")
_BARE = re.compile(r"^(?P<num>\d{1,7})(?:\.\d{1,2}(?=\s)|\.)(?=\s|$)\s*")
_TELEGRAM_WORD = re.compile(rf"^(?:Telegram|Tel\.?)\s+(?:No\.\s*)?(?P<num>\d{{1,7}}){_MARKER}\s*")
_POST = re.compile(
    rf"^(?P<post>US[A-Z]{{2,8}}|[A-Z][A-Za-z]+(?:\s[A-Z][a-z]+)?)\s+(?P<num>\d{{2,7}}){_MARKER}\s*"
)
_NUMBERED = re.compile(
    r"(?P<chan>[A-Z][A-Za-z]+(?:\s[A-Z][a-z]+)?)\.?\s+(?P<nums>\d{1,7}(?:\s*(?:,|and|&)\s*\d{1,7})*)"
)
#: One pass over the caption: subject line, "Ref:" label, "telegram N", "Deptel N"/"Polto N".
_SCAN = re.compile(
    r"\b(?:(?P<subject>Subject|Subj|SUBJECT|SUBJ)\s*[:.]\s*"
    r"|(?P<ref>Refs?|REFS?|References?|REFERENCES?|Reftels?|Re)\s*[:.]\s*"
    r"|(?P<tel>[Tt]elegrams?)\s+(?:Nos?\.\s*)?(?P<telnums>\d{1,7}(?:\s*(?:,|and)\s*\d{1,7})*)"
    r"|(?P<lower>(?:dep(?:cir)?|emb|ur|my|ref|our|con|leg|circ)tels?)\s+(?:Nos?\.\s*)?"
    r"(?P<lnums>\d{1,7}(?:\s*(?:,|and|&)\s*\d{1,7})*)"
    r"|(?P<chan>[A-Z][a-z]{2,9}s?)\s+(?:Nos?\.\s*)?"
    r"(?P<nums>\d{1,7}(?:\s*(?:,|and|&)\s*\d{1,7})*))"
)
_NUMS = re.compile(r"\d{1,7}")
#: A handling line in the caption rather than the source note: "Eyes only Secretary from
#: Acting Secretary." (1950s telegrams); only a sentence that opens with it, near the start.
_EYES_ONLY = re.compile(r"(?:^|(?<=[.:]\s))(?:(?:Literally|Exclusively)\s+)?Eyes\s+only\b", re.I)
_EYES_ONLY_WITHIN = 200

_MERIDIEM = re.compile(r"\s*([ap])\.\s?m\.")
_ZULU = re.compile(r"\b(\d{4})\s?Z\b")
_TIME = r"\d{1,2}(?::\d{2})?\s*[ap]\.\s?m\.|noon|midnight"
_DASH_TIME = re.compile(rf"\d{{4}}\s*[—–-]+\s*(?P<t>{_TIME})", re.I)
_COMMA_TIME = re.compile(rf"\d{{4}},\s*(?P<t>{_TIME})(?:\s*\([^)]*\))?\s*\.?\s*$", re.I)


@dataclass
class Caption:
    """What the opening of a body says about the document as a message.

    ``telegram`` is the document's own number and channel (``None`` when it prints none);
    ``references`` are the other messages cited in the caption ("Polto 804", "Bonn 17686").
    """

    telegram: Telegram | None
    references: list[str] = field(default_factory=list)
    subject: str | None = None
    received: str | None = None
    classification: str | None = None
    precedence: str | None = None
    caveats: list[str] = field(default_factory=list)


def _is_channel(word: str) -> bool:
    return word in CHANNELS or bool(_CHANNEL_SHAPE.match(word))


def _singular(word: str) -> str:
    if word.endswith("s") and (word[:-1] in CHANNELS or word[:-1] in REFERENCE_WORDS):
        return word[:-1]
    if word.endswith("s") and _CHANNEL_SHAPE.match(word[:-1]):
        return word[:-1]
    return word


def _add_refs(references: list[str], channel: str, numbers: str) -> None:
    channel = _singular(channel)
    for number in _NUMS.findall(numbers):
        reference = f"{channel} {number}"
        if reference not in references:
            references.append(reference)


def _own_number(text: str, post: str | None) -> tuple[Telegram | None, str]:
    """The caption at the very start, and the text after it."""
    for pattern in (_DESPATCH, _AIRGRAM, _TELEGRAM_WORD):
        match = pattern.match(text)
        if match:
            return Telegram(number=match.group("num").replace(" ", ""), post=post), text[
                match.end() :
            ]
    # The serial is the message's number, as for "190741. Tosec 46." (see parse_caption).
    match = _CHANNEL_SERIAL.match(text)
    if match and _is_channel(match.group("chan")):
        alias = f"{match.group('chan')} {match.group('on')}"
        return Telegram(number=match.group("num"), post=post, alias=alias), text[match.end() :]
    match = _CHANNEL.match(text)
    if match and _is_channel(match.group("chan")):
        telegram = Telegram(number=match.group("num"), channel=match.group("chan"), post=post)
        return telegram, text[match.end() :]
    match = _BARE.match(text)
    if match:
        if match.group("num") == "1":  # a numbered first paragraph, not a telegram number
            return None, text
        return Telegram(number=match.group("num"), post=post), text[match.end() :]
    match = _POST.match(text)
    if match:
        word = match.group("post")
        first = word.split()[0]
        if first not in _NOT_A_POST and first not in REFERENCE_WORDS and not _is_channel(first):
            return Telegram(number=match.group("num"), post=word), text[match.end() :]
    return None, text


def parse_caption(opening: str, *, post: str | None = None, doc_type: str | None = None) -> Caption:
    """Read the opening of a body (its first paragraph) as a telegram caption.

    ``post`` (the dateline place) becomes the telegram's post unless the caption prints one
    ("Bonn 17686."). For document types that are not messages (memoranda, papers...) no own
    number is read, only references and the subject line.
    """
    text = normalise(opening[:_CAPTION_CHARS])
    caption = Caption(telegram=None)
    while True:
        bracket = _BRACKET.match(text)
        if not bracket:
            break
        body = bracket.group("body").strip()
        if body.lower().startswith("received"):
            caption.received = body[len("received") :].strip()
        text = text[bracket.end() :]
    # Older volumes print the classification (and precedence) above the text: "Secret".
    marking = MARKING_LINE.match(text)
    if marking:
        markings = parse_markings(marking.group("m"))
        if markings is not None and not markings.leftover and not markings.unrecognised:
            caption.classification = markings.classification
            caption.precedence = markings.precedence
            text = text[marking.end() :]
    rest = text
    if doc_type is None or doc_type in TELEGRAPHIC:
        caption.telegram, rest = _own_number(text, post)
    # A channel number right after a serial that has none is the same message's designation
    # on that channel ("190741. Tosec 46." = Department telegram 190741, sent as Tosec 46).
    if caption.telegram is not None and caption.telegram.channel is None:
        match = _CHANNEL.match(rest)
        if match and _is_channel(match.group("chan")):
            caption.telegram.alias = f"{match.group('chan')} {match.group('num')}"
            rest = rest[match.end() :]
    # Further channel numbers directly after the caption are references ("Polto 804.").
    while True:
        match = _CHANNEL.match(rest) or _POST.match(rest)
        if not match:
            break
        word = match.group(1)
        first = word.split()[0]
        if first in _NOT_A_POST or not (
            _is_channel(first) or first in REFERENCE_WORDS or word.isupper()
        ):
            break
        _add_refs(caption.references, word, match.group("num"))
        rest = rest[match.end() :]
    eyes = _EYES_ONLY.search(rest[:_EYES_ONLY_WITHIN])
    handling = parse_markings(eyes.group(0)) if eyes else None
    if handling is not None:
        caption.caveats.extend(handling.caveats)
    for match in _SCAN.finditer(rest):
        if match.group("subject"):
            if caption.subject is None:
                subject = first_sentence(rest[match.end() :]).rstrip(".").strip()
                caption.subject = subject or None
        elif match.group("ref"):
            for numbered in _NUMBERED.finditer(first_sentence(rest[match.end() :])):
                if numbered.group("chan").split()[0] not in _MONTHS:
                    _add_refs(caption.references, numbered.group("chan"), numbered.group("nums"))
        elif match.group("lower"):
            _add_refs(caption.references, match.group("lower").capitalize(), match.group("lnums"))
        elif match.group("tel"):
            _add_refs(caption.references, "telegram", match.group("telnums"))
        else:
            word = _singular(match.group("chan"))
            if word in REFERENCE_WORDS or word in CHANNELS or _CHANNEL_SHAPE.match(word):
                _add_refs(caption.references, word, match.group("nums"))
    return caption


def transmission_time(dateline: str, *, doc_type: str | None = None) -> str | None:
    """The time a message was sent, from its dateline: "1358Z", or "3 p.m." in older volumes.

    A clock time without "Z" is only read for messages (or when ``doc_type`` is unknown): in
    the dateline of a memorandum of conversation it is the time of the meeting.
    """
    text = normalise(dateline)
    match = _ZULU.search(text)
    if match:
        return f"{match.group(1)}Z"
    if doc_type is not None and doc_type not in TELEGRAPHIC:
        return None
    match = _DASH_TIME.search(text) or _COMMA_TIME.search(text)
    if match:
        return _MERIDIEM.sub(r" \1.m.", match.group("t")).strip()
    return None
