"""Named test cases kept as data: each YAML file holds a `cases` mapping of name to case.

A case is input and its expected output, read by one parametrized runner per area
(tests/rules, tests/network, tests/loader), so adding a case is adding data.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import yaml


class NamedCase(NamedTuple):
    """One case of a case file, with the file's other keys, which its cases share."""

    path: Path
    spec: dict[str, Any]
    name: str
    case: dict[str, Any]


def read_cases(files: list[Path]) -> Iterator[NamedCase]:
    """Yield every case of `files`, in file order and then in the order each file lists them."""
    for path in files:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, case in spec["cases"].items():
            yield NamedCase(path, spec, name, case)
