"""Which files a run reads: the architectures it was given and its settings file.

Kept apart from the loader so that finding inputs, and fingerprinting their
bytes, needs neither YAML validation nor the model: `render --check` decides
from these alone when every output is current.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from archgen.errors import UsageError

DEFAULT_PATHS = ("architectures",)
ARCHITECTURE_SUFFIXES = (".yaml", ".yml")
CONFIG_FILE = ".archgen.yaml"
MAX_BYTES = 2 * 1024 * 1024
"""The largest architecture file read; real ones are a few kilobytes."""

_NAME_LINE = re.compile(
    rb"""^name:[ \t]*(['"]?)([A-Za-z0-9][A-Za-z0-9._-]*)\1[ \t]*(?:#.*)?\r?$""", re.MULTILINE
)


def find_architectures(paths: Sequence[str]) -> list[Path]:
    """Return the architecture files named by `paths`: files as given, folders searched.

    Folders are searched recursively and sorted, so runs and outputs are stable.
    """
    found: list[Path] = []
    for name in paths or DEFAULT_PATHS:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in ARCHITECTURE_SUFFIXES))
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"{name}: no such file or folder")
    if not found:
        raise UsageError(f"no architecture files (*.yaml) in {', '.join(paths or DEFAULT_PATHS)}")
    return list(dict.fromkeys(found))


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
        if candidate.is_file():
            return candidate
    return None


def settings_bytes() -> bytes | None:
    """Return the bytes of the current folder's settings file: empty if none, None if unreadable."""
    path = settings_file()
    try:
        return b"" if path is None else path.read_bytes()
    except OSError:
        return None


def declared_name(data: bytes) -> str | None:
    """Return the output name a file declares on a top-level `name:` line, at a glance.

    This only picks which outputs to compare with a file's fingerprint; the
    fingerprint decides. A name written any other way (an alias, a flow
    mapping) returns None, and the file is then loaded in full.
    """
    match = _NAME_LINE.search(data)
    return match.group(2).decode("ascii") if match else None
