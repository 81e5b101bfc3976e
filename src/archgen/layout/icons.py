"""The AWS Architecture Icons that the `diagrams` package ships, by archgen type.

Each type names its icon's file in its facts (model/resources); this module
finds the folder the files are in. It only locates the `diagrams` package and
never imports it: importing it loads the python `graphviz` package and every
`diagrams` class of a category, a thirtieth of a render, for a file name.

Only this module knows where `diagrams` keeps its icons; it is imported when a
picture is drawn, never by `import archgen` or `archgen check`.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from archgen.errors import RenderError

_GROUP_ICONS = {
    "cloud": "aws/general/general.png",
    "vpc": "aws/network/vpc.png",
    "subnet-public": "aws/network/public-subnet.png",
    "subnet-private": "aws/network/private-subnet.png",
    "asg": "aws/compute/ec2-auto-scaling.png",
    "ecs-service": "aws/compute/elastic-container-service-service.png",
}


@functools.cache
def _resources() -> Path:
    """Return the folder beside the `diagrams` package that holds its icons, found, not imported."""
    found = importlib.util.find_spec("diagrams")
    if found is None or found.origin is None:  # pragma: no cover (a dependency of archgen)
        raise RenderError("the diagrams package is missing: reinstall archgen")
    return Path(found.origin).resolve().parent.parent / "resources"


def icon_root() -> Path:
    """Return the folder the icons live in (it differs from one install to another)."""
    return _resources()


def node_icon(type_name: str) -> Path:
    """Return the icon file of a resource type, the one its facts name."""
    # Imported here: `render --check` reaches icon_root() and must load no model (pydantic).
    from archgen.model.catalogue import facts_of

    path = facts_of(type_name).icon
    if path is None:
        raise RenderError(f"the {type_name} type is not drawn as an icon")
    return _resources() / path


_SHAPE_ICONS = {
    "eni": "aws/network/vpc-elastic-network-interface.png",
    "route-table": "aws/network/route-table.png",
    "nacl": "aws/network/nacl.png",
}
"""Icons of things drawn that are no resource type of their own (notes of the network view)."""


def shape_icon(shape: str) -> Path:
    """Return the icon of a drawing-only shape, such as a function's network interface."""
    return _resources() / _SHAPE_ICONS[shape]


def group_icon(kind: str) -> Path | None:
    """Return the tab icon of a group kind, if the AWS conventions give it one."""
    relative = _GROUP_ICONS.get(kind)
    return _resources() / relative if relative else None
