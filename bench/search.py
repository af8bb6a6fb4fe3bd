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

The benchmark is split by job: this module is the driver (a child process per phase, the
percentiles, the printed and JSON figures); bench/search_phases.py holds the query set, the
systems (a), (b) and the phases a child runs; bench/search_fts.py the FTS5 peer, (c) and (c0).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from search_phases import LIMIT, QUERIES, SYSTEMS, queries, run_phase

HERE = Path(__file__).resolve().parent


def folder_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


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
        print(json.dumps(run_phase(name, Path(work), *rest)))
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
