"""Writing one synthetic volume: its TEI text from a plan and a parsed source.

Owns ``render_volume`` and the ``VolumePlan`` it takes (index, document count, source, seed,
path). Everything random comes from one ``random.Random(plan.seed)``, in a fixed order, so a
plan always gives the same bytes: the volume's span of years, title and new id
``frussynth-vNNNN`` (put into the source's header by ``_volume_prefix``), the documents' days
(sorted), the chapters, and per document a frame of the source with body blocks from its kind's
pool, or now and then an editorial note. ``_Writer`` holds the state while the volume is
written (page, document and note numbers, the persons and post of the current document) and
fills the holes of bench/synth_tokens.py.
"""

from __future__ import annotations

import bisect
import itertools
import random
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from synth_dates import shift_iso, shift_literal
from synth_source import Source, Template
from synth_tokens import Block
from synth_vocab import (
    CAVEATS,
    CHAPTERS,
    CLASSIFICATION_CHANGE_RATE,
    CLASSIFICATIONS,
    EDITORIAL_NOTE_RATE,
    FIRST_DAY,
    LAST_DAY,
    POST_CHANGE_RATE,
    POSTS,
    REGIONS,
)


@dataclass(frozen=True)
class VolumePlan:
    """What one output volume is: index, document count, source and seed."""

    index: int
    documents: int
    source: int
    seed: str
    path: Path


@dataclass
class _Writer:
    """Mutable state while one volume is written."""

    source: Source
    rng: random.Random
    out: list[str] = field(default_factory=list)
    page: int = 1
    since_break: int = 0
    number: int = 0
    note: int = 1
    persons: dict[str, tuple[str, str]] = field(default_factory=dict)
    post: tuple[str, str | None] | None = None
    person_ids: list[tuple[str, str]] = field(default_factory=list)
    person_weights: list[float] = field(default_factory=list)
    post_choices: list[tuple[str, str | None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page = self.source.first_page
        people = list(self.source.persons)
        self.rng.shuffle(people)
        self.person_ids = people
        self.person_weights = list(
            itertools.accumulate(1 / (r + 1) ** 0.9 for r in range(len(people)))
        )
        known = dict(self.source.posts)
        pool = [*self.source.posts, *((p, c) for p, c in POSTS if p not in known)]
        self.post_choices = self.rng.sample(pool, min(len(pool), self.rng.randint(4, 9)))

    # -- page breaks

    def page_break(self, indent: str = "") -> str:
        n = self.page
        self.page += 1
        self.since_break = 0
        facs = n + self.source.facs_offset
        return f'{indent}<pb n="{n}" xml:id="pg_{n}" facs="{facs:04d}"/>'

    def maybe_break(self, indent: str, factor: float) -> None:
        if self.since_break > factor * self.source.chars_per_page:
            self.out.append(self.page_break(indent))

    # -- segments

    def emit(self, segments: Block, days: int | None = None) -> None:
        out = self.out
        for segment in segments:
            if segment.__class__ is str:
                text = segment if days is None else shift_literal(segment, days)
                out.append(text)
                self.since_break += len(text)
            else:
                out.append(self.fill(segment))

    def fill(self, hole: tuple) -> str:
        kind = hole[0]
        if kind == "person":
            person_id, surname = self.person(hole[1])
            opening = f'<persName{hole[2]} corresp="#{person_id}"{hole[3]}>'
            if surname is None:  # no persons list to draw from
                return f"{opening}{hole[6]}</persName>"
            return f"{opening}{hole[4]}{surname}{hole[5]}</persName>"
        if kind == "ptag":
            return f'<persName{hole[2]} corresp="#{self.person(hole[1])[0]}"{hole[3]}>'
        if kind == "note":
            n = self.note
            self.note += 1
            return f'<note n="{n}" xml:id="d{self.number}fn{n}"{hole[1]}>'
        if kind == "pb":
            return self.page_break()
        if kind == "ref":
            return self.reference(hole)
        if kind == "num":
            return f"{self.number}. "
        if kind == "tel":  # Department numbers run to six digits, posts' to four or five
            low, high = (4.0, 5.6) if hole[1] >= 6 else (1.5, 4.6)
            return str(int(10 ** self.rng.uniform(low, high)))
        if kind == "cls":
            return self.classification(hole)
        if kind == "post":
            if self.post is None:
                return hole[3]
            return f'<gloss type="{hole[1]}">{self.post[0]}</gloss>'
        if kind == "place":
            city = self.post[1] if self.post is not None and self.post[1] else hole[1]
            return f"<placeName>{city}</placeName>"
        raise ValueError(f"unknown hole {kind}")

    def person(self, old: str) -> tuple[str, str | None]:
        """Another listed person (id, surname) for ``old``, the same within a document."""
        chosen = self.persons.get(old)
        if chosen is None:
            if not self.person_ids:
                return old, None
            index = bisect.bisect(self.person_weights, self.rng.random() * self.person_weights[-1])
            chosen = self.person_ids[min(index, len(self.person_ids) - 1)]
            self.persons[old] = chosen
        return chosen

    def reference(self, hole: tuple) -> str:
        target = self.rng.randint(1, max(1, self.number - 1))
        body = re.sub(r"Document \d+", f"Document {target}", hole[3])
        return f'<ref{hole[1]} target="#d{target}"{hole[2]}>{body}</ref>'

    def classification(self, hole: tuple) -> str:
        rng = self.rng
        if rng.random() >= CLASSIFICATION_CHANGE_RATE:
            return hole[1]
        cls = rng.choices(list(CLASSIFICATIONS), weights=list(CLASSIFICATIONS.values()))[0]
        caveats: tuple[str, ...] = ()
        if cls in ("Top Secret", "Secret", "Confidential"):
            if hole[3] and rng.random() < 0.6:
                caveats = hole[3]
            elif rng.random() < 0.3:
                caveat = rng.choices(list(CAVEATS), weights=list(CAVEATS.values()))[0]
                term = self.source.terms.get(caveat.lower())
                caveats = (f'<gloss target="#{term}">{caveat}</gloss>' if term else caveat,)
        return "; ".join((cls, *hole[2], *caveats)) + "."

    # -- documents

    def document(self, template: Template, day: int, pool: list[Block], indent: str) -> None:
        rng = self.rng
        days = day - template.anchor
        self.persons = {}
        self.note = template.first_note
        self.post = rng.choice(self.post_choices) if rng.random() < POST_CHANGE_RATE else None
        n = self.number
        dates = ""
        if template.date_min and template.date_max:
            dates = (
                f' frus:doc-dateTime-min="{shift_iso(template.date_min, days)}"'
                f' frus:doc-dateTime-max="{shift_iso(template.date_max, days)}"'
            )
        inner = indent + "    "
        self.out.append(
            f'\n{indent}<div type="document" xml:id="d{n}" n="{n}" '
            f'subtype="historical-document"{dates}>\n{inner}'
        )
        self.emit(template.head)
        if template.dateline:
            self.out.append("\n" + inner)
            self.emit(template.dateline, days)
        for block in template.opening:
            self.out.append("\n" + inner)
            self.emit(block)
        count = max(1, round(template.blocks * rng.uniform(0.5, 1.5)))
        self.blocks(pool, count, inner)
        for block in template.closer:
            self.out.append("\n" + inner)
            self.emit(block)
        self.out.append(f"\n{indent}</div>")

    def editorial_note(self, day: int, pool: list[Block], indent: str) -> None:
        n = self.number
        self.note = 1
        self.persons = {}
        when = date.fromordinal(day).isoformat()
        inner = indent + "    "
        self.out.append(
            f'\n{indent}<div type="document" xml:id="d{n}" n="{n}" subtype="editorial-note"'
            f' frus:doc-dateTime-min="{when}T00:00:00-05:00"'
            f' frus:doc-dateTime-max="{when}T23:59:59-05:00">'
            f"\n{inner}<head>{n}. Editorial Note</head>"
        )
        self.blocks(pool, self.rng.randint(1, 4), inner)
        self.out.append(f"\n{indent}</div>")

    def blocks(self, pool: list[Block], count: int, indent: str) -> None:
        # without replacement: a small pool makes a shorter document rather than repeat a block
        chosen = self.rng.sample(pool, min(count, len(pool)))
        for block in chosen:
            self.maybe_break("\n" + indent, 1.6)
            self.out.append("\n" + indent)
            self.emit(block)


def _roman(number: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while number >= value:
            out += letters
            number -= value
    return out


def _volume_prefix(
    source: Source, volume_id: str, title: dict[str, str], span: tuple[int, int]
) -> str:
    first, last = span
    low, high = f"{first}-01-01T00:00:00-05:00", f"{last}-12-31T23:59:59-05:00"
    prefix = source.prefix
    replacements = [
        (r'(<TEI\b[^>]*?\bxml:id=")[^"]*(")', volume_id),
        (r'(<idno type="frus">)[^<]*(</idno>)', volume_id),
        (r'(<title type="complete">)[^<]*(</title>)', title["complete"]),
        (r'(<title type="sub-series">)[^<]*(</title>)', title["sub-series"]),
        (r'(<title type="volume-number">)[^<]*(</title>)', title["volume-number"]),
        (r'(<title type="volume">)[^<]*(</title>)', title["volume"]),
        (r'(<titlePart type="subseries">)[^<]*(</titlePart>)', title["sub-series"]),
        (r'(<titlePart type="volumenumber">)[^<]*(</titlePart>)', title["volume-number"]),
        (r'(<titlePart type="volume">)[^<]*(</titlePart>)', title["volume"]),
        (
            r"(<sourceDesc>\s*<p>)[^<]*(</p>)",
            f"Synthetic benchmark volume recombined by bench/synth.py from {source.path.name};"
            " not a real FRUS volume",
        ),
    ]
    for pattern, value in replacements:
        prefix = re.sub(pattern, lambda m, v=value: m.group(1) + v + m.group(2), prefix, count=1)
    prefix = re.sub(
        r'<date type="content-date"[^>]*>[^<]*</date>',
        f'<date type="content-date" calendar="gregorian" notBefore="{low}" notAfter="{high}">'
        f"{first} to {last}</date>",
        prefix,
        count=1,
    )
    prefix = re.sub(r'frus:doc-dateTime-min="[^"]*"', f'frus:doc-dateTime-min="{low}"', prefix)
    return re.sub(r'frus:doc-dateTime-max="[^"]*"', f'frus:doc-dateTime-max="{high}"', prefix)


def _volume_span(rng: random.Random) -> tuple[int, int]:
    years = rng.choice((2, 3, 3, 4, 4, 5))
    first = rng.randint(1945, 1990 - years + 1)
    return first, first + years - 1


def _chapter_sizes(rng: random.Random, documents: int) -> list[int]:
    count = max(1, min(rng.randint(2, 7), documents // 40))
    cuts = sorted(rng.sample(range(1, documents), count - 1)) if count > 1 else []
    edges = [0, *cuts, documents]
    return [b - a for a, b in itertools.pairwise(edges)]


def render_volume(plan: VolumePlan, source: Source) -> str:
    """The whole TEI text of one synthetic volume."""
    rng = random.Random(plan.seed)
    volume_id = f"frussynth-v{plan.index:04d}"
    first, last = _volume_span(rng)
    region = rng.choice(REGIONS)
    number = _roman(rng.randint(1, 40))
    title = {
        "sub-series": f"{first}–{last}",
        "volume-number": f"Volume {number}",
        "volume": region,
        "complete": f"Foreign Relations of the United States, {first}–{last}, "
        f"Volume {number}, {region}",
    }
    low = max(FIRST_DAY, date(first, 1, 1).toordinal())
    high = min(LAST_DAY, date(last, 12, 31).toordinal())
    days = sorted(rng.randint(low, high) for _ in range(plan.documents))
    writer = _Writer(source, rng)
    writer.out.append(_volume_prefix(source, volume_id, title, (first, last)))
    editorial_pool = (
        source.pools["editorial"]
        or [b for kind in ("paper", "memorandum", "other", "memcon") for b in source.pools[kind]]
        or source.pools["telegram"]
    )
    chapters = rng.sample(CHAPTERS, len(CHAPTERS))
    day_iter = iter(days)
    for chapter, size in enumerate(_chapter_sizes(rng, plan.documents), start=1):
        writer.out.append(
            f'\n            <div type="chapter" xml:id="ch{chapter}">'
            f"\n                <head>{chapters[(chapter - 1) % len(chapters)]}</head>"
        )
        for _ in range(size):
            _write_one(writer, next(day_iter), editorial_pool)
        writer.out.append("\n            </div>")
    writer.out.append("\n        ")
    writer.out.append(source.suffix)
    return "".join(writer.out)


def _write_one(writer: _Writer, day: int, editorial_pool: list[Block]) -> None:
    rng, source, indent = writer.rng, writer.source, " " * 16
    writer.number += 1
    if writer.number == 1:
        writer.out.append(writer.page_break("\n" + indent))
    elif rng.random() < 0.3:
        writer.maybe_break("\n" + indent, 0.4)
    if rng.random() < EDITORIAL_NOTE_RATE:
        writer.editorial_note(day, editorial_pool, indent)
        return
    template = rng.choice(source.templates)
    writer.document(template, day, source.pools[template.kind], indent)
