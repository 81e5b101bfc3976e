"""The `archgen` command: parse options, call the use cases, map results to exit codes.

Implementations are imported inside each command, so `archgen --help` and
`archgen check` load only what they use (never graphviz, jinja2 or diagrams).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from archgen import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archgen")
def main() -> None:
    """Check, render and explain AWS architectures described in YAML."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for machines.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "note", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at least this severe.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE instead of standard output.",
)
def check(paths: tuple[str, ...], output_format: str, fail_on: str, output: Path | None) -> None:
    """Check architectures (default: architectures/) against AWS best practice."""
    from archgen import app
    from archgen.errors import ArchgenError, InvalidInput
    from archgen.report.json import format_json, format_json_errors
    from archgen.report.text import format_text

    try:
        result = app.check(paths)
    except InvalidInput as error:
        if output_format == "json":
            _emit(format_json_errors(error.problems), output)
        else:
            _fail("\n".join(str(problem) for problem in error.problems))
        sys.exit(EXIT_INVALID)
    except ArchgenError as error:
        _fail(str(error))
        sys.exit(EXIT_INVALID)
    if output_format == "json":
        report = format_json(result)
    else:
        report = format_text(result, colour=output is None and _is_tty())
    _emit(report, output)
    sys.exit(app.exit_code(result, fail_on))


@main.command()
def schema() -> None:
    """Print the JSON Schema of the architecture format."""
    from archgen.model.schema import schema_text

    click.echo(schema_text(), nl=False)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from archgen import app
    from archgen.errors import ArchgenError

    try:
        app.write_atomically(output, text)
    except ArchgenError as error:
        _fail(str(error))
        sys.exit(EXIT_INVALID)


def _fail(message: str) -> None:
    click.echo(message, err=True)


def _is_tty() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ
