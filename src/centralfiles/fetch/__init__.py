"""Getting the record: official FRUS volumes and the two authorities, downloaded from the
Office of the Historian's public repositories (or a mirror), resumable and verified.

- :mod:`~centralfiles.fetch.sources` — where each file comes from: the default repositories,
  ``--mirror URL`` / ``CENTRALFILES_MIRROR`` (``http(s)://``, ``file://`` or a folder), and
  the checks on a volume id;
- :mod:`~centralfiles.fetch.download` — one file onto disk: timeouts, retries with backoff,
  resume of a partial file (HTTP ``Range`` with ``If-Range``), a size cap, a temporary file
  renamed into place only once complete and verified;
- :mod:`~centralfiles.fetch.verify` — what a downloaded file must be before anything is
  ingested: well-formed TEI whose ``xml:id`` is the id asked for, or a readable archive of
  the people registry or of POCOM;
- :mod:`~centralfiles.fetch.get` — a list of names downloaded ``--jobs`` at a time into the
  data folder, with a manifest of what each file is;
- :mod:`~centralfiles.fetch.catalog` — the volumes available (ids, titles, years), from the
  repository's listing, cached with its date beside the store.

The package knows nothing of the store: :class:`centralfiles.Archive` downloads with it and
then ingests what it got.
"""

from centralfiles.fetch.catalog import Catalog, CatalogEntry, load_catalog, suggest
from centralfiles.fetch.download import Downloader, Fetched
from centralfiles.fetch.get import Got, fetch_all
from centralfiles.fetch.sources import AUTHORITIES, Mirror, check_volume_id, mirror_from
from centralfiles.fetch.verify import verify_authority, verify_volume

__all__ = [
    "AUTHORITIES",
    "Catalog",
    "CatalogEntry",
    "Downloader",
    "Fetched",
    "Got",
    "Mirror",
    "check_volume_id",
    "fetch_all",
    "load_catalog",
    "mirror_from",
    "suggest",
    "verify_authority",
    "verify_volume",
]
