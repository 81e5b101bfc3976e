"""The VPC and what routes and filters traffic inside it."""

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.facts import (
    Drawn,
    Facts,
    HasSecurityGroups,
    InSubnet,
    InSubnets,
    InVpc,
    MayBePublic,
    Shape,
    plumbing,
    subnet_service,
)
from archgen.model.types import Cidr, CidrOrId, Frozen, Id, Ports, Whole, Zone, ref

VpcRef = Annotated[Id, ref("vpc")]
SubnetRef = Annotated[Id, ref("subnet")]
RouteTableRef = Annotated[Id, ref("route_table")]
SecurityGroupRef = Annotated[Id, ref("security_group")]
MAX_SUBNETS = 20
"""The most subnets one resource may name (an AWS DB subnet group's own limit).

Each connection is checked over every pair of its ends' subnets; without a
bound, one hostile file could ask for millions of pairs."""

Subnets = Annotated[tuple[SubnetRef, ...], Field(min_length=1, max_length=MAX_SUBNETS)]
"""The subnets of a load balancer, group, database or file system: AWS needs at least one."""

SecurityGroups = Annotated[tuple[SecurityGroupRef, ...], Field(max_length=16)]
"""The groups of one network interface: AWS allows at most 16."""
FilterProtocol = Literal["tcp", "udp", "icmp", "all"]


class Vpc(ResourceBase):
    """A virtual network; its CIDR bounds every subnet in it."""

    type: Literal["vpc"]
    """Always `vpc`: selects this resource type."""
    facts: ClassVar[Facts] = plumbing("Amazon VPC", placement="regional", rationale="vpc")
    cidr: Cidr
    """The VPC's IPv4 CIDR block, /16 to /28."""


class Subnet(InVpc, ResourceBase):
    """A range of the VPC in one Availability Zone; public or private by its routes."""

    type: Literal["subnet"]
    """Always `subnet`: selects this resource type."""
    facts: ClassVar[Facts] = plumbing("Subnet")
    vpc: VpcRef
    """The VPC it belongs to (a `vpc` id)."""
    zone: Zone
    """The Availability Zone, such as us-east-1a."""
    cidr: Cidr
    """The subnet's CIDR block, inside its VPC's."""
    route_table: Annotated[Id, ref("route_table")] | None = None
    """Its route table; none: the VPC's main route table."""
    nacl: Annotated[Id, ref("network_acl")] | None = None
    """Its network ACL; none: the VPC's default ACL, which allows everything."""
    public_ip_on_launch: bool = False
    """Instances launched here get a public address."""
    kind: Literal["public", "private"] | None = None
    """public or private as the author means it; AG201 checks it against the routes."""


class Route(Frozen):
    """A route to a gateway, a transit gateway or a peer VPC; the local route is implicit.

    The destination is a CIDR block or a `prefix_list`, as in AWS.
    """

    destination: Annotated[CidrOrId, ref("prefix_list")]
    """A CIDR block or a prefix list id."""
    target: Annotated[Id, ref("internet_gateway", "nat_gateway", "transit_gateway", "vpc_peering")]
    """An internet gateway, NAT gateway, transit gateway or peering connection."""


class RouteTable(InVpc, ResourceBase):
    """The routes of the subnets associated with it (or of every subnet, when main)."""

    type: Literal["route_table"]
    """Always `route_table`: selects this resource type."""
    facts: ClassVar[Facts] = plumbing("Route table")
    vpc: VpcRef
    """The VPC it belongs to (a `vpc` id)."""
    main: bool = False
    """The VPC's main route table, used by subnets that name none."""
    routes: tuple[Route, ...] = ()
    """Routes besides the implicit local route; longest prefix wins."""


class InternetGateway(InVpc, ResourceBase):
    """The VPC's door to the internet, for subnets that route to it."""

    type: Literal["internet_gateway"]
    """Always `internet_gateway`: selects this resource type."""
    facts: ClassVar[Facts] = Facts(
        service="Internet gateway",
        tier="network",
        placement="vpc",
        icon="aws/network/internet-gateway.png",
        shape=Shape(name="internet_gateway", fill="#8C4FFF", glyph=True),
        drawn="vpc_edge",
        port=None,
        rationale="internet_gateway",
        signed_api=False,
        endpoint=None,
    )
    vpc: VpcRef
    """The VPC it belongs to (a `vpc` id)."""


class NatGateway(InSubnet, MayBePublic, ResourceBase):
    """Outbound-only internet access for private subnets, living in one public subnet."""

    type: Literal["nat_gateway"]
    """Always `nat_gateway`: selects this resource type."""
    facts: ClassVar[Facts] = subnet_service(
        service="NAT gateway",
        tier="network",
        icon="aws/network/nat-gateway.png",
        shape=Shape(name="nat_gateway", fill="#8C4FFF", glyph=True),
        drawn="icon",
        rationale="nat_gateway",
    )
    subnet: SubnetRef
    """The public subnet it sits in."""

    def has_public_address(self, auto_assign: bool) -> bool:
        """Say yes: a NAT gateway always has its Elastic IP, that is what it is for."""
        return True


EndpointKind = Literal["gateway", "interface"]
GATEWAY_SERVICES = ("s3", "dynamodb")
"""The only services AWS offers gateway endpoints for; an endpoint to them is one by default."""


class VpcEndpoint(InVpc, InSubnets, HasSecurityGroups, ResourceBase):
    """A private path to a regional service.

    A gateway endpoint (S3, DynamoDB) is a route in the `route_tables` it is
    attached to; an interface endpoint is network interfaces in its `subnets`,
    behind its `security_groups`, that the service's name resolves to inside
    the VPC when `private_dns` is on.
    """

    type: Literal["vpc_endpoint"]
    """Always `vpc_endpoint`: selects this resource type."""
    facts: ClassVar[Facts] = Facts(
        service="VPC endpoint",
        tier="network",
        placement="vpc",
        icon="aws/network/endpoint.png",
        shape=Shape(name="endpoints", fill="#8C4FFF", glyph=True),
        drawn="vpc_edge",
        port=None,
        rationale="vpc_endpoint",
        signed_api=False,
        endpoint=None,
    )
    vpc: VpcRef
    """The VPC it belongs to (a `vpc` id)."""
    service: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9.-]*$", max_length=100)]
    """The endpoint service name: s3, dynamodb, secretsmanager, bedrock-runtime, ssm, sqs,
    execute-api, ..."""
    kind: EndpointKind | None = None
    """gateway (s3 and dynamodb only, a route) or interface (network interfaces); defaults by
    service."""
    route_tables: tuple[RouteTableRef, ...] = ()
    """A gateway endpoint's route tables."""
    subnets: Annotated[tuple[SubnetRef, ...], Field(max_length=MAX_SUBNETS)] = ()
    """An interface endpoint's subnets, one network interface in each."""
    security_groups: SecurityGroups = ()
    """An interface endpoint's security groups."""
    private_dns: bool = True
    """The service's name resolves to the endpoint inside the VPC."""

    def drawn(self) -> Drawn:
        """Draw an interface endpoint in each of its subnets, where its interfaces are."""
        return "per_subnet" if self.endpoint_kind() == "interface" else self.facts.drawn

    def endpoint_kind(self) -> EndpointKind:
        """Return the declared kind, else gateway for S3 and DynamoDB and interface otherwise."""
        if self.kind is not None:
            return self.kind
        return "gateway" if self.service in GATEWAY_SERVICES else "interface"


class NaclRule(Frozen):
    """One numbered, stateless rule; the lowest matching number decides."""

    rule: Annotated[Whole, Field(ge=1, le=32766)]
    """The rule number, 1..32766; lowest first, first match wins."""
    action: Literal["allow", "deny"]
    """allow or deny."""
    protocol: FilterProtocol
    """tcp, udp, icmp or all."""
    ports: Ports | None = None
    """A port (443), a range (1024-65535) or `all`; required for tcp and udp, omitted for icmp and
    all."""
    cidr: Cidr
    """The peer's CIDR block: the source inbound, the destination outbound."""


NaclRules = Annotated[tuple[NaclRule, ...], Field(max_length=40)]
"""One direction of a network ACL: AWS allows at most 40 rules."""


class NetworkAcl(InVpc, ResourceBase):
    """A stateless filter at the subnet boundary; custom ACLs deny what no rule allows."""

    type: Literal["network_acl"]
    """Always `network_acl`: selects this resource type."""
    facts: ClassVar[Facts] = plumbing("Network ACL")
    vpc: VpcRef
    """The VPC it belongs to (a `vpc` id)."""
    inbound: NaclRules = ()
    """Inbound rules; anything no rule allows is denied."""
    outbound: NaclRules = ()
    """Outbound rules; anything no rule allows is denied."""


class IngressRule(Frozen):
    """Admits traffic from a CIDR, the members of a security group, or a prefix list."""

    protocol: FilterProtocol
    """tcp, udp, icmp or all."""
    ports: Ports | None = None
    """A port (443), a range (1024-65535) or `all`; required for tcp and udp, omitted for icmp and
    all."""
    source: Annotated[CidrOrId, ref("security_group", "prefix_list")]
    """A CIDR block, a security group id or a prefix list id."""


class EgressRule(Frozen):
    """Lets traffic out to a CIDR, the members of a security group, or a prefix list."""

    protocol: FilterProtocol
    """tcp, udp, icmp or all."""
    ports: Ports | None = None
    """A port (443), a range (1024-65535) or `all`; required for tcp and udp, omitted for icmp and
    all."""
    destination: Annotated[CidrOrId, ref("security_group", "prefix_list")]
    """A CIDR block, a security group id or a prefix list id."""


class SecurityGroup(InVpc, ResourceBase):
    """A stateful allow-list on network interfaces; omitted egress allows all, as in AWS."""

    type: Literal["security_group"]
    """Always `security_group`: selects this resource type."""
    facts: ClassVar[Facts] = plumbing("Security group")
    vpc: VpcRef
    """The VPC it belongs to (a `vpc` id)."""
    ingress: tuple[IngressRule, ...] = ()
    """What it admits; nothing else comes in."""
    egress: tuple[EgressRule, ...] | None = None
    """What it lets out; omitted: everything, as a new AWS group does."""
