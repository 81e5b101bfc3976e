"""Colours and sizes of the AWS Architecture Icons group conventions (aws4 styles)."""

from __future__ import annotations

FONT = "DejaVu Sans"
INK = "#232F3E"
MUTED = "#545B64"
BADGE = "#D05C17"
PAGE_PAD_INCHES = 0.3
"""White space around the drawing."""

GROUPS: dict[str, dict[str, str]] = {
    "cloud": {"color": "#232F3E", "fontcolor": "#232F3E", "style": "solid"},
    "region": {"color": "#00A4A6", "fontcolor": "#147EBA", "style": "dashed"},
    "vpc": {"color": "#8C4FFF", "fontcolor": "#8C4FFF", "style": "solid"},
    "az": {"color": "#147EBA", "fontcolor": "#147EBA", "style": "dashed"},
    "subnet-public": {
        "color": "#7AA116",
        "fontcolor": "#248814",
        "style": "filled",
        "fillcolor": "#F2F6E8",
    },
    "subnet-private": {
        "color": "#00A4A6",
        "fontcolor": "#147EBA",
        "style": "filled",
        "fillcolor": "#E6F6F7",
    },
    "asg": {"color": "#D86613", "fontcolor": "#D86613", "style": "dashed"},
    "ecs-service": {"color": "#ED7100", "fontcolor": "#ED7100", "style": "dashed"},
    "asg-slot": {"style": "invis"},
    "sg": {"color": "#DD3522", "fontcolor": "#DD3522", "style": "solid", "bgcolor": "transparent"},
}

BAR = {
    "shape": "box",
    "style": "rounded,filled",
    "color": "#8C4FFF",
    "fillcolor": "white",
    "penwidth": "1.2",
    "fixedsize": "true",
}
"""A load balancer drawn across its subnets: a white bar in the networking colour."""

BLOCKED = "#D13212"
"""The colour of a line the network refuses, and of an error marker."""
WARNING = "#B7791F"
"""The colour of a warning marker."""

FONT_SIZES = {
    "title": "24",
    "group": "16",
    "node": "16",
    "edge": "15",
    "small": "14",
    "note": "18",
}
"""Points. A capstone is about 1,500 points wide: embedded 800 px wide, 11 pt is about 8 px.
A network view is wider (each subnet holds its routes and NACL rules): its notes are larger."""

EDGES: dict[str, dict[str, str]] = {
    "connection": {"color": INK, "penwidth": "1.2", "arrowsize": "0.7"},
    "event": {
        "color": INK,
        "penwidth": "1.2",
        "style": "dashed",
        "arrowhead": "vee",
        "arrowsize": "0.8",
    },
    "outbound": {"color": "#248814", "style": "dashed", "arrowsize": "0.7"},
    "blocked": {"color": BLOCKED, "fontcolor": BLOCKED, "penwidth": "1.6", "arrowsize": "0.7"},
    "protects": {
        "color": "#DD344C",
        "style": "dashed",
        "arrowhead": "odot",
        "arrowsize": "0.7",
        "constraint": "false",
    },
    # weight 0: the line pulls no icon sideways; minlen 2: on one row, two node gaps
    # between the API and the pool hold the label "checks tokens" placed after the layout
    "authorizer": {
        "color": "#0972D3",
        "penwidth": "1.2",
        "style": "dashed",
        "arrowhead": "onormal",
        "arrowsize": "0.8",
        "constraint": "false",
        "weight": "0",
        "minlen": "2",
    },
    "interface": {"color": "#ED7100", "style": "dotted", "arrowhead": "none"},
    "alias": {
        "color": "#8C4FFF",
        "penwidth": "1.6",
        "style": "dotted",
        "arrowhead": "onormal",
        "arrowsize": "0.8",
        "constraint": "false",
    },
    "replication": {
        "color": "#C925D1",
        "style": "dashed",
        "arrowsize": "0.6",
        "constraint": "false",
    },
    "role": {"color": "#DD344C", "style": "dotted", "arrowhead": "none", "constraint": "false"},
    "certificate": {"color": MUTED, "style": "dotted", "arrowhead": "none", "constraint": "false"},
}
"""Each kind of line, told apart by colour, stroke and end (`line_looks`): outbound traffic
in the public subnets' green (its way to the internet), a DNS alias dotted in Route 53's
purple with a hollow head, events and polls dashed with open heads (DESIGN 7.1), an API's
check of a user pool's tokens dashed in blue with a hollow head (the three reds are taken)."""

ICON_SIZE = 48
"""Pixels of an icon in the picture; labels sit below it."""
