"""What the generated-design builders share: the VPCs and ids drawn so far, and subsets.

Kept apart from the builders (strategies) and the connections (connections), so
that a new builder needs only this and a line in `strategies.BUILDERS`; the commands
never see these types, only the YAML the designs are dumped as.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from hypothesis import strategies as st

T = TypeVar("T")
Data = dict[str, Any]
Draw = Callable[[st.SearchStrategy[Any]], Any]


@dataclass
class Vpc:
    """One generated VPC: its id, zones, and subnets by tier (tier order as drawn)."""

    id: str
    zones: list[str]
    tiers: dict[str, list[str]] = field(default_factory=dict)
    zone_of: dict[str, str] = field(default_factory=dict)
    tables: list[str] = field(default_factory=list)

    @property
    def subnets(self) -> list[str]:
        """Every subnet of the VPC, tier by tier."""
        return [subnet for ids in self.tiers.values() for subnet in ids]

    @property
    def public(self) -> list[str]:
        """The subnets whose route table leads to the internet gateway."""
        return self.tiers.get("public", [])


@dataclass
class Context:
    """What the builders may refer to: VPCs, and the ids of each type made so far."""

    vpcs: list[Vpc]
    ids: dict[str, list[str]] = field(default_factory=dict)

    def of(self, *types: str) -> list[str]:
        """Return the ids made so far of `types`."""
        return [rid for name in types for rid in self.ids.get(name, [])]


Builder = Callable[[Draw, Context], Data | None]
"""Draw one resource's fields (without `type`), or None when the context allows none."""


def some(draw: Draw, items: list[T], min_size: int = 1, max_size: int | None = None) -> list[T]:
    """Draw a subset of `items` (in any order), never empty unless `min_size` is 0."""
    if len(items) < min_size or not items:
        return []
    chosen = st.lists(st.sampled_from(items), min_size=min_size, max_size=max_size, unique=True)
    return list(draw(chosen))
