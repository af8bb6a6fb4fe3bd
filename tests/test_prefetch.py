"""Parallel reading: same items, same order, errors per file, as reading inline."""

from __future__ import annotations

from pathlib import Path

import pytest

from centralfiles.errors import InputError
from centralfiles.model import Document
from centralfiles.pipeline.prefetch import Prefetcher, PreparedDocument, prepared_items
from centralfiles.search.schema import index_fields
from centralfiles.store.rows import document_rows

from .conftest import EXCERPT_DOCUMENTS


def volume_copy(excerpt: Path, target: Path, volume_id: str) -> Path:
    text = excerpt.read_text(encoding="utf-8").replace(
        'xml:id="frus1964-68v13"', f'xml:id="{volume_id}"', 1
    )
    target.write_text(text, encoding="utf-8")
    return target


def test_parallel_reading_matches_inline(excerpt: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader>", encoding="utf-8")
    paths = [
        excerpt,
        bad,
        volume_copy(excerpt, tmp_path / "b.xml", "frus-copy-b"),
        volume_copy(excerpt, tmp_path / "c.xml", "frus-copy-c"),
    ]
    seen: list[tuple[Path, list[str] | str]] = []
    with Prefetcher(paths, workers=2) as prefetcher:
        for path, items in prefetcher.volumes():
            try:
                docs = [i for i in items if isinstance(i, PreparedDocument)]
            except InputError as error:
                seen.append((path, str(error)))
                continue
            assert docs == [i for i in prepared_items(path) if isinstance(i, PreparedDocument)]
            seen.append((path, [d.id for d in docs]))
    assert [p for p, _ in seen] == paths
    assert isinstance(seen[1][1], str) and seen[1][1].startswith(f"{bad}:")
    assert seen[2][1][0] == "frus-copy-b/d300" and seen[3][1][-1] == "frus-copy-c/d332"


def test_abandoned_volume_is_skipped_cleanly(excerpt: Path, tmp_path: Path) -> None:
    paths = [volume_copy(excerpt, tmp_path / f"{k}.xml", f"frus-copy-{k}") for k in range(3)]
    firsts = []
    with Prefetcher(paths, workers=1) as prefetcher:
        for _path, items in prefetcher.volumes():
            firsts.append(next(i for i in items if isinstance(i, PreparedDocument)).id)
    assert firsts == ["frus-copy-0/d300", "frus-copy-1/d300", "frus-copy-2/d300"]


def test_prepared_documents_are_the_documents_rows_and_index_fields(excerpt: Path) -> None:
    from centralfiles.pipeline.prefetch import read_items

    docs = [i for i in read_items(excerpt) if isinstance(i, Document)]
    prepared = [i for i in prepared_items(excerpt) if isinstance(i, PreparedDocument)]
    assert len(prepared) == len(docs) == EXCERPT_DOCUMENTS
    for seq, (doc, item) in enumerate(zip(docs, prepared, strict=True)):
        assert item.rows == document_rows(doc, seq, "tei")
        assert item.index == index_fields(doc)


@pytest.mark.parametrize("workers", [0, 5])
def test_worker_count_is_clamped(excerpt: Path, workers: int) -> None:
    assert Prefetcher([excerpt], workers=workers).workers == 1


def test_parallel_ingest_stores_what_inline_ingest_stores(excerpt: Path, tmp_path: Path) -> None:
    from centralfiles.pipeline.ingest import ingest_paths
    from centralfiles.store.database import Store

    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(3):
        volume_copy(excerpt, folder / f"v{k}.xml", f"frus-copy-{k}")
    (folder / "v1-broken.xml").write_text("<TEI", encoding="utf-8")
    dumps = []
    for workers in (0, 2):
        with Store(tmp_path / f"w{workers}.db") as store:
            report = ingest_paths(store, [folder], workers=workers, index=False)
            assert [Path(f.path).name for f in report.failed] == ["v1-broken.xml"]
            assert [i.volume for i in report.ingested] == [f"frus-copy-{k}" for k in range(3)]
            dumps.append([store.document(i).to_json() for i in store.document_ids()])
    assert dumps[0] == dumps[1] and len(dumps[0]) == 3 * EXCERPT_DOCUMENTS
