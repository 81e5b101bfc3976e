"""Loading the architectures a command names, every problem of every file before failing."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from archgen.commands.files import find_architectures
from archgen.errors import InvalidInput, Problem, UsageError
from archgen.loader import load_file
from archgen.model.architecture import Architecture
from archgen.safe_text import visible


def load_all(files: Iterable[Path]) -> list[Architecture]:
    """Load every file, collecting the problems of all of them before failing."""
    architectures, problems = load_each(files)
    if problems:
        raise InvalidInput(problems)
    return architectures


def load_each(files: Iterable[Path]) -> tuple[list[Architecture], list[Problem]]:
    """Load each file on its own: return the valid ones, and the problems of the others.

    A render draws what it can (one bad file must not stop the others); two
    files that declare one name are both left out, since neither may take
    the outputs the other would write.
    """
    architectures: list[Architecture] = []
    problems: list[Problem] = []
    for file in files:
        try:
            architectures.append(load_file(file))
        except InvalidInput as error:
            problems.extend(error.problems)
    clashes = _clashing_names(architectures)
    if clashes:
        names = [arch.name for arch in architectures]
        architectures = [arch for arch in architectures if names.count(arch.name) == 1]
    return architectures, problems + clashes


def _clashing_names(architectures: list[Architecture]) -> list[Problem]:
    """Two files with one name would overwrite each other's outputs."""
    first: dict[str, Architecture] = {}
    problems = []
    for arch in architectures:
        if arch.name in first:
            problems.append(
                Problem(
                    arch.source.value_span(("name",)),
                    f"name '{arch.name}' is already used by {first[arch.name].file}: "
                    "outputs would overwrite each other",
                )
            )
        first.setdefault(arch.name, arch)
    return problems


def load_one(file: str) -> Architecture:
    """Load the one architecture a command about a single design names (explain, trace)."""
    if Path(file).is_dir():
        raise UsageError(f"{visible(file)} is a folder: name one architecture file")
    (arch,) = load_all(find_architectures([file]))
    return arch
