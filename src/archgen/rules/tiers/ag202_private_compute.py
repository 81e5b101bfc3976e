"""AG202: application compute runs in private subnets without public IP addresses."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.catalogue import COMPUTE_TYPES
from archgen.model.resources.compute import Ec2
from archgen.model.resources.facts import InSubnet, InSubnets
from archgen.rules.base import Rule


class PrivateCompute(Rule):
    """AG202: servers reachable from the internet bypass the load balancer and the WAF."""

    id = "AG202"
    name = "private-compute"
    title = "Application compute is in private subnets with no public IPs"
    severity = Severity.ERROR
    rationale = (
        "Instances in public subnets, or with public addresses, can be reached from the "
        "internet directly, around the load balancer and everything that guards it."
    )
    remediation = (
        "Place instances, Auto Scaling groups and VPC Lambdas in private subnets and reach "
        "them through a load balancer or API Gateway; remove `public_ip: true`."
    )
    mirrors = "AWS Security Hub EC2.9; checkov CKV_AWS_88"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check the subnets and public IP of every compute resource."""
        for resource_id, resource in arch.resources.items():
            if arch.type_of(resource_id) not in COMPUTE_TYPES:
                continue
            if "application" not in arch.tiers_of(resource_id):
                continue
            if isinstance(resource, Ec2) and resource.public_ip:
                yield self.issue(resource, "has a public IP address", "public_ip")
            if not isinstance(resource, InSubnet | InSubnets):
                continue
            for index, subnet in enumerate(resource.subnet_ids()):
                if arch.is_public(subnet):
                    where = resource.subnet_path(index)
                    yield self.issue(
                        resource,
                        f"runs in public subnet {subnet}: application compute belongs in "
                        "private subnets",
                        *where,
                    )
