"""Read architecture files into checked models, reporting every problem at its place.

The stages run in order (decode, parse, version, schema, references, cross-field
constraints) and report together: a value the parser refuses, one the schema
refuses, a dangling reference and a broken constraint all come in one run, the
later checks reading the parts that are valid on their own. Only what leaves
nothing to read stops early: bytes that are not UTF-8, broken YAML syntax, a
document bomb, another format version.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from archgen.errors import InvalidInput, Problem
from archgen.loader import parts
from archgen.loader.constraints import check_constraints
from archgen.loader.references import check_references
from archgen.loader.validate import check_version, validate
from archgen.loader.yaml_positions import decode, parse
from archgen.model.architecture import Architecture
from archgen.reading import read_input
from archgen.source import SourceMap


def load_file(path: Path, display: str | None = None) -> Architecture:
    """Load one architecture file; `display` is how messages name it (default: the path)."""
    name = display if display is not None else str(path)
    data = read_input(path, name)
    arch = load_text(decode(data, name), name)
    arch.source.data = data
    return arch


def read_text(path: Path, name: str) -> str:
    """Read a UTF-8 input file (an architecture, a settings file) as text.

    Every failure is invalid input at the file's first line or at the bad
    byte: a file that is too large, unreadable, not a regular file or not
    UTF-8 is the input's problem, not archgen's, and must not end in a
    traceback.
    """
    return decode(read_input(path, name), name)


def load_text(text: str, file: str) -> Architecture:
    """Load an architecture from text; `file` is how messages name it."""
    parsed = parse(text, file, collect=True)
    return load_data(parsed.value, parsed.source, parsed.problems)


def load_data(value: Any, source: SourceMap, found: Sequence[Problem] = ()) -> Architecture:
    """Check parsed YAML data (plain values and where they were written) into a model.

    The stages after parsing, apart from it: the fuzz tests mutate parsed data
    and check it here, without writing and parsing YAML for every mutant.
    `found` are the parser's problems local to one value: reported with
    everything the later stages find, except where they fall on the same value.
    """
    if not isinstance(value, dict):
        raise InvalidInput(
            [Problem(source.span(()), "an architecture file is a mapping of keys such as name:")]
        )
    problems = check_version(value, source)
    if problems:
        raise InvalidInput([*found, *_besides(found, problems)])
    document, problems = validate(value, source)
    valid = parts.of_document(document) if document else parts.of_data(value)
    problems += check_references(valid, source)
    problems += check_constraints(valid, source)
    if document is None or found or problems:
        raise InvalidInput([*found, *_besides(found, problems)])
    return Architecture(document=document, source=source)


def _besides(found: Sequence[Problem], problems: list[Problem]) -> list[Problem]:
    """Drop what a later stage says of a value the parser already refused (e.g. a tag)."""
    places = {problem.span for problem in found}
    return [problem for problem in problems if problem.span not in places]
