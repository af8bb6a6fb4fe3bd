"""How two labellings of a set are compared (bench/agreement.py): the figure the extractor's
targets are read against."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def agreement() -> ModuleType:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    return importlib.import_module("agreement")


def label(text: str, start: int, kind: str = "memorandum", note: str = "") -> dict[str, Any]:
    return {"doc": "v/d1", "where": "body", "text": text, "start": start, "kind": kind,
            "note": note}  # fmt: skip


def test_overlapping_spans_of_one_kind_agree(agreement: ModuleType):
    first = [label("memorandum from Rostow to Rusk, May 9", 10)]
    second = [label("memorandum from Rostow to Rusk", 10)]
    labels, found, agreed = agreement.compare(first, second, second_firm=False)
    assert (labels["memorandum"], found["memorandum"], agreed["memorandum"]) == (1, 1, 1)


def test_another_kind_or_place_does_not_agree(agreement: ModuleType):
    first = [label("Telegram 4454", 0, "telegram")]
    second = [label("Telegram 4454", 0, "post_number"), {**label("Telegram 4454", 0, "telegram"),
              "where": "footnote 2"}]  # fmt: skip
    labels, found, agreed = agreement.compare(first, second, second_firm=False)
    assert (sum(labels.values()), sum(found.values()), sum(agreed.values())) == (1, 2, 0)


def test_nested_spans_a_little_apart_agree_but_distant_repeats_do_not(agreement: ModuleType):
    first = [label("your letter", 100)]
    assert agreement.compare(first, [label("your letter of April 5", 95)], False)[2] == {
        "memorandum": 1
    }
    assert agreement.compare(first, [label("your letter", 900)], False)[2] == {}


def test_doubtful_labels_count_neither_way(agreement: ModuleType):
    first = [label("British paper", 0, note="doubtful: a nationality's paper"),
             label("Document 331", 40, "document")]  # fmt: skip
    second = [label("British paper", 0), label("Document 331", 40, "document"),
              label("draft treaty", 70, note="doubtful: a draft")]  # fmt: skip
    labels, found, agreed = agreement.compare(first, second, second_firm=False)
    assert (dict(labels), dict(found), dict(agreed)) == (
        {"document": 1}, {"document": 1, "memorandum": 1}, {"document": 1})  # fmt: skip
    labels, found, agreed = agreement.compare(first, second, second_firm=True)
    assert (dict(labels), dict(found), dict(agreed)) == (
        {"document": 1}, {"document": 1}, {"document": 1})  # fmt: skip
