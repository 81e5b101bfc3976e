"""Ends spread along an icon's side keep off the track of a line passing by (issue 15).

An end moves with its straight run in; spread onto the x where another line
runs down past the icon, the two lines read as one (EC2 design: a server's
line into the DynamoDB gateway endpoint under its line to the S3 one).
"""

from __future__ import annotations

from archgen.layout.laid import Laid
from archgen.layout.scene import Edge, Node, Scene
from archgen.layout.spread_ends import spread_ends


def _down(x: float, top: float, bottom: float) -> str:
    """Return a straight route down at `x` from `top`, its arrowhead's tip at `bottom`."""
    step = (top - bottom - 5) / 3
    points = " ".join(f"{x:g},{top - step * i:g}" for i in range(4))
    return f"e,{x:g},{bottom:g} {points}"


def _scene() -> tuple[Scene, Laid]:
    scene = Scene("t", "T")
    for node_id in ("db", "a", "b", "c", "far"):
        scene.nodes[node_id] = Node(node_id, node_id, "rds", node_id)
    scene.edges = [Edge("a>db", "a", "db", "request"), Edge("b>db", "b", "db", "request")]
    scene.edges.append(Edge("c>far", "c", "far", "request"))
    laid = Laid((0.0, 0.0, 400.0, 400.0))
    laid.nodes = {
        "db": (100.0, 0.0, 200.0, 100.0),
        "a": (100.0, 300.0, 160.0, 360.0),
        "b": (140.0, 300.0, 200.0, 360.0),
        "c": (113.0, 300.0, 173.0, 360.0),
        "far": (300.0, 80.0, 360.0, 140.0),
    }
    laid.routes = {"a>db": _down(148, 300, 100), "b>db": _down(150, 300, 100)}
    # down at x 143 to just over the icon, then right to a node beside it
    laid.routes["c>far"] = "e,300,110 143,300 143,240 143,180 143,110 200,110 250,110 295,110"
    return scene, laid


def _ends(laid: Laid) -> list[float]:
    return sorted(float(laid.routes[e].split()[0].split(",")[1]) for e in ("a>db", "b>db"))


def test_spread_ends_keep_off_a_line_passing_down_beside_them() -> None:
    scene, laid = _scene()
    spread_ends(scene, laid)
    ends = _ends(laid)
    assert ends[1] - ends[0] >= 12  # spread apart
    assert all(abs(end - 143) >= 2 for end in ends)  # neither on the passing line's track


def test_without_a_line_beside_them_the_ends_spread_about_where_they_were() -> None:
    scene, laid = _scene()
    del laid.routes["c>far"]
    spread_ends(scene, laid)
    assert _ends(laid) == [143.0, 155.0]
