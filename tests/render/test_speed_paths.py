"""What a render skips or starts early to be quick draws exactly what the slow way draws."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from archgen.findings import Severity
from archgen.layout.drawing import Drawing, draw, marked, plan
from archgen.loader import load_file
from archgen.rules.engine import run_rules
from tests.fake_dot import dot_on_path, real_dot

pytestmark = pytest.mark.redraw  # its subject is how graphviz is run: never a kept drawing

ROOT = Path(__file__).resolve().parents[2]
EC2 = ROOT / "architectures" / "employee-directory-ec2.yaml"


def test_findings_that_mark_nothing_reuse_the_unmarked_plan() -> None:
    arch = load_file(EC2)
    findings = run_rules(arch)
    planned = plan(arch)
    notes = [f for f in findings if f.severity == Severity.NOTE]
    accepted = [f._replace(suppressed=True) for f in findings]
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


def _recording_dot(tmp_path: Path) -> str:
    """Return a PATH whose `dot` appends each source it is given to `sources`, then lays it out."""
    sources = tmp_path / "bin" / "sources"
    return dot_on_path(
        tmp_path,
        f"#!{sys.executable}\n"
        "import subprocess, sys\n"
        "source = sys.stdin.buffer.read()\n"
        f"with open({str(sources)!r}, 'ab') as sources:\n"
        "    sources.write(source + b'\\0')\n"
        f"done = subprocess.run([{real_dot()!r}, *sys.argv[1:]], input=source)\n"
        "sys.exit(done.returncode)\n",
    )


def _sources(tmp_path: Path) -> list[bytes]:
    """Return the sources the recording `dot` was given, in order (an empty list: none yet)."""
    path = tmp_path / "bin" / "sources"
    return path.read_bytes().split(b"\0")[:-1] if path.exists() else []


def test_the_checks_run_while_dot_lays_the_planned_picture_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The planned DOT is given to dot before the checks run; with no marks, that layout is drawn.

    The checks wait for dot to have read its source, up to a minute: a dot
    started only after them would never have read it.
    """
    monkeypatch.setenv("PATH", _recording_dot(tmp_path))
    planned = plan(load_file(EC2))
    seen: list[list[bytes]] = []

    def settle(given: Drawing) -> Drawing:
        deadline = time.monotonic() + 60
        while not _sources(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.01)
        seen.append(_sources(tmp_path))
        return given

    drawing = draw(planned, ("json",), settle)
    assert seen == [[planned.dot.encode()]]
    assert _sources(tmp_path) == [planned.dot.encode()]  # laid out once, by the run started early
    assert drawing.rung == "full"
    assert drawing.outputs == draw(planned, ("json",)).outputs


def test_a_marked_picture_is_laid_out_anew_and_drawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    arch = load_file(EC2)
    planned = plan(arch)
    marked_plan = marked(planned, arch, run_rules(arch))
    monkeypatch.setenv("PATH", _recording_dot(tmp_path))
    drawing = draw(planned, ("json",), lambda given: marked_plan)
    assert drawing.dot == marked_plan.dot != planned.dot
    assert drawing.scene is marked_plan.scene
    assert _sources(tmp_path)[-1] == marked_plan.dot.encode()
    assert drawing.outputs == draw(marked_plan, ("json",)).outputs
