"""The corpus: how many volumes of what size from which source, written in parallel.

Owns ``generate`` (the entry point the benchmarks and tests call), ``plan_volumes`` (volume
sizes drawn in ``volume_size``, the last one cut to the total, and a source per volume, from
``random.Random("frussynth:<seed>")``), ``source_files`` and the worker processes: each loads
every source once (``_load_sources``, the pool initializer) and renders whole volumes. Output
does not depend on the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import random
from collections.abc import Sequence
from pathlib import Path

from synth_source import Source, load_source
from synth_volume import VolumePlan, render_volume

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parent.parent / "shared" / "frus"

_SOURCES: list[Source] = []


def _load_sources(paths: Sequence[Path]) -> None:
    global _SOURCES
    _SOURCES = [load_source(path) for path in paths]


def _write_volume(plan: VolumePlan) -> tuple[Path, int, int]:
    data = render_volume(plan, _SOURCES[plan.source]).encode("utf-8")
    plan.path.write_bytes(data)
    return plan.path, plan.documents, len(data)


def plan_volumes(
    out: Path, documents: int, seed: int, sources: int, volume_size: tuple[int, int]
) -> list[VolumePlan]:
    """Volume sizes (random in ``volume_size``, the last one cut to the total) and sources."""
    rng = random.Random(f"frussynth:{seed}")
    plans: list[VolumePlan] = []
    remaining = documents
    while remaining > 0:
        size = min(remaining, rng.randint(*volume_size))
        index = len(plans) + 1
        path = out / f"frussynth-v{index:04d}.xml"
        plans.append(VolumePlan(index, size, rng.randrange(sources), f"{seed}/{index}", path))
        remaining -= size
    return plans


def source_files(source: Path) -> list[Path]:
    """The source TEI files: ``source`` itself or the ``*.xml`` in it, sorted."""
    files = [source] if source.is_file() else sorted(source.glob("*.xml"))
    if not files:
        raise FileNotFoundError(f"no TEI files in {source}")
    return files


def generate(
    out: Path,
    documents: int,
    seed: int = 1,
    source: Path = DEFAULT_SOURCE,
    *,
    volume_size: tuple[int, int] = (300, 900),
    workers: int | None = None,
) -> list[Path]:
    """Write synthetic volumes with ``documents`` documents in all into ``out``; their paths."""
    out.mkdir(parents=True, exist_ok=True)
    files = source_files(Path(source))
    plans = plan_volumes(out, documents, seed, len(files), volume_size)
    workers = min(workers or os.cpu_count() or 1, len(plans))
    if workers <= 1:
        _load_sources(files)
        return [_write_volume(plan)[0] for plan in plans]
    with multiprocessing.get_context().Pool(workers, _load_sources, (files,)) as pool:
        return [path for path, _, _ in pool.imap(_write_volume, plans)]
