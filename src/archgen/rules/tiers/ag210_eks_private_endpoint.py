"""AG210: the Kubernetes API of an EKS cluster is not open to the internet."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.containers import EksCluster
from archgen.rules.base import Rule


class EksPrivateEndpoint(Rule):
    """AG210: a public cluster endpoint puts the control plane one leaked credential away."""

    id = "AG210"
    name = "eks-private-endpoint"
    title = "EKS cluster endpoints are not publicly accessible"
    severity = Severity.WARNING
    rationale = (
        "EKS creates the Kubernetes API server endpoint public by default: anyone on the "
        "internet can reach it, and only IAM and Kubernetes RBAC stand between them and the "
        "cluster. A private endpoint answers only inside the VPC (and networks joined to it)."
    )
    remediation = (
        "Set `endpoint_public: false` and reach the API from inside the VPC (a bastion-free "
        "runner, Session Manager, a VPN or a peered network)."
    )
    mirrors = "AWS Security Hub EKS.1; AWS Config eks-endpoint-no-public-access"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Flag every cluster whose endpoint is public, AWS's default when none is declared."""
        return self.flag_each(
            arch,
            EksCluster,
            lambda cluster: cluster.endpoint_public,
            "its Kubernetes API endpoint is public (the default): anyone on the "
            "internet can reach the control plane",
            "endpoint_public",
        )
