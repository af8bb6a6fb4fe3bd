"""Export benchmark: rows/s and peak RSS of every export format, against a plain
``json.dumps`` loop over the same rows, in the same run.

The synthetic corpus (bench/synth.py) is ingested once; then each phase runs in its own
process (so its peak RSS is its own) over the whole store:

  baseline   the rows read one at a time (``Archive.rows``) and ``json.dumps(doc.to_json())``
             written to a file: what any export must at least do
  <format>   ``write_export`` of the same rows in that format (jsonl, csv, parquet, bibtex,
             ris, csl-json), through a temporary file as ``centralfiles export -o`` writes

Memory is flat when the peak RSS does not grow with the number of rows: run with two
``--documents`` sizes and compare. Prints figures and ratios; asserts nothing.

    python bench/export.py [--documents 100000] [--formats jsonl,csv,parquet]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FORMATS = ["jsonl", "csv", "parquet", "bibtex", "ris", "csl-json"]


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def phase(name: str, db: Path, out: Path) -> dict[str, float]:
    from centralfiles import Archive
    from centralfiles.export import write_export

    with Archive(db, mode="ro") as archive:
        ids = archive.export_ids(None)
        started = time.perf_counter()
        with out.open("wb") as handle:
            if name == "baseline":
                count = 0
                for count, row in enumerate(archive.rows(ids), start=1):  # noqa: B007
                    handle.write(json.dumps(row.doc.to_json(), ensure_ascii=False).encode())
                    handle.write(b"\n")
            else:
                count = write_export(archive.rows(ids), name, handle)
        seconds = time.perf_counter() - started
    return {"rows": count, "seconds": seconds, "peak_mb": peak_rss_mb(),
            "bytes": out.stat().st_size}  # fmt: skip


def run(name: str, db: Path, workdir: Path) -> dict[str, float]:
    out = workdir / f"export-{name}.out"
    done = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--db", str(db), "--out", str(out)],
        capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode:
        raise SystemExit(f"phase {name} failed:\n{done.stderr}")
    out.unlink(missing_ok=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--phase")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.db, args.out)))
        return
    formats = args.formats.split(",")
    if unknown := set(formats) - set(FORMATS):
        parser.error(f"unknown format {sorted(unknown)[0]!r}; choose from {', '.join(FORMATS)}")
    sys.path.insert(0, str(HERE))
    from centralfiles import Archive
    from synth import generate

    with tempfile.TemporaryDirectory(prefix="centralfiles-export-") as tmp:
        workdir = Path(tmp)
        corpus = generate(workdir / "corpus", args.documents)
        db = workdir / "archive.db"
        started = time.perf_counter()
        with Archive(db) as archive:
            report = archive.ingest(corpus)
        print(f"ingested {report.document_count:,} synthetic documents in "
              f"{time.perf_counter() - started:.0f} s")  # fmt: skip
        print(f"{'phase':<10} {'rows':>9} {'seconds':>8} {'rows/s':>8} {'MB out':>8} "
              f"{'peak RSS MB':>11} {'vs baseline':>11}")  # fmt: skip
        base = None
        for name in ["baseline", *formats]:
            result = run(name, db, workdir)
            rate = result["rows"] / result["seconds"]
            base = base or rate
            print(f"{name:<10} {result['rows']:>9,} {result['seconds']:>8.1f} {rate:>8,.0f} "
                  f"{result['bytes'] / 2**20:>8.1f} {result['peak_mb']:>11.0f} "
                  f"{base / rate:>10.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
