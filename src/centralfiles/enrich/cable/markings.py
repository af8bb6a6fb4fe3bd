"""Security markings: classification, precedence and handling caveats, normalised.

A source note's "classification sentence" ("Secret; Immediate; Exdis.") is a list of markings
between semicolons. Known spellings are normalised ("Limit Distribution" -> "Limdis",
"Niact" -> "Niact Immediate"); unknown capitalised tokens are kept as caveats and reported as
unrecognised, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

CLASSIFICATIONS = (
    "Top Secret",
    "Secret",
    "Confidential",
    "Limited Official Use",
    "Official Use Only",
    "Unclassified",
    "Restricted",
)

PRECEDENCES = (
    "Flash",
    "Niact Immediate",
    "Operational Immediate",
    "Immediate",
    "Priority",
    "Routine",
    "Deferred",
    "Urgent",
    "US Urgent",
    "Triple Priority",
)

_CLASSIFICATION = re.compile(
    r"(?i)^(top\s+secret|secret|confidential|limited\s+official\s+use|official\s+use\s+only"
    r"|unclassified|restricted|strictly\s+confidential|personal\s+and\s+(?:confidential|secret))(?![\w-])"
)
_CLASSIFICATION_VALUE = {
    "top secret": ("Top Secret", None),
    "secret": ("Secret", None),
    "confidential": ("Confidential", None),
    "limited official use": ("Limited Official Use", None),
    "official use only": ("Official Use Only", None),
    "unclassified": ("Unclassified", None),
    "restricted": ("Restricted", None),
    "strictly confidential": ("Confidential", "Strictly Confidential"),
    "personal and confidential": ("Confidential", "Personal"),
    "personal and secret": ("Secret", "Personal"),
}
_NO_MARKING = re.compile(
    r"(?i)^(?:no|without)\s+(?:security\s+)?classification(?:\s+marking)?s?(?:\s+indicated)?$"
)

_PRECEDENCE_VALUE = {
    "flash": "Flash",
    "niact immediate": "Niact Immediate",
    "niact": "Niact Immediate",
    "night action": "Niact Immediate",
    "immediate niact": "Niact Immediate",
    "operational immediate": "Operational Immediate",
    "immediate": "Immediate",
    "priority": "Priority",
    "routine": "Routine",
    "deferred": "Deferred",
    "urgent": "Urgent",
    "us urgent": "US Urgent",
    "most urgent": "Urgent",
    "triple priority": "Triple Priority",
}

_CAVEAT_VALUE = {
    "exdis": "Exdis",
    "exclusive distribution": "Exdis",
    "nodis": "Nodis",
    "no distribution": "Nodis",
    "limdis": "Limdis",
    "limit distribution": "Limdis",
    "limited distribution": "Limdis",
    "noforn": "Noforn",
    "no foreign dissem": "Noforn",
    "no foreign dissemination": "Noforn",
    "noform": "Noform",
    "stadis": "Stadis",
    "eyes only": "Eyes Only",
    "literally eyes only": "Literally Eyes Only",
    "exclusively eyes only": "Exclusively Eyes Only",
    "eyes only personal": "Eyes Only Personal",
    "verbatim text": "Verbatim Text",
    "verbatim": "Verbatim Text",
    "cherokee": "Cherokee",
    "roger channel": "Roger Channel",
    "sensitive": "Sensitive",
    "presidential handling": "Presidential Handling",
    "super sensitive": "Super Sensitive",
    "personal": "Personal",
    "official-informal": "Official-Informal",
    "official informal": "Official-Informal",
    "security information": "Security Information",
    "wnintel": "Wnintel",
    "orcon": "Orcon",
    "controlled dissem": "Controlled Dissem",
    "codeword": "Codeword",
    "umbra": "Umbra",
    "ruff": "Ruff",
    "trine": "Trine",
    "byeman": "Byeman",
    "talent-keyhole": "Talent-Keyhole",
    "specat": "Specat",
    "marigold": "Marigold",
    "sunflower": "Sunflower",
    "sunflower plus": "Sunflower Plus",
    "pennsylvania": "Pennsylvania",
    "buttercup": "Buttercup",
    "harvan": "Harvan",
    "harvan plus": "Harvan Plus",
    "aspen": "Aspen",
    "pinta": "Pinta",
    "packers": "Packers",
}
_MAX_PHRASE = 4

_EYES_ONLY_FOR = re.compile(r"(?i)^(?:(literally|exclusively)\s+)?eyes\s+only\s+(for|to)\s+(.+)$")
_FOR_ONLY = re.compile(r"(?i)^for\s+(?:the\s+)?(.+?)\s+only$")
_OUTSIDE = re.compile(r"(?i)^no\s+(?:distribution|dissemination)\s+outside\s+(?:the\s+)?(.+)$")
_PERSONAL_FOR = re.compile(r"(?i)^personal\s+(for|from)\s+(.+)$")
_SPLIT_TOKENS = re.compile(r"\s*;\s*|\s*—\s*|\s+[–-]\s+")
_WORD_SPLIT = re.compile(r"[\s/]+")
_UNKNOWN_CAVEAT = re.compile(r"^[A-Z][\w'’./&-]*(?:\s+[A-Za-z][\w'’./&-]*){0,4}$")
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|not|saw|sent|printed|attached|indicates)\b"
)


def _key(text: str) -> str:
    return " ".join(text.replace("–", "-").split()).strip(" .,").lower()


@dataclass
class Markings:
    """The markings read from one classification sentence."""

    classification: str | None = None
    precedence: str | None = None
    caveats: list[str] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)
    no_marking: bool = False
    leftover: list[str] = field(default_factory=list)


def _phrases(text: str) -> list[tuple[str, str]] | None:
    """Read ``text`` as a run of known precedences/caveats ("Nodis Cherokee"), else ``None``."""
    words = [w for w in _WORD_SPLIT.split(text.strip(" .,")) if w]
    found: list[tuple[str, str]] = []
    index = 0
    while index < len(words):
        for size in range(min(_MAX_PHRASE, len(words) - index), 0, -1):
            key = _key(" ".join(words[index : index + size]))
            if key in _PRECEDENCE_VALUE:
                found.append(("precedence", _PRECEDENCE_VALUE[key]))
                break
            if key in _CAVEAT_VALUE:
                found.append(("caveat", _CAVEAT_VALUE[key]))
                break
        else:
            return None
        index += size
    return found


def _known(token: str) -> list[tuple[str, str]] | None:
    """A single token as known markings: precedence, caveat or a patterned caveat."""
    key = _key(token)
    if not key:
        return []
    if key in _PRECEDENCE_VALUE:
        return [("precedence", _PRECEDENCE_VALUE[key])]
    if key in _CAVEAT_VALUE:
        return [("caveat", _CAVEAT_VALUE[key])]
    token = token.strip(" .,")
    match = _OUTSIDE.match(token)
    if match:
        rest = match.group(1)
        if _key(rest) in ("department", "department of state"):
            return [("caveat", "No Distribution Outside Department")]
        return [("caveat", f"No Distribution Outside {rest}")]
    match = _EYES_ONLY_FOR.match(token)
    if match:
        lead = f"{match.group(1).capitalize()} " if match.group(1) else ""
        return [("caveat", f"{lead}Eyes Only {match.group(2).lower()} {match.group(3)}")]
    match = _PERSONAL_FOR.match(token)
    if match:
        return [("caveat", f"Personal {match.group(1).lower()} {match.group(2)}")]
    match = _FOR_ONLY.match(token)
    if match and len(match.group(1).split()) <= 6:
        return (
            [("caveat", f"For the {match.group(1)} Only")]
            if token.lower().startswith("for the ")
            else [("caveat", f"For {match.group(1)} Only")]
        )
    return _phrases(token)


def _add(markings: Markings, found: list[tuple[str, str]]) -> None:
    for kind, value in found:
        if kind == "precedence":
            if markings.precedence is None:
                markings.precedence = value
            elif value != markings.precedence:
                markings.caveats.append(value)
        elif value not in markings.caveats:
            markings.caveats.append(value)


_FIRST_WORDS = frozenset(
    word for key in (*_PRECEDENCE_VALUE, *_CAVEAT_VALUE) for word in key.split()[:1]
)
_MAYBE_MARKING = re.compile(
    r"(?i)^(?:top\s|secret|confidential|limited\s|official|unclassified|restricted|strictly"
    r"|personal|no\s|without\s|eyes|literally|exclusively|for\s|us\s+urgent|most\s|triple\s"
    r"|presidential\s+handling)"
)


def _may_be_marking(text: str) -> bool:
    """Cheap test: does ``text`` start like a classification sentence?"""
    if _MAYBE_MARKING.match(text):
        return True
    first = text.split(None, 1)[0] if text else ""
    return first.rstrip(".;,—").replace("–", "-").lower() in _FIRST_WORDS


def parse_markings(sentence: str) -> Markings | None:
    """Read a classification sentence ("Secret; Immediate; Exdis."), or ``None`` if it is not one.

    The first token must be a classification, "No classification marking", a precedence or a
    known caveat; later tokens may be unknown capitalised words (kept as caveats and reported in
    ``unrecognised``). Lower-case text that is no marking is returned in ``leftover``.
    """
    found = _parse_markings(sentence)
    if found is None:
        return None
    return Markings(
        classification=found.classification,
        precedence=found.precedence,
        caveats=list(found.caveats),
        unrecognised=list(found.unrecognised),
        no_marking=found.no_marking,
        leftover=list(found.leftover),
    )


@lru_cache(maxsize=8192)
def _parse_markings(sentence: str) -> Markings | None:
    """``parse_markings`` without the copy; cached, marking sentences repeat across a volume."""
    text = sentence.strip().rstrip(".").strip()
    if not text or len(text) > 300 or not _may_be_marking(text):
        return None
    tokens = [t for t in _SPLIT_TOKENS.split(text) if t.strip()]
    if not tokens:
        return None
    markings = Markings()
    first = tokens[0].strip()
    if _NO_MARKING.match(first):
        markings.no_marking = True
    else:
        match = _CLASSIFICATION.match(first)
        if match:
            value, extra = _CLASSIFICATION_VALUE[_key(match.group(1))]
            markings.classification = value
            if extra:
                markings.caveats.append(extra)
            rest = first[match.end() :].strip(" ,")
            if rest:
                found = _known(rest)
                if found is None:
                    return None
                _add(markings, found)
        else:
            found = _known(first)
            if not found:
                return None
            _add(markings, found)
    for token in tokens[1:]:
        token = token.strip()
        match = _CLASSIFICATION.match(token)
        if match and markings.classification is None and not token[match.end() :].strip():
            markings.classification = _CLASSIFICATION_VALUE[_key(match.group(1))][0]
            continue
        found = _known(token)
        if found:
            _add(markings, found)
        elif _UNKNOWN_CAVEAT.match(token) and not _VERBISH.search(token):
            markings.caveats.append(token)
            markings.unrecognised.append(token)
        else:
            markings.leftover.append(token)
    return markings
