"""The cable grammar: pure functions that turn a document's apparatus into normalised metadata.

- ``parse_source_note`` — repository, collection, file code, markings, drafting chain,
  distribution and remarks of a source note ("Source: Department of State, Central Files, DEF 4
  NATO. Secret; Immediate. Drafted by Myerson ...").
- ``parse_heading`` — document number, type slug, sender and recipient of a heading.
- ``parse_caption`` / ``transmission_time`` — a telegram's own number, channel and references
  from the opening of its body, and its time from the dateline.
- ``parse_citation`` / ``find_citations`` — one archival citation decomposed (``citation``,
  file codes and lots in ``codes``), and the citations inside other footnotes, "Ibid." resolved
  (``footnotes``).
- ``enrich`` — all of the above applied to a ``Document``.

Nothing is dropped: text no rule understands is kept in ``SourceNote.unparsed`` and unknown
marking tokens in ``SourceNote.unrecognised``.
"""

from centralfiles.enrich.cable.apply import enrich, sent_by_department, sent_to_department
from centralfiles.enrich.cable.caption import TELEGRAPHIC, Caption, parse_caption, transmission_time
from centralfiles.enrich.cable.citation import Citation, parse_citation
from centralfiles.enrich.cable.codes import file_date
from centralfiles.enrich.cable.footnotes import find_citations
from centralfiles.enrich.cable.heading import TYPE_SLUGS, Heading, parse_heading
from centralfiles.enrich.cable.markings import Markings, parse_markings
from centralfiles.enrich.cable.openers import OPENER_TYPES
from centralfiles.enrich.cable.source import FORM_TYPES, SourceNote, parse_source_note

#: every value ``doc_type`` can take (the README lists them; a test keeps the two equal)
DOC_TYPES = TYPE_SLUGS | OPENER_TYPES | FORM_TYPES | {"editorial-note"}

__all__ = [
    "DOC_TYPES",
    "TELEGRAPHIC",
    "Caption",
    "Citation",
    "Heading",
    "Markings",
    "SourceNote",
    "enrich",
    "file_date",
    "find_citations",
    "parse_caption",
    "parse_citation",
    "parse_heading",
    "parse_markings",
    "parse_source_note",
    "sent_by_department",
    "sent_to_department",
    "transmission_time",
]
