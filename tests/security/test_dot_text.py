"""User text in a picture stays text: it never becomes DOT, graphviz attributes or a file link."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from archgen.errors import RenderError
from archgen.layout.drawing import draw, plan
from archgen.layout.geometry import from_dot_json
from archgen.layout.run import run_dot
from archgen.loader import load_file
from archgen.render.drawio import render_drawio
from archgen.render.png_svg import embed_images, render_svg
from tests.conftest import ARCHITECTURES

PAYLOADS = [
    '<x> URL="{canary}" image="{canary}" zz=<y>',
    '"; a [image="{canary}"]; b="',
    '<<TABLE><TR><TD><IMG SRC="{canary}"/></TD></TR></TABLE>>',
    "ends with a backslash \\",
    "line\nbreak\x1b[31m and \u202e bidi",
    "> dpi=8000 <",
]


def _hostile(tmp_path: Path, payload: str) -> Path:
    canary = tmp_path / "canary.png"
    canary.write_bytes(b"\x89PNG\r\n\x1a\nCANARY-BYTES")
    text = payload.format(canary=canary)
    quoted = json.dumps(text)  # a JSON string is a YAML double-quoted scalar
    source = (ARCHITECTURES / "capstone.yaml").read_text(encoding="utf-8")
    source = re.sub(r"^title: .*$", lambda _: f"title: {quoted}", source, count=1, flags=re.M)
    source = source.replace("label: Application Load Balancer", f"label: {quoted}", 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(source, encoding="utf-8")
    return path


LINKING = {"URL", "href", "image", "imagepath", "dpi", "shapefile", "fontpath", "size"}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_user_text_adds_no_graph_attribute(tmp_path: Path, payload: str) -> None:
    planned = plan(load_file(_hostile(tmp_path, payload)))
    laid_out = json.loads(run_dot(planned.dot, ("json",))["json"])
    assert not LINKING & set(laid_out), "graph attributes"
    for item in [*laid_out.get("objects", []), *laid_out.get("edges", [])]:
        assert not LINKING & set(item), item.get("name")
    names = {item["name"] for item in laid_out["objects"] if "nodes" not in item}
    assert names <= {*planned.scene.nodes, *_anchors(planned.dot), "legend"}


def _anchors(dot: str) -> set[str]:
    return set(re.findall(r'"?([a-z0-9-]+/anchor)"?', dot))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_svg_holds_no_byte_of_another_file(tmp_path: Path, payload: str) -> None:
    drawing = draw(plan(load_file(_hostile(tmp_path, payload))), ("svg",))
    svg = render_svg(drawing).data
    assert b"CANARY-BYTES" not in svg
    assert b"Q0FOQVJZ" not in svg  # base64 of the canary's text, at any of the three offsets
    links = re.findall(rb'xlink:href="([^"]{0,40})', svg)
    assert links, "the icons are embedded"
    assert all(link.startswith(b"data:image/png;base64,") for link in links)


def test_only_icons_of_the_icon_set_are_embedded(tmp_path: Path) -> None:
    stranger = tmp_path / "stranger.png"
    stranger.write_bytes(b"\x89PNG\r\n\x1a\nnot an icon")
    svg = f'<svg><image xlink:href="{stranger}"/></svg>'.encode()
    with pytest.raises(RenderError, match="not an icon of the icon set"):
        embed_images(svg)


SHOWN = {
    "Research\nVPC": "Research VPC",
    "Research\r\n\tVPC": "Research VPC",
    "Research\u2028VPC": "Research VPC",
    "Research\x1b[31mVPC": "Research\\x1b[31mVPC",
    "Research \u202eVPC": "Research \\u202eVPC",
    'Research <b>"VPC"</b> & co': 'Research <b>"VPC"</b> & co',
}
"""A group's label as written, and as every picture must show it."""


@pytest.mark.parametrize("label", SHOWN)
def test_a_label_reads_the_same_in_every_picture(tmp_path: Path, label: str) -> None:
    source = (ARCHITECTURES / "capstone.yaml").read_text(encoding="utf-8")
    source = source.replace("label: Research VPC", f"label: {json.dumps(label)}", 1)
    _assert_shown(tmp_path, source, SHOWN[label], "default")


@pytest.mark.parametrize("label", SHOWN)
def test_a_security_group_name_reads_the_same_in_the_network_view(
    tmp_path: Path, label: str
) -> None:
    """The box of a security group shows its name as written, only wrapped at spaces."""
    source = (ARCHITECTURES / "capstone.yaml").read_text(encoding="utf-8")
    source = source.replace("label: DB security group", f"label: {json.dumps(label)}", 1)
    _assert_shown(tmp_path, source, SHOWN[label], "network")


def _assert_shown(tmp_path: Path, source: str, shown: str, view: str) -> None:
    """Draw `source` in `view`; its SVG texts and draw.io values must show `shown` as is."""
    path = tmp_path / "label.yaml"
    path.write_text(source, encoding="utf-8")
    drawing = draw(plan(load_file(path), view=view), ("svg", "json"))
    svg = ET.fromstring(render_svg(drawing).data)  # noqa: S314 (our own output)
    svg_texts = ["".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    lines = " ".join(text.strip() for text in svg_texts)  # a name wrapped at spaces reads on
    assert shown in lines, svg_texts
    editable = render_drawio(drawing.scene, from_dot_json(drawing.outputs["json"])).data
    drawio = ET.fromstring(editable)  # noqa: S314 (our own output)
    values = {html.unescape(c.get("value", "").replace("<br>", " ")) for c in drawio.iter("mxCell")}
    assert any(shown in value for value in values), values
