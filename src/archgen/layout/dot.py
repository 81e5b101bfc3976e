"""The scene as DOT: boxes as clusters, icons as HTML-like labels, tiers as ranks.

Node ids are the scene's (model) ids, so the DOT, the picture and the draw.io
file all name things as the YAML does, and a re-run gives the same bytes.

User text never reaches the DOT source as it is. The DOT writer passes any
string that starts with `<` and ends with `>` through unquoted as an HTML-like
label, so a title could otherwise add attributes (`URL=`, `image=`, `dpi=`)
or whole nodes. Every label here is an HTML-like label that archgen builds
itself, and every piece of user text in it passes through `_text`; the other
attribute values are model ids, which `_plain` proves hold nothing to escape.
"""

from __future__ import annotations

import itertools
import re
import textwrap

from archgen.layout import style
from archgen.layout.dot_labels import edge_label, legend_label, marker_cell, wrapped_title
from archgen.layout.dot_writer import DotGraph
from archgen.layout.groups import BOX_NAMES, SLOT
from archgen.layout.icons import group_icon, node_icon, shape_icon
from archgen.layout.laid import Laid, edge_attributes, node_attributes, rect_text
from archgen.layout.scene import Edge, Group, Node, Scene, name_lines
from archgen.layout.span_boxes import draw_over_slot, drawn_over_slots, span_owner
from archgen.layout.span_titles import first_line, title_lines
from archgen.safe_text import html_text


def build_dot(scene: Scene, at: Laid | None = None) -> str:
    """Return the DOT source of the scene: for dot to lay out, or, given `at`, as laid out.

    The laid-out source pins every node and box where `at` has it, for
    `neato -n2` to draw; it needs none of the invisible rows that ordered them.
    """
    graph = DotGraph(scene.name)
    if at is not None:
        graph.attr(bb=rect_text(at.bounds))
    graph.attr(
        newrank="true",
        rankdir="TB",
        splines="spline",
        nodesep="0.5",
        ranksep="0.6",
        compound="true",
        remincross="false",
        mclimit="0.01",
        pad=str(style.PAGE_PAD_INCHES),
        fontname=style.FONT,
        fontsize=style.FONT_SIZES["title"],
        labelloc="t",
        label=f"<{html_text(scene.title)}>",
        bgcolor="white",
    )
    sizes = style.FONT_SIZES
    graph.attr(
        "node", shape="plain", fontname=style.FONT, fontsize=sizes["node"], fontcolor=style.INK
    )
    graph.attr("edge", fontname=style.FONT, fontsize=sizes["edge"], fontcolor=style.INK)
    for node_id in scene.outside:
        _node(graph, scene.nodes[node_id], at)
    _group(graph, scene.cloud, scene, at)
    if at is None:
        for index, row in enumerate(scene.rows):
            _row(graph, index, row, scene.straddle)
        _stack_rows(graph, scene)
    for edge in (e for e in scene.edges if at is not None or not e.after_layout):
        _edge(graph, edge, at, scene.overlay.get(edge.id, {}))
    for node_id in scene.nodes:  # a node stated again takes the overlay's attributes
        if node_id in scene.overlay:
            graph.node(_plain(node_id), **scene.overlay[node_id])
    if scene.legend:
        pinned = node_attributes(at, "legend") if at is not None else {}
        grid = at.legend_grid if at is not None else None
        label = legend_label(scene.legend, grid, probe=at is None)  # dot measures its rows
        graph.node("legend", label=label, shape="plain", **pinned)
    source: str = graph.source
    return source


def _node(graph: DotGraph, node: Node, at: Laid | None, *, bar: bool = False) -> None:
    text = "<BR/>".join(html_text(line) for line in textwrap.wrap(node.label, 18) or [""])
    small = style.FONT_SIZES["small"]
    if node.sublabel:
        sub = html_text(node.sublabel)
        text += f'<BR/><FONT POINT-SIZE="{small}" COLOR="{style.MUTED}">{sub}</FONT>'
    size = style.ICON_SIZE if not node.shape else style.ICON_SIZE * 2 // 3
    icon = shape_icon(node.shape) if node.shape else node_icon(node.type)
    label = (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
        f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{size}" HEIGHT="{size}">'
        f'<IMG SRC="{icon}" SCALE="TRUE"/></TD>{_marker(node)}</TR>'
        f'<TR><TD COLSPAN="{2 if node.marker else 1}">{text}</TD></TR></TABLE>>'
    )
    pinned = node_attributes(at, node.id) if at is not None else {}
    if bar and at is not None:  # laid out across its subnets (layout.bars)
        pinned |= style.BAR
    graph.node(_plain(node.id), label=label, tooltip=_plain(node.resource), **pinned)


def _marker(node: Node) -> str:
    """Return the cell beside an icon that names the rules it breaks, or none for a clean one."""
    return marker_cell(node.marker, node.severity)


def _unplaced(group: Group, name: str, at: Laid | None) -> bool:
    """Tell whether dot gave the box no place: one across zones, or an empty one.

    dot cannot nest a box across zones (the tidy pass draws it), and it drops
    an empty box, as in a design with nothing in the Region.
    """
    if group.spans:  # a box across zones is drawn over its slots (span_boxes)
        return at is None or name not in at.clusters or drawn_over_slots(group)
    return at is not None and name not in at.clusters and not group.nodes


def _group(graph: DotGraph, group: Group, scene: Scene, at: Laid | None) -> None:
    name = f"cluster_{group.id}"
    if _unplaced(group, name, at):
        return
    if group.kind == "asg-slot" and at is not None:  # the box across zones stands for it
        _contents(graph, group, scene, at)
        draw_over_slot(graph, group, scene, at, lambda box: _group_label(box, title_lines(box, at)))
        return
    with graph.subgraph(name=name) as cluster:
        attrs = {**style.GROUPS.get(group.kind, {}), **scene.overlay.get(group.id, {})}
        if at is not None:
            attrs["bb"] = rect_text(at.clusters[name])
        cluster.attr(
            label=_slot_label(group, scene) if group.kind == SLOT else _group_label(group),
            labeljust="l",
            fontname=style.FONT,
            fontsize=style.FONT_SIZES["group"],
            margin="12",
            **attrs,
        )
        if at is None:
            _anchor(cluster, group)
        for node_id in group.nodes:
            _node(cluster, scene.nodes[node_id], at, bar=node_id in scene.bars)
        if at is None and group.anchor:
            for node_id in _all_nodes(group):
                cluster.edge(group.anchor, node_id, style="invis", minlen="0")
        for child in group.groups:
            _group(cluster, child, scene, at)


def _contents(graph: DotGraph, group: Group, scene: Scene, at: Laid) -> None:
    """Draw a box's icons and inner boxes (a security group's) without the box itself."""
    for node_id in group.nodes:
        _node(graph, scene.nodes[node_id], at)
    for child in group.groups:
        _group(graph, child, scene, at)


def _anchor(cluster: DotGraph, group: Group) -> None:
    """Add the invisible point that pins a subnet to its row (edges tie it to what it holds)."""
    if not group.anchor:
        return
    if _all_nodes(group):
        cluster.node(
            group.anchor, label="", shape="point", style="invis", width="0.01", height="0.01"
        )
    else:  # an empty subnet keeps the size of its row's others
        cluster.node(group.anchor, label="", shape="box", style="invis", **_EMPTY_SUBNET_SIZE)


_EMPTY_SUBNET_SIZE = {"width": "1.2", "height": "1.0"}
"""Inches of one resource with a one-line label, which an empty subnet holds the place of."""


def _all_nodes(group: Group) -> list[str]:
    """Return the nodes of a group and of the groups inside it."""
    return [*group.nodes, *(n for child in group.groups for n in _all_nodes(child))]


def _group_label(group: Group, lines: list[str] | None = None) -> str:
    """Return a box's title: its icon, its name (in `lines` when given), its marker, its notes."""
    icon = group_icon(group.kind)
    text = html_text(group.label)
    if group.kind == "region":  # the Region's tab is a flag (AWS Architecture Icons)
        return f'<<FONT POINT-SIZE="{int(style.FONT_SIZES["group"]) + 3}">&#9873;</FONT> {text}>'
    name = "<BR/>".join(html_text(line) for line in name_lines(group))
    marker = marker_cell(group.marker, group.severity)
    if icon is None:
        return f"<{name}>" if not marker else f"<{_TABLE}<TR><TD>{name}</TD>{marker}</TR></TABLE>>"
    if lines is not None and len(lines) > 1:  # a title the tidy pass wrapped (span_titles)
        return wrapped_title(icon, lines, marker)
    return (
        f'<{_TABLE}<TR><TD FIXEDSIZE="TRUE" WIDTH="20" HEIGHT="20"><IMG SRC="{icon}" SCALE="TRUE"/>'
        f"</TD><TD{_LEFT if group.notes else ''}>&nbsp;{html_text(lines[0]) if lines else text}"
        f"</TD>{marker}</TR>{_notes(group)}</TABLE>>"
    )


def _slot_label(slot: Group, scene: Scene) -> str:
    """Return a slot's label for dot's first layout: the first line of the box across zones' title.

    The box is drawn over two or more slots with its title at the first
    one's top left, so every slot holds that line (the kind, its icon and
    marker): the first zone's share is at least as wide. The rest of the
    title runs on or wraps as that share allows (`span_titles`); a slot
    holding the whole title would widen every zone it is in.
    """
    owner = span_owner(scene.cloud, slot.id)
    if owner is None:
        return f"<{BOX_NAMES['asg']}>"
    return _group_label(owner, [first_line(owner.label)])


_TABLE = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
"""A box's name: its icon, its name and its marker side by side."""


_LEFT = ' ALIGN="LEFT"'
"""A box's name over notes keeps to the left, as its notes do."""


def _notes(group: Group) -> str:
    """Return the rows under a box's name: a route or NACL icon, its line, a finding's marker."""
    rows = []
    for icon, line in group.notes:
        ids, severity = group.note_marks.get(icon, ("", "")) if icon else ("", "")
        picture = f'<IMG SRC="{shape_icon(icon)}" SCALE="TRUE"/>' if icon else ""
        rows.append(
            f'<TR><TD FIXEDSIZE="TRUE" WIDTH="20" HEIGHT="20">{picture}</TD>'
            f'<TD ALIGN="LEFT"><FONT POINT-SIZE="{style.FONT_SIZES["note"]}" '
            f'COLOR="{style.MUTED}">&nbsp;{html_text(line)}</FONT></TD>'
            f"{marker_cell(ids, severity)}</TR>"
        )
    return "".join(rows)


def _row(graph: DotGraph, index: int, row: list[str], straddle: list[str]) -> None:
    """Hold one tier on one row across zones; its anchors keep the zones in order.

    A node that straddles the zones is chained between their anchors.
    """
    with graph.subgraph(name=f"row{index}") as rank:
        rank.attr(rank="same")
        for node_id in row:
            rank.node(node_id)
        anchors = [node for node in row if node.endswith("/anchor") or node in straddle]
        for left, right in itertools.pairwise(anchors):
            rank.edge(left, right, style="invis")


def _stack_rows(graph: DotGraph, scene: Scene) -> None:
    """Keep rows in tier order, top to bottom, with invisible edges between them."""
    for upper, lower in scene.stacks:
        graph.edge(upper, lower, style="invis", weight="10")
    for index, (left, right) in enumerate(scene.beside):
        with graph.subgraph(name=f"beside{index}") as rank:
            rank.attr(rank="same")
            rank.node(left)
            rank.node(right)
    for upper_node, lower_node in scene.above:
        graph.edge(upper_node, lower_node, style="invis", weight="5")


def _edge(graph: DotGraph, edge: Edge, at: Laid | None, overlay: dict[str, str]) -> None:
    attrs = {**style.EDGES[edge.kind], **overlay}
    if at is not None:
        attrs |= edge_attributes(at, edge.id, (edge.source, edge.target))
    label = edge_label(edge)
    if label:
        attrs["xlabel" if edge.label_outside else "label"] = label
    if edge.label_outside and "lp" in attrs:  # neato -n2 draws an xlabel at its xlp alone
        attrs["xlp"] = attrs.pop("lp")
    if not edge.constraint:
        attrs["constraint"] = "false"
    graph.edge(edge.source, edge.target, id=edge.id, **attrs)


_PLAIN = re.compile(r"[A-Za-z0-9_@/.:-]+")


def _plain(value: str) -> str:
    """Return a plain attribute value, after proving it needs no quoting at all.

    These values are model ids, which the loader restricts to a safe
    alphabet; anything else reaching here is a bug, not input to escape.
    """
    if not _PLAIN.fullmatch(value):
        raise ValueError(f"not a plain DOT value: {value!r}")
    return value
