"""Whether a render's outputs are current: the fingerprints of what they were made from.

Each output carries fingerprints of what it was made from, sealed to its own
bytes (see render.stamp). When every output's input fingerprint matches, the
run is done without loading a model: that is `render --check` in CI and an
unchanged `render` in a pre-commit hook. Otherwise an output whose content
fingerprint matches is current; one whose does not is drawn again and is
stale only when the drawing differs from it (an archgen change that draws
the same picture leaves it current, and the user's cache remembers so).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from archgen.commands import remembered
from archgen.commands.files import declared_name
from archgen.commands.views import formats_of, views_of
from archgen.errors import InvalidInput
from archgen.reading import read_input
from archgen.render.formats import output_suffix
from archgen.render.stamp import input_fingerprint, parse_output, read_output

if TYPE_CHECKING:
    from archgen.model.architecture import Architecture


class Inputs(NamedTuple):
    """The bytes one file's outputs are made from, read without loading the model."""

    data: bytes
    settings: bytes
    layout: bytes

    def fingerprint(self, target: Path, fmt: str) -> str:
        """Return the input fingerprint of the file's output in `fmt`, written to `target`."""
        parts = [self.data, self.settings, self.layout] if fmt == "md" else [self.data]
        return input_fingerprint(fmt, target.name, parts)


def current_without_loading(
    files: dict[Path, Path],
    formats: tuple[str, ...],
    settings: bytes,
    layout: bytes,
    view: str | None = "default",
) -> list[Path] | None:
    """Return every output when each carries the input fingerprint of today's bytes, else None.

    A matching input fingerprint, sealed to the output's bytes, shows that
    this release made these very bytes from exactly these inputs, which it
    only does for a valid file; anything else (a changed, unreadable or
    oversized file, a damaged output, a name not found at a glance, two files
    with one name) returns None and the files are loaded in full. `files` maps
    each architecture to the folder its outputs go to.
    """
    outputs: list[Path] = []
    names: set[str] = set()
    for file, out in files.items():
        inputs = _read_inputs(file, settings, layout)
        name = declared_name(inputs.data) if inputs is not None else None
        if inputs is None or name is None or name in names:
            return None
        names.add(name)
        views = views_of(out, name, formats, view)
        for shown_view in views:
            for fmt in formats_of(formats, views, shown_view):
                target = out / f"{name}{output_suffix(fmt, shown_view)}"
                if not _current(target, fmt, inputs):
                    return None
                outputs.append(target)
    return outputs


def _current(target: Path, fmt: str, inputs: Inputs) -> bool:
    """Tell whether `target` carries the input fingerprint of today's bytes (or was vouched for)."""
    shown = read_output(target, fmt)
    if shown is None:  # nothing to compare: today's fingerprint is not worked out
        return False
    now = inputs.fingerprint(target, fmt)
    return shown.made_from(now) or remembered.vouched(now, shown)


def _read_inputs(file: Path, settings: bytes, layout: bytes) -> Inputs | None:
    try:
        return Inputs(read_input(file), settings, layout)
    except InvalidInput:  # the full load reports it at its place
        return None


def source_bytes(arch: Architecture) -> bytes:
    """Return the exact bytes `arch` was parsed from, which its outputs are fingerprinted with.

    Only a model built from text in memory has none kept; its file is read.
    """
    data = arch.source.data
    return data if data is not None else read_input(Path(arch.file))


def template_bytes(templates: Path | None) -> bytes:
    """Return what the explanation's layout is made from: every file in the templates folder.

    A template can include, import or extend any other file of its folder,
    so each file counts, by its path in the folder and its bytes, in the
    order of those paths. A file that cannot be read counts by its name alone;
    a missing template is reported when the explanation is rendered.
    """
    from archgen.render.templates import template_dir

    root = templates or template_dir()
    listed = []
    for folder, folders, files in os.walk(root):
        folders.sort()
        for name in files:
            path = Path(folder) / name
            listed.append((path.relative_to(root).as_posix(), path))
    parts = [
        relative.encode("utf-8", "surrogateescape") + b"\0" + _file_digest(path)
        for relative, path in sorted(listed)
    ]
    return b"".join(parts)


def _file_digest(path: Path) -> bytes:
    """Return the SHA-256 digest of a file's bytes: fixed-length, so names and bytes never blur."""
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return bytes(32)  # as long as a digest, and equal to none in practice


def shows(target: Path, fmt: str, content: str) -> bool:
    """Return whether an existing output is known to show what `content` fingerprints.

    Known by its stamp, sealed to its own bytes, or by the user's cache: a
    run that drew it with today's code found the same picture (remembered).
    """
    shown = read_output(target, fmt)
    return shown is not None and (shown.shows(content) or remembered.drawn(content, shown))


def drawn_alike(target: Path, fmt: str, drawn: bytes) -> bool:
    """Return whether an existing output holds what was just drawn for it, stamps set aside.

    This decides, whatever the stamps say: an output whose picture is right
    keeps the stamp of the release that wrote it (archgen rewrites no picture
    for a change of code that draws nothing differently), and a truncated or
    edited one differs from every drawing.
    """
    old, new = read_output(target, fmt), parse_output(drawn, fmt)
    return old is not None and new is not None and old.body == new.body
