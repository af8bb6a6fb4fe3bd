"""The peer system of the search benchmark: SQLite FTS5 with bm25, as FRUS Explorer does it.

Owns the FTS5 side, build and queries: ``build_fts`` writes ``fts.db`` from the documents of
the centralfiles store (an FTS5 table of title, body, notes, persons, from, to and file code
with the porter stemmer and diacritics removed, a metadata table for filters and facets, a
caveats table), ``translate`` turns a parsed centralfiles query into an FTS5 MATCH expression
with SQL conditions, and ``Fts.run`` answers it: with ``full`` the work of ``Search.search``
(top hits by bm25 with snippets, the count, the seven facets by GROUP BY), without it a
results page only.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

FTS_SCHEMA = """
CREATE VIRTUAL TABLE fts USING fts5(
    title, body, notes, persons, from_, to_, file,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TABLE meta (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, volume TEXT, year INTEGER, day INTEGER,
    classification TEXT COLLATE NOCASE, doc_type TEXT COLLATE NOCASE, kind TEXT COLLATE NOCASE,
    precedence TEXT COLLATE NOCASE, channel TEXT COLLATE NOCASE, from_ TEXT, to_ TEXT
);
CREATE TABLE caveats (rowid INTEGER NOT NULL, caveat TEXT NOT NULL COLLATE NOCASE);
"""
FTS_INDEXES = """
CREATE INDEX meta_year ON meta(year);
CREATE INDEX meta_day ON meta(day);
CREATE INDEX meta_classification ON meta(classification);
CREATE INDEX meta_doc_type ON meta(doc_type);
CREATE INDEX meta_precedence ON meta(precedence);
CREATE INDEX meta_channel ON meta(channel);
CREATE INDEX meta_volume ON meta(volume);
CREATE INDEX caveats_caveat ON caveats(caveat, rowid);
CREATE INDEX caveats_rowid ON caveats(rowid);
"""


def build_fts(work: Path) -> dict[str, Any]:
    """The peer's index: FTS5 over the same stored documents, with a metadata table."""
    from centralfiles.search.schema import document_day, person_names
    from centralfiles.search.source import stored_documents
    from centralfiles.store.database import Store

    target = work / "fts.db"
    target.unlink(missing_ok=True)
    started = time.perf_counter()
    fts = sqlite3.connect(target, isolation_level=None)
    fts.execute("PRAGMA journal_mode=WAL")
    fts.execute("PRAGMA synchronous=NORMAL")
    fts.executescript(FTS_SCHEMA)
    fts.execute("BEGIN")
    with Store(work / "archive.db") as store:
        for rowid, doc in enumerate(stored_documents(store), start=1):
            names = person_names([m.name for m in doc.persons])
            fts.execute(
                "INSERT INTO fts (rowid, title, body, notes, persons, from_, to_, file) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rowid,
                    doc.title,
                    doc.text,
                    "\n".join(n.text for n in doc.footnotes),
                    " ; ".join(names),
                    doc.from_ or "",
                    doc.to or "",
                    doc.source.file_code or "",
                ),
            )
            day = document_day(doc.date, doc.date_min)
            fts.execute(
                "INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rowid,
                    doc.id,
                    doc.volume,
                    day[1] if day else None,
                    day[0] if day else None,
                    doc.classification,
                    doc.doc_type,
                    doc.kind,
                    doc.precedence,
                    doc.telegram.channel if doc.telegram else None,
                    doc.from_,
                    doc.to,
                ),
            )
            fts.executemany(
                "INSERT INTO caveats VALUES (?, ?)", [(rowid, c) for c in set(doc.caveats)]
            )
    fts.execute("COMMIT")
    fts.executescript(FTS_INDEXES)
    fts.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    fts.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    fts.close()
    return {"seconds": time.perf_counter() - started}


FTS_WEIGHTS = "3.0, 1.0, 0.5, 0.0, 0.0, 0.0, 0.0"  # title, body, notes; field columns 0
FTS_FACETS = ("m.year", "m.classification", "m.doc_type", "m.volume", "m.from_", "m.to_")


class Fts:
    """The peer: SQLite FTS5 with bm25, queries translated from the same query language."""

    def __init__(self, path: Path, *, full: bool, limit: int) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA temp_store=MEMORY")
        self.full = full
        self.limit = limit

    def run(self, query: str) -> int:
        from centralfiles.search.query import parse

        match, where, params = translate(parse(query))
        conn = self.conn
        conditions = " AND ".join(where) or "1"
        if match:
            source = "fts JOIN meta m ON m.rowid = fts.rowid"
            select = f"{source} WHERE fts MATCH ? AND {conditions}"
            args = [match, *params]
            page = conn.execute(
                f"SELECT m.id, snippet(fts, 1, '<b>', '</b>', '…', 32) FROM {select} "
                f"ORDER BY bm25(fts, {FTS_WEIGHTS}) LIMIT {self.limit}",
                args,
            ).fetchall()
        else:
            select = f"meta m WHERE {conditions}"
            args = list(params)
            page = conn.execute(  # no ranking without words: the first documents, their opening
                "SELECT m.id, substr(f.body, 1, 200) FROM meta m JOIN fts f ON f.rowid = m.rowid "
                f"WHERE {conditions} ORDER BY m.rowid LIMIT {self.limit}",
                args,
            ).fetchall()
        if not self.full:
            return len(page)
        conn.execute("DROP TABLE IF EXISTS temp.hits")
        conn.execute(f"CREATE TEMP TABLE hits AS SELECT m.rowid AS rowid FROM {select}", args)
        total = conn.execute("SELECT count(*) FROM temp.hits").fetchone()[0]
        if total:
            for column in FTS_FACETS:
                conn.execute(
                    f"SELECT {column}, count(*) FROM temp.hits h JOIN meta m ON m.rowid = h.rowid "
                    f"WHERE {column} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 10"
                ).fetchall()
            conn.execute(
                "SELECT c.caveat, count(*) FROM temp.hits h JOIN caveats c ON c.rowid = h.rowid "
                "GROUP BY 1 ORDER BY 2 DESC LIMIT 10"
            ).fetchall()
        return total


FTS_COLUMNS = {"title": "title", "person": "persons", "from": "from_", "to": "to_"}
FTS_COLUMNS["file"] = "file"
META_COLUMNS = {
    "classification": "m.classification",
    "precedence": "m.precedence",
    "type": "m.doc_type",
    "kind": "m.kind",
    "channel": "m.channel",
    "volume": "m.volume",
    "id": "m.id",
}


def translate(node: Any) -> tuple[str | None, list[str], list[Any]]:
    """A parsed query as (FTS5 MATCH expression, SQL conditions on ``meta m``, parameters)."""
    from centralfiles.search.query import Not, Or, Range, Term

    if isinstance(node, Term):
        if node.field in META_COLUMNS:
            return None, [f"{META_COLUMNS[node.field]} = ?"], [node.text]
        if node.field == "caveat":
            return None, ["m.rowid IN (SELECT rowid FROM caveats WHERE caveat = ?)"], [node.text]
        words = " ".join(w for w in _fts_words(node.text))
        expression = f'"{words}"' + ("*" if node.prefix else "")
        if node.field in FTS_COLUMNS:
            expression = f"{FTS_COLUMNS[node.field]} : {expression}"
        return expression, [], []
    if isinstance(node, Range):
        column = "m.year" if node.field == "year" else "m.day"
        where, params = [], []
        if node.low is not None:
            where.append(f"{column} >= ?")
            params.append(node.low)
        if node.high is not None:
            where.append(f"{column} <= ?")
            params.append(node.high)
        return None, where, params
    if isinstance(node, Or):
        parts = [translate(item) for item in node.items]
        if any(where for _, where, _ in parts):
            raise NotImplementedError("OR over fields")
        return "(" + " OR ".join(m for m, _, _ in parts if m) + ")", [], []
    if isinstance(node, Not):
        match, where, params = translate(node.item)
        if match:
            raise NotImplementedError("a lone NOT in FTS5")
        return None, [f"NOT ({' AND '.join(where)})"], params
    matches, negated, where, params = [], [], [], []
    for item in node.items:
        if isinstance(item, Not):
            match, item_where, item_params = translate(item.item)
            if match:
                negated.append(match)
                continue
            where.append(f"NOT ({' AND '.join(item_where)})")
            params.extend(item_params)
            continue
        match, item_where, item_params = translate(item)
        if match:
            matches.append(match)
        where.extend(item_where)
        params.extend(item_params)
    expression = " AND ".join(matches) if matches else None
    if expression and negated:
        expression = f"({expression}) NOT " + " NOT ".join(negated)
    return expression, where, params


def _fts_words(text: str) -> Iterator[str]:
    from centralfiles.search.schema import FOLD, analyze

    yield from analyze(FOLD, text)
