"""Set up archgen's development environment in seconds from caches kept outside the clone.

`make setup`, `make viewer` and `make mermaid` run this with the system Python, before
.venv exists, so it stands on the standard library alone. What a clone needs is downloaded
once per user: uv (from PyPI, with pip) into ${XDG_CACHE_HOME:-~/.cache}/archgen-dev/,
the packages into uv's own cache, and the draw.io viewer and Mermaid into folders of the
same per-user cache, named by their versions and linked into the clone's .cache/. A second
clone, or the same one after `make clean`, then installs from disk without the network.
When uv cannot be had, pip sets up .venv as it always did, only slower.

    python3 tools/devenv.py venv .venv --uv 0.13.9 --constraints constraints.txt
    python3 tools/devenv.py provide .cache/mermaid mermaid-11.17.2 -- make install DEST={}
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import os
import re
import shutil
import subprocess
import sys
import venv
from collections.abc import Callable, Sequence
from pathlib import Path

Installer = Callable[[Path], None]
"""Fills the staging folder it is given with what a cached folder holds."""

STAMP = ".installed"
"""Written last into a cached folder: a folder without it is a broken install, redone."""

PIP_TO_UV = {
    "index-url": ("UV_DEFAULT_INDEX", " "),
    "extra-index-url": ("UV_INDEX", " "),
    "find-links": ("UV_FIND_LINKS", ","),
    "trusted-host": ("UV_INSECURE_HOST", " "),
    "cert": ("SSL_CERT_FILE", " "),
}
"""pip's settings that say where packages come from, as uv's variables and their separators."""

SECTIONS = ("global", "install", ":env:")
"""The sections of `pip config list` that `pip install` reads, the later one winning."""

LISTED = re.compile(r"^(?P<section>[^.\s]+)\.(?P<key>[a-z-]+)=(?P<value>.+)$")


def dev_cache() -> Path:
    """Return the per-user folder shared by every clone (XDG's cache home, as uv and pip do)."""
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(home) / "archgen-dev"


def uv_settings(listing: str) -> dict[str, str]:
    """Translate `pip config list` into uv's variables, so both install from the same places.

    uv reads no pip.conf; a machine whose packages come through pip's index, find-links or
    certificate settings would otherwise see uv fail where pip succeeds.
    """
    chosen: dict[str, tuple[int, str]] = {}
    for line in listing.splitlines():
        match = LISTED.match(line.strip())
        if match is None or match["section"] not in SECTIONS or match["key"] not in PIP_TO_UV:
            continue
        rank = SECTIONS.index(match["section"])
        with contextlib.suppress(ValueError, SyntaxError):  # a value pip printed otherwise
            if rank >= chosen.get(match["key"], (-1, ""))[0]:
                chosen[match["key"]] = (rank, str(ast.literal_eval(match["value"])))
    settings = {}
    for key, (_, value) in chosen.items():
        name, separator = PIP_TO_UV[key]
        settings[name] = separator.join(value.split())
    if "UV_INDEX" in settings or "UV_FIND_LINKS" in settings:
        settings["UV_INDEX_STRATEGY"] = "unsafe-best-match"  # pip's rule: the best version anywhere
    return settings


def uv_environment() -> dict[str, str]:
    """Return the environment for uv: pip's sources, never a Python downloaded by uv itself.

    uv trusts the system's certificates as pip does (its own bundle otherwise), so a machine
    whose registry sits behind a certificate of its own works for both.
    """
    listing = subprocess.run(
        [sys.executable, "-m", "pip", "config", "list"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    settings = {
        name: value for name, value in uv_settings(listing).items() if name not in os.environ
    }
    return {"UV_SYSTEM_CERTS": "1", **os.environ, **settings, "UV_PYTHON_DOWNLOADS": "never"}


def cached(key: str, install: Installer) -> Path:
    """Return the per-user folder `key`, running `install` into it first when it is missing.

    The install goes into a staging folder renamed into place at the end, so no clone sees
    half a folder, and two clones installing at once both end up with one of theirs.
    """
    folder = dev_cache() / key
    if (folder / STAMP).is_file():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    stage = folder.with_name(f".{key}.part-{os.getpid()}")
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    try:
        install(stage)
        (stage / STAMP).touch()
        with contextlib.suppress(OSError):  # another clone finished first: keep its folder
            stage.rename(folder)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return folder


def provide(link: Path, key: str, install: Installer) -> Path:
    """Link `link` (in the clone) to the per-user folder `key`, installed once for all clones."""
    folder = cached(key, install)
    _link(link, folder)
    return folder


def _link(link: Path, folder: Path) -> None:
    """Point `link` at `folder`, replacing what was there (an older version, or a real folder)."""
    if link.is_symlink() and link.readlink() == folder:
        return
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    link.parent.mkdir(parents=True, exist_ok=True)
    fresh = link.with_name(f".{link.name}.link-{os.getpid()}")
    fresh.unlink(missing_ok=True)
    fresh.symlink_to(folder, target_is_directory=True)
    fresh.replace(link)


def run_into(command: Sequence[str]) -> Installer:
    """Return an installer running `command` with each `{}` replaced by the staging folder."""

    def install(stage: Path) -> None:
        command_line = [part.replace("{}", str(stage)) for part in command]
        subprocess.run(command_line, check=True, close_fds=False)  # make's jobserver passes on

    return install


def ensure_uv(version: str) -> Path | None:
    """Return uv `version` from the per-user cache, installing it there once; None if it fails."""
    try:
        folder = cached(f"uv-{version}", _pip_install(version))
    except (OSError, subprocess.CalledProcessError):  # pip said why, above
        print(f"uv {version} could not be installed: setting up with pip")
        return None
    return folder / "bin" / "uv"


def _pip_install(version: str) -> Installer:
    """Return an installer of the uv wheel with pip (a throwaway venv's when Python has none)."""

    def install(stage: Path) -> None:
        python = Path(sys.executable)
        if subprocess.run([python, "-m", "pip", "--version"], capture_output=True).returncode:
            venv.EnvBuilder(with_pip=True).create(stage / "pip")
            python = stage / "pip" / "bin" / "python"
        wheel = ["--only-binary", ":all:", "--no-deps", "--target", str(stage), f"uv=={version}"]
        quiet = ["--quiet", "--disable-pip-version-check"]
        env = {**os.environ, "PIP_ROOT_USER_ACTION": "ignore"}  # an old pip ignores it
        subprocess.run([python, "-m", "pip", "install", *quiet, *wheel], check=True, env=env)
        shutil.rmtree(stage / "pip", ignore_errors=True)

    return install


def install_venv(target: Path, uv_version: str, requirements: Sequence[str]) -> None:
    """Create `target` if needed and install `requirements` into it: uv first, pip if it fails."""
    uv = ensure_uv(uv_version)
    if uv is not None:
        print(f"installing {target} with uv {uv_version}, from its cache when it can")
        if _uv_install(uv, target, requirements):
            return
    if not (target / "bin" / "python").is_file():
        venv.EnvBuilder(with_pip=True).create(target)
    pip = [str(target / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "--disable-pip-version-check", *requirements], check=True)


def _uv_install(uv: Path, target: Path, requirements: Sequence[str]) -> bool:
    """Install with uv from its cache alone, then with the network; False if both fail."""
    env = uv_environment()
    python = target / "bin" / "python"
    steps = []
    if not python.is_file():
        steps.append(["venv", "--quiet", "--seed", "--python", sys.executable, str(target)])
    steps.append(["pip", "install", "--quiet", "--python", str(python), *requirements])
    for step in steps:
        offline = subprocess.run([uv, *step, "--offline"], env=env, capture_output=True)
        if offline.returncode and subprocess.run([uv, *step], env=env).returncode:
            print(f"uv failed ({' '.join(step[:2])}): setting up with pip")
            return False
    return True


def main(argv: Sequence[str] | None = None) -> None:
    """Run the subcommand the Makefile asks for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)
    make_venv = commands.add_parser("venv", help="create or update the virtual environment")
    make_venv.add_argument("target", type=Path)
    make_venv.add_argument("--uv", required=True, help="the uv version to install with")
    make_venv.add_argument("--constraints", required=True)
    make_venv.add_argument("--editable", default=".[dev]")
    cached = commands.add_parser("provide", help="link a per-user cached folder into the clone")
    cached.add_argument("link", type=Path)
    cached.add_argument("key", help="the folder's name in the cache: its contents and versions")
    cached.add_argument("command", nargs="+", help="installs into {}, after --")
    args = parser.parse_args(argv)
    if args.command == "venv":
        requirements = ["--constraint", args.constraints, "--editable", args.editable]
        install_venv(args.target, args.uv, requirements)
    else:
        provide(args.link, args.key, run_into(args.command))


if __name__ == "__main__":
    main(sys.argv[1:])
