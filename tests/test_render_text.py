"""Rendering Documents as plain text in the web edition's format."""

from __future__ import annotations

import pytest

from centralfiles.model import Document, Footnote
from centralfiles.readers.text import read_text, read_text_file
from centralfiles.render import note_markers, render_text

from .conftest import SEEDS_DIR

SEED_000 = SEEDS_DIR / "000_997e0077e88db5ae.txt"
SEED_003 = SEEDS_DIR / "003_759721de50065839.txt"


def _doc(text: str = "", notes: list[Footnote] | None = None, **fields: object) -> Document:
    return Document(
        id="v/d1", volume="v", number="1", title="Title", text=text, footnotes=notes or [], **fields
    )


def test_seed_000_renders_in_the_seed_format() -> None:
    rendered = render_text(read_text_file(SEED_000))
    lines = rendered.split("\n")
    assert lines[0] == (
        "322. Telegram From the Department of State to the Mission to the North Atlantic "
        "Treaty Organization1"
    )
    assert lines[1] == ""
    assert lines[2].startswith("229956. For Cleveland from Leddy.")
    assert "on secure telephone,2 following are" in lines[2]
    assert lines[2].endswith("appended to basic recommendations.3")
    assert "\n\n1. We might aim" in rendered
    assert "while it is so favorable.4 End text.\n\nRusk\n  1. Source: Department" in rendered
    assert lines[-5].startswith("  1. Source:")
    assert lines[-2].startswith("  4. On August 30, Cleveland cabled")
    assert rendered.endswith("\n") and not rendered.endswith("\n\n")


def test_zero_based_convention_is_kept() -> None:
    doc = read_text_file(SEED_003)
    rendered = render_text(doc)
    assert rendered.startswith("156. Telegram From") and "Regional Organizations0\n" in rendered
    assert "Reviewing Poltos 513 and 5181 Department" in rendered
    assert "\n  1. Source:" in rendered and "\n  2. Polto 513, October 29" in rendered
    assert note_markers(doc.footnotes) == ["0", "1"]


def test_markers_follow_list_position() -> None:
    notes = [Footnote("1", None, "a"), Footnote("x", None, "b", anchor=3)]
    assert note_markers(notes) == ["1", "2"]
    assert note_markers([]) == []


def test_no_notes_no_list() -> None:
    assert render_text(_doc("Body text.")) == "1. Title\n\nBody text.\n"
    assert render_text(_doc()) == "1. Title\n"


def test_signature_appended_once() -> None:
    assert render_text(_doc("Body.", signed="Rusk")) == "1. Title\n\nBody.\n\nRusk\n"
    assert render_text(_doc("Body.\n\nRusk", signed="Rusk")) == "1. Title\n\nBody.\n\nRusk\n"


def test_notes_on_heading_and_at_the_same_place() -> None:
    notes = [
        Footnote("1", None, "Source: Files."),
        Footnote("2", None, "Also on the heading."),
        Footnote("3", None, "After Body.", anchor=5),
        Footnote("4", None, "Also after Body.", anchor=5),
    ]
    rendered = render_text(_doc("Body. More.", notes))
    assert rendered.startswith("1. Title12\n\nBody.34 More.\n  1. Source: Files.\n")
    back = read_text(rendered)
    assert [(n.n, n.anchor) for n in back.footnotes] == [
        ("1", None),
        ("2", None),
        ("3", 5),
        ("4", 5),
    ]


def test_multi_line_note_is_indented() -> None:
    notes = [Footnote("1", None, "First line.\n\nSecond paragraph.", anchor=5)]
    rendered = render_text(_doc("Body.", notes))
    assert rendered.endswith("Body.1\n  1. First line.\n\n     Second paragraph.\n")
    assert read_text(rendered).footnotes[0].text == "First line.\n\nSecond paragraph."


def test_document_without_number_renders_its_title() -> None:
    doc = _doc("Body.")
    doc.number = None
    assert render_text(doc).startswith("Title\n\nBody.")


@pytest.mark.parametrize("path", sorted(SEEDS_DIR.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_render_is_a_fixed_point(path) -> None:
    doc = read_text_file(path)
    rendered = render_text(doc)
    again = read_text(rendered)
    assert render_text(again) == rendered
    assert (again.number, again.title, again.text, again.signed) == (
        doc.number,
        doc.title,
        doc.text,
        doc.signed,
    )
    assert again.footnotes == doc.footnotes
