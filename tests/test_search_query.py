"""The query language: parsing, precedence, ranges, and precise errors with columns."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from centralfiles.errors import QueryError
from centralfiles.search.query import (
    MAX_QUERY_CHARS,
    And,
    Node,
    Not,
    Or,
    Range,
    Term,
    describe,
    parse,
)

from .conftest import SHARED

BENCH_QUERIES = SHARED / "bench" / "queries.txt"


def benchmark_queries() -> list[str]:
    lines = BENCH_QUERIES.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("query", benchmark_queries())
def test_every_benchmark_query_parses(query: str) -> None:
    assert isinstance(parse(query), Term | Range | And | Or | Not)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("NATO", "NATO"),
        ("force levels", "(force AND levels)"),
        ("Rusk AND Brosio", "(Rusk AND Brosio)"),
        ("a b OR c", "((a AND b) OR c)"),
        ("a OR b c", "(a OR (b AND c))"),
        ("a (b OR c)", "(a AND (b OR c))"),
        ("Soviet NOT Cuba", "(Soviet AND -Cuba)"),
        ("Soviet -Cuba +Berlin", "(Soviet AND -Cuba AND Berlin)"),
        ("NOT NOT a", "--a"),
        ("-(a OR b) c", "(-(a OR b) AND c)"),
        ('-"force levels" NATO', '(-"force levels" AND NATO)'),
        ("a - b", "(a AND - AND b)"),  # a lone minus is a word (that analyses to nothing)
        ("NOT a OR b", "(-a OR b)"),
        ("and or not", "(and AND or AND not)"),  # operators are upper case only
        ('"force levels"', '"force levels"'),
        ('"force lev*"', '"force lev"*'),
        ("Czech*", "Czech*"),
        ("Title:NATO", "title:NATO"),
        ("caveats:Exdis doc_type:telegram", "(caveat:Exdis AND type:telegram)"),
        ('classification:"Top Secret"', 'classification:"Top Secret"'),
        ("title:(NATO OR France) -Soviet", "((title:NATO OR title:France) AND -Soviet)"),
        ("-caveat:Nodis", "-caveat:Nodis"),
        ("person:Rusk*", "person:Rusk*"),
        ("volume:frus1964-68v13", "volume:frus1964-68v13"),
        ("title:NOT", "title:NOT"),  # a field value is never an operator
        ("title:a:b", "title:a:b"),  # nor another field
        ("12:30", "12:30"),  # only letters make a field name
        ("year:1968", "year:1968..1968"),
        ("year:1961..1963", "year:1961..1963"),
        ("year:..1963", "year:..1963"),
        ("date:1968", "date:19680101..19681231"),
        ("date:1968-02", "date:19680201..19680229"),
        ("date:1969-02", "date:19690201..19690228"),
        ("date:1968-08-26", "date:19680826..19680826"),
        ("date:1968-08..1968-10", "date:19680801..19681031"),
        ("date:..1962-10-28", "date:..19621028"),
        ("date:1962-10-16..", "date:19621016.."),
        ('date:"1968-08..1968-10"', "date:19680801..19681031"),
        ("\tNATO\nBerlin ", "(NATO AND Berlin)"),
    ],
)
def test_parse(query: str, expected: str) -> None:
    assert describe(parse(query)) == expected


def test_terms_keep_their_columns() -> None:
    node = parse('NATO  "force levels" title:x')
    assert isinstance(node, And)
    assert [item.column for item in node.items if isinstance(item, Term)] == [1, 7, 28]


@pytest.mark.parametrize(
    ("query", "column", "message"),
    [
        ('NATO "force levels', 6, "unclosed quote"),
        ("(NATO OR Berlin", 1, "unclosed '('"),
        ("NATO (Berlin (x)", 6, "unclosed '('"),
        ("NATO)", 5, "unmatched ')'"),
        ("a ) b", 3, "unmatched ')'"),
        ("titel:NATO", 1, "unknown field titel:; did you mean title:?"),
        ("NATO cavaet:Exdis", 6, "did you mean caveat:?"),
        ("qqq:x", 1, "unknown field qqq: (fields are title: from:"),
        ("date:1968-13..1969", 6, "there is no month 13"),
        ("date:1968-02-30", 6, "no day 30"),
        ("date:1968-08..1968-02", 6, "ends before it starts"),
        ("date:1968..abc", 12, "'abc' is not a date"),
        ("date:..", 6, "has no bounds"),
        ("date:1968*", 6, "no wildcards"),
        ("year:68", 6, "'68' is not a year"),
        ("year:1970..1960", 6, "ends before it starts"),
        ("x" * 10_000, MAX_QUERY_CHARS + 1, "10,000 characters long; the limit is 1,000"),
        ("NATO\x00", 5, "control character U+0000"),
        ("NATO \x1b[31m", 6, "control character U+001B"),
        ("NATO AND", 6, "AND needs a term after it"),
        ("NATO OR )", 6, "OR needs a term after it"),
        ("OR NATO", 1, "OR needs a term before it"),
        ("NATO AND OR x", 6, "AND needs a term after it"),
        ("NOT", 1, "NOT needs a term after it"),
        ("", 1, "the query is empty"),
        ("   ", 1, "the query is empty"),
        ("()", 1, "empty parentheses"),
        ("title: NATO", 6, "title: needs a value right after the colon"),
        ("caveat:", 7, "needs a value"),
        ("cz*ch", 3, "'*' is only allowed at the end of a word"),
        ('"fo*rce levels"', 4, "'*' is only allowed at the end"),
        ("*", 1, "'*' needs at least one character before it"),
        ('""', 1, "empty quotes"),
        ("from:(Rusk title:x)", 12, "field title: inside a from:(...) group"),
        ("(" * 40 + "x" + ")" * 40, 33, "nest too deeply"),
        ("-" * 40 + "x", 33, "nests too deeply"),
    ],
)
def test_errors_say_what_and_where(query: str, column: int, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(query)
    assert caught.value.column == column
    assert message in caught.value.message
    assert str(caught.value) == f"query column {column}: {caught.value.message}"
    assert "\n" not in str(caught.value)


QUERY_PIECES = ["AND ", "OR ", "NOT ", "title:", "date:", "year:", "caveat:", "..", "\x00"]
QUERY_ALPHABET = st.sampled_from([*'abcxyzé19-*:"() \t', *QUERY_PIECES, "titel:"])


@settings(max_examples=400, deadline=None)
@given(st.lists(QUERY_ALPHABET, max_size=30).map("".join))
def test_any_text_parses_or_fails_with_a_column(text: str) -> None:
    try:
        node = parse(text)
    except QueryError as error:
        assert 1 <= error.column <= max(len(text), MAX_QUERY_CHARS) + 1
        assert "\n" not in str(error)
    else:
        assert isinstance(node, Node.__args__)  # type: ignore[attr-defined]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_unicode_never_crashes_the_parser(text: str) -> None:
    try:
        parse(text)
    except QueryError as error:
        assert error.column >= 1
