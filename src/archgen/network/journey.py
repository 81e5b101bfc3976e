"""What `archgen trace` answers: each hop's network verdict with its identity verdict.

A call gets through when the network carries it (network/reach.py) and AWS
identity admits it (model/access.py, the decision AG501 reads too), so trace
and check agree on every declared connection.
"""

from __future__ import annotations

from dataclasses import dataclass

from archgen.model.access import Access, access
from archgen.model.architecture import Architecture
from archgen.network.calls import Call
from archgen.network.reach import network_of
from archgen.network.verdict import HopVerdict


@dataclass(frozen=True)
class TracedHop:
    """One call: how the network carried it, and whether identity let it in."""

    call: Call
    hop: HopVerdict
    access: Access | None
    """None: the callee checks no identity (an instance, a database); the network decides."""

    @property
    def passes(self) -> bool:
        """Tell whether the call gets through both the network and identity."""
        return self.hop.reachable and (self.access is None or self.access.allowed)


@dataclass(frozen=True)
class Journey:
    """The hops from the resource a trace starts at to the one it ends at, in order."""

    source: str
    target: str
    hops: tuple[TracedHop, ...]
    flow: str | None = None
    """The declared flow the hops follow, when one does."""

    @property
    def passes(self) -> bool:
        """Tell whether every hop gets through."""
        return all(hop.passes for hop in self.hops)


def traced(arch: Architecture, call: Call) -> TracedHop:
    """Return one call's network and identity verdicts."""
    return TracedHop(call, network_of(arch).call(call), access(arch, call.caller, call.callee))
