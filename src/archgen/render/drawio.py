"""The editable diagram: uncompressed mxGraph XML that opens in draw.io.

It is drawn from the same geometry as the PNG and SVG (graphviz's JSON of the
same DOT), with draw.io's own AWS shapes. Groups are real containers nested as
in the picture, so moving a VPC in draw.io moves everything in it. Cell ids are
model ids; derived cells use characters a model id cannot hold (app@app-a).
"""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from html import escape

from archgen.layout import style
from archgen.layout.geometry import Box, Geometry
from archgen.layout.scene import Edge, Group, Node, Scene
from archgen.render import drawio_styles
from archgen.render.base import Artifact

_ICON = float(style.ICON_SIZE)
_MARGIN = 30.0
"""Space around the picture, as graphviz's pad gives the PNG: labels at the edge stay whole."""
_PAGE = Box(-_MARGIN, -_MARGIN, 0, 0)
_LABEL_WIDTH = 18


def render_drawio(scene: Scene, geometry: Geometry) -> Artifact:
    """Return `<name>.drawio` for a scene laid out as `geometry`."""
    root = ET.Element("mxfile", host="archgen")
    diagram = ET.SubElement(root, "diagram", id=scene.name, name=scene.name)
    model = ET.SubElement(
        diagram, "mxGraphModel", grid="1", gridSize="10", page="0", math="0", shadow="0"
    )
    cells = ET.SubElement(model, "root")
    _cell(cells, {"id": "0"})
    _cell(cells, {"id": "1", "parent": "0"})
    writer = _Writer(cells, scene, geometry)
    for node_id in scene.outside:
        writer.node(scene.nodes[node_id], "1", _PAGE)
    writer.group(scene.cloud, "1", _PAGE)
    if "legend" in geometry.nodes and scene.legend:
        writer.legend(geometry.nodes["legend"])
    for edge in scene.edges:
        writer.edge(edge)
    ET.indent(root, space="  ")
    text = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return Artifact(f"{scene.name}.drawio", (text + "\n").encode("utf-8"))


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class _Writer:
    """Emits cells in document order: containers before their children, edges last."""

    def __init__(self, cells: ET.Element, scene: Scene, geometry: Geometry) -> None:
        self.cells = cells
        self.scene = scene
        self.geometry = geometry

    def group(self, group: Group, parent: str, origin: Box) -> None:
        box = self.geometry.clusters.get(f"cluster_{group.id}")
        if box is None:
            return
        cell = _cell(
            self.cells,
            {
                "id": group.cell or group.id,
                "value": escape(group.label),
                "style": drawio_styles.GROUPS[group.kind],
                "vertex": "1",
                "parent": parent,
            },
        )
        self._geometry(cell, box, origin)
        for node_id in group.nodes:
            self.node(self.scene.nodes[node_id], group.cell or group.id, box)
        for child in group.groups:
            self.group(child, group.cell or group.id, box)

    def node(self, node: Node, parent: str, origin: Box) -> None:
        box = self.geometry.nodes.get(node.id)
        if box is None:
            return
        icon = Box(box.x + (box.width - _ICON) / 2, box.y + 2, _ICON, _ICON)
        label = "<br>".join(escape(line) for line in textwrap.wrap(node.label, _LABEL_WIDTH))
        if node.sublabel:
            label += f'<br><font style="font-size: 9px" color="{style.MUTED}">'
            label += f"{escape(node.sublabel)}</font>"
        cell = _cell(
            self.cells,
            {
                "id": node.id,
                "value": label,
                "style": drawio_styles.node_style(node.type),
                "vertex": "1",
                "parent": parent,
            },
        )
        self._geometry(cell, icon, origin)

    def legend(self, box: Box) -> None:
        rows = []
        for key, meaning in self.scene.legend:
            if key.startswith("line:"):
                colour = style.EDGES[key.removeprefix("line:")]["color"]
                marker = f'<font color="{colour}"><b>- - -</b></font>'
            else:
                marker = _badge(key)
            rows.append(f"{marker}&nbsp; {escape(meaning)}")
        cell = _cell(
            self.cells,
            {
                "id": "legend:" + self.scene.name,
                "value": "<b>Legend</b><br>" + "<br>".join(rows),
                "style": drawio_styles.LEGEND,
                "vertex": "1",
                "parent": "1",
            },
        )
        self._geometry(cell, box, _PAGE)

    def edge(self, edge: Edge) -> None:
        label = " ".join([*(_badge(b) for b in edge.badges), escape(edge.label)]).strip()
        cell = _cell(
            self.cells,
            {
                "id": edge.id,
                "value": label,
                "style": drawio_styles.EDGES[edge.kind],
                "edge": "1",
                "parent": "1",
                "source": edge.source,
                "target": edge.target,
            },
        )
        geometry = ET.SubElement(cell, "mxGeometry", relative="1")
        geometry.set("as", "geometry")
        points = self.geometry.edges.get(edge.id, ())[1:-1]
        if points:
            array = ET.SubElement(geometry, "Array")
            array.set("as", "points")
            for x, y in points:
                ET.SubElement(array, "mxPoint", x=_number(x + _MARGIN), y=_number(y + _MARGIN))

    @staticmethod
    def _geometry(cell: ET.Element, box: Box, origin: Box) -> None:
        x = box.x - origin.x
        y = box.y - origin.y
        geometry = ET.SubElement(
            cell,
            "mxGeometry",
            x=_number(x),
            y=_number(y),
            width=_number(box.width),
            height=_number(box.height),
        )
        geometry.set("as", "geometry")


def _cell(parent: ET.Element, attributes: dict[str, str]) -> ET.Element:
    """Add an mxCell; attributes in a dict, since `parent` is also a cell attribute."""
    return ET.SubElement(parent, "mxCell", attrib=attributes)


def _badge(text: str) -> str:
    return (
        f'<span style="background-color: {style.BADGE}; color: #ffffff; border-radius: 4px; '
        f'padding: 0 3px;"><b>{escape(text)}</b></span>'
    )
