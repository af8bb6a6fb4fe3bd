"""The five seed documents end to end: ingest, then `show --json` spelled out field by field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from centralfiles.cli import app

from .conftest import SEEDS_DIR

runner = CliRunner()

DOS = "Department of State"
USNATO = "Mission to the North Atlantic Treaty Organization"
USRO = f"{USNATO} and European Regional Organizations"

# file stem prefix -> expected fields; anchors are given as the text just before the marker
EXPECTED = {
    "000": {
        "number": "322",
        "title": f"Telegram From the Department of State to the {USNATO}",
        "doc_type": "telegram",
        "from": DOS,
        "to": USNATO,
        "telegram": {"number": "229956", "channel": None},
        "classification": "Secret",
        "precedence": "Immediate",
        "caveats": ["No Distribution Outside Department"],
        "file_code": "DEF 4 NATO",
        "drafted_by": ["Myerson"],
        "cleared_by": ["McAuliffe"],
        "approved_by": ["Leddy"],
        "notes": [
            ("1", True, None),
            ("2", False, "on secure telephone,"),
            ("3", False, "appended to basic recommendations."),
            ("4", False, "while it is so favorable."),
        ],
        "pages": ["741", "742"],
        "signed": "Rusk",
    },
    "001": {
        "number": "325",
        "title": f"Telegram From the Department of State to the {USNATO}",
        "doc_type": "telegram",
        "from": DOS,
        "to": USNATO,
        "telegram": {"number": "233633", "channel": None},
        "classification": "Confidential",
        "precedence": "Immediate",
        "caveats": ["Exdis"],
        "file_code": "DEF 4 NATO",
        "drafted_by": ["Leddy"],
        "cleared_by": ["McAuliffe"],
        "approved_by": ["Leddy"],
        "notes": [("1", True, None), ("2", False, "Sincerely, Dean Rusk")],
        "pages": ["754", "755", "756"],
        "signed": "Rusk",
    },
    "002": {
        "number": "60",
        "title": "Memorandum From the Under Secretary of State for Political Affairs (Rostow) "
        "to Secretary of State Rusk",
        "doc_type": "memorandum",
        "from": "Under Secretary of State for Political Affairs (Rostow)",
        "to": "Secretary of State Rusk",
        "telegram": None,
        "classification": "Secret",
        "precedence": None,
        "caveats": ["Exdis"],
        "file_code": "POL CZECH–USSR",
        "drafted_by": [],
        "cleared_by": [],
        "approved_by": [],
        "notes": [
            ("1", True, None),
            ("2", False, "our conversation yesterday."),
            ("3", False, "troop movements near Czechoslovakia."),
            ("4", False, "gave the Soviets a full license."),
            ("5", False, "the President’s speech of October 7, 1966;"),
            ("6", False, "accepting the Harmel Exercise Report;"),
        ],
        "pages": [],
        "signed": None,
    },
    "003": {
        "number": "156",
        "title": f"Telegram From the Department of State to the {USRO}",
        "doc_type": "telegram",
        "from": DOS,
        "to": USRO,
        "telegram": {"number": "594", "channel": "Topol"},
        "classification": "Secret",
        "precedence": "Priority",
        "caveats": [],
        "file_code": "375/10–2962",
        "drafted_by": ["Popper"],
        "cleared_by": ["Thompson", "Hillenbrand", "Nitze", "Schaetzel"],
        "approved_by": ["Tyler"],
        "notes": [("0", True, None), ("1", False, "Reviewing Poltos 513 and 518")],
        "pages": ["449", "450"],
        "signed": "Rusk",
    },
    "004": {
        "number": "122",
        "title": f"Telegram From the Department of State to the {USRO}",
        "doc_type": "telegram",
        "from": DOS,
        "to": USRO,
        "telegram": {"number": "929", "channel": "Topol"},
        "classification": "Secret",
        "precedence": None,
        "caveats": ["Verbatim Text", "Limdis"],
        "file_code": "375/12-1861",
        "drafted_by": ["Van Hollen"],
        "cleared_by": [],
        "approved_by": [],
        "notes": [("0", True, None), ("1", False, "Topol 929. Polto 804.")],
        "pages": ["351", "352", "353"],
        "signed": "Rusk",
    },
}


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    result = runner.invoke(app, ["ingest", str(SEEDS_DIR), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    documents = {}
    for item in json.loads(result.stdout)["ingested"]:
        [doc_id] = item["documents"]
        show = runner.invoke(app, ["show", doc_id, "--db", db, "--json"])
        documents[Path(item["path"]).name[:3]] = json.loads(show.stdout)
    return documents


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_fields(seed: str, shown: dict[str, dict]) -> None:
    doc, expected = shown[seed], EXPECTED[seed]
    for key in (
        "number",
        "title",
        "doc_type",
        "from",
        "to",
        "classification",
        "precedence",
        "caveats",
        "drafted_by",
        "cleared_by",
        "approved_by",
        "pages",
        "signed",
    ):
        assert doc[key] == expected[key], key
    telegram = doc["telegram"] and {k: doc["telegram"][k] for k in ("number", "channel")}
    assert telegram == expected["telegram"]
    assert doc["source"]["file_code"] == expected["file_code"]
    assert doc["source"]["text"] == doc["footnotes"][0]["text"]
    assert doc["place"] is None and doc["date"] is None  # the seeds print no dateline


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_notes_sit_at_their_markers(seed: str, shown: dict[str, dict]) -> None:
    doc = shown[seed]
    notes = [(n["n"], n["is_source"], n["anchor"]) for n in doc["footnotes"]]
    assert len(notes) == len(EXPECTED[seed]["notes"])
    for (n, is_source, anchor), (want_n, want_source, before) in zip(
        notes, EXPECTED[seed]["notes"], strict=True
    ):
        assert (n, is_source) == (want_n, want_source)
        if before is None:
            assert anchor is None
        else:
            assert doc["text"][:anchor].endswith(before), (n, doc["text"][anchor - 40 : anchor])
