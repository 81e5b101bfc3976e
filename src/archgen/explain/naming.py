"""How the text lists resources and ids: named or in code, separated by commas."""

from __future__ import annotations

from collections.abc import Iterable

from archgen.explain.facts import Ref
from archgen.safe_markdown import Md, code, join


def names(resources: Iterable[Ref]) -> Md:
    """Return the resources named and separated by commas (empty for none)."""
    return join(", ", (r.name for r in resources))


def codes(values: Iterable[str]) -> Md:
    """Return the ids as code spans, separated by commas (empty for none)."""
    return join(", ", (code(value) for value in values))
