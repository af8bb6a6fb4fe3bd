"""Hypothesis: any document the model can hold comes back from the store unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from centralfiles.model import Document, Footnote, Mention, Reference, Source, Telegram, Volume
from centralfiles.store.database import Store

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
OPTIONAL = st.none() | TEXT
NAMES = st.lists(TEXT.filter(bool), max_size=3)


@st.composite
def documents(draw: st.DrawFn, volume: str = "frus-test") -> list[Document]:
    count = draw(st.integers(min_value=1, max_value=4))
    docs = []
    for index in range(count):
        docs.append(
            Document(
                id=f"{volume}/d{index + 1}",
                volume=volume,
                number=draw(OPTIONAL),
                title=draw(TEXT),
                heading=draw(TEXT),
                kind=draw(st.sampled_from(["historical-document", "editorial-note"])),
                doc_type=draw(OPTIONAL),
                from_=draw(OPTIONAL),
                to=draw(OPTIONAL),
                place=draw(OPTIONAL),
                date=draw(OPTIONAL),
                date_min=draw(OPTIONAL),
                date_max=draw(OPTIONAL),
                dateline=draw(OPTIONAL),
                telegram=draw(
                    st.none() | st.builds(Telegram, TEXT.filter(bool), OPTIONAL, OPTIONAL)
                ),
                classification=draw(OPTIONAL),
                precedence=draw(OPTIONAL),
                caveats=draw(NAMES),
                source=draw(
                    st.builds(Source, OPTIONAL, OPTIONAL, OPTIONAL, OPTIONAL, OPTIONAL, OPTIONAL)
                ),
                drafted_by=draw(NAMES),
                cleared_by=draw(NAMES),
                approved_by=draw(NAMES),
                pages=draw(st.lists(TEXT.filter(bool), max_size=3)),
                footnotes=draw(
                    st.lists(
                        st.builds(
                            Footnote,
                            OPTIONAL,
                            OPTIONAL,
                            TEXT,
                            st.booleans(),
                            st.none() | st.integers(0, 10**6),
                        ),
                        max_size=4,
                    )
                ),
                persons=draw(st.lists(st.builds(Mention, OPTIONAL, TEXT.filter(bool)), max_size=3)),
                terms=draw(st.lists(st.builds(Mention, OPTIONAL, TEXT.filter(bool)), max_size=3)),
                links=draw(
                    st.lists(
                        st.builds(
                            Reference, st.just("elsewhere/d1"), st.just("document"), TEXT, TEXT
                        ),
                        max_size=2,
                    )
                ),
                chapters=draw(NAMES),
                signed=draw(OPTIONAL),
                text=draw(TEXT),
            )
        )
    return docs


@settings(max_examples=60, deadline=None)
@given(documents())
def test_documents_round_trip_through_sqlite(docs: list[Document]) -> None:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "rt.db") as store:
        volume = Volume(id="frus-test", title="Test")
        with store.write_volume(volume, source_path=None, sha256="0" * 64) as writer:
            for doc in docs:
                writer.add_document(doc)
        for doc in docs:
            assert store.document(doc.id).to_json() == doc.to_json()
