"""The CLI through Typer's runner: exact output, JSON contracts, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from centralfiles.cli import app

from .conftest import EXCERPT_DOCUMENTS, EXCERPT_IDS

runner = CliRunner()

CONTRACT_KEYS = {
    "id",
    "volume",
    "number",
    "title",
    "kind",
    "doc_type",
    "from",
    "to",
    "place",
    "date",
    "date_min",
    "date_max",
    "telegram",
    "classification",
    "precedence",
    "caveats",
    "source",
    "drafted_by",
    "cleared_by",
    "approved_by",
    "pages",
    "footnotes",
    "persons",
    "terms",
    "links",
    "text",
}


@pytest.fixture
def db(tmp_path: Path, excerpt: Path) -> str:
    path = str(tmp_path / "archive.db")
    result = runner.invoke(app, ["ingest", str(excerpt), "--db", path])
    assert result.exit_code == 0, result.output
    return path


def test_ingest_prints_what_it_stored(tmp_path: Path, excerpt: Path) -> None:
    result = runner.invoke(app, ["ingest", str(excerpt), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"ingested frus1964-68v13: {EXCERPT_DOCUMENTS} documents from {excerpt}"
    assert lines[1].startswith(f"{EXCERPT_DOCUMENTS} documents stored from 1 file in ")
    assert lines[1].endswith(" documents/s)")
    assert result.stderr == ""


def test_ingest_json_contract(tmp_path: Path, excerpt: Path) -> None:
    result = runner.invoke(app, ["ingest", str(excerpt), "--db", str(tmp_path / "a.db"), "--json"])
    report = json.loads(result.stdout)
    assert report["failed"] == []
    [item] = report["ingested"]
    assert (item["path"], item["volume"], item["unchanged"]) == (
        str(excerpt),
        "frus1964-68v13",
        False,
    )
    assert item["documents"] == EXCERPT_IDS


def test_text_ingest_names_the_document(tmp_path: Path) -> None:
    from .conftest import SEEDS_DIR

    seed = SEEDS_DIR / "000_997e0077e88db5ae.txt"
    result = runner.invoke(app, ["ingest", str(seed), "--db", str(tmp_path / "t.db")])
    assert re.fullmatch(
        r"ingested text: text/[0-9a-f]{12} from .*000_997e0077e88db5ae\.txt",
        result.stdout.splitlines()[0],
    )


def test_second_ingest_reports_unchanged(db: str, excerpt: Path) -> None:
    result = runner.invoke(app, ["ingest", str(excerpt), "--db", db])
    assert (
        result.stdout.splitlines()[0]
        == f"unchanged frus1964-68v13: {EXCERPT_DOCUMENTS} documents from {excerpt}"
    )
    assert result.stdout.splitlines()[1].startswith("0 documents stored from 1 file in ")


def test_volumes_json(db: str) -> None:
    result = runner.invoke(app, ["volumes", "--db", db, "--json"])
    [volume] = json.loads(result.stdout)
    assert volume["id"] == "frus1964-68v13"
    assert volume["documents"] == EXCERPT_DOCUMENTS
    assert volume["volume_number"] == "Volume XIII"


def test_volumes_table(db: str) -> None:
    result = runner.invoke(app, ["volumes", "--db", db])
    assert "frus1964-68v13" in result.stdout and str(EXCERPT_DOCUMENTS) in result.stdout


def test_volumes_on_empty_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["volumes", "--db", str(tmp_path / "empty.db")])
    assert result.stdout == "no volumes stored yet; run `centralfiles ingest PATH`\n"


def test_stats_json(db: str) -> None:
    result = runner.invoke(app, ["stats", "--db", db, "--json"])
    assert json.loads(result.stdout) == {
        "volumes": 1,
        "documents": 33,
        "editorial_notes": 0,
        "footnotes": 72,
        "source_notes": 33,
        "persons": 115,
        "terms": 167,
        "mentions": 360,
        "references": 1,
        "pages": 88,
    }


def test_stats_human(db: str) -> None:
    result = runner.invoke(app, ["stats", "--db", db])
    assert result.stdout.splitlines()[:2] == [
        "volumes                  1",
        "documents               33",
    ]


def test_show_json_has_every_contract_key(db: str) -> None:
    result = runner.invoke(app, ["show", "frus1964-68v13/d331", "--db", db, "--json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc.keys() >= CONTRACT_KEYS
    assert doc["number"] == "331"
    assert doc["title"] == (
        "Telegram From the Mission to the North Atlantic Treaty Organization to the "
        "Department of State"
    )
    assert (doc["from"], doc["to"], doc["place"]) == (
        "Mission to the North Atlantic Treaty Organization",
        "Department of State",
        "Brussels",
    )
    assert doc["date"] == "1968-10-05T13:58:00+00:00"
    assert doc["pages"] == ["766", "767"]
    assert [(f["n"], f["is_source"]) for f in doc["footnotes"]] == [
        ("1", True),
        ("2", False),
        ("3", False),
    ]
    assert {"id": "p_CH4", "name": "Cleveland, Harlan", "identity": None} in doc["persons"]


def test_show_format_json_equals_json_flag(db: str) -> None:
    a = runner.invoke(app, ["show", "frus1964-68v13/d322", "--db", db, "--json"]).stdout
    b = runner.invoke(app, ["show", "frus1964-68v13/d322", "--db", db, "--format", "json"]).stdout
    assert a == b


def test_show_human(db: str) -> None:
    result = runner.invoke(app, ["show", "frus1964-68v13/d331", "--db", db])
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "331. Telegram From the Mission to the North Atlantic Treaty Organization to the "
        "Department of State"
    )
    assert "         place  Brussels" in lines
    assert "         pages  766, 767" in lines


def test_show_unknown_document_is_a_user_error(db: str) -> None:
    result = runner.invoke(app, ["show", "frus1964-68v13/d9999", "--db", db])
    assert result.exit_code == 1
    assert result.stderr == "error: no document 'frus1964-68v13/d9999' in the store\n"


def test_show_on_empty_store_suggests_ingest(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", "frus1964-68v13/d1", "--db", str(tmp_path / "e.db")])
    assert result.exit_code == 1
    assert "the store is empty (run `centralfiles ingest PATH`)" in result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["show"]).exit_code == 2
    assert runner.invoke(app, ["frobnicate"]).exit_code == 2
    assert runner.invoke(app, ["show", "x", "--format", "yaml"]).exit_code == 2


def test_db_from_environment(tmp_path: Path, excerpt: Path) -> None:
    env = {"CENTRALFILES_DB": str(tmp_path / "env.db")}
    assert runner.invoke(app, ["ingest", str(excerpt)], env=env).exit_code == 0
    assert (tmp_path / "env.db").exists()
    result = runner.invoke(app, ["stats", "--json"], env=env)
    assert json.loads(result.stdout)["documents"] == EXCERPT_DOCUMENTS


def test_console_script_runs(tmp_path: Path, excerpt: Path) -> None:
    import subprocess
    import sys

    db = str(tmp_path / "sub.db")
    done = subprocess.run(
        [sys.executable, "-m", "centralfiles", "ingest", str(excerpt), "--db", db, "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ingested"][0]["volume"] == "frus1964-68v13"
    bad = subprocess.run(
        [sys.executable, "-m", "centralfiles", "show", "nope/d1", "--db", db],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
