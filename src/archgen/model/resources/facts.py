"""What a resource type is, declared once on its class: `Facts` and the trait mixins.

Every stage that asks "what kind of thing is this?" (placement, icon, draw.io
shape, default port, rationale, public address, subnets, role) reads the
declaration or the trait here instead of a chain of isinstance checks or a
dict keyed by type name elsewhere, so a new type is one class and one line in
the catalogue. The model must not import layout, render or explain: the icon
and the shape are declared as data (an icon file of the `diagrams` package, an
aws4 stencil name) that those layers resolve.
"""

from __future__ import annotations

import abc
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from archgen.model.types import Tier

Placement = Literal["outside", "global", "regional", "vpc", "subnet"]
"""Where a resource is drawn: outside the AWS Cloud, in it, in the Region, in a VPC, in subnets."""

Drawn = Literal[
    "hidden", "icon", "per_subnet", "primary_standby", "across_zones", "vpc_edge", "interfaces"
]
"""How a resource is drawn.

hidden: as a box or not at all (its effect shows in colours and the trace);
icon: one icon; per_subnet: one icon in each of its subnets; primary_standby:
the primary, and a standby in a second zone when Multi-AZ; across_zones: one
icon between the zones it is enabled in; vpc_edge: on the VPC's border;
interfaces: one icon in the Region, and in each of its subnets the network
interface its callers reach (an EFS file system and its mount targets).
"""


@dataclass(frozen=True, kw_only=True)
class Shape:
    """A draw.io AWS 2021+ shape: `mxgraph.aws4.<name>`, as a resource icon or a glyph."""

    name: str
    fill: str
    glyph: bool = False
    """A glyph is drawn as the bare stencil; otherwise the stencil sits in a coloured square."""


@dataclass(frozen=True, kw_only=True)
class Facts:
    """What archgen knows of one resource type beyond its fields; every field is required.

    No defaults on purpose: a new type states each fact, and a test checks each
    icon and shape resolves, rather than inheriting a silent guess. The
    constructors below name a kind of type (`plumbing`, `regional_service`,
    `subnet_service`) whose facts follow from the kind; the rest stays stated.
    """

    service: str
    """The AWS service name the explanation and the picture's text alternative use."""
    tier: Tier
    """The tier a resource serves when its `tier` is omitted."""
    placement: Placement
    icon: str | None
    """The icon drawn, a file of the `diagrams` package's AWS icons (`aws/compute/ec2.png`);
    None when not drawn. Its folder is the icon's AWS category."""
    shape: Shape | None
    """The draw.io shape; None when not drawn."""
    drawn: Drawn
    port: int | None
    """The port the service listens on when a connection names none; None: the protocol's."""
    rationale: str | None
    """The key of the built-in rationale in the explanation; None: not explained on its own."""
    signed_api: bool
    """Reached through the signed AWS API, so only with IAM permissions (AG501)."""
    endpoint: str | tuple[str, ...] | None
    """The VPC endpoint service name that reaches it privately (`bedrock-runtime` for Bedrock,
    `secretsmanager`, `s3`), which a `vpc_endpoint`'s `service` names; None: no endpoint.
    Several names when the service needs an endpoint for each (Systems Manager: `ssm`,
    `ssmmessages`, `ec2messages`): the private path exists only when all are there."""

    @property
    def endpoints(self) -> tuple[str, ...]:
        """Return the endpoint service names as a tuple: none, one or several."""
        if self.endpoint is None:
            return ()
        return (self.endpoint,) if isinstance(self.endpoint, str) else self.endpoint


def plumbing(service: str, *, placement: Placement = "vpc", rationale: str | None = None) -> Facts:
    """Return the facts of network plumbing: never drawn, its effect shown by colours and traces.

    Subnets, route tables, network ACLs and security groups state only their
    name; everything else about them is what makes them plumbing. The VPC and
    prefix lists sit in the Region and have a rationale of their own.
    """
    return Facts(
        service=service,
        tier="network",
        placement=placement,
        icon=None,
        shape=None,
        drawn="hidden",
        port=None,
        rationale=rationale,
        signed_api=False,
        endpoint=None,
    )


regional_service = functools.partial(
    Facts, placement="regional", drawn="icon", port=None, signed_api=True
)
"""The facts of a managed service of the Region, reached through the signed AWS API.

Queues, topics, tables, buckets, keys and the like: AWS runs them outside any
VPC, a caller reaches them with IAM permissions over HTTPS on no port of their
own, and the picture draws one icon in the Region (unless `drawn` says else).
"""

subnet_service = functools.partial(
    Facts, placement="subnet", port=None, signed_api=False, endpoint=None
)
"""The facts of a type with network interfaces in subnets, reached over the VPC.

Instances, databases, caches, load balancers: their traffic passes routes,
network ACLs and security groups, not the signed AWS API, and no VPC endpoint
stands in for them. They listen on their protocol's port unless `port` says else.
"""


class InSubnet:
    """Trait: has its network interface in the one subnet its `subnet` names."""

    if TYPE_CHECKING:  # the field itself is the class's; pydantic must not see it twice
        subnet: str

    subnet_field: ClassVar[str] = "subnet"

    def subnet_ids(self) -> tuple[str, ...]:
        """Return the subnets the resource has network interfaces in."""
        return (self.subnet,)

    def subnet_path(self, index: int) -> tuple[str | int, ...]:
        """Return where the `index`th subnet is named, for a finding about it."""
        del index  # one subnet, one key
        return (self.subnet_field,)


class InSubnets:
    """Trait: has network interfaces in each of its `subnets` (one node or copy per subnet)."""

    if TYPE_CHECKING:  # the field itself is the class's; pydantic must not see it twice
        subnets: tuple[str, ...]

    subnet_field: ClassVar[str] = "subnets"

    def subnet_ids(self) -> tuple[str, ...]:
        """Return the subnets without repeats, in declaration order."""
        return tuple(dict.fromkeys(self.subnets))

    def subnet_path(self, index: int) -> tuple[str | int, ...]:
        """Return where the `index`th subnet is named, for a finding about it."""
        return (self.subnet_field, index)


class Boxed:
    """Trait: its copies, one in each subnet, are drawn inside one box across its zones.

    AWS draws an Auto Scaling group, or an ECS service, as one box around its
    instances or tasks however many zones it spans; a box per subnet reads as
    several groups. The layout names, styles and spans the box by its kind.
    """

    box: ClassVar[str]
    """The kind of box: `asg` (an Auto Scaling group) or `ecs-service`."""


class HasSecurityGroups:
    """Trait: its network interfaces carry `security_groups` (none named: the VPC's default)."""

    if TYPE_CHECKING:  # the field itself is the class's; pydantic must not see it twice
        security_groups: tuple[str, ...]

    def group_ids(self) -> tuple[str, ...]:
        """Return the security groups it names, in declaration order."""
        return self.security_groups

    def filtered_by_groups(self) -> bool:
        """Tell whether groups filter its traffic; without any named, the VPC's default does."""
        return True


class InVpc:
    """Trait: belongs to the VPC its `vpc` names, without interfaces in a subnet."""

    if TYPE_CHECKING:  # the field itself is the class's; pydantic must not see it twice
        vpc: str

    def vpc_id(self) -> str:
        """Return the VPC the resource belongs to."""
        return self.vpc


class AssumesRole:
    """Trait: can assume an IAM role, so a role's `assumed_by` may name it.

    Compute holds one for its code; API Gateway, CloudFront and EventBridge
    assume one to reach their integrations, origins and targets.
    """


class HoldsRole(AssumesRole):
    """Trait: runs application code, under the IAM role its `role` names (compute)."""

    if TYPE_CHECKING:  # the field itself is the class's; pydantic must not see it twice
        role: str | None

    def own_role(self) -> str | None:
        """Return the role the resource declares itself, if any."""
        return self.role


class InManagedPrefixList:
    """Trait: the service's own addresses form an AWS-managed prefix list (`managed_list`).

    Its traffic comes from that list, so a security group rule naming the list
    admits the service and nobody else (CloudFront's origin-facing servers).
    """

    managed_list: ClassVar[str]


class FrontDoor:
    """Trait: a door clients reach from the internet (CDN, API front door, load balancer).

    What reaches it from a client must be HTTPS (AG402); behind it, the VPC decides.
    """


class MayBePublic(abc.ABC):
    """Trait: can have a public IPv4 address, which the internet can reach directly.

    Each type says when by its own fields, so the trait only names the question;
    a type that takes the trait without answering it cannot be built.
    """

    @abc.abstractmethod
    def has_public_address(self, auto_assign: bool) -> bool:
        """Tell whether it has one in a subnet that does (or does not) `auto_assign` them."""


class NeedsRole(HoldsRole):
    """Trait: AWS runs it only under a role (a function's execution role, a task role, ...).

    AG501 reports one that declares none, in the name AWS gives that role.
    """

    role_kind: ClassVar[str] = "execution role"


class SpansZones:
    """Trait: keeps serving through the loss of a zone only when spread over two (AG103).

    Each type says what it does in its zones and what a single zone costs it,
    so one rule judges Auto Scaling groups, container services and clusters.
    """

    zone_verb: ClassVar[str]
    """What it does in its zones, e.g. "launches" or "runs tasks"."""
    zone_loss: ClassVar[str]
    """What losing its only zone costs."""

    def zone_gap(self, zones: tuple[str, ...]) -> tuple[str, str] | None:
        """Return what is wrong and the field to fix when `zones` leave it in one zone."""
        if len(zones) >= 2:
            return None
        where = ", ".join(zones) or "no zone"
        return f"{self.zone_verb} only in {where}: {self.zone_loss}", "subnets"
