"""The editable diagram: uncompressed mxGraph XML that opens in draw.io.

It is drawn from the same geometry as the PNG and SVG (graphviz's JSON of the
same DOT), with draw.io's own AWS shapes. Groups are real containers nested as
in the picture, so moving a VPC in draw.io moves everything in it. Cell ids are
model ids; derived cells use characters a model id cannot hold (app@app-a).
"""

from __future__ import annotations

import itertools
import textwrap
import xml.etree.ElementTree as ET

from archgen.layout import style
from archgen.layout.bars import BAR_PAD
from archgen.layout.geometry import Box, Geometry, Point
from archgen.layout.scene import Edge, Group, Node, Scene, name_lines, walk
from archgen.render import drawio_styles
from archgen.render.base import Artifact
from archgen.render.drawio_geometry import (
    MARGIN,
    border_towards,
    centre,
    halfway,
    icon_box,
    port,
    shifted,
)
from archgen.render.drawio_legend import legend_height, legend_value
from archgen.safe_text import html_text

_PAGE = Box(-MARGIN, -MARGIN, 0, 0)
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
    writer.group(scene.cloud, "1", _PAGE)
    for node_id in scene.outside:
        writer.node(scene.nodes[node_id], "1", _PAGE)
    if "legend" in geometry.nodes and scene.legend:
        writer.legend(geometry.nodes["legend"])
    for edge in scene.edges:
        writer.edge(edge)
    ET.indent(root, space="  ")
    text = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return Artifact(f"{scene.name}.drawio", (text + "\n").encode("utf-8"))


def _notes(group: Group) -> str:
    """Return a box's notes (network view) as small lines under its name, marked as in the PNG."""
    marks = {"route-table": "Route table ", "nacl": "NACL "}
    lines = [
        f'<br><font style="font-size: 11px" color="{style.MUTED}">'
        f"{marks.get(icon, '&nbsp;&nbsp;')}{html_text(line)}</font>"
        + (_marker(*group.note_marks[icon]) if icon in group.note_marks else "")
        for icon, line in group.notes
    ]
    return "".join(lines)


def _marker(marker: str, severity: str) -> str:
    """Return the rule ids of a finding on what a cell draws, as the PNG shows them; "" for none."""
    if not marker:
        return ""
    return " " + drawio_styles.badge(
        marker, style.BLOCKED if severity == "error" else style.WARNING
    )


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class _Writer:
    """Emits cells in document order: containers before their children, edges last.

    draw.io paints in document order, a container's children right after it.
    graphviz paints every box before any icon, so within each container the
    icons come after the inner boxes: a load balancer's bar across two
    subnets, or anything else reaching into a filled box, stays on top of it.
    """

    def __init__(self, cells: ET.Element, scene: Scene, geometry: Geometry) -> None:
        self.cells = cells
        self.scene = scene
        self.geometry = geometry
        self.cells_of = {group.id: group.cell or group.id for group in walk(scene.cloud)}

    def group(self, group: Group, parent: str, origin: Box) -> None:
        if group.kind == "asg-slot":  # its instances sit in the subnet, the box spans zones
            for child in group.groups:  # a security group's box around the instance
                self.group(child, parent, origin)
            for node_id in group.nodes:
                self.node(self.scene.nodes[node_id], parent, origin)
            return
        box = self.geometry.clusters.get(f"cluster_{group.id}")
        if box is None:
            return
        cell = _cell(
            self.cells,
            {
                "id": group.cell or group.id,
                "value": "<br>".join(map(html_text, self._title(group)))
                + _marker(group.marker, group.severity)
                + _notes(group),
                "style": drawio_styles.GROUPS[group.kind],
                "vertex": "1",
                "parent": parent,
            },
        )
        self._geometry(cell, box, origin)
        for child in group.groups:
            self.group(child, group.cell or group.id, box)
        for node_id in group.nodes:
            self.node(self.scene.nodes[node_id], group.cell or group.id, box)

    def _title(self, group: Group) -> list[str]:
        """Return a box's title lines: a box across zones' as the picture wraps them."""
        drawn = self.geometry.titles.get(f"cluster_{group.id}") if group.spans else None
        return list(drawn) if drawn else name_lines(group)

    def node(self, node: Node, parent: str, origin: Box) -> None:
        box = self.geometry.nodes.get(node.id)
        if box is None:
            return
        if node.id in self.scene.bars:  # a load balancer across its subnets (layout.bars)
            self._bar(node, box, parent, origin)
            box = Box(box.x, box.y + BAR_PAD, box.width, box.height)
        icon = icon_box(box)
        label = "<br>".join(html_text(line) for line in textwrap.wrap(node.label, _LABEL_WIDTH))
        if node.sublabel:
            label += f'<br><font style="font-size: 9px" color="{style.MUTED}">'
            label += f"{html_text(node.sublabel)}</font>"
        if node.marker:
            label += "<br>" + _marker(node.marker, node.severity).strip()
        cell = _cell(
            self.cells,
            {
                "id": node.id,
                "value": label,
                "style": drawio_styles.node_style(node.type, node.shape),
                "vertex": "1",
                "parent": parent,
            },
        )
        self._geometry(cell, icon, origin)

    def _bar(self, node: Node, box: Box, parent: str, origin: Box) -> None:
        """Add the bar a load balancer is drawn on, under its icon, as the picture has it."""
        attributes = {"id": f"{node.id}/bar", "value": "", "style": drawio_styles.BAR}
        cell = _cell(self.cells, {**attributes, "vertex": "1", "parent": parent})
        self._geometry(cell, box, origin)

    def legend(self, box: Box) -> None:
        rows = self.scene.legend
        columns = self.geometry.legend_columns
        cell = _cell(
            self.cells,
            {
                "id": "legend:" + self.scene.name,
                "value": legend_value(rows, columns),
                "style": drawio_styles.LEGEND,
                "vertex": "1",
                "parent": "1",
            },
        )
        height = legend_height(len(rows), columns)
        self._geometry(cell, Box(box.x, box.y, box.width, height), _PAGE)

    def edge(self, edge: Edge) -> None:
        label = _edge_value(edge)
        cell = _cell(
            self.cells,
            {
                "id": edge.id,
                "value": label,
                "style": _line_style(edge, self.geometry.edges.get(edge.id, ()))
                + self._ports(edge),
                "edge": "1",
                "parent": "1",
                "source": self._end(edge.source),
                "target": self.cells_of.get(edge.box) or self._end(edge.target),
            },
        )
        geometry = ET.SubElement(cell, "mxGeometry", relative="1")
        geometry.set("as", "geometry")
        route = self.geometry.edges.get(edge.id, ())
        inner = route[1:-1]
        if route and edge.source in self.scene.bars:  # it leaves the bar where the picture has it
            inner = (route[0], *inner)
        if route and (edge.target in self.scene.bars or edge.box):  # where it meets the box
            inner = (*inner, route[-1])
        points = [(x + MARGIN, y + MARGIN) for x, y in inner]
        if points:
            array = ET.SubElement(geometry, "Array")
            array.set("as", "points")
            for x, y in points:
                ET.SubElement(array, "mxPoint", x=_number(x), y=_number(y))
        offset = self._label_offset(edge, points) if label else None
        if offset is not None:
            point = ET.SubElement(geometry, "mxPoint", x=_number(offset[0]), y=_number(offset[1]))
            point.set("as", "offset")

    def _ports(self, edge: Edge) -> str:
        """Return the style pinning a line's ends to its icons where the picture has them."""
        route = self.geometry.edges.get(edge.id, ())
        ends = [("exit", edge.source, 0)] + ([] if edge.box else [("entry", edge.target, -1)])
        pinned = ""
        for key, node_id, index in ends:
            node, box = self.scene.nodes.get(node_id), self.geometry.nodes.get(node_id)
            if route and node is not None and box is not None and node_id not in self.scene.bars:
                x, y = port(box, route[index], marked=bool(node.marker))
                pinned += f"{key}X={_number(x)};{key}Y={_number(y)};{key}Dx=0;{key}Dy=0;"
        return pinned

    def _end(self, node_id: str) -> str:
        """Return the cell a line ends at: a load balancer's bar rather than its icon."""
        return f"{node_id}/bar" if node_id in self.scene.bars else node_id

    def _label_offset(self, edge: Edge, points: list[Point]) -> Point | None:
        """Return how far graphviz's label centre lies from where draw.io would put the label.

        draw.io centres an edge label halfway along the edge's route: from the
        source icon's border, through the waypoints, to the target icon's
        border. Offsetting it to graphviz's label position keeps the labels
        apart as in the PNG, and the label still moves with its edge.
        """
        placed = self.geometry.labels.get(edge.id)
        source = self.geometry.nodes.get(edge.source)
        target = self.geometry.nodes.get(edge.target)
        if placed is None or source is None or target is None:
            return None
        start = shifted(source if edge.source in self.scene.bars else icon_box(source))
        end = shifted(target if edge.target in self.scene.bars else icon_box(target))
        first = points[0] if points else centre(end)
        last = points[-1] if points else centre(start)
        route = [border_towards(start, first), *points, border_towards(end, last)]
        anchor = halfway(route)
        return (placed[0] + MARGIN - anchor[0], placed[1] + MARGIN - anchor[1])

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


def _line_style(edge: Edge, route: tuple[Point, ...]) -> str:
    """Return a line's style: straight pieces where the picture routes it at right angles.

    draw.io would round an orthogonal route's corners into curves through
    its waypoints; the picture draws them square.
    """
    style_text = drawio_styles.EDGES[edge.kind]
    square = len(route) > 2 and all(
        abs(a[0] - b[0]) < 0.5 or abs(a[1] - b[1]) < 0.5 for a, b in itertools.pairwise(route)
    )
    return style_text.replace("curved=1;", "curved=0;") if square else style_text


def _edge_value(edge: Edge) -> str:
    """Return an edge's label: badges, then its lines broken where graphviz breaks them.

    graphviz draws "what it does" above "protocol port"; one long draw.io line
    would be twice as wide as the box graphviz kept clear, and run into its
    neighbours' labels.
    """
    lines = "<br>".join(html_text(line) for line in edge.label.split("\n") if line)
    return " ".join([*(drawio_styles.badge(b) for b in edge.badges), lines]).strip()


def _cell(parent: ET.Element, attributes: dict[str, str]) -> ET.Element:
    """Add an mxCell; attributes in a dict, since `parent` is also a cell attribute."""
    return ET.SubElement(parent, "mxCell", attrib=attributes)
