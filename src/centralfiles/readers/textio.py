"""Decoding plain-text input: bytes from disk or the network into clean ``str``.

Text pasted from history.state.gov is UTF-8, often with a byte-order mark; older files saved on
Windows are cp1252 (curly quotes at 0x91-0x94, dashes at 0x96/0x97) and a few are latin-1.
``decode_text`` reads UTF-8 and decodes every byte sequence UTF-8 rejects as cp1252 (latin-1 for
the five bytes cp1252 leaves undefined), so whole legacy files and UTF-8 files with a stray
Windows quote both keep their typography; line ends become LF. It refuses what is not text
(NUL bytes, mostly control characters) and over-size input with an
:class:`~centralfiles.errors.InputError` that says why.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from centralfiles.errors import InputError

MAX_BYTES = 8 * 1024 * 1024
"""Largest input accepted. One printed FRUS document is a few kB (the longest well under
1 MB); reading holds about 20 times the file in memory, so 8 MB peaks near 160 MB."""

_CONTROL_SHARE = 0.10
"""Share of control characters above which decoded input is taken for binary."""

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_text_file(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> str:
    """Read and decode the text file at ``path`` (size checked before reading)."""
    name = str(path)
    try:
        size = Path(path).stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path=name) from exc
    _check_size(size, max_bytes, name)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path=name) from exc
    return decode_text(data, path=name, max_bytes=max_bytes)


def decode_text(data: bytes, *, path: str | None = None, max_bytes: int = MAX_BYTES) -> str:
    """Decode ``data`` (UTF-8 with or without BOM, UTF-16 with BOM, cp1252, latin-1) to LF text."""
    _check_size(len(data), max_bytes, path)
    text = _decode(data, path)
    check_textual(text, path=path)
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; a leading byte-order mark is dropped."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _check_size(size: int, max_bytes: int, path: str | None) -> None:
    if size > max_bytes:
        raise InputError(
            f"file is too large ({size / 1048576:.1f} MB; the limit is "
            f"{max_bytes / 1048576:.0f} MB)",
            path=path,
        )


def _decode(data: bytes, path: str | None) -> str:
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError("invalid UTF-16 text", path=path) from exc
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), expected plain text", path=path)
    return data.decode("utf-8-sig", errors=_FALLBACK)


def _legacy_byte(byte: int) -> str:
    """One byte as cp1252, or as latin-1 for the five bytes cp1252 leaves undefined."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def _fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejects as cp1252/latin-1, so mixed files keep their quotes."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_legacy_byte(byte) for byte in bad), exc.end


_FALLBACK = "centralfiles.cp1252-fallback"
codecs.register_error(_FALLBACK, _fallback)


def check_textual(text: str, *, path: str | None = None) -> None:
    """Refuse decoded text that is binary: NUL characters or mostly control characters."""
    if "\x00" in text:
        raise InputError("binary file (contains NUL characters), expected plain text", path=path)
    if not text:
        return
    controls = sum(1 for ch in text if ch < " " and ch not in _ALLOWED_CONTROLS)
    controls += text.count("\x7f")
    if controls / len(text) > _CONTROL_SHARE:
        raise InputError("binary file (mostly control characters), expected plain text", path=path)
