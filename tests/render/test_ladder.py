"""A layout graphviz refuses is asked again with fewer constraints, and still draws it all.

The designs in tests/generated/cases are ones graphviz refused (each says how);
they must render every output, byte-identical on a re-run. A graphviz that
refuses on demand (a `dot` first on PATH that aborts, as a failed assertion
does, on sources holding a marker, and runs the real one otherwise) shows the
order of the rungs, the one-line failure after the last, and that the other
files of the run are written all the same.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import main
from archgen.errors import LayoutRefused, RenderError
from archgen.layout.drawing import build_scene, draw
from archgen.layout.geometry import from_dot_json
from archgen.layout.ladder import RUNGS
from archgen.layout.run import run_dot
from archgen.layout.scene import Group
from archgen.loader import load_file
from tests.conftest import ARCHITECTURES, ROOT
from tests.fake_dot import dot_on_path, real_dot

pytestmark = pytest.mark.redraw  # its subject is how graphviz is run: never a kept drawing

CASES = sorted((ROOT / "tests" / "generated" / "cases").glob("*.yaml"))
SUFFIXES = (".png", ".svg", ".drawio", ".md")
CAPSTONE = ARCHITECTURES / "capstone.yaml"
EVERY_TYPE = ROOT / "tests" / "data" / "every-type.yaml"


def _clusters(group: Group) -> set[str]:
    """Return the clusters dot lays out: a box across zones is drawn by the tidy pass."""
    own = set() if group.spans else {f"cluster_{group.id}"}
    return own.union(*(_clusters(child) for child in group.groups))


@pytest.mark.redraw
@pytest.mark.parametrize("case", CASES, ids=lambda path: path.stem)
def test_a_design_graphviz_refused_renders_the_same_bytes_twice(case: Path, tmp_path: Path) -> None:
    drawn = []
    for out in (tmp_path / "one", tmp_path / "two"):
        result = CliRunner().invoke(main, ["render", str(case), "--out", str(out), "--jobs", "1"])
        assert result.exit_code == 0, result.output
        drawn.append({suffix: (out / f"{case.stem}{suffix}").read_bytes() for suffix in SUFFIXES})
    assert drawn[0] == drawn[1]


@pytest.mark.parametrize("case", [*CASES, CAPSTONE, EVERY_TYPE], ids=lambda path: path.stem)
def test_every_rung_graphviz_accepts_draws_every_resource_box_and_line(case: Path) -> None:
    scene = build_scene(load_file(case))
    accepted = []
    for rung in RUNGS:
        try:
            geometry = from_dot_json(run_dot(rung.source(scene), ("json",))["json"])
        except LayoutRefused:
            continue
        accepted.append(rung.name)
        assert set(scene.nodes) <= set(geometry.nodes), rung.name
        assert _clusters(scene.cloud) <= set(geometry.clusters), rung.name
        assert {edge.id for edge in scene.edges} <= set(geometry.edges), rung.name
    assert accepted[-2:] == [rung.name for rung in RUNGS[-2:]], "the last rungs take any design"


def test_each_rung_asks_for_less_than_the_one_before() -> None:
    scene = build_scene(load_file(CAPSTONE))
    sources = [rung.source(scene) for rung in RUNGS]
    assert "xlabel=" not in sources[0]
    labelled = sum(1 for edge in scene.edges if edge.label or edge.badges)
    assert sources[1].count("xlabel=") == labelled > 0
    assert sources[1].count("rank=same") > sources[2].count("rank=same") > 0
    assert "rank=same" not in sources[3]
    assert sources[3].count("constraint=false") < sources[4].count("constraint=false")
    assert sources[4].count("weight=10") > 0
    assert "weight=10" not in sources[5]
    assert 'newrank="false"' in sources[6]
    assert all("xlabel=" in source for source in sources[1:])


def _refusing_dot(tmp_path: Path, marker: str, ending: str = "os.abort()") -> str:
    """Return a PATH whose `dot` aborts on a source holding `marker`, else runs graphviz.

    Each source it is given is appended to `calls` beside it, as one line.
    """
    calls = tmp_path / "bin" / "calls"
    return dot_on_path(
        tmp_path,
        f"#!{sys.executable}\n"
        "import os, signal, subprocess, sys\n"
        "source = sys.stdin.buffer.read()\n"
        f"with open({str(calls)!r}, 'a') as calls:\n"
        "    calls.write('source\\n')\n"
        f"if {marker.encode()!r} in source:\n"
        "    sys.stderr.write('Error: trouble in init_rank\\n\\t%0 1\\n\\x1b[31mlost edge\\n')\n"
        "    sys.stderr.flush()\n"
        f"    {ending}\n"
        f"done = subprocess.run([{real_dot()!r}, *sys.argv[1:]], input=source)\n"
        "sys.exit(done.returncode)\n",
    )


def test_a_graphviz_killed_from_outside_is_no_refusal_and_not_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill says nothing of the source: retrying would make the picture depend on the machine."""
    monkeypatch.setenv("PATH", _refusing_dot(tmp_path, "digraph", "os.kill(os.getpid(), 9)"))
    with pytest.raises(RenderError, match=r"^graphviz was stopped by SIGKILL$"):
        draw(load_file(CAPSTONE), ("json",))
    assert (tmp_path / "bin" / "calls").read_text(encoding="utf-8") == "source\n"


def test_a_graphviz_that_refuses_rows_gets_a_layout_without_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", _refusing_dot(tmp_path, "rank=same"))
    drawing = draw(load_file(CAPSTONE), ("json", "svg"))
    assert drawing.rung == "no-tier-rows"
    refused = [rung.name for rung in RUNGS[:3]]
    assert refused == ["full", "outside-labels", "no-placement-hints"]
    assert (tmp_path / "bin" / "calls").read_text(encoding="utf-8") == "source\n" * 4
    geometry = from_dot_json(drawing.outputs["json"])
    assert set(drawing.scene.nodes) <= set(geometry.nodes)
    assert drawing.outputs["svg"].startswith(b"<?xml")


TINY = """\
archgen: 1
name: {name}
title: {title}
region: us-east-1
resources:
  users: {{type: client}}
  site: {{type: s3}}
connections:
  - {{from: users, to: site, protocol: https}}
"""


def _archgen(*args: str, path: str) -> subprocess.CompletedProcess[str]:
    code = "from archgen.cli import run\nrun()\n"
    env = {**os.environ, "PATH": path}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False
    )


def test_a_design_refused_on_every_rung_is_named_and_the_others_are_written(
    tmp_path: Path,
) -> None:
    designs, out = tmp_path / "designs", tmp_path / "out"
    designs.mkdir()
    good, bad = designs / "good.yaml", designs / "bad.yaml"
    good.write_text(TINY.format(name="good", title="Good"), encoding="utf-8")
    bad.write_text(TINY.format(name="bad", title="Refused"), encoding="utf-8")
    first = _archgen("render", str(designs), "--out", str(out), path=os.environ["PATH"])
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    good.write_text(TINY.format(name="good", title="Good again"), encoding="utf-8")
    bad.write_text(TINY.format(name="bad", title="Refused again"), encoding="utf-8")
    done = _archgen(
        "render", str(designs), "--out", str(out), path=_refusing_dot(tmp_path, "Refused")
    )
    assert done.returncode == 2
    assert done.stderr == (
        f"{bad}: graphviz refused all {len(RUNGS)} layouts archgen asks for, down to the boxes "
        "alone: please report this design to archgen\n"
    )
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sorted(after) == sorted(before)
    shows_title = sorted(f"good{s}" for s in SUFFIXES if s != ".drawio")  # draw.io: no title
    assert sorted(n for n in after if after[n] != before[n]) == shows_title
    assert b"Good again" in after["good.md"]


def test_an_invalid_file_does_not_stop_the_others(tmp_path: Path) -> None:
    designs, out = tmp_path / "designs", tmp_path / "out"
    designs.mkdir()
    (designs / "good.yaml").write_text(TINY.format(name="good", title="Good"), encoding="utf-8")
    bad = designs / "bad.yaml"
    bad.write_text(TINY.format(name="bad", title="Bad").replace("s3", "s4"), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(designs), "--out", str(out)])
    assert result.exit_code == 2
    assert f"{bad}:7:" in result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"good{s}" for s in SUFFIXES)
    checked = CliRunner().invoke(main, ["render", str(designs), "--out", str(out), "--check"])
    assert checked.exit_code == 2
    assert "4 outputs checked: up to date" in checked.output
    assert f"{bad}:7:" in checked.output


def test_two_files_with_one_name_are_both_left_out(tmp_path: Path) -> None:
    designs, out = tmp_path / "designs", tmp_path / "out"
    designs.mkdir()
    for stem in ("a", "b"):
        (designs / f"{stem}.yaml").write_text(TINY.format(name="same", title=stem), "utf-8")
    (designs / "c.yaml").write_text(TINY.format(name="other", title="C"), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(designs), "--out", str(out)])
    assert result.exit_code == 2
    assert "name 'same' is already used by" in result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"other{s}" for s in SUFFIXES)
