"""AG209: presentation and application are served by different resources."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.edge import ApiGateway
from archgen.model.resources.facts import HoldsRole
from archgen.rules.base import Rule

_WEB = frozenset({"http", "https"})
"""The protocols a browser loads pages with; the derivation follows only these."""


class TiersSeparated(Rule):
    """AG209: one fleet serving pages and running the API cannot scale either alone."""

    id = "AG209"
    name = "tiers-separated"
    title = "Presentation and application are separate resources"
    severity = Severity.WARNING
    rationale = (
        "When the same servers render the site and run the application logic, a spike in "
        "either takes both down, and neither can be scaled, secured or released alone."
    )
    remediation = (
        "Serve the static presentation layer from S3 through CloudFront and run the "
        "application behind API Gateway or a load balancer."
    )
    mirrors = "AWS Well-Architected PERF/REL: decouple tiers; three-tier reference architecture"

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Flag resources declared in both tiers, or found serving both by the connections."""
        for resource_id, resource in arch.resources.items():
            tiers = arch.tiers_of(resource_id)
            if "presentation" in tiers and "application" in tiers:
                yield self.issue(
                    resource,
                    "serves both the presentation and the application tier: they cannot "
                    "scale or change separately",
                    "tier",
                )
        for server, door in sorted(_page_servers(arch).items()):
            if arch.resource(server).tier is not None:
                continue  # declared: reported above, or the author's tier by intent
            yield self.issue(
                arch.resource(server),
                f"serves both the presentation and the application tier: clients reach it "
                f"through {door} and load their pages from nothing else, so it renders them "
                "and runs the application logic",
            )


def _page_servers(arch: Architecture) -> dict[str, str]:
    """Return the compute that clients' pages must come from, with the door they pass.

    Without a `tier` tag, a tier is derived from the types: a client's requests
    pass edge resources (DNS, CDN, load balancer) and stop at the first other
    resource. When none of a client's stops is a presentation resource (a
    website bucket, a tagged web tier), the compute among them serves the pages
    as well as the logic. Behind API Gateway there is an API, not pages.
    """
    found: dict[str, str] = {}
    for client in arch.resources:
        if "external" not in arch.tiers_of(client):
            continue
        stops = _stops(arch, client)
        if any("presentation" in arch.tiers_of(stop) for stop in stops):
            continue
        for stop, door in stops.items():
            if isinstance(arch.resource(stop), HoldsRole) and door is not None:
                found.setdefault(stop, door)
    return found


def _stops(arch: Architecture, client: str) -> dict[str, str | None]:
    """Return the first non-edge resources a client's requests reach, with the last door.

    The door is None when an API Gateway API is on the way (the stop serves an
    API), or the client reaches the stop directly (AG206's case).
    """
    stops: dict[str, str | None] = {}
    seen: set[str] = {client}
    todo: list[tuple[str, str | None]] = [(client, None)]
    while todo:
        here, door = todo.pop()
        for _, connection in arch.connections_from(here):
            target = connection.target
            if arch.mode_of(connection) != "request" or target in seen:
                continue
            if connection.protocol not in _WEB:
                continue  # MQTT, SQL, SSH...: whoever speaks it loads no pages
            seen.add(target)
            if "edge" not in arch.tiers_of(target):
                stops[target] = door
            elif not isinstance(arch.resource(target), ApiGateway):
                todo.append((target, target))
    return stops
