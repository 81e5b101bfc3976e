"""A design with nothing inside the AWS Cloud: the empty boxes are left out, not drawn at 0,0."""

from __future__ import annotations

from pathlib import Path

from archgen.commands.pictures import draw_outputs
from archgen.loader import load_text

ONLY_A_CLIENT = """\
archgen: 1
name: solo
title: T
region: us-east-1
resources:
  users: {type: client}
"""


def test_a_design_with_an_empty_cloud_draws_only_what_it_has(tmp_path: Path) -> None:
    outputs = draw_outputs(load_text(ONLY_A_CLIENT, str(tmp_path / "solo.yaml")), ["svg"])
    svg = outputs["svg"].data.decode("utf-8")
    assert "<title>users</title>" in svg
    assert "AWS Cloud" not in svg
    assert "us-east-1" not in svg
