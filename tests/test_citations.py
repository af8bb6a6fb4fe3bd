"""Citations of the real excerpt in every style, plain-text copies, and hostile fields."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from centralfiles.citations import STYLES, Citation, canonical_url, cite, csl_item
from centralfiles.enrich import enrich
from centralfiles.errors import InputError
from centralfiles.model import Document, Editor, Volume
from centralfiles.readers.tei import TeiVolume, read_volume
from centralfiles.readers.text import read_text
from centralfiles.render import render_text

D331_URL = "https://history.state.gov/historicaldocuments/frus1964-68v13/d331"
D331_TITLE = (
    "Telegram From the Mission to the North Atlantic Treaty Organization to the Department of State"
)
VOLUME_TITLE = (
    "Foreign Relations of the United States, 1964–1968, Volume XIII, Western Europe Region"
)
HOSTILE = 'He said "no" {to} }the{ \\end\n<script>alert(1)</script>\r\n& 50% $5 #1 a_b ~ ^ @misc{'


@pytest.fixture(scope="module")
def tei(excerpt: Path) -> TeiVolume:
    return read_volume(excerpt)


@pytest.fixture(scope="module")
def volume(tei: TeiVolume) -> Volume:
    return tei.volume


@pytest.fixture(scope="module")
def d331(tei: TeiVolume) -> Document:
    return enrich(next(doc for doc in tei.documents if doc.id == "frus1964-68v13/d331"))


@pytest.fixture(scope="module")
def text_copy(d331: Document) -> Document:
    """d331 as a plain-text copy, ingested without a volume: ``text/<hash>``."""
    doc = enrich(read_text(render_text(d331)))
    assert doc.id.startswith("text/") and doc.volume == "text"
    return doc


def _bibtex_entry(text: str, *, names: bool = False):
    extra = [middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()] if names else []
    library = bibtexparser.parse_string(text, append_middleware=extra)
    assert not library.failed_blocks, text
    assert len(library.entries) == 1, text
    return library.entries[0]


_UNESCAPES = {
    "{\\textbackslash}": "\\",
    "{\\textbraceleft}": "{",
    "{\\textbraceright}": "}",
    "{\\textasciitilde}": "~",
    "{\\textasciicircum}": "^",
    **{f"{{\\{char}}}": char for char in "%&$#_"},
}
_ESCAPED = re.compile("|".join(re.escape(seq) for seq in _UNESCAPES))


def _unescape(value: str) -> str:
    """A BibTeX field value back to text: the LaTeX escapes undone."""
    return _ESCAPED.sub(lambda m: _UNESCAPES[m.group(0)], value)


def _unbrace(value: str) -> str:
    """A title back to text: its case-protecting brace pair (``{{...}}``) dropped, unescaped."""
    assert value.startswith("{") and value.endswith("}"), value
    return _unescape(value[1:-1])


def _one_line(value: str) -> str:
    """What every field becomes: control characters dropped, whitespace runs collapsed."""
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in value)
    return " ".join(text.split())


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


# --- canonical URLs ------------------------------------------------------------------------


def test_canonical_url_is_the_history_state_gov_document_page() -> None:
    assert canonical_url("frus1964-68v13/d331") == D331_URL
    assert canonical_url("frus1964-68v13/d322") == (
        "https://history.state.gov/historicaldocuments/frus1964-68v13/d322"
    )


@pytest.mark.parametrize(
    "document_id", ["text/ab12cd34ef56", "", "frus1964-68v13", "a/b/c", "a/../b", "a b/c", "x/<d>"]
)
def test_canonical_url_is_none_for_text_and_malformed_ids(document_id: str) -> None:
    assert canonical_url(document_id) is None


# --- d331 of frus1964-68v13 in every style -------------------------------------------------


def test_hsg_citation_of_d331(d331: Document, volume: Volume) -> None:
    # Written by hand from the TEI header (titleStmt, editors, publicationStmt) and the heading.
    expected = (
        "Foreign Relations of the United States, 1964–1968, Volume XIII, Western Europe Region, "
        "eds. Charles S. Sampson and Glenn W. LaFantasie "
        "(Washington: Government Printing Office, 1995), Document 331. "
        "https://history.state.gov/historicaldocuments/frus1964-68v13/d331"
    )
    citation = cite(d331, volume, "hsg")
    assert citation == Citation(
        "hsg", expected, "text/plain; charset=utf-8", "frus1964-68v13-d331.txt"
    )


def test_chicago_note_of_d331(d331: Document, volume: Volume) -> None:
    expected = (
        f"“{D331_TITLE}, October 5, 1968,” in {VOLUME_TITLE}, Document 331, "
        "ed. Charles S. Sampson and Glenn W. LaFantasie "
        f"(Washington: Government Printing Office, 1995), 766–67, {D331_URL}."
    )
    assert cite(d331, volume, "chicago").text == expected


def test_chicago_bibliography_entry_of_d331(d331: Document, volume: Volume) -> None:
    expected = (
        f"“{D331_TITLE}, October 5, 1968.” In {VOLUME_TITLE}, Document 331, "
        "edited by Charles S. Sampson and Glenn W. LaFantasie, 766–67. "
        f"Washington: Government Printing Office, 1995. {D331_URL}."
    )
    assert cite(d331, volume, "chicago-bibliography").text == expected


def test_bibtex_entry_of_d331_parses(d331: Document, volume: Volume) -> None:
    citation = cite(d331, volume, "bibtex")
    assert (citation.media_type, citation.filename) == (
        "application/x-bibtex",
        "frus1964-68v13-d331.bib",
    )
    entry = _bibtex_entry(citation.text)
    assert (entry.entry_type, entry.key) == ("incollection", "frus1964-68v13-d331")
    fields = {name: field.value for name, field in entry.fields_dict.items()}
    assert fields == {
        "title": f"{{{D331_TITLE}}}",
        "booktitle": f"{{{VOLUME_TITLE}}}",
        "editor": "Sampson, Charles S. and LaFantasie, Glenn W.",
        "publisher": "Government Printing Office",
        "address": "Washington",
        "year": "1995",
        "chapter": "331",
        "type": "Document",
        "pages": "766--767",
        "url": D331_URL,
        "note": "Dated October 5, 1968",
    }
    names = _bibtex_entry(citation.text, names=True).fields_dict["editor"].value
    assert [(n.last, n.first) for n in names] == [
        (["Sampson"], ["Charles", "S."]),
        (["LaFantasie"], ["Glenn", "W."]),
    ]


def test_ris_record_of_d331_parses(d331: Document, volume: Volume) -> None:
    citation = cite(d331, volume, "ris")
    assert (citation.media_type, citation.filename) == (
        "application/x-research-info-systems",
        "frus1964-68v13-d331.ris",
    )
    assert citation.text.startswith("TY  - CHAP\n") and citation.text.endswith("ER  - \n")
    [record] = rispy.loads(citation.text)
    assert record == {
        "type_of_reference": "CHAP",
        "id": "frus1964-68v13-d331",
        "title": D331_TITLE,
        "secondary_title": VOLUME_TITLE,
        "secondary_authors": ["Sampson, Charles S.", "LaFantasie, Glenn W."],
        "publisher": "Government Printing Office",
        "place_published": "Washington",
        "year": "1995",
        "date": "1968/10/05/",
        "start_page": "766",
        "end_page": "767",
        "urls": [D331_URL],
        "notes": ["Document 331; dated October 5, 1968"],
    }


def test_csl_json_item_of_d331(d331: Document, volume: Volume) -> None:
    citation = cite(d331, volume, "csl-json")
    assert (citation.media_type, citation.filename) == (
        "application/vnd.citationstyles.csl+json",
        "frus1964-68v13-d331.json",
    )
    [item] = json.loads(citation.text)
    assert item == csl_item(d331, volume)
    assert citation.text == json.dumps([item], ensure_ascii=False, indent=2)
    assert item == {
        "id": "frus1964-68v13-d331",
        "type": "chapter",
        "title": f"{D331_TITLE}, October 5, 1968",
        "container-title": VOLUME_TITLE,
        "editor": [
            {"family": "Sampson", "given": "Charles S."},
            {"family": "LaFantasie", "given": "Glenn W."},
        ],
        "publisher": "Government Printing Office",
        "publisher-place": "Washington",
        "issued": {"date-parts": [[1995]]},
        "number": "331",
        "page": "766-767",
        "URL": D331_URL,
    }


def test_every_style_names_its_media_type_and_file(d331: Document, volume: Volume) -> None:
    extensions = {"bibtex": "bib", "ris": "ris", "csl-json": "json"}
    for style in STYLES:
        citation = cite(d331, volume, style)
        assert citation.style == style
        assert citation.filename == f"frus1964-68v13-d331.{extensions.get(style, 'txt')}"
        if style not in extensions:
            assert citation.media_type == "text/plain; charset=utf-8"
            assert "\n" not in citation.text


def test_every_document_of_the_excerpt_is_cited_in_every_style(
    tei: TeiVolume, volume: Volume
) -> None:
    for doc in tei.documents:
        doc = enrich(doc)
        for style in STYLES:
            text = cite(doc, volume, style).text
            assert text.strip(), (doc.id, style)
        assert canonical_url(doc.id) in cite(doc, volume, "hsg").text
        _bibtex_entry(cite(doc, volume, "bibtex").text)
        assert rispy.loads(cite(doc, volume, "ris").text)[0]["title"] == doc.title


def test_style_names_are_case_insensitive(d331: Document, volume: Volume) -> None:
    assert cite(d331, volume, " BibTeX ") == cite(d331, volume, "bibtex")


# --- the imprint and the editors -----------------------------------------------------------


def _volume(published: str | None, *editors: Editor) -> Volume:
    title = "Foreign Relations, Volume 99"
    return Volume(id="frus1969-76v99", title=title, published=published, editors=list(editors))


def _doc(**fields: object) -> Document:
    values: dict = {"id": "frus1969-76v99/d7", "volume": "frus1969-76v99", "number": "7"}
    values.update(title="Memorandum of Conversation", heading="7. Memorandum of Conversation")
    values.update(fields)
    return Document(**values)


@pytest.mark.parametrize(
    ("published", "publisher"),
    [
        ("1995", "Government Printing Office"),
        ("2014", "Government Printing Office"),
        ("2015", "Government Publishing Office"),
        ("2023", "Government Publishing Office"),
    ],
)
def test_publisher_is_renamed_from_2015(published: str, publisher: str) -> None:
    volume = _volume(published, Editor("Kristin L. Ahlberg", "primary"))
    hsg = cite(_doc(), volume, "hsg").text
    assert f"(Washington: {publisher}, {published}), Document 7." in hsg
    assert csl_item(_doc(), volume)["publisher"] == publisher
    assert f"PB  - {publisher}\n" in cite(_doc(), volume, "ris").text


def test_one_editor_is_ed_and_primary_editors_come_first() -> None:
    one = _volume("2010", Editor("Kristin L. Ahlberg", "primary"))
    assert ", ed. Kristin L. Ahlberg (Washington" in cite(_doc(), one, "hsg").text
    three = _volume(
        "2010",
        Editor("Adam M. Howard", "general"),
        Editor("Kristin L. Ahlberg", "primary"),
        Editor("David S. Patterson, Jr.", "primary"),
    )
    hsg = cite(_doc(), three, "hsg").text
    assert (
        ", eds. Kristin L. Ahlberg, David S. Patterson, Jr., and Adam M. Howard (Washington" in hsg
    )
    editor = _bibtex_entry(cite(_doc(), three, "bibtex").text).fields_dict["editor"].value
    assert editor == "Ahlberg, Kristin L. and Patterson, Jr., David S. and Howard, Adam M."
    assert csl_item(_doc(), three)["editor"][1] == {
        "family": "Patterson",
        "given": "David S.",
        "suffix": "Jr.",
    }
    authors = rispy.loads(cite(_doc(), three, "ris").text)[0]["secondary_authors"]
    assert authors == ["Ahlberg, Kristin L.", "Patterson, David S., Jr.", "Howard, Adam M."]


def test_editorial_note_is_cited_as_document_n(volume: Volume) -> None:
    note = Document(
        id="frus1964-68v13/d333",
        volume="frus1964-68v13",
        number="333",
        title="Editorial Note",
        heading="333. Editorial Note",
        kind="editorial-note",
        date_min="1968-10-01T00:00:00-04:00",
        date_max="1968-10-31T23:59:59-05:00",
    )
    assert cite(note, volume, "hsg").text == (
        f"{VOLUME_TITLE}, eds. Charles S. Sampson and Glenn W. LaFantasie "
        "(Washington: Government Printing Office, 1995), Document 333. "
        "https://history.state.gov/historicaldocuments/frus1964-68v13/d333"
    )
    # an editorial note's date range is what it covers, not its date
    assert csl_item(note, volume)["title"] == "Editorial Note"
    assert cite(note, volume, "chicago").text.startswith("“Editorial Note,” in Foreign")


def test_document_dates_in_ris_and_titles() -> None:
    volume = _volume("2010")
    assert "DA  - 1972/05///" not in cite(_doc(date="1972-05"), volume, "ris").text
    assert "DA  - 1972/05//\n" in cite(_doc(date="1972-05"), volume, "ris").text
    assert "DA  - 1972///\n" in cite(_doc(date="1972"), volume, "ris").text
    assert csl_item(_doc(date="1972-02-30"), volume)["title"].endswith(", February 1972")
    same_day = _doc(date_min="1972-05-01T09:00:00-04:00", date_max="1972-05-01T11:00:00-04:00")
    assert csl_item(same_day, volume)["title"].endswith(", May 1, 1972")
    undated = cite(_doc(date_min="1972-01-01", date_max="1973-01-01"), volume, "ris").text
    assert "DA  -" not in undated


def test_missing_volume_metadata_still_cites(d331: Document) -> None:
    hsg = cite(d331, None, "hsg").text
    assert hsg == (
        f"Foreign Relations of the United States, frus1964-68v13, Document 331. {D331_URL}"
    )
    for style in STYLES:
        assert cite(d331, None, style).text


# --- plain-text copies ---------------------------------------------------------------------


def test_text_copy_with_counterpart_is_cited_as_the_published_document(
    text_copy: Document, d331: Document, volume: Volume
) -> None:
    for style in STYLES:
        through_copy = cite(text_copy, None, style, counterpart=d331, counterpart_volume=volume)
        assert through_copy == cite(d331, volume, style)
    assert csl_item(text_copy, volume, counterpart=d331) == csl_item(d331, volume)


def test_text_copy_without_counterpart_is_an_unpublished_copy(text_copy: Document) -> None:
    note = (
        f"unpublished copy held in this archive as {text_copy.id}; "
        "not matched to a published FRUS document"
    )
    key = text_copy.id.replace("/", "-")
    assert cite(text_copy, None, "hsg").text == f"“{D331_TITLE}” ({note})."
    for style in STYLES:
        citation = cite(text_copy, None, style)
        assert note.lower() in citation.text.lower(), style
        assert "history.state.gov" not in citation.text, style
        assert citation.filename.startswith(f"{key}.")
    entry = _bibtex_entry(cite(text_copy, None, "bibtex").text)
    assert (entry.entry_type, entry.key) == ("misc", key)
    assert entry.fields_dict["note"].value == note[0].upper() + note[1:]
    [record] = rispy.loads(cite(text_copy, None, "ris").text)
    assert (record["type_of_reference"], record["title"]) == ("GEN", D331_TITLE)
    assert record["notes"] == [note[0].upper() + note[1:]]
    [item] = json.loads(cite(text_copy, None, "csl-json").text)
    assert item["type"] == "document" and item["id"] == key and "URL" not in item
    assert item["genre"] == note


def test_text_copy_ignores_a_counterpart_that_is_itself_unpublished(text_copy: Document) -> None:
    other = Document(id="text/0123456789ab", volume="text", title="Other")
    assert cite(text_copy, None, "hsg", counterpart=other).text.startswith(f"“{D331_TITLE}”")


def test_text_document_with_a_volume_id_is_cited_in_its_volume(d331: Document, volume: Volume):
    doc = enrich(read_text(render_text(d331), volume="frus1964-68v13"))
    assert doc.id == "frus1964-68v13/d331"
    assert cite(doc, volume, "hsg") == cite(d331, volume, "hsg")


# --- hostile text --------------------------------------------------------------------------


def _hostile() -> tuple[Document, Volume]:
    doc = Document(
        id="frus2020v1/d1",
        volume="frus2020v1",
        number="1\n}",
        title=HOSTILE,
        heading=f"1. {HOSTILE}",
        date="2020-01-02",
        pages=["1", "2"],
    )
    volume = Volume(
        id="frus2020v1",
        title=f"Volume {{ {HOSTILE}",
        published="2020\n",
        editors=[Editor('Ann "and" Bee and Co', "primary"), Editor("Smith, {Jo}\n"), Editor("")],
    )
    return doc, volume


def test_hostile_fields_stay_well_formed_in_every_style() -> None:
    doc, volume = _hostile()
    for style in ("hsg", "chicago", "chicago-bibliography"):
        text = cite(doc, volume, style).text
        assert "\n" not in text and "\r" not in text, style
        assert "<script>alert(1)</script>" in text  # plain text: escaping is the page's job

    bibtex = cite(doc, volume, "bibtex").text
    assert _balanced(bibtex)
    entry = _bibtex_entry(bibtex, names=True)
    assert _unbrace(entry.fields_dict["title"].value) == _one_line(HOSTILE)
    assert _unbrace(entry.fields_dict["booktitle"].value) == _one_line(f"Volume {{ {HOSTILE}")
    editors = entry.fields_dict["editor"].value
    assert len(editors) == 2  # "and" inside a name does not split it; empty names are dropped
    assert _unescape(" ".join(editors[0].last)) == "Co"
    assert entry.fields_dict["chapter"].value == "1 {\\textbraceright}"

    ris = cite(doc, volume, "ris").text
    lines = ris.splitlines()
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines), lines
    [record] = rispy.loads(ris)
    assert record["title"] == _one_line(HOSTILE)
    assert record["secondary_authors"] == ['Co, Ann "and" Bee and', "Smith, {Jo}"]

    [item] = json.loads(cite(doc, volume, "csl-json").text)
    assert item["title"] == f"{_one_line(HOSTILE)}, January 2, 2020"


def test_hostile_heading_is_used_when_the_title_is_empty() -> None:
    doc, volume = _hostile()
    doc.title = ""
    assert csl_item(doc, volume)["title"].startswith('He said "no" {to}')


# --- unknown styles ------------------------------------------------------------------------


def test_unknown_style_suggests_the_closest(d331: Document, volume: Volume) -> None:
    with pytest.raises(InputError) as error:
        cite(d331, volume, "bibtx")
    assert str(error.value) == (
        "unknown citation style 'bibtx'; did you mean 'bibtex'? "
        "(styles: hsg, chicago, chicago-bibliography, bibtex, ris, csl-json)"
    )
    with pytest.raises(InputError, match="did you mean 'csl-json'"):
        cite(d331, volume, "csljson")
    with pytest.raises(InputError) as error:
        cite(d331, volume, "mla")
    assert "did you mean" not in str(error.value)
    assert "(styles: hsg, chicago," in str(error.value)


# --- property: any text round-trips ---------------------------------------------------------

_TEXT = st.text(
    st.characters(exclude_categories=("Cs",)) | st.sampled_from(list('{}\\%&$#_~^"@,\n\t ')),
    max_size=40,
)
_NAMES = st.lists(_TEXT, max_size=4)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_TEXT, names=_NAMES)
def test_any_title_and_editors_round_trip_through_bibtex_and_ris(
    title: str, names: list[str]
) -> None:
    doc = _doc(title=title, heading="")
    volume = _volume("1999", *(Editor(name, "primary") for name in names))
    expected = _one_line(title) or "Untitled document"
    kept = [_one_line(name) for name in names if _one_line(name)]

    bibtex = cite(doc, volume, "bibtex").text
    assert _balanced(bibtex)
    entry = _bibtex_entry(bibtex, names=True)
    assert _unbrace(entry.fields_dict["title"].value) == expected
    if kept:
        assert len(entry.fields_dict["editor"].value) == len(kept)
    else:
        assert "editor" not in entry.fields_dict

    [record] = rispy.loads(cite(doc, volume, "ris").text)
    assert record["title"] == expected
    assert len(record.get("secondary_authors", [])) == len(kept)

    [item] = json.loads(cite(doc, volume, "csl-json").text)
    assert item["title"] == expected


@settings(max_examples=30, deadline=None)
@given(title=_TEXT, names=_NAMES)
def test_any_title_renders_as_one_chicago_line(title: str, names: list[str]) -> None:
    doc = _doc(title=title, heading="")
    volume = _volume("1999", *(Editor(name) for name in names))
    for style in ("chicago", "chicago-bibliography", "hsg"):
        text = cite(doc, volume, style).text
        assert text and len(text.splitlines()) == 1
