"""Instructions per stage of an ingest, counted by valgrind (callgrind): a figure that does not
move with the machine's load.

Wall-clock rates on a shared two-core machine move by 10-20% from one minute to the next, more
than most single changes save; the number of instructions a stage executes is the same on
every run. Each stage runs in its own process under ``valgrind --tool=callgrind`` over the same
synthetic volume, and each stage includes the ones before it, so the differences are what each
adds:

  import    Python and the centralfiles modules loaded, nothing read (subtracted from the rest)
  raw       lxml iterparse of the volume (the floor: parsing only)
  read      the TEI reader (documents built)
  cable     + the cable grammar
  enrich    + pointer extraction (every enricher)
  prepared  + the store rows and index fields a reader process hands the writer
  store     the ingest without the index (rows written, pointers resolved, one transaction)
  serial    the whole ingest in one process, search index included (tantivy's threads too)
  nolinks   ``serial`` with pointer extraction and resolution switched off (as bench/ingest.py's
            phase of that name): what links add is ``serial`` over it

    python bench/instructions.py [--volume-size 800] [--stages raw,read,...]

Needs valgrind (Debian: apt-get install valgrind). Takes a few minutes: valgrind runs the code
about fifty times slower, two stages at a time.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = ("import", "raw", "read", "cable", "enrich", "prepared", "store", "serial", "nolinks")


def run_stage(stage: str, path: Path) -> int:
    """What one stage does (in this process; ``main`` runs it under valgrind)."""
    import centralfiles.pipeline.ingest  # noqa: F401  (every stage pays the same imports)
    from centralfiles.enrich import cable
    from centralfiles.model import Document
    from centralfiles.pipeline.prefetch import prepared_items, read_items
    from centralfiles.readers.tei import iter_volume

    if stage == "import":
        return 0
    if stage == "raw":
        from ingest import phase_raw  # bench/ingest.py: the same raw pass as its baseline

        return phase_raw([path], path.parent)
    if stage == "read":
        return sum(isinstance(item, Document) for item in iter_volume(path))
    if stage == "cable":
        return sum(
            1 for item in iter_volume(path) if isinstance(item, Document) and cable.enrich(item)
        )
    if stage == "enrich":
        return sum(isinstance(item, Document) for item in read_items(path))
    if stage == "prepared":
        return sum(1 for _ in prepared_items(path))
    from centralfiles.pipeline.ingest import ingest_paths
    from centralfiles.store.database import Store

    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "i.db") as store:
        report = ingest_paths(store, [path], workers=0, index=stage in ("serial", "nolinks"))
        return report.document_count


def count_instructions(stage: str, path: Path) -> int:
    """Instructions (callgrind's Ir) of running ``stage`` on ``path`` in a fresh process."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    command += [sys.executable, __file__, "--run", stage, str(path)]
    from ingest import without_links_env  # bench/ingest.py, on sys.path from main()

    env = without_links_env() if stage == "nolinks" else None
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    found = re.search(r"refs:\s+([\d,]+)", done.stderr)
    if not found:
        raise SystemExit(f"valgrind printed no instruction count for {stage}:\n{done.stderr}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--volume-size", type=int, default=800, help="documents in the volume")
    parser.add_argument("--stages", default=",".join(STAGES))
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("path", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run_stage(args.run, args.path)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    stages = [s for s in STAGES if s in args.stages.split(",")]
    if "import" not in stages:
        stages.insert(0, "import")
    sys.path.insert(0, str(HERE))
    from synth import generate

    with tempfile.TemporaryDirectory(prefix="centralfiles-instructions-") as tmp:
        size = args.volume_size
        (path,) = generate(Path(tmp) / "corpus", size, seed=3, volume_size=(size, size))
        documents = run_stage("read", path)
        size_mb = path.stat().st_size / 2**20
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            found = pool.map(lambda stage: count_instructions(stage, path), stages)
            counts = dict(zip(stages, found, strict=True))
    base = counts.pop("import")
    without_links = counts.pop("nolinks", None)
    print(f"instructions per stage, one synthetic volume of {documents:,} documents")
    print(f"({size_mb:.1f} MB); the imports ({base / 1e6:,.0f} M) are subtracted")
    print(f"{'stage':<9} {'M instr':>9} {'adds M':>8} {'per doc':>9} {'share':>6} {'vs raw':>7}")
    total = counts.get("serial") or max(counts.values())
    raw = counts.get("raw")
    previous = base
    for stage, count in counts.items():
        own = count - base
        step = count - previous if stage != "store" else count - counts.get("prepared", base)
        print(
            f"{stage:<9} {own / 1e6:>9,.0f} {step / 1e6:>8,.0f} {step / documents / 1e6:>8.2f}M "
            f"{step / (total - base):>6.1%} {(own / (raw - base)) if raw else 0:>6.1f}x"
        )
        previous = count
    if without_links is not None and "serial" in counts:
        added = (counts["serial"] - without_links) / (without_links - base)
        print(f"links (extraction + resolution) add {added:+.1%} to the serial ingest's "
              f"instructions ({(counts['serial'] - without_links) / documents / 1e6:.2f} M a "
              "document)")  # fmt: skip


if __name__ == "__main__":
    main()
