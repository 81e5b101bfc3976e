"""Build a MkDocs project through mkdocs' own command line, in this process.

The MkDocs tests build the course site and small projects of their own with
archgen's plugin, found as mkdocs finds plugins, and read how each build ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner


@dataclass(frozen=True)
class Built:
    """How `mkdocs build` ended: its exit status, and what it said on standard error."""

    returncode: int
    stderr: str


def build(config: Path, site: Path) -> Built:
    """Run `mkdocs build --strict` through mkdocs' own command line, in this process.

    What is tested is archgen's plugin in a real build, found as mkdocs finds
    plugins; a process of its own only added Python's start and mkdocs' imports
    to every build, and drew again the designs the session has drawn.
    """
    from mkdocs.__main__ import cli

    args = ["build", "--strict", "-f", str(config), "-d", str(site)]
    result = CliRunner().invoke(cli, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a crash is no build failure: show its traceback
    return Built(result.exit_code, result.stderr)
