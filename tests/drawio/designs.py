"""Every design of architectures/ (gallery included), drawn in both views, as the CLI writes it.

The draw.io tests that check what every design looks like share one render of
them all: the .drawio files with the .svg beside each (graphviz's own picture,
the one the PNG is drawn from, to compare against).
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from archgen.cli import main
from tests.conftest import ARCHITECTURES


def draw_every_design(out: Path) -> list[Path]:
    """Render every design into `out` (both views, draw.io and SVG); return the .drawio files."""
    for view in ("default", "network"):
        args = ["render", str(ARCHITECTURES), "--out", str(out), "--format", "drawio,svg"]
        result = CliRunner().invoke(main, [*args, "--view", view, "--jobs", "1"])
        assert result.exit_code == 0, result.output
    return sorted(out.rglob("*.drawio"))
