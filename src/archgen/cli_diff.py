"""The `archgen diff` command: options in, the diff use case, the report out, an exit code.

Kept beside cli.py, which registers it, so each command module stays short;
like every command it imports its use case only when it runs.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from archgen.console import (
    EXIT_INVALID,
    config_option,
    fail,
    format_option,
    interrupted_exits,
    invalid_exits_2,
)

if TYPE_CHECKING:
    from archgen.diff.model import ArchitectureDiff

FORMATS = ("text", "markdown", "json")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--base", metavar="GITREF", help="Compare the working tree with this git revision.")
@format_option(FORMATS, "text for people, markdown for a pull request, json for machines.")
@click.option(
    "--fail-on",
    type=click.Choice(["never", "exposure", "error", "warning"]),
    default="never",
    show_default=True,
    help="Exit 1 when the change opens internet exposure (exposure), or also adds findings "
    "at least this severe (error, warning).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write <name>.diff.md, .diff.png and .diff.svg for each architecture into DIR "
    "(in the sub-folder render draws it into).",
)
@click.option(
    "--force",
    is_flag=True,
    help="With --out, replace files archgen did not write.",
)
@config_option
@click.option(
    "--comment",
    is_flag=True,
    help="In GitHub Actions: post the Markdown diff as one pull-request comment, updated in "
    "place, and add it to the job summary.",
)
def diff(
    paths: tuple[str, ...],
    base: str | None,
    output_format: str,
    fail_on: str,
    out: Path | None,
    config: Path | None,
    comment: bool,
    force: bool,
) -> None:
    """Show what a change does: OLD NEW, or --base GITREF [PATH...] against the working tree.

    Resources, connections and flows added, removed and changed; internet
    exposure opened and closed, connections that became reachable or blocked,
    zones lost or gained, findings new and fixed.
    """
    from archgen.commands import diff as use_case
    from archgen.commands.settings import load_config

    if base is None and len(paths) != 2:
        fail("archgen diff takes two files (OLD NEW), or --base GITREF and the paths to compare")
        sys.exit(EXIT_INVALID)
    with invalid_exits_2(), interrupted_exits():
        settings = load_config(config)
        with _invalid_reported(output_format, comment=comment):
            if base is None:
                diffs = use_case.diff_files(paths[0], paths[1], settings)
            else:
                diffs = use_case.diff_base(base, paths, settings)
        click.echo(_report(diffs, output_format), nl=False)
        if out is not None:
            use_case.write_outputs(diffs, out, paths, force=force)
        if comment:
            _comment(diffs)
    sys.exit(use_case.exit_code(diffs, fail_on))


@contextlib.contextmanager
def _invalid_reported(output_format: str, *, comment: bool) -> Iterator[None]:
    """Report an invalid new file in the run's own format, then exit 2.

    A machine gets the JSON of DESIGN.md §3 on stdout; Markdown and the
    pull-request comment say which file is invalid and where, so the comment
    does not keep the last push's diff as if it still held.
    """
    from archgen.errors import InvalidInput

    try:
        yield
    except InvalidInput as error:
        from archgen.report.diff_markdown import format_invalid_markdown

        markdown = format_invalid_markdown(error.problems)
        if output_format == "markdown":
            click.echo(markdown, nl=False)
        if comment:
            _post(markdown)
        if output_format != "json":
            raise
        from archgen.report.json import format_json_errors

        click.echo(format_json_errors(error.problems), nl=False)
        sys.exit(EXIT_INVALID)


def _report(diffs: list[ArchitectureDiff], output_format: str) -> str:
    if output_format == "json":
        from archgen.report.diff_json import format_diff_json

        return format_diff_json(diffs)
    if output_format == "markdown":
        from archgen.report.diff_markdown import format_diff_markdown

        return format_diff_markdown(diffs)
    from archgen.report.diff_text import format_diff_text

    return format_diff_text(diffs)


def _comment(diffs: list[ArchitectureDiff]) -> None:
    """Put the Markdown diff in the job summary and in the pull request's one comment."""
    from archgen.report.diff_markdown import format_diff_markdown

    _post(format_diff_markdown(diffs))


def _post(markdown: str) -> None:
    """Add the Markdown to the job summary and make it the pull request's one comment."""
    from archgen.commands.pr_comment import post_sticky, pull_request_from_env
    from archgen.commands.writes import append_text

    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        append_text(Path(summary), markdown)
    click.echo(post_sticky(pull_request_from_env(), markdown), err=True)
