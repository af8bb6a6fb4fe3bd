"""Plain-text documents through the ingest pipeline: ids, idempotence, counterparts, errors."""

from __future__ import annotations

import json
import random
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from centralfiles.cli import app
from centralfiles.enrich.counterparts import SAME_AS, similarity
from centralfiles.pipeline.ingest import ingest_paths
from centralfiles.readers.tei import read_volume
from centralfiles.render import render_text
from centralfiles.store.database import Store

from .conftest import EXCERPT_DOCUMENTS, SEEDS_DIR, VOLUME

runner = CliRunner()
SEED_322 = SEEDS_DIR / "000_997e0077e88db5ae.txt"
SEED_325 = SEEDS_DIR / "001_27ee8d244a3f23d5.txt"


def same_as(store: Store, doc_id: str) -> list[str]:
    return [link.target for link in store.document(doc_id).links if link.kind == SAME_AS]


def ocr_noise(text: str, seed: int = 7, rate: float = 0.02) -> str:
    """What OCR does to a page: wrong letters, split words, page markers, no dateline."""
    rng = random.Random(seed)
    chars = list(text)
    for i, char in enumerate(chars):
        if char.isalpha() and rng.random() < rate:
            chars[i] = rng.choice("rnmliI1")
    noisy = "".join(chars)
    noisy = re.sub(r"\b(\w{4})(\w{5,})\b", lambda m: m[0] if rng.random() > 0.05 else
                   f"{m[1]}-{m[2]}", noisy)  # fmt: skip
    paragraphs = noisy.split("\n\n")
    paragraphs.insert(len(paragraphs) // 2, "[Page 999]")
    return "\n\n".join(paragraphs)


def test_all_five_seeds_ingest(store: Store) -> None:
    report = ingest_paths(store, [SEEDS_DIR])
    assert not report.failed
    assert len(report.ingested) == 5
    ids = [item.documents[0] for item in report.ingested]
    assert all(re.fullmatch(r"text/[0-9a-f]{12}", i) for i in ids)
    numbers = sorted(store.document(i).number for i in ids)
    assert numbers == ["122", "156", "322", "325", "60"]


def test_seed_ids_with_volume(store: Store) -> None:
    report = ingest_paths(store, [SEED_322], volume="frus1964-68v13")
    assert report.ingested[0].documents == ["frus1964-68v13/d322"]
    assert store.document("frus1964-68v13/d322").title.startswith("Telegram From the Department")


def test_reingesting_text_is_a_no_op(store: Store) -> None:
    first = ingest_paths(store, [SEEDS_DIR])
    again = ingest_paths(store, [SEEDS_DIR])
    assert all(item.unchanged for item in again.ingested)
    assert [i.documents for i in again.ingested] == [i.documents for i in first.ingested]
    assert store.stats()["documents"] == 5


def test_seeds_link_to_their_published_counterparts(loaded_store: Store) -> None:
    report = ingest_paths(loaded_store, [SEEDS_DIR])
    by_number = {
        loaded_store.document(i.documents[0]).number: i.documents[0] for i in report.ingested
    }
    assert same_as(loaded_store, by_number["322"]) == [f"{VOLUME}/d322"]
    assert same_as(loaded_store, by_number["325"]) == [f"{VOLUME}/d325"]
    assert by_number["322"] in same_as(loaded_store, f"{VOLUME}/d322")  # both directions
    for number in ("60", "122", "156"):  # from volumes not in the archive
        assert same_as(loaded_store, by_number[number]) == []


def test_link_appears_when_the_volume_arrives_later(store: Store, excerpt: Path) -> None:
    [text_doc] = ingest_paths(store, [SEED_325]).ingested[0].documents
    assert same_as(store, text_doc) == []
    ingest_paths(store, [excerpt])
    assert same_as(store, text_doc) == [f"{VOLUME}/d325"]


def test_text_filed_under_a_stored_volume_never_displaces_tei(loaded_store: Store) -> None:
    report = ingest_paths(loaded_store, [SEED_322], volume=VOLUME)
    [doc_id] = report.ingested[0].documents
    assert doc_id.startswith("text/")
    assert same_as(loaded_store, doc_id) == [f"{VOLUME}/d322"]
    assert loaded_store.document(f"{VOLUME}/d322").dateline.startswith("Washington")


def test_tei_volume_takes_its_ids_back_from_text(store: Store, excerpt: Path) -> None:
    ingest_paths(store, [SEED_322], volume=VOLUME)
    assert store.document(f"{VOLUME}/d322").text.startswith("229956.")
    assert not ingest_paths(store, [excerpt]).failed
    published = store.document(f"{VOLUME}/d322")
    assert published.dateline.startswith("Washington")
    [moved] = same_as(store, published.id)
    assert moved.startswith("text/")
    assert store.document(moved).footnotes[0].text.startswith("Source: Department of State")
    assert store.stats()["documents"] == EXCERPT_DOCUMENTS + 1


def test_rendered_excerpt_with_ocr_noise_finds_its_original(
    loaded_store: Store, excerpt: Path, tmp_path: Path
) -> None:
    for doc in read_volume(excerpt).documents:
        noisy = ocr_noise(render_text(doc))
        assert similarity(noisy, doc.text) < 100
        path = tmp_path / f"{doc.number}.txt"
        path.write_text(noisy, encoding="utf-8")
        [text_doc] = ingest_paths(loaded_store, [path]).ingested[0].documents
        assert same_as(loaded_store, text_doc) == [doc.id], doc.id


def test_same_number_different_document_gets_no_link(loaded_store: Store, tmp_path: Path) -> None:
    other = SEEDS_DIR.joinpath("003_759721de50065839.txt").read_text(encoding="utf-8")
    fake = tmp_path / "331.txt"
    fake.write_text(other.replace("156. Telegram", "331. Telegram", 1), encoding="utf-8")
    [doc_id] = ingest_paths(loaded_store, [fake]).ingested[0].documents
    assert loaded_store.document(doc_id).number == "331"
    assert same_as(loaded_store, doc_id) == []


def test_show_says_same_as(loaded_store: Store) -> None:
    [doc_id] = ingest_paths(loaded_store, [SEED_325]).ingested[0].documents
    result = runner.invoke(app, ["show", doc_id, "--db", str(loaded_store.path)])
    assert f"       same as  {VOLUME}/d325" in result.stdout.splitlines()
    data = json.loads(
        runner.invoke(app, ["show", doc_id, "--db", str(loaded_store.path), "--json"]).stdout
    )
    assert {"target": f"{VOLUME}/d325", "kind": "same-as", "text": "", "resolved": True} in data[
        "links"
    ]


def test_show_format_text_renders_the_plain_text_edition(loaded_store: Store) -> None:
    result = runner.invoke(
        app, ["show", f"{VOLUME}/d331", "--db", str(loaded_store.path), "--format", "text"]
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("331. Telegram From the Mission to the North Atlantic Treaty")
    assert lines[0].endswith("Department of State1")
    assert "  1. Source: Department of State, Central Files, DEF 12 NATO. Secret." in result.stdout


BAD_TEXT = {
    "empty.txt": b"",
    "blank.txt": b"\n\n   \n",
    "noheading.txt": b"Just some words without a numbered heading.\n",
    "binary.txt": bytes(range(256)) * 16,
}


@pytest.mark.parametrize("name", sorted(BAD_TEXT))
def test_bad_text_files(name: str, tmp_path: Path, loaded_store: Store) -> None:
    bad = tmp_path / name
    bad.write_bytes(BAD_TEXT[name])
    before = loaded_store.stats()
    result = runner.invoke(app, ["ingest", str(bad), "--db", str(loaded_store.path)])
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {bad}")
    assert loaded_store.stats() == before


def test_huge_text_file_is_refused_without_reading_it(tmp_path: Path, db_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.write(b"1. Telegram\n")
        handle.truncate(200 * 2**20)
    result = runner.invoke(app, ["ingest", str(huge), "--db", str(db_path)])
    assert result.exit_code == 1
    assert "MB" in result.stderr and str(huge) in result.stderr
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (0,)
