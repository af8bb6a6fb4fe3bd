"""User-facing errors: one sentence naming the file, the line and the problem."""

from __future__ import annotations

import errno


class CentralfilesError(Exception):
    """Base class for errors caused by user input or environment, shown without a traceback."""


class InputError(CentralfilesError):
    """A bad input file or value; ``str()`` gives ``path:line:column: message``."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [str(part) for part in (self.path, self.line, self.column) if part is not None]
        return ": ".join([":".join(where), self.message]) if where else self.message

    def with_path(self, path: str) -> InputError:
        """The same error, naming ``path`` when the reader did not know it."""
        if self.path is not None:
            return self
        return InputError(self.message, path=path, line=self.line, column=self.column)


class NotFoundError(CentralfilesError):
    """A requested document, volume or person is not in the store."""


class QueryError(CentralfilesError):
    """A search query that cannot be parsed; ``str()`` gives ``query column N: message``."""

    def __init__(self, message: str, column: int) -> None:
        self.message = message
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"query column {self.column}: {self.message}"


_OS_ADVICE = {
    errno.ENOSPC: "the disk is full; free some space and run the command again",
    errno.EDQUOT: "the disk quota is exhausted; free some space and run the command again",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "the operation is not permitted (an immutable or protected file?)",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.ELOOP: "the path loops through symbolic links",
    errno.ENAMETOOLONG: "the path is too long",
}


def describe(error: BaseException) -> str | None:
    """One line for an environment failure that is not a bug (disk full, permissions, ...),
    or None when ``error`` is not one of those."""
    if isinstance(error, OSError) and error.errno in _OS_ADVICE:
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{_OS_ADVICE[error.errno]} ({error.strerror or error})"
    if isinstance(error, MemoryError):
        return "out of memory; the input is too large for this machine"
    text = str(error)
    for code, advice in _OS_ADVICE.items():  # tantivy reports I/O failures as text
        if errno.errorcode.get(code) and (
            f"os error {code})" in text or (code == errno.ENOSPC and "No space left" in text)
        ):
            return f"{advice} ({' '.join(text.split())[:200]})"
    return None


class FetchError(CentralfilesError):
    """A download that failed or was refused (``centralfiles get``); the message says what to
    do about it. ``retry`` is true when running the same command again can succeed (a dropped
    connection: the partial file is kept and resumed)."""

    def __init__(self, message: str, *, retry: bool = False) -> None:
        self.message = message
        self.retry = retry
        super().__init__(message)
