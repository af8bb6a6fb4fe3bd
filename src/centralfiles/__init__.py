"""centralfiles: the FRUS record as a structured, linked, searchable archive.

The package is a library first; the CLI (and the HTTP layers to come) are thin over it. The
front door is ``Archive`` (``from centralfiles import Archive``). The flow, one package per
stage, each importing only the stages below it (checked by import-linter, ``make lint``)::

    readers -> enrich -> store -> search -> pipeline -> archive -> cli
    (model and errors underneath everything)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Archive", "__version__"]

if TYPE_CHECKING:
    from centralfiles.archive import Archive


def __getattr__(name: str) -> Any:
    # lazy, so that reader worker processes importing centralfiles.readers do not load
    # the store, tantivy and the rest
    if name == "Archive":
        from centralfiles.archive import Archive

        return Archive
    raise AttributeError(f"module 'centralfiles' has no attribute {name!r}")
