"""Designs of the gallery that graphviz could not lay out, kept as they were first written.

Marked xfail(strict=True) with the reason until the layout is fixed; the fix turns
each into a pass that must be kept.
"""

from __future__ import annotations

from pathlib import Path

from archgen.commands.render import draw_outputs
from archgen.loader import load_file

DATA = Path(__file__).parent / "data"


def test_ecs_with_a_secret_lays_out() -> None:
    """Lay out what graphviz 2.43 once refused ('trouble in init_rank').

    Two Fargate services, a Multi-AZ RDS and a secret: the load balancer now stands in
    its row between the zones instead of being held above them, and dot lays it out.
    """
    outputs = draw_outputs(load_file(DATA / "dot-init-rank.yaml"), ["svg"])
    assert outputs["svg"].data.startswith(b"<?xml")
