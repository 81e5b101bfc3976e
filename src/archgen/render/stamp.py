"""Fingerprints of what an output was made from, kept inside the output itself.

Each output carries two. The content fingerprint covers what the output
shows: for a picture, the DOT source, the icon set and the code that makes
the file from graphviz's output (the tidy pass included); for the
explanation, its text. When it matches, the output is current without
drawing it, whatever else changed (a comment in the design, a docstring in
archgen, another graphviz release). When it does not, the output is drawn
again and compared, stamps set aside (commands.render): an archgen change
that draws the same picture rewrites nothing. The input fingerprint covers
the exact bytes of the architecture file and settings, and all of archgen's
code save its docstrings and comments (see code_digest): when it still
matches, the output is current without even loading the model, which is
what makes `render --check` and an unchanged `render` fast.

Both are sealed to the output's own bytes: what is written is a digest of the
fingerprint and of the output with the stamp taken out. A truncated or edited
output, or a stamp copied onto another file, then matches no fingerprint, and
differs from every drawing: it is stale. A seal is no signature: whoever
can run archgen's code can compute one for any bytes, which only
`render --verify` (drawing again) detects.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import re
import stat
import struct
import zlib
from pathlib import Path
from typing import NamedTuple

from archgen.layout.icons import icon_root
from archgen.render.code_digest import layout_modules_run_by, modules_digest, package_digest

_KEY = b"archgen-source"
_SEAL = b"archgen-seal\0"
_PRINTS = rb"([0-9a-f]{64})(?: ([0-9a-f]{64}))?"
"""The content fingerprint, then the input fingerprint (absent from older outputs)."""
_LARGEST = 256 * 1024 * 1024
"""A larger file is no output of archgen's, and is not read whole to find out."""
_DRAWIO_OPEN = b"<mxfile "
_SVG_STAMP = re.compile(rb"<!-- archgen-source: " + _PRINTS + rb" -->")
_DRAWIO_STAMP = re.compile(rb'<mxfile archgen-source="' + _PRINTS + rb'"')
_PNG_STAMP = re.compile(rb"tEXt" + _KEY + rb"\0" + _PRINTS)
_MERMAID_STAMP = re.compile(rb"%% archgen-source: " + _PRINTS)
_STAMPS = {
    "svg": _SVG_STAMP,
    "md": _SVG_STAMP,
    "drawio": _DRAWIO_STAMP,
    "png": _PNG_STAMP,
    "mermaid": _MERMAID_STAMP,
}
_AT_END = ("md", "mermaid")
"""Formats whose stamp is the last line: text a person reads from the top."""


class Stamp(NamedTuple):
    """The two fingerprints an output is stamped with, before they are sealed."""

    content: str
    """What the output shows: the DOT layout, or the explanation's inputs."""
    inputs: str
    """The exact bytes and code it was made from."""

    def sealed(self, body: bytes) -> str:
        """Return the stamp as it is written into `body`: both fingerprints sealed to it."""
        digest = hashlib.sha256(body).digest()
        return f"{_seal(self.content, digest)} {_seal(self.inputs, digest)}"


class Output(NamedTuple):
    """An existing output's stamp, and the digest of its bytes without the stamp."""

    content: str
    inputs: str | None
    """None in outputs of releases that wrote one fingerprint."""
    body: bytes
    """The SHA-256 digest of the output with its stamp taken out."""

    def shows(self, content: str) -> bool:
        """Return whether these very bytes were made with the content fingerprint `content`."""
        return self.content == _seal(content, self.body)

    def made_from(self, inputs: str) -> bool:
        """Return whether these very bytes were made with the input fingerprint `inputs`."""
        return self.inputs == _seal(inputs, self.body)


def _seal(fingerprint: str, body_digest: bytes) -> str:
    return hashlib.sha256(_SEAL + fingerprint.encode("ascii") + body_digest).hexdigest()


_DRAWN_BY = {
    "png": ("layout/ladder.py", "layout/run.py"),
    "svg": ("layout/ladder.py", "layout/run.py", "render/png_svg.py"),
    "drawio": (
        "layout/geometry.py",
        "layout/ladder.py",
        "layout/line_looks.py",
        "layout/run.py",
        "layout/style.py",
        "render/drawio.py",
        "render/drawio_geometry.py",
        "render/drawio_styles.py",
    ),
}
"""The modules that make each picture from the DOT source: graphviz's options and the
layout ladder's relaxed sources, then
archgen's own handling of what graphviz gives back (icons put into the SVG, the
draw.io converter). The DOT source covers everything before; the tidy pass that
moves dot's layout before the drawing (`layout/redraw.py` and all it runs) is added
to each."""


@functools.cache
def _drawn_by(fmt: str) -> str:
    names = {*_DRAWN_BY.get(fmt, ()), *layout_modules_run_by("layout/redraw.py")}
    return modules_digest(tuple(sorted(names)))


@functools.cache
def _icon_set() -> str:
    """Name the installed diagrams release by its dist-info folder.

    importlib.metadata would cost more time than the whole fingerprint.
    """
    spec = importlib.util.find_spec("diagrams")
    if spec is None or spec.origin is None:  # pragma: no cover (a dependency)
        return "diagrams none"
    site = Path(spec.origin).parent.parent
    return " ".join(sorted(p.name for p in site.glob("diagrams-*.dist-info"))) or "diagrams"


def fingerprint(dot_source: str, fmt: str, styles: str = "") -> str:
    """Return the content fingerprint of a picture (png, svg, drawio).

    It is what the picture is, as far as archgen decides it: the DOT source
    graphviz lays out, the icon set, the code that turns graphviz's output
    into the file and, for draw.io, the `styles` of the shapes drawn. Not
    graphviz's version: the same design is current on a machine with
    another graphviz, whose coordinates may differ (`render --verify`
    compares bytes, and so needs the graphviz that drew them).

    The DOT names icons by absolute path, which differs between checkouts; the
    fingerprint replaces that folder so every clone agrees on what is current.
    """
    portable = dot_source.replace(str(icon_root()), "<icons>")
    digest = hashlib.sha256()
    for part in ("picture", fmt, _icon_set(), _drawn_by(fmt), styles, portable):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def text_fingerprint(text: bytes, kind: str = "explanation") -> str:
    """Return the content fingerprint of a text output (the explanation, the Mermaid source).

    It is a digest of the very text, so it changes only when what the output
    says changes, whatever in archgen's code or the templates changed.
    """
    return hashlib.sha256(kind.encode("ascii") + b"\0" + text).hexdigest()


def input_fingerprint(fmt: str, output: str, parts: list[bytes]) -> str:
    """Return the fingerprint of the exact bytes an output of `fmt` is made from.

    `parts` are the architecture file's bytes and, for the explanation, the
    settings file's and the templates'. All of archgen's code is covered too
    (docstrings and comments left out), and the icon set, so a match proves
    that code drawing just this made the output from these bytes.
    The output's file name is covered as well: the quick check finds outputs
    by a name read at a glance, and an output renamed after another design
    must not pass for that design's.
    """
    digest = hashlib.sha256()
    head = [b"inputs", package_digest().encode(), _icon_set().encode(), fmt.encode()]
    for part in (*head, output.encode("utf-8"), *parts):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def stamp(data: bytes, fmt: str, mark: Stamp) -> bytes:
    """Return the output with its sealed fingerprints embedded (a PNG text chunk, a comment).

    `read_output` takes out exactly what is inserted here, so the seal covers
    every other byte of the file.
    """
    text = mark.sealed(data)
    if fmt == "drawio":
        return data.replace(_DRAWIO_OPEN, _DRAWIO_OPEN + f'archgen-source="{text}" '.encode(), 1)
    if fmt == "md":
        return data + f"\n<!-- archgen-source: {text} -->\n".encode("ascii")
    if fmt == "mermaid":
        return data + f"\n%% archgen-source: {text}\n".encode("ascii")
    if fmt == "png":
        chunk_data = _KEY + b"\0" + text.encode("ascii")
        chunk = (
            struct.pack(">I", len(chunk_data))
            + b"tEXt"
            + chunk_data
            + struct.pack(">I", zlib.crc32(b"tEXt" + chunk_data))
        )
        end_of_header = 8 + 4 + 4 + 13 + 4
        return data[:end_of_header] + chunk + data[end_of_header:]
    comment = f"<!-- archgen-source: {text} -->\n".encode("ascii")
    declaration_end = data.find(b"?>") + 2 if data.startswith(b"<?xml") else 0
    newline = data.find(b"\n", declaration_end)
    cut = newline + 1 if newline >= 0 else declaration_end
    return data[:cut] + comment + data[cut:]


def read_regular(path: Path) -> bytes | None:
    """Return the bytes of `path` when it is a regular file, not a link, FIFO or device.

    Opening a FIFO to read would wait for a writer forever, and a symlink may
    point anywhere: an output folder comes from a checkout that strangers
    contribute to, so neither is followed.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _LARGEST:
            return None
        with os.fdopen(handle, "rb", closefd=False) as stream:
            return stream.read()
    except OSError:
        return None
    finally:
        os.close(handle)


def carries_stamp(data: bytes, fmt: str) -> bool:
    """Return whether `data` bears an archgen stamp, sealed or not: archgen wrote it."""
    return fmt in _STAMPS and _find(data, fmt) is not None


def read_output(path: Path, fmt: str) -> Output | None:
    """Return the stamp of an existing output and the digest of the rest of it.

    None when the file is missing, not a regular file, or bears no stamp where
    archgen puts one.
    """
    data = read_regular(path)
    return None if data is None else parse_output(data, fmt)


def parse_output(data: bytes, fmt: str) -> Output | None:
    """Return the stamp in `data` and the digest of `data` without it."""
    match = _find(data, fmt) if fmt in _STAMPS else None
    body = _unstamped(data, fmt, match) if match is not None else None
    if match is None or body is None:
        return None
    inputs = match.group(2)
    return Output(
        match.group(1).decode("ascii"),
        inputs.decode("ascii") if inputs else None,
        hashlib.sha256(body).digest(),
    )


def _find(data: bytes, fmt: str) -> re.Match[bytes] | None:
    """Find the stamp where archgen writes it: near the start, or at the end of a page."""
    start = max(0, len(data) - 300) if fmt in _AT_END else 0
    return _STAMPS[fmt].search(data, start, start + 4096)


def _unstamped(data: bytes, fmt: str, match: re.Match[bytes]) -> bytes | None:
    """Return `data` without exactly what `stamp` inserted, or None when it is not that."""
    start, end = match.span()
    if fmt == "png":
        (length,) = struct.unpack(">I", data[start - 4 : start]) if start >= 4 else (-1,)
        whole = length == end - start - 4 and len(data) >= end + 4
        return data[: start - 4] + data[end + 4 :] if whole else None
    if fmt == "drawio":
        opened = start + len(_DRAWIO_OPEN)
        return data[:opened] + data[end + 1 :] if data[end : end + 1] == b" " else None
    if fmt in _AT_END:
        at_end = end + 1 == len(data) and data[end:] == b"\n" and data[start - 1 : start] == b"\n"
        return data[: start - 1] if at_end else None
    return data[:start] + data[end + 1 :] if data[end : end + 1] == b"\n" else None
