"""The architecture files of a git revision, for `archgen diff --base REF`.

git itself answers (`ls-tree`, `diff --name-status -M`, `cat-file`), so
renames, sub-folders and every kind of ref mean what they mean to git. Paths
come back relative to the working folder, as `find_architectures` names the
working tree's files, so the two sides pair by path.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import PurePosixPath

from archgen.commands.files import ARCHITECTURE_SUFFIXES, SKIPPED_FOLDERS
from archgen.errors import InvalidInput, Problem, UsageError
from archgen.reading import MAX_BYTES
from archgen.safe_text import visible
from archgen.source import Span

_REGULAR_FILES = ("100644", "100755")
"""Blob modes of regular files; a symbolic link (120000) or submodule is never read."""


@dataclass(frozen=True)
class Blob:
    """A file of the revision: its path as the working tree names it, its object and size."""

    path: str
    oid: str
    size: int


def resolve(ref: str) -> str:
    """Return the commit `ref` names, or a usage error saying git could not find it."""
    if ref.startswith("-"):
        raise UsageError(f"--base {visible(ref)}: not a git revision")
    done = _run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if done.returncode == 1 and not done.stderr.strip():
        raise UsageError(f"--base {visible(ref)}: no such commit in this git repository")
    return _checked("rev-parse", done).decode("ascii", "replace").strip()


def tree_files(commit: str, paths: list[str]) -> dict[str, Blob]:
    """Return the architecture files under `paths` at `commit`, by path.

    The same files a scan of the working tree takes: YAML files, none in a
    hidden or dependency folder, unless the path was named itself.
    """
    out = _git("ls-tree", "-r", "-l", "-z", commit, "--", *paths)
    found = {}
    for entry in filter(None, out.split(b"\0")):
        meta, _, raw_path = entry.partition(b"\t")
        mode, _kind, oid, size = meta.decode("ascii").split()
        path = raw_path.decode("utf-8", "surrogateescape")
        if mode in _REGULAR_FILES and _architecture(path, paths):  # a submodule's size is "-"
            found[path] = Blob(path, oid, int(size))
    return found


def prefix() -> str:
    """Return the working folder's path inside the repository (`sub/`), as `REF:PATH` needs."""
    return _git("rev-parse", "--show-prefix").decode("utf-8", "surrogateescape").strip()


def renames(commit: str, paths: list[str]) -> dict[str, str]:
    """Return the files git sees as renamed since `commit`, new path to old path."""
    out = _git("diff", "--name-status", "-z", "-M", "--relative", commit, "--", *paths)
    fields = out.decode("utf-8", "surrogateescape").split("\0")
    found = {}
    index = 0
    while index < len(fields) - 1:
        status = fields[index]
        if status.startswith(("R", "C")):
            found[fields[index + 2]] = fields[index + 1]
            index += 3
        else:
            index += 2
    return found


def read_blob(blob: Blob, display: str) -> bytes:
    """Return a file's bytes at the revision; a file too large is invalid input, as on disk."""
    if blob.size > MAX_BYTES:
        message = f"file is larger than {MAX_BYTES // 1024} KiB"
        raise InvalidInput([Problem(Span(visible(display), 1, 1), message)])
    return _git("cat-file", "blob", blob.oid)


def _architecture(path: str, named: list[str]) -> bool:
    if path in named:
        return True
    parts = PurePosixPath(path).parts
    hidden = any(part.startswith(".") or part in SKIPPED_FOLDERS for part in parts)
    return not hidden and PurePosixPath(path).suffix in ARCHITECTURE_SUFFIXES


def _git(*args: str) -> bytes:
    """Run git in the working folder and return its output, or its complaint as a usage error."""
    return _checked(args[0], _run(*args))


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    git = shutil.which("git")
    if git is None:
        raise UsageError("--base needs git, which is not installed")
    command = [git, "--literal-pathspecs", "-c", "core.quotepath=off", *args]
    return subprocess.run(command, capture_output=True, check=False)  # noqa: S603 (git found on PATH, arguments as a list, no shell)


def _checked(what: str, done: subprocess.CompletedProcess[bytes]) -> bytes:
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {what} failed: {visible(said[0] if said else 'no message')}")
    return done.stdout
