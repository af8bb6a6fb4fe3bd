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
    # 3: the search index's bookkeeping (search.index). Every insert, update or delete of a
    # document, and every update or delete of its footnotes and mentions, queues the document
    # id in the same transaction, so what the index has not absorbed yet is always known; a
    # writer adding footnotes or mentions to an existing document must touch its row too.
    # index_state names the index generation (commit token) the store saw committed, and the
    # one being committed (pending), so a crash between the two commits is detected.
    """
    CREATE TABLE index_queue (
        document_id TEXT PRIMARY KEY,
        claimed INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    INSERT INTO index_queue (document_id) SELECT id FROM documents;
    CREATE TABLE index_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        generation TEXT,
        pending TEXT
    );
    INSERT INTO index_state (id) VALUES (1);
    CREATE TRIGGER index_queue_document_insert AFTER INSERT ON documents BEGIN
        INSERT INTO index_queue (document_id) VALUES (NEW.id)
        ON CONFLICT (document_id) DO UPDATE SET claimed = 0 WHERE claimed = 1;
    END;
    CREATE TRIGGER index_queue_document_update AFTER UPDATE ON documents BEGIN
        INSERT INTO index_queue (document_id) VALUES (OLD.id), (NEW.id)
        ON CONFLICT (document_id) DO UPDATE SET claimed = 0 WHERE claimed = 1;
    END;
    CREATE TRIGGER index_queue_document_delete AFTER DELETE ON documents BEGIN
        INSERT INTO index_queue (document_id) VALUES (OLD.id)
        ON CONFLICT (document_id) DO UPDATE SET claimed = 0 WHERE claimed = 1;
    END;
    CREATE TRIGGER index_queue_footnote_update AFTER UPDATE ON footnotes BEGIN
        INSERT INTO index_queue (document_id) VALUES (OLD.document_id), (NEW.document_id)
        ON CONFLICT (document_id) DO UPDATE SET claimed = 0 WHERE claimed = 1;
    END;
    CREATE TRIGGER index_queue_footnote_delete AFTER DELETE ON footnotes BEGIN
        INSERT INTO index_queue (document_id) VALUES (OLD.document_id)
        ON CONFLICT (document_id) DO UPDATE SET claimed = 0 WHERE claimed = 1;
    END;
    CREATE TRIGGER index_queue_mention_update AFTER UPDATE ON mentions BEGIN
        INSERT INTO index_queue (document_id) VALUES (OLD.document_id), (NEW.document_id)
        ON CONFLICT (document_id) DO UPDATE SET claimed = 0 WHERE claimed = 1;
    END;
    CREATE TRIGGER index_queue_mention_delete AFTER DELETE ON mentions BEGIN
        INSERT INTO index_queue (document_id) VALUES (OLD.document_id)
        ON CONFLICT (document_id) DO UPDATE SET claimed = 0 WHERE claimed = 1;
    END;
    """,
    # 4: what the cable grammar finds beyond the first contract fields: the date in a decimal
    # file number, marking tokens it does not recognise (kept, flagged), the transmission time
    """
    ALTER TABLE documents ADD COLUMN source_file_date TEXT;
    ALTER TABLE documents ADD COLUMN source_unrecognised TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE documents ADD COLUMN transmitted TEXT;
    """,
    # 5: where each page break falls in the document's text (null: the page it opens on)
    """
    ALTER TABLE pages ADD COLUMN text_offset INTEGER;
    """,
    # 6: the pointers of the apparatus (enrich.links) and how each was resolved; derived
    # (extracted on ingest, re-resolved when volumes arrive, rebuilt by reindex)
    """
    CREATE TABLE pointers (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        location TEXT NOT NULL,
        start INTEGER NOT NULL,
        parts TEXT NOT NULL DEFAULT '{}',
        target TEXT,
        resolved INTEGER NOT NULL DEFAULT 0,
        reason TEXT,
        identity TEXT,
        PRIMARY KEY (document_id, seq)
    );
    CREATE INDEX pointers_target ON pointers(target);
    CREATE INDEX pointers_identity ON pointers(identity);
    CREATE INDEX documents_telegram ON documents(telegram_number);
    CREATE INDEX documents_file ON documents(source_file_code);
    """,
    # 7: the unresolved pointers a new document may answer, found by what they name (a
    # volume, a telegram number) instead of a scan of every unresolved pointer per file
    """
    CREATE INDEX pointers_open_number ON pointers(json_extract(parts, '$.number'))
        WHERE resolved = 0;
    CREATE INDEX pointers_open_volume ON pointers(json_extract(parts, '$.target_volume'))
        WHERE resolved = 0;
    """,
    # 8: the Office of the Historian's authorities (readers.authorities): the people registry's
    # identities with the persons-list entries they reconcile, POCOM's people and posts
    """
    CREATE TABLE people (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('people', 'pocom')),
        preferred TEXT NOT NULL,
        surname TEXT NOT NULL,
        birth TEXT,
        death TEXT,
        pocom_id TEXT
    );
    CREATE INDEX people_surname ON people(surname);
    CREATE INDEX people_pocom ON people(pocom_id);
    CREATE TABLE person_entries (
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        volume TEXT NOT NULL,
        entry TEXT NOT NULL,
        name TEXT NOT NULL,
        surname TEXT NOT NULL,
        remark TEXT,
        PRIMARY KEY (volume, entry, person_id)
    );
    CREATE INDEX person_entries_person ON person_entries(person_id);
    CREATE INDEX person_entries_surname ON person_entries(surname);
    CREATE TABLE person_alternates (
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        name TEXT NOT NULL
    );
    CREATE TABLE posts (
        person_id TEXT NOT NULL,  -- "pocom:<id>"; POCOM lists posts of people it lacks
        position TEXT NOT NULL,
        position_name TEXT NOT NULL,
        role TEXT NOT NULL,
        started TEXT,
        ended TEXT,
        kind TEXT NOT NULL
    );
    CREATE INDEX posts_person ON posts(person_id);
    CREATE INDEX posts_position ON posts(position, started);
    CREATE TABLE person_links (
        volume TEXT NOT NULL REFERENCES volumes(id) ON DELETE CASCADE,
        entry TEXT NOT NULL,
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        evidence TEXT NOT NULL,
        PRIMARY KEY (volume, entry)
    );
    CREATE INDEX person_links_person ON person_links(person_id);
    -- every persons-list entry known to be an identity: the registry's, and the reconciler's
    -- for the stored volumes the registry lacks
    CREATE VIEW identity_entries AS
        SELECT person_id, volume, entry, name, remark, 'registry' AS how FROM person_entries
        UNION ALL
        SELECT l.person_id, l.volume, l.entry, s.name, s.description, 'reconciled: ' || l.evidence
        FROM person_links l JOIN persons s ON s.volume = l.volume AND s.id = l.entry;
    -- who each stored document's people are (pipeline.people), for person pages and networks
    CREATE TABLE document_people (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        role TEXT NOT NULL,
        printed TEXT NOT NULL,
        person_id TEXT,
        name TEXT,
        evidence TEXT,
        reason TEXT,
        confidence TEXT,
        PRIMARY KEY (document_id, seq)
    );
    CREATE INDEX document_people_person ON document_people(person_id);
    CREATE TABLE authority_imports (
        source TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        records INTEGER NOT NULL,
        imported_at TEXT NOT NULL
    );
    """,
    # 9: a memorandum of conversation's participants list, as printed (issue 14); documents
    # stored before keep [] until their volume is ingested again
    """
    ALTER TABLE documents ADD COLUMN participants TEXT NOT NULL DEFAULT '[]';
    """,
    # 10: what an unresolved pointer names (a telegram number, a volume) as plain columns in
    # place of migration 7's json_extract expression indexes, which parsed each row's parts
    # on every insert and on every lookup
    """
    ALTER TABLE pointers ADD COLUMN cited_number TEXT;
    ALTER TABLE pointers ADD COLUMN cited_volume TEXT;
    UPDATE pointers SET cited_number = json_extract(parts, '$.number'),
        cited_volume = json_extract(parts, '$.target_volume');
    DROP INDEX pointers_open_number;
    DROP INDEX pointers_open_volume;
    CREATE INDEX pointers_open_number ON pointers(cited_number) WHERE resolved = 0;
    CREATE INDEX pointers_open_volume ON pointers(cited_volume) WHERE resolved = 0;
    """,
    # 11: a telegram's number on a channel beside its serial ("190741. Tosec 46." is also
    # "Tosec 46"), so that a pointer citing either finds it; documents stored before keep NULL
    # until their volume is ingested again
    """
    ALTER TABLE documents ADD COLUMN telegram_alias TEXT;
    CREATE INDEX documents_telegram_alias ON documents(telegram_alias)
        WHERE telegram_alias IS NOT NULL;
    """,
    # 12: a numbered despatch's, instruction's or note's own number ("No. 631"), so that
    # "the Department's instruction No. 631 of April 21" finds it; documents stored before keep
    # NULL until their volume is ingested again
    """
    ALTER TABLE documents ADD COLUMN paper_number TEXT;
    CREATE INDEX documents_paper_number ON documents(paper_number)
        WHERE paper_number IS NOT NULL;
    """,
    # 13: the numbers a telegram was also sent or repeated under ("Repeated to Helsinki as
    # telegram 523"), so that a pointer citing the repeat ("Deptel 523") finds the telegram;
    # documents stored before have none until their volume is ingested again
    """
    CREATE TABLE repeats (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        number TEXT NOT NULL,
        post TEXT,
        channel TEXT,
        date TEXT,
        sender TEXT,
        PRIMARY KEY (document_id, seq)
    );
    CREATE INDEX repeats_number ON repeats(number);
    """,
]
