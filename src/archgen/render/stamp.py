"""Fingerprints of what an output was made from, kept inside the output itself.

Each output carries two. The content fingerprint covers what the output
shows: the DOT source (or, for the explanation, the file, the settings and the
templates), the format and the versions of archgen, graphviz and the icon set;
it decides whether an output is stale, so an edit that changes nothing drawn
(a comment) rewrites nothing. The input fingerprint covers the exact bytes of
the architecture file and settings, and all of archgen's code: when it still
matches, the output is current without even loading the model, which is what
makes `render --check` and an unchanged `render` fast.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import re
import shutil
import struct
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path

from archgen import __version__
from archgen.layout.icons import icon_root

_KEY = b"archgen-source"
_PRINTS = rb"([0-9a-f]{64})(?: ([0-9a-f]{64}))?"
"""The content fingerprint, then the input fingerprint (absent from older outputs)."""
_SVG_STAMP = re.compile(rb"<!-- archgen-source: " + _PRINTS + rb" -->")
_DRAWIO_STAMP = re.compile(rb'<mxfile archgen-source="' + _PRINTS + rb'"')
_PNG_STAMP = re.compile(rb"tEXt" + _KEY + rb"\0" + _PRINTS)
_STAMPS = {"svg": _SVG_STAMP, "md": _SVG_STAMP, "drawio": _DRAWIO_STAMP, "png": _PNG_STAMP}


@dataclass(frozen=True)
class Stamp:
    """The two fingerprints an output carries."""

    content: str
    """What the output shows: the DOT layout, or the explanation's inputs."""
    inputs: str | None
    """The exact bytes and code it was made from; None in outputs of older releases."""

    def text(self) -> str:
        """Return the stamp as it is written into the output."""
        return f"{self.content} {self.inputs}" if self.inputs else self.content


def ask_tool_versions() -> None:
    """Start asking graphviz for its version, which every fingerprint covers.

    `dot -V` takes a few milliseconds; asked when a run starts, it answers on
    another core while the files are read and checked.
    """
    _graphviz_version()


@functools.cache
def _graphviz_version() -> subprocess.Popen[bytes] | None:
    dot = shutil.which("dot")
    if dot is None:
        return None
    return subprocess.Popen(  # noqa: S603 (dot from PATH, fixed argument)
        [dot, "-V"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


@functools.cache
def _tool_versions() -> str:
    asked = _graphviz_version()
    graphviz = "none"
    if asked is not None:
        _, answer = asked.communicate()
        graphviz = answer.decode("utf-8", "replace").strip()
    return f"archgen {__version__} {_code_digest()}; {graphviz}; {_icon_set()}"


@functools.cache
def _source_digests() -> dict[str, bytes]:
    """Hash each of archgen's source files once, by its path inside the package."""
    package = Path(__file__).resolve().parent.parent
    return {
        source.relative_to(package).as_posix(): hashlib.sha256(source.read_bytes()).digest()
        for source in sorted(package.rglob("*.py"))
    }


def _digest_of(prefixes: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for name, content in _source_digests().items():
        if name.startswith(prefixes):
            digest.update(name.encode())
            digest.update(content)
    return digest.hexdigest()


def _code_digest() -> str:
    """Hash the code that turns a DOT layout into files, so a change to it is a change."""
    return _digest_of(("layout/", "render/"))[:16]


def _icon_set() -> str:
    """Name the installed diagrams release by its dist-info folder.

    importlib.metadata would cost more time than the whole fingerprint.
    """
    spec = importlib.util.find_spec("diagrams")
    if spec is None or spec.origin is None:  # pragma: no cover (a dependency)
        return "diagrams none"
    site = Path(spec.origin).parent.parent
    return " ".join(sorted(p.name for p in site.glob("diagrams-*.dist-info"))) or "diagrams"


def fingerprint(dot_source: str, fmt: str) -> str:
    """Return the hex fingerprint of one output.

    The DOT names icons by absolute path, which differs between checkouts; the
    fingerprint replaces that folder so every clone agrees on what is current.
    """
    portable = dot_source.replace(str(icon_root()), "<icons>")
    digest = hashlib.sha256()
    for part in (_tool_versions(), fmt, portable):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def source_fingerprint(parts: list[bytes]) -> str:
    """Return the fingerprint of an output made from `parts` (the Markdown explanation).

    The explanation depends on the whole model, the checks (with their line
    numbers), the run's settings and the templates, so its fingerprint covers
    those inputs and all of archgen's code rather than a DOT layout.
    """
    digest = hashlib.sha256()
    for part in (_tool_versions().encode(), _package_digest().encode(), *parts):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def input_fingerprint(fmt: str, parts: list[bytes]) -> str:
    """Return the fingerprint of the exact bytes an output of `fmt` is made from.

    `parts` are the architecture file's bytes and, for the explanation, the
    settings file's and the template's. All of archgen's code is covered too,
    so a match proves that this very release made the output from these bytes.
    """
    return source_fingerprint([b"inputs", fmt.encode(), *parts])


@functools.cache
def _package_digest() -> str:
    """Hash all of archgen's code: anything in it may change an explanation."""
    return _digest_of(("",))


def stamp(data: bytes, fmt: str, mark: Stamp) -> bytes:
    """Return the output with its fingerprints embedded (a PNG text chunk, an SVG comment)."""
    text = mark.text()
    if fmt == "drawio":
        return data.replace(b"<mxfile ", f'<mxfile archgen-source="{text}" '.encode(), 1)
    if fmt == "md":
        return data + f"\n<!-- archgen-source: {text} -->\n".encode("ascii")
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


def read_stamp(path: Path, fmt: str) -> Stamp | None:
    """Return the fingerprints embedded in an existing output, if it has them.

    Only the part of the file where archgen writes them is read: the start, or
    the end of a Markdown file.
    """
    try:
        with path.open("rb") as stream:
            if fmt == "md":
                stream.seek(max(0, path.stat().st_size - 300))
            head = stream.read(4096)
    except OSError:
        return None
    match = _STAMPS[fmt].search(head)
    if match is None:
        return None
    inputs = match.group(2)
    return Stamp(match.group(1).decode("ascii"), inputs.decode("ascii") if inputs else None)
