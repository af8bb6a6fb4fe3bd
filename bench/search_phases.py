"""What runs inside one child process of the search benchmark: a build or a timed search.

Owns the query set (``queries``, from ``shared/bench/queries.txt``), the page size, the four
systems as callables (``make_system``: (a) ``Search.search``, (b) raw tantivy calls with the
queries compiled beforehand, (c)/(c0) FTS5 from bench/search_fts.py) and the phases the driver
(bench/search.py) starts one per process, so that each peak RSS is that phase's alone:
``ingest`` (store and index), ``reindex``, ``fts`` (the FTS5 build), ``warm`` (a warm-up pass,
then timed passes) and ``cold`` (the files evicted from the page cache, one query timed).
``run_phase`` maps a phase name and its string arguments to its JSON-ready result.
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from search_fts import Fts, build_fts

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


def make_system(name: str, work: Path) -> Callable[[str], int]:
    if name == "a":
        return system_a(work)
    if name == "b":
        return system_b(work)
    return Fts(work / "fts.db", full=name == "c", limit=LIMIT).run


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


def run_phase(name: str, work: Path, *rest: str) -> dict[str, Any]:
    """Run the phase ``name`` on the work folder ``work`` (its arguments as strings)."""
    phases: dict[str, Callable[..., dict[str, Any]]] = {
        "ingest": phase_ingest,
        "reindex": phase_reindex,
        "fts": build_fts,
        "warm": lambda w, s, r: phase_warm(w, s, int(r)),
        "cold": lambda w, s, n: phase_cold(w, s, int(n)),
    }
    return phases[name](work, *rest)
