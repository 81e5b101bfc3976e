"""A staging folder found in the output folder is vetted before anything leaves it.

A killed render leaves its staged outputs in a staging folder that the next
run rolls forward, but a pull request can commit such a folder too: only
genuine outputs of archgen, stamped where archgen puts the stamp, owned by the
user and reached through no link, may leave it, and removing it follows no link.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archgen.commands.output_folder import COMPLETE_MARKER, STAGING_PREFIX
from tests.writes import HAND_WRITTEN, invoke, listing, tiny


def test_a_staging_folder_committed_by_someone_else_replaces_no_hand_written_page(
    tmp_path: Path,
) -> None:
    """A staging folder is vetted like a run's own outputs before it is rolled forward."""
    docs = tmp_path / "docs"
    staging = docs / f"{STAGING_PREFIX}planted"
    staging.mkdir(parents=True)
    (docs / "index.md").write_bytes(HAND_WRITTEN)
    (staging / "index.md").write_bytes(b"# Planted\n")
    (staging / COMPLETE_MARKER).write_bytes(b"")
    result = invoke("render", str(tiny(tmp_path, "other")), "--out", str(docs), "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert listing(docs)["index.md"] == HAND_WRITTEN
    assert sorted(p.name for p in docs.iterdir()) == ["index.md", "other.md"]


def _planted(docs: Path, files: dict[str, bytes]) -> Path:
    """Commit a complete staging folder holding `files` into `docs`, as a pull request could."""
    staging = docs / f"{STAGING_PREFIX}abc"
    staging.mkdir(parents=True)
    for name, data in files.items():
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        (staging / name).write_bytes(data)
    (staging / COMPLETE_MARKER).write_bytes(b"")
    return staging


def _render_other(tmp_path: Path, docs: Path) -> None:
    result = invoke("render", str(tiny(tmp_path, "other")), "--out", str(docs), "--format", "md")
    assert result.exit_code == 0, result.stderr


def _made_by_archgen(tmp_path: Path, name: str) -> bytes:
    """Return a genuine output of archgen, the explanation of a design named `name`."""
    made = tmp_path / "made"
    result = invoke("render", str(tiny(tmp_path, name)), "--out", str(made), "--format", "md")
    assert result.exit_code == 0, result.stderr
    return (made / f"{name}.md").read_bytes()


@pytest.mark.parametrize(
    "files",
    [
        {"index.html": b"<script>alert(1)</script>\n"},
        {"capstone.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>\n"},
        {"index.md": b"# Planted\n", "capstone.svg": b"<svg/>\n"},
    ],
    ids=["not-an-output-name", "no-archgen-stamp", "one-genuine-looking-name"],
)
def test_a_committed_staging_folder_places_nothing_but_archgen_outputs(
    tmp_path: Path, files: dict[str, bytes]
) -> None:
    docs = tmp_path / "docs"
    _planted(docs, files)
    _render_other(tmp_path, docs)
    assert sorted(p.name for p in docs.iterdir()) == ["other.md"]


def test_a_staging_folder_with_a_stamped_output_is_rolled_forward(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    page = _made_by_archgen(tmp_path, "kept")
    _planted(docs, {"kept.md": page})
    _render_other(tmp_path, docs)
    assert sorted(p.name for p in docs.iterdir()) == ["kept.md", "other.md"]
    assert (docs / "kept.md").read_bytes() == page


def test_a_stamp_edited_out_of_its_place_is_not_rolled_forward(tmp_path: Path) -> None:
    """The stamp must be exactly where archgen puts it: text after it is no output of archgen's."""
    docs = tmp_path / "docs"
    _planted(docs, {"kept.md": _made_by_archgen(tmp_path, "kept") + b"<script>x</script>\n"})
    _render_other(tmp_path, docs)
    assert sorted(p.name for p in docs.iterdir()) == ["other.md"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder to another user")
def test_a_staging_folder_of_another_user_is_not_rolled_forward(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    staging = _planted(docs, {"kept.md": _made_by_archgen(tmp_path, "kept")})
    os.chown(staging, 65534, 65534)
    _render_other(tmp_path, docs)
    assert sorted(p.name for p in docs.iterdir()) == ["other.md"]


def test_removing_a_staging_folder_never_follows_a_link_inside_it(tmp_path: Path) -> None:
    docs, elsewhere = tmp_path / "docs", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.md").write_bytes(HAND_WRITTEN)
    staging = _planted(docs, {})
    (staging / "linked").symlink_to(elsewhere, target_is_directory=True)
    (staging / "kept.md").symlink_to(elsewhere / "keep.md")
    _render_other(tmp_path, docs)
    assert sorted(p.name for p in docs.iterdir()) == ["other.md"]
    assert listing(elsewhere) == {"keep.md": HAND_WRITTEN}


def test_a_staging_folder_with_a_sub_folder_output_is_rolled_forward(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    page = _made_by_archgen(tmp_path, "kept")
    _planted(docs, {"gallery/kept.md": page})
    _render_other(tmp_path, docs)
    assert sorted(str(p.relative_to(docs)) for p in docs.rglob("*")) == [
        "gallery",
        "gallery/kept.md",
        "other.md",
    ]
    assert (docs / "gallery" / "kept.md").read_bytes() == page


def test_a_staging_folder_with_a_hidden_sub_folder_is_not_rolled_forward(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    _planted(docs, {".git/kept.md": _made_by_archgen(tmp_path, "kept")})
    _render_other(tmp_path, docs)
    assert sorted(p.name for p in docs.iterdir()) == ["other.md"]
