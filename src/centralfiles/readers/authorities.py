"""The Office of the Historian's authority data, read as it is published: the people registry
(HistoryAtState/people: one ``<person>`` file per identity, reconciling the persons lists of
FRUS volumes) and POCOM (HistoryAtState/pocom: who held which post when).

Either comes as the repository's ``.tar.gz`` archive or as a folder (a checkout). Files are
read one at a time from the archive's stream, so memory stays flat whatever its size; a file
that is not well-formed XML stops the read with an ``InputError`` naming it.

- ``read_authority(path)`` tells which of the two ``path`` holds and yields its records:
  ``RegistryPerson`` for the registry, ``PocomPerson`` and ``Post`` for POCOM.
"""

from __future__ import annotations

import itertools
import os
import re
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from centralfiles.errors import InputError

#: a persons-list entry of a volume: ``.../historicaldocuments/frus1964-68v13/persons#p_DSAM1``
_SOURCE_URL = re.compile(r"/historicaldocuments/(?P<volume>[^/#]+)/persons#(?P<entry>[\w.-]+)")
_POCOM_URL = re.compile(r"/departmenthistory/people/(?P<slug>[\w-]+)")
_REGISTRY_FILE = re.compile(r"(?:^|/)data/(?:\d+/)+\d+\.xml$")
_POCOM_PERSON = re.compile(r"(?:^|/)people/[^/]+/[^/]+\.xml$")
_POCOM_POSTS = re.compile(
    r"(?:^|/)(?:missions-countries|missions-orgs|positions-principals)/[^/]+\.xml$"
)
MAX_RECORD_BYTES = 4 * 2**20  # the largest record of either dataset is under 100 KB


@dataclass
class Entry:
    """One volume's persons-list entry that the registry merged into an identity."""

    volume: str
    entry: str
    name: str


@dataclass
class RegistryPerson:
    """An identity of the people registry: its id, names, and the entries it reconciles."""

    id: str
    preferred: str
    alternates: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    #: the role printed beside the name, per entry: ``(volume, entry, text)``
    remarks: list[tuple[str, str, str]] = field(default_factory=list)
    birth: str | None = None
    death: str | None = None
    #: the same person in POCOM, when the registry links them (``cleveland-james-harlan``)
    pocom_id: str | None = None


@dataclass
class PocomPerson:
    """A person of POCOM: ``id`` is POCOM's own (``rabb-maxwell-m``)."""

    id: str
    surname: str
    forename: str
    birth: str | None = None
    death: str | None = None


@dataclass
class Post:
    """One appointment: a chief of mission or a principal officer, with its dates."""

    person_id: str
    position: str  # the mission's territory or organisation, or the principal position
    position_name: str
    role: str
    started: str | None
    ended: str | None
    kind: str  # "mission" or "principal"


Record = RegistryPerson | PocomPerson | Post


def read_authority(path: str | os.PathLike[str]) -> tuple[str, Iterator[Record]]:
    """``("people" | "pocom", records)`` for an archive or folder of either dataset."""
    files = _files(Path(path))
    first = next(files, None)
    if first is None:
        raise InputError("holds no XML files of the people registry or of POCOM", path=str(path))
    name = first[0]
    if _REGISTRY_FILE.search(name):
        kind = "people"
    elif _POCOM_PERSON.search(name) or _POCOM_POSTS.search(name) or "/code-tables/" in name:
        kind = "pocom"
    else:
        raise InputError(
            f"is neither the people registry (data/.../<id>.xml) nor POCOM (people/, "
            f"missions-countries/); its first XML file is {name}",
            path=str(path),
        )

    def records() -> Iterator[Record]:
        for member, data in itertools.chain([first], files):
            if kind == "people" and _REGISTRY_FILE.search(member):
                yield _registry_person(_parse(path, member, data))
            elif kind == "pocom" and _POCOM_PERSON.search(member):
                yield _pocom_person(_parse(path, member, data))
            elif kind == "pocom" and _POCOM_POSTS.search(member):
                yield from _posts(_parse(path, member, data), member)

    return kind, records()


def _files(path: Path) -> Iterator[tuple[str, bytes]]:
    """``(name, bytes)`` of every XML file, in archive order (or sorted, for a folder)."""
    if path.is_dir():
        for file in sorted(path.rglob("*.xml")):
            if file.stat().st_size > MAX_RECORD_BYTES:
                raise InputError(f"{file.name} is larger than a record can be", path=str(file))
            yield file.relative_to(path).as_posix(), file.read_bytes()
        return
    if not path.exists():
        raise InputError("no such file or folder", path=str(path))
    try:
        archive = tarfile.open(path, mode="r|*")  # noqa: SIM115 - a stream, closed below
    except (tarfile.TarError, OSError) as error:
        raise InputError(f"is not a readable tar archive ({error})", path=str(path)) from None
    with archive:
        try:
            for member in archive:
                if not member.isfile() or not member.name.endswith(".xml"):
                    continue
                if member.size > MAX_RECORD_BYTES:
                    raise InputError(
                        f"{member.name} is larger than a record can be", path=str(path)
                    )
                handle = archive.extractfile(member)
                if handle is not None:
                    yield member.name, handle.read()
        except (tarfile.TarError, EOFError, OSError) as error:
            raise InputError(f"the archive is damaged ({error})", path=str(path)) from None


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _parse(path: str | os.PathLike[str], member: str, data: bytes) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        line = error.lineno if isinstance(error.lineno, int) else None
        raise InputError(f"{member} is not well-formed XML: {error.msg}", path=str(path),
                         line=line) from None  # fmt: skip


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _registry_person(root: etree._Element) -> RegistryPerson:
    person = RegistryPerson(
        id=_text(root.find("id")),
        preferred=_text(root.find("names/preferred/name")),
        birth=_text(root.find("birth-year")) or None,
        death=_text(root.find("death-year")) or None,
    )
    person.alternates = [_text(n) for n in root.iterfind("names/alternates//name") if _text(n)]
    for original in root.iterfind("names/originals/original"):
        name = _text(original.find("name"))
        for url in original.iterfind("source-url"):
            if match := _SOURCE_URL.search(url.text or ""):
                person.entries.append(Entry(match["volume"], match["entry"], name))
    for url in root.iter("source-url"):
        if match := _POCOM_URL.search(url.text or ""):
            person.pocom_id = match["slug"]
            break
    for remark in root.iterfind("remarks/remark"):
        text = _text(remark.find("p"))
        for url in remark.iterfind("source-url"):
            if text and (match := _SOURCE_URL.search(url.text or "")):
                person.remarks.append((match["volume"], match["entry"], text))
    return person


def _pocom_person(root: etree._Element) -> PocomPerson:
    return PocomPerson(
        id=_text(root.find("id")),
        surname=_text(root.find("persName/surname")),
        forename=_text(root.find("persName/forename")),
        birth=_text(root.find("birth")) or None,
        death=_text(root.find("death")) or None,
    )


def _posts(root: etree._Element, member: str) -> Iterator[Post]:
    kind = "principal" if "positions-principals/" in member else "mission"
    position = _text(root.find("territory-id")) or _text(root.find("id")) or Path(member).stem
    name = _text(root.find("names/singular")) or position
    for chief in root.iter("chief", "principal"):
        person = _text(chief.find("person-id"))
        if not person:
            continue
        yield Post(
            person_id=person,
            position=position,
            position_name=name,
            role=_text(chief.find("role-title-id")),
            started=_text(chief.find("started/date"))
            or _text(chief.find("appointed/date"))
            or None,
            ended=_text(chief.find("ended/date")) or None,
            kind=kind,
        )
