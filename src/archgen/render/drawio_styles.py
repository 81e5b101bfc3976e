"""draw.io styles of the AWS 2021+ shape set (mxgraph.aws4), by archgen type and group kind.

Shape names follow draw.io's aws4 stencils; a wrong name renders as a blank box,
which the structural and real-client tests catch.
"""

from __future__ import annotations

_LABEL = (
    "sketch=0;outlineConnect=0;fontColor=#232F3E;dashed=0;verticalLabelPosition=bottom;"
    "verticalAlign=top;align=center;html=1;fontSize=11;fontStyle=0;aspect=fixed;"
)
_RESOURCE_ICON = "strokeColor=#ffffff;shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.{name};"
_GLYPH = "gradientColor=none;strokeColor=none;pointerEvents=1;shape=mxgraph.aws4.{name};"

_ICONS: dict[str, tuple[str, str, str]] = {
    "client": ("glyph", "users", "#232F3D"),
    "internet_gateway": ("glyph", "internet_gateway", "#8C4FFF"),
    "nat_gateway": ("glyph", "nat_gateway", "#8C4FFF"),
    "vpc_endpoint": ("glyph", "endpoints", "#8C4FFF"),
    "route53": ("icon", "route_53", "#8C4FFF"),
    "cloudfront": ("icon", "cloudfront", "#8C4FFF"),
    "api_gateway": ("icon", "api_gateway", "#E7157B"),
    "alb": ("glyph", "application_load_balancer", "#8C4FFF"),
    "waf": ("icon", "waf", "#DD344C"),
    "ec2": ("icon", "ec2", "#ED7100"),
    "autoscaling_group": ("glyph", "instance2", "#ED7100"),
    "lambda": ("icon", "lambda", "#ED7100"),
    "rds": ("icon", "rds", "#C925D1"),
    "dynamodb": ("icon", "dynamodb", "#C925D1"),
    "s3": ("icon", "s3", "#7AA116"),
    "elasticache": ("icon", "elasticache", "#C925D1"),
    "efs": ("icon", "elastic_file_system", "#7AA116"),
    "iam_role": ("glyph", "role", "#DD344C"),
    "cognito": ("icon", "cognito", "#DD344C"),
    "sqs": ("icon", "sqs", "#E7157B"),
    "sns": ("icon", "sns", "#E7157B"),
    "bedrock": ("icon", "bedrock", "#01A88D"),
    "cloudwatch": ("icon", "cloudwatch_2", "#E7157B"),
}

_CONTAINER = "container=1;pointerEvents=0;collapsible=0;recursiveResize=0;"
_GROUP = (
    "outlineConnect=0;gradientColor=none;html=1;whiteSpace=wrap;fontSize=12;fontStyle=0;"
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
    "fillColor=none;fontColor=#D86613;dashed=1;fontSize=11;",
}

EDGES: dict[str, str] = {
    "connection": "html=1;curved=1;endArrow=block;endSize=6;strokeColor=#232F3E;"
    "fontSize=10;labelBackgroundColor=#ffffff;",
    "alias": "html=1;curved=1;dashed=1;endArrow=open;strokeColor=#545B64;fontSize=10;"
    "labelBackgroundColor=#ffffff;",
    "replication": "html=1;curved=1;dashed=1;startArrow=block;endArrow=block;"
    "strokeColor=#C925D1;fontSize=10;labelBackgroundColor=#ffffff;",
    "role": "html=1;curved=1;dashed=1;dashPattern=1 3;endArrow=none;strokeColor=#DD344C;",
}

LEGEND = (
    "text;html=1;align=left;verticalAlign=top;whiteSpace=wrap;strokeColor=#AAB7B8;"
    "fillColor=#ffffff;spacing=6;fontSize=11;"
)


def node_style(type_name: str) -> str:
    """Return the style of a resource icon."""
    family, name, fill = _ICONS[type_name]
    shape = (_RESOURCE_ICON if family == "icon" else _GLYPH).format(name=name)
    return f"{_LABEL}fillColor={fill};{shape}"


def shape_names() -> set[str]:
    """Return every mxgraph.aws4 name these styles use, for the tests to resolve."""
    names = {f"mxgraph.aws4.{name}" for _, name, _ in _ICONS.values()}
    for style in GROUPS.values():
        names |= {
            part.split("=", 1)[1]
            for part in style.split(";")
            if part.startswith(("grIcon=", "shape=mxgraph.aws4."))
        }
    return names
