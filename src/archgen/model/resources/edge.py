"""Where requests enter: DNS, the CDN, API front doors and load balancers."""

from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.facts import (
    AssumesRole,
    Facts,
    FrontDoor,
    HasSecurityGroups,
    InManagedPrefixList,
    InSubnets,
    MayBePublic,
    Shape,
    subnet_service,
)
from archgen.model.resources.network import SecurityGroups, Subnets
from archgen.model.types import Frozen, Id, Port, ref


class Route53(ResourceBase):
    """DNS for the domain; its aliases are drawn as "resolves to", not as traffic."""

    type: Literal["route53"]
    """Always `route53`: selects this resource type."""
    facts: ClassVar[Facts] = Facts(
        service="Amazon Route 53",
        tier="edge",
        placement="global",
        icon="aws/network/route-53.png",
        shape=Shape(name="route_53", fill="#8C4FFF"),
        drawn="icon",
        port=None,
        rationale="route53",
        signed_api=False,
        endpoint=None,
    )
    domain: Annotated[str, Field(min_length=1, max_length=253)] | None = None
    """The hosted zone's domain name."""
    aliases: tuple[Annotated[Id, ref("cloudfront", "alb", "nlb", "api_gateway")], ...] = ()
    """The CloudFront distributions, load balancers or APIs its records point to."""


class CloudFront(InManagedPrefixList, FrontDoor, AssumesRole, ResourceBase):
    """The CDN in front of a site or API; AWS's default viewer policy allows plain HTTP."""

    type: Literal["cloudfront"]
    """Always `cloudfront`: selects this resource type."""
    managed_list: ClassVar[str] = "cloudfront-origin-facing"
    facts: ClassVar[Facts] = Facts(
        service="Amazon CloudFront",
        tier="edge",
        placement="global",
        icon="aws/network/cloudfront.png",
        shape=Shape(name="cloudfront", fill="#8C4FFF"),
        drawn="icon",
        port=None,
        rationale="cloudfront",
        signed_api=False,
        endpoint=None,
    )
    viewer_protocol: Literal["redirect-to-https", "https-only", "allow-all"] = "allow-all"
    """What viewers may use: redirect-to-https, https-only or allow-all."""
    origin_access_control: bool = False
    """Reach S3 origins through Origin Access Control (a private bucket)."""


class ApiGateway(FrontDoor, AssumesRole, ResourceBase):
    """The managed front door of an API, outside any VPC."""

    type: Literal["api_gateway"]
    """Always `api_gateway`: selects this resource type."""
    facts: ClassVar[Facts] = Facts(
        service="Amazon API Gateway",
        tier="edge",
        placement="regional",
        icon="aws/network/api-gateway.png",
        shape=Shape(name="api_gateway", fill="#E7157B"),
        drawn="icon",
        port=None,
        rationale="api_gateway",
        signed_api=False,
        endpoint="execute-api",
    )
    kind: Literal["rest", "http", "websocket"] = "rest"
    """rest, http or websocket API."""
    access_logging: bool = False
    """Write access logs (AG601)."""
    authorizer: Literal["none", "iam", "cognito", "lambda", "jwt"] = "none"
    """Who may call: without one, anyone on the internet can."""


class Listener(Frozen):
    """A port and protocol an ALB accepts requests on."""

    port: Port
    """The port the load balancer accepts connections on."""
    protocol: Literal["http", "https"]
    """http or https."""


class NlbListener(Frozen):
    """A port and protocol an NLB accepts connections on: layer 4, TLS ended or passed on."""

    port: Port
    """The port the load balancer accepts connections on."""
    protocol: Literal["tcp", "tls", "udp", "tcp_udp"]
    """tcp, tls (ended at the NLB), udp or tcp_udp."""


class LoadBalancer(InSubnets, MayBePublic, HasSecurityGroups):
    """Trait: what an ALB and an NLB share: a node per subnet, a scheme, listeners.

    Rules (two zones, scheme against subnets, unique listener ports) and the
    network analysis (a listener on the port) ask for any load balancer
    through this trait, so an NLB is judged as an ALB is.
    """

    if TYPE_CHECKING:  # the fields themselves are the classes'; pydantic must not see them twice
        scheme: str
        listeners: tuple[Listener | NlbListener, ...]

    def has_public_address(self, auto_assign: bool) -> bool:
        """Tell whether it is internet-facing: then its nodes are public, whatever the subnet."""
        return self.scheme == "internet-facing"


class Alb(FrontDoor, LoadBalancer, ResourceBase):
    """An Application Load Balancer: one node per subnet it is enabled in."""

    type: Literal["alb"]
    """Always `alb`: selects this resource type."""
    facts: ClassVar[Facts] = subnet_service(
        service="Application Load Balancer",
        tier="edge",
        icon="aws/network/elb-application-load-balancer.png",
        shape=Shape(name="application_load_balancer", fill="#8C4FFF", glyph=True),
        drawn="across_zones",
        rationale="alb",
    )
    subnets: Subnets
    """The subnets it is enabled in, one node per zone: at least two zones."""
    security_groups: SecurityGroups = ()
    """The security groups on its network interfaces; none: the VPC's default group."""
    scheme: Literal["internet-facing", "internal"] = "internet-facing"
    """`internet-facing` (public nodes, in public subnets) or `internal` (private only)."""
    listeners: tuple[Listener, ...] = ()
    """The ports and protocols it accepts."""


class Nlb(LoadBalancer, ResourceBase):
    """A Network Load Balancer: layer 4, one node per subnet; security groups are optional.

    Not a `FrontDoor`: it forwards TCP, TLS or UDP as they come, so a client
    reaching it over plain TCP is its normal use, not a lapse of HTTPS.
    """

    type: Literal["nlb"]
    """Always `nlb`: selects this resource type."""
    facts: ClassVar[Facts] = subnet_service(
        service="Network Load Balancer",
        tier="edge",
        icon="aws/network/elb-network-load-balancer.png",
        shape=Shape(name="network_load_balancer", fill="#8C4FFF", glyph=True),
        drawn="across_zones",
        rationale="nlb",
    )
    subnets: Subnets
    """The subnets it is enabled in, one node per zone."""
    security_groups: SecurityGroups = ()
    """Optional: without any the NLB filters nothing, and its targets admit the clients."""
    scheme: Literal["internet-facing", "internal"] = "internet-facing"
    """`internet-facing` (public nodes, in public subnets) or `internal` (private only)."""
    listeners: tuple[NlbListener, ...] = ()
    """The ports and protocols it accepts."""
    preserve_client_ip: bool | None = None
    """Targets see the client's address (client IP preservation). Default: AWS's, on for
    instance targets (ec2, autoscaling_group) and off for IP targets over TCP and TLS."""

    def filtered_by_groups(self) -> bool:
        """Tell whether security groups filter it: an NLB created without any has none."""
        return bool(self.security_groups)


class Waf(ResourceBase):
    """A web application firewall in front of CloudFront, an ALB or API Gateway."""

    type: Literal["waf"]
    """Always `waf`: selects this resource type."""
    facts: ClassVar[Facts] = Facts(
        service="AWS WAF",
        tier="edge",
        placement="global",
        icon="aws/security/waf.png",
        shape=Shape(name="waf", fill="#DD344C"),
        drawn="icon",
        port=None,
        rationale="waf",
        signed_api=False,
        endpoint=None,
    )
    protects: tuple[Annotated[Id, ref("cloudfront", "alb", "api_gateway")], ...] = ()
    """The CloudFront distributions, ALBs or APIs the web ACL is associated with."""
