"""Sets of integers as sorted, disjoint, inclusive intervals: addresses and ports.

The analysis never enumerates packets: an address set such as "the internet"
is a handful of intervals, and set algebra on them stays cheap.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

Interval = tuple[int, int]


@dataclass(frozen=True)
class IntervalSet:
    """An immutable set of integers stored as sorted, disjoint, non-adjacent intervals."""

    intervals: tuple[Interval, ...] = ()

    @classmethod
    def of(cls, pieces: Iterable[Interval]) -> IntervalSet:
        """Return the set covering `pieces`, merged and sorted."""
        merged: list[list[int]] = []
        for low, high in sorted(p for p in pieces if p[0] <= p[1]):
            if merged and low <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], high)
            else:
                merged.append([low, high])
        return cls(tuple((low, high) for low, high in merged))

    @classmethod
    def cidr(cls, cidr: str) -> IntervalSet:
        """Return the addresses of an IPv4 CIDR block."""
        return _cidr_set(cidr)

    def __bool__(self) -> bool:
        return bool(self.intervals)

    def __iter__(self) -> Iterator[Interval]:
        return iter(self.intervals)

    def __or__(self, other: IntervalSet) -> IntervalSet:
        return IntervalSet.of((*self.intervals, *other.intervals))

    def __and__(self, other: IntervalSet) -> IntervalSet:
        result: list[Interval] = []
        i = j = 0
        a, b = self.intervals, other.intervals
        while i < len(a) and j < len(b):
            low, high = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
            if low <= high:
                result.append((low, high))
            if a[i][1] < b[j][1]:
                i += 1
            else:
                j += 1
        return IntervalSet(tuple(result))

    def __sub__(self, other: IntervalSet) -> IntervalSet:
        result: list[Interval] = []
        for low, high in self.intervals:
            start = low
            for cut_low, cut_high in other.intervals:
                if cut_high < start or cut_low > high:
                    continue
                if cut_low > start:
                    result.append((start, cut_low - 1))
                start = max(start, cut_high + 1)
                if start > high:
                    break
            if start <= high:
                result.append((start, high))
        return IntervalSet(tuple(result))

    def covers(self, other: IntervalSet) -> bool:
        """Tell whether every member of `other` is in this set."""
        return not (other - self)

    def first(self) -> Interval:
        """Return the lowest interval (for a message that shows an example)."""
        return self.intervals[0]


@functools.lru_cache(maxsize=65536)
def _cidr_set(cidr: str) -> IntervalSet:
    network = ipaddress.IPv4Network(cidr)
    return IntervalSet(((int(network.network_address), int(network.broadcast_address)),))


def address_text(addresses: IntervalSet) -> str:
    """Return addresses as CIDR blocks, shortest form first; long lists are cut."""
    if addresses == INTERNET or _internet_less_managed(addresses):
        return "the internet"
    for name, block in MANAGED_LISTS.items():
        if addresses == block:
            return f"the {name} prefix list"
    blocks: list[str] = []
    for low, high in addresses:
        blocks += [
            str(net)
            for net in ipaddress.summarize_address_range(
                ipaddress.IPv4Address(low), ipaddress.IPv4Address(high)
            )
        ]
    if len(blocks) > 3:
        return f"{', '.join(blocks[:3])} and {len(blocks) - 3} more"
    return ", ".join(blocks)


def _internet_less_managed(addresses: IntervalSet) -> bool:
    """Tell whether `addresses` are the internet less some AWS-managed lists' stand-ins.

    The stand-in blocks are archgen's, not addresses a reader would know: the
    internet less CloudFront's is still "the internet" in a message.
    """
    missing = INTERNET - addresses
    return bool(missing) and INTERNET.covers(addresses) and _MANAGED_BLOCKS.covers(missing)


def port_text(ports: IntervalSet) -> str:
    """Return ports as 443, 1024-65535 or all."""
    if ports.intervals == ((0, 65535),):
        return "all ports"
    return ", ".join(str(low) if low == high else f"{low}-{high}" for low, high in ports)


ALL_ADDRESSES = IntervalSet.cidr("0.0.0.0/0")
ALL_PORTS = IntervalSet(((0, 65535),))
EPHEMERAL = IntervalSet(((1024, 65535),))
NON_INTERNET = (
    IntervalSet.cidr("10.0.0.0/8")
    | IntervalSet.cidr("172.16.0.0/12")
    | IntervalSet.cidr("192.168.0.0/16")
    | IntervalSet.cidr("100.64.0.0/10")
)
INTERNET = ALL_ADDRESSES - NON_INTERNET
"""Public address space: where clients and the public endpoints of AWS services live."""

MANAGED_LISTS = {
    "cloudfront-origin-facing": IntervalSet.cidr("240.0.0.0/8"),
    "s3": IntervalSet.cidr("241.0.0.0/8"),
    "dynamodb": IntervalSet.cidr("242.0.0.0/8"),
}
"""AWS-managed prefix lists, each as a block of the reserved 240.0.0.0/4 that stands for it.

AWS publishes no fixed content for them, and what the analysis needs is only
who is inside: CloudFront is in its list, the rest of the internet is not. A
block of reserved space lies inside 0.0.0.0/0 (a rule open to everything still
admits the service) and outside every range an author writes (see network/ranges.py).
"""
_MANAGED_BLOCKS = IntervalSet.of(piece for block in MANAGED_LISTS.values() for piece in block)
OPEN_INTERNET = INTERNET - _MANAGED_BLOCKS
"""Where a stranger may send from: public space, less the stand-ins of AWS-managed lists."""
