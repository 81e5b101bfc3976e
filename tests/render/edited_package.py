"""archgen run from a copy of its package, edited the way a commit would edit it.

The tests of what a change to archgen's own code does to committed outputs run
archgen in a subprocess from such a copy, against outputs made by the unedited
package (the `made` fixture of this folder's conftest).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

import archgen
from archgen.cli import main
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
    else the test session's. A cache of its own starts with the session's code
    digests (`share_code_digests`) and hands back those it computed.
    """
    env = {**os.environ, "PYTHONPATH": str(src)}
    if path is not None:
        env["PATH"] = path
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)
        share_code_digests(_session_cache(), cache / "archgen")
    done = subprocess.run(
        [sys.executable, "-c", RUN, *args], capture_output=True, text=True, cwd=ROOT, env=env
    )
    if cache is not None:
        share_code_digests(cache / "archgen", _session_cache())
    return done


def run_unedited(
    *args: str, path: str | None = None, cache: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the package under test as `run_archgen` runs a copy, but in this process.

    The same command function, working folder, PATH and cache folder: only the
    package's code comes from elsewhere in a copy, and this one is already
    imported. A process of its own would cost the run Python's start and
    archgen's imports, and its drawings; here a picture drawn before with the
    same graphviz on PATH comes from the session's (tests/draw_cache.py).
    """
    env = {"PATH": path, "XDG_CACHE_HOME": str(cache) if cache is not None else None}
    with contextlib.chdir(ROOT):
        result = CliRunner().invoke(main, list(args), env={k: v for k, v in env.items() if v})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def _session_cache() -> Path:
    """Return archgen's folder in the test session's cache (tests/conftest.py's `_own_cache`)."""
    return Path(os.environ["XDG_CACHE_HOME"]) / "archgen"


def share_code_digests(source: Path, target: Path) -> None:
    """Copy the digests of archgen's code that `source` (an archgen cache folder) holds to `target`.

    A digest of the package is kept under the digest of the package's exact
    bytes, so a copied entry is the very value the run would compute, and one
    for other code is never read; computing it again costs a run some 1.5 s
    of CPU time. The notes of outputs found current (`current/`), which are
    what "starts without a cache" is about in these tests, are never copied.
    """
    if not source.is_dir():
        return
    target.mkdir(parents=True, exist_ok=True)
    for entry in source.glob("code-*"):
        if not (target / entry.name).exists():
            shutil.copyfile(entry, target / entry.name)


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
