"""The redesign story and the Markdown diff of the course redesign, as goldens a reader checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from archgen.diff import diff_architectures
from archgen.diff.model import ArchitectureDiff
from archgen.loader import load_text
from archgen.report.diff_markdown import format_diff_markdown
from archgen.report.diff_story import format_story
from tests.conftest import ARCHITECTURES
from tests.diff import variants
from tests.golden import Goldens

GOLDEN = Goldens(Path(__file__).parent / "golden")
STORY = GOLDEN.file("redesign-story.md")
MARKDOWN = GOLDEN.file("redesign.diff.md")


def _redesign() -> ArchitectureDiff:
    old, new = ("employee-directory-ec2.yaml", "employee-directory-serverless.yaml")
    before = load_text((ARCHITECTURES / old).read_text(encoding="utf-8"), old)
    after = load_text((ARCHITECTURES / new).read_text(encoding="utf-8"), new)
    return diff_architectures(before, after, old, new)


def test_the_redesign_story() -> None:
    GOLDEN.check(STORY.name, format_story(_redesign()))


def test_the_redesign_as_a_pull_request_sees_it() -> None:
    GOLDEN.check(MARKDOWN.name, format_diff_markdown([_redesign()]))


def test_a_story_needs_both_designs() -> None:
    after = load_text(variants.CAPSTONE, "capstone.yaml")
    with pytest.raises(ValueError, match="needs both designs"):
        format_story(diff_architectures(None, after, None, "capstone.yaml"))
