"""Exports: documents written out in the formats other tools read, streamed in constant memory.

``write_export(rows, format, stream)`` writes an iterator of :class:`Row` (a document, its
volume, and for a plain-text copy its published counterpart) as:

- ``jsonl`` — the document JSON contract (DESIGN.md), one document per line;
- ``csv`` — one row per document, the columns of :data:`CSV_COLUMNS` (lists joined with
  ``"; "``), UTF-8, a header row;
- ``parquet`` — the same fields with real types (``date_min``/``date_max`` as UTC timestamps,
  ``year`` as an integer, lists as list columns, telegram and source as structs, footnotes as
  a list of structs), written by pyarrow in row groups of :data:`ROW_GROUP` documents;
- ``bibtex``, ``ris``, ``csl-json`` — each document cited through :mod:`centralfiles.citations`
  (``@incollection`` / ``CHAP`` / a CSL ``chapter``, with the history.state.gov URL), so the
  file imports into Zotero and other reference managers; CSL-JSON is one JSON array.

Only one row group (Parquet) or one row (the others) is held in memory at a time. The module
formats; choosing the documents (a search, or the whole store) is the archive's job.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import IO, Any

from centralfiles.citations import canonical_url, cite, csl_item
from centralfiles.errors import InputError
from centralfiles.model import Document, Repeat, Volume

ROW_GROUP = 1000

#: format -> (media type, file extension, binary)
FORMATS: dict[str, tuple[str, str, bool]] = {
    "jsonl": ("application/x-ndjson", "jsonl", False),
    "csv": ("text/csv; charset=utf-8", "csv", False),
    "parquet": ("application/vnd.apache.parquet", "parquet", True),
    "bibtex": ("application/x-bibtex", "bib", False),
    "ris": ("application/x-research-info-systems", "ris", False),
    "csl-json": ("application/vnd.citationstyles.csl+json", "json", False),
}


@dataclass
class Row:
    """One exported document with what its citation needs."""

    doc: Document
    volume: Volume | None = None
    counterpart: Document | None = None
    counterpart_volume: Volume | None = None


def check_format(name: str) -> str:
    """``name`` lower-cased if it is an export format; else an error naming the formats."""
    key = name.strip().lower()
    if key not in FORMATS:
        close = difflib.get_close_matches(key, list(FORMATS), n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise InputError(f"unknown export format {name!r}{hint} (formats: {', '.join(FORMATS)})")
    return key


def _joined(values: Iterable[object]) -> str:
    return "; ".join(str(value) for value in values if value not in (None, ""))


def _repeat(repeat: Repeat) -> str:
    """ "Usgoc 331 to Batavia, 1949-03-11": one repeat as the CSV writes it."""
    number = f"{repeat.channel} {repeat.number}" if repeat.channel else repeat.number
    return (
        number
        + (f" to {repeat.to}" if repeat.to else "")
        + (f", {repeat.date}" if repeat.date else "")
    )


#: the CSV columns: (name, what it holds, how it is read from a document)
CSV_COLUMNS: list[tuple[str, str, Callable[[Document], object]]] = [
    ("id", "document id: volume/dN (or text/<hash>)", lambda d: d.id),
    ("volume", "FRUS volume id", lambda d: d.volume),
    ("number", "document number as printed", lambda d: d.number),
    ("title", "heading without number and note markers", lambda d: d.title),
    ("kind", "historical-document or editorial-note", lambda d: d.kind),
    ("doc_type", "telegram, memorandum, letter, ...", lambda d: d.doc_type),
    ("from", "sender as printed in the heading", lambda d: d.from_),
    ("to", "recipient as printed in the heading", lambda d: d.to),
    ("place", "place of the dateline", lambda d: d.place),
    ("date", "date as in TEI @when (ISO 8601)", lambda d: d.date),
    ("date_min", "earliest date (ISO 8601)", lambda d: d.date_min),
    ("date_max", "latest date (ISO 8601)", lambda d: d.date_max),
    ("dateline", "the dateline as printed", lambda d: d.dateline),
    ("telegram_number", "telegram number", lambda d: d.telegram.number if d.telegram else None),
    ("telegram_channel", "channel (Topol, Secto, ...)",
     lambda d: d.telegram.channel if d.telegram else None),
    ("telegram_post", "post the telegram was sent from",
     lambda d: d.telegram.post if d.telegram else None),
    ("telegram_alias", "the same telegram's channel number (\"Tosec 46\")",
     lambda d: d.telegram.alias if d.telegram else None),
    ("telegram_repeats", "the numbers it was also sent or repeated under (\"523 to Helsinki\"), "
     "joined with '; '", lambda d: _joined([_repeat(r) for r in d.telegram.repeats])
     if d.telegram else None),
    ("paper_number", "a numbered despatch's, instruction's or note's own number",
     lambda d: d.paper_number),
    ("classification", "Secret, Confidential, ...", lambda d: d.classification),
    ("precedence", "Niact, Immediate, Priority, ...", lambda d: d.precedence),
    ("caveats", "handling caveats, joined with '; '", lambda d: _joined(d.caveats)),
    ("source_repository", "archive of the source note", lambda d: d.source.repository),
    ("source_collection", "collection of the source note", lambda d: d.source.collection),
    ("source_file_code", "file code of the source note", lambda d: d.source.file_code),
    ("source_lot", "lot file of the source note", lambda d: d.source.lot),
    ("source_note", "the source note verbatim", lambda d: d.source.text),
    ("drafted_by", "drafters, joined with '; '", lambda d: _joined(d.drafted_by)),
    ("cleared_by", "clearances, joined with '; '", lambda d: _joined(d.cleared_by)),
    ("approved_by", "approvers, joined with '; '", lambda d: _joined(d.approved_by)),
    ("pages", "printed pages, joined with '; '", lambda d: _joined(d.pages)),
    ("persons", "persons named, joined with '; '", lambda d: _joined(p.name for p in d.persons)),
    ("footnotes", "number of footnotes", lambda d: len(d.footnotes)),
    ("links", "resolved link targets, joined with '; '",
     lambda d: _joined(dict.fromkeys([r.target for r in d.links if r.resolved]
                                     + [p.target for p in d.pointers if p.resolved]))),
    ("url", "history.state.gov page", lambda d: canonical_url(d.id)),
    ("text", "the readable body", lambda d: d.text),
]  # fmt: skip


def write_export(
    rows: Iterable[Row],
    format: str,
    stream: IO[bytes],
    *,
    on_row: Callable[[], None] | None = None,
) -> int:
    """Write ``rows`` to the binary ``stream`` in ``format``; returns the number written."""
    name = check_format(format)
    if name == "parquet":
        return _parquet(rows, stream, on_row)
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    try:
        return _TEXT_WRITERS[name](rows, text, on_row or (lambda: None))
    finally:
        text.flush()
        text.detach()


def iter_chunks(rows: Iterable[Row], format: str, size: int = 64 * 1024) -> Iterator[bytes]:
    """The export as byte chunks (for an HTTP response), without holding it all."""
    buffer = _ChunkBuffer()
    name = check_format(format)
    if name == "parquet":  # pyarrow writes to a file-like object; hand it out as it grows
        yield from _parquet_chunks(rows, buffer)
        return
    text = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
    for _ in _TEXT_GENERATORS[name](rows, text):
        if buffer.size >= size:
            yield buffer.take()
    text.flush()
    yield buffer.take()


class _ChunkBuffer(io.RawIOBase):
    """A write-only byte sink that hands its contents out and forgets them."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.position = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.parts.append(chunk)
        self.size += len(chunk)
        self.position += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self.position

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts, self.size = [], 0
        return data


# --- the text formats: each a generator yielding once per row ----------------------------------


#: characters that ``str.splitlines`` and JavaScript take for line ends but JSON leaves raw in
#: strings: escaped, so that every reader sees one document per line
_LINE_BREAKS = (("\x85", "\\u0085"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def _json_line(data: object) -> str:
    line = json.dumps(data, ensure_ascii=False)
    for raw, escaped in _LINE_BREAKS:  # str.replace runs in C; most lines have none of them
        if raw in line:
            line = line.replace(raw, escaped)
    return line


def _jsonl(rows: Iterable[Row], out: IO[str]) -> Iterator[None]:
    for row in rows:
        out.write(_json_line(row.doc.to_json()) + "\n")
        yield


def _csv(rows: Iterable[Row], out: IO[str]) -> Iterator[None]:
    writer = csv.writer(out)
    writer.writerow([name for name, _, _ in CSV_COLUMNS])
    for row in rows:
        writer.writerow(["" if (v := get(row.doc)) is None else v for _, _, get in CSV_COLUMNS])
        yield


def _cited(style: str) -> Callable[[Iterable[Row], IO[str]], Iterator[None]]:
    def generate(rows: Iterable[Row], out: IO[str]) -> Iterator[None]:
        for row in rows:
            citation = cite(row.doc, row.volume, style, counterpart=row.counterpart,
                            counterpart_volume=row.counterpart_volume)  # fmt: skip
            out.write(citation.text.rstrip("\n") + "\n\n")
            yield

    return generate


def _csl_json(rows: Iterable[Row], out: IO[str]) -> Iterator[None]:
    out.write("[")
    first = True
    for row in rows:
        volume = row.counterpart_volume if row.counterpart else row.volume
        item = csl_item(row.doc, volume, counterpart=row.counterpart)
        out.write(("\n" if first else ",\n") + _json_line(item))
        first = False
        yield
    out.write("\n]\n")


_TEXT_GENERATORS: dict[str, Callable[[Iterable[Row], IO[str]], Iterator[None]]] = {
    "jsonl": _jsonl,
    "csv": _csv,
    "bibtex": _cited("bibtex"),
    "ris": _cited("ris"),
    "csl-json": _csl_json,
}


TextWriter = Callable[[Iterable[Row], IO[str], Callable[[], None]], int]


def _drive(generator: Callable[[Iterable[Row], IO[str]], Iterator[None]]) -> TextWriter:
    """A writer that runs ``generator`` to the end, counting rows and reporting each."""

    def write(rows: Iterable[Row], out: IO[str], on_row: Callable[[], None]) -> int:
        count = 0
        for _ in generator(rows, out):
            count += 1
            on_row()
        return count

    return write


_TEXT_WRITERS = {name: _drive(generator) for name, generator in _TEXT_GENERATORS.items()}


# --- Parquet -----------------------------------------------------------------------------------


def _schema() -> Any:
    import pyarrow as pa

    text = pa.string()
    strings = pa.list_(text)
    return pa.schema([
        ("id", text), ("volume", text), ("number", text), ("title", text), ("kind", text),
        ("doc_type", text), ("from", text), ("to", text), ("place", text),
        ("date", text), ("date_min", pa.timestamp("s", tz="UTC")),
        ("date_max", pa.timestamp("s", tz="UTC")), ("year", pa.int16()), ("dateline", text),
        ("telegram", pa.struct([("number", text), ("channel", text), ("post", text),
                                 ("alias", text),
                                 ("repeats", pa.list_(pa.struct([
                                     ("number", text), ("to", text), ("channel", text),
                                     ("date", text), ("by", text)])))])),
        ("paper_number", text),
        ("classification", text), ("precedence", text), ("caveats", strings),
        ("source", pa.struct([("text", text), ("repository", text), ("collection", text),
                              ("file_code", text), ("lot", text)])),
        ("drafted_by", strings), ("cleared_by", strings), ("approved_by", strings),
        ("pages", strings), ("persons", strings),
        ("footnotes", pa.list_(pa.struct([("n", text), ("text", text),
                                          ("is_source", pa.bool_())]))),
        ("links", strings), ("url", text), ("text", text),
    ])  # fmt: skip


def _timestamp(value: str | None) -> datetime.datetime | None:
    """An ISO 8601 date or date-time as an aware UTC datetime (a date alone: midnight UTC)."""
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        try:
            moment = datetime.datetime.fromisoformat(value[:10])
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC)


def _parquet_record(doc: Document) -> dict[str, Any]:
    earliest = _timestamp(doc.date_min or doc.date)
    source = doc.source
    return {
        "id": doc.id, "volume": doc.volume, "number": doc.number, "title": doc.title,
        "kind": doc.kind, "doc_type": doc.doc_type, "from": doc.from_, "to": doc.to,
        "place": doc.place, "date": doc.date, "date_min": earliest,
        "date_max": _timestamp(doc.date_max), "year": earliest.year if earliest else None,
        "dateline": doc.dateline,
        "telegram": None if doc.telegram is None else {
            "number": doc.telegram.number, "channel": doc.telegram.channel,
            "post": doc.telegram.post, "alias": doc.telegram.alias,
            "repeats": [asdict(r) for r in doc.telegram.repeats]},
        "paper_number": doc.paper_number,
        "classification": doc.classification, "precedence": doc.precedence,
        "caveats": list(doc.caveats),
        "source": {"text": source.text, "repository": source.repository,
                   "collection": source.collection, "file_code": source.file_code,
                   "lot": source.lot},
        "drafted_by": list(doc.drafted_by), "cleared_by": list(doc.cleared_by),
        "approved_by": list(doc.approved_by), "pages": list(doc.pages),
        "persons": [p.name for p in doc.persons],
        "footnotes": [{"n": f.n, "text": f.text, "is_source": f.is_source}
                      for f in doc.footnotes],
        "links": list(dict.fromkeys([r.target for r in doc.links if r.resolved]
                                    + [p.target for p in doc.pointers if p.resolved and p.target])),
        "url": canonical_url(doc.id), "text": doc.text,
    }  # fmt: skip


def _parquet_batches(
    rows: Iterable[Row], on_row: Callable[[], None] | None = None
) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(_parquet_record(row.doc))
        if on_row:
            on_row()
        if len(batch) >= ROW_GROUP:
            yield batch
            batch = []
    if batch:
        yield batch


def _parquet(rows: Iterable[Row], stream: IO[bytes], on_row: Callable[[], None] | None) -> int:
    """The Parquet file, written to ``stream`` as its row groups are made."""
    counted = [0]

    def count() -> None:
        counted[0] += 1
        if on_row:
            on_row()

    for chunk in _parquet_chunks(rows, _ChunkBuffer(), count):
        stream.write(chunk)
    return counted[0]


def _parquet_chunks(
    rows: Iterable[Row], buffer: _ChunkBuffer, on_row: Callable[[], None] | None = None
) -> Iterator[bytes]:
    """The Parquet file as byte chunks: one per row group, then the footer."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema()
    sink = pa.PythonFile(buffer, mode="w")
    writer = pq.ParquetWriter(sink, schema, compression="zstd")
    wrote = False
    for batch in _parquet_batches(rows, on_row):
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        wrote = True
        yield buffer.take()
    if not wrote:
        writer.write_table(schema.empty_table())
    writer.close()
    yield buffer.take()
