"""Where archgen writes, and what it refuses to write over.

A report never replaces one of the files it was made from; a render never
replaces a file archgen did not write (unless --force), never writes through a
symlink, and writes all of a run's outputs together or none of them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ARCHITECTURES
from tests.writes import HAND_WRITTEN, invoke, listing, tiny

# --- check --output never replaces its own inputs ------------------------------------------


def test_check_refuses_to_write_its_report_over_an_architecture(tmp_path: Path) -> None:
    design = tiny(tmp_path)
    before = design.read_bytes()
    result = invoke("check", str(design), "--output", str(design))
    assert result.exit_code == 2
    assert f"--output {design} is one of the inputs" in result.stderr
    assert design.read_bytes() == before


def test_check_refuses_an_output_that_is_an_input_through_a_symlink(tmp_path: Path) -> None:
    design = tiny(tmp_path)
    before = design.read_bytes()
    alias = tmp_path / "report.txt"
    alias.symlink_to(design)
    result = invoke("check", str(design), "--output", str(alias))
    assert result.exit_code == 2
    assert "is one of the inputs" in result.stderr
    assert design.read_bytes() == before
    assert alias.is_symlink()


def test_check_refuses_an_input_named_through_a_symlinked_folder(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    design = tiny(real)
    before = design.read_bytes()
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    result = invoke("check", str(tmp_path / "linked"), "--output", str(design))
    assert result.exit_code == 2
    assert design.read_bytes() == before


def test_check_refuses_to_write_its_report_over_the_explicit_settings_file(
    tmp_path: Path,
) -> None:
    settings = tmp_path / "strict.yaml"
    settings.write_text("select: [AG4]\n", encoding="utf-8")
    result = invoke(
        "check", str(tiny(tmp_path)), "--config", str(settings), "--output", str(settings)
    )
    assert result.exit_code == 2
    assert settings.read_text(encoding="utf-8") == "select: [AG4]\n"


def test_check_refuses_to_write_its_report_over_the_found_settings_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(".archgen.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    tiny(tmp_path)
    result = invoke("check", "index.yaml", "--output", ".archgen.yaml")
    assert result.exit_code == 2
    assert Path(".archgen.yaml").read_text(encoding="utf-8") == "fail_on: warning\n"


def test_check_writes_a_report_beside_its_inputs(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    result = invoke("check", str(tiny(tmp_path)), "--output", str(report))
    assert result.exit_code == 0, result.stderr
    assert "1 file checked" in report.read_text(encoding="utf-8")


def test_invalid_input_leaves_the_previous_text_report_as_it_was(tmp_path: Path) -> None:
    report = tmp_path / "report"
    report.write_bytes(b"the previous report\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("archgen: 1\nname: x\n", encoding="utf-8")
    result = invoke("check", str(bad), "--output", str(report))
    assert result.exit_code == 2
    assert report.read_bytes() == b"the previous report\n"
    assert result.stderr.startswith(f"{bad}:")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "report"]


@pytest.mark.parametrize("output_format", ["json", "sarif", "github", "junit"])
def test_invalid_input_replaces_a_machine_report_with_the_failed_run(
    tmp_path: Path, output_format: str
) -> None:
    """A stale report would tell CI the last good run's story: the failed run's replaces it."""
    report = tmp_path / "report"
    report.write_bytes(b"the previous report\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("archgen: 1\nname: x\n", encoding="utf-8")
    result = invoke("check", str(bad), "--format", output_format, "--output", str(report))
    assert result.exit_code == 2
    assert "title" in report.read_text(encoding="utf-8")  # the missing field is reported
    assert result.stderr.startswith(f"{bad}:")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "report"]


# --- render never replaces what archgen did not write ---------------------------------------


def test_render_refuses_to_overwrite_a_hand_written_page(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_bytes(HAND_WRITTEN)
    result = invoke("render", str(tiny(tmp_path)), "--out", str(docs), "--format", "svg,md")
    assert result.exit_code == 2
    assert f"{docs / 'index.md'} was not written by archgen" in result.stderr
    assert "--force" in result.stderr
    assert listing(docs) == {"index.md": HAND_WRITTEN}


def test_force_replaces_a_hand_written_page(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_bytes(HAND_WRITTEN)
    source = tiny(tmp_path)
    result = invoke("render", str(source), "--out", str(docs), "--format", "md", "--force")
    assert result.exit_code == 0, result.stderr
    assert b"archgen-source" in (docs / "index.md").read_bytes()
    assert invoke("render", str(source), "--out", str(docs), "--format", "md").exit_code == 0


def test_render_replaces_its_own_outputs_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = tiny(tmp_path)
    assert invoke("render", str(source), "--out", str(out), "--format", "md").exit_code == 0
    tiny(tmp_path, title="Changed")
    result = invoke("render", str(source), "--out", str(out), "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert "# Changed" in (out / "index.md").read_text(encoding="utf-8")


def test_render_never_writes_through_a_symlink(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious\n")
    (out / "index.md").symlink_to(victim)
    source = tiny(tmp_path)
    for extra in ([], ["--force"]):
        result = invoke("render", str(source), "--out", str(out), "--format", "md", *extra)
        assert result.exit_code == 2
        assert f"{out / 'index.md'} is a symbolic link" in result.stderr
        assert victim.read_bytes() == b"precious\n"
        assert (out / "index.md").is_symlink()


def test_render_refuses_a_folder_where_an_output_goes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "index.svg").mkdir(parents=True)
    source = tiny(tmp_path)
    result = invoke("render", str(source), "--out", str(out), "--format", "md,svg", "--force")
    assert result.exit_code == 2
    assert f"{out / 'index.svg'} is a folder" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["index.svg"]


def _archgen(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed console script; a hang fails the test instead of the suite."""
    script = Path(sys.executable).parent / "archgen"
    return subprocess.run(
        [str(script), *args], capture_output=True, text=True, timeout=30, check=False
    )


def test_render_refuses_a_special_file_and_does_not_hang_on_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "index.md")
    source = str(tiny(tmp_path))
    refused = _archgen("render", source, "--out", str(out), "--format", "md", "--force")
    assert refused.returncode == 2
    assert f"{out / 'index.md'} is not a regular file" in refused.stderr
    checked = _archgen("render", source, "--out", str(out), "--format", "md", "--check")
    assert checked.returncode == 1
    assert checked.stdout == "1 outputs checked: 1 stale\n"
    assert sorted(p.name for p in out.iterdir()) == ["index.md"]


def test_a_refused_output_stops_the_whole_run(tmp_path: Path) -> None:
    """The first file's outputs are fine to write, the second's are not: nothing is written."""
    out = tmp_path / "out"
    first, second = tiny(tmp_path, "alpha"), tiny(tmp_path, "beta")
    assert (
        invoke("render", str(first), str(second), "--out", str(out), "--format", "md").exit_code
        == 0
    )
    before = listing(out)
    tiny(tmp_path, "alpha", title="Changed")
    tiny(tmp_path, "beta", title="Changed")
    (out / "beta.md").unlink()
    (out / "beta.md").mkdir()
    result = invoke("render", str(first), str(second), "--out", str(out), "--format", "md")
    assert result.exit_code == 2
    assert (out / "alpha.md").read_bytes() == before["alpha.md"]
    assert sorted(p.name for p in out.iterdir()) == ["alpha.md", "beta.md"]


def test_a_render_leaves_no_working_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("render", str(ARCHITECTURES), "--out", str(out), "--format", "svg,md")
    assert result.exit_code == 0, result.stderr
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


def test_a_rewritten_output_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = tiny(tmp_path)
    assert invoke("render", str(source), "--out", str(out), "--format", "md").exit_code == 0
    (out / "index.md").chmod(0o640)
    tiny(tmp_path, title="Changed")
    assert invoke("render", str(source), "--out", str(out), "--format", "md").exit_code == 0
    assert (out / "index.md").stat().st_mode & 0o777 == 0o640


# --- a scanned sub-folder draws into the same sub-folder of the output folder --------------


def test_a_scanned_sub_folder_draws_into_its_own_output_folder(tmp_path: Path) -> None:
    designs, out = tmp_path / "designs", tmp_path / "out"
    (designs / "gallery").mkdir(parents=True)
    tiny(designs, "top")
    tiny(designs / "gallery", "shown")
    result = invoke("render", str(designs), "--out", str(out), "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == [
        "gallery",
        "gallery/shown.md",
        "top.md",
    ]
    again = invoke("render", str(designs), "--out", str(out), "--format", "md", "--check")
    assert (again.exit_code, again.stdout) == (0, "2 outputs checked: up to date\n")


def test_a_file_named_on_the_command_line_draws_into_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (tmp_path / "gallery").mkdir()
    source = tiny(tmp_path / "gallery", "shown")
    assert invoke("render", str(source), "--out", str(out), "--format", "md").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["shown.md"]


def test_render_never_writes_through_a_linked_sub_folder(tmp_path: Path) -> None:
    designs, out, elsewhere = tmp_path / "designs", tmp_path / "out", tmp_path / "elsewhere"
    (designs / "gallery").mkdir(parents=True)
    tiny(designs / "gallery", "shown")
    elsewhere.mkdir()
    out.mkdir()
    (out / "gallery").symlink_to(elsewhere, target_is_directory=True)
    result = invoke("render", str(designs), "--out", str(out), "--format", "md", "--force")
    assert result.exit_code == 2
    assert f"{out / 'gallery'} is a symbolic link" in result.stderr
    assert list(elsewhere.iterdir()) == []
