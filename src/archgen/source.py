"""Where things are in the user's files.

Rules and the model speak in key paths; only this module turns a path into a
line and column, so no part of archgen can report a 0-based or stale location.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

KeyPath = tuple[str | int, ...]
"""A path into a parsed document, e.g. ("resources", "db", "subnets", 1)."""


class Span(NamedTuple):
    """A 1-based position in a source file."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass
class SourceMap:
    """The positions of every key and value of one parsed document.

    For a mapping entry, `span` points at its key (where a reader looks for it)
    and `value_span` at its value (where a wrong value is).
    """

    file: str
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    lines: tuple[str, ...] = ()
    data: bytes | None = field(default=None, compare=False, repr=False)
    """The exact bytes parsed, when read from a file: what outputs are fingerprinted with.

    Reading the file again could see an edit made since, and stamp an output
    with the fingerprint of bytes it was not drawn from.
    """

    def span(self, path: KeyPath) -> Span:
        """Return where `path` is, or where its nearest existing ancestor is.

        pydantic reports a missing key at a path absent from the file; an exact
        lookup would fail exactly when the user most needs a location.
        """
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            found = self.keys.get(prefix) or self.values.get(prefix)
            if found is not None:
                return Span(self.file, *found)
        return Span(self.file, 1, 1)

    def value_span(self, path: KeyPath) -> Span:
        """Return where the value at `path` starts, else where its key is."""
        found = self.values.get(path)
        if found is not None:
            return Span(self.file, *found)
        return self.span(path)

    def source_line(self, line: int) -> str:
        """Return the text of a 1-based line, or "" when it is not in the file."""
        if 1 <= line <= len(self.lines):
            return self.lines[line - 1]
        return ""
