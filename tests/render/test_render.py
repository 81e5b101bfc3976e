"""`archgen render` with the real dot: goldens, valid files, stable bytes, safe writes.

Refresh the DOT goldens with ARCHGEN_UPDATE_GOLDENS=1 (tests/golden.py) and review the diff
like code.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import main
from archgen.commands.files import output_path
from archgen.errors import UsageError
from archgen.layout.drawing import build_scene, plan
from archgen.layout.icons import node_icon
from archgen.loader import load_file
from archgen.model.catalogue import CATALOGUE
from tests.conftest import ARCHITECTURES, ROOT
from tests.golden import Goldens

SHIPPED = sorted(ARCHITECTURES.glob("*.yaml"))
GOLDEN = Goldens(Path(__file__).parent / "golden")
ICONS = str(node_icon("ec2").parent.parent.parent)


def _render(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["render", *args])
    return result.exit_code, result.stdout, result.stderr


DOT_GOLDENS = [(path, GOLDEN.file(f"{path.stem}.dot").name) for path in SHIPPED]


@pytest.mark.parametrize(("path", "golden"), DOT_GOLDENS, ids=[p.stem for p in SHIPPED])
def test_dot_matches_golden(path: Path, golden: str) -> None:
    dot = plan(load_file(path)).dot.replace(ICONS, "<icons>")
    GOLDEN.check(golden, dot)


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, position = [], 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        chunks.append((kind, body))
        position += 12 + length
    return chunks


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Render the shipped designs in every format: the tests read nothing of the gallery's.

    A whole folder with its gallery is rendered by `test_formats_and_jobs`.
    """
    out = tmp_path_factory.mktemp("out")
    code, _, stderr = _render(*map(str, SHIPPED), "--out", str(out))
    assert code == 0, stderr
    return out


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_png_is_valid_with_a_sane_size(rendered: Path, path: Path) -> None:
    chunks = _png_chunks((rendered / f"{path.stem}.png").read_bytes())
    assert chunks[0][0] == b"IHDR"
    width, height, depth, colour = struct.unpack(">IIBB", chunks[0][1][:10])
    assert 600 <= width <= 4000
    assert 600 <= height <= 4000
    assert depth == 8
    assert colour == 2, "an opaque RGB picture: no half-transparent last column or row"
    pixels = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    assert len(pixels) == height * (1 + width * 3)
    assert chunks[-1][0] == b"IEND"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_svg_is_self_contained_and_labels_everything(rendered: Path, path: Path) -> None:
    text = (rendered / f"{path.stem}.svg").read_text(encoding="utf-8")
    root = ET.fromstring(text)  # noqa: S314 (our own output)
    assert root.tag.endswith("svg")
    assert "site-packages" not in text
    assert not re.search(r'xlink:href="(?!data:)', text)
    words = " ".join("".join(t.itertext()) for t in root.iter() if t.tag.endswith("text"))
    scene = build_scene(load_file(path))
    titles = {"".join(t.itertext()) for t in root.iter() if t.tag.endswith("title")}
    for node in scene.nodes.values():
        for word in node.label.split():
            assert word in words, (node.id, word)
        assert node.id in titles, node.id


def test_every_drawn_resource_is_in_the_scene() -> None:
    arch = load_file(ARCHITECTURES / "capstone.yaml")
    scene = build_scene(arch)
    drawn = {node.resource for node in scene.nodes.values()}
    hidden = {"vpc", "subnet", "route_table", "network_acl", "security_group"}
    assert drawn == {rid for rid in arch.resources if arch.type_of(rid) not in hidden}
    assert scene.copies["app"] == ["app@app-a", "app@app-b"]
    assert scene.copies["db"] == ["db@db-a", "db@db-b"]
    assert [scene.nodes[n].sublabel for n in scene.copies["db"]] == ["primary", "standby"]


def _number(element: ET.Element, name: str) -> float:
    return float(element.get(name, "0").removesuffix("px"))


def test_zones_are_columns_in_order_and_tiers_rows(rendered: Path) -> None:
    svg = (rendered / "capstone.svg").read_text(encoding="utf-8")
    root = ET.fromstring(svg)  # noqa: S314 (our own output)
    centres: dict[str, tuple[float, float]] = {}
    for group in root.iter():
        if group.get("class") != "node":
            continue
        title = next(t for t in group if t.tag.endswith("title")).text or ""
        image = next((e for e in group.iter() if e.tag.endswith("image")), None)
        if image is not None:
            x = _number(image, "x") + _number(image, "width") / 2
            y = _number(image, "y") + _number(image, "height") / 2
            centres[title] = (x, y)
    nat_a, nat_b = centres["nat-a"], centres["nat-b"]
    app_a, app_b = centres["app@app-a"], centres["app@app-b"]
    db_a, db_b = centres["db@db-a"], centres["db@db-b"]
    for left, right in ((nat_a, nat_b), (app_a, app_b), (db_a, db_b)):
        assert left[0] < right[0]
        assert left[1] == right[1]
    assert nat_a[1] < app_a[1] < db_a[1]
    alb = centres["web-alb"]
    assert nat_a[0] < alb[0] < nat_b[0]
    assert nat_a[1] < alb[1] < app_a[1]  # its own row in the public subnets, under the NATs


@pytest.mark.redraw
def test_reruns_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        assert _render(str(ARCHITECTURES / "capstone.yaml"), "--out", str(out))[0] == 0
    for name in ("capstone.png", "capstone.svg"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_a_second_run_writes_nothing(tmp_path: Path) -> None:
    _render(str(ARCHITECTURES / "capstone.yaml"), "--out", str(tmp_path))
    code, stdout, _ = _render(str(ARCHITECTURES / "capstone.yaml"), "--out", str(tmp_path))
    assert (code, stdout) == (0, "0 written, 4 unchanged\n")


def _rendered_capstone(tmp_path: Path, *options: str) -> tuple[Path, Path, dict[str, bytes]]:
    """Copy the capstone, render it with `options`; return the copy, the outputs, their bytes."""
    source = tmp_path / "capstone.yaml"
    shutil.copy(ARCHITECTURES / "capstone.yaml", source)
    out = tmp_path / "out"
    assert _render(str(source), "--out", str(out), *options)[0] == 0
    return source, out, _contents(out)


def _contents(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir()}


def test_check_exits_1_on_stale_output_and_writes_nothing(tmp_path: Path) -> None:
    source, out, before = _rendered_capstone(tmp_path)
    text = source.read_text(encoding="utf-8").replace("label: MySQL database", "label: MySQL")
    source.write_text(text, encoding="utf-8")
    code, stdout, stderr = _render(str(source), "--out", str(out), "--check")
    assert code == 1
    assert stdout == "4 outputs checked: 4 stale\n"
    assert f"stale: {out / 'capstone.png'}" in stderr
    assert _contents(out) == before


def test_an_edit_that_changes_no_picture_rewrites_no_picture(tmp_path: Path) -> None:
    source, out, before = _rendered_capstone(tmp_path, "--format", "png,svg,drawio")
    source.write_text(source.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    code, stdout, _ = _render(str(source), "--out", str(out), "--format", "png,svg,drawio")
    assert (code, stdout) == (0, "0 written, 3 unchanged\n")
    assert _contents(out) == before
    assert _render(str(source), "--out", str(out), "--format", "png", "--check")[0] == 0


def test_check_reports_a_missing_output(tmp_path: Path) -> None:
    code, stdout, _ = _render(
        str(ARCHITECTURES / "capstone.yaml"), "--out", str(tmp_path), "--check"
    )
    assert (code, stdout) == (1, "4 outputs checked: 4 missing\n")
    assert list(tmp_path.iterdir()) == []


def test_committed_diagrams_are_current() -> None:
    with contextlib.chdir(ROOT):
        code, stdout, stderr = _render("--check")
    assert code == 0, f"diagrams_out/ is stale, run `make demo`: {stderr}"
    designs = len(list(ARCHITECTURES.rglob("*.yaml")))
    # Each design: a picture in three formats and its explanation, plus the network view.
    assert stdout == f"{(4 + 3) * designs} outputs checked: up to date\n"


def test_missing_graphviz_is_a_clear_error_and_keeps_outputs(tmp_path: Path) -> None:
    source, out, before = _rendered_capstone(tmp_path)
    source.write_text(source.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    text = source.read_text(encoding="utf-8").replace("title: Highly", "title: Very highly")
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["render", str(source), "--out", str(out)], env={"PATH": str(tmp_path)}
    )
    assert result.exit_code == 2
    assert "graphviz's `dot` is not on PATH: install graphviz" in result.stderr
    assert _contents(out) == before


def test_formats_and_jobs(tmp_path: Path) -> None:
    code, _, _ = _render(
        str(ARCHITECTURES), "--out", str(tmp_path), "--format", "svg", "--jobs", "2"
    )
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "capstone.svg",
        "employee-directory-ec2.svg",
        "employee-directory-serverless.svg",
        "gallery",
    ]
    assert sorted(p.name for p in (tmp_path / "gallery").iterdir()) == sorted(
        f"gallery-{path.stem}.svg" for path in (ARCHITECTURES / "gallery").glob("*.yaml")
    )
    assert _render("--format", "gif", "--out", str(tmp_path))[0] == 2


def test_a_name_never_leaves_the_output_folder(tmp_path: Path) -> None:
    assert output_path(tmp_path, "capstone.png") == tmp_path / "capstone.png"
    with pytest.raises(UsageError, match="would leave the output folder"):
        output_path(tmp_path, "../capstone.png")


def test_invalid_input_renders_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("archgen: 1\nname: x\n", encoding="utf-8")
    code, _, stderr = _render(str(bad), "--out", str(tmp_path / "out"))
    assert code == 2
    assert stderr.startswith(f"{bad}:")
    assert not (tmp_path / "out").exists()


EVERY = ROOT / "tests" / "data" / "every-type.yaml"


def test_every_resource_type_renders_in_zone_columns_and_tier_rows(tmp_path: Path) -> None:
    code, _, stderr = _render(str(EVERY), "--out", str(tmp_path))
    assert code == 0, stderr
    arch = load_file(EVERY)
    assert {arch.type_of(r) for r in arch.resources} == set(CATALOGUE)
    svg = ET.fromstring((tmp_path / "every-type.svg").read_text(encoding="utf-8"))  # noqa: S314
    clusters: dict[str, tuple[float, float]] = {}
    for group in svg.iter():
        if group.get("class") != "cluster":
            continue
        title = next(t for t in group if t.tag.endswith("title")).text or ""
        shape = next(e for e in group if e.tag.endswith("polygon") or e.tag.endswith("path"))
        points = [tuple(map(float, p.split(","))) for p in shape.get("points", "").split()]
        if points:
            clusters[title] = (min(x for x, _ in points), min(y for _, y in points))
    assert clusters["cluster_az:vpc:eu-west-1a"][0] < clusters["cluster_az:vpc:eu-west-1b"][0]
    assert clusters["cluster_subnet:pub-b"][1] < clusters["cluster_subnet:app-b"][1]
    assert clusters["cluster_subnet:pub-a"][1] < clusters["cluster_subnet:app-a"][1]
    for tier in ("pub", "app"):  # pub-b is empty, yet its row lines up with pub-a's
        tops = [clusters[f"cluster_subnet:{tier}-{zone}"][1] for zone in "ab"]
        assert abs(tops[0] - tops[1]) < 8, (tier, tops)
    titles = {"".join(t.itertext()) for t in svg.iter() if t.tag.endswith("title")}
    assert set(build_scene(arch).nodes) <= titles
