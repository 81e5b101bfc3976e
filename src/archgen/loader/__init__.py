"""Read architecture files into checked models, reporting every problem at its place.

The stages run in order (decode, parse, version, schema, references, cross-field
constraints); each stage collects all its problems before the loader gives up,
so one run shows the user everything that is wrong in the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archgen.errors import InvalidInput, Problem
from archgen.loader.constraints import check_constraints
from archgen.loader.references import check_references, check_references_of_valid_parts
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
    parsed = parse(text, file)
    return load_data(parsed.value, parsed.source)


def load_data(value: Any, source: SourceMap) -> Architecture:
    """Check parsed YAML data (plain values and where they were written) into a model.

    The stages after parsing, apart from it: the fuzz tests mutate parsed data
    and check it here, without writing and parsing YAML for every mutant.
    """
    if not isinstance(value, dict):
        raise InvalidInput(
            [Problem(source.span(()), "an architecture file is a mapping of keys such as name:")]
        )
    problems = check_version(value, source)
    if problems:
        raise InvalidInput(problems)
    document, problems = validate(value, source)
    if document is None:
        raise InvalidInput(problems + check_references_of_valid_parts(value, source))
    problems = check_references(document, source)
    problems += check_constraints(document, source)
    if problems:
        raise InvalidInput(problems)
    return Architecture(document=document, source=source)
