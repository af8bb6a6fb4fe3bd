"""The plain-text reader on the five seeds, on format variations and on bad input."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from centralfiles.errors import InputError
from centralfiles.readers.text import normalise_for_id, read_text, read_text_file, text_id
from centralfiles.readers.textio import MAX_BYTES, decode_text

from .conftest import SEEDS_DIR

NATO_TITLE = "Telegram From the Department of State to the Mission to the North Atlantic Treaty"
REGIONAL = f"{NATO_TITLE} Organization and European Regional Organizations"


@dataclass
class Seed:
    file: str
    number: str
    title: str
    notes: list[tuple[str, bool, str | None]]  # n, is_source, text just before the anchor
    pages: list[str]
    signed: str | None


SEEDS = [
    Seed(
        "000_997e0077e88db5ae.txt",
        "322",
        f"{NATO_TITLE} Organization",
        [
            ("1", True, None),
            ("2", False, "on secure telephone,"),
            ("3", False, "appended to basic recommendations."),
            ("4", False, "while it is so favorable."),
        ],
        ["741", "742"],
        "Rusk",
    ),
    Seed(
        "001_27ee8d244a3f23d5.txt",
        "325",
        f"{NATO_TITLE} Organization",
        [("1", True, None), ("2", False, "Sincerely, Dean Rusk")],
        ["754", "755", "756"],
        "Rusk",
    ),
    Seed(
        "002_6773539d528b93c1.txt",
        "60",
        "Memorandum From the Under Secretary of State for Political Affairs (Rostow) "
        "to Secretary of State Rusk",
        [
            ("1", True, None),
            ("2", False, "our conversation yesterday."),
            ("3", False, "troop movements near Czechoslovakia."),
            ("4", False, "gave the Soviets a full license."),
            ("5", False, "speech of October 7, 1966;"),
            ("6", False, "accepting the Harmel Exercise Report;"),
        ],
        [],
        None,
    ),
    Seed(
        "003_759721de50065839.txt",
        "156",
        REGIONAL,
        [("0", True, None), ("1", False, "Reviewing Poltos 513 and 518")],
        ["449", "450"],
        "Rusk",
    ),
    Seed(
        "004_90772b2dc3f611c9.txt",
        "122",
        REGIONAL,
        [("0", True, None), ("1", False, "Topol 929. Polto 804.")],
        ["351", "352", "353"],
        "Rusk",
    ),
]


@pytest.fixture(params=SEEDS, ids=[seed.file[:3] for seed in SEEDS])
def seed(request: pytest.FixtureRequest) -> Seed:
    return request.param


def test_seed_structure(seed: Seed) -> None:
    doc = read_text_file(SEEDS_DIR / seed.file)
    assert doc.number == seed.number
    assert doc.title == seed.title
    assert doc.heading == f"{seed.number}. {seed.title}"
    assert len(doc.footnotes) == len(seed.notes)
    for note, (n, is_source, before) in zip(doc.footnotes, seed.notes, strict=True):
        assert (note.n, note.id, note.is_source) == (n, None, is_source)
        if before is None:
            assert note.anchor is None
        else:
            assert note.anchor is not None
            assert doc.text[: note.anchor].endswith(before), doc.text[: note.anchor][-40:]
    assert doc.pages == seed.pages
    assert doc.signed == seed.signed
    if seed.signed:
        assert doc.text.endswith(f"\n\n{seed.signed}")


def test_seed_text_is_clean(seed: Seed) -> None:
    raw = (SEEDS_DIR / seed.file).read_text(encoding="utf-8")
    doc = read_text_file(SEEDS_DIR / seed.file)
    assert "[Page" not in doc.text
    assert "\n\n\n" not in doc.text
    assert doc.text == doc.text.strip()
    # No marker is left: no digits glued to a word or punctuation end a word.
    glued = re.compile(r"\S*[^\s\d]\d+(?=\s|$)")
    assert glued.findall(doc.text) == []
    assert glued.findall(doc.heading) == []
    for note in doc.footnotes:
        assert note.text in raw
        if note.anchor is not None:
            assert not doc.text[note.anchor : note.anchor + 1].isdigit()


def test_seed_000_body() -> None:
    doc = read_text_file(SEEDS_DIR / SEEDS[0].file)
    assert doc.text.startswith("229956. For Cleveland from Leddy. Subject: Strengthening NATO")
    assert "on secure telephone, following are" in doc.text
    assert "background only. Septel contains" in doc.text
    assert "\n\n1. We might aim at an interim freeze" in doc.text
    assert "\n\n8. The most important Alliance political issue" in doc.text
    assert "a new, positive atmos-phere for NATO" in doc.text
    assert "so favorable. End text.\n\nRusk" in doc.text
    assert doc.footnotes[0].text.startswith("Source: Department of State, Central Files, DEF 4")


def test_seed_002_keeps_lines_as_paragraphs() -> None:
    doc = read_text_file(SEEDS_DIR / SEEDS[2].file)
    assert doc.text.startswith("• Soviet threats to Czechoslovakia\n\nI have thought")
    assert "has profoundly changed.\n\nWhat is at stake" in doc.text
    assert "preferably today\n\nto ask the Soviets" in doc.text
    assert doc.text.endswith("future growth of the Alliance.")


def test_seed_003_numbered_caption_and_markers() -> None:
    doc = read_text_file(SEEDS_DIR / SEEDS[3].file)
    assert doc.text.startswith("Topol 594. 1. As reported telecon")
    assert "Poltos 513 and 518 Department struck" in doc.text
    assert "(Polto 518) opposing" in doc.text
    assert "closer to them than to us" in doc.text


def test_seed_004_page_marker_alone_on_a_line() -> None:
    doc = read_text_file(SEEDS_DIR / SEEDS[4].file)
    assert doc.text.startswith(
        "Topol 929. Polto 804. [Here follow delivery instructions for Rusk’s letter to "
        "Stikker.]\n\n“Dear Mr. Secretary-General:"
    )
    assert "regarding the outcome" in doc.text


def test_ids() -> None:
    raw = (SEEDS_DIR / SEEDS[0].file).read_text(encoding="utf-8")
    plain = read_text(raw)
    assert plain.volume == "text"
    assert re.fullmatch(r"text/[0-9a-f]{12}", plain.id)
    assert plain.id == text_id(raw) == text_id(raw.replace("\n", "\r\n") + "\n\n")
    with_volume = read_text(raw, volume="frus1964-68v13")
    assert (with_volume.id, with_volume.volume) == ("frus1964-68v13/d322", "frus1964-68v13")
    assert read_text_file(SEEDS_DIR / SEEDS[0].file, volume="v").id == "v/d322"


def test_normalise_for_id() -> None:
    assert normalise_for_id("  a\r\n\tb  c\n") == "a b c"
    assert normalise_for_id("de\u0301tente") == "d\u00e9tente"


def test_minimal_document_without_notes() -> None:
    doc = read_text("\n\n7. Editorial Note\n\nSome text here.\n")
    assert (doc.number, doc.title, doc.text, doc.footnotes) == (
        "7",
        "Editorial Note",
        "Some text here.",
        [],
    )
    assert (doc.pages, doc.signed) == ([], None)


def test_notes_without_source_note() -> None:
    doc = read_text(
        "5. Letter From Rusk to Brosio\n\nThank you.1 More.\n\nDean Rusk\n  1. Not found."
    )
    assert [(n.n, n.is_source, n.anchor) for n in doc.footnotes] == [("1", False, 10)]
    assert doc.text == "Thank you. More.\n\nDean Rusk"
    assert doc.signed == "Dean Rusk"


def test_indented_numbered_block_without_markers_stays_in_body() -> None:
    doc = read_text("9. Memorandum\n\nWe propose:\n\n  1. to wait;\n  2. to act.")
    assert doc.footnotes == []
    assert doc.text == "We propose:\n\n1. to wait;\n\n2. to act."


def test_unindented_footnote_list_with_source_note() -> None:
    doc = read_text("9. Memorandum1\n\nSee the telegram.2\n\n1. Source: Files.\n2. Not found.")
    assert [(n.n, n.anchor) for n in doc.footnotes] == [("1", None), ("2", 17)]
    assert doc.text == "See the telegram."


def test_unindented_numbered_paragraphs_are_not_notes() -> None:
    text = "9. Memorandum\n\nPoints:\n\n1. Force levels in 1961.\n2. Reserves."
    doc = read_text(text)
    assert doc.footnotes == []
    assert doc.text == "Points:\n\n1. Force levels in 1961.\n\n2. Reserves."


def test_multi_line_note_and_chained_markers() -> None:
    text = "3. Note\n\nText here,12 and more.\n  1. First\n     continued.\n  2. Second."
    doc = read_text(text)
    assert [(n.n, n.text, n.anchor) for n in doc.footnotes] == [
        ("1", "First\ncontinued.", 10),
        ("2", "Second.", 10),
    ]
    assert doc.text == "Text here, and more."


def test_label_alone_joins_next_line_only() -> None:
    doc = read_text("4. Paper\n\nI.\n\nIntroduction.\n\n1.\nFirst point.\n(a)\nSub point.")
    assert doc.text == "I.\n\nIntroduction.\n\n1. First point.\n\n(a) Sub point."


def test_page_markers() -> None:
    doc = read_text("4. Paper\n\n[Page 10]\n\nOne.\n\nTwo [Page 11] three.\n\n[Page 12]\nFour.")
    assert doc.pages == ["10", "11", "12"]
    assert doc.text == "One.\n\nTwo three.\n\nFour."
    assert read_text("4. Paper\n\nOne [Page 10] two.").pages == ["9", "10"]


def test_heading_marker_only_at_heading_end() -> None:
    doc = read_text("4. Memorandum 21 From Rusk1\n\nText.\n  1. Source: Files.")
    assert doc.title == "Memorandum 21 From Rusk"
    assert doc.footnotes[0].anchor is None


def test_heading_ending_in_a_number() -> None:
    text = "88. National Security Action Memorandum No. 3681\n\nSee Polto 5181 and 518.2\n"
    doc = read_text(text + "  1. Source: Files.\n  2. Not found.")
    assert doc.title == "National Security Action Memorandum No. 368"
    assert doc.text == "See Polto 5181 and 518."
    assert [n.anchor for n in doc.footnotes] == [None, len(doc.text)]


def test_year_is_not_mistaken_for_a_marker() -> None:
    doc = read_text("8. Paper\n\nIn 1961 we met.\n\nWe agreed.1\n  1. Not found.")
    assert doc.text == "In 1961 we met.\n\nWe agreed."
    assert doc.footnotes[0].anchor == len("In 1961 we met.\n\nWe agreed.")


def test_unmatched_digits_stay_in_text() -> None:
    doc = read_text("8. Paper\n\nA sentence.\n  1. Source: Files.")
    assert doc.text == "A sentence."
    assert doc.footnotes[0].anchor is None


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_empty_input(text: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        read_text(text)
    path = tmp_path / "empty.txt"
    path.write_text(text)
    with pytest.raises(InputError) as error:
        read_text_file(path)
    assert error.value.path == str(path)


def test_no_heading(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("\nTelegram From the Department of State\n\nText.\n")
    with pytest.raises(
        InputError, match=re.escape("expected a numbered heading like '322. Telegram")
    ) as error:
        read_text_file(path)
    assert (error.value.path, error.value.line) == (str(path), 2)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match="binary"):
        read_text_file(path)
    with pytest.raises(InputError, match="binary"):
        decode_text(bytes(range(1, 32)) * 20)
    with pytest.raises(InputError, match="binary"):
        read_text("1. Title\n\nA\x00B")


def test_oversize_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"1. Title\n\n")
        handle.truncate(60 * 1024 * 1024)  # sparse: 60 MB without writing them
    assert path.stat().st_size > MAX_BYTES
    with pytest.raises(InputError, match="too large") as error:
        read_text_file(path)
    assert error.value.path == str(path)


def test_cp1252_bytes_keep_curly_quotes_and_dashes(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(
        "12. Letter From Rusk1\r\n\r\n\x93Dear Manlio:\x94 d\xe9tente \x96 and \x97 EUR\x92s.\r\n"
        "  1. Source: Files.\r\n".encode("latin-1")
    )
    doc = read_text_file(path)
    assert doc.text == "“Dear Manlio:” détente – and — EUR’s."
    assert doc.footnotes[0].text == "Source: Files."


def test_utf8_with_a_stray_cp1252_quote() -> None:
    assert decode_text("a “b” ".encode() + b"\x92c") == "a “b” ’c"


def test_crlf_and_bom(tmp_path: Path) -> None:
    source = (SEEDS_DIR / SEEDS[0].file).read_bytes()
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + source.replace(b"\n", b"\r\n"))
    doc = read_text_file(path)
    expected = read_text_file(SEEDS_DIR / SEEDS[0].file)
    assert doc.to_json() == expected.to_json()
    assert "\r" not in doc.text
    assert doc.heading.startswith("322.")


def test_utf16_with_bom() -> None:
    assert decode_text("\ufeff1. Title\r\n".encode("utf-16")) == "1. Title\n"


@pytest.mark.parametrize(
    ("line", "place"),
    [("Washington, undated.", "Washington"), ("[Saigon, undated.]", "Saigon"),
     ("Undated.", None), ("Moscow, undated. [Received June 3.]", "Moscow")],
)  # fmt: skip
def test_undated_datelines(line: str, place: str | None) -> None:
    doc = read_text(f"7. Memorandum for the Record\n\n{line}\n\nThe text.\n")
    assert doc.dateline == line
    assert doc.place == place
    assert doc.text == "The text."


def test_a_paragraph_opening_with_undated_is_text_not_a_dateline() -> None:
    # found by the round-trip property test: "undated 0 end." was taken for a dateline
    doc = read_text("1. A\n\nundated 0 end.\n\nRusk\n")
    assert doc.dateline is None
    assert doc.text == "undated 0 end.\n\nRusk"
