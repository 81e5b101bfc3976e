"""AG404: CloudFront reads S3 through Origin Access Control, not a website endpoint."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.access import access
from archgen.model.architecture import Architecture
from archgen.model.resources.data import S3
from archgen.model.resources.edge import CloudFront
from archgen.rules.base import Rule


class CloudFrontOriginAccessControl(Rule):
    """AG404: a website endpoint must be public and speaks only HTTP to CloudFront."""

    id = "AG404"
    name = "cloudfront-origin-access-control"
    title = "CloudFront reaches S3 through Origin Access Control"
    severity = Severity.WARNING
    rationale = (
        "With Origin Access Control the bucket stays private and only the distribution can "
        "read it, over HTTPS. A website endpoint must be public and serves HTTP only. Without "
        "it, a bucket behind Block Public Access refuses CloudFront: the site answers 403, "
        "which is reported as an error."
    )
    remediation = (
        "Set `origin_access_control: true` on the distribution and `website: false` on the "
        "bucket; let CloudFront serve the default root object."
    )
    mirrors = "AWS Security Hub CloudFront.13; checkov CKV_AWS_305"

    def _without_oac(self, arch: Architecture, source: CloudFront, target: S3) -> Issue:
        """Say what reading a bucket without Origin Access Control costs: its privacy, or the site.

        When identity refuses the distribution (Block Public Access on, as
        `trace` finds through model/access.py), every request fails with 403:
        the site is down, an error; otherwise the bucket works only by being
        public, a warning.
        """
        decision = access(arch, source.id, target.id)
        if decision is not None and not decision.allowed:
            return self.issue(
                source,
                f"reads {target.id} without Origin Access Control, and Block Public Access on "
                f"{target.id} refuses it: every request through {source.id} gets 403 Access "
                "Denied",
                "origin_access_control",
                severity=Severity.ERROR,
            )
        return self.issue(
            source,
            f"reads {target.id} without Origin Access Control: the bucket must be public",
            "origin_access_control",
        )

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check every CloudFront-to-S3 connection."""
        for index, connection in enumerate(arch.connections):
            source = arch.resource(connection.source)
            target = arch.resource(connection.target)
            if not isinstance(source, CloudFront) or not isinstance(target, S3):
                continue
            if not source.origin_access_control:
                yield self._without_oac(arch, source, target)
            if target.website:
                yield self.issue_at(
                    ("connections", index, "to"),
                    f"uses the website endpoint of {target.id}: public and HTTP only",
                    resource=source.id,
                )
