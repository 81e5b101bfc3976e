"""archgen run from a copy of its package, edited the way a commit would edit it.

The tests of what a change to archgen's own code does to committed outputs run
archgen in a subprocess from such a copy, against outputs made by the unedited
package (the `made` fixture of this folder's conftest).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import archgen
from tests.conftest import ARCHITECTURES, ROOT

PACKAGE = Path(archgen.__file__).resolve().parent
"""The package under test, whichever checkout it is."""
UP_TO_DATE = "12 outputs checked: up to date\n"
NOTHING_WRITTEN = "0 written, 12 unchanged\n"
RUN = "from archgen.cli import main\nmain()\n"
SHIPPED = tuple(str(p.relative_to(ROOT)) for p in sorted(ARCHITECTURES.glob("*.yaml")))
"""The three shipped designs, named one by one: the gallery's outputs would only slow this down."""


def run_archgen(
    src: Path, *args: str, path: str | None = None, cache: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run archgen from the package folder `src`, in the repository (its settings apply).

    `path` replaces PATH (another graphviz); `cache` is the user's cache folder,
    else the test session's.
    """
    env = {**os.environ, "PYTHONPATH": str(src)}
    if path is not None:
        env["PATH"] = path
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)
    return subprocess.run(
        [sys.executable, "-c", RUN, *args], capture_output=True, text=True, cwd=ROOT, env=env
    )


def files(out: Path) -> dict[str, tuple[bytes, int]]:
    """Return each output's bytes and modification time: what a rewrite changes."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(out.iterdir())}


def copy_package(folder: Path) -> Path:
    """Copy the package and its templates as a checkout holds them; return the source folder."""
    src = folder / "src"
    shutil.copytree(PACKAGE, src / "archgen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "templates", folder / "templates")
    return src


def edit(src: Path, module: str, old: str, new: str) -> None:
    """Replace the first `old` in `module` (a path in the package under `src`) with `new`."""
    path = src / "archgen" / module
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{module} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), "utf-8")


SAME_PICTURE = ("layout/zone_order.py", "zone[i] - 0.5", "zone[i] - 1 / 2")
"""A tidy-pass module rewritten to compute the very same numbers: a refactor."""
OTHER_PICTURE = (
    "layout/zone_order.py",
    "key=lambda z: z.label)",
    "key=lambda z: z.label, reverse=True)",
)
"""The same module made to put the zones in reverse order: every picture with a VPC changes."""
