"""Where each file comes from: the official repositories, or a mirror laid out like them.

A mirror is a base URL (``http://``, ``https://``, ``file://``) or a folder. Volumes are read
from ``<base>/volumes/<id>.xml`` and their bibliographic records (titles, years) from
``<base>/bibliography/<id>.xml``, as in a checkout of HistoryAtState/frus; the authorities from
``<base>/hsg-people.tar.gz`` and ``<base>/pocom.tar.gz``, as in ``../shared/authorities``.
Without a mirror the volumes come from the raw files of GitHub's HistoryAtState/frus (default
branch) and the authorities from the archives of HistoryAtState/people and /pocom.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from centralfiles.errors import FetchError

DEFAULT_BASE = "https://raw.githubusercontent.com/HistoryAtState/frus/master/"
#: the GitHub listing of the volumes folder (names and sizes; one request)
DEFAULT_LISTING = "https://api.github.com/repos/HistoryAtState/frus/contents/volumes"

#: authority name -> (file name in a mirror, the official repository's archive)
AUTHORITIES = {
    "people": ("hsg-people.tar.gz",
               "https://codeload.github.com/HistoryAtState/people/tar.gz/refs/heads/master"),
    "pocom": ("pocom.tar.gz",
              "https://codeload.github.com/HistoryAtState/pocom/tar.gz/refs/heads/master"),
}  # fmt: skip

#: a FRUS volume id: "frus1964-68v13", "frus1918Russiav03", "frus1861-99Index"
VOLUME_ID = re.compile(r"frus[0-9][0-9A-Za-z-]{2,60}")


def check_volume_id(value: str) -> str:
    """``value`` if it can be a FRUS volume id; a clear error otherwise (ids become file names
    and URL paths, so nothing else gets through)."""
    if not VOLUME_ID.fullmatch(value):
        raise FetchError(
            f"{value!r} is not a FRUS volume id (they look like frus1964-68v13); "
            "`centralfiles catalog` lists them"
        )
    return value


@dataclass(frozen=True)
class Mirror:
    """A source of volumes and authorities: ``base`` is an ``http(s)://`` URL ending in "/" or
    a local folder (``local`` true)."""

    base: str
    local: bool = False
    official: bool = False

    def volume(self, volume_id: str) -> str:
        return self._join("volumes", f"{check_volume_id(volume_id)}.xml")

    def bibliography(self, volume_id: str) -> str:
        return self._join("bibliography", f"{check_volume_id(volume_id)}.xml")

    def authority(self, name: str) -> str:
        file_name, official = AUTHORITIES[name]
        return official if self.official else self._join(file_name)

    def listing(self) -> str:
        """Where the volume ids are listed: GitHub's API, a mirror's ``volumes/`` index page,
        or a folder."""
        return (
            DEFAULT_LISTING
            if self.official
            else self._join("volumes") + ("" if self.local else "/")
        )

    def _join(self, *parts: str) -> str:
        if self.local:
            return str(Path(self.base, *parts))
        return self.base + "/".join(quote(part) for part in parts)

    def describe(self) -> str:
        return "the official repository (GitHub HistoryAtState)" if self.official else self.base


def mirror_from(value: str | None = None) -> Mirror:
    """The mirror ``value`` names (else ``$CENTRALFILES_MIRROR``, else the official
    repositories). Refuses schemes other than http, https and file."""
    value = value if value is not None else os.environ.get("CENTRALFILES_MIRROR") or None
    if value is None:
        return Mirror(DEFAULT_BASE, official=True)
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        if not parts.netloc:
            raise FetchError(f"mirror {value!r} has no host; give it as http://HOST[:PORT]/PATH")
        return Mirror(value if value.endswith("/") else value + "/")
    if scheme == "file":
        return _folder(unquote(parts.path), value)
    if len(scheme) > 1:  # a one-letter scheme is a Windows drive ("C:\\mirror")
        raise FetchError(
            f"mirror {value!r}: unsupported scheme {scheme}://; use http(s)://, file:// or a "
            "folder path"
        )
    return _folder(value, value)


def _folder(path: str, given: str) -> Mirror:
    folder = Path(path).expanduser()
    if not folder.is_dir():
        raise FetchError(f"mirror {given!r} is not a folder (or an http(s):// URL)")
    return Mirror(str(folder.resolve()), local=True)
