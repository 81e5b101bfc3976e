"""Boxes for the property tests of the layout's searches: a corner and two sides, drawn."""

from __future__ import annotations

from hypothesis import strategies as st

from archgen.layout.laid import Rect


def rects(at: st.SearchStrategy[float], size: st.SearchStrategy[float]) -> st.SearchStrategy[Rect]:
    """Return boxes whose lower left corner comes from `at` and whose sides come from `size`."""
    return st.builds(
        lambda left, bottom, width, height: (left, bottom, left + width, bottom + height),
        at,
        at,
        size,
        size,
    )
