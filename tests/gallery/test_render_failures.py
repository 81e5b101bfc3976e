"""Designs of the gallery that graphviz once refused to lay out, kept as they were written.

Each made dot 2.43 stop ("trouble in init_rank", "lost db@db-a db@db-b edge"); the
layout ladder (src/archgen/layout/ladder.py) now draws them, and must keep doing so.
"""

from __future__ import annotations

from pathlib import Path

from archgen.commands.pictures import draw_outputs
from archgen.loader import load_file

DATA = Path(__file__).parent / "data"


def test_ecs_with_a_secret_lays_out() -> None:
    """Two Fargate services, a Multi-AZ RDS and one more regional node (the secret)."""
    outputs = draw_outputs(load_file(DATA / "dot-init-rank.yaml"), ["svg"])
    assert outputs["svg"].data.startswith(b"<?xml")
    assert b"<title>db&#45;secret</title>" in outputs["svg"].data
