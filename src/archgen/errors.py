"""The errors archgen raises on purpose.

Only these become a one-line message and exit code 2 on the command line; any
other exception is a bug and keeps its traceback. Nothing here knows of click.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from archgen.safe_text import log_line, visible
from archgen.source import Span


class Problem(NamedTuple):
    """One thing wrong with the input, at its place in a file."""

    span: Span
    message: str

    def __str__(self) -> str:
        """Return `file:line:col: message` as one line that a terminal or CI log only shows.

        The message quotes the user's keys and values and the file name is the
        user's too: both may hold line breaks, ESC sequences or workflow commands.
        """
        where = f"{visible(self.span.file)}:{self.span.line}:{self.span.column}"
        return log_line(f"{where}: {visible(self.message)}")


class ArchgenError(Exception):
    """Base of every error archgen reports to the user instead of crashing."""


class InvalidInput(ArchgenError):
    """Raised by the loader, with every problem in every file, not only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        super().__init__("\n".join(str(problem) for problem in self.problems))


class RenderError(ArchgenError):
    """Raised when a picture cannot be drawn: graphviz missing or failing, icons missing."""


class LayoutRefused(RenderError):
    """Raised by layout.run when graphviz refuses or aborts on a DOT source.

    layout.ladder catches it and asks again with fewer constraints; `reason`
    is graphviz's first line, made one visible line, for the message when no
    rung is accepted.
    """

    def __init__(self, stderr: str) -> None:
        lines = [line.strip() for line in stderr.splitlines() if line.strip()]
        self.reason = log_line(visible(lines[0] if lines else "no message"))[:120]
        super().__init__(f"graphviz refused the layout: {self.reason}")


class UsageError(ArchgenError):
    """Raised by the use cases when the user asked for something impossible."""
