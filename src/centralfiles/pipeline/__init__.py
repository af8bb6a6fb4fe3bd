"""The pipeline: the one place that runs readers -> enrich -> store -> index.

- ``ingest`` — files and folders to the store, one transaction per file, then the index;
- ``prefetch`` — reader processes that read and enrich volumes while the store writes;
- ``counterparts`` — enrichment that needs stored neighbours (``same-as`` links), run after
  a document is written and inside the same transaction.

It may import every stage below it (search, store, enrich, readers, model).
"""

from centralfiles.pipeline.ingest import Failed, Ingested, IngestReport, discover, ingest_paths

__all__ = ["Failed", "IngestReport", "Ingested", "discover", "ingest_paths"]
