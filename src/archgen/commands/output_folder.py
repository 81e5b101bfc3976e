"""The output folder: what a render may replace there, and writing its outputs together.

A render replaces several files at once, and whoever reads the folder (a
person, git, a CI job, the next run) must see all the old outputs or all the
new ones. So every output is first written into a staging folder inside the
output folder (the same file system, so a rename moves it); a marker then says
the staging is complete, and only then is each file renamed into place.
SIGINT and SIGTERM are held back meanwhile: one that came while staging
removes the staging folder before the first rename, one that came during the
renames waits for the last. A run killed outright (SIGKILL, a lost machine)
leaves its staging folder behind: the next run that writes finishes the
renames when the marker is there and the folder passes the vetting of
`_finishable`, and removes it otherwise, before it looks at any output.
`render --check` never looks.

The folder may come from a checkout strangers contribute to, so nothing is
written over a file archgen did not write (unless the user says --force), and
nothing through a symbolic link, into a folder or onto a FIFO or device.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path

from archgen.commands.atomic import FILE_MODE, SignalGuard, stage_then_place
from archgen.commands.files import SUBFOLDER_NAME
from archgen.errors import UsageError
from archgen.render.formats import OUTPUT_FORMATS
from archgen.render.stamp import carries_stamp, parse_output, read_regular

STAGING_PREFIX = ".archgen-staging-"
"""How a staging folder is named in the output folder (then a random part)."""
COMPLETE_MARKER = ".complete"
"""Written into a staging folder once every output is in it: the run may be rolled forward."""


class OutputFolder:
    """One run's hold on its output folder, from recovery to the last rename."""

    def __init__(self, path: Path, signals: SignalGuard, stack: contextlib.ExitStack) -> None:
        self.path = path
        self._signals = signals
        self._stack = stack
        self._locked = False

    def take(self) -> None:
        """Lock the folder (two runs into one folder take turns), then recover a killed run."""
        if self._locked or not self.path.is_dir():
            return
        self._stack.enter_context(_lock(self.path))
        self._locked = True
        with self._signals.deferred():
            _recover(self.path)

    def commit(self, outputs: Mapping[Path, bytes], *, force: bool = False) -> None:
        """Write `outputs` (targets in this folder) all together, or raise and write none.

        Every target is vetted before anything is written, so a refusal leaves
        the folder exactly as it was.
        """
        if not outputs:
            return
        refused = [
            reason
            for target in outputs
            if (reason := _path_refusal(target, self.path) or refusal(target, force=force))
        ]
        if refused:
            raise UsageError("\n".join(refused))
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"cannot write {self.path}: {error.strerror}") from None
        self.take()
        stage_then_place(
            self._signals,
            lambda: self._stage(outputs),
            lambda staging: shutil.rmtree(staging, ignore_errors=True),
            lambda staging: _roll_forward(staging, self.path),
            self.path,
        )

    def _stage(self, outputs: Mapping[Path, bytes]) -> Path:
        """Write every output into a new staging folder, then its marker; on failure, none."""
        staging = self.path / f"{STAGING_PREFIX}{os.urandom(6).hex()}"
        try:
            staging.mkdir(mode=0o700)
            for target, data in outputs.items():
                staged = staging / target.relative_to(self.path)
                staged.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                _write_new(staged, data, _mode_for(target))
            _write_new(staging / COMPLETE_MARKER, b"", 0o600)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return staging


@contextlib.contextmanager
def writing(path: Path) -> Iterator[OutputFolder]:
    """Hold `path` for a run that writes: signals guarded, the folder locked and recovered."""
    with SignalGuard() as signals, contextlib.ExitStack() as stack:
        folder = OutputFolder(path, signals, stack)
        folder.take()
        yield folder


def refusal(target: Path, *, force: bool = False) -> str | None:
    """Return why `target` must not be replaced, or None when archgen may replace it."""
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"cannot write {target}: {error.strerror}"
    if stat.S_ISLNK(mode):
        return f"{target} is a symbolic link: archgen never writes through one; remove it"
    if stat.S_ISDIR(mode):
        return f"{target} is a folder where an output goes: move it away"
    data = read_regular(target) if stat.S_ISREG(mode) else None
    if data is None:
        return f"{target} is not a regular file: move it away"
    if force or carries_stamp(data, _SUFFIXES.get(target.suffix.removeprefix("."), "")):
        return None
    return (
        f"{target} was not written by archgen (it carries no archgen fingerprint): "
        "move it, choose another --out, or pass --force to replace it"
    )


def _path_refusal(target: Path, folder: Path) -> str | None:
    """Refuse a sub-folder on the way to `target` that is a link or not a folder.

    Outputs of a scanned sub-folder go to the same sub-folder of the output
    folder (architectures/gallery -> diagrams_out/gallery), and a committed
    `diagrams_out/gallery -> ~` must not carry them elsewhere.
    """
    for parent in reversed(target.relative_to(folder).parents[:-1]):
        where = folder / parent
        if where.is_symlink():
            return f"{where} is a symbolic link: archgen never writes through one; remove it"
        if where.exists() and not where.is_dir():
            return f"{where} is not a folder, and outputs go into it: move it away"
    return None


def _write_new(path: Path, data: bytes, mode: int) -> None:
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(handle, "wb") as stream:
        os.fchmod(handle, mode)
        stream.write(data)


def _mode_for(target: Path) -> int:
    """Keep an output's permissions; a new one gets rw-r--r-- narrowed by the umask."""
    try:
        return target.lstat().st_mode & 0o777
    except OSError:
        return FILE_MODE


def _roll_forward(staging: Path, folder: Path) -> None:
    """Move every staged output into place, then remove the staging folder."""
    for name in _staged(staging):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (staging / name).replace(folder / name)
    (staging / COMPLETE_MARKER).unlink()
    shutil.rmtree(staging)  # only the emptied sub-folders are left


def _staged(staging: Path) -> list[Path]:
    """Return what a staging folder holds, relative to it: outputs, sub-folders' included."""
    found: list[Path] = []
    for current, folders, files in os.walk(staging, followlinks=False):
        folders.sort()
        base = Path(current).relative_to(staging)
        found.extend(base / name for name in sorted(files) if name != COMPLETE_MARKER)
        found.extend(base / name for name in folders if (Path(current) / name).is_symlink())
    return sorted(found)


def _recover(folder: Path) -> None:
    """Finish or discard what a killed run left: rolled forward only when it is all there."""
    for entry in sorted(folder.iterdir()):
        if not entry.name.startswith(STAGING_PREFIX) or entry.is_symlink() or not entry.is_dir():
            continue
        if _finishable(entry, folder):
            _roll_forward(entry, folder)
        else:
            shutil.rmtree(entry, ignore_errors=True)


def _finishable(staging: Path, folder: Path) -> bool:
    """Return whether a staging folder is complete and holds only outputs archgen may place.

    It lies in a folder others can commit to, so the marker proves nothing: a
    run of this user staged it only if this user owns it, and each file must
    be what a run stages, an output named as archgen names them that bears
    archgen's stamp exactly where archgen puts it and may replace its
    namesake. Whether the seal is right needs the fingerprint, which only a
    full render computes; a forger could commit such a file straight into
    the folder anyway, where `--verify` catches it. Whatever fails is
    removed whole, links inside it unfollowed, and the run that found it
    redraws whatever is stale.
    """
    marker = staging / COMPLETE_MARKER
    if not _owned(staging) or marker.is_symlink() or not marker.is_file():
        return False
    return all(_is_output(staging, name, folder) for name in _staged(staging))


def _owned(path: Path) -> bool:
    """Tell whether the current user owns `path` (always so where there are no owners)."""
    getuid = getattr(os, "getuid", None)
    try:
        return getuid is None or path.lstat().st_uid == getuid()
    except OSError:  # gone meanwhile: nothing to finish
        return False


def _is_output(staging: Path, name: Path, folder: Path) -> bool:
    """Tell whether a staged file is an archgen output that may replace its namesake in `folder`.

    `name` is relative to the staging folder: an output of a scanned
    sub-folder sits in the same sub-folder, named as archgen names folders.
    """
    named = _OUTPUT_NAME.fullmatch(name.name)
    sane = all(SUBFOLDER_NAME.fullmatch(part) for part in name.parts[:-1])
    staged = staging / name
    data = read_regular(staged) if named and sane and not staged.is_symlink() else None
    if named is None or data is None or _path_refusal(folder / name, folder):
        return False
    made = parse_output(data, _SUFFIXES[named.group(1)])
    return made is not None and made.inputs is not None and refusal(folder / name) is None


_SUFFIXES = {entry.suffix.removeprefix("."): name for name, entry in OUTPUT_FORMATS.items()}
"""The format of each output suffix: `mmd` is Mermaid's."""

_OUTPUT_NAME = re.compile(
    r"[a-z0-9][a-z0-9-]{0,63}\.("
    + "|".join(re.escape(entry.suffix.removeprefix(".")) for entry in OUTPUT_FORMATS.values())
    + ")"
)
"""How archgen names an output: the design's name (model.types.NAME_PATTERN), then a suffix.

The staged file's format is read from its suffix (`_SUFFIXES`)."""


@contextlib.contextmanager
def _lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder itself: no lock file is left behind."""
    try:
        import fcntl  # POSIX; elsewhere runs into one folder are not serialised
    except ImportError:  # pragma: no cover (not on the platforms CI runs)
        yield
        return
    handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)
