"""What the analysis answers: the steps that admitted a packet, or what blocked it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from archgen.network.intervals import IntervalSet

Direction = Literal["forward", "return"]


@dataclass(frozen=True)
class Place:
    """One end of a pair: the internet, a service endpoint, or one subnet of a resource."""

    label: str
    addresses: IntervalSet
    subnet: str | None = None
    zone: str | None = None

    @property
    def internet(self) -> bool:
        """Tell whether this is the internet (a client), not a subnet or a public endpoint."""
        return self.subnet is None and self.label.endswith(" (internet)")


@dataclass(frozen=True)
class Step:
    """One component that admitted the packet, and by which rule."""

    direction: Direction
    kind: str
    component: str
    check: str
    admitted_by: str

    @property
    def subject(self) -> str:
        """Return the id of the component (a NACL, route table, gateway...), "" for none."""
        return self.component.partition(" ")[0]

    @property
    def way(self) -> str:
        """Return "inbound" or "outbound" for a network ACL's side, else ""."""
        way = self.component.partition(" ")[2]
        return way if way in ("inbound", "outbound") else ""

    @property
    def rules(self) -> tuple[str, ...]:
        """Return the rules that admitted the packet, each without its component's name."""
        rules = self.admitted_by.split("; ")
        if self.kind == "security_group":
            rules = [rule.removeprefix(f"{self.subject}: ") for rule in rules]
        if self.kind == "listener":
            rules[0] = rules[0].removeprefix("listener ")
        return tuple(rules)


@dataclass(frozen=True)
class Block:
    """The first component that refused the packet, in Reachability Analyzer's words."""

    direction: Direction
    kind: str
    component: str
    reason: str
    detail: str

    def describe(self) -> str:
        """Return e.g. 'return path at network_acl app-nacl outbound (...) [CODE]'."""
        where = f"{self.kind} {self.component}" if self.component else self.kind
        return f"{self.direction} path at {where} ({self.detail}) [{self.reason}]"


@dataclass(frozen=True)
class PairVerdict:
    """The path between one source place and one target place, both ways."""

    source: Place
    target: Place
    steps: tuple[Step, ...]
    block: Block | None

    @property
    def reachable(self) -> bool:
        """Tell whether the request and its reply both pass."""
        return self.block is None


@dataclass(frozen=True)
class HopVerdict:
    """A connection A -> B checked over every pair of places traffic can use."""

    source: str
    target: str
    protocol: str
    port: int
    pairs: tuple[PairVerdict, ...]
    scope: Literal["vpc", "outside"] = "vpc"

    @property
    def reachable(self) -> bool:
        """Tell whether every pair passes both ways; no pair at all proves nothing."""
        return bool(self.pairs) and all(pair.reachable for pair in self.pairs)

    @property
    def first_block(self) -> tuple[PairVerdict, Block] | None:
        """Return the first failing pair and what blocked it."""
        for pair in self.pairs:
            if pair.block is not None:
                return pair, pair.block
        return None
