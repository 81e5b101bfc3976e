"""Which files a run reads: the architectures it was given and its settings file.

Shared by every command. Kept apart from the loader so that finding inputs,
and fingerprinting their bytes, needs neither YAML validation nor the model:
`render --check` decides from these alone when every output is current.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path, PurePath

from archgen.errors import InvalidInput, UsageError
from archgen.reading import read_input
from archgen.safe_text import visible

DEFAULT_PATHS = ("architectures",)
ARCHITECTURE_SUFFIXES = (".yaml", ".yml")
CONFIG_FILE = ".archgen.yaml"

_NAME_KEY = re.compile(rb"^name:", re.MULTILINE)
_NAME_LINE = re.compile(
    rb"""^name:[ \t]*(['"]?)([A-Za-z0-9][A-Za-z0-9._-]*)\1[ \t]*(?:#.*)?\r?$""", re.MULTILINE
)


SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})
"""Folders a scan never enters, besides every hidden one (.git, .venv, .tox, ...)."""


def find_architectures(paths: Sequence[str]) -> list[Path]:
    """Return the architecture files named by `paths`: files as given, folders searched.

    A folder is searched recursively and sorted, so runs and outputs are
    stable. The search skips hidden files and folders (`.git`, `.venv`, a
    settings file), dependency folders, and never follows a symbolic link to a
    folder; a link to a file is taken only when it stays inside the folder and
    ends at a regular file. Files named on the command line are the user's
    own choice and are taken as given (reading them still refuses anything
    but a regular file of a sane size).
    """
    found: list[Path] = []
    for name in paths or DEFAULT_PATHS:
        path = Path(name)
        refuse_link_out(path, "the path")
        if path.is_dir():
            found.extend(_scan(path))
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise UsageError(f"{visible(name)}: no such file or folder")
    if not found:
        named = ", ".join(visible(name) for name in paths or DEFAULT_PATHS)
        raise UsageError(f"no architecture files (*.yaml) in {named}")
    return list(dict.fromkeys(found))


SUBFOLDER_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_ .+-]*")
"""How a sub-folder whose outputs get a sub-folder of their own may be named: printable,
never hidden, never `..`."""


def output_subfolder(file: Path, paths: Sequence[str]) -> PurePath:
    """Return where under the output folder `file`'s outputs go: its place in the folder scanned.

    `architectures/gallery/x.yaml`, found by scanning `architectures`, draws
    into `<out>/gallery/`, so a gallery keeps its own folder of outputs; a file
    named on the command line, or at the top of a scanned folder, draws into
    `<out>` itself.
    """
    for name in paths or DEFAULT_PATHS:
        folder = Path(name)
        if file.is_relative_to(folder) and folder.is_dir():
            sub = file.parent.relative_to(folder)
            bad = [part for part in sub.parts if not SUBFOLDER_NAME.fullmatch(part)]
            if bad:
                raise UsageError(
                    f"{visible(str(file))}: its outputs would go to a folder named "
                    f"{visible(bad[0])!r}; name folders of designs with letters, digits, "
                    "spaces and . _ + -"
                )
            return sub
    return PurePath()


def refuse_link_out(path: Path, what: str) -> None:
    """Refuse a path that lies in the working folder as written but leads out of it by a link.

    A pull request can commit `architectures -> ~/.config` or
    `diagrams_out -> ..`; CI then names that path as it always does. A path
    written outside the working folder (`/tmp/out`, `../x`) is the user's
    own choice and stays allowed.
    """
    here = Path.cwd().resolve()
    written = Path(os.path.abspath(path))  # noqa: PTH100 (as written: resolve() follows links)
    if written.is_relative_to(here) and not path.resolve().is_relative_to(here):
        raise UsageError(
            f"{what} {visible(str(path))} leads out of the working folder through a "
            "symbolic link; archgen does not follow it"
        )


def _scan(folder: Path) -> list[Path]:
    """Return the architecture files under `folder`, in a stable order, by the rules above."""
    root = folder.resolve()
    found: list[Path] = []
    for current, folders, files in os.walk(folder, followlinks=False):
        folders[:] = sorted(name for name in folders if not _skipped(name))
        for name in sorted(files):
            path = Path(current) / name
            if _skipped(name) or path.suffix not in ARCHITECTURE_SUFFIXES:
                continue
            if path.is_symlink() and not _link_inside(path, root):
                raise UsageError(
                    f"{visible(str(path))}: a symbolic link to something outside {folder} "
                    "or other than a regular file; archgen does not follow it"
                )
            found.append(path)
    return sorted(found)


def _skipped(name: str) -> bool:
    return name.startswith(".") or name in SKIPPED_FOLDERS


def _link_inside(link: Path, root: Path) -> bool:
    """Tell whether a symbolic link ends at a regular file inside the scanned folder."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling, or a loop of links
        return False
    return target.is_relative_to(root) and stat.S_ISREG(target.stat().st_mode)


def settings_file(explicit: Path | None = None, folder: Path | None = None) -> Path | None:
    """Return the file the run's settings come from: `explicit`, .archgen.yaml or pyproject.toml.

    Only the current folder is searched, as ruff and pytest do for their own
    configuration when run from the repository root, which is where CI runs.
    """
    if explicit is not None:
        if not explicit.is_file():
            raise UsageError(f"{explicit}: no such configuration file")
        return explicit
    folder = folder or Path.cwd()
    for candidate in (folder / CONFIG_FILE, folder / "pyproject.toml"):
        if candidate.is_symlink() and not _link_inside(candidate, folder.resolve()):
            raise UsageError(
                f"{candidate.name}: a symbolic link to something outside {folder} or other "
                "than a regular file; archgen does not follow it (name it with --config)"
            )
        if candidate.is_file():
            return candidate
    return None


def settings_bytes() -> bytes | None:
    """Return the bytes of the current folder's settings file: empty if none, None if unreadable."""
    path = settings_file()
    try:
        return b"" if path is None else read_input(path)
    except InvalidInput:
        return None


def declared_name(data: bytes) -> str | None:
    """Return the output name a file declares on a top-level `name:` line, at a glance.

    This only picks which outputs to compare with a file's fingerprint; the
    fingerprint decides. A name written any other way (an alias, a flow
    mapping) returns None, and the file is then loaded in full; so does a
    file with two lines that start `name:`, since one of them may sit inside
    a quoted multi-line value and only the parser knows which is the key.
    """
    first = _NAME_KEY.search(data)
    if first is None or _NAME_KEY.search(data, first.end()) is not None:
        return None
    match = _NAME_LINE.match(data, first.start())
    return match.group(2).decode("ascii") if match else None


def output_path(out: Path, name: str) -> Path:
    """Return where an output goes; a name can never lead outside the output folder.

    The name is judged as written, not resolved: a symlink already at the
    target is no way out either, since output_folder never writes through one.
    """
    if name in {"", ".", ".."} or Path(name).name != name or "\\" in name:
        raise UsageError(f"output name {name!r} would leave the output folder {out}")
    return out / name
