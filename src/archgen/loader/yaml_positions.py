"""Parse YAML into plain values and a source map, in one pass, safely.

PyYAML composes a node tree with marks; we build the values from that tree
ourselves so that positions never enter the data, duplicate keys are caught at
the second occurrence, only the standard scalar tags are honoured (no python
objects), dates stay strings, and aliases, nesting and size are bounded.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import yaml
import yaml.reader
from yaml.composer import Composer, ComposerError
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from archgen.errors import InvalidInput, Problem
from archgen.reading import MAX_BYTES
from archgen.safe_text import visible
from archgen.source import KeyPath, SourceMap, Span

__all__ = ["MAX_BYTES", "ParsedDocument", "decode", "parse"]

MAX_DEPTH = 32
"""The deepest nesting accepted; the format needs about eight levels."""

MAX_VALUES = 100_000
"""The most values a document may expand to, aliases included (stops alias bombs)."""

MAX_INTEGER = 2**63 - 1
"""The largest whole number accepted; every number of the format is far smaller."""

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_INT_TAG = "tag:yaml.org,2002:int"


class ParsedDocument(NamedTuple):
    """A document's plain value and where each part of it was written."""

    value: Any  # plain YAML data: dict, list, str, int, float, bool or None
    source: SourceMap
    problems: tuple[Problem, ...] = ()
    """Local problems (a duplicate key, a tag) left for the caller to report with its own."""


class _DepthLimitedComposer(Composer):
    """A composer that refuses nesting deeper than MAX_DEPTH.

    PyYAML composes recursively; without a limit a deeply nested document ends
    in a RecursionError instead of a message at its line.
    """

    def __init__(self) -> None:
        super().__init__()
        self._depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[attr-defined]
                raise ComposerError(None, None, f"nesting deeper than {MAX_DEPTH} levels", mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _Loader(_DepthLimitedComposer, Resolver, CParser):
        """libyaml scans and parses (six times faster); Python composes, with limits."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _DepthLimitedComposer.__init__(self)
            Resolver.__init__(self)

        def dispose(self) -> None:
            """Nothing to release: the C parser frees itself."""

else:  # pragma: no cover (PyYAML wheels ship libyaml)

    class _Loader(_DepthLimitedComposer, yaml.SafeLoader):  # type: ignore[no-redef]
        """The pure-Python parser, where PyYAML was built without libyaml."""

        def __init__(self, stream: str) -> None:
            yaml.SafeLoader.__init__(self, stream)
            _DepthLimitedComposer.__init__(self)


def decode(data: bytes, file: str) -> str:
    """Decode UTF-8 (a BOM is accepted) or fail at the first bad byte's place."""
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            [Problem(Span(file, 1, 1), f"file is larger than {MAX_BYTES // 1024} KiB")]
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise InvalidInput(
            [Problem(Span(file, line, column), "not valid UTF-8: save the file as UTF-8")]
        ) from None


def parse(
    text: str, file: str, *, empty_is_mapping: bool = False, collect: bool = False
) -> ParsedDocument:
    """Parse one YAML document into plain values and its source map.

    An empty document (nothing, or only comments) is a problem, except where
    `empty_is_mapping` says it means an empty mapping: a settings file of defaults.
    With `collect`, problems local to one value (a duplicate key keeps its first
    value, a tagged value becomes null) come back with the document, so the
    later stages report theirs in the same run; a bomb or a cycle still stops here.
    """
    source = SourceMap(file=file, lines=tuple(text.splitlines()))
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        raise InvalidInput([_problem_from_yaml(error, text, file)]) from None
    except yaml.reader.ReaderError as error:
        raise InvalidInput([_problem_from_reader(error, text, file)]) from None
    if node is None and empty_is_mapping:
        return ParsedDocument(value={}, source=source)
    if node is None:
        raise InvalidInput([Problem(Span(file, 1, 1), "the file is empty")])
    builder = _Builder(source)
    value = builder.build(node, ())
    if builder.problems and (builder.fatal or not collect):
        raise InvalidInput(builder.problems)
    return ParsedDocument(value=value, source=source, problems=tuple(builder.problems))


def _problem_from_yaml(error: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = error.problem or "not valid YAML"
    if error.context and error.context not in problem:
        problem = f"{error.context}: {problem}"
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        problem = f"{problem} (indent with spaces, YAML forbids tabs)"
    return Problem(Span(file, line, column), problem)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""


def _problem_from_reader(error: yaml.reader.ReaderError, text: str, file: str) -> Problem:
    """Place a character YAML forbids (a control character) at its line and column."""
    before = text[: error.position]
    line = before.count("\n") + 1
    column = error.position - (before.rfind("\n") + 1) + 1
    return Problem(
        Span(file, line, column),
        f"character U+{error.character:04X} is not allowed in YAML (a control character)",
    )


def _position(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns composed nodes into plain values, recording every position."""

    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.fatal = False
        """Set when the value is cut short (too large, too deep, a cycle): nothing to go on."""
        self._values = 0
        self._open: set[int] = set()
        self._constructor = SafeConstructor()
        """Reads the standard scalars as PyYAML does; a whole SafeLoader would also check
        its empty stream for forbidden characters, which libyaml has checked in ours."""

    def _fail(self, node: Node, message: str, *, fatal: bool = False) -> None:
        span = Span(self.source.file, *_position(node))
        self.problems.append(Problem(span, visible(message)))
        self.fatal = self.fatal or fatal

    def build(self, node: Node, path: KeyPath) -> Any:  # plain YAML data, see ParsedDocument
        self._values += 1
        if self._values > MAX_VALUES:
            if self._values == MAX_VALUES + 1:
                message = f"document expands to more than {MAX_VALUES} values (aliases?)"
                self._fail(node, message, fatal=True)
            return None
        if len(path) > MAX_DEPTH:
            message = f"nesting deeper than {MAX_DEPTH} levels (a recursive alias?)"
            self._fail(node, message, fatal=True)
            return None
        self.source.values.setdefault(path, _position(node))
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode | MappingNode):
            return self._collection(node, path)
        self._fail(node, "unsupported YAML node")
        return None

    def _collection(self, node: SequenceNode | MappingNode, path: KeyPath) -> Any:  # list, dict
        """Build a list or mapping, refusing one that contains itself through an alias.

        An alias may name the mapping it sits in (`a: &x {<<: *x}`); a merge key
        does not deepen the path, so without this the build would never end.
        """
        expected = _SEQ_TAG if isinstance(node, SequenceNode) else _MAP_TAG
        if node.tag != expected:
            self._fail(node, _unsupported_tag(node.tag))
            return None
        if id(node) in self._open:
            self._fail(
                node, "an alias refers to the mapping or list it is in (a cycle)", fatal=True
            )
            return None
        self._open.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
            return self._mapping(node, path)
        finally:
            self._open.discard(id(node))

    def _scalar(self, node: ScalarNode) -> Any:  # str, int, float, bool or None
        if node.tag == _TIMESTAMP_TAG:
            return node.value
        if node.tag not in _SCALAR_TAGS:
            self._fail(node, _unsupported_tag(node.tag))
            return None
        if node.tag == _INT_TAG:
            return self._integer(node)
        return self._constructor.construct_object(node)

    def _integer(self, node: ScalarNode) -> int | None:
        """Return a whole number of sane size; Python refuses to convert very long ones."""
        try:
            value: int = self._constructor.construct_object(node)
        except ValueError:
            value = MAX_INTEGER + 1
        if abs(value) > MAX_INTEGER:
            self._fail(node, "number too large: archgen takes whole numbers below 2**63")
            return None
        return value

    def _mapping(self, node: MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                result.update(self._merge_sources(key_node, value_node, path))
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                continue
            key = self._key(key_node)
            if key is None:
                continue
            if key in seen:
                self._fail(key_node, f"duplicate key '{key}' (first defined on line {seen[key]})")
                continue
            seen[key] = key_node.start_mark.line + 1
            self.source.keys[(*path, key)] = _position(key_node)
            self.source.values.pop((*path, key), None)
            result[key] = self.build(value_node, (*path, key))
        return result

    def _key(self, node: Node) -> str | None:
        if not isinstance(node, ScalarNode) or node.tag not in _SCALAR_TAGS:
            self._fail(node, "a key must be a plain word, not a list, mapping or tagged value")
            return None
        return str(node.value)

    def _merge_sources(self, key: Node, node: Node, path: KeyPath) -> dict[str, Any]:
        """Return the entries a `<<` merge key brings in; earlier sources win, as in YAML."""
        sources = node.value if isinstance(node, SequenceNode) else [node]
        entries: dict[str, Any] = {}
        for source in reversed(sources):
            if not isinstance(source, MappingNode):
                self._fail(source, "a merge key (<<) needs a mapping or a list of mappings")
                continue
            if id(source) in self._open:
                self._fail(
                    key, "a merge key (<<) refers to the mapping it is in (a cycle)", fatal=True
                )
                continue
            value = self.build(source, path)
            if isinstance(value, dict):
                entries.update(value)
        return entries


def _unsupported_tag(tag: str) -> str:
    short = tag.replace("tag:yaml.org,2002:", "!!")
    return f"unsupported tag {short}: archgen reads plain YAML only (no tags or objects)"
