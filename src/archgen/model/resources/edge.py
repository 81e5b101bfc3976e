"""Where requests enter: DNS, the CDN, API front doors and load balancers."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.network import SecurityGroups, Subnets
from archgen.model.types import Frozen, Id, Port, ref


class Route53(ResourceBase):
    """DNS for the domain; its aliases are drawn as "resolves to", not as traffic."""

    type: Literal["route53"]
    domain: Annotated[str, Field(min_length=1, max_length=253)] | None = None
    aliases: tuple[Annotated[Id, ref("cloudfront", "alb", "api_gateway")], ...] = ()


class CloudFront(ResourceBase):
    """The CDN in front of a site or API; AWS's default viewer policy allows plain HTTP."""

    type: Literal["cloudfront"]
    viewer_protocol: Literal["redirect-to-https", "https-only", "allow-all"] = "allow-all"
    origin_access_control: bool = False


class ApiGateway(ResourceBase):
    """The managed front door of an API, outside any VPC."""

    type: Literal["api_gateway"]
    kind: Literal["rest", "http"] = "rest"
    access_logging: bool = False


class Listener(Frozen):
    """A port and protocol an ALB accepts requests on."""

    port: Port
    protocol: Literal["http", "https"]


class Alb(ResourceBase):
    """An Application Load Balancer: one node per subnet it is enabled in."""

    type: Literal["alb"]
    subnets: Subnets
    security_groups: SecurityGroups = ()
    scheme: Literal["internet-facing", "internal"] = "internet-facing"
    listeners: tuple[Listener, ...] = ()


class Waf(ResourceBase):
    """A web application firewall in front of CloudFront, an ALB or API Gateway."""

    type: Literal["waf"]
    protects: tuple[Annotated[Id, ref("cloudfront", "alb", "api_gateway")], ...] = ()
