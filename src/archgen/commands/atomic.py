"""Writing files so that readers see all the old ones or all the new ones, never half.

SIGINT and SIGTERM are turned into Interrupted and held back while files are
placed: Python's default SIGTERM ends the process on the spot, skipping every
cleanup, and its KeyboardInterrupt can land between two renames. A render's
output folder (output_folder) and a single report (writes) are written alike.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any, TypeVar

from archgen.commands import stops
from archgen.errors import UsageError

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

    The Interrupted it raises may land in a library that turns it into
    another error or swallows it (see stops). Once a signal came, nothing is
    placed any more, and the run leaves the guard as Interrupted whatever
    else it raised, or if it went on as if nothing came.
    """

    def __init__(self) -> None:
        self._previous: dict[int, _Handler] = {}
        self._holding = 0
        self._watch = stops.watched()
        self.placed = False
        """True once files were placed: a stop after that says so (`after_commit`)."""

    def __enter__(self) -> SignalGuard:
        self._watch.__enter__()
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
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous.clear()
        signum = stops.received()
        self._watch.__exit__(None, None, None)
        if isinstance(error, Interrupted):
            error.after_commit = error.after_commit or self.placed
        elif signum is not None:
            raise self._stop(signum) from error

    def _arrived(self, signum: int, frame: FrameType | None) -> None:
        stops.note(signum)
        if not self._holding:
            raise Interrupted(signum)

    def _stop(self, signum: int) -> Interrupted:
        """Return the Interrupted for `signum`, which says whether files were placed."""
        stop = Interrupted(signum)
        stop.after_commit = self.placed
        return stop

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """Hold SIGINT and SIGTERM back for the block; one that came is raised after it.

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
        signum = None if self._holding else stops.received()
        if signum is not None:
            raise Interrupted(signum) from failure
        if failure is not None:
            raise failure


_Staged = TypeVar("_Staged")


def stage_then_place(
    signals: SignalGuard,
    stage: Callable[[], _Staged],
    discard: Callable[[_Staged], None],
    place: Callable[[_Staged], None],
    where: Path,
) -> None:
    """Stage, then place what was staged, with SIGINT and SIGTERM held back throughout.

    One that came before placing (while staging, or earlier and swallowed
    by a library) discards the staging before anything is placed; one that
    came while placing waits until all is placed, and says so
    (`after_commit`). A failure (disk full, a target replaced meanwhile) is
    a one-line error about `where`, unless a signal came first.
    """
    try:
        with signals.deferred():
            staged = stage()
            signum = stops.received()
            if signum is not None:
                discard(staged)
                raise Interrupted(signum)
            place(staged)
            signals.placed = True
    except OSError as error:
        raise UsageError(f"cannot write {where}: {error.strerror}") from None
    except Interrupted as stop:
        stop.after_commit = signals.placed
        raise


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old or the new file, never half.

    The bytes go to a temporary file beside it, renamed over it, exactly as
    a render's outputs are staged then placed: the temporary file is removed
    on every way out but SIGKILL, and a signal never reports "nothing
    written" about a file that was.
    """
    with SignalGuard() as signals:
        stage_then_place(
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


def _default_file_mode() -> int:
    """Return rw-r--r-- narrowed by the process umask, as open() would create a file."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _default_file_mode()
"""The permissions of a new output."""
