"""The internet's doors that live outside any VPC: a CDN, an API, a website bucket, a sign-in.

The network analysis answers for what sits in a VPC (a public address, a
route, a NACL, a security group). A CloudFront distribution, an API Gateway
API, a Cognito user pool and a public S3 website are reached from the
internet by what they are: AWS gives each a public endpoint and no VPC
filters it. A redesign that moves from an EC2 site to these opens them as
surely as a security group rule opens a port, so the diff counts them too.
An authorizer decides who may call an API, not who can reach it: an API
with one is still reached.
"""

from __future__ import annotations

from archgen.model.architecture import Architecture
from archgen.model.resources.data import S3
from archgen.model.resources.edge import ApiGateway, CloudFront
from archgen.model.resources.services import Cognito
from archgen.network.intervals import IntervalSet


def front_door_ports(arch: Architecture, resource_id: str) -> dict[str, IntervalSet]:
    """Return the TCP ports the internet reaches on a resource outside a VPC, if it is a door."""
    resource = arch.resource(resource_id)
    ports: tuple[int, ...] = ()
    if isinstance(resource, CloudFront):
        ports = (443,) if resource.viewer_protocol == "https-only" else (80, 443)
    elif isinstance(resource, ApiGateway | Cognito):
        ports = (443,)
    elif isinstance(resource, S3) and resource.website and not resource.block_public_access:
        ports = (80,)  # a website endpoint serves HTTP only
    found = IntervalSet.of((port, port) for port in ports)
    return {"tcp": found} if found else {}
