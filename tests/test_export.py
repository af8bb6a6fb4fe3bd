"""`centralfiles export` and `/api/export`: every format read back with a standard reader
(json, csv, pyarrow, bibtexparser, rispy, the CSL-JSON schema), counts equal to the search's
total, files never half-written, and a Hypothesis round trip of the JSONL contract."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import bibtexparser
import jsonschema
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import rispy
from fastapi.testclient import TestClient
from hypothesis import given, settings
from typer.testing import CliRunner

from centralfiles import Archive
from centralfiles.cli import app
from centralfiles.cli.export import _to_file
from centralfiles.errors import InputError
from centralfiles.export import CSV_COLUMNS, FORMATS, Row, write_export
from centralfiles.model import Document
from centralfiles.web import create_app
from tests.conftest import EXCERPT_DOCUMENTS, ROOT, SEED_DOCUMENTS
from tests.test_store_roundtrip import documents

CSL_SCHEMA = json.loads((ROOT / "tests" / "data" / "csl" / "csl-data.json").read_text())
QUERY = "nato"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, excerpt: Path) -> Path:
    path = tmp_path_factory.mktemp("export") / "archive.db"
    with Archive(path) as archive:
        report = archive.ingest([excerpt, ROOT.parent / "shared" / "seeds"])
        assert not report.failed
    return path


@pytest.fixture(scope="module")
def total(db: Path) -> int:
    with Archive(db, mode="ro") as archive:
        found = archive.search(QUERY).total
    assert 5 < found < EXCERPT_DOCUMENTS + SEED_DOCUMENTS
    return found


def run_export(db: Path, tmp_path: Path, fmt: str, *args: str) -> Path:
    target = tmp_path / f"out.{FORMATS[fmt][1]}"
    done = CliRunner().invoke(app, ["export", *args, "-f", fmt, "-o", str(target), "--db", str(db)])
    assert done.exit_code == 0, done.output
    assert "exported" in done.stderr
    return target


def read_back(fmt: str, data: bytes) -> list:
    """The records of an export, read by the standard reader of its format."""
    if fmt == "jsonl":
        return [json.loads(line) for line in data.decode("utf-8").splitlines()]
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    if fmt == "parquet":
        return pq.read_table(io.BytesIO(data)).to_pylist()
    if fmt == "bibtex":
        return bibtexparser.parse_string(data.decode("utf-8")).entries
    if fmt == "ris":
        return rispy.loads(data.decode("utf-8"))
    items = json.loads(data)
    jsonschema.validate(items, CSL_SCHEMA)
    return items


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_reads_back_with_the_searchs_count(
    db: Path, tmp_path: Path, total: int, fmt: str
) -> None:
    records = read_back(fmt, run_export(db, tmp_path, fmt, QUERY).read_bytes())
    assert len(records) == total


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_whole_store_exports(db: Path, tmp_path: Path, fmt: str) -> None:
    records = read_back(fmt, run_export(db, tmp_path, fmt, "--all").read_bytes())
    assert len(records) == EXCERPT_DOCUMENTS + SEED_DOCUMENTS


def test_jsonl_is_the_document_contract(db: Path, tmp_path: Path) -> None:
    lines = read_back("jsonl", run_export(db, tmp_path, "jsonl", "--all").read_bytes())
    with Archive(db, mode="ro") as archive:
        assert [line["id"] for line in lines] == archive.export_ids(None)
        assert lines[0] == archive.document(lines[0]["id"]).to_json()


def test_csv_columns_are_the_documented_ones(db: Path, tmp_path: Path) -> None:
    rows = read_back("csv", run_export(db, tmp_path, "csv", "--all").read_bytes())
    assert list(rows[0]) == [name for name, _, _ in CSV_COLUMNS]
    d331 = next(row for row in rows if row["id"] == "frus1964-68v13/d331")
    assert d331["telegram_number"] == "17686" or d331["doc_type"]
    assert d331["url"] == "https://history.state.gov/historicaldocuments/frus1964-68v13/d331"
    assert any("; " in row["caveats"] or "; " in row["drafted_by"] for row in rows)
    by_id = {row["id"]: row for row in rows}  # "190741. Tosec 46.": the channel number kept
    assert by_id["frus1964-68v13/d315"]["telegram_alias"] == "Tosec 46"
    assert by_id["frus1964-68v13/d331"]["telegram_alias"] == ""


def test_parquet_has_real_types(db: Path, tmp_path: Path) -> None:
    table = pq.read_table(run_export(db, tmp_path, "parquet", "--all"))
    schema = table.schema
    assert pa.types.is_timestamp(schema.field("date_min").type)
    assert pa.types.is_integer(schema.field("year").type)
    assert pa.types.is_list(schema.field("caveats").type)
    assert pa.types.is_struct(schema.field("telegram").type)
    rows = {row["id"]: row for row in table.to_pylist()}
    d331 = rows["frus1964-68v13/d331"]
    assert d331["year"] == 1968 and d331["date_min"].year == 1968
    assert d331["source"]["file_code"] and d331["footnotes"][0]["is_source"]
    assert rows["frus1964-68v13/d315"]["telegram"]["alias"] == "Tosec 46"


def test_csv_and_parquet_carry_a_telegrams_repeats(tmp_path: Path) -> None:
    # fresh8 d221: "Repeated in telegram 209, March 11, 8 p. m., to The Hague, and as 287 to
    # Brussels"
    db = tmp_path / "a.db"
    with Archive(db) as archive:
        fresh8 = ROOT / "tests" / "data" / "links" / "fresh8" / "frus1949v07p1.xml"
        assert not archive.ingest([fresh8]).failed
    rows = {r["id"]: r for r in read_back("csv", run_export(db, tmp_path, "csv", "--all")
                                            .read_bytes())}  # fmt: skip
    assert rows["frus1949v07p1/d221"]["telegram_repeats"] == (
        "209 to The Hague, 1949-03-11; 287 to Brussels"
    )
    table = pq.read_table(run_export(db, tmp_path, "parquet", "--all")).to_pylist()
    d221 = next(row for row in table if row["id"] == "frus1949v07p1/d221")
    assert d221["telegram"]["repeats"][1] == {
        "number": "287", "to": "Brussels", "channel": None, "date": None,
        "by": "Department of State",
    }  # fmt: skip


def test_bibtex_and_ris_carry_the_history_state_gov_url(db: Path, tmp_path: Path) -> None:
    entries = read_back("bibtex", run_export(db, tmp_path, "bibtex", QUERY).read_bytes())
    urls = [entry.fields_dict["url"].value for entry in entries if "url" in entry.fields_dict]
    assert urls and all(
        u.startswith("https://history.state.gov/historicaldocuments/") for u in urls
    )
    records = read_back("ris", run_export(db, tmp_path, "ris", QUERY).read_bytes())
    published = [r for r in records if "history.state.gov" in str(r.get("urls") or r.get("url"))]
    assert published and all(record["type_of_reference"] == "CHAP" for record in published)
    assert {r["type_of_reference"] for r in records} <= {"CHAP", "GEN", "UNPB"}


def test_stdout_and_sorting(db: Path, total: int) -> None:
    done = CliRunner().invoke(app, ["export", QUERY, "-f", "jsonl", "--sort", "date",
                                    "--db", str(db)])  # fmt: skip
    assert done.exit_code == 0
    dates = [json.loads(line)["date_min"] or "" for line in done.stdout.splitlines()]
    assert len(dates) == total and dates == sorted(dates, key=lambda d: (d == "", d))


def test_an_existing_file_is_kept_without_force(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "keep.csv"
    target.write_text("mine")
    runner = CliRunner()
    refused = runner.invoke(
        app, ["export", "--all", "-f", "csv", "-o", str(target), "--db", str(db)]
    )
    assert refused.exit_code == 1 and "use --force" in refused.stderr
    assert target.read_text() == "mine"
    forced = runner.invoke(app, ["export", "--all", "-f", "csv", "-o", str(target), "--force",
                                 "--db", str(db)])  # fmt: skip
    assert forced.exit_code == 0 and target.read_text().startswith("id,volume")


def test_a_failed_export_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "broken.jsonl"

    def write(out) -> int:
        out.write(b'{"id": "half"}\n')
        raise KeyboardInterrupt  # the user pressed Ctrl-C mid-export

    with pytest.raises(KeyboardInterrupt):
        _to_file(target, write)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nato", "-f", "xlsx"], "unknown export format 'xlsx'"),
        (["nato", "-f", "bibtext"], "did you mean bibtex?"),
        (["-f", "csv"], "give a search query or --all"),
        (["nato", "--all", "-f", "csv"], "give a search query or --all"),
        (["titel:x", "-f", "csv"], "did you mean title:?"),
        (["nato"], "give --format"),
    ],
)
def test_bad_requests_are_one_line(db: Path, args: list[str], message: str) -> None:
    done = CliRunner().invoke(app, ["export", *args, "--db", str(db)])
    assert done.exit_code == 1 and message in done.stderr and "Traceback" not in done.output


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_api_export_streams_the_same(db: Path, tmp_path: Path, total: int, fmt: str) -> None:
    with TestClient(create_app(db)) as client:
        answer = client.get("/api/export", params={"q": QUERY, "format": fmt})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(FORMATS[fmt][0].split(";")[0])
    assert answer.headers["x-total-count"] == str(total)
    assert (
        f'filename="centralfiles-export.{FORMATS[fmt][1]}"' in answer.headers["content-disposition"]
    )
    assert len(read_back(fmt, answer.content)) == total
    if fmt != "parquet":  # the CLI writes the same bytes
        assert answer.content == run_export(db, tmp_path, fmt, QUERY).read_bytes()


def test_api_export_refuses_a_bad_query_before_streaming(db: Path) -> None:
    with TestClient(create_app(db)) as client:
        answer = client.get("/api/export", params={"q": "titel:x", "format": "csv"})
        assert answer.status_code == 400 and answer.json()["column"] == 1
        every = client.get("/api/export", params={"all": "true", "format": "jsonl"})
        assert len(every.text.splitlines()) == EXCERPT_DOCUMENTS + SEED_DOCUMENTS


def test_the_search_page_offers_the_downloads(db: Path) -> None:
    with TestClient(create_app(db)) as client:
        page = client.get("/search", params={"q": QUERY}).text
    assert "Download these results" in page
    for fmt in FORMATS:
        assert f"/api/export?q={QUERY}&amp;format={fmt}" in page


def test_write_export_refuses_an_unknown_format() -> None:
    with pytest.raises(InputError, match="formats: jsonl, csv, parquet"):
        write_export([], "xml", io.BytesIO())


@settings(max_examples=40, deadline=None)
@given(documents())
def test_jsonl_round_trips_to_documents(docs: list[Document]) -> None:
    out = io.BytesIO()
    assert write_export([Row(doc) for doc in docs], "jsonl", out) == len(docs)
    lines = out.getvalue().decode("utf-8").splitlines()
    back = [Document.from_json(json.loads(line)) for line in lines]
    assert [doc.to_json() for doc in back] == [doc.to_json() for doc in docs]
