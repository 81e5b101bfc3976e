"""Hypothesis strategies for VALID architectures, as data ready to dump as YAML.

A design is built the way an author would write one: VPCs of one to six zones,
subnet tiers in any order, each tier in a random subset of its VPC's zones,
resources in random subsets of subnets, Multi-AZ databases in any pair of
zones, and connections between types that talk to each other. Every resource
type of the catalogue is generated: the types listed in `BUILDERS` by their
builder, and every other type whose fields all have defaults as `{type: name}`
(the regional services: SQS, SNS, Bedrock...). A new type with a required field
gets a builder here; `uncovered_types()` names those that still lack one.

Builders see a `Context` (the VPCs, subnets and ids generated so far) and return
the resource's fields; they run in the order of `_order()`, so a Route 53 zone can alias a
CloudFront distribution drawn before it.
"""

from __future__ import annotations

from hypothesis import strategies as st
from pydantic_core import PydanticUndefined

from archgen.model.catalogue import CATALOGUE, ROLE_PRINCIPALS
from tests.generated import links, services
from tests.generated.connections import connections as connections_of
from tests.generated.connections import flows as flows_along
from tests.generated.context import Builder, Context, Data, Draw, Vpc, some

REGION = "us-east-1"
ZONE_LETTERS = "abcdef"
TIER_NAMES = ("public", "web", "app", "data", "spare")
"""Subnet tiers a VPC may have; `public` routes to the internet gateway."""


def _vpc_of(draw: Draw, ctx: Context) -> Vpc | None:
    return draw(st.sampled_from(ctx.vpcs)) if ctx.vpcs else None


def _subnets(draw: Draw, ctx: Context) -> Data | None:
    return services.in_subnets(draw, ctx)


def _ec2(draw: Draw, ctx: Context) -> Data | None:
    vpc = _vpc_of(draw, ctx)
    if vpc is None or not vpc.subnets:
        return None
    return {"subnet": draw(st.sampled_from(vpc.subnets)), "public_ip": draw(st.booleans())}


def _alb(draw: Draw, ctx: Context) -> Data | None:
    fields = _subnets(draw, ctx)
    if fields is None:
        return None
    fields["scheme"] = draw(st.sampled_from(["internet-facing", "internal"]))
    fields["listeners"] = [{"port": 443, "protocol": "https"}]
    return fields


def _nat(draw: Draw, ctx: Context) -> Data | None:
    vpc = _vpc_of(draw, ctx)
    if vpc is None or not vpc.subnets:
        return None
    return {"subnet": draw(st.sampled_from(vpc.public or vpc.subnets))}


def _route53(draw: Draw, ctx: Context) -> Data | None:
    return {"domain": "example.org", "aliases": some(draw, ctx.of(*_ALIASED), 0)}


def _waf(draw: Draw, ctx: Context) -> Data | None:
    return {"protects": some(draw, ctx.of(*_FRONT_DOORS), 0)}


def _role(draw: Draw, ctx: Context) -> Data | None:
    reached = [rid for name, ids in ctx.ids.items() if name not in _NOT_SERVICES for rid in ids]
    return {
        "assumed_by": some(draw, ctx.of(*ROLE_PRINCIPALS), 0),
        "allows": some(draw, reached, 0),
    }


_FRONT_DOORS = ("cloudfront", "alb", "api_gateway")
_ALIASED = (*_FRONT_DOORS, "nlb")
_NOT_SERVICES = frozenset(
    {"client", "iam_role", "internet_gateway", "nat_gateway", "vpc_endpoint", "prefix_list"}
    | {"transit_gateway", "vpc_peering"}
)

BUILDERS: dict[str, Builder] = {
    "client": services.client,
    "alb": _alb,
    "nlb": services.nlb,
    "ec2": _ec2,
    "autoscaling_group": _subnets,
    "lambda": services.lambda_function,
    "ecs_service": services.ecs_service,
    "eks_cluster": services.eks_cluster,
    "rds": services.rds,
    "elasticache": services.elasticache,
    "efs": _subnets,
    "opensearch": services.opensearch,
    "api_gateway": services.api_gateway,
    "sqs": services.sqs,
    "dynamodb": services.dynamodb,
    "kinesis_stream": services.kinesis_stream,
    "step_functions": services.simple(workflow=["standard", "express"]),
    "eventbridge": services.simple(schedule=[True, False]),
    "kms_key": services.simple(rotation=[True, False]),
    "ecr": services.simple(scan_on_push=[True], immutable_tags=[True]),
    "cloudfront": services.simple(
        viewer_protocol=["redirect-to-https", "https-only", "allow-all"],
        origin_access_control=[True],
    ),
    "s3": services.simple(website=[True], versioning=[True], block_public_access=[False]),
    "bedrock": services.simple(model=["anthropic.claude-3-haiku"]),
    "cloudtrail": services.cloudtrail,
    "acm_certificate": services.acm_certificate,
    "bedrock_knowledge_base": services.knowledge_base,
    "nat_gateway": _nat,
    "vpc_endpoint": links.endpoint,
    "prefix_list": links.prefix_list,
    "transit_gateway": links.transit_gateway,
    "vpc_peering": links.vpc_peering,
    "route53": _route53,
    "waf": _waf,
    "iam_role": _role,
}
"""Types whose fields need the context (subnets, other resources); others are `{type: name}`."""

STRUCTURAL = frozenset({"vpc", "subnet", "route_table", "internet_gateway"})
"""Made with the networks, never drawn at random: `networks` builds them consistently."""

FILTERS = frozenset({"network_acl", "security_group"})
"""Made with the networks too, attached to some subnets and resources."""

LAST = ("route53", "waf", "iam_role")
"""Built after the others: they refer to what exists."""


def uncovered_types() -> list[str]:
    """Return the catalogue types this module cannot generate: a required field and no builder."""
    return sorted(
        name
        for name, cls in CATALOGUE.items()
        if name not in BUILDERS
        and name not in STRUCTURAL | FILTERS
        and any(
            info.is_required()
            for key, info in cls.model_fields.items()
            if key != "type" and info.default is PydanticUndefined
        )
    )


def _order() -> list[str]:
    """Every generated type, those that refer to others last."""
    generated = [name for name in CATALOGUE if name not in STRUCTURAL | FILTERS]
    generated = [name for name in generated if name not in uncovered_types()]
    return [name for name in generated if name not in LAST] + [n for n in LAST if n in generated]


@st.composite
def _network(draw: Draw, index: int, resources: Data) -> Vpc:
    """Draw one VPC: 1 to 6 zones, tiers in any order, each in a non-empty subset of zones."""
    zones = sorted(
        draw(st.lists(st.sampled_from(ZONE_LETTERS), min_size=1, max_size=6, unique=True))
    )
    vpc = Vpc(f"vpc{index}", [f"{REGION}{z}" for z in zones])
    resources[vpc.id] = {"type": "vpc", "cidr": f"10.{index}.0.0/16"}
    tiers = draw(st.permutations(TIER_NAMES))[: draw(st.integers(1, len(TIER_NAMES)))]
    nat = f"nat{index}" if "public" in tiers and draw(st.booleans()) else None
    public_table, private_table = f"public-rt{index}", f"private-rt{index}"
    if "public" in tiers:
        resources[f"igw{index}"] = {"type": "internet_gateway", "vpc": vpc.id}
        routes = [{"destination": "0.0.0.0/0", "target": f"igw{index}"}]
        resources[public_table] = {"type": "route_table", "vpc": vpc.id, "routes": routes}
        vpc.tables.append(public_table)
    private_routes = [{"destination": "0.0.0.0/0", "target": nat}] if nat else []
    resources[private_table] = {"type": "route_table", "vpc": vpc.id, "routes": private_routes}
    vpc.tables.append(private_table)
    number = 0
    for tier in tiers:
        vpc.tiers[tier] = []
        for zone in sorted(some(draw, vpc.zones)):
            subnet = f"{tier}{index}-{zone[-1]}"
            table = public_table if tier == "public" else private_table
            resources[subnet] = {
                "type": "subnet",
                "vpc": vpc.id,
                "zone": zone,
                "cidr": f"10.{index}.{number}.0/24",
                "route_table": table,
            }
            number += 1
            vpc.tiers[tier].append(subnet)
            vpc.zone_of[subnet] = zone
    if nat:
        resources[nat] = {"type": "nat_gateway", "subnet": vpc.public[0]}
    _filters(draw, index, vpc, resources)
    return vpc


def _filters(draw: Draw, index: int, vpc: Vpc, resources: Data) -> None:
    """Add a NACL on some subnets and a security group admitting the VPC, both valid."""
    if draw(st.booleans()):
        acl = f"acl{index}"
        rule = {"rule": 100, "action": "allow", "protocol": "all", "cidr": "0.0.0.0/0"}
        resources[acl] = {
            "type": "network_acl",
            "vpc": vpc.id,
            "inbound": [rule],
            "outbound": [rule],
        }
        for subnet in some(draw, vpc.subnets, 0):
            resources[subnet]["nacl"] = acl
    ingress = [{"protocol": "tcp", "ports": 443, "source": f"10.{index}.0.0/16"}]
    resources[f"sg{index}"] = {"type": "security_group", "vpc": vpc.id, "ingress": ingress}


@st.composite
def _resources(draw: Draw, ctx: Context, resources: Data) -> None:
    """Draw 0 to 2 resources of each generated type, in the order of `_order()`."""
    for name in _order():
        for number in range(draw(st.integers(0, 2))):
            builder = BUILDERS.get(name)
            fields = builder(draw, ctx) if builder else {}
            if fields is None:
                continue
            rid = f"{name.replace('_', '-')}{number}"
            resources[rid] = {"type": name, **fields}
            ctx.ids.setdefault(name, []).append(rid)
            if "subnets" in fields or "subnet" in fields:
                _maybe_filtered(draw, ctx, resources[rid])


def _maybe_filtered(draw: Draw, ctx: Context, resource: Data) -> None:
    """Attach a VPC's security group, or declare an unusual tier, now and then."""
    if CATALOGUE[resource["type"]].model_fields.get("security_groups") and draw(st.booleans()):
        first = resource.get("subnet") or resource["subnets"][0]
        vpc = next(v for v in ctx.vpcs if first in v.zone_of)
        resource["security_groups"] = [f"sg{vpc.id.removeprefix('vpc')}"]
    if draw(st.integers(0, 9)) == 0:
        resource["tier"] = draw(st.sampled_from(["presentation", "application", "data"]))


@st.composite
def architectures(draw: Draw, max_vpcs: int = 2) -> Data:
    """Draw one valid architecture document (a dict to dump as YAML)."""
    resources: Data = {}
    vpcs = [draw(_network(index, resources)) for index in range(draw(st.integers(0, max_vpcs)))]
    ctx = Context(vpcs)
    draw(_resources(ctx, resources))
    links.wire(draw, ctx, resources)
    order = draw(st.permutations(list(resources)))
    connections = draw(connections_of(ctx, resources))
    return {
        "archgen": 1,
        "name": "generated",
        "title": "Generated design",
        "region": REGION,
        "resources": {rid: resources[rid] for rid in order},
        "connections": connections,
        "flows": draw(flows_along(connections)),
    }
