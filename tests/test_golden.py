"""Golden outputs of the public contracts over the fixture corpus (the excerpt and the seeds).

Every document's ``show --json``, ``search --json`` for each query of the shared benchmark set,
``cables --json``, ``stats --json`` and ``volumes --json`` are compared byte for byte with the
files under ``tests/golden/``. A refactor must leave them as they are; an intended change is
made with ``pytest tests/test_golden.py --update-goldens`` and reviewed as a diff of those files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from centralfiles.cli import app

from .conftest import ROOT, SEEDS_DIR, SHARED

GOLDEN = ROOT / "tests" / "golden"
QUERIES = [
    line.strip()
    for line in (SHARED / "bench" / "queries.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, excerpt: Path) -> str:
    path = str(tmp_path_factory.mktemp("golden") / "archive.db")
    result = runner.invoke(app, ["ingest", str(excerpt), str(SEEDS_DIR), "--db", path])
    assert result.exit_code == 0, result.output
    return path


def cli(db: str, *args: str) -> str:
    result = runner.invoke(app, [args[0], "--db", db, *args[1:]])
    assert result.exit_code == 0, result.output
    return result.stdout


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:60] or "query"


def compare(request: pytest.FixtureRequest, name: str, actual: str) -> None:
    path = GOLDEN / name
    if request.config.getoption("--update-goldens"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {name}; run pytest --update-goldens and review it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def document_ids(db: str) -> list[str]:
    found: list[str] = []
    for volume in json.loads(cli(db, "volumes", "--json")):
        hits = json.loads(cli(db, "search", f"volume:{volume['id']}", "--limit", "1000", "--json"))
        found.extend(hit["id"] for hit in hits["hits"])
    return sorted(found)


def test_every_document_shows_as_its_golden_json(request: pytest.FixtureRequest, db: str) -> None:
    ids = document_ids(db)
    assert len(ids) == 38
    for doc_id in ids:
        compare(request, f"show/{doc_id.replace('/', '_')}.json", cli(db, "show", doc_id, "--json"))


@pytest.mark.parametrize("number", range(len(QUERIES)))
def test_every_benchmark_query_searches_as_its_golden_json(
    request: pytest.FixtureRequest, db: str, number: int
) -> None:
    query = QUERIES[number]
    output = cli(db, "search", "--limit", "50", "--json", "--", query)
    compare(request, f"search/{number:02d}-{slug(query)}.json", output)
    output = cli(db, "search", "--limit", "50", "--sort", "date", "--json", "--", query)
    compare(request, f"search-by-date/{number:02d}-{slug(query)}.json", output)


def test_cables_stats_and_volumes_are_golden(request: pytest.FixtureRequest, db: str) -> None:
    compare(request, "cables.json", cli(db, "cables", "--json"))
    compare(request, "stats.json", cli(db, "stats", "--json"))
    volumes = json.loads(cli(db, "volumes", "--json"))
    for volume in volumes:  # where and when this run stored them
        volume["ingested_at"] = "<ingested_at>"
        volume["source_path"] = volume["source_path"] and Path(volume["source_path"]).name
    compare(request, "volumes.json", json.dumps(volumes, indent=2, ensure_ascii=False) + "\n")
