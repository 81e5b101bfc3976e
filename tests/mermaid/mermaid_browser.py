"""The real Mermaid library, for the tests: where `make mermaid` installs it, and a runner.

The library is npm's `mermaid` (pinned in the Makefile), run in the headless
Debian Chromium the draw.io tests use, through their puppeteer-core.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tests.browser import run_node
from tests.conftest import ROOT
from tests.drawio.viewer import VIEWER, require_viewer

MERMAID = Path(os.environ.get("ARCHGEN_MERMAID", ROOT / ".cache" / "mermaid"))
SCRIPT = Path(__file__).parent / "mermaid.mjs"
ARTIFACTS = ROOT / "test-artifacts" / "mermaid"


def require_mermaid() -> None:
    """Fail with the fix when Mermaid is not installed (never skip silently)."""
    require_viewer()
    if not (MERMAID / "node_modules" / "mermaid" / "dist" / "mermaid.min.js").is_file():
        raise AssertionError(f"Mermaid is missing from {MERMAID}: run `make mermaid`")


def render_in_browser(files: list[Path]) -> dict[str, Any]:
    """Parse and render each Mermaid file in Chromium; return the report per file path."""
    require_mermaid()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    arguments = (str(VIEWER), str(MERMAID), str(ARTIFACTS), *map(str, files))
    done = run_node(VIEWER, SCRIPT, *arguments, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report
