"""A loaded architecture: the validated document plus the facts derived from it.

The derived facts (effective route table and NACL of each subnet, public or
private, AZs and tiers of each resource) are computed once here, so the rules,
the network analysis and the renderers cannot disagree about them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar

from archgen.model.catalogue import CATALOGUE, PROTOCOL_PORTS, type_name
from archgen.model.document import ArchitectureDocument, Connection, ConnectionMode
from archgen.model.resources.base import ResourceBase
from archgen.model.resources.facts import (
    HasSecurityGroups,
    HoldsRole,
    InSubnet,
    InSubnets,
    InVpc,
    Placement,
)
from archgen.model.resources.network import InternetGateway, RouteTable, Subnet, Vpc
from archgen.model.resources.services import IamRole
from archgen.model.types import Tier
from archgen.source import KeyPath, SourceMap

POLLED_SOURCES = frozenset({"sqs", "kinesis_stream", "dynamodb"})
"""Sources a Lambda event source mapping reads: the function's side starts every call."""

R = TypeVar("R", bound=ResourceBase)
T = TypeVar("T")

_LEAF_TYPES = frozenset(CATALOGUE.values())


@dataclass(frozen=True)
class Architecture:
    """The unit every later stage works on: one file's model, its source and its facts."""

    document: ArchitectureDocument
    source: SourceMap
    _main_tables: dict[str, str] = field(init=False, repr=False, compare=False)
    _memo: dict[str, object] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        for resource_id, resource in self.document.resources.items():
            resource._id = resource_id
        main_tables = {table.vpc: table.id for table in self.resources_of(RouteTable) if table.main}
        object.__setattr__(self, "_main_tables", main_tables)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Return what `compute` returns, computed once per architecture.

        Later stages (the network analysis) derive costly facts that several
        rules and the renderers need; the model keeps them so each is built once.
        """
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[return-value]  # stored by this method with T

    # -- lookup ------------------------------------------------------------------

    @property
    def name(self) -> str:
        """The slug that names the output files."""
        return self.document.name

    @property
    def file(self) -> str:
        """The file the architecture was read from, as the user named it."""
        return self.source.file

    @property
    def resources(self) -> Mapping[str, ResourceBase]:
        """Every resource by id, in declaration order (a read-only view, not a copy)."""
        return MappingProxyType(self.document.resources)

    @property
    def connections(self) -> tuple[Connection, ...]:
        """The declared connections, in declaration order."""
        return self.document.connections

    def resource(self, resource_id: str) -> ResourceBase:
        """Return the resource with this id (the loader guarantees it exists)."""
        return self.document.resources[resource_id]

    def get(self, resource_id: str, kind: type[R]) -> R:
        """Return the resource with this id, which the loader checked is a `kind`."""
        resource = self.document.resources[resource_id]
        if not isinstance(resource, kind):
            raise TypeError(f"{resource_id} is a {type(resource).__name__}, not {kind.__name__}")
        return resource

    def resources_of(self, kind: type[R]) -> Iterator[R]:
        """Yield the resources of one type, in declaration order."""
        if kind in _LEAF_TYPES:
            by_type = self.memo("model.by_type", self._group_by_type)
            yield from by_type.get(kind, ())  # type: ignore[misc]  # grouped by exact class
        else:
            yield from self._scan(kind)

    def _group_by_type(self) -> dict[type[ResourceBase], list[ResourceBase]]:
        groups: dict[type[ResourceBase], list[ResourceBase]] = {}
        for resource in self.document.resources.values():
            groups.setdefault(type(resource), []).append(resource)
        return groups

    def _scan(self, kind: type[R]) -> Iterator[R]:
        for resource in self.document.resources.values():
            if isinstance(resource, kind):
                yield resource

    def type_of(self, resource_id: str) -> str:
        """Return the catalogue type name of a resource."""
        return type_name(self.document.resources[resource_id])

    def path_of(self, resource_id: str, *rest: str | int) -> KeyPath:
        """Return the key path of a resource, or of one of its fields."""
        return ("resources", resource_id, *rest)

    def port_of(self, connection: Connection) -> int:
        """Return a connection's destination port.

        Declared, else the data store's own (RDS engine, cache, EFS), else the
        protocol's default (https 443, mysql 3306, ...).
        """
        if connection.port is not None:
            return connection.port
        port = self.resource(connection.target).own_port()
        return PROTOCOL_PORTS[connection.protocol] if port is None else port

    def mode_of(self, connection: Connection) -> ConnectionMode:
        """Return how a connection really runs (DESIGN.md 7.1).

        A queue, stream or table feeding a function is a poll whatever the file
        says: AWS always reads those sources with the function's own role.
        """
        if (
            self.type_of(connection.source) in POLLED_SOURCES
            and self.type_of(connection.target) == "lambda"
        ):
            return "poll"
        return connection.mode

    def connections_from(self, resource_id: str) -> list[tuple[int, Connection]]:
        """Return the connections `resource_id` opens, with their index in the file."""
        return self.memo("model.from", lambda: self._index_connections("source")).get(
            resource_id, []
        )

    def connections_to(self, resource_id: str) -> list[tuple[int, Connection]]:
        """Return the connections that reach `resource_id`, with their index in the file."""
        return self.memo("model.to", lambda: self._index_connections("target")).get(resource_id, [])

    def _index_connections(self, end: str) -> dict[str, list[tuple[int, Connection]]]:
        index: dict[str, list[tuple[int, Connection]]] = {}
        for number, connection in enumerate(self.connections):
            index.setdefault(getattr(connection, end), []).append((number, connection))
        return index

    def roles_of(self, resource_id: str) -> tuple[str, ...]:
        """Return the IAM roles a resource holds: its `role`, and roles that name it."""
        return self.memo("model.roles", self._index_roles).get(resource_id, ())

    def holders_of(self, role_id: str) -> tuple[str, ...]:
        """Return the resources that hold a role, in declaration order."""
        roles = self.memo("model.roles", self._index_roles)
        return tuple(rid for rid, held in roles.items() if role_id in held)

    def _index_roles(self) -> dict[str, tuple[str, ...]]:
        """Map each resource to its roles, once: rules and renderers ask for every resource."""
        assumed: dict[str, list[str]] = {}
        for role in self.resources_of(IamRole):
            for holder in role.assumed_by:
                assumed.setdefault(holder, []).append(role.id)
        roles: dict[str, tuple[str, ...]] = {}
        for resource_id, resource in self.document.resources.items():
            own = resource.own_role() if isinstance(resource, HoldsRole) else None
            held = ([own] if own else []) + assumed.get(resource_id, [])
            if held:
                roles[resource_id] = tuple(dict.fromkeys(held))
        return roles

    # -- derived network facts ---------------------------------------------------

    def route_table_of(self, subnet_id: str) -> RouteTable | None:
        """Return the subnet's effective route table: explicit, else the VPC's main one.

        None means the VPC's implicit main table, which holds only the local route.
        """
        subnet = self.get(subnet_id, Subnet)
        table_id = subnet.route_table or self._main_tables.get(subnet.vpc)
        return self.get(table_id, RouteTable) if table_id else None

    def nacl_of(self, subnet_id: str) -> str | None:
        """Return the id of the subnet's NACL; None is the VPC's default, allow-all ACL."""
        return self.get(subnet_id, Subnet).nacl

    def is_public(self, subnet_id: str) -> bool:
        """Tell whether the subnet routes to an internet gateway (AWS's definition)."""
        table = self.route_table_of(subnet_id)
        if table is None:
            return False
        return any(
            isinstance(self.resource(route.target), InternetGateway) for route in table.routes
        )

    def subnets_of(self, resource_id: str) -> tuple[str, ...]:
        """Return the subnets a resource has network interfaces in, in declaration order."""
        resource = self.resource(resource_id)
        if isinstance(resource, Subnet):
            return (resource_id,)
        if isinstance(resource, InSubnet | InSubnets):
            return resource.subnet_ids()
        return ()

    def zones_of(self, resource_id: str) -> tuple[str, ...]:
        """Return the Availability Zones a resource is placed in, without repeats."""
        zones = (self.get(subnet, Subnet).zone for subnet in self.subnets_of(resource_id))
        return tuple(dict.fromkeys(zones))

    def serving_zones(self, resource_id: str) -> tuple[str, ...]:
        """Return the zones a resource serves from: a one-zone database's first subnet's only.

        Its subnet group spans more zones than it runs in until a standby or
        an Aurora reader is there; this is what a zone's loss takes away.
        """
        return self.resource(resource_id).serving_zones(self.zones_of(resource_id))

    def vpc_of(self, resource_id: str) -> str | None:
        """Return the VPC a resource belongs to, if it belongs to one."""
        resource = self.resource(resource_id)
        if isinstance(resource, Vpc):
            return resource_id
        if isinstance(resource, InVpc):
            return resource.vpc_id()
        subnets = self.subnets_of(resource_id)
        return self.get(subnets[0], Subnet).vpc if subnets else None

    def security_groups_of(self, resource_id: str) -> tuple[str, ...]:
        """Return the security groups attached to a resource's network interfaces."""
        resource = self.resource(resource_id)
        return resource.group_ids() if isinstance(resource, HasSecurityGroups) else ()

    # -- derived roles -----------------------------------------------------------

    def tiers_of(self, resource_id: str) -> tuple[Tier, ...]:
        """Return the tiers a resource serves: declared, else the type's default."""
        resource = self.resource(resource_id)
        if resource.tier is None:
            return resource.default_tiers()
        if isinstance(resource.tier, tuple):
            return resource.tier
        return (resource.tier,)

    def placement_of(self, resource_id: str) -> Placement:
        """Return where the resource is drawn (outside, global, regional, vpc, subnet)."""
        return self.resource(resource_id).placement()
