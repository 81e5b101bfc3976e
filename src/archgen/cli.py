"""The `archgen` command: parse options, call the use cases, map results to exit codes.

Use cases are imported inside each command, so `archgen --help` and
`archgen check` load only what they use (never graphviz, jinja2 or diagrams).
What a failure prints and which code it exits with is console's.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from archgen import __version__
from archgen.commands import stops
from archgen.console import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INVALID,
    EXIT_OK,
    Commands,
    config_option,
    fail,
    format_option,
    interrupted_exits,
    invalid_exits_2,
    is_tty,
    output_option,
)
from archgen.render.formats import DEFAULT_FORMATS, OUTPUT_FORMATS, VIEWS
from archgen.report.formats import REPORT_FORMATS, ReportFormat
from archgen.safe_text import visible
from archgen.startup import start_quickly

if TYPE_CHECKING:
    from archgen.errors import InvalidInput

__all__ = ["EXIT_FINDINGS", "EXIT_INTERNAL", "EXIT_INVALID", "EXIT_OK", "main", "run"]


def run() -> None:
    """Run `archgen` as a console command: the entry point of the `archgen` script.

    It ends with `os._exit`, after doing what a normal exit does that anyone
    could notice: atexit handlers run, then stdout and stderr are flushed.
    What it skips is the interpreter freeing every module and object one by
    one, about 35 ms after a render (a tenth of the whole run, measured with
    benchmarks/render_speed.py), which the 1.5x-of-`diagrams` goal cannot
    spare. No thread is left to wait for: a render's drawing pool is shut
    down before the command returns. A bug that escapes (with --debug) ends
    through the normal path, with its traceback.

    A reader that left early (`archgen schema | head`) has seen enough: the
    output it did not take is dropped without an error, as `head` expects.
    A run sent Ctrl-C exits 130 even when it came too early for the command
    group to tell it (commands.stops): click says "Aborted!" and exits 1.
    """
    start_quickly()
    with stops.watched(ctrl_c=True):
        try:
            main.main(prog_name="archgen")
        except SystemExit as done:
            code = _exit_status(done.code)
        else:  # pragma: no cover (click's standalone mode always exits)
            code = EXIT_OK
        signum = stops.received()
    if signum is not None:  # Ctrl-C before the command began, which click tells as "Aborted!"
        code = 128 + signum
    atexit._run_exitfuncs()  # what the interpreter would run at exit, in the same order
    _flush(sys.stdout)
    _flush(sys.stderr)
    os._exit(code)


def _exit_status(code: object) -> int:
    """Map a SystemExit code to a process status the way the interpreter does."""
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    click.echo(str(code), err=True)
    return EXIT_FINDINGS


def _flush(stream: TextIO) -> None:
    """Flush `stream`; a reader that has gone (a closed pipe) is no error, as `head` expects."""
    with contextlib.suppress(OSError):
        stream.flush()


@click.group(
    cls=Commands,
    context_settings={"help_option_names": ["-h", "--help"]},
    lazy={
        "diff": "archgen.cli_diff:diff",
        "explain": "archgen.cli_read:explain",
        "trace": "archgen.cli_read:trace",
        "schema": "archgen.cli_read:schema",
    },
)
@click.version_option(__version__, prog_name="archgen")
@click.option("--debug", is_flag=True, help="Show the traceback when archgen itself fails.")
def main(debug: bool) -> None:
    """Check, render and explain AWS architectures described in YAML."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@format_option(REPORT_FORMATS, "text for people; json, sarif, github or junit for machines.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "note", "never"]),
    default=None,
    help="Exit 1 when a finding is at least this severe  [default: error].",
)
@output_option("Write the report to FILE instead of standard output.")
@config_option
def check(
    paths: tuple[str, ...],
    output_format: str,
    fail_on: str | None,
    output: Path | None,
    config: Path | None,
) -> None:
    """Check architectures (default: architectures/) against AWS best practice."""
    from archgen.commands import check as use_case
    from archgen.commands.settings import load_config
    from archgen.errors import ArchgenError, InvalidInput

    report_format = REPORT_FORMATS[output_format]
    try:
        settings = load_config(config)
        result = use_case.check(paths, settings)
    except InvalidInput as error:
        _report_invalid(report_format, error, output)
    except ArchgenError as error:
        fail(str(error))
        sys.exit(EXIT_INVALID)
    report = report_format.report(result, output is None and is_tty())
    if output is None:
        click.echo(report, nl=False)
    else:
        from archgen.commands.writes import write_report

        with invalid_exits_2(), interrupted_exits():
            write_report(output, report, use_case.report_inputs(result, config))
    if output_format == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        from archgen.commands.writes import append_text
        from archgen.report.github import format_summary

        append_text(Path(os.environ["GITHUB_STEP_SUMMARY"]), format_summary(result))
    sys.exit(use_case.exit_code(result, fail_on or settings.fail_on or "error"))


def _report_invalid(report_format: ReportFormat, error: InvalidInput, output: Path | None) -> None:
    """Report input that could not be checked in the format asked for, then exit 2.

    A machine reading json, sarif, github or junit gets a report it can parse
    (for SARIF, a run marked unsuccessful), on stdout or in --output; the
    problems also go to stderr whenever stdout does not carry them.
    """
    errors = report_format.errors(error.problems) if report_format.errors else None
    if errors is not None and output is None:
        click.echo(errors, nl=False)
    elif errors is not None and output is not None:
        from archgen.commands.writes import write_report

        inputs = {Path(problem.span.file) for problem in error.problems}
        with invalid_exits_2(), interrupted_exits():
            write_report(output, errors, sorted(inputs))
    if errors is None or output is not None:
        fail("\n".join(str(problem) for problem in error.problems))
    sys.exit(EXIT_INVALID)


@main.command()
@format_option(("text", "markdown"), "text lists the rules; markdown writes the rule reference.")
@output_option("Write to FILE instead of standard output.")
def rules(output_format: str, output: Path | None) -> None:
    """List the rule catalogue."""
    from archgen.report.rules import format_rules_markdown, format_rules_text

    text = format_rules_markdown() if output_format == "markdown" else format_rules_text()
    _emit(text, output)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("diagrams_out"),
    show_default=True,
    help="The output folder.",
)
@click.option(
    "--format",
    "formats",
    default=",".join(DEFAULT_FORMATS),
    show_default=True,
    help=f"Comma-separated formats to write: {', '.join(OUTPUT_FORMATS)}.",
)
@click.option(
    "--templates",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Lay the explanation out with the Jinja2 templates in DIR.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when an output is stale.")
@click.option(
    "--verify",
    is_flag=True,
    help="Trust no fingerprint: draw every output again and compare bytes (needs graphviz).",
)
@click.option("--force", is_flag=True, help="Replace files in --out that archgen did not write.")
@click.option(
    "--fail-on-change",
    is_flag=True,
    help="Exit 1 when anything was written (for pre-commit, which then stops the commit).",
)
@click.option("--jobs", type=click.IntRange(1, 64), help="Files drawn at once [default: cores].")
@click.option(
    "--view",
    multiple=True,
    help=f"Draw one view: {', '.join(VIEWS)} (route tables, NACLs and security groups, "
    "as NAME.network.png, .svg, .drawio, .mmd). Without it: the default view, and every view "
    "already in --out is kept current. Given twice, render refuses.",
)
def render(
    paths: tuple[str, ...],
    out: Path,
    formats: str,
    templates: Path | None,
    check: bool,
    verify: bool,
    force: bool,
    fail_on_change: bool,
    jobs: int | None,
    view: tuple[str, ...],
) -> None:
    """Draw architectures (default: architectures/) and explain them into --out."""
    from archgen.commands.render import render as render_files
    from archgen.console import progress

    chosen = [fmt.strip() for fmt in formats.split(",") if fmt.strip()]
    if len(set(view)) > 1:  # click keeps the last one given: say so rather than drop the others
        raise click.UsageError(
            f"--view given {len(view)} times ({', '.join(map(visible, view))}): a run draws one "
            "view; without --view, render keeps every view already in --out current",
        )
    with invalid_exits_2(), interrupted_exits():
        result = render_files(
            paths,
            out,
            chosen,
            check=check,
            verify=verify,
            force=force,
            jobs=jobs,
            progress=progress if sys.stderr.isatty() else None,
            templates=templates,
            view=view[0] if view else None,
        )
    if check:
        missing = [path for path in result.stale if not path.exists()]
        for path in result.stale:
            fail(f"{'missing' if path in missing else 'stale'}: {path}")
        verdict = "up to date" if not result.stale else _out_of_date(result.stale, missing)
        click.echo(f"{len(result.stale) + len(result.unchanged)} outputs checked: {verdict}")
        _exit_render(result.failed, EXIT_FINDINGS if result.stale else EXIT_OK)
    for path in result.written:
        click.echo(f"wrote {path}")
    click.echo(f"{len(result.written)} written, {len(result.unchanged)} unchanged")
    _exit_render(result.failed, EXIT_FINDINGS if fail_on_change and result.written else EXIT_OK)


def _exit_render(failed: tuple[str, ...], code: int) -> None:
    """Name each file that was not drawn, one line each, and exit 2; else exit with `code`."""
    for line in failed:
        fail(line)
    sys.exit(EXIT_INVALID if failed else code)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from archgen.commands.writes import write_atomically

    with invalid_exits_2(), interrupted_exits():
        write_atomically(output, text)


def _out_of_date(stale: tuple[Path, ...], missing: list[Path]) -> str:
    """Return e.g. `3 stale`, `2 stale, 1 missing`: a missing output is never drawn, not old."""
    counts = [(len(stale) - len(missing), "stale"), (len(missing), "missing")]
    return ", ".join(f"{count} {word}" for count, word in counts if count)
