"""A synthetic, full-scale FRUS-like TEI corpus for benchmarks, recombined from real volumes.

Every real document of the source files (``/work/shared/frus/*.xml`` by default) is parsed once
with lxml and cut into a *frame* (head with its source note, dateline or opener, the telegram's
numbered first paragraph or a memorandum's subject/participants lists, the closer) and *body
blocks* (``p``, ``list``, ``quote``, tables ...). Blocks are serialised once and tokenised into
literal strings and *holes* (persons, notes, page breaks, internal references, the head number,
the telegram number, the classification sentence, from/to posts), so writing a volume is mostly
joining strings.

A synthetic document takes the frame of a random real document and body blocks drawn from the
pool of every document of the same type (telegram, memorandum of conversation, memorandum,
paper, other), so term statistics stay those of real text. On the way out it gets:

* a new number (``xml:id`` d1..dn, ``@n``, the printed "NNN. ", note ids ``dNfnM``);
* dates shifted by whole days (``date/@when|@from|@to|@notBefore|@notAfter``, the printed
  date and ``frus:doc-dateTime-min/max`` together) so a volume covers a span of a few years
  within 1945–1990, increasing through the volume;
* persons (``persName`` with ``corresp``) swapped for others of the persons list, consistently
  within a document and Zipf-weighted per volume;
* occasionally another classification and caveat in the source note, another post in a
  telegram's from/to gloss (and its dateline place), a new telegram number;
* page breaks renumbered in order (inside documents where the real text had them, between
  documents and where a page would otherwise run too long), plus occasional editorial notes.

Each volume keeps the header and front matter (persons and terms lists) of its source with a
new id ``frussynth-vNNNN``, title and date range. Output is deterministic for a seed.

    python bench/synth.py --documents 300000 --out /tmp/synth [--seed 1] [--source DIR]

The work is split by job, one module each (all in bench/, imported by their plain names):

* ``synth_vocab``: the word lists, weights and rates of the mutations (data only);
* ``synth_dates``: date patterns and shifting by whole days;
* ``synth_tokens``: serialised fragments cut into literals and holes (the segment format);
* ``synth_source``: a real volume parsed into frames, block pools and front matter;
* ``synth_volume``: one volume's TEI text from its plan and source;
* ``synth_corpus``: the volume plan of a corpus and the parallel writer (``generate``);
* this module: the command line, and the names importers use (``from synth import generate``).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from synth_corpus import DEFAULT_SOURCE, generate, plan_volumes, source_files
from synth_source import Source, Template, document_kind, load_source
from synth_tokens import tokenize
from synth_volume import VolumePlan, render_volume

__all__ = [
    "DEFAULT_SOURCE",
    "Source",
    "Template",
    "VolumePlan",
    "document_kind",
    "generate",
    "load_source",
    "main",
    "plan_volumes",
    "render_volume",
    "source_files",
    "tokenize",
]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    paths = generate(args.out, args.documents, args.seed, args.source, workers=args.workers)
    seconds = time.perf_counter() - started
    size = sum(path.stat().st_size for path in paths) / 2**20
    print(
        f"{len(paths)} files, {args.documents} documents, {size:.1f} MB, {seconds:.1f} s "
        f"-> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
