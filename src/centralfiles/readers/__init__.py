"""Readers: a source (TEI volume, plain text) to the document model.

- ``tei`` / ``tei_document`` / ``textbuilder`` — streaming TEI volumes with lxml, one document
  at a time, and the readable text of an element;
- ``text`` — a plain-text document as printed (heading, body, note list, page markers);
- ``textio`` — decoding of text files (UTF-8, BOM, UTF-16, Windows-1252) with size limits.

Readers do no I/O beyond reading their input and know nothing of storage. They may import
``centralfiles.model`` and ``centralfiles.errors`` only.
"""
