"""AG403: S3 Block Public Access stays on."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.data import S3
from archgen.rules.base import Rule


class S3BlockPublicAccess(Rule):
    """AG403: without it, one bucket policy or ACL edit makes the data public."""

    id = "AG403"
    name = "s3-block-public-access"
    title = "S3 Block Public Access is on"
    severity = Severity.ERROR
    rationale = (
        "Block Public Access overrides any policy or ACL that would make objects public; "
        "without it, one bucket policy or ACL edit publishes the data."
    )
    remediation = (
        "Remove `block_public_access: false`; serve websites through CloudFront with Origin "
        "Access Control instead of a public bucket."
    )
    mirrors = "AWS Security Hub S3.8; checkov CKV_AWS_53"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Check each bucket's flag."""
        return self.flag_each(
            arch,
            S3,
            lambda bucket: not bucket.block_public_access,
            "Block Public Access is off",
            "block_public_access",
        )
