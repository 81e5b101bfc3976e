"""Where the draw.io viewer lives for the tests, and what it knows.

`make viewer` (part of `make test`) installs it into .cache/drawio-viewer.
"""

from __future__ import annotations

import base64
import functools
import os
import re
import zlib
from pathlib import Path
from typing import Any

from tests.browser import ask
from tests.conftest import ROOT

VIEWER = Path(os.environ.get("ARCHGEN_DRAWIO_VIEWER", ROOT / ".cache" / "drawio-viewer"))
JS_SHAPES = {
    "mxgraph.aws4.resourceIcon",
    "mxgraph.aws4.group",
    "mxgraph.aws4.group2",
    "mxgraph.aws4.groupCenter",
    "mxgraph.aws4.productIcon",
}


def require_viewer() -> None:
    """Fail with the fix when the viewer is not installed (never skip silently)."""
    if not (VIEWER / "stencils.min.js").is_file():
        raise AssertionError(f"the draw.io viewer is missing from {VIEWER}: run `make viewer`")


@functools.cache
def stencil_names() -> frozenset[str]:
    """Return every mxgraph.aws4 stencil name the viewer bundles."""
    require_viewer()
    text = (VIEWER / "stencils.min.js").read_text(encoding="utf-8")
    match = re.search(r"f\['aws4\.xml'\] = '([^']+)'", text)
    assert match is not None
    xml = zlib.decompress(base64.b64decode(match.group(1)), -15).decode("utf-8")
    names = re.findall(r'<shape[^>]* name="([^"]+)"', xml)
    return frozenset(f"mxgraph.aws4.{name.lower().replace(' ', '_')}" for name in names)


def render_in_viewer(drawio: Path, screenshot: Path) -> dict[str, Any]:
    """Open a .drawio file in the real viewer in headless Chromium; return its report."""
    (report,) = render_all_in_viewer([(drawio, screenshot)])
    return report


def render_all_in_viewer(files: list[tuple[Path, Path | None]]) -> list[dict[str, Any]]:
    """Open each (.drawio, screenshot) in turn in the real viewer; return a report for each.

    The viewer is loaded once for the test process (tests/browser.py); each file is drawn
    in a fresh container, and its report holds only the errors raised while it was drawn.
    A screenshot of None is not taken: a test that only reads the reports (what the
    viewer drew, and what it did not know) saves the picture's encoding.
    """
    require_viewer()
    for _, screenshot in files:
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
    pairs = [str(path or "-") for pair in files for path in pair]
    reports = ask(VIEWER, "drawio", [str(VIEWER), *pairs], timeout=60 + 10 * len(files))
    assert isinstance(reports, list), reports
    assert len(reports) == len(files), reports
    return reports
