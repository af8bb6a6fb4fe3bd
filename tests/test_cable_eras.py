"""The cable grammar across the series (1861–1991): openers, old headings, participants, and the
labelled real documents of ten volumes (tests/data/cable/eras/, read through the real TEI
reader). The accuracy figures are bench/eval_cable.py --set eras; here every era's rules are
tested with real examples, and the labelled set is checked as a whole."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from centralfiles.enrich import enrich
from centralfiles.enrich.cable.caption import parse_caption
from centralfiles.enrich.cable.openers import read_openers
from centralfiles.model import Document, Footnote, Participant
from centralfiles.readers.participants import split_entry, text_participants
from centralfiles.readers.text import read_text
from centralfiles.render import render_text

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import eval_cable

ERA_CASES = eval_cable.load_cases(eval_cable.ERAS)


def test_the_era_set_is_large_and_spans_the_series() -> None:
    assert len(ERA_CASES) >= 150
    assert len({case["input"]["volume"] for case in ERA_CASES}) >= 8
    assert len({case["era"] for case in ERA_CASES}) >= 6
    assert all(case["kind"] == "tei_document" for case in ERA_CASES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[Telegram.]\n\n15. Critical situation", {"doc_type": "telegram"}),
        ("[By cable telegram.]\n\nThe", {"doc_type": "telegram"}),
        ("[Telegram.—Paraphrase.]\n\nThe", {"doc_type": "telegram", "paraphrase": True}),
        ("No. 276.]\n\nSir: Since", {"paper_number": "276", "doc_type": None}),
        ("No. 1027\n\nSir:", {"paper_number": "1027"}),
        ("top secret\n\nAt the NSC meeting", {"classification": "Top Secret"}),
        ("secret   us urgent\n\n1234. Text", {"classification": "Secret",
                                              "precedence": "US Urgent"}),
        ("top secret   eyes only\n\nx", {"classification": "Top Secret", "caveats": ["Eyes Only"]}),
        ("strictly personal\n\nDear", {"caveats": ["Strictly Personal"]}),
        ("Sir: I have the honor", {"paragraphs": 0}),
    ],
)  # fmt: skip
def test_openers(text: str, expected: dict) -> None:
    found = read_openers(text)
    assert {key: getattr(found, key) for key in expected} == expected


def _old(heading: str, text: str, place: str, source: str | None = None) -> Document:
    notes = [Footnote(None, None, source, True)] if source else []
    return enrich(Document(id="v/d1", volume="v", heading=heading, title=heading, text=text,
                           place=place, footnotes=notes))  # fmt: skip


def test_an_old_telegram_takes_its_type_from_the_opener_and_its_number_from_the_text() -> None:
    doc = _old("The Ambassador on Special Mission to Russia (Root) to the Secretary of State",
               "[Telegram]\n\n15. Critical situation exists here.", "Petrograd",
               "File No. 861.51/154")  # fmt: skip
    assert (doc.doc_type, doc.from_, doc.to) == (
        "telegram",
        "Ambassador on Special Mission to Russia (Root)",
        "Secretary of State",
    )
    assert (doc.telegram.number, doc.telegram.post) == ("15", "Petrograd")
    assert doc.source.file_code == "861.51/154"


def test_numbered_papers_are_despatches_instructions_or_notes_by_direction() -> None:
    despatch = _old("Mr. E. B. Washburne to Mr. Fish.", "No. 276.]\n\nSir: Since",
                    "Legation of the United States, Paris")  # fmt: skip
    assert (despatch.doc_type, despatch.telegram) == ("despatch", None)
    instruction = _old("Mr. Davis to Mr. E. B. Washburne.", "No. 158.]\n\nSir:",
                       "Department of State, Washington")  # fmt: skip
    assert instruction.doc_type == "instruction"
    note = _old("The Secretary of State to the Russian Ambassador (Bakhmeteff)",
                "No. 53\n\nExcellency:", "Washington")  # fmt: skip
    assert note.doc_type == "note"


def test_a_small_caps_marking_line_gives_classification_and_precedence() -> None:
    doc = _old("The Secretary of State to the Embassy in France", "secret   us urgent\n\n"
               "1234. For the Ambassador.", "Washington", "560.AL/1–3048")  # fmt: skip
    assert (doc.classification, doc.precedence) == ("Secret", "US Urgent")


@pytest.mark.parametrize(
    ("entry", "name", "role"),
    [
        ("M. Claude Lebel, Minister, French Embassy", "M. Claude Lebel",
         "Minister, French Embassy"),
        ("Amb. William E. Schaufele, Jr., Assistant Secretary", "Amb. William E. Schaufele, Jr.",
         "Assistant Secretary"),
        ("Mr. Martin J. Hillenbrand—GER", "Mr. Martin J. Hillenbrand", "GER"),
        ("Jerry Bremer (notetaker)", "Jerry Bremer (notetaker)", None),
        ("The Secretary", "The Secretary", None),
    ],
)  # fmt: skip
def test_participant_entries_split_as_printed(entry: str, name: str, role: str | None) -> None:
    assert split_entry(entry) == (name, role)


def test_participants_of_a_tei_memorandum_with_sides() -> None:
    xml = """<div xmlns="http://www.tei-c.org/ns/1.0" type="document" xml:id="d215" n="215">
      <head>215. Memorandum of Conversation</head>
      <list type="participants"><head>PARTICIPANTS</head>
        <item><hi rend="italic">US</hi></item>
        <item>Mr. <persName>Livingston T. Merchant</persName></item>
        <item><hi rend="italic">France</hi></item>
        <item>M. Charles <persName>Lucet</persName>, Minister</item>
        <item><list><head><hi rend="italic">UK</hi></head><item>Lord Hood</item></list></item>
      </list><p>The meeting began.</p></div>"""
    doc = eval_cable.read_snippet("frus1958-60v09", xml)
    assert doc.participants == [
        Participant("Mr. Livingston T. Merchant", None, "US"),
        Participant("M. Charles Lucet", "Minister", "France"),
        Participant("Lord Hood", None, "UK"),
    ]
    assert doc.to_json()["participants"][1] == {"name": "M. Charles Lucet", "role": "Minister",
                                                "side": "France"}  # fmt: skip


def test_participants_of_a_plain_text_memorandum() -> None:
    text = (
        "PARTICIPANTS\n\nThe Secretary\n\nAmbassador Hervé Alphand, French Embassy\n\n"
        "Ambassador Alphand handed to the Secretary the reply. He said it posed questions."
    )
    assert text_participants(text) == [
        Participant("The Secretary"),
        Participant("Ambassador Hervé Alphand", "French Embassy"),
    ]
    doc = read_text(
        "29. Memorandum of Conversation\n\nParticipants:\nUnited States:\n"
        "The Secretary\nUSSR:\nAmbassador Dobrynin\n\nThe Secretary opened.\n"
    )
    assert doc.participants == [Participant("The Secretary", None, "United States"),
                                Participant("Ambassador Dobrynin", None, "USSR")]  # fmt: skip


def test_documents_without_a_list_have_no_participants(tmp_path: Path) -> None:
    assert text_participants("The Secretary said that participants in the talks agreed.") == []


def test_a_salutation_makes_a_letter_and_a_title_line_its_type() -> None:
    letter = _old("The Secretary of State to the Secretary of Agriculture (Wallace)",
                  "My Dear Mr. Secretary: Yesterday Mr. MacDonald came to see me.", "Washington",
                  "810.154/1255")  # fmt: skip
    assert letter.doc_type == "letter"
    aide = _old(
        "The Department of State to the Australian Embassy",
        "secret\n\nAide-Mémoire\n\nThe Government of the United States",
        "Washington",
    )
    assert (aide.doc_type, aide.classification) == ("aide-memoire", "Secret")
    note = _old(
        "The Dominican Minister (Pastoriza) to the Secretary of State",
        "Mr. Secretary of State: When I had the honor to initiate",
        "Washington",
    )
    assert note.doc_type == "note"


@pytest.mark.parametrize(
    ("heading", "to"),
    [
        ("Telegram From the Department of State to Secretary of State Shultz in Tokyo",
         "Secretary of State Shultz"),
        ("Telegram From the Department of State to the Embassy in France", "Embassy in France"),
        ("Circular to the ministers of the United States in Europe.",
         "ministers of the United States in Europe"),
    ],
)  # fmt: skip
def test_where_a_traveller_was_is_not_part_of_the_recipient(heading: str, to: str) -> None:
    assert _old(heading, "", "Washington").to == to


def test_memorandum_of_conference_is_a_memorandum_of_conversation() -> None:
    doc = _old("31. Memorandum of Conference With President Eisenhower", "", "Washington")
    assert doc.doc_type == "memorandum-of-conversation"


@pytest.mark.parametrize(
    ("entry", "name", "role"),
    [
        ("Belgian Ambassador, Baron Silvercruys", "Baron Silvercruys", "Belgian Ambassador"),
        ("National Security Advisor, Robert McFarlane", "Robert McFarlane",
         "National Security Advisor"),
        ("EUR—Mr. Merchant", "Mr. Merchant", "EUR"),
        ("Sir David Eccles—President, British Board of Trade", "Sir David Eccles",
         "President, British Board of Trade"),
        ("A.E. Ritchie, Ambassador", "A.E. Ritchie", "Ambassador"),
    ],
)  # fmt: skip
def test_participant_entries_printed_title_first_or_with_dashes(
    entry: str, name: str, role: str
) -> None:
    assert split_entry(entry) == (name, role)


def test_participants_printed_as_a_table_and_over_two_items() -> None:
    xml = """<div xmlns="http://www.tei-c.org/ns/1.0" type="document" xml:id="d96" n="96">
      <head>Memorandum of Conversation</head>
      <table><row><cell>Participants:</cell><cell>Secretary of State</cell></row>
        <row><cell/><cell>Belgian Ambassador, Baron Silvercruys</cell></row></table>
      <p>The Belgian Ambassador expressed appreciation.</p></div>"""
    doc = eval_cable.read_snippet("frus1948v01p2", xml)
    assert doc.participants == [
        Participant("Secretary of State"),
        Participant("Baron Silvercruys", "Belgian Ambassador"),
    ]
    xml = """<div xmlns="http://www.tei-c.org/ns/1.0" type="document" xml:id="d330" n="330">
      <head>Memorandum of Conversation</head><list type="participants"><head>PARTICIPANTS</head>
      <item><hi rend="italic">U.S.</hi></item><item>Benson E. L. Timmons, Advisor,</item>
      <item>USDel, UNGA</item><item/></list><p>The Minister opened.</p></div>"""
    doc = eval_cable.read_snippet("frus1958-60v09", xml)
    assert doc.participants == [Participant("Benson E. L. Timmons", "Advisor, USDel, UNGA", "U.S.")]


def test_the_plain_text_edition_keeps_the_dateline_and_the_source_on_the_heading() -> None:
    xml = """<div xmlns="http://www.tei-c.org/ns/1.0" type="document" xml:id="d14" n="14">
      <note rend="inline" type="source">File No. 861.51/154</note>
      <head>The Ambassador on Special Mission to Russia (Root) to the Secretary of State</head>
      <opener><seg rendition="#center">[Telegram]</seg></opener>
      <opener><dateline><placeName>Petrograd</placeName>, <date when="1917-07-08T19:00:00">July
        8, 1917, 7 p.m.</date></dateline></opener>
      <p>15. Critical situation exists here.</p></div>"""
    tei = eval_cable.read_snippet("frus1918Russiav03", xml)
    plain = eval_cable.as_plain_text(tei)
    for doc in (tei, plain):
        assert (doc.doc_type, doc.place, doc.source.file_code) == (
            "telegram",
            "Petrograd",
            "861.51/154",
        )
        assert (doc.telegram.number, doc.telegram.post) == ("15", "Petrograd")
    assert plain.dateline == "Petrograd, July 8, 1917, 7 p.m."
    assert plain.footnotes[0].is_source and plain.footnotes[0].anchor is None


@pytest.mark.parametrize(
    ("heading", "sender", "recipient"),
    [
        ("Circular–Department of State to ministers and consuls in Spanish-American States.",
         "Department of State", "ministers and consuls in Spanish-American States"),
        ("Circular note of July 3, 1900, to the powers cooperating in China, defining the "
         "purposes and policy of the United States.", None, "powers cooperating in China"),
        ("Cablegram dated August 19 from Viceroy Li Hung Chang, was transmitted by the Chinese "
         "minister in London and received by Minister Wu on the night of the same day.",
         "Viceroy Li Hung Chang", "Minister Wu"),
        ("Translation of a cablegram received by Minister Wu on July 20, 1900, from the taotai "
         "of Shanghai, dated July 19, 1900.", "taotai of Shanghai", "Minister Wu"),
        ("Memorandum touching the request to conduct negotiations.", None, None),
    ],
)  # fmt: skip
def test_prose_headings_of_the_early_1900s(heading: str, sender: str | None,
                                           recipient: str | None) -> None:  # fmt: skip
    doc = _old(heading, "", "Washington")
    assert (doc.from_, doc.to) == (sender, recipient)


def test_source_note_forms_of_the_1950s() -> None:
    doc = _old("Letter From Secretary of State Dulles to President Eisenhower",
               "Dear Mr. President:", "Paris", "Source: Department of State, Central Files, "
               "110.11–DU/5–556. Secret; Niact. Transmitted in Dulte 10.")  # fmt: skip
    assert (doc.telegram.channel, doc.telegram.number, doc.telegram.post) == (
        "Dulte",
        "10",
        "Paris",
    )
    assert doc.precedence == "Niact Immediate"
    doc = _old("Message From Prime Minister Macmillan to President Eisenhower", "Dear Friend:",
               "London", "Source: Department of State, Presidential Correspondence: Lot 66 D 204. "
               "Personal and Secret. According to another copy, it was drafted by McKiernan on "
               "February 19.")  # fmt: skip
    assert (doc.classification, doc.caveats, doc.drafted_by) == ("Secret", ["Personal"],
                                                                ["McKiernan"])  # fmt: skip
    doc = _old("Memorandum", "", "Washington", "Source: Department of State, E–CFEP Files: Lot 61 "
               "D 282A, CFEP 520. Secret; Presidential Handling. Drafted by Winter; E, ITR, and "
               "RA concurred.")  # fmt: skip
    assert (doc.source.collection, doc.source.lot, doc.source.file_code) == (
        "E–CFEP Files",
        "Lot 61 D 282A",
        "CFEP 520",
    )
    assert (doc.caveats, doc.drafted_by, doc.cleared_by) == (
        ["Presidential Handling"],
        ["Winter"],
        ["E", "ITR", "RA"],
    )


def test_a_circular_airgram_is_its_own_type_and_keeps_its_ca_number() -> None:
    heading = "180. Circular Airgram From the Secretary of State to Certain Diplomatic Missions"
    source = "Source: Department of State, Central Files, 840.05/7–1356. Confidential."
    doc = _old(heading, "CA–454. Subject: Common Market Negotiations.", "Washington", source)
    assert (doc.doc_type, doc.from_, doc.to) == (
        "circular-airgram",
        "Secretary of State",
        "Certain Diplomatic Missions",
    )
    assert doc.telegram.number == "CA–454"


def test_a_channel_number_before_the_captions_code_word_is_the_telegrams_own() -> None:
    # frus1955-57v10 d70: "Polto 504, Excon. Subject: Pre-C.G. meetings."
    doc = _old("70. Telegram From the Office of the Permanent Representative at the North "
               "Atlantic Council to the Department of State",
               "Polto 504, Excon. Subject: Pre-C.G. meetings. References: (a) Topol 351.",
               "Paris")  # fmt: skip
    assert (doc.telegram.number, doc.telegram.channel) == ("504", "Polto")
    caption = parse_caption("Polto 504, Excon. Subject: Pre-C.G. meetings.", doc_type="telegram")
    assert (caption.telegram.number, caption.subject) == ("504", "Pre-C.G. meetings")


def test_a_channel_number_with_the_department_serial_keeps_the_serial() -> None:
    # frus1981-88v05 d225: "Tosec 80421/140146." as "190741. Tosec 46." (one number, the serial)
    doc = _old("225. Telegram From the Department of State to Secretary of State Shultz in Tokyo",
               "Tosec 80421/140146. Subject: Soviet Nuclear Accident.", "Washington")  # fmt: skip
    assert (doc.telegram.number, doc.telegram.channel, doc.telegram.post) == (
        "140146",
        None,
        "Washington",
    )


def test_eyes_only_in_the_caption_is_a_caveat() -> None:
    # frus1955-57v04 d28: the handling line is in the text, not the source note
    heading = "28. Telegram From the Acting Secretary of State to the Secretary of State, at Paris"
    doc = _old(heading,
               "Tedul 13. For 9 a.m. delivery. Eyes only Secretary from Acting Secretary. I have "
               "read your Dulte 10.", "Washington", "Source: Department of State, Central "
               "Files, 110.11–DU/5–556. Secret; Niact.")  # fmt: skip
    assert doc.caveats == ["Eyes Only"]
    assert (doc.telegram.channel, doc.telegram.number) == ("Tedul", "13")
    later = _old("Telegram From the Embassy in France to the Department of State",
                 "1234. The Minister said that the paper was for our eyes only and could not be "
                 "shown to the British.", "Paris")  # fmt: skip
    assert later.caveats == []


def test_parties_named_in_a_prose_headings_subject_are_not_its_sender_or_recipient() -> None:
    doc = _old("Memorandum touching the Imperial edict of August 8 appointing Li Hung Chang "
               "envoy plenipotentiary, communicated to Mr. Adee by Mr. Wu on the 12th of August, "
               "1900.", "", "Washington")  # fmt: skip
    assert (doc.doc_type, doc.from_, doc.to) == ("memorandum", None, None)


def test_a_plain_text_dateline_may_leave_the_year_to_the_volume() -> None:
    doc = read_text("213. Mr. Conger to Mr. Hay.\n\nPeking, December 20.\n\n"
                    "[Telegram.—Paraphrase.]\n\n(Mr. Conger acknowledges the receipt of the "
                    "Department’s instructions.)\n", name="d213.txt")  # fmt: skip
    assert (doc.dateline, doc.place) == ("Peking, December 20.", "Peking")
    assert enrich(doc).doc_type == "telegram"
    prose = read_text("213. Mr. Conger to Mr. Hay.\n\nHe left, with the others, on May 5 for "
                      "the coast, and has not been heard from since.\n", name="d.txt")  # fmt: skip
    assert prose.dateline is None


def test_plain_text_participants_under_others_present_and_over_broken_lines() -> None:
    assert text_participants(
        "OTHERS PRESENT\n\nSecretary Herter\n\nMr. Hagerty\n\nSecretary Herter showed the "
        "President a report of Adenauer’s views."
    ) == [Participant("Secretary Herter", None, None), Participant("Mr. Hagerty", None, None)]
    assert text_participants(
        "PARTICIPANTS\n\nU.S.\n\nBenson E. L. Timmons, Advisor,\n\nUSDel, UNGA\n\n"
        "Lawrence S. Eagleburger, Deputy Under Secretary for Management and Executive Assistant "
        "to the Secretary; Acting Special Assistant to the Secretary for Press Relations and "
        "Spokesman of the Department\n\nAmb. Holsey Handyside, Dep. Ass’t. Secretary for "
        "Internat. Programs\n\nMr. Duggan.\n\nMr. Armstrong, speaking for the companies, said "
        "that they could best set forth their views by reading a letter.2"
    ) == [
        Participant("Benson E. L. Timmons", "Advisor, USDel, UNGA", "U.S."),
        Participant("Lawrence S. Eagleburger", "Deputy Under Secretary for Management and "
                    "Executive Assistant to the Secretary; Acting Special Assistant to the "
                    "Secretary for Press Relations and Spokesman of the Department", "U.S."),
        Participant("Amb. Holsey Handyside", "Dep. Ass’t. Secretary for Internat. Programs",
                    "U.S."),
        Participant("Mr. Duggan", None, "U.S."),
    ]  # fmt: skip


def test_a_volume_that_numbers_its_source_note_zero_reads_back_note_for_note() -> None:
    # frus1958-60v09 numbers the source note n="0": markers 0.., the list 1.. as in seed 003
    case = next(case for case in ERA_CASES if case["id"] == "frus1958-60v09/d31")
    tei = eval_cable.read_snippet(case["input"]["volume"], case["input"]["xml"])
    plain = render_text(tei)
    assert "Eisenhower0\n" in plain and "\n  1. Source: Eisenhower Library" in plain
    back = read_text(plain, name="d31.txt")
    assert [note.text for note in back.footnotes] == [note.text for note in tei.footnotes]


def test_the_plain_text_path_reads_the_era_set_as_the_tei_path_does() -> None:
    fields = ("doc_type", "from_", "to", "telegram", "classification", "precedence", "caveats",
              "participants", "drafted_by", "cleared_by", "approved_by", "source")  # fmt: skip
    differing = []
    for case in ERA_CASES:
        tei = eval_cable.read_snippet(case["input"]["volume"], case["input"]["xml"])
        plain = eval_cable.as_plain_text(tei)
        for name in fields:
            mine, theirs = getattr(tei, name), getattr(plain, name)
            if name == "source":
                mine, theirs = (
                    (s.repository, s.collection, s.file_code, s.lot) for s in (mine, theirs)
                )
            if mine != theirs:
                differing.append((case["id"], name))
    # d120 prints "Memorandum by the Secretary to State to President Truman" (sic): only the
    # TEI's from/to markup tells where the sender ends
    assert differing == [("frus1948v01p2/d120", "from_"), ("frus1948v01p2/d120", "to")]
