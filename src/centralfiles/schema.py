"""The store's SQLite schema as forward migrations, applied in order and recorded by version.

Append a new entry to ``MIGRATIONS`` to change the schema; never edit one that has shipped.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: volumes, documents and their apparatus
    """
    CREATE TABLE volumes (
        id TEXT PRIMARY KEY,
        title TEXT,
        series TEXT,
        sub_series TEXT,
        volume_number TEXT,
        volume_title TEXT,
        editors TEXT NOT NULL DEFAULT '[]',
        published TEXT,
        date_min TEXT,
        date_max TEXT,
        source_path TEXT,
        sha256 TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        volume TEXT NOT NULL REFERENCES volumes(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        number TEXT,
        title TEXT NOT NULL,
        heading TEXT NOT NULL,
        kind TEXT NOT NULL,
        doc_type TEXT,
        from_ TEXT,
        to_ TEXT,
        place TEXT,
        date TEXT,
        date_min TEXT,
        date_max TEXT,
        dateline TEXT,
        telegram_number TEXT,
        telegram_channel TEXT,
        telegram_post TEXT,
        classification TEXT,
        precedence TEXT,
        caveats TEXT NOT NULL DEFAULT '[]',
        source_text TEXT,
        source_repository TEXT,
        source_collection TEXT,
        source_file_code TEXT,
        source_lot TEXT,
        source_unparsed TEXT,
        drafted_by TEXT NOT NULL DEFAULT '[]',
        cleared_by TEXT NOT NULL DEFAULT '[]',
        approved_by TEXT NOT NULL DEFAULT '[]',
        chapters TEXT NOT NULL DEFAULT '[]',
        signed TEXT,
        text TEXT NOT NULL
    );
    CREATE INDEX documents_volume ON documents(volume, seq);
    CREATE INDEX documents_date ON documents(date_min);
    CREATE TABLE footnotes (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        n TEXT,
        xml_id TEXT,
        text TEXT NOT NULL,
        is_source INTEGER NOT NULL,
        anchor INTEGER,
        PRIMARY KEY (document_id, seq)
    );
    CREATE TABLE persons (
        volume TEXT NOT NULL REFERENCES volumes(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        PRIMARY KEY (volume, id)
    );
    CREATE TABLE terms (
        volume TEXT NOT NULL REFERENCES volumes(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        term TEXT NOT NULL,
        expansion TEXT NOT NULL,
        PRIMARY KEY (volume, id)
    );
    CREATE TABLE mentions (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'term')),
        ref_id TEXT,
        name TEXT NOT NULL,
        PRIMARY KEY (document_id, kind, seq)
    );
    CREATE INDEX mentions_ref ON mentions(kind, ref_id);
    CREATE TABLE refs (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        target TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        raw TEXT NOT NULL,
        PRIMARY KEY (document_id, seq)
    );
    CREATE INDEX refs_target ON refs(target);
    CREATE TABLE pages (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        page TEXT NOT NULL,
        PRIMARY KEY (document_id, seq)
    );
    """,
    # 2: plain-text documents beside TEI volumes, and links between stored documents
    """
    ALTER TABLE volumes ADD COLUMN kind TEXT NOT NULL DEFAULT 'tei';
    ALTER TABLE documents ADD COLUMN origin TEXT NOT NULL DEFAULT 'tei';
    CREATE INDEX documents_number ON documents(number, origin);
    CREATE TABLE text_sources (
        document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        path TEXT,
        sha256 TEXT NOT NULL,
        text_id TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX text_sources_sha256 ON text_sources(sha256);
    CREATE TABLE doc_links (
        source TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        target TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        score REAL,
        PRIMARY KEY (source, target, kind)
    );
    CREATE INDEX doc_links_target ON doc_links(target);
    """,
]
