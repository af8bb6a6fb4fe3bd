"""The cable grammar applied at ingest: what `show --json` gives for real documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from centralfiles.cli import app

from .conftest import EXCERPT_DOCUMENTS, EXCERPT_IDS

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, excerpt: Path) -> str:
    path = str(tmp_path_factory.mktemp("cable") / "archive.db")
    assert runner.invoke(app, ["ingest", str(excerpt), "--db", path]).exit_code == 0
    return path


def show(db: str, doc_id: str) -> dict:
    result = runner.invoke(app, ["show", doc_id, "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_d331_telegram_from_brussels(db: str) -> None:
    doc = show(db, "frus1964-68v13/d331")
    assert doc["classification"] == "Secret"
    assert doc["source"]["file_code"] == "DEF 12 NATO"
    assert doc["source"]["repository"] == "Department of State"
    assert doc["source"]["collection"] == "Central Files"
    assert doc["telegram"] == {"number": "5096", "channel": None, "post": "Brussels"}
    assert doc["place"] == "Brussels"
    assert doc["doc_type"] == "telegram"


def test_d332_memorandum_of_conversation(db: str) -> None:
    doc = show(db, "frus1964-68v13/d332")
    assert doc["classification"] == "Secret"
    assert doc["caveats"] == ["Exdis"]
    assert doc["drafted_by"] == ["Sebastian", "Toumayan"]
    assert doc["approved_by"] == ["S/S"]
    assert doc["doc_type"] == "memorandum-of-conversation"
    assert doc["telegram"] is None


def test_d322_drafting_chain_and_markings(db: str) -> None:
    doc = show(db, "frus1964-68v13/d322")
    assert (doc["classification"], doc["precedence"]) == ("Secret", "Immediate")
    assert doc["caveats"] == ["No Distribution Outside Department"]
    assert (doc["drafted_by"], doc["cleared_by"], doc["approved_by"]) == (
        ["Myerson"],
        ["McAuliffe"],
        ["Leddy"],
    )
    assert doc["telegram"]["number"] == "229956"


def test_every_document_has_a_classification_and_type(db: str) -> None:
    result = runner.invoke(app, ["volumes", "--db", db, "--json"])
    assert json.loads(result.stdout)[0]["documents"] == EXCERPT_DOCUMENTS
    for doc_id in EXCERPT_IDS:
        doc = show(db, doc_id)
        assert doc["doc_type"], doc_id
        # d307 is printed with "No classification marking."
        assert doc["classification"] or doc_id == "frus1964-68v13/d307", doc_id
        assert doc["source"]["text"].startswith("Source:"), doc_id
