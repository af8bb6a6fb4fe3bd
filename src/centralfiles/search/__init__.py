"""Search: the tantivy index derived from the store, and the query language over it.

- ``index`` / ``files`` — the index beside the store, its consistency protocol, lock, pointer;
- ``schema`` / ``source`` — the index fields and analyzers, and documents read from the store;
- ``query`` / ``compile`` — the query language parser and its compiler to tantivy queries;
- ``searcher`` — ``Search``: ranked hits, facets and snippets.

It may import ``store``, ``model`` and ``errors``; never the pipeline or an interface.
"""

from centralfiles.search.index import SearchIndex, SearchIndexError, rebuild
from centralfiles.search.searcher import FacetCount, Hit, Search, SearchResults

__all__ = [
    "FacetCount",
    "Hit",
    "Search",
    "SearchIndex",
    "SearchIndexError",
    "SearchResults",
    "rebuild",
]
