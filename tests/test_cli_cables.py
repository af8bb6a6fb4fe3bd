"""`centralfiles cables`: the audit agrees with the stored documents."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from centralfiles.cli import app
from centralfiles.enrich.cable import parse_source_note

from .conftest import EXCERPT_DOCUMENTS, SEED_DOCUMENTS, SEEDS_DIR

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, excerpt: Path) -> str:
    path = str(tmp_path_factory.mktemp("cables") / "a.db")
    result = runner.invoke(app, ["ingest", str(excerpt), str(SEEDS_DIR), "--db", path])
    assert result.exit_code == 0, result.output
    return path


def audit(db: str, *extra: str) -> dict:
    result = runner.invoke(app, ["cables", "--db", db, "--json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_counts_agree_with_sql(db: str) -> None:
    report = audit(db)
    with sqlite3.connect(db) as conn:
        assert report["documents"] == conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        for value, count in report["classification"].items():
            sql = "SELECT count(*) FROM documents WHERE classification IS ?"
            stored = None if value == "(none)" else value
            assert conn.execute(sql, (stored,)).fetchone()[0] == count
    total = EXCERPT_DOCUMENTS + SEED_DOCUMENTS
    assert report["documents"] == total and report["with_source_note"] == total
    assert report["classification"] == {
        "Secret": 26,
        "Confidential": 9,
        "Limited Official Use": 2,
        "(none)": 1,  # d307: "No classification marking."
    }
    assert report["caveats"]["Exdis"] == 6
    assert report["channels"] == {"(none)": 36, "Topol": 2}
    assert report["doc_types"]["telegram"] == 17


def test_volume_filter(db: str) -> None:
    report = audit(db, "--volume", "frus1964-68v13")
    assert report["documents"] == EXCERPT_DOCUMENTS
    assert "Topol" not in report["channels"]


def test_unknown_volume_is_a_user_error(db: str) -> None:
    result = runner.invoke(app, ["cables", "--db", db, "--volume", "frus1900v1"])
    assert result.exit_code == 1
    assert result.stderr == "error: no volume 'frus1900v1' in the store\n"


def test_unrecognised_markings_are_counted(tmp_path: Path) -> None:
    note = "Source: Department of State, Central Files, POL 1. Secret; Zebra Channel; Exdis."
    assert parse_source_note(note).unrecognised  # the grammar flags it ...
    heading = "7. Telegram From the Department of State to the Embassy in France1"
    text = f"{heading}\n\n12. Text.\n\nRusk\n  1. {note}\n"
    path = tmp_path / "odd.txt"
    path.write_text(text, encoding="utf-8")
    db = str(tmp_path / "odd.db")
    assert runner.invoke(app, ["ingest", str(path), "--db", db]).exit_code == 0
    report = audit(db)  # ... and the audit shows it, kept as a caveat too
    [token] = report["unrecognised"]
    assert "Zebra" in token
    assert token in report["caveats"] and "Exdis" in report["caveats"]


def test_human_output(db: str) -> None:
    result = runner.invoke(app, ["cables", "--db", db])
    assert result.stdout.splitlines()[0] == "38 documents, 38 with a source note"
    assert "source notes with text the grammar kept unparsed: 2" in result.stdout
