"""The scene as a Mermaid flowchart: boxes as nested subgraphs, resources as nodes, classes.

The same scene the DOT is built from, so the flowchart GitHub, GitLab or MkDocs
draws inline names, labels, badges and groups exactly as the PNG does: AWS
Cloud > Region > VPC > Availability Zone > subnet (> Auto Scaling group).
Mermaid lays it out itself; the rows and columns graphviz is held to are not
repeated here, since Mermaid has no way to say them.

Given a `status` per scene id (a diff's added, removed, changed and the rest),
the nodes and lines take the diff's classes instead of their service colours.
All text reaches the source through `mermaid_text`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from archgen.layout.line_looks import Look, look
from archgen.layout.marks import legend_mark
from archgen.layout.mermaid_order import order_links
from archgen.layout.mermaid_text import group_id, label, mermaid_id
from archgen.layout.scene import Edge, Group, Node, Scene
from archgen.model.catalogue import facts_of

CATEGORY_STYLES = {
    "compute": "fill:#FDF1E6,stroke:#ED7100,color:#232F3E",
    "database": "fill:#F9E9FA,stroke:#C925D1,color:#232F3E",
    "network": "fill:#F3EDFF,stroke:#8C4FFF,color:#232F3E",
    "storage": "fill:#F2F6E8,stroke:#7AA116,color:#232F3E",
    "security": "fill:#FCEBED,stroke:#DD344C,color:#232F3E",
    "integration": "fill:#FDE8F2,stroke:#E7157B,color:#232F3E",
    "analytics": "fill:#F3EDFF,stroke:#8C4FFF,color:#232F3E",
    "ml": "fill:#E6F6F3,stroke:#01A88D,color:#232F3E",
    "management": "fill:#FDE8F2,stroke:#E7157B,color:#232F3E",
    "general": "fill:#FFFFFF,stroke:#232F3E,color:#232F3E",
    "legend_row": "fill:#FFFFFF,stroke:#FFFFFF,color:#232F3E",
}
"""A class per AWS icon category (the `diagrams` module a type's icon comes from)."""

GROUP_STYLES = {
    "cloud": "fill:none,stroke:#232F3E,color:#232F3E",
    "region": "fill:none,stroke:#00A4A6,color:#147EBA,stroke-dasharray:5 5",
    "vpc": "fill:none,stroke:#8C4FFF,color:#8C4FFF",
    "az": "fill:none,stroke:#147EBA,color:#147EBA,stroke-dasharray:5 5",
    "subnet_public": "fill:#F2F6E8,stroke:#7AA116,color:#248814",
    "subnet_private": "fill:#E6F6F7,stroke:#00A4A6,color:#147EBA",
    "asg": "fill:none,stroke:#D86613,color:#D86613,stroke-dasharray:5 5",
    "asg_slot": "fill:none,stroke:#D86613,color:#D86613,stroke-dasharray:5 5",
    "ecs_service": "fill:none,stroke:#ED7100,color:#ED7100,stroke-dasharray:5 5",
    "legend": "fill:#FFFFFF,stroke:#AAB7B8,color:#232F3E",
}
"""The AWS Architecture Icons group conventions, as in the PNG (layout.style)."""

DIFF_STYLES = {
    "added": "fill:#E8F5E9,stroke:#1E8E3E,stroke-width:3px,color:#1E5631",
    "removed": "fill:#FDECEA,stroke:#D13212,stroke-width:3px,stroke-dasharray:6 4,color:#8A1C0B",
    "changed": "fill:#FFF4E0,stroke:#E07B00,stroke-width:3px,color:#7A4100",
    "same": "fill:#F7F7F7,stroke:#AAB7B8,color:#687078",
    "legend_row": "fill:#FFFFFF,stroke:#FFFFFF,color:#232F3E",
}
"""A change's colours: added green, removed red and dashed, changed amber, the rest grey."""

DIFF_LINKS = {
    "added": "stroke:#1E8E3E,stroke-width:2.5px",
    "removed": "stroke:#D13212,stroke-width:2.5px,stroke-dasharray:6 4",
    "changed": "stroke:#E07B00,stroke-width:2.5px",
    "same": "stroke:#AAB7B8",
}

_LEGEND_BOXES = {
    "box:subnet-public": "green box:",
    "box:subnet-private": "teal box:",
    "box:az": "dashed blue box:",
    "box:asg": "dashed orange box:",
    "box:ecs-service": "dashed orange box:",
}

_DOT = "#183;"
"""A middle dot between a line's badges and its words."""


MAX_TEXT = 50_000
MAX_EDGES = 500
"""Mermaid's defaults (`maxTextSize`, `maxEdges`): a larger chart is drawn as an error."""


def fits(source: str) -> bool:
    """Tell whether a Markdown host will draw `source` with Mermaid's default limits."""
    edges = sum(1 for line in source.splitlines() if _EDGE_LINE.match(line))
    return len(source) <= MAX_TEXT and edges <= MAX_EDGES


_EDGE_LINE = re.compile(r"\s*n_\w+ (-->|-\.->|<-\.->|-\.-|~~~)")


def mermaid_source(scene: Scene, status: Mapping[str, str] | None = None) -> str:
    """Return the flowchart of `scene`; with `status`, coloured by what a change did to each id."""
    lines = ["flowchart TB"]
    for node_id in scene.outside:
        lines.append(_node(scene.nodes[node_id], 1, status))
    lines += _group(scene.cloud, scene, 1, status)
    if scene.legend:  # the flows' badges need their key in a change's picture too
        lines += _legend(_legend_rows(scene))
    links: dict[str, list[int]] = {}
    for number, edge in enumerate(e for e in scene.edges if _drawn(e, scene)):
        lines.append(_edge(edge, status))
        kind = status.get(edge.id, "same") if status is not None else _link_class(edge)
        links.setdefault(kind, []).append(number)
    for upper, lower in order_links(scene):  # after the lines, so linkStyle numbers hold
        if status is not None and "removed" in (status.get(upper), status.get(lower)):
            continue  # what left is drawn where it was, but shapes nothing that stayed
        lines.append(f"  {mermaid_id(upper)} ~~~ {mermaid_id(lower)}")
    lines += _styles(scene, status, links)
    return "\n".join(lines) + "\n"


def _drawn(edge: Edge, scene: Scene) -> bool:
    """Tell whether both ends are nodes (a line to an invisible anchor is layout only)."""
    return edge.source in scene.nodes and edge.target in scene.nodes


def _node(node: Node, depth: int, status: Mapping[str, str] | None) -> str:
    text = label(node.label)
    if node.sublabel:
        text += f"<br/>{label(node.sublabel)}"
    kind = status.get(node.id, "same") if status is not None else category(node.type)
    return f'{"  " * depth}{mermaid_id(node.id)}["{text}"]:::{kind}'


def category(type_name: str) -> str:
    """Return the AWS icon category of a type: the folder its icon is drawn from."""
    icon = facts_of(type_name).icon or "aws/general/general.png"
    name = icon.split("/")[-2]
    return name if name in CATEGORY_STYLES else "general"


def _group(group: Group, scene: Scene, depth: int, status: Mapping[str, str] | None) -> list[str]:
    if group.spans:  # Mermaid nests strictly: each zone's slot of the group stands for it
        return []
    pad = "  " * depth
    lines = [f'{pad}subgraph {group_id(group.id)}["{label(group.label)}"]']
    lines += [_node(scene.nodes[node_id], depth + 1, status) for node_id in group.nodes]
    for child in group.groups:
        lines += _group(child, scene, depth + 1, status)
    lines.append(f"{pad}end")
    return lines


def _legend_rows(scene: Scene) -> list[tuple[str, str]]:
    """Return the scene's key, with the dashed line of events and polls when there is one."""
    rows = [row for row in scene.legend if not row[0].startswith("mark:")]  # no markers here
    one_way = any(edge.mode != "request" for edge in scene.edges)
    if one_way and ("line:event", _ONE_WAY) not in rows:
        rows.append(("line:event", _ONE_WAY))
    return rows


_ONE_WAY = "event or poll: one way, started by AWS"


def _legend(rows: list[tuple[str, str]]) -> list[str]:
    """Return the key: each flow's badge prefix with its name, then the line styles used."""
    lines = [f'  subgraph {group_id("legend")}["Legend"]']
    for number, (key, meaning) in enumerate(rows):
        shown = key.removeprefix("line:")
        finding = legend_mark(key)
        if finding is not None:
            shown = finding[1]
        marker = f"{look(shown).words()}:" if key.startswith("line:") else f"{shown}:"
        marker = _LEGEND_BOXES.get(key, marker)
        row = mermaid_id(f"legend/{number}")
        lines.append(f'    {row}["{label(marker)} {label(meaning)}"]:::legend_row')
    lines.append("  end")
    return lines


def _edge(edge: Edge, status: Mapping[str, str] | None) -> str:
    arrow = _arrow(look(_link_class(edge)))
    if status is not None and status.get(edge.id) == "removed" and "." not in arrow:
        arrow = "-.->"
    words = [label(" ".join(edge.badges))] if edge.badges else []
    if edge.label:
        words.append(label(edge.label))
    text = f" {_DOT} ".join(words)
    shown = f'|"{text}"|' if text else ""
    return f"  {mermaid_id(edge.source)} {arrow}{shown} {mermaid_id(edge.target)}"


def _link_class(edge: Edge) -> str:
    """Return the kind of line drawn: a one-way connection (event, poll) is dashed."""
    return "event" if edge.mode != "request" and edge.kind == "connection" else edge.kind


def _arrow(seen: Look) -> str:
    """Return Mermaid's link for a look: solid `--` or dashed `-.-`, then its end (`>`, `o`)."""
    solid = seen.stroke == "solid"
    if seen.end == "none":
        return "---" if solid else "-.-"
    if seen.end == "circle":
        return "--o" if solid else "-.-o"
    arrow = "-->" if solid else "-.->"
    return "<" + arrow if seen.both else arrow


def _link_style(seen: Look) -> str:
    """Return the CSS of a kind of line: its colour, width and dashes, as the picture has them."""
    dashes = {"dashed": ",stroke-dasharray:6 4", "dotted": ",stroke-dasharray:2 3"}
    return f"stroke:{seen.colour},stroke-width:{seen.width + 0.3:g}px" + dashes.get(seen.stroke, "")


def _styles(
    scene: Scene, status: Mapping[str, str] | None, links: dict[str, list[int]]
) -> list[str]:
    """Return the class definitions, the groups' classes and each kind of line's style."""
    node_styles = DIFF_STYLES if status is not None else CATEGORY_STYLES
    lines = [f"  classDef {name} {style}" for name, style in node_styles.items()]
    groups = _all_groups(scene.cloud)
    for kind, style in GROUP_STYLES.items():
        named = [group_id(g.id) for g in groups if _group_class(g, status) == kind]
        if kind == "legend" and scene.legend:
            named.append(group_id("legend"))
        if named:
            lines.append(f"  classDef group_{kind} {style}")
            lines.append(f"  class {','.join(named)} group_{kind}")
    if status is not None:
        lines += _changed_groups(groups, status)
    for kind, numbers in sorted(links.items()):
        css = DIFF_LINKS[kind] if status is not None else _link_style(look(kind))
        lines.append(f"  linkStyle {','.join(map(str, numbers))} {css}")
    return lines


def _group_class(group: Group, status: Mapping[str, str] | None) -> str:
    unchanged = status is None or status.get(group.id, "same") == "same"
    return group.kind.replace("-", "_") if unchanged else ""


def _changed_groups(groups: list[Group], status: Mapping[str, str]) -> list[str]:
    """Give a box that came or went with the change its colour, in place of its kind's."""
    lines = []
    for kind in ("added", "removed", "changed"):
        named = [group_id(g.id) for g in groups if status.get(g.id) == kind]
        if named:
            lines.append(f"  class {','.join(named)} {kind}")
    return lines


def _all_groups(group: Group) -> list[Group]:
    return [group, *(g for child in group.groups for g in _all_groups(child))]
