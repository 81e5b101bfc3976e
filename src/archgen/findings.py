"""What the rules say about an architecture.

A rule yields an `Issue` (a resource and a key path); the engine resolves it into
a `Finding` with a file, line and column, so rules never deal with positions.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from archgen.source import KeyPath, Span


class Severity(StrEnum):
    """How bad a finding is; ordered so that thresholds compare."""

    NOTE = "note"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Return 1 for note, 2 for warning, 3 for error."""
        return _RANKS[self]


_RANKS = {Severity.NOTE: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Issue(NamedTuple):
    """A rule's verdict on one resource, located by key path."""

    rule: str
    severity: Severity
    resource: str | None
    path: KeyPath
    message: str


class Finding(NamedTuple):
    """An issue placed in a source file, ready for a report."""

    span: Span
    rule: str
    severity: Severity
    resource: str | None
    message: str
    suppressed: bool = False
    field: str = ""
    """The resource's field the finding is about (`nacl`, `route_table`), "" for the whole:
    the network view marks the line of that part of a subnet."""
    title: str = ""
    """The rule's title (`archgen rules`): what a picture's legend says of a rule id it marks,
    for a reader who has not run the check."""
