"""Readers turn a source (TEI volume, plain text) into the document model; they do no I/O
beyond reading their input and know nothing of storage."""
