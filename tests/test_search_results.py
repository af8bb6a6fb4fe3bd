"""Search results agree with the store: phrases, fields, dates and facets against SQL.

The explicit cases use the real excerpt; the property tests generate queries from the stored
values of a richer store (the excerpt, a variant volume with other years, classifications and
caveats, and plain-text documents) and compare hits and facet counts with an evaluation of the
same query over rows read with SQL. The oracle uses tantivy's analyzers only to split and stem
words; field semantics, boolean logic, dates and counting are its own.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from centralfiles.pipeline.ingest import ingest_paths
from centralfiles.search.schema import FOLD, STEM, analyze
from centralfiles.search.searcher import FACETS, Search
from centralfiles.store.database import Store

from .conftest import EXCERPT, SEEDS_DIR

ALL = 1000  # above the number of documents in these stores


def hit_ids(search: Search, query: str, **options) -> set[str]:  # type: ignore[no-untyped-def]
    results = search.search(query, limit=ALL, **options)
    found = {hit.id for hit in results.hits}
    assert results.total == len(found)
    return found


def rows(db: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


DAY_SQL = (
    "substr(CASE WHEN date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN date "
    "ELSE date_min END, 1, 10)"
)

# the real excerpt ---------------------------------------------------------------------------


@pytest.fixture
def search(loaded_store: Store) -> Search:
    return Search(loaded_store)


def test_phrase_finds_exactly_the_documents_containing_it(
    search: Search, loaded_store: Store
) -> None:
    phrase = re.compile(r"(?<![^\W_])force[\W_]+levels(?![^\W_])", re.IGNORECASE)
    expected = set()
    for doc_id in loaded_store.document_ids():
        doc = loaded_store.document(doc_id)
        texts = [doc.title, doc.text, *(note.text for note in doc.footnotes)]
        if any(phrase.search(text) for text in texts):
            expected.add(doc_id)
    assert len(expected) >= 3
    assert hit_ids(search, '"force levels"') == expected
    assert hit_ids(search, '"Force  LEVELS"') == expected


def test_classification_and_caveat_match_the_store(search: Search, loaded_store: Store) -> None:
    expected = {
        doc_id
        for (doc_id,) in rows(
            loaded_store.path,
            "SELECT d.id FROM documents d, json_each(d.caveats) c "
            "WHERE d.classification = 'Secret' AND c.value = 'Exdis'",
        )
    }
    assert expected  # the cable grammar reads both from the source notes
    assert hit_ids(search, "classification:Secret caveat:Exdis") == expected
    assert hit_ids(search, "CLASSIFICATION:secret caveats:EXDIS") == expected


@pytest.mark.parametrize(
    ("query", "low", "high"),
    [
        ("date:1968-08..1968-10", "1968-08-01", "1968-10-31"),
        ("date:1968-09", "1968-09-01", "1968-09-30"),
        ("date:..1968-09-04", "0000-01-01", "1968-09-04"),
        ("date:1968-09-05..", "1968-09-05", "9999-12-31"),
        ("date:1968-09-06", "1968-09-06", "1968-09-06"),  # printed day, not the UTC one
        ("year:1968", "1968-01-01", "1968-12-31"),
        ("year:1961..1963", "1961-01-01", "1963-12-31"),
    ],
)
def test_date_ranges_match_the_store(
    search: Search, loaded_store: Store, query: str, low: str, high: str
) -> None:
    expected = {
        doc_id
        for (doc_id,) in rows(
            loaded_store.path,
            f"SELECT id FROM documents WHERE {DAY_SQL} BETWEEN ? AND ?",
            low,
            high,
        )
    }
    assert hit_ids(search, query) == expected


FACET_SQL = {
    "year": f"SELECT cast(substr({DAY_SQL}, 1, 4) AS INTEGER), count(*) FROM documents",
    "classification": "SELECT classification, count(*) FROM documents",
    "doc_type": "SELECT doc_type, count(*) FROM documents",
    "volume": "SELECT volume, count(*) FROM documents",
    "caveat": "SELECT c.value, count(DISTINCT d.id) FROM documents d, json_each(d.caveats) c",
    "from": "SELECT from_, count(*) FROM documents",
    "to": "SELECT to_, count(*) FROM documents",
}


@pytest.mark.parametrize(
    "query", ["NATO", "-NATO", "type:telegram", "Soviet OR Czech*", "date:1968-09", "Cleveland"]
)
def test_facet_counts_match_sql(search: Search, loaded_store: Store, query: str) -> None:
    results = search.search(query, limit=ALL, facet_size=ALL)
    found = [hit.id for hit in results.hits]
    marks = ", ".join("?" for _ in found)
    for name, sql in FACET_SQL.items():
        alias = "d.id" if name == "caveat" else "id"
        expected = {
            value: count
            for value, count in rows(
                loaded_store.path, f"{sql} WHERE {alias} IN ({marks}) GROUP BY 1", *found
            )
            if value is not None
        }
        assert {f.value: f.count for f in results.facets[name]} == expected, name


def test_facets_keep_the_most_frequent_values(search: Search) -> None:
    results = search.search("NATO", facet_size=2)
    for counts in results.facets.values():
        assert len(counts) <= 2
        assert [c.count for c in counts] == sorted((c.count for c in counts), reverse=True)


def test_pages_are_slices_of_one_ranking(search: Search) -> None:
    everything = [hit.id for hit in search.search("NATO", limit=ALL).hits]
    pages = [
        hit.id for o in range(0, 12, 4) for hit in search.search("NATO", limit=4, offset=o).hits
    ]
    assert pages == everything[:12]
    scores = [hit.score for hit in search.search("NATO", limit=ALL).hits]
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]


def test_date_sort_is_chronological(search: Search, loaded_store: Store) -> None:
    results = search.search("NATO", limit=ALL, sort="date")
    moments = [loaded_store.document(hit.id).date_min for hit in results.hits]
    from datetime import datetime

    parsed = [datetime.fromisoformat(m) for m in moments if m]
    assert parsed == sorted(parsed)
    assert all(hit.score is None for hit in results.hits)


def test_title_matches_rank_first(search: Search) -> None:
    results = search.search("Memorandum Conversation", limit=4)
    assert all("Memorandum of Conversation" in hit.title for hit in results.hits)


def test_stemming_folding_and_prefixes(search: Search) -> None:
    assert hit_ids(search, "détente") == hit_ids(search, "DETENTE") != set()
    assert hit_ids(search, "mobilization") == hit_ids(search, "mobilize") != set()
    assert hit_ids(search, "Czech*") >= hit_ids(search, "Czechoslovakia")
    assert hit_ids(search, '"czechoslovak*"') == hit_ids(search, "czechoslovak*")


def test_snippets_are_html_safe_and_highlight_matches(search: Search) -> None:
    for hit in search.search('"force levels"').hits:
        assert "<b>force</b> <b>levels</b>" in hit.snippet.lower()
        without_tags = hit.snippet.replace("<b>", "").replace("</b>", "")
        assert "<" not in without_tags and ">" not in without_tags
    lead = search.search("caveat:Exdis").hits[0].snippet  # nothing to highlight: the opening
    assert lead and "<b>" not in lead


def test_hits_carry_the_document_facts(search: Search, loaded_store: Store) -> None:
    hit = search.search('"Atlantic caucus" OR "European caucus"').hits[0]
    doc = loaded_store.document(hit.id)
    assert (hit.number, hit.title, hit.date, hit.doc_type, hit.classification) == (
        doc.number,
        doc.title,
        doc.date,
        doc.doc_type,
        doc.classification,
    )


# property tests over a richer store -----------------------------------------------------------


def variant_volume(folder: Path) -> Path:
    """The excerpt as another volume: other years, classifications and caveats."""
    data = EXCERPT.read_text(encoding="utf-8")
    data = data.replace('xml:id="frus1964-68v13"', 'xml:id="frus1961-63v99"', 1)
    data = data.replace("1968", "1962").replace(". Secret.", ". Top Secret.")
    data = re.sub(r"(?<!\w)Exdis", "Nodis", data)  # in text, not in ids like t_Exdis1
    data = data.replace("Department of State", "Department of Defense")
    path = folder / "frus1961-63v99.xml"
    path.write_text(data, encoding="utf-8")
    return path


@dataclass
class Row:
    id: str
    values: dict[str, list[str]]  # field -> values as stored
    day: str | None
    texts: list[list[str]] = field(default_factory=list)  # exact-word token lists
    stems: set[str] = field(default_factory=set)


def tokens(text: str) -> list[str]:
    return analyze(FOLD, text)


def contains(haystack: list[str], needle: list[str]) -> bool:
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def load_rows(store: Store) -> dict[str, Row]:
    conn = store.conn
    notes: dict[str, list[str]] = {}
    for doc_id, text in conn.execute("SELECT document_id, text FROM footnotes ORDER BY seq"):
        notes.setdefault(doc_id, []).append(text)
    persons: dict[str, list[str]] = {}
    for doc_id, name in conn.execute("SELECT document_id, name FROM mentions WHERE kind='person'"):
        persons.setdefault(doc_id, []).append(name)
    out = {}
    for r in conn.execute(f"SELECT *, {DAY_SQL} AS day FROM documents"):
        names = []
        for name in persons.get(r["id"], []):
            names.append(name)
            last, comma, first = name.partition(", ")
            if comma and first:
                names.append(f"{first} {last}")
        values = {
            "classification": [r["classification"]],
            "precedence": [r["precedence"]],
            "type": [r["doc_type"]],
            "kind": [r["kind"]],
            "channel": [r["telegram_channel"]],
            "volume": [r["volume"]],
            "caveat": json.loads(r["caveats"]),
            "from": [r["from_"]],
            "to": [r["to_"]],
            "file": [r["source_file_code"]],
            "person": names,
        }
        values = {k: [v for v in vs if v] for k, vs in values.items()}
        texts = [r["title"], r["text"], *notes.get(r["id"], [])]
        row = Row(r["id"], values, r["day"] if r["day"] else None)
        row.texts = [tokens(t) for t in texts]
        row.stems = {stem for t in texts for stem in analyze(STEM, t)}
        out[row.id] = row
    return out


@dataclass
class Rich:
    search: Search
    rows: dict[str, Row]
    cases: st.SearchStrategy[Case]


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Rich:
    folder = tmp_path_factory.mktemp("rich")
    store = Store(folder / "rich.db")
    seeds = sorted(SEEDS_DIR.glob("*.txt"))[:4]
    assert not ingest_paths(store, [EXCERPT, variant_volume(folder), *seeds]).failed
    # touch one volume: the repair on open re-indexes it into a segment of its own
    store.conn.execute("UPDATE documents SET title = title WHERE volume = 'frus1961-63v99'")
    rows_by_id = load_rows(store)
    search = Search(store)
    assert search.index.searcher().num_segments > 1  # facet counts merge across segments
    return Rich(search, rows_by_id, cases(rows_by_id))


def canonical(field_name: str, value: str) -> str:
    value = " ".join(value.split()).lower()
    return value.replace(" ", "-") if field_name == "type" else value


@dataclass
class Case:
    query: str
    match: frozenset[str]


def pick(items: list):  # type: ignore[no-untyped-def, type-arg]
    """Like ``st.sampled_from``, without a repr as long as ``items``."""
    return st.integers(0, len(items) - 1).map(lambda i: items[i])


def atoms(data: dict[str, Row]) -> st.SearchStrategy[Case]:
    every = list(data.values())

    def select(predicate) -> frozenset[str]:  # type: ignore[no-untyped-def]
        return frozenset(row.id for row in every if predicate(row))

    def key_case(field_name: str, value: str) -> Case:
        wanted = canonical(field_name, value)
        return Case(
            f'{field_name}:"{value}"',
            select(lambda r: any(canonical(field_name, v) == wanted for v in r.values[field_name])),
        )

    def name_case(field_name: str, value: str) -> Case:
        wanted = tokens(value)
        return Case(
            f'{field_name}:"{value}"',
            select(lambda r: any(contains(tokens(v), wanted) for v in r.values[field_name])),
        )

    def day_case(low: str | None, high: str | None) -> Case:
        def inside(r: Row) -> bool:
            return r.day is not None and (low or "") <= r.day <= (high or "9999")

        query = f"date:{low or ''}..{high or ''}" if (low or high) else f"date:{low}"
        return Case(query, select(inside))

    def year_case(low: int, high: int) -> Case:
        return Case(
            f"year:{low}..{high}",
            select(lambda r: r.day is not None and low <= int(r.day[:4]) <= high),
        )

    def word_case(word: str) -> Case:
        stem = analyze(STEM, word)[0]
        return Case(word, select(lambda r: stem in r.stems))

    def phrase_case(words: list[str]) -> Case:
        return Case(
            '"' + " ".join(words) + '"', select(lambda r: any(contains(t, words) for t in r.texts))
        )

    def prefix_case(prefix: str) -> Case:
        return Case(
            f"{prefix}*",
            select(lambda r: any(w.startswith(prefix) for t in r.texts for w in t)),
        )

    stored: dict[str, list[str]] = {}
    for row in every:
        for name, values in row.values.items():
            stored.setdefault(name, []).extend(values)
    key_fields = ["classification", "precedence", "type", "kind", "volume", "caveat"]
    key_values = [(f, v) for f in key_fields for v in sorted(set(stored.get(f, [])))]
    key_values += [("classification", "Unclassified"), ("caveat", "Noforn")]
    name_values = [(f, v) for f in ("from", "to", "file") for v in sorted(set(stored[f]))]
    name_values += [(f, w) for f, v in name_values for w in v.split()[:2] if tokens(w)]
    name_values += [("person", v) for v in sorted(set(stored["person"]))]
    name_values += [("person", v.split(",")[0]) for v in sorted(set(stored["person"]))]
    days = sorted({row.day for row in every if row.day})
    words = sorted({w for row in every for t in row.texts[:2] for w in t if w.isalpha()})
    passages = [t for row in every for t in row.texts if len(t) > 3]
    prefixes = sorted({w[:n] for w in words for n in (2, 4) if len(w) > n})

    def bound(day: str, size: int) -> str:
        return day[:size]

    return st.one_of(
        pick(key_values).map(lambda fv: key_case(*fv)),
        pick(name_values).map(lambda fv: name_case(*fv)),
        st.tuples(
            st.one_of(st.none(), pick(days)),
            st.one_of(st.none(), pick(days)),
            st.sampled_from([4, 7, 10]),
        )
        .filter(lambda t: t[0] is not None or t[1] is not None)
        .map(lambda t: (t[0] and bound(t[0], t[2]), t[1] and bound(t[1], t[2])))
        .filter(lambda t: not (t[0] and t[1]) or t[0] <= t[1])
        .map(lambda t: day_range_case(t, day_case)),
        st.tuples(st.integers(1958, 1972), st.integers(0, 8)).map(
            lambda t: year_case(t[0], t[0] + t[1])
        ),
        pick(words).map(word_case),
        st.tuples(pick(passages), st.integers(0, 10_000), st.integers(2, 3)).map(
            lambda t: phrase_case(t[0][t[1] % (len(t[0]) - 3) :][: t[2]])
        ),
        pick(prefixes).map(prefix_case),
    )


def day_range_case(bounds: tuple[str | None, str | None], make) -> Case:  # type: ignore[no-untyped-def]
    """Widen a partial date bound as the query language does (1968-08 .. ends on the 31st)."""
    low, high = bounds
    case = make(_first_day(low), _last_day(high))
    query = f"date:{low or ''}..{high or ''}"
    return Case(query, case.match)


def _first_day(value: str | None) -> str | None:
    if value is None:
        return None
    return value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value


def _last_day(value: str | None) -> str | None:
    if value is None or len(value) == 10:
        return value
    return value + "-12-31" if len(value) == 4 else value + "-31"  # string order: ok for <=


def combine(children: st.SearchStrategy[Case], universe: frozenset[str]):  # type: ignore[no-untyped-def]
    def both(cases: list[Case], explicit: bool) -> Case:
        joiner = " AND " if explicit else " "
        match = frozenset.intersection(*(c.match for c in cases))
        return Case("(" + joiner.join(c.query for c in cases) + ")", match)

    def either(cases: list[Case]) -> Case:
        match = frozenset.union(*(c.match for c in cases))
        return Case("(" + " OR ".join(c.query for c in cases) + ")", match)

    def negate(case: Case, word: bool) -> Case:
        return Case(("NOT " if word else "-") + case.query, universe - case.match)

    return st.one_of(
        st.builds(both, st.lists(children, min_size=2, max_size=3), st.booleans()),
        st.builds(either, st.lists(children, min_size=2, max_size=3)),
        st.builds(negate, children, st.booleans()),
    )


def cases(data: dict[str, Row]) -> st.SearchStrategy[Case]:
    universe = frozenset(data)
    return st.recursive(atoms(data), lambda c: combine(c, universe), max_leaves=5)


def expected_facets(data: dict[str, Row], match: Iterable[str]) -> dict[str, Counter]:
    facets: dict[str, Counter] = {name: Counter() for name in FACETS}
    fields = {"classification": "classification", "doc_type": "type", "volume": "volume"}
    fields |= {"caveat": "caveat", "from": "from", "to": "to"}
    for doc_id in match:
        row = data[doc_id]
        if row.day:
            facets["year"][int(row.day[:4])] += 1
        for facet, field_name in fields.items():
            for value in set(row.values[field_name]):
                facets[facet][value] += 1
    return facets


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hits_and_facets_equal_the_store(rich: Rich, data: st.DataObject) -> None:
    search, rows_by_id = rich.search, rich.rows
    case = data.draw(rich.cases, label="case")
    results = search.search(case.query, limit=ALL, facet_size=ALL)
    assert {hit.id for hit in results.hits} == case.match, case.query
    assert results.total == len(case.match)
    facets = expected_facets(rows_by_id, case.match)
    for name in FACETS:
        assert {f.value: f.count for f in results.facets[name]} == dict(facets[name]), name
    top = search.search(case.query, limit=1, facet_size=2).facets  # exact counts, top values
    for name in FACETS:
        counts = sorted(facets[name].values(), reverse=True)[:2]
        assert [f.count for f in top[name]] == counts, name
        assert all(facets[name][f.value] == f.count for f in top[name]), name


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_date_sort_and_pages_agree_with_relevance_hits(rich: Rich, data: st.DataObject) -> None:
    search, rows_by_id = rich.search, rich.rows
    case = data.draw(rich.cases, label="case")
    by_date = search.search(case.query, limit=ALL, sort="date", facets=False)
    assert {hit.id for hit in by_date.hits} == case.match
    days = [rows_by_id[hit.id].day for hit in by_date.hits]
    dated = [d for d in days if d]
    assert days[: len(dated)] == dated  # undated documents come last
    assert dated == sorted(dated)
    offset = data.draw(st.integers(0, 5))
    page = search.search(case.query, limit=3, offset=offset, sort="date", facets=False)
    assert [h.id for h in page.hits] == [h.id for h in by_date.hits][offset : offset + 3]
