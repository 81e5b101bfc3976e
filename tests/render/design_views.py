"""Every shipped design in both views, as test cases, with the ones a test holds as known.

Picture tests that read every design under `architectures/` (the gallery
included) in the default and the network view share these cases; a case a
test cannot pass yet is a strict expected failure with its reason, so it
fails the day it is fixed and the exception is dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DESIGNS = sorted((ROOT / "architectures").rglob("*.yaml"))
VIEWS = ("default", "network")


def design_view_cases(held: Mapping[tuple[str, str], str]) -> list[Any]:
    """Return a (path, view) case per design and view; `held` maps (stem, view) to a reason."""
    return [
        pytest.param(
            path,
            view,
            id=f"{path.stem}-{view}",
            marks=[pytest.mark.xfail(strict=True, reason=held[(path.stem, view)])]
            if (path.stem, view) in held
            else [],
        )
        for path in DESIGNS
        for view in VIEWS
    ]
