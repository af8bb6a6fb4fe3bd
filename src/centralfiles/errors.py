"""User-facing errors: one sentence naming the file, the line and the problem."""

from __future__ import annotations


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
