"""Links and threads: pointers extracted from the apparatus, resolved, followed, searched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from centralfiles import Archive
from centralfiles.cli import app
from centralfiles.enrich.cable.text import find_all
from centralfiles.enrich.links import extract_pointers
from centralfiles.enrich.links.common import NEEDLES, _offsets
from centralfiles.enrich.links.posts import capital, post_names
from centralfiles.model import Document, Footnote

from .conftest import SEEDS_DIR

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, excerpt: Path) -> Path:
    path = tmp_path_factory.mktemp("links") / "archive.db"
    with Archive(path) as archive:
        assert not archive.ingest([excerpt, SEEDS_DIR]).failed
    return path


def note_pointers(text: str, date: str = "1968-10-05") -> list[tuple[str, str, dict]]:
    doc = Document(
        id="v/d1", volume="v", date=date,
        footnotes=[Footnote("1", None, "Source: Department of State, Central Files, POL 1.",
                            True), Footnote("2", None, text)],
    )  # fmt: skip
    return [(p.kind, p.text, p.parts) for p in extract_pointers(doc)]


@pytest.mark.parametrize(
    ("text", "kind", "parts"),
    [
        ("See Document 118.", "document", {"target_document": "d118", "target_volume": "v"}),
        ("Printed as Document 60 in FRUS 1964–1968, vol. XVII.", "document",
         {"target_document": "d60", "target_volume": "frus1964-68v17"}),
        ("See footnote 3, Document 331.", "footnote",
         {"target_note": "3", "target_document": "d331", "target_volume": "v"}),
        ("See p. 742.", "page", {"target_page": "742"}),
        ("Telegram 5085 from Brussels, October 4.", "telegram",
         {"number": "5085", "direction": "from", "post": "Brussels", "date": "1968-10-04"}),
        ("In telegram 230009 to USNATO, August 29, the Department", "telegram",
         {"number": "230009", "direction": "to", "post": "USNATO", "date": "1968-08-29"}),
        ("Polto 513, October 29.", "channel",
         {"channel": "Polto", "number": "513", "date": "1968-10-29"}),
        ("Tosec 45 from Rusk.", "channel", {"channel": "Tosec", "number": "45"}),
        ("Reference is to Bonn 17686.", "post_number", {"post": "Bonn", "number": "17686"}),
        ("In State 247343 the Department", "post_number", {"post": "State", "number": "247343"}),
        ("Deptel 123 instructed", "deptel", {"number": "123", "post": "State"}),
        ("see Deptel 1344 to Bonn", "deptel", {"number": "1344", "post": "State", "to": "Bonn"}),
        # forms of other volumes (tests/data/links/heldout: frus1961-63v15, frus1969-76v12)
        ("(cf Embassy telegram 1652)", "embtel", {"number": "1652"}),
        ("Embassy Bonn’s 1650 and 1756 to Department", "post_number",
         {"post": "Bonn", "number": "1756"}),
        ("JCS 3023, October 11", "channel",
         {"channel": "JCS", "number": "3023", "date": "1968-10-11"}),
        ("Foreign Relations, 1945, vol. III, pp. 353–361.", "page",
         {"target_volume": "frus1945v03", "target_page": "361"}),
        ("see Foreign Relations, 1964–1968, volume XX, Arab-Israeli Dispute, 1967–1968, "
         "Document 374.", "document", {"target_document": "d374",
                                       "target_volume": "frus1964-68v20"}),
        ("See Documents 80–97.", "document", {"target_document": "d97", "target_volume": "v"}),
        ("Also on February 15, Kissinger wrote Nixon a memorandum describing a message",
         "memorandum", {"type": "memorandum", "from": "Kissinger", "to": "Nixon",
                        "date": "1968-02-15"}),
        ("On January 22, 1969, Secretary of State William Rogers sent President Richard Nixon a "
         "memorandum", "memorandum", {"type": "memorandum", "date": "1969-01-22",
                                      "from": "Secretary of State William Rogers",
                                      "to": "President Richard Nixon"}),
        ("On February 15, Rogers also sent Nixon a memorandum of talking points", "memorandum",
         {"type": "memorandum", "from": "Rogers", "to": "Nixon", "date": "1968-02-15"}),
        ("Kissinger circulated his memorandum on policy recommendations.", "memorandum",
         {"type": "memorandum"}),
        ("Rusk's letter on the multilateral force reached him", "memorandum",
         {"type": "letter", "from": "Rusk"}),
        ("Kissinger forwarded Rogers' memorandum to Nixon", "memorandum",
         {"type": "memorandum", "from": "Rogers", "to": "Nixon"}),
        ("A memorandum of conversation between Ellsworth and Tcherniakov is ibid.", "memorandum",
         {"type": "memorandum of conversation", "from": "Ellsworth", "to": "Tcherniakov"}),
        ("The record of this Rusk-Dobrynin conversation is ibid.", "memorandum",
         {"type": "memorandum of conversation", "from": "Rusk", "to": "Dobrynin"}),
        ("Notes of a telephone conversation, August 19, are in the Kissinger Papers.",
         "memorandum", {"type": "memorandum of conversation", "date": "1968-08-19"}),
        ("It was based on a background paper on importance of Laos to Thai security.",
         "memorandum", {"type": "background paper"}),
        # a kind of paper named as a title (frus1955-57v10 d69, frus1969-76v20 d21), or sent on
        ("For further discussion see pp. 11–12 of Guidance Paper.", "memorandum",
         {"type": "guidance paper"}),
        ("Attached at Tab A but not printed is a Background Paper that the Executive Secretary "
         "forwarded.", "memorandum", {"type": "background paper"}),
        ("Hauge forwarded the revised position paper to Secretary Dulles.", "memorandum",
         {"type": "position paper"}),
        ("Attached but not printed was a January 27 Intelligence Note from Hughes", "memorandum",
         {"type": "note", "from": "Hughes", "date": "1968-01-27"}),
        ("his February 3 memorandum", "memorandum", {"type": "memorandum", "date": "1968-02-03"}),
        ("As reported in a memorandum from Rostow to Rusk, May 9.", "memorandum",
         {"type": "memorandum", "from": "Rostow", "to": "Rusk", "date": "1968-05-09"}),
        # the forms of memorandum citations the excerpt prints (d307, d315, d326, d331, d332)
        ("Attached to a letter of transmittal from Ambassador Ridgway Knight to Rostow, also "
         "dated May 15.", "memorandum", {"type": "letter", "from": "Ambassador Ridgway Knight",
                                         "to": "Rostow", "date": "1968-05-15"}),
        ("Rusk's reply is in a Memorandum to the Secretary of State, July 9.", "memorandum",
         {"type": "memorandum", "to": "Secretary of State", "date": "1968-07-09"}),
        ("See the memorandum of Rusk's conversation with Gromyko (SecDel/MC/16) at 7:30 p.m. on "
         "October 6.", "memorandum", {"type": "memorandum of conversation", "from": "Rusk",
                                      "to": "Gromyko", "number": "SecDel/MC/16",
                                      "date": "1968-10-06"}),
        ("Thank you for your letter of May 15.", "memorandum",
         {"type": "letter", "date": "1968-05-15"}),
        ("Notes on the President's June 25 meeting with the Tuesday Luncheon Group.",
         "memorandum", {"type": "notes", "from": "President", "to": "Tuesday Luncheon Group",
                        "date": "1968-06-25"}),
        ("On July 15, Rusk sent Clifford a brief reply.", "memorandum",
         {"type": "reply", "from": "Rusk", "to": "Clifford", "date": "1968-07-15"}),
        ("The text transmitted DPC/D(68)30.", "memorandum",
         {"type": "paper", "number": "DPC/D(68)30"}),
        ("I drew heavily on the Department's 241284 affirming", "post_number",
         {"post": "State", "number": "241284"}),
        # the forms of other eras (frus1955-57v04, frus1981-88v05)
        ("Supra.", "document", {"relative": "previous", "target_volume": "v"}),
        ("Polto 2252, infra.", "document", {"relative": "next", "target_volume": "v"}),
        ("Printed in Foreign Relations, 1952–1954, vol. i, Part 1, p. 786.", "page",
         {"target_volume": "frus1952-54v01p1", "target_page": "786"}),
        ("See Foreign Relations, 1949, vol. iii, pp. 1062–1065.", "page",
         {"target_volume": "frus1949v03", "target_page": "1065"}),
        ("See also Foreign Relations, 1981–1988, vol. IV, Soviet Union, January 1983–March "
         "1985, Document 296, footnote 4.", "footnote",
         {"target_volume": "frus1981-88v04", "target_document": "d296", "target_note": "4"}),
        ("See Foreign Relations, 1981–1988, vol. IV, Soviet Union, Documents 355–363. For the "
         "statement, see ibid., Document 363.", "document",
         {"target_volume": "frus1981-88v04", "target_document": "d363"}),
        ("summary of the Dulles–Macmillan conversation in Secto 7, September 17.", "channel",
         {"channel": "Secto", "number": "7", "date": "1968-09-17"}),
        ("The Vice President handed over Gorbachev’s letter.", "memorandum",
         {"type": "letter", "from": "Gorbachev"}),
        ("He handed over a letter from the President and hoped", "memorandum",
         {"type": "letter", "from": "President"}),
        ("See the August 30, 1954, memorandum.", "memorandum",
         {"type": "memorandum", "date": "1954-08-30"}),
        ("In his March 22 covering note he said", "memorandum",
         {"type": "note", "date": "1968-03-22"}),
        ("Memo for NSC from Acting Executive Secretary, dated August 30, 1954", "memorandum",
         {"type": "memo", "from": "Acting Executive Secretary", "date": "1954-08-30"}),
        ("Printed in Foreign Relations, 1952–1954, vol. i, Part 1, p. 786. The August 30 "
         "memorandum is summarized in footnote 1, ibid., p. 740.", "page",
         {"target_volume": "frus1952-54v01p1", "target_page": "740", "target_note": "1"}),
        # records a footnote locates or identifies by a phrase of its own
        ("A copy of Wilson’s statement is in Department of State, Conference Files: Lot 60 D "
         "627, CF 643.", "memorandum", {"type": "statement", "from": "Wilson"}),
        ("A copy of the 19-page Report by the Secretary General of Progress During the Period "
         "May 1, 1955 to November 30, 1955, dated December 6, is ibid., CF 635.", "memorandum",
         {"type": "report", "from": "Secretary General", "date": "1955-05-01"}),
        ("Reference is to the Communiqué of the Sixth Session of the Council of Foreign "
         "Ministers, June 20, 1949, printed in Foreign Relations, 1949, vol. iii, pp. "
         "1062–1065.", "memorandum", {"type": "communiqué", "date": "1949-06-20"}),
        ("The minutes of the tripartite and quadripartite meetings, both dated May 8, are "
         "ibid., CF 445.", "memorandum", {"type": "minutes"}),
        ("I have looked over the paper Rick Burt gave you.", "memorandum",
         {"type": "paper", "from": "Rick Burt", "to": "you"}),
        ("Kennedy approved it as NSAM No. 3, February 3.", "memorandum",
         {"type": "national security action memorandum", "number": "NSAM 3",
          "date": "1968-02-03"}),
        ("issued as NSAM Nos. 2, February 3, and 4, February 4", "memorandum",
         {"type": "national security action memorandum", "number": "NSAM 4",
          "date": "1968-02-04"}),
        ("National Security Action Memorandum (NSAM) No. 3, February 3, is ibid.",
         "memorandum", {"type": "national security action memorandum", "number": "NSAM 3",
                        "date": "1968-02-03"}),
        ("JCS 1620/334 from the Joint Secretariat to the JCS, February 8", "memorandum",
         {"type": "JCS paper", "number": "JCS 1620/334"}),
        ("WSEG Report No. 50, “Evaluation of Strategic Offensive Weapons Systems”", "memorandum",
         {"type": "report", "number": "WSEG 50"}),
        ("NSC 5412/2 was approved.", "memorandum", {"type": "NSC paper", "number": "NSC 5412/2"}),
        ("See NIE 11-4-60.", "memorandum",
         {"type": "national intelligence estimate", "number": "NIE 11-4-60"}),
        ("Smith sent a memorandum that day to Secretary Dulles and Strauss.", "memorandum",
         {"type": "memorandum", "to": "Secretary Dulles"}),
        ("The Department’s position paper for October Meeting was sent.", "memorandum",
         {"type": "position paper"}),
        ("Reference is to the January 28 joint Department–AEC proposals.", "memorandum",
         {"type": "proposal", "date": "1968-01-28"}),
        ("Colux 157 from Luxembourg, February 25", "channel",
         {"channel": "Colux", "number": "157", "date": "1968-02-25", "direction": "from",
          "post": "Luxembourg"}),
        ("In an undated memorandum to Ford, Scowcroft indicated that", "memorandum",
         {"type": "memorandum", "to": "Ford"}),
        ("In addition to Zbigniew Brzezinski’s September 27, 1976, memorandum concerning the "
         "second Presidential debate", "memorandum",
         {"type": "memorandum", "from": "Brzezinski", "date": "1976-09-27"}),
        ("Under a September 28 memorandum, adviser Stuart Eizenstat sent Carter the final "
         "briefing book, noting that", "memorandum",
         {"type": "briefing book", "from": "Stuart Eizenstat", "to": "Carter"}),
        ("Vance sent two copies of a 25-page “Overview of Foreign Policy Issues and "
         "Priorities” memorandum.", "memorandum", {"type": "memorandum"}),
        ("Attached but not printed is a portion of a larger State Department “game plan” "
         "paper, entitled", "memorandum", {"type": "paper"}),
        ("See the memorandum by Ambassador Bruce to Rusk, May 3.", "memorandum",
         {"type": "memorandum", "from": "Ambassador Bruce", "to": "Rusk",
          "date": "1968-05-03"}),
    ],
)  # fmt: skip
def test_every_kind_is_read_with_its_parts(text: str, kind: str, parts: dict) -> None:
    found = note_pointers(text)
    assert (kind, parts) in [(k, p) for k, _, p in found], found
    assert all(t in text for _, t, _ in found)  # exact spans


@pytest.mark.parametrize(
    "text",
    [
        "a new three year infra-structure plan",  # a word, not "infra"
        "Cargo is to convey the following letter from the Secretary. Cargo should",  # this text
        "Lodoen’s report on the infrastructure program",  # spoken at the meeting
        "There were reports from the Soviet press",  # a plural names no one record
        "The Secretary is in Paris 14 October",  # a day, not a telegram
        "Copies of these NSC papers are attached.",  # points back at records already named
        "Noted and discussed an oral report by the Secretary of Defense",  # spoken
        "it called for a response by NATO",  # an act, not a record
        "Suggested this concept be incorporated in minutes of meeting.",  # no one meeting
        "No memorandum of the private conversation between Truman and Eisenhower has been found.",
        "asked him to prepare a “memorandum setting out specific goals.” (Ibid., pages 29–30)",
    ],
)
def test_prose_that_cites_nothing(text: str) -> None:
    assert note_pointers(text) == []


def test_a_record_a_note_finds_in_another_pointer_is_that_pointer() -> None:
    """ "A summary of X is in Dulte 20", "A text of X is in ... Document 374": the note cites
    the telegram or document; X is only what it holds."""
    summary = note_pointers(
        "A summary of Dulles’ conversation with Adenauer on May 10 about the note sent to the "
        "Soviet Union that day is in Dulte 20, May 10."
    )
    assert [kind for kind, _, _ in summary] == ["channel"]
    text = note_pointers(
        "A text of the Soviet notes given Rusk is in Foreign Relations, 1964–1968, volume XX, "
        "Arab-Israeli Dispute, 1967–1968, Document 374."
    )
    assert [kind for kind, _, _ in text] == ["document"]


def test_a_list_of_meetings_gives_one_record_each() -> None:
    found = note_pointers("The minutes of the tripartite and quadripartite meetings are ibid.")
    assert [t for k, t, _ in found if k == "memorandum"] == [
        "minutes of the tripartite",
        "quadripartite meetings",
    ]


def test_a_file_series_named_like_a_record_is_not_a_memorandum() -> None:
    found = note_pointers("(Johnson Library, Tom Johnson's Notes of Meetings)")
    assert [kind for kind, _, _ in found] == ["archival"]


def test_an_editorial_notes_prose_names_its_locations() -> None:
    doc = Document(
        id="v/d2",
        volume="v",
        kind="editorial-note",
        text=(
            "The most extensive body of documentation is maintained in Department of State, "
            "Conference Files: Lot 60 D 627, CF 443–447. Reports are ibid., Central Files, 740.5."
        ),
    )
    found = extract_pointers(doc)
    assert [p.kind for p in found] == ["archival", "archival"]
    assert (found[0].parts["lot"], found[0].parts["file_code"]) == ("Lot 60 D 627", "CF 443–447")
    assert found[1].text == "ibid., Central Files, 740.5"


def test_a_record_described_by_a_memorandum_is_not_cited_apart_from_it() -> None:
    text = "Kissinger wrote Nixon a memorandum describing a message from Dobrynin that was conveyed"
    assert [t for _, t, _ in note_pointers(text)] == ["Kissinger wrote Nixon a memorandum"]
    text = "He enclosed a message from Dobrynin."  # no describing record: the message is cited
    assert [t for _, t, _ in note_pointers(text)] == ["message from Dobrynin"]


def test_numbered_lists_give_one_pointer_each() -> None:
    found = note_pointers("See Documents 322 and 325; Poltos 513 and 518.")
    assert [(k, p.get("target_document") or p.get("number")) for k, _, p in found] == [
        ("document", "d322"), ("document", "d325"), ("channel", "513"), ("channel", "518"),
    ]  # fmt: skip


def test_airgrams_in_a_channels_series_are_channel_pointers() -> None:
    # frus1955-57v10 d70: "(b) Poltos 489, 492,A–217, 494, 497"; its footnote 5 and body
    found = note_pointers("Polto A–217, October 5, transmitted the texts.", date="1955-10-06")
    assert [(k, p["number"], p.get("date")) for k, _, p in found] == [
        ("channel", "A–217", "1955-10-05")
    ]
    found = note_pointers("References: (b) Poltos 489, 492,A–217, 494, 497.")
    assert [p["number"] for _, _, p in found] == ["489", "492", "A–217", "494", "497"]
    found = note_pointers("attention called to Polto A-218 October 5 and to an A-bomb.")
    assert [(k, t, p["number"]) for k, t, p in found] == [("channel", "Polto A-218", "A-218")]
    assert note_pointers("(repeated London A–57)") == []  # a post's own airgram: no telegram


def test_a_parenthesis_holding_only_a_file_designation_is_the_departments_file() -> None:
    # frus1969-76v20 d23 footnotes 3 and 9; a decimal file as 1950s notes print one
    for text, code in (
        ("Dated September 9; not printed. (DEF 1 THAI–US)", "DEF 1 THAI–US"),
        ("Not printed. (740.5/10–555)", "740.5/10–555"),
    ):
        [(kind, span, parts)] = note_pointers(text)
        assert (kind, span, parts["file_code"]) == ("archival", f"({code})", code)
        assert (parts["repository"], parts["collection"]) == (
            "Department of State",
            "Central Files",
        )
    assert [k for k, _, _ in note_pointers("Not printed. (Ibid., 740.5/10–555)")] == ["archival"]
    assert note_pointers("Three groups met (A, B and C) in 1955 (see below).") == []


def test_a_file_named_like_a_paper_is_no_record() -> None:
    # only "Paper" is taken as a title: archives name folders "Briefing Book", "Talking Points"
    text = "(National Archives, NSC Files, Box 454, Country Briefing Book, Talking Points)"
    assert [k for k, _, _ in note_pointers(text)] == ["archival"]
    assert note_pointers("The Working Group met; papers were read.") == []


def test_a_plural_shorthand_gives_one_pointer_a_number() -> None:
    # frus1964-68v14 d158: "REF Embtels 3182, 3188"
    found = note_pointers("Embtels 3182, 3188; Deptels 12 and 14 to Paris.")
    assert [(k, t, p["number"], p.get("to")) for k, t, p in found] == [
        ("embtel", "Embtels 3182", "3182", None),
        ("embtel", "3188", "3188", None),
        ("deptel", "Deptels 12", "12", "Paris"),
        ("deptel", "14", "14", "Paris"),
    ]


def test_a_military_message_is_numbered_by_its_date_time_group() -> None:
    # frus1964-68v14 d148 footnote 8
    text = "The text is from telegram 151855Z from USUN to the White House, January 15."
    [(kind, _, parts)] = note_pointers(text, date="1966-01-16")
    assert (kind, parts["number"], parts["direction"], parts["date"]) == (
        "telegram", "151855Z", "from", "1966-01-15",
    )  # fmt: skip
    assert (parts["post"], parts["to"]) == ("USUN", "White House")  # sender, then addressee


def test_a_post_named_with_to_keeps_its_name() -> None:
    text = "Telegram 12 from the Mission to the North Atlantic Treaty Organization, May 3."
    [(_, _, parts)] = note_pointers(text)
    assert parts["post"] == "Mission to the North Atlantic Treaty Organization"
    assert "to" not in parts


def test_a_date_without_a_year_takes_the_citing_documents() -> None:
    [(_, _, parts)] = note_pointers("Telegram 17 from Paris, December 30.", date="1969-01-02")
    assert parts["date"] == "1968-12-30"  # the year nearest the document's: the one before
    [(_, _, parts)] = note_pointers("Telegram 18 from Paris, July 9.", date="1968-06-26")
    assert parts["date"] == "1968-07-09"  # an editor's note citing a later telegram
    [(_, _, parts)] = note_pointers("Telegram 19 from Paris, July 9.", date=None)
    assert parts["date"] == "--07-09"  # no year to complete it from: month and day kept


def dated_in_note(note: str, body: str = "", **dates: str) -> list[str | None]:
    doc = Document(id="v/d185", volume="v", kind="editorial-note", text=body, **dates,
                   footnotes=[Footnote("1", None, note)])  # fmt: skip
    return [p.parts.get("date") for p in extract_pointers(doc) if p.kind == "telegram"]


def test_an_editorial_note_dated_by_its_volume_does_not_date_what_it_cites() -> None:
    volume_range = {"date_min": "1958-01-09T11:00:00-05:00",
                    "date_max": "1960-12-06T23:59:59-05:00"}  # fmt: skip
    note = "Telegram 139 from Amman, July 17."
    # frus1958-60v11 d185: the start of the range dated it 1957-07-17
    assert dated_in_note(note, "At 8 a.m., July 17, Wright reported.", **volume_range) == [
        "--07-17"
    ]
    assert dated_in_note(note, "On July 14, 1958, Wright reported.", **volume_range) == [
        "1958-07-17"
    ]  # the first full date the note prints
    within_a_year = {"date_min": "1929-12-12", "date_max": "1930-12-01"}
    assert dated_in_note(note, "Wright reported.", **within_a_year) == ["1930-07-17"]
    narrow = {"date_min": "1958-07-16T10:00:00-04:00", "date_max": "1958-07-20T10:00:00-04:00"}
    assert dated_in_note(note, "On July 14, 1957, ...", **narrow) == ["1958-07-17"]


def test_an_undated_telegram_takes_the_date_of_the_sentence_reporting_it() -> None:
    text = ("On August 30, Cleveland cabled his agreement, but suggested a meeting in Bonn on "
            "October 9. (Telegram 4454 from Brussels; ibid.) He added more. (Telegram 4460 "
            "from Brussels)")  # fmt: skip
    dates = [p.get("date") for k, _, p in note_pointers(text) if k == "telegram"]
    assert dates == ["1968-08-30", None]  # the second parenthesis has no dated sentence
    found = note_pointers("In a telegram on June 25, the Mission reported. (Telegram 556 from "
                          "Reykjavik, Secto 24; ibid.)")  # fmt: skip
    assert {k: p.get("date") for k, _, p in found if k != "archival"} == {
        "telegram": "1968-06-25",
        "channel": "1968-06-25",
    }


def body_pointers(body: str) -> list[tuple[str, str, dict]]:
    doc = Document(id="v/d1", volume="v", date="1968-10-05", text=body)
    return [(p.kind, p.text, p.parts) for p in extract_pointers(doc)]


def test_the_documents_own_numbers_are_not_pointers() -> None:
    # d315: State 190741 is also Tosec 46; seed 004: Topol 929 answers Polto 804
    assert body_pointers("190741. Tosec 46. For Secretary only. See Tosec 40.") == [
        ("channel", "Tosec 40", {"channel": "Tosec", "number": "40"})
    ]
    assert [t for _, t, _ in body_pointers("Topol 929. Polto 804. Here follow ...")] == [
        "Polto 804"
    ]
    assert body_pointers("US/MC/10\n\nUNITED STATES DELEGATION") == []  # a memcon's own


def test_reftel_carries_the_ref_lines_telegram() -> None:
    found = body_pointers("5085. Ref: Bonn 17686 (Notal). 1. As reftel notes, and reftels say")
    reftels = [p for k, _, p in found if k == "reftel"]
    assert reftels == [{"post": "Bonn", "number": "17686"}] * 2


def test_pointers_deep_in_a_long_body_are_found() -> None:
    found = body_pointers("1. " + "Nothing cited here. " * 2000 + "See USNATO 4364.")
    assert [t for _, t, _ in found] == ["USNATO 4364"]


def test_ibid_of_a_publication_is_not_an_archive() -> None:
    found = note_pointers("Foreign Relations, 1945, vol. III, p. 5; ibid., pp. 353–361.")
    assert [k for k, _, _ in found if k == "archival"] == []


def test_an_editorial_notes_parenthesised_location_is_archival() -> None:
    doc = Document(id="v/d3", volume="v", text=(
        "On January 22, Rogers sent Nixon a memorandum. (National Archives, Nixon Presidential "
        "Materials, NSC Files, Box 681, Country Files, Europe, Germany, Vol. I) Kissinger "
        "replied. (Ibid., RG 59, Central Files 1967–69, POL 15–2 GER W)"))  # fmt: skip
    archival = [p for p in extract_pointers(doc) if p.kind == "archival"]
    assert [(p.where, p.parts["repository"]) for p in archival] == [
        ("body", "National Archives"),
        ("body", "National Archives"),
    ]
    assert archival[1].parts["file_code"] == "POL 15–2 GER W"


def test_a_verb_is_not_a_memorandum() -> None:
    assert body_pointers("General Spivey reports from Brussels that leaders are alarmed.") == []


def test_each_ibid_of_a_note_keeps_its_own_offset() -> None:
    doc = Document(id="v/d1", volume="v", footnotes=[
        Footnote("1", None, "Source: Department of State, Central Files, DEF 12 NATO.", True),
        Footnote("2", None, "In telegram 4923. (Ibid.) And in telegram 4916. (Ibid.)"),
    ])  # fmt: skip
    starts = [p.start for p in extract_pointers(doc) if p.kind == "archival"]
    assert len(starts) == 2 and starts[0] < starts[1]


def test_ibid_is_resolved_through_the_previous_note() -> None:
    doc = Document(id="v/d1", volume="v", footnotes=[
        Footnote("1", None, "Source: Department of State, Central Files, DEF 4 NATO.", True),
        Footnote("2", None, "Not printed. (Telegram 4454 from Brussels; ibid.)"),
        Footnote("3", None, "Not found. (Ibid., DEF 1 NATO)"),
    ])  # fmt: skip
    archival = [p for p in extract_pointers(doc) if p.kind == "archival"]
    assert [(p.where, p.parts.get("file_code")) for p in archival] == [
        ("footnote 2", "DEF 4 NATO"), ("footnote 3", "DEF 1 NATO"),
    ]  # fmt: skip


def links_json(db: Path, doc_id: str) -> dict:
    result = runner.invoke(app, ["links", doc_id, "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_d332_footnote_3_resolves_to_footnote_3_of_d331(db: Path) -> None:
    found = links_json(db, "frus1964-68v13/d332")
    [pointer] = [p for p in found["out"] if p["kind"] == "footnote" and p["source"] == "text"]
    assert (pointer["where"], pointer["text"]) == ("footnote 3", "footnote 3, Document 331")
    assert pointer["resolved"] and pointer["target"] == "frus1964-68v13/d331#fn3"
    cited = links_json(db, "frus1964-68v13/d331")["in"]
    assert [row["document_id"] for row in cited] == ["frus1964-68v13/d332"]


def test_d331_ref_line_is_an_unprinted_telegram_from_bonn(db: Path) -> None:
    found = links_json(db, "frus1964-68v13/d331")
    [bonn] = [p for p in found["out"] if p["text"] == "Bonn 17686"]
    assert bonn["where"] == "body" and bonn["kind"] == "post_number"
    assert not bonn["resolved"] and bonn["reason"] == "not printed in the archive"
    assert bonn["identity"] == "tel:Bonn:17686" and bonn["parts"]["ref_line"] == "yes"
    reftels = [p for p in found["out"] if p["kind"] == "reftel"]
    assert reftels and all(p["identity"] == "tel:Bonn:17686" for p in reftels)
    assert any(n["id"].startswith("frus1964-68v13/d") for n in found["neighbours"]) or (
        found["neighbours"] == []
    )


def test_thread_of_d331_in_date_order(db: Path) -> None:
    result = runner.invoke(app, ["thread", "frus1964-68v13/d331", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    thread = json.loads(result.stdout)
    ids = [d["id"] for d in thread["documents"]]
    assert {"frus1964-68v13/d331", "frus1964-68v13/d332"} <= set(ids)
    dates = [d["date"] for d in thread["documents"]]
    assert dates == sorted(dates)
    assert any(t["identity"] == "tel:Bonn:17686" for t in thread["telegrams"])
    edge = next(e for e in thread["edges"] if e["from"] == "frus1964-68v13/d332")
    assert edge["evidence"] == "footnote 3, Document 331"


def test_documents_citing_the_same_unprinted_telegram_share_a_thread(db: Path) -> None:
    with Archive(db, mode="ro") as archive:
        shared = archive.store.conn.execute(
            "SELECT identity, group_concat(DISTINCT document_id) FROM pointers "
            "WHERE identity LIKE 'tel:%' AND resolved = 0 GROUP BY identity "
            "HAVING count(DISTINCT document_id) > 1"
        ).fetchall()
        assert shared  # e.g. a telegram cited by a TEI document and by its text copy
        identity, documents = shared[0]
        first, second = documents.split(",")[:2]
        thread = archive.thread(first)
        assert second in [d["id"] for d in thread["documents"]]
        assert identity in [t["identity"] for t in thread["telegrams"]]


def test_search_cites_and_cited_by(db: Path) -> None:
    with Archive(db, mode="ro") as archive:
        assert [h.id for h in archive.search("cites:frus1964-68v13/d331").hits] == [
            "frus1964-68v13/d332"
        ]
        assert "frus1964-68v13/d331" in [
            h.id for h in archive.search("cited-by:frus1964-68v13/d332").hits
        ]
        assert archive.search("cites:frus1900v1/d1").total == 0


def test_reindex_rebuilds_the_links(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    with Archive(db, mode="ro") as source:
        source.store.conn.execute("VACUUM INTO ?", (str(copy),))
    with Archive(copy) as archive:
        before = archive.links("frus1964-68v13/d332")
        archive.store.conn.execute("DELETE FROM pointers")
        assert archive.links("frus1964-68v13/d332")["in"] == []
        archive.reindex()
        assert archive.links("frus1964-68v13/d332") == before


def test_links_and_thread_over_http(db: Path) -> None:
    from fastapi.testclient import TestClient

    from centralfiles.web import create_app

    with TestClient(create_app(db)) as client:
        links = client.get("/api/documents/frus1964-68v13/d332/links")
        assert links.status_code == 200 and links.json() == links_json(db, "frus1964-68v13/d332")
        thread = client.get("/api/documents/frus1964-68v13/d331/thread")
        assert thread.status_code == 200 and thread.json()["id"] == "frus1964-68v13/d331"
        page = client.get("/documents/frus1964-68v13/d331")
        assert "Cited by" in page.text and "/documents/frus1964-68v13/d332" in page.text
        assert "Bonn:17686" in page.text
        # the body's Ref: line says on hover why it leads nowhere here
        assert 'title="not printed in the archive (tel:Bonn:17686)">Bonn 17686</span>' in page.text
        assert client.get("/api/documents/frus1964-68v13/d999/links").status_code == 404


def test_text_path_finds_what_tei_refs_mark(excerpt: Path, tmp_path: Path) -> None:
    """Every TEI ``ref`` of the excerpt, its markup removed: the text path finds a pointer
    there and resolves it to the same target."""
    import re

    with Archive(tmp_path / "marked.db") as marked:
        marked.ingest([excerpt])
        refs = marked.store.conn.execute("SELECT document_id, target, text FROM refs").fetchall()
    assert refs
    plain = tmp_path / "plain.xml"
    plain.write_text(
        re.sub(r"<ref\b[^>]*>(.*?)</ref>", r"\1", excerpt.read_text(encoding="utf-8"), flags=re.S),
        encoding="utf-8",
    )
    with Archive(tmp_path / "plain.db") as archive:
        archive.ingest([plain])
        for document_id, target, text in refs:
            doc = archive.document(document_id)
            assert not [r for r in doc.links if r.kind != "same-as"]  # the markup is gone
            found = [p for p in doc.pointers if p.text == text]
            assert found, (document_id, text)
            wanted = re.sub(r"#d\d+fn", "#fn", target)
            assert found[0].target == wanted, (found[0].target, target)


@pytest.mark.parametrize(
    ("text", "span", "parts"),
    [
        # frus1961-63v08 (tests/data/links/fresh3): forms no stricter pattern reads
        ("Reference is to a meeting between President Eisenhower and President-elect Kennedy. "
         "A memorandum for the record of the conversation is in the Eisenhower Library, "
         "Post-Presidential Papers.", "A memorandum for the record",
         {"type": "memorandum for the record"}),
        ("This memorandum, dated June 30, 1960, emphasized increasing U.S. capability.",
         "This memorandum, dated June 30, 1960", {"type": "memorandum", "date": "1960-06-30"}),
        ("The covering memorandum to the Secretary of Defense is ibid.",
         "The covering memorandum to the Secretary of Defense",
         {"type": "memorandum", "to": "Secretary of Defense"}),
        ("A memorandum is in the Kennedy Library.", "A memorandum", {"type": "memorandum"}),
    ],
)  # fmt: skip
def test_a_memorandum_named_by_its_noun_phrase(text: str, span: str, parts: dict) -> None:
    found = note_pointers(text)
    assert ("memorandum", span, parts) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "This memorandum was drafted by Sonnenfeldt.",  # the document itself
        "The memorandum printed below is the only record.",  # a record the page prints
        "He discussed the memorandum with Rusk.",  # a record named before
        "Rusk said he would send a memorandum.",  # no one record: nothing says which or where
        "Bundy asked for memoranda.",  # a kind of paper
    ],
)
def test_a_memorandum_word_that_names_no_one_record(text: str) -> None:
    assert [p for p in note_pointers(text) if p[0] == "memorandum"] == []


def test_a_body_memorandum_counts_where_a_footnote_identifies_it() -> None:
    body = (
        "I am sending you certain revisions in the memorandum concerning foreign policy "
        "considerations bearing on DOD budgetary planning which Secretary Herter sent to "
        "Secretary Gates in June 1960. I also enclose a memorandum to the Joint Chiefs."
    )
    anchor = body.index("1960.") + len("1960.")
    notes = [Footnote("1", None, "Source: Department of State, Central Files.", True),
             Footnote("2", None, "This memorandum, dated June 30, 1960, emphasized ...",
                      anchor=anchor)]  # fmt: skip
    doc = Document(id="v/d10", volume="v", date="1961-02-04", text=body, footnotes=notes)
    found = [(p.where, p.text, p.parts) for p in extract_pointers(doc) if p.kind == "memorandum"]
    assert found[0] == (
        "body",
        "the memorandum concerning foreign policy considerations bearing on DOD budgetary "
        "planning which Secretary Herter sent to Secretary Gates in June 1960",
        {"type": "memorandum", "date": "1960-06", "to": "Secretary Gates",
         "from": "Secretary Herter", "glossed_by": "footnote 2"},
    )  # fmt: skip
    # the second memorandum has no footnote: a document's own prose is not read for it
    assert [where for where, _, _ in found] == ["body", "footnote 2"]
    editorial = Document(id="v/d1", volume="v", kind="editorial-note", date="1961-01-17",
                         text="On January 17, 1961, Theodore Sorensen enclosed with a "
                         "memorandum to McGeorge Bundy the undated report.")  # fmt: skip
    assert [(p.text, p.parts) for p in extract_pointers(editorial)] == [
        ("a memorandum to McGeorge Bundy", {"type": "memorandum", "to": "McGeorge Bundy"})
    ]


def volume_note_pointers(text: str, volume: str, date: str) -> list[tuple[str, str, dict]]:
    doc = Document(id=f"{volume}/d5", volume=volume, date=date,
                   footnotes=[Footnote("2", None, text)])  # fmt: skip
    return [(p.kind, p.text, p.parts) for p in extract_pointers(doc)]


def test_pages_of_the_1950s_cite_volumes_of_their_own_series_by_number() -> None:
    # frus1952-54v01p1 (tests/data/links/fresh4): the series' years are left out
    found = volume_note_pointers(
        "For documentation on this subject, see volume xi, Part 1, pp. 599 ff. and 665 ff.",
        "frus1952-54v01p1", "1952-11-18")  # fmt: skip
    assert found == [
        ("page", "volume xi, Part 1, pp. 599", {"target_volume": "frus1952-54v11p1",
                                                "target_page": "599"}),
        ("page", "665", {"target_volume": "frus1952-54v11p1", "target_page": "665"}),
    ]  # fmt: skip
    found = volume_note_pointers(
        "For text, see Foreign Relations, 1948, vol. i, Part 2, p. 589; ibid., 1950, vol. i, "
        "p. 234; and ibid., 1951, vol. i, p.127.", "frus1952-54v01p1", "1952-11-18")  # fmt: skip
    assert [(kind, parts) for kind, _, parts in found] == [
        ("page", {"target_volume": "frus1948v01p2", "target_page": "589"}),
        ("page", {"target_volume": "frus1950v01", "target_page": "234"}),
        ("page", {"target_volume": "frus1951v01", "target_page": "127"}),
    ]
    # another series' volume, and a book's page, are not pages of FRUS
    assert volume_note_pointers(
        "For text, see Documents on Disarmament, 1962, vol. I, pp. 201–205.",
        "frus1964-68v17", "1967-04-01") == []  # fmt: skip
    assert (
        volume_note_pointers(
            "The principals have all recorded their impressions of this meeting: Acheson in "
            "Present at the Creation (New York, 1969), p. 702.",
            "frus1952-54v01p1",
            "1952-11-18",
        )
        == []
    )


def test_a_page_of_the_citing_volume_after_the_record_a_note_names() -> None:
    found = volume_note_pointers(
        "See the memorandum of the meeting at the White House between the President and "
        "General Eisenhower, Nov. 18, 1952, p. 22.",
        "frus1952-54v01p1",
        "1952-11-20",
    )
    assert ("page", "p. 22", {"target_page": "22", "target_volume": "frus1952-54v01p1"}) in [
        (kind, text, parts) for kind, text, parts in found
    ]  # fmt: skip
    assert ("memorandum", {"type": "memorandum of conversation", "from": "President",
            "to": "General Eisenhower", "date": "1952-11-18"}) in [
        (kind, parts) for kind, _, parts in found
    ]  # fmt: skip


def test_a_footnote_supra_is_a_note_of_the_previous_document() -> None:
    assert note_pointers("See footnote 4, supra.") == [
        ("footnote", "footnote 4, supra", {"target_note": "4", "relative": "previous"})
    ]
    # frus1964-68v17 d121: the TEI's ref points at d121's own note; the text means d120's
    thereto = note_pointers("The second talk is recorded in Document 120; regarding the first "
                            "talk, dealing with Vietnam, see footnote 1 thereto.")  # fmt: skip
    assert thereto[1] == ("footnote", "footnote 1 thereto", {
        "target_note": "1", "target_document": "d120", "target_volume": "v"})  # fmt: skip


def test_lot_files_of_the_1950s_named_without_their_repository() -> None:
    found = note_pointers(
        "Truman indicated that he would consider it. (Secretary’s Memoranda of Conversation, "
        "lot 65 D 238, “Memcons with the President”) Telegram 1930 to Warsaw, June 16, and "
        "telegram 2226 from Warsaw, June 18. (Both in Department of State, Central Files, "
        "POL 17 POL–US)")  # fmt: skip
    archival = [parts for kind, _, parts in found if kind == "archival"]
    assert archival == [
        {"repository": "Department of State", "collection": "Secretary’s Memoranda of "
         "Conversation", "file_code": "“Memcons with the President”", "lot": "Lot 65 D 238"},
        {"repository": "Department of State", "collection": "Central Files",
         "file_code": "POL 17 POL–US"},
    ]  # fmt: skip
    assert [kind for kind, _, _ in found if kind != "archival"] == ["telegram", "telegram"]


def test_telegrams_without_a_number_are_known_by_date() -> None:
    found = note_pointers(
        "President Truman sent a very brief telegram along the above lines to President elect "
        "Eisenhower on Nov. 5, 1952. Eisenhower answered the Truman telegram of Nov. 5 at once.",
        date="1952-11-07")  # fmt: skip
    assert [(kind, parts) for kind, _, parts in found] == [
        ("telegram", {"date": "1952-11-05", "to": "President elect Eisenhower",
                      "direction": "to"}),
        ("telegram", {"date": "1952-11-05", "from": "Truman"}),
    ]  # fmt: skip


def test_memoranda_a_note_locates_and_a_memcon_a_footnote_identifies() -> None:
    assert note_pointers("Memoranda of their conversation are in Department of State, Central "
                         "Files, POL 17 POL–US.")[0][:2] == (
        "memorandum", "Memoranda of their conversation")  # fmt: skip
    body = "After a lengthy discussion of Viet Nam (separate Memcon), Rapacki said that he would"
    anchor = body.index("),") + 2
    doc = Document(
        id="v/d123",
        volume="v",
        date="1966-10-05",
        text=body,
        footnotes=[Footnote("2", None, "A copy is in the files.", anchor=anchor)],
    )
    assert [(p.where, p.text) for p in extract_pointers(doc) if p.kind == "memorandum"] == [
        ("body", "separate Memcon")
    ]
    assert note_pointers("No memorandum of this conversation has been found.") == []
    # a note that says where "this memorandum of conversation" is means its anchor's record
    located = note_pointers("A copy of this memorandum of conversation is in Department of "
                            "State, Central Files, POL 27 VIET S.")  # fmt: skip
    assert [(kind, text) for kind, text, _ in located] == [
        ("memorandum", "this memorandum of conversation"),
        ("archival", "Department of State, Central Files, POL 27 VIET S"),
    ]


def test_one_pointer_read_by_two_patterns_is_kept_once() -> None:
    # frus1958-60v07p1 d12 (fresh2): "Document 8 and footnote 3 thereto"
    found = note_pointers("See Document 8 and footnote 3 thereto.")
    assert [kind for kind, _, _ in found].count("footnote") == 1


NEEDLE_TEXT = st.text(
    alphabet=st.sampled_from([*"abcdeglmnoprstDNMRT()/.- 0123456789", "”", "—", "’", "é", "𝔸"]),
    max_size=80,
)


@given(st.lists(st.sampled_from(NEEDLES) | NEEDLE_TEXT, max_size=8).map("".join))
@settings(max_examples=300, deadline=None)
def test_needle_offsets_are_those_str_find_gives(text: str) -> None:
    """One automaton pass (as bytes for an ASCII text, as str otherwise) finds every needle
    where ``str.find`` does, astral characters and curly quotes included."""
    found = _offsets(text)
    for index, needle in enumerate(NEEDLES):
        assert found.get(index, []) == find_all(text, needle), needle
    digits = sorted(i for digit in "0123456789" for i in find_all(text, f" {digit}"))
    assert found.get(len(NEEDLES), []) == digits


# frus1949v07p1 (tests/data/links/fresh8): volumes without document numbers cite by page
FRESH8 = Path(__file__).parent / "data" / "links" / "fresh8" / "frus1949v07p1.xml"


def test_a_telegram_cited_with_the_page_that_prints_it() -> None:
    assert note_pointers("Telegram 155, March 10, p. 314.", date="1949-03-12") == [
        ("telegram", "Telegram 155, March 10", {"number": "155", "date": "1949-03-10"}),
        ("page", "p. 314", {"target_page": "314", "target_volume": "v", "number": "155"}),
    ]


def test_a_note_of_the_document_on_a_page() -> None:
    found = note_pointers("See telegram 237, March 10, p. 314, and footnote 1.", date="1949-03-12")
    assert found[-1] == (
        "footnote", "footnote 1",
        {"target_note": "1", "target_page": "314", "target_volume": "v", "number": "237"},
    )  # fmt: skip


def test_the_direction_printed_after_the_date_and_hour() -> None:
    text = "Repeated in telegram 213, March 12, 4 p. m., to The Hague, to be forwarded."
    [(kind, span, parts)] = note_pointers(text, date="1949-03-11")
    assert (kind, span) == ("telegram", "telegram 213, March 12, 4 p. m., to The Hague")
    assert parts == {"number": "213", "direction": "to", "post": "The Hague", "date": "1949-03-12"}


def test_the_good_offices_channels_and_a_caption_under_its_marking_line() -> None:
    body = "secret us urgent niact\n\n250. Gocus 625. Comments compliance Usgoc 329."
    assert body_pointers(body) == [("channel", "Usgoc 329", {"channel": "Usgoc", "number": "329"})]


def test_pointers_of_a_volume_cited_by_page_resolve(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([FRESH8]).failed
        out = {(p["where"], p["text"]): p for p in archive.links("frus1949v07p1/d227")["out"]}
        # "See telegram 237, March 10, p. 314, and footnote 1": two documents share p. 314
        assert out[("footnote 2", "p. 314")]["target"] == "frus1949v07p1/d223"
        assert out[("footnote 2", "footnote 1")]["target"] == "frus1949v07p1/d223#fn1"
        # a bare number cited from Batavia: the Department's telegram 155 to Batavia
        assert out[("footnote 5", "Telegram 155, March 10")]["target"] == "frus1949v07p1/d222"
        refs = {p["target"]: p["resolved"] for p in archive.links("frus1949v07p1/d224")["out"]
                if p["source"] == "tei-ref"}  # fmt: skip
        # the TEI's page links: p. 314 is stored, p. 308 comes before the excerpt
        assert refs["frus1949v07p1#pg_314"] and not refs["frus1949v07p1#pg_308"]


@pytest.mark.parametrize(
    ("body", "span", "parts"),
    [
        # frus1949v07p1 d223, d222, d228 (tests/data/links/fresh8): telegraphese
        ("Stressed imperative need of assurance on points set out Stikker letter March 8 to "
         "Bevin, if Cabinet agreed.", "Stikker letter March 8 to Bevin",
         {"type": "letter", "from": "Stikker", "to": "Bevin", "date": "1949-03-08"}),
        ("Requests your comments Niact on Stikker–Bevin letter which assume you have.",
         "Stikker–Bevin letter", {"type": "letter", "from": "Stikker", "to": "Bevin"}),
        ("Stikker said the conditions in his letter March 8 were firm.", "letter March 8",
         {"type": "letter", "date": "1949-03-08"}),
        ("Assurance on the terms of his letter to Bevin March 8 is wanted.",
         "letter to Bevin March 8", {"type": "letter", "to": "Bevin", "date": "1949-03-08"}),
        ("It bears on the letter of Foreign Minister Stikker to Foreign Minister Bevin on the "
         "point of restoration.", "letter of Foreign Minister Stikker to Foreign Minister Bevin",
         {"type": "letter", "from": "Foreign Minister Stikker", "to": "Foreign Minister Bevin"}),
    ],
)  # fmt: skip
def test_telegraphese_names_a_letter_by_its_sender_and_date(
    body: str, span: str, parts: dict
) -> None:
    doc = Document(id="v/d1", volume="v", date="1949-03-10", text=body)
    assert [(p.text, p.parts) for p in extract_pointers(doc)] == [(span, parts)]


@pytest.mark.parametrize(
    "body",
    [
        "In reply the Secretary stressed that the status quo would be useful.",
        "The Department letter says nothing.",
        "Stikker letter follows.",  # a sentence's first word may be anything
        "In a more extensive reply on September 9, Brosio reiterated his agreement.",
    ],
)
def test_capitalised_words_before_a_type_word_that_name_no_sender(body: str) -> None:
    doc = Document(id="v/d1", volume="v", date="1968-09-10", text=body)
    assert [p.text for p in extract_pointers(doc) if p.kind == "memorandum"] == []


@pytest.mark.parametrize(
    ("body", "span", "parts"),
    [
        # frus1964-68v14 d148, frus1952-54v01p1 d2: telegrams known by whose they are
        ("Goldberg's other telegram reflects a regular refrain.", "Goldberg's other telegram",
         {"from": "Goldberg"}),
        ("One of his cables mentions the problem.", "his cables", {}),
        ("As reported in my telegram of yesterday afternoon, I had a consultation.",
         "my telegram", {}),
    ],
)  # fmt: skip
def test_a_telegram_known_by_its_owner(body: str, span: str, parts: dict) -> None:
    doc = Document(id="v/d1", volume="v", date="1966-01-16", text=body)
    assert [(p.kind, p.text, p.parts) for p in extract_pointers(doc)] == [("telegram", span, parts)]


@pytest.mark.parametrize(
    "body",
    [
        "His telegram 1234 says so.",  # read by its number
        "From my recent cables, Department will have seen my opposition.",  # a run of them
        "The New Year’s telegram was warm.",  # a season's greeting
        "The rules are applicable to all.",
    ],
)
def test_owned_telegrams_that_are_not_one_record(body: str) -> None:
    doc = Document(id="v/d1", volume="v", date="1966-01-16", text=body)
    assert [p.text for p in extract_pointers(doc) if "number" not in p.parts] == []


# frus1948v05p1 (tests/data/links/fresh9): the shorthand lists and parentheses of 1948
def test_a_shorthand_list_with_a_date_after_each_number() -> None:
    body = (
        "Soviet activities have been reported Embtels 874, July 25; 924, August 5; 936 August 10."
    )
    doc = Document(id="v/d1", volume="v", date="1948-08-12", text=body)
    assert [(p.kind, p.text, p.parts) for p in extract_pointers(doc)] == [
        ("embtel", "Embtels 874, July 25", {"number": "874", "date": "1948-07-25"}),
        ("embtel", "924, August 5", {"number": "924", "date": "1948-08-05"}),
        ("embtel", "936 August 10", {"number": "936", "date": "1948-08-10"}),
    ]


def test_regarding_your_telegram() -> None:
    doc = Document(
        id="v/d1", volume="v", date="1948-08-06", text="753. Reurtel 899 July 29. Approve."
    )
    assert [(p.kind, p.text, p.parts) for p in extract_pointers(doc)] == [
        ("urtel", "Reurtel 899 July 29", {"number": "899", "date": "1948-07-29", "ref_line": "yes"})
    ]  # the telegram answered: it opens the text after the own number


def test_the_file_closing_a_parenthesis_that_cites_a_telegram() -> None:
    text = "Tehran had advised that the exodus is probable (telegram 908, 701.6191/7–3148)."
    found = note_pointers(text, date="1948-08-03")
    assert [(kind, span) for kind, span, _ in found] == [
        ("telegram", "telegram 908"), ("archival", "701.6191/7–3148"),
    ]  # fmt: skip
    assert found[1][2]["file_code"] == "701.6191/7–3148"


def test_the_departments_publications_are_not_its_archives() -> None:
    text = "Printed in Department of State, Treaties and Other International Acts Series No. 1797."
    assert [kind for kind, _, _ in note_pointers(text)] == []


def test_a_page_beside_a_document_without_pages_is_not_resolved(tmp_path: Path) -> None:
    # the excerpt starts inside p. 168: d120 has no page of its own, so "footnote 2, p. 168"
    # may be d120's (it is) as well as d121's
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([FRESH9]).failed
        [page] = [p for p in archive.links("frus1948v05p1/d124")["out"]
                  if p["source"] == "text" and p["kind"] == "page"]  # fmt: skip
        assert page["target"] is None and "no known pages" in page["reason"]


def test_urtel_and_mytel_are_telegrams_of_the_citing_telegrams_parties(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([FRESH9]).failed
        # d125, the Department to Tehran: "urtel 946, Aug. 12" is Tehran's 946 (d124)
        out = {p["text"]: p for p in archive.links("frus1948v05p1/d125")["out"]}
        assert out["urtel 946, Aug. 12"]["target"] == "frus1948v05p1/d124"
        # d129, the Ambassador in Iran to the Department: "mytel 998" is Tehran's own, not
        # printed here (the post known by its city, as "Tehran 998" would cite it)
        out = {p["text"]: p for p in archive.links("frus1948v05p1/d129")["out"]}
        assert out["mytel 998, August 26"]["identity"] == "tel:Tehran:998"
        assert out["mytel 998, August 26"]["reason"] == "not printed in the archive"


FRESH9 = Path(__file__).parent / "data" / "links" / "fresh9" / "frus1948v05p1.xml"


def test_a_channel_number_printed_beside_the_serial_finds_its_telegram(tmp_path: Path) -> None:
    # d221's caption is "246. Gocus 624.": d227 cites it as "Gocus 624"
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([FRESH8]).failed
        assert archive.document("frus1949v07p1/d221").telegram.alias == "Gocus 624"
        cited = [p for p in archive.links("frus1949v07p1/d227")["out"] if p["text"] == "Gocus 624"]
        assert cited and all(p["target"] == "frus1949v07p1/d221" for p in cited)
        cited_by = archive.links("frus1949v07p1/d221")["in"]
        assert any(p["document_id"] == "frus1949v07p1/d227" for p in cited_by)


# frus1937v05 (tests/data/links/fresh10): the 1930s number their telegrams and despatches "No."
@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("Ambassador Philip’s telegram No. 65, October 29, explains it.",
         [("telegram", "telegram No. 65, October 29", {"number": "65", "date": "1937-10-29"})]),
        ("As Ambassador Philip stated in my telegram No. 69 of the 2nd instant.",
         [("mytel", "my telegram No. 69", {"number": "69"})]),
        ("The Department’s telegram No. 48 rejects the text.",
         [("deptel", "Department’s telegram No. 48", {"post": "State", "number": "48"})]),
        ("Your despatches 714 and 723 of September 17 and October 1, 1937, were received.",
         [("memorandum", "Your despatches 714",
           {"type": "despatch", "number": "714", "date": "1937-09-17"}),
          ("memorandum", "723 of September 17 and October 1, 1937",
           {"type": "despatch", "number": "723", "date": "1937-10-01"})]),
        ("Referring to the Department’s telegraphic Instruction No. 52 of November 19.", []),
        # frus1925v02 (fresh11): numbered notes, an instruction's "number"
        ("The Embassy’s note No. 151 of April 5, 1922, to the British Foreign Office.",
         [("memorandum", "Embassy’s note No. 151 of April 5, 1922",
           {"type": "note", "number": "151", "date": "1922-04-05"})]),
        ("See the Department’s instruction number 224, October 13th.",
         [("memorandum", "Department’s instruction number 224, October 13th",
           {"type": "instruction", "number": "224", "date": "1937-10-13"})]),
        # frus1942China (fresh16) d190: the date after a comma
        ("Transmitted by the Ambassador with his covering despatch No. 650, September 29.",
         [("memorandum", "despatch No. 650, September 29",
           {"type": "despatch", "number": "650", "date": "1937-09-29"})]),
        ("As stated in note 5 above.", []),
    ],
)  # fmt: skip
def test_telegrams_and_despatches_numbered_with_no(body: str, found: list) -> None:
    doc = Document(id="v/d1", volume="v", date="1937-11-09", text=body)
    assert [(p.kind, p.text, p.parts) for p in extract_pointers(doc)] == found


# frus1925v02 (tests/data/links/fresh11): the 1920s
def test_an_own_volume_page_after_a_numbered_record() -> None:
    text = "See instruction No. 631, Apr. 21, 1925, to the Chargé in Great Britain, p. 217."
    pages = [p for p in note_pointers(text, date="1925-10-14") if p[0] == "page"]
    assert pages == [("page", "p. 217", {"target_page": "217", "target_volume": "v"})]


def test_supra_after_records_cited_by_number_names_those_records(tmp_path: Path) -> None:
    text = "Telegrams Nos. 369 and 499 printed supra; telegram No. 442 printed elsewhere."
    [supra] = [p for p in note_pointers(text, date="1925-04-20") if p[1] == "supra"]
    assert supra[2] == {"relative": "previous", "target_volume": "v", "follows": "cited"}


def test_a_volume_numeral_without_its_period() -> None:
    text = "See ibid., 1923, vol ii, pp. 218 ff."
    found = note_pointers(text, date="1925-04-21")
    assert [(k, s) for k, s, _ in found] == []  # no Foreign Relations named before: no volume
    text = "See Foreign Relations, 1923, vol ii, pp. 218 ff."
    [(kind, _, parts)] = note_pointers(text, date="1925-04-21")
    assert (kind, parts["target_page"], parts["target_volume"]) == ("page", "218", "frus1923v02")


def test_ibid_repeats_the_foreign_relations_volume_the_note_before_ended_on() -> None:
    doc = Document(
        id="v/d1", volume="frus1925v02", date="1925-06-23",
        footnotes=[Footnote("25", None, "See telegram No. 516, Dec. 11, 1924, from the Ambassador "
                            "in Great Britain, Foreign Relations, 1924, vol. ii, p. 202."),
                   Footnote("26", None, "Ibid., p. 202."),
                   Footnote("27", None, "See Cmd. 2317, p. 4."),
                   Footnote("28", None, "Ibid., p. 6.")],
    )  # fmt: skip
    pages = [(p.where, p.text, p.parts["target_volume"]) for p in extract_pointers(doc)
             if p.kind == "page"]  # fmt: skip
    assert pages == [
        ("footnote 25", "Foreign Relations, 1924, vol. ii, p. 202", "frus1924v02"),
        ("footnote 26", "Ibid., p. 202", "frus1924v02"),
    ]  # a parliamentary paper's "ibid." is no page of the series


# frus1918Russiav03 (tests/data/links/fresh13): telegrams cited by their dates, pages' notes
def test_telegrams_listed_by_their_dates() -> None:
    body = "Department’s telegrams of January 16, 4 p.m., and January 21, 7 p.m., were sent."
    doc = Document(id="v/d1", volume="v", date="1918-02-02", text=body)
    assert [(p.text, p.parts) for p in extract_pointers(doc)] == [
        ("Department’s telegrams of January 16", {"date": "1918-01-16", "from": "Department"}),
        ("January 21", {"date": "1918-01-21", "from": "Department"}),
    ]


def test_a_pages_note_printed_after_it_is_one_pointer() -> None:
    found = note_pointers("See Foreign Relations, 1918, vol. ii, p. 28, footnote 2.")
    assert [(k, p) for k, _, p in found] == [
        ("page", {"target_volume": "frus1918v02", "target_page": "28", "target_note": "2"})
    ]


def test_a_run_of_our_cables_is_no_one_telegram() -> None:
    doc = Document(id="v/d1", volume="v", date="1918-02-02", text="As stated in our cables.")
    assert extract_pointers(doc) == []


def test_a_number_alone_names_no_telegram_of_another_time(tmp_path: Path) -> None:
    # frus1955-57v24 d199 cites "telegram 2321" (London's, not printed); frus1918Russiav03
    # d236 is telegram 2321 from Petrograd, 38 years before: not the one
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([FRESH12, FRESH13]).failed
        out = [p for p in archive.links("frus1955-57v24/d199")["out"] if "2321" in p["text"]]
        assert out and all(p["target"] is None for p in out)


FRESH12 = Path(__file__).parent / "data" / "links" / "fresh12" / "frus1955-57v24.xml"
FRESH13 = Path(__file__).parent / "data" / "links" / "fresh13" / "frus1918Russiav03.xml"


def test_a_page_of_a_dated_publication_is_not_one_of_this_volume() -> None:
    # frus1958-60v09 (tests/data/links/fresh14) d113 footnote 2
    text = (
        "For text of the joint statement issued by the President and the Chancellor on "
        "March 15, see American Foreign Policy: Current Documents, 1960, p. 363."
    )
    assert [k for k, _, _ in note_pointers(text, date="1960-04-06")] == []
    text = "Telegram 155, March 10, 1949, p. 314."  # a day's year: the page of this volume
    assert [k for k, _, _ in note_pointers(text, date="1949-03-12")] == ["telegram", "page"]


def test_a_volume_of_another_publication_is_no_volume_of_the_series() -> None:
    # frus1941v06 (tests/data/links/fresh20) d254 footnotes 15-16: "vol. cxliv" was read as a
    # 1941 volume of Foreign Relations, and the "ibid." after it too
    doc = Document(id="frus1941v06/d254", volume="frus1941v06", date="1941-04-06", footnotes=[
        Footnote("1", None, "Source: Department of State, 722.2315/1351.", True),
        Footnote("15", None, "For text of treaty, see British and Foreign State Papers, vol. "
                 "cxliv, p. 748."),
        Footnote("16", None, "For text of boundary treaty, see ibid., p. 751.")])  # fmt: skip
    assert [p.kind for p in extract_pointers(doc)] == []
    doc.footnotes[1].text = "See vol. vii, p. 748."  # a 1941 volume named without its year
    assert [(p.parts["target_volume"], p.parts["target_page"]) for p in extract_pointers(doc)
            ] == [("frus1941v07", "748"), ("frus1941v07", "751")]  # fmt: skip


@pytest.mark.parametrize(
    ("where", "text", "page", "volume"),
    [
        # frus1941v06 (fresh20) d259 footnote 19: the one-volume era named by its year
        ("note", "See Foreign Relations, 1910, pp. 438 ff.", "438", "frus1910"),
        # d261: the editors' bracket in the text, the page spelled out
        (
            "body",
            "[Here follows the text of message sent on May 20, printed on page 228.]",
            "228",
            "v",
        ),
        ("note", "See page 228.", "228", "v"),
    ],
)
def test_pages_the_older_volumes_name(where: str, text: str, page: str, volume: str) -> None:
    found = note_pointers(text, "1941-05-16") if where == "note" else body_pointers(text)
    assert [(k, p["target_page"], p["target_volume"]) for k, _, p in found] == [
        ("page", page, volume)
    ]
    assert [k for k, _, _ in note_pointers("As stated on page 3 of his letter.")] == []


@pytest.mark.parametrize(
    ("body", "text", "parts"),
    [
        # frus1941v06 (fresh20) d255, d256; frus1952-54v01p1 (fresh4) d1; frus1964-68v14
        # (fresh7) d148
        ("53. I have received a telegram directly from the Ecuadoran Minister for Foreign "
         "Affairs, prompted by", "telegram directly from the Ecuadoran Minister for Foreign "
         "Affairs", {"direction": "from", "from": "Ecuadoran Minister for Foreign Affairs"}),
        ("the text of the telegram which you have sent to the Ministries for Foreign Affairs of "
         "the American Republics. I must", "telegram which you have sent to the Ministries for "
         "Foreign Affairs of the American Republics",
         {"direction": "to", "to": "Ministries for Foreign Affairs of the American Republics"}),
        ("went over with me another telegram which he will send to General Eisenhower and",
         "telegram which he will send to General Eisenhower",
         {"direction": "to", "to": "General Eisenhower"}),
        ("In a telegram to the Secretary of State I have reported", "telegram to the Secretary "
         "of State", {"direction": "to", "to": "Secretary of State"}),
        ("I acknowledge the receipt of Your Excellency’s cablegram of yesterday", "Your "
         "Excellency’s cablegram", {}),
    ],
)  # fmt: skip
def test_unnumbered_telegrams_known_by_sender_or_addressee(body: str, text: str, parts: dict):
    assert body_pointers(body) == [("telegram", text, parts)]


@pytest.mark.parametrize(
    "body",
    [
        "Am sending copy of this telegram to Department.",  # itself
        "possibly through the medium of a New Year’s telegram to General Ridgway, see",
        "He sent telegram to Moscow 1234 yesterday.",  # no article: a post's number
    ],
)
def test_an_addressed_telegram_needs_an_article_and_no_greeting(body: str):
    assert [p for p in body_pointers(body) if p[0] == "telegram"] == []


def test_an_editorial_note_filed_as_a_document_names_its_locations_in_prose() -> None:
    # frus1958-60v09 (tests/data/links/fresh14) d116: TEI subtype historical-document, a
    # heading that makes it an editorial note
    body = (
        "Memoranda of the other two conversations are in Department of State, Conference "
        "Files: Lot 64 D 559, CF 1624."
    )
    doc = Document(id="v/d1", volume="v", date="1960-04-14", text=body,
                   doc_type="editorial-note")  # fmt: skip
    [found] = extract_pointers(doc)
    assert (found.kind, found.parts["lot"], found.parts["file_code"]) == (
        "archival", "Lot 64 D 559", "CF 1624",
    )  # fmt: skip


def test_telegrams_cited_by_date_and_hour_resolve_and_share_an_identity(tmp_path: Path) -> None:
    # fresh13: "Your February 14, 4 p.m." in Peking's telegram is the Secretary's d239; "Your
    # January 28, 5 p.m." (Peking's, printed before the excerpt) is cited by d235 and d242
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([FRESH13]).failed
        [cited] = [p for p in archive.links("frus1918Russiav03/d240")["out"]
                   if p["text"] == "Your February 14, 4 p.m."]  # fmt: skip
        assert cited["target"] == "frus1918Russiav03/d239"
        assert cited["parts"] == {
            "date": "1918-02-14",
            "hour": "16:00",
            "whose": "your",
            "ref_line": "yes",
        }  # it opens the text: the one answered
        identities = {
            doc: {p["identity"] for p in archive.links(f"frus1918Russiav03/{doc}")["out"]}
            for doc in ("d235", "d242")
        }
        assert "tel:China:1918-01-28T17:00" in identities["d235"] & identities["d242"]


def test_a_date_and_hour_without_an_owner_is_no_telegram() -> None:
    doc = Document(id="v/d1", volume="v", date="1918-02-02",
                   text="The meeting on January 28, 5 p.m. was long.")  # fmt: skip
    assert extract_pointers(doc) == []


FRESH10 = Path(__file__).parent / "data" / "links" / "fresh10" / "frus1937v05.xml"
FRESH11 = Path(__file__).parent / "data" / "links" / "fresh11" / "frus1925v02.xml"


def test_numbered_instructions_and_despatches_resolve_by_their_number(tmp_path: Path) -> None:
    # fresh11: d179 is the Secretary's instruction "No. 631" to the Chargé in Great Britain,
    # April 21, 1925; d182 is instruction "No. 224" of October 13 to the Ambassador there
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([FRESH10, FRESH11]).failed
        assert archive.document("frus1925v02/d179").paper_number == "631"
        assert archive.document("frus1925v02/d178").paper_number is None  # a telegram's
        out = archive.links("frus1925v02/d180")["out"]
        cited = "Department’s instruction No. 631 of April 21, 1925"
        dated = [p for p in out if p["text"] == cited]
        assert dated and all(p["target"] == "frus1925v02/d179" for p in dated)
        # undated, in a note of d183 (October 1925): the instruction of the year before
        [undated] = [p for p in archive.links("frus1925v02/d183")["out"]
                     if p["text"] == "Department’s instruction No. 224"]  # fmt: skip
        assert undated["target"] == "frus1925v02/d182"
        # a despatch of Santiago's that no volume prints stays unresolved, and says so
        [despatch] = [p for p in archive.links("frus1937v05/d430")["out"]
                      if p["text"] == "your despatch No. 527 of March 13, 1937"]  # fmt: skip
        assert despatch["target"] is None and despatch["reason"] == "not printed in the archive"
        assert "frus1925v02/d180" in {p["document_id"] for p in
                                      archive.links("frus1925v02/d179")["in"]}  # fmt: skip


def test_a_paraphrased_telegram_keeps_its_number(tmp_path: Path) -> None:
    # fresh11 d187 opens "[Paraphrase]" above "369. Department’s 368, October 21, 6 p.m."
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([FRESH11]).failed
        doc = archive.document("frus1925v02/d187")
        assert doc.doc_type == "telegram" and doc.telegram.number == "369"


# frus1870 (tests/data/links/fresh15): letters count their days from their own date
@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("I have the honor to acknowledge the receipt of your note of the 3d instant.",
         [("your note of the 3d instant", {"type": "note", "date": "1870-06-03"})]),
        ("Referring to my note of the 26th ultimo, I inclose a copy.",
         [("my note of the 26th ultimo",
           {"type": "note", "date": "1870-05-26", "ref_line": "yes"})]),
        ("The circular of the 16th ultimo of the Secretary of the Treasury.",
         [("circular of the 16th ultimo", {"type": "circular", "date": "1870-05-16"})]),
        ("I beg to acknowledge your letter of yesterday’s date.",
         [("your letter of yesterday’s date", {"type": "letter", "date": "1870-06-07"})]),
        ("I have received your communication of yesterday.",
         [("your communication of yesterday", {"type": "communication",
                                                "date": "1870-06-07"})]),
    ],
)  # fmt: skip
def test_days_counted_from_the_letter_instant_ultimo_yesterday(body: str, found: list) -> None:
    doc = Document(id="v/d1", volume="v", date="1870-06-08", text=body)
    assert [(p.text, p.parts) for p in extract_pointers(doc)] == found


def test_a_communication_of_a_day_is_a_paper_in_the_older_series_only() -> None:
    # frus1925v02 d189 (fresh11) against frus1969-76v12 d1 (heldout), where Kissinger's
    # "communication of December 18" was said to Sedov
    body = "along the lines of my communication of December 18."
    old = Document(id="v/d1", volume="v", date="1925-01-10", text=body)
    assert [p.text for p in extract_pointers(old)] == ["my communication of December 18"]
    new = Document(id="v/d1", volume="v", date="1969-01-02", text=body)
    assert extract_pointers(new) == []


@pytest.mark.parametrize(
    ("place", "from_", "body", "kind"),
    [
        # a consul's "my dispatch" is his despatch; the Department's "your dispatch" is his too
        ("United States Consulate, Pictou", "Mr. Malmros", "Referring to my dispatch No. 9.",
         "despatch"),
        ("Department of State, Washington", "Mr. Davis", "Your dispatch No. 256 is received.",
         "despatch"),
        # the Department's "my dispatch" is its instruction, and so is a consul's "your dispatch"
        ("Department of State, Washington", "Mr. Davis", "Referring to my dispatch No. 9.",
         "instruction"),
        ("United States Consulate, Halifax", "Mr. Jackson",
         "I have received your dispatch No. 256.", "instruction"),
        # a post that spells its country "U. S. A." is one of its own posts all the same
        ("Consulate General of the U. S. A., Jerusalem", "Mr. Heizer",
         "I have received your dispatch No. 256.", "instruction"),
        ("U. S. Consulate, Montreal", "Mr. Bart", "Referring to my dispatch No. 9.", "despatch"),
    ],
)  # fmt: skip
def test_a_dispatch_is_a_despatch_or_an_instruction_by_its_direction(
    place: str, from_: str, body: str, kind: str
) -> None:
    doc = Document(id="v/d1", volume="v", date="1870-09-20", place=place, from_=from_,
                   to="Mr. Fish", text=body)  # fmt: skip
    [found] = extract_pointers(doc)
    assert found.parts["type"] == kind


FRESH15 = Path(__file__).parent / "data" / "links" / "fresh15" / "frus1870.xml"


def test_your_note_of_a_day_is_the_other_partys_paper_of_that_day(tmp_path: Path) -> None:
    # fresh15: Thornton's note of June 11 (d261) answers "your note of the 8th instant", Fish's
    # note of June 8 (d260); Fish's reply (d262) cites "your note of the 11th instant"
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([FRESH15]).failed
        for citing, cited in (("d261", "d260"), ("d262", "d261")):
            notes = [p for p in archive.links(f"frus1870/{citing}")["out"]
                     if p["text"].startswith("your note of the")]  # fmt: skip
            assert notes and all(p["target"] == f"frus1870/{cited}" for p in notes)


@pytest.mark.parametrize(
    ("body", "found"),
    [
        # frus1937v05 d431 (fresh10), frus1925v02 d188 (fresh11), frus1942China d189 (fresh16)
        ("65. Department’s 40, October 28, 7 p.m. I had a conference this morning.",
         [("post_number", "Department’s 40, October 28",
           {"post": "State", "number": "40", "date": "1942-10-28", "ref_line": "yes"})]),
        ("443. My 442, October 28, 6 p.m. The Foreign Office agrees.",
         [("mytel", "My 442, October 28",
           {"number": "442", "date": "1942-10-28", "ref_line": "yes"})]),
        ("Embassy’s Nos. 1070 and 1071, September 21, reported it.",
         [("post_number", "Embassy’s Nos. 1070", {"post": "Embassy", "number": "1070"}),
          ("post_number", "1071, September 21",
           {"post": "Embassy", "number": "1071", "date": "1942-09-21"})]),
        # no date and no "Nos.": no telegram; "No. 831" of an embassy is mostly a despatch
        ("He spoke of my 442 reasons.", []),
        ("The Embassy’s No. 831 was received.", []),
        ("It doubled the Department’s 1950 budget.", []),  # a year
        ("Department’s 1950, October 3, answers it.",
         [("post_number", "Department’s 1950, October 3",
           {"post": "State", "number": "1950", "date": "1942-10-03"})]),
    ],
)  # fmt: skip
def test_a_telegram_named_by_its_owner_and_number(body: str, found: list) -> None:
    doc = Document(id="v/d1", volume="v", date="1942-11-01", text=body)
    assert [(p.kind, p.text, p.parts) for p in extract_pointers(doc)] == found


def test_a_page_of_another_publishers_series_is_no_page_of_this_one() -> None:
    # frus1942China d185 footnote 35 (fresh16)
    text = "Signed at London, May 26, 1942, League of Nations Treaty Series, vol. cciv, p. 353."
    assert note_pointers(text, date="1942-10-10") == []


FRESH16 = Path(__file__).parent / "data" / "links" / "fresh16" / "frus1942China.xml"


def test_the_embassys_telegram_resolves_in_the_citing_exchange(tmp_path: Path) -> None:
    # fresh16 d181 answers "Embassy’s 954, August 19": Chungking's telegram 954 (d180)
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([FRESH16]).failed
        [cited] = [p for p in archive.links("frus1942China/d181")["out"]
                   if p["text"] == "Embassy’s 954, August 19"]  # fmt: skip
        assert cited["target"] == "frus1942China/d180"


def test_a_telegram_identity_joins_documents_of_about_the_same_time_only(
    excerpt: Path, tmp_path: Path
) -> None:
    # the same volume printed again fourteen years earlier: its documents cite "Bonn 17686"
    # too, but Bonn's 17686 of 1954 is not the one of 1968
    earlier = tmp_path / "earlier.xml"
    text = excerpt.read_text(encoding="utf-8").replace(
        'xml:id="frus1964-68v13"', 'xml:id="frus-earlier"', 1
    )
    earlier.write_text(text.replace('"1968-', '"1954-'), encoding="utf-8")
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([excerpt, earlier]).failed
        assert archive.document("frus-earlier/d331").date.startswith("1954")
        thread = archive.thread("frus1964-68v13/d331")
        ids = [d["id"] for d in thread["documents"]]
        assert "tel:Bonn:17686" in [t["identity"] for t in thread["telegrams"]]
        assert not any(i.startswith("frus-earlier/") for i in ids)
        assert "frus-earlier/d331" in [d["id"] for d in archive.thread("frus-earlier/d331")
                                       ["documents"]]  # fmt: skip


def test_a_posts_telegrams_in_telegraphese() -> None:
    # frus1955-57v24 d191 (tests/data/links/fresh12): "855. Athens tels 755, 733, 732, 609."
    doc = Document(id="v/d1", volume="v", date="1956-09-03",
                   text="855. Athens tels 755, 733, 732, 609. Following is text.")  # fmt: skip
    found = [(p.kind, p.text, p.parts["number"], p.parts["post"]) for p in extract_pointers(doc)]
    assert found == [("telegram", "Athens tels 755", "755", "Athens"),
                     ("telegram", "733", "733", "Athens"), ("telegram", "732", "732", "Athens"),
                     ("telegram", "609", "609", "Athens")]  # fmt: skip
    hotel = Document(id="v/d1", volume="v", date="1956-09-03", text="A hotel 5 stars; Paris tel.")
    assert extract_pointers(hotel) == []


FRESH2 = Path(__file__).parent / "data" / "links" / "fresh2" / "frus1958-60v07p1.xml"


def test_a_telegram_cited_by_the_number_it_was_repeated_under(tmp_path: Path) -> None:
    # fresh2: d4 is Topol 2638, "Repeated to Helsinki as telegram 523"; d5, from Helsinki,
    # answers "Reference Deptel 523": a reply
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([FRESH2]).failed
        repeats = archive.document("frus1958-60v07p1/d4").to_json()["telegram"]["repeats"]
        assert repeats == [{"number": "523", "to": "Helsinki"}]
        [deptel] = [p for p in archive.links("frus1958-60v07p1/d5")["out"]
                    if p["text"] == "Deptel 523"]  # fmt: skip
        assert deptel["target"] == "frus1958-60v07p1/d4"
        thread = archive.thread("frus1958-60v07p1/d5")
        assert {"from": "frus1958-60v07p1/d5", "to": "frus1958-60v07p1/d4", "kind": "reply",
                "evidence": "Deptel 523"} in thread["edges"]  # fmt: skip


def test_a_telegrams_note_naming_its_own_repeat_points_at_it(tmp_path: Path) -> None:
    # fresh8: d220 and d223 were both repeated in telegram 160 (Usgoc 331) of March 11 to
    # Batavia; d228 answers "Deptel 213, March 12", the repeat of d224 to The Hague
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([FRESH8]).failed
        for doc in ("d220", "d223"):
            own = {p["text"]: p["target"] for p in archive.links(f"frus1949v07p1/{doc}")["out"]
                   if p["where"] == "footnote 1"}  # fmt: skip
            assert own == {"telegram 160": f"frus1949v07p1/{doc}",
                           "Usgoc 331, March 11": f"frus1949v07p1/{doc}"}  # fmt: skip
        [usgoc] = [p for p in archive.links("frus1949v07p1/d227")["out"]
                   if p["text"] == "Usgoc 331"]  # fmt: skip
        assert usgoc["target"] is None
        assert usgoc["reason"] == "2 printed telegrams carry number 331"
        [deptel] = [p for p in archive.links("frus1949v07p1/d228")["out"]
                    if p["text"] == "Deptel 213, March 12"]  # fmt: skip
        assert deptel["target"] == "frus1949v07p1/d224"


def test_a_repeat_number_to_another_post_is_not_the_telegram(tmp_path: Path) -> None:
    # "telegram 523 from Paris" is Paris's own 523, not the Department's repeat to Helsinki
    text = tmp_path / "paris.txt"
    text.write_text(
        "7. Telegram From the Embassy in France to the Department of State\n\n"
        "Paris, January 30, 1958, 4 p.m.\n\n"
        "3581. We have had no answer to our telegram 523 from Paris, January 29, 1958.\n",
        encoding="utf-8",
    )
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([FRESH2, text]).failed
        [doc_id] = [i for i in archive.store.document_ids() if i.startswith("text/")]
        [cited] = [p for p in archive.links(doc_id)["out"] if p["parts"].get("number") == "523"]
        assert cited["parts"]["post"] == "Paris" and cited["target"] is None


def test_a_post_cited_by_its_city_is_the_mission_a_heading_names_by_country(
    tmp_path: Path,
) -> None:
    # fresh12 d191: "Athens tels 755, 733, 732, 609"; d190 is telegram 732 of "The Ambassador
    # in Greece (Allen) to the Department of State"
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([FRESH12]).failed
        [cited] = [p for p in archive.links("frus1955-57v24/d191")["out"] if p["text"] == "732"]
        assert cited["target"] == "frus1955-57v24/d190"
        assert cited["identity"] == "tel:Athens:732"


@pytest.mark.parametrize(
    ("name", "names", "city"),
    [
        ("Athens", ("Athens", "Greece"), "Athens"),
        ("the United Kingdom", ("the United Kingdom", "London"), "London"),
        ("London", ("London", "Great Britain", "United Kingdom"), "London"),
        ("China", ("China", "Peking", "Peiping", "Nanking", "Chungking", "Beijing"), "China"),
        ("Bonn", ("Bonn", "Germany", "Federal Republic of Germany"), "Bonn"),
        ("Batavia", ("Batavia",), "Batavia"),
    ],
)
def test_posts_by_city_and_by_country(name: str, names: tuple, city: str) -> None:
    assert post_names(name) == names
    assert capital(name) == city


@pytest.mark.parametrize(
    ("body", "doc_type", "answered"),
    [
        # fresh2 d5, fresh5 d72, fresh12 d193, fresh5 d70 (its "References:" form)
        ("469. Paris pass USRO. Reference Deptel 523. Foreign Office said.", "telegram",
         ["523"]),
        ("Topol 401. Excon. Re Poltos 489, 497, 504. Believe nonproductive.", "telegram",
         ["489", "497", "504"]),
        ("1328. Vienna for Penfield. Regarding Deptel 1602. I had long conversation.",
         "telegram", ["1602"]),
        ("Excon. References: (a) Topol 351; (b) Poltos 489, 492. Supplementing.",
         "telegram", ["351", "489", "492"]),
        # fresh7 d158: an airgram's REF block
        ("SUBJECT\n\nUS-Soviet Relations\n\nREF\n\nEmbtels 3182, 3188\n\nOn April 18, the "
         "Ambassador had lunch.", "airgram", ["3182", "3188"]),
        # fresh2 d4, fresh8 d228, fresh4 d122: no "Ref" word, the sentence opens with it
        ("Topol 2638. Deliver McCarthy nine am Jan 30. Polto 2195. Department sympathetic.",
         "telegram", ["2195"]),
        ("secret\n\n246. Deptel 213, March 12 (Gocus 625) contained information.",
         "telegram", ["213", "625"]),
        ("2230. Please pass White House, Defense. Deptel 1930; Embtel 2226.\n\n1. I am "
         "convinced.", "telegram", ["1930", "2226"]),
        # fresh9 d124: items of a list in a sentence are not its opening
        ("946. Soviet activities have been reported Embtels 874, July 25; 924, August 5. "
         "There has been no detente.", "telegram", []),
        # a memorandum's sentence naming a telegram does not answer it
        ("Telegram 1253 from Moscow reported the talk. The Secretary agreed.", "memorandum", []),
        # a later paragraph's sentence is the text, not its reference line
        ("2230. Please pass Defense.\n\nDeptel 1930 said so.", "telegram", []),
    ],
)  # fmt: skip
def test_the_reference_line_of_a_cable(body: str, doc_type: str, answered: list[str]) -> None:
    """The numbers of the telegrams a cable answers (``ref_line``: its thread edge is a reply)."""
    doc = Document(id="v/d1", volume="v", date="1958-02-01", text=body, doc_type=doc_type)
    found = extract_pointers(doc)
    assert found
    assert [p.parts["number"] for p in found if p.parts.get("ref_line")] == answered


def test_a_series_number_between_a_telegrams_number_and_its_date() -> None:
    # fresh8 d219: the editors' note on the heading; both numbers name one message to Batavia
    note = "Repeated in telegram 166, Usgoc 334, March 15, 11 a.m., to Batavia."
    doc = Document(id="v/d1", volume="v", date="1949-03-15", text="x",
                   footnotes=[Footnote("1", None, note, False, None)])  # fmt: skip
    assert [(p.kind, p.text, p.parts) for p in extract_pointers(doc)] == [
        ("telegram", "telegram 166",
         {"number": "166", "direction": "to", "post": "Batavia", "date": "1949-03-15"}),
        ("channel", "Usgoc 334, March 15",
         {"channel": "Usgoc", "number": "334", "date": "1949-03-15", "direction": "to",
          "post": "Batavia"}),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("note", "post"),
    [("Telegram 706, March 16, from Manila.", "Manila"),
     ("Telegram 12, May 2, from St. Petersburg.", "St. Petersburg"),
     ("Telegram 213, March 12, 4 p. m., to The Hague. Not printed.", "The Hague")],
)  # fmt: skip
def test_a_post_named_at_the_end_of_a_sentence_keeps_no_full_stop(note: str, post: str) -> None:
    doc = Document(id="v/d1", volume="v", date="1949-03-20", text="x",
                   footnotes=[Footnote("1", None, note, False, None)])  # fmt: skip
    [telegram] = extract_pointers(doc)
    assert telegram.parts["post"] == post


@pytest.mark.parametrize(
    ("body", "found"),
    [
        # frus1951v07p2 d117 (Calcutta, June 1951): a consulate's own telegram
        ("541. Re Contel 539, June 25, second conversation with Taktse Rimpoche.",
         [("Contel 539, June 25", {"number": "539", "date": "1951-06-25", "ref_line": "yes"})]),
        ("88. The Minister called. See Legtels 87 and 90.",
         [("Legtels 87", {"number": "87"}), ("90", {"number": "90"})]),
    ],
)  # fmt: skip
def test_a_consulates_and_a_legations_own_telegrams_are_the_posts_own(
    body: str, found: list[tuple[str, dict[str, str]]]
) -> None:
    doc = Document(id="v/d1", volume="v", date="1951-06-26", text=body, doc_type="telegram")
    pointers = extract_pointers(doc)
    assert {p.kind for p in pointers} == {"embtel"}
    assert [(p.text, p.parts) for p in pointers] == found


def test_the_departments_circular_telegrams_share_an_identity(tmp_path: Path) -> None:
    # frus1964-68v12 d56 (March 1966): "Ref: Dept Circular 1644 ... ref Depcirc"; posts cite a
    # circular as "Depcirc" or "Circtel", one series whatever the name
    paris = tmp_path / "paris.txt"
    paris.write_text("1. Telegram From the Embassy in France to the Department of State\n\n"
                     "Paris, March 10, 1966.\n\n5434. Ref: Depcirc 1644. I have reservations.\n",
                     encoding="utf-8")  # fmt: skip
    bonn = tmp_path / "bonn.txt"
    bonn.write_text("2. Telegram From the Embassy in Germany to the Department of State\n\n"
                    "Bonn, March 11, 1966.\n\n2201. Circtel 1644 was discussed today.\n",
                    encoding="utf-8")  # fmt: skip
    with Archive(tmp_path / "a.db") as archive:
        report = archive.ingest([paris, bonn])
        assert not report.failed
        first, second = (item.documents[0] for item in report.ingested)
        identities = [{p["identity"] for p in archive.links(doc)["out"]} for doc in (first, second)]
        assert identities == [{"tel:Circular:1644"}, {"tel:Circular:1644"}]
        assert second in [d["id"] for d in archive.thread(first)["documents"]]
    assert extract_pointers(Document(id="v/d1", volume="v", date="1966-03-10",
                                     text="Under Circular 175 authority.")) == []  # fmt: skip


@pytest.mark.parametrize(
    ("body", "text", "kind"),
    [
        ("Ref: Dept Circular 1644. I have reservations.", "Dept Circular 1644", "channel"),
        (
            "Department Circular 1644 asked posts for comment.",
            "Department Circular 1644",
            "channel",
        ),
        (
            "In circular telegram 1644, March 3, the Department asked posts",
            "circular telegram 1644, March 3",
            "telegram",
        ),
    ],
)
def test_a_circular_written_out_is_the_circular_series(
    tmp_path: Path, body: str, text: str, kind: str
) -> None:
    """frus1964-68v12 d56 prints "Ref: Dept Circular 1644"; notes write "circular telegram
    1644": the same telegram as "Depcirc 1644", so the same identity."""
    doc = tmp_path / "paris.txt"
    doc.write_text("1. Telegram From the Embassy in France to the Department of State\n\n"
                   f"Paris, March 10, 1966.\n\n5434. {body}\n", encoding="utf-8")  # fmt: skip
    with Archive(tmp_path / "a.db") as archive:
        report = archive.ingest([doc])
        out = archive.links(report.ingested[0].documents[0])["out"]
    assert [(p["kind"], p["text"], p["identity"]) for p in out] == [
        (kind, text, "tel:Circular:1644")
    ]


@pytest.mark.parametrize(
    ("body", "repeat"),
    [
        # fresh2 d6: the Department's Topol 2638 went to Helsinki as its telegram 523
        ("Polto 2283. Reference: Topol 2638, repeated Helsinki 523, January 29, 1958. Text.",
         {"post": "State", "to": "Helsinki", "number": "523"}),
        # frus1951v07p2 d118 and d121
        ("3785. Ref Deptel 2252 June 22 rptd info London 6062. Text.",
         {"post": "State", "to": "London", "number": "6062"}),
        ("6911. New Delhi’s 3785, June 27 to Dept, repeated London 139. Text.",
         {"post": "New Delhi", "to": "London", "number": "139"}),
        # fresh9 d124: a post's closing line, its own repeat
        ("Text.\n\nSent Dept 946, repeated Baghdad 112.",
         {"post": "Embassy", "to": "Baghdad", "number": "112"}),
        # a Polto's sender is not known from its name: the post's own number stays as read
        ("Polto 12, repeated Bonn 44. Text.", {"post": "Bonn", "number": "44"}),
    ],
)  # fmt: skip
def test_a_repeat_number_is_the_senders_number_to_that_post(
    body: str, repeat: dict[str, str]
) -> None:
    doc = Document(id="v/d1", volume="v", date="1958-02-01", text=body, doc_type="telegram")
    [found] = [p for p in extract_pointers(doc) if p.parts.get("number") == repeat["number"]]
    assert found.kind == "post_number"
    assert {k: found.parts.get(k) for k in repeat} == repeat
    assert "to" in found.parts or "to" not in repeat


def test_a_telegram_cited_by_its_repeat_number_resolves(tmp_path: Path) -> None:
    # fresh2: d6 cites "Topol 2638, repeated Helsinki 523": d4, Topol 2638, as Helsinki got it;
    # d5's "Deptel 523" from Helsinki is the same message
    with Archive(tmp_path / "a.db") as archive:
        assert not archive.ingest([FRESH2]).failed
        out = archive.links("frus1958-60v07p1/d6")["out"]
        [repeat] = [p for p in out if p["text"].startswith("Helsinki 523")]
        assert repeat["target"] == "frus1958-60v07p1/d4"


@pytest.mark.parametrize(
    ("body", "found"),
    [
        # frus1930v01 d281: a list of the Department's telegrams by number and date
        (
            "See telegrams No. 2, January 6, 5 p.m., No. 4, January 27, 6 p.m., and No. 5, "
            "January 30, 6 p.m.",
            [
                ("telegram", "telegrams No. 2, January 6", "2", "1930-01-06"),
                ("telegram", "No. 4, January 27", "4", "1930-01-27"),
                ("telegram", "No. 5, January 30", "5", "1930-01-30"),
            ],
        ),
        # frus1930v01 d274, d284: "number" spelled out; a legation's own telegrams
        (
            "2. My telegram number 56, December 10, noon.",
            [("mytel", "My telegram number 56, December 10", "56", "1929-12-10")],
        ),
        (
            "(See Legation’s telegrams No. 6, January 13, 5 p.m.)",
            [("embtel", "Legation’s telegrams No. 6, January 13", "6", "1930-01-13")],
        ),
        # frus1964-68v11 d131: a numbered cable, and the disarmament delegation's channel
        (
            "In cable 2210 from Geneva the delegation",
            [("telegram", "cable 2210 from Geneva", "2210", None)],
        ),
        ("Disto 2210 reported the Soviet reply.", [("channel", "Disto 2210", "2210", None)]),
    ],
)
def test_telegram_forms_of_1930_and_1966(body: str, found: list) -> None:
    doc = Document(id="v/d1", volume="v", date="1930-02-10", text=body)
    got = [(p.kind, p.text, p.parts["number"], p.parts.get("date"))
           for p in extract_pointers(doc)]  # fmt: skip
    assert got == found


@pytest.mark.parametrize(
    ("body", "post"),
    [
        ("Hong Kong 3768 reported the purge.", "Hong Kong"),
        ("Montevideo’s 12, January 6, says", "Montevideo"),
        ("Phnom Penh 455 and", "Phnom Penh"),
        ("Accord Hong Kong tel 3768, Chinese Communists have", "Hong Kong"),
    ],
)
def test_posts_of_the_whole_series_cite_their_telegrams(body: str, post: str) -> None:
    doc = Document(id="v/d1", volume="v", date="1966-03-10", text=body)
    assert [p.parts.get("post") for p in extract_pointers(doc)] == [post]


@pytest.mark.parametrize("body", ["Singapore 25 percent of", "Panama 12 miles off", "Kuwait 40 %"])
def test_a_post_before_a_quantity_is_no_telegram(body: str) -> None:
    assert extract_pointers(Document(id="v/d1", volume="v", date="1966-03-10", text=body)) == []


def test_an_accord_line_is_a_reference_line() -> None:
    """Telegraphese "Accord Hong Kong tel 3768" ("according to") opens a cable with what it
    answers (frus1964-68v12 d63)."""
    doc = Document(id="v/d1", volume="v", date="1966-03-10", doc_type="telegram",
                   text="1801. Accord Hong Kong tel 3768, Chinese Communists have ...")  # fmt: skip
    assert [p.parts.get("ref_line") for p in extract_pointers(doc)] == ["yes"]


def test_a_volume_cited_with_a_slip_of_the_pen() -> None:
    """frus1930v01 d274 prints "Foreign Relations. 1929, vol. i, p. 862": the period is a
    slip for the comma, and the "ibid., p. 860" of the next note is that volume too."""
    doc = Document(id="v/d1", volume="frus1930v01", date="1930-01-10", footnotes=[
        Footnote("1", None, "Source: File No. 724.3415/1.", True),
        Footnote("2", None, "Foreign Relations. 1929, vol. i, p. 862."),
        Footnote("3", None, "See ibid., p. 860.")])  # fmt: skip
    pages = [(p.where, p.parts["target_volume"], p.parts["target_page"])
             for p in extract_pointers(doc)]  # fmt: skip
    assert pages == [("footnote 2", "frus1929v01", "862"), ("footnote 3", "frus1929v01", "860")]


@pytest.mark.parametrize(
    ("body", "post"),
    [
        ("telegram No. 50, September 12, 1929, from the Chargé in Bolivia", "La Paz"),
        ("telegram 123 to the Embassy in France", "Paris"),
        ("telegram 45 from the Minister in China", "China"),  # the mission moved: the country
        ("telegram 230009 to the Mission to NATO, August 29", "Mission to NATO"),
    ],
)
def test_a_post_named_by_its_office_is_its_city(body: str, post: str) -> None:
    """frus1930v01 cites "telegram No. 50 ... from the Chargé in Bolivia": La Paz's."""
    doc = Document(id="v/d1", volume="v", date="1930-02-10", text=body)
    assert [p.parts["post"] for p in extract_pointers(doc)] == [post]
