"""The source ports a connection's opener picks, which its replies come back to.

NACLs are stateless, so the reply to a request is judged on the destination
port the opener chose as its source port (reference/reachability.md 1.3, from
the VPC documentation on network ACLs):

- an Elastic Load Balancing node, a NAT gateway and AWS Lambda pick from
  1024-65535 (a NAT gateway remaps every connection it carries to that range);
- an operating system picks from its own range: Linux (Amazon Linux included)
  32768-60999, Windows Server 2008 and later 49152-65535;
- a client on the internet may use anything from 1024 up.

The format does not say which operating system an instance runs, so an
instance, an Auto Scaling group, an ECS service or an EKS cluster's nodes are
taken to pick from 32768-65535: the union of the two ranges, conservative for
either system, and a NACL that admits 32768-65535 is enough for them. Anything
else keeps the widest range, 1024-65535.
"""

from __future__ import annotations

from archgen.model.architecture import Architecture
from archgen.model.resources.edge import LoadBalancer
from archgen.model.resources.facts import HoldsRole
from archgen.network import places
from archgen.network.intervals import EPHEMERAL, IntervalSet

OPERATING_SYSTEM = IntervalSet(((32768, 65535),))
"""Linux's 32768-60999 and Windows' 49152-65535 together: what an instance may pick."""

SERVICE_CHOSEN = frozenset({"lambda"})
"""Code AWS runs whose connections use 1024-65535, as its documentation says of Lambda."""


def client_ports(arch: Architecture, opener: str) -> IntervalSet:
    """Return the source ports `opener` picks for a connection it opens."""
    resource = arch.resource(opener)
    if isinstance(resource, LoadBalancer) or arch.type_of(opener) in SERVICE_CHOSEN:
        return EPHEMERAL
    if isinstance(resource, HoldsRole) and places.in_vpc(arch, opener):
        return OPERATING_SYSTEM
    return EPHEMERAL
