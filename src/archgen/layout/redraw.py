"""The picture in two graphviz runs: dot lays the scene out, `neato -n2` draws it as tidied.

`neato -n2` takes every position, box, route and label position as given and
only draws (routing afresh just the lines whose ends the tidy pass moved), so
the PNG, the SVG and the JSON the draw.io file is made from all show the
tidied layout. A text-only run first sizes the page in whole pixels, as `run` does for dot.
neato's programs are started once dot's layout is in (`run.started`, in a
thread): their start-up overlaps the tidy pass, not dot's layout.
"""

from __future__ import annotations

from collections.abc import Callable

from archgen.layout.dot import build_dot
from archgen.layout.laid import Laid, parse
from archgen.layout.run import program, started
from archgen.layout.scene import Scene
from archgen.layout.spare_work import Spare
from archgen.layout.tidy import tidy

Extra = Callable[[Laid], str]
"""DOT statements of the caller's own (a diff's colour key), made from the tidied layout."""


def draw_tidied(
    scene: Scene,
    layout: bytes,
    formats: tuple[str, ...],
    extra: Extra | None = None,
) -> dict[str, bytes]:
    """Tidy dot's layout (its JSON) of `scene`; return each format `neato -n2` draws of it.

    `extra` gives DOT statements of the caller's own (a diff's colour key),
    pinned where the layout put them, added at the end.
    """
    return lay_out_and_draw(scene, lambda: layout, formats, extra)


def lay_out_and_draw(
    scene: Scene,
    lay_out: Callable[[], bytes],
    formats: tuple[str, ...],
    extra: Extra | None = None,
    meanwhile: Spare | None = None,
) -> dict[str, bytes]:
    """Start neato, get dot's layout (its JSON) of `scene` from `lay_out`, tidy it and draw it.

    What is left of `meanwhile` is done once neato has the tidied source, while it draws.
    """
    laid = parse(lay_out())
    with started([program("neato"), "-n2"], formats) as draw:
        tidy(scene, laid)
        final = build_dot(scene, laid)
        if extra is not None:
            end = final.rstrip().rfind("}")
            final = f"{final[:end]}\t{extra(laid)}\n{final[end:]}"
        return draw(final, meanwhile)
