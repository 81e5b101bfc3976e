"""archgen's code, as its fingerprints read it: without docstrings or comments, and cached."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from archgen.render import code_digest
from archgen.render.code_digest import modules_digest, package_digest, without_notes

MODULE = b'''"""What this module is for."""

import os  # the standard library

LIMIT = 3
"""How many, and why."""


class Thing:
    """A thing."""

    def size(self) -> int:
        """Return the size."""
        # counted in bytes
        return LIMIT   # not more


def hashes() -> str:
    return "# kept: a string, not a comment"
'''


def test_docstrings_comments_and_blank_lines_are_left_out() -> None:
    assert without_notes(MODULE).decode() == (
        "import os\n"
        "LIMIT = 3\n"
        "class Thing:\n"
        "    def size(self) -> int:\n"
        "        return LIMIT\n"
        "def hashes() -> str:\n"
        '    return "# kept: a string, not a comment"'
    )


def test_a_changed_docstring_or_comment_is_no_change() -> None:
    reworded = (
        MODULE.replace(b"How many, and why.", b"How many.\n\nSaid at length.")
        .replace(b"# counted in bytes", b"# counted in octets, on two lines\n        # as said")
        .replace(b'"""A thing."""', b'"""A thing,\n    reworded."""')
    )
    assert reworded != MODULE
    assert without_notes(reworded) == without_notes(MODULE)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"LIMIT = 3", b"LIMIT = 4"),
        (b"# kept: a string", b"# changed: a string"),
        (b"        return LIMIT", b"        return LIMIT + 0"),
    ],
)
def test_a_changed_statement_is_a_change(old: bytes, new: bytes) -> None:
    assert without_notes(MODULE.replace(old, new, 1)) != without_notes(MODULE)


def test_a_string_sharing_its_line_with_code_is_kept() -> None:
    assert without_notes(b'x = 1; "note"\n') == b'x = 1; "note"'


def test_a_module_that_does_not_parse_is_taken_as_it_is() -> None:
    assert without_notes(b"def (:\n  # note\n") == b"def (:\n  # note\n"


def test_the_sources_are_the_files_and_order_pathlib_gives(tmp_path: Path) -> None:
    """Sorted by their parts (`a/z.py` before `a-b/y.py`), no folder followed through a link."""
    for name in (
        "a/z.py",
        "a-b/y.py",
        "a.py",
        "b/c/.hidden.py",
        "b/notes.txt",
        "__pycache__/a.pyc",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(name.encode())
    (tmp_path / "linked").symlink_to(tmp_path / "a", target_is_directory=True)
    by_pathlib = [
        (path.relative_to(tmp_path).as_posix(), path.read_bytes())
        for path in sorted(tmp_path.rglob("*.py"))
    ]
    assert list(code_digest.sources_in(str(tmp_path))) == by_pathlib
    assert [name for name, _ in by_pathlib] == ["a/z.py", "a-b/y.py", "a.py", "b/c/.hidden.py"]


def test_the_layout_imports_are_those_that_begin_a_line() -> None:
    """At any depth and over several lines; a mention after code or a comment is none."""
    source = (
        b"from archgen.layout.laid import Laid\n"
        b"from archgen.layout import style, tracks\n"
        b"def f():\n"
        b"\n    from archgen.layout.route import (\n        route,\n        other,\n    )\n"
        b"x = 1  # from archgen.layout.never import it\n"
        b"# from archgen.layout.commented import out\n"
        b"y = 'from archgen.layout.quoted import this'\n"
    )
    assert list(code_digest.layout_imports(source)) == [
        (b"laid", b"Laid"),
        (b"", b"style, tracks"),
        (b"route", b"(\n        route,\n        other,\n    )"),
    ]


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "archgen").glob("code-*"))


def _from_cache_or_sources() -> str:
    """Ask for the package digest past the run's memory of it, as a new run would."""
    package_digest.cache_clear()
    return package_digest()


def _forget_the_package() -> None:
    """Forget the sources read and the digests made of them, as a new run would not know them."""
    for cached in (code_digest._sources, code_digest._package_key, package_digest):
        cached.cache_clear()


@pytest.fixture
def small_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Digest a package of three modules, with notes to leave out, in place of archgen's.

    What the tests that use it prove of the cache (an entry damaged, a folder
    unusable or relative) does not depend on how many modules are read, and
    reading archgen's three hundred costs each digest most of a second; the
    package's own digest is read and cached by the exact-bytes test.
    """
    root = tmp_path / "package"
    for name in ("__init__.py", "layout/ladder.py", "render/stamp.py"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(MODULE.replace(b"LIMIT = 3", f"LIMIT = {len(name)}".encode()))
    monkeypatch.setattr(code_digest, "_PACKAGE", root)
    _forget_the_package()
    yield
    _forget_the_package()  # the next ask reads archgen's own package again


@dataclass(frozen=True)
class Made:
    """A cache folder holding the package digest's entry, and that digest."""

    folder: Path
    digest: str


@pytest.fixture
def made(tmp_path: Path, small_package: None) -> Made:
    """Compute the package digest into a cache folder of its own, which the test copies."""
    folder = tmp_path / "made"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        return Made(folder, _from_cache_or_sources())


def test_the_package_digest_is_cached_under_its_exact_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    digest = _from_cache_or_sources()
    (entry,) = _entries(tmp_path)
    assert entry.read_text(encoding="ascii") == digest + "\n"
    assert _from_cache_or_sources() == digest
    assert [p.name for p in (tmp_path / "archgen").iterdir()] == [entry.name], "no temporary left"


@pytest.mark.parametrize("damage", [b"", b"not a digest\n", b"\xff" * 70, b"0" * 63 + b"\n"])
def test_a_damaged_cache_entry_is_computed_again_and_repaired(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made: Made, damage: bytes
) -> None:
    shutil.copytree(made.folder, tmp_path / "first")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "first"))
    (entry,) = _entries(tmp_path / "first")
    entry.write_bytes(damage)
    assert _from_cache_or_sources() == made.digest
    assert entry.read_text(encoding="ascii") == made.digest + "\n"


def test_an_unusable_cache_folder_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made: Made
) -> None:
    digest = made.digest
    blocked = tmp_path / "a-file"
    blocked.write_bytes(b"not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert _from_cache_or_sources() == digest
    assert blocked.read_bytes() == b"not a folder"


def test_a_relative_cache_folder_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made: Made
) -> None:
    """The XDG rule; a relative folder would put the cache in whatever folder archgen runs in."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    assert _from_cache_or_sources() == made.digest
    assert not (tmp_path / "relative").exists()


def test_the_digest_of_the_modules_a_picture_is_drawn_by_is_cached_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    names = ("layout/ladder.py", "layout/run.py")
    modules_digest.cache_clear()
    digest = modules_digest(names)
    one = modules_digest(names[:1])
    assert digest != one
    assert sorted(p.read_text(encoding="ascii") for p in _entries(tmp_path)) == sorted(
        [digest + "\n", one + "\n"]
    )

    def unparsed(source: bytes) -> bytes:
        raise AssertionError("a cached digest is read, not computed")

    modules_digest.cache_clear()
    monkeypatch.setattr(code_digest, "without_notes", unparsed)
    assert modules_digest(names) == digest
    assert modules_digest(names[:1]) == one
    modules_digest.cache_clear()
