"""A fingerprint of what an output was drawn from, kept inside the output itself.

The fingerprint covers the DOT source, the format and the versions of archgen,
graphviz and the icon set. `render --check` compares it without running
graphviz, and `render` skips files whose fingerprint already matches.
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
from pathlib import Path

from archgen import __version__
from archgen.layout.icons import icon_root

_KEY = b"archgen-source"
_SVG_STAMP = re.compile(rb"<!-- archgen-source: ([0-9a-f]{64}) -->")
_DRAWIO_STAMP = re.compile(rb'<mxfile archgen-source="([0-9a-f]{64})"')
_STAMPS = {"svg": _SVG_STAMP, "md": _SVG_STAMP, "drawio": _DRAWIO_STAMP}


@functools.cache
def _tool_versions() -> str:
    dot = shutil.which("dot")
    graphviz = "none"
    if dot is not None:
        done = subprocess.run([dot, "-V"], capture_output=True, check=False)  # noqa: S603 (dot from PATH, fixed argument)
        graphviz = done.stderr.decode("utf-8", "replace").strip()
    return f"archgen {__version__} {_code_digest()}; {graphviz}; {_icon_set()}"


def _code_digest() -> str:
    """Hash the code that turns a DOT layout into files, so a change to it is a change."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder in ("layout", "render"):
        for source in sorted((package / folder).glob("*.py")):
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


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


@functools.cache
def _package_digest() -> str:
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for source in sorted(package.rglob("*.py")):
        digest.update(str(source.relative_to(package)).encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def stamp(data: bytes, fmt: str, print_: str) -> bytes:
    """Return the output with its fingerprint embedded (a PNG text chunk, an SVG comment)."""
    if fmt == "drawio":
        return data.replace(b"<mxfile ", f'<mxfile archgen-source="{print_}" '.encode(), 1)
    if fmt == "md":
        return data + f"\n<!-- archgen-source: {print_} -->\n".encode("ascii")
    if fmt == "png":
        chunk_data = _KEY + b"\0" + print_.encode("ascii")
        chunk = (
            struct.pack(">I", len(chunk_data))
            + b"tEXt"
            + chunk_data
            + struct.pack(">I", zlib.crc32(b"tEXt" + chunk_data))
        )
        end_of_header = 8 + 4 + 4 + 13 + 4
        return data[:end_of_header] + chunk + data[end_of_header:]
    comment = f"<!-- archgen-source: {print_} -->\n".encode("ascii")
    declaration_end = data.find(b"?>") + 2 if data.startswith(b"<?xml") else 0
    newline = data.find(b"\n", declaration_end)
    cut = newline + 1 if newline >= 0 else declaration_end
    return data[:cut] + comment + data[cut:]


def read_stamp(path: Path, fmt: str) -> str | None:
    """Return the fingerprint embedded in an existing output, if it has one."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = data[-200:] if fmt == "md" else data[:4096]
    if fmt == "png":
        marker = b"tEXt" + _KEY + b"\0"
        start = head.find(marker)
        if start < 0:
            return None
        value = head[start + len(marker) : start + len(marker) + 64]
        return value.decode("ascii", "replace")
    match = _STAMPS[fmt].search(head)
    return match.group(1).decode("ascii") if match else None
