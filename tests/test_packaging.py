"""The wheel is complete: installed away from the checkout, archgen runs and has its templates."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from tests.conftest import ARCHITECTURES, ROOT


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
    venv.create(env, with_pip=True, system_site_packages=False)
    python = env / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
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
