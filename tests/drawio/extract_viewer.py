"""Unpack the draw.io viewer scripts from the downloaded wheel into the viewer folder.

The wheel (jupyterlab-drawio-render-extension, BSD) bundles draw.io's viewer with
every stencil inlined, so the real client runs offline from file:// URLs.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

SCRIPTS = ("viewer-static.min.js", "shapes.min.js", "stencils.min.js")


def main() -> None:
    """Extract the three scripts next to the wheel folder."""
    folder = Path(sys.argv[1])
    (wheel,) = sorted((folder / "wheel").glob("jupyterlab_drawio_render_extension-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        for name in SCRIPTS:
            data = archive.read(f"jupyterlab_drawio_render_extension/static/{name}")
            (folder / name).write_bytes(data)


if __name__ == "__main__":
    main()
