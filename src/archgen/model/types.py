"""Value types shared by the resource models: ids, references, CIDRs, ports.

Each type validates one thing and says in its message what a valid value looks
like, because these messages reach the user at the value's line and column.
"""

import ipaddress
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    WithJsonSchema,
)

ID_PATTERN = r"^[a-z][a-z0-9-]*$"
NAME_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
_CIDR_PATTERN = r"^\d{1,3}(\.\d{1,3}){3}/\d{1,2}$"
_PORT_RANGE = re.compile(r"^(\d{1,5})-(\d{1,5})$")

Tier = Literal["external", "presentation", "edge", "application", "data", "network", "identity"]
TIERS: tuple[Tier, ...] = (
    "external",
    "presentation",
    "edge",
    "application",
    "data",
    "network",
    "identity",
)

Whole = Annotated[int, Strict()]
"""A whole number as written: not true/false (which Python counts as 1/0), not 443.0."""

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=63)]
Zone = Annotated[str, Field(pattern=r"^[a-z]{2}(-[a-z]+)+-\d[a-z]$")]
Region = Annotated[str, Field(pattern=r"^[a-z]{2}(-[a-z]+)+-\d$")]

Label = Annotated[str, Field(max_length=200)]
"""A name drawn on a picture: a resource's or a connection's label."""
Heading = Annotated[str, Field(min_length=1, max_length=200)]
"""A line that heads something: the title, a flow's name."""
Prose = Annotated[str, Field(min_length=1, max_length=2000)]
"""A few sentences: why a resource is there, why a finding is accepted."""
Document = Annotated[str, Field(max_length=20_000)]
"""The description that opens the explanation.

Every free-text field has a bound: real ones are far shorter, and text
without one could make graphviz refuse a label (it stops at 16 KiB) or make
every output that repeats it grow with the size of the file.
"""


class Frozen(BaseModel):
    """Base of every model: immutable, and unknown keys are errors, not dropped typos."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


@dataclass(frozen=True)
class RefTo:
    """Marks a field as naming another resource of one of `types`.

    The loader's reference check reads this marker, so a reference's allowed
    targets are declared once, beside the field, and appear in the schema.
    """

    types: tuple[str, ...]
    trait: type | None = None
    """Instead of names: any type of the catalogue that has this trait (a mixin class)."""


def ref(*types: str, trait: type | None = None) -> RefTo:
    """Return the marker for a reference to resources of `types`, or of a trait's types.

    With neither, any type will do. A trait keeps the list where each type is
    declared: a new type that mixes it in is accepted with no list to edit.
    """
    return RefTo(types, trait)


def _check_cidr(value: str) -> str:
    try:
        network = ipaddress.IPv4Network(value, strict=False)
    except ValueError:
        raise ValueError(f"'{value}' is not an IPv4 CIDR block such as 10.0.0.0/16") from None
    if str(network) != value:
        raise ValueError(f"'{value}' has host bits set: the network is {network}")
    return value


Cidr = Annotated[
    str,
    AfterValidator(_check_cidr),
    WithJsonSchema({"type": "string", "pattern": _CIDR_PATTERN, "examples": ["10.0.0.0/16"]}),
]


def _digits_as_number(value: object) -> object:
    """Read a port written as a string of digits ("443") as the number it names.

    Ports are often quoted in YAML copied from elsewhere; a string of digits
    means one thing only. Anything else passes on unchanged, to be refused as
    it is (`true`, `443.0`, `"44 3"`).
    """
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 5:
        return int(value)
    return value


def _check_ports(value: int | str) -> int | str:
    if isinstance(value, int):
        if not 0 <= value <= 65535:
            raise ValueError(f"port {value} is outside 0-65535")
        return value
    if value == "all":
        return value
    match = _PORT_RANGE.match(value)
    if match is None:
        raise ValueError(f"'{value}' is not a port, a range such as 1024-65535, or all")
    low, high = int(match.group(1)), int(match.group(2))
    if not 0 <= low <= high <= 65535:
        raise ValueError(f"'{value}' is not a range within 0-65535 with low <= high")
    return value


Ports = Annotated[
    Whole | str,
    AfterValidator(_check_ports),
    BeforeValidator(_digits_as_number),
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "integer", "minimum": 0, "maximum": 65535},
                {"type": "string", "pattern": r"^(all|\d{1,5}|\d{1,5}-\d{1,5})$"},
            ]
        }
    ),
]
"""A port (443), an inclusive range ("1024-65535") or "all"."""


Port = Annotated[
    Whole,
    BeforeValidator(_digits_as_number),
    Field(ge=1, le=65535),
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "integer", "minimum": 1, "maximum": 65535},
                {"type": "string", "pattern": r"^\d{1,5}$"},
            ]
        }
    ),
]
"""One port: a whole number, or a string of its digits."""


def port_range(value: int | str | None) -> tuple[int, int]:
    """Return the inclusive range a `Ports` value covers; None and "all" cover every port."""
    if value is None or value == "all":
        return (0, 65535)
    if isinstance(value, int):
        return (value, value)
    low, high = value.split("-")
    return (int(low), int(high))


def _check_cidr_or_id(value: str) -> str:
    if value[:1].isdigit() or "/" in value:
        return _check_cidr(value)
    if re.match(ID_PATTERN, value) is None:
        raise ValueError(f"'{value}' is neither a CIDR block nor a resource id")
    return value


CidrOrId = Annotated[
    str,
    AfterValidator(_check_cidr_or_id),
    WithJsonSchema(
        {
            "type": "string",
            "description": "a CIDR block, or the id of a security group or prefix list",
            "pattern": r"^(\d{1,3}(\.\d{1,3}){3}/\d{1,2}|[a-z][a-z0-9-]*)$",
        }
    ),
]


def is_cidr(value: str) -> bool:
    """Tell a CIDR apart from a resource id where a field takes either."""
    try:
        _check_cidr(value)
    except ValueError:
        return False
    return True
