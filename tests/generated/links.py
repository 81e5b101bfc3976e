"""Builders for what joins or reaches VPCs: endpoints, prefix lists, transit gateways, peering.

The builders return fields like the others; `wire` then runs once every resource
is drawn and uses them the way an author would: routes to the other VPCs through
a transit gateway or a peering, security group rules from a prefix list, and a
role on some of the resources that run code.
"""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from archgen.model.catalogue import CATALOGUE
from tests.generated.context import Context, Data, Draw, Vpc, some

INTERFACE_SERVICES = ("bedrock-runtime", "secretsmanager", "sqs", "execute-api", "ssm", "kms")
"""Services reached through an interface endpoint (network interfaces in subnets)."""


def _cidr(vpc: Vpc) -> str:
    return f"10.{vpc.id.removeprefix('vpc')}.0.0/16"


def _group(vpc: Vpc) -> str:
    return f"sg{vpc.id.removeprefix('vpc')}"


def endpoint(draw: Draw, ctx: Context) -> Data | None:
    """Draw a gateway endpoint (S3, DynamoDB) on route tables, or an interface one in subnets."""
    if not ctx.vpcs:
        return None
    vpc = draw(st.sampled_from(ctx.vpcs))
    if vpc.subnets and draw(st.booleans()):
        fields: Data = {
            "vpc": vpc.id,
            "service": draw(st.sampled_from(INTERFACE_SERVICES)),
            "subnets": some(draw, vpc.subnets, max_size=6),
            "security_groups": [_group(vpc)],
            "private_dns": draw(st.booleans()),
        }
        return {**fields, "kind": "interface"} if draw(st.booleans()) else fields
    service = draw(st.sampled_from(["s3", "dynamodb"]))
    fields = {"vpc": vpc.id, "service": service, "route_tables": some(draw, vpc.tables, 0)}
    return {**fields, "kind": "gateway"} if draw(st.booleans()) else fields


def prefix_list(draw: Draw, ctx: Context) -> Data | None:
    """AWS's list for a service, or the author's own ranges."""
    if draw(st.booleans()):
        service = draw(st.sampled_from(["cloudfront-origin-facing", "s3", "dynamodb"]))
        return {"service": service}
    return {"cidrs": some(draw, ["203.0.113.0/24", "198.51.100.0/24", "172.16.0.0/12"])}


def transit_gateway(draw: Draw, ctx: Context) -> Data | None:
    """Attach some VPCs (each by a subset of its subnets)."""
    chosen = some(draw, [vpc.id for vpc in ctx.vpcs if vpc.subnets])
    attached = [_vpc(ctx, vpc_id) for vpc_id in chosen]
    if not attached:
        return None
    return {
        "attachments": [
            {"vpc": vpc.id, "subnets": some(draw, vpc.subnets, max_size=6)} for vpc in attached
        ]
    }


def vpc_peering(draw: Draw, ctx: Context) -> Data | None:
    if len(ctx.vpcs) < 2:
        return None
    first, second = draw(st.permutations(ctx.vpcs))[:2]
    return {"vpcs": [first.id, second.id]}


def wire(draw: Draw, ctx: Context, resources: Data) -> None:
    """Use the links drawn: routes through them, prefix lists in rules, roles on code."""
    own_lists = [rid for rid in ctx.of("prefix_list") if "cidrs" in resources[rid]]
    for rid in ctx.of("transit_gateway"):
        vpcs = [attachment["vpc"] for attachment in resources[rid]["attachments"]]
        for here, there in itertools.permutations(vpcs, 2):
            _route(draw, ctx, resources, here, _cidr(_vpc(ctx, there)), rid)
        for listed in some(draw, own_lists, 0):
            _route(draw, ctx, resources, draw(st.sampled_from(vpcs)), listed, rid)
    for rid in ctx.of("vpc_peering"):
        for here, there in itertools.permutations(resources[rid]["vpcs"]):
            _route(draw, ctx, resources, here, _cidr(_vpc(ctx, there)), rid)
    _prefix_rules(draw, ctx, resources)
    _roles(draw, ctx, resources)


def _vpc(ctx: Context, vpc_id: str) -> Vpc:
    return next(vpc for vpc in ctx.vpcs if vpc.id == vpc_id)


def _route(draw: Draw, ctx: Context, resources: Data, vpc_id: str, to: str, target: str) -> None:
    """Add a route to one of the VPC's tables, unless that table already routes `to`."""
    table = resources[draw(st.sampled_from(_vpc(ctx, vpc_id).tables))]
    if all(route["destination"] != to for route in table["routes"]):
        table["routes"].append({"destination": to, "target": target})


def _prefix_rules(draw: Draw, ctx: Context, resources: Data) -> None:
    """Open some VPCs' groups to a prefix list (CloudFront in front of an ALB, say)."""
    for vpc in ctx.vpcs:
        lists = some(draw, ctx.of("prefix_list"), 0, 2)
        group = resources[_group(vpc)]
        for listed in lists:
            group["ingress"].append({"protocol": "tcp", "ports": 443, "source": listed})
        if lists and draw(st.booleans()):
            egress = {"protocol": "tcp", "ports": 443, "destination": lists[0]}
            group["egress"] = [{"protocol": "all", "destination": _cidr(vpc)}, egress]


def _roles(draw: Draw, ctx: Context, resources: Data) -> None:
    """Give some resources that run code one of the roles drawn."""
    roles = ctx.of("iam_role")
    if not roles:
        return
    for resource in resources.values():
        if "role" in CATALOGUE[resource["type"]].model_fields and draw(st.booleans()):
            resource["role"] = draw(st.sampled_from(roles))
