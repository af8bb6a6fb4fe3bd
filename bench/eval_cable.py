"""Field-level accuracy of the cable grammar over the hand-labelled cases in tests/data/cable.

Usage: ``python bench/eval_cable.py [--origin real|rule] [--quiet]``. Prints, per field
(``kind.field``), the number of cases where the grammar's value equals the label, the total
and the percentage, then every mismatch. Exit status 1 if any field is below 99%.

Each case is ``{"id", "origin", "kind", "input", "context", "expected"}``; only the fields listed
in ``expected`` are compared. Kinds: ``source_note``, ``footnote``, ``citation``, ``heading``,
``caption``, ``dateline``, ``document``. ``tests/test_cable.py`` runs the same cases.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

from centralfiles.enrich.cable import (
    Citation,
    SourceNote,
    enrich,
    find_citations,
    parse_caption,
    parse_citation,
    parse_heading,
    parse_source_note,
    transmission_time,
)
from centralfiles.model import Document, Footnote, Telegram

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "cable"
#: real documents of ten volumes across the series, 1861-1991, labelled by hand from the text
#: before the grammar was run on them (``tei_document`` cases: the TEI snippet is read by the
#: real reader, then enriched)
ERAS = DATA / "eras"
THRESHOLD = 99.0
ERA_THRESHOLD = 98.0


def load_cases(directory: Path = DATA) -> list[dict[str, Any]]:
    """All cases of every JSON file under ``directory``, in file order."""
    cases: list[dict[str, Any]] = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            case.setdefault("file", path.name)
            cases.append(case)
    return cases


def _previous(chain: list[str]) -> SourceNote | Citation | None:
    """The citation "Ibid." refers to after reading ``chain`` (source note, then footnotes)."""
    previous: SourceNote | Citation | None = None
    for index, text in enumerate(chain):
        if index == 0:
            previous = parse_source_note(text)
            continue
        found = find_citations(text, previous)
        if found:
            previous = found[-1]
    return previous


def _subset(value: Any, keys: list[str]) -> dict[str, Any]:
    data = value if isinstance(value, dict) else asdict(value)
    return {key: data.get(key) for key in keys}


def actual_values(case: dict[str, Any]) -> dict[str, Any]:
    """Run the grammar on one case; returns every field the case labels."""
    kind, text, context = case["kind"], case["input"], case.get("context", {})
    expected = case["expected"]
    if kind == "source_note":
        previous = _previous(context["chain"]) if context.get("chain") else None
        return asdict(parse_source_note(text, previous))
    if kind == "citation":
        previous = parse_citation(context["previous"]) if context.get("previous") else None
        return asdict(parse_citation(text, previous))
    if kind == "footnote":
        found = find_citations(text, _previous(context.get("chain", [])))
        keys = ["repository", "collection", "file_code", "lot"]
        if expected.get("citations"):
            keys = list(expected["citations"][0])
        return {"citations": [_subset(c, keys) for c in found]}
    if kind == "heading":
        return asdict(parse_heading(text))
    if kind == "caption":
        caption = parse_caption(text, post=context.get("post"), doc_type=context.get("doc_type"))
        values = asdict(caption)
        values["telegram"] = _telegram(caption.telegram, expected)
        return values
    if kind == "dateline":
        return {"transmission_time": transmission_time(text, doc_type=context.get("doc_type"))}
    if kind in ("tei_document", "text_document"):
        doc = read_snippet(text["volume"], text["xml"])
        if kind == "text_document":  # the same document as plain text: show --format text
            doc = as_plain_text(doc)
        values = asdict(doc)
        values["source"] = _subset(doc.source, list(expected.get("source") or []))
        values["telegram"] = _telegram(doc.telegram, expected)
        values["participants"] = [asdict(p) for p in doc.participants]
        return values
    if kind == "document":
        doc = Document(
            id="case",
            volume="case",
            heading=text["heading"],
            title=text.get("title", ""),
            text=text.get("text", ""),
            place=text.get("place"),
            dateline=text.get("dateline"),
            kind=text.get("kind", "historical-document"),
            doc_type=text.get("doc_type"),
            from_=text.get("from_"),
            to=text.get("to"),
            footnotes=[
                Footnote(n=f.get("n"), id=None, text=f["text"], is_source=f.get("is_source", False))
                for f in text.get("footnotes", [])
            ],
        )
        enrich(doc)
        values = asdict(doc)
        values["telegram"] = _telegram(doc.telegram, expected)
        if "source" in expected:
            values["source"] = _subset(doc.source, list(expected["source"]))
        return values
    raise ValueError(f"unknown case kind {kind!r} in {case['id']}")


def _telegram(telegram: Telegram | None, expected: dict[str, Any]) -> dict[str, Any] | None:
    """The telegram as the document JSON gives it; its ``alias`` (a channel number beside the
    serial) is compared only where the case labels one."""
    if telegram is None:
        return None
    values = telegram.to_json()
    if "alias" not in (expected.get("telegram") or {}):
        values.pop("alias", None)
    return values


_WRAPPER = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{volume}"><teiHeader><fileDesc><titleStmt>'
    '<title type="complete">{volume}</title></titleStmt></fileDesc></teiHeader>'
    "<text><body>{xml}</body></text></TEI>"
)


def read_snippet(volume: str, xml: str) -> Document:
    """One labelled document div read as ingest reads it: the TEI reader over a volume
    holding only that div, then every enricher."""
    import tempfile

    from centralfiles.enrich import enrich
    from centralfiles.readers.tei import iter_volume

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{volume}.xml"
        path.write_text(_WRAPPER.format(volume=volume, xml=xml), encoding="utf-8")
        docs = [item for item in iter_volume(path) if isinstance(item, Document)]
    return enrich(docs[0])


def contract_form(expected: dict[str, Any]) -> dict[str, Any]:
    """An era label (markings and lots written as printed) in the document contract's
    normalised spelling: "Niact" -> "Niact Immediate", "Limit Distribution" -> "Limdis",
    "Strictly Confidential" -> Confidential with the caveat, "Lot 91D257" -> "Lot 91 D 257".
    The labels stay as printed; only the comparison normalises them."""
    from centralfiles.enrich.cable.codes import parse_lot
    from centralfiles.enrich.cable.markings import parse_markings

    out = dict(expected)
    caveats = list(out.get("caveats") or [])
    if out.get("classification"):
        found = parse_markings(out["classification"])
        if found is not None and found.classification:
            out["classification"] = found.classification
            caveats = [*found.caveats, *caveats]
    if out.get("precedence"):
        found = parse_markings(out["precedence"])
        if found is not None and found.precedence:
            out["precedence"] = found.precedence
    normalised = []
    for caveat in caveats:
        found = parse_markings(caveat)
        spelled = found.caveats[0] if found is not None and len(found.caveats) == 1 else caveat
        if spelled not in normalised:
            normalised.append(spelled)
    if "caveats" in out:
        out["caveats"] = normalised
    source = out.get("source")
    if isinstance(source, dict) and source.get("lot"):
        out["source"] = {**source, "lot": parse_lot(source["lot"]) or source["lot"]}
    return out


def as_plain_text(doc: Document) -> Document:
    """``doc`` rendered as ``show --format text`` renders it, read back by the plain-text
    reader and enriched: the path a pasted document takes."""
    from centralfiles.enrich import enrich
    from centralfiles.readers.text import read_text
    from centralfiles.render import render_text

    return enrich(read_text(render_text(doc)))


def as_text_cases(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The era cases again, read through the plain-text path."""
    return [{**case, "kind": "text_document", "id": case["id"] + "#text"} for case in cases]


def compare(case: dict[str, Any]) -> list[tuple[str, Any, Any, bool]]:
    """``(field, expected, actual, equal)`` for every labelled field of ``case``."""
    if case["kind"] in ("tei_document", "text_document"):
        case = {**case, "expected": contract_form(case["expected"])}
    actual = actual_values(case)
    return [
        (name, value, actual.get(name), actual.get(name) == value)
        for name, value in case["expected"].items()
    ]


def evaluate(cases: list[dict[str, Any]]) -> tuple[dict[str, list[int]], list[tuple]]:
    """Per-field ``[correct, total]`` and the list of mismatches."""
    scores: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    mismatches: list[tuple] = []
    for case in cases:
        for name, expected, actual, equal in compare(case):
            key = f"{case['kind']}.{name}"
            scores[key][1] += 1
            if equal:
                scores[key][0] += 1
            else:
                mismatches.append((case["id"], key, expected, actual))
    return dict(scores), mismatches


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--origin", choices=["real", "rule"], help="only cases of this origin")
    parser.add_argument(
        "--set", choices=["sixties", "eras"], default="sixties",
        help="sixties: the 1960s real cases and the rule cases (tests/data/cable/*.json); "
        "eras: real documents of every era (tests/data/cable/eras/), reported per era",
    )  # fmt: skip
    parser.add_argument("--quiet", action="store_true", help="do not list mismatches")
    parser.add_argument(
        "--text", action="store_true",
        help="with --set eras: read each document as plain text (show --format text) instead",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.set == "eras":
        cases = load_cases(ERAS)
        return report_eras(as_text_cases(cases) if args.text else cases, quiet=args.quiet)
    cases = load_cases()
    if args.origin:
        cases = [case for case in cases if case.get("origin") == args.origin]
    scores, mismatches = evaluate(cases)
    real = sum(1 for case in cases if case.get("origin") == "real")
    print(f"{len(cases)} cases ({real} real, {len(cases) - real} rule)\n")
    print(f"{'field':40} {'correct':>8} {'total':>6} {'accuracy':>9}")
    worst = 100.0
    for key in sorted(scores):
        correct, total = scores[key]
        percent = 100.0 * correct / total
        worst = min(worst, percent)
        print(f"{key:40} {correct:8d} {total:6d} {percent:8.1f}%")
    correct = sum(c for c, _ in scores.values())
    total = sum(t for _, t in scores.values())
    print(f"{'ALL FIELDS':40} {correct:8d} {total:6d} {100.0 * correct / max(total, 1):8.1f}%")
    if mismatches and not args.quiet:
        print(f"\n{len(mismatches)} mismatches:")
        for case_id, key, expected, actual in mismatches:
            print(f"- {case_id} {key}\n    expected: {expected!r}\n    actual:   {actual!r}")
    return 0 if worst >= THRESHOLD else 1


def report_eras(cases: list[dict[str, Any]], *, quiet: bool = False) -> int:
    """Per field over all eras, then per era, then every mismatch."""
    scores, mismatches = evaluate(cases)
    volumes = sorted({case["input"]["volume"] for case in cases})
    print(f"{len(cases)} real documents from {len(volumes)} volumes: {', '.join(volumes)}\n")
    print(f"{'field':40} {'correct':>8} {'total':>6} {'accuracy':>9}")
    worst = 100.0
    for key in sorted(scores):
        correct, total = scores[key]
        worst = min(worst, 100.0 * correct / total)
        print(f"{key:40} {correct:8d} {total:6d} {100.0 * correct / total:8.1f}%")
    correct = sum(c for c, _ in scores.values())
    total = sum(t for _, t in scores.values())
    print(f"{'ALL FIELDS':40} {correct:8d} {total:6d} {100.0 * correct / max(total, 1):8.1f}%\n")
    eras = sorted({case["era"] for case in cases})
    print(f"{'era':12} {'documents':>9} {'fields':>7} {'wrong':>6} {'accuracy':>9}")
    for era in eras:
        some = [case for case in cases if case["era"] == era]
        era_scores, _ = evaluate(some)
        right = sum(c for c, _ in era_scores.values())
        fields = sum(t for _, t in era_scores.values())
        share = 100.0 * right / fields
        print(f"{era:12} {len(some):9d} {fields:7d} {fields - right:6d} {share:8.1f}%")
    print(f"\n{'volume':20} {'source notes':>12} {'unrecognised':>13} {'share':>7}")
    for volume, (notes, unrecognised) in unrecognised_by_volume(cases).items():
        share = 100.0 * unrecognised / max(notes, 1)
        print(f"{volume:20} {notes:12d} {unrecognised:13d} {share:6.1f}%")
    if mismatches and not quiet:
        print(f"\n{len(mismatches)} mismatches:")
        for case_id, key, expected, actual in mismatches:
            print(f"- {case_id} {key}\n    expected: {expected!r}\n    actual:   {actual!r}")
    return 0 if worst >= ERA_THRESHOLD else 1


def unrecognised_by_volume(cases: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """Per volume: the source notes read, and how many hold a marking token the grammar does
    not know (what ``centralfiles cables`` lists for a user auditing a new era)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        doc = read_snippet(case["input"]["volume"], case["input"]["xml"])
        if case["kind"] == "text_document":
            doc = as_plain_text(doc)
        if doc.source.text:
            counts[case["input"]["volume"]][0] += 1
            counts[case["input"]["volume"]][1] += bool(doc.source.unrecognised)
    return {volume: (notes, bad) for volume, (notes, bad) in sorted(counts.items())}


if __name__ == "__main__":
    sys.exit(main())
