"""A `dot` put first on PATH for a test: a script of the test's own around the real graphviz."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def real_dot() -> str:
    """Return the installed graphviz `dot` the wrapper hands its work to."""
    real = shutil.which("dot")
    assert real is not None
    return real


def dot_on_path(tmp_path: Path, script: str) -> str:
    """Write `script` as `tmp_path/bin/dot` and return a PATH that finds it first."""
    return programs_on_path(tmp_path, {"dot": script})


def programs_on_path(tmp_path: Path, scripts: dict[str, str]) -> str:
    """Write each script as `tmp_path/bin/<name>` and return a PATH that finds them first."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name, script in scripts.items():
        wrapper = folder / name
        wrapper.write_text(script, encoding="utf-8")
        wrapper.chmod(0o755)
    return f"{folder}{os.pathsep}{os.environ['PATH']}"
