"""What a change to one architecture does: the structured value every diff output reads.

The text, Markdown and JSON reports format it, and a picture writer can
colour the new design's layout from it (added, removed, changed ids), so
each output says the same thing. Lists keep declaration order: the new
file's for what exists now, the old file's for what is gone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from archgen.errors import Problem
from archgen.findings import Finding
from archgen.model.architecture import Architecture

A = TypeVar("A")
C = TypeVar("C")


@dataclass(frozen=True)
class ChangedResource:
    """A resource in both versions whose fields differ, named in the new file's order."""

    id: str
    type: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Changes(Generic[A, C]):
    """What a change added, removed and changed among one kind of part (resources, links...).

    One shape for every kind, so each report walks the three lists alike;
    `A` names a part added or removed, `C` a part changed in place.
    """

    added: tuple[A, ...] = ()
    removed: tuple[A, ...] = ()
    changed: tuple[C, ...] = ()


@dataclass(frozen=True)
class Link:
    """A declared connection as the diff identifies it: its ends, protocol and port."""

    source: str
    target: str
    protocol: str
    port: int


@dataclass(frozen=True)
class ChangedLink:
    """A connection between the same two resources whose fields differ, as it is now."""

    link: Link
    fields: tuple[str, ...]


ResourceChanges = Changes[tuple[str, str], ChangedResource]
"""Resources added, removed and changed, each with its type (the new one if it changed)."""

LinkChanges = Changes[Link, ChangedLink]
"""Connections added, removed and changed (label, mode, protocol, port)."""

FlowChanges = Changes[str, str]
"""Flows added, removed, and those whose steps changed, by name."""


@dataclass(frozen=True)
class Exposure:
    """Ports the internet reaches on a resource, per the network analysis."""

    resource: str
    protocol: str
    ports: str


@dataclass(frozen=True)
class Reach:
    """A declared connection whose verdict flipped, and what blocks it when it is blocked."""

    link: Link
    blocked_by: str = ""


@dataclass(frozen=True)
class ZoneChange:
    """The Availability Zones a resource is placed in, before and after."""

    resource: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    why: str = ""
    """What held the lost zones when the subnets still reach them (the standby, the readers)."""

    @property
    def lost(self) -> tuple[str, ...]:
        """Return the zones the resource left."""
        return tuple(zone for zone in self.before if zone not in self.after)

    @property
    def gained(self) -> tuple[str, ...]:
        """Return the zones the resource entered."""
        return tuple(zone for zone in self.after if zone not in self.before)


@dataclass(frozen=True)
class Behaviour:
    """What the change does, as against what it edits: exposure, reach, zones, findings."""

    exposure_opened: tuple[Exposure, ...] = ()
    exposure_closed: tuple[Exposure, ...] = ()
    reach_opened: tuple[Reach, ...] = ()
    reach_closed: tuple[Reach, ...] = ()
    zones_lost: tuple[ZoneChange, ...] = ()
    zones_gained: tuple[ZoneChange, ...] = ()
    findings_new: tuple[Finding, ...] = ()
    findings_fixed: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class ArchitectureDiff:
    """One architecture before and after: where each side was read, and what changed.

    `before` and `after` are the loaded models (None for a file added or
    deleted), kept for writers that draw the change on the new layout.
    """

    name: str
    old: str | None
    new: str | None
    resources: ResourceChanges
    connections: LinkChanges
    flows: FlowChanges
    behaviour: Behaviour
    unreadable: tuple[Problem, ...] = ()
    """Why the old side could not be read (the change fixes it): compared with nothing."""
    renamed: bool = False
    """The file moved (`git mv`): a change even when not one byte of it did."""
    document: tuple[str, ...] = ()
    """The file's own fields that changed: `title`, `description`, `region`, `name`."""
    before: Architecture | None = field(default=None, compare=False, repr=False)
    after: Architecture | None = field(default=None, compare=False, repr=False)

    @property
    def empty(self) -> bool:
        """Tell whether the change alters nothing the diff compares."""
        return (
            self.resources == ResourceChanges()
            and self.connections == LinkChanges()
            and self.flows == FlowChanges()
            and self.behaviour == Behaviour()
            and not self.document
            and not self.renamed
            and not self.unreadable
        )
