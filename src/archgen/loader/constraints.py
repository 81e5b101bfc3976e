"""Rules of the format that span several fields, and that AWS itself enforces.

pydantic checks each value alone; what depends on two values (ports that a
protocol needs, NACL rule numbers that must be unique, flow steps that must be
declared connections) is checked here, each problem at the exact key to fix.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterator, Sequence

from archgen.errors import Problem
from archgen.loader import endpoint_rules
from archgen.loader.parts import Parts
from archgen.loader.references import article
from archgen.model.catalogue import PROTOCOL_PORTS
from archgen.model.resources.base import ResourceBase
from archgen.model.resources.compute import AutoscalingGroup
from archgen.model.resources.data import Elasticache, Rds
from archgen.model.resources.edge import LoadBalancer
from archgen.model.resources.facts import InSubnets
from archgen.model.resources.links import PrefixList, VpcPeering
from archgen.model.resources.network import (
    EgressRule,
    IngressRule,
    NaclRule,
    NetworkAcl,
    RouteTable,
    SecurityGroup,
    VpcEndpoint,
)
from archgen.safe_text import visible
from archgen.source import KeyPath, SourceMap

Finding = tuple[KeyPath, str]


def check_constraints(parts: Parts, source: SourceMap) -> list[Problem]:
    """Return a problem for every cross-field constraint the document's valid parts break."""
    found: list[Finding] = [
        *_connections(parts),
        *_analysis_size(parts),
        *_flows(parts),
        *_main_tables(parts),
    ]
    for rid, resource in parts.resources.items():
        found.extend(_resource(resource, ("resources", rid)))
    return [Problem(source.span(path), visible(message)) for path, message in found]


def _resource(resource: ResourceBase, path: KeyPath) -> Iterator[Finding]:
    if isinstance(resource, NetworkAcl):
        for direction in ("inbound", "outbound"):
            yield from _nacl_rules(getattr(resource, direction), (*path, direction))
    elif isinstance(resource, SecurityGroup):
        yield from _filter_ports(resource.ingress, (*path, "ingress"))
        yield from _filter_ports(resource.egress or (), (*path, "egress"))
    elif isinstance(resource, RouteTable):
        yield from _unique(
            [route.destination for route in resource.routes],
            (*path, "routes"),
            "destination",
            "a route to {} is already in this table",
        )
    elif isinstance(resource, AutoscalingGroup):
        if not resource.min <= resource.desired <= resource.max:
            yield (
                (*path, "desired"),
                f"capacity must satisfy min <= desired <= max, got {resource.min} <= "
                f"{resource.desired} <= {resource.max}",
            )
    elif isinstance(resource, VpcEndpoint | PrefixList | VpcPeering):
        yield from endpoint_rules.check(resource, path)
    elif isinstance(resource, Rds) and resource.replicas and not resource.aurora:
        yield (
            (*path, "replicas"),
            f"'replicas' counts Aurora readers: engine {resource.engine} has none (use an "
            "aurora-* engine, or declare each read replica as its own rds resource)",
        )
    elif isinstance(resource, LoadBalancer):
        yield from _unique(
            [listener.port for listener in resource.listeners],
            (*path, "listeners"),
            "port",
            "a listener on port {} is already declared",
        )


def _nacl_rules(rules: tuple[NaclRule, ...], path: KeyPath) -> Iterator[Finding]:
    yield from _unique(
        [rule.rule for rule in rules], path, "rule", "rule number {} is already used here"
    )
    yield from _filter_ports(rules, path)


def _filter_ports(
    rules: Sequence[NaclRule | IngressRule | EgressRule], path: KeyPath
) -> Iterator[Finding]:
    """`ports` is required for tcp and udp, and meaningless for icmp and all."""
    for index, rule in enumerate(rules):
        if rule.protocol in ("tcp", "udp") and rule.ports is None:
            yield (*path, index, "protocol"), f"a {rule.protocol} rule needs 'ports'"
        if rule.protocol in ("icmp", "all") and rule.ports not in (None, "all"):
            yield (
                (*path, index, "ports"),
                f"protocol {rule.protocol} has no ports: omit 'ports' or write 'all'",
            )


def _unique(values: Sequence[Hashable], path: KeyPath, key: str, message: str) -> Iterator[Finding]:
    seen: set[Hashable] = set()
    for index, value in enumerate(values):
        if value in seen:
            yield (*path, index, key), message.format(value)
        seen.add(value)


MAX_SUBNET_PAIRS = 5_000
"""The most subnet pairs one file's connections may ask the network analysis to prove.

Each connection is proven for every pair of subnets its two ends live in,
through routes, both NACLs and the security groups, both ways. Real designs
ask for tens or hundreds; without a bound, a file of a few kilobytes (forty
Auto Scaling groups and forty databases over twenty subnets each, every one
connected) asks for hundreds of thousands and runs for minutes.
"""


def _analysis_size(parts: Parts) -> Iterator[Finding]:
    pairs = sum(
        _places(parts, connection.source) * _places(parts, connection.target)
        for _, connection in parts.connections
    )
    if pairs > MAX_SUBNET_PAIRS:
        yield (
            ("connections",),
            f"the connections ask for {pairs} subnet pairs to be proven; archgen proves at most "
            f"{MAX_SUBNET_PAIRS} per file: split the design into several files",
        )


def _places(parts: Parts, rid: str) -> int:
    """Return how many subnets a resource lives in (one for what lives outside a VPC)."""
    resource = parts.resources.get(rid)
    return max(1, len(resource.subnets)) if isinstance(resource, InSubnets) else 1


def _main_tables(parts: Parts) -> Iterator[Finding]:
    """Report a second main route table in one VPC: AWS has exactly one per VPC."""
    mains: dict[str, str] = {}
    for rid, resource in parts.resources.items():
        if isinstance(resource, RouteTable) and resource.main:
            if resource.vpc in mains:
                yield (
                    ("resources", rid, "main"),
                    f"VPC '{resource.vpc}' already has a main route table: '{mains[resource.vpc]}'",
                )
            mains.setdefault(resource.vpc, rid)


def _connections(parts: Parts) -> Iterator[Finding]:
    seen: dict[tuple[str, str, str, int | None, str], int] = {}
    for index, connection in parts.connections:
        path: KeyPath = ("connections", index)
        if connection.port is None and connection.protocol not in PROTOCOL_PORTS:
            yield (*path, "protocol"), f"a {connection.protocol} connection needs a 'port'"
        if connection.source == connection.target:
            yield (*path, "to"), f"'{connection.source}' cannot connect to itself"
        key: tuple[str, str, str, int | None, str] = (  # writes and reads of a store are two
            connection.source,
            connection.target,
            connection.protocol,
            connection.port,
            connection.endpoint,
        )
        if key in seen:
            yield path, f"the same connection is already declared as connection {seen[key] + 1}"
        seen.setdefault(key, index)
        for end, rid in (("from", connection.source), ("to", connection.target)):
            kind = parts.kinds.get(rid)  # known even when the resource has a bad value
            problem = not_an_end(rid, kind)
            if problem is not None:
                yield (*path, end), problem
        target = parts.resources.get(connection.target)
        if connection.endpoint == "reader" and target is not None and not _has_readers(target):
            yield (
                (*path, "endpoint"),
                f"'{connection.target}' has no reader endpoint: only an Aurora cluster or an "
                "ElastiCache replication group with 'replicas' has one",
            )


def _has_readers(resource: ResourceBase) -> bool:
    """Tell whether a store has a reader endpoint: Aurora or Redis/Valkey with replicas."""
    if isinstance(resource, Rds):
        return resource.aurora and resource.replicas > 0
    if isinstance(resource, Elasticache):
        return resource.engine != "memcached" and resource.replicas > 0
    return False


_PLUMBING = frozenset({"vpc", "subnet", "route_table", "network_acl", "security_group", "iam_role"})
_CARRIERS = frozenset(
    {"internet_gateway", "nat_gateway", "vpc_endpoint", "prefix_list", "transit_gateway"}
    | {"vpc_peering"}
)


def not_an_end(rid: str, kind: str | None) -> str | None:
    """Return why a resource of type `kind` cannot end a connection, or None if it can.

    What filters traffic or carries it sends nothing of its own: a verdict
    for it would mean nothing. The loader asks this of declared connections
    and `archgen trace` of the ends it is given, so both refuse the same ones.
    """
    if kind in _PLUMBING:
        return (
            f"'{rid}' is {article(kind)}: connections join services, and routes, ACLs and security "
            "groups decide what is allowed"
        )
    if kind in _CARRIERS:
        return (
            f"'{rid}' is {article(kind)}: gateways, endpoints, prefix lists and peering carry "
            "connections and are not their ends; connect the services on either side"
        )
    return None


def _flows(parts: Parts) -> Iterator[Finding]:
    names: set[str] = set()
    for index, flow in parts.flows:
        if flow.name in names:
            yield ("flows", index, "name"), f"a flow named '{flow.name}' is already declared"
        names.add(flow.name)
        for step, (source, target) in enumerate(itertools.pairwise(flow.steps)):
            known = source in parts.declared and target in parts.declared
            if known and (source, target) not in parts.pairs:
                yield (
                    ("flows", index, "steps", step + 1),
                    f"flow '{flow.name}': no connection from '{source}' to '{target}' is declared",
                )
