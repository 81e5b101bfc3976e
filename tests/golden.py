"""Golden files: one refresh switch, one comparison, and a record of which files tests use.

A golden is the exact output a reviewer has read once, kept under `tests/<area>/golden/`.
`ARCHGEN_UPDATE_GOLDENS=1 pytest tests/<area>` rewrites the goldens a run compares instead
of checking them; the diff is then reviewed like code.

Every golden a test reads is named through `Goldens.file` when its module is imported (in
a parametrize list or a module constant), so `tests/test_goldens.py` can tell, without
running the other tests, which files in the golden folders no test reads any more: a
stale golden passes nothing and misleads the next reviewer, the way an unused snapshot
does in syrupy.
"""

from __future__ import annotations

import os
from pathlib import Path

UPDATE_VARIABLE = "ARCHGEN_UPDATE_GOLDENS"

_NAMED: set[Path] = set()


def updating() -> bool:
    """Tell whether this run rewrites the goldens instead of comparing with them."""
    return bool(os.environ.get(UPDATE_VARIABLE))


def named() -> frozenset[Path]:
    """Return every golden file named so far by the imported test modules."""
    return frozenset(_NAMED)


class Goldens:
    """The golden folder of one test area, which records every file its tests name."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def file(self, name: str) -> Path:
        """Return the path of the golden `name`, recording that a test reads it."""
        path = self.folder / name
        _NAMED.add(path)
        return path

    def check(self, name: str, actual: str | bytes) -> None:
        """Compare `actual` byte for byte with the golden `name`, or rewrite it when updating.

        Text is compared as its UTF-8 bytes, so a stray carriage return or a changed line
        ending is a difference, not something universal newlines hide.
        """
        path = self.file(name)
        data = actual.encode("utf-8") if isinstance(actual, str) else actual
        if updating():
            path.write_bytes(data)
        expected = path.read_bytes()
        if isinstance(actual, str):
            assert actual == expected.decode("utf-8"), _hint(path)
        assert data == expected, _hint(path)


def _hint(path: Path) -> str:
    return f"{path} differs: if the change is intended, run with {UPDATE_VARIABLE}=1 and review"
