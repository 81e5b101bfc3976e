"""draw.io styles of the AWS 2021+ shape set (mxgraph.aws4), by archgen type and group kind.

Each type declares its stencil and colour in its facts (model/resources).

Shape names follow draw.io's aws4 stencils; a wrong name renders as a blank box,
which the structural and real-client tests catch.
"""

from __future__ import annotations

from archgen.errors import RenderError
from archgen.layout import style
from archgen.layout.line_looks import look
from archgen.model.catalogue import CATALOGUE, facts_of
from archgen.safe_text import html_text

_LABEL = (
    "sketch=0;outlineConnect=0;fontColor=#232F3E;dashed=0;verticalLabelPosition=bottom;"
    "verticalAlign=top;align=center;html=1;fontSize=13;fontStyle=0;aspect=fixed;"
)
_RESOURCE_ICON = "strokeColor=#ffffff;shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.{name};"
_GLYPH = "gradientColor=none;strokeColor=none;pointerEvents=1;shape=mxgraph.aws4.{name};"

_CONTAINER = "container=1;pointerEvents=0;collapsible=0;recursiveResize=0;"
_GROUP = (
    "outlineConnect=0;gradientColor=none;html=1;whiteSpace=wrap;fontSize=13;fontStyle=0;"
    + _CONTAINER
    + "shape=mxgraph.aws4.group;verticalAlign=top;align=left;spacingLeft=30;"
)
GROUPS: dict[str, str] = {
    "cloud": _GROUP + "grIcon=mxgraph.aws4.group_aws_cloud_alt;strokeColor=#232F3E;fillColor=none;"
    "fontColor=#232F3E;dashed=0;",
    "region": _GROUP
    + "grIcon=mxgraph.aws4.group_region;strokeColor=#00A4A6;fillColor=none;fontColor=#147EBA;"
    "dashed=1;",
    "vpc": _GROUP
    + "grIcon=mxgraph.aws4.group_vpc2;strokeColor=#8C4FFF;fillColor=none;fontColor=#AAB7B8;"
    "dashed=0;",
    "az": "fillColor=none;strokeColor=#147EBA;dashed=1;verticalAlign=top;fontStyle=0;"
    "fontColor=#147EBA;whiteSpace=wrap;html=1;align=left;spacingLeft=10;" + _CONTAINER,
    "subnet-public": _GROUP
    + "grIcon=mxgraph.aws4.group_security_group;grStroke=0;strokeColor=#7AA116;"
    "fillColor=#F2F6E8;fontColor=#248814;dashed=0;",
    "subnet-private": _GROUP
    + "grIcon=mxgraph.aws4.group_security_group;grStroke=0;strokeColor=#00A4A6;"
    "fillColor=#E6F6F7;fontColor=#147EBA;dashed=0;",
    "asg": _GROUP + "grIcon=mxgraph.aws4.group_auto_scaling_group;grStroke=1;strokeColor=#D86613;"
    "fillColor=none;fontColor=#D86613;dashed=1;fontSize=13;",
    "ecs-service": _GROUP + "grIcon=mxgraph.aws4.ecs_service;grStroke=1;strokeColor=#ED7100;"
    "fillColor=none;fontColor=#ED7100;dashed=1;fontSize=13;",
    "sg": "fillColor=none;strokeColor=#DD3522;dashed=0;verticalAlign=top;fontStyle=0;"
    "fontColor=#DD3522;whiteSpace=wrap;html=1;align=left;spacingLeft=10;fontSize=13;" + _CONTAINER,
}

_LINE = "html=1;curved=1;fontSize=12;labelBackgroundColor=#ffffff;"
_ARROWS = {
    "filled": "block;endFill=1",
    "open": "open;endFill=0",
    "hollow": "block;endFill=0",
    "circle": "oval;endFill=0",
    "none": "none",
}
"""draw.io's end for each end a reader sees (`line_looks.ENDS`)."""
_DASHES = {"solid": "dashed=0;", "dashed": "dashed=1;", "dotted": "dashed=1;dashPattern=1 3;"}


def line_style(kind: str) -> str:
    """Return the draw.io style of a kind of line: the colour, stroke and ends the picture has."""
    seen = look(kind)
    end = _ARROWS[seen.end]
    start = end.replace("endFill", "startFill") if seen.both else "none"
    text = (
        _LINE + _DASHES[seen.stroke] + f"endArrow={end};startArrow={start};endSize=6;startSize=6;"
    )
    text += f"strokeColor={seen.colour};strokeWidth={seen.width:g};"
    colour = style.EDGES[kind].get("fontcolor")
    return text + (f"fontColor={colour};" if colour else "")


EDGES: dict[str, str] = {kind: line_style(kind) for kind in style.EDGES}

SHAPES: dict[str, str] = {
    "eni": "sketch=0;outlineConnect=0;fontColor=#232F3E;verticalLabelPosition=bottom;"
    "verticalAlign=top;align=center;html=1;fontSize=11;aspect=fixed;gradientColor=none;"
    "strokeColor=none;pointerEvents=1;fillColor=#8C4FFF;"
    "shape=mxgraph.aws4.elastic_network_interface;",
}
"""Styles of drawing-only shapes (layout.scene.Node.shape), by name."""

BAR = "rounded=1;whiteSpace=wrap;html=1;fillColor=#FFFFFF;strokeColor=#8C4FFF;arcSize=12;"
"""A load balancer's bar across its subnets, as `style.BAR` draws it in the picture."""

LEGEND_FONT = 13
"""The legend's font size (draw.io pixels)."""
LEGEND_SPACING = 6
"""The room draw.io keeps between the legend's border and its text (its `spacing`)."""
LEGEND = (
    "text;html=1;align=left;verticalAlign=top;whiteSpace=wrap;strokeColor=#AAB7B8;"
    f"fillColor=#ffffff;spacing={LEGEND_SPACING};fontSize={LEGEND_FONT};"
)


def node_style(type_name: str, own: str = "") -> str:
    """Return the style of a resource icon, from the shape its type's facts declare.

    A node with a drawing of its own (`own`: a network interface, an EFS mount
    target) is drawn with it, as in the picture, not as its resource's icon.
    """
    if own in SHAPES:
        return SHAPES[own]
    shape = facts_of(type_name).shape
    if shape is None:
        raise RenderError(f"the {type_name} type is not drawn as an icon")
    stencil = (_GLYPH if shape.glyph else _RESOURCE_ICON).format(name=shape.name)
    return f"{_LABEL}fillColor={shape.fill};{stencil}"


def shape_names() -> set[str]:
    """Return every mxgraph.aws4 name these styles use, for the tests to resolve."""
    shapes = (cls.facts.shape for cls in CATALOGUE.values())
    names = {f"mxgraph.aws4.{shape.name}" for shape in shapes if shape is not None}
    for text in [*GROUPS.values(), *SHAPES.values()]:
        names |= {
            part.split("=", 1)[1]
            for part in text.split(";")
            if part.startswith(("grIcon=", "shape=mxgraph.aws4."))
        }
    return names


def swatch(border: str, fill: str, *, dashed: bool = False) -> str:
    """Return a legend row's small box in a box kind's colours and border (a subnet's, a zone's)."""
    line = "dashed" if dashed else "solid"
    return (
        f'<span style="background-color:{fill};border:1px {line} {border};">'
        "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;</span>"
    )


def badge(text: str, colour: str = style.BADGE) -> str:
    """Return a flow badge or a finding's rule ids as a rounded tag, as the picture draws them."""
    return (
        f'<span style="background-color: {colour}; color: #ffffff; border-radius: 4px; '
        f'padding: 0 3px;"><b>{html_text(text)}</b></span>'
    )
