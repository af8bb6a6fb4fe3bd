"""The synthetic benchmark corpus (bench/synth.py): read back by the real TEI reader."""

from __future__ import annotations

import importlib
import itertools
import re
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from types import ModuleType

import pytest

from centralfiles.model import Document
from centralfiles.readers.tei import TeiVolume, read_volume

BENCH = Path(__file__).resolve().parent.parent / "bench"
CLASSIFICATION = re.compile(
    r"\b(Top Secret|Secret|Confidential|Limited Official Use|Unclassified)[;.]"
)


@pytest.fixture(scope="module")
def synth() -> ModuleType:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    return importlib.import_module("synth")


@pytest.fixture(scope="module")
def generated(synth: ModuleType, excerpt: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("synth")
    return synth.generate(
        out, 600, seed=7, source=excerpt.parent, volume_size=(300, 300), workers=1
    )


@pytest.fixture(scope="module")
def volumes(generated: list[Path]) -> list[TeiVolume]:
    return [read_volume(path) for path in generated]


def test_every_document_is_read_with_unique_ids(volumes: list[TeiVolume]) -> None:
    assert [v.volume.id for v in volumes] == ["frussynth-v0001", "frussynth-v0002"]
    for volume in volumes:
        docs = volume.documents
        assert [d.id for d in docs] == [f"{volume.volume.id}/d{n}" for n in range(1, 301)]
        assert [d.number for d in docs] == [str(n) for n in range(1, 301)]
        assert all(d.title and not d.title[0].isdigit() for d in docs)
        notes = [f.id for d in docs for f in d.footnotes]
        assert len(notes) == len(set(notes))
        assert all(f.id.startswith(d.id.split("/")[1] + "fn") for d in docs for f in d.footnotes)
        assert volume.persons and volume.terms  # the front matter lists are kept


def _in_range(doc: Document) -> bool:
    low, high = datetime.fromisoformat(doc.date_min), datetime.fromisoformat(doc.date_max)
    if not (low.year >= 1945 and high.year <= 1990 and low <= high):
        return False
    if doc.date is None:
        return True
    if "T" in doc.date:
        return low <= datetime.fromisoformat(doc.date) <= high
    return low.date() <= date.fromisoformat(doc.date) <= high.date()


def test_dates_are_in_range_consistent_and_increasing(volumes: list[TeiVolume]) -> None:
    for volume in volumes:
        docs = volume.documents
        assert all(d.date_min and d.date_max for d in docs)
        assert all(_in_range(d) for d in docs), [d.id for d in docs if not _in_range(d)][:5]
        days = [d.date_min[:10] for d in docs]
        assert days == sorted(days)
        years = {int(day[:4]) for day in days}
        assert max(years) - min(years) <= 5


def test_printed_dates_follow_the_shifted_dates(volumes: list[TeiVolume]) -> None:
    printed = 0
    for doc in (d for v in volumes for d in v.documents):
        if doc.date and doc.dateline and "undated" not in doc.dateline:
            day = date.fromisoformat(doc.date[:10])
            assert f"{day:%B} {day.day}, {day.year}" in doc.dateline, (doc.id, doc.dateline)
            printed += 1
    assert printed > 300


def test_pages_increase(volumes: list[TeiVolume]) -> None:
    for volume in volumes:
        pages = [int(p) for d in volume.documents for p in d.pages]
        assert pages[0] == 1
        assert all(b - a in (0, 1) for a, b in itertools.pairwise(pages))


def test_persons_classifications_and_kinds_vary(volumes: list[TeiVolume]) -> None:
    docs = [d for v in volumes for d in v.documents]
    listed = {entry.id for v in volumes for entry in v.persons}
    persons = Counter(m.id for d in docs for m in d.persons if m.id)
    assert set(persons) <= listed
    assert len(persons) >= 60
    classifications = Counter(
        match.group(1)
        for d in docs
        if d.source_note and (match := CLASSIFICATION.search(d.source_note.text))
    )
    assert len(classifications) == 5, classifications
    assert classifications.most_common(1)[0][0] == "Secret"
    kinds = Counter(d.kind for d in docs)
    assert 0 < kinds["editorial-note"] < 60
    assert len({d.from_ for d in docs if d.from_}) >= 4


def test_same_seed_same_bytes(
    synth: ModuleType, excerpt: Path, generated: list[Path], tmp_path: Path
) -> None:
    again = synth.generate(
        tmp_path / "again", 600, seed=7, source=excerpt.parent, volume_size=(300, 300), workers=2
    )
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in generated]
    other = synth.generate(
        tmp_path / "other", 600, seed=8, source=excerpt.parent, volume_size=(300, 300), workers=1
    )
    assert other[0].read_bytes() != generated[0].read_bytes()
