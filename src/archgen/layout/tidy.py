"""The tidy pass: dot's layout moved into the shapes an AWS architect draws.

It runs between dot's layout and the drawing (`redraw`), on the numbers alone.
"""

from __future__ import annotations

from archgen.layout import security_boxes
from archgen.layout.actors import lift_actors
from archgen.layout.around import route_around
from archgen.layout.bars import lay_bars
from archgen.layout.borders import place_doors
from archgen.layout.dead_space import close_empty_bands
from archgen.layout.endpoint_rows import through_icons, tidy_endpoint_rows
from archgen.layout.gateway_inside import make_room
from archgen.layout.groups import BOX_NAMES
from archgen.layout.keep_in import keep_in_boxes
from archgen.layout.laid import Laid, hull, open_column
from archgen.layout.landing import land_on_icons
from archgen.layout.legend_place import place_legend
from archgen.layout.legend_spot import settle_legend
from archgen.layout.loops import straighten_loops
from archgen.layout.notes_room import room_beside_notes, through_notes
from archgen.layout.off_notes import step_round_notes
from archgen.layout.over_door import line_up_doors
from archgen.layout.repair import foreign_crossings, free_labels, strays
from archgen.layout.role_lines import join_boxes
from archgen.layout.route import route_moved
from archgen.layout.scene import Group, Scene
from archgen.layout.service_row import centre_services
from archgen.layout.span_titles import fit_titles
from archgen.layout.spread_ends import spread_ends
from archgen.layout.stagger import stagger_slots
from archgen.layout.under_zones import centre_under, step_aside
from archgen.layout.walled import lower_walled
from archgen.layout.zone_order import order_zones


def tidy(scene: Scene, laid: Laid) -> None:
    """Tidy `laid` in place for `scene`: spanning groups, doors on borders, lines rerouted."""
    groups = _groups(scene.cloud)
    spanning = [group for group in groups if group.spans and group.kind in BOX_NAMES]
    tidy_endpoint_rows(scene, laid, [g for g in groups if g.kind.startswith("subnet-")])
    subnets = {
        slot: next(g for g in groups if any(_wraps(c, slot) for c in g.groups))
        for group in spanning
        for slot in group.spans
    }
    for group in spanning:
        for index, slot in enumerate(group.spans):
            _face(laid, subnets[slot], slot, rightmost=index < len(group.spans) / 2)
    stagger_slots(laid, [g for g in groups if g.kind.startswith("subnet-")])
    kept = security_boxes.margins(groups, laid)
    vpcs = [group for group in groups if group.kind == "vpc"]
    place_doors(scene, laid, vpcs)
    noted = any(group.notes for group in groups)  # network view: routes and NACLs under names
    if noted:
        room_beside_notes(scene, laid, vpcs)  # a lane past each subnet's notes
    mirror_rows(scene, laid, vpcs)
    order_zones(laid, vpcs)
    centre_services(scene, laid, groups)
    step_aside(scene, laid)
    lay_bars(scene, laid)
    lower_walled(scene, laid)  # after the bars: a NAT gateway one walls in goes under it
    centre_under(scene, laid)
    for group in spanning:
        _span(laid, group)
    fit_titles(laid, spanning, subnets)  # once the boxes stand where they are drawn
    security_boxes.refit(groups, laid, kept, scene.bars)
    place_legend(scene, laid, groups)
    line_up_doors(scene, laid, groups)  # CloudFront over its gateway, then its actor over it
    lift_actors(scene, laid, groups)  # before routing: its line is routed as moved
    astray = foreign_crossings(scene, laid, groups) | strays(scene, laid, groups)
    astray |= {edge.id for edge in scene.edges if edge.kind == "replication"}  # under the row
    astray |= through_icons(scene, laid)
    astray |= through_notes(scene, laid, groups) if noted else set()  # a curve over notes
    astray |= {edge.id for edge in scene.edges if edge.after_layout}
    make_room(scene, laid)  # under an internet gateway, for the lines rising into it
    route_moved(scene, laid, groups, astray)
    straighten_loops(scene, laid, groups)  # curves the bands route_moved opened stretched
    route_around(scene, laid, groups)
    keep_in_boxes(scene, laid, groups)
    land_on_icons(scene, laid)
    spread_ends(scene, laid)
    join_boxes(scene, laid)
    if noted:
        step_round_notes(scene, laid, groups)  # no line strikes out a route table
    free_labels(scene, laid, groups)
    close_empty_bands(scene, laid, groups)
    place_legend(scene, laid, groups)  # again: the actors stand where they will be drawn
    settle_legend(scene, laid, groups)  # last: it keeps clear of every line and label


def _groups(group: Group) -> list[Group]:
    return [group, *(g for child in group.groups for g in _groups(child))]


def _wraps(group: Group, slot: str) -> bool:
    """Tell whether `group` is the box `slot`, or a security group's box around it."""
    return group.id == slot or (group.kind == "sg" and any(_wraps(c, slot) for c in group.groups))


def _nodes(group: Group) -> list[str]:
    """Return the icons in a box and in the boxes inside it."""
    return [*group.nodes, *(n for child in group.groups for n in _nodes(child))]


def _face(laid: Laid, subnet: Group, slot: str, *, rightmost: bool) -> None:
    """Mirror a subnet's content when its instance does not face the next zone.

    dot orders nodes by the lines between them and does not keep a requested
    order across a cluster's border, so the tidy pass turns the row round.
    """
    name = f"cluster_{slot}"
    box = laid.clusters[name]
    inside = _nodes(next(g for g in subnet.groups if _wraps(g, slot)))
    wrapped = [n for c in subnet.groups if c.kind == "sg" or c.id == slot for n in _nodes(c)]
    held = [n for n in [*subnet.nodes, *wrapped] if n in laid.nodes]
    others = [laid.nodes[n] for n in held if n not in inside]
    if not others:
        return
    beside = min(o[0] for o in others) > box[0] if rightmost else max(o[2] for o in others) < box[2]
    if not beside:
        return
    boxes = [f"cluster_{g.id}" for g in _groups(subnet) if g.kind == "sg"]
    others += [laid.clusters[b] for b in boxes if b in laid.clusters]
    left = min(box[0], *(o[0] for o in others))
    right = max(box[2], *(o[2] for o in others))
    for node in held:
        centre = laid.centre(node)[0]
        laid.move(node, left + right - 2 * centre)
    for turned in [name, *boxes]:
        if turned in laid.clusters:
            a, bottom, b, top = laid.clusters[turned]
            laid.clusters[turned] = (left + right - b, bottom, left + right - a, top)


def _span(laid: Laid, group: Group) -> None:
    """Give a box across zones the bounds of the slots dot kept for it in each zone."""
    slots = [laid.clusters[f"cluster_{slot}"] for slot in group.spans]
    laid.clusters[f"cluster_{group.id}"] = hull(slots)


def mirror_rows(scene: Scene, laid: Laid, vpcs: list[Group]) -> None:
    """Give every zone of a VPC one width, and every subnet its zone's inner width.

    A tier then has the same width and offset in every zone, and the rows
    line up: an architect compares zones by looking across a row.
    """
    columns = [
        [z for z in vpc.groups if z.kind == "az" and f"cluster_{z.id}" in laid.clusters]
        for vpc in vpcs
    ]
    for _ in range(_PASSES):  # a column opened in one VPC widens the zone of a VPC above it
        if not any([_widen(laid, zones) for zones in columns]):
            break
    for zones in columns:
        for zone in zones:
            left, _, right, _ = laid.clusters[f"cluster_{zone.id}"]
            for subnet in zone.groups:
                name = f"cluster_{subnet.id}"
                if name in laid.clusters:
                    _, bottom, _, top = laid.clusters[name]
                    laid.clusters[name] = (left + _INSET, bottom, right - _INSET, top)
    _level_rows(scene, laid)


_INSET = 8.0
"""Points between a zone's border and the subnets in it."""
_PASSES = 6
"""Rounds of widening zones; VPCs stacked over each other settle in two or three."""


def _widen(laid: Laid, zones: list[Group]) -> bool:
    """Widen the VPC's narrower zones to its widest one; tell whether any moved."""
    widest = max((_width(laid, z) for z in zones), default=0.0)
    moved = False
    for zone in sorted(zones, key=lambda z: laid.clusters[f"cluster_{z.id}"][0]):
        extra = widest - _width(laid, zone)
        if extra > 0:
            open_column(laid, laid.clusters[f"cluster_{zone.id}"][2] - 0.01, extra)
            moved = True
    return moved


def _width(laid: Laid, zone: Group) -> float:
    left, _, right, _ = laid.clusters[f"cluster_{zone.id}"]
    return right - left


def _level_rows(scene: Scene, laid: Laid) -> None:
    """Give the subnets of one tier row one top and one bottom."""
    for row in scene.rows:
        names = [
            f"cluster_subnet:{n.removesuffix('/anchor')}" for n in row if n.endswith("/anchor")
        ]
        boxes = [laid.clusters[n] for n in names if n in laid.clusters]
        if not boxes:
            continue
        top = max(box[3] for box in boxes)
        bottom = min(box[1] for box in boxes)
        for name in names:
            if name in laid.clusters:
                left, _, right, _ = laid.clusters[name]
                laid.clusters[name] = (left, bottom, right, top)
