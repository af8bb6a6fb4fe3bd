"""``centralfiles search`` and ``reindex`` through Typer's runner: JSON shapes, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from centralfiles.cli import app
from centralfiles.search.index import index_root

from .conftest import EXCERPT_DOCUMENTS

runner = CliRunner()

HIT_KEYS = {
    "id",
    "volume",
    "number",
    "title",
    "date",
    "date_min",
    "doc_type",
    "classification",
    "score",
    "snippet",
}
FACET_NAMES = {"year", "classification", "doc_type", "volume", "caveat", "from", "to"}


@pytest.fixture
def db(tmp_path: Path, excerpt: Path) -> str:
    path = str(tmp_path / "archive.db")
    result = runner.invoke(app, ["ingest", str(excerpt), "--db", path])
    assert result.exit_code == 0, result.output
    return path


def search_json(db: str, *args: str) -> dict:
    result = runner.invoke(app, ["search", *args, "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_json_shape(db: str) -> None:
    data = search_json(db, '"force levels"')
    assert set(data) == {"total", "hits", "facets"}
    assert data["total"] == 7 and len(data["hits"]) == 7
    for hit in data["hits"]:
        assert set(hit) == HIT_KEYS
        assert hit["id"].startswith("frus1964-68v13/d")
        assert isinstance(hit["score"], float) and hit["score"] > 0
        assert "<b>" in hit["snippet"]
    assert data["hits"][0] == {
        "id": "frus1964-68v13/d322",
        "volume": "frus1964-68v13",
        "number": "322",
        "title": "Telegram From the Department of State to the Mission to the North Atlantic "
        "Treaty Organization",
        "date": "1968-08-29T21:22:00+00:00",
        "date_min": "1968-08-29T16:22:00-05:00",
        "doc_type": "telegram",
        "classification": "Secret",
        "score": data["hits"][0]["score"],
        "snippet": data["hits"][0]["snippet"],
    }
    assert set(data["facets"]) == FACET_NAMES
    assert data["facets"]["year"] == [{"value": 1968, "count": 7}]
    assert data["facets"]["volume"] == [{"value": "frus1964-68v13", "count": 7}]
    for counts in data["facets"].values():
        assert all(set(item) == {"value", "count"} for item in counts)


def test_limit_offset_and_sort(db: str) -> None:
    everything = [h["id"] for h in search_json(db, "NATO", "--limit", "100")["hits"]]
    page = search_json(db, "NATO", "--limit", "3", "--offset", "2")
    assert page["total"] == len(everything)
    assert [h["id"] for h in page["hits"]] == everything[2:5]
    by_date = search_json(db, "NATO", "--sort", "date", "--limit", "100")["hits"]
    assert [h["date_min"] for h in by_date] == sorted(h["date_min"] for h in by_date)
    assert all(h["score"] is None for h in by_date)
    beyond = search_json(db, "NATO", "--offset", "500")
    assert beyond["hits"] == [] and beyond["total"] == len(everything)


def test_no_match_is_not_an_error(db: str) -> None:
    data = search_json(db, "Dobrynin")
    assert data == {"total": 0, "hits": [], "facets": {name: [] for name in FACET_NAMES}}
    result = runner.invoke(app, ["search", "Dobrynin", "--db", db])
    assert result.exit_code == 0 and result.stdout == "no documents match\n"


def test_human_output_is_a_table_with_snippets_and_facets(db: str) -> None:
    result = runner.invoke(app, ["search", '"force levels"', "--db", db, "--limit", "2"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "7 documents match; showing 1–2 (best first)"
    assert "frus1964-68v13/d322" in result.stdout
    assert "force" in result.stdout and "levels" in result.stdout  # may wrap in the table
    assert "<b>" not in result.stdout
    assert "year: 1968 (7)" in result.stdout
    assert lines[-1] == "more: --offset 2"


def test_query_starting_with_a_minus(db: str) -> None:
    result = runner.invoke(app, ["search", "--db", db, "--json", "--", "-NATO"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 7


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"force levels', "query column 1: unclosed quote"),
        ("(NATO OR Berlin", "query column 1: unclosed '('"),
        ("NATO)", "query column 5: unmatched ')'"),
        ("titel:NATO", "query column 1: unknown field titel:; did you mean title:?"),
        ("date:1968-10..1968-08", "query column 6: date:1968-10..1968-08 ends before it starts"),
        ("date:1968-13", "query column 6: '1968-13': there is no month 13"),
        ("x" * 10_000, "query column 1001: the query is 10,000 characters long"),
        ("NATO\x07", "query column 5: control character U+0007 is not allowed"),
        ("NATO AND", "query column 6: AND needs a term after it"),
        ("...", "query column 1: nothing to search for"),
    ],
)
def test_bad_queries_are_one_line_errors(db: str, query: str, message: str) -> None:
    result = runner.invoke(app, ["search", query, "--db", db, "--json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {message}")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [["--limit", "0"], ["--limit", "1001"], ["--offset", "-1"], ["--sort", "popularity"]],
)
def test_bad_options_are_usage_errors(db: str, args: list[str]) -> None:
    result = runner.invoke(app, ["search", "NATO", "--db", db, *args])
    assert result.exit_code == 2


def test_search_on_an_empty_store(tmp_path: Path) -> None:
    data = search_json(str(tmp_path / "empty.db"), "NATO")
    assert data["total"] == 0 and data["hits"] == []


def test_missing_index_is_rebuilt_with_a_notice(db: str) -> None:
    shutil.rmtree(index_root(db))
    result = runner.invoke(app, ["search", '"force levels"', "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 7
    assert result.stderr == "rebuilding the search index: it is missing or unreadable ...\n"


def test_reindex(db: str) -> None:
    result = runner.invoke(app, ["reindex", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"indexed {EXCERPT_DOCUMENTS} documents in ")
    result = runner.invoke(app, ["reindex", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"documents", "seconds"} and data["documents"] == EXCERPT_DOCUMENTS
    assert search_json(db, "NATO")["total"] == 26
