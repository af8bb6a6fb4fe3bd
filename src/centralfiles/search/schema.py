"""The search index's schema, text analyzers and the mapping of a ``Document`` onto it.

Three analyzers, shared by indexing and by the query compiler so that both sides agree:

* ``cf_stem``: words (Unicode letters and digits), lower-cased, diacritics folded, English
  (Snowball) stems. Unquoted words are matched on the stemmed fields.
* ``cf_fold``: the same without stemming, with positions. Phrases, prefixes and name fields
  (persons, from, to, file codes) are matched on these exact-word fields.
* ``cf_key``: the whole value as one term, lower-cased and folded (classification, caveats...).

Facet fields (``f_*``, ``volume``) are raw fast fields that keep the value as stored, so facet
counts show "Top Secret", not "top secret". Every document has a value in each of them ("" when
unknown, dropped from the counts): a dense column is counted several times faster than one
with gaps, and the caveats are one value per document (their combination, "Exdis\x1fNoforn"),
split again when counted, for the same reason.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Any

import tantivy

from centralfiles.model import Document

#: Bump when the schema or an analyzer changes: an index of another format is rebuilt.
INDEX_FORMAT = 2

STEM, FOLD, KEY = "cf_stem", "cf_fold", "cf_key"
MAX_TOKEN_CHARS = 64


def _analyzer(tokenizer: tantivy.Tokenizer, *, stem: bool = False) -> tantivy.TextAnalyzer:
    builder = (
        tantivy.TextAnalyzerBuilder(tokenizer)
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_CHARS))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
    )
    if stem:
        builder = builder.filter(tantivy.Filter.stemmer("english"))
    return builder.build()


ANALYZERS: dict[str, tantivy.TextAnalyzer] = {
    STEM: _analyzer(tantivy.Tokenizer.simple(), stem=True),
    FOLD: _analyzer(tantivy.Tokenizer.simple()),
    KEY: tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.raw())
    .filter(tantivy.Filter.lowercase())
    .filter(tantivy.Filter.ascii_fold())
    .build(),
}

#: Text searched by default: (stemmed field, exact-word field, boost).
TEXT_FIELDS = (("title", "title_x", 3.0), ("body", "body_x", 1.0), ("notes", "notes_x", 0.5))
#: Name-like fields: matched word by word or as phrases, without stemming.
NAME_FIELDS = ("person", "from", "to", "file")
#: Whole-value fields, matched case- and accent-insensitively.
KEY_FIELDS = ("classification", "precedence", "caveat", "type", "kind", "channel")
#: Raw fast fields for facets, keeping values as stored, "" when unknown (dense columns).
FAST_FIELDS = (
    "f_year",
    "f_classification",
    "f_precedence",
    "f_caveats",
    "f_type",
    "f_kind",
    "f_channel",
    "f_from",
    "f_to",
    "f_file",
)
#: Separates the caveats of a document in ``f_caveats``.
CAVEAT_SEPARATOR = "\x1f"


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("volume", fast=True, tokenizer_name="raw", index_option="basic")
    for stemmed, exact, _ in TEXT_FIELDS:
        builder.add_text_field(stemmed, tokenizer_name=STEM, index_option="freq")
        builder.add_text_field(exact, tokenizer_name=FOLD, index_option="position")
    for name in NAME_FIELDS:
        builder.add_text_field(name, tokenizer_name=FOLD, index_option="position")
    for name in KEY_FIELDS:
        builder.add_text_field(name, tokenizer_name=KEY, index_option="basic")
    for name in FAST_FIELDS:
        builder.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("f_person", fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_integer_field("day", indexed=True, fast=True)  # yyyymmdd
    builder.add_integer_field("ts", fast=True)  # seconds since 1970, for sorting by date
    return builder.build()


SCHEMA = build_schema()


def register_analyzers(index: tantivy.Index) -> None:
    for name, analyzer in ANALYZERS.items():
        index.register_tokenizer(name, analyzer)


def analyze(analyzer: str, text: str) -> list[str]:
    return ANALYZERS[analyzer].analyze(text)


def key_value(field: str, value: str) -> str:
    """The indexed form of a whole-value field (``type`` values are slugs: spaces -> '-')."""
    folded = " ".join(value.split())
    if field == "type":
        folded = folded.replace(" ", "-")
    tokens = analyze(KEY, folded)
    return tokens[0] if tokens else ""


def fold(text: str) -> str:
    """Lower-case ``text`` without diacritics (the Python side of ``cf_fold``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def person_names(names: list[str]) -> list[str]:
    """Names as mentioned, plus "First Last" for a listed "Last, First" name."""
    out: list[str] = []
    for name in dict.fromkeys(n for n in names if n):
        out.append(name)
        last, comma, first = name.partition(", ")
        if comma and first and last:
            out.append(f"{first} {last}")
    return out


def document_day(date: str | None, date_min: str | None) -> tuple[int, int] | None:
    """(yyyymmdd, year) of a document: the printed date's day, else that of ``date_min``."""
    for value in (date, date_min):
        if value and len(value) >= 10 and value[4] == "-" and value[7] == "-":
            try:
                day = datetime.strptime(value[:10], "%Y-%m-%d")
            except ValueError:
                continue
            return day.year * 10000 + day.month * 100 + day.day, day.year
    return None


def document_timestamp(date: str | None, date_min: str | None) -> int | None:
    """Seconds since 1970 (UTC) of ``date_min`` (normalised by FRUS), else of ``date``."""
    for value in (date_min, date):
        if not value:
            continue
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return int(moment.timestamp())
    return None


def index_fields(doc: Document) -> dict[str, Any]:
    """The tantivy field values of one document (empty values left out)."""
    fields: dict[str, Any] = {"id": doc.id, "volume": doc.volume}
    title, body = doc.title or "", doc.text or ""
    fields["title"] = fields["title_x"] = title
    fields["body"] = fields["body_x"] = body
    notes = [note.text for note in doc.footnotes if note.text]
    if notes:
        fields["notes"] = fields["notes_x"] = notes
    names = person_names([m.name for m in doc.persons])
    if names:
        fields["person"] = names
        fields["f_person"] = list(dict.fromkeys(m.name for m in doc.persons if m.name))
    channel = doc.telegram.channel if doc.telegram else None
    values = {
        "classification": doc.classification,
        "precedence": doc.precedence,
        "type": doc.doc_type,
        "kind": doc.kind,
        "channel": channel,
    }
    for name, value in values.items():
        fields[f"f_{name}"] = value or ""
        if value:
            fields[name] = key_value(name, value)
    caveats = sorted(c for c in set(doc.caveats) if c)
    fields["f_caveats"] = CAVEAT_SEPARATOR.join(caveats)
    if caveats:
        fields["caveat"] = [key_value("caveat", c) for c in caveats]
    for name, value in (("from", doc.from_), ("to", doc.to), ("file", doc.source.file_code)):
        fields[f"f_{name}"] = value or ""
        if value:
            fields[name] = value
    day = document_day(doc.date, doc.date_min)
    fields["f_year"] = str(day[1]) if day is not None else ""
    if day is not None:
        fields["day"], fields["year"] = day
    timestamp = document_timestamp(doc.date, doc.date_min)
    if timestamp is not None:
        fields["ts"] = timestamp
    return fields


def tantivy_document(doc: Document) -> tantivy.Document:
    return tantivy.Document(**index_fields(doc))
