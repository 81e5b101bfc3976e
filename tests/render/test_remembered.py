"""The user's cache remembers outputs proved current, each by its own bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from archgen.commands import freshness, remembered
from archgen.render.stamp import Stamp, read_output, stamp

PAGE = b"# capstone\n\nThe picture and its explanation.\n"
OLD = Stamp("a" * 64, "b" * 64)
"""The fingerprints an older release stamped the output with."""
TODAY = Stamp("c" * 64, "d" * 64)
"""The fingerprints today's code gives the same output."""


@pytest.fixture
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return an explanation stamped by an older release, with an empty cache of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    target = tmp_path / "capstone.md"
    target.write_bytes(stamp(PAGE, "md", OLD))
    return target


def test_an_output_drawn_alike_is_shown_current_once_noted(page: Path) -> None:
    assert not freshness.shows(page, "md", TODAY.content)
    remembered.note_drawn(page, "md", TODAY.content)
    assert freshness.shows(page, "md", TODAY.content)
    assert not freshness.shows(page, "md", "e" * 64), "a note is for one content fingerprint"


def test_a_note_is_for_the_picture_it_was_made_for(page: Path) -> None:
    remembered.note_drawn(page, "md", TODAY.content)
    page.write_bytes(stamp(PAGE.replace(b"picture", b"diagram"), "md", OLD))
    assert not freshness.shows(page, "md", TODAY.content)


def test_a_vouched_output_is_current_for_those_inputs_alone(page: Path) -> None:
    shown = read_output(page, "md")
    assert shown is not None
    assert not remembered.vouched(TODAY.inputs, shown)
    remembered.vouch(page, "md", TODAY.inputs)
    assert remembered.vouched(TODAY.inputs, shown)
    assert not remembered.vouched("e" * 64, shown)


def test_an_output_already_stamped_right_needs_no_note(page: Path, tmp_path: Path) -> None:
    remembered.note_drawn(page, "md", OLD.content)
    remembered.vouch(page, "md", OLD.inputs)
    assert not (tmp_path / "cache").exists()


def test_without_a_usable_cache_nothing_is_noted_and_nothing_fails(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_bytes(b"not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    remembered.note_drawn(page, "md", TODAY.content)
    assert not freshness.shows(page, "md", TODAY.content)
    assert blocked.read_bytes() == b"not a folder"


def test_the_drawing_decides_whatever_the_stamps_say(page: Path) -> None:
    assert freshness.drawn_alike(page, "md", stamp(PAGE, "md", TODAY))
    assert not freshness.drawn_alike(page, "md", stamp(PAGE + b"More.\n", "md", TODAY))
    page.write_bytes(page.read_bytes()[:20])
    assert not freshness.drawn_alike(page, "md", stamp(PAGE, "md", TODAY))
