"""Write DOT statements: a directed graph, its attribute statements, nodes, edges, subgraphs.

archgen writes the few statements it needs itself. It wrote them with the
python `graphviz` package, whose import and whose check of every call's
arguments cost about a fiftieth of a render, and this writes the same text
statement for statement: a statement on a line of its own, indented by a tab
per level, its attributes sorted by name after a `label` given apart.

Every value is quoted by `quote`, which is stricter than DOT needs: a value
that is not an identifier, a number or an HTML-like label (`<...>`, which
archgen builds itself, user text escaped: layout.dot) is written in double
quotes, and one holding a double quote or a backslash is refused, since
archgen writes none and either would change what DOT reads.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

_ID = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)")
"""An identifier or a number: written as it is."""
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})
"""DOT's keywords, in any case: quoted where they are names or values."""


def quote(value: str) -> str:
    """Return `value` as a DOT identifier: as it is, an HTML-like label, or in double quotes.

    Raises ValueError for a value holding a double quote or a backslash.
    """
    if value.startswith("<") and value.endswith(">"):
        return value
    if _ID.fullmatch(value) and value.lower() not in _KEYWORDS:
        return value
    if '"' in value or "\\" in value:
        raise ValueError(f"not a DOT value archgen writes: {value!r}")
    return f'"{value}"'


def _end(name: str) -> str:
    """Return an edge's end, `node[:port[:compass]]`, each part quoted."""
    node, _, rest = name.partition(":")
    if not rest:
        return quote(node)
    port, _, compass = rest.partition(":")
    return ":".join([quote(node), quote(port), *([compass] if compass else [])])


def _attributes(label: str | None, attrs: dict[str, str | None]) -> str:
    """Return `name=value` pairs, the label first, then the others by name.

    An empty value is written (`""`); an attribute whose value is None is left out.
    """
    pairs = [f"label={quote(label)}"] if label is not None else []
    pairs += [
        f"{quote(name)}={quote(value)}"
        for name, value in sorted(attrs.items())
        if value is not None
    ]
    return " ".join(pairs)


class DotGraph:
    """A directed graph or a subgraph, statement by statement; `source` is its DOT text."""

    def __init__(self, name: str, *, subgraph: bool = False) -> None:
        self.name = name
        self.subgraph_of_another = subgraph
        self.body: list[str] = []
        """Each statement's line, newline included, indented for this graph."""

    def attr(self, kind: str | None = None, **attrs: str | None) -> None:
        """Add attributes of the graph itself (`kind` None) or defaults of `kind`'s statements."""
        pairs = _attributes(None, attrs)
        if not pairs:
            return
        self.body.append(f"\t{pairs}\n" if kind is None else f"\t{kind} [{pairs}]\n")

    def node(self, name: str, label: str | None = None, **attrs: str | None) -> None:
        """Add a node, with its attributes."""
        pairs = _attributes(label, attrs)
        self.body.append(f"\t{quote(name)} [{pairs}]\n" if pairs else f"\t{quote(name)}\n")

    def edge(self, tail: str, head: str, label: str | None = None, **attrs: str | None) -> None:
        """Add an edge from `tail` to `head`, with its attributes."""
        pairs = _attributes(label, attrs)
        line = f"\t{_end(tail)} -> {_end(head)}"
        self.body.append(f"{line} [{pairs}]\n" if pairs else f"{line}\n")

    @contextlib.contextmanager
    def subgraph(self, name: str) -> Iterator[DotGraph]:
        """Give a subgraph to fill; it is added to this graph, indented, when the block ends."""
        inner = DotGraph(name, subgraph=True)
        yield inner
        self.body += [f"\t{line}" for line in inner.lines()]

    def lines(self) -> list[str]:
        """Return the graph's lines: its head, its statements, its closing brace."""
        head = "subgraph" if self.subgraph_of_another else "digraph"
        named = f"{head} {quote(self.name)} {{\n" if self.name else f"{head} {{\n"
        return [named, *self.body, "}\n"]

    @property
    def source(self) -> str:
        """The DOT text of the whole graph."""
        return "".join(self.lines())
