"""Precision and recall of pointer extraction, per kind, and resolution accuracy, against the
hand-labelled references in tests/data/links/ (the excerpt's 33 documents and the seeds).

Usage: ``python bench/eval_links.py [--quiet]``. The excerpt and the seeds are ingested into
a temporary store; each labelled reference is matched to an extracted pointer of the same
document, place (``body``, ``footnote N``) and kind whose text overlaps it. Reported: per kind,
labels, found, matched, precision and recall; then resolution: of the matched pointers with a
labelled target, how many resolved to it, how many resolved wrongly (the figure that must be
0) and how many stayed unresolved; every miss and false positive is listed unless --quiet.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from centralfiles import Archive

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = ROOT / "tests" / "data" / "links"
KINDS_WITH_TARGET = {"document", "footnote", "page", "telegram", "channel", "post_number",
                     "deptel", "embtel", "reftel", "memorandum"}  # fmt: skip


def labels() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for path in sorted(DATA.glob("*.json")):
        found += json.loads(path.read_text(encoding="utf-8"))["labels"]
    return found


def extracted(archive: Archive, seed_ids: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Pointers by labelled document name (TEI id, or the seed's file name)."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for name, doc_id in seed_ids.items():
        by_doc[name] = [p.to_json() for p in archive.document(doc_id).pointers]
    for doc_id in archive.store.document_ids("frus1964-68v13"):
        by_doc[doc_id] = [p.to_json() for p in archive.document(doc_id).pointers]
    return by_doc


def overlaps(label: dict[str, Any], pointer: dict[str, Any]) -> bool:
    a, b = label["start"], label["start"] + len(label["text"])
    c, d = pointer["start"], pointer["start"] + len(pointer["text"])
    return a < d and c < b


def evaluate(quiet: bool = False) -> int:
    expected = labels()
    with tempfile.TemporaryDirectory() as folder, Archive(Path(folder) / "eval.db") as archive:
        report = archive.ingest([SHARED / "frus", SHARED / "seeds"])
        seed_ids = {
            Path(item.path).name: item.documents[0]
            for item in report.ingested
            if item.path.endswith(".txt")
        }
        found = extracted(archive, seed_ids)
    totals: Counter[str] = Counter()
    matched_kind: Counter[str] = Counter()
    found_kind: Counter[str] = Counter()
    used: set[tuple[str, int]] = set()
    misses, resolution = [], Counter()
    wrong = []
    for label in expected:
        kind = label["kind"]
        totals[kind] += 1
        pointers = found.get(label["doc"], [])
        match = next(
            (
                (i, p) for i, p in enumerate(pointers)
                if (label["doc"], i) not in used and p["kind"] == kind
                and p["where"] == label["where"] and overlaps(label, p)
            ),
            None,
        )  # fmt: skip
        if match is None:
            misses.append(label)
            continue
        index, pointer = match
        used.add((label["doc"], index))
        matched_kind[kind] += 1
        target = label.get("target")
        if kind in KINDS_WITH_TARGET and target:
            if target == "not printed here":
                resolution[
                    "unprinted, left unresolved" if not pointer["resolved"] else "wrong"
                ] += 1
                if pointer["resolved"]:
                    wrong.append((label, pointer))
            elif pointer["resolved"] and _same(pointer["target"], target):
                resolution["resolved right"] += 1
            elif pointer["resolved"]:
                resolution["wrong"] += 1
                wrong.append((label, pointer))
            else:
                resolution["printed, left unresolved"] += 1
    false_positives = []
    for doc, pointers in found.items():
        for index, pointer in enumerate(pointers):
            found_kind[pointer["kind"]] += 1
            if (doc, index) not in used:
                false_positives.append((doc, pointer))
    print(f"{'kind':<14}{'labels':>8}{'found':>8}{'matched':>9}{'precision':>11}{'recall':>9}")
    for kind in sorted(set(totals) | set(found_kind)):
        precision = matched_kind[kind] / found_kind[kind] if found_kind[kind] else float("nan")
        recall = matched_kind[kind] / totals[kind] if totals[kind] else float("nan")
        print(f"{kind:<14}{totals[kind]:>8}{found_kind[kind]:>8}{matched_kind[kind]:>9}"
              f"{precision:>10.1%}{recall:>9.1%}")  # fmt: skip
    all_found, all_matched = sum(found_kind.values()), sum(matched_kind.values())
    print(
        f"{'ALL':<14}{len(expected):>8}{all_found:>8}{all_matched:>9}"
        f"{all_matched / max(all_found, 1):>10.1%}{all_matched / max(len(expected), 1):>9.1%}"
    )
    print("resolution:", dict(resolution))
    if not quiet:
        for label in misses:
            print(f"- missed {label['doc']} {label['where']} {label['kind']}: {label['text']!r}")
        for doc, pointer in false_positives:
            print(f"+ extra  {doc} {pointer['where']} {pointer['kind']}: {pointer['text']!r}")
        for label, pointer in wrong:
            print(f"! wrong  {label['doc']} {label['text']!r}: {pointer['target']} "
                  f"(label: {label['target']})")  # fmt: skip
    return 1 if resolution["wrong"] else 0


def _same(resolved: str, labelled: str) -> bool:
    return resolved.replace("#d331fn", "#fn").split("#")[0] == labelled.split("#")[0] and (
        ("#" in resolved) == ("#" in labelled)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quiet", action="store_true")
    sys.exit(evaluate(parser.parse_args().quiet))


if __name__ == "__main__":
    main()
