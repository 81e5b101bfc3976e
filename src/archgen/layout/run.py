"""Run graphviz once per architecture: PNG, SVG and the JSON geometry from one layout."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from archgen.errors import RenderError

INSTALL_HINT = (
    "install graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)"
)


def run_dot(source: str, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Lay `source` out once and return each requested format's bytes."""
    dot = shutil.which("dot")
    if dot is None:
        raise RenderError(f"graphviz's `dot` is not on PATH: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="archgen-") as folder:
        outputs = {fmt: Path(folder) / f"out.{fmt}" for fmt in formats}
        command = [dot]
        for fmt, path in outputs.items():
            command += [f"-T{fmt}", f"-o{path}"]
        done = subprocess.run(  # noqa: S603 (dot found on PATH, fixed arguments)
            command, input=source.encode("utf-8"), capture_output=True, check=False
        )
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip()
            raise RenderError(f"graphviz failed: {message}")
        return {fmt: path.read_bytes() for fmt, path in outputs.items()}
