"""Search benchmark: centralfiles' search API against raw tantivy calls and SQLite FTS5 (bm25).

For each corpus size, synthetic FRUS volumes (``bench/synth.py``, deterministic) are ingested
the normal way (``ingest_paths``: store and search index), the index is also rebuilt from the
store (``reindex``), and an SQLite FTS5 database is built from the same stored documents. Then
the fixed query set (``shared/bench/queries.txt``) runs on:

  a   centralfiles ``Search.search(query)``: parse, compile, top 10 with the total count,
      the seven facets, and the hits' facts and snippets from the store
  b   raw tantivy on the same index, queries compiled beforehand, the same calls as (a):
      ``searcher.aggregate`` (the seven facets) on a second thread while ``searcher.search``
      (top 10 and count) and ``searcher.doc`` (the ids) run; no snippets (the index does not
      store the text) - the floor for (a)
  c   SQLite FTS5 with bm25 (column weights 3/1/0.5, porter stemmer, diacritics removed), the
      FRUS Explorer approach, doing the work of (a): matches into a temporary table once, top
      10 by bm25 with snippets, the count and the seven facets by GROUP BY
  c0  FTS5, a results page only: top 10 by bm25 with snippets (no count, no facets)

cold: a fresh process per query, the store, index and FTS files evicted from the OS page cache
(``posix_fadvise(DONTNEED)``) before opening; the open is not timed, the first run is.
warm: one process per system, one pass to warm up, then ``--repeat`` timed passes.
Every phase runs in its own process, so peak RSS is that phase's alone.

    python bench/search.py [--sizes 10000,100000,300000] [--workdir /tmp/cf-search-bench]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
QUERIES = SHARED / "bench" / "queries.txt"
SYSTEMS = ("a", "b", "c", "c0")
LIMIT = 10


def queries() -> list[str]:
    lines = QUERIES.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def folder_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def evict(paths: list[Path]) -> None:
    """Drop these files' pages from the OS page cache (cold runs)."""
    for root in paths:
        files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
        for path in files:
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


# building -------------------------------------------------------------------------------------


def phase_ingest(work: Path) -> dict[str, Any]:
    from centralfiles.pipeline.ingest import ingest_paths
    from centralfiles.search.index import SearchIndex
    from centralfiles.store.database import Store

    paths = sorted((work / "corpus").glob("*.xml"))
    started = time.perf_counter()
    with Store(work / "archive.db") as store:
        report = ingest_paths(store, paths)
        seconds = time.perf_counter() - started
        if report.failed:
            raise SystemExit(f"ingest failed: {report.failed[:3]}")
        segments = SearchIndex.open(store).searcher().num_segments
    return {
        "seconds": seconds,
        "documents": report.document_count,
        "segments": segments,
        "peak_mb": peak_rss_mb(),
    }


def phase_reindex(work: Path) -> dict[str, Any]:
    from centralfiles.search.index import rebuild
    from centralfiles.store.database import Store

    started = time.perf_counter()
    with Store(work / "archive.db") as store:
        documents = rebuild(store).searcher().num_docs
    return {"seconds": time.perf_counter() - started, "documents": documents}


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


def phase_fts(work: Path) -> dict[str, Any]:
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


# the systems ---------------------------------------------------------------------------------


def system_a(work: Path) -> Callable[[str], int]:
    from centralfiles.search.searcher import Search
    from centralfiles.store.database import Store

    engine = Search(Store(work / "archive.db"))

    def run(query: str) -> int:
        return engine.search(query, limit=LIMIT).total

    return run


def system_b(work: Path) -> Callable[[str], int]:
    from centralfiles.search.compile import compile_query
    from centralfiles.search.index import SearchIndex
    from centralfiles.search.query import parse
    from centralfiles.search.searcher import facet_request
    from centralfiles.store.database import Store

    index = SearchIndex.open(Store(work / "archive.db"))
    searcher = index.searcher()
    compiled = {q: compile_query(parse(q), searcher).query for q in queries()}
    request = facet_request()

    pool = ThreadPoolExecutor(os.cpu_count() or 1)

    def run(query: str) -> int:
        tantivy_query = compiled[query]
        counting = pool.submit(searcher.aggregate, tantivy_query, request)
        found = searcher.search(tantivy_query, LIMIT, count=True)
        _ids = [searcher.doc(address)["id"][0] for _, address in found.hits]
        counting.result()
        return found.count

    return run


FTS_WEIGHTS = "3.0, 1.0, 0.5, 0.0, 0.0, 0.0, 0.0"  # title, body, notes; field columns 0
FTS_FACETS = ("m.year", "m.classification", "m.doc_type", "m.volume", "m.from_", "m.to_")


class Fts:
    """The peer: SQLite FTS5 with bm25, queries translated from the same query language."""

    def __init__(self, path: Path, *, full: bool) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA temp_store=MEMORY")
        self.full = full

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
                f"ORDER BY bm25(fts, {FTS_WEIGHTS}) LIMIT {LIMIT}",
                args,
            ).fetchall()
        else:
            select = f"meta m WHERE {conditions}"
            args = list(params)
            page = conn.execute(  # no ranking without words: the first documents, their opening
                "SELECT m.id, substr(f.body, 1, 200) FROM meta m JOIN fts f ON f.rowid = m.rowid "
                f"WHERE {conditions} ORDER BY m.rowid LIMIT {LIMIT}",
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


def make_system(name: str, work: Path) -> Callable[[str], int]:
    if name == "a":
        return system_a(work)
    if name == "b":
        return system_b(work)
    return Fts(work / "fts.db", full=name == "c").run


def files_of(name: str, work: Path) -> list[Path]:
    if name in ("c", "c0"):
        return [work / "fts.db"]
    return [work / "archive.db", Path(f"{work / 'archive.db'}.index")]


def phase_warm(work: Path, name: str, repeat: int) -> dict[str, Any]:
    run = make_system(name, work)
    query_set = queries()
    totals = {q: run(q) for q in query_set}  # warm-up pass
    samples: list[float] = []
    for _ in range(repeat):
        for query in query_set:
            started = time.perf_counter_ns()
            run(query)
            samples.append((time.perf_counter_ns() - started) / 1e6)
    return {"samples": samples, "totals": totals, "peak_mb": peak_rss_mb()}


def phase_cold(work: Path, name: str, number: int) -> dict[str, Any]:
    evict(files_of(name, work))
    run = make_system(name, work)
    query = queries()[number]
    started = time.perf_counter_ns()
    run(query)
    return {"ms": (time.perf_counter_ns() - started) / 1e6, "peak_mb": peak_rss_mb()}


# driver ---------------------------------------------------------------------------------------


def child(*args: str) -> dict[str, Any]:
    command = [sys.executable, __file__, "--phase", *args]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {"p50": statistics.median(ordered), "p95": cuts[94], "p99": cuts[98]}


def prepare(work: Path, documents: int) -> None:
    corpus = work / "corpus"
    if not corpus.exists():
        sys.path.insert(0, str(HERE))
        from synth import generate  # another engineer's deterministic FRUS-like corpus

        generate(corpus, documents, seed=1)


def bench_size(work: Path, documents: int, repeat: int, cold: bool) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"documents": documents}
    started = time.perf_counter()
    prepare(work, documents)
    result["corpus_mb"] = folder_mb(work / "corpus")
    print(f"\n{documents:,} documents: corpus {result['corpus_mb']:,.0f} MB "
          f"({time.perf_counter() - started:.0f} s)", flush=True)  # fmt: skip
    for stale in ("archive.db", "archive.db-wal", "archive.db-shm", "fts.db"):
        (work / stale).unlink(missing_ok=True)
    shutil.rmtree(f"{work / 'archive.db'}.index", ignore_errors=True)
    result["ingest"] = child("ingest", str(work))
    result["index_mb"] = folder_mb(Path(f"{work / 'archive.db'}.index"))
    result["store_mb"] = folder_mb(work / "archive.db")
    print(
        f"  ingest (store + index) {result['ingest']['seconds']:.1f} s "
        f"({documents / result['ingest']['seconds']:,.0f} docs/s), index "
        f"{result['index_mb']:,.0f} MB in {result['ingest']['segments']} segments, "
        f"store {result['store_mb']:,.0f} MB",
        flush=True,
    )
    for name in ("a", "b"):  # on the index the ingest built
        result[name] = measure(work, name, repeat, cold)
    result["fts"] = child("fts", str(work))
    result["fts_mb"] = folder_mb(work / "fts.db")
    for name in ("c", "c0"):
        result[name] = measure(work, name, repeat, cold)
    result["reindex"] = child("reindex", str(work))
    print(
        f"  reindex (index alone, from the store) {result['reindex']['seconds']:.1f} s "
        f"({documents / result['reindex']['seconds']:,.0f} docs/s); FTS5 build "
        f"{result['fts']['seconds']:.1f} s, {result['fts_mb']:,.0f} MB",
        flush=True,
    )
    print_size(result, cold)
    return result


def measure(work: Path, name: str, repeat: int, cold: bool) -> dict[str, Any]:
    warm = child("warm", str(work), name, str(repeat))
    entry = {"warm": percentiles(warm["samples"]), "peak_mb": warm["peak_mb"]}
    entry["totals"] = warm["totals"]
    if cold:
        runs = [child("cold", str(work), name, str(i)) for i in range(len(queries()))]
        entry["cold"] = percentiles([r["ms"] for r in runs])
        entry["cold_peak_mb"] = max(r["peak_mb"] for r in runs)
    return entry


def print_size(result: dict[str, Any], cold: bool) -> None:
    header = f"  {'system':<7}"
    if cold:
        header += f" {'cold p50':>9} {'p95':>8} {'p99':>8}"
    header += f" {'warm p50':>9} {'p95':>8} {'p99':>8} {'peak RSS':>9}"
    print(header + "   (ms, MB)")
    for name in SYSTEMS:
        entry = result[name]
        line = f"  {name:<7}"
        if cold:
            c = entry["cold"]
            line += f" {c['p50']:>9.2f} {c['p95']:>8.2f} {c['p99']:>8.2f}"
        w = entry["warm"]
        line += f" {w['p50']:>9.2f} {w['p95']:>8.2f} {w['p99']:>8.2f} {entry['peak_mb']:>9.0f}"
        print(line)
    for when in ("warm", "cold") if cold else ("warm",):
        a, b = result["a"][when], result["b"][when]
        c, c0 = result["c"][when], result["c0"][when]
        ratios = f"c/a {c['p95'] / a['p95']:.1f}x, c0/a {c0['p95'] / a['p95']:.1f}x"
        print(f"  {when} p95 ratios: {ratios}, a/b {a['p95'] / b['p95']:.2f}x")
    totals = result["a"]["totals"]
    same = sum(totals[q] == result["c"]["totals"][q] for q in totals)
    print(f"  queries with the same hit count in a and c: {same}/{len(totals)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="10000,100000,300000")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/cf-search-bench"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-cold", action="store_true", help="skip the cold runs")
    parser.add_argument("--output", type=Path, help="write the figures as JSON here")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        name, work, *rest = args.phase
        phases: dict[str, Callable[..., dict[str, Any]]] = {
            "ingest": phase_ingest,
            "reindex": phase_reindex,
            "fts": phase_fts,
            "warm": lambda w, s, r: phase_warm(w, s, int(r)),
            "cold": lambda w, s, n: phase_cold(w, s, int(n)),
        }
        print(json.dumps(phases[name](Path(work), *rest)))
        return
    print(f"centralfiles search benchmark: {len(queries())} queries from {QUERIES}, top {LIMIT}")
    print("a = centralfiles Search.search, b = raw tantivy calls (floor), c = SQLite FTS5 bm25 "
          "doing the same work, c0 = FTS5 top 10 with snippets only")  # fmt: skip
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        results.append(bench_size(args.workdir / str(size), size, args.repeat, not args.no_cold))
        if args.output:
            args.output.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
