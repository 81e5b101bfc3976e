"""The diff use case: load two versions of each architecture, compare them, decide the exit.

Two files (`archgen diff OLD NEW`), or each architecture of the working tree
against its version at a git revision (`--base REF`), files added, deleted
and renamed included. Every problem of every file on both sides is reported
before failing, the revision's files named `REF:path`. Both sides are checked
under the working tree's settings, so the findings that change are the
architecture's doing, not a settings edit's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from archgen.commands import git_base
from archgen.commands.files import (
    DEFAULT_PATHS,
    declared_name,
    find_architectures,
    refuse_link_out,
)
from archgen.diff import diff_architectures
from archgen.diff.model import ArchitectureDiff
from archgen.errors import InvalidInput, Problem, UsageError
from archgen.findings import Severity
from archgen.loader import load_text
from archgen.loader.yaml_positions import decode
from archgen.model.architecture import Architecture
from archgen.reading import read_input
from archgen.rules.config import RunConfig
from archgen.safe_text import visible

FAIL_ON = ("never", "exposure", "error", "warning")
"""From lenient to strict: each threshold also fails on what the ones before it fail on."""


@dataclass(frozen=True)
class Version:
    """One side of a pair: how messages name it, and its bytes (None: the file is absent)."""

    display: str | None
    data: bytes | None


def diff_files(old: str, new: str, config: RunConfig | None = None) -> list[ArchitectureDiff]:
    """Compare two architecture files."""
    for name in (old, new):
        if Path(name).is_dir():
            raise UsageError(f"{name} is a folder: name two architecture files, or use --base")
    pair = (Version(old, read_input(Path(old), old)), Version(new, read_input(Path(new), new)))
    return _compare([pair], config)


def diff_base(
    ref: str, paths: Sequence[str], config: RunConfig | None = None
) -> list[ArchitectureDiff]:
    """Compare each architecture under `paths` in the working tree with its version at `ref`."""
    commit = git_base.resolve(ref)
    named = [Path(p).as_posix() for p in paths or DEFAULT_PATHS]
    before = git_base.tree_files(commit, named)
    present = [p for p in named if Path(p).exists() or Path(p).is_symlink()]
    for path in named:
        if path not in present and not any(_under(blob, path) for blob in before):
            raise UsageError(f"{visible(path)}: no such file or folder, here or at {visible(ref)}")
    after = [path.as_posix() for path in find_architectures(present)] if present else []
    moved = _moved_here(commit, before, after)
    pairs, renamed = [], []
    at = f"{ref}:{git_base.prefix()}"
    for old, new in _pair(before, after, moved):
        old_side = _at_revision(at, before[old]) if old else Version(None, None)
        new_side = Version(new, read_input(Path(new), new)) if new else Version(None, None)
        if old_side.data != new_side.data or (old and new and old != new):
            pairs.append((old_side, new_side))
            renamed.append(bool(old and new and old != new))
    diffs = _compare(pairs, config)
    return [dataclasses.replace(d, renamed=r) for d, r in zip(diffs, renamed, strict=True)]


def _moved_here(commit: str, before: dict[str, git_base.Blob], after: list[str]) -> dict[str, str]:
    """Return git's renames into the compared files, adding each one's old file to `before`.

    Renames are asked of the whole working folder: a moved file named alone
    still pairs with the path it came from, not read as a file new to the design.
    """
    moved = {new: old for new, old in git_base.renames(commit, ["."]).items() if new in after}
    missing = [old for old in moved.values() if old not in before]
    if missing:
        before.update(git_base.tree_files(commit, missing))
    return moved


def _under(file: str, path: str) -> bool:
    return path in (".", file) or file.startswith(path.rstrip("/") + "/")


def _at_revision(at: str, blob: git_base.Blob) -> Version:
    """Return a file at the revision, named `REF:PATH` with PATH from the repository's top."""
    display = f"{at}{blob.path}"
    return Version(display, git_base.read_blob(blob, display))


def _pair(
    before: dict[str, git_base.Blob], after: list[str], renamed: dict[str, str]
) -> list[tuple[str | None, str | None]]:
    """Pair the revision's files with the working tree's: same path, git's rename, same name.

    A file moved and rewritten is beyond git's rename detection; the name it
    declares (which names its outputs) still pairs it.
    """
    pairs: list[tuple[str | None, str | None]] = []
    unpaired_old = dict.fromkeys(before)
    unpaired_new = []
    for new in after:
        old = renamed.get(new, new)
        if old in unpaired_old:
            del unpaired_old[old]
            pairs.append((old, new))
        else:
            unpaired_new.append(new)
    old_names = {_name_at(before[old]): old for old in unpaired_old}
    old_names.pop(None, None)  # a name only a full parse can read pairs nothing
    for new in unpaired_new:
        name = declared_name(read_input(Path(new), new))
        match = old_names.pop(name, None) if name else None
        if match is not None:
            del unpaired_old[match]
        pairs.append((match, new))
    pairs += [(old, None) for old in unpaired_old]
    return sorted(pairs, key=lambda pair: pair[1] or pair[0] or "")


def _name_at(blob: git_base.Blob) -> str | None:
    return declared_name(git_base.read_blob(blob, blob.path))


def _compare(
    pairs: list[tuple[Version, Version]], config: RunConfig | None
) -> list[ArchitectureDiff]:
    """Load every side, collecting every problem first, then compare each pair.

    A new side that does not load stops the run (exit 2) with every problem.
    An old side that does not load, when every new side does, is what the
    change may well fix: it is compared with nothing, and the diff says why
    it could not be read.
    """
    problems: list[Problem] = []
    old_problems: list[list[Problem]] = []
    loaded = []
    for old, new in pairs:
        old_problems.append([])
        loaded.append((_load(old, old_problems[-1]), _load(new, problems)))
    if problems:  # every problem of every file, the old sides' too
        raise InvalidInput([*problems, *(p for unread in old_problems for p in unread)])
    return [
        dataclasses.replace(
            diff_architectures(before, after, old.display, new.display, config),
            unreadable=tuple(unread),
        )
        for (before, after), (old, new), unread in zip(loaded, pairs, old_problems, strict=True)
    ]


def _load(version: Version, problems: list[Problem]) -> Architecture | None:
    if version.display is None or version.data is None:
        return None
    try:
        return load_text(decode(version.data, version.display), version.display)
    except InvalidInput as error:
        problems.extend(error.problems)
        return None


def exit_code(diffs: list[ArchitectureDiff], fail_on: str) -> int:
    """Return 1 when the change crosses the `fail_on` threshold, else 0."""
    if fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on takes one of {', '.join(FAIL_ON)}")
    if fail_on == "never":
        return 0
    if any(diff.behaviour.exposure_opened for diff in diffs):
        return 1
    if fail_on == "exposure":
        return 0
    threshold = Severity(fail_on).rank
    new = [f for diff in diffs for f in diff.behaviour.findings_new]
    return 1 if any(f.severity.rank >= threshold for f in new) else 0


DiffWriter = Callable[[ArchitectureDiff], bytes]
"""Draws or writes one architecture's change; `<name>.diff.<suffix>` holds what it returns."""


def _markdown(diff: ArchitectureDiff) -> bytes:
    from archgen.report.diff_markdown import format_architecture

    return (format_architecture(diff) + "\n").encode("utf-8")


def _picture(fmt: str) -> DiffWriter:
    """Return the writer of the change's PNG or SVG: graphviz draws the coloured new layout."""

    def write(diff: ArchitectureDiff) -> bytes:
        from archgen.render.png_svg import embed_images

        drawn = _drawn(diff)[fmt]
        return embed_images(drawn) if fmt == "svg" else drawn

    return write


_LAST_DRAWN: list[tuple[ArchitectureDiff, dict[str, bytes]]] = []
"""The last change drawn: its PNG and SVG come from one layout run, asked for one at a time."""


def _drawn(diff: ArchitectureDiff) -> dict[str, bytes]:
    from archgen.diff.picture import change_picture
    from archgen.diff.picture_dot import draw_change

    if not _LAST_DRAWN or _LAST_DRAWN[0][0] is not diff:
        _LAST_DRAWN[:] = [(diff, draw_change(change_picture(diff), ("png", "svg")))]
    return _LAST_DRAWN[0][1]


DIFF_OUTPUTS: dict[str, DiffWriter] = {
    "png": _picture("png"),
    "svg": _picture("svg"),
    "md": _markdown,
}
"""The files `--out` writes per architecture: `<name>.diff.png`, `.svg` and `.md`."""


def write_outputs(
    diffs: list[ArchitectureDiff], out: Path, paths: Sequence[str] = (), *, force: bool = False
) -> list[Path]:
    """Write each architecture's change into `out` as render writes its outputs; return them.

    The same safety as render's: every file stamped, all staged then placed
    together, a file archgen did not write refused unless `force`, and each
    design's change in its sub-folder (`architectures/gallery/x.yaml` into
    `<out>/gallery/`), as its pictures are.
    """
    from archgen.commands.files import output_subfolder
    from archgen.commands.output_folder import writing
    from archgen.render.stamp import Stamp, input_fingerprint, stamp, text_fingerprint

    refuse_link_out(out, "--out")
    outputs: dict[Path, bytes] = {}
    for diff in diffs:
        folder = out / output_subfolder(Path(_worktree_path(diff)), paths)
        for suffix, writer in DIFF_OUTPUTS.items():
            target = folder / f"{diff.name}.diff.{suffix}"
            data = writer(diff)
            mark = Stamp(
                text_fingerprint(data, "diff"), input_fingerprint(suffix, target.name, [data])
            )
            outputs[target] = stamp(data, suffix, mark)
    with writing(out) as held:
        held.commit(outputs, force=force)
    return list(outputs)


def _worktree_path(diff: ArchitectureDiff) -> str:
    """Return the file's path in the working folder; a deleted one's from its `REF:PATH`."""
    if diff.new is not None:
        return diff.new
    old = (diff.old or "").partition(":")[2]
    return old.removeprefix(git_base.prefix()) if old else diff.name
