"""The search index stays in step with the store: ingest, re-ingest, replace, reindex, crashes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import tantivy

from centralfiles.errors import CentralfilesError
from centralfiles.pipeline.ingest import ingest_paths
from centralfiles.search import index as index_module
from centralfiles.search.index import (
    IndexLock,
    SearchIndex,
    SearchIndexError,
    index_root,
    iter_index_ids,
    read_pointer,
    rebuild,
)
from centralfiles.search.searcher import Search
from centralfiles.store.database import Store

from .conftest import EXCERPT_DOCUMENTS, SEEDS_DIR, VOLUME


def raw_index_ids(store: Store) -> set[str]:
    """The ids in the live tantivy directory, read without any check or repair."""
    root = index_root(store.path)
    pointer = read_pointer(root)
    assert pointer is not None
    index = tantivy.Index.open(str(root / pointer.directory))
    searcher = index.searcher()
    hits = searcher.search(tantivy.Query.all_query(), max(searcher.num_docs, 1)).hits
    return {searcher.doc(address)["id"][0] for _, address in hits}


def assert_in_step(store: Store) -> None:
    index = SearchIndex.open(store)
    assert set(iter_index_ids(index)) == set(store.document_ids())
    generation, pending = store.index_state()
    assert generation == index.pointer.generation == read_pointer(index.root).generation
    assert pending is None
    assert store.index_queue_size() == 0


def changed_excerpt(excerpt: Path, folder: Path) -> Path:
    """The excerpt without document 330 and with d331's subject reworded (d331 only)."""
    data = excerpt.read_text(encoding="utf-8")
    start = data.index('<div type="document" xml:id="d330"')
    end = data.index('<div type="document" xml:id="d331"')
    after = data.index('<div type="document" xml:id="d332"')
    d331 = data[end:after].replace("European caucus", "Atlantic caucus")
    changed = folder / "v13-changed.xml"
    changed.write_text(data[:start] + d331 + data[after:], encoding="utf-8")
    return changed


def ids(results) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.id for hit in results.hits]


def test_ingest_builds_the_index_beside_the_store(loaded_store: Store) -> None:
    root = index_root(loaded_store.path)
    assert root == Path(f"{loaded_store.path}.index") and root.is_dir()
    assert_in_step(loaded_store)
    assert len(raw_index_ids(loaded_store)) == EXCERPT_DOCUMENTS


def test_unchanged_reingest_leaves_the_index_alone(loaded_store: Store, excerpt: Path) -> None:
    before = read_pointer(index_root(loaded_store.path))
    ingest_paths(loaded_store, [excerpt])
    assert read_pointer(index_root(loaded_store.path)) == before
    assert_in_step(loaded_store)


def test_changed_volume_is_replaced_in_the_index(
    loaded_store: Store, excerpt: Path, tmp_path: Path
) -> None:
    search = Search(loaded_store)
    assert f"{VOLUME}/d331" in ids(search.search('"European caucus"'))
    report = ingest_paths(loaded_store, [changed_excerpt(excerpt, tmp_path)])
    assert not report.failed
    assert_in_step(loaded_store)
    assert f"{VOLUME}/d330" not in raw_index_ids(loaded_store)
    # the same Search follows the commit
    assert f"{VOLUME}/d331" not in ids(search.search('"European caucus"'))
    assert ids(search.search('"Atlantic caucus"')) == [f"{VOLUME}/d331"]
    assert search.search(f"volume:{VOLUME}").total == EXCERPT_DOCUMENTS - 1


def indexed_fields(store: Store) -> dict[str, dict]:
    """Every indexed document's stored fields, by id, read from the live tantivy directory."""
    root = index_root(store.path)
    index = tantivy.Index.open(str(root / read_pointer(root).directory))
    searcher = index.searcher()
    hits = searcher.search(tantivy.Query.all_query(), max(searcher.num_docs, 1)).hits
    found = {}
    for _, address in hits:
        fields = searcher.doc(address).to_dict()
        found[fields["id"][0]] = fields
    return found


def test_ingest_indexes_from_memory_what_a_rebuild_reads_from_the_store(
    loaded_store: Store,
) -> None:
    from_ingest = indexed_fields(loaded_store)
    rebuild(loaded_store)
    assert indexed_fields(loaded_store) == from_ingest
    assert len(from_ingest) == EXCERPT_DOCUMENTS


def test_change_after_the_volume_commit_is_read_back_not_taken_from_memory(
    store: Store, excerpt: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_apply = index_module.IndexSession.apply

    def change_then_apply(self, prepared=None):  # type: ignore[no-untyped-def]
        if prepared:  # another writer edits a document between the commit and the index
            with store.transaction() as conn:
                conn.execute(
                    "UPDATE documents SET title = 'Rewritten meanwhile' WHERE id = ?",
                    (f"{VOLUME}/d331",),
                )
        return real_apply(self, prepared)

    monkeypatch.setattr(index_module.IndexSession, "apply", change_then_apply)
    assert not ingest_paths(store, [excerpt]).failed
    monkeypatch.setattr(index_module.IndexSession, "apply", real_apply)
    assert_in_step(store)
    assert ids(Search(store).search('title:"rewritten meanwhile"')) == [f"{VOLUME}/d331"]


def test_plain_text_documents_are_indexed(loaded_store: Store) -> None:
    seeds = sorted(SEEDS_DIR.glob("*.txt"))[:3]
    report = ingest_paths(loaded_store, seeds)
    assert not report.failed
    assert_in_step(loaded_store)
    search = Search(loaded_store)
    for item in report.ingested:
        for doc_id in item.documents:
            assert ids(search.search(f'id:"{doc_id}"')) == [doc_id]


def test_failed_file_leaves_the_index_as_the_store(
    loaded_store: Store, excerpt: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text(excerpt.read_text(encoding="utf-8")[:-5000], encoding="utf-8")
    report = ingest_paths(loaded_store, [broken, changed_excerpt(excerpt, tmp_path)])
    assert [Path(f.path).name for f in report.failed] == ["broken.xml"]
    assert_in_step(loaded_store)


def test_ingest_without_index_is_caught_up_on_open(
    loaded_store: Store, excerpt: Path, tmp_path: Path
) -> None:
    ingest_paths(loaded_store, [changed_excerpt(excerpt, tmp_path)], index=False)
    # every document rewritten, and d330 deleted
    assert loaded_store.index_queue_size() == EXCERPT_DOCUMENTS
    assert f"{VOLUME}/d330" in raw_index_ids(loaded_store)
    assert ids(Search(loaded_store).search('"Atlantic caucus"')) == [f"{VOLUME}/d331"]
    assert_in_step(loaded_store)


def test_long_lived_search_applies_changes_made_meanwhile(
    loaded_store: Store, excerpt: Path, tmp_path: Path
) -> None:
    search = Search(loaded_store)
    ingest_paths(loaded_store, [changed_excerpt(excerpt, tmp_path)], index=False)
    assert ids(search.search('"Atlantic caucus"')) == [f"{VOLUME}/d331"]
    assert search.search("NATO").pending == 0


def test_busy_index_reports_pending_documents(
    loaded_store: Store, excerpt: Path, tmp_path: Path
) -> None:
    ingest_paths(loaded_store, [changed_excerpt(excerpt, tmp_path)], index=False)
    lock = IndexLock(index_root(loaded_store.path))
    assert lock.acquire(0)  # as an ingest in another process would
    try:
        search = Search(loaded_store)
        results = search.search('"European caucus"')
        assert results.pending == EXCERPT_DOCUMENTS
        assert f"{VOLUME}/d331" in ids(results)  # the index as it was, said to be behind
    finally:
        lock.release()
    results = search.search('"Atlantic caucus"')
    assert (results.pending, ids(results)) == (0, [f"{VOLUME}/d331"])


def test_ingest_waits_for_the_lock_then_fails_clearly(
    loaded_store: Store, excerpt: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "LOCK_WAIT_SECONDS", 0.2)
    lock = IndexLock(index_root(loaded_store.path))
    assert lock.acquire(0)
    try:
        with pytest.raises(SearchIndexError, match="locked by another process"):
            ingest_paths(loaded_store, [changed_excerpt(excerpt, tmp_path)])
    finally:
        lock.release()
    assert issubclass(SearchIndexError, CentralfilesError)


def test_reindex_writes_a_new_generation(loaded_store: Store) -> None:
    root = index_root(loaded_store.path)
    before = read_pointer(root)
    index = rebuild(loaded_store)
    after = read_pointer(root)
    assert before is not None and after is not None
    assert after.directory != before.directory and after.generation != before.generation
    assert [p.name for p in root.glob("g-*")] == [after.directory]
    assert index.searcher().num_docs == EXCERPT_DOCUMENTS
    assert_in_step(loaded_store)


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        ("delete the folder", "missing or unreadable"),
        ("corrupt CURRENT", "missing or unreadable"),
        ("delete the tantivy files", "missing or unreadable"),
        ("foreign generation", "is not the store's"),
        ("lose a document", "document count differs"),
    ],
)
def test_damaged_index_is_rebuilt_on_open(loaded_store: Store, damage: str, reason: str) -> None:
    root = index_root(loaded_store.path)
    pointer = read_pointer(root)
    assert pointer is not None
    if damage == "delete the folder":
        import shutil

        shutil.rmtree(root)
    elif damage == "corrupt CURRENT":
        (root / "CURRENT").write_text("{not json", encoding="utf-8")
    elif damage == "delete the tantivy files":
        for path in (root / pointer.directory).iterdir():
            path.unlink()
    elif damage == "foreign generation":
        loaded_store.set_index_committed("0123456789abcdef")
    else:
        index = tantivy.Index.open(str(root / pointer.directory))
        writer = index.writer(15_000_000, 1)
        writer.delete_documents_by_term("id", f"{VOLUME}/d322")
        writer.commit()
        writer.wait_merging_threads()
    notices: list[str] = []
    SearchIndex.open(loaded_store, notice=notices.append)
    assert len(notices) == 1 and reason in notices[0]
    assert_in_step(loaded_store)


def test_index_of_another_format_is_rebuilt(
    loaded_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    current = index_module.INDEX_FORMAT
    monkeypatch.setattr(index_module, "INDEX_FORMAT", 99)
    notices: list[str] = []
    SearchIndex.open(loaded_store, notice=notices.append)
    assert notices == [
        f"rebuilding the search index: it has format {current}; this centralfiles writes format 99"
    ]
    assert read_pointer(index_root(loaded_store.path)).format == 99  # type: ignore[union-attr]


# crash consistency: a real process killed at the worst moments ------------------------------

CHILD = textwrap.dedent(
    """
    import os, sys
    from centralfiles.search import index as index_module
    from centralfiles.pipeline.ingest import ingest_paths
    from centralfiles.store.database import Store

    db, path, crash = sys.argv[1:4]
    real_commit = index_module.SearchIndex._commit
    real_committed = Store.set_index_committed

    def commit(self, writer):
        if crash == "after-store-commit":  # the store has the volume, the index has not
            os._exit(75)
        opstamp = real_commit(self, writer)
        if crash == "after-index-commit":  # the index has it, the store does not know
            os._exit(75)
        return opstamp

    def committed(self, generation):
        if crash == "after-pointer-switch":
            os._exit(75)
        real_committed(self, generation)

    def mid_volume(document_id):
        if crash == "mid-volume" and document_id.endswith("d326"):
            os._exit(75)

    index_module.SearchIndex._commit = commit
    Store.set_index_committed = committed
    with Store(db) as store:
        if path == "reindex":
            index_module.rebuild(store)
        else:
            ingest_paths(store, [path], on_document=mid_volume)
    """
)


def run_child(db: Path, path: str, crash: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), path, crash],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )
    assert done.returncode == 75, done.stderr


def test_crash_between_store_commit_and_index_commit_is_repaired(
    loaded_store: Store, excerpt: Path, tmp_path: Path
) -> None:
    run_child(loaded_store.path, str(changed_excerpt(excerpt, tmp_path)), "after-store-commit")
    assert f"{VOLUME}/d330" not in loaded_store.document_ids()  # the store committed
    assert f"{VOLUME}/d330" in raw_index_ids(loaded_store)  # the index did not
    assert loaded_store.index_queue_size() == EXCERPT_DOCUMENTS  # the store knows what is missing
    results = Search(loaded_store).search('"Atlantic caucus" OR "European caucus"')
    [d331] = [hit for hit in results.hits if hit.id == f"{VOLUME}/d331"]
    assert "<b>Atlantic</b> <b>caucus</b>" in d331.snippet
    assert_in_step(loaded_store)


def test_crash_between_index_commit_and_store_record_is_repaired(
    loaded_store: Store, excerpt: Path, tmp_path: Path
) -> None:
    run_child(loaded_store.path, str(changed_excerpt(excerpt, tmp_path)), "after-index-commit")
    assert f"{VOLUME}/d330" not in raw_index_ids(loaded_store)  # the index committed
    generation, pending = loaded_store.index_state()
    assert pending is not None and generation != pending  # the store never heard of it
    assert read_pointer(index_root(loaded_store.path)).generation == generation  # type: ignore[union-attr]
    assert ids(Search(loaded_store).search('"Atlantic caucus"')) == [f"{VOLUME}/d331"]
    assert_in_step(loaded_store)


def test_crash_after_a_rebuild_switched_generation_is_repaired(loaded_store: Store) -> None:
    before = read_pointer(index_root(loaded_store.path))
    run_child(loaded_store.path, "reindex", "after-pointer-switch")
    after = read_pointer(index_root(loaded_store.path))
    assert after is not None and before is not None and after.directory != before.directory
    assert loaded_store.index_state() == (before.generation, after.generation)
    notices: list[str] = []
    SearchIndex.open(loaded_store, notice=notices.append)
    assert notices == []  # repaired from the queue, no second rebuild
    assert_in_step(loaded_store)


def test_crash_inside_the_store_transaction_changes_nothing(
    loaded_store: Store, excerpt: Path, tmp_path: Path
) -> None:
    before = read_pointer(index_root(loaded_store.path))
    run_child(loaded_store.path, str(changed_excerpt(excerpt, tmp_path)), "mid-volume")
    assert f"{VOLUME}/d330" in loaded_store.document_ids()
    assert loaded_store.index_queue_size() == 0
    assert read_pointer(index_root(loaded_store.path)) == before
    assert_in_step(loaded_store)
