"""The use cases behind the commands: find files, load, check, write.

This is the only module that touches the file system for the commands; it
knows nothing of the terminal, and reports problems by raising ArchgenError.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from archgen.errors import InvalidInput, Problem, UsageError
from archgen.findings import Severity
from archgen.inputs import find_architectures, refuse_link_out, settings_file
from archgen.loader import load_file, read_text
from archgen.loader.validate import validate_as
from archgen.loader.yaml_positions import parse
from archgen.model.architecture import Architecture
from archgen.report.base import CheckResult
from archgen.rules.config import RunConfig
from archgen.safe_text import visible
from archgen.source import KeyPath, SourceMap, Span

if TYPE_CHECKING:
    from archgen.network.verdict import HopVerdict

FAIL_ON = ("error", "warning", "note", "never")


def load_all(files: Iterable[Path]) -> list[Architecture]:
    """Load every file, collecting the problems of all of them before failing."""
    architectures: list[Architecture] = []
    problems: list[Problem] = []
    for file in files:
        try:
            architectures.append(load_file(file))
        except InvalidInput as error:
            problems.extend(error.problems)
    problems.extend(_clashing_names(architectures))
    if problems:
        raise InvalidInput(problems)
    return architectures


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


def check(paths: Sequence[str], config: RunConfig | None = None) -> CheckResult:
    """Load and check the architectures named by `paths` under the run's `config`."""
    from archgen.rules.engine import run_rules  # the rules load only when a check runs
    from archgen.rules.registry import ALL_RULES

    architectures = load_all(find_architectures(paths))
    findings = [finding for arch in architectures for finding in run_rules(arch, config=config)]
    return CheckResult(
        files=tuple(arch.file for arch in architectures),
        findings=tuple(findings),
        lines={arch.file: arch.source.lines for arch in architectures},
        rules_off=tuple(rule.id for rule in ALL_RULES if config and not config.selects(rule)),
    )


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


def load_one(file: str) -> Architecture:
    """Load the one architecture a command about a single design names (explain, trace)."""
    if Path(file).is_dir():
        raise UsageError(f"{visible(file)} is a folder: name one architecture file")
    (arch,) = load_all(find_architectures([file]))
    return arch


def trace(file: str, source: str, target: str, port: int | None) -> HopVerdict:
    """Check one connection of a file hop by hop: the declared one, or tcp on `port`."""
    from archgen.network.reach import connection_port, network_of

    arch = load_one(file)
    shown = visible(file)
    for end in (source, target):
        if end not in arch.resources:
            raise UsageError(f"{shown}: no resource '{visible(end)}'")
    declared = next((c for c in arch.connections if (c.source, c.target) == (source, target)), None)
    if declared is None and port is None:
        raise UsageError(
            f"{shown}: no connection from {source} to {target} is declared: give --port "
            "to trace tcp on that port"
        )
    protocol = declared.protocol if declared else "tcp"
    if port is None and declared is not None:
        port = connection_port(arch, declared)
    assert port is not None  # noqa: S101 (both branches above set it)
    return network_of(arch).hop(source, target, protocol, port)


def exit_code(result: CheckResult, fail_on: str) -> int:
    """Return 1 when an active finding is at or above the `fail_on` severity, else 0."""
    if fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on takes one of {', '.join(FAIL_ON)}")
    worst = result.worst()
    if fail_on == "never" or worst is None:
        return 0
    return 1 if worst.rank >= Severity(fail_on).rank else 0


def report_inputs(result: CheckResult, config: Path | None = None) -> list[Path]:
    """Return the files a check read: its architectures and its settings file."""
    settings = settings_file(config)
    return [Path(file) for file in result.files] + ([settings] if settings else [])


def write_report(path: Path, text: str, inputs: Iterable[Path]) -> None:
    """Write a report to `path`, which must not be one of the files it was made from.

    `--output` pointed at an architecture or the settings file would replace
    the very file just checked. Two names are one file when the system says so
    (a symlink, a hard link, `./` or `..` in the path), so that is asked, not
    the spelling compared.
    """
    refuse_link_out(path, "--output")
    for source in inputs:
        if _same_file(path, source):
            raise UsageError(
                f"--output {path} is one of the inputs ({source}): choose another file"
            )
    write_atomically(path, text)


def _same_file(one: Path, other: Path) -> bool:
    """Tell whether two names lead to one file: by the system's word, or by resolving them.

    `samefile` needs both to exist, and `sub/../design.yaml` does not while
    `sub` is missing, though writing to it would create `sub` and then
    replace `design.yaml`; resolving the names catches that case.
    """
    if one.resolve() == other.resolve():
        return True
    try:
        return one.samefile(other)
    except OSError:  # one of them does not exist, so it is not the other
        return False


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` as UTF-8 with LF line ends, atomically."""
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old or the new file, never half.

    SIGINT and SIGTERM are held off as for a render's outputs (see
    output_folder): one that comes before the rename leaves no file behind.
    """
    from archgen.output_folder import write_file

    write_file(path, data)


def append_text(path: Path, text: str) -> None:
    """Append to a file others write too (GitHub's job summary), as one write."""
    try:
        with path.open("a", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}") from None
