"""Ingest benchmark: centralfiles against a raw lxml iterparse pass over the same files.

Each phase runs in its own process so peak RSS is that phase's alone. Phases:
  raw     lxml.etree.iterparse, counting and clearing document divs (the baseline: parsing only)
  read    the centralfiles TEI reader (documents built, nothing stored)
  store   read, enrich (cable grammar) and store in a fresh SQLite file, in one process
  serial  the same plus the search index, in one process (--workers 0)
  ingest  the full ingest as `centralfiles ingest` runs it: reader processes (one per core)
          parse and enrich while the main process stores and indexes
  index   the search engine alone: tantivy indexes the documents' fields (read, enriched and
          prepared before the clock starts), with the writer settings of an ingest -- the part
          of an ingest that no Python change can make cheaper
  nolinks, ingest-nolinks
          `serial` and `ingest` without the links (pointer extraction and resolution switched
          off): what links cost is the time with them over the time without, in the same run
Prints documents/s, MB/s, peak RSS, the ratio to the raw pass and the CPU seconds of each phase's
processes (phases run round by round, best of the rounds); asserts nothing.

    python bench/ingest.py [--documents 10000] [--repeat 3] [--phases serial,nolinks]

The synthetic corpus comes from bench/synth.py (real documents recombined, realistic sizes).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
EXCERPT = SHARED / "frus" / "frus1964-68v13-excerpt.xml"
TEI_DIV = "{http://www.tei-c.org/ns/1.0}div"


def phase_raw(paths: list[Path], _: Path) -> int:
    from lxml import etree

    count = 0
    for path in paths:
        for _event, elem in etree.iterparse(str(path), events=("end",), tag=TEI_DIV):
            if elem.get("type") == "document":
                count += 1
                elem.clear(keep_tail=True)
                while elem.getprevious() is not None:
                    del elem.getparent()[0]
    return count


def phase_read(paths: list[Path], _: Path) -> int:
    from centralfiles.model import Document
    from centralfiles.readers.tei import iter_volume

    return sum(isinstance(item, Document) for path in paths for item in iter_volume(path))


def phase_index(paths: list[Path], workdir: Path) -> int:
    import tantivy

    from centralfiles.pipeline.prefetch import PreparedDocument, prepared_items
    from centralfiles.search.index import IndexSession
    from centralfiles.search.schema import SCHEMA, register_analyzers

    fields = [i.index for p in paths for i in prepared_items(p) if isinstance(i, PreparedDocument)]
    folder = workdir / f"index-{time.monotonic_ns()}"
    folder.mkdir()
    index = tantivy.Index(SCHEMA, path=str(folder))
    register_analyzers(index)
    CLOCK.reset()  # what came before (reading, preparing) is not the index's time
    writer = IndexSession._open_writer(index)
    for done, item in enumerate(fields, 1):
        writer.add_document(tantivy.Document(**item))
        if done % 2000 == 0:  # as an ingest commits (COMMIT_EVERY_DOCUMENTS)
            writer.commit()
    writer.commit()
    writer.wait_merging_threads()
    return len(fields)


class _Clock:
    """The phase's start, which a phase may move past its own set-up."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    def reset(self) -> None:
        self.started = time.perf_counter()


CLOCK = _Clock()


def _ingest(paths: list[Path], workdir: Path, **options: object) -> int:
    from centralfiles.pipeline.ingest import ingest_paths
    from centralfiles.store.database import Store

    db = workdir / f"bench-{time.monotonic_ns()}.db"
    with Store(db) as store:
        report = ingest_paths(store, paths, **options)
    if report.failed:
        raise SystemExit(f"ingest failed: {report.failed}")
    return report.document_count


def phase_store(paths: list[Path], workdir: Path) -> int:
    return _ingest(paths, workdir, workers=0, index=False)


def phase_serial(paths: list[Path], workdir: Path) -> int:
    return _ingest(paths, workdir, workers=0)


def phase_ingest(paths: list[Path], workdir: Path) -> int:
    return _ingest(paths, workdir)


#: the phases run without links (bench/nolinks/sitecustomize.py switches them off in every
#: process of the phase, reader processes included), and the phase each is compared with
WITHOUT_LINKS = {"nolinks": "serial", "ingest-nolinks": "ingest"}


PHASES = {
    "raw": phase_raw,
    "read": phase_read,
    "store": phase_store,
    "serial": phase_serial,
    "ingest": phase_ingest,
    "index": phase_index,
    "nolinks": phase_serial,
    "ingest-nolinks": phase_ingest,
}


def without_links_env() -> dict[str, str]:
    """This process's environment with bench/nolinks first on PYTHONPATH: a Python started with
    it has pointer extraction and resolution switched off (bench/nolinks/sitecustomize.py)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE / "nolinks"),
                                                      env.get("PYTHONPATH")]))  # fmt: skip
    return env


def run_phase(name: str, paths: list[Path], workdir: Path) -> dict[str, float]:
    """Run one phase in a child process; returns seconds, documents and peak RSS (MB)."""
    command = [
        sys.executable,
        __file__,
        "--phase",
        name,
        "--workdir",
        str(workdir),
        *map(str, paths),
    ]
    env = without_links_env() if name in WITHOUT_LINKS else None
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-20:])
        raise SystemExit(f"phase {name} failed (exit {done.returncode}):\n{tail}")
    return json.loads(done.stdout)


def peak_rss_mb() -> float:
    """This process's own peak RSS (VmHWM; ru_maxrss on Linux also counts the parent's peak
    from before exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class TreeRss:
    """Samples the summed RSS of this process and all its descendants (reader processes), and
    the CPU time each has used (a reader process is not this one's child to wait for: its CPU
    is the last sample's, at most one interval short)."""

    def __init__(self, interval: float = 0.05) -> None:
        import psutil

        self.root = psutil.Process()
        self.interval = interval
        self.peak = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            for process in [self.root, *self.root.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += process.memory_info().rss
                    times = process.cpu_times()
                    self.cpu[process.pid] = times.user + times.system
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        times = self.root.cpu_times()
        self.cpu[self.root.pid] = times.user + times.system

    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())


def child(name: str, paths: list[Path], workdir: Path) -> None:
    # imported before the clock starts in every phase: the ``*-nolinks`` phases import them at
    # start-up (bench/nolinks/sitecustomize.py), which must not count as a saving
    import lxml.etree  # noqa: F401

    import centralfiles.pipeline.ingest
    import centralfiles.store.database  # noqa: F401

    with TreeRss() as tree:
        CLOCK.reset()
        started_cpu = time.process_time()
        documents = PHASES[name](paths, workdir)
        seconds = time.perf_counter() - CLOCK.started
    result = {
        "seconds": seconds,
        # the phase's CPU in every process: this one's from the clock's start, the readers' all
        "cpu": tree.cpu_seconds() - started_cpu,
        "documents": documents,
        "peak_mb": peak_rss_mb(),
        "tree_mb": tree.peak / 2**20,
    }
    print(json.dumps(result))


def report(
    label: str, paths: list[Path], workdir: Path, repeat: int, phases: list[str] | None = None
) -> None:
    size_mb = sum(p.stat().st_size for p in paths) / 2**20
    print(f"\n{label}: {len(paths)} file(s), {size_mb:.1f} MB")
    print(
        f"{'phase':<8} {'documents':>9} {'best s':>8} {'docs/s':>9} {'MB/s':>7} "
        f"{'peak RSS MB':>11} {'all procs MB':>12} {'vs raw':>7} {'CPU s':>7}"
    )
    raw_rate = None
    seconds: dict[str, float] = {}
    cpu: dict[str, float] = {}
    names = phases or list(PHASES)
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    for _ in range(repeat):  # round by round, so that a machine that slows down slows every phase
        for name in names:
            runs[name].append(run_phase(name, paths, workdir))
    for name in names:
        best = min(runs[name], key=lambda r: r["seconds"])
        seconds[name] = best["seconds"]
        cpu[name] = min(r["cpu"] for r in runs[name])
        rate = best["documents"] / best["seconds"]
        raw_rate = raw_rate or rate
        peak = max(r["peak_mb"] for r in runs[name])
        tree = max(r["tree_mb"] for r in runs[name])
        print(
            f"{name:<8} {best['documents']:>9,} {best['seconds']:>8.2f} {rate:>9,.0f} "
            f"{size_mb / best['seconds']:>7.1f} {peak:>11.0f} {tree:>12.0f} "
            f"{raw_rate / rate:>6.1f}x {cpu[name]:>7.2f}"
        )
    for without, with_links in WITHOUT_LINKS.items():
        if without in seconds and with_links in seconds:
            added = seconds[with_links] / seconds[without] - 1
            added_cpu = cpu[with_links] / cpu[without] - 1
            print(f"links (extraction + resolution) add {added:+.1%} to `{with_links}` "
                  f"(CPU of all its processes {added_cpu:+.1%})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--documents", type=int, default=10_000, help="synthetic corpus size")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--phase", choices=PHASES)
    parser.add_argument("--phases", help="comma-separated phases to run (default: all)")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args()
    if args.phase:
        child(args.phase, args.paths, args.workdir)
        return

    sys.path.insert(0, str(HERE))
    from synth import generate

    with tempfile.TemporaryDirectory(prefix="centralfiles-bench-") as tmp:
        workdir = Path(tmp)
        print("centralfiles ingest benchmark (vs raw = how many times slower than lxml alone)")
        phases = args.phases.split(",") if args.phases else None
        if unknown := set(phases or ()) - set(PHASES):
            parser.error(f"unknown phase {sorted(unknown)[0]!r}; choose from {', '.join(PHASES)}")
        report("real excerpt", [EXCERPT], workdir, args.repeat, phases)
        synthetic = generate(workdir / "corpus", args.documents)
        report("synthetic volumes (bench/synth.py)", synthetic, workdir, args.repeat, phases)
        # a quarter of the corpus in one volume, kept under the reader's 512 MB cap per file
        size = min(max(900, args.documents // 4), 40_000)
        big = generate(workdir / "big", size, seed=2, volume_size=(size, size))
        report(f"one synthetic volume of {size:,} documents (memory bound check)", big,
               workdir, 1, phases)  # fmt: skip


if __name__ == "__main__":
    main()
