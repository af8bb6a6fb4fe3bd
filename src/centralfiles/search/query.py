"""The centralfiles query language: a tokenizer and a recursive-descent parser.

``parse(text)`` returns an AST of ``Term``, ``Range``, ``And``, ``Or`` and ``Not`` nodes, or
raises ``QueryError`` naming the problem and its column (1-based). ``compile`` turns the
AST into tantivy queries. Grammar (NOT binds tighter than AND, AND tighter than OR; words side
by side are ANDed)::

    query    := or
    or       := and ("OR" and)*
    and      := unary (["AND"] unary)*
    unary    := ("NOT" | "-") unary | ["+"] primary
    primary  := "(" or ")" | FIELD ":" value | WORD | PHRASE
    value    := WORD | PHRASE | "(" or ")"      a group: each term in it searches the field

A WORD ending in ``*`` is a prefix; a PHRASE is ``"..."``. Operators are upper case only, so
"and", "or" and "not" are searched as words.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

from centralfiles.errors import QueryError

MAX_QUERY_CHARS = 1000
MAX_DEPTH = 32

FieldKind = Literal["text", "name", "key", "id", "year", "date", "links"]

#: Every field a query can name, with how its values are matched.
FIELDS: dict[str, FieldKind] = {
    "title": "text",
    "from": "name",
    "to": "name",
    "person": "name",
    "file": "name",
    "classification": "key",
    "caveat": "key",
    "precedence": "key",
    "type": "key",
    "kind": "key",
    "channel": "key",
    "volume": "id",
    "id": "id",
    "cites": "links",
    "cited-by": "links",
    "year": "year",
    "date": "date",
}
ALIASES = {
    "persons": "person",
    "caveats": "caveat",
    "doc_type": "type",
    "file_code": "file",
    "doctype": "type",
    "cited_by": "cited-by",
    "citedby": "cited-by",
}
OPERATORS = frozenset({"AND", "OR", "NOT"})

# nodes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A word, phrase or prefix; ``field`` is None for the default text (title, body, notes)."""

    text: str
    field: str | None
    column: int
    phrase: bool = False
    prefix: bool = False


@dataclass(frozen=True)
class Range:
    """``year:`` or ``date:`` bounds, inclusive; dates as yyyymmdd integers; None is open."""

    field: str
    low: int | None
    high: int | None
    column: int


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


Node = Term | Range | And | Or | Not

# tokens -------------------------------------------------------------------------------------

TokenKind = Literal["(", ")", "word", "phrase", "field", "op", "-", "+"]


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str
    column: int  # 1-based, of the token's first character
    end: int  # 0-based index just past the token


FIELD_START = re.compile(r"([A-Za-z_]+(?:-[A-Za-z]+)?):")


def _operand_starts(char: str) -> bool:
    """Whether ``char`` after a leading - or + begins its operand (a word, quote or group)."""
    return not char.isspace() and char != ")"


def _stops(char: str) -> bool:
    """Whether ``char`` ends a word: white space, a parenthesis or a quote."""
    return char.isspace() or char in '()"'


def check_text(text: str) -> None:
    """Refuse overlong queries and control characters before tokenizing."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}",
            MAX_QUERY_CHARS + 1,
        )
    for index, char in enumerate(text):
        if char in "\t\n\r":
            continue
        if unicodedata.category(char) in ("Cc", "Cs"):
            raise QueryError(f"control character U+{ord(char):04X} is not allowed", index + 1)


def tokenize(text: str) -> list[Token]:
    check_text(text)
    tokens: list[Token] = []
    i, n = 0, len(text)
    value_next = False  # right after "field:": read a value, never another field
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
            continue
        start = i
        if char in "()":
            tokens.append(Token(char, char, i + 1, i + 1))  # type: ignore[arg-type]
            i += 1
        elif char == '"':
            close = text.find('"', i + 1)
            if close < 0:
                raise QueryError('unclosed quote (add a closing ")', i + 1)
            tokens.append(Token("phrase", text[i + 1 : close], i + 1, close + 1))
            i = close + 1
        elif char in "-+" and not value_next and i + 1 < n and _operand_starts(text[i + 1]):
            tokens.append(Token(char, char, i + 1, i + 1))  # type: ignore[arg-type]
            i += 1
            continue
        else:
            match = None if value_next else FIELD_START.match(text, i)
            if match:
                tokens.append(Token("field", match.group(1), i + 1, match.end()))
                i = match.end()
                if i >= n or text[i].isspace() or text[i] == ")":
                    raise QueryError(f"{match.group(0)} needs a value right after the colon", i)
                value_next = True
                continue
            while i < n and not _stops(text[i]):
                i += 1
            word = text[start:i]
            kind = "op" if word in OPERATORS and not value_next else "word"
            tokens.append(Token(kind, word, start + 1, i))
        value_next = False
    return tokens


# parser -------------------------------------------------------------------------------------


def parse(text: str) -> Node:
    """Parse a query; raises ``QueryError`` (with a column) for anything it cannot read."""
    tokens = tokenize(text)
    if not tokens:
        raise QueryError("the query is empty", 1)
    return _Parser(tokens, len(text)).parse()


def resolve_field(name: str, column: int) -> str:
    """The canonical field for ``name`` (case-insensitive, aliases), or a did-you-mean error."""
    key = name.lower()
    key = ALIASES.get(key, key)
    if key in FIELDS:
        return key
    choices = sorted(set(FIELDS) | set(ALIASES))
    close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
    if close:
        raise QueryError(
            f"unknown field {name}:; did you mean {ALIASES.get(close[0], close[0])}:?", column
        )
    known = " ".join(f"{f}:" for f in FIELDS)
    raise QueryError(
        f"unknown field {name}: (fields are {known}; quote text that has a colon)", column
    )


class _Parser:
    def __init__(self, tokens: list[Token], length: int) -> None:
        self.tokens = tokens
        self.pos = 0
        self.length = length

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Node:
        node = self.or_(None, 0)
        token = self.peek()
        if token is not None:  # only a stray ")" can stop the top level early
            raise QueryError("unmatched ')' (no '(' before it)", token.column)
        return node

    def _needs_operand(self, operator: Token) -> None:
        token = self.peek()
        if token is None or token.kind == ")" or (token.kind == "op" and token.text != "NOT"):
            raise QueryError(f"{operator.text} needs a term after it", operator.column)

    def or_(self, field: str | None, depth: int) -> Node:
        items = [self.and_(field, depth)]
        while (token := self.peek()) is not None and token.kind == "op" and token.text == "OR":
            self.take()
            self._needs_operand(token)
            items.append(self.and_(field, depth))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_(self, field: str | None, depth: int) -> Node:
        items = [self.unary(field, depth)]
        while (token := self.peek()) is not None and token.kind != ")":
            if token.kind == "op" and token.text == "OR":
                break
            if token.kind == "op" and token.text == "AND":
                self.take()
                self._needs_operand(token)
            items.append(self.unary(field, depth))
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self, field: str | None, depth: int) -> Node:
        token = self.peek()
        if token is None:
            raise QueryError("a term is missing at the end of the query", self.length + 1)
        if token.kind == "-" or (token.kind == "op" and token.text == "NOT"):
            self.take()
            self._needs_operand(token)
            if depth >= MAX_DEPTH:
                raise QueryError("the query nests too deeply", token.column)
            return Not(self.unary(field, depth + 1))
        if token.kind == "+":
            self.take()
        return self.primary(field, depth)

    def primary(self, field: str | None, depth: int) -> Node:
        token = self.take()
        if token.kind == "(":
            return self.group(token, field, depth)
        if token.kind == ")":
            raise QueryError("unmatched ')' (no '(' before it)", token.column)
        if token.kind == "op":
            raise QueryError(f"{token.text} needs a term before it", token.column)
        if token.kind == "field":
            if field is not None:
                raise QueryError(f"field {token.text}: inside a {field}:(...) group", token.column)
            name = resolve_field(token.text, token.column)
            value = self.take()  # the tokenizer guarantees a value follows
            if value.kind == "(":
                return self.group(value, name, depth)
            return self.term(name, value)
        return self.term(field, token)

    def group(self, opening: Token, field: str | None, depth: int) -> Node:
        if depth >= MAX_DEPTH:
            raise QueryError("parentheses nest too deeply", opening.column)
        token = self.peek()
        if token is not None and token.kind == ")":
            raise QueryError("empty parentheses", opening.column)
        if token is None:
            raise QueryError("unclosed '(' (add a ')')", opening.column)
        node = self.or_(field, depth + 1)
        closing = self.peek()
        if closing is None or closing.kind != ")":
            raise QueryError("unclosed '(' (add a ')')", opening.column)
        self.take()
        return node

    def term(self, field: str | None, token: Token) -> Node:
        kind = FIELDS[field] if field else "text"
        text, column = token.text, token.column
        if kind in ("year", "date"):
            return parse_range(field or "", text.strip(), column)
        prefix = text.endswith("*")
        body = text[:-1] if prefix else text
        star = body.find("*")
        if star >= 0:
            offset = 1 if token.kind == "phrase" else 0
            raise QueryError("'*' is only allowed at the end of a word", column + offset + star)
        if prefix and not body.strip():
            raise QueryError("'*' needs at least one character before it", column)
        if token.kind == "phrase" and not body.strip():
            raise QueryError("empty quotes", column)
        return Term(body, field, column, phrase=token.kind == "phrase", prefix=prefix)


# ranges -------------------------------------------------------------------------------------

RANGE_HELP = {
    "year": "a year like year:1968 or a range like year:1961..1963",
    "date": "a date or range like date:1968, date:1968-08, date:1968-08-26 or "
    "date:1968-08..1968-10 (open ends allowed: date:..1962-10-28)",
}
MIN_YEAR, MAX_YEAR = 1000, 2999  # bounds of year: and date: values
DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_range(field: str, text: str, column: int) -> Range:
    """``year:`` and ``date:`` values: a single value or ``low..high`` with open ends."""
    if "*" in text:
        raise QueryError(f"no wildcards in {field}:; use {RANGE_HELP[field]}", column)
    low_text, dots, high_text = text.partition("..")
    if not dots:
        low_text = high_text = text
    if not low_text and not high_text:
        raise QueryError(f"{field}:{text} has no bounds; use {RANGE_HELP[field]}", column)
    value_column = column
    low = _bound(field, low_text, value_column, upper=False) if low_text else None
    high_column = value_column + len(low_text) + len(dots)
    high = _bound(field, high_text, high_column, upper=True) if high_text else None
    if low is not None and high is not None and low > high:
        raise QueryError(f"{field}:{text} ends before it starts", value_column)
    return Range(field, low, high, column)


def _bound(field: str, text: str, column: int, *, upper: bool) -> int:
    if field == "year":
        if not re.fullmatch(r"\d{4}", text):
            raise QueryError(f"{text!r} is not a year; use {RANGE_HELP['year']}", column)
        return _check_year(int(text), text, column)
    match = DATE.fullmatch(text)
    if not match:
        raise QueryError(f"{text!r} is not a date; use {RANGE_HELP['date']}", column)
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    _check_year(year, text, column)
    if month is not None and not 1 <= month <= 12:
        raise QueryError(f"{text!r}: there is no month {month}", column)
    if month is None:
        month = 12 if upper else 1
    if day is None:
        day = _month_days(year, month) if upper else 1
    elif not 1 <= day <= _month_days(year, month):
        raise QueryError(f"{text!r}: there is no day {day} in that month", column)
    return year * 10000 + month * 100 + day


def _check_year(year: int, text: str, column: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise QueryError(
            f"{text!r} is out of range: years run from {MIN_YEAR} to {MAX_YEAR}", column
        )
    return year


def _month_days(year: int, month: int) -> int:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return (following - date(year, month, 1)).days


# display ------------------------------------------------------------------------------------


def describe(node: Node) -> str:
    """A canonical, fully parenthesised rendering of the AST (for tests and debugging)."""
    if isinstance(node, Term):
        value = f'"{node.text}"' if node.phrase else node.text
        value += "*" if node.prefix else ""
        return f"{node.field}:{value}" if node.field else value
    if isinstance(node, Range):
        low = "" if node.low is None else str(node.low)
        high = "" if node.high is None else str(node.high)
        return f"{node.field}:{low}..{high}"
    if isinstance(node, Not):
        return f"-{describe(node.item)}"
    joiner = " AND " if isinstance(node, And) else " OR "
    return "(" + joiner.join(describe(item) for item in node.items) + ")"
