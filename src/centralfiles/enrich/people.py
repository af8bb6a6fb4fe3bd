"""Reconciling a persons-list entry with known identities: pure matching, no I/O.

A volume prints its own persons list ("Smith, Rufus Z., Country Director for Canada"); the
people registry has reconciled those of 229 volumes. For a volume it has not (or a new one),
``reconcile`` decides whether an entry is one of the known identities or a new person. The
rules, in order, with a strong bias against merging two people who share a surname:

1. **Blocking**: only identities with the same surname (accents, case and spacing ignored).
2. **Forenames must agree**: the first forenames equal, or one the initial of the other;
   where both print a second forename or initial, those agree too; a nickname in quotation
   marks is ignored. "Smith, Gerard C." and "Smith, Rufus Z." never merge.
3. **Era**: the identity must be printed in a volume within 30 years of the entry's.
4. **Evidence beyond the name**: a forename printed in full on both sides, or the role printed
   beside the name resembling one the identity has had (``rapidfuzz`` token-set ratio of 60
   or more); an initial alone with an unlike role is not enough.
5. **One winner**: if several identities pass, the entry merges only with one whose evidence
   is strictly better than every other's; otherwise it stays a new person.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

_QUOTED = re.compile(r"[“\"'‘][^“”\"'’]+[”\"'’]|\([^()]*\)")
_VOLUME_YEAR = re.compile(r"frus(\d{4})")
ERA_YEARS = 30
ROLE_SIMILAR = 60.0


@dataclass
class Identity:
    """A known person: the names and roles printed for them, and the volumes printing them."""

    id: str
    names: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    volumes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Match:
    """The identity chosen (``None``: a new person) and why."""

    id: str | None
    why: str


def fold(text: str) -> str:
    """Lower case, accents dropped, spaces collapsed: "Schröder" → "schroder"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


def split_name(name: str) -> tuple[str, list[str]]:
    """ "De Staercke, André Marie" → ("de staercke", ["andre", "marie"]); initials keep their
    letter ("Smith, Rufus Z." → ["rufus", "z"])."""
    name = _QUOTED.sub(" ", name)
    if "," in name:
        surname, rest = name.split(",", 1)
    else:
        words = name.split()
        surname, rest = (words[-1] if words else ""), " ".join(words[:-1])
    forenames = [w.strip(".") for w in fold(rest).replace(".", ". ").split()]
    forenames = [w for w in forenames if w and w not in {"jr", "sr", "ii", "iii", "sir", "lord"}]
    return fold(surname), forenames


def _agree(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def forenames_agree(left: list[str], right: list[str]) -> tuple[bool, bool]:
    """``(compatible, full)``: whether two forename lists can be one person's, and whether a
    forename printed in full (not an initial) is shared."""
    if not left or not right:
        return True, False
    if not _agree(left[0], right[0]):
        return False, False
    if len(left) > 1 and len(right) > 1 and not _agree(left[1], right[1]):
        return False, False
    full = len(left[0]) > 1 and left[0] == right[0]
    return True, full


def volume_year(volume: str) -> int | None:
    match = _VOLUME_YEAR.match(volume)
    return int(match[1]) if match else None


def reconcile(name: str, role: str, volume: str, candidates: list[Identity]) -> Match:
    """The identity among ``candidates`` that the entry ``name`` (with ``role``, printed in
    ``volume``) is, or a new person. ``candidates`` need not be blocked already."""
    surname, forenames = split_name(name)
    year = volume_year(volume)
    scored: list[tuple[int, float, str]] = []
    for identity in candidates:
        best: tuple[int, float] | None = None
        for printed in identity.names:
            other_surname, other_forenames = split_name(printed)
            if other_surname != surname:
                continue
            compatible, full = forenames_agree(forenames, other_forenames)
            if not compatible:
                continue
            similar = max((fuzz.token_set_ratio(fold(role), fold(r)) for r in identity.roles
                           if role and r), default=0.0)  # fmt: skip
            strength = (2 if full else 0) + (1 if similar >= ROLE_SIMILAR else 0)
            if best is None or (strength, similar) > best:
                best = (strength, similar)
        if best is None or best[0] == 0:
            continue  # an initial alone, with an unlike role: not enough
        years = [y for v in identity.volumes if (y := volume_year(v)) is not None]
        if year is not None and years and min(abs(year - y) for y in years) > ERA_YEARS:
            continue
        scored.append((best[0], best[1], identity.id))
    if not scored:
        return Match(None, "no identity with that surname, agreeing forenames and era")
    scored.sort(reverse=True)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return Match(None, f"{len(scored)} identities fit equally well; kept apart")
    strength, similar, chosen = scored[0]
    evidence = ["forename in full"] if strength >= 2 else []
    if strength % 2:
        evidence.append(f"role alike ({similar:.0f})")
    return Match(chosen, ", ".join(evidence))
