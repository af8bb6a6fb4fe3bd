"""Records the apparatus identifies: a phrase closed by a footnote marker, a note's phrase
that the note locates. Examples are verbatim from the labelled volumes in tests/data/links."""

from __future__ import annotations

from pathlib import Path

import pytest

from centralfiles import Archive
from centralfiles.enrich.links import extract_pointers
from centralfiles.model import Document, Footnote

SOURCE = Footnote("1", None, "Source: Department of State, Central Files, POL 1.", True)


def marked(body: str, note: str = "Not printed.") -> list[tuple[str, str, dict]]:
    """The body's pointers when a footnote marker stands where ``body`` has "^"."""
    anchor = body.index("^")
    doc = Document(
        id="v/d1", volume="v", date="1960-04-12", text=body.replace("^", ""),
        footnotes=[SOURCE, Footnote("2", None, note, anchor=anchor)],
    )  # fmt: skip
    return [(p.kind, p.text, p.parts) for p in extract_pointers(doc) if p.where == "body"]


def records_of(body: str, date: str = "1960-04-12") -> list[str]:
    """The texts of the memorandum pointers a body with no footnotes has."""
    doc = Document(id="v/d1", volume="v", date=date, text=body, footnotes=[SOURCE])
    return [p.text for p in extract_pointers(doc) if p.kind == "memorandum"]


def in_note(note: str) -> list[tuple[str, str, dict]]:
    doc = Document(id="v/d1", volume="v", date="1956-10-05",
                   footnotes=[SOURCE, Footnote("2", None, note)])  # fmt: skip
    return [(p.kind, p.text, p.parts) for p in extract_pointers(doc) if p.kind == "memorandum"]


@pytest.mark.parametrize(
    ("body", "text", "parts"),
    [
        (
            "He thought that the British draft should be studied together with the Canadian "
            "draft (Tab D).^ Secretary Herter agreed.",
            "Canadian draft (Tab D)",
            {"type": "draft"},
        ),
        (
            "Mr. Lloyd related that NATO would get the Western tactics paper.^Von Brentano added",
            "Western tactics paper",
            {"type": "paper"},
        ),
        (
            "red paragraphs 5 and 6 of the Department’s counterproposal of February 18, 1937.^ In "
            "order that there may be no misunderstanding",
            "Department’s counterproposal of February 18, 1937",
            {"type": "counterproposal", "date": "1937-02-18", "from": "Department"},
        ),
        (
            "From a further report from the Consul at Jerusalem, dated June 17, 1925,^ it appears",
            "further report from the Consul at Jerusalem, dated June 17, 1925",
            {"type": "report", "date": "1925-06-17"},
        ),
        (
            "The Acting Chairman reviewed the position paper (Tab B, CFEP 501/7)^ submitted by",
            "position paper (Tab B, CFEP 501/7)",
            {"type": "paper"},
        ),
        (
            "He then read U.S. document FMW D–1/3,^ indicating that copies would be distributed",
            "U.S. document FMW D–1/3",
            {"type": "document"},
        ),
        (
            "Ambassador Iguchi referred to the list of items which the Japanese Government had "
            "submitted^ and said",
            "list of items which the Japanese Government had submitted",
            {"type": "list"},
        ),
    ],
)
def test_a_record_a_footnote_marker_closes_is_a_pointer(body: str, text: str, parts: dict):
    assert ("memorandum", text, {**parts, "glossed_by": "footnote 2"}) in marked(body)


@pytest.mark.parametrize(
    "body",
    [
        # a verb between the record and the marker: the note glosses the clause
        "Gromyko indicated that the letter is still being studied.^",
        # a record still to be written
        "Gromyko advised against our “pushing” for a reply.^ But he asked",
        # a clause after the record
        "We had made our proposal to the Russians, and as I cabled you separately^ they",
        # the word as a verb, or a group of papers
        "As the Consul reports^ the town is quiet.",
        "He has read the political reports.^",
        # not a written record
        "The Director gave an oral report^ on the situation.",
        "He recalled Kissinger’s poor record^ on the issue.",
        "He mentioned their study of the Office of Civil and Defense Mobilization.^",
        # the document itself, and a sentence's opening words
        "I enclose this memorandum^ for your information.",
        "In response to his request, I received Ambassador Dobrynin this afternoon.^",
        "I note for example that the invasion was followed by talks within nine months.^",
        # no record noun at all
        "The Secretary met Gromyko at the Soviet Mission.^",
    ],
)
def test_a_marker_after_anything_else_adds_no_record(body: str):
    assert [p for p in marked(body) if p[0] == "memorandum"] == []


@pytest.mark.parametrize(
    ("note", "text"),
    [
        (
            "A detailed account of the tripartite meeting of October 29 is ibid., Conference "
            "Files: Lot 60 D 627, CF 569.",
            "detailed account of the tripartite meeting of October 29",
        ),
        (
            "Copies of the Acheson notes are in Department of State file 611.00/11–1852.",
            "Acheson notes",
        ),
        (
            "The memorandum of this portion of the conversation, transmitted in Unsec 30 to "
            "Warsaw, June 9, is ibid., Central Files, POL 1.",
            "memorandum of this portion of the conversation",
        ),
        (
            "A copy of this paper, “Pre-Summit Information Policy,” is in Department of State, "
            "Conference Files: Lot 64 D 559.",
            "paper, “Pre-Summit Information Policy,”",
        ),
        (
            "For text of the first draft letter to Khrushchev, see Document 110.",
            "first draft letter to Khrushchev",
        ),
    ],
)
def test_a_record_its_note_locates_is_a_pointer(note: str, text: str):
    assert text in [found for _, found, _ in in_note(note)]


@pytest.mark.parametrize(
    "note",
    [
        "The letter is in Department of State, Central Files, POL 1.",  # the one just named
        "A copy of this 6-page report is ibid., CF 635.",  # the attachment the sentence names
        "The documents are in Department of State, Central Files, POL 1.",  # a group
        "He said that the report is in the files of the Embassy.",  # not the subject
        # the document that prints it is the record cited
        "Johnson's answer, which Thompson delivered to Dobrynin on January 24, is printed in "
        "Foreign Relations, 1964–1968, vol. XI, Document 1.",
    ],
)
def test_a_located_record_must_be_named_by_more_than_its_noun(note: str):
    assert in_note(note) == []


def test_pages_of_a_record_are_not_pages_of_a_volume():
    doc = Document(id="v/d1", volume="v", date="1955-06-01", footnotes=[SOURCE, Footnote(
        "2", None, "For discussion of advantages and disadvantages see pp. 6–8 of Guidance "
        "Paper. [Footnote in the source text.]")])  # fmt: skip
    assert [p.kind for p in extract_pointers(doc)] == ["memorandum"]
    doc.footnotes[1].text = "See p. 742 of this volume."
    assert [p.kind for p in extract_pointers(doc)] == ["page"]


@pytest.mark.parametrize(
    ("note", "page"),
    [
        (
            "In telegram No. 982, August 29, 10 a.m., p. 146, Ambassador Gauss reported in part:",
            "146",
        ),
        ("See American draft note, p. 387.", "387"),
    ],
)
def test_the_page_a_cited_record_is_printed_on(note: str, page: str):
    doc = Document(id="v/d1", volume="v", date="1942-09-01",
                   footnotes=[SOURCE, Footnote("2", None, note)])  # fmt: skip
    pages = [p for p in extract_pointers(doc) if p.kind == "page"]
    assert [(p.parts["target_page"], p.parts["target_volume"]) for p in pages] == [(page, "v")]


def test_a_mid_sentence_page_needs_the_record_date_before_it():
    doc = Document(id="v/d1", volume="v", date="1942-09-01", footnotes=[SOURCE, Footnote(
        "2", None, "The figures, p. 146, are from the Embassy's count.")])  # fmt: skip
    assert [p for p in extract_pointers(doc) if p.kind == "page"] == []


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            "the Embassy’s memoranda of May 4 and July 3, 1925, based respectively on",
            "Embassy’s memoranda of May 4",
        ),
        (
            "Using as a basis the Department’s counter proposal of February 18, 1937, the text",
            "Department’s counter proposal of February 18, 1937",
        ),
        (
            "Embassy’s note, based on Department’s instruction of October 13, was a reply",
            "Department’s instruction of October 13",
        ),
        (
            "with regard to Mesopotamia. Its communications of June 24, 1922 (see your despatch",
            "Its communications of June 24, 1922",
        ),
        (
            "attempt to improve the Western proposal of July 28, 1959, which has never",
            "Western proposal of July 28, 1959",
        ),
    ],
)
def test_records_cited_by_their_date_in_the_older_correspondence(body: str, text: str):
    assert text in records_of(body, "1925-10-20")


@pytest.mark.parametrize(
    ("body", "dates"),
    [
        (
            "as a reply to the Embassy’s memoranda of May 4 and July 3, 1925, based on",
            ["1925-05-04", "1925-07-03"],
        ),
        (
            "Your Excellency’s note of December 19th 1924, and memoranda of May 4th and July 3rd "
            "last, relative to",
            ["1924-12-19", "1925-05-04", "1925-07-03"],
        ),
        # a singular names one record: its "and" joins another sentence's date
        ("the note of May 4 and June 3 brought no reply", ["1925-05-04"]),
    ],
)
def test_each_date_of_a_plural_record_list_is_one_record(body: str, dates: list[str]):
    doc = Document(id="v/d1", volume="v", date="1925-10-20", text=body)
    assert [p.parts.get("date") for p in extract_pointers(doc) if p.kind == "memorandum"] == dates


def test_a_numbered_reply_is_no_memorandum():
    assert [p for p in marked("the Department’s reply No. 473 of December 17, 1924,^ was")
            if p[0] == "memorandum"] == []  # fmt: skip
    assert [p for p in marked("your telegraphic replies Nos. 442 and 449 of October 28^")
            if p[0] == "memorandum"] == []  # fmt: skip


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            "I find with the instructions issued by Vice-Admiral Wellesley, and forming a part",
            "instructions issued by Vice-Admiral Wellesley",
        ),
        (
            "I transmit herewith a copy of a communication which I have just received from the "
            "Department of State, giving its views",
            "communication which I have just received from the Department of State",
        ),
        (
            "Secretary Herter read a suggested draft prepared by the Canadians. After an exchange",
            "suggested draft prepared by the Canadians",
        ),
        (
            "He circulated a preliminary draft prepared by CIA analysts for comment.",
            "preliminary draft prepared by CIA",
        ),
    ],
)
def test_a_record_named_with_who_wrote_or_sent_it(body: str, text: str):
    assert text in records_of(body)


@pytest.mark.parametrize(
    "body",
    [
        "The reports prepared by the missions were read.",  # a group of papers
        "The Ambassador prepared by reading the file.",  # no record noun
        "He had a draft that was prepared by nobody in particular.",  # not right after the noun
    ],
)
def test_who_wrote_it_needs_one_record_right_before(body: str):
    assert records_of(body) == []


def test_an_office_names_its_notes_but_its_replies_are_telegrams():
    doc = Document(id="v/d1", volume="v", date="1925-10-20", footnotes=[SOURCE], text=(
        "I may expect reply to the Embassy’s note based on the Department’s instruction. "
        "The Embassy’s reply was sent yesterday."))  # fmt: skip
    assert [p.text for p in extract_pointers(doc) if p.kind == "memorandum"] == ["Embassy’s note"]


def test_a_record_i_sent_you_on_a_day():
    doc = Document(id="v/d1", volume="v", date="1966-06-01", footnotes=[SOURCE], text=(
        "As explained in the memorandum I submitted to you on May 2, 1966, the"))  # fmt: skip
    assert [(p.text, p.parts) for p in extract_pointers(doc) if p.kind == "memorandum"] == [
        ("memorandum I submitted to you on May 2, 1966",
         {"type": "memorandum", "date": "1966-05-02"})
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "found"),
    [
        (
            "The Secretary attached a draft letter to Mr. Kosygin setting forth a proposal",
            ["draft letter to Mr. Kosygin"],
        ),
        ("an undated memorandum to Ford on the budget", ["undated memorandum to Ford"]),
        ("He favored a suggested reply to the Department’s proposal.", []),
        ("We are preparing a draft response to Polish proposals.", []),
    ],
)
def test_a_draft_to_someone_is_a_paper_on_the_desk(body: str, found: list):
    assert records_of(body, "1966-05-01") == found


VOLUME = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="frus-test-v11"><teiHeader><fileDesc>
<titleStmt><title type="complete">Test</title></titleStmt></fileDesc></teiHeader>
<text><body><div type="compilation"><head>Arms Control</head>
<div type="document" xml:id="d126" n="126"><head>126. Memorandum From the Director to
President Johnson<note n="1" xml:id="d126fn1" type="source">Source: Johnson Library.</note>
</head><dateline><date when="1966-05-02">May 2, 1966</date></dateline>
<p>I attach a draft letter.</p></div>
<div type="document" xml:id="d129" n="129"><head>129. Memorandum From the Director to
President Johnson<note n="1" xml:id="d129fn1" type="source">Source: Johnson Library.</note>
</head><dateline><date when="1966-05-20">May 20, 1966</date></dateline>
<p>As explained in the memorandum I submitted to you on May 2, 1966,<note n="2"
xml:id="d129fn2">Document 126.</note> the halt is in our interest. The Western tactics
paper<note n="3" xml:id="d129fn3">Not printed. See Document 12 and Document 13.</note> is
ready.</p></div>
</div></body></text></TEI>
"""


def test_a_record_its_footnote_prints_resolves_to_that_document(tmp_path: Path):
    """frus1964-68v11 d129: "the memorandum I submitted to you on May 2, 1966" with the note
    "Document 126." is Document 126; a note naming two documents decides nothing."""
    path = tmp_path / "frus-test-v11.xml"
    path.write_text(VOLUME, encoding="utf-8")
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([path]).failed
        out = archive.links("frus-test-v11/d129")["out"]
    records = {p["text"]: (p["target"], p["resolved"]) for p in out if p["kind"] == "memorandum"}
    assert records == {
        "memorandum I submitted to you on May 2, 1966": ("frus-test-v11/d126", True),
        "Western tactics paper": (None, False),
    }


def test_an_unresolved_record_says_which_note_identifies_it(tmp_path: Path):
    path = tmp_path / "frus-test-v11.xml"
    path.write_text(VOLUME, encoding="utf-8")
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([path]).failed
        out = archive.links("frus-test-v11/d129")["out"]
    paper = next(p for p in out if p["text"] == "Western tactics paper")
    assert paper["reason"] == "identified in footnote 3, which names no one printed document"


def test_a_record_a_parenthesis_names_before_where_it_is_filed():
    # frus1958-60v11 (fresh19) d186 footnote 4, the 1950s volumes' gloss of a summary
    [(_, text, parts)] = in_note(
        "Lloyd agreed. (Memorandum of conversation; Department of State, Central Files, "
        "785.00/7–1758; included in the microfiche supplement)"
    )
    assert text == "Memorandum of conversation"
    assert parts == {"type": "memorandum of conversation", "date": "1958-07-17"}
    # a plural names no one record; a parenthesis with no place names no filed record
    plural = (
        "(Memoranda of conversations; Department of State, Central Files, 785.58/7–1758 and "
        "885.2553/7–1758, respectively)"
    )
    assert in_note(plural) == []
    assert in_note("(Memorandum of conversation; see footnote 2 above)") == []
    [(_, text, parts)] = in_note("(Letter from Dulles to Lloyd; ibid., 611.41/7–1858)")
    assert (text, parts["from"], parts["to"]) == ("Letter from Dulles to Lloyd", "Dulles", "Lloyd")


def test_a_record_presented_to_someone():
    # frus1958-60v11 (fresh19) d181 footnote 2
    note = "Rifai confirmed this request with a formal note presented to the Embassy on July 17."
    assert in_note(note) == [
        ("memorandum", "formal note presented to the Embassy on July 17",
         {"type": "note", "date": "1956-07-17"}),
    ]  # fmt: skip


def test_a_date_that_opens_the_sentence_is_not_its_records():
    # frus1941v06 (fresh20) d257 footnote 18
    assert in_note("Beginning on April 24, 1941, reports were received that relations") == []
    assert [t for _, t, _ in in_note("In a December 3, 1953, memorandum to the President")] == [
        "December 3, 1953, memorandum"
    ]


@pytest.mark.parametrize(
    ("body", "found"),
    [
        # frus1925v02 (fresh11) d185; frus1969-76v12 (heldout) d1, d9
        ("the assurances in British note were accepted as a basis", ["British note"]),
        ("A text of the Soviet notes given Rusk is in the files.", ["Soviet notes"]),
        ("The last U.S. note asked them to clarify", ["U.S. note"]),
        ("We have the Soviet note on Berlin.", ["Soviet note"]),  # a government's, no sender's
        # a government's reply or proposal is as often a position as a paper
        ("the Soviet reply was that they too were anxious", []),
        ("He went over the Greek proposals with him.", []),
    ],
)
def test_a_governments_note_named_by_its_nationality(body: str, found: list[str]):
    assert records_of(body) == found


def test_a_record_from_a_governments_office_named_by_its_nationality():
    # frus1941v06 (fresh20) d250, d251
    body = "I have received a personal airmail letter from the American Minister in Quito"
    assert records_of(body) == ["letter from the American Minister"]
    assert records_of("a message from the Chilean Foreign Minister was delivered") == [
        "message from the Chilean Foreign Minister"
    ]
    assert records_of("reports from the Soviet press say") == []  # the press is no office


def test_a_conversation_dated_before_its_parties():
    # frus1941v06 (fresh20) d253
    [(_, text, parts)] = in_note(
        "which transmitted a memorandum of a conversation on February 28 between the Under "
        "Secretary and the Peruvian Ambassador in Washington regarding the dispute"
    )
    assert text.endswith("between the Under Secretary and the Peruvian Ambassador")
    assert (parts["date"], parts["from"], parts["to"]) == (
        "1956-02-28", "Under Secretary", "Peruvian Ambassador")  # fmt: skip
