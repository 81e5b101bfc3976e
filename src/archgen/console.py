"""What the command line shows when a command ends otherwise than well, and its exit codes.

CI tells findings (1) from invalid input (2) from a bug in archgen (3) by
the exit code, and a stop by a signal by 128 plus its number, as shells do.
Messages quote file names and the user's keys and values, and land in
terminals and CI logs, so every line goes out through safe_text.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from archgen import __version__
from archgen.commands import stops

if TYPE_CHECKING:
    from archgen.errors import InvalidInput

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID, EXIT_INTERNAL = 0, 1, 2, 3
REPORT_BUGS = "https://github.com/archgen/archgen/issues"

_F = TypeVar("_F", bound=Callable[..., Any])


class Commands(click.Group):
    """archgen's command group: a bug exits 3 with one line, never 1 with a traceback.

    CI tells "findings" (1) from "invalid input" (2) by the exit code, so a
    crash must not look like either. The traceback is kept for `--debug`.

    `lazy` names commands by "module:attribute", imported the first time one
    is asked for: a run of `render` does not build the options of `diff`,
    `explain`, `trace` and `schema` nor import their modules, while `--help`
    lists them all, in the same order, as if they had been added.
    """

    def __init__(self, *args: Any, lazy: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Return every command's name, those not imported yet included, sorted as click does."""
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Return the command named `cmd_name`, importing it first when it is a lazy one.

        A name no command has is a typo: every command is imported, so that
        click's "Did you mean" chooses among them all.
        """
        names = [cmd_name] if cmd_name in self.lazy else []
        if cmd_name not in self.commands and not names:
            names = list(self.lazy)
        for name in names:
            module, attribute = self.lazy.pop(name).split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        """Run the command, mapping an interruption and a bug to their exit codes.

        A run that was sent SIGINT or SIGTERM ends as interrupted, whatever
        came of the signal: library code may have turned the interruption
        into another error, or swallowed it (see commands.stops).
        """
        try:
            with stops.watched(ctrl_c=True):
                return self._invoke_watched(ctx)
        except KeyboardInterrupt as stop:  # Ctrl-C as the watch begins or ends
            _stopped(ctx, _interrupted_status(stop))

    def _invoke_watched(self, ctx: click.Context) -> object:
        try:
            outcome = super().invoke(ctx)
        except KeyboardInterrupt as stop:
            _stopped(ctx, _interrupted_status(stop))
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit) as end:
            _stopped_unless_told(ctx, _status_of(end))
            raise
        except Exception as error:
            _stopped_unless_told(ctx, None)
            if ctx.params.get("debug"):
                raise
            click.echo(_internal_error(error), err=True)
            ctx.exit(EXIT_INTERNAL)
        _stopped_unless_told(ctx, None)
        return outcome


def _stopped(ctx: click.Context, status: int) -> NoReturn:
    click.echo("archgen: interrupted", err=True)
    ctx.exit(status)


def _stopped_unless_told(ctx: click.Context, status: int | None) -> None:
    """End as interrupted if a stop signal came, unless the run is already ending so (`status`)."""
    signum = stops.received()
    if signum is not None and status != 128 + signum:
        _stopped(ctx, 128 + signum)


def _status_of(end: BaseException) -> int | None:
    """Return the exit status a click or interpreter exit asks for, when it names one."""
    if isinstance(end, click.exceptions.Exit):
        return end.exit_code
    code = getattr(end, "code", None)
    return code if isinstance(code, int) else None


def _interrupted_status(stop: KeyboardInterrupt) -> int:
    """Return 128 plus the number of the signal that stopped the run, as shells expect.

    130 for Ctrl-C, 143 for SIGTERM: never 1, which means findings.

    archgen raises its own KeyboardInterrupt for SIGTERM too (commands.atomic's
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


@contextlib.contextmanager
def invalid_exits_2() -> Iterator[None]:
    """Turn archgen's own errors into their messages and exit code 2; bugs keep tracebacks.

    An error that a stop signal caused (see commands.stops) is no message:
    it goes on up to the command group, which tells the interruption.
    """
    from archgen.errors import ArchgenError, InvalidInput

    try:
        yield
    except ArchgenError as error:
        if stops.received() is not None:
            raise
        fail(_problems(error) if isinstance(error, InvalidInput) else str(error))
        sys.exit(EXIT_INVALID)


def _problems(error: InvalidInput) -> str:
    return "\n".join(str(problem) for problem in error.problems)


@contextlib.contextmanager
def interrupted_exits() -> Iterator[None]:
    """Exit as the shell expects of a signal (128 + its number) when SIGINT or SIGTERM stop a run.

    The run has left its outputs as they were, or finished writing them first.
    """
    from archgen.commands.atomic import Interrupted

    try:
        yield
    except Interrupted as stop:
        fail("interrupted" + (" after writing" if stop.after_commit else ": no output was changed"))
        sys.exit(128 + stop.signum)


def fail(message: str) -> None:
    """Print `message` on stderr with every line shown, never obeyed.

    Messages quote file names and the user's keys and values; stderr lands in
    terminals and CI logs, where a control character or a line starting with
    `::` would act. Problems arrive already made safe; this catches the rest.
    """
    from archgen.safe_text import log_line, visible

    click.echo("\n".join(log_line(visible(part)) for part in message.split("\n")), err=True)


def progress(done: int, total: int) -> None:
    """Show how many files a render has drawn, on one line of a terminal's stderr."""
    if total >= 4:
        end = "\n" if done == total else ""
        click.echo(f"\rrendering {done}/{total}", err=True, nl=False)
        click.echo(end, err=True, nl=False)


config_option = click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read settings from FILE instead of .archgen.yaml or pyproject.toml.",
)
"""The settings file option of every command that runs the rules (check, diff)."""


def format_option(choices: Iterable[str], help_text: str) -> Callable[[_F], _F]:
    """Return the `--format` option of a command that writes one report: text unless asked.

    check, rules and diff each offer their own formats, but the name, the
    parameter and the default must read the same in every command's help.
    """
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices)),
        default="text",
        show_default=True,
        help=help_text,
    )


def output_option(help_text: str) -> Callable[[_F], _F]:
    """Return the `--output FILE` option of a command whose report may go to a file."""
    return click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help=help_text)


def is_tty() -> bool:
    """Tell whether standard output is a terminal that wants colour."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ
