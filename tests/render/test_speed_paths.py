"""What a render skips or starts early to be quick draws exactly what the slow way draws."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from archgen.findings import Severity
from archgen.layout.drawing import marked, plan
from archgen.loader import load_file
from archgen.rules.engine import run_rules

ROOT = Path(__file__).resolve().parents[2]
EC2 = ROOT / "architectures" / "employee-directory-ec2.yaml"


def test_findings_that_mark_nothing_reuse_the_unmarked_plan() -> None:
    arch = load_file(EC2)
    findings = run_rules(arch)
    planned = plan(arch)
    notes = [f for f in findings if f.severity == Severity.NOTE]
    accepted = [dataclasses.replace(f, suppressed=True) for f in findings]
    assert marked(planned, arch, []) is planned
    assert marked(planned, arch, notes) is planned
    assert marked(planned, arch, accepted) is planned


def test_findings_that_mark_draw_the_plan_with_their_markers() -> None:
    arch = load_file(EC2)
    findings = run_rules(arch)
    planned = plan(arch)
    drawing = marked(planned, arch, findings)
    assert any(f.severity != Severity.NOTE for f in findings)
    assert drawing.dot == plan(arch, findings).dot != planned.dot
    assert "AG209" in drawing.dot
