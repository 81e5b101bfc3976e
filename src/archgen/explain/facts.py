"""What the explanation states, as data: no sentence.

`gather`, `notes`, `flows`, `security` and `checks` fill these from the model,
the network analysis's verdicts and the rules; the Jinja2 partials in
templates/explanation/ word them. Strings here are the user's or the model's own
values (ids, labels, zones, rule texts), never prose; the one Markdown is how a
resource is named (`Ref.name`), escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from archgen.model.document import ConnectionMode
from archgen.safe_markdown import Md, code, md


@dataclass(frozen=True)
class Ref:
    """A resource as the text names it: its id, label, type and the reason given for it."""

    id: str
    label: str = ""
    why: str = ""
    type: str = ""
    shared_label: bool = False
    """Another resource has the same label, so the id must tell them apart."""

    @property
    def name(self) -> Md:
        """Return the label (with the id when the label is not unique), or the id in code."""
        if not self.label:
            return code(self.id)
        return (
            md("{} ({})", self.label, code(self.id)) if self.shared_label else md("{}", self.label)
        )


NoteKind = Literal[
    "exposed",
    "front_doors",
    "open_doors",
    "api_authorizer",
    "api_open",
    "cors",
    "api_logs",
    "cdn_cache",
    "cdn_oac",
    "alb_zones",
    "asg_health",
    "lambda_vpc",
    "invoked_by",
    "rds_standby",
    "rds_single",
    "aurora",
    "aurora_alone",
    "public_database",
    "queues_delivery",
    "queue_failures",
    "queue_unread",
    "topic_delivery",
    "nat_zone",
]


@dataclass(frozen=True)
class Note:
    """One property of a resource a predicate over the model chose; a partial words it."""

    kind: NoteKind
    subject: Ref
    refs: tuple[Ref, ...] = ()
    values: tuple[str, ...] = ()
    count: int = 0


@dataclass(frozen=True)
class ServiceFacts:
    """A service the design uses, what such a service is, its resources and their notes."""

    service: str
    rationale: str
    resources: tuple[Ref, ...]
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class LayerFacts:
    """How the presentation and application layers are split, or the resources that mix them."""

    mixed: tuple[Ref, ...]
    presentation: tuple[Ref, ...]
    doors: tuple[Ref, ...]
    """API gateways and load balancers: the application layer's entrances."""
    compute: tuple[Ref, ...]
    """What runs the application layer's code."""
    static: bool = True
    """The presentation layer runs no code: it only holds files (a bucket, a CDN)."""


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
    numbers: tuple[int, ...] = ()
    """A network ACL's rule numbers, as its file gives them."""


@dataclass(frozen=True)
class Inside:
    """How a hop inside a VPC runs: between which subnets, and what admitted it each way."""

    ends: tuple[End, End]
    admitted: tuple[Admission, ...]
    reply: tuple[Admission, ...]
    pairs: int
    """How many pairs of subnets the analysis checked, all with the same result."""
    zones: tuple[str, ...]
    """The zones the target runs in that the hop reaches (both, for cross-zone balancing)."""
    local: bool = False
    """Both ends are in subnets of one VPC: the local route carries it both ways."""


@dataclass(frozen=True)
class Outside:
    """How a hop outside any VPC runs: over the internet or AWS's network, under what."""

    internet: bool
    """The caller is a client on the internet, not an AWS service."""
    viewer_protocol: str | None
    origin_access: bool
    roles: tuple[Ref, ...]
    authorizer: str = ""
    """The kind of authorizer of the API the hop enters (iam, cognito...), else ""."""
    on_connect: bool = False
    """The API is a WebSocket API: its authorizer runs when a connection opens, only."""


@dataclass(frozen=True)
class Leg:
    """One hop of a flow, forward, with how its reply (if any) comes back."""

    badges: tuple[str, ...]
    """Every badge the hop carries in the picture (A1, B1...), this flow's first."""
    source: Ref
    target: Ref
    protocol: str
    port: int
    mode: ConnectionMode
    label: str
    path: Inside | Outside | None
    """None for an event or a poll: the Lambda service or the publisher carries it."""
    via_endpoint: bool = False
    """A route table sends it to a gateway endpoint (S3, DynamoDB), not a NAT gateway."""
    via_interface: bool = False
    """The service's name resolves to interface endpoints in the caller's VPC: no NAT."""
    first: bool = True
    """The first flow to use this hop; later flows refer to its row in the table."""
    database: Literal["", "instance", "primary", "writer"] = ""
    """What the database endpoint names: a single instance, a Multi-AZ primary, a writer."""
    role: Ref | None = None
    """For an event or a poll: the role that signs it (a poll's function role), if one does."""
    resource_policy: bool = False
    """For an event: the target's resource policy admits the publishing service."""


@dataclass(frozen=True)
class Dns:
    """The alias record a flow's first call resolves through."""

    route53: Ref
    domain: str | None
    """The zone's name, only when it has one alias: a zone with several names several hosts."""
    target: Ref


@dataclass(frozen=True)
class FlowFacts:
    """A flow from the client to the data store, and whether a reply retraces it."""

    name: str
    prefix: str
    dns: Dns | None
    legs: tuple[Leg, ...]
    pushes: tuple[Ref, ...] = ()
    """Steps that push to the WebSocket API the flow entered (POST to @connections)."""
    socket: Ref | None = None
    """The WebSocket API the flow entered, when its steps push back through it."""

    @property
    def replies(self) -> bool:
        """Tell whether every hop is a request and nothing pushes, so the answer retraces it."""
        return not self.pushes and all(leg.mode == "request" for leg in self.legs)


Outcome = Literal[
    "single_database",
    "failover",
    "standby_lost",
    "aurora_failover",
    "aurora_recreate",
    "reader_lost",
    "nat_in_zone",
    "nat_across_zones",
    "only_here",
    "balancer",
    "scaling_group",
    "keeps_running",
    "unaffected",
]


@dataclass(frozen=True)
class Effect:
    """What losing one zone does to one resource."""

    outcome: Outcome
    zone: str
    remaining: tuple[str, ...] = ()
    """The zones the resource still runs in."""
    served: tuple[str, ...] = ()
    """The subnets that route through a NAT gateway."""


@dataclass(frozen=True)
class ZoneRow:
    """One resource placed in zones, and what losing each zone does to it."""

    resource: Ref
    effects: tuple[Effect, ...]


@dataclass(frozen=True)
class SubnetRouting:
    """A subnet, its route table and the routes that make it public, private or isolated."""

    subnet: Ref
    cidr: str
    zone: str
    table: str | None
    routes: tuple[tuple[str, str], ...]
    """(destination, target) pairs."""
    kind: Literal["public", "private", "isolated"]
    nacl: str | None
    nacl_why: str = ""
    """What the network ACL is for, its author's first clause: said where it is first named."""


@dataclass(frozen=True)
class RoleFacts:
    """An IAM role, what assumes it, what it allows, and what its holders need besides."""

    role: Ref
    holders: tuple[Ref, ...]
    allows: tuple[Ref, ...]
    vpc_functions: tuple[Ref, ...] = ()
    """Functions attached to a VPC: they also need network-interface permissions."""
    functions: tuple[Ref, ...] = ()
    """Functions whose role allows no log group: they need CloudWatch Logs permissions."""


@dataclass(frozen=True)
class StoreFacts:
    """A resource that keeps data, and whether it is encrypted at rest."""

    store: Ref
    encrypted: bool
    public_access_blocked: bool | None = None
    at_rest_option: bool = True
    """False for a Memcached cache: ElastiCache offers it no encryption at rest at all."""
    in_transit: bool = False
    """Traffic to it is encrypted in transit (TLS), as the design sets."""
    s3_default: bool = False
    """An S3 bucket left as S3 makes every new one: SSE-S3, S3-managed keys."""


@dataclass(frozen=True)
class RuleResult:
    """One rule, and what it found: nothing, nothing to check, or findings."""

    rule: str
    title: str


@dataclass(frozen=True)
class CheckFacts:
    """The check results: rules passed, rules with nothing to check, findings, accepted ones."""

    passed: tuple[RuleResult, ...]
    not_applicable: tuple[RuleResult, ...]
    findings: tuple[FindingFacts, ...]
    accepted: tuple[FindingFacts, ...] = ()
    """Findings the author suppressed, with the reason given: found, not passed."""


@dataclass(frozen=True)
class FindingFacts:
    """One finding as the text shows it."""

    severity: str
    rule: str
    resource: str
    message: str
    line: int
    reason: str = ""
    """Why the author accepts it (a suppressed finding's reason), else empty."""
