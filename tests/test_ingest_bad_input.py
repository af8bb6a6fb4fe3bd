"""The bad-input battery: each bad file is one line on stderr, exit 1, nothing written."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from centralfiles.cli import app

from .conftest import EXCERPT_DOCUMENTS

runner = CliRunner()

GOOD_HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="frus-test-v1">\n'
    '<teiHeader><fileDesc><titleStmt><title type="complete">Test</title></titleStmt>'
    "</fileDesc></teiHeader>\n"
)
ONE_DOCUMENT = (
    '<text><body><div type="chapter"><head>One</head>'
    '<div type="document" xml:id="d1" n="1"><head>1. Telegram From A to B</head>'
    "<p>{body}</p></div></div></body></text></TEI>\n"
)


def truncated(excerpt: Path) -> bytes:
    data = excerpt.read_bytes()
    return data[: int(len(data) * 0.8)]


def latin1_declared_utf8(_: Path) -> bytes:
    return (GOOD_HEADER + ONE_DOCUMENT.format(body="Détente")).encode("latin-1")


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE TEI [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="frus-bomb">&lol9;</TEI>\n'
)
XXE_FILE = (
    '<?xml version="1.0"?>\n<!DOCTYPE TEI [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
    + GOOD_HEADER.split("\n", 1)[1]
    + ONE_DOCUMENT.format(body="&xxe;")
)
XXE_NETWORK = (
    '<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/evil.dtd">\n'
    + GOOD_HEADER.split("\n", 1)[1]
    + ONE_DOCUMENT.format(body="&remote;")
)


def constant(data: str | bytes) -> Callable[[Path], bytes]:
    raw = data.encode() if isinstance(data, str) else data
    return lambda _excerpt: raw


MALFORMED = GOOD_HEADER + "<text><body><p>x</body></text></TEI>"
NOT_TEI = '<?xml version="1.0"?>\n<html><body/></html>\n'
NO_HEADER = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text/></TEI>'
REFUSED = "entity declarations are refused"

# name: (file name, content, expected fragment of the error line)
BAD_FILES: dict[str, tuple[str, Callable[[Path], bytes], str]] = {
    "malformed": ("malformed.xml", constant(MALFORMED), "malformed XML"),
    "not-tei": ("other.xml", constant(NOT_TEI), "not a TEI document: the root element is <html>"),
    "truncated": ("truncated.xml", truncated, "truncated file?"),
    "empty": ("empty.xml", constant(b""), "file is empty"),
    "binary": ("binary.xml", constant(bytes(range(256)) * 64), "binary file, not XML"),
    "encoding": ("latin1.xml", latin1_declared_utf8, "not in the encoding its XML declaration"),
    "billion-laughs": ("laughs.xml", constant(BILLION_LAUGHS), REFUSED),
    "xxe-file": ("xxe.xml", constant(XXE_FILE), REFUSED),
    "xxe-network": (
        "remote.xml",
        constant(XXE_NETWORK),
        "external DTD (http://127.0.0.1:9/evil.dtd)",
    ),
    "no-header": ("noheader.xml", constant(NO_HEADER), "no teiHeader"),
}


def snapshot(db: Path) -> list[tuple]:
    """Every row of every table (the volume rows include their ingest time)."""
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return [(t, *row) for t in sorted(tables) for row in conn.execute(f"SELECT * FROM {t}")]


@pytest.fixture
def stored_db(tmp_path: Path, excerpt: Path) -> Path:
    db = tmp_path / "archive.db"
    result = runner.invoke(app, ["ingest", str(excerpt), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_is_refused_and_store_untouched(
    case: str, tmp_path: Path, excerpt: Path, stored_db: Path
) -> None:
    name, content, expected = BAD_FILES[case]
    bad = tmp_path / name
    bad.write_bytes(content(excerpt))
    before = snapshot(stored_db)
    result = runner.invoke(app, ["ingest", str(bad), "--db", str(stored_db)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {bad}"), lines[0]
    assert expected in lines[0]
    assert "Traceback" not in result.output
    assert snapshot(stored_db) == before


@pytest.mark.parametrize("case", ["malformed", "truncated", "encoding"])
def test_syntax_errors_name_line_and_column(case: str, tmp_path: Path, excerpt: Path) -> None:
    name, content, _ = BAD_FILES[case]
    bad = tmp_path / name
    bad.write_bytes(content(excerpt))
    result = runner.invoke(app, ["ingest", str(bad), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 1
    path, line, column, _ = result.stderr.removeprefix("error: ").split(":", 3)
    assert path == str(bad) and int(line) > 0 and int(column) > 0


def test_truncated_volume_after_many_documents_leaves_previous_state(
    tmp_path: Path, excerpt: Path, stored_db: Path
) -> None:
    """The reader yields documents before it meets the broken end: all must roll back."""
    data = excerpt.read_text(encoding="utf-8")
    cut = data.index('<div type="document" xml:id="d330"')
    changed = tmp_path / "changed.xml"
    changed.write_text(data[:cut].replace("Western European Region", "Changed"), encoding="utf-8")
    before = snapshot(stored_db)
    result = runner.invoke(app, ["ingest", str(changed), "--db", str(stored_db)])
    assert result.exit_code == 1
    assert "truncated" in result.stderr
    assert snapshot(stored_db) == before


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.xml"
    result = runner.invoke(app, ["ingest", str(missing), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 1
    assert result.stderr == f"error: {missing}: no such file or directory\n"


def test_mixed_folder_ingests_the_good_and_reports_each_bad(tmp_path: Path, excerpt: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(excerpt, folder / "a-good.xml")
    for name, content, _ in BAD_FILES.values():
        (folder / name).write_bytes(content(excerpt))
    db = tmp_path / "a.db"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [item["volume"] for item in report["ingested"]] == ["frus1964-68v13"]
    assert len(report["ingested"][0]["documents"]) == EXCERPT_DOCUMENTS
    assert sorted(Path(f["path"]).name for f in report["failed"]) == sorted(
        name for name, _, _ in BAD_FILES.values()
    )
    assert len(result.stderr.strip().splitlines()) == len(BAD_FILES)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM volumes").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (EXCERPT_DOCUMENTS,)


def test_entities_are_never_expanded(tmp_path: Path) -> None:
    from centralfiles.errors import InputError
    from centralfiles.readers.tei import read_volume

    bomb = tmp_path / "laughs.xml"
    bomb.write_text(BILLION_LAUGHS)
    with pytest.raises(InputError, match="refused"):
        read_volume(bomb)
