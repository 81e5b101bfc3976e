"""Builders for the services of a generated design: every field an author may set, valid.

Each returns the fields of one resource (without `type`) from what the context
holds so far, or None when nothing it needs exists yet (a knowledge base with no
store to keep its vectors in). The network-bound ones take a random subset of
one VPC's subnets, like `strategies._subnets`.
"""

from __future__ import annotations

from hypothesis import strategies as st

from archgen.model.resources.analytics import VECTOR_STORES
from archgen.model.resources.network import MAX_SUBNETS
from tests.generated.context import Builder, Context, Data, Draw, some

PUBLIC_RANGES = ("203.0.113.0/24", "198.51.100.0/24", "192.0.2.10/32", "0.0.0.0/0")
"""Client source ranges: an office, a partner, one host, and the whole internet."""
AURORA = ("aurora-mysql", "aurora-postgresql")


def in_subnets(draw: Draw, ctx: Context, most: int = MAX_SUBNETS) -> Data | None:
    """Draw a random subset of one VPC's subnets: any tiers, any zones, several in one zone."""
    vpc = draw(st.sampled_from(ctx.vpcs)) if ctx.vpcs else None
    if vpc is None or not vpc.subnets:
        return None
    return {"subnets": some(draw, vpc.subnets, max_size=most)}


def _maybe(draw: Draw, fields: Data) -> Data:
    """Keep each optional field or leave it to its default, at random."""
    return {key: value for key, value in fields.items() if draw(st.booleans())}


def client(draw: Draw, ctx: Context) -> Data | None:
    """Draw the whole internet, or only some public source ranges (an office, a partner)."""
    if draw(st.booleans()):
        return {}
    return {"cidrs": some(draw, list(PUBLIC_RANGES))}


def rds(draw: Draw, ctx: Context) -> Data | None:
    """Draw a database in any subnets: Multi-AZ in any pair of zones, or Aurora with readers."""
    fields = in_subnets(draw, ctx)
    if fields is None:
        return None
    engine = draw(
        st.sampled_from([*("mysql", "mariadb", "postgres", "oracle", "sqlserver"), *AURORA])
    )
    fields.update(engine=engine, multi_az=draw(st.booleans()))
    if engine in AURORA:
        fields["replicas"] = draw(st.integers(0, 3))
    extra = {"storage_encrypted": True, "publicly_accessible": draw(st.booleans())}
    return {**fields, **_maybe(draw, extra)}


def elasticache(draw: Draw, ctx: Context) -> Data | None:
    fields = in_subnets(draw, ctx)
    if fields is None:
        return None
    extra = {
        "engine": draw(st.sampled_from(["redis", "valkey", "memcached"])),
        "encrypted_at_rest": True,
        "encrypted_in_transit": True,
        "replicas": draw(st.integers(0, 2)),
    }
    return {**fields, "multi_az": draw(st.booleans()), **_maybe(draw, extra)}


def lambda_function(draw: Draw, ctx: Context) -> Data | None:
    """Draw a regional function, or one attached to a VPC's subnets."""
    attached = in_subnets(draw, ctx) if draw(st.booleans()) else None
    extra = {"runtime": "python3.12", "timeout": draw(st.integers(1, 900)), "memory": 512}
    return {**(attached or {}), **_maybe(draw, extra)}


def ecs_service(draw: Draw, ctx: Context) -> Data | None:
    fields = in_subnets(draw, ctx)
    if fields is None:
        return None
    extra = {
        "launch_type": draw(st.sampled_from(["fargate", "ec2"])),
        "cluster": "main",
        "desired": draw(st.integers(0, 4)),
        "public_ip": draw(st.booleans()),
    }
    return {**fields, **_maybe(draw, extra)}


def eks_cluster(draw: Draw, ctx: Context) -> Data | None:
    fields = in_subnets(draw, ctx)
    if fields is None:
        return None
    return {**fields, **_maybe(draw, {"version": "1.30", "endpoint_public": draw(st.booleans())})}


def nlb(draw: Draw, ctx: Context) -> Data | None:
    """Draw an NLB: listeners on distinct ports, client addresses kept or not."""
    fields = in_subnets(draw, ctx)
    if fields is None:
        return None
    ports = some(draw, [443, 80, 53, 8443])
    protocols = st.sampled_from(["tcp", "tls", "udp", "tcp_udp"])
    fields["listeners"] = [{"port": port, "protocol": draw(protocols)} for port in ports]
    fields["scheme"] = draw(st.sampled_from(["internet-facing", "internal"]))
    return {**fields, **_maybe(draw, {"preserve_client_ip": draw(st.booleans())})}


def opensearch(draw: Draw, ctx: Context) -> Data | None:
    """Draw a VPC domain in up to three subnets, or a public one."""
    fields = (in_subnets(draw, ctx, most=3) if draw(st.booleans()) else None) or {}
    extra = {"zone_awareness": draw(st.booleans()), "encrypted": True}
    return {**fields, **_maybe(draw, extra)}


def kinesis_stream(draw: Draw, ctx: Context) -> Data | None:
    fields: Data = {"retention_hours": draw(st.sampled_from([24, 168])), "encrypted": True}
    if draw(st.booleans()):
        return {"capacity_mode": "provisioned", "shards": draw(st.integers(1, 4)), **fields}
    return _maybe(draw, fields)


def api_gateway(draw: Draw, ctx: Context) -> Data | None:
    authorizers = ["none", "iam", "cognito", "lambda", "jwt"]
    extra = {
        "kind": draw(st.sampled_from(["rest", "http", "websocket"])),
        "authorizer": draw(st.sampled_from(authorizers)),
        "access_logging": True,
    }
    return _maybe(draw, extra)


def sqs(draw: Draw, ctx: Context) -> Data | None:
    """Draw a queue, FIFO or not, sending what fails to a queue drawn before it."""
    extra: Data = {"fifo": draw(st.booleans()), "encrypted": draw(st.booleans())}
    if ctx.of("sqs"):
        extra["dead_letter_queue"] = draw(st.sampled_from(ctx.of("sqs")))
    return _maybe(draw, extra)


def dynamodb(draw: Draw, ctx: Context) -> Data | None:
    return _maybe(draw, {"point_in_time_recovery": True, "encrypted": draw(st.booleans())})


def simple(**choices: list[object]) -> Builder:
    """Return a builder that sets each of `choices` (field: values) or leaves its default."""

    def build(draw: Draw, ctx: Context) -> Data | None:
        return _maybe(draw, {key: draw(st.sampled_from(v)) for key, v in choices.items()})

    return build


def cloudtrail(draw: Draw, ctx: Context) -> Data | None:
    extra: Data = {"multi_region": draw(st.booleans()), "log_validation": True}
    if ctx.of("s3"):
        extra["log_bucket"] = draw(st.sampled_from(ctx.of("s3")))
    return _maybe(draw, extra)


def acm_certificate(draw: Draw, ctx: Context) -> Data | None:
    users = some(draw, ctx.of("cloudfront", "alb", "nlb", "api_gateway"), 0)
    extra = {"domain": "example.org", "validation": draw(st.sampled_from(["dns", "email"]))}
    return {"used_by": users, **_maybe(draw, extra)}


def knowledge_base(draw: Draw, ctx: Context) -> Data | None:
    """Draw a knowledge base, if a store for its vectors was drawn before it."""
    stores = ctx.of(*VECTOR_STORES)
    if not stores:
        return None
    fields: Data = {"vector_store": draw(st.sampled_from(stores))}
    extra: Data = {"model": "amazon.titan-embed-text-v2"}
    if ctx.of("s3"):
        extra["data_source"] = draw(st.sampled_from(ctx.of("s3")))
    return {**fields, **_maybe(draw, extra)}
