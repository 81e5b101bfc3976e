"""Which views of a design a render draws or checks: the one asked for, or those already drawn.

`render --view network` draws that view. A render without `--view` draws the
default pictures and keeps every other view the folder already holds for the
design current, so a `render --check` in CI reports a stale or missing
`capstone.network.png` once the user has drawn that view, and a plain render
refreshes it. The explanation is one per design: only the first view writes it,
and it shows that view's picture.
"""

from __future__ import annotations

from pathlib import Path

from archgen.render.formats import VIEWS, output_suffix


def views_of(out: Path, name: str, formats: tuple[str, ...], asked: str | None) -> tuple[str, ...]:
    """Return the views to draw of the design `name` into `out`, the first one writing the Markdown.

    `asked` is the `--view` given; None means the default view and every view
    with a picture of the design in `out`.
    """
    if asked is not None:
        return (asked,)
    drawn = tuple(
        view
        for view in VIEWS
        if view != "default"
        and any(
            (out / f"{name}{output_suffix(fmt, view)}").exists() for fmt in formats if fmt != "md"
        )
    )
    return ("default", *drawn)


def formats_of(formats: tuple[str, ...], views: tuple[str, ...], view: str) -> tuple[str, ...]:
    """Return what one view writes: the pictures, and the explanation for the first view only."""
    return formats if view == views[0] else tuple(fmt for fmt in formats if fmt != "md")


def picture_of(out: Path, name: str, formats: tuple[str, ...], view: str) -> str:
    """Return the picture the explanation shows: the view it is written with, as drawn now.

    The explanation is written with the first view of a run, so it links
    that view's PNG, else its SVG, when this run draws it; else whichever of
    them `out` already holds; else the PNG a plain render would draw.
    """
    files = [(fmt, f"{name}{output_suffix(fmt, view)}") for fmt in ("png", "svg")]
    drawn = [file for fmt, file in files if fmt in formats]
    held = [file for _, file in files if (out / file).exists()]
    return (drawn or held or [f"{name}{output_suffix('png', 'default')}"])[0]
