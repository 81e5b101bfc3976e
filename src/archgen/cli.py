"""The `archgen` command: parse options, call the use cases, map results to exit codes.

Implementations are imported inside each command, so `archgen --help` and
`archgen check` load only what they use (never graphviz, jinja2 or diagrams).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from archgen import __version__

if TYPE_CHECKING:
    from archgen.errors import Problem
    from archgen.report.base import CheckResult

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID, EXIT_INTERNAL = 0, 1, 2, 3
REPORT_BUGS = "https://github.com/archgen/archgen/issues"
CHECK_FORMATS = ["text", "json", "sarif", "github", "junit"]


def run() -> None:
    """Run `archgen` as a console command, then leave without tearing the interpreter down.

    A command is short-lived and allocates its whole model up front, so the
    cyclic garbage collector would mostly re-scan live objects: it runs rarely
    here. Once the command is done every output file is closed, and what is
    left (freeing every module and object one by one) takes tens of
    milliseconds, so the process flushes its streams and exits at once.
    Errors that are bugs still end in a traceback through the normal path.

    archgen's models are its own, so pydantic's plugins (found by scanning the
    entry points of every installed package) are not loaded for them, unless
    PYDANTIC_DISABLE_PLUGINS says otherwise.
    """
    gc.set_threshold(_GC_THRESHOLD, 50, 50)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        main.main(prog_name="archgen")
    except SystemExit as done:
        code = _exit_status(done.code)
    else:  # pragma: no cover (click's standalone mode always exits)
        code = EXIT_OK
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # the reader left (`archgen schema | head`): no error
            stream.flush()
    os._exit(code)


_GC_THRESHOLD = 100_000
"""Allocations between young collections; Python's default of 700 collects hundreds of times."""


def _exit_status(code: object) -> int:
    """Map a SystemExit code to a process status the way the interpreter does."""
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    click.echo(str(code), err=True)
    return EXIT_FINDINGS


class _Commands(click.Group):
    """archgen's command group: a bug exits 3 with one line, never 1 with a traceback.

    CI tells "findings" (1) from "invalid input" (2) by the exit code, so a
    crash must not look like either. The traceback is kept for `--debug`.
    """

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt as stop:
            click.echo("archgen: interrupted", err=True)
            ctx.exit(_interrupted_status(stop))
        except Exception as error:
            if ctx.params.get("debug"):
                raise
            click.echo(_internal_error(error), err=True)
            ctx.exit(EXIT_INTERNAL)


def _interrupted_status(stop: KeyboardInterrupt) -> int:
    """Return 128 plus the number of the signal that stopped the run, as shells expect.

    130 for Ctrl-C, 143 for SIGTERM: never 1, which means findings.

    archgen raises its own KeyboardInterrupt for SIGTERM too (output_folder's
    Interrupted, which carries the signal); a bare one is Ctrl-C.
    """
    signum: int = getattr(stop, "signum", signal.SIGINT)
    return 128 + signum


def _internal_error(error: Exception) -> str:
    from archgen.safe_text import visible

    where = f"{type(error).__name__}: {visible(str(error))[:300]}"
    return (
        f"archgen: internal error ({where}). This is a bug in archgen {__version__}; "
        f"please report it at {REPORT_BUGS} with the input that caused it. "
        "Run again with --debug to see the traceback."
    )


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archgen")
@click.option("--debug", is_flag=True, help="Show the traceback when archgen itself fails.")
def main(debug: bool) -> None:
    """Check, render and explain AWS architectures described in YAML."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(CHECK_FORMATS),
    default="text",
    show_default=True,
    help="text for people; json, sarif, github or junit for machines.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "note", "never"]),
    default=None,
    help="Exit 1 when a finding is at least this severe  [default: error].",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE instead of standard output.",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read settings from FILE instead of .archgen.yaml or pyproject.toml.",
)
def check(
    paths: tuple[str, ...],
    output_format: str,
    fail_on: str | None,
    output: Path | None,
    config: Path | None,
) -> None:
    """Check architectures (default: architectures/) against AWS best practice."""
    from archgen import app
    from archgen.errors import ArchgenError, InvalidInput

    try:
        settings = app.load_config(config)
        result = app.check(paths, settings)
    except InvalidInput as error:
        if output is None:  # a report already in --output stays: nothing written is lost
            click.echo(_invalid_report(output_format, error.problems), nl=False)
        if output_format not in ("json", "junit", "github") or output is not None:
            _fail("\n".join(str(problem) for problem in error.problems))
        sys.exit(EXIT_INVALID)
    except ArchgenError as error:
        _fail(str(error))
        sys.exit(EXIT_INVALID)
    report = _report(output_format, result, output)
    if output is None:
        click.echo(report, nl=False)
    else:
        with _invalid_exits_2(), _interrupted_exits():
            app.write_report(output, report, app.report_inputs(result, config))
    if output_format == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        from archgen.report.github import format_summary

        app.append_text(Path(os.environ["GITHUB_STEP_SUMMARY"]), format_summary(result))
    sys.exit(app.exit_code(result, fail_on or settings.fail_on or "error"))


_REPORTS = {
    "text": ("archgen.report.text", "format_text"),
    "json": ("archgen.report.json", "format_json"),
    "sarif": ("archgen.report.sarif", "format_sarif"),
    "github": ("archgen.report.github", "format_github"),
    "junit": ("archgen.report.junit", "format_junit"),
}
_ERROR_REPORTS = {
    "json": ("archgen.report.json", "format_json_errors"),
    "github": ("archgen.report.github", "format_github_errors"),
    "junit": ("archgen.report.junit", "format_junit_errors"),
}


def _lazy(module: str, name: str) -> Callable[..., str]:
    """Import a report function only when its format is asked for."""
    function: Callable[..., str] = getattr(importlib.import_module(module), name)
    return function


def _report(output_format: str, result: CheckResult, output: Path | None) -> str:
    formatter = _lazy(*_REPORTS[output_format])
    if output_format == "text":
        return formatter(result, colour=output is None and _is_tty())
    return formatter(result)


def _invalid_report(output_format: str, found: tuple[Problem, ...]) -> str:
    if output_format not in _ERROR_REPORTS:
        return ""
    return _lazy(*_ERROR_REPORTS[output_format])(found)


@contextlib.contextmanager
def _invalid_exits_2() -> Iterator[None]:
    """Turn archgen's own errors into their messages and exit code 2; bugs keep tracebacks."""
    from archgen.errors import ArchgenError, InvalidInput

    try:
        yield
    except InvalidInput as error:
        _fail("\n".join(str(problem) for problem in error.problems))
        sys.exit(EXIT_INVALID)
    except ArchgenError as error:
        _fail(str(error))
        sys.exit(EXIT_INVALID)


@main.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="text lists the rules; markdown writes the rule reference.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE instead of standard output.",
)
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
    default="png,svg,drawio,md",
    show_default=True,
    help="Comma-separated formats to write: png, svg, drawio, md.",
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
) -> None:
    """Draw architectures (default: architectures/) and explain them into --out."""
    from archgen.rendering import render as render_files

    progress = _progress if sys.stderr.isatty() else None
    chosen = [fmt.strip() for fmt in formats.split(",") if fmt.strip()]
    with _invalid_exits_2(), _interrupted_exits():
        result = render_files(
            paths,
            out,
            chosen,
            check=check,
            verify=verify,
            force=force,
            jobs=jobs,
            progress=progress,
            templates=templates,
        )
    if check:
        for path in result.stale:
            _fail(f"stale: {path}")
        verdict = "up to date" if not result.stale else f"{len(result.stale)} stale"
        click.echo(f"{len(result.stale) + len(result.unchanged)} outputs checked: {verdict}")
        sys.exit(EXIT_FINDINGS if result.stale else EXIT_OK)
    for path in result.written:
        click.echo(f"wrote {path}")
    click.echo(f"{len(result.written)} written, {len(result.unchanged)} unchanged")
    sys.exit(EXIT_FINDINGS if fail_on_change and result.written else EXIT_OK)


@contextlib.contextmanager
def _interrupted_exits() -> Iterator[None]:
    """Exit as the shell expects of a signal (128 + its number) when SIGINT or SIGTERM stop a run.

    The run has left its outputs as they were, or finished writing them first.
    """
    from archgen.output_folder import Interrupted

    try:
        yield
    except Interrupted as stop:
        _fail(
            "interrupted" + (" after writing" if stop.after_commit else ": no output was changed")
        )
        sys.exit(128 + stop.signum)


def _progress(done: int, total: int) -> None:
    if total >= 4:
        end = "\n" if done == total else ""
        click.echo(f"\rrendering {done}/{total}", err=True, nl=False)
        click.echo(end, err=True, nl=False)


@main.command()
@click.argument("file", type=click.Path())
@click.option(
    "--templates",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Lay the explanation out with the Jinja2 templates in DIR.",
)
def explain(file: str, templates: Path | None) -> None:
    """Print the Markdown explanation of FILE: why each service, how traffic flows."""
    from archgen import app
    from archgen.rendering import explanation

    with _invalid_exits_2():
        arch = app.load_one(file)
        text = explanation(arch, templates, app.load_config()).data.decode("utf-8")
    click.echo(text, nl=False)


@main.command()
@click.argument("file", type=click.Path())
@click.argument("source")
@click.argument("target")
@click.option("--port", type=click.IntRange(1, 65535), help="Trace tcp on PORT.")
def trace(file: str, source: str, target: str, port: int | None) -> None:
    """Show hop by hop whether SOURCE reaches TARGET in FILE, and how the reply returns.

    Without --port the declared connection's protocol and port are used.
    """
    from archgen import app
    from archgen.report.trace import format_trace

    with _invalid_exits_2():
        hop = app.trace(file, source, target, port)
    click.echo(format_trace(hop), nl=False)
    sys.exit(EXIT_OK if hop.reachable else EXIT_FINDINGS)


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

    with _invalid_exits_2(), _interrupted_exits():
        app.write_atomically(output, text)


def _fail(message: str) -> None:
    """Print `message` on stderr with every line shown, never obeyed.

    Messages quote file names and the user's keys and values; stderr lands in
    terminals and CI logs, where a control character or a line starting with
    `::` would act. Problems arrive already made safe; this catches the rest.
    """
    from archgen.safe_text import log_line, visible

    click.echo("\n".join(log_line(visible(part)) for part in message.split("\n")), err=True)


def _is_tty() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ
