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
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any, TypeVar

from archgen.errors import UsageError
from archgen.render.stamp import carries_stamp, parse_output, read_regular

STAGING_PREFIX = ".archgen-staging-"
"""How a staging folder is named in the output folder (then a random part)."""
COMPLETE_MARKER = ".complete"
"""Written into a staging folder once every output is in it: the run may be rolled forward."""

_SIGNALS = (signal.SIGINT, signal.SIGTERM)
# Any: typeshed's own alias for what signal.signal returns is private.
_Handler = Callable[[int, FrameType | None], Any] | int | None


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived while a run was writing: it stops, removing what it staged.

    A KeyboardInterrupt, so that no `except Exception` on the way up swallows
    it and a caller that does not know it stops as on Ctrl-C.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.after_commit = False
        """True when it arrived during the renames, which were finished first."""


class SignalGuard:
    """Turn SIGINT and SIGTERM into Interrupted, or hold them back while files are placed.

    Python's default SIGTERM ends the process on the spot, skipping every
    cleanup, and its KeyboardInterrupt can land between two renames. Handlers
    can only be set from the main thread; in any other the guard does nothing.
    """

    def __init__(self) -> None:
        self._previous: dict[int, _Handler] = {}
        self._holding = 0
        self._pending: int | None = None

    def __enter__(self) -> SignalGuard:
        if threading.current_thread() is threading.main_thread():
            for signum in _SIGNALS:
                self._previous[signum] = signal.signal(signum, self._arrived)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()

    def _arrived(self, signum: int, frame: FrameType | None) -> None:
        if self._holding:
            self._pending = self._pending or signum
            return
        raise Interrupted(signum)

    def take_pending(self) -> int | None:
        """Return the signal held back so far, if any, which is then no longer pending."""
        signum, self._pending = self._pending, None
        return signum

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """Hold SIGINT and SIGTERM back for the block; one that arrived is raised after it.

        It is raised even when the block failed (a full disk): the user asked
        the run to stop, and an error message must not swallow that answer.
        """
        self._holding += 1
        failure: Exception | None = None
        try:
            yield
        except Exception as error:
            failure = error
        finally:
            self._holding -= 1
        signum = None if self._holding else self.take_pending()
        if signum is not None:
            raise Interrupted(signum) from failure
        if failure is not None:
            raise failure


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
        refused = [reason for target in outputs if (reason := refusal(target, force=force))]
        if refused:
            raise UsageError("\n".join(refused))
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"cannot write {self.path}: {error.strerror}") from None
        self.take()
        _stage_then_place(
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
                _write_new(staging / target.name, data, _mode_for(target))
            _write_new(staging / COMPLETE_MARKER, b"", 0o600)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return staging


_Staged = TypeVar("_Staged")


def _stage_then_place(
    signals: SignalGuard,
    stage: Callable[[], _Staged],
    discard: Callable[[_Staged], None],
    place: Callable[[_Staged], None],
    where: Path,
) -> None:
    """Stage, then place what was staged, with SIGINT and SIGTERM held back throughout.

    One that came while staging discards the staging before anything is
    placed; one that came while placing waits until all is placed, and says
    so (`after_commit`). A failure (disk full, a target replaced meanwhile)
    is a one-line error about `where`, unless a signal came first.
    """
    committed = False
    try:
        with signals.deferred():
            staged = stage()
            signum = signals.take_pending()
            if signum is not None:
                discard(staged)
                raise Interrupted(signum)
            place(staged)
            committed = True
    except OSError as error:
        raise UsageError(f"cannot write {where}: {error.strerror}") from None
    except Interrupted as stop:
        stop.after_commit = committed
        raise


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old or the new file, never half.

    The bytes go to a temporary file beside it, renamed over it, exactly as
    a render's outputs are staged then placed: the temporary file is removed
    on every way out but SIGKILL, and a signal never reports "nothing
    written" about a file that was.
    """
    with SignalGuard() as signals:
        _stage_then_place(
            signals,
            lambda: _temporary_beside(path, data),
            lambda temporary: temporary.unlink(missing_ok=True),
            lambda temporary: _replace(temporary, path),
            path,
        )


def _temporary_beside(path: Path, data: bytes) -> Path:
    """Write `data` to a new temporary file beside `path`, with the permissions `path` has."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        temporary.chmod(path.stat().st_mode & 0o777 if path.exists() else FILE_MODE)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _replace(temporary: Path, path: Path) -> None:
    try:
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


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
    if force or carries_stamp(data, target.suffix.removeprefix(".")):
        return None
    return (
        f"{target} was not written by archgen (it carries no archgen fingerprint): "
        "move it, choose another --out, or pass --force to replace it"
    )


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


def _default_file_mode() -> int:
    """Return rw-r--r-- narrowed by the process umask, as open() would create a file."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _default_file_mode()
"""The permissions of a new output."""


def _roll_forward(staging: Path, folder: Path) -> None:
    """Move every staged output into place, then remove the staging folder."""
    for name in _staged(staging):
        (staging / name).replace(folder / name)
    (staging / COMPLETE_MARKER).unlink()
    staging.rmdir()


def _staged(staging: Path) -> list[str]:
    return sorted(entry.name for entry in staging.iterdir() if entry.name != COMPLETE_MARKER)


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
    return all(_is_output(staging / name, folder) for name in _staged(staging))


def _owned(path: Path) -> bool:
    """Tell whether the current user owns `path` (always so where there are no owners)."""
    getuid = getattr(os, "getuid", None)
    try:
        return getuid is None or path.lstat().st_uid == getuid()
    except OSError:  # gone meanwhile: nothing to finish
        return False


def _is_output(staged: Path, folder: Path) -> bool:
    """Tell whether a staged file is an archgen output that may replace its namesake in `folder`."""
    named = _OUTPUT_NAME.fullmatch(staged.name)
    data = read_regular(staged) if named else None  # never through a link
    if named is None or data is None:
        return False
    made = parse_output(data, named.group(1))
    return made is not None and made.inputs is not None and refusal(folder / staged.name) is None


_OUTPUT_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}\.(png|svg|drawio|md)")
"""How archgen names an output: the design's name (model.types.NAME_PATTERN), then a format."""


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
