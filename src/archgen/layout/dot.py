"""The scene as DOT: boxes as clusters, icons as HTML-like labels, tiers as ranks.

Node ids are the scene's (model) ids, so the DOT, the picture and the draw.io
file all name things as the YAML does, and a re-run gives the same bytes.

User text never reaches the DOT source as it is. python-graphviz passes any
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

import graphviz

from archgen.layout import style
from archgen.layout.icons import group_icon, node_icon
from archgen.layout.scene import Edge, Group, Node, Scene
from archgen.safe_text import html_text


def build_dot(scene: Scene) -> str:
    """Return the DOT source of the scene."""
    graph = graphviz.Digraph(name=scene.name)
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
        fontsize="16",
        labelloc="t",
        label=f"<{html_text(scene.title)}>",
        bgcolor="white",
    )
    graph.attr("node", shape="plain", fontname=style.FONT, fontsize="11", fontcolor=style.INK)
    graph.attr("edge", fontname=style.FONT, fontsize="10", fontcolor=style.INK)
    for node_id in scene.outside:
        _node(graph, scene.nodes[node_id])
    _group(graph, scene.cloud, scene)
    for index, row in enumerate(scene.rows):
        _row(graph, index, row)
    _stack_rows(graph, scene)
    for edge in scene.edges:
        _edge(graph, edge, scene.overlay.get(edge.id, {}))
    for node_id in scene.nodes:  # a node stated again takes the overlay's attributes
        if node_id in scene.overlay:
            graph.node(_plain(node_id), **scene.overlay[node_id])
    if scene.legend:
        graph.node("legend", label=_legend(scene.legend), shape="plain")
    source: str = graph.source
    return source


def _node(graph: graphviz.Digraph, node: Node) -> None:
    text = "<BR/>".join(html_text(line) for line in textwrap.wrap(node.label, 18) or [""])
    if node.sublabel:
        text += f'<BR/><FONT POINT-SIZE="9" COLOR="{style.MUTED}">{html_text(node.sublabel)}</FONT>'
    size = style.ICON_SIZE
    label = (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
        f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{size}" HEIGHT="{size}">'
        f'<IMG SRC="{node_icon(node.type)}" SCALE="TRUE"/></TD></TR>'
        f"<TR><TD>{text}</TD></TR></TABLE>>"
    )
    graph.node(_plain(node.id), label=label, tooltip=_plain(node.resource))


def _group(graph: graphviz.Digraph, group: Group, scene: Scene) -> None:
    with graph.subgraph(name=f"cluster_{group.id}") as cluster:
        attrs = {**style.GROUPS.get(group.kind, {}), **scene.overlay.get(group.id, {})}
        cluster.attr(
            label=_group_label(group),
            labeljust="l",
            fontname=style.FONT,
            fontsize="11",
            margin="12",
            **attrs,
        )
        if group.anchor and _all_nodes(group):
            cluster.node(
                group.anchor, label="", shape="point", style="invis", width="0.01", height="0.01"
            )
        elif group.anchor:  # an empty subnet keeps the size of its row's others
            cluster.node(group.anchor, label="", shape="box", style="invis", **_EMPTY_SUBNET_SIZE)
        for node_id in group.nodes:
            _node(cluster, scene.nodes[node_id])
        if group.anchor:
            for node_id in _all_nodes(group):
                cluster.edge(group.anchor, node_id, style="invis", minlen="0")
        for child in group.groups:
            _group(cluster, child, scene)


_EMPTY_SUBNET_SIZE = {"width": "1.2", "height": "1.0"}
"""Inches of one resource with a one-line label, which an empty subnet holds the place of."""


def _all_nodes(group: Group) -> list[str]:
    """Return the nodes of a group and of the groups inside it."""
    return [*group.nodes, *(n for child in group.groups for n in _all_nodes(child))]


def _group_label(group: Group) -> str:
    icon = group_icon(group.kind)
    text = html_text(group.label)
    if icon is None:
        return f"<{text}>"
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
        f'<TD FIXEDSIZE="TRUE" WIDTH="20" HEIGHT="20"><IMG SRC="{icon}" SCALE="TRUE"/></TD>'
        f"<TD>&nbsp;{text}</TD></TR></TABLE>>"
    )


def _row(graph: graphviz.Digraph, index: int, row: list[str]) -> None:
    """Hold one tier on one row across zones; its anchors keep the zones in order."""
    with graph.subgraph(name=f"row{index}") as rank:
        rank.attr(rank="same")
        for node_id in row:
            rank.node(node_id)
        anchors = [node for node in row if node.endswith("/anchor")]
        for left, right in itertools.pairwise(anchors):
            rank.edge(left, right, style="invis")


def _stack_rows(graph: graphviz.Digraph, scene: Scene) -> None:
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


def _edge(graph: graphviz.Digraph, edge: Edge, overlay: dict[str, str]) -> None:
    attrs = {**style.EDGES[edge.kind], **overlay}
    label = _edge_label(edge)
    if label:
        attrs["label"] = label
    graph.edge(edge.source, edge.target, id=edge.id, **attrs)


def _legend(rows: list[tuple[str, str]]) -> str:
    """Return the legend: flow badges with their names, then the line styles."""
    cells = []
    for key, meaning in rows:
        if key.startswith("line:"):
            attrs = style.EDGES[key.removeprefix("line:")]
            line = "&middot; &middot; &middot;" if attrs.get("style") == "dotted" else "- - -"
            marker = f'<FONT COLOR="{attrs["color"]}"><B>{line}</B></FONT>'
        else:
            marker = (
                f'<TABLE BORDER="0" CELLPADDING="1"><TR><TD BGCOLOR="{style.BADGE}" '
                f'STYLE="rounded"><FONT COLOR="white"><B>&nbsp;{html_text(key)}&nbsp;</B></FONT>'
                "</TD></TR></TABLE>"
            )
        cells.append(
            f'<TR><TD ALIGN="CENTER">{marker}</TD><TD ALIGN="LEFT">{html_text(meaning)}</TD></TR>'
        )
    return (
        '<<TABLE BORDER="1" COLOR="#AAB7B8" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3">'
        '<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>' + "".join(cells) + "</TABLE>>"
    )


def _edge_label(edge: Edge) -> str:
    if not edge.label and not edge.badges:
        return ""
    cells = "".join(
        f'<TD BGCOLOR="{style.BADGE}" STYLE="rounded"><FONT COLOR="white"><B>&nbsp;{html_text(b)}'
        "&nbsp;</B></FONT></TD>"
        for b in edge.badges
    )
    text = f'<TD><FONT POINT-SIZE="9">{html_text(edge.label)}</FONT></TD>' if edge.label else ""
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1" BGCOLOR="white">'
        f"<TR>{cells}{text}</TR></TABLE>>"
    )


_PLAIN = re.compile(r"[A-Za-z0-9_@/.:-]+")


def _plain(value: str) -> str:
    """Return a plain attribute value, after proving it needs no quoting at all.

    These values are model ids, which the loader restricts to a safe
    alphabet; anything else reaching here is a bug, not input to escape.
    """
    if not _PLAIN.fullmatch(value):
        raise ValueError(f"not a plain DOT value: {value!r}")
    return value
