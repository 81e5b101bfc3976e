"""What a render skips or starts early to be quick draws exactly what the slow way draws."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path

import pytest

from archgen.commands.pictures import draw_outputs, graphviz_ahead
from archgen.errors import RenderError
from archgen.findings import Severity
from archgen.layout.drawing import marked, plan
from archgen.layout.processes import waiting
from archgen.layout.run import pipeline
from archgen.loader import load_file
from archgen.rules.engine import run_rules

ROOT = Path(__file__).resolve().parents[2]
EC2 = ROOT / "architectures" / "employee-directory-ec2.yaml"
CAPSTONE = ROOT / "architectures" / "capstone.yaml"


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


def test_a_drawing_takes_every_process_started_ahead_and_draws_the_same_bytes() -> None:
    arch = load_file(CAPSTONE)
    formats = ("png", "svg", "drawio")
    cold = draw_outputs(arch, formats)
    with graphviz_ahead(formats):
        started = waiting()
        warm = draw_outputs(arch, formats)
        left = waiting()
    assert set(started) == set(pipeline(("png", "svg", "json")))
    assert left == {}
    assert {fmt: made.data for fmt, made in warm.items()} == {
        fmt: made.data for fmt, made in cold.items()
    }


def test_processes_no_drawing_takes_are_ended_and_leave_no_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with graphviz_ahead(("png", "md")):
        started = waiting()
        assert len(list(tmp_path.iterdir())) == len(started) == 3
    assert waiting() == {}
    assert list(tmp_path.iterdir()) == []
    for pid in started.values():
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # ended, and waited for: not even a zombie is left


def test_a_graphviz_that_cannot_start_ahead_is_reported_for_the_file_drawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with graphviz_ahead(("png",)):
        assert waiting() == {}
        with pytest.raises(RenderError, match="graphviz's `dot` is not on PATH"):
            draw_outputs(load_file(CAPSTONE), ("png",))
