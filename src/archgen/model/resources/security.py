"""Keys, certificates and the audit trail: what secures and records the other resources."""

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.facts import Facts, Shape, regional_service
from archgen.model.types import Id, ref


class KmsKey(ResourceBase):
    """A customer managed key that encrypts data, used only by whom its policy allows."""

    type: Literal["kms_key"]
    """Always `kms_key`: selects this resource type."""
    facts: ClassVar[Facts] = regional_service(
        service="AWS KMS",
        tier="identity",
        icon="aws/security/key-management-service.png",
        shape=Shape(name="key_management_service", fill="#DD344C"),
        rationale="kms_key",
        endpoint="kms",
    )
    rotation: bool = False
    """Automatic yearly rotation of the key material (AWS Security Hub KMS.4)."""


class Cloudtrail(ResourceBase):
    """A trail that records every AWS API call of the account into a bucket."""

    type: Literal["cloudtrail"]
    """Always `cloudtrail`: selects this resource type."""
    facts: ClassVar[Facts] = regional_service(
        service="AWS CloudTrail",
        tier="identity",
        icon="aws/management/cloudtrail.png",
        shape=Shape(name="cloudtrail", fill="#E7157B"),
        rationale="cloudtrail",
        endpoint="cloudtrail",
    )
    multi_region: bool = True
    """Record API calls in every Region."""
    log_bucket: Annotated[Id, ref("s3")] | None = None
    """The S3 bucket the trail writes to."""
    log_validation: bool = False
    """Digest files that prove a log was not changed after delivery (Security Hub CloudTrail.4)."""


class AcmCertificate(ResourceBase):
    """A TLS certificate, renewed by AWS, that CloudFront, a load balancer or an API serves."""

    type: Literal["acm_certificate"]
    """Always `acm_certificate`: selects this resource type."""
    facts: ClassVar[Facts] = Facts(
        service="AWS Certificate Manager",
        tier="identity",
        placement="regional",
        icon="aws/security/certificate-manager.png",
        shape=Shape(name="certificate_manager_3", fill="#DD344C"),
        drawn="icon",
        port=None,
        rationale="acm_certificate",
        signed_api=False,
        endpoint="acm",
    )
    domain: Annotated[str, Field(min_length=1, max_length=253)] | None = None
    """The domain name the certificate covers."""
    validation: Literal["dns", "email"] = "dns"
    """How AWS checks the domain is yours: dns or email."""
    used_by: tuple[Annotated[Id, ref("cloudfront", "alb", "nlb", "api_gateway")], ...] = ()
    """The CloudFront distributions, load balancers or APIs that present it."""
