"""`make test` deals whole modules out to its workers, the costliest first, shards alone."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.scheduling import COSTS, SPREAD, cost_of, scope_of

MODULE = """\
import os
import pytest

@pytest.fixture(scope="module")
def built():
    with open("setups.txt", "a") as log:
        log.write(f"{__name__} {os.getpid()}\\n")

@pytest.mark.parametrize("case", range(6))
def test_case(built, case):
    with open("ran.txt", "a") as log:
        log.write(f"{__name__} {os.getpid()}\\n")
"""


def test_a_module_runs_on_one_worker_and_builds_its_fixture_once(tmp_path: Path) -> None:
    """The real pytest-xdist with the project's hooks: each module's tests on one worker."""
    (tmp_path / "conftest.py").write_text(
        "from tests.conftest import pytest_collection_modifyitems, pytest_xdist_make_scheduler\n",
        encoding="utf-8",
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    for name in ("test_first", "test_second", "test_third"):
        (tmp_path / f"{name}.py").write_text(MODULE, encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-n",
            "2",
            "--dist",
            "loadgroup",
            "-p",
            "no:cacheprovider",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stdout[-2000:]
    setups = (tmp_path / "setups.txt").read_text(encoding="utf-8").split("\n")[:-1]
    assert sorted(line.split()[0] for line in setups) == ["test_first", "test_second", "test_third"]
    ran = set((tmp_path / "ran.txt").read_text(encoding="utf-8").split("\n")[:-1])
    assert ran == set(setups), "a module's tests ran on a worker that did not build its fixture"


def test_a_shard_is_dealt_alone_and_any_other_test_with_its_module() -> None:
    shard = f"{SPREAD[0]}[3]"
    assert scope_of(shard) == shard
    assert scope_of("tests/test_fuzz.py::test_random_text") == "tests/test_fuzz.py"
    assert (
        scope_of("tests/gallery/test_gallery.py::test_x[a::b]") == "tests/gallery/test_gallery.py"
    )


def test_a_test_costs_what_its_shard_or_module_costs() -> None:
    assert cost_of(f"{SPREAD[1]}[0]") == COSTS[SPREAD[1]]
    assert (
        cost_of("tests/gallery/test_gallery.py::test_x[y]")
        == COSTS["tests/gallery/test_gallery.py"]
    )
    assert cost_of("tests/test_fuzz.py::test_random_text") == 0.0


@pytest.mark.parametrize("name", sorted(COSTS))
def test_every_costed_module_and_shard_exists(name: str) -> None:
    """A renamed module or test would silently lose its place at the front."""
    path, _, function = name.partition("::")
    assert (ROOT / path).is_file(), path
    if function:
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        test = getattr(module, function)
        marks = {mark.name: mark for mark in getattr(test, "pytestmark", [])}
        assert name not in SPREAD or "spread" in marks, f"{name} is spread but not marked so"


def test_every_spread_test_is_a_seeded_shard_with_a_cost() -> None:
    assert set(SPREAD) <= set(COSTS)
