"""Leave-one-volume-out evaluation of the person reconciler (``centralfiles.enrich.people``)
against the Office of the Historian's people registry.

For each chosen volume, its links in the registry are hidden: each of its persons-list
entries (name and role as that volume prints them) is reconciled against the identities
the *other* volumes give (their printed names, roles and volumes), and compared with the
registry's answer: the identity it belongs to, or a new person when no other volume prints
that identity. Reported per volume and overall: pairwise precision and recall of the links
made (entry → identity) and B-cubed F1 over the entries and the identities they join (each
identity an item of its own, so a false merge costs precision); every false merge is listed.

    python bench/eval_people.py [--registry PATH] [--volumes ID,...] [--sample N --seed S]

``--sample`` draws N volumes spread over the sub-series (1861–1899, 1900s, ..., 1969–76,
1977–80, 1981–88), round-robin, from the volumes the registry covers.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from centralfiles.enrich.people import Identity, reconcile, split_name
from centralfiles.readers.authorities import RegistryPerson, read_authority

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = ROOT.parent / "shared" / "authorities" / "hsg-people.tar.gz"


def load(path: Path) -> list[RegistryPerson]:
    kind, records = read_authority(path)
    if kind != "people":
        raise SystemExit(f"{path}: not the people registry")
    return [r for r in records if isinstance(r, RegistryPerson)]


def sub_series(volume: str) -> str:
    match = re.match(r"frus(\d{4})(?:-(\d{2}))?", volume)
    if not match:
        return "other"
    year = int(match[1])
    if match[2]:
        return f"{match[1]}-{match[2]}"
    return f"{year // 10 * 10}s"


def sample(volumes: list[str], count: int, seed: int) -> list[str]:
    groups: dict[str, list[str]] = defaultdict(list)
    for volume in sorted(volumes):
        groups[sub_series(volume)].append(volume)
    rng = random.Random(seed)
    for members in groups.values():
        rng.shuffle(members)
    chosen: list[str] = []
    order = sorted(groups)
    while len(chosen) < count and any(groups.values()):
        for key in order:
            if groups[key] and len(chosen) < count:
                chosen.append(groups[key].pop())
    return chosen


def evaluate(people: list[RegistryPerson], volume: str) -> dict[str, object]:
    hidden = []  # (person id, name, role) of the volume's entries
    candidates: dict[str, list[Identity]] = defaultdict(list)  # by surname key
    for person in people:
        roles = {(v, e): text for v, e, text in person.remarks}
        others = [e for e in person.entries if e.volume != volume]
        for entry in person.entries:
            if entry.volume == volume:
                hidden.append((person.id, entry.name, roles.get((entry.volume, entry.entry), ""),
                               bool(others)))  # fmt: skip
        if others:
            identity = Identity(
                id=person.id,
                names=sorted({e.name for e in others} | {person.preferred}),
                roles=sorted({text for v, e, text in person.remarks if v != volume}),
                volumes=sorted({e.volume for e in others}),
            )
            for surname in {split_name(name)[0] for name in identity.names}:
                candidates[surname].append(identity)
    tp = fp = fn = 0
    false_merges = []
    predicted: dict[int | str, str] = {}
    gold: dict[int | str, str] = {}
    for index, (person_id, name, role, known) in enumerate(hidden):
        match = reconcile(name, role, volume, candidates.get(split_name(name)[0], []))
        truth = person_id if known else None
        if match.id is not None and match.id == truth:
            tp += 1
        elif match.id is not None:
            fp += 1
            false_merges.append((name, role, match.id, truth, match.why))
            if truth is not None:
                fn += 1
        elif truth is not None:
            fn += 1
        predicted[index] = match.id or f"new:{index}"
        gold[index] = truth or f"new:{person_id}"
    # the identities the volume's entries join (rightly or not) are items too, each in its own
    # cluster: a false merge then costs B-cubed precision, a missed one recall
    for identity in {label for label in [*predicted.values(), *gold.values()]
                     if not label.startswith("new:")}:  # fmt: skip
        predicted[f"identity:{identity}"] = gold[f"identity:{identity}"] = identity  # type: ignore[index]
    return {"volume": volume, "entries": len(hidden), "tp": tp, "fp": fp, "fn": fn,
            "b3": b_cubed(predicted, gold), "false_merges": false_merges}  # fmt: skip


def b_cubed(
    predicted: dict[int | str, str], gold: dict[int | str, str]
) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering of the same items."""
    if not predicted:
        return 1.0, 1.0, 1.0
    by_predicted: dict[str, set[int | str]] = defaultdict(set)
    by_gold: dict[str, set[int | str]] = defaultdict(set)
    for item, label in predicted.items():
        by_predicted[label].add(item)
    for item, label in gold.items():
        by_gold[label].add(item)
    precision = recall = 0.0
    for item in predicted:
        mine, truth = by_predicted[predicted[item]], by_gold[gold[item]]
        common = len(mine & truth)
        precision += common / len(mine)
        recall += common / len(truth)
    precision /= len(predicted)
    recall /= len(predicted)
    return precision, recall, 2 * precision * recall / ((precision + recall) or 1)


def ratio(a: int, b: int) -> str:
    return f"{a / b:.1%}" if b else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--registry", type=Path, default=REGISTRY)
    parser.add_argument("--volumes", help="comma-separated volume ids")
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    people = load(args.registry)
    covered = sorted({e.volume for p in people for e in p.entries if e.volume.startswith("frus")})
    volumes = args.volumes.split(",") if args.volumes else sample(covered, args.sample, args.seed)
    unknown = [v for v in volumes if v not in covered]
    if unknown:
        raise SystemExit(f"not in the registry: {', '.join(unknown)}")
    print(f"{len(people):,} identities, {len(covered)} FRUS volumes; evaluating {len(volumes)} "
          f"({len({sub_series(v) for v in volumes})} sub-series), seed {args.seed}")  # fmt: skip
    print(f"{'volume':<22}{'entries':>8}{'links':>7}{'precision':>11}{'recall':>9}{'B3 F1':>8}")
    totals = {"tp": 0, "fp": 0, "fn": 0, "entries": 0}
    f1s, merges = [], []
    for volume in volumes:
        result = evaluate(people, volume)
        for key in totals:
            totals[key] += result[key]  # type: ignore[operator]
        tp, fp, fn = result["tp"], result["fp"], result["fn"]
        f1 = result["b3"][2]  # type: ignore[index]
        f1s.append(f1)
        merges += [(volume, *m) for m in result["false_merges"]]  # type: ignore[attr-defined]
        print(f"{volume:<22}{result['entries']:>8}{tp + fp:>7}{ratio(tp, tp + fp):>11}"  # type: ignore[operator]
              f"{ratio(tp, tp + fn):>9}{f1:>8.3f}")  # type: ignore[operator]  # fmt: skip
    tp, fp, fn = totals["tp"], totals["fp"], totals["fn"]
    mean_f1 = sum(f1s) / max(len(f1s), 1)
    print(f"{'ALL':<22}{totals['entries']:>8}{tp + fp:>7}{ratio(tp, tp + fp):>11}"
          f"{ratio(tp, tp + fn):>9}{mean_f1:>8.3f}  (B3: mean of the volumes)")  # fmt: skip
    print(f"false merges: {len(merges)}")
    for volume, name, role, chosen, truth, why in merges:
        print(f"  {volume}: {name!r} ({role[:60]}) → {chosen}, truly {truth or 'a new person'} "
              f"[{why}]")  # fmt: skip
    print(f"{time.perf_counter() - started:.1f} s")
    sys.exit(0)


if __name__ == "__main__":
    main()
