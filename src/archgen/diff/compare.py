"""What a change edits: resources by field, connections, flows.

Either side may be missing (a file added or deleted): everything on the
other side is then added or removed, so a new file reads as a change from
nothing and every output treats it alike.
"""

from __future__ import annotations

from typing import Any

from archgen.diff.model import (
    ChangedLink,
    ChangedResource,
    FlowChanges,
    Link,
    LinkChanges,
    ResourceChanges,
)
from archgen.model.architecture import Architecture


def resources(before: Architecture | None, after: Architecture | None) -> ResourceChanges:
    """Return the resources added, removed and changed (with the fields that differ)."""
    old = _fields_by_id(before)
    new = _fields_by_id(after)
    changed = [
        ChangedResource(resource_id, type_name, _differing(old[resource_id], new[resource_id]))
        for resource_id, type_name in _typed(after, list(new))
        if resource_id in old and old[resource_id] != new[resource_id]
    ]
    return ResourceChanges(
        added=_typed(after, [rid for rid in new if rid not in old]),
        removed=_typed(before, [rid for rid in old if rid not in new]),
        changed=tuple(changed),
    )


def _differing(old: dict[str, Any], new: dict[str, Any]) -> tuple[str, ...]:
    """Return the fields whose values differ, the new file's first, then those it dropped."""
    return tuple(key for key in dict.fromkeys([*new, *old]) if new.get(key) != old.get(key))


def _fields_by_id(arch: Architecture | None) -> dict[str, dict[str, Any]]:
    """Return each resource's fields as written values (`Any`: whatever the YAML held)."""
    if arch is None:
        return {}
    return {
        resource_id: resource.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        for resource_id, resource in arch.resources.items()
    }


def _typed(arch: Architecture | None, ids: list[str]) -> tuple[tuple[str, str], ...]:
    if arch is None:
        return ()
    return tuple((resource_id, arch.type_of(resource_id)) for resource_id in ids)


DOCUMENT_FIELDS = ("name", "title", "description", "region")
"""The file's own fields a reader sees, in the order the reports name them."""


def document(before: Architecture | None, after: Architecture | None) -> tuple[str, ...]:
    """Return the file's own fields that differ: a new title is a change a reviewer reads."""
    if before is None or after is None:
        return ()
    return tuple(
        name
        for name in DOCUMENT_FIELDS
        if getattr(before.document, name) != getattr(after.document, name)
    )


def links(arch: Architecture | None) -> dict[Link, int]:
    """Return each declared connection as the diff identifies it, with its index in the file.

    The port is the effective one (declared, else the target's, else the
    protocol's), so writing a default port out changes nothing.
    """
    if arch is None:
        return {}
    found: dict[Link, int] = {}
    for index, connection in enumerate(arch.connections):
        link = Link(
            connection.source, connection.target, connection.protocol, arch.port_of(connection)
        )
        found.setdefault(link, index)
    return found


def connections(before: Architecture | None, after: Architecture | None) -> LinkChanges:
    """Return the connections added, removed and changed.

    A connection is the same one while its two ends are: a new label, mode,
    protocol or port between the same resources is a change, not one
    connection removed and another added (when the ends hold one each).
    """
    old, new = _link_fields(before), _link_fields(after)
    added = [link for link in new if link not in old]
    removed = [link for link in old if link not in new]
    changed = {
        link: _differing(old[link], new[link])
        for link in new
        if link in old and old[link] != new[link]
    }
    for link in list(added):
        was = [gone for gone in removed if (gone.source, gone.target) == (link.source, link.target)]
        now = [
            other for other in added if (other.source, other.target) == (link.source, link.target)
        ]
        if len(was) == 1 and len(now) == 1:
            added.remove(link)
            removed.remove(was[0])
            changed[link] = _differing(old[was[0]], new[link])
    order = list(new)
    return LinkChanges(
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(
            ChangedLink(link, fields)
            for link, fields in sorted(changed.items(), key=lambda item: order.index(item[0]))
        ),
    )


def _link_fields(arch: Architecture | None) -> dict[Link, dict[str, Any]]:
    """Return each connection's written fields but its ends, with its effective port."""
    if arch is None:
        return {}
    found: dict[Link, dict[str, Any]] = {}
    for link, index in links(arch).items():
        written = arch.connections[index].model_dump(
            mode="json", by_alias=True, exclude_defaults=True, exclude={"source", "target"}
        )
        found[link] = {**written, "port": link.port}
    return found


def flows(before: Architecture | None, after: Architecture | None) -> FlowChanges:
    """Return the flows added, removed and re-routed, by name."""
    old = {flow.name: flow.steps for flow in before.document.flows} if before else {}
    new = {flow.name: flow.steps for flow in after.document.flows} if after else {}
    return FlowChanges(
        added=tuple(name for name in new if name not in old),
        removed=tuple(name for name in old if name not in new),
        changed=tuple(name for name, steps in new.items() if name in old and old[name] != steps),
    )
