"""A change to archgen's code is judged by the pictures it draws, not by the code.

A tidy-pass module (run between dot's layout and the drawing) changed so that
it draws the same picture keeps every committed output current, with or without
the user's cache (CI has none); changed so that it draws another picture, it
makes exactly the pictures that differ stale, and a render rewrites those.
Each test runs archgen in a subprocess from an edited copy of the package,
against outputs the unedited package made with the real graphviz.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from archgen.render.stamp import parse_output
from tests.conftest import ARCHITECTURES, ROOT
from tests.fake_dot import real_dot
from tests.render.edited_package import (
    NOTHING_WRITTEN,
    OTHER_PICTURE,
    SAME_PICTURE,
    SHIPPED,
    UP_TO_DATE,
    copy_package,
    edit,
    files,
    run_archgen,
)

CAPSTONE = str((ARCHITECTURES / "capstone.yaml").relative_to(ROOT))
CAPSTONE_UP_TO_DATE = "4 outputs checked: up to date\n"
VPCS = ("capstone", "employee-directory-ec2")
"""The shipped designs with a VPC: the zones change places in their pictures."""


@pytest.fixture
def src(tmp_path: Path) -> Path:
    """Return a copy of the package whose tidy pass computes the same numbers another way."""
    package = copy_package(tmp_path)
    edit(package, *SAME_PICTURE)
    return package


def test_a_tidy_change_that_draws_the_same_keeps_every_output_current(
    tmp_path: Path, out: Path, src: Path
) -> None:
    """Without a cache, as in CI: the check draws once to find out, and passes."""
    before = files(out)
    for check in (("--check",), ("--check", "--verify")):
        done = run_archgen(
            src, "render", *SHIPPED, "--out", str(out), *check, cache=tmp_path / "ci"
        )
        assert (done.returncode, done.stdout) == (0, UP_TO_DATE), done.stderr
    done = run_archgen(src, "render", *SHIPPED, "--out", str(out), cache=tmp_path / "fresh")
    assert (done.returncode, done.stdout) == (0, NOTHING_WRITTEN), done.stderr
    assert files(out) == before


def _no_graphviz(tmp_path: Path) -> str:
    """Return a PATH whose `dot` and `neato` fail: a check that passes with it drew nothing."""
    folder = tmp_path / "broken"
    folder.mkdir(exist_ok=True)
    for name in ("dot", "neato"):
        (folder / name).write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
        (folder / name).chmod(0o755)
    return f"{folder}:{Path(real_dot()).parent}"


def test_what_a_check_found_drawn_the_same_it_remembers_in_the_user_s_cache(
    tmp_path: Path, out: Path, src: Path
) -> None:
    cache = tmp_path / "cache"
    check = ("render", CAPSTONE, "--out", str(out), "--check")
    assert run_archgen(src, *check, cache=cache).stdout == CAPSTONE_UP_TO_DATE
    done = run_archgen(src, *check, cache=cache, path=_no_graphviz(tmp_path))
    assert (done.returncode, done.stdout) == (0, CAPSTONE_UP_TO_DATE), done.stderr
    elsewhere = run_archgen(src, *check, cache=tmp_path / "other", path=_no_graphviz(tmp_path))
    assert elsewhere.returncode != 0, "another cache knows nothing: the check must draw"


def test_an_output_damaged_after_a_same_picture_change_is_still_stale(
    tmp_path: Path, out: Path, src: Path
) -> None:
    pictures = _bodies(out)
    png, drawio = out / "capstone.png", out / "capstone.drawio"
    png.write_bytes(png.read_bytes()[:4096])
    drawio.write_bytes(drawio.read_bytes().replace(b"MySQL", b"MySQL-forged", 1))
    done = run_archgen(src, "render", CAPSTONE, "--out", str(out), "--check", cache=tmp_path / "c")
    assert (done.returncode, done.stdout) == (1, "4 outputs checked: 2 stale\n")
    assert done.stderr.splitlines() == [f"stale: {png}", f"stale: {drawio}"]
    done = run_archgen(src, "render", CAPSTONE, "--out", str(out), cache=tmp_path / "c")
    assert done.stdout.splitlines()[-1] == "2 written, 2 unchanged"
    assert _bodies(out) == pictures


def _bodies(out: Path) -> dict[str, bytes]:
    """Return the digest of each output without its stamp: the picture it shows."""
    found = {}
    for output in sorted(out.iterdir()):
        shown = parse_output(output.read_bytes(), output.suffix[1:])
        assert shown is not None, output
        found[output.name] = shown.body
    return found


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


AUTHOR = ("-c", "user.name=archgen", "-c", "user.email=archgen@example.com")


def _commit(repo: Path, message: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, *AUTHOR, "commit", "-q", "-m", message)


def test_upgrades_committed_in_git_rewrite_only_what_they_draw_differently(
    tmp_path: Path, made: Path
) -> None:
    """A checkout whose outputs are committed: `git status` tells what each render rewrote."""
    repo = tmp_path / "repo"
    src = copy_package(repo)
    shutil.copytree(made, repo / "out")
    (repo / ".gitignore").write_text("__pycache__/\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _commit(repo, "Outputs drawn by the release before")
    edit(src, *SAME_PICTURE)
    _commit(repo, "Compute the zone margin another way")
    render = ("render", *SHIPPED, "--out", str(repo / "out"))
    done = run_archgen(src, *render, cache=tmp_path / "cache")
    assert (done.returncode, done.stdout) == (0, NOTHING_WRITTEN), done.stderr
    assert _git(repo, "status", "--porcelain") == ""
    edit(src, *OTHER_PICTURE)
    _commit(repo, "Order the zones the other way")
    done = run_archgen(src, *render, cache=tmp_path / "cache")
    changed = sorted(line[3:] for line in _git(repo, "status", "--porcelain").splitlines())
    written = sorted(line.removeprefix("wrote ") for line in done.stdout.splitlines()[:-1])
    assert changed == [f"out/{name}.{fmt}" for name in VPCS for fmt in ("drawio", "png", "svg")]
    assert [str(repo / name) for name in changed] == written
    assert all(line.startswith(" M ") for line in _git(repo, "status", "--porcelain").splitlines())
    done = run_archgen(src, *render, "--check", cache=tmp_path / "ci")
    assert (done.returncode, done.stdout) == (0, UP_TO_DATE), done.stderr
