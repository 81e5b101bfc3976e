"""The mutants of the fuzz tests: a shipped design changed as a careless or hostile author would.

Each mutant starts from the parsed data of a shipped example and applies a few
operations drawn by hypothesis: an edge value, another resource's id, a value
grafted from elsewhere in the document, a deleted, emptied, repeated or wrapped
value, a reference pointed elsewhere, another zone, or a new connection between
any two resources. The operations work on the parsed data, without writing YAML.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
from typing import Any

from hypothesis import strategies as st

from archgen.loader.yaml_positions import ParsedDocument, parse
from tests.conftest import ARCHITECTURES, ROOT

SOURCES = (
    *sorted(ARCHITECTURES.glob("*.yaml")),
    ROOT / "tests" / "data" / "every-type.yaml",
)
KeyPath = tuple[Any, ...]

EDGE_VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    1,
    2,
    65535,
    65536,
    32767,
    10**40,
    -(10**40),
    float("inf"),
    float("nan"),
    1.5,
    "",
    " ",
    "x",
    "all",
    "0-65535",
    "1024-65535",
    "70000-80000",
    "0.0.0.0/0",
    "10.0.0.0/8",
    "10.0.0.0/33",
    "10.0.1.0/24",
    "10.0.0.0/32",
    "::/0",
    "us-east-1a",
    "us-east-1b",
    "us-west-2a",
    "eu-west-1c",
    "2027-02-30",
    "2000-01-01",
    "AG999",
    "AG104",
    "tcp",
    "icmp",
    "https",
    "deny",
    [],
    {},
    [None],
    [{}],
    {"type": "client"},
)


@cache
def parsed_source(index: int) -> ParsedDocument:
    """Return the parsed data of shipped source `index`, parsed once: each mutant copies it."""
    path = SOURCES[index]
    return parse(path.read_text(encoding="utf-8"), path.name)


@cache
def _mutable_paths(index: int) -> tuple[KeyPath, ...]:
    """Every path to a value of a shipped document, the root excepted."""
    found: list[KeyPath] = []
    stack: list[tuple[KeyPath, Any]] = [((), parsed_source(index).value)]
    while stack:
        path, value = stack.pop()
        if path:
            found.append(path)
        if isinstance(value, dict):
            stack.extend(((*path, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, key), item) for key, item in enumerate(value))
    return tuple(sorted(found, key=repr))


@cache
def resource_ids(index: int) -> tuple[str, ...]:
    """Return the ids of shipped source `index`'s resources, which references may name."""
    return tuple(parsed_source(index).value["resources"])


def _child(container: Any, part: Any) -> bool:
    """Tell whether `part` still indexes `container` after earlier mutations."""
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and part < len(container)


def _parent(document: Any, path: KeyPath) -> tuple[Any, Any] | None:
    """Return (container, key) for `path` in the mutated document, if it still exists."""
    current = document
    for part in path[:-1]:
        if not _child(current, part):
            return None
        current = current[part]
    return (current, path[-1]) if _child(current, path[-1]) else None


Slot = tuple[Any, Any]  # a container and the key or index of one of its values


def _edge(slot: Slot, index: int, pick: int) -> None:
    slot[0][slot[1]] = copy.deepcopy(EDGE_VALUES[pick % len(EDGE_VALUES)])


def _other_id(slot: Slot, index: int, pick: int) -> None:
    slot[0][slot[1]] = resource_ids(index)[pick % len(resource_ids(index))]


def _graft(slot: Slot, index: int, pick: int) -> None:
    """Put another value of the same document here: a mapping, a list, an id, a port."""
    paths = _mutable_paths(index)
    other = _parent(parsed_source(index).value, paths[pick % len(paths)])
    if other is not None:
        slot[0][slot[1]] = copy.deepcopy(other[0][other[1]])


def _delete(slot: Slot, index: int, pick: int) -> None:
    del slot[0][slot[1]]


def _empty(slot: Slot, index: int, pick: int) -> None:
    value = slot[0][slot[1]]
    if isinstance(value, list | dict | str):
        slot[0][slot[1]] = type(value)()


def _repeat(slot: Slot, index: int, pick: int) -> None:
    if isinstance(slot[0], list):
        slot[0].insert(slot[1], copy.deepcopy(slot[0][slot[1]]))


def _wrap(slot: Slot, index: int, pick: int) -> None:
    slot[0][slot[1]] = [slot[0][slot[1]]]


def _retarget(slot: Slot, index: int, pick: int) -> None:
    """Point a reference at another resource, of whatever type."""
    if slot[0][slot[1]] in resource_ids(index):
        _other_id(slot, index, pick)


def _move_zone(slot: Slot, index: int, pick: int) -> None:
    if slot[1] == "zone":
        slot[0][slot[1]] = ZONES[pick % len(ZONES)]


MUTATIONS: dict[str, Callable[[Slot, int, int], None]] = {
    "edge": _edge,
    "id": _other_id,
    "graft": _graft,
    "delete": _delete,
    "empty": _empty,
    "repeat": _repeat,
    "wrap": _wrap,
    "retarget": _retarget,
    "zone": _move_zone,
}


def mutate(document: Any, index: int, operation: tuple[str, int, int]) -> None:
    """Apply one drawn operation to `document`, a copy of shipped source `index`'s data."""
    kind, where, pick = operation
    if kind == "connect":
        _connect(document, index, where, pick)
        return
    paths = _mutable_paths(index)
    slot = _parent(document, paths[where % len(paths)])
    if slot is not None:
        MUTATIONS[kind](slot, index, pick)


def _connect(document: Any, index: int, first: int, second: int) -> None:
    """Declare one more connection between two resources of any types."""
    ids = resource_ids(index)
    protocol = PROTOCOLS[(first + second) % len(PROTOCOLS)]
    connection: dict[str, Any] = {"from": ids[first % len(ids)], "to": ids[second % len(ids)]}
    connection["protocol"] = protocol
    connection["mode"] = MODES[(first // 3 + second) % len(MODES)]
    if protocol in ("tcp", "udp") or first % 5 == 0:
        connection["port"] = PORTS[second % len(PORTS)]
    connections = document.setdefault("connections", [])
    if isinstance(connections, list):
        connections.append(connection)


ZONES = ("us-east-1a", "us-east-1b", "us-east-1c", "eu-west-1a", "eu-west-1b", "ap-south-1a")
PROTOCOLS = ("https", "http", "tcp", "udp", "dns", "mysql", "postgresql", "redis")
PORTS = (1, 22, 80, 443, 1024, 3306, 5432, 65535)
MODES = ("request", "event", "poll")

operations = st.tuples(
    st.sampled_from((*MUTATIONS, "connect")),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
)
"""One operation: its kind (a mutation or "connect"), where it applies, and what it picks."""
