"""`archgen diff`: what a change to an architecture edits, and what it does.

`compare` lists what was edited (resources by field, connections, flows);
`behaviour` asks the network analysis and the rule engine about both
versions and keeps what changed; `model` holds the result every output reads.
"""

from __future__ import annotations

from archgen.diff.behaviour import behaviour
from archgen.diff.compare import connections, document, flows, resources
from archgen.diff.model import ArchitectureDiff
from archgen.model.architecture import Architecture
from archgen.rules.config import RunConfig


def diff_architectures(
    before: Architecture | None,
    after: Architecture | None,
    old: str | None,
    new: str | None,
    config: RunConfig | None = None,
) -> ArchitectureDiff:
    """Return what changes from `before` (read from `old`) to `after` (read from `new`)."""
    named = after if after is not None else before
    return ArchitectureDiff(
        name=named.name if named is not None else "",
        old=old,
        new=new,
        resources=resources(before, after),
        connections=connections(before, after),
        flows=flows(before, after),
        behaviour=behaviour(before, after, config),
        document=document(before, after),
        before=before,
        after=after,
    )
