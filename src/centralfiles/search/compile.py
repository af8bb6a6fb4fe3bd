"""Compile a parsed query (``query.parse``) into tantivy ``Query`` objects.

Every term goes through the same analyzers as the indexed text (``search.schema``):

* unquoted words match the stemmed title (boost 3), body (1) and notes (0.5) fields; a word
  that analyses into several tokens ("U.S.", "North-Atlantic") becomes an exact phrase;
* "phrases" match the exact-word fields (case and accents folded, no stemming);
* ``prefix*`` expands, per exact-word field, into the (up to 50) most frequent indexed words
  with that prefix, scored with bm25; beyond 50, a regex query keeps every match in;
* name fields (``person:``, ``from:``, ``to:``, ``file:``) match words or phrases inside the
  value; whole-value fields (``classification:``, ``caveat:``...) match the value; both kinds,
  with ``year:`` and ``date:``, filter without changing scores.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import tantivy

from centralfiles.errors import QueryError
from centralfiles.search.query import FIELDS, And, Node, Not, Or, Range, Term
from centralfiles.search.schema import FOLD, SCHEMA, STEM, TEXT_FIELDS, analyze, key_value

Query = tantivy.Query
Occur = tantivy.Occur

MAX_EXPANSIONS = 50
MAX_HIGHLIGHTS = 64
RANGE_FIELDS = {"year": "year", "date": "day"}
REGEX_SPECIAL = frozenset(r"\.+*?()|[]{}^$#&-~\"<>@")


@dataclass
class Compiled:
    """The tantivy query, and the words to highlight in snippets.

    ``stems`` come from unquoted words (highlighted on the stemmed body, so "levels" marks
    "level"); ``exact`` from phrases and prefixes. With no stems, snippets mark exact words
    only, so that a phrase's fragment is chosen over one with mere variants of its words.
    """

    query: tantivy.Query
    stems: list[str] = field(default_factory=list)
    exact: list[str] = field(default_factory=list)

    def highlights(self) -> tuple[str, list[str]]:
        """(body field, words) for the snippet generator."""
        if self.stems:
            words = self.stems + [s for w in self.exact for s in analyze(STEM, w)]
            return "body", list(dict.fromkeys(words))[:MAX_HIGHLIGHTS]
        return "body_x", list(dict.fromkeys(self.exact))[:MAX_HIGHLIGHTS]


LinkLookup = Callable[[str, str], list[str]]


def compile_query(
    node: Node, searcher: tantivy.Searcher, links: LinkLookup | None = None
) -> Compiled:
    """The tantivy query for ``node``; ``searcher`` resolves prefixes to indexed words and
    ``links(field, id)`` the documents of ``cites:`` and ``cited-by:`` (from the store)."""
    compiler = _Compiler(searcher, links)
    query = compiler.node(node, negated=False)
    if query is None:
        column = _first_column(node)
        raise QueryError("nothing to search for: the query has no words or values", column)
    return Compiled(query, compiler.stems, compiler.exact)


def regex_literal(text: str) -> str:
    """``text`` escaped for tantivy's regex syntax."""
    return "".join(f"\\{c}" if c in REGEX_SPECIAL else c for c in text)


class _Compiler:
    def __init__(self, searcher: tantivy.Searcher, links: LinkLookup | None = None) -> None:
        self.searcher = searcher
        self.links = links
        self.stems: list[str] = []
        self.exact: list[str] = []

    def node(self, node: Node, *, negated: bool) -> tantivy.Query | None:
        if isinstance(node, Term):
            return self.term(node, negated=negated)
        if isinstance(node, Range):
            return self.range(node)
        if isinstance(node, Not):
            inner = self.node(node.item, negated=not negated)
            if inner is None:
                return None
            return Query.boolean_query([(Occur.Must, Query.all_query()), (Occur.MustNot, inner)])
        if isinstance(node, And):
            return self.conjunction(node, negated=negated)
        return self.disjunction(node, negated=negated)

    def conjunction(self, node: And, *, negated: bool) -> tantivy.Query | None:
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        for item in node.items:
            if isinstance(item, Not):
                inner = self.node(item.item, negated=not negated)
                if inner is not None:
                    clauses.append((Occur.MustNot, inner))
            else:
                query = self.node(item, negated=negated)
                if query is not None:
                    clauses.append((Occur.Must, query))
        if not clauses:
            return None
        if all(occur == Occur.MustNot for occur, _ in clauses):
            clauses.insert(0, (Occur.Must, Query.all_query()))
        return clauses[0][1] if len(clauses) == 1 else Query.boolean_query(clauses)

    def disjunction(self, node: Or, *, negated: bool) -> tantivy.Query | None:
        queries = [self.node(item, negated=negated) for item in node.items]
        present = [q for q in queries if q is not None]
        if not present:
            return None
        if len(present) == 1:
            return present[0]
        return Query.boolean_query([(Occur.Should, q) for q in present])

    # terms --------------------------------------------------------------------------------

    def term(self, term: Term, *, negated: bool) -> tantivy.Query | None:
        kind = FIELDS[term.field] if term.field else "text"
        if kind == "text":
            fields = [f for f in TEXT_FIELDS if term.field is None or f[0] == term.field]
            if not negated:
                self._highlight(term)
            return self.text(term, fields)
        if kind == "name":
            words = self.words(term, [(term.field, term.field, 1.0)])
            if term.field == "person" and self.links and term.text.strip():
                # every printed variant of the identities the name finds ("De Staercke",
                # "Staercke, André de"), from the people tables when they are imported
                ids = sorted(set(self.links("person", term.text.strip())))
                if ids:
                    known = _any(Query.term_query(SCHEMA, "id", i) for i in ids)
                    words = _any([words, known]) if words is not None else known
            return _filter(words)
        value = term.text.strip()
        if kind == "links":  # cites:ID, cited-by:ID: the linked documents, from the store
            ids = self.links(term.field or "", value) if self.links and value else []
            if not ids:
                return Query.term_query(SCHEMA, "id", "\x00none")
            return _filter(_any(Query.term_query(SCHEMA, "id", i) for i in sorted(set(ids))))
        if kind == "key":
            value = key_value(term.field or "", value)
            field_name = term.field or ""
        else:  # volume: and id: are stored as written (lower case)
            value, field_name = value.lower(), term.field or ""
        if not value:
            return None
        if term.prefix:
            return _filter(Query.regex_query(SCHEMA, field_name, regex_literal(value) + ".*"))
        return _filter(Query.term_query(SCHEMA, field_name, value))

    def text(self, term: Term, fields: list[tuple[str, str, float]]) -> tantivy.Query | None:
        if term.phrase or term.prefix:
            return self.words(term, fields)
        stems = analyze(STEM, term.text)
        if len(stems) != 1:  # "U.S.", "North-Atlantic": the words in that order
            return self.words(term, fields)
        return _any(
            _boost(Query.term_query(SCHEMA, stemmed, stems[0]), boost)
            for stemmed, _, boost in fields
        )

    def words(self, term: Term, fields: list[tuple[str, str, float]]) -> tantivy.Query | None:
        """Exact words: one term, a phrase, a prefix or a phrase ending in a prefix."""
        tokens = analyze(FOLD, term.text)
        if not tokens:
            return None
        queries: list[tantivy.Query] = []
        for _, exact, boost in fields:
            if term.prefix and len(tokens) == 1:
                query = self.prefix(exact, tokens[0])
            elif term.prefix:
                query = Query.phrase_prefix_query(SCHEMA, exact, tokens)
            elif len(tokens) == 1:
                query = Query.term_query(SCHEMA, exact, tokens[0])
            else:
                query = Query.phrase_query(SCHEMA, exact, tokens)
            queries.append(_boost(query, boost))
        return _any(queries)

    def prefix(self, field_name: str, prefix: str) -> tantivy.Query:
        words = self.searcher.terms_with_prefix(field_name, prefix, limit=MAX_EXPANSIONS + 1)
        queries = [Query.term_query(SCHEMA, field_name, word) for word, _ in words]
        if len(words) > MAX_EXPANSIONS:  # the most frequent rank; the regex keeps the rest
            queries = queries[:MAX_EXPANSIONS]
            queries.append(Query.regex_query(SCHEMA, field_name, regex_literal(prefix) + ".*"))
        if field_name == "body_x":
            self.exact.extend(word for word, _ in words[:MAX_EXPANSIONS])
        return _any(queries) or Query.empty_query()

    def range(self, node: Range) -> tantivy.Query:
        query = Query.range_query(
            SCHEMA, RANGE_FIELDS[node.field], tantivy.FieldType.Integer, node.low, node.high
        )
        return _filter(query)

    def _highlight(self, term: Term) -> None:
        stems = analyze(STEM, term.text)
        if term.phrase or len(stems) > 1:
            if not term.prefix:
                self.exact.extend(analyze(FOLD, term.text))
        elif not term.prefix:
            self.stems.extend(stems)


def _boost(query: tantivy.Query, boost: float) -> tantivy.Query:
    return query if boost == 1.0 else Query.boost_query(query, boost)


def _filter(query: tantivy.Query | None) -> tantivy.Query | None:
    """A clause that selects documents without adding to their score."""
    return None if query is None else Query.const_score_query(query, 0.0)


def _any(queries) -> tantivy.Query | None:  # type: ignore[no-untyped-def]
    present = list(queries)
    if not present:
        return None
    if len(present) == 1:
        return present[0]
    return Query.boolean_query([(Occur.Should, q) for q in present])


def _first_column(node: Node) -> int:
    if isinstance(node, Term | Range):
        return node.column
    if isinstance(node, Not):
        return _first_column(node.item)
    return _first_column(node.items[0])
