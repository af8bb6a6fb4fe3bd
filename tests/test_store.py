"""The store: atomic volumes, idempotent re-ingest, replacement, schema versions."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from centralfiles.errors import NotFoundError
from centralfiles.pipeline.ingest import ingest_paths
from centralfiles.store import writer as writer_module
from centralfiles.store.database import Store, StoreError
from centralfiles.store.schema import MIGRATIONS

from .conftest import EXCERPT_DOCUMENTS

TABLES = ("volumes", "documents", "footnotes", "persons", "terms", "mentions", "refs", "pages")


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def dump(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return [
            (t, *row) for t in TABLES for row in conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")
        ]


def test_store_file_is_wal_with_schema_version(store: Store) -> None:
    mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert store.schema_version == len(MIGRATIONS)


def test_reopening_does_not_migrate_again(db_path: Path) -> None:
    Store(db_path).close()
    with Store(db_path) as again, sqlite3.connect(db_path) as conn:
        assert again.schema_version == len(MIGRATIONS)
        assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


def test_newer_schema_is_refused(db_path: Path) -> None:
    Store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (?)", (len(MIGRATIONS) + 1,))
    with pytest.raises(StoreError, match="newer than this centralfiles knows"):
        Store(db_path)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(bogus)


def test_volume_is_stored_with_all_its_rows(loaded_store: Store) -> None:
    assert counts(loaded_store.path) == {
        "volumes": 1,
        "documents": 33,
        "footnotes": 72,
        "persons": 115,
        "terms": 167,
        "mentions": 360,
        "refs": 1,
        "pages": 109,
    }


def test_document_round_trips_through_the_store(loaded_store: Store, excerpt: Path) -> None:
    from centralfiles.enrich import enrich
    from centralfiles.readers.tei import read_volume

    for doc in read_volume(excerpt).documents:
        stored = loaded_store.document(doc.id).to_json()
        expected = enrich(doc).to_json()
        resolution = ("target", "resolved", "reason", "identity")
        for link, kept in zip(expected["links"], stored["links"], strict=True):
            if "where" in link:  # a pointer: resolved against the store after the write
                link.update({key: kept[key] for key in resolution})
            else:  # a TEI ref: its target is checked against the store on reading
                link["resolved"] = True
        assert stored == expected


def test_reingest_is_a_no_op(loaded_store: Store, excerpt: Path) -> None:
    before = dump(loaded_store.path)
    report = ingest_paths(loaded_store, [excerpt])
    assert [item.unchanged for item in report.ingested] == [True]
    assert len(report.ingested[0].documents) == EXCERPT_DOCUMENTS
    assert dump(loaded_store.path) == before


def test_changed_file_replaces_the_volume(
    loaded_store: Store, excerpt: Path, tmp_path: Path
) -> None:
    data = excerpt.read_text(encoding="utf-8")
    start = data.index('<div type="document" xml:id="d330"')
    end = data.index('<div type="document" xml:id="d331"')
    changed = tmp_path / "v13.xml"
    changed.write_text(
        data[:start] + data[end:].replace("European caucus", "Caucus"), encoding="utf-8"
    )
    report = ingest_paths(loaded_store, [changed])
    assert not report.failed and report.ingested[0].unchanged is False
    ids = loaded_store.document_ids("frus1964-68v13")
    assert len(ids) == EXCERPT_DOCUMENTS - 1 and "frus1964-68v13/d330" not in ids
    assert loaded_store.document("frus1964-68v13/d331").text.startswith(
        "5096. Subject: Caucus in NATO"
    )
    assert counts(loaded_store.path)["volumes"] == 1


def test_failure_mid_volume_keeps_previous_state(
    loaded_store: Store, excerpt: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(loaded_store.path)
    changed = tmp_path / "v13.xml"
    changed.write_text(excerpt.read_text(encoding="utf-8").replace("Brussels", "Bruxelles"))
    original = writer_module.VolumeWriter.add_rows
    monkeypatch.setattr(writer_module, "BATCH_DOCUMENTS", 3)  # rows really reach SQLite first

    def failing(self, rows):
        if self.count == 9:
            raise RuntimeError("disk on fire")
        original(self, rows)

    monkeypatch.setattr(writer_module.VolumeWriter, "add_rows", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        ingest_paths(loaded_store, [changed])
    assert dump(loaded_store.path) == before
    monkeypatch.setattr(writer_module.VolumeWriter, "add_rows", original)
    assert not ingest_paths(loaded_store, [changed]).failed
    assert loaded_store.document("frus1964-68v13/d331").place == "Bruxelles"


def test_other_connections_never_see_half_a_volume(store: Store, excerpt: Path) -> None:
    seen: list[int] = []
    reader = sqlite3.connect(store.path)

    def peek(_doc) -> None:
        seen.append(reader.execute("SELECT count(*) FROM documents").fetchone()[0])

    ingest_paths(store, [excerpt], on_document=peek)
    assert set(seen) == {0}
    assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == EXCERPT_DOCUMENTS


def test_unknown_document_names_the_problem(loaded_store: Store, store: Store) -> None:
    with pytest.raises(NotFoundError, match="no document 'frus1964-68v13/d1'"):
        loaded_store.document("frus1964-68v13/d1")
    with pytest.raises(NotFoundError, match="volume 'frus1969-76v1' is not stored"):
        loaded_store.document("frus1969-76v1/d1")


def test_locked_store_is_a_clear_error(db_path: Path, excerpt: Path) -> None:
    with Store(db_path) as first, Store(db_path) as second:
        second.conn.execute("PRAGMA busy_timeout = 50")
        with (
            first.transaction(),
            pytest.raises(
                StoreError, match=r"archive\.db: the store is busy \(database is locked\)"
            ),
        ):
            ingest_paths(second, [excerpt])
        assert not ingest_paths(second, [excerpt]).failed


def _migrated_from(loaded_store: Store, db_path: Path, rollback: str) -> Store:
    """The loaded store taken back to an older schema by ``rollback`` (SQL), then opened
    again: migrated to the current version."""
    loaded_store.close()
    with sqlite3.connect(db_path) as conn:
        conn.executescript(rollback)
    store = Store(db_path)
    assert store.schema_version == len(MIGRATIONS)
    return store


def test_documents_of_an_older_store_gain_the_telegram_alias_column(
    loaded_store: Store, db_path: Path
) -> None:
    """Migration 11: a store of version 10 gets ``telegram_alias`` (empty until its volumes
    are ingested again) and keeps every document readable."""
    with _migrated_from(
        loaded_store,
        db_path,
        """
            DROP INDEX documents_paper_number;
            ALTER TABLE documents DROP COLUMN paper_number;
            DROP INDEX documents_telegram_alias;
            ALTER TABLE documents DROP COLUMN telegram_alias;
            DROP TABLE repeats;
            DELETE FROM schema_version WHERE version >= 11;
    """,
    ) as store:
        ids = store.document_ids()
        assert ids and all(store.document(i).telegram is None or
                           store.document(i).telegram.alias is None for i in ids)  # fmt: skip


def test_documents_of_an_older_store_gain_the_paper_number_column(
    loaded_store: Store, db_path: Path
) -> None:
    """Migration 12: a store of version 11 gets ``paper_number`` (empty until its volumes are
    ingested again) and keeps every document readable."""
    with _migrated_from(
        loaded_store,
        db_path,
        """
            DROP INDEX documents_paper_number;
            ALTER TABLE documents DROP COLUMN paper_number;
            DROP TABLE repeats;
            DELETE FROM schema_version WHERE version >= 12;
    """,
    ) as store:
        ids = store.document_ids()
        assert ids and all(store.document(i).paper_number is None for i in ids)


def test_documents_of_an_older_store_gain_the_repeats_table(
    loaded_store: Store, db_path: Path
) -> None:
    """Migration 13: a store of version 12 gets the ``repeats`` table (empty until its volumes
    are ingested again) and keeps every document readable."""
    with _migrated_from(
        loaded_store,
        db_path,
        """
            DROP TABLE repeats;
            DELETE FROM schema_version WHERE version >= 13;
    """,
    ) as store:
        assert store.conn.execute("SELECT count(*) FROM repeats").fetchone()[0] == 0
        ids = store.document_ids()
        assert ids and all(store.document(i).to_json()["id"] == i for i in ids)


def test_pointers_of_an_older_store_gain_their_key_columns(
    loaded_store: Store, db_path: Path
) -> None:
    """Migration 10: a store written before it (keys only inside ``parts``, expression indexes)
    gets ``cited_number`` / ``cited_volume`` filled from ``parts``, and its open-pointer lookups
    use the new partial indexes."""
    with _migrated_from(
        loaded_store,
        db_path,
        """
            DROP INDEX pointers_open_number;
            DROP INDEX pointers_open_volume;
            ALTER TABLE pointers DROP COLUMN cited_number;
            ALTER TABLE pointers DROP COLUMN cited_volume;
            CREATE INDEX pointers_open_number ON pointers(json_extract(parts, '$.number'))
                WHERE resolved = 0;
            CREATE INDEX pointers_open_volume ON pointers(json_extract(parts, '$.target_volume'))
                WHERE resolved = 0;
            DROP INDEX documents_paper_number;
            ALTER TABLE documents DROP COLUMN paper_number;
            DROP INDEX documents_telegram_alias;
            ALTER TABLE documents DROP COLUMN telegram_alias;
            DROP TABLE repeats;
            DELETE FROM schema_version WHERE version >= 10;
    """,
    ) as store:  # back to the shape of schema version 9
        rows = store.conn.execute(
            "SELECT parts, cited_number, cited_volume FROM pointers"
        ).fetchall()
        assert any(row["cited_number"] for row in rows) and any(row["cited_volume"] for row in rows)
        for row in rows:
            parts = json.loads(row["parts"])
            assert (row["cited_number"], row["cited_volume"]) == (
                parts.get("number"),
                parts.get("target_volume"),
            )
        plan = " ".join(
            str(tuple(step))
            for step in store.conn.execute(
                "EXPLAIN QUERY PLAN SELECT rowid FROM pointers WHERE resolved = 0 "
                "AND cited_number IN ('17686')"
            )
        )
        assert "pointers_open_number" in plan
