"""centralfiles: the FRUS record as a structured, linked, searchable archive.

The package is a library first; the CLI and HTTP layers are thin over it.
"""

__version__ = "0.1.0"
