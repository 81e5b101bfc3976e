"""What the explanation states, as data: no sentence.

`gather`, `flows` and `security` fill these from the model and the network
analysis's verdicts; `phrases` and `walk` word them. Strings here are the
user's or the model's own values (ids, labels, zones, rule texts), never prose;
the one Markdown is how a resource is named (`Ref.name`), escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from archgen.network.verdict import Direction
from archgen.safe_markdown import Md, code, md


@dataclass(frozen=True)
class Ref:
    """A resource as the text names it: its id, its label, and the reason given for it."""

    id: str
    label: str = ""
    why: str = ""

    @property
    def name(self) -> Md:
        """Return "Label (`id`)", or the id alone in code when there is no label."""
        return md("{} ({})", self.label, code(self.id)) if self.label else code(self.id)


@dataclass(frozen=True)
class ServiceFacts:
    """A service the design uses, why such a service, and its resources (each with its reason)."""

    service: str
    rationale: str
    resources: tuple[Ref, ...]


@dataclass(frozen=True)
class LayerFacts:
    """How the presentation and application layers are split, or the resources that mix them."""

    mixed: tuple[Ref, ...]
    presentation: tuple[Ref, ...]
    doors: tuple[Ref, ...]
    """API gateways and load balancers: the application layer's entrances."""
    compute: tuple[Ref, ...]


@dataclass(frozen=True)
class End:
    """One end of a hop: a subnet in a zone, the internet, or a public AWS endpoint."""

    subnet: str | None
    zone: str | None
    internet: bool


@dataclass(frozen=True)
class Admission:
    """One component that admitted the traffic, and the rules that did."""

    kind: str
    component: str
    way: str
    """"inbound" or "outbound" for a network ACL, else ""."""
    rules: tuple[str, ...]


@dataclass(frozen=True)
class OutsideControls:
    """What governs a call outside any VPC: TLS policy, Origin Access Control, IAM roles."""

    target: Ref
    viewer_protocol: str | None
    origin_access: bool
    roles: tuple[Ref, ...]


@dataclass(frozen=True)
class Inside:
    """How a hop inside a VPC runs: between which subnets, and what admitted it."""

    ends: tuple[End, End]
    admitted: tuple[Admission, ...]
    pairs: int
    """How many pairs of subnets the analysis checked, all with the same result."""
    standby: bool
    """The target is a database whose standby was checked too."""


@dataclass(frozen=True)
class Outside:
    """How a hop outside any VPC runs: over the internet or AWS's network, under what."""

    internet: bool
    """The caller is a client on the internet, not an AWS service."""
    controls: OutsideControls | None
    """What governs the request; None on the way back, which reuses the connection."""


@dataclass(frozen=True)
class Leg:
    """One hop of a flow in one direction."""

    badge: str
    direction: Direction
    source: Ref
    target: Ref
    protocol: str
    port: int
    path: Inside | Outside


@dataclass(frozen=True)
class Dns:
    """The alias record a flow's first call resolves through."""

    route53: Ref
    domain: str | None
    target: Ref


@dataclass(frozen=True)
class FlowFacts:
    """A flow from the client to the data store, and the way back."""

    name: str
    prefix: str
    dns: Dns | None
    forward: tuple[Leg, ...]
    back: tuple[Leg, ...]


Outcome = Literal[
    "single_database",
    "failover",
    "standby_lost",
    "nat_in_zone",
    "nat_across_zones",
    "only_here",
    "balancer",
    "scaling_group",
    "keeps_running",
]


@dataclass(frozen=True)
class Effect:
    """What losing one zone does to one resource."""

    resource: Ref
    outcome: Outcome
    zone: str
    remaining: tuple[str, ...] = ()
    """The zones the resource still runs in."""
    primary: str = ""
    """The zone of a database's primary, when its standby is lost."""
    served: tuple[str, ...] = ()
    """The subnets that route through a NAT gateway."""


@dataclass(frozen=True)
class SubnetRouting:
    """A subnet, its route table and the routes that make it public, private or isolated."""

    subnet: Ref
    cidr: str
    zone: str
    table: str | None
    routes: tuple[tuple[str, str], ...]
    """(destination, target) pairs."""
    public: bool


@dataclass(frozen=True)
class AclFacts:
    """A network ACL, the subnets it guards, and its rules in evaluation order."""

    acl: Ref
    subnets: tuple[str, ...]
    inbound: tuple[str, ...]
    outbound: tuple[str, ...]


@dataclass(frozen=True)
class GroupFacts:
    """A security group, what holds it, and its rules as (traffic, peer) pairs."""

    group: Ref
    holders: tuple[str, ...]
    ingress: tuple[tuple[str, str], ...]
    egress: tuple[tuple[str, str], ...] | None
    """None when the group sends anything out (no egress rules declared)."""


@dataclass(frozen=True)
class RoleFacts:
    """An IAM role, what assumes it, and what it allows."""

    role: Ref
    holders: tuple[Ref, ...]
    allows: tuple[Ref, ...]


Safeguard = Literal[
    "origin_access",
    "public_access_blocked",
    "encrypted",
    "storage_encrypted",
    "publicly_accessible",
    "access_logging",
]


@dataclass(frozen=True)
class Protection:
    """How one edge, data or API resource is protected: each safeguard its type has, on or off."""

    resource: Ref
    kind: Literal["cdn", "bucket", "database", "api"]
    safeguards: tuple[tuple[Safeguard, bool], ...]
    viewer_protocol: str = ""
    """A CloudFront distribution's viewer protocol policy."""


@dataclass(frozen=True)
class SecurityFacts:
    """The security layers, outermost first."""

    routing: tuple[SubnetRouting, ...]
    acls: tuple[AclFacts, ...]
    default_acl: tuple[str, ...]
    """Subnets with no network ACL of their own."""
    groups: tuple[GroupFacts, ...]
    roles: tuple[RoleFacts, ...]
    protection: tuple[Protection, ...]
