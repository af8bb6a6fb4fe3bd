"""Small string helpers shared by the cable grammar: whitespace, sentences and name lists.

Everything here is pure and precompiled; the grammar calls these on every document at ingest.
"""

from __future__ import annotations

import re

#: the months by name, January = 1
MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ["January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"],
        start=1,
    )
}  # fmt: skip


def find_all(text: str, needle: str) -> list[int]:
    """Every offset at which ``needle`` occurs in ``text``, overlapping ones included."""
    offsets = []
    i = text.find(needle)
    while i >= 0:
        offsets.append(i)
        i = text.find(needle, i + 1)
    return offsets


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (for vocabulary tables)."""
    return frozenset(text.split())


#: Words that end with a period without ending a sentence (lower case, without the period).
ABBREVIATIONS = word_set(
    """mr mrs ms messrs dr st jr sr vol vols no nos nr pp p doc docs amb ambs gen gens lt col maj
    capt adm cdr sen sens rep reps gov pres dept cong sess ser jan feb mar apr jun jul aug sep sept
    oct nov dec rev hon prof fr msgr co corp inc ltd bros ca cf viz fig figs art arts para paras sec
    secs op al vs v ft mt ref refs encl tel tels memo memcon att attn approx est excl incl
    misc"""
)

#: Words that start a new sentence after a single capital letter ("approved in S. The ...").
_SENTENCE_STARTERS = word_set(
    """The A An This These That It In On At No Not Repeated Drafted Cleared Approved Also Sent
    Received Copies Copy Printed Attached According Secret Confidential Top Unclassified Limited
    Official Pouched Passed Another See For He She They There Transmitted Initialed Signed
    Prepared"""
)

# A sentence may end at . ! or ? (optionally followed by closing quotes or brackets) before
# whitespace and a capital letter, a digit, an opening quote or an opening bracket.
_BOUNDARY = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_NEXT_WORD = re.compile(r"[\"“‘(\[]?([A-Za-z]+)")


def normalise(text: str) -> str:
    """Collapse runs of whitespace to single spaces and strip the ends."""
    return " ".join(text.split())


def _inside_quote(chunk: str) -> bool:
    """Whether ``chunk`` ends inside an open quotation (“... or an odd number of ")."""
    if "“" in chunk and chunk.count("“") > chunk.count("”"):
        return True
    return chunk.count('"') % 2 == 1


def _last_word(head: str) -> str:
    """The word before a period: "Vol" in "... NATO, Vol"."""
    parts = head.rsplit(None, 1)
    return parts[-1].lstrip('([“"') if parts else ""


def _is_abbreviation(word: str, following: str) -> bool:
    """Whether ``word`` (the text before a period) is an abbreviation, not a sentence end."""
    lower = word.lower()
    if lower in ("a.m", "p.m"):
        return False
    if lower in ABBREVIATIONS:
        return True
    if _INITIALISM.match(word):  # U.S, U.N, D.C
        return True
    if len(word) == 1 and word.isupper():  # an initial, unless a sentence plainly follows
        match = _NEXT_WORD.match(following)
        return not (match and match.group(1) in _SENTENCE_STARTERS)
    return False


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences, keeping abbreviations ("Vol. 5", "U.S.", "W. Rostow") whole.

    Parenthesised sentences ("(Ibid.)") are returned as sentences of their own.
    """
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        word = _last_word(text[start : match.start()])
        if word and _is_abbreviation(word, text[match.end() :]):
            continue
        if _inside_quote(text[start : match.end()]):
            continue
        sentence = text[start : match.end()].strip()
        if sentence:
            sentences.append(sentence)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (see ``split_sentences``), without splitting the rest."""
    for match in _BOUNDARY.finditer(text):
        word = _last_word(text[: match.start()])
        if word and _is_abbreviation(word, text[match.end() :]):
            continue
        return text[: match.end()].strip()
    return text.strip()


def strip_connector(text: str) -> str:
    """Drop trailing list punctuation and a dangling "and" ("A, B, and " -> "A, B")."""
    text = text.rstrip(" ,;")
    if text.endswith(" and") or text == "and":
        text = text[:-3].rstrip(" ,;")
    return text


def split_top_level(text: str, separator: str) -> list[str]:
    """Split on ``separator`` outside parentheses and square brackets."""
    if separator not in text:
        return [text]
    if "(" not in text and "[" not in text:
        return text.split(separator)
    parts: list[str] = []
    depth = 0
    start = 0
    index = 0
    width = len(separator)
    while index < len(text):
        char = text[index]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(separator, index):
            parts.append(text[start:index])
            index += width
            start = index
            continue
        index += 1
    parts.append(text[start:])
    return parts


_AND = re.compile(r"\s+and\s+")
_SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV)\.?")
_LEADING_AND = re.compile(r"^(?:and|&)\s+")
_KEEP_TOGETHER = re.compile(r"\b(?:of|for|on)\b")
_AND_THE = re.compile(r"\s+and\s+(?=the\s)")


def _split_at_articles(piece: str) -> list[str]:
    """Split "the Secretary of Defense and the other NATO capitals" at each "and the".

    An "and" followed by an article opens a new name even after "of"; but a "for" before it
    scopes over the rest ("Brussels for the Mission to the EC and the Embassy": both are in
    Brussels), so the piece stays whole from the first "for" on.
    """
    names: list[str] = []
    start = 0
    for match in _AND_THE.finditer(piece):
        if " for " in piece[: match.start()]:
            break
        names.append(piece[start : match.start()].strip())
        start = match.end()
    names.append(piece[start:].strip())
    return [name for name in names if name]


def split_names(text: str) -> list[str]:
    """Split a printed list of names: "A, B, and C", "A and B", "A; B; and C".

    "and" inside a name with "of"/"for" ("Office of Science and Technology") is kept, unless an
    article follows it ("the Secretary of Defense and the other NATO capitals") and no "for"
    qualifier scopes over it ("Brussels for the Mission to the EC and the Embassy").
    Suffixes such as ", Jr." stay with their name.
    """
    text = text.strip().rstrip(",;").strip()
    if not text:
        return []
    pieces: list[str] = []
    for chunk in split_top_level(text, ";"):
        for piece in split_top_level(chunk, ","):
            piece = _LEADING_AND.sub("", piece.strip())
            if not piece:
                continue
            if pieces and _SUFFIX.fullmatch(piece):
                pieces[-1] = f"{pieces[-1]}, {piece}"
                continue
            pieces.append(piece)
    names: list[str] = []
    for piece in pieces:
        if " and " in piece and not _KEEP_TOGETHER.search(piece) and "(" not in piece:
            names.extend(part.strip() for part in _AND.split(piece) if part.strip())
        elif " and " in piece and "(" in piece:
            names.extend(p.strip() for p in split_top_level(piece, " and ") if p.strip())
        elif " and the " in piece:
            names.extend(_split_at_articles(piece))
        else:
            names.append(piece)
    return names
