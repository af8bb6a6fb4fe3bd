"""Ingest benchmark: centralfiles against a raw lxml iterparse pass over the same files.

Each phase runs in its own process so peak RSS is that phase's alone. Phases:
  raw     lxml.etree.iterparse, counting and clearing document divs (the baseline: parsing only)
  read    the centralfiles TEI reader (documents built, nothing stored)
  ingest  the full ingest: read, enrich (cable grammar) and store in a fresh SQLite file
Prints documents/s, MB/s, peak RSS and the ratio to the raw pass; asserts nothing.

    python bench/ingest.py [--documents 10000] [--repeat 3]

The synthetic corpus comes from bench/synth.py (real documents recombined, realistic sizes).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
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


def phase_ingest(paths: list[Path], workdir: Path) -> int:
    from centralfiles.ingest import ingest_paths
    from centralfiles.store import Store

    db = workdir / f"bench-{time.monotonic_ns()}.db"
    with Store(db) as store:
        report = ingest_paths(store, paths)
    if report.failed:
        raise SystemExit(f"ingest failed: {report.failed}")
    return report.document_count


PHASES = {"raw": phase_raw, "read": phase_read, "ingest": phase_ingest}


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
    done = subprocess.run(command, capture_output=True, text=True, check=True)
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


def child(name: str, paths: list[Path], workdir: Path) -> None:
    started = time.perf_counter()
    documents = PHASES[name](paths, workdir)
    seconds = time.perf_counter() - started
    peak_mb = peak_rss_mb()
    print(json.dumps({"seconds": seconds, "documents": documents, "peak_mb": peak_mb}))


def report(label: str, paths: list[Path], workdir: Path, repeat: int) -> None:
    size_mb = sum(p.stat().st_size for p in paths) / 2**20
    print(f"\n{label}: {len(paths)} file(s), {size_mb:.1f} MB")
    print(
        f"{'phase':<8} {'documents':>9} {'best s':>8} {'docs/s':>9} {'MB/s':>7} "
        f"{'peak RSS MB':>11} {'vs raw':>7}"
    )
    raw_rate = None
    for name in PHASES:
        runs = [run_phase(name, paths, workdir) for _ in range(repeat)]
        best = min(runs, key=lambda r: r["seconds"])
        rate = best["documents"] / best["seconds"]
        raw_rate = raw_rate or rate
        peak = max(r["peak_mb"] for r in runs)
        print(
            f"{name:<8} {best['documents']:>9,} {best['seconds']:>8.2f} {rate:>9,.0f} "
            f"{size_mb / best['seconds']:>7.1f} {peak:>11.0f} {raw_rate / rate:>6.1f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--documents", type=int, default=10_000, help="synthetic corpus size")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--phase", choices=PHASES)
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
        report("real excerpt", [EXCERPT], workdir, args.repeat)
        synthetic = generate(workdir / "corpus", args.documents)
        report("synthetic volumes (bench/synth.py)", synthetic, workdir, args.repeat)
        size = max(900, args.documents // 4)
        big = generate(workdir / "big", size, seed=2, volume_size=(size, size))
        report(f"one synthetic volume of {size:,} documents (memory bound check)", big,
               workdir, 1)  # fmt: skip


if __name__ == "__main__":
    main()
