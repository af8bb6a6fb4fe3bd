"""What a downloaded file must be before anything is ingested from it.

A volume: a well-formed TEI document (parsed to the end, entities and network access off)
whose root is ``TEI`` with the ``xml:id`` that was asked for. An authority: a readable tar
archive (every member read to the end) whose files are those of the people registry or of
POCOM, as asked. Each failure is one ``FetchError`` sentence; the caller deletes the file.
"""

from __future__ import annotations

import tarfile
from pathlib import Path

from lxml import etree

from centralfiles.errors import FetchError, InputError
from centralfiles.readers.authorities import read_authority
from centralfiles.readers.tei import check_file

TEI = "{http://www.tei-c.org/ns/1.0}TEI"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def verify_volume(path: Path, volume_id: str, *, source: str | None = None) -> None:
    """Raise ``FetchError`` unless ``path`` is the TEI of volume ``volume_id``."""
    where = source or str(path)
    try:
        check_file(path)
    except InputError as error:
        raise FetchError(f"refused {where}: {error.message}") from None
    root_seen = False
    try:
        events = etree.iterparse(
            str(path), events=("start", "end"), resolve_entities=False, no_network=True,
            load_dtd=False, huge_tree=True,
        )  # fmt: skip
        for event, element in events:
            if not root_seen:
                root_seen = True
                if element.tag != TEI:
                    name = etree.QName(element).localname
                    raise FetchError(
                        f"refused {where}: not a TEI volume (its root element is <{name}>)"
                    )
                found = element.get(XML_ID)
                if found != volume_id:
                    raise FetchError(
                        f"refused {where}: it is the TEI of {found or 'an unnamed volume'!s}, "
                        f"not of {volume_id}"
                    )
            elif event == "end" and element.getparent() is not None:
                element.clear(keep_tail=True)  # memory stays flat in the volume's size
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else "?"
        raise FetchError(
            f"refused {where}: not well-formed XML at line {line} ({error.msg}); the download "
            "is damaged or is not a volume"
        ) from None
    if not root_seen:
        raise FetchError(f"refused {where}: the file is empty")


def verify_authority(path: Path, name: str, *, source: str | None = None) -> None:
    """Raise ``FetchError`` unless ``path`` is a readable archive of authority ``name``
    ("people" or "pocom")."""
    where = source or str(path)
    try:
        kind, _records = read_authority(path)
    except InputError as error:
        raise FetchError(f"refused {where}: {error.message}") from None
    if kind != name:
        raise FetchError(f"refused {where}: it holds {kind}, not {name}")
    try:
        with tarfile.open(path, mode="r|*") as archive:
            for member in archive:
                handle = archive.extractfile(member) if member.isfile() else None
                if handle is not None:
                    while handle.read(1024 * 1024):
                        pass
    except (tarfile.TarError, EOFError, OSError) as error:
        raise FetchError(f"refused {where}: the archive is damaged ({error})") from None
