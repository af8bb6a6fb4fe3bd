"""The TEI reader on the real FRUS excerpt."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from centralfiles.readers.tei import read_volume

TEI = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def volume(excerpt: Path):
    return read_volume(excerpt)


@pytest.fixture(scope="module")
def docs(volume):
    return {doc.number: doc for doc in volume.documents}


def test_every_document_div_is_read(volume, excerpt: Path) -> None:
    tree = etree.parse(str(excerpt))
    expected = tree.xpath("//t:div[@type='document']/@xml:id", namespaces=TEI)
    assert [d.id.split("/", 1)[1] for d in volume.documents] == expected


def test_volume_header(volume) -> None:
    v = volume.volume
    assert v.id == "frus1964-68v13"
    assert v.title == (
        "Foreign Relations of the United States, 1964–1968, Volume XIII, Western Europe Region"
    )
    assert (v.sub_series, v.volume_number, v.volume_title) == (
        "1964–1968",
        "Volume XIII",
        "Western Europe Region",
    )
    assert [(e.name, e.role) for e in v.editors] == [
        ("Charles S. Sampson", "primary"),
        ("Glenn W. LaFantasie", "general"),
    ]
    assert v.published == "1995"
    assert (v.date_min, v.date_max) == ("1964-01-06T15:00:00-05:00", "1968-12-20T13:17:00-05:00")


def test_front_matter_lists(volume) -> None:
    assert len(volume.persons) == 115
    assert len(volume.terms) == 167
    persons = {p.id: p for p in volume.persons}
    assert persons["p_BMG1"].name == "Brosio, Manlio"
    assert persons["p_CH4"].description.startswith("Permanent Representative to the North Atlantic")
    terms = {t.id: t for t in volume.terms}
    assert terms["t_Exdis1"].name == "Exdis"


def test_d331_telegram(docs) -> None:
    doc = docs["331"]
    assert doc.id == "frus1964-68v13/d331"
    assert doc.title == (
        "Telegram From the Mission to the North Atlantic Treaty Organization to the "
        "Department of State"
    )
    assert doc.from_ == "Mission to the North Atlantic Treaty Organization"
    assert doc.to == "Department of State"
    assert doc.place == "Brussels"
    assert doc.date == "1968-10-05T13:58:00+00:00"
    assert doc.dateline == "Brussels, October 5, 1968, 1358Z."
    assert (doc.date_min, doc.date_max) == ("1968-10-05T08:58:00-05:00",) * 2
    assert doc.pages == ["766", "767"]
    assert doc.kind == "historical-document"
    assert doc.chapters == ["Western European Region"]
    assert doc.signed == "Cleveland"
    assert doc.text.startswith("5096. Subject: European caucus in NATO. Ref: Bonn 17686 (Notal).")
    assert "\n\n1. European caucus idea may now have more potential life" in doc.text
    assert doc.text.endswith("drown them.\n\nCleveland")


def test_footnotes_and_anchors(docs) -> None:
    doc = docs["331"]
    assert [(f.n, f.id, f.is_source) for f in doc.footnotes] == [
        ("1", "d331fn1", True),
        ("2", "d331fn2", False),
        ("3", "d331fn3", False),
    ]
    source = doc.footnotes[0]
    assert source.anchor is None
    assert source.text.startswith(
        "Source: Department of State, Central Files, DEF 12 NATO. Secret."
    )
    assert doc.text[: doc.footnotes[1].anchor].endswith("Ref: Bonn 17686 (Notal).")
    assert doc.text[: doc.footnotes[2].anchor].endswith("decision paper (USNATO 5085).")
    assert doc.footnotes[2].text.startswith("Telegram 5085, October 4, transmitted the text")


def test_notes_never_leak_into_text(docs) -> None:
    for doc in docs.values():
        for note in doc.footnotes:
            assert note.text[:40] not in doc.text
        assert "  " not in doc.text
        assert "\n\n\n" not in doc.text


def test_pages_including_break_before_document(docs) -> None:
    assert docs["332"].pages == ["768", "769", "770", "771", "772", "773", "774"]
    assert docs["322"].pages == ["741", "742", "743"]
    assert docs["325"].pages == ["754", "755", "756"]


def test_mid_word_page_break_joins_the_word(docs) -> None:
    assert "become a bristling defensive fortress" in docs["318"].text
    assert "compromise of all opinions expressed." in docs["332"].text


def test_persons_terms_and_references(docs) -> None:
    doc = docs["332"]
    persons = {(p.id, p.name) for p in doc.persons}
    assert ("p_BMG1", "Brosio, Manlio") in persons
    assert (None, "Alec Toumayan") in persons  # a persName without corresp
    assert ("t_NATO1", "NATO") in {(t.id, t.name) for t in doc.terms}
    assert [(r.target, r.kind, r.text) for r in doc.links] == [
        ("frus1964-68v13/d331#d331fn3", "footnote", "footnote 3, Document 331")
    ]


def test_memorandum_of_conversation_lists(docs) -> None:
    doc = docs["332"]
    assert doc.text.startswith("SUBJECT\n\nSecretary's Dinner for NATO Foreign Ministers\n\n")
    assert doc.place == "New York"
    assert doc.date == "1968-10-07T20:30:00-04:00"
    assert doc.footnotes[1].n == "2" and doc.footnotes[1].text == "Not printed."
    assert doc.text[: doc.footnotes[1].anchor].endswith("See attached list")


def test_numbered_lists_keep_their_labels(docs) -> None:
    assert "\n\n2. It seems likely there will be considerable discussion" in docs["331"].text


def _marks_left_by_rescanning(flat: str) -> str:
    """The rule stated plainly: swap a marker with the space or break before it until none
    can move, then collapse spaces (the reference for the per-marker version)."""
    from centralfiles.readers.textbuilder import _BREAK, _MARK

    while " " + _MARK in flat or _BREAK + _MARK in flat:
        flat = flat.replace(" " + _MARK, _MARK + " ").replace(_BREAK + _MARK, _MARK + _BREAK)
    while "  " in flat:
        flat = flat.replace("  ", " ")
    return flat.replace(" " + _BREAK, _BREAK).replace(_BREAK + " ", _BREAK)


@given(st.text(alphabet=["a", "b", " ", "\x00", "\x01"], max_size=30))
def test_footnote_markers_move_left_past_spaces_and_breaks(flat: str) -> None:
    from centralfiles.readers.textbuilder import _move_marks_left

    assert _move_marks_left(flat) == _marks_left_by_rescanning(flat)


def test_a_heading_note_that_says_source_is_the_source_note(tmp_path: Path) -> None:
    """frus1964-68v11 d128 leaves ``@type="source"`` off its heading's source note."""
    path = tmp_path / "v.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="frus-test-v1"><teiHeader><fileDesc>'
        '<titleStmt><title type="complete">Test</title></titleStmt></fileDesc></teiHeader>'
        '<text><body><div type="chapter"><head>One</head>'
        '<div type="document" xml:id="d128" n="128"><head>128. Telegram From the Department of'
        ' State to the Mission to the United Nations<note n="1" xml:id="d128fn1"><p>Source:'
        " Department of State, Central Files, SP 6 UN. Confidential. See Document 127.</p>"
        '</note></head><p>Your 4852.<note n="2" xml:id="d128fn2">Not printed.</note></p>'
        "</div></div></body></text></TEI>\n",
        encoding="utf-8",
    )
    from centralfiles.model import Document
    from centralfiles.readers.tei import iter_volume

    doc = next(item for item in iter_volume(path) if isinstance(item, Document))
    assert [(note.n, note.is_source) for note in doc.footnotes] == [("1", True), ("2", False)]
