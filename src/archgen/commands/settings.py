"""The run's settings: `--config`, else .archgen.yaml, else pyproject.toml's `[tool.archgen]`.

The settings file sits in a checkout strangers contribute to, so it is read
like an architecture: through the loader, every problem placed at its line.
"""

from __future__ import annotations

import re
from pathlib import Path

from archgen.commands.files import settings_file
from archgen.errors import InvalidInput, Problem
from archgen.loader import read_text
from archgen.loader.validate import validate_as
from archgen.loader.yaml_positions import parse
from archgen.rules.config import RunConfig
from archgen.source import KeyPath, SourceMap, Span


def load_config(explicit: Path | None = None, folder: Path | None = None) -> RunConfig:
    """Return the run's settings: `explicit`, else .archgen.yaml, else pyproject's table."""
    path = settings_file(explicit, folder)
    if path is None:
        return RunConfig()
    if path.suffix == ".toml":
        return _config_from_pyproject(path) or RunConfig()
    return _config_from_yaml(path)


def _config_from_yaml(path: Path) -> RunConfig:
    name = _display(path)
    parsed = parse(read_text(path, name), name, empty_is_mapping=True)
    config, problems = validate_as(RunConfig, parsed.value, parsed.source)
    if config is None:
        raise InvalidInput(problems)
    return config


def _config_from_pyproject(path: Path) -> RunConfig | None:
    """Return the `[tool.archgen]` settings, or None when pyproject.toml has none.

    tomllib keeps no positions, so each problem is placed at the line that
    starts the table, or at the line of the setting it names.
    """
    import tomllib  # only projects configured through pyproject.toml pay for the parser

    name = _display(path)
    text = read_text(path, name)
    try:
        tool = tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError as error:
        problem = Problem(_toml_error_span(name, error), f"not valid TOML: {error}")
        raise InvalidInput([problem]) from None
    lines = tuple(text.splitlines())
    if not isinstance(tool, dict):
        where = Span(name, _line_of(lines, _TOOL_KEY) or 1, 1)
        raise InvalidInput([Problem(where, "tool: expected a table such as [tool.archgen]")])
    table = tool.get("archgen")
    if table is None:
        return None
    line = _line_of(lines, _ARCHGEN_HEADER) or _line_of(lines, _ARCHGEN_KEY) or 1
    if not isinstance(table, dict):
        where = Span(name, line, 1)
        message = f"[tool.archgen] must be a table of settings, not {type(table).__name__}"
        raise InvalidInput([Problem(where, message)])
    source = SourceMap(file=name, values={(): (line, 1)}, lines=lines)
    source.keys.update(_setting_lines(lines, line))
    config, problems = validate_as(RunConfig, table, source)
    if config is None:
        raise InvalidInput(problems)
    return config


_TOOL_KEY = re.compile(r"^\s*tool\s*=")
_ARCHGEN_HEADER = re.compile(r"^\s*\[\s*tool\s*\.\s*archgen\s*\]")
_ARCHGEN_KEY = re.compile(r"^\s*(tool\s*\.\s*)?archgen\s*[=.]")
_SETTING = re.compile(r"^\s*\"?([A-Za-z0-9_-]+)\"?\s*[=.]")
_TOML_POSITION = re.compile(r"at line (\d+), column (\d+)")


def _line_of(lines: tuple[str, ...], pattern: re.Pattern[str]) -> int:
    """Return the 1-based number of the first line matching `pattern`, else 0."""
    return next((n for n, row in enumerate(lines, 1) if pattern.match(row)), 0)


def _setting_lines(lines: tuple[str, ...], start: int) -> dict[KeyPath, tuple[int, int]]:
    """Map each setting of the table opening at line `start` to its line, to place problems."""
    found: dict[KeyPath, tuple[int, int]] = {}
    for number in range(start + 1, len(lines) + 1):
        row = lines[number - 1]
        if row.lstrip().startswith("["):
            break
        match = _SETTING.match(row)
        if match:
            found.setdefault((match.group(1),), (number, match.start(1) + 1))
    return found


def _toml_error_span(file: str, error: Exception) -> Span:
    """Place a TOML syntax error where tomllib's message says it is."""
    match = _TOML_POSITION.search(str(error))
    return Span(file, int(match.group(1)), int(match.group(2))) if match else Span(file, 1, 1)


def _display(path: Path) -> str:
    """Name a file relative to the working folder when it lies inside it, as users typed it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
