"""Freshness follows the picture: a change that draws nothing differently rewrites nothing.

Each test runs archgen against outputs made by the unedited package and the real
graphviz: in a subprocess from a copy of the package under test edited the way a
commit would edit it, or in this process with another `dot` first on PATH.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archgen.render.stamp import parse_output
from tests.conftest import ARCHITECTURES, ROOT
from tests.fake_dot import programs_on_path, real_dot
from tests.render.edited_package import (
    NOTHING_WRITTEN,
    OTHER_PICTURE,
    SHIPPED,
    UP_TO_DATE,
    copy_package,
    files,
    run_archgen,
    run_unedited,
)

UNDOCUMENTED = re.compile(r"^( *)def [^\n]*:\n(?!\1    \"\"\")(\1    )", re.MULTILINE)
"""A one-line `def` whose body does not open with a docstring, and the body's indent."""


def _annotate(module: Path) -> None:
    """Edit a module as a docstring-only commit would: reword, add a docstring and comments."""
    text = module.read_text(encoding="utf-8")
    assert text.startswith('"""'), module
    edited = '"""Reworded. ' + text.removeprefix('"""')
    edited, added = UNDOCUMENTED.subn(r'\g<0>"""Added to say why."""\n\g<2>', edited, count=1)
    assert added == 1, f"{module} has no function without a docstring"
    edited = edited.replace("\n\n\n", "\n\n# A comment.\n\n", 1)
    edited = re.sub(r"^(def [^\n]*:)$", r"\1  # why", edited, count=1, flags=re.MULTILINE)
    module.write_text(edited + "# the last line\n", encoding="utf-8")
    assert edited != text


ANNOTATED = (
    "layout/dot.py",
    "layout/geometry.py",
    "render/png_svg.py",
    "render/drawio.py",
    "render/markdown.py",
    "render/stamp.py",
    "explain/content.py",
)


def test_a_docstring_and_comment_only_change_rewrites_nothing(tmp_path: Path, out: Path) -> None:
    src = copy_package(tmp_path)
    for name in ANNOTATED:
        _annotate(src / "archgen" / name)
    before = files(out)
    done = run_archgen(src, "render", *SHIPPED, "--out", str(out))
    assert (done.returncode, done.stdout) == (0, NOTHING_WRITTEN), done.stderr
    assert files(out) == before
    for check in (("--check",), ("--check", "--verify")):
        done = run_archgen(src, "render", *SHIPPED, "--out", str(out), *check)
        assert (done.returncode, done.stdout) == (0, UP_TO_DATE), done.stderr
    assert files(out) == before


def test_after_a_docstring_only_change_the_check_still_loads_no_model(
    tmp_path: Path, out: Path
) -> None:
    """The input fingerprint ignores docstrings too: the quick check stays quick."""
    src = copy_package(tmp_path)
    for name in ANNOTATED:
        _annotate(src / "archgen" / name)
    report = "\nimport sys\nprint('pydantic' in sys.modules)\n"
    env = {**os.environ, "PYTHONPATH": str(src)}
    code = (
        "from click.testing import CliRunner\nfrom archgen.cli import main\n"
        f"args = ['render', *{SHIPPED!r}, '--check', '--out', {str(out)!r}]\n"
        "r = CliRunner().invoke(main, args)\n"
        f"assert r.exit_code == 0, r.output{report}"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert (done.returncode, done.stdout) == (0, "False\n"), done.stderr


def test_a_change_to_the_draw_io_converter_makes_only_the_draw_io_files_stale(
    tmp_path: Path, out: Path
) -> None:
    done = _check_after_edit(
        tmp_path, out, "render/drawio.py", "_LABEL_WIDTH = ", "_LABEL_WIDTH = 1 + "
    )
    assert done.returncode == 1
    assert done.stdout == "12 outputs checked: 3 stale\n"
    assert {Path(line).suffix for line in done.stderr.splitlines()} == {".drawio"}


def _other_graphviz(tmp_path: Path) -> str:
    """Put a `dot` and a `neato` first on PATH that name another release and draw otherwise.

    They draw with the real ones, then write their own release into the SVG, as
    another graphviz does: every SVG they draw differs from the committed one.
    """
    scripts = {}
    for name in ("dot", "neato"):
        real = Path(real_dot()).with_name(name)
        scripts[name] = (
            f'#!/bin/sh\nif [ "$1" = -V ]; then\n'
            f'  echo "{name} - graphviz version 99.0.0 (0)" >&2; exit 0\nfi\n'
            f'"{real}" "$@" || exit $?\n'
            'for arg; do case "$arg" in -o*.svg) '
            "sed -i 's/graphviz version [^ ]*/graphviz version 99.0.0/' \"${arg#-o}\";; "
            "esac; done\n"
        )
    return programs_on_path(tmp_path, scripts)


def test_an_unchanged_design_is_current_under_another_graphviz(tmp_path: Path, out: Path) -> None:
    path = _other_graphviz(tmp_path)
    done = run_unedited("render", *SHIPPED, "--out", str(out), "--check", path=path)
    assert (done.returncode, done.stdout) == (0, UP_TO_DATE), done.stderr
    done = run_unedited("render", *SHIPPED, "--out", str(out), path=path)
    assert (done.returncode, done.stdout) == (0, NOTHING_WRITTEN), done.stderr
    verify = ("--check", "--verify")
    done = run_unedited("render", *SHIPPED, "--out", str(out), *verify, path=path)
    assert done.returncode == 1, "this graphviz draws other bytes: only --verify can tell"
    assert {Path(line).suffix for line in done.stderr.splitlines()} == {".svg"}


def test_a_design_loaded_in_full_is_current_under_another_graphviz(
    tmp_path: Path, out: Path
) -> None:
    """A comment at the end of the design: no quick answer, the content fingerprints decide."""
    design = tmp_path / "capstone.yaml"
    design.write_bytes((ARCHITECTURES / "capstone.yaml").read_bytes() + b"# reviewed\n")
    for output in out.iterdir():
        if not output.name.startswith("capstone."):
            output.unlink()
    before = files(out)
    path = _other_graphviz(tmp_path)
    done = run_unedited("render", str(design), "--out", str(out), "--check", path=path)
    assert (done.returncode, done.stdout) == (0, "4 outputs checked: up to date\n"), done.stderr
    done = run_unedited("render", str(design), "--out", str(out), path=path)
    assert (done.returncode, done.stdout) == (0, "0 written, 4 unchanged\n"), done.stderr
    assert files(out) == before


def test_a_template_edit_that_says_nothing_new_rewrites_no_explanation(
    tmp_path: Path, out: Path
) -> None:
    templates = Path(shutil.copytree(ROOT / "templates", tmp_path / "templates"))
    main = templates / "explanation.md.j2"
    main.write_text("{# a note for whoever edits this #}" + main.read_text("utf-8"), "utf-8")
    before = files(out)
    options = ("--out", str(out), "--format", "md", "--templates", str(templates))
    done = run_unedited("render", *SHIPPED, *options, "--check")
    assert (done.returncode, done.stdout) == (0, "3 outputs checked: up to date\n"), done.stderr
    done = run_unedited("render", *SHIPPED, *options)
    assert (done.returncode, done.stdout) == (0, "0 written, 3 unchanged\n"), done.stderr
    assert files(out) == before


OLD_STAMP = re.compile(rb"[0-9a-f]{64} [0-9a-f]{64}")


@pytest.mark.redraw  # CI's case proves the pictures by drawing them: never a kept drawing
def test_outputs_of_another_scheme_showing_the_right_pictures_are_kept(
    tmp_path: Path, out: Path
) -> None:
    """Outputs stamped by another fingerprint scheme: the same bodies, other fingerprints.

    A release that fingerprints otherwise draws the same: the pictures decide,
    found by drawing them once (no cache, as in CI), and nothing is rewritten.
    """
    for output in sorted(out.iterdir()):
        data = output.read_bytes()
        output.write_bytes(OLD_STAMP.sub(b"%s %s" % (b"1" * 64, b"2" * 64), data, count=1))
        assert parse_output(output.read_bytes(), output.suffix[1:]) is not None
    before = files(out)
    check = ("render", *SHIPPED, "--out", str(out), "--check")
    done = run_unedited(*check, cache=tmp_path / "ci")
    assert (done.returncode, done.stdout) == (0, UP_TO_DATE), done.stderr
    done = run_unedited("render", *SHIPPED, "--out", str(out), cache=tmp_path / "c")
    assert (done.returncode, done.stdout) == (0, NOTHING_WRITTEN), done.stderr
    assert files(out) == before


def test_a_change_to_the_tidy_pass_makes_the_pictures_it_changes_stale(
    tmp_path: Path, out: Path
) -> None:
    """The tidy pass moves dot's layout before the drawing: its code is part of each picture.

    `zone_order` is a module the pass runs through an import of an import, so a
    fingerprint that named the pass's modules by hand would miss it. The edit
    puts the zones in reverse order: the two designs with a VPC change, the
    serverless one (no zones) draws the same and stays current.
    """
    done = _check_after_edit(tmp_path, out, *OTHER_PICTURE)
    assert done.returncode == 1
    assert done.stdout == "12 outputs checked: 6 stale\n"
    stale = {Path(line).name for line in done.stderr.splitlines()}
    vpcs = ("capstone", "employee-directory-ec2")
    assert stale == {f"{name}.{fmt}" for name in vpcs for fmt in ("png", "svg", "drawio")}


def _check_after_edit(
    tmp_path: Path, out: Path, module: str, old: str, new: str
) -> subprocess.CompletedProcess[str]:
    """Edit `module` of a copy of the package (`old` to `new`); run `render --check` with it."""
    src = copy_package(tmp_path)
    path = src / "archgen" / module
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), "utf-8")
    assert path.read_text(encoding="utf-8") != text
    return run_archgen(src, "render", *SHIPPED, "--out", str(out), "--check")
