"""Every file in a golden folder is read by a test, and every golden a test names exists."""

from __future__ import annotations

import importlib
from pathlib import Path

from tests import golden
from tests.conftest import ROOT

TESTS = ROOT / "tests"


def _import_every_test_module() -> None:
    """Import each test module, so each names its goldens, whichever tests this run selected."""
    for path in sorted(TESTS.rglob("test_*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        importlib.import_module(".".join(parts))


def _golden_files() -> set[Path]:
    return {
        path
        for folder in TESTS.rglob("golden")
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_every_golden_file_is_read_by_a_test() -> None:
    _import_every_test_module()
    orphans = sorted(str(p.relative_to(ROOT)) for p in _golden_files() - golden.named())
    assert orphans == [], "no test reads these goldens: delete them or test them"


def test_every_named_golden_exists() -> None:
    _import_every_test_module()
    missing = sorted(str(p.relative_to(ROOT)) for p in golden.named() if not p.is_file())
    assert missing == [], f"refresh with {golden.UPDATE_VARIABLE}=1 and review the new files"
