"""Who starts each call, and whether AWS identity lets it through (DESIGN.md 7.1, issue 14).

AG501, AG502 and `archgen trace` ask the same two questions of a declared
connection: which end signs the request (the caller), and whether the
caller's role or the callee's resource policy admits it. Answered here once,
so `check` and `trace` cannot disagree about a call.
"""

from __future__ import annotations

from typing import NamedTuple

from archgen.model.architecture import Architecture
from archgen.model.document import Connection
from archgen.model.resources.data import S3
from archgen.model.resources.edge import ApiGateway, CloudFront
from archgen.model.resources.facts import HoldsRole
from archgen.model.resources.services import Cognito, IamRole

PUBLIC_APIS = frozenset({"cognito"})
"""Signed-API services whose client-facing calls (sign-up, sign-in) need no credentials."""

RESOURCE_POLICIES = frozenset(
    {"lambda", "sqs", "sns", "s3", "eventbridge", "cloudwatch", "secrets_manager", "kms_key"}
)
"""Types whose resource-based policy can admit another AWS service (a function's invoke
permission, a queue or topic policy, a bus policy). A service calling anything else (API
Gateway writing to DynamoDB, EventBridge starting Step Functions) does so with a role."""

ROLE_SIGNED: dict[str, frozenset[str]] = {
    "api_gateway": frozenset({"lambda"}),
    "step_functions": frozenset(),
}
"""Services whose integrations sign with a role, and the callees admitting them without one:
API Gateway's AWS integrations take a credentials role, except invoking a function, which its
permission allows; a state machine calls everything with its execution role."""


class Access(NamedTuple):
    """The identity verdict of one call: allowed or not, why, and on what condition."""

    allowed: bool
    reason: str
    """One line of archgen's words naming the role or policy that decided."""
    condition: str = ""
    """Who alone gets through when the callee checks more than identity (an authorizer)."""


def ends(arch: Architecture, connection: Connection) -> tuple[str, str]:
    """Return (caller, callee): the side that starts the call, and the side it calls.

    A poll is started by `to` (or the Lambda service with `to`'s role) and reads `from`.
    """
    if arch.mode_of(connection) == "poll":
        return connection.target, connection.source
    return connection.source, connection.target


def verb(arch: Architecture, connection: Connection) -> str:
    """Return how the caller uses the callee, for a finding's message."""
    return {"poll": "polls", "event": "sends events to"}.get(arch.mode_of(connection), "calls")


def is_service(arch: Architecture, resource_id: str) -> bool:
    """Tell whether a resource is an AWS service acting as itself (a service principal).

    Neither code under a role (compute) nor a client nor anything with network
    interfaces in a subnet: API Gateway, S3, SNS, SQS, CloudFront and the like.
    """
    if isinstance(arch.resource(resource_id), HoldsRole):
        return False
    return arch.placement_of(resource_id) in ("regional", "global")


def role_allowing(arch: Architecture, caller: str, callee: str) -> str | None:
    """Return the first role of the caller that allows the callee, if any."""
    roles = arch.roles_of(caller)
    return next((r for r in roles if callee in arch.get(r, IamRole).allows), None)


def access(arch: Architecture, caller: str, callee: str) -> Access | None:
    """Return whether identity lets `caller` call `callee`; None when only the network decides.

        Code signs its requests with its role; a service principal is admitted by
        the callee's resource policy (the permission AWS adds with the trigger or
        subscription the connection declares); anyone else only where the callee
        is public. Targets inside a VPC (instances, databases) check no identity;
    a function does, wherever it runs: it is always invoked through the Lambda API.
    """
    target = arch.resource(callee)
    if not target.facts.signed_api and arch.placement_of(callee) in ("subnet", "vpc", "outside"):
        return None
    role = role_allowing(arch, caller, callee)
    if role is not None:
        return Access(True, f"role {role} of {caller} allows {callee}")
    if isinstance(target, ApiGateway):
        return _api(target)
    if not target.facts.signed_api:
        return Access(True, f"{callee} is a public endpoint: no credentials needed")
    if isinstance(arch.resource(caller), HoldsRole):
        return Access(False, _no_role(arch, caller, callee))
    if isinstance(target, S3):
        return _bucket(arch, caller, target)
    if arch.type_of(callee) in PUBLIC_APIS:
        return Access(True, f"{callee} answers its public sign-in calls without credentials")
    if is_service(arch, caller):
        return _service(arch, caller, callee)
    return Access(False, f"{callee} takes only signed requests and {caller} holds no role")


def _service(arch: Architecture, caller: str, callee: str) -> Access:
    """Return a service principal's verdict: the callee's resource policy, else a role it lacks."""
    admitted = ROLE_SIGNED.get(arch.type_of(caller), RESOURCE_POLICIES)
    if arch.type_of(callee) in admitted:
        return Access(True, f"the resource policy of {callee} admits the service {caller}")
    why = f"{caller} needs a role that allows {callee}"
    return Access(False, f"{why}: no resource policy of {callee} admits the service")


def _no_role(arch: Architecture, caller: str, callee: str) -> str:
    """Say why code is refused: no role, or roles that do not name the callee."""
    roles = arch.roles_of(caller)
    if roles:
        return f"its role {', '.join(roles)} does not allow {callee}"
    return f"it holds no role to allow {callee}"


def token_pools(arch: Architecture, api_id: str) -> tuple[str, ...]:
    """Return the user pools whose tokens an API's Cognito authorizer checks, in file order.

    The format names no pool on the API (DESIGN 7.3 gives `authorizer` a kind
    only), so the design itself must tell: its one pool; of several, those the
    API's callers sign in at (a connection from a caller to the pool), which
    is how a browser comes by the token it sends; every pool when no caller
    says which, rather than guess one and hide a trust the API may have.
    """
    if arch.get(api_id, ApiGateway).authorizer != "cognito":
        return ()
    pools = tuple(pool.id for pool in arch.resources_of(Cognito))
    if len(pools) < 2:
        return pools
    callers = {ends(arch, c)[0] for _, c in arch.connections_to(api_id)}
    signed = [p for p in pools if any(c.source in callers for _, c in arch.connections_to(p))]
    return tuple(signed) or pools


def _api(api: ApiGateway) -> Access:
    """Return an API's verdict: open to anyone, or only to callers its authorizer accepts."""
    if api.authorizer == "none":
        return Access(True, f"{api.id} has no authorizer: anyone on the internet may call it")
    condition = f"only callers authenticated by its {api.authorizer} authorizer"
    return Access(True, f"{api.id} admits {condition}", condition)


def _bucket(arch: Architecture, caller: str, bucket: S3) -> Access:
    """Return a bucket's verdict for a caller without a role that allows it."""
    source = arch.resource(caller)
    if isinstance(source, CloudFront):
        if source.origin_access_control:
            return Access(True, f"the bucket policy admits {caller} by Origin Access Control")
        if bucket.block_public_access:
            why = f"{caller} has no Origin Access Control and Block Public Access is on"
            return Access(False, why)
    if bucket.website and not bucket.block_public_access:
        return Access(True, f"{bucket.id} is a public website bucket: anyone may read it")
    if is_service(arch, caller):
        return _service(arch, caller, bucket.id)
    if bucket.block_public_access:
        return Access(False, f"Block Public Access on {bucket.id} refuses anonymous requests")
    return Access(False, f"{bucket.id} takes only signed requests and {caller} holds no role")
