"""render_text -> read_text round-trips: every real TEI document, and generated documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from centralfiles.model import Document, Footnote
from centralfiles.readers.text import read_text
from centralfiles.render import render_text


def _comparable(doc: Document) -> tuple[object, ...]:
    notes = [(n.n, n.text, n.anchor, n.is_source) for n in doc.footnotes]
    return doc.number, doc.title, notes, doc.signed


def _text_with_signature(doc: Document) -> str:
    """The body the reader should give back: the renderer appends a missing signature."""
    if not doc.signed or doc.text.rsplit("\n\n", 1)[-1] == doc.signed:
        return doc.text
    return f"{doc.text}\n\n{doc.signed}" if doc.text else doc.signed


# --- the real TEI excerpt ------------------------------------------------------------------


@pytest.fixture(scope="module")
def tei_documents(excerpt: Path) -> list[Document]:
    tei = pytest.importorskip("centralfiles.readers.tei")
    documents = tei.read_volume(excerpt).documents
    assert documents
    return documents


def test_every_tei_document_round_trips(tei_documents: list[Document]) -> None:
    for doc in tei_documents:
        back = read_text(render_text(doc), volume=doc.volume)
        assert back.id == doc.id
        assert _comparable(back) == _comparable(doc), doc.id
        assert back.text == _text_with_signature(doc), doc.id


def test_tei_documents_have_what_the_round_trip_checks(tei_documents: list[Document]) -> None:
    assert sum(len(doc.footnotes) for doc in tei_documents) >= 30
    assert sum(1 for doc in tei_documents if doc.signed) >= 5
    assert any(n.anchor is not None for doc in tei_documents for n in doc.footnotes)


# --- generated documents -------------------------------------------------------------------

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé’-", min_size=1, max_size=9).filter(
    lambda word: word[0].isalpha() and word[-1] != "-"  # "B-52" is a designation, not a marker
)
CAPITALISED = WORD.map(lambda word: word[0].upper() + word[1:])
PUNCTUATION = st.sampled_from(["", "", "", ",", ".", ";", ":", ".”", ")", "?"])
DECOY = st.one_of(  # numbers that look like a marker glued to a number
    st.integers(0, 99999).map(str),
    st.tuples(st.integers(0, 999), st.integers(0, 99)).map(lambda t: f"{t[0]}.{t[1]}"),
    st.integers(1900, 1999).map(lambda year: f"{year},"),
    st.integers(1, 999).map(lambda n: f"({n})"),
)
SIGNATURE = st.sampled_from([None, "Rusk", "Dean Rusk", "W.W. Rostow", "Edward R. Fried"])


@st.composite
def _paragraph(draw: st.DrawFn) -> tuple[str, list[int]]:
    """A paragraph and the offsets where a marker may go (word ends, before punctuation)."""
    text = ""
    ends: list[int] = []
    for index in range(draw(st.integers(2, 20))):
        text += " " if index else ""
        if draw(st.integers(0, 3)) == 0:
            text += draw(DECOY)
            continue
        word, mark = draw(st.one_of(WORD, CAPITALISED)), draw(PUNCTUATION)
        text += word
        if mark and draw(st.booleans()):
            ends.append(len(text))  # a marker before the punctuation: "reports2."
        text += mark
        ends.append(len(text))
    text += " end."
    ends.append(len(text))
    return text, ends


@st.composite
def documents(draw: st.DrawFn) -> Document:
    text, anchors = "", []
    for paragraph, ends in draw(st.lists(_paragraph(), min_size=1, max_size=5)):
        offset = len(text) + 2 if text else 0
        text = f"{text}\n\n{paragraph}" if text else paragraph
        anchors += [offset + end for end in ends]
    count = draw(st.integers(0, 8))
    on_heading = draw(st.integers(0, min(count, 2)))
    placed = sorted(draw(st.lists(st.sampled_from(anchors), min_size=count - on_heading)))
    placed = placed[: count - on_heading]
    base = draw(st.sampled_from([0, 1]))
    notes = []
    for index in range(count):
        lines = draw(st.lists(st.lists(st.one_of(WORD, DECOY), min_size=1), min_size=1, max_size=3))
        body = "\n".join(" ".join(words) for words in lines)
        if index == 0 and draw(st.booleans()):
            body = f"Source: {body}"
        anchor = None if index < on_heading else placed[index - on_heading]
        notes.append(Footnote(str(base + index), None, body, body.startswith("Source:"), anchor))
    title_words = draw(st.lists(st.one_of(WORD, CAPITALISED, DECOY), max_size=8))
    title = " ".join([*title_words, draw(CAPITALISED)])
    number = str(draw(st.integers(1, 9999)))
    return Document(
        id=f"v/d{number}",
        volume="v",
        number=number,
        title=title,
        text=text,
        footnotes=notes,
        signed=draw(SIGNATURE),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_round_trip(doc: Document) -> None:
    rendered = render_text(doc)
    back = read_text(rendered, volume="v")
    assert _comparable(back) == _comparable(doc), rendered
    assert back.text == _text_with_signature(doc), rendered
    assert back.id == doc.id
    assert render_text(back) == rendered
