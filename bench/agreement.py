"""How far two labellers agree: a second, independent labelling of a set in tests/data/links/
scored against the first the way ``eval_links.py`` scores the program, per kind.

The figure is the ceiling a target on the program can be read against: when two people who
follow CONVENTIONS.md find the same records only four times in five, a program that finds
them nine times in ten against one of them is not measured on extraction alone.

Each second labelling lives in ``tests/data/links/agreement/<set>/<volume>.json`` beside the
first (``tests/data/links/<set>/<volume>.json``); its labeller saw the TEI and the convention,
never the first labelling or the program. Two labels agree when they are of the same document,
place and kind and their spans overlap (offsets are both counted in the labeller's text; a
span the two placed apart by a few characters still agrees when one contains the other).

Printed, per kind and pooled over the sets: the first's labels (firm ones, doubtful set aside
as ``eval_links.py --firm`` does), the second's, and the second's precision and recall against
the first, twice: with every label of the second (what the program is held to, since it
marks nothing doubtful) and with the second's doubtful labels set aside too. Asserts nothing.

    python bench/agreement.py
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from eval_links import overlaps  # the evaluation's own test of two spans

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "links"
SECOND = DATA / "agreement"
#: how far apart two spans of the same text may start and still be one pointer
_NEAR = 40


def doubtful(label: dict[str, Any]) -> bool:
    return str(label.get("note", "")).startswith("doubtful")


def same_pointer(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Same document, place and kind, and overlapping (or nearly placed, nested) spans."""
    if (a["doc"], a["where"], a["kind"]) != (b["doc"], b["where"], b["kind"]):
        return False
    if overlaps(a, b):
        return True
    nested = a["text"] in b["text"] or b["text"] in a["text"]
    return nested and abs(a["start"] - b["start"]) <= _NEAR


def compare(
    first: list[dict[str, Any]], second: list[dict[str, Any]], second_firm: bool
) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """(first's counted labels, second's counted labels, agreed) by kind. The first's doubtful
    labels are set aside: a second label on one counts neither way. With ``second_firm`` the
    second's doubtful labels are set aside likewise."""
    labels, found, agreed = Counter[str](), Counter[str](), Counter[str]()
    used: set[int] = set()
    aside: set[int] = set()
    for label in first:
        match = next((i for i, other in enumerate(second)
                      if i not in used and same_pointer(label, other)), None)  # fmt: skip
        if match is not None:
            used.add(match)
        if doubtful(label):
            if match is not None:
                aside.add(match)
            continue
        if match is not None and second_firm and doubtful(second[match]):
            aside.add(match)
            continue
        labels[label["kind"]] += 1
        if match is not None:
            agreed[label["kind"]] += 1
    for i, other in enumerate(second):
        if i in aside or (second_firm and doubtful(other)):
            continue
        found[other["kind"]] += 1
    return labels, found, agreed


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def report(title: str, labels: Counter[str], found: Counter[str], agreed: Counter[str]) -> None:
    print(f"\n{title}")
    print(f"{'kind':14} {'first':>6} {'second':>6} {'agreed':>6}  precision  recall")
    kinds = sorted(set(labels) | set(found), key=lambda k: (-labels[k], k))
    rows = [(kind, labels[kind], found[kind], agreed[kind]) for kind in kinds]
    rows.append(("all", sum(labels.values()), sum(found.values()), sum(agreed.values())))
    for kind, first, second, both in rows:
        print(f"{kind:14} {first:6} {second:6} {both:6}"
              f"     {_percent(both, second)}  {_percent(both, first)}")  # fmt: skip


def main() -> None:
    pairs = [(DATA / path.relative_to(SECOND), path) for path in sorted(SECOND.glob("*/*.json"))]
    if not pairs:
        raise SystemExit(f"no second labellings under {SECOND}")
    pooled: dict[bool, list[Counter[str]]] = {
        flag: [Counter(), Counter(), Counter()] for flag in (False, True)
    }
    for first_path, second_path in pairs:
        first = json.loads(first_path.read_text(encoding="utf-8"))["labels"]
        second = json.loads(second_path.read_text(encoding="utf-8"))["labels"]
        name = str(first_path.relative_to(DATA))
        for second_firm in (False, True):
            counts = compare(first, second, second_firm)
            for total, part in zip(pooled[second_firm], counts, strict=True):
                total.update(part)
            which = "the second's doubtful set aside" if second_firm else "every second label"
            report(f"{name}: second labelling against the first's firm labels ({which})",
                   *counts)  # fmt: skip
    for second_firm in (False, True):
        which = "the second's doubtful set aside" if second_firm else "every second label"
        report(f"pooled over {len(pairs)} sets ({which})", *pooled[second_firm])


if __name__ == "__main__":
    main()
