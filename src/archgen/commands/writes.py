"""Writing one file a command makes (a report, the rule reference), atomically.

A render's outputs go through output_folder, all together; these are single
files, written the same way: readers see the old file or the new, never half.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from archgen.commands.atomic import write_file
from archgen.commands.files import refuse_link_out
from archgen.errors import UsageError


def write_report(path: Path, text: str, inputs: Iterable[Path]) -> None:
    """Write a report to `path`, which must not be one of the files it was made from.

    `--output` pointed at an architecture or the settings file would replace
    the very file just checked. Two names are one file when the system says so
    (a symlink, a hard link, `./` or `..` in the path), so that is asked, not
    the spelling compared.
    """
    refuse_link_out(path, "--output")
    for source in inputs:
        if _same_file(path, source):
            raise UsageError(
                f"--output {path} is one of the inputs ({source}): choose another file"
            )
    write_atomically(path, text)


def _same_file(one: Path, other: Path) -> bool:
    """Tell whether two names lead to one file: by the system's word, or by resolving them.

    `samefile` needs both to exist, and `sub/../design.yaml` does not while
    `sub` is missing, though writing to it would create `sub` and then
    replace `design.yaml`; resolving the names catches that case.
    """
    if one.resolve() == other.resolve():
        return True
    try:
        return one.samefile(other)
    except OSError:  # one of them does not exist, so it is not the other
        return False


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` as UTF-8 with LF line ends, atomically."""
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old or the new file, never half.

    SIGINT and SIGTERM are held off as for a render's outputs (see
    atomic): one that comes before the rename leaves no file behind.
    """
    write_file(path, data)


def append_text(path: Path, text: str) -> None:
    """Append to a file others write too (GitHub's job summary), as one write."""
    try:
        with path.open("a", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}") from None
