"""What the tests of where archgen writes share: tiny designs, a hand-written page, the CLI.

Each test writes the designs it renders on the fly, in a folder of its own,
and runs the command in-process; a folder's listing holds hidden entries too,
so a working file left behind shows.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from archgen.cli import main

TINY = (
    "archgen: 1\nname: {name}\ntitle: {title}\nregion: us-east-1\n"
    "resources:\n  users: {{type: client}}\n"
)
HAND_WRITTEN = b"# Welcome\n\nWritten by hand.\n"


def invoke(*args: str) -> Result:
    """Run archgen with `args` in this process."""
    return CliRunner().invoke(main, list(args))


def tiny(folder: Path, name: str = "index", title: str = "T") -> Path:
    """Write a one-resource design named `name` into `folder`; return its path."""
    path = folder / f"{name}.yaml"
    path.write_text(TINY.format(name=name, title=title), encoding="utf-8")
    return path


def listing(folder: Path) -> dict[str, bytes]:
    """Every entry of `folder`, hidden ones included, with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
