"""The real Mermaid library, for the tests: where `make mermaid` installs it, and a runner.

The library is npm's `mermaid` (pinned in the Makefile), run in the headless
Debian Chromium the draw.io tests use, through their puppeteer-core.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tests.browser import ask
from tests.conftest import ROOT
from tests.drawio.viewer import VIEWER, require_viewer

MERMAID = Path(os.environ.get("ARCHGEN_MERMAID", ROOT / ".cache" / "mermaid"))
ARTIFACTS = ROOT / "test-artifacts" / "mermaid"


def require_mermaid() -> None:
    """Fail with the fix when Mermaid is not installed (never skip silently)."""
    require_viewer()
    if not (MERMAID / "node_modules" / "mermaid" / "dist" / "mermaid.min.js").is_file():
        raise AssertionError(f"Mermaid is missing from {MERMAID}: run `make mermaid`")


def render_in_browser(files: list[Path]) -> dict[str, Any]:
    """Parse and render each Mermaid file in Chromium; return the report per file path.

    Mermaid is loaded once for the test process (tests/browser.py); each file's report
    holds only the errors raised while it was drawn.
    """
    require_mermaid()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    args = [str(VIEWER), str(MERMAID), str(ARTIFACTS), *map(str, files)]
    report = ask(VIEWER, "mermaid", args, timeout=60 + 10 * len(files))
    assert isinstance(report, dict), report
    return report
