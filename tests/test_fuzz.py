"""Any text either loads or raises InvalidInput; nothing else escapes the loader."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from archgen.errors import InvalidInput
from archgen.loader import load_text
from archgen.loader.yaml_positions import decode
from tests.conftest import ARCHITECTURES

CAPSTONE = yaml.safe_load((ARCHITECTURES / "capstone.yaml").read_text(encoding="utf-8"))


def _load_or_invalid(text: str) -> None:
    try:
        arch = load_text(text, "f.yaml")
    except InvalidInput as error:
        lines = max(1, len(text.splitlines()) + 1)
        for problem in error.problems:
            assert 1 <= problem.span.line <= lines, problem
            assert problem.span.column >= 1, problem
    else:
        assert arch.name


@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    _load_or_invalid(text)


@given(st.binary(max_size=200))
def test_random_bytes(data: bytes) -> None:
    try:
        text = decode(data, "f.yaml")
    except InvalidInput:
        return
    _load_or_invalid(text)


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 70000),
    st.sampled_from(["", "vpc", "db", "10.0.0.0/16", "all", "1024-65535", "tcp", "x y"]),
)
_values: st.SearchStrategy[Any] = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


ALL_PATHS = _paths(CAPSTONE)[1:]


@given(st.sampled_from(ALL_PATHS), _values, st.booleans())
def test_mutated_capstone(path: tuple[Any, ...], value: Any, delete: bool) -> None:
    document = yaml.safe_load(yaml.safe_dump(CAPSTONE))
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    _load_or_invalid(yaml.safe_dump(document, sort_keys=False))
