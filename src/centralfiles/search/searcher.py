"""Search the archive: the Python API the CLI (and any other interface) is a thin layer over.

    from centralfiles.store.database import Store
    from centralfiles.search.searcher import Search

    with Store("archive.db") as store:
        results = Search(store).search('"force levels" year:1968', limit=5)
        print(results.total, [hit.id for hit in results.hits], results.facets["year"])

``Search`` keeps the index open between queries (open it once, query many times); each query
follows commits made meanwhile by other processes. Results carry the total hit count, one page
of hits (id, number, title, date, doc_type, classification, score and an HTML-safe snippet
with the matched words in ``<b>``), and facet counts over all hits.

Why one module of about 450 lines: ranking, stable tie order, facets, the timeline and
snippet windows all work on the same searcher and hit rows; snippets are the next to move.
"""

from __future__ import annotations

import html
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any, Literal

import tantivy

from centralfiles.errors import InputError
from centralfiles.search.compile import Compiled, compile_query
from centralfiles.search.index import Notice, SearchIndex
from centralfiles.search.query import parse
from centralfiles.search.schema import CAVEAT_SEPARATOR, SCHEMA
from centralfiles.store.database import Store
from centralfiles.store.people import documents_of_people

Sort = Literal["relevance", "date"]
TIE_WINDOW = 1000  # most documents read beyond a page to order equal keys by id
SORTS: tuple[Sort, ...] = ("relevance", "date")
MAX_LIMIT = 1000
MAX_OFFSET = 100_000  # deeper pages: narrow the query, or export
SNIPPET_CHARS = 240
#: text around the densest cluster of matches handed to the snippet generator (whole texts
#: of tens of kilobytes would be tokenized for every hit otherwise)
SNIPPET_WINDOW = 400
#: facet name -> fast field (dense: "" for unknown values, see ``search.schema``)
FACETS = {
    "year": "f_year",
    "classification": "f_classification",
    "doc_type": "f_type",
    "volume": "volume",
    "caveat": "f_caveats",
    "from": "f_from",
    "to": "f_to",
}
FACET_SIZE = 10
#: buckets kept per index segment before merging: above every field's distinct values in a
#: segment, so that counts are exact rather than estimates
FACET_SEGMENT_SIZE = 65_536
#: caveat combinations counted (all of them in practice), then split into single caveats
CAVEAT_COMBINATIONS = 10_000


@dataclass
class Hit:
    id: str
    volume: str
    number: str | None
    title: str
    date: str | None
    date_min: str | None
    doc_type: str | None
    classification: str | None
    score: float | None
    snippet: str
    #: shown by the reading room; not in the CLI's JSON contract
    caveats: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "volume": self.volume,
            "number": self.number,
            "title": self.title,
            "date": self.date,
            "date_min": self.date_min,
            "doc_type": self.doc_type,
            "classification": self.classification,
            "score": self.score,
            "snippet": self.snippet,
        }


@dataclass
class FacetCount:
    value: str | int
    count: int


@dataclass
class SearchResults:
    query: str
    total: int
    offset: int
    limit: int
    sort: Sort
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    #: documents stored but not yet indexed (an ingest in another process is indexing them)
    pending: int = 0

    def to_json(self) -> dict[str, Any]:
        """``{total, hits, facets}``: the ``search --json`` contract."""
        return {
            "total": self.total,
            "hits": [hit.to_json() for hit in self.hits],
            "facets": {
                name: [{"value": f.value, "count": f.count} for f in counts]
                for name, counts in self.facets.items()
            },
        }


class Search:
    """Queries over one store's search index (opened, repaired or rebuilt as needed)."""

    def __init__(self, store: Store, *, notice: Notice | None = None) -> None:
        self.store = store
        self.index = SearchIndex.open(store, notice=notice)

    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        offset: int = 0,
        sort: Sort = "relevance",
        facets: bool = True,
        facet_size: int = FACET_SIZE,
        snippets: bool = True,
    ) -> SearchResults:
        """Run ``query`` (the query language, see README "Search"); raises ``QueryError``."""
        _check_page(limit, offset, sort)
        node = parse(query)
        self.index.refresh()
        searcher = self.index.searcher()
        compiled = compile_query(node, searcher, self._linked)
        # facets need a pass over every hit: count them on another core meanwhile (tantivy
        # releases the GIL), while this thread ranks, reads the hits and makes snippets
        counting = None
        if facets:
            counting = _pool().submit(facet_counts, searcher, compiled.query, facet_size)
        total, scored = _ranked_page(searcher, compiled.query, offset, limit, sort)
        results = SearchResults(query, total, offset, limit, sort)
        results.pending = self.index.pending
        results.hits = self._hits(scored, compiled, searcher, snippets)
        if counting is not None:
            results.facets = counting.result()
        return results

    def matching_ids(self, query: str, *, sort: Sort = "relevance") -> list[str]:
        """Every document id ``query`` matches, ranked as ``search`` ranks them (ties by id):
        what an export of all the results needs, without snippets or facets."""
        _check_page(1, 0, sort)
        node = parse(query)
        self.index.refresh()
        searcher = self.index.searcher()
        compiled = compile_query(node, searcher, self._linked)
        total = searcher.search(compiled.query, 1, count=True).count or 0
        if not total:
            return []
        if sort == "date":
            found = searcher.search(compiled.query, total, order_by_field="ts",
                                    order=tantivy.Order.Asc)  # fmt: skip
        else:
            found = searcher.search(compiled.query, total)
        keyed = [(key, searcher.doc(address)["id"][0]) for key, address in found.hits]
        if sort == "date":  # undated documents (no ``ts``) last, as ``search`` has them
            keyed.sort(key=lambda item: (item[0] is None, item[0] or 0, item[1]))
        else:
            keyed.sort(key=lambda item: (-item[0], item[1]))
        return [doc_id for _, doc_id in keyed]

    def _linked(self, field: str, document_id: str) -> list[str]:
        """``cites:ID``: the documents citing ID; ``cited-by:ID``: those ID cites;
        ``person:NAME``: the documents naming the identities NAME finds."""
        if field == "cites":
            return [row["document_id"] for row in self.store.cited_by(document_id)]
        if field == "person":  # here ``document_id`` is a name or a person id
            return documents_of_people(self.store, document_id)
        rows = self.store.conn.execute(
            "SELECT target FROM pointers WHERE document_id = ? AND target IS NOT NULL "
            "UNION SELECT target FROM refs WHERE document_id = ?",
            (document_id, document_id),
        )
        return [row[0].split("#", 1)[0] for row in rows]

    def timeline(self, query: str) -> dict[str, Any]:
        """Hits of ``query`` by year, or by month when they span under three years (the bars
        of the search page's histogram, each with the ``date:`` filter that selects it)."""
        node = parse(query)
        self.index.refresh()
        searcher = self.index.searcher()
        compiled = compile_query(node, searcher, self._linked)
        request = {
            "years": {"terms": {"field": "year", "size": 1000, "min_doc_count": 1}},
            "months": {"histogram": {"field": "day", "interval": 100, "min_doc_count": 1}},
        }
        answer = searcher.aggregate(compiled.query, request)
        years = {int(b["key"]): int(b["doc_count"]) for b in answer["years"]["buckets"]}
        years.pop(0, None)  # undated documents
        if not years:
            return {"unit": "year", "bins": []}
        first, last = min(years), max(years)
        if last - first >= 3:
            bins = [
                {"period": str(year), "count": years.get(year, 0), "query": f"date:{year}"}
                for year in range(first, last + 1)
            ]
            return {"unit": "year", "bins": bins}
        months: dict[tuple[int, int], int] = {}
        for bucket in answer["months"]["buckets"]:
            key = int(bucket["key"]) // 100
            if key:
                months[(key // 100, key % 100)] = int(bucket["doc_count"])
        (year, month), end = min(months), max(months)
        bins = []
        while (year, month) <= end:
            period = f"{year:04d}-{month:02d}"
            count = months.get((year, month), 0)
            bins.append({"period": period, "count": count, "query": f"date:{period}"})
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return {"unit": "month", "bins": bins}

    def _hits(
        self,
        scored: list[tuple[str, float | None]],
        compiled: Compiled,
        searcher: tantivy.Searcher,
        snippets: bool,
    ) -> list[Hit]:
        if not scored:
            return []
        ids = [doc_id for doc_id, _ in scored]
        marks = ", ".join("?" for _ in ids)
        rows = {
            row["id"]: row
            for row in self.store.conn.execute(
                "SELECT id, volume, number, title, date, date_min, doc_type, classification, "
                f"caveats, text FROM documents WHERE id IN ({marks})",
                ids,
            )
        }
        generator, prefixes = None, []
        body, words = compiled.highlights()
        if snippets and words:
            prefixes = _match_prefixes(words, stemmed=body == "body")
            highlight = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Should, tantivy.Query.term_query(SCHEMA, body, word))
                    for word in words
                ]
            )
            generator = tantivy.SnippetGenerator.create(searcher, highlight, SCHEMA, body)
            generator.set_max_num_chars(SNIPPET_CHARS)
        hits = []
        for doc_id, score in scored:
            row = rows.get(doc_id)
            if row is None:  # deleted after the index was read; the next query repairs it
                continue
            text = row["text"]
            if prefixes:
                text = _window(text, prefixes, whole_words=body != "body")
            elif len(text) > 3 * SNIPPET_WINDOW:
                text = text[: 3 * SNIPPET_WINDOW]  # the lead is the snippet; never scan it all
            snippet = make_snippet(text, generator, body) if snippets else ""
            hits.append(
                Hit(
                    id=row["id"],
                    volume=row["volume"],
                    number=row["number"],
                    title=row["title"],
                    date=row["date"],
                    date_min=row["date_min"],
                    doc_type=row["doc_type"],
                    classification=row["classification"],
                    score=None if score is None else round(float(score), 4),
                    snippet=snippet,
                    caveats=json.loads(row["caveats"]),
                )
            )
        return hits


_POOL: ThreadPoolExecutor | None = None


def _pool() -> ThreadPoolExecutor:
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(os.cpu_count() or 1, thread_name_prefix="centralfiles")
    return _POOL


def search(store: Store, query: str, **options: Any) -> SearchResults:
    """One-off search (``Search(store).search(query, ...)``)."""
    return Search(store).search(query, **options)


def _ranked_page(
    searcher: tantivy.Searcher, query: tantivy.Query, offset: int, limit: int, sort: str
) -> tuple[int, list[tuple[str, float | None]]]:
    """The total and the page ``[offset, offset + limit)`` as ``(id, score)``, ties by id.

    tantivy orders equal scores (or dates) by where a document sits in the index, which
    depends on how the writer's threads split a batch; the ranking is made independent of
    that by ordering each run of equal keys by id. Only the runs that cross the page's edges
    need their ids read beyond the page itself, and at most ``TIE_WINDOW`` of them: a longer
    run (say, thousands of undated documents sorted by date) keeps tantivy's order there.
    """

    def ranked(count: int) -> tantivy.SearchResult:
        if sort == "date":
            return searcher.search(
                query, count, count=True, order_by_field="ts", order=tantivy.Order.Asc
            )
        return searcher.search(query, count, count=True)

    end = offset + limit
    fetch = end + 1
    found = ranked(fetch)
    hits = found.hits
    # follow the run of equal keys across the page's end (bounded)
    while len(hits) == fetch and hits[end][0] == hits[end - 1][0] and fetch - end < TIE_WINDOW:
        fetch = min(end + 2 * (fetch - end) + 1, end + TIE_WINDOW)
        hits = ranked(fetch).hits
    if offset >= len(hits):
        return found.count or 0, []
    start = offset
    while start > 0 and offset - start < TIE_WINDOW and hits[start - 1][0] == hits[offset][0]:
        start -= 1
    stop = min(end, len(hits))
    while stop < len(hits) and hits[stop][0] == hits[stop - 1][0]:
        stop += 1
    keyed = [(key, searcher.doc(address)["id"][0]) for key, address in hits[start:stop]]
    ordered: list[tuple[str, float | None]] = []
    for _, run in groupby(keyed, key=lambda item: item[0]):  # tantivy's order between keys
        for key, doc_id in sorted(run, key=lambda item: item[1]):
            # with ``order_by_field`` tantivy hands back the date value in place of a score
            ordered.append((doc_id, key if sort == "relevance" else None))
    return found.count or 0, ordered[offset - start : offset - start + limit]


def _check_page(limit: int, offset: int, sort: str) -> None:
    """Bounds checked here, not only by the interfaces: tantivy allocates ``offset + limit``."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT:,}, not {limit}")
    if isinstance(offset, bool) or not isinstance(offset, int) or not 0 <= offset <= MAX_OFFSET:
        raise InputError(f"offset must be between 0 and {MAX_OFFSET:,}, not {offset}")
    if sort not in SORTS:
        raise InputError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")


def facet_request(size: int = FACET_SIZE) -> dict[str, Any]:
    """The tantivy aggregation counting every facet (one more bucket for unknown values)."""
    request = {}
    for name, fast in FACETS.items():
        buckets = CAVEAT_COMBINATIONS if name == "caveat" else size + 1
        request[name] = {
            "terms": {"field": fast, "size": buckets, "segment_size": FACET_SEGMENT_SIZE}
        }
    return request


def facet_counts(
    searcher: tantivy.Searcher, query: tantivy.Query, size: int = FACET_SIZE
) -> dict[str, list[FacetCount]]:
    """Counts of the ``size`` most frequent values of each facet among all hits of ``query``."""
    answer = searcher.aggregate(query, facet_request(size))
    facets: dict[str, list[FacetCount]] = {}
    for name in FACETS:
        totals: dict[str | int, int] = {}
        for bucket in answer.get(name, {}).get("buckets", []):
            key, count = bucket["key"], int(bucket["doc_count"])
            values = key.split(CAVEAT_SEPARATOR) if name == "caveat" else [key]
            for value in values:
                if value != "":
                    value = int(value) if name == "year" else value
                    totals[value] = totals.get(value, 0) + count
        counts = [FacetCount(value, count) for value, count in totals.items()]
        counts.sort(key=lambda c: (-c.count, str(c.value)))
        facets[name] = counts[:size]
    return facets


def make_snippet(text: str, generator: tantivy.SnippetGenerator | None, body: str = "body") -> str:
    """An HTML-safe excerpt of ``text`` with the matched words in ``<b>``...``</b>``."""
    if generator is not None:
        snippet = generator.snippet_from_doc(tantivy.Document(**{body: text}))
        fragment = snippet.fragment()
        if fragment:
            return _highlight_html(fragment, [(r.start, r.end) for r in snippet.highlighted()])
    return html.escape(_lead(text))


def _match_prefixes(words: list[str], *, stemmed: bool) -> list[str]:
    """Lower-case strings that start (approximately) the words to highlight in a text.

    A stem starts its words ("forc": force, forces), except that a final "i" may have been a
    "y" ("countri": country). Only used to place the snippet window.
    """
    if stemmed:
        words = [word[:-1] if word.endswith("i") and len(word) > 3 else word for word in words]
    return list(dict.fromkeys(word for word in words if word))


def _window(text: str, prefixes: list[str], *, whole_words: bool) -> str:
    """The part of ``text`` around the span that matches the most distinct words.

    All of ``text`` if it is short; its beginning if nothing is found (e.g. only accented
    forms, or a match in the title only), so that a snippet never scans a huge text.
    """
    if len(text) <= 3 * SNIPPET_WINDOW:
        return text
    head = text[: 3 * SNIPPET_WINDOW]
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length when lowered
        return head
    found: list[tuple[int, int]] = []
    for number, prefix in enumerate(prefixes):  # str.find is far faster than a regex here
        position = lowered.find(prefix)
        while position >= 0 and len(found) < 2000:
            end = position + len(prefix)
            if (position == 0 or not lowered[position - 1].isalnum()) and (
                not whole_words or end == len(lowered) or not lowered[end].isalnum()
            ):
                found.append((position, number))
            position = lowered.find(prefix, end)
    if not found:
        return head
    found.sort()
    best, most, first = found[0][0], 0, 0
    inside: dict[int, int] = {}
    for position, number in found:
        inside[number] = inside.get(number, 0) + 1
        while found[first][0] < position - SNIPPET_CHARS:
            gone = found[first][1]
            inside[gone] -= 1
            if not inside[gone]:
                del inside[gone]
            first += 1
        if len(inside) > most:
            most, best = len(inside), found[first][0]
    begin = text.rfind(" ", 0, max(0, best - SNIPPET_WINDOW // 2)) + 1
    return text[begin : best + SNIPPET_WINDOW]


def _highlight_html(fragment: str, ranges: list[tuple[int, int]]) -> str:
    """Escape ``fragment`` and wrap the byte ``ranges`` (tantivy's offsets) in ``<b>``."""
    data = fragment.encode("utf-8")
    parts, position = [], 0
    for start, end in sorted(ranges):
        if start < position:
            continue
        parts.append(html.escape(data[position:start].decode("utf-8", "replace")))
        parts.append(f"<b>{html.escape(data[start:end].decode('utf-8', 'replace'))}</b>")
        position = end
    parts.append(html.escape(data[position:].decode("utf-8", "replace")))
    return " ".join("".join(parts).split())


def _lead(text: str) -> str:
    """The first ``SNIPPET_CHARS`` characters of ``text``, cut at a word boundary."""
    text = " ".join(text[: 2 * SNIPPET_CHARS].split())
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text.rfind(" ", 0, SNIPPET_CHARS)
    return text[: cut if cut > 0 else SNIPPET_CHARS] + " …"
