"""What `render --check` proves: an output is current only when its own bytes are.

The quick check trusts a fingerprint only when it also matches the bytes it
sits in, so a truncated, edited or re-stamped output is stale. `--verify`
trusts no fingerprint at all: it draws every output again and compares bytes,
so even a fingerprint forged for doctored content fails it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from archgen.cli import main
from archgen.commands import freshness
from archgen.layout.drawing import plan
from archgen.loader import load_file
from archgen.render.stamp import Stamp, fingerprint, input_fingerprint, stamp
from tests.conftest import ARCHITECTURES, ROOT

STAMP_LINE = re.compile(rb"<!-- archgen-source: [0-9a-f ]+ -->\n")


def _render(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["render", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Render a copy of the capstone once; return the copy and its (pristine) outputs."""
    folder = tmp_path_factory.mktemp("rendered")
    source = folder / "capstone.yaml"
    shutil.copy(ARCHITECTURES / "capstone.yaml", source)
    assert _render(str(source), "--out", str(folder / "out"))[0] == 0
    return source, folder / "out"


@pytest.fixture
def out(rendered: tuple[Path, Path], tmp_path: Path) -> Path:
    """Return a fresh copy of the rendered outputs for one test to damage."""
    copy = tmp_path / "out"
    shutil.copytree(rendered[1], copy)
    return copy


def _check(rendered: tuple[Path, Path], out: Path, *options: str) -> tuple[int, str, str]:
    return _render(str(rendered[0]), "--out", str(out), "--check", *options)


def test_fresh_outputs_pass_both_checks(rendered: tuple[Path, Path], out: Path) -> None:
    assert _check(rendered, out)[:2] == (0, "4 outputs checked: up to date\n")
    assert _check(rendered, out, "--verify")[:2] == (0, "4 outputs checked: up to date\n")


@pytest.mark.parametrize(
    ("name", "keep"),
    [
        ("capstone.png", 0.5),
        ("capstone.svg", 0.5),
        ("capstone.drawio", 0.9),
        ("capstone.svg", 0.99),
    ],
)
def test_a_truncated_output_is_stale(
    rendered: tuple[Path, Path], out: Path, name: str, keep: float
) -> None:
    data = (out / name).read_bytes()
    (out / name).write_bytes(data[: int(len(data) * keep)])
    code, stdout, stderr = _check(rendered, out)
    assert (code, stdout) == (1, "4 outputs checked: 1 stale\n")
    assert stderr == f"stale: {out / name}\n"


def test_an_edited_explanation_is_stale(rendered: tuple[Path, Path], out: Path) -> None:
    page = out / "capstone.md"
    page.write_bytes(page.read_bytes().replace(b"Multi-AZ", b"single-AZ", 1))
    code, _, stderr = _check(rendered, out)
    assert code == 1
    assert stderr == f"stale: {page}\n"


def test_a_fingerprint_copied_onto_an_old_picture_is_stale(
    rendered: tuple[Path, Path], out: Path, tmp_path: Path
) -> None:
    """The design changed; the old picture wears the new picture's fingerprint."""
    source = tmp_path / "capstone.yaml"
    text = rendered[0].read_text(encoding="utf-8")
    source.write_text(text.replace("label: MySQL database", "label: MySQL"), encoding="utf-8")
    new = tmp_path / "new"
    assert _render(str(source), "--out", str(new), "--format", "svg")[0] == 0
    new_stamp = STAMP_LINE.search((new / "capstone.svg").read_bytes())
    assert new_stamp is not None
    old = (out / "capstone.svg").read_bytes()
    (out / "capstone.svg").write_bytes(STAMP_LINE.sub(new_stamp.group(0), old, count=1))
    code, _, stderr = _render(str(source), "--out", str(out), "--format", "svg", "--check")
    assert code == 1
    assert stderr == f"stale: {out / 'capstone.svg'}\n"


def test_a_plain_render_repairs_a_truncated_output(rendered: tuple[Path, Path], out: Path) -> None:
    whole = (out / "capstone.png").read_bytes()
    (out / "capstone.png").write_bytes(whole[:4096])
    code, stdout, _ = _render(str(rendered[0]), "--out", str(out))
    assert (code, stdout) == (0, f"wrote {out / 'capstone.png'}\n1 written, 3 unchanged\n")
    assert (out / "capstone.png").read_bytes() == whole


def _forge(source: Path, out: Path) -> bytes:
    """Doctor the SVG and stamp it as archgen would: what someone forging outputs does."""
    picture = out / "capstone.svg"
    body = STAMP_LINE.sub(b"", picture.read_bytes(), count=1)
    doctored = body.replace(b"MySQL database", b"Forged database")
    assert doctored != body
    prints = Stamp(
        fingerprint(plan(load_file(source)).dot, "svg"),
        input_fingerprint("svg", "capstone.svg", [source.read_bytes()]),
    )
    forged = stamp(doctored, "svg", prints)
    picture.write_bytes(forged)
    return forged


def test_only_verify_catches_a_forged_fingerprint(rendered: tuple[Path, Path], out: Path) -> None:
    _forge(rendered[0], out)
    assert _check(rendered, out)[0] == 0, "the quick check trusts a well-formed fingerprint"
    code, stdout, stderr = _check(rendered, out, "--verify")
    assert (code, stdout) == (1, "4 outputs checked: 1 stale\n")
    assert stderr == f"stale: {out / 'capstone.svg'}\n"


def test_render_with_verify_rewrites_a_forged_output(
    rendered: tuple[Path, Path], out: Path
) -> None:
    _forge(rendered[0], out)
    code, stdout, _ = _render(str(rendered[0]), "--out", str(out), "--verify")
    assert (code, stdout) == (0, f"wrote {out / 'capstone.svg'}\n1 written, 3 unchanged\n")
    assert (out / "capstone.svg").read_bytes() == (rendered[1] / "capstone.svg").read_bytes()


def test_the_action_verifies_the_committed_diagrams() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    (step,) = [s for s in action["runs"]["steps"] if s.get("name") == "Check diagrams are current"]
    assert re.search(r"archgen render .* --check --verify$", step["run"].strip())


def test_a_picture_made_by_another_release_of_the_same_drawing_code_passes_both_checks(
    rendered: tuple[Path, Path], out: Path
) -> None:
    """A change to archgen that draws nothing differently rewrites no picture."""
    picture = out / "capstone.svg"
    body = STAMP_LINE.sub(b"", picture.read_bytes(), count=1)
    content = fingerprint(plan(load_file(rendered[0])).dot, "svg")
    picture.write_bytes(stamp(body, "svg", Stamp(content, "0" * 64)))
    assert _check(rendered, out)[:2] == (0, "4 outputs checked: up to date\n")
    assert _check(rendered, out, "--verify")[:2] == (0, "4 outputs checked: up to date\n")


# --- the quick check must find the outputs of the design it was given ---------------------

EC2 = "employee-directory-ec2"
DECOY_TITLE = 'title: "Employee directory\nname: capstone\n  on Amazon EC2"\n'
"""A quoted title, before the real name, one of whose lines reads like a `name:` key."""


def _decoy(tmp_path: Path, name_line: str) -> tuple[Path, Path]:
    """Render EC2 with a decoy title, then rename its outputs after the decoy.

    Return the design and the output folder, which then holds only capstone.*:
    every real output of the design is missing.
    """
    text = (ARCHITECTURES / f"{EC2}.yaml").read_text(encoding="utf-8")
    text = text.replace(f"name: {EC2}\n", "", 1).replace("\ntitle: ", "\n# was: ", 1)
    source = tmp_path / "design.yaml"
    decoyed = text.replace("archgen: 1\n", f"archgen: 1\n{DECOY_TITLE}{name_line}", 1)
    source.write_text(decoyed, encoding="utf-8")
    out = tmp_path / "out"
    assert _render(str(source), "--out", str(out))[:2] == (0, _written(out, EC2))
    for made in sorted(out.iterdir()):
        made.rename(out / f"capstone{made.suffix}")
    return source, out


def _written(out: Path, name: str) -> str:
    lines = [f"wrote {out / f'{name}.{fmt}'}\n" for fmt in ("png", "svg", "drawio", "md")]
    return "".join(lines) + "4 written, 0 unchanged\n"


def test_a_name_line_inside_a_title_does_not_pass_for_the_design(tmp_path: Path) -> None:
    source, out = _decoy(tmp_path, f"name: {EC2}\n")
    code, stdout, stderr = _render(str(source), "--out", str(out), "--check")
    assert (code, stdout) == (1, "4 outputs checked: 4 missing\n")
    assert stderr.splitlines()[0] == f"missing: {out / f'{EC2}.png'}"


def test_an_output_renamed_after_another_design_is_not_that_design_s(tmp_path: Path) -> None:
    """Only the decoy line reads as `name:` at a glance; the real key is quoted."""
    source, out = _decoy(tmp_path, f'"name": {EC2}\n')
    code, stdout, _ = _render(str(source), "--out", str(out), "--check")
    assert (code, stdout) == (1, "4 outputs checked: 4 missing\n")


# --- the explanation's fingerprint covers every template it may use -----------------------


@pytest.mark.parametrize("included", ["part.md.j2", "parts/part.md.j2"])
def test_an_explanation_is_stale_when_an_included_template_changes(
    tmp_path: Path, included: str
) -> None:
    templates = tmp_path / "templates"
    (templates / included).parent.mkdir(parents=True, exist_ok=True)
    (templates / "explanation.md.j2").write_text(
        f'# {{{{ x.title }}}}\n{{% include "{included}" %}}\n', encoding="utf-8"
    )
    (templates / included).write_text("First wording.\n", encoding="utf-8")
    source, out = ARCHITECTURES / "capstone.yaml", tmp_path / "out"
    options = ("--out", str(out), "--format", "md", "--templates", str(templates))
    assert _render(str(source), *options)[0] == 0
    assert b"First wording." in (out / "capstone.md").read_bytes()
    (templates / included).write_text("Second wording.\n", encoding="utf-8")
    code, stdout, stderr = _render(str(source), *options, "--check")
    assert (code, stdout, stderr) == (
        1,
        "1 outputs checked: 1 stale\n",
        f"stale: {out / 'capstone.md'}\n",
    )
    assert _render(str(source), *options)[0] == 0
    assert b"Second wording." in (out / "capstone.md").read_bytes()


def test_an_output_is_fingerprinted_with_the_bytes_it_was_drawn_from(tmp_path: Path) -> None:
    """An edit after the load must not reach the fingerprint of outputs drawn from the load."""
    source = tmp_path / "capstone.yaml"
    shutil.copy(ARCHITECTURES / "capstone.yaml", source)
    loaded = source.read_bytes()
    arch = load_file(source)
    source.write_bytes(loaded.replace(b"label: MySQL database", b"label: MySQL", 1))
    assert freshness.source_bytes(arch) == loaded
