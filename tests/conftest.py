"""The shared fixture corpus: the real FRUS excerpts and seeds from ``../shared``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree

from centralfiles.store.database import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CENTRALFILES_SHARED", ROOT.parent / "shared"))
FRUS_DIR = SHARED / "frus"
SEEDS_DIR = SHARED / "seeds"
AUTHORITIES = [
    SHARED / "authorities" / "hsg-people.tar.gz",
    SHARED / "authorities" / "pocom.tar.gz",
]
EXCERPT = FRUS_DIR / "frus1964-68v13-excerpt.xml"
VOLUME = "frus1964-68v13"
TEI_NS = {"t": "http://www.tei-c.org/ns/1.0"}


def _excerpt_xpath(expression: str) -> list:
    if not EXCERPT.exists():
        return []
    return etree.parse(str(EXCERPT)).xpath(expression, namespaces=TEI_NS)


# Counts read from the excerpt itself, for tests where the count is not the point.
EXCERPT_XML_IDS: list[str] = [str(i) for i in _excerpt_xpath("//t:div[@type='document']/@xml:id")]
EXCERPT_IDS: list[str] = [f"{VOLUME}/{xml_id}" for xml_id in EXCERPT_XML_IDS]
EXCERPT_DOCUMENTS = len(EXCERPT_IDS)
EXCERPT_FOOTNOTES = len(_excerpt_xpath("//t:div[@type='document']//t:note"))
SEED_DOCUMENTS = len(list(SEEDS_DIR.glob("*.txt")))


@pytest.fixture(scope="session")
def excerpt() -> Path:
    if not EXCERPT.exists():
        pytest.fail(f"the shared fixture corpus is missing: {EXCERPT}")
    return EXCERPT


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"


@pytest.fixture
def store(db_path: Path):
    with Store(db_path) as opened:
        yield opened


@pytest.fixture
def loaded_store(store: Store, excerpt: Path) -> Store:
    from centralfiles.pipeline.ingest import ingest_paths

    report = ingest_paths(store, [excerpt])
    assert not report.failed, report.failed
    return store


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/golden/ from the current output (review the diff before committing)",
    )


HOSTILE = '<script>alert("x")</script> "><img src=x onerror=alert(1)> javascript:alert(1)'


def hostile_volume(excerpt: Path, target: Path) -> Path:
    """The excerpt as volume ``frus-hostile``: d331's heading, body, a footnote and a person's
    name carry script, attribute-breaking and ``javascript:`` text; a note gains a
    ``javascript:`` reference. Escaped as XML, so the reader hands them over as text."""
    from xml.sax.saxutils import escape as xml_escape

    bad = xml_escape(HOSTILE, {'"': "&quot;"})
    data = excerpt.read_text(encoding="utf-8").replace(
        'xml:id="frus1964-68v13"', 'xml:id="frus-hostile"', 1
    )
    start = data.index('<div type="document" xml:id="d331"')
    end = data.index('<div type="document" xml:id="d332"')
    d331 = data[start:end]
    d331 = d331.replace("European caucus in NATO", f"European caucus {bad}", 1)
    d331 = d331.replace(
        "Dated October 5.",
        f'Dated October 5. {bad} <ref target="javascript:alert(1)">see this</ref>',
        1,
    )
    d331 = d331.replace(">Cleveland<", f">Cleveland {bad}<", 1)
    d331 = d331.replace("Telegram From the", f"Telegram {bad} From the", 1)
    target.write_text(data[:start] + d331 + data[end:], encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def reading_room_db(tmp_path_factory: pytest.TempPathFactory, excerpt: Path) -> Path:
    """A store with the excerpt, the seeds, the hostile volume and the authorities (for the web
    and API)."""
    from centralfiles import Archive

    folder = tmp_path_factory.mktemp("reading-room")
    path = folder / "archive.db"
    hostile = hostile_volume(excerpt, folder / "hostile.xml")
    with Archive(path) as archive:
        report = archive.ingest([excerpt, SEEDS_DIR, hostile])
        assert not report.failed, report.failed
        archive.import_authorities(AUTHORITIES)
    return path
