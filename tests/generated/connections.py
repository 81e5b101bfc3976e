"""Connections and flows for generated designs: calls real designs make, and some odd ones.

Mostly between types that talk to each other (`SENSIBLE`), a few between any
two services; never more subnet pairs than one file may ask the analysis to
prove, never the same one twice. Flows walk the declared connections.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from archgen.loader.constraints import MAX_SUBNET_PAIRS, not_an_end
from archgen.model.catalogue import PROTOCOL_PORTS
from tests.generated.context import Context, Data, Draw, some

_RUNS_CODE = ("ec2", "autoscaling_group", "lambda", "ecs_service", "eks_cluster")

SENSIBLE = (
    (("client",), ("cloudfront", "alb", "api_gateway", "route53", "cognito"), "https", "request"),
    (("client",), ("nlb",), "tcp", "request"),
    (("cloudfront",), ("s3", "alb", "api_gateway"), "https", "request"),
    (("alb",), (*_RUNS_CODE,), "http", "request"),
    (("nlb",), ("ec2", "autoscaling_group", "ecs_service", "alb"), "tcp", "request"),
    (("api_gateway",), ("lambda", "alb", "nlb", "sqs", "dynamodb"), "https", "request"),
    (("api_gateway",), ("step_functions", "kinesis_stream", "eventbridge"), "https", "request"),
    (_RUNS_CODE, ("rds",), "mysql", "request"),
    (_RUNS_CODE, ("rds",), "postgresql", "request"),
    (_RUNS_CODE, ("elasticache",), "redis", "request"),
    (
        _RUNS_CODE,
        ("dynamodb", "s3", "sqs", "sns", "kinesis_stream", "opensearch"),
        "https",
        "request",
    ),
    (_RUNS_CODE, ("bedrock", "secrets_manager", "cloudwatch", "kms_key"), "https", "request"),
    (_RUNS_CODE, ("ecr", "systems_manager", "bedrock_knowledge_base"), "https", "request"),
    (("ec2", "autoscaling_group", "ecs_service"), ("efs",), "nfs", "request"),
    (("bedrock_knowledge_base",), ("bedrock", "opensearch", "s3", "rds"), "https", "request"),
    (("step_functions",), ("lambda", "sqs", "dynamodb", "ecs_service"), "https", "request"),
    (("s3", "sns", "eventbridge"), ("lambda", "sqs", "sns", "step_functions"), "https", "event"),
    (("s3", "cloudtrail"), ("eventbridge",), "https", "event"),
    (("sqs", "kinesis_stream", "dynamodb"), ("lambda",), "https", "poll"),
    (("sqs",), ("ecs_service", "ec2", "autoscaling_group"), "https", "poll"),
)
"""(from types, to types, protocol, mode): the calls real designs make, and who starts them."""

MODES = ("request", "event", "poll", None)
"""A connection's `mode`; None leaves it out (a request)."""


@st.composite
def connections(draw: Draw, ctx: Context, resources: Data) -> list[Data]:
    """Draw connections: mostly between types that talk, some between any two services."""
    candidates = [
        (source, target, protocol, mode)
        for sources, targets, protocol, mode in SENSIBLE
        for source in ctx.of(*sources)
        for target in ctx.of(*targets)
        if source != target
    ]
    services = [
        rid for name, ids in ctx.ids.items() if not_an_end(name, name) is None for rid in ids
    ]
    chosen = some(draw, list(range(len(candidates))), 0) if candidates else []
    connections = [_connection(draw, *candidates[index]) for index in chosen]
    if len(services) >= 2:
        for _ in range(draw(st.integers(0, 3))):
            source, target = draw(st.permutations(services))[:2]
            protocol = draw(st.sampled_from([*PROTOCOL_PORTS, "tcp", "udp"]))
            mode = draw(st.sampled_from(MODES))
            connections.append(_connection(draw, source, target, protocol, mode))
    return _affordable(_unique(connections), resources)


def _connection(
    draw: Draw, source: str, target: str, protocol: str, mode: str | None = None
) -> Data:
    connection: Data = {"from": source, "to": target, "protocol": protocol}
    if protocol in ("tcp", "udp"):
        connection["port"] = draw(st.sampled_from([2049, 8080, 443, 53, "8443"]))
    if mode is not None and (mode != "request" or draw(st.booleans())):
        connection["mode"] = mode
    if draw(st.integers(0, 3)) == 0:
        connection["label"] = draw(st.sampled_from(["SQL query", "origin request", "a & <b>"]))
    return connection


def _unique(connections: list[Data]) -> list[Data]:
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for connection in connections:
        key = (connection["from"], connection["to"], connection["protocol"], connection.get("port"))
        if key not in seen:
            seen.add(key)
            kept.append(connection)
    return kept


def _affordable(connections: list[Data], resources: Data) -> list[Data]:
    """Keep the connections within the subnet pairs one file may ask to prove."""
    kept, pairs = [], 0
    for connection in connections:
        cost = _places(resources[connection["from"]]) * _places(resources[connection["to"]])
        if pairs + cost <= MAX_SUBNET_PAIRS:
            kept.append(connection)
            pairs += cost
    return kept


def _places(resource: Data) -> int:
    return max(1, len(resource.get("subnets", ())))


@st.composite
def flows(draw: Draw, connections: list[Data]) -> list[Data]:
    """Draw up to two flows, each a walk along declared connections."""
    flows: list[Data] = []
    onward: dict[str, list[str]] = {}
    for connection in connections:
        onward.setdefault(connection["from"], []).append(connection["to"])
    starts = sorted(onward)
    for number in range(draw(st.integers(0, 2)) if starts else 0):
        steps = [draw(st.sampled_from(starts))]
        while steps[-1] in onward and len(steps) < 5:
            following = [t for t in onward[steps[-1]] if t not in steps]
            if not following or (len(steps) > 1 and not draw(st.booleans())):
                break
            steps.append(draw(st.sampled_from(following)))
        if len(steps) >= 2:
            flows.append({"name": f"Flow {number}", "steps": steps})
    return flows
