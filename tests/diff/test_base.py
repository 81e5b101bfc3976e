"""`archgen diff --base REF` on a scratch git repository, with the real git.

Files modified, added (untracked), deleted, renamed by `git mv`, and moved
and rewritten beyond git's rename detection (paired by the name they declare).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from archgen.cli import main
from tests.conftest import ARCHITECTURES
from tests.diff import variants

EC2 = (ARCHITECTURES / "employee-directory-ec2.yaml").read_text(encoding="utf-8")
SERVERLESS = (ARCHITECTURES / "employee-directory-serverless.yaml").read_text(encoding="utf-8")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a repository whose first commit holds three architectures, and work in it."""
    for name, value in {"NAME": "archgen tests", "EMAIL": "tests@example.org"}.items():
        monkeypatch.setenv(f"GIT_AUTHOR_{name}", value)
        monkeypatch.setenv(f"GIT_COMMITTER_{name}", value)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    folder = tmp_path / "architectures"
    folder.mkdir()
    (folder / "capstone.yaml").write_text(variants.CAPSTONE, encoding="utf-8")
    (folder / "ec2.yaml").write_text(EC2, encoding="utf-8")
    (folder / "serverless.yaml").write_text(SERVERLESS, encoding="utf-8")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "first")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _json(*args: str) -> tuple[int, dict[str, Any]]:  # the JSON document
    result = CliRunner().invoke(main, ["diff", "--format", "json", *args])
    return result.exit_code, json.loads(result.output)


def _sides(document: dict[str, Any]) -> list[tuple[object, object, object]]:
    diffs = document["diffs"]
    return [(d["name"], d["old"], d["new"]) for d in diffs]


def test_nothing_changed_compares_nothing(repo: Path) -> None:
    result = CliRunner().invoke(main, ["diff", "--base", "HEAD"])
    assert (result.exit_code, result.output) == (0, "no architecture changed\n")


def test_added_deleted_renamed_and_modified(repo: Path) -> None:
    folder = repo / "architectures"
    (folder / "capstone.yaml").write_text(variants.ONE_ZONE_DB, encoding="utf-8")
    _git(repo, "mv", "architectures/ec2.yaml", "architectures/employee-directory-ec2.yaml")
    (folder / "serverless.yaml").unlink()
    added = variants.CAPSTONE.replace("name: capstone", "name: capstone-copy")
    (folder / "copy.yaml").write_text(added, encoding="utf-8")
    code, document = _json("--base", "HEAD", "--fail-on", "exposure")
    assert _sides(document) == [
        ("capstone", "HEAD:architectures/capstone.yaml", "architectures/capstone.yaml"),
        ("capstone-copy", None, "architectures/copy.yaml"),
        (
            "employee-directory-ec2",
            "HEAD:architectures/ec2.yaml",
            "architectures/employee-directory-ec2.yaml",
        ),
        ("employee-directory-serverless", "HEAD:architectures/serverless.yaml", None),
    ]  # the rename changed no byte, but the file moved
    capstone, copy, moved, deleted = document["diffs"]
    assert moved["renamed"] is True
    assert moved["resources"] == {"added": [], "removed": [], "changed": []}
    assert capstone["renamed"] is False
    assert capstone["zones"]["lost"] == [
        {"resource": "db", "before": ["us-east-1a", "us-east-1b"], "after": ["us-east-1a"]}
    ]
    assert copy["exposure"]["opened"] == [
        {"resource": "web-alb", "protocol": "tcp", "ports": "443"}
    ]
    assert copy["resources"]["added"][:2] == ["users", "dns"]
    assert deleted["resources"]["added"] == []
    assert "directory-fn" in deleted["resources"]["removed"]
    assert code == 1  # the added file opens the load balancer to the internet


def test_a_rename_with_changes_pairs_the_two_paths(repo: Path) -> None:
    _git(repo, "mv", "architectures/ec2.yaml", "architectures/employee-directory-ec2.yaml")
    moved = repo / "architectures" / "employee-directory-ec2.yaml"
    moved.write_text(EC2.replace("min: 2", "min: 1"), encoding="utf-8")
    code, document = _json("--base", "HEAD")
    assert _sides(document) == [
        (
            "employee-directory-ec2",
            "HEAD:architectures/ec2.yaml",
            "architectures/employee-directory-ec2.yaml",
        )
    ]
    assert document["diffs"][0]["resources"]["changed"] == [{"id": "web", "fields": ["min"]}]
    assert code == 0


def test_a_pure_rename_is_reported_in_every_format(repo: Path) -> None:
    _git(repo, "mv", "architectures/ec2.yaml", "architectures/employee-directory-ec2.yaml")
    text = CliRunner().invoke(main, ["diff", "--base", "HEAD"]).output
    assert text.splitlines() == [
        "employee-directory-ec2 "
        "(HEAD:architectures/ec2.yaml -> architectures/employee-directory-ec2.yaml)",
        "  file renamed",
        "",
        "1 architecture changed: 0 exposures opened, 0 findings new, 0 fixed",
    ]
    markdown = CliRunner().invoke(main, ["diff", "--base", "HEAD", "--format", "markdown"])
    assert "**File renamed.**" in markdown.output


def test_a_renamed_file_named_alone_pairs_with_its_old_path(repo: Path) -> None:
    _git(repo, "mv", "architectures/ec2.yaml", "architectures/employee-directory-ec2.yaml")
    moved = repo / "architectures" / "employee-directory-ec2.yaml"
    code, document = _json("--base", "HEAD", "architectures/employee-directory-ec2.yaml")
    assert _sides(document) == [
        (
            "employee-directory-ec2",
            "HEAD:architectures/ec2.yaml",
            "architectures/employee-directory-ec2.yaml",
        )
    ]
    assert document["diffs"][0]["exposure"]["opened"] == []
    assert moved.is_file()
    assert code == 0


def test_from_a_subfolder_the_revision_side_is_named_from_the_top(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "architectures" / "capstone.yaml").write_text(variants.ONE_ZONE_DB, encoding="utf-8")
    monkeypatch.chdir(repo / "architectures")
    _, document = _json("--base", "HEAD", "capstone.yaml")
    assert _sides(document) == [("capstone", "HEAD:architectures/capstone.yaml", "capstone.yaml")]


def test_out_puts_a_sub_folders_change_where_render_puts_its_pictures(repo: Path) -> None:
    gallery = repo / "architectures" / "gallery"
    gallery.mkdir()
    _git(repo, "mv", "architectures/capstone.yaml", "architectures/gallery/capstone.yaml")
    _git(repo, "commit", "-q", "-m", "gallery")
    (gallery / "capstone.yaml").write_text(variants.ONE_ZONE_DB, encoding="utf-8")
    (repo / "architectures" / "serverless.yaml").unlink()
    result = CliRunner().invoke(main, ["diff", "--base", "HEAD", "--out", "out"])
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(repo / "out").as_posix() for p in (repo / "out").rglob("*.md")) == [
        "employee-directory-serverless.diff.md",
        "gallery/capstone.diff.md",
    ]


def test_a_file_moved_and_rewritten_pairs_by_its_name(repo: Path) -> None:
    (repo / "architectures" / "serverless.yaml").unlink()
    rewritten = SERVERLESS.replace("description:", "# moved and rewritten\ndescription:")
    rewritten = "\n".join(line.rstrip() + "  " for line in rewritten.splitlines()) + "\n"
    (repo / "architectures" / "redesign.yaml").write_text(rewritten, encoding="utf-8")  # untracked
    code, document = _json("--base", "HEAD")
    assert _sides(document) == [
        (
            "employee-directory-serverless",
            "HEAD:architectures/serverless.yaml",
            "architectures/redesign.yaml",
        )
    ]
    assert document["summary"] == {
        "files": 1,
        "exposure_opened": 0,
        "findings_new": 0,
        "findings_fixed": 0,
    }
    assert code == 0


def test_bad_input_at_the_revision_is_named_ref_colon_path(repo: Path) -> None:
    folder = repo / "architectures"
    (folder / "capstone.yaml").write_text(variants.CAPSTONE.replace("name: capstone", "name: X"))
    _git(repo, "commit", "-q", "-am", "broken")
    (folder / "capstone.yaml").write_text(variants.CAPSTONE, encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", "--base", "HEAD", "architectures"])
    assert result.exit_code == 0, result.output  # the change fixes it: compared with nothing
    assert (
        "  old version unreadable, compared with nothing: "
        "HEAD:architectures/capstone.yaml:3:7: name 'X' must be a slug"
    ) in result.output


@pytest.mark.parametrize("ref", ["no-such-branch", "--output=x"])
def test_an_unknown_revision_is_a_usage_error(repo: Path, ref: str) -> None:
    result = CliRunner().invoke(main, ["diff", f"--base={ref}"])
    assert result.exit_code == 2
    assert "no such commit" in result.output or "not a git revision" in result.output
    assert "Traceback" not in result.output


def test_outside_a_repository_git_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["diff", "--base", "HEAD"])
    assert result.exit_code == 2
    assert "not a git repository" in result.output


def test_a_path_neither_here_nor_at_the_revision_is_a_usage_error(repo: Path) -> None:
    result = CliRunner().invoke(main, ["diff", "--base", "HEAD", "architecture"])
    assert result.exit_code == 2
    assert result.output == "architecture: no such file or folder, here or at HEAD\n"


def test_a_folder_deleted_since_the_revision_is_every_file_deleted(repo: Path) -> None:
    for path in sorted((repo / "architectures").iterdir()):
        path.unlink()
    (repo / "architectures").rmdir()
    code, document = _json("--base", "HEAD", "architectures")
    assert [(old, new) for _, old, new in _sides(document)] == [
        ("HEAD:architectures/capstone.yaml", None),
        ("HEAD:architectures/ec2.yaml", None),
        ("HEAD:architectures/serverless.yaml", None),
    ]
    assert code == 0


def test_a_base_file_the_change_fixes_is_compared_with_nothing(repo: Path) -> None:
    capstone = repo / "architectures" / "capstone.yaml"
    capstone.write_text(variants.CAPSTONE.replace("name: capstone", "name: [capstone"))
    _git(repo, "commit", "-q", "-am", "broken")
    capstone.write_text(variants.ONE_ZONE_DB, encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", "--base", "HEAD"])
    assert result.exit_code == 0, result.output
    assert (
        "  old version unreadable, compared with nothing: HEAD:architectures/capstone.yaml:4:6"
        in result.output
    )
    code, document = _json("--base", "HEAD")
    (diff,) = document["diffs"]
    assert diff["unreadable"][0].startswith("HEAD:architectures/capstone.yaml:4:6")
    assert "db" in diff["resources"]["added"]
    assert code == 0


def test_an_invalid_new_file_still_says_so_in_markdown_and_exits_2(repo: Path) -> None:
    capstone = repo / "architectures" / "capstone.yaml"
    capstone.write_text(variants.CAPSTONE.replace("name: capstone", "name: [capstone"))
    result = CliRunner().invoke(main, ["diff", "--base", "HEAD", "--format", "markdown"])
    assert result.exit_code == 2
    assert result.stdout.startswith("## Architecture changes\n\nThe change cannot be compared")
    assert "- `architectures/capstone.yaml:4:6`: while parsing" in result.stdout
    assert result.stderr.startswith("architectures/capstone.yaml:4:6: ")
