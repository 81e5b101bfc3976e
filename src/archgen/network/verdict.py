"""What the analysis answers: the steps that admitted a packet, or what blocked it."""

from __future__ import annotations

from typing import Literal, NamedTuple

from archgen.network.intervals import IntervalSet

Direction = Literal["forward", "return"]


class Place(NamedTuple):
    """One end of a pair: the internet, a service endpoint, or one subnet of a resource.

    `internet` marks a client on the internet, as against a public AWS endpoint;
    both lie outside every VPC (no subnet), and the explanation words them apart.
    """

    label: str
    addresses: IntervalSet
    subnet: str | None = None
    zone: str | None = None
    internet: bool = False
    unlisted: bool = False
    """Its addresses stand for public ones archgen cannot list (an AWS service's endpoints):
    a rule naming a public range may or may not hold them (network/components.py)."""


class Step(NamedTuple):
    """One component that admitted the packet, and by which rule.

    The walk sets the facts (which component, which side of it, which rules)
    where it makes the step; `trace` and the explanation each word them their
    own way, so neither has to take the other's text apart.
    """

    direction: Direction
    kind: str
    name: str
    """The component as `trace` names it: its id, or e.g. "default ACL of vpc-a"."""
    check: str
    admitted_by: str
    """The rules that admitted the packet, in one line, as `trace` prints them."""
    subject: str
    """The component's id (a NACL, route table, gateway...), "" for none."""
    rules: tuple[str, ...]
    """The rules that admitted the packet, each without its component's name."""
    way: str = ""
    """"inbound" or "outbound" for a network ACL's side, else ""."""
    unverified: str = ""
    """Why the step admitted the packet only if a rule's public range holds the peer's
    addresses, which archgen cannot list; "" when the verdict is certain."""

    @property
    def component(self) -> str:
        """Return the component with its side, e.g. "app-nacl outbound"."""
        return f"{self.name} {self.way}" if self.way else self.name


class Block(NamedTuple):
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


class PairVerdict(NamedTuple):
    """The path between one source place and one target place, both ways."""

    source: Place
    target: Place
    steps: tuple[Step, ...]
    block: Block | None

    @property
    def reachable(self) -> bool:
        """Tell whether the request and its reply both pass."""
        return self.block is None


class HopVerdict(NamedTuple):
    """A call A -> B checked over every pair of places traffic can use.

    A is the side that opens the call: the `to` end of a polled connection.
    """

    source: str
    target: str
    protocol: str
    port: int
    pairs: tuple[PairVerdict, ...]
    scope: Literal["vpc", "outside", "service"] = "vpc"
    """"service": an AWS service carries the call (e.g. invokes a function), no VPC sees it."""
    one_way: bool = False
    """An event: the application answers nothing (DESIGN.md 7.1). Its transport's replies are
    still in the pairs when it runs on TCP; a UDP event's pairs hold the request alone."""

    @property
    def reachable(self) -> bool:
        """Tell whether every pair passes both ways; no pair at all proves nothing."""
        return bool(self.pairs) and all(pair.reachable for pair in self.pairs)

    @property
    def unverified(self) -> tuple[PairVerdict, Step] | None:
        """Return the first pair and step admitted only on an assumption about addresses."""
        for pair in self.pairs:
            for step in pair.steps:
                if step.unverified:
                    return pair, step
        return None

    @property
    def first_block(self) -> tuple[PairVerdict, Block] | None:
        """Return the first failing pair and what blocked it."""
        for pair in self.pairs:
            if pair.block is not None:
                return pair, pair.block
        return None
