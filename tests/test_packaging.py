"""The wheel is complete, and its requirements are honest.

Installed away from the checkout, archgen runs and has its templates; its requirements
name every package it imports and allow nothing the installed diagrams refuses.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

from tests.conftest import ARCHITECTURES, ROOT

SOURCE = ROOT / "src" / "archgen"
PLUGIN = SOURCE / "mkdocs_plugin.py"
"""Loaded only by MkDocs itself (an entry point), so it may use what the `docs` extra adds."""


def test_wheel_installs_and_checks_from_outside_the_checkout(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("archgen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "archgen/templates/explanation.md.j2" in names
    assert not [name for name in names if name.startswith(("tests/", "architectures/"))]

    env = tmp_path / "env"
    venv.create(env, with_pip=False, system_site_packages=False)  # installed into from outside
    python = env / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    done = subprocess.run(
        [str(env / "bin" / "archgen"), "check", str(ARCHITECTURES / "capstone.yaml")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stdout) == (0, "1 file checked: no findings\n")
    out = tmp_path / "out"
    rendered = subprocess.run(
        [
            str(env / "bin" / "archgen"),
            "render",
            str(ARCHITECTURES / "capstone.yaml"),
            "--out",
            str(out),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert rendered.returncode == 0, rendered.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "capstone.drawio",
        "capstone.md",
        "capstone.png",
        "capstone.svg",
    ]
    assert (out / "capstone.md").read_text(encoding="utf-8").startswith("# Highly available")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(requirements: list[str]) -> set[str]:
    names = (re.match(r"[A-Za-z0-9._-]+", requirement) for requirement in requirements)
    return {_normal(match.group()) for match in names if match}


def _third_party_imports(path: Path) -> set[str]:
    """Return the top-level modules a file imports, anywhere in it, that are not stdlib."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    names |= {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
    }
    tops = {name.split(".")[0] for name in names}
    return tops - set(sys.stdlib_module_names) - {"archgen", "__future__"}


def test_every_package_archgen_imports_is_declared() -> None:
    """A package that arrives only through another's requirements leaves when that one drops it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = _declared(project["dependencies"])
    with_docs = required | _declared(project["optional-dependencies"]["docs"])
    distributions = importlib.metadata.packages_distributions()
    undeclared = sorted(
        f"{path.relative_to(ROOT)}: {module} ({distribution})"
        for path in sorted(SOURCE.rglob("*.py"))
        for module in _third_party_imports(path)
        for distribution in distributions.get(module, [module])
        if _normal(distribution) not in (with_docs if path == PLUGIN else required)
    )
    assert undeclared == []


def _upper_bounds(requirements: list[str]) -> dict[str, Version]:
    """Return the `<` bound of each requirement that has one, by normalised name."""
    bounds: dict[str, Version] = {}
    for text in requirements:
        requirement = Requirement(text)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        for spec in requirement.specifier:
            if spec.operator == "<":
                bounds[_normal(requirement.name)] = Version(spec.version)
    return bounds


def test_no_bound_allows_what_the_installed_diagrams_refuses() -> None:
    """Pip would refuse, or quietly pick an older diagrams, when archgen allows more than it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    ours = _upper_bounds(project["dependencies"])
    theirs = _upper_bounds(importlib.metadata.requires("diagrams") or [])
    shared = sorted(ours.keys() & theirs.keys())
    assert "jinja2" in shared
    assert [name for name in shared if ours[name] > theirs[name]] == []


def _constraints() -> dict[str, Version]:
    """Return the versions constraints.txt pins, by normalised name."""
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pins = [Requirement(line) for line in lines if line and not line.startswith("#")]
    assert all(
        len(pin.specifier) == 1 and next(iter(pin.specifier)).operator == "==" for pin in pins
    )
    return {_normal(pin.name): Version(next(iter(pin.specifier)).version) for pin in pins}


def test_dev_tools_are_pinned_and_the_constraints_agree_with_every_requirement() -> None:
    """CI installs with constraints.txt: a pin it contradicts would make the install fail."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    dev = [Requirement(text) for text in project["optional-dependencies"]["dev"]]
    assert [str(r) for r in dev if [s.operator for s in r.specifier] != ["=="]] == []
    pinned = _constraints()
    wanted = [Requirement(text) for text in project["dependencies"]] + dev
    disagree = [
        f"{requirement} but constraints.txt has {pinned.get(_normal(requirement.name))}"
        for requirement in wanted
        if not requirement.specifier.contains(pinned.get(_normal(requirement.name), "0"))
    ]
    assert disagree == []
